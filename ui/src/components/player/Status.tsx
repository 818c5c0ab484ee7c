// Before the waveform: what opening the recording is doing (with bytes and a bar while
// downloading), or why it failed, in words, with a Retry.
import { RotateCw } from "lucide-react";

import { Button } from "../primitives/Button";
import { ErrorNotice } from "../primitives/ErrorNotice";
import { Spinner } from "../primitives/Spinner";
import type { RecordingPhase } from "../../ipc";
import { PHASE_LABELS, errorSentence, formatBytes } from "./text";

export interface ProgressProps {
  phase: RecordingPhase;
  received: number | null;
  total: number | null;
  /** How far along, when known otherwise than by bytes (decoding: pixels received). */
  fraction?: number;
}

export function RecordingProgress({ phase, received, total, fraction: given }: ProgressProps) {
  const fraction = given ?? (received !== null && total ? Math.min(1, received / total) : null);
  return (
    <div className="player-status" data-testid="player-progress" data-phase={phase}>
      <span className="player-status__label">
        <Spinner size="sm" />
        {PHASE_LABELS[phase]}
        {received !== null ? (
          <span className="player-status__bytes">
            {formatBytes(received)}
            {total ? ` of ${formatBytes(total)}` : null}
          </span>
        ) : null}
      </span>
      <div
        className={fraction === null ? "player-bar player-bar--indeterminate" : "player-bar"}
        role="progressbar"
        aria-label={PHASE_LABELS[phase]}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
      >
        <span className="player-bar__fill" style={{ width: `${(fraction ?? 1) * 100}%` }} />
      </div>
    </div>
  );
}

export function RecordingError({
  code,
  message,
  onRetry,
}: {
  code: string;
  message: string;
  onRetry: () => void;
}) {
  return (
    <ErrorNotice
      error={{ code, message: errorSentence(code, message) }}
      title="Could not open the recording"
      action={
        <Button
          size="sm"
          icon={<RotateCw size={14} aria-hidden="true" />}
          onClick={onRetry}
          data-testid="player-retry"
        >
          Retry
        </Button>
      }
      data-testid="player-error"
    />
  );
}
