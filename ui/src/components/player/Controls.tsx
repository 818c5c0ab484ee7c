// The row under the waveform: play/pause, time, speed, volume, per-channel mute and solo,
// skip silence, follow the playhead, zoom. Every toggle says its state with aria-pressed.
import {
  ChevronDown,
  Headphones,
  LocateFixed,
  Pause,
  Play,
  SkipForward,
  Volume2,
  VolumeX,
  ZoomIn,
  ZoomOut,
} from "lucide-react";
import type { ReactNode } from "react";

import { Button } from "../primitives/Button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuTrigger,
} from "../primitives/DropdownMenu";
import { Tooltip } from "../primitives/Tooltip";
import { PLAYBACK_RATES, type ChannelMix } from "../../ipc";
import { useClock, type ClockState } from "./clock";
import { SPEAKER_LABELS, formatClock } from "./text";
import type { Recording } from "./useRecording";

const ICON = { size: 14, "aria-hidden": true } as const;
const isPlaying = (s: ClockState) => s.playing;
const wholeSeconds = (s: ClockState) => Math.floor(s.positionMs / 1000);

export const formatRate = (rate: number) => `${rate}×`;

export interface ControlsProps {
  recording: Recording;
  ready: boolean;
  follow: boolean;
  onFollow: () => void;
  onPlay: () => void;
  onZoom: (step: 1 | -1) => void;
  compact: boolean;
}

/** A button with an icon; a toggle (aria-pressed) when `pressed` is given. */
function Toggle(props: {
  label: string;
  pressed?: boolean;
  onClick: () => void;
  icon: ReactNode;
  children?: ReactNode;
  testId: string;
}) {
  const button = (
    <button
      type="button"
      className={props.children ? "player-toggle" : "player-toggle player-toggle--icon"}
      aria-pressed={props.pressed}
      aria-label={props.children ? undefined : props.label}
      onClick={props.onClick}
      data-testid={props.testId}
    >
      {props.icon}
      {props.children}
    </button>
  );
  return props.children ? button : <Tooltip content={props.label}>{button}</Tooltip>;
}

export function TimeReadout({ recording }: { recording: Recording }) {
  const seconds = useClock(recording.clock, wholeSeconds);
  return (
    <span className="player-time mono" data-testid="player-time">
      {formatClock(seconds * 1000)} / {formatClock(recording.info?.durationMs ?? 0)}
    </span>
  );
}

export function Controls({
  recording,
  ready,
  follow,
  onFollow,
  onPlay,
  onZoom,
  compact,
}: ControlsProps) {
  const { clock, commands, listening, info } = recording;
  const playing = useClock(clock, isPlaying);
  const { mix } = listening;
  const setMix = (next: Partial<ChannelMix>) => commands.setMix({ ...mix, ...next });

  return (
    <div className="player-controls">
      <Button
        variant="primary"
        size="sm"
        className="player-controls__play"
        icon={playing ? <Pause {...ICON} /> : <Play {...ICON} />}
        aria-label={playing ? "Pause" : "Play"}
        disabled={!ready}
        onClick={() => (playing ? commands.pause() : onPlay())}
        data-testid="player-play"
      />
      <TimeReadout recording={recording} />
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button
            size="sm"
            variant="ghost"
            aria-label={`Speed ${formatRate(listening.rate)}`}
            data-testid="player-speed"
          >
            {formatRate(listening.rate)}
            <ChevronDown {...ICON} />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start">
          <DropdownMenuLabel>Speed</DropdownMenuLabel>
          <DropdownMenuRadioGroup
            value={String(listening.rate)}
            onValueChange={(value) => commands.setRate(Number(value))}
          >
            {PLAYBACK_RATES.map((rate) => (
              <DropdownMenuRadioItem
                key={rate}
                value={String(rate)}
                data-testid={`player-speed-${rate}`}
              >
                {formatRate(rate)}
              </DropdownMenuRadioItem>
            ))}
          </DropdownMenuRadioGroup>
        </DropdownMenuContent>
      </DropdownMenu>
      <span className="player-controls__group">
        <Toggle
          label={listening.muted ? "Unmute" : "Mute"}
          pressed={listening.muted}
          onClick={() => commands.setMuted(!listening.muted, listening.volume)}
          icon={listening.muted ? <VolumeX {...ICON} /> : <Volume2 {...ICON} />}
          testId="player-mute"
        />
        <input
          type="range"
          className="player-volume"
          min={0}
          max={100}
          step={5}
          value={listening.muted ? 0 : Math.round(listening.volume * 100)}
          aria-label="Volume"
          aria-valuetext={`${Math.round((listening.muted ? 0 : listening.volume) * 100)}%`}
          onChange={(event) => commands.setVolume(Number(event.target.value) / 100)}
          data-testid="player-volume"
        />
      </span>
      {(info?.channels ?? []).map((speaker, channel) => (
        <span
          key={speaker}
          className="player-controls__group player-channel"
          data-testid={`player-channel-${speaker}`}
        >
          <span className="player-channel__name">{SPEAKER_LABELS[speaker]}</span>
          <Toggle
            label={`Mute ${SPEAKER_LABELS[speaker].toLowerCase()}`}
            pressed={mix.muted[channel] ?? false}
            onClick={() => setMix({ muted: mix.muted.map((m, i) => (i === channel ? !m : m)) })}
            icon={<VolumeX {...ICON} />}
            testId={`player-mute-${speaker}`}
          />
          <Toggle
            label={`Solo ${SPEAKER_LABELS[speaker].toLowerCase()}`}
            pressed={mix.solo === channel}
            onClick={() => setMix({ solo: mix.solo === channel ? null : channel })}
            icon={<Headphones {...ICON} />}
            testId={`player-solo-${speaker}`}
          />
        </span>
      ))}
      <span className="player-controls__spacer" />
      <Toggle
        label="Skip silence"
        pressed={listening.skipSilence}
        onClick={() => commands.setSkipSilence(!listening.skipSilence)}
        icon={<SkipForward {...ICON} />}
        testId="player-skip-silence"
      >
        {compact ? null : "Skip silence"}
      </Toggle>
      <Toggle
        label="Follow the playhead"
        pressed={follow}
        onClick={onFollow}
        icon={<LocateFixed {...ICON} />}
        testId="player-follow"
      >
        {compact ? null : "Follow"}
      </Toggle>
      <span className="player-controls__group">
        <Toggle
          label="Zoom out"
          onClick={() => onZoom(-1)}
          icon={<ZoomOut {...ICON} />}
          testId="player-zoom-out"
        />
        <Toggle
          label="Zoom in"
          onClick={() => onZoom(1)}
          icon={<ZoomIn {...ICON} />}
          testId="player-zoom-in"
        />
      </span>
    </div>
  );
}
