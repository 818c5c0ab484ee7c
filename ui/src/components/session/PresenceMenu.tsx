import { ChevronDown } from "lucide-react";

import { usePresenceOptions, useSetPresence } from "../../data/presence";
import type { Session } from "../../ipc";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuTrigger,
} from "../primitives/DropdownMenu";
import { ErrorNotice } from "../primitives/ErrorNotice";
import { Spinner } from "../primitives/Spinner";
import { PresenceDot } from "./PresenceDot";
import "./session.css";

/** The supervisor's own presence: the trigger shows it, the menu changes it. */
export function PresenceMenu({ session }: { session: Session }) {
  const options = usePresenceOptions(session);
  const setPresence = useSetPresence();
  const presence = session.presence;
  const label = presence?.label ?? "No presence";

  return (
    <div className="presence-menu">
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <button
            type="button"
            className="presence-trigger"
            data-testid="presence-trigger"
            aria-label={`Presence: ${label}. Change presence`}
          >
            {setPresence.isPending ? (
              <Spinner size="sm" />
            ) : (
              <PresenceDot systemPresence={presence?.systemPresence} />
            )}
            <span>{label}</span>
            <ChevronDown size={14} aria-hidden="true" />
          </button>
        </DropdownMenuTrigger>
        <DropdownMenuContent>
          <DropdownMenuLabel>Set presence</DropdownMenuLabel>
          {options.isPending ? <Spinner size="sm" label="Loading presences" /> : null}
          {options.error ? <ErrorNotice compact error={options.error} /> : null}
          <DropdownMenuRadioGroup
            value={presence?.definitionId ?? ""}
            onValueChange={(definitionId) => setPresence.mutate(definitionId)}
          >
            {(options.data ?? []).map((option) => (
              <DropdownMenuRadioItem
                key={option.id}
                value={option.id}
                data-testid={`presence-option-${option.systemPresence}`}
              >
                <PresenceDot systemPresence={option.systemPresence} />
                {option.label}
              </DropdownMenuRadioItem>
            ))}
          </DropdownMenuRadioGroup>
        </DropdownMenuContent>
      </DropdownMenu>
      <div aria-live="polite">
        {setPresence.error ? (
          <ErrorNotice compact error={setPresence.error} data-testid="presence-error" />
        ) : null}
      </div>
    </div>
  );
}
