// The transcript beside the waveform: the phrase being spoken is highlighted and kept in
// view; each phrase seeks to its start.
import { useCallback, useEffect, useRef } from "react";

import type { TranscriptPhrase } from "../../ipc";
import { sentimentTone } from "../../domain/sentiment";
import { useClock, type ClockState } from "./clock";
import { currentPhrase } from "./geometry";
import { SPEAKER_LABELS, formatClock, sentimentWords } from "./text";
import type { Recording } from "./useRecording";

export interface TranscriptProps {
  recording: Recording;
  phrases: TranscriptPhrase[];
  onSeek: (ms: number) => void;
}

export function Transcript({ recording, phrases, onSeek }: TranscriptProps) {
  const list = useRef<HTMLOListElement>(null);
  const select = useCallback((s: ClockState) => currentPhrase(phrases, s.positionMs), [phrases]);
  const current = useClock(recording.clock, select);

  useEffect(() => {
    // Scroll the list only (not the panel around it) so the current phrase is visible.
    const el = list.current;
    const item = current === null ? null : el?.children[current];
    if (!el || !(item instanceof HTMLElement)) return;
    const top = item.offsetTop - el.offsetTop;
    if (top < el.scrollTop || top + item.offsetHeight > el.scrollTop + el.clientHeight) {
      el.scrollTop = Math.max(0, top - el.clientHeight / 3);
    }
  }, [current]);

  if (phrases.length === 0) {
    return <p className="player-transcript__empty">There is no transcript for this recording.</p>;
  }
  return (
    <ol
      ref={list}
      className="player-transcript"
      aria-label="Transcript"
      data-testid="player-transcript"
    >
      {phrases.map((phrase, i) => {
        const tone = phrase.sentiment === null ? null : sentimentTone(phrase.sentiment);
        return (
          <li key={phrase.index}>
            <button
              type="button"
              className={`player-phrase player-phrase--${phrase.speaker}`}
              aria-current={i === current ? "true" : undefined}
              onClick={() => onSeek(phrase.startMs)}
              data-testid="transcript-phrase"
              data-index={phrase.index}
            >
              <span className="player-phrase__meta">
                <span className="player-phrase__speaker">{SPEAKER_LABELS[phrase.speaker]}</span>
                <span className="player-phrase__time mono">{formatClock(phrase.startMs)}</span>
                {tone && phrase.sentiment !== null ? (
                  <span
                    className={`player-dot player-dot--${tone}`}
                    role="img"
                    aria-label={sentimentWords(phrase.sentiment)}
                    title={sentimentWords(phrase.sentiment)}
                  />
                ) : null}
              </span>
              <span className="player-phrase__text">{phrase.text}</span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
