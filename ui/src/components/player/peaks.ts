// Waveform peaks as the core sends them: for each base pixel, for each channel, min then
// max as 16-bit values. Zooming out merges base pixels (min of mins, max of maxes), the
// way audiowaveform makes a coarser file from a finer one, so no zoom needs the audio.

/** The coarsest zoom level kept: 4096 base pixels merged into one. */
const MAX_LEVEL = 4096;

/** The peaks of one recording, filled batch by batch as the core decodes. */
export class PeakStore {
  /** `pixelCount * channels * 2` values: pixel-major, then channel, then min, max. */
  data: Int16Array;
  /** 1 where a pixel has arrived; pixels may arrive in any order. */
  loaded: Uint8Array;
  loadedCount = 0;
  /** Coarser copies (by powers of two), built on first use once every pixel is in. */
  private levels = new Map<number, PeakStore>();
  private done = false;

  constructor(
    public pixelCount: number,
    readonly channels: number,
  ) {
    this.data = new Int16Array(pixelCount * channels * 2);
    this.loaded = new Uint8Array(pixelCount);
  }

  /**
   * Changes the pixel count, keeping what has arrived: the count a recording opens with
   * is estimated from its header, and the decoder may find a few pixels more or fewer.
   */
  resize(pixelCount: number): void {
    const data = new Int16Array(pixelCount * this.channels * 2);
    const loaded = new Uint8Array(pixelCount);
    data.set(this.data.subarray(0, data.length));
    loaded.set(this.loaded.subarray(0, pixelCount));
    this.data = data;
    this.loaded = loaded;
    this.pixelCount = pixelCount;
    this.loadedCount = loaded.reduce((n, v) => n + v, 0);
    this.levels.clear();
  }

  /** Every pixel has arrived (the core said `ready`): zoom levels can be built and kept. */
  complete(): void {
    this.done = true;
    this.levels.clear();
  }

  /**
   * columnPeaks, read from the coarsest level no coarser than a column, so a zoomed-out
   * view of a long call merges a few pixels a column instead of thousands. While peaks
   * still arrive the base is read: a level built then would be stale at the next batch.
   */
  columns(channel: number, start: number, step: number, columns: number): ColumnPeaks {
    let factor = 1;
    while (factor * 2 <= step && factor < MAX_LEVEL) factor *= 2;
    if (factor === 1 || !this.done) return columnPeaks(this, channel, start, step, columns);
    let level = this.levels.get(factor);
    if (!level) {
      const data = mergePeaks(this.data, this.channels, factor);
      level = new PeakStore(data.length / (this.channels * 2), this.channels);
      level.add(0, data);
      this.levels.set(factor, level);
    }
    return columnPeaks(level, channel, start / factor, step / factor, columns);
  }

  /** Stores a batch from `firstPixel` on, growing the store for pixels past its end. */
  add(firstPixel: number, values: ArrayLike<number>): void {
    const stride = this.channels * 2;
    const pixels = Math.floor(values.length / stride);
    if (firstPixel + pixels > this.pixelCount) this.resize(firstPixel + pixels);
    this.levels.clear();
    for (let p = 0; p < pixels; p++) {
      const pixel = firstPixel + p;
      if (pixel < 0) continue;
      for (let i = 0; i < stride; i++) this.data[pixel * stride + i] = values[p * stride + i]!;
      if (!this.loaded[pixel]) {
        this.loaded[pixel] = 1;
        this.loadedCount += 1;
      }
    }
  }
}

/**
 * One zoom level coarser: every `factor` base pixels become one, per channel the min of
 * the mins and the max of the maxes. A short last group is merged as it is.
 */
export function mergePeaks(data: ArrayLike<number>, channels: number, factor: number): Int16Array {
  const stride = channels * 2;
  const pixels = Math.floor(data.length / stride);
  const step = Math.max(1, Math.floor(factor));
  const out = new Int16Array(Math.ceil(pixels / step) * stride);
  for (let o = 0, p = 0; p < pixels; o++, p += step) {
    const end = Math.min(pixels, p + step);
    for (let c = 0; c < channels; c++) {
      let min = 32767;
      let max = -32768;
      for (let q = p; q < end; q++) {
        min = Math.min(min, data[q * stride + c * 2]!);
        max = Math.max(max, data[q * stride + c * 2 + 1]!);
      }
      out[o * stride + c * 2] = min;
      out[o * stride + c * 2 + 1] = max;
    }
  }
  return out;
}

/** Min and max per drawn column, -1..1; NaN where no pixel of the column has arrived. */
export interface ColumnPeaks {
  min: Float32Array;
  max: Float32Array;
}

/**
 * The peaks of one channel for `columns` screen columns, the first starting at base pixel
 * `start` (fractional) and each covering `step` base pixels. When zoomed in past the base
 * resolution (`step` < 1) a base pixel spans several columns.
 */
export function columnPeaks(
  store: PeakStore,
  channel: number,
  start: number,
  step: number,
  columns: number,
): ColumnPeaks {
  const min = new Float32Array(columns).fill(NaN);
  const max = new Float32Array(columns).fill(NaN);
  const stride = store.channels * 2;
  for (let col = 0; col < columns; col++) {
    const from = Math.floor(start + col * step);
    const to = Math.max(from + 1, Math.floor(start + (col + 1) * step));
    let lo = 32767;
    let hi = -32768;
    let any = false;
    for (let p = Math.max(0, from); p < Math.min(store.pixelCount, to); p++) {
      if (!store.loaded[p]) continue;
      any = true;
      lo = Math.min(lo, store.data[p * stride + channel * 2]!);
      hi = Math.max(hi, store.data[p * stride + channel * 2 + 1]!);
    }
    if (any) {
      min[col] = lo / 32768;
      max[col] = hi / 32768;
    }
  }
  return { min, max };
}
