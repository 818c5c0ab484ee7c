// The filters of the current view: period, choice filters, CSAT range and a search box,
// with the active ones repeated as removable chips underneath.
import { ChevronDown, Search, X } from "lucide-react";

import { Button } from "../../components/primitives/Button";
import { Popover, PopoverContent, PopoverTrigger } from "../../components/primitives/Popover";
import { Select, type SelectOption } from "../../components/primitives/Select";
import {
  CHANNELS,
  UNANSWERED_REASONS,
  type FilterOptions,
  type InteractionFilters,
  type NamedRef,
  type PeriodPreset,
} from "../../ipc";
import {
  CHANNEL_LABELS,
  DIRECTION_LABELS,
  PERIOD_LABELS,
  REASON_LABELS,
  STATE_LABELS,
} from "./columns";
import { MultiSelectFilter, type FilterChoice } from "./MultiSelectFilter";
import { activeFilterCount, clearFilters, customPeriod, epochToDateInput } from "./viewState";

export interface FilterBarProps {
  filters: InteractionFilters;
  options: FilterOptions | undefined;
  onChange: (filters: InteractionFilters) => void;
}

const PERIOD_OPTIONS: SelectOption[] = [
  ...(Object.keys(PERIOD_LABELS) as PeriodPreset[]).map((preset) => ({
    value: preset,
    label: PERIOD_LABELS[preset],
  })),
  { value: "custom", label: "Custom…" },
];

const CHANNEL_CHOICES = CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }));
const DIRECTION_CHOICES = (["inbound", "outbound"] as const).map((d) => ({
  value: d,
  label: DIRECTION_LABELS[d],
}));
const STATE_CHOICES = (["live", "answered", "unanswered"] as const).map((s) => ({
  value: s,
  label: STATE_LABELS[s],
}));
const REASON_CHOICES = UNANSWERED_REASONS.map((r) => ({ value: r, label: REASON_LABELS[r] }));
const DAY_MS = 24 * 60 * 60 * 1000;

const refChoices = (refs: NamedRef[] | undefined): FilterChoice[] =>
  (refs ?? []).map((r) => ({ value: r.id, label: r.name }));

function labelsOf(values: readonly string[], choices: readonly FilterChoice[]): string {
  return values.map((v) => choices.find((c) => c.value === v)?.label ?? v).join(", ");
}

