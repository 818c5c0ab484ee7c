//! Speech and text analytics of a call: `GET /api/v2/speechandtextanalytics/conversations/
//! {id}` (`ConversationMetrics`) and `…/communications/{communicationId}/transcripturl`
//! (`{"url"}`), whose target is the transcript file, served without a bearer token for
//! the signed URL's lifetime (10 minutes unless configured).
//!
//! Both need `recording:recording:view` and `speechAndTextAnalytics:data:view`. Transcripts
//! exist for recorded calls only; the communication is any voice session of the call
//! (the customer's or an agent's), and the file covers the whole stereo recording.
//! Phrase offsets (`offsetMs`) count from the recording start: exactly where the audio
//! carries the phrase.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::Json;
use serde_json::{json, Value};

use super::recording_docs::{phrase_offset, speaker};
use super::recordings::find_recording;
use super::{base_url, Caller};
use crate::app::AppState;
use crate::audio::Speaker;
use crate::error::ApiError;
use crate::store::{ConversationExtras, Phrase, Recording};

const NEEDED: [&str; 2] = [
    "recording:recording:view",
    "speechAndTextAnalytics:data:view",
];

/// The conversation's analytics document, parsed.
fn document(state: &AppState, id: &str) -> Result<Value, ApiError> {
    let doc = state
        .store
        .conversation_doc(id)?
        .ok_or_else(|| ApiError::not_found(format!("Conversation {id} was not found.")))?;
    serde_json::from_str(&doc).map_err(|e| {
        tracing::error!("stored conversation {id} is not JSON: {e}");
        ApiError::new(
            axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            "internal.server.error",
            "The conversation could not be read.",
        )
    })
}

/// (purpose, userId, session ids) of each participant.
fn participants(doc: &Value) -> Vec<(String, Option<String>, Vec<String>)> {
    let list = doc["participants"].as_array().cloned().unwrap_or_default();
    list.iter()
        .map(|p| {
            let sessions = p["sessions"].as_array().cloned().unwrap_or_default();
            (
                p["purpose"].as_str().unwrap_or_default().to_string(),
                p["userId"].as_str().map(str::to_string),
                sessions
                    .iter()
                    .filter(|s| s["mediaType"] == "voice")
                    .filter_map(|s| s["sessionId"].as_str().map(str::to_string))
                    .collect(),
            )
        })
        .collect()
}

fn trend_class(trend: f64) -> &'static str {
    match trend {
        t if t <= -0.5 => "Declining",
        t if t < -0.1 => "SlightlyDeclining",
        t if t <= 0.1 => "NoChange",
        t if t < 0.5 => "SlightlyImproving",
        _ => "Improving",
    }
}

fn percent(part: i64, whole: i64) -> f64 {
    if whole <= 0 {
        return 0.0;
    }
    (part as f64 * 1000.0 / whole as f64).round() / 10.0
}

