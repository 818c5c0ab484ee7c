//! The Interactions list in domain terms: rows, filters, columns, sorts and saved views.
//! Serialized camelCase exactly as `ui/src/ipc/interactions.ts` declares them.

use serde::{Deserialize, Serialize};

/// A channel as supervisors name it (the platform's media type and message type folded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Channel {
    Voice,
    Callback,
    Chat,
    WebMessaging,
    Sms,
    Whatsapp,
    OpenMessaging,
    Email,
}

impl Channel {
    pub fn label(self) -> &'static str {
        match self {
            Channel::Voice => "Voice",
            Channel::Callback => "Callback",
            Channel::Chat => "Chat",
            Channel::WebMessaging => "Web messaging",
            Channel::Sms => "SMS",
            Channel::Whatsapp => "WhatsApp",
            Channel::OpenMessaging => "Messaging",
            Channel::Email => "Email",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Direction {
    Inbound,
    Outbound,
}

impl Direction {
    pub fn label(self) -> &'static str {
        match self {
            Direction::Inbound => "Inbound",
            Direction::Outbound => "Outbound",
        }
    }
}

/// `Live` = still in progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum InteractionState {
    Live,
    Answered,
    Unanswered,
}

/// Why an interaction was not answered (Contacto's six reasons).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum UnansweredReason {
    DroppedBeforeRouting,
    AgentAssignmentFailed,
    CustomerDidNotRespond,
    EnqueueFailed,
    OutOfBusinessHours,
    QueueTimeout,
}

impl UnansweredReason {
    pub const ALL: [UnansweredReason; 6] = [
        UnansweredReason::DroppedBeforeRouting,
        UnansweredReason::AgentAssignmentFailed,
        UnansweredReason::CustomerDidNotRespond,
        UnansweredReason::EnqueueFailed,
        UnansweredReason::OutOfBusinessHours,
        UnansweredReason::QueueTimeout,
    ];

    pub fn label(self) -> &'static str {
        match self {
            UnansweredReason::DroppedBeforeRouting => "Dropped before routing",
            UnansweredReason::AgentAssignmentFailed => "Agent assignment failed",
            UnansweredReason::CustomerDidNotRespond => "Customer didn't respond",
            UnansweredReason::EnqueueFailed => "Enqueue failed (queue full)",
            UnansweredReason::OutOfBusinessHours => "Out of business hours",
            UnansweredReason::QueueTimeout => "Queue timeout",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum HangupSource {
    Customer,
    Agent,
    System,
}

impl HangupSource {
    pub fn label(self) -> &'static str {
        match self {
            HangupSource::Customer => "Customer",
            HangupSource::Agent => "Agent",
            HangupSource::System => "System",
        }
    }
}

/// One row of the Interactions list. Times are epoch milliseconds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InteractionRow {
    pub id: String,
    pub start: i64,
    pub end: Option<i64>,
    pub duration_ms: i64,
    pub channel: Channel,
    pub direction: Direction,
    pub customer_name: Option<String>,
    pub contact: Option<String>,
    pub contact_center_number: Option<String>,
    pub agent_name: Option<String>,
    pub is_ai_agent: bool,
    pub queue_name: Option<String>,
    pub disposition: Option<String>,
    pub wrap_up_note: Option<String>,
    pub state: InteractionState,
    pub reason: Option<UnansweredReason>,
    pub ticket_id: Option<String>,
    pub csat: Option<u8>,
    pub hangup_source: Option<HangupSource>,
    pub sentiment: Option<f32>,
}

/// A row and the ids it can be filtered by locally: every queue, agent and wrap-up code it
/// touched (the platform's segment filters match any segment, not just the last one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InteractionSummary {
    pub row: InteractionRow,
    #[serde(default)]
    pub queue_ids: Vec<String>,
    #[serde(default)]
    pub user_ids: Vec<String>,
    #[serde(default)]
    pub wrap_up_code_ids: Vec<String>,
}

/// The columns of the list; `ConversationId` is always shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ColumnId {
    ConversationId,
    CustomerName,
    CreatedDate,
    CreatedTime,
    AgentName,
    Queue,
    Direction,
    Disposition,
    State,
    WrapUpNote,
    Channel,
    Contact,
    ContactCenterNumber,
    TicketId,
    Csat,
    HangupSource,
    Duration,
    Sentiment,
}

