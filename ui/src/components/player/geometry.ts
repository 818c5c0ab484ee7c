// Where things are on the waveform: time ↔ x, the visible window and its zoom, the
// speaker lanes, and what the pointer is over. Pure, in CSS pixels, so it is tested
// without a canvas and the drawing code and the pointer handlers cannot disagree.
import type { EventBand, Speaker, TranscriptPhrase } from "../../ipc";
import { sentimentTone, type SentimentTone } from "../../domain/sentiment";

/** The span of the recording the zoomed view shows, in ms; independent of its width. */
export interface TimeWindow {
  startMs: number;
  spanMs: number;
}

/** The narrowest window: a few seconds is as close as listening for a word needs. */
export const MIN_SPAN_MS = 4000;
/** Height of the strip above the lanes where event bands are drawn solid. */
export const BAND_STRIP = 12;
/** Height of the time ruler under the lanes. */
export const RULER = 16;
/** How near (CSS px) the pointer must be to a sentiment marker to be over it. */
export const MARKER_HIT = 7;
/** A marker's dot sits this far below its lane's top. */
const MARKER_INSET = 8;

export const timeToX = (win: TimeWindow, width: number, ms: number) =>
  ((ms - win.startMs) / win.spanMs) * width;

export const xToTime = (win: TimeWindow, width: number, x: number) =>
  win.startMs + (x / width) * win.spanMs;

export const clamp = (value: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, value));

/** Keeps the window inside the recording and no narrower than MIN_SPAN_MS. */
export function clampWindow(win: TimeWindow, durationMs: number): TimeWindow {
  const spanMs = clamp(win.spanMs, Math.min(MIN_SPAN_MS, durationMs), durationMs);
  return { startMs: clamp(win.startMs, 0, durationMs - spanMs), spanMs };
}

/**
 * Zooms by `factor` (>1 in, <1 out) keeping the time under `anchor` (0..1 across the
 * view) where it is, as maps and editors do around the pointer.
 */
export function zoomAround(
  win: TimeWindow,
  factor: number,
  anchor: number,
  durationMs: number,
): TimeWindow {
  const at = win.startMs + anchor * win.spanMs;
  const spanMs = clamp(win.spanMs / factor, Math.min(MIN_SPAN_MS, durationMs), durationMs);
  return clampWindow({ startMs: at - anchor * spanMs, spanMs }, durationMs);
}

/** A window of the same span centred on `ms`. */
export function centreOn(win: TimeWindow, ms: number, durationMs: number): TimeWindow {
  return clampWindow({ startMs: ms - win.spanMs / 2, spanMs: win.spanMs }, durationMs);
}

/**
 * While playing, the window pages forward (or jumps back) so the playhead stays in view:
 * null when it already is. A page leaves a little of what was just heard on the left.
 */
export function followPlayhead(
  win: TimeWindow,
  positionMs: number,
  durationMs: number,
): TimeWindow | null {
  const end = win.startMs + win.spanMs;
  if (positionMs >= win.startMs && positionMs <= end - win.spanMs * 0.02) return null;
  return clampWindow({ startMs: positionMs - win.spanMs * 0.05, spanMs: win.spanMs }, durationMs);
}

export interface Lane {
  speaker: Speaker;
  /** The channel of the peaks this lane draws. */
  channel: number;
  top: number;
  height: number;
  /** The zero line. */
  mid: number;
}

/**
 * Customer on top, agent below, whatever order the channels come in, between `top` and
 * `height - bottom` (by default under the band strip and above the ruler).
 */
export function laneLayout(
  channels: Speaker[],
  height: number,
  top = BAND_STRIP,
  bottom = RULER,
): Lane[] {
  const order: Speaker[] = ["customer", "agent"];
  const present = order.filter((s) => channels.includes(s));
  const each = Math.max(0, (height - top - bottom) / Math.max(1, present.length));
  return present.map((speaker, i) => ({
    speaker,
    channel: channels.indexOf(speaker),
    top: top + i * each,
    height: each,
    mid: top + i * each + each / 2,
  }));
}

export interface Marker {
  phrase: TranscriptPhrase;
  tone: SentimentTone;
  x: number;
  y: number;
}

/** A marker per phrase with a sentiment, at its start on its speaker's lane, if in view. */
export function placeMarkers(
  phrases: TranscriptPhrase[],
  lanes: Lane[],
  win: TimeWindow,
  width: number,
): Marker[] {
  const markers: Marker[] = [];
  for (const phrase of phrases) {
    if (phrase.sentiment === null) continue;
    const lane = lanes.find((l) => l.speaker === phrase.speaker);
    if (!lane) continue;
    const x = timeToX(win, width, phrase.startMs);
    if (x < -MARKER_HIT || x > width + MARKER_HIT) continue;
    markers.push({ phrase, tone: sentimentTone(phrase.sentiment), x, y: lane.top + MARKER_INSET });
  }
  return markers;
}

/** The marker nearest the point within MARKER_HIT, or null. */
export function hitMarker(markers: Marker[], x: number, y: number): Marker | null {
  let best: Marker | null = null;
  let bestDistance = MARKER_HIT * MARKER_HIT;
  for (const marker of markers) {
    const d = (marker.x - x) ** 2 + (marker.y - y) ** 2;
    if (d <= bestDistance) {
      best = marker;
      bestDistance = d;
    }
  }
  return best;
}

/** The band under the pointer in the band strip, or null; the shortest wins on overlap. */
export function hitBand(
  bands: EventBand[],
  win: TimeWindow,
  width: number,
  x: number,
  y: number,
): EventBand | null {
  if (y < 0 || y > BAND_STRIP) return null;
  const ms = xToTime(win, width, x);
  // A transfer is an instant: give it a few pixels to be found at all.
  const slack = (3 / width) * win.spanMs;
  const under = bands.filter(
    (b) => ms >= b.startMs - slack && ms <= b.startMs + b.durationMs + slack,
  );
  under.sort((a, b) => a.durationMs - b.durationMs);
  return under[0] ?? null;
}

/** Ruler ticks: a round step that leaves at least `minGap` px between labels. */
export function tickStep(win: TimeWindow, width: number, minGap = 72): number {
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600].map((s) => s * 1000);
  const perPx = win.spanMs / Math.max(1, width);
  return steps.find((s) => s / perPx >= minGap) ?? steps.at(-1)!;
}

/** The next (`step` 1) or previous (-1) negative phrase from `positionMs`, or null. */
export function nextNegative(
  phrases: TranscriptPhrase[],
  positionMs: number,
  step: 1 | -1,
): TranscriptPhrase | null {
  const negatives = phrases
    .filter((p) => p.sentiment !== null && sentimentTone(p.sentiment) === "negative")
    .sort((a, b) => a.startMs - b.startMs);
  // Half a second of slack on "next" so pressing N again moves on instead of staying put,
  // and a second on "previous" so it skips the phrase just jumped to while it plays.
  if (step === 1) return negatives.find((p) => p.startMs > positionMs + 500) ?? null;
  return negatives.findLast((p) => p.startMs < positionMs - 1000) ?? null;
}

/** The phrase being spoken at `positionMs` (the last one started, until it ends). */
export function currentPhrase(phrases: TranscriptPhrase[], positionMs: number): number | null {
  let found: number | null = null;
  for (let i = 0; i < phrases.length; i++) {
    const p = phrases[i]!;
    if (p.startMs > positionMs) break;
    if (positionMs < p.startMs + p.durationMs) found = i;
  }
  return found;
}
