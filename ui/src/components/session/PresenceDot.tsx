import { presenceTone } from "../../domain/presence";
import "./session.css";

/** A coloured dot for a system presence; decorative, so pair it with the label. */
export function PresenceDot({ systemPresence }: { systemPresence: string | null | undefined }) {
  return (
    <span
      className={`presence-dot presence-dot--${presenceTone(systemPresence)}`}
      aria-hidden="true"
    />
  );
}
