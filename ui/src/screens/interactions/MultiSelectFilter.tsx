// One filter with several choices in a popover. Long lists (queues, agents, wrap-up codes
// run to hundreds) get a search box; the trigger says what is chosen.
import { ChevronDown } from "lucide-react";
import { useState } from "react";

import { Button } from "../../components/primitives/Button";
import { Popover, PopoverContent, PopoverTrigger } from "../../components/primitives/Popover";

export interface FilterChoice {
  value: string;
  label: string;
}

export interface MultiSelectFilterProps {
  label: string;
  choices: readonly FilterChoice[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  "data-testid"?: string;
}

/** Lists longer than this get a search box. */
const SEARCH_FROM = 8;

export function MultiSelectFilter({
  label,
  choices,
  selected,
  onChange,
  "data-testid": testId,
}: MultiSelectFilterProps) {
  const [query, setQuery] = useState("");
  const chosen = new Set(selected);
  const needle = query.trim().toLocaleLowerCase();
  const visible = needle
    ? choices.filter((c) => c.label.toLocaleLowerCase().includes(needle))
    : choices;
  const first = choices.find((c) => c.value === selected[0]);
  const summary =
    selected.length === 0
      ? label
      : selected.length === 1 && first
        ? `${label}: ${first.label}`
        : `${label}: ${selected.length}`;

  function toggle(value: string, on: boolean) {
    // Keep the choices' own order so a saved view does not change with click order.
    onChange(choices.map((c) => c.value).filter((v) => (v === value ? on : chosen.has(v))));
  }

  return (
    <Popover onOpenChange={(open) => (open ? undefined : setQuery(""))}>
      <PopoverTrigger asChild>
        <Button
          size="sm"
          className={
            selected.length > 0 ? "filter-trigger filter-trigger--active" : "filter-trigger"
          }
          data-testid={testId}
        >
          {summary}
          <ChevronDown size={12} aria-hidden="true" />
        </Button>
      </PopoverTrigger>
      <PopoverContent className="filter-popover" aria-label={label}>
        {choices.length > SEARCH_FROM ? (
          <input
            className="input input--sm"
            type="search"
            placeholder={`Find ${label.toLocaleLowerCase()}`}
            aria-label={`Find ${label.toLocaleLowerCase()}`}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        ) : null}
        <ul className="filter-popover__list">
          {visible.map((choice) => (
            <li key={choice.value}>
              <label className="choice">
                <input
                  type="checkbox"
                  checked={chosen.has(choice.value)}
                  onChange={(e) => toggle(choice.value, e.target.checked)}
                />
                <span>{choice.label}</span>
              </label>
            </li>
          ))}
          {visible.length === 0 ? <li className="muted">Nothing matches “{query}”.</li> : null}
        </ul>
        {selected.length > 0 ? (
          <Button size="sm" variant="ghost" onClick={() => onChange([])}>
            Any {label.toLocaleLowerCase()}
          </Button>
        ) : null}
      </PopoverContent>
    </Popover>
  );
}
