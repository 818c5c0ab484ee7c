// The CSS size of a canvas host and the device pixel ratio, kept current: a resize of
// the host (ResizeObserver) or a move to a screen of another density (a resolution media
// query that stops matching) both re-render, so the canvases are redrawn sharp.
import { useEffect, useState, type RefObject } from "react";

export interface CanvasSize {
  width: number;
  height: number;
  dpr: number;
}

const dprNow = () => (typeof window.devicePixelRatio === "number" ? window.devicePixelRatio : 1);

export function useCanvasSize(host: RefObject<HTMLElement | null>): CanvasSize {
  const [size, setSize] = useState<CanvasSize>({ width: 0, height: 0, dpr: dprNow() });

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const measure = () => {
      const next = { width: el.clientWidth, height: el.clientHeight, dpr: dprNow() };
      setSize((s) =>
        s.width === next.width && s.height === next.height && s.dpr === next.dpr ? s : next,
      );
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);

    // A resolution query matches one ratio; when it stops matching, watch the new one.
    let query: MediaQueryList | null = null;
    const watchDpr = () => {
      query?.removeEventListener("change", onDpr);
      query = window.matchMedia?.(`(resolution: ${dprNow()}dppx)`) ?? null;
      query?.addEventListener("change", onDpr);
    };
    const onDpr = () => {
      measure();
      watchDpr();
    };
    watchDpr();
    return () => {
      observer.disconnect();
      query?.removeEventListener("change", onDpr);
    };
  }, [host]);

  return size;
}

/**
 * Sizes the backing store to device pixels and scales the context so drawing code works
 * in CSS pixels. Null where there is no 2D context (jsdom); callers then draw nothing.
 */
export function prepareCanvas(
  canvas: HTMLCanvasElement | null,
  { width, height, dpr }: CanvasSize,
): CanvasRenderingContext2D | null {
  if (!canvas || width <= 0 || height <= 0) return null;
  const w = Math.round(width * dpr);
  const h = Math.round(height * dpr);
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const ctx = canvas.getContext("2d");
  if (!ctx) return null;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}
