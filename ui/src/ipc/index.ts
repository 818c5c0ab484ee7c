// The only module that talks to Tauri. Every command is a typed async function whose
// rejections are IpcErrors; lint forbids importing @tauri-apps/api/core elsewhere.
import { Channel, invoke, type InvokeArgs } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";

import { IpcError } from "./error";
import type {
  AppInfo,
  Connection,
  ConnectionInput,
  ConnectionTest,
  Presence,
  PresenceOption,
  Region,
  Session,
} from "./types";
import type {
  ArrangedResult,
  ColumnId,
  ExportedFile,
  FilterOptions,
  InteractionFilters,
  InteractionRow,
  LoadEvent,
  OpenedResult,
  SavedView,
  SavedViewInput,
  SortSpec,
} from "./interactions";

export * from "./types";
export * from "./interactions";
export { IpcError } from "./error";

/** The event the backend emits when the active session changes. */
export const SESSION_CHANGED = "session-changed";

async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw IpcError.from(error);
  }
}

export const listRegions = () => call<Region[]>("list_regions");

export const listConnections = () => call<Connection[]>("list_connections");

/** Creates the connection when `input.id` is null or absent, else updates it. */
export const saveConnection = (input: ConnectionInput) =>
  call<Connection>("save_connection", { input });

export const removeConnection = (id: string) => call<void>("remove_connection", { id });

/** Resolves with the round trip; rejects with an IpcError saying why it failed. */
export const testConnection = (id: string) => call<ConnectionTest>("test_connection", { id });

/** For PKCE this waits for the system browser (up to 5 minutes) until signed in or cancelled. */
export const signIn = (id: string, staySignedIn: boolean) =>
  call<Session>("sign_in", { id, staySignedIn });

export const cancelSignIn = (id: string) => call<void>("cancel_sign_in", { id });

export const signOut = (id: string) => call<void>("sign_out", { id });

export const setActiveConnection = (id: string) =>
  call<Session | null>("set_active_connection", { id });

/** The active connection's session, or null when it is signed out. */
export const getSession = () => call<Session | null>("get_session");

export const listPresenceOptions = () => call<PresenceOption[]>("list_presence_options");

export const setPresence = (definitionId: string) =>
  call<Presence>("set_presence", { definitionId });

export const getAppInfo = () => call<AppInfo>("get_app_info");

export const listViews = () => call<SavedView[]>("list_views");

/** Creates the view when `input.id` is null, else updates it (a rename is an update). */
export const saveView = (input: SavedViewInput) => call<SavedView>("save_view", { input });

export const duplicateView = (id: string) => call<SavedView>("duplicate_view", { id });

export const deleteView = (id: string) => call<void>("delete_view", { id });

export const getFilterOptions = () => call<FilterOptions>("get_filter_options");

/**
 * Loads the interactions `filters` select: cached rows first, then the platform's, with
 * progress through `onEvent` (see LoadEvent). Resolves at once with the result's id.
 */
export function openInteractions(
  filters: InteractionFilters,
  sort: SortSpec,
  onEvent: (event: LoadEvent) => void,
): Promise<OpenedResult> {
  const events = new Channel<LoadEvent>(onEvent);
  return call<OpenedResult>("open_interactions", { filters, sort, events });
}

/** Rows `offset .. offset + limit` of the result in its arranged order. */
export const interactionRows = (resultId: string, offset: number, limit: number) =>
  call<InteractionRow[]>("interaction_rows", { resultId, offset, limit });

/** Sorts the loaded rows and applies the local text filter; fast, no platform call. */
export const arrangeInteractions = (resultId: string, sort: SortSpec, text: string) =>
  call<ArrangedResult>("arrange_interactions", { resultId, sort, text });

/** Stops a load; rows loaded so far stay. */
export const cancelInteractions = (resultId: string) =>
  call<void>("cancel_interactions", { resultId });

/** Forgets a result the UI no longer shows. */
export const closeInteractions = (resultId: string) =>
  call<void>("close_interactions", { resultId });

/** Writes the arranged rows as CSV with these columns into the Downloads folder. */
export const exportInteractions = (resultId: string, columns: ColumnId[], name: string) =>
  call<ExportedFile>("export_interactions", { resultId, columns, name });

/**
 * Calls `onChange` with the new active session (or null) whenever the backend reports a
 * change. Returns a function that stops listening; safe to call before `listen` settles.
 */
export function onSessionChanged(onChange: (session: Session | null) => void): () => void {
  let stopped = false;
  let unlisten: (() => void) | undefined;
  listen<Session | null>(SESSION_CHANGED, (event) => {
    if (!stopped) onChange(event.payload);
  }).then(
    (stop) => {
      if (stopped) stop();
      else unlisten = stop;
    },
    () => {
      // Outside Tauri (a plain browser) there is no event bus; nothing to listen to.
    },
  );
  return () => {
    stopped = true;
    unlisten?.();
  };
}
