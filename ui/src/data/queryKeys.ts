/** Query keys for server state; one place so invalidation cannot drift from reads. */
export const queryKeys = {
  regions: ["regions"] as const,
  connections: ["connections"] as const,
  session: ["session"] as const,
  presenceOptions: (connectionId: string) => ["presence-options", connectionId] as const,
  presenceOptionsAll: ["presence-options"] as const,
  appInfo: ["app-info"] as const,
  /** Views and filter choices belong to one organization: keyed by connection. */
  views: (connectionId: string) => ["views", connectionId] as const,
  filterOptions: (connectionId: string) => ["filter-options", connectionId] as const,
  recordingDetails: (conversationId: string) => ["recording-details", conversationId] as const,
};
