// Canvas drawing, as plain functions over a prepared context (CSS-pixel coordinates,
// already scaled by the device pixel ratio). Positions come from geometry.ts; colours
// from the app's CSS variables, read once per draw so light and dark themes both work.
import type { EventBand, EventBandKind, RecordingInfo } from "../../ipc";
import type { SentimentTone } from "../../domain/sentiment";
import {
  BAND_STRIP,
  RULER,
  tickStep,
  timeToX,
  type Lane,
  type Marker,
  type TimeWindow,
} from "./geometry";
import type { PeakStore } from "./peaks";
import { formatClock } from "./text";

export interface Palette {
  wave: Record<"customer" | "agent", string>;
  band: Record<EventBandKind, string>;
  marker: Record<SentimentTone, string>;
  surface: string;
  text: string;
  muted: string;
  grid: string;
  accent: string;
}

/** The colours of the player's CSS variables (player.css maps them onto the app's). */
export function readPalette(el: Element): Palette {
  const style = getComputedStyle(el);
  const v = (name: string) => style.getPropertyValue(name).trim() || "#888";
  return {
    wave: { customer: v("--player-customer"), agent: v("--player-agent") },
    band: {
      hold: v("--player-band-hold"),
      securePause: v("--player-band-secure"),
      transfer: v("--player-band-transfer"),
      monitoring: v("--player-band-monitoring"),
      silence: v("--player-band-silence"),
    },
    marker: {
      negative: v("--color-danger"),
      positive: v("--color-success"),
      neutral: v("--color-text-subtle"),
    },
    surface: v("--color-surface"),
    text: v("--color-text"),
    muted: v("--color-text-muted"),
    grid: v("--color-border"),
    accent: v("--color-accent"),
  };
}

/** Milliseconds one base pixel of the peaks covers. */
export const basePixelMs = (info: RecordingInfo) => (info.samplesPerPixel / info.sampleRate) * 1000;

/** Diagonal stripes inside a rectangle: secure pauses, and silence being skipped. */
function hatch(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  w: number,
  h: number,
  gap: number,
) {
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, w, h);
  ctx.clip();
  ctx.beginPath();
  for (let i = x - h; i < x + w; i += gap) {
    ctx.moveTo(i, y + h);
    ctx.lineTo(i + h, y);
  }
  ctx.stroke();
  ctx.restore();
}

/** One channel's min/max as vertical device-pixel lines around the lane's zero line. */
export function drawLane(
  ctx: CanvasRenderingContext2D,
  store: PeakStore,
  info: RecordingInfo,
  lane: Lane,
  win: TimeWindow,
  width: number,
  dpr: number,
) {
  const columns = Math.max(1, Math.floor(width * dpr));
  const pxMs = basePixelMs(info);
  const peaks = store.columns(
    lane.channel,
    win.startMs / pxMs,
    win.spanMs / columns / pxMs,
    columns,
  );
  const half = (lane.height / 2) * 0.92;
  const col = 1 / dpr;
  for (let i = 0; i < columns; i++) {
    const max = peaks.max[i]!;
    if (Number.isNaN(max)) continue;
    const top = lane.mid - max * half;
    const bottom = lane.mid - peaks.min[i]! * half;
    ctx.fillRect(i * col, top, col, Math.max(col, bottom - top));
  }
}

export interface SceneInput {
  width: number;
  height: number;
  dpr: number;
  info: RecordingInfo;
  store: PeakStore;
  win: TimeWindow;
  lanes: Lane[];
  bands: EventBand[];
  markers: Marker[];
  /** Channels drawn faint: muted, or not the soloed one. */
  faded: boolean[];
  skipSilence: boolean;
  palette: Palette;
}

// Monitoring spans most of a call, so it is a thin line under the others in the strip.
const BAND_ORDER: EventBandKind[] = ["monitoring", "silence", "hold", "securePause", "transfer"];

function drawBands(ctx: CanvasRenderingContext2D, s: SceneInput, lanesBottom: number) {
  const ordered = [...s.bands].sort(
    (a, b) => BAND_ORDER.indexOf(a.kind) - BAND_ORDER.indexOf(b.kind),
  );
  for (const band of ordered) {
    const colour = s.palette.band[band.kind];
    const x = timeToX(s.win, s.width, band.startMs);
    const w = Math.max(3, timeToX(s.win, s.width, band.startMs + band.durationMs) - x);
    if (x + w < 0 || x > s.width) continue;
    ctx.fillStyle = colour;
    ctx.strokeStyle = colour;
    if (band.kind === "monitoring") {
      ctx.fillRect(x, BAND_STRIP - 4, w, 2);
      continue;
    }
    ctx.fillRect(x, 1, w, BAND_STRIP - 4);
    const laneHeight = lanesBottom - BAND_STRIP;
    if (band.kind === "transfer") {
      ctx.fillRect(x, BAND_STRIP, 2, laneHeight);
    } else if (band.kind === "securePause") {
      ctx.globalAlpha = 0.35;
      ctx.lineWidth = 1;
      hatch(ctx, x, BAND_STRIP, w, laneHeight, 6);
    } else if (band.kind === "silence" && s.skipSilence) {
      // Skipped spans are hatched: playback jumps over them.
      ctx.globalAlpha = 0.45;
      ctx.lineWidth = 1;
      hatch(ctx, x, BAND_STRIP, w, laneHeight, 4);
    } else {
      ctx.globalAlpha = 0.12;
      ctx.fillRect(x, BAND_STRIP, w, laneHeight);
    }
    ctx.globalAlpha = 1;
  }
}

