// The Interactions part of the IPC contract. The core holds a loaded result set; the UI
// asks for the rows it shows (a window of the arranged order), so 100,000 rows never cross
// the bridge at once and sorting and filtering happen in Rust.

/** A channel as supervisors name it (Genesys mediaType + messageType folded together). */
export const CHANNELS = [
  "voice",
  "callback",
  "chat",
  "webMessaging",
  "sms",
  "whatsapp",
  "openMessaging",
  "email",
] as const;
export type Channel = (typeof CHANNELS)[number];

export type Direction = "inbound" | "outbound";

/** `live` = still in progress. */
export type InteractionState = "live" | "answered" | "unanswered";

/** Why an interaction was not answered: Contacto's six reasons. */
export const UNANSWERED_REASONS = [
  "droppedBeforeRouting",
  "agentAssignmentFailed",
  "customerDidNotRespond",
  "enqueueFailed",
  "outOfBusinessHours",
  "queueTimeout",
] as const;
export type UnansweredReason = (typeof UNANSWERED_REASONS)[number];

/** Who ended the interaction. */
export type HangupSource = "customer" | "agent" | "system";

/** One row of the Interactions list. Times are epoch milliseconds. */
export interface InteractionRow {
  id: string;
  start: number;
  /** Null while the interaction is live. */
  end: number | null;
  durationMs: number;
  channel: Channel;
  direction: Direction;
  customerName: string | null;
  /** The customer's phone number, email address or messaging handle. */
  contact: string | null;
  /** The number or address of ours the customer reached (or was reached from). */
  contactCenterNumber: string | null;
  /** The agent (or AI agent) who handled it last. */
  agentName: string | null;
  isAiAgent: boolean;
  queueName: string | null;
  /** The wrap-up code's name. */
  disposition: string | null;
  wrapUpNote: string | null;
  state: InteractionState;
  reason: UnansweredReason | null;
  ticketId: string | null;
  /** 1–5. */
  csat: number | null;
  hangupSource: HangupSource | null;
  /** −1 (negative) … 1 (positive), when speech and text analytics has scored it. */
  sentiment: number | null;
}

/** The columns of the list; `conversationId` is always shown. */
export const COLUMN_IDS = [
  "conversationId",
  "customerName",
  "createdDate",
  "createdTime",
  "agentName",
  "queue",
  "direction",
  "disposition",
  "state",
  "wrapUpNote",
  "channel",
  "contact",
  "contactCenterNumber",
  "ticketId",
  "csat",
  "hangupSource",
  "duration",
  "sentiment",
] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];

export interface ViewColumn {
  id: ColumnId;
  /** CSS pixels. */
  width: number;
}

export interface SortSpec {
  column: ColumnId;
  descending: boolean;
}

export type PeriodPreset =
  "today" | "yesterday" | "last24Hours" | "thisWeek" | "last7Days" | "last30Days" | "last90Days";

/** Relative presets are resolved in the local time zone each time a view opens. */
export type Period =
  { kind: "preset"; preset: PeriodPreset } | { kind: "custom"; from: number; to: number };

/** What a view shows. Empty lists mean "any". */
export interface InteractionFilters {
  period: Period;
  channels: Channel[];
  directions: Direction[];
  queueIds: string[];
  agentIds: string[];
  wrapUpCodeIds: string[];
  states: InteractionState[];
  reasons: UnansweredReason[];
  csatMin: number | null;
  csatMax: number | null;
  /** Matches the conversation id, the customer's name or the contact; applied locally. */
  text: string;
}

export interface SavedView {
  id: string;
  name: string;
  filters: InteractionFilters;
  /** The visible columns, in order. */
  columns: ViewColumn[];
  sort: SortSpec;
  /** Epoch ms. */
  updatedAt: number;
}

/** What `save_view` takes: creates when `id` is null, else updates (rename included). */
export interface SavedViewInput {
  id: string | null;
  name: string;
  filters: InteractionFilters;
  columns: ViewColumn[];
  sort: SortSpec;
}

export interface NamedRef {
  id: string;
  name: string;
}

/** Choices for the filter bar, from the active connection's organization. */
export interface FilterOptions {
  queues: NamedRef[];
  agents: NamedRef[];
  wrapUpCodes: NamedRef[];
}

export type LoadPhase = "querying" | "waitingForJob" | "downloading" | "saving";

/**
 * What a load reports, in order: `cached` (rows from the local cache, possibly 0), any
 * number of `progress`, then exactly one of `done`, `offline`, `failed` or `cancelled`.
 * `count` is the number of rows in the arranged order at that moment; `revision` grows
 * each time the rows change, so the UI knows to fetch its window again.
 */
export type LoadEvent =
  | { kind: "cached"; revision: number; count: number; lastUpdated: number | null }
  | {
      kind: "progress";
      revision: number;
      count: number;
      phase: LoadPhase;
      loaded: number;
      /** The number the platform said will come, when it said. */
      expected: number | null;
    }
  | { kind: "done"; revision: number; count: number; lastUpdated: number }
  | {
      kind: "offline";
      revision: number;
      count: number;
      lastUpdated: number | null;
      message: string;
    }
  | {
      kind: "failed";
      revision: number;
      count: number;
      error: { code: string; message: string };
    }
  | { kind: "cancelled"; revision: number; count: number };

export interface OpenedResult {
  resultId: string;
}

export interface ArrangedResult {
  count: number;
  revision: number;
  /** The rows asked for with the arrange, from `offset` (empty when none were). */
  offset: number;
  rows: InteractionRow[];
}

export interface ExportedFile {
  path: string;
  rows: number;
}
