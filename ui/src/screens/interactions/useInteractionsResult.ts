// The lifecycle of one core-held result set: open it for the current filters, follow its
// load events, arrange it (sort + text) without reopening, close it when it is replaced.
import { useEffect, useEffectEvent, useRef, useState } from "react";

import {
  arrangeInteractions,
  cancelInteractions,
  closeInteractions,
  IpcError,
  openInteractions,
  type InteractionFilters,
  type InteractionRow,
  type LoadEvent,
  type LoadPhase,
  type SortSpec,
} from "../../ipc";
import { markAllRows, markArrangeAnswered, markArrangeStart, markOpen, markPhase } from "./timings";
import { BLOCK_SIZE } from "./useResultWindow";
import { loadKey } from "./viewState";

/** Where the load stands, as the status line words it. */
export type LoadStatus =
  | { kind: "opening" }
  | { kind: "cached" }
  | { kind: "progress"; phase: LoadPhase; loaded: number; expected: number | null }
  | { kind: "done" }
  | { kind: "offline"; message: string }
  | { kind: "failed"; error: IpcError }
  | { kind: "cancelled" };

export interface ResultState {
  resultId: string | null;
  /** Rows in the arranged order. */
  count: number;
  /** Grows whenever the rows change; -1 until the core has said anything. */
  revision: number;
  status: LoadStatus;
  /** When the rows shown were last fetched from the platform. */
  lastUpdated: number | null;
  /** Rows that came with the last arrange, for the table to show without asking. */
  primed: PrimedRows | null;
}

export interface PrimedRows {
  revision: number;
  offset: number;
  rows: InteractionRow[];
}

const OPENING: ResultState = {
  resultId: null,
  count: 0,
  revision: -1,
  status: { kind: "opening" },
  lastUpdated: null,
  primed: null,
};

function statusOf(event: LoadEvent): LoadStatus {
  switch (event.kind) {
    case "cached":
      return { kind: "cached" };
    case "progress":
      return {
        kind: "progress",
        phase: event.phase,
        loaded: event.loaded,
        expected: event.expected,
      };
    case "done":
      return { kind: "done" };
    case "offline":
      return { kind: "offline", message: event.message };
    case "failed":
      return { kind: "failed", error: IpcError.from(event.error) };
    case "cancelled":
      return { kind: "cancelled" };
  }
}

function applyEvent<S extends ResultState>(state: S, event: LoadEvent): S {
  // An arrange may have answered with a newer revision than an event still in flight.
  const newer = event.revision >= state.revision;
  const lastUpdated =
    "lastUpdated" in event && event.lastUpdated !== null ? event.lastUpdated : state.lastUpdated;
  return {
    ...state,
    count: newer ? event.count : state.count,
    revision: Math.max(state.revision, event.revision),
    status: statusOf(event),
    lastUpdated,
  };
}

export interface ResultRequest {
  filters: InteractionFilters;
  sort: SortSpec;
  /** The (debounced) free-text filter; applied by arranging, not by reopening. */
  text: string;
  /** False while there is nothing to load (signed out, no view). */
  enabled: boolean;
  /** The first row on screen, so an arrange can bring that block of rows along. */
  viewportFirst?: { readonly current: number };
}

