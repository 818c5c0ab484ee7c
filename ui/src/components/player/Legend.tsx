// What the colours under and on the waveform mean: the event bands present in this
// recording, and the sentiment markers.
import type { EventBand, EventBandKind } from "../../ipc";
import { SENTIMENT_LABELS, type SentimentTone } from "../../domain/sentiment";
import { BAND_LABELS } from "./text";

const BAND_KINDS: EventBandKind[] = ["hold", "securePause", "transfer", "monitoring", "silence"];
const TONES: SentimentTone[] = ["negative", "neutral", "positive"];

export function Legend({ bands }: { bands: EventBand[] }) {
  const kinds = BAND_KINDS.filter((kind) => bands.some((b) => b.kind === kind));
  return (
    <ul className="player-legend" aria-label="Legend" data-testid="player-legend">
      {kinds.map((kind) => (
        <li key={kind} className="player-legend__item">
          <span className={`player-swatch player-swatch--${kind}`} aria-hidden="true" />
          {BAND_LABELS[kind]}
        </li>
      ))}
      {TONES.map((tone) => (
        <li key={tone} className="player-legend__item">
          <span className={`player-dot player-dot--${tone}`} aria-hidden="true" />
          {SENTIMENT_LABELS[tone]}
        </li>
      ))}
    </ul>
  );
}
