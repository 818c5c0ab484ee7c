// A side panel with every field of one interaction; for a call, its recording first, with
// the transcript beside the waveform (the panel is wider then).
import { Check, Copy, X } from "lucide-react";
import { useEffect, useState } from "react";

import { RecordingPlayer } from "../../components/player/RecordingPlayer";
import { Button } from "../../components/primitives/Button";
import { COLUMN_IDS, type InteractionRow } from "../../ipc";
import { cellContent, useNow } from "./cells";
import { columnLabel, hasRecording } from "./columns";

export interface RowPanelProps {
  row: InteractionRow;
  onClose: () => void;
}

export function RowPanel({ row, onClose }: RowPanelProps) {
  const [copied, setCopied] = useState<string | null>(null);
  const now = useNow(row.state === "live");

  useEffect(() => {
    // Escape closes the panel wherever focus is, unless a menu or dialog took the key.
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape" && !event.defaultPrevented) onClose();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [onClose]);

  function copyId() {
    navigator.clipboard?.writeText(row.id).then(
      () => setCopied(row.id),
      () => setCopied(null),
    );
  }

  const recording = hasRecording(row);
  return (
    <aside
      className={recording ? "row-panel row-panel--recording" : "row-panel"}
      aria-label="Interaction details"
      data-testid="interaction-panel"
    >
      <header className="row-panel__header">
        <h2 className="row-panel__title">Interaction</h2>
        <button type="button" className="icon-button" aria-label="Close details" onClick={onClose}>
          <X size={16} aria-hidden="true" />
        </button>
      </header>
      <div className="row-panel__id">
        <span className="mono" data-testid="interaction-panel-id">
          {row.id}
        </span>
        <Button
          size="sm"
          variant="ghost"
          icon={
            copied === row.id ? (
              <Check size={14} aria-hidden="true" />
            ) : (
              <Copy size={14} aria-hidden="true" />
            )
          }
          onClick={copyId}
          data-testid="interaction-panel-copy"
        >
          {copied === row.id ? "Copied" : "Copy"}
        </Button>
      </div>
      {recording ? (
        <div className="row-panel__recording">
          <h3 className="row-panel__subtitle">Recording</h3>
          {/* Keyed: another call is another player, closed and opened afresh. */}
          <RecordingPlayer key={row.id} conversationId={row.id} />
        </div>
      ) : null}
      <dl className="facts row-panel__facts">
        {COLUMN_IDS.filter((id) => id !== "conversationId").map((id) => (
          <div key={id} className="row-panel__fact">
            <dt>{columnLabel(id)}</dt>
            <dd>{cellContent(id, row, now)}</dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}
