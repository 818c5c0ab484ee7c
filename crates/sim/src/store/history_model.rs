//! The analytics conversation document (`AnalyticsConversationWithoutAttributes`) as Rust
//! structs, serialized field for field as the Platform API writes them: keys that would be
//! empty are left out, times are ISO-8601 UTC with milliseconds.
//!
//! Generation builds these structs; the stored dimensions are read from them
//! ([`Conversation::dims`]) so a filter always agrees with the document it selects, and
//! live conversations are cut from complete ones ([`Conversation::truncate`]).

use serde::{Serialize, Serializer};
use uuid::Uuid;

/// `YYYY-MM-DDTHH:MM:SS.mmmZ` without allocating: documents carry a dozen times each, and
/// formatting them through chrono was a large share of drawing a page of results.
fn iso_bytes(ms: i64) -> [u8; 24] {
    let (days, ms_of_day) = (ms.div_euclid(86_400_000), ms.rem_euclid(86_400_000));
    // Days to a civil date (Howard Hinnant's algorithm), valid for any year 0..=9999.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = (yoe + era * 400 + i64::from(month <= 2)).clamp(0, 9999);
    let mut out = *b"0000-00-00T00:00:00.000Z";
    let mut put = |at: usize, width: usize, mut v: i64| {
        for i in (at..at + width).rev() {
            out[i] = b'0' + (v % 10) as u8;
            v /= 10;
        }
    };
    put(0, 4, year);
    put(5, 2, month);
    put(8, 2, day);
    put(11, 2, ms_of_day / 3_600_000);
    put(14, 2, ms_of_day / 60_000 % 60);
    put(17, 2, ms_of_day / 1000 % 60);
    put(20, 3, ms_of_day % 1000);
    out
}

fn ser_ms<S: Serializer>(ms: &i64, s: S) -> Result<S::Ok, S::Error> {
    let bytes = iso_bytes(*ms);
    s.serialize_str(std::str::from_utf8(&bytes).expect("ASCII digits"))
}

fn ser_opt_ms<S: Serializer>(ms: &Option<i64>, s: S) -> Result<S::Ok, S::Error> {
    match ms {
        Some(ms) => ser_ms(ms, s),
        None => s.serialize_none(),
    }
}

#[derive(Serialize, Debug, Clone)]
#[serde(rename_all = "camelCase")]
pub struct Conversation<'a> {
    pub conversation_id: Uuid,
    #[serde(serialize_with = "ser_ms")]
    pub conversation_start: i64,
    /// Absent while the conversation is active.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "ser_opt_ms")]
    pub conversation_end: Option<i64>,
    pub originating_direction: &'static str,
    pub conversation_initiator: &'static str,
    pub customer_participation: bool,
    pub division_ids: [&'a str; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_tag: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub media_stats_min_conversation_mos: Option<f64>,
    pub participants: Vec<Participant<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub surveys: Vec<Survey<'a>>,
}

impl Conversation<'_> {
    /// The document as job results give it: an `AnalyticsConversation`, whose participants
    /// may carry `attributes`, unlike the synchronous query's.
    pub fn with_attributes(mut self) -> Self {
        if let Some(tag) = &self.external_tag {
            for p in self
                .participants
                .iter_mut()
                .filter(|p| p.purpose == "customer")
            {
                p.attributes = Some(Attributes {
                    ticket_id: tag.clone(),
                });
            }
        }
        self
    }
}

#[derive(Serialize, Debug, Clone)]
#[serde(rename_all = "camelCase")]
pub struct Participant<'a> {
    pub participant_id: Uuid,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub participant_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_id: Option<&'a str>,
    pub purpose: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_contact_id: Option<&'a str>,
    pub sessions: Vec<Session<'a>>,
    /// Participant data; only job results carry it (see [`Conversation::with_attributes`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributes: Option<Attributes>,
}

/// The participant data the generated history knows of: the external tag, exposed on the
/// customer as a ticket id.
#[derive(Serialize, Debug, Clone)]
#[serde(rename_all = "camelCase")]
pub struct Attributes {
    pub ticket_id: String,
}

/// What every session of one conversation shares: the channel and the addresses.
#[derive(Serialize, Debug, Clone, Default)]
#[serde(rename_all = "camelCase")]
pub struct Media<'a> {
    pub media_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ani: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dnis: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_from: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_to: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remote_name_displayable: Option<&'a str>,
}

#[derive(Serialize, Debug, Clone)]
#[serde(rename_all = "camelCase")]
pub struct Session<'a> {
    #[serde(flatten)]
    pub media: Media<'a>,
    pub session_id: Uuid,
    pub direction: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub callback_numbers: Option<[&'a str; 1]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub monitored_participant_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recording: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flow: Option<Flow<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub metrics: Vec<Metric>,
    pub segments: Vec<Segment<'a>>,
}

#[derive(Serialize, Debug, Clone)]
#[serde(rename_all = "camelCase")]
pub struct Flow<'a> {
    pub flow_id: &'a str,
    pub flow_name: &'a str,
    pub flow_version: &'static str,
    pub flow_type: &'static str,
    pub entry_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exit_reason: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transfer_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transfer_target_name: Option<&'a str>,
}

