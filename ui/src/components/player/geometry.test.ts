import { describe, expect, it } from "vitest";

import type { EventBand, TranscriptPhrase } from "../../ipc";
import {
  BAND_STRIP,
  MIN_SPAN_MS,
  RULER,
  clampWindow,
  currentPhrase,
  followPlayhead,
  hitBand,
  hitMarker,
  laneLayout,
  nextNegative,
  placeMarkers,
  tickStep,
  timeToX,
  xToTime,
  zoomAround,
} from "./geometry";

const phrase = (
  index: number,
  startMs: number,
  speaker: "customer" | "agent",
  sentiment: number | null,
): TranscriptPhrase => ({
  index,
  startMs,
  durationMs: 3000,
  speaker,
  text: `p${index}`,
  sentiment,
});

const TEN_MINUTES = 600_000;

describe("time and x", () => {
  const win = { startMs: 60_000, spanMs: 120_000 };

  it("maps time to x and back", () => {
    expect(timeToX(win, 1200, 60_000)).toBe(0);
    expect(timeToX(win, 1200, 120_000)).toBe(600);
    expect(timeToX(win, 1200, 180_000)).toBe(1200);
    expect(xToTime(win, 1200, 300)).toBe(90_000);
    expect(xToTime(win, 1200, timeToX(win, 1200, 123_456))).toBeCloseTo(123_456);
  });

  it("keeps the window inside the recording and not too narrow", () => {
    expect(clampWindow({ startMs: -5000, spanMs: 60_000 }, TEN_MINUTES)).toEqual({
      startMs: 0,
      spanMs: 60_000,
    });
    expect(clampWindow({ startMs: 590_000, spanMs: 60_000 }, TEN_MINUTES).startMs).toBe(540_000);
    expect(clampWindow({ startMs: 0, spanMs: 10 }, TEN_MINUTES).spanMs).toBe(MIN_SPAN_MS);
    expect(clampWindow({ startMs: 0, spanMs: 1e9 }, TEN_MINUTES).spanMs).toBe(TEN_MINUTES);
  });

  it("zooms around the anchor, keeping the time under it in place", () => {
    const zoomed = zoomAround(win, 2, 0.25, TEN_MINUTES);
    expect(zoomed.spanMs).toBe(60_000);
    expect(xToTime(zoomed, 1, 0.25)).toBeCloseTo(xToTime(win, 1, 0.25));
    expect(zoomAround(win, 0.001, 0.5, TEN_MINUTES)).toEqual({ startMs: 0, spanMs: TEN_MINUTES });
  });

  it("pages to keep the playhead in view, and leaves the window alone otherwise", () => {
    expect(followPlayhead(win, 100_000, TEN_MINUTES)).toBeNull();
    const paged = followPlayhead(win, 180_000, TEN_MINUTES)!;
    expect(paged.spanMs).toBe(win.spanMs);
    expect(paged.startMs).toBeLessThan(180_000);
    expect(paged.startMs + paged.spanMs).toBeGreaterThan(180_000 + 100_000);
    expect(followPlayhead(win, 10_000, TEN_MINUTES)!.startMs).toBe(4000);
  });

  it("spaces ruler ticks on round steps at least the gap apart", () => {
    expect(tickStep({ startMs: 0, spanMs: 60_000 }, 1200)).toBe(5000);
    expect(tickStep({ startMs: 0, spanMs: TEN_MINUTES }, 1200)).toBe(60_000);
  });
});

describe("lanes and markers", () => {
  it("puts the customer on top and the agent below, whatever the channel order", () => {
    const lanes = laneLayout(["agent", "customer"], 200);
    expect(lanes.map((l) => [l.speaker, l.channel])).toEqual([
      ["customer", 1],
      ["agent", 0],
    ]);
    const each = (200 - BAND_STRIP - RULER) / 2;
    expect(lanes[0]).toMatchObject({ top: BAND_STRIP, height: each, mid: BAND_STRIP + each / 2 });
    expect(lanes[1]!.top).toBe(BAND_STRIP + each);
  });

  const lanes = laneLayout(["customer", "agent"], 200);
  const win = { startMs: 0, spanMs: 100_000 };
  const phrases = [
    phrase(0, 10_000, "customer", -0.8),
    phrase(1, 20_000, "agent", 0.6),
    phrase(2, 30_000, "agent", null),
    phrase(3, 200_000, "customer", -0.5),
  ];

  it("places a marker per phrase with a sentiment, in view, on its speaker's lane", () => {
    const markers = placeMarkers(phrases, lanes, win, 1000);
    expect(markers.map((m) => [m.phrase.index, m.x, m.tone])).toEqual([
      [0, 100, "negative"],
      [1, 200, "positive"],
    ]);
    expect(markers[0]!.y).toBeLessThan(lanes[1]!.top);
    expect(markers[1]!.y).toBeGreaterThan(lanes[1]!.top);
  });

  it("finds the marker under the pointer, within a few pixels", () => {
    const markers = placeMarkers(phrases, lanes, win, 1000);
    const m = markers[1]!;
    expect(hitMarker(markers, m.x + 3, m.y - 2)?.phrase.index).toBe(1);
    expect(hitMarker(markers, m.x + 20, m.y)).toBeNull();
    expect(hitMarker(markers, m.x, m.y + 30)).toBeNull();
  });

  it("finds the band under the pointer in the band strip, the shortest first", () => {
    const bands: EventBand[] = [
      { kind: "monitoring", startMs: 0, durationMs: 90_000, label: "Monitoring" },
      { kind: "hold", startMs: 40_000, durationMs: 10_000, label: "Hold (0:10)" },
      { kind: "transfer", startMs: 70_000, durationMs: 0, label: "Transfer" },
    ];
    expect(hitBand(bands, win, 1000, 450, 5)?.kind).toBe("hold");
    expect(hitBand(bands, win, 1000, 300, 5)?.kind).toBe("monitoring");
    expect(hitBand(bands, win, 1000, 701, 5)?.kind).toBe("transfer");
    expect(hitBand(bands, win, 1000, 450, BAND_STRIP + 20)).toBeNull();
  });
});

describe("phrases in time", () => {
  const phrases = [
    phrase(0, 10_000, "customer", -0.8),
    phrase(1, 20_000, "agent", 0.6),
    phrase(2, 40_000, "customer", -0.3),
    phrase(3, 60_000, "customer", -0.1),
  ];

  it("finds the next and previous negative moments", () => {
    expect(nextNegative(phrases, 0, 1)?.index).toBe(0);
    expect(nextNegative(phrases, 10_000, 1)?.index).toBe(2);
    expect(nextNegative(phrases, 40_000, 1)).toBeNull();
    expect(nextNegative(phrases, 40_000, -1)?.index).toBe(0);
    expect(nextNegative(phrases, 5000, -1)).toBeNull();
  });

  it("knows which phrase is being spoken, and none in a gap", () => {
    expect(currentPhrase(phrases, 11_000)).toBe(0);
    expect(currentPhrase(phrases, 15_000)).toBeNull();
    expect(currentPhrase(phrases, 21_500)).toBe(1);
    expect(currentPhrase(phrases, 5000)).toBeNull();
  });
});
