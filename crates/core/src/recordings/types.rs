//! The recording player's domain types, serialized as `ui/src/ipc/recordings.ts` declares
//! them. Times are milliseconds from the start of the recording.

use serde::{Deserialize, Serialize};

use crate::error::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Speaker {
    Customer,
    Agent,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TranscriptPhrase {
    pub index: usize,
    pub start_ms: u64,
    pub duration_ms: u64,
    pub speaker: Speaker,
    pub text: String,
    pub sentiment: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum EventBandKind {
    Hold,
    SecurePause,
    Transfer,
    Monitoring,
    Silence,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EventBand {
    pub kind: EventBandKind,
    pub start_ms: u64,
    pub duration_ms: u64,
    pub label: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordingDetails {
    pub phrases: Vec<TranscriptPhrase>,
    pub bands: Vec<EventBand>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordingInfo {
    pub recording_id: String,
    pub conversation_id: String,
    pub duration_ms: u64,
    pub sample_rate: u32,
    pub channels: Vec<Speaker>,
    pub samples_per_pixel: u32,
    pub pixel_count: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum RecordingPhase {
    Requesting,
    Transcoding,
    Downloading,
    Decoding,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum RecordingEvent {
    Status {
        phase: RecordingPhase,
        received: Option<u64>,
        total: Option<u64>,
    },
    Opened {
        info: RecordingInfo,
    },
    Peaks {
        first_pixel: u64,
        data: Vec<i16>,
    },
    /// Every peak is sent and the player exists (or, `playable: false`, there is no
    /// audio output to play it on). The pixel count and duration are final.
    Ready {
        pixel_count: u64,
        duration_ms: u64,
        playable: bool,
    },
    Position {
        position_ms: u64,
        playing: bool,
    },
    Failed {
        error: Error,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChannelMix {
    pub muted: Vec<bool>,
    pub solo: Option<usize>,
}

/// Where a recording can be downloaded, as the platform answered.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordingMedia {
    pub recording_id: String,
    pub url: String,
    /// The file's format as asked for, e.g. "MP3"; names the cached file.
    pub format: String,
    pub duration_ms: Option<u64>,
    pub size: Option<u64>,
}

impl RecordingEvent {
    pub fn failed(error: Error) -> Self {
        RecordingEvent::Failed { error }
    }
}
