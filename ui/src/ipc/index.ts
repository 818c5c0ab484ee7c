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
import type { ChannelMix, OpenedRecording, RecordingDetails, RecordingEvent } from "./recordings";

export * from "./types";
export * from "./interactions";
export * from "./recordings";
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

/**
 * Sorts the loaded rows and applies the local text filter; fast, no platform call. With a
 * window, its rows come back in the same answer (one round trip to redraw, not two).
 */
export const arrangeInteractions = (
  resultId: string,
  sort: SortSpec,
  text: string,
  window?: { offset: number; limit: number },
) =>
  call<ArrangedResult>("arrange_interactions", {
    resultId,
    sort,
    text,
    windowOffset: window?.offset ?? null,
    windowLimit: window?.limit ?? null,
  });

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
 * Opens the voice recording of a conversation: asks the platform for it (waiting while it
 * transcodes), downloads and decodes it, sending status, the peaks and then the player's
 * position through `onEvent`. Resolves at once with the player's id.
 */
export function openRecording(
  conversationId: string,
  onEvent: (event: RecordingEvent) => void,
): Promise<OpenedRecording> {
  const events = new Channel<RecordingEvent>(onEvent);
  return call<OpenedRecording>("open_recording", { conversationId, events });
}

/** The transcript with sentiment, and the hold / secure pause / transfer spans. */
export const recordingDetails = (conversationId: string) =>
  call<RecordingDetails>("recording_details", { conversationId });

/** Stops playback and forgets the player. */
export const closeRecording = (playerId: string) => call<void>("close_recording", { playerId });

export const playRecording = (playerId: string) => call<void>("play_recording", { playerId });

export const pauseRecording = (playerId: string) => call<void>("pause_recording", { playerId });

export const seekRecording = (playerId: string, positionMs: number) =>
  call<void>("seek_recording", { playerId, positionMs });

/** 0.5 to 3; the pitch stays the same. */
export const setRecordingRate = (playerId: string, rate: number) =>
  call<void>("set_recording_rate", { playerId, rate });

/** 0 to 1. */
export const setRecordingVolume = (playerId: string, volume: number) =>
  call<void>("set_recording_volume", { playerId, volume });

export const setRecordingChannels = (playerId: string, mix: ChannelMix) =>
  call<void>("set_recording_channels", { playerId, mix });

/**
 * While the pointer drags: plays a short grain at `positionMs` and moves the playhead
 * there; `null` ends the scrub (playback resumes if it was playing).
 */
export const scrubRecording = (playerId: string, positionMs: number | null) =>
  call<void>("scrub_recording", { playerId, positionMs });

/** Skips silent spans (the `silence` bands) during playback. */
export const setSkipSilence = (playerId: string, skip: boolean) =>
  call<void>("set_skip_silence", { playerId, skip });

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
