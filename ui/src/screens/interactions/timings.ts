// Performance marks for the Interactions benchmark. WebDriver reads
// `window.__interactionsTimings` (latest durations in ms) after driving the screen; the
// marks also show up in the browser's performance panel.

export interface InteractionsTimings {
  /** From the load starting to the first non-empty rows on screen. */
  firstRows: number | null;
  /** From the load starting to every row of the platform's answer in the list: the
   * `saving` progress event, or `done` when it comes first. */
  allRows: number | null;
  /** From asking the core to sort/filter to the re-arranged rows on screen. */
  lastArrange: number | null;
  /** The part of `lastArrange` until the core's answer arrived (the rest is drawing). */
  lastArrangeAnswer: number | null;
  /** From the load starting to the first event of each phase (`querying`,
   * `downloading`, `saving`…) or end (`done`…): where a slow load spends its time. */
  phases: Record<string, number>;
}

declare global {
  interface Window {
    __interactionsTimings?: InteractionsTimings;
  }
}

const timings: InteractionsTimings = {
  firstRows: null,
  allRows: null,
  lastArrange: null,
  lastArrangeAnswer: null,
  phases: {},
};
window.__interactionsTimings = timings;

let openedAt: number | null = null;
let firstRowsPending = false;
let allRowsPending = false;
let arrangeStartedAt: number | null = null;
/** The revision the arrange answered with; rows of it (or later) end the measurement. */
let arrangedRevision: number | null = null;

function mark(name: string) {
  // performance.mark is missing in a few test environments; timings still work without it.
  performance.mark?.(name);
}

export function markOpen() {
  mark("interactions:open");
  openedAt = performance.now();
  firstRowsPending = true;
  allRowsPending = true;
  arrangeStartedAt = null;
  arrangedRevision = null;
  timings.phases = {};
}

/** The load reached `phase` (a progress phase or how it ended). */
export function markPhase(phase: string) {
  if (openedAt === null || phase in timings.phases) return;
  timings.phases[phase] = performance.now() - openedAt;
}

/** Called after a render that showed real rows of `revision`. */
export function markRowsRendered(revision: number) {
  const now = performance.now();
  if (firstRowsPending && openedAt !== null) {
    firstRowsPending = false;
    mark("interactions:first-rows");
    timings.firstRows = now - openedAt;
  }
  if (arrangeStartedAt !== null && arrangedRevision !== null && revision >= arrangedRevision) {
    mark("interactions:arranged");
    timings.lastArrange = now - arrangeStartedAt;
    arrangeStartedAt = null;
    arrangedRevision = null;
  }
}

export function markAllRows() {
  if (openedAt === null || !allRowsPending) return;
  allRowsPending = false;
  mark("interactions:all-rows");
  timings.allRows = performance.now() - openedAt;
}

export function markArrangeStart() {
  arrangeStartedAt = performance.now();
  arrangedRevision = null;
}

/** The arrange answered; an empty result has no rows to wait for, so it ends here. */
export function markArrangeAnswered(revision: number, count: number) {
  if (arrangeStartedAt === null) return;
  timings.lastArrangeAnswer = performance.now() - arrangeStartedAt;
  arrangedRevision = revision;
  if (count === 0) markRowsRendered(revision);
}