impl ColumnId {
    /// The header a person reads (in the UI and in exported CSV).
    pub fn label(self) -> &'static str {
        match self {
            ColumnId::ConversationId => "Conversation ID",
            ColumnId::CustomerName => "Customer name",
            ColumnId::CreatedDate => "Created date",
            ColumnId::CreatedTime => "Created time",
            ColumnId::AgentName => "Agent name",
            ColumnId::Queue => "Team / queue",
            ColumnId::Direction => "Direction",
            ColumnId::Disposition => "Disposition",
            ColumnId::State => "Conversation state",
            ColumnId::WrapUpNote => "Wrap-up note",
            ColumnId::Channel => "Channel",
            ColumnId::Contact => "Contact",
            ColumnId::ContactCenterNumber => "Contact-center number",
            ColumnId::TicketId => "Ticket ID",
            ColumnId::Csat => "CSAT",
            ColumnId::HangupSource => "Hangup source",
            ColumnId::Duration => "Duration",
            ColumnId::Sentiment => "Sentiment",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ViewColumn {
    pub id: ColumnId,
    pub width: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SortSpec {
    pub column: ColumnId,
    pub descending: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PeriodPreset {
    Today,
    Yesterday,
    Last24Hours,
    ThisWeek,
    Last7Days,
    Last30Days,
    Last90Days,
}

/// Relative presets are resolved in the local time zone each time a view opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Period {
    Preset { preset: PeriodPreset },
    Custom { from: i64, to: i64 },
}

/// What a view shows. Empty lists mean "any".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InteractionFilters {
    pub period: Period,
    #[serde(default)]
    pub channels: Vec<Channel>,
    #[serde(default)]
    pub directions: Vec<Direction>,
    #[serde(default)]
    pub queue_ids: Vec<String>,
    #[serde(default)]
    pub agent_ids: Vec<String>,
    #[serde(default)]
    pub wrap_up_code_ids: Vec<String>,
    #[serde(default)]
    pub states: Vec<InteractionState>,
    #[serde(default)]
    pub reasons: Vec<UnansweredReason>,
    #[serde(default)]
    pub csat_min: Option<u8>,
    #[serde(default)]
    pub csat_max: Option<u8>,
    #[serde(default)]
    pub text: String,
}

impl InteractionFilters {
    pub fn for_period(period: Period) -> Self {
        Self {
            period,
            channels: Vec::new(),
            directions: Vec::new(),
            queue_ids: Vec::new(),
            agent_ids: Vec::new(),
            wrap_up_code_ids: Vec::new(),
            states: Vec::new(),
            reasons: Vec::new(),
            csat_min: None,
            csat_max: None,
            text: String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SavedView {
    pub id: String,
    pub name: String,
    pub filters: InteractionFilters,
    pub columns: Vec<ViewColumn>,
    pub sort: SortSpec,
    pub updated_at: i64,
}

/// What `save_view` takes: creates when `id` is `None`, else updates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SavedViewInput {
    pub id: Option<String>,
    pub name: String,
    pub filters: InteractionFilters,
    pub columns: Vec<ViewColumn>,
    pub sort: SortSpec,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedRef {
    pub id: String,
    pub name: String,
}

/// Choices for the filter bar, from the active connection's organization.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FilterOptions {
    pub queues: Vec<NamedRef>,
    pub agents: Vec<NamedRef>,
    pub wrap_up_codes: Vec<NamedRef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum LoadPhase {
    Querying,
    WaitingForJob,
    Downloading,
    /// Every row is in the list; the copy kept for offline use is still being written.
    Saving,
}

/// What a load reports, in order: `Cached`, any number of `Progress`, then exactly one of
/// `Done`, `Offline`, `Failed` or `Cancelled`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum LoadEvent {
    Cached {
        revision: u64,
        count: usize,
        last_updated: Option<i64>,
    },
    Progress {
        revision: u64,
        count: usize,
        phase: LoadPhase,
        loaded: usize,
        expected: Option<u64>,
    },
    Done {
        revision: u64,
        count: usize,
        last_updated: i64,
    },
    Offline {
        revision: u64,
        count: usize,
        last_updated: Option<i64>,
        message: String,
    },
    Failed {
        revision: u64,
        count: usize,
        error: crate::Error,
    },
    Cancelled {
        revision: u64,
        count: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenedResult {
    pub result_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ArrangedResult {
    pub count: usize,
    pub revision: u64,
    /// The rows asked for with the arrange (from `offset`), empty when none were.
    pub offset: usize,
    pub rows: Vec<InteractionRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportedFile {
    pub path: String,
    pub rows: usize,
}
