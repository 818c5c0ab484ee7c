// The zoomed view: two stacked canvases (the static scene, and the playhead that moves
// without redrawing it), an ARIA slider over them for keyboards and screen readers, drag
// to scrub, click to seek, Ctrl/⌘+wheel or pinch to zoom, and the wheel to scroll in time.
import { useCallback, useEffect, useMemo, useRef, useState, type PointerEvent } from "react";

import type { EventBand, TranscriptPhrase } from "../../ipc";
import { useClock, type ClockState } from "./clock";
import { drawPlayhead, drawScene, readPalette } from "./draw";
import {
  clampWindow,
  hitBand,
  hitMarker,
  laneLayout,
  placeMarkers,
  timeToX,
  xToTime,
  zoomAround,
  type TimeWindow,
} from "./geometry";
import { SPEAKER_LABELS, formatClock, positionText, sentimentWords } from "./text";
import { prepareCanvas, useCanvasSize } from "./useCanvasSize";
import type { Recording } from "./useRecording";

/** A press that moves less than this (CSS px) is a click, not a drag. */
const DRAG_THRESHOLD = 3;
const wholeSeconds = (s: ClockState) => Math.floor(s.positionMs / 1000);
const tipSide = (x: number, width: number) =>
  x < width * 0.25 ? "start" : x > width * 0.75 ? "end" : "middle";

export interface WaveformProps {
  recording: Recording;
  win: TimeWindow;
  /** A zoom or scroll by hand; `scrolled` when it moved in time (follow then stops). */
  onWindow: (win: TimeWindow, scrolled: boolean) => void;
  phrases: TranscriptPhrase[];
  bands: EventBand[];
}

interface Hover {
  x: number;
  y: number;
  title: string;
  text: string | null;
}

