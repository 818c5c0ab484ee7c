// Recordings: what the player exchanges with the core. The core downloads, decodes and
// plays; the UI draws the peaks it is sent and asks for play, seek, rate and so on.
// Times are milliseconds from the start of the recording.

/** Who speaks on a channel. Stereo recordings: channel 0 the customer, 1 the agent. */
export type Speaker = "customer" | "agent";

export interface TranscriptPhrase {
  index: number;
  startMs: number;
  durationMs: number;
  speaker: Speaker;
  text: string;
  /** Sentiment of the phrase from -1 (negative) to 1 (positive); null when not analysed. */
  sentiment: number | null;
}

export type EventBandKind = "hold" | "securePause" | "transfer" | "monitoring" | "silence";

/** A span on the recording's time axis, drawn as a band under the waveform. */
export interface EventBand {
  kind: EventBandKind;
  startMs: number;
  durationMs: number;
  /** What a tooltip says, e.g. "Hold (1:12)". */
  label: string;
}

/** The transcript and the spans the waveform shows; they need no audio to be known. */
export interface RecordingDetails {
  phrases: TranscriptPhrase[];
  bands: EventBand[];
}

export interface RecordingInfo {
  recordingId: string;
  conversationId: string;
  durationMs: number;
  sampleRate: number;
  /** One entry per channel of the peaks and of the per-channel mute/solo. */
  channels: Speaker[];
  /** Samples per pixel of the peaks sent; the UI merges pixels to zoom out. */
  samplesPerPixel: number;
  /** Pixels the whole recording will have at that resolution. */
  pixelCount: number;
}

export type RecordingPhase = "requesting" | "transcoding" | "downloading" | "decoding";

export type RecordingEvent =
  /** Where opening stands; `received`/`total` are bytes while downloading. */
  | { kind: "status"; phase: RecordingPhase; received: number | null; total: number | null }
  /** The recording is known; peaks follow. */
  | { kind: "opened"; info: RecordingInfo }
  /**
   * Pixels from `firstPixel` on: for each pixel, for each channel, min then max, as
   * 16-bit values (-32768..32767). The first batch is a screenful; the rest follow as
   * the file is decoded.
   */
  | { kind: "peaks"; firstPixel: number; data: number[] }
  /**
   * All peaks sent and the player exists: the pixel count and duration are final. With
   * `playable: false` there is no audio output here; the waveform still shows.
   */
  | { kind: "ready"; pixelCount: number; durationMs: number; playable: boolean }
  /** The player's position, at display rate while playing or scrubbing. */
  | { kind: "position"; positionMs: number; playing: boolean }
  | { kind: "failed"; error: { code: string; message: string } };

export interface OpenedRecording {
  playerId: string;
}

/** Per-channel listening: muted channels are silent; a solo channel plays alone. */
export interface ChannelMix {
  muted: boolean[];
  solo: number | null;
}

/** Playback rates offered, slowest to fastest; the pitch never changes. */
export const PLAYBACK_RATES = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.5, 3] as const;
