// The compact player docked under the table: the call it plays, a close button, and the
// player itself, starting on its own once the recording is ready.
import { X } from "lucide-react";

import { RecordingPlayer } from "../../components/player/RecordingPlayer";
import type { InteractionRow } from "../../ipc";
import { formatDate, formatTime } from "./columns";

export function DockedPlayer({ row, onClose }: { row: InteractionRow; onClose: () => void }) {
  return (
    // A plain box: the player inside is the named region.
    <div className="inline-player" data-testid="inline-player">
      <header className="inline-player__header">
        <span className="inline-player__title">
          {row.customerName ?? row.contact ?? "Unknown caller"}
          <span className="inline-player__meta">
            {" · "}
            {formatDate(row.start)} {formatTime(row.start)}
            {row.agentName ? ` · ${row.agentName}` : null}
          </span>
        </span>
        <button
          type="button"
          className="icon-button"
          aria-label="Close the player"
          onClick={onClose}
          data-testid="inline-player-close"
        >
          <X size={16} aria-hidden="true" />
        </button>
      </header>
      {/* Keyed: another row is another recording, closed and opened afresh. */}
      <RecordingPlayer key={row.id} conversationId={row.id} compact autoPlay />
    </div>
  );
}
