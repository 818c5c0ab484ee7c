import { describe, expect, it } from "vitest";

import { PLAYBACK_RATES } from "../../ipc";
import { keyAction, stepRate } from "./keys";

const key = (k: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean }> = {}) =>
  keyAction({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe("keyAction", () => {
  it("maps the player's keys", () => {
    expect(key(" ")).toEqual({ kind: "toggle" });
    expect(key("j")).toEqual({ kind: "seekBy", ms: -10_000 });
    expect(key("k")).toEqual({ kind: "pause" });
    expect(key("l")).toEqual({ kind: "playOrFaster" });
    expect(key("ArrowRight")).toEqual({ kind: "seekBy", ms: 5000 });
    expect(key("PageDown")).toEqual({ kind: "seekBy", ms: -30_000 });
    expect(key("End")).toEqual({ kind: "seekTo", to: "end" });
    expect(key("[")).toEqual({ kind: "rate", step: -1 });
    expect(key("m")).toEqual({ kind: "mute" });
    expect(key("n")).toEqual({ kind: "negative", step: 1 });
    expect(key("N", { shiftKey: true })).toEqual({ kind: "negative", step: -1 });
    expect(key("p")).toEqual({ kind: "negative", step: -1 });
    expect(key("+")).toEqual({ kind: "zoom", step: 1 });
    expect(key("x")).toBeNull();
  });

  it("leaves Ctrl/⌘ combinations to the app", () => {
    expect(key("+", { ctrlKey: true })).toBeNull();
    expect(key("m", { ctrlKey: true })).toBeNull();
  });
});

describe("stepRate", () => {
  it("steps through the rates and stops at either end", () => {
    expect(stepRate(PLAYBACK_RATES, 1, 1)).toBe(1.25);
    expect(stepRate(PLAYBACK_RATES, 1, -1)).toBe(0.75);
    expect(stepRate(PLAYBACK_RATES, 3, 1)).toBe(3);
    expect(stepRate(PLAYBACK_RATES, 0.5, -1)).toBe(0.5);
  });
});
