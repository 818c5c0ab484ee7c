// What the Interactions list knows about its columns and values: labels, default widths,
// alignment and the words supervisors read. Pure functions so cells and tests share them.
import type {
  Channel,
  ColumnId,
  Direction,
  HangupSource,
  InteractionState,
  LoadPhase,
  PeriodPreset,
  UnansweredReason,
  ViewColumn,
} from "../../ipc";

export interface ColumnDef {
  id: ColumnId;
  label: string;
  /** Default width in CSS pixels. */
  width: number;
  /** Numbers read best right-aligned. */
  numeric?: boolean;
}

export const COLUMN_DEFS: Record<ColumnId, ColumnDef> = {
  conversationId: { id: "conversationId", label: "Conversation ID", width: 180 },
  customerName: { id: "customerName", label: "Customer name", width: 170 },
  createdDate: { id: "createdDate", label: "Created date", width: 130 },
  createdTime: { id: "createdTime", label: "Created time (local)", width: 150 },
  agentName: { id: "agentName", label: "Agent name", width: 170 },
  queue: { id: "queue", label: "Team / queue", width: 150 },
  direction: { id: "direction", label: "Direction", width: 96 },
  disposition: { id: "disposition", label: "Disposition", width: 150 },
  state: { id: "state", label: "Conversation state", width: 220 },
  wrapUpNote: { id: "wrapUpNote", label: "Wrap-up note", width: 220 },
  channel: { id: "channel", label: "Channel", width: 150 },
  contact: { id: "contact", label: "Contact", width: 170 },
  contactCenterNumber: { id: "contactCenterNumber", label: "Contact-center number", width: 170 },
  ticketId: { id: "ticketId", label: "Ticket ID", width: 110 },
  csat: { id: "csat", label: "CSAT", width: 80, numeric: true },
  hangupSource: { id: "hangupSource", label: "Hangup source", width: 110 },
  duration: { id: "duration", label: "Duration", width: 90, numeric: true },
  sentiment: { id: "sentiment", label: "Sentiment", width: 100 },
};

/** The column that identifies a row; it cannot be hidden. */
export const ID_COLUMN: ColumnId = "conversationId";
export const MIN_COLUMN_WIDTH = 56;
export const MAX_COLUMN_WIDTH = 640;

export function columnLabel(id: ColumnId): string {
  return COLUMN_DEFS[id].label;
}

/** Columns a new view shows, the way Contacto opens. */
export function defaultColumns(): ViewColumn[] {
  const ids: ColumnId[] = [
    "conversationId",
    "createdDate",
    "createdTime",
    "customerName",
    "channel",
    "direction",
    "queue",
    "agentName",
    "state",
    "disposition",
    "duration",
    "csat",
    "sentiment",
  ];
  return ids.map((id) => ({ id, width: COLUMN_DEFS[id].width }));
}

/** Keeps the id column first-class: present and never duplicated. */
export function withIdColumn(columns: ViewColumn[]): ViewColumn[] {
  const seen = new Set<ColumnId>();
  const unique = columns.filter((c) => !seen.has(c.id) && seen.add(c.id));
  return seen.has(ID_COLUMN)
    ? unique
    : [{ id: ID_COLUMN, width: COLUMN_DEFS[ID_COLUMN].width }, ...unique];
}

export function clampWidth(width: number): number {
  return Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, width)));
}

export const CHANNEL_LABELS: Record<Channel, string> = {
  voice: "Voice",
  callback: "Callback",
  chat: "Chat",
  webMessaging: "Web messaging",
  sms: "SMS",
  whatsapp: "WhatsApp",
  openMessaging: "Messaging",
  email: "Email",
};

export const DIRECTION_LABELS: Record<Direction, string> = {
  inbound: "Inbound",
  outbound: "Outbound",
};

export const STATE_LABELS: Record<InteractionState, string> = {
  live: "In progress",
  answered: "Answered",
  unanswered: "Unanswered",
};

export const REASON_LABELS: Record<UnansweredReason, string> = {
  droppedBeforeRouting: "Dropped before routing",
  agentAssignmentFailed: "Agent assignment failed",
  customerDidNotRespond: "Customer didn't respond",
  enqueueFailed: "Enqueue failed (queue full)",
  outOfBusinessHours: "Out of business hours",
  queueTimeout: "Queue timeout",
};

export const HANGUP_LABELS: Record<HangupSource, string> = {
  customer: "Customer",
  agent: "Agent",
  system: "System",
};

export const PERIOD_LABELS: Record<PeriodPreset, string> = {
  today: "Today",
  yesterday: "Yesterday",
  last24Hours: "Last 24 hours",
  thisWeek: "This week",
  last7Days: "Last 7 days",
  last30Days: "Last 30 days",
  last90Days: "Last 90 days",
};

export const PHASE_LABELS: Record<Exclude<LoadPhase, "downloading">, string> = {
  querying: "Querying…",
  waitingForJob: "Waiting for the platform's export job…",
  saving: "Saving for offline use…",
};

// Formatters are built once: constructing Intl objects per cell would dominate scrolling.
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const timeFormat = new Intl.DateTimeFormat(undefined, {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});
const clockFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });

/**
 * The locale numbers are written in: the person's, except the POSIX one of a session
 * that names no language (LANG=C), which groups no digits ("102775"); that reads as US
 * English instead ("102,775").
 */
export function numberLocale(resolved: string): string | undefined {
  return /posix/i.test(resolved) ? "en-US" : undefined;
}
const numberFormat = new Intl.NumberFormat(
  numberLocale(new Intl.NumberFormat().resolvedOptions().locale),
);

export const formatDate = (epochMs: number) => dateFormat.format(epochMs);
export const formatTime = (epochMs: number) => timeFormat.format(epochMs);
/** "10:32", for "Updated 10:32". */
export const formatClock = (epochMs: number) => clockFormat.format(epochMs);
export const formatNumber = (n: number) => numberFormat.format(n);

export function formatCount(n: number): string {
  return `${formatNumber(n)} ${n === 1 ? "interaction" : "interactions"}`;
}

/** h:mm:ss, the way a wallboard shows talk time. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return `${hours}:${String(minutes).padStart(2, "0")}:${String(seconds).padStart(2, "0")}`;
}

/**
 * Only answered calls have recordings: an unanswered call was never recorded, and a live
 * one is recorded only once it ends.
 */
export const hasRecording = (row: { channel: Channel; state: InteractionState }) =>
  row.channel === "voice" && row.state === "answered";

/** Long ids are noise in a dense list; the first block is enough to tell rows apart. */
export function shortId(id: string): string {
  return id.length > 8 ? `${id.slice(0, 8)}…` : id;
}

export { SENTIMENT_LABELS, sentimentTone, type SentimentTone } from "../../domain/sentiment";
