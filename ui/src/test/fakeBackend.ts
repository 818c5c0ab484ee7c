// An in-memory backend behind mockIPC, so components run against the real ui/src/ipc
// module without Tauri. Tests arrange state through its fields and methods.
import { emit } from "@tauri-apps/api/event";
import { mockIPC } from "@tauri-apps/api/mocks";

import type { Connection, ConnectionInput, ConnectionTest, Session } from "../ipc";
import * as fixtures from "./fixtures";

type Args = Record<string, unknown>;

/** What the Rust side rejects with; `code` may be one the UI does not know. */
export interface BackendFailure {
  code: string;
  message: string;
}

export interface FakeBackendState {
  connections?: Connection[];
  /** Sessions by connection id; a connection without one is signed out. */
  sessions?: Record<string, Session>;
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

  constructor(state: FakeBackendState = {}) {
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

  finishBrowserSignIn(id: string) {
    this.browserSignIns.get(id)?.finish();
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
      default:
        throw { code: "Internal", message: `fake backend: no command ${command}` };
    }
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
