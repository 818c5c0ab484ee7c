//! The analytics conversation detail shapes the console reads (`AnalyticsConversation` and
//! the responses around it). Only the fields the console uses; unknown ones are ignored and
//! every field may be absent, as the platform leaves out what is empty.

use serde::Deserialize;
use std::borrow::Cow;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct JobSubmitted {
    pub job_id: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct JobStatus {
    pub state: String,
    pub error_message: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DataAvailability {
    pub data_availability_date: Option<String>,
}

/// A page of conversations: the synchronous query's `AnalyticsConversationQueryResponse`
/// (with `totalHits`) or a job's `AnalyticsConversationAsyncQueryResponse` (with `cursor`).
/// Strings are borrowed from the response where they need no unescaping: a page holds
/// up to 1000 conversations of some sixty strings each, and allocating them cost more than
/// reading the JSON.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ConversationPage<'a> {
    #[serde(borrow)]
    pub conversations: Vec<AnalyticsConversation<'a>>,
    pub total_hits: Option<u64>,
    #[serde(borrow)]
    pub cursor: Option<Cow<'a, str>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AnalyticsConversation<'a> {
    #[serde(borrow)]
    pub conversation_id: Cow<'a, str>,
    #[serde(borrow)]
    pub conversation_start: Cow<'a, str>,
    #[serde(borrow)]
    pub conversation_end: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub originating_direction: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub external_tag: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub participants: Vec<AnalyticsParticipant<'a>>,
    pub surveys: Vec<AnalyticsSurvey>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AnalyticsParticipant<'a> {
    #[serde(borrow)]
    pub participant_id: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub participant_name: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub user_id: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub purpose: Cow<'a, str>,
    #[serde(borrow)]
    pub sessions: Vec<AnalyticsSession<'a>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AnalyticsSession<'a> {
    #[serde(borrow)]
    pub media_type: Cow<'a, str>,
    #[serde(borrow)]
    pub message_type: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub direction: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub ani: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub dnis: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub address_from: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub address_to: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub remote_name_displayable: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub monitored_participant_id: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub flow: Option<AnalyticsFlow<'a>>,
    #[serde(borrow)]
    pub segments: Vec<AnalyticsSegment<'a>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AnalyticsFlow<'a> {
    #[serde(borrow)]
    pub flow_name: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub flow_type: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub exit_reason: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub transfer_type: Option<Cow<'a, str>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AnalyticsSegment<'a> {
    #[serde(borrow)]
    pub segment_start: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub segment_end: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub segment_type: Cow<'a, str>,
    #[serde(borrow)]
    pub queue_id: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub wrap_up_code: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub wrap_up_note: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub disconnect_type: Option<Cow<'a, str>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AnalyticsSurvey {
    pub survey_status: Option<String>,
    pub o_survey_total_score: Option<f64>,
}
