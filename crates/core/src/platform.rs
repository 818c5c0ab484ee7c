//! The boundary between the console and a contact-center platform. Everything above this
//! trait speaks in domain terms; an adapter (Genesys Cloud today) speaks the wire.

use crate::error::{Error, Result};
use crate::interactions::{Channel, Direction, FilterOptions, InteractionSummary, LoadPhase};
use crate::model::{Identity, Presence, PresenceOption};
use crate::recordings::types::{RecordingDetails, RecordingMedia};
use async_trait::async_trait;
use tokio::sync::mpsc;

/// The part of an Interactions query the platform answers; the rest (state, reason, CSAT,
/// free text, exact channel) is applied to the rows locally.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InteractionQuery {
    /// Interactions that started in `[from_ms, to_ms)`.
    pub from_ms: i64,
    pub to_ms: i64,
    pub channels: Vec<Channel>,
    pub directions: Vec<Direction>,
    pub queue_ids: Vec<String>,
    pub agent_ids: Vec<String>,
    pub wrap_up_code_ids: Vec<String>,
}

/// What a fetch reports while it runs.
#[derive(Debug, Clone)]
pub enum FetchUpdate {
    Phase {
        phase: LoadPhase,
        /// How many rows the platform said will come, when it said.
        expected: Option<u64>,
    },
    Rows(Vec<InteractionSummary>),
}

/// Where a fetch sends its updates; when the receiver is gone the fetch stops.
pub type FetchSink = mpsc::Sender<FetchUpdate>;

#[async_trait]
pub trait Platform: Send + Sync {
    /// Who the current token speaks for, with presence and permissions for a person.
    async fn identity(&self) -> Result<Identity>;

    /// The presences a person may choose, in the organization's own definitions.
    async fn presence_options(&self) -> Result<Vec<PresenceOption>>;

    /// Sets a person's presence and returns it as the platform now reports it.
    async fn set_presence(&self, user_id: &str, option_id: &str) -> Result<Presence>;

    /// The queues, agents and wrap-up codes an Interactions filter can name.
    async fn filter_options(&self) -> Result<FilterOptions>;

    /// Sends every interaction `query` selects to `sink`, in batches, with progress.
    /// Returns a `Cancelled` error when the sink's receiver has gone.
    async fn fetch_interactions(&self, query: &InteractionQuery, sink: &FetchSink) -> Result<()>;

    /// Ends the token's session on the platform (sign-out).
    async fn revoke(&self) -> Result<()>;

    /// Where the conversation's call recording can be downloaded; `on_wait` hears the
    /// platform's estimate (ms) while it prepares the file.
    async fn recording_media(
        &self,
        _conversation_id: &str,
        _on_wait: &(dyn Fn(Option<u64>) + Send + Sync),
    ) -> Result<RecordingMedia> {
        Err(Error::not_found("This platform has no call recordings."))
    }

    /// The recording's transcript with sentiment, and the spans drawn under it.
    async fn recording_details(&self, _conversation_id: &str) -> Result<RecordingDetails> {
        Err(Error::not_found("This platform has no call recordings."))
    }
}
