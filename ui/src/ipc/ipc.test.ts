import { emit } from "@tauri-apps/api/event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it, vi } from "vitest";

import * as ipc from ".";
import { IpcError } from ".";

function recordCalls(reply: (command: string) => unknown = () => null) {
  const calls: { command: string; args: unknown }[] = [];
  mockIPC((command, args) => {
    calls.push({ command, args });
    return reply(command);
  });
  return calls;
}

describe("commands", () => {
  it("pass camelCase arguments under the snake_case command names", async () => {
    const calls = recordCalls();
    const input = {
      id: null,
      name: "EU",
      region: "eu_west_1",
      clientId: "c",
      grant: "pkce" as const,
    };

    await ipc.listRegions();
    await ipc.listConnections();
    await ipc.saveConnection(input);
    await ipc.removeConnection("c1");
    await ipc.testConnection("c1");
    await ipc.signIn("c1", true);
    await ipc.cancelSignIn("c1");
    await ipc.signOut("c1");
    await ipc.setActiveConnection("c2");
    await ipc.getSession();
    await ipc.listPresenceOptions();
    await ipc.setPresence("def-9");
    await ipc.getAppInfo();

    expect(calls).toEqual([
      { command: "list_regions", args: {} },
      { command: "list_connections", args: {} },
      { command: "save_connection", args: { input } },
      { command: "remove_connection", args: { id: "c1" } },
      { command: "test_connection", args: { id: "c1" } },
      { command: "sign_in", args: { id: "c1", staySignedIn: true } },
      { command: "cancel_sign_in", args: { id: "c1" } },
      { command: "sign_out", args: { id: "c1" } },
      { command: "set_active_connection", args: { id: "c2" } },
      { command: "get_session", args: {} },
      { command: "list_presence_options", args: {} },
      { command: "set_presence", args: { definitionId: "def-9" } },
      { command: "get_app_info", args: {} },
    ]);
  });

  it("resolve with the backend's value", async () => {
    recordCalls(() => ({ latencyMs: 12, message: "OK" }));
    await expect(ipc.testConnection("c1")).resolves.toEqual({ latencyMs: 12, message: "OK" });
  });

  it("reject with an IpcError carrying the backend's code and message", async () => {
    mockIPC(() => {
      throw { code: "KeyringUnavailable", message: "The system keyring is locked." };
    });
    const error = await ipc.signIn("c1", false).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpcError);
    expect(error).toMatchObject({
      code: "KeyringUnavailable",
      message: "The system keyring is locked.",
    });
  });
});

describe("IpcError.from", () => {
  it("keeps a known code and its message", () => {
    const error = IpcError.from({ code: "Network", message: "Could not reach the server." });
    expect(error.code).toBe("Network");
    expect(error.message).toBe("Could not reach the server.");
  });

  it("maps an unknown code to Unknown, keeping the message", () => {
    const error = IpcError.from({ code: "SomethingNew", message: "New failure." });
    expect(error.code).toBe("Unknown");
    expect(error.message).toBe("New failure.");
  });

  it("maps a plain string to Unknown with that message", () => {
    const error = IpcError.from("command sign_in not found");
    expect(error.code).toBe("Unknown");
    expect(error.message).toBe("command sign_in not found");
  });

  it("maps other values to Unknown", () => {
    expect(IpcError.from(undefined).code).toBe("Unknown");
    expect(IpcError.from(new Error("boom"))).toMatchObject({ code: "Unknown", message: "boom" });
  });
});

describe("onSessionChanged", () => {
  it("delivers session-changed payloads until unsubscribed", async () => {
    mockIPC(() => null, { shouldMockEvents: true });
    const seen = vi.fn();
    const stop = ipc.onSessionChanged(seen);
    await vi.waitFor(async () => {
      await emit("session-changed", null);
      expect(seen).toHaveBeenCalledWith(null);
    });
    stop();
    seen.mockClear();
    await emit("session-changed", null);
    expect(seen).not.toHaveBeenCalled();
  });
});
