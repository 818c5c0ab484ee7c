// The IPC contract with the Rust side. Field names are the camelCase JSON the backend
// serializes; command names are the snake_case Tauri command names in ./index.ts.

/** Error codes the backend may send in `{ code, message }`. */
export const ERROR_CODES = [
  "Validation",
  "NotFound",
  "Network",
  "AuthFailed",
  "SignInRequired",
  "KeyringUnavailable",
  "PermissionDenied",
  "RateLimited",
  "Platform",
  "Cancelled",
  "Timeout",
  "UnsupportedMedia",
  "CorruptMedia",
  "MediaTooLarge",
  "Internal",
] as const;

/** A backend code, or "Unknown" for anything the UI does not recognise. */
export type ErrorCode = (typeof ERROR_CODES)[number] | "Unknown";

/** How a connection obtains a token: a person in the browser, or a service secret. */
export type Grant = "pkce" | "clientCredentials";

export interface Region {
  id: string;
  label: string;
  apiBase: string;
}

export interface Connection {
  id: string;
  name: string;
  /** A region id from `list_regions`, or null when `baseUrl` is used. */
  region: string | null;
  baseUrl: string | null;
  apiBase: string;
  clientId: string;
  grant: Grant;
  isDemo: boolean;
  hasClientSecret: boolean;
  signedIn: boolean;
  staySignedIn: boolean;
  active: boolean;
}

/** What `save_connection` takes: creates when `id` is null, else updates. */
export interface ConnectionInput {
  id?: string | null;
  name: string;
  region?: string | null;
  baseUrl?: string | null;
  clientId: string;
  grant: Grant;
  /** For client credentials; null on update keeps the stored secret. */
  clientSecret?: string | null;
}

export interface ConnectionTest {
  latencyMs: number;
  message: string;
}

export interface Presence {
  definitionId: string;
  /** The platform-wide state: Available, Away, Busy, OnQueue, Offline, … */
  systemPresence: string;
  label: string;
  message: string | null;
}

export interface PresenceOption {
  id: string;
  label: string;
  systemPresence: string;
}

export interface SessionUser {
  id: string;
  name: string;
  email: string | null;
  title: string | null;
  department: string | null;
}

export interface Organization {
  id: string;
  name: string;
}

export interface Session {
  connectionId: string;
  /** A person (PKCE) or a service (client credentials, no user and no presence). */
  kind: "user" | "service";
  user: SessionUser | null;
  organization: Organization | null;
  presence: Presence | null;
  permissions: string[];
}

export interface AppInfo {
  version: string;
  dataDir: string;
  logDir: string;
}