export function useInteractionsResult({
  filters,
  sort,
  text,
  enabled,
  viewportFirst,
}: ResultRequest) {
  const [reloads, setReloads] = useState(0);
  const key = loadKey(filters);
  /** Which load the state describes; a new one starts from OPENING. */
  const loadId = `${enabled}|${reloads}|${key}`;
  const [state, setState] = useState<ResultState & { loadId: string }>({ ...OPENING, loadId });
  const [arrangeError, setArrangeError] = useState<IpcError | null>(null);
  /** The sort and text the core's result is arranged by, so equal requests are skipped. */
  const arranged = useRef<{ sort: SortSpec; text: string } | null>(null);
  /** Counts arrange requests: only the latest one's answer is applied. */
  const arrangeRequests = useRef(0);
  /** A sort asked for with `sortNow` and not yet recorded: a later arrange carries it. */
  const pendingSort = useRef<{ by: SortSpec; apply: () => void } | null>(null);

  // Reset while rendering (not in the effect) so no frame shows the old result's count.
  if (state.loadId !== loadId) {
    setState({ ...OPENING, loadId });
    setArrangeError(null);
  }

  const open = useEffectEvent((session: { closed: boolean; resultId: string | null }) => {
    markOpen();
    arranged.current = { sort, text };
    openInteractions({ ...filters, text }, sort, (event) => {
      if (session.closed) return;
      markPhase(event.kind === "progress" ? event.phase : event.kind);
      // Every row is in the list once saving starts (or at the end if nothing is saved).
      if (event.kind === "done" || (event.kind === "progress" && event.phase === "saving")) {
        markAllRows();
      }
      setState((s) => applyEvent(s, event));
    }).then(
      ({ resultId }) => {
        if (session.closed) {
          void closeInteractions(resultId).catch(() => undefined);
          return;
        }
        session.resultId = resultId;
        setState((s) => ({ ...s, resultId }));
      },
      (error: unknown) => {
        if (!session.closed)
          setState((s) => ({ ...s, status: { kind: "failed", error: IpcError.from(error) } }));
      },
    );
  });

  useEffect(() => {
    if (!enabled) return;
    const session = { closed: false, resultId: null as string | null };
    open(session);
    return () => {
      session.closed = true;
      // The core frees the rows; nothing to tell the user if it already forgot them.
      if (session.resultId) void closeInteractions(session.resultId).catch(() => undefined);
    };
  }, [enabled, key, reloads]);

  const { resultId } = state;

  /**
   * Asks the core to arrange the result; `current()` says whether the answer still applies.
   * `then` runs with a successful answer, in the same render as the rows.
   */
  const arrange = (
    id: string,
    by: SortSpec,
    withText: string,
    current: () => boolean,
    then: () => void = () => undefined,
  ) => {
    arranged.current = { sort: by, text: withText };
    const request = ++arrangeRequests.current;
    const applies = () => current() && request === arrangeRequests.current;
    markArrangeStart();
    const offset = Math.floor((viewportFirst?.current ?? 0) / BLOCK_SIZE) * BLOCK_SIZE;
    arrangeInteractions(id, by, withText, { offset, limit: BLOCK_SIZE }).then(
      ({ count, revision, rows }) => {
        if (!applies()) return;
        pendingSort.current = null;
        then();
        markArrangeAnswered(revision, count);
        setArrangeError(null);
        setState((s) =>
          s.resultId === id && revision >= s.revision
            ? { ...s, count, revision, primed: { revision, offset, rows } }
            : s,
        );
      },
      (error: unknown) => {
        // `then` is not called: the rows keep their order, so the view keeps its sort.
        if (!applies()) return;
        pendingSort.current = null;
        arranged.current = null; // let the next change (or the same one again) retry
        setArrangeError(IpcError.from(error));
      },
    );
  };
  const arrangeForChange = useEffectEvent(arrange);

  const { column, descending } = sort;
  useEffect(() => {
    if (!resultId) return;
    const last = arranged.current;
    if (
      last &&
      last.sort.column === column &&
      last.sort.descending === descending &&
      last.text === text
    )
      return;
    let superseded = false;
    // A sort still on its way is part of this arrange too: its answer records it.
    const pending = pendingSort.current;
    const by = pending?.by ?? { column, descending };
    arrangeForChange(resultId, by, text, () => !superseded, pending?.apply);
    return () => {
      superseded = true;
    };
  }, [resultId, column, descending, text, viewportFirst]);

  return {
    ...state,
    arrangeError,
    /**
     * Sorts the shown rows by `by`, then calls `apply` (which records the new sort) in the
     * same render as the re-sorted rows: the table changes once, header and rows together,
     * rather than drawing the new header first while the rows are still being sorted. When
     * the core cannot sort, `apply` is not called and the error is shown.
     */
    sortNow: (by: SortSpec, apply: () => void) => {
      if (!resultId) return apply();
      pendingSort.current = { by, apply };
      arrange(resultId, by, text, () => true, apply);
    },
    /** Reopens with the same filters: the core answers from cache, then refreshes. */
    refresh: () => setReloads((n) => n + 1),
    cancel: () => {
      if (resultId) void cancelInteractions(resultId).catch(() => undefined);
    },
  };
}
