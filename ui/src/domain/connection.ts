import type { Connection, Grant, Region } from "../ipc";

export const GRANT_LABELS: Record<Grant, string> = {
  pkce: "Person (PKCE)",
  clientCredentials: "Service (client credentials)",
};

/** The same, short enough for a table column. */
export const GRANT_SHORT_LABELS: Record<Grant, string> = {
  pkce: "Person (PKCE)",
  clientCredentials: "Service",
};

/** How a connection signs in; the demo signs its supervisor in by itself. */
export function signInLabel(connection: Connection, short = false): string {
  if (connection.isDemo) {
    return short ? "Automatic" : "Automatic (demo supervisor)";
  }
  return (short ? GRANT_SHORT_LABELS : GRANT_LABELS)[connection.grant];
}

/** Where a connection points: its region's label, else its custom base URL. */
export function connectionLocation(connection: Connection, regions: readonly Region[]): string {
  if (connection.isDemo) {
    return "Built in, on this computer";
  }
  if (connection.region) {
    return regions.find((r) => r.id === connection.region)?.label ?? connection.region;
  }
  return connection.baseUrl ?? connection.apiBase;
}
