import { describe, expect, it } from "vitest";

import { PeakStore, columnPeaks, mergePeaks } from "./peaks";

// Two channels, four pixels: [min, max] for channel 0 then channel 1, pixel by pixel.
const DATA = [
  [-10, 20, -1, 1],
  [-30, 5, -2, 8],
  [-5, 40, -9, 3],
  [-7, 7, -4, 4],
].flat();

describe("mergePeaks", () => {
  it("merges pairs of pixels into min of mins and max of maxes per channel", () => {
    expect(Array.from(mergePeaks(DATA, 2, 2))).toEqual([-30, 20, -2, 8, -7, 40, -9, 4]);
  });

  it("merges a short last group as it is", () => {
    expect(Array.from(mergePeaks(DATA, 2, 3))).toEqual([-30, 40, -9, 8, -7, 7, -4, 4]);
  });

  it("leaves the peaks alone at factor 1 and merges everything at the full length", () => {
    expect(Array.from(mergePeaks(DATA, 2, 1))).toEqual(DATA);
    expect(Array.from(mergePeaks(DATA, 2, 4))).toEqual([-30, 40, -9, 8]);
  });

  it("gives the same result merged twice by 2 as once by 4", () => {
    const twice = mergePeaks(mergePeaks(DATA, 2, 2), 2, 2);
    expect(Array.from(twice)).toEqual(Array.from(mergePeaks(DATA, 2, 4)));
  });
});

describe("PeakStore and columnPeaks", () => {
  it("stores batches in any order and counts pixels once", () => {
    const store = new PeakStore(4, 2);
    store.add(2, DATA.slice(8));
    store.add(0, DATA.slice(0, 8));
    store.add(2, DATA.slice(8, 12));
    expect(store.loadedCount).toBe(4);
    expect(Array.from(store.data)).toEqual(DATA);
  });

  it("grows for pixels past the estimated end, and shrinks to the decoded count", () => {
    const store = new PeakStore(2, 2);
    store.add(1, DATA);
    expect(store.pixelCount).toBe(5);
    expect(store.loadedCount).toBe(4);
    expect(Array.from(store.data.subarray(4))).toEqual(DATA);
    store.resize(3);
    expect(store.loadedCount).toBe(2);
    expect(Array.from(store.data)).toEqual([0, 0, 0, 0, ...DATA.slice(0, 8)]);
  });

  it("merges base pixels into columns, scaled to -1..1", () => {
    const store = new PeakStore(4, 2);
    store.add(0, DATA);
    const { min, max } = columnPeaks(store, 0, 0, 2, 2);
    expect(Array.from(min)).toEqual([-30 / 32768, -7 / 32768]);
    expect(Array.from(max)).toEqual([20 / 32768, 40 / 32768]);
  });

  it("repeats a base pixel across columns when zoomed in past it", () => {
    const store = new PeakStore(4, 2);
    store.add(0, DATA);
    const { max } = columnPeaks(store, 1, 1, 0.5, 4);
    expect(Array.from(max).map((v) => Math.round(v * 32768))).toEqual([8, 8, 3, 3]);
  });

  it("leaves columns empty (NaN) until their pixels arrive", () => {
    const store = new PeakStore(4, 2);
    store.add(0, DATA.slice(0, 8));
    const { max } = columnPeaks(store, 0, 0, 1, 4);
    expect(Number.isNaN(max[1])).toBe(false);
    expect(Number.isNaN(max[2])).toBe(true);
    expect(Number.isNaN(max[3])).toBe(true);
  });
});

describe("PeakStore.columns", () => {
  /** 64 pixels of one channel whose peaks rise with the pixel index. */
  function ramp() {
    const store = new PeakStore(64, 1);
    store.add(0, Array.from({ length: 64 }, (_, i) => [-i * 100, i * 100]).flat());
    return store;
  }

  it("reads merged levels once complete, with the same result as merging the base", () => {
    const store = ramp();
    const direct = columnPeaks(store, 0, 0, 8, 8);
    store.complete();
    const viaLevel = store.columns(0, 0, 8, 8);
    expect(Array.from(viaLevel.max)).toEqual(Array.from(direct.max));
    expect(Array.from(viaLevel.min)).toEqual(Array.from(direct.min));
  });

  it("reads the base while peaks still arrive, so a batch shows at once", () => {
    const store = new PeakStore(64, 1);
    store.add(0, Array.from({ length: 32 }, () => [-5, 5]).flat());
    const before = store.columns(0, 0, 8, 8);
    expect(Number.isNaN(before.max[5])).toBe(true);
    store.add(32, Array.from({ length: 32 }, () => [-7, 7]).flat());
    expect(store.columns(0, 0, 8, 8).max[5]).toBeCloseTo(7 / 32768);
  });
});
