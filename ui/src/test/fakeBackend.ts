// An in-memory backend behind mockIPC, so components run against the real ui/src/ipc
// module without Tauri. Tests arrange state through its fields and methods.
import { emit } from "@tauri-apps/api/event";
import { mockIPC } from "@tauri-apps/api/mocks";

import type {
  ChannelMix,
  Connection,
  ConnectionInput,
  ConnectionTest,
  InteractionFilters,
  LoadEvent,
  RecordingEvent,
  SavedView,
  SavedViewInput,
  Session,
  SortSpec,
} from "../ipc";
import {
  FAKE_LAST_UPDATED,
  openFakeResult,
  type FakeResult,
  type LoadMode,
} from "./fakeInteractions";
import * as fixtures from "./fixtures";
import { FakeRecording, fakeRecordingDetails, type RecordingMode } from "./fakeRecordings";

type Args = Record<string, unknown>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What the Rust side rejects with; `code` may be one the UI does not know. */
export interface BackendFailure {
  code: string;
  message: string;
}

export interface FakeBackendState {
  connections?: Connection[];
  /** Sessions by connection id; a connection without one is signed out. */
  sessions?: Record<string, Session>;
  views?: SavedView[];
  /** How many interactions the organization has before filters. */
  interactionCount?: number;
  loadMode?: LoadMode;
  recordingMode?: RecordingMode;
}

export class FakeBackend {
  regions = fixtures.regions;
  presenceOptions = fixtures.presenceOptions;
  connections: Connection[];
  sessions: Map<string, Session>;
  /** Every command received, in order. */
  calls: { command: string; args: Args }[] = [];
  /** When true, PKCE sign-in waits for finishBrowserSignIn or cancel_sign_in. */
  browserWaits = false;
  testResults = new Map<string, ConnectionTest | BackendFailure>();
  private failures = new Map<string, BackendFailure>();
  private browserSignIns = new Map<string, { finish: () => void; cancel: () => void }>();
  private nextId = 1;
  views: SavedView[];
  filterOptions = fixtures.filterOptions;
  interactionCount: number;
  loadMode: LoadMode;
  /** Every result opened, in order; the last is the one on screen. */
  results: FakeResult[] = [];
  recordingMode: RecordingMode;
  /** Every recording opened, in order. */
  recordings: FakeRecording[] = [];
  /** When set, the next open ends in a `failed` event with this error. */
  recordingFailure: BackendFailure | null = null;
  /** False: the machine has no audio output; recordings open but cannot play. */
  audioOutput = true;
  /** When true, arranges answer only at `releaseArranges()`, as a slow sort would. */
  holdArranges = false;
  private heldArranges: (() => void)[] = [];

  constructor(state: FakeBackendState = {}) {
    this.views = structuredClone(state.views ?? fixtures.defaultViews());
    this.interactionCount = state.interactionCount ?? 1000;
    this.loadMode = state.loadMode ?? "instant";
    this.recordingMode = state.recordingMode ?? "instant";
    this.connections = structuredClone(
      state.connections ?? [fixtures.demoConnection, fixtures.dublinConnection],
    );
    this.sessions = new Map(
      Object.entries(state.sessions ?? { demo: fixtures.supervisorSession("demo") }),
    );
    for (const c of this.connections) c.signedIn = this.sessions.has(c.id);
  }

  /** The next call of `command` rejects with `{ code, message }`. */
  failNext(command: string, code: string, message: string) {
    this.failures.set(command, { code, message });
  }

  callsTo(command: string): Args[] {
    return this.calls.filter((c) => c.command === command).map((c) => c.args);
  }

  /** Lets the held arranges answer, in the order they were asked. */
  releaseArranges() {
    for (const release of this.heldArranges.splice(0)) release();
  }

  finishBrowserSignIn(id: string) {
    this.browserSignIns.get(id)?.finish();
  }

  /** The result opened last (the one the screen shows). */
  get result(): FakeResult {
    const result = this.results.at(-1);
    if (!result) throw new Error("fake backend: no result opened yet");
    return result;
  }

  /**
   * Sends a load event on the latest result's channel. `count` and `revision` default to the
   * result's own, so tests only give what the case is about.
   */
  sendLoadEvent(
    event: DistributiveOmit<LoadEvent, "count" | "revision"> & {
      count?: number;
      revision?: number;
    },
  ) {
    const result = this.result;
    result.send({ count: result.count, revision: result.revision, ...event });
  }

  /** The recording opened last. */
  get recording(): FakeRecording {
    const recording = this.recordings.at(-1);
    if (!recording) throw new Error("fake backend: no recording opened yet");
    return recording;
  }

  /** Emits `session-changed` the way the Rust side does. */
  async emitSessionChanged(session: Session | null) {
    await emit("session-changed", session);
  }

