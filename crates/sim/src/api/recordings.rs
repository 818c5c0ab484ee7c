//! Recordings: `GET /api/v2/conversations/{id}/recordings[/{recordingId}]` (`Recording`)
//! and `GET …/recordingmetadata[/{recordingId}]` (`RecordingMetadata`).
//!
//! A voice conversation with agent talk has one stereo recording (left the customer,
//! right the agent); other conversations have none and answer 404.
//!
//! Formats: `WAV`, `WAV_ULAW`, `MP3` and `OGG_VORBIS` are produced; `NONE` answers the
//! metadata without transcoding. `WEBM` (the API's default) and `OGG_OPUS` are valid
//! Genesys formats the simulator has no encoder for: they answer 400 `bad.request` naming
//! the format and the ones it can produce, so a client that forgot `formatId` learns it
//! at once instead of polling a 202 forever. `mediaFormats` (a list) overrides `formatId`;
//! its first producible entry is used.
//!
//! The first request for a format starts the transcode and answers 202 at once: entries
//! carry `estimatedTranscodeTimeMs` and no `mediaUris`. Later requests wait up to
//! `maxWaitMs` (default 5000) for it to finish, then answer 200 with a signed
//! `mediaUris.S.mediaUri`, `outputDurationMs`, `outputSizeInBytes` and
//! `actualTranscodeTimeMs`, or 202 again.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::Value;

use super::recording_docs::{self as docs, Media};
use super::{base_url, Caller};
use crate::app::AppState;
use crate::audio::AudioFormat;
use crate::error::ApiError;
use crate::media::Transcode;
use crate::query::QueryParams;
use crate::store::{ConversationExtras, Recording};

/// Any one of these lets a caller read recordings.
pub const RECORDING_VIEW: [&str; 4] = [
    "recording:recording:view",
    "recording:recordingSegment:view",
    "recording:snippetRecording:view",
    "recording:screenRecording:view",
];
const DEFAULT_MAX_WAIT_MS: u32 = 5_000;
/// The longest a request is held open, whatever `maxWaitMs` says.
const LONGEST_WAIT_MS: u32 = 60_000;

const KNOWN_FORMATS: [&str; 7] = [
    "WAV",
    "WEBM",
    "WAV_ULAW",
    "OGG_VORBIS",
    "OGG_OPUS",
    "MP3",
    "NONE",
];

/// `None` for `formatId=NONE`.
fn asked_format(q: &QueryParams) -> Result<Option<AudioFormat>, ApiError> {
    let listed = q.list("mediaFormats");
    let asked: Vec<String> = if listed.is_empty() {
        vec![q.first("formatId").unwrap_or("WEBM").to_string()]
    } else {
        listed
    };
    for f in &asked {
        if !KNOWN_FORMATS.iter().any(|k| k.eq_ignore_ascii_case(f)) {
            return Err(ApiError::bad_request(format!(
                "Invalid format '{f}'. Valid values: {}.",
                KNOWN_FORMATS.join(", ")
            )));
        }
    }
    for f in &asked {
        if f.eq_ignore_ascii_case("NONE") {
            return Ok(None);
        }
        if let Some(format) = AudioFormat::from_format_id(f) {
            return Ok(Some(format));
        }
    }
    Err(ApiError::bad_request(format!(
        "The simulator cannot produce {} recordings. Ask for formatId WAV, WAV_ULAW, MP3, \
         OGG_VORBIS or NONE.",
        asked.join(", ").to_uppercase()
    )))
}

/// The conversation's extras and recording, or the 404 the real API gives.
pub fn find_recording(
    state: &AppState,
    conversation_id: &str,
) -> Result<(ConversationExtras, Recording), ApiError> {
    let mut x = state
        .store
        .conversation_extras(conversation_id)?
        .ok_or_else(|| {
            ApiError::not_found(format!("Conversation {conversation_id} was not found."))
        })?;
    let rec = x.recording.take().ok_or_else(|| {
        ApiError::not_found(format!(
            "No recordings were found for conversation {conversation_id}."
        ))
    })?;
    Ok((x, rec))
}

fn check_recording_id(conversation_id: &str, rec: &Recording, id: &str) -> Result<(), ApiError> {
    if rec.recording_id == id {
        return Ok(());
    }
    Err(ApiError::not_found(format!(
        "Recording {id} was not found in conversation {conversation_id}."
    )))
}

/// The `Recording` for the asked format and whether the media is ready (200) or not (202).
async fn answer(
    state: &AppState,
    headers: &HeaderMap,
    q: &QueryParams,
    conversation_id: &str,
) -> Result<(StatusCode, Value), ApiError> {
    let (x, rec) = find_recording(state, conversation_id)?;
    let format = asked_format(q)?;
    let max_wait = q
        .u32_or("maxWaitMs", DEFAULT_MAX_WAIT_MS)?
        .min(LONGEST_WAIT_MS);
    let Some(format) = format else {
        let body = docs::recording_json(conversation_id, &rec, &Media::NotAsked);
        return Ok((StatusCode::OK, body));
    };
    let name = rec.recording_id.clone();
    let ready = match state
        .media
        .transcode(&name, format, || docs::audio_spec(&x, &rec))
    {
        Transcode::Started => None,
        Transcode::Running => {
            let wait = Duration::from_millis(u64::from(max_wait));
            state.media.wait(&name, format, wait).await
        }
        Transcode::Ready(r) => Some(r),
        Transcode::Failed(e) => {
            return Err(ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal.server.error",
                format!("The recording could not be transcoded: {e}"),
            ))
        }
    };
    Ok(match ready {
        None => (
            StatusCode::ACCEPTED,
            docs::recording_json(conversation_id, &rec, &Media::Transcoding(format)),
        ),
        Some(file) => {
            let url = state.media.sign_file(&base_url(headers), &file, format);
            let media = Media::Ready {
                format,
                file: &file,
                url,
            };
            (
                StatusCode::OK,
                docs::recording_json(conversation_id, &rec, &media),
            )
        }
    })
}

pub async fn list(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(conversation_id): Path<String>,
    headers: HeaderMap,
    q: QueryParams,
) -> Result<Response, ApiError> {
    caller.require(&state, &[], &RECORDING_VIEW)?;
    let (status, body) = answer(&state, &headers, &q, &conversation_id).await?;
    Ok((status, Json(Value::Array(vec![body]))).into_response())
}

pub async fn get(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path((conversation_id, recording_id)): Path<(String, String)>,
    headers: HeaderMap,
    q: QueryParams,
) -> Result<Response, ApiError> {
    caller.require(&state, &[], &RECORDING_VIEW)?;
    let (_, rec) = find_recording(&state, &conversation_id)?;
    check_recording_id(&conversation_id, &rec, &recording_id)?;
    let (status, body) = answer(&state, &headers, &q, &conversation_id).await?;
    Ok((status, Json(body)).into_response())
}

pub async fn metadata_list(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path(conversation_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    caller.require(&state, &[], &RECORDING_VIEW)?;
    let (_, rec) = find_recording(&state, &conversation_id)?;
    Ok(Json(Value::Array(vec![docs::metadata_json(
        &conversation_id,
        &rec,
    )])))
}

pub async fn metadata_get(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    Path((conversation_id, recording_id)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    caller.require(&state, &[], &RECORDING_VIEW)?;
    let (_, rec) = find_recording(&state, &conversation_id)?;
    check_recording_id(&conversation_id, &rec, &recording_id)?;
    Ok(Json(docs::metadata_json(&conversation_id, &rec)))
}
