//! The analytics conversation detail shapes the console reads (`AnalyticsConversation` and
//! the responses around it). Only the fields the console uses; unknown ones are ignored and
//! every field may be absent, as the platform leaves out what is empty.

use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DetailsQueryResponse {
    pub conversations: Vec<AnalyticsConversation>,
    pub total_hits: Option<u64>,
}

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
pub struct JobResults {
    pub conversations: Vec<AnalyticsConversation>,
    pub cursor: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DataAvailability {
    pub data_availability_date: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AnalyticsConversation {
    pub conversation_id: String,
    pub conversation_start: String,
    pub conversation_end: Option<String>,
    pub originating_direction: Option<String>,
    pub external_tag: Option<String>,
    pub participants: Vec<AnalyticsParticipant>,
    pub surveys: Vec<AnalyticsSurvey>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AnalyticsParticipant {
    pub participant_id: Option<String>,
    pub participant_name: Option<String>,
    pub user_id: Option<String>,
    pub purpose: String,
    pub sessions: Vec<AnalyticsSession>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AnalyticsSession {
    pub media_type: String,
    pub message_type: Option<String>,
    pub direction: Option<String>,
    pub ani: Option<String>,
    pub dnis: Option<String>,
    pub address_from: Option<String>,
    pub address_to: Option<String>,
    pub remote_name_displayable: Option<String>,
    pub monitored_participant_id: Option<String>,
    pub flow: Option<AnalyticsFlow>,
    pub segments: Vec<AnalyticsSegment>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AnalyticsFlow {
    pub flow_name: Option<String>,
    pub flow_type: Option<String>,
    pub exit_reason: Option<String>,
    pub transfer_type: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AnalyticsSegment {
    pub segment_start: Option<String>,
    pub segment_end: Option<String>,
    pub segment_type: String,
    pub queue_id: Option<String>,
    pub wrap_up_code: Option<String>,
    pub wrap_up_note: Option<String>,
    pub disconnect_type: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AnalyticsSurvey {
    pub survey_status: Option<String>,
    pub o_survey_total_score: Option<f64>,
}