  handle(command: string, args: Args = {}): unknown {
    this.calls.push({ command, args });
    const failure = this.failures.get(command);
    if (failure) {
      this.failures.delete(command);
      throw failure;
    }
    return this.dispatch(command, args);
  }

  private dispatch(command: string, args: Args): unknown {
    const id = args.id as string;
    switch (command) {
      case "list_regions":
        return this.regions;
      case "list_connections":
        return structuredClone(this.connections);
      case "save_connection":
        return this.save(args.input as ConnectionInput);
      case "remove_connection":
        this.connections = this.connections.filter((c) => c.id !== id);
        this.sessions.delete(id);
        return null;
      case "test_connection":
        return this.test(id);
      case "sign_in":
        return this.signIn(this.find(id), args.staySignedIn as boolean);
      case "cancel_sign_in":
        this.browserSignIns.get(id)?.cancel();
        return null;
      case "sign_out":
        this.sessions.delete(id);
        this.find(id).signedIn = false;
        return null;
      case "set_active_connection":
        for (const c of this.connections) c.active = c.id === id;
        return this.sessions.get(id) ?? null;
      case "get_session":
        return this.activeSession();
      case "list_presence_options":
        return this.presenceOptions;
      case "set_presence":
        return this.setPresence(args.definitionId as string);
      case "get_app_info":
        return { version: "0.1.0", dataDir: "/tmp/data", logDir: "/tmp/logs" };
      case "list_views":
        return structuredClone(this.views);
      case "save_view":
        return this.saveView(args.input as SavedViewInput);
      case "duplicate_view":
        return this.duplicateView(id);
      case "delete_view":
        this.findView(id);
        this.views = this.views.filter((v) => v.id !== id);
        return null;
      case "get_filter_options":
        return this.filterOptions;
      case "open_interactions":
        return this.openInteractions(args);
      case "interaction_rows":
        return this.findResult(args.resultId).window(args.offset as number, args.limit as number);
      case "arrange_interactions": {
        const answer = () =>
          this.findResult(args.resultId).arrange(
            args.sort as SortSpec,
            args.text as string,
            args.windowOffset as number | null,
            args.windowLimit as number | null,
          );
        if (!this.holdArranges) return answer();
        return new Promise((resolve) => this.heldArranges.push(() => resolve(answer())));
      }
      case "cancel_interactions": {
        const result = this.findResult(args.resultId);
        result.send({ kind: "cancelled", count: result.count, revision: result.revision });
        return null;
      }
      case "close_interactions":
        this.findResult(args.resultId).closed = true;
        return null;
      case "export_interactions": {
        const result = this.findResult(args.resultId);
        return { path: `/Users/dana/Downloads/${args.name as string}.csv`, rows: result.count };
      }
      default:
        return this.dispatchRecording(command, args);
    }
  }

  private dispatchRecording(command: string, args: Args): unknown {
    if (command === "open_recording") return this.openRecording(args);
    if (command === "recording_details") return fakeRecordingDetails();
    const recording = this.recordings.find((r) => r.playerId === args.playerId);
    if (!recording || recording.closed) {
      throw { code: "NotFound", message: "That recording is no longer open." };
    }
    if (command === "close_recording") return recording.close();
    // As the core: commands need its player, which exists from the first position on.
    if (!recording.playable) {
      throw { code: "Validation", message: "The recording is not ready to play yet." };
    }
    // The core takes whole milliseconds (u64); Tauri rejects anything else before it.
    const at = args.positionMs;
    if (at !== undefined && at !== null && !Number.isInteger(at)) {
      throw `invalid args \`positionMs\` for command \`${command}\`: invalid type: floating point`;
    }
    switch (command) {
      case "play_recording":
        return recording.play();
      case "pause_recording":
        return recording.pause();
      case "seek_recording":
        return recording.seek(args.positionMs as number);
      case "set_recording_rate":
        recording.rate = args.rate as number;
        return null;
      case "set_recording_volume":
        recording.volume = args.volume as number;
        return null;
      case "set_recording_channels":
        recording.mix = args.mix as ChannelMix;
        return null;
      case "scrub_recording":
        if (args.positionMs !== null) recording.seek(args.positionMs as number);
        return null;
      case "set_skip_silence":
        recording.skipSilence = args.skip as boolean;
        return null;
      default:
        throw { code: "Internal", message: `fake backend: no command ${command}` };
    }
  }

  private findView(id: string): SavedView {
    const view = this.views.find((v) => v.id === id);
    if (!view) throw { code: "NotFound", message: `No view with id ${id}.` };
    return view;
  }

