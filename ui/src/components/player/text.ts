// The words the player shows: times, phases, band names, sentiment and errors in
// sentences a supervisor can act on.
import type { EventBandKind, RecordingPhase, Speaker } from "../../ipc";
import { SENTIMENT_LABELS, sentimentTone } from "../../domain/sentiment";

/** "1:23", or "1:02:03" past an hour, the way media players show time. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}`
    : `${minutes}:${seconds}`;
}

/** What a screen reader says for the position: "1:23 of 10:05". */
export const positionText = (positionMs: number, durationMs: number) =>
  `${formatClock(positionMs)} of ${formatClock(durationMs)}`;

export const SPEAKER_LABELS: Record<Speaker, string> = {
  customer: "Customer",
  agent: "Agent",
};

export const BAND_LABELS: Record<EventBandKind, string> = {
  hold: "Hold",
  securePause: "Secure pause",
  transfer: "Transfer",
  monitoring: "Monitoring",
  silence: "Silence",
};

export const PHASE_LABELS: Record<RecordingPhase, string> = {
  requesting: "Requesting the recording…",
  transcoding: "The platform is preparing the recording…",
  downloading: "Downloading the recording…",
  decoding: "Reading the audio…",
};

/** "Negative (−0.62)". */
export function sentimentWords(value: number): string {
  const score = value.toFixed(2).replace("-", "−");
  return `${SENTIMENT_LABELS[sentimentTone(value)]} (${score})`;
}

const bytesFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${bytesFormat.format(bytes / 1024)} KB`;
  return `${bytesFormat.format(bytes / (1024 * 1024))} MB`;
}

const ERROR_SENTENCES: Record<string, string> = {
  UnsupportedMedia: "This recording is in a format the player cannot read.",
  CorruptMedia: "The recording file is damaged, so it cannot be played.",
  MediaTooLarge: "This recording is too large to open in the player.",
  NotFound: "This conversation has no recording, or it has been deleted.",
  Network: "The recording could not be downloaded. Check the network connection and try again.",
};

/** A known code as a sentence; anything else shows the core's own message. */
export function errorSentence(code: string, message: string): string {
  return ERROR_SENTENCES[code] ?? message;
}