#[derive(Serialize, Debug, Clone)]
#[serde(rename_all = "camelCase")]
pub struct Metric {
    pub name: &'static str,
    pub value: i64,
    #[serde(serialize_with = "ser_ms")]
    pub emit_date: i64,
}

#[derive(Serialize, Debug, Clone)]
#[serde(rename_all = "camelCase")]
pub struct Segment<'a> {
    #[serde(serialize_with = "ser_ms")]
    pub segment_start: i64,
    /// Absent while the segment is open.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "ser_opt_ms")]
    pub segment_end: Option<i64>,
    pub segment_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queue_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wrap_up_code: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wrap_up_note: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disconnect_type: Option<&'static str>,
}

#[derive(Serialize, Debug, Clone)]
#[serde(rename_all = "camelCase")]
pub struct Survey<'a> {
    pub survey_id: Uuid,
    pub survey_form_id: &'a str,
    pub survey_form_name: &'static str,
    pub survey_status: &'static str,
    pub survey_type: &'static str,
    #[serde(serialize_with = "ser_ms")]
    pub survey_completed_date: i64,
    #[serde(serialize_with = "ser_ms")]
    pub event_time: i64,
    pub queue_id: &'a str,
    pub user_id: &'a str,
    pub o_survey_total_score: i64,
}

pub fn seg<'a>(kind: &'static str, start: i64, end: i64, queue: Option<&'a str>) -> Segment<'a> {
    Segment {
        segment_start: start,
        segment_end: Some(end),
        segment_type: kind,
        queue_id: queue,
        wrap_up_code: None,
        wrap_up_note: None,
        disconnect_type: None,
    }
}

pub fn metric(name: &'static str, value: i64, at: i64) -> Metric {
    Metric {
        name,
        value,
        emit_date: at,
    }
}

impl<'a> Session<'a> {
    /// A session whose last segment ends with `disconnect`.
    pub fn new(
        id: Uuid,
        media: &Media<'a>,
        direction: &'static str,
        mut segments: Vec<Segment<'a>>,
        metrics: Vec<Metric>,
        disconnect: &'static str,
    ) -> Self {
        if let Some(last) = segments.last_mut() {
            last.disconnect_type = Some(disconnect);
        }
        Session {
            media: media.clone(),
            session_id: id,
            direction,
            callback_numbers: None,
            monitored_participant_id: None,
            recording: None,
            flow: None,
            metrics,
            segments,
        }
    }

    pub fn end(&self) -> Option<i64> {
        self.segments.last().and_then(|s| s.segment_end)
    }
}

impl<'a> Conversation<'a> {
    /// The conversation as it stood at `now`: segments not yet started are dropped, the
    /// ones running lose their end (and their disconnect, wrap-up is not yet known),
    /// metrics not yet emitted are dropped and the conversation has no end.
    pub fn truncate(&mut self, now: i64) {
        for p in &mut self.participants {
            for s in &mut p.sessions {
                s.segments.retain(|g| g.segment_start < now);
                for g in &mut s.segments {
                    if g.segment_end.is_some_and(|e| e > now) {
                        g.segment_end = None;
                        g.disconnect_type = None;
                        g.wrap_up_code = None;
                        g.wrap_up_note = None;
                    }
                }
                s.metrics.retain(|m| m.emit_date <= now);
            }
            p.sessions.retain(|s| !s.segments.is_empty());
        }
        self.participants.retain(|p| !p.sessions.is_empty());
        self.conversation_end = None;
        self.surveys.clear();
    }

    /// The `(dimension, value)` pairs segment and conversation filters match on, as in
    /// the document: session fields, segment fields and participants' user ids.
    pub fn dims(&self, mut emit: impl FnMut(&'static str, &str)) {
        emit("originatingDirection", self.originating_direction);
        emit("divisionId", self.division_ids[0]);
        for p in &self.participants {
            if let Some(u) = p.user_id {
                emit("userId", u);
            }
            for s in &p.sessions {
                emit("mediaType", s.media.media_type);
                if let Some(t) = s.media.message_type {
                    emit("messageType", t);
                }
                emit("direction", s.direction);
                for g in &s.segments {
                    if let Some(q) = g.queue_id {
                        emit("queueId", q);
                    }
                    if let Some(c) = g.wrap_up_code {
                        emit("wrapUpCode", c);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::iso_bytes;

    fn iso(ms: i64) -> String {
        String::from_utf8(iso_bytes(ms).to_vec()).unwrap()
    }

    #[test]
    fn times_are_written_as_chrono_writes_them() {
        let chrono_iso = |ms: i64| {
            chrono::DateTime::from_timestamp_millis(ms)
                .unwrap()
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
        };
        // Epoch, leap days, century rules, a day's last millisecond, before 1970.
        let fixed = [
            0,
            951_782_400_000,
            4_107_542_399_999,
            1_709_164_800_123,
            -86_400_001,
            253_402_300_799_999,
        ];
        let mut ms = -2_000_000_000_000_i64;
        let spread = std::iter::from_fn(|| {
            ms += 7_777_777_777;
            (ms < 4_000_000_000_000).then_some(ms)
        });
        for ms in fixed.into_iter().chain(spread) {
            assert_eq!(iso(ms), chrono_iso(ms), "{ms}");
        }
    }
}