  private saveView(input: SavedViewInput): SavedView {
    const saved: SavedView = {
      id: input.id ?? `view-${this.nextId++}`,
      name: input.name,
      filters: structuredClone(input.filters),
      columns: structuredClone(input.columns),
      sort: { ...input.sort },
      updatedAt: Date.now(),
    };
    if (input.id) this.findView(input.id);
    this.views = input.id
      ? this.views.map((v) => (v.id === input.id ? saved : v))
      : [...this.views, saved];
    return structuredClone(saved);
  }

  private duplicateView(id: string): SavedView {
    const copy = { ...structuredClone(this.findView(id)), id: `view-${this.nextId++}` };
    copy.name = `${copy.name} (copy)`;
    this.views.push(copy);
    return structuredClone(copy);
  }

  private openInteractions(args: Args) {
    const result = openFakeResult(
      `result-${this.results.length + 1}`,
      this.interactionCount,
      args.filters as InteractionFilters,
      args.sort as SortSpec,
      args.events as { onmessage: (event: LoadEvent) => void },
    );
    this.results.push(result);
    if (this.loadMode === "instant") {
      // After the invoke resolves, like the core's background task.
      setTimeout(() => {
        result.send({ kind: "cached", count: 0, revision: 0, lastUpdated: null });
        result.send({
          kind: "done",
          count: result.count,
          revision: result.revision,
          lastUpdated: FAKE_LAST_UPDATED,
        });
      }, 0);
    }
    return { resultId: result.id };
  }

  private openRecording(args: Args) {
    const recording = new FakeRecording(
      `player-${this.recordings.length + 1}`,
      args.conversationId as string,
      args.events as { onmessage: (event: RecordingEvent) => void },
    );
    this.recordings.push(recording);
    if (this.recordingMode === "instant") {
      recording.playOutOpening(this.recordingFailure, this.audioOutput);
      this.recordingFailure = null;
    }
    return { playerId: recording.playerId };
  }

  private findResult(id: unknown): FakeResult {
    const result = this.results.find((r) => r.id === id);
    if (!result) throw { code: "NotFound", message: `No result ${String(id)}.` };
    return result;
  }

  activeSession(): Session | null {
    const active = this.connections.find((c) => c.active);
    return (active && this.sessions.get(active.id)) ?? null;
  }

  private find(id: string): Connection {
    const connection = this.connections.find((c) => c.id === id);
    if (!connection) throw { code: "NotFound", message: `No connection with id ${id}.` };
    return connection;
  }

  private save(input: ConnectionInput): Connection {
    const existing = input.id ? this.find(input.id) : null;
    const region = this.regions.find((r) => r.id === input.region);
    const saved: Connection = {
      id: existing?.id ?? `conn-${this.nextId++}`,
      name: input.name,
      region: input.region ?? null,
      baseUrl: input.baseUrl ?? null,
      apiBase: region?.apiBase ?? input.baseUrl ?? "",
      clientId: input.clientId,
      grant: input.grant,
      isDemo: false,
      hasClientSecret: Boolean(input.clientSecret) || (existing?.hasClientSecret ?? false),
      signedIn: existing?.signedIn ?? false,
      staySignedIn: existing?.staySignedIn ?? false,
      active: existing?.active ?? false,
    };
    this.connections = existing
      ? this.connections.map((c) => (c.id === saved.id ? saved : c))
      : [...this.connections, saved];
    return saved;
  }

  private test(id: string): ConnectionTest {
    const result = this.testResults.get(id) ?? { latencyMs: 42, message: "OK" };
    if ("code" in result) throw result;
    return result;
  }

  private signIn(connection: Connection, staySignedIn: boolean): Session | Promise<Session> {
    const complete = () => {
      const session =
        connection.grant === "pkce"
          ? fixtures.supervisorSession(connection.id)
          : fixtures.serviceSession(connection.id);
      this.sessions.set(connection.id, session);
      connection.signedIn = true;
      connection.staySignedIn = staySignedIn;
      return session;
    };
    if (connection.grant !== "pkce" || !this.browserWaits) return complete();
    return new Promise<Session>((resolve, reject) => {
      this.browserSignIns.set(connection.id, {
        finish: () => resolve(complete()),
        cancel: () => reject({ code: "Cancelled", message: "Sign-in was cancelled." }),
      });
    });
  }

  private setPresence(definitionId: string) {
    const option = this.presenceOptions.find((o) => o.id === definitionId);
    const session = this.activeSession();
    if (!option || !session) throw { code: "NotFound", message: "No such presence." };
    session.presence = {
      definitionId,
      systemPresence: option.systemPresence,
      label: option.label,
      message: null,
    };
    return session.presence;
  }
}

/** Routes every invoke (and event) to a new FakeBackend; setup.ts clears it after each test. */
export function installFakeBackend(state?: FakeBackendState): FakeBackend {
  const backend = new FakeBackend(state);
  mockIPC((command, args) => backend.handle(command, (args ?? {}) as Args), {
    shouldMockEvents: true,
  });
  return backend;
}
