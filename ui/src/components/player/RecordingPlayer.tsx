/*
 * A conversation's recording: overview, zoomed waveform with speaker lanes, sentiment
 * markers and event bands, the controls row and (unless compact) the transcript beside it.
 * The core decodes and plays; this draws what it sends and asks for play, seek, and so on.
 * Keys (while focus is in the player) are listed in keys.ts.
 *
 * data-testid attributes:
 *   recording-player     the player (data-stage = opening | loading | ready | failed)
 *   player-progress      opening: phase (data-phase), bytes and a progress bar
 *   player-error / player-retry
 *   player-waveform      the zoomed view, role="slider"; player-overview the whole strip
 *   player-tooltip       what is under the pointer (a sentiment marker or a band)
 *   player-play / player-time / player-speed / player-speed-<rate> / player-mute /
 *   player-volume / player-mute-<speaker> / player-solo-<speaker> / player-skip-silence /
 *   player-follow / player-zoom-in / player-zoom-out / player-legend
 *   player-transcript / transcript-phrase (data-index; aria-current on the spoken one)
 */
import { useEffect, useRef, useState, type KeyboardEvent } from "react";

import { ErrorNotice } from "../primitives/ErrorNotice";
import { useRecordingDetails } from "../../data/recordings";
import { PLAYBACK_RATES, type EventBand, type TranscriptPhrase } from "../../ipc";
import { Controls } from "./Controls";
import {
  centreOn,
  followPlayhead,
  nextNegative,
  timeToX,
  zoomAround,
  type TimeWindow,
} from "./geometry";
import { keyAction, stepRate, type PlayerAction } from "./keys";
import { Legend } from "./Legend";
import { Overview } from "./Overview";
import { RecordingError, RecordingProgress } from "./Status";
import { Transcript } from "./Transcript";
import { useRecording } from "./useRecording";
import { Waveform } from "./Waveform";
import "./player.css";

export interface RecordingPlayerProps {
  conversationId: string;
  /** One row: no overview, legend or transcript (inline play under a list). */
  compact?: boolean;
  /** Starts playing once the recording is ready. */
  autoPlay?: boolean;
}

const NO_PHRASES: TranscriptPhrase[] = [];
const NO_BANDS: EventBand[] = [];
/** The panel opens on the first two minutes; the overview shows the rest. */
const PANEL_SPAN_MS = 120_000;

