// One opened recording: opens it in the core, follows its events (status, peaks, position)
// and holds what the UI asked for (rate, volume, channel mix, skip silence), sending each
// change to the core. Closing on unmount stops playback; a retry opens it afresh.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";

import {
  IpcError,
  closeRecording,
  openRecording,
  pauseRecording,
  playRecording,
  scrubRecording,
  seekRecording,
  setRecordingChannels,
  setRecordingRate,
  setRecordingVolume,
  setSkipSilence,
  type ChannelMix,
  type RecordingEvent,
  type RecordingInfo,
  type RecordingPhase,
} from "../../ipc";
import { PositionClock } from "./clock";
import { clamp } from "./geometry";
import { PeakStore } from "./peaks";

export type RecordingStage =
  | { kind: "opening"; phase: RecordingPhase; received: number | null; total: number | null }
  | { kind: "loading"; phase: RecordingPhase }
  /** `playable` false: no audio output here; the waveform and transcript still show. */
  | { kind: "ready"; playable: boolean }
  | { kind: "failed"; code: string; message: string };

export interface Listening {
  rate: number;
  volume: number;
  muted: boolean;
  mix: ChannelMix;
  skipSilence: boolean;
}

/** The info with the decoded pixel count; a duration the header did not know follows. */
function finalInfo(info: RecordingInfo, pixelCount: number): RecordingInfo {
  const decodedMs = Math.round((pixelCount * info.samplesPerPixel * 1000) / info.sampleRate);
  return { ...info, pixelCount, durationMs: info.durationMs > 0 ? info.durationMs : decodedMs };
}

