// What the Interactions list says when nothing matches: which of the network, search,
// filters or the period is the likely cause, with a button that undoes it.
import { CloudOff, Inbox } from "lucide-react";

import { Button } from "../../components/primitives/Button";
import { EmptyState } from "../../components/primitives/EmptyState";
import type { InteractionFilters } from "../../ipc";
import { activeFilterCount, clearFilters } from "./viewState";

export interface EmptyResultProps {
  filters: InteractionFilters;
  /** The platform could not be reached and nothing was saved for these filters yet. */
  offline: boolean;
  onChange: (filters: InteractionFilters) => void;
  onRefresh: () => void;
}

export function EmptyResult({ filters, offline, onChange, onRefresh }: EmptyResultProps) {
  return (
    <div className="interactions-empty" data-testid="interactions-empty">
      {offline ? (
        // Not "no interactions": there may be many, this computer just has none of them yet.
        <EmptyState
          icon={<CloudOff size={28} />}
          title="Can’t reach the platform"
          action={<Button onClick={onRefresh}>Try again</Button>}
        >
          No interactions for this view are saved on this computer yet. Check the network
          connection, then try again.
        </EmptyState>
      ) : filters.text.trim() !== "" ? (
        <EmptyState
          icon={<Inbox size={28} />}
          title={`No interactions match “${filters.text.trim()}”`}
          action={<Button onClick={() => onChange({ ...filters, text: "" })}>Clear search</Button>}
        >
          Search looks at the conversation id, the customer&apos;s name and the contact.
        </EmptyState>
      ) : (
        <EmptyState
          icon={<Inbox size={28} />}
          title="No interactions in this period"
          action={
            <span className="interactions-empty__actions">
              {activeFilterCount(filters) > 0 ? (
                <Button onClick={() => onChange(clearFilters(filters))}>Clear filters</Button>
              ) : null}
              <Button
                onClick={() =>
                  onChange({ ...filters, period: { kind: "preset", preset: "last30Days" } })
                }
              >
                Show the last 30 days
              </Button>
            </span>
          }
        >
          Try a longer period or clear filters.
        </EmptyState>
      )}
    </div>
  );
}