export function FilterBar({ filters, options, onChange }: FilterBarProps) {
  const set = (patch: Partial<InteractionFilters>) => onChange({ ...filters, ...patch });
  const { period } = filters;
  const queueChoices = refChoices(options?.queues);
  const agentChoices = refChoices(options?.agents);
  const codeChoices = refChoices(options?.wrapUpCodes);

  function choosePeriod(value: string) {
    if (value !== "custom") {
      set({ period: { kind: "preset", preset: value as PeriodPreset } });
      return;
    }
    // Start a custom period as the last seven whole days, a common next step from presets.
    const today = epochToDateInput(Date.now());
    const weekAgo = epochToDateInput(Date.now() - 6 * DAY_MS);
    const custom = customPeriod(weekAgo, today);
    if (custom) set({ period: custom });
  }

  function setCustom(fromDate: string, toDate: string) {
    const custom = customPeriod(fromDate, toDate);
    if (custom) set({ period: custom });
  }

  const chips: { key: string; label: string; clear: () => void }[] = [];
  const chip = (key: string, name: string, values: readonly string[], choices: FilterChoice[]) => {
    if (values.length > 0)
      chips.push({
        key,
        label: `${name}: ${labelsOf(values, choices)}`,
        clear: () => set({ [key]: [] }),
      });
  };
  chip("channels", "Channel", filters.channels, CHANNEL_CHOICES);
  chip("directions", "Direction", filters.directions, DIRECTION_CHOICES);
  chip("queueIds", "Queue", filters.queueIds, queueChoices);
  chip("agentIds", "Agent", filters.agentIds, agentChoices);
  chip("wrapUpCodeIds", "Wrap-up", filters.wrapUpCodeIds, codeChoices);
  chip("states", "State", filters.states, STATE_CHOICES);
  chip("reasons", "Reason", filters.reasons, REASON_CHOICES);
  if (filters.csatMin !== null || filters.csatMax !== null)
    chips.push({
      key: "csat",
      label: `CSAT: ${filters.csatMin ?? 1}–${filters.csatMax ?? 5}`,
      clear: () => set({ csatMin: null, csatMax: null }),
    });
  if (filters.text.trim() !== "")
    chips.push({ key: "text", label: `Search: “${filters.text}”`, clear: () => set({ text: "" }) });

  return (
    <div className="filter-bar" role="search" aria-label="Filter interactions">
      <div className="filter-bar__controls">
        <Select
          value={period.kind === "preset" ? period.preset : "custom"}
          onValueChange={choosePeriod}
          options={PERIOD_OPTIONS}
          aria-label="Period"
          data-testid="filter-period"
          className="filter-bar__period"
        />
        {period.kind === "custom" ? (
          <span className="filter-bar__dates">
            <input
              type="date"
              className="input input--sm"
              aria-label="From date"
              value={epochToDateInput(period.from)}
              onChange={(e) => setCustom(e.target.value, epochToDateInput(period.to - 1))}
              data-testid="filter-period-from"
            />
            <span aria-hidden="true">–</span>
            <input
              type="date"
              className="input input--sm"
              aria-label="To date"
              value={epochToDateInput(period.to - 1)}
              onChange={(e) => setCustom(epochToDateInput(period.from), e.target.value)}
              data-testid="filter-period-to"
            />
          </span>
        ) : null}
        <MultiSelectFilter
          label="Channel"
          choices={CHANNEL_CHOICES}
          selected={filters.channels}
          onChange={(v) => set({ channels: v as InteractionFilters["channels"] })}
          data-testid="filter-channel"
        />
        <MultiSelectFilter
          label="Direction"
          choices={DIRECTION_CHOICES}
          selected={filters.directions}
          onChange={(v) => set({ directions: v as InteractionFilters["directions"] })}
          data-testid="filter-direction"
        />
        <MultiSelectFilter
          label="Queue"
          choices={queueChoices}
          selected={filters.queueIds}
          onChange={(queueIds) => set({ queueIds })}
          data-testid="filter-queue"
        />
        <MultiSelectFilter
          label="Agent"
          choices={agentChoices}
          selected={filters.agentIds}
          onChange={(agentIds) => set({ agentIds })}
          data-testid="filter-agent"
        />
        <MultiSelectFilter
          label="Wrap-up"
          choices={codeChoices}
          selected={filters.wrapUpCodeIds}
          onChange={(wrapUpCodeIds) => set({ wrapUpCodeIds })}
          data-testid="filter-wrap-up"
        />
        <MultiSelectFilter
          label="State"
          choices={STATE_CHOICES}
          selected={filters.states}
          onChange={(v) => set({ states: v as InteractionFilters["states"] })}
          data-testid="filter-state"
        />
        <MultiSelectFilter
          label="Reason"
          choices={REASON_CHOICES}
          selected={filters.reasons}
          onChange={(v) => set({ reasons: v as InteractionFilters["reasons"] })}
          data-testid="filter-reason"
        />
        <CsatFilter filters={filters} onChange={set} />
        <label className="search-box">
          <Search size={14} aria-hidden="true" className="search-box__icon" />
          <input
            type="search"
            className="input input--sm search-box__input"
            placeholder="Search id, customer, contact"
            aria-label="Search interactions"
            value={filters.text}
            onChange={(e) => set({ text: e.target.value })}
            data-testid="filter-search"
          />
        </label>
      </div>
      {chips.length > 0 ? (
        <ul className="filter-chips" aria-label="Active filters">
          {chips.map((c) => (
            <li key={c.key} className="filter-chip" data-testid={`filter-chip-${c.key}`}>
              <span className="filter-chip__label">{c.label}</span>
              <button
                type="button"
                className="filter-chip__remove"
                aria-label={`Remove ${c.label}`}
                onClick={c.clear}
              >
                <X size={12} aria-hidden="true" />
              </button>
            </li>
          ))}
          {activeFilterCount(filters) > 0 ? (
            <li>
              <Button
                size="sm"
                variant="ghost"
                onClick={() => onChange(clearFilters(filters))}
                data-testid="filter-clear"
              >
                Clear filters
              </Button>
            </li>
          ) : null}
        </ul>
      ) : null}
    </div>
  );
}

const CSAT_SCORES = ["1", "2", "3", "4", "5"];

function CsatFilter({
  filters,
  onChange,
}: {
  filters: InteractionFilters;
  onChange: (patch: Partial<InteractionFilters>) => void;
}) {
  const { csatMin, csatMax } = filters;
  const active = csatMin !== null || csatMax !== null;
  const parse = (value: string) => (value === "" ? null : Number(value));
  return (
    <Popover>
      <PopoverTrigger asChild>
        <Button
          size="sm"
          className={active ? "filter-trigger filter-trigger--active" : "filter-trigger"}
          data-testid="filter-csat"
        >
          {active ? `CSAT: ${csatMin ?? 1}–${csatMax ?? 5}` : "CSAT"}
          <ChevronDown size={12} aria-hidden="true" />
        </Button>
      </PopoverTrigger>
      <PopoverContent className="filter-popover" aria-label="CSAT">
        <div className="csat-range">
          <label className="field">
            <span className="field__label">From</span>
            <select
              className="input input--sm"
              value={csatMin ?? ""}
              onChange={(e) => onChange({ csatMin: parse(e.target.value) })}
              data-testid="filter-csat-min"
            >
              <option value="">Any</option>
              {CSAT_SCORES.filter((s) => csatMax === null || Number(s) <= csatMax).map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field__label">To</span>
            <select
              className="input input--sm"
              value={csatMax ?? ""}
              onChange={(e) => onChange({ csatMax: parse(e.target.value) })}
              data-testid="filter-csat-max"
            >
              <option value="">Any</option>
              {CSAT_SCORES.filter((s) => csatMin === null || Number(s) >= csatMin).map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        </div>
      </PopoverContent>
    </Popover>
  );
}
