// Plain data for tests: a demo organization signed in, and one customer connection.
import type {
  Connection,
  FilterOptions,
  InteractionFilters,
  PresenceOption,
  Region,
  SavedView,
  Session,
  SortSpec,
  ViewColumn,
} from "../ipc";
import { emptyFilters } from "../screens/interactions/viewState";

export const regions: Region[] = [
  { id: "us_east_1", label: "Americas (US East)", apiBase: "https://api.mypurecloud.com" },
  { id: "eu_west_1", label: "EMEA (Dublin)", apiBase: "https://api.mypurecloud.ie" },
];

export const presenceOptions: PresenceOption[] = [
  { id: "p-available", label: "Available", systemPresence: "Available" },
  { id: "p-away", label: "Away", systemPresence: "Away" },
  { id: "p-busy", label: "Busy", systemPresence: "Busy" },
  { id: "p-onqueue", label: "On Queue", systemPresence: "OnQueue" },
];

export const demoConnection: Connection = {
  id: "demo",
  name: "Demo Contact Center",
  region: null,
  baseUrl: "http://127.0.0.1:47001",
  apiBase: "http://127.0.0.1:47001",
  clientId: "demo-client",
  grant: "pkce",
  isDemo: true,
  hasClientSecret: false,
  signedIn: true,
  staySignedIn: true,
  active: true,
};

export const dublinConnection: Connection = {
  id: "dublin",
  name: "Dublin Production",
  region: "eu_west_1",
  baseUrl: null,
  apiBase: "https://api.mypurecloud.ie",
  clientId: "3f2a-client",
  grant: "clientCredentials",
  isDemo: false,
  hasClientSecret: true,
  signedIn: false,
  staySignedIn: false,
  active: false,
};

export function supervisorSession(connectionId: string): Session {
  return {
    connectionId,
    kind: "user",
    user: {
      id: "u-1",
      name: "Dana Whitfield",
      email: "dana.whitfield@demo.example",
      title: "Contact Center Supervisor",
      department: "Customer Care",
    },
    organization: { id: "org-1", name: "Demo Contact Center" },
    presence: {
      definitionId: "p-available",
      systemPresence: "Available",
      label: "Available",
      message: null,
    },
    permissions: ["conversation:call:monitor", "analytics:*:*", "directory:user:view"],
  };
}

export function serviceSession(connectionId: string): Session {
  return {
    connectionId,
    kind: "service",
    user: null,
    organization: { id: "org-2", name: "Dublin Production Org" },
    presence: null,
    permissions: [],
  };
}

// --- Interactions: the views the backend creates for a new organization, and its choices.

const viewColumns: ViewColumn[] = [
  { id: "conversationId", width: 150 },
  { id: "createdDate", width: 110 },
  { id: "createdTime", width: 150 },
  { id: "customerName", width: 170 },
  { id: "channel", width: 140 },
  { id: "queue", width: 150 },
  { id: "agentName", width: 170 },
  { id: "state", width: 220 },
  { id: "duration", width: 90 },
];

export function filters(patch: Partial<InteractionFilters> = {}): InteractionFilters {
  return { ...emptyFilters({ kind: "preset", preset: "today" }), ...patch };
}

export function defaultViews(): SavedView[] {
  const sort: SortSpec = { column: "createdTime", descending: true };
  return [
    { id: "v-today", name: "Today", filters: filters(), columns: viewColumns, sort, updatedAt: 1 },
    {
      id: "v-unanswered",
      name: "Unanswered today",
      filters: filters({ states: ["unanswered"] }),
      columns: viewColumns,
      sort,
      updatedAt: 1,
    },
    {
      id: "v-voice-week",
      name: "Voice this week",
      filters: filters({ period: { kind: "preset", preset: "thisWeek" }, channels: ["voice"] }),
      columns: viewColumns,
      sort,
      updatedAt: 1,
    },
  ];
}

export const filterOptions: FilterOptions = {
  queues: ["Billing", "Sales", "Support", "Retention", "Claims", "VIP"].map((name, i) => ({
    id: `q-${i + 1}`,
    name,
  })),
  agents: [
    "Ana Ortiz",
    "Ben Carter",
    "Chloe Nguyen",
    "Dev Patel",
    "Ella Schmidt",
    "Finn O'Brien",
    "Grace Kim",
    "Hugo Martin",
    "Iris Novak",
    "Aria (AI agent)",
  ].map((name, i) => ({ id: `a-${i + 1}`, name })),
  wrapUpCodes: ["Resolved", "Follow-up", "Escalated", "Billing question", "Wrong number"].map(
    (name, i) => ({ id: `w-${i + 1}`, name }),
  ),
};
