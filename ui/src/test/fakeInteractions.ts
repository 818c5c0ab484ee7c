// The Interactions half of the fake backend: deterministic rows, a core-like result set
// (filter on open, sort and text on arrange, rows by window) and load events sent through
// the Channel the UI passed, the way the Rust side does.
import {
  CHANNELS,
  UNANSWERED_REASONS,
  type ColumnId,
  type InteractionFilters,
  type InteractionRow,
  type LoadEvent,
  type SortSpec,
} from "../ipc";
import { filterOptions } from "./fixtures";

/** What the UI sends as `events`: a Tauri Channel; only its handler matters here. */
interface EventChannel {
  onmessage: (event: LoadEvent) => void;
}

/** A fixed "now" so rows (and their dates) are the same in every run. */
export const FAKE_NOW = Date.UTC(2025, 5, 2, 15, 30);
export const FAKE_LAST_UPDATED = FAKE_NOW - 5 * 60_000;

const CUSTOMERS = [
  "Maria Lopez",
  "James Smith",
  "Yuki Tanaka",
  "Olivia Brown",
  "Noah Wilson",
  "Amara Okafor",
  "Lucas Muller",
  "Sofia Rossi",
  "Liam Murphy",
  "Zara Ahmed",
];
const HANGUPS = ["customer", "agent", "system"] as const;

export function fakeRowId(i: number): string {
  const head = (0x1a2b0000 + ((i * 7919) % 0xffff)).toString(16);
  return `${head}-4c2e-9a1b-${String(i).padStart(12, "0")}`;
}

/** Row `i` of the fake organization's interactions; the same i always gives the same row. */
export function fakeRow(i: number): InteractionRow {
  const channel = CHANNELS[i % CHANNELS.length]!;
  const state = i % 50 === 7 ? "live" : i % 10 === 3 ? "unanswered" : "answered";
  const start = FAKE_NOW - i * 37_000;
  const durationMs = 30_000 + ((i * 7919) % 900_000);
  const agentIndex = i % filterOptions.agents.length;
  const handled = state !== "unanswered";
  const phoneLike = ["voice", "callback", "sms", "whatsapp"].includes(channel);
  return {
    id: fakeRowId(i),
    start,
    end: state === "live" ? null : start + durationMs,
    durationMs,
    channel,
    direction: i % 5 === 0 ? "outbound" : "inbound",
    customerName: i % 17 === 0 ? null : CUSTOMERS[i % CUSTOMERS.length]!,
    contact: phoneLike
      ? `+1 555 01${String(i % 100).padStart(2, "0")}`
      : channel === "email"
        ? `customer${i}@example.com`
        : `@guest${i}`,
    contactCenterNumber: channel === "email" ? "support@demo.example" : "+1 800 555 0100",
    agentName: handled ? filterOptions.agents[agentIndex]!.name : null,
    isAiAgent: handled && agentIndex === filterOptions.agents.length - 1,
    queueName: filterOptions.queues[i % filterOptions.queues.length]!.name,
    disposition:
      state === "answered"
        ? filterOptions.wrapUpCodes[i % filterOptions.wrapUpCodes.length]!.name
        : null,
    wrapUpNote: state === "answered" && i % 4 === 0 ? "Customer asked for a callback" : null,
    state,
    reason:
      state === "unanswered"
        ? UNANSWERED_REASONS[Math.floor(i / 10) % UNANSWERED_REASONS.length]!
        : null,
    ticketId: i % 3 === 0 ? `TCK-${10_000 + i}` : null,
    csat: state === "answered" && i % 4 === 1 ? (i % 5) + 1 : null,
    hangupSource: state === "live" ? null : HANGUPS[i % 3]!,
    sentiment: i % 6 === 5 ? null : (((i * 37) % 200) - 100) / 100,
  };
}

const nameOf = (refs: { id: string; name: string }[], ids: string[]) =>
  new Set(refs.filter((r) => ids.includes(r.id)).map((r) => r.name));