function drawRuler(ctx: CanvasRenderingContext2D, s: SceneInput) {
  const step = tickStep(s.win, s.width);
  const y = s.height - RULER;
  ctx.fillStyle = s.palette.grid;
  ctx.fillRect(0, y, s.width, 1);
  ctx.fillStyle = s.palette.muted;
  ctx.font = "11px system-ui, sans-serif";
  ctx.textBaseline = "top";
  for (
    let t = Math.ceil(s.win.startMs / step) * step;
    t <= s.win.startMs + s.win.spanMs;
    t += step
  ) {
    const x = Math.round(timeToX(s.win, s.width, t)) + 0.5;
    ctx.fillRect(x, y, 1, 4);
    ctx.fillText(formatClock(t), x + 3, y + 3);
  }
}

function drawMarkers(ctx: CanvasRenderingContext2D, s: SceneInput) {
  for (const m of s.markers) {
    const lane = s.lanes.find((l) => l.speaker === m.phrase.speaker);
    ctx.fillStyle = s.palette.marker[m.tone];
    if (lane) {
      ctx.globalAlpha = 0.5;
      ctx.fillRect(Math.round(m.x), m.y, 1, lane.top + lane.height - m.y);
      ctx.globalAlpha = 1;
    }
    ctx.beginPath();
    ctx.arc(m.x, m.y, 4.5, 0, Math.PI * 2);
    ctx.fill();
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = s.palette.surface;
    ctx.stroke();
  }
}

/** The zoomed view's static layer: bands, both lanes, markers and the ruler. */
export function drawScene(ctx: CanvasRenderingContext2D, s: SceneInput) {
  const lanesBottom = s.height - RULER;
  drawBands(ctx, s, lanesBottom);
  for (const lane of s.lanes) {
    ctx.fillStyle = s.palette.grid;
    ctx.fillRect(0, Math.round(lane.mid), s.width, 1);
    ctx.fillStyle = s.palette.wave[lane.speaker];
    ctx.globalAlpha = s.faded[lane.channel] ? 0.3 : 1;
    drawLane(ctx, s.store, s.info, lane, s.win, s.width, s.dpr);
    ctx.globalAlpha = 1;
  }
  if (s.lanes.length > 1) {
    ctx.fillStyle = s.palette.grid;
    ctx.fillRect(0, Math.round(s.lanes[1]!.top), s.width, 1);
  }
  drawMarkers(ctx, s);
  drawRuler(ctx, s);
}

/** The moving layer: one line. */
export function drawPlayhead(
  ctx: CanvasRenderingContext2D,
  x: number,
  height: number,
  colour: string,
) {
  ctx.fillStyle = colour;
  ctx.fillRect(Math.round(x) - 1, 0, 2, height);
}

/** The overview: the whole recording, customer above agent, in one strip. */
export function drawOverview(
  ctx: CanvasRenderingContext2D,
  s: Pick<SceneInput, "width" | "height" | "dpr" | "info" | "store" | "bands" | "palette">,
  lanes: Lane[],
) {
  const whole = { startMs: 0, spanMs: s.info.durationMs };
  for (const band of s.bands) {
    if (band.kind !== "hold" && band.kind !== "securePause") continue;
    const x = timeToX(whole, s.width, band.startMs);
    ctx.fillStyle = s.palette.band[band.kind];
    ctx.globalAlpha = 0.18;
    ctx.fillRect(x, 0, Math.max(2, timeToX(whole, s.width, band.durationMs)), s.height);
    ctx.globalAlpha = 1;
  }
  for (const lane of lanes) {
    ctx.fillStyle = s.palette.wave[lane.speaker];
    drawLane(ctx, s.store, s.info, lane, whole, s.width, s.dpr);
  }
}

/** The overview's moving layer: the zoomed window outlined, and the playhead. */
export function drawOverviewWindow(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  durationMs: number,
  win: TimeWindow,
  playheadMs: number,
  palette: Palette,
) {
  const whole = { startMs: 0, spanMs: durationMs };
  const x = timeToX(whole, width, win.startMs);
  const w = Math.max(4, timeToX(whole, width, win.spanMs));
  ctx.fillStyle = palette.accent;
  ctx.globalAlpha = 0.1;
  ctx.fillRect(x, 0, w, height);
  ctx.globalAlpha = 1;
  ctx.strokeStyle = palette.accent;
  ctx.lineWidth = 1.5;
  ctx.strokeRect(x + 0.75, 0.75, w - 1.5, height - 1.5);
  drawPlayhead(ctx, timeToX(whole, width, playheadMs), height, palette.text);
}