pub async fn conversation_metrics(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(conversation_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    caller.require(&state, &NEEDED, &[])?;
    let (x, rec) = find_recording(&state, &conversation_id)?;
    let doc = document(&state, &conversation_id)?;
    let talk = |s: Speaker| -> i64 {
        x.transcript
            .iter()
            .filter(|p| speaker(p) == s)
            .map(|p| p.duration_ms)
            .sum()
    };
    let (agent, customer) = (talk(Speaker::Agent), talk(Speaker::Customer));
    let other: i64 = rec
        .holds
        .iter()
        .chain(&rec.secure_pauses)
        .map(|(a, b)| b - a)
        .sum();
    let whole = rec.duration_ms;
    let (agent_pct, customer_pct, other_pct) = (
        percent(agent, whole),
        percent(customer, whole),
        percent(other, whole),
    );
    let silence = ((100.0 - agent_pct - customer_pct - other_pct) * 10.0).round() / 10.0;
    let empathy: Vec<Value> = participants(&doc)
        .into_iter()
        .filter(|(purpose, _, _)| purpose == "agent")
        .filter_map(|(_, user, _)| user)
        .map(|user| {
            // Steady per agent and call: a hash of both, 0.50 to 0.95.
            let h = uuid::Uuid::new_v5(
                &uuid::Uuid::parse_str(&rec.recording_id).unwrap_or_default(),
                user.as_bytes(),
            )
            .as_u64_pair()
            .0;
            json!({"score": 0.5 + (h % 46) as f64 / 100.0, "userId": user})
        })
        .collect();
    let trend = x.sentiment_trend.unwrap_or(0.0);
    Ok(Json(json!({
        "conversation": {
            "id": conversation_id,
            "selfUri": format!("/api/v2/conversations/{conversation_id}"),
        },
        "sentimentScore": x.sentiment_score.unwrap_or(0.0),
        "sentimentTrend": trend,
        "sentimentTrendClass": if x.sentiment_trend.is_some() { trend_class(trend) } else { "NotCalculated" },
        "empathyScores": empathy,
        "participantMetrics": {
            "agentDurationPercentage": agent_pct,
            "customerDurationPercentage": customer_pct,
            "silenceDurationPercentage": silence.max(0.0),
            "ivrDurationPercentage": 0.0,
            "acdDurationPercentage": 0.0,
            "overtalkDurationPercentage": 0.0,
            "otherDurationPercentage": other_pct,
            "overtalkCount": 0,
        },
    })))
}

pub async fn transcript_url(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path((conversation_id, communication_id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    caller.require(&state, &NEEDED, &[])?;
    let (x, rec) = find_recording(&state, &conversation_id)?;
    let doc = document(&state, &conversation_id)?;
    let people = participants(&doc);
    if !people.iter().any(|(_, _, s)| s.contains(&communication_id)) {
        return Err(ApiError::not_found(format!(
            "Communication {communication_id} was not found in conversation {conversation_id}."
        )));
    }
    let file = transcript(&state.org.id, &x, &rec, &communication_id, &people);
    let body = serde_json::to_vec(&file).unwrap_or_default();
    let name = format!("{communication_id}.json");
    let url = state
        .media
        .sign_bytes(&base_url(&headers), body, "application/json", &name);
    Ok(Json(json!({ "url": url })))
}

/// Lower case without punctuation, as the recognizer writes `text`.
fn plain(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace() || *c == '\'')
        .collect::<String>()
        .to_lowercase()
}

/// Words spread over the phrase by their length.
fn words(p: &Phrase, start_ms: i64, offset_ms: i64) -> Vec<Value> {
    let plain = plain(p.text);
    let list: Vec<&str> = plain.split_whitespace().collect();
    let weight: i64 = list.iter().map(|w| w.len() as i64 + 1).sum::<i64>().max(1);
    let mut at = 0;
    list.iter()
        .map(|w| {
            let d = p.duration_ms * (w.len() as i64 + 1) / weight;
            let v = json!({
                "word": w,
                "confidence": 0.9,
                "startTimeMs": start_ms + offset_ms + at,
                "offsetMs": offset_ms + at,
                "duration": {"milliseconds": d},
            });
            at += d;
            v
        })
        .collect()
}

type People = [(String, Option<String>, Vec<String>)];

/// The transcript file (§10 of the API notes).
fn transcript(
    org_id: &str,
    x: &ConversationExtras,
    rec: &Recording,
    communication_id: &str,
    people: &People,
) -> Value {
    let start = rec.start_ms;
    let end = rec.start_ms + rec.duration_ms;
    let phrases: Vec<Value> = x
        .transcript
        .iter()
        .map(|p| {
            let off = phrase_offset(p, rec);
            json!({
                "text": plain(p.text),
                "decoratedText": p.text,
                "stability": 0,
                "startTimeMs": start + off,
                "offsetMs": off,
                "duration": {"milliseconds": p.duration_ms},
                "participantPurpose": p.participant_purpose,
                "channel": speaker(p).channel(),
                "type": "normal",
                "alternatives": [{"confidence": 0.9, "words": words(p, start, off)}],
            })
        })
        .collect();
    let sentiment: Vec<Value> = x
        .transcript
        .iter()
        .enumerate()
        .filter(|(_, p)| p.sentiment != 0)
        .map(|(i, p)| {
            json!({
                "participant": p.participant_purpose,
                "phraseIndex": i,
                "startTimeMs": start + phrase_offset(p, rec),
                "duration": {"milliseconds": p.duration_ms},
                "sentiment": p.sentiment,
            })
        })
        .collect();
    let first_customer = x
        .transcript
        .iter()
        .find(|p| p.participant_purpose == "external");
    let topics: Vec<Value> = x
        .topics
        .iter()
        .zip(first_customer)
        .map(|(name, p)| {
            json!({
                "participant": "external",
                "topicId": uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, name.as_bytes()).to_string(),
                "topicName": name,
                "topicPhrase": x.keywords.first().copied().unwrap_or(name),
                "transcriptPhrase": plain(p.text),
                "confidence": 0.8,
                "startTimeMs": start + phrase_offset(p, rec),
                "duration": {"milliseconds": p.duration_ms},
            })
        })
        .collect();
    let participants: Vec<Value> = people
        .iter()
        .filter_map(|(purpose, user, sessions)| {
            let external = purpose == "customer" || purpose == "external";
            let internal = purpose == "agent";
            if sessions.is_empty() || !(external || internal) {
                return None;
            }
            let mut v = json!({
                "participantPurpose": if internal { "internal" } else { "external" },
                "startTimeMs": start,
                "endTimeMs": end,
            });
            if let Some(u) = user {
                v["userId"] = json!(u);
            }
            Some(v)
        })
        .collect();
    let rid = uuid::Uuid::parse_str(&rec.recording_id).unwrap_or_default();
    json!({
        "organizationId": org_id,
        "conversationId": x.conversation_id,
        "communicationId": communication_id,
        "recordingId": rec.recording_id,
        "dialect": "en-US",
        "mediaType": "call",
        "startTime": start,
        "conversationStartTime": start - rec.offset_ms,
        "participants": participants,
        "transcripts": [{
            "transcriptId": uuid::Uuid::new_v5(&rid, b"transcript").to_string(),
            "language": "en-US",
            "engineId": "cc-sim",
            "phrases": phrases,
            "analytics": {"sentiment": sentiment, "topics": topics},
        }],
    })
}
