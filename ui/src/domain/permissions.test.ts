import { describe, expect, it } from "vitest";

import { hasPermission, permissionCovers } from "./permissions";

describe("permissionCovers", () => {
  it("matches an exact permission", () => {
    expect(permissionCovers("recording:recording:view", "recording:recording:view")).toBe(true);
    expect(permissionCovers("recording:recording:view", "recording:recording:delete")).toBe(false);
  });

  it("treats * as any value of that part", () => {
    expect(permissionCovers("recording:*:*", "recording:recording:view")).toBe(true);
    expect(permissionCovers("analytics:*:view", "analytics:queueObservation:view")).toBe(true);
    expect(permissionCovers("analytics:*:edit", "analytics:queueObservation:view")).toBe(false);
    expect(permissionCovers("quality:*:*", "recording:recording:view")).toBe(false);
  });
});

describe("hasPermission", () => {
  it("is granted when any permission covers it", () => {
    const granted = ["directory:user:view", "conversation:*:*"];
    expect(hasPermission(granted, "conversation:call:monitor")).toBe(true);
    expect(hasPermission(granted, "recording:recording:view")).toBe(false);
    expect(hasPermission([], "recording:recording:view")).toBe(false);
  });
});
