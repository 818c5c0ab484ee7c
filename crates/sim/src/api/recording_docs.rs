//! A conversation's recording as the API writes it (`Recording`, `RecordingMetadata`,
//! system annotations) and as the audio generator needs it ([`audio_spec`]). Both read the
//! same extras, and [`phrase_offset`] is the one conversion from a transcript phrase to its
//! place in the recording.

use serde_json::{json, Value};

use crate::audio::{AudioFormat, AudioSpec, Span, Speaker, SpeechSpan};
use crate::media::Ready;
use crate::store::{ConversationExtras, Phrase, Recording};

/// Where `p` starts in the recording, in ms (phrases lie inside the recorded talk).
pub fn phrase_offset(p: &Phrase, rec: &Recording) -> i64 {
    (p.offset_ms - rec.offset_ms).max(0)
}

/// The customer is `external`, on the left; the agent `internal`, on the right.
pub fn speaker(p: &Phrase) -> Speaker {
    if p.participant_purpose == "internal" {
        Speaker::Agent
    } else {
        Speaker::Customer
    }
}

/// What the audio generator draws for this recording; seeded from the recording id.
pub fn audio_spec(x: &ConversationExtras, rec: &Recording) -> AudioSpec {
    let span = |&(a, b): &(i64, i64)| Span {
        offset_ms: a.max(0) as u64,
        duration_ms: (b - a).max(0) as u64,
    };
    let seed = uuid::Uuid::parse_str(&rec.recording_id)
        .map(|u| u.as_u64_pair().0)
        .unwrap_or(0);
    AudioSpec {
        duration_ms: rec.duration_ms.max(0) as u64,
        sample_rate: rec.sample_rate,
        channels: rec.channels,
        phrases: x
            .transcript
            .iter()
            .map(|p| SpeechSpan {
                offset_ms: phrase_offset(p, rec) as u64,
                duration_ms: p.duration_ms.max(0) as u64,
                speaker: speaker(p),
            })
            .collect(),
        holds: rec.holds.iter().map(span).collect(),
        secure_pauses: rec.secure_pauses.iter().map(span).collect(),
        seed,
    }
}

pub fn iso(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

fn self_uri(conversation_id: &str, rec: &Recording) -> String {
    format!(
        "/api/v2/conversations/{conversation_id}/recordings/{}",
        rec.recording_id
    )
}

/// The system annotations: one per hold and per secure pause, in time order. The audio
/// keeps its full timeline (a tone stands in for paused audio), so every location is
/// the same offset from the recording start.
pub fn system_annotations(conversation_id: &str, rec: &Recording) -> Vec<Value> {
    let mut spans: Vec<(&str, (i64, i64))> = rec
        .holds
        .iter()
        .map(|s| ("Hold", *s))
        .chain(rec.secure_pauses.iter().map(|s| ("SecurePause", *s)))
        .collect();
    spans.sort_by_key(|(_, s)| s.0);
    let rid = uuid::Uuid::parse_str(&rec.recording_id).unwrap_or_default();
    spans
        .into_iter()
        .map(|(reason, (a, b))| {
            let id = uuid::Uuid::new_v5(&rid, format!("{reason}/{a}").as_bytes()).to_string();
            json!({
                "id": id,
                "name": reason,
                "type": "System",
                "location": a,
                "durationMs": b - a,
                "absoluteLocation": a,
                "absoluteDurationMs": b - a,
                "recordingLocation": a,
                "recordingDurationMs": b - a,
                "realtimeLocation": a,
                "reason": reason,
                "annotations": [],
                "selfUri": format!("{}/annotations/{id}", self_uri(conversation_id, rec)),
            })
        })
        .collect()
}

/// A guess of the transcode time shown while it runs: compressed formats cost more.
pub fn estimated_transcode_ms(rec: &Recording, format: AudioFormat) -> i64 {
    let per_minute = match format {
        AudioFormat::Wav | AudioFormat::WavUlaw => 150,
        AudioFormat::Mp3 | AudioFormat::OggVorbis => 600,
    };
    let rate_factor = i64::from(rec.sample_rate / 8_000).max(1);
    500 + rec.duration_ms / 60_000 * per_minute * rate_factor
}

/// How far a `Recording` has got for the asked format.
pub enum Media<'a> {
    /// `formatId=NONE`: metadata only.
    NotAsked,
    Transcoding(AudioFormat),
    Ready {
        format: AudioFormat,
        file: &'a Ready,
        url: String,
    },
}

/// `Recording`: the entry of `GET …/recordings`.
pub fn recording_json(conversation_id: &str, rec: &Recording, media: &Media<'_>) -> Value {
    let end = rec.start_ms + rec.duration_ms;
    let mut v = json!({
        "id": rec.recording_id,
        "conversationId": conversation_id,
        "startTime": iso(rec.start_ms),
        "endTime": iso(end),
        "media": "audio",
        "fileState": "AVAILABLE",
        "sessionId": rec.communication_id,
        "annotations": system_annotations(conversation_id, rec),
        "users": [],
        "recordingFileRole": "CUSTOMER_EXPERIENCE",
        "originalRecordingStartTime": iso(rec.start_ms),
        "creationTime": iso(end),
        "selfUri": self_uri(conversation_id, rec),
    });
    match media {
        Media::NotAsked => {}
        Media::Transcoding(format) => {
            v["estimatedTranscodeTimeMs"] = json!(estimated_transcode_ms(rec, *format));
        }
        Media::Ready { format, file, url } => {
            v["mediaUris"] = json!({"S": {"mediaUri": url}});
            v["estimatedTranscodeTimeMs"] = json!(estimated_transcode_ms(rec, *format));
            v["actualTranscodeTimeMs"] = json!(file.transcode_ms);
            v["outputDurationMs"] = json!(rec.duration_ms);
            v["outputSizeInBytes"] = json!(file.size);
        }
    }
    v
}

/// `RecordingMetadata`: no media and no system annotations (the simulator has no user
/// annotations, so the list is empty).
pub fn metadata_json(conversation_id: &str, rec: &Recording) -> Value {
    json!({
        "id": rec.recording_id,
        "conversationId": conversation_id,
        "startTime": iso(rec.start_ms),
        "endTime": iso(rec.start_ms + rec.duration_ms),
        "media": "audio",
        "annotations": [],
        "fileState": "AVAILABLE",
        "sessionId": rec.communication_id,
        "selfUri": self_uri(conversation_id, rec),
    })
}