export function useRecording(conversationId: string, autoPlay: boolean) {
  const [attempt, setAttempt] = useState(0);
  const [stage, setStage] = useState<RecordingStage>({
    kind: "opening",
    phase: "requesting",
    received: null,
    total: null,
  });
  const [info, setInfo] = useState<RecordingInfo | null>(null);
  // The peaks live in a mutable store; this counter tells the canvas to redraw.
  const [peaksVersion, setPeaksVersion] = useState(0);
  // The core reports the playhead only once its player exists; `ready` (all peaks sent)
  // can come a moment before, and commands then fail. The first position opens the gate.
  const [playable, setPlayable] = useState(false);
  const [commandError, setCommandError] = useState<IpcError | null>(null);
  const [listening, setListening] = useState<Listening>({
    rate: 1,
    volume: 1,
    muted: false,
    mix: { muted: [], solo: null },
    skipSilence: false,
  });
  const [store, setStore] = useState<PeakStore | null>(null);
  const playerRef = useRef<string | null>(null);
  const clock = useMemo(() => new PositionClock(), []);
  const autoPlayRef = useRef(autoPlay);

  useEffect(() => {
    let cancelled = false;
    let playerId: string | null = null;
    let peaks: PeakStore | null = null;
    let started = false;
    // The first position may arrive before the open resolves with the player's id.
    const playIfAsked = () => {
      if (!started || !playerId || !autoPlayRef.current) return;
      autoPlayRef.current = false;
      playRecording(playerId).catch((e: unknown) => setCommandError(IpcError.from(e)));
    };
    const onEvent = (event: RecordingEvent) => {
      if (cancelled) return;
      switch (event.kind) {
        case "status":
          setStage((s) =>
            s.kind === "opening" || s.kind === "failed"
              ? {
                  kind: "opening",
                  phase: event.phase,
                  received: event.received,
                  total: event.total,
                }
              : { kind: "loading", phase: event.phase },
          );
          break;
        case "opened":
          peaks = new PeakStore(event.info.pixelCount, event.info.channels.length);
          setStore(peaks);
          setInfo(event.info);
          setListening((l) => ({
            ...l,
            mix: { muted: event.info.channels.map(() => false), solo: null },
          }));
          setStage({ kind: "loading", phase: "decoding" });
          break;
        case "peaks":
          peaks?.add(event.firstPixel, event.data);
          setPeaksVersion((v) => v + 1);
          break;
        case "ready":
          setStage({ kind: "ready", playable: event.playable });
          // The pixel count opened with is an estimate from the file's header; the
          // decoded one is final (and the only one when the header had no length).
          if (peaks && event.pixelCount !== peaks.pixelCount) {
            peaks.resize(event.pixelCount);
            setInfo((i) => i && finalInfo(i, event.pixelCount));
          }
          peaks?.complete();
          break;
        case "position":
          clock.fromCore(event.positionMs, event.playing);
          if (!started) {
            started = true;
            setPlayable(true);
            playIfAsked();
          }
          break;
        case "failed":
          setStage({ kind: "failed", code: event.error.code, message: event.error.message });
          break;
      }
    };
    openRecording(conversationId, onEvent).then(
      (opened) => {
        if (cancelled) {
          void closeRecording(opened.playerId).catch(() => undefined);
          return;
        }
        playerId = opened.playerId;
        playerRef.current = opened.playerId;
        playIfAsked();
      },
      (error: unknown) => {
        if (cancelled) return;
        const { code, message } = IpcError.from(error);
        setStage({ kind: "failed", code, message });
      },
    );
    return () => {
      cancelled = true;
      playerRef.current = null;
      // Nothing is listening any more; a failed close leaves nothing for the user to do.
      if (playerId) void closeRecording(playerId).catch(() => undefined);
    };
  }, [conversationId, attempt, clock]);

  /** Runs a command on the open player; a rejection shows as a short notice. */
  const run = useCallback((command: (playerId: string) => Promise<void>) => {
    const playerId = playerRef.current;
    if (!playerId) return;
    setCommandError(null);
    command(playerId).catch((e: unknown) => setCommandError(IpcError.from(e)));
  }, []);

  const durationMs = info?.durationMs ?? 0;
  const commands = useMemo(
    () => ({
      play: () => run(playRecording),
      pause: () => run(pauseRecording),
      // Positions cross as whole milliseconds (the core takes u64).
      seek: (ms: number) => {
        const to = Math.round(clamp(ms, 0, durationMs));
        clock.moveTo(to);
        run((id) => seekRecording(id, to));
      },
      /** While dragging: the playhead moves at once; null ends the scrub. */
      scrub: (ms: number | null) => {
        const to = ms === null ? null : Math.round(clamp(ms, 0, durationMs));
        if (to !== null) clock.moveTo(to);
        clock.setScrubbing(to !== null);
        run((id) => scrubRecording(id, to));
      },
      setRate: (rate: number) => {
        setListening((l) => ({ ...l, rate }));
        run((id) => setRecordingRate(id, rate));
      },
      setVolume: (volume: number) => {
        setListening((l) => ({ ...l, volume, muted: false }));
        run((id) => setRecordingVolume(id, volume));
      },
      setMuted: (muted: boolean, volume: number) => {
        setListening((l) => ({ ...l, muted }));
        run((id) => setRecordingVolume(id, muted ? 0 : volume));
      },
      setMix: (mix: ChannelMix) => {
        setListening((l) => ({ ...l, mix }));
        run((id) => setRecordingChannels(id, mix));
      },
      setSkipSilence: (skip: boolean) => {
        setListening((l) => ({ ...l, skipSilence: skip }));
        run((id) => setSkipSilence(id, skip));
      },
    }),
    [run, clock, durationMs],
  );

  const retry = useCallback(() => {
    setStore(null);
    setInfo(null);
    setPeaksVersion(0);
    setPlayable(false);
    setStage({ kind: "opening", phase: "requesting", received: null, total: null });
    setAttempt((a) => a + 1);
  }, []);

  return {
    stage,
    playable,
    info,
    store,
    peaksVersion,
    clock,
    listening,
    commands,
    commandError,
    retry,
  };
}

export type Recording = ReturnType<typeof useRecording>;