export function RecordingPlayer({
  conversationId,
  compact = false,
  autoPlay = false,
}: RecordingPlayerProps) {
  const recording = useRecording(conversationId, autoPlay);
  const details = useRecordingDetails(conversationId);
  const phrases = details.data?.phrases ?? NO_PHRASES;
  const bands = details.data?.bands ?? NO_BANDS;
  const { stage, info, clock, commands, listening } = recording;
  const durationMs = info?.durationMs ?? 0;

  const [chosen, setChosen] = useState<TimeWindow | null>(null);
  const win =
    chosen ??
    (info
      ? { startMs: 0, spanMs: compact ? durationMs : Math.min(durationMs, PANEL_SPAN_MS) }
      : null);
  // Follow is on unless turned off; scrolling by hand pauses it until the next play.
  const [followOn, setFollowOn] = useState(true);
  const [scrolledAway, setScrolledAway] = useState(false);
  const follow = followOn && !scrolledAway;

  const latest = useRef({ win, follow, durationMs });
  useEffect(() => {
    latest.current = { win, follow, durationMs };
  });
  useEffect(
    () =>
      clock.subscribe(() => {
        const { win, follow, durationMs } = latest.current;
        const { positionMs, playing } = clock.get();
        if (!win || !follow || !playing) return;
        const next = followPlayhead(win, positionMs, durationMs);
        if (next) setChosen(next);
      }),
    [clock],
  );

  const play = () => {
    setScrolledAway(false);
    commands.play();
  };
  const changeWindow = (next: TimeWindow, scrolled: boolean) => {
    setChosen(next);
    if (scrolled) setScrolledAway(true);
  };
  const zoom = (step: 1 | -1) => {
    if (!win) return;
    const x = timeToX(win, 1, clock.get().positionMs);
    changeWindow(
      zoomAround(win, step > 0 ? 2 : 0.5, x >= 0 && x <= 1 ? x : 0.5, durationMs),
      false,
    );
  };
  const toggleFollow = () => {
    if (follow) return setFollowOn(false);
    setFollowOn(true);
    setScrolledAway(false);
    // Back to the playhead at once, not at the next page turn.
    const next = win && followPlayhead(win, clock.get().positionMs, durationMs);
    if (next) setChosen(next);
  };
  const seekIntoView = (ms: number) => {
    commands.seek(ms);
    if (win && (ms < win.startMs || ms > win.startMs + win.spanMs)) {
      setChosen(centreOn(win, ms, durationMs));
    }
  };

  function apply(action: PlayerAction) {
    const { positionMs, playing } = clock.get();
    switch (action.kind) {
      case "toggle":
        return playing ? commands.pause() : play();
      case "pause":
        return commands.pause();
      case "playOrFaster":
        return playing ? commands.setRate(stepRate(PLAYBACK_RATES, listening.rate, 1)) : play();
      case "seekBy":
        return seekIntoView(Math.min(durationMs, Math.max(0, positionMs + action.ms)));
      case "seekTo":
        return seekIntoView(action.to === "start" ? 0 : durationMs);
      case "rate":
        return commands.setRate(stepRate(PLAYBACK_RATES, listening.rate, action.step));
      case "mute":
        return commands.setMuted(!listening.muted, listening.volume);
      case "negative": {
        const phrase = nextNegative(phrases, positionMs, action.step);
        if (phrase) seekIntoView(phrase.startMs);
        return;
      }
      case "zoom":
        return zoom(action.step);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    const target = event.target as HTMLElement;
    // Fields and menus keep their own keys; buttons keep Space and Enter.
    if (target.closest("input, textarea, select, [role='menu'], [role='menuitemradio']")) return;
    if ((event.key === " " || event.key === "Enter") && target.closest("button")) return;
    const action = keyAction(event);
    // Until the core's player exists only the view can change (see useRecording).
    if (!info || !action || (action.kind !== "zoom" && !recording.playable)) return;
    event.preventDefault();
    apply(action);
  }

  const ready = recording.playable;
  const loaded = recording.store
    ? recording.store.loadedCount / Math.max(1, recording.store.pixelCount)
    : 0;

  return (
    <section
      className={compact ? "player player--compact" : "player"}
      aria-label="Recording"
      onKeyDown={onKeyDown}
      data-testid="recording-player"
      data-stage={stage.kind}
    >
      {stage.kind === "failed" ? (
        <RecordingError code={stage.code} message={stage.message} onRetry={recording.retry} />
      ) : null}
      {stage.kind === "opening" ? <RecordingProgress {...stage} /> : null}
      {stage.kind !== "failed" && info && info.durationMs > 0 && win ? (
        <div className="player__body">
          <div className="player__main">
            {compact ? null : (
              <Overview
                recording={recording}
                win={win}
                onWindow={(w) => changeWindow(w, true)}
                bands={bands}
              />
            )}
            <Waveform
              recording={recording}
              win={win}
              onWindow={changeWindow}
              phrases={phrases}
              bands={bands}
            />
            {stage.kind === "loading" ? (
              <RecordingProgress phase="decoding" received={null} total={null} fraction={loaded} />
            ) : null}
            <Controls
              recording={recording}
              ready={ready}
              follow={follow}
              onFollow={toggleFollow}
              onPlay={play}
              onZoom={zoom}
              compact={compact}
            />
            {compact ? null : <Legend bands={bands} />}
          </div>
          {compact ? null : (
            <div className="player__side">
              {details.error ? (
                <ErrorNotice compact error={details.error} title="Could not load the transcript" />
              ) : (
                <Transcript recording={recording} phrases={phrases} onSeek={seekIntoView} />
              )}
            </div>
          )}
        </div>
      ) : null}
      {stage.kind === "ready" && !stage.playable ? (
        <p className="player__notice" role="status" data-testid="player-no-audio">
          This computer has no audio output, so the call cannot be played here. The waveform and the
          transcript are all here.
        </p>
      ) : null}
      {recording.commandError ? (
        <ErrorNotice compact error={recording.commandError} title="The player did not respond" />
      ) : null}
    </section>
  );
}
