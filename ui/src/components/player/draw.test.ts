import { describe, expect, it } from "vitest";

import type { RecordingInfo } from "../../ipc";
import { drawLane } from "./draw";
import { laneLayout } from "./geometry";
import { PeakStore } from "./peaks";

/** A 2D context that only records the rectangles filled. */
function recordingContext() {
  const rects: [number, number, number, number][] = [];
  const ctx = {
    fillRect: (x: number, y: number, w: number, h: number) => rects.push([x, y, w, h]),
  } as unknown as CanvasRenderingContext2D;
  return { ctx, rects };
}

const info: RecordingInfo = {
  recordingId: "r",
  conversationId: "c",
  durationMs: 1000,
  sampleRate: 8000,
  channels: ["customer", "agent"],
  samplesPerPixel: 80, // 10 ms a pixel: 100 pixels for the second
  pixelCount: 100,
};

describe("drawLane", () => {
  const lane = laneLayout(info.channels, 200)[0]!;

  it("draws a column per device pixel, only where peaks have arrived", () => {
    const store = new PeakStore(100, 2);
    const loud = Array.from({ length: 50 }, () => [-16384, 16384, 0, 0]).flat();
    store.add(0, loud);
    const { ctx, rects } = recordingContext();
    // 100 CSS px at a DPR of 2 over the whole second: 200 columns, the first half loaded.
    drawLane(ctx, store, info, lane, { startMs: 0, spanMs: 1000 }, 100, 2);
    expect(rects).toHaveLength(100);
    expect(rects[0]![0]).toBe(0);
    expect(rects[0]![2]).toBe(0.5);
    expect(rects.at(-1)![0]).toBeCloseTo(49.5);
  });

  it("draws half-scale peaks half the lane's height around its zero line", () => {
    const store = new PeakStore(100, 2);
    store.add(0, Array.from({ length: 100 }, () => [-16384, 16384, 0, 0]).flat());
    const { ctx, rects } = recordingContext();
    drawLane(ctx, store, info, lane, { startMs: 0, spanMs: 1000 }, 10, 1);
    const [, top, , height] = rects[0]!;
    const half = (lane.height / 2) * 0.92;
    expect(top).toBeCloseTo(lane.mid - half / 2);
    expect(height).toBeCloseTo(half);
  });
});
