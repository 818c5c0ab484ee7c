//! The analytics conversation detail shapes the console reads (`AnalyticsConversation` and
//! the responses around it). Only the fields the console uses; unknown ones are ignored and
//! every field may be absent, as the platform leaves out what is empty.

use serde::de::{Deserializer, Visitor};
use serde::Deserialize;
use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;

/// A JSON string borrowed from the response, or owned when it had escapes to undo. (serde
/// borrows a bare `Cow<str>` field but allocates one inside an `Option`.)
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text<'a>(pub Cow<'a, str>);

impl Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<&str> for Text<'_> {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(TextVisitor)
    }
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
    pub cursor: Option<Text<'a>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AnalyticsConversation<'a> {
    #[serde(borrow)]
    pub conversation_id: Text<'a>,
    #[serde(borrow)]
    pub conversation_start: Text<'a>,
    #[serde(borrow)]
    pub conversation_end: Option<Text<'a>>,
    #[serde(borrow)]
    pub originating_direction: Option<Text<'a>>,
    #[serde(borrow)]
    pub external_tag: Option<Text<'a>>,
    #[serde(borrow)]
    pub participants: Vec<AnalyticsParticipant<'a>>,
    pub surveys: Vec<AnalyticsSurvey>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AnalyticsParticipant<'a> {
    #[serde(borrow)]
    pub participant_id: Option<Text<'a>>,
    #[serde(borrow)]
    pub participant_name: Option<Text<'a>>,
    #[serde(borrow)]
    pub user_id: Option<Text<'a>>,
    #[serde(borrow)]
    pub purpose: Text<'a>,
    #[serde(borrow)]
    pub sessions: Vec<AnalyticsSession<'a>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AnalyticsSession<'a> {
    #[serde(borrow)]
    pub media_type: Text<'a>,
    #[serde(borrow)]
    pub message_type: Option<Text<'a>>,
    #[serde(borrow)]
    pub direction: Option<Text<'a>>,
    #[serde(borrow)]
    pub ani: Option<Text<'a>>,
    #[serde(borrow)]
    pub dnis: Option<Text<'a>>,
    #[serde(borrow)]
    pub address_from: Option<Text<'a>>,
    #[serde(borrow)]
    pub address_to: Option<Text<'a>>,
    #[serde(borrow)]
    pub remote_name_displayable: Option<Text<'a>>,
    #[serde(borrow)]
    pub monitored_participant_id: Option<Text<'a>>,
    #[serde(borrow)]
    pub flow: Option<AnalyticsFlow<'a>>,
    #[serde(borrow)]
    pub segments: Vec<AnalyticsSegment<'a>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AnalyticsFlow<'a> {
    #[serde(borrow)]
    pub flow_name: Option<Text<'a>>,
    #[serde(borrow)]
    pub flow_type: Option<Text<'a>>,
    #[serde(borrow)]
    pub exit_reason: Option<Text<'a>>,
    #[serde(borrow)]
    pub transfer_type: Option<Text<'a>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AnalyticsSegment<'a> {
    #[serde(borrow)]
    pub segment_start: Option<Text<'a>>,
    #[serde(borrow)]
    pub segment_end: Option<Text<'a>>,
    #[serde(borrow)]
    pub segment_type: Text<'a>,
    #[serde(borrow)]
    pub queue_id: Option<Text<'a>>,
    #[serde(borrow)]
    pub wrap_up_code: Option<Text<'a>>,
    #[serde(borrow)]
    pub wrap_up_note: Option<Text<'a>>,
    #[serde(borrow)]
    pub disconnect_type: Option<Text<'a>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AnalyticsSurvey {
    pub survey_status: Option<String>,
    pub o_survey_total_score: Option<f64>,
}
