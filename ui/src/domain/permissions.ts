// Supervising needs a few platform permissions. Permissions are `domain:entity:action`
// strings where any part may be `*` (an admin role grants `recording:*:*`).

export interface SupervisorCapability {
  id: string;
  label: string;
  /** What the supervisor can do with it, shown next to the label. */
  detail: string;
  permission: string;
}

export const SUPERVISOR_CAPABILITIES: readonly SupervisorCapability[] = [
  {
    id: "monitor",
    label: "Monitor calls",
    detail: "Listen in on live calls",
    permission: "conversation:call:monitor",
  },
  {
    id: "conversation-analytics",
    label: "Conversation analytics",
    detail: "Search and review conversation details",
    permission: "analytics:conversationDetail:view",
  },
  {
    id: "queue-analytics",
    label: "Queue activity",
    detail: "See who is waiting and who is on queue",
    permission: "analytics:queueObservation:view",
  },
  {
    id: "recordings",
    label: "Recordings",
    detail: "Play back call recordings",
    permission: "recording:recording:view",
  },
];

function partMatches(granted: string | undefined, wanted: string | undefined): boolean {
  return granted === "*" || (granted !== undefined && granted === wanted);
}

/** Whether a granted permission (possibly with `*` parts) covers the wanted one. */
export function permissionCovers(granted: string, wanted: string): boolean {
  const g = granted.split(":");
  const w = wanted.split(":");
  if (g.length !== 3 || w.length !== 3) return granted === wanted;
  return g.every((part, i) => partMatches(part, w[i]));
}

export function hasPermission(granted: readonly string[], wanted: string): boolean {
  return granted.some((p) => permissionCovers(p, wanted));
}
