// The whole recording in one strip, with the zoomed view's window outlined. A press or a
// drag there moves the window; the slider below is how keyboards move through time.
import { useEffect, useMemo, useRef, type PointerEvent } from "react";

import type { EventBand } from "../../ipc";
import { drawOverview, drawOverviewWindow, readPalette } from "./draw";
import { centreOn, laneLayout, xToTime, type TimeWindow } from "./geometry";
import { prepareCanvas, useCanvasSize } from "./useCanvasSize";
import type { Recording } from "./useRecording";

export interface OverviewProps {
  recording: Recording;
  win: TimeWindow;
  onWindow: (win: TimeWindow) => void;
  bands: EventBand[];
}

export function Overview({ recording, win, onWindow, bands }: OverviewProps) {
  const { info, store, peaksVersion, clock } = recording;
  const host = useRef<HTMLDivElement>(null);
  const staticCanvas = useRef<HTMLCanvasElement>(null);
  const windowCanvas = useRef<HTMLCanvasElement>(null);
  const size = useCanvasSize(host);
  const lanes = useMemo(
    () => laneLayout(info?.channels ?? [], size.height, 1, 1),
    [info, size.height],
  );

  useEffect(() => {
    if (!info || !store) return;
    const frame = requestAnimationFrame(() => {
      const ctx = prepareCanvas(staticCanvas.current, size);
      if (!ctx || !host.current) return;
      drawOverview(ctx, { ...size, info, store, bands, palette: readPalette(host.current) }, lanes);
    });
    return () => cancelAnimationFrame(frame);
  }, [info, store, peaksVersion, size, bands, lanes]);

  useEffect(() => {
    if (!info) return;
    const palette = host.current ? readPalette(host.current) : null;
    const draw = () => {
      const ctx = prepareCanvas(windowCanvas.current, size);
      if (!ctx || !palette) return;
      drawOverviewWindow(
        ctx,
        size.width,
        size.height,
        info.durationMs,
        win,
        clock.get().positionMs,
        palette,
      );
    };
    draw();
    return clock.subscribe(draw);
  }, [info, clock, size, win]);

  function moveTo(event: PointerEvent<HTMLDivElement>) {
    if (!info || size.width <= 0) return;
    const x = event.clientX - event.currentTarget.getBoundingClientRect().left;
    const ms = xToTime({ startMs: 0, spanMs: info.durationMs }, size.width, x);
    onWindow(centreOn(win, ms, info.durationMs));
  }

  return (
    <div
      ref={host}
      className="player-overview"
      // The slider covers keyboards and screen readers; this is a pointer shortcut.
      aria-hidden="true"
      onPointerDown={(event) => {
        if (event.button !== 0) return;
        event.currentTarget.setPointerCapture(event.pointerId);
        moveTo(event);
      }}
      onPointerMove={(event) => {
        if (event.currentTarget.hasPointerCapture(event.pointerId)) moveTo(event);
      }}
      data-testid="player-overview"
    >
      <canvas ref={staticCanvas} className="player-wave__canvas" />
      <canvas ref={windowCanvas} className="player-wave__canvas" />
    </div>
  );
}