export function Waveform({ recording, win, onWindow, phrases, bands }: WaveformProps) {
  const { info, store, peaksVersion, clock, commands, listening } = recording;
  const host = useRef<HTMLDivElement>(null);
  const staticCanvas = useRef<HTMLCanvasElement>(null);
  const playheadCanvas = useRef<HTMLCanvasElement>(null);
  const size = useCanvasSize(host);
  const [hover, setHover] = useState<Hover | null>(null);
  const durationMs = info?.durationMs ?? 0;

  const lanes = useMemo(() => laneLayout(info?.channels ?? [], size.height), [info, size.height]);
  const markers = useMemo(
    () => placeMarkers(phrases, lanes, win, size.width),
    [phrases, lanes, win, size.width],
  );
  const { muted, solo } = listening.mix;
  const faded = useMemo(
    () => (info?.channels ?? []).map((_, i) => (solo !== null ? solo !== i : (muted[i] ?? false))),
    [info, muted, solo],
  );

  // The static scene, at most once a frame however many batches or wheel events arrive.
  useEffect(() => {
    if (!info || !store) return;
    const frame = requestAnimationFrame(() => {
      const ctx = prepareCanvas(staticCanvas.current, size);
      if (!ctx || !host.current) return;
      drawScene(ctx, {
        ...size,
        info,
        store,
        win,
        lanes,
        bands,
        markers,
        faded,
        skipSilence: listening.skipSilence,
        palette: readPalette(host.current),
      });
    });
    return () => cancelAnimationFrame(frame);
  }, [info, store, peaksVersion, size, win, lanes, bands, markers, faded, listening.skipSilence]);

  // The playhead layer redraws on every position, outside React rendering.
  useEffect(() => {
    // Read once here, not on every position: style lookups 30 times a second add up.
    const colour = host.current ? readPalette(host.current).text : "";
    const draw = () => {
      const ctx = prepareCanvas(playheadCanvas.current, size);
      if (!ctx) return;
      const x = timeToX(win, size.width, clock.get().positionMs);
      if (x >= -1 && x <= size.width + 1) drawPlayhead(ctx, x, size.height, colour);
    };
    draw();
    return clock.subscribe(draw);
  }, [clock, size, win]);

  // Latest values for the native wheel listener, which is registered once.
  const latest = useRef({ win, width: size.width, durationMs, onWindow });
  useEffect(() => {
    latest.current = { win, width: size.width, durationMs, onWindow };
  });

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    // Registered natively: React's wheel listener is passive and cannot stop page scroll.
    const onWheel = (event: WheelEvent) => {
      const { win, width, durationMs, onWindow } = latest.current;
      if (width <= 0 || durationMs <= 0) return;
      event.preventDefault();
      if (event.ctrlKey || event.metaKey) {
        // Ctrl+wheel, and trackpad pinch (which arrives as a wheel with ctrlKey).
        const factor = Math.min(2, Math.max(0.5, Math.exp(-event.deltaY * 0.01)));
        const anchor = (event.clientX - el.getBoundingClientRect().left) / width;
        onWindow(zoomAround(win, factor, Math.min(1, Math.max(0, anchor)), durationMs), false);
        return;
      }
      const delta =
        event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY)
          ? event.deltaX || event.deltaY
          : event.deltaY;
      const ms = (delta / width) * win.spanMs;
      onWindow(clampWindow({ startMs: win.startMs + ms, spanMs: win.spanMs }, durationMs), true);
    };
    el.addEventListener("wheel", onWheel, { passive: false });
    return () => el.removeEventListener("wheel", onWheel);
  }, []);

  // A press: where it started, whether it has become a scrub, and the scrub's last point.
  const press = useRef<{ x: number; scrubbing: boolean; frame: number | null; ms: number } | null>(
    null,
  );
  const localX = (event: PointerEvent) =>
    event.clientX - (host.current?.getBoundingClientRect().left ?? 0);
  const localY = (event: PointerEvent) =>
    event.clientY - (host.current?.getBoundingClientRect().top ?? 0);
  const timeAt = useCallback(
    (x: number) => Math.min(durationMs, Math.max(0, xToTime(win, size.width, x))),
    [win, size.width, durationMs],
  );

  function onPointerDown(event: PointerEvent<HTMLDivElement>) {
    if (event.button !== 0 || !info || !recording.playable) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    press.current = { x: localX(event), scrubbing: false, frame: null, ms: 0 };
    setHover(null);
  }

  function onPointerMove(event: PointerEvent<HTMLDivElement>) {
    const x = localX(event);
    const p = press.current;
    if (!p) {
      describe(x, localY(event));
      return;
    }
    if (!p.scrubbing && Math.abs(x - p.x) < DRAG_THRESHOLD) return;
    p.scrubbing = true;
    p.ms = timeAt(x);
    // The playhead and time follow the pointer now; the core hears once a frame.
    clock.setScrubbing(true);
    clock.moveTo(p.ms);
    p.frame ??= requestAnimationFrame(() => {
      p.frame = null;
      commands.scrub(p.ms);
    });
  }

  function onPointerUp(event: PointerEvent<HTMLDivElement>) {
    const p = press.current;
    press.current = null;
    if (!p) return;
    if (event.currentTarget.hasPointerCapture(event.pointerId)) {
      event.currentTarget.releasePointerCapture(event.pointerId);
    }
    if (p.scrubbing) {
      if (p.frame !== null) {
        cancelAnimationFrame(p.frame);
        commands.scrub(p.ms);
      }
      commands.scrub(null);
      return;
    }
    const marker = hitMarker(markers, localX(event), localY(event));
    commands.seek(marker ? marker.phrase.startMs : timeAt(localX(event)));
  }

  function onPointerCancel() {
    const p = press.current;
    press.current = null;
    if (p?.frame != null) cancelAnimationFrame(p.frame);
    if (p?.scrubbing) commands.scrub(null);
  }

  /** The tooltip for what is under the pointer: a sentiment marker or an event band. */
  function describe(x: number, y: number) {
    const marker = hitMarker(markers, x, y);
    const band = marker ? null : hitBand(bands, win, size.width, x, y);
    let next: Hover | null = null;
    if (marker) {
      const p = marker.phrase;
      const words = sentimentWords(p.sentiment ?? 0);
      next = {
        x: marker.x,
        y: marker.y,
        title: `${SPEAKER_LABELS[p.speaker]} · ${formatClock(p.startMs)} · ${words}`,
        text: p.text,
      };
    } else if (band) {
      // The core words the label for a tooltip ("Hold (1:12)"); only the position is ours.
      const x = Math.max(8, timeToX(win, size.width, band.startMs));
      next = { x, y, title: band.label, text: null };
    }
    // Pointer moves come faster than frames: re-render only when the tooltip changes.
    setHover((prev) =>
      prev?.title === next?.title && prev?.text === next?.text && prev?.x === next?.x ? prev : next,
    );
  }

  const seconds = useClock(clock, wholeSeconds);
  const overMarker = hover?.text != null;

  return (
    <div
      ref={host}
      className={overMarker ? "player-wave player-wave--pointing" : "player-wave"}
      role="slider"
      tabIndex={0}
      aria-label="Position in the recording"
      aria-valuemin={0}
      aria-valuemax={Math.round(durationMs / 1000)}
      aria-valuenow={seconds}
      aria-valuetext={positionText(seconds * 1000, durationMs)}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerCancel}
      onPointerLeave={() => setHover(null)}
      data-testid="player-waveform"
    >
      <canvas ref={staticCanvas} className="player-wave__canvas" aria-hidden="true" />
      <canvas ref={playheadCanvas} className="player-wave__canvas" aria-hidden="true" />
      {lanes.map((lane) => (
        <span
          key={lane.speaker}
          className={`player-wave__lane player-wave__lane--${lane.speaker}`}
          style={{ top: lane.top + 2 }}
          aria-hidden="true"
        >
          {SPEAKER_LABELS[lane.speaker]}
        </span>
      ))}
      {hover ? (
        <div
          className={`player-wave__tip player-wave__tip--${tipSide(hover.x, size.width)}`}
          role="tooltip"
          // The view clips what overflows it: below the point in the upper half, above it
          // in the lower half, and kept inside at either end.
          style={
            hover.y < size.height / 2
              ? { left: hover.x, top: hover.y + 10 }
              : { left: hover.x, bottom: size.height - hover.y + 10 }
          }
          data-testid="player-tooltip"
        >
          <span className="player-wave__tip-title">{hover.title}</span>
          {hover.text ? <span className="player-wave__tip-text">“{hover.text}”</span> : null}
        </div>
      ) : null}
    </div>
  );
}