function matchesFilters(row: InteractionRow, f: InteractionFilters): boolean {
  const queues = nameOf(filterOptions.queues, f.queueIds);
  const agents = nameOf(filterOptions.agents, f.agentIds);
  const codes = nameOf(filterOptions.wrapUpCodes, f.wrapUpCodeIds);
  return (
    (f.channels.length === 0 || f.channels.includes(row.channel)) &&
    (f.directions.length === 0 || f.directions.includes(row.direction)) &&
    (f.states.length === 0 || f.states.includes(row.state)) &&
    (f.reasons.length === 0 || (row.reason !== null && f.reasons.includes(row.reason))) &&
    (queues.size === 0 || queues.has(row.queueName ?? "")) &&
    (agents.size === 0 || agents.has(row.agentName ?? "")) &&
    (codes.size === 0 || codes.has(row.disposition ?? "")) &&
    (f.csatMin === null || (row.csat !== null && row.csat >= f.csatMin)) &&
    (f.csatMax === null || (row.csat !== null && row.csat <= f.csatMax))
  );
}

function matchesText(row: InteractionRow, text: string): boolean {
  const needle = text.trim().toLowerCase();
  if (!needle) return true;
  return [row.id, row.customerName, row.contact].some((v) => v?.toLowerCase().includes(needle));
}

function sortValue(row: InteractionRow, column: ColumnId): string | number | null {
  switch (column) {
    case "conversationId":
      return row.id;
    case "createdDate":
    case "createdTime":
      return row.start;
    case "duration":
      return row.durationMs;
    case "queue":
      return row.queueName;
    case "csat":
      return row.csat;
    case "sentiment":
      return row.sentiment;
    default: {
      const value = row[column as keyof InteractionRow];
      return typeof value === "string" || typeof value === "number" ? value : null;
    }
  }
}

function arrange(rows: InteractionRow[], sort: SortSpec, text: string): InteractionRow[] {
  const dir = sort.descending ? -1 : 1;
  return rows
    .filter((r) => matchesText(r, text))
    .sort((a, b) => {
      const x = sortValue(a, sort.column);
      const y = sortValue(b, sort.column);
      if (x === y) return 0;
      if (x === null) return 1; // empty values last either way
      if (y === null) return -1;
      return x < y ? -dir : dir;
    });
}

export class FakeResult {
  revision = 1;
  arranged: InteractionRow[];
  closed = false;

  constructor(
    readonly id: string,
    readonly rows: InteractionRow[],
    public sort: SortSpec,
    public text: string,
    private readonly channel: EventChannel,
  ) {
    this.arranged = arrange(rows, sort, text);
  }

  get count() {
    return this.arranged.length;
  }

  send(event: LoadEvent) {
    if (!this.closed) this.channel.onmessage(event);
  }

  arrange(sort: SortSpec, text: string, windowOffset?: number | null, windowLimit?: number | null) {
    this.sort = sort;
    this.text = text;
    this.arranged = arrange(this.rows, sort, text);
    this.revision += 1;
    const offset = windowOffset ?? 0;
    const rows = windowOffset == null ? [] : this.window(offset, windowLimit ?? 0);
    return { count: this.count, revision: this.revision, offset, rows };
  }

  window(offset: number, limit: number) {
    return this.arranged.slice(offset, offset + limit);
  }
}

/** How an open behaves: `instant` sends cached + done at once; `manual` waits for the test. */
export type LoadMode = "instant" | "manual";

export function openFakeResult(
  id: string,
  total: number,
  filters: InteractionFilters,
  sort: SortSpec,
  channel: EventChannel,
): FakeResult {
  const rows: InteractionRow[] = [];
  for (let i = 0; i < total; i++) {
    const row = fakeRow(i);
    if (matchesFilters(row, filters)) rows.push(row);
  }
  return new FakeResult(id, rows, sort, filters.text, channel);
}
