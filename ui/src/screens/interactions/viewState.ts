// The working copy of a view (filters, columns, sort) and how it compares with the saved one.
import type { InteractionFilters, SavedView, SortSpec, ViewColumn } from "../../ipc";
import { defaultColumns, withIdColumn } from "./columns";

/** What the screen shows right now; differs from the saved view until Save. */
export interface ViewDraft {
  filters: InteractionFilters;
  columns: ViewColumn[];
  sort: SortSpec;
}

export function emptyFilters(period: InteractionFilters["period"]): InteractionFilters {
  return {
    period,
    channels: [],
    directions: [],
    queueIds: [],
    agentIds: [],
    wrapUpCodeIds: [],
    states: [],
    reasons: [],
    csatMin: null,
    csatMax: null,
    text: "",
  };
}

export function defaultDraft(): ViewDraft {
  return {
    filters: emptyFilters({ kind: "preset", preset: "today" }),
    columns: defaultColumns(),
    sort: { column: "createdTime", descending: true },
  };
}

export function draftOf(view: SavedView): ViewDraft {
  return {
    filters: structuredClone(view.filters),
    columns: withIdColumn(view.columns),
    sort: { ...view.sort },
  };
}

/**
 * A stable string for a draft, with keys in a fixed order, so a view read back from the
 * backend (whatever its key order) compares equal to the same draft.
 */
export function draftKey(draft: ViewDraft): string {
  const f = draft.filters;
  const sorted = (list: readonly string[]) => [...list].sort();
  return JSON.stringify([
    f.period.kind === "preset" ? [f.period.preset] : [f.period.from, f.period.to],
    sorted(f.channels),
    sorted(f.directions),
    sorted(f.queueIds),
    sorted(f.agentIds),
    sorted(f.wrapUpCodeIds),
    sorted(f.states),
    sorted(f.reasons),
    f.csatMin,
    f.csatMax,
    f.text,
    draft.columns.map((c) => [c.id, Math.round(c.width)]),
    [draft.sort.column, draft.sort.descending],
  ]);
}

/** The filters that need the platform (everything but the local text match). */
export function loadKey(filters: InteractionFilters): string {
  return draftKey({
    filters: { ...filters, text: "" },
    columns: [],
    sort: { column: "conversationId", descending: false },
  });
}

/** How many filter groups narrow the period's interactions (the period itself is not one). */
export function activeFilterCount(filters: InteractionFilters): number {
  return [
    filters.channels.length > 0,
    filters.directions.length > 0,
    filters.queueIds.length > 0,
    filters.agentIds.length > 0,
    filters.wrapUpCodeIds.length > 0,
    filters.states.length > 0,
    filters.reasons.length > 0,
    filters.csatMin !== null || filters.csatMax !== null,
    filters.text.trim() !== "",
  ].filter(Boolean).length;
}

export function clearFilters(filters: InteractionFilters): InteractionFilters {
  return emptyFilters(filters.period);
}

// The last view opened, per connection: each organization has its own views.
const LAST_VIEW_KEY = "supervisor-console.interactions.last-view";

export function readLastViewId(connectionId: string): string | null {
  try {
    return localStorage.getItem(`${LAST_VIEW_KEY}.${connectionId}`);
  } catch {
    return null; // storage disabled: just open the first view
  }
}

export function writeLastViewId(connectionId: string, viewId: string) {
  try {
    localStorage.setItem(`${LAST_VIEW_KEY}.${connectionId}`, viewId);
  } catch {
    // Not remembering the view is harmless.
  }
}

/** Local midnight of a yyyy-mm-dd date input value, as epoch ms. */
export function dateInputToEpoch(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
}

/** The yyyy-mm-dd of a local date, for a date input. */
export function epochToDateInput(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A custom period covering whole local days, `to` exclusive (the next midnight). */
export function customPeriod(
  fromDate: string,
  toDate: string,
): InteractionFilters["period"] | null {
  const from = dateInputToEpoch(fromDate);
  const to = dateInputToEpoch(toDate);
  if (from === null || to === null || to < from) return null;
  // Add a day and re-read midnight so a daylight-saving change cannot shift the boundary.
  const next = new Date(to + DAY_MS + 3 * 60 * 60 * 1000);
  next.setHours(0, 0, 0, 0);
  return { kind: "custom", from, to: next.getTime() };
}
