//! Helpers of the recordings tests: finding calls, waiting out the transcode, fetching
//! media, and reading WAV, MP3 and Ogg bytes without a decoder library.

use std::time::Duration;

use cc_sim::SimHandle;
use serde_json::{json, Value};

use crate::common::*;
use crate::jobs_support::{interval, post, wide, QUERY};

/// A recorded call, as `formatId=NONE` describes it.
pub struct Call {
    pub id: String,
    pub recording: Value,
    pub duration_ms: i64,
}

impl Call {
    pub fn annotations(&self, reason: &str) -> Vec<Value> {
        self.recording["annotations"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["reason"] == reason)
            .cloned()
            .collect()
    }

    pub fn communication_id(&self) -> &str {
        self.recording["sessionId"].as_str().unwrap()
    }
}

pub async fn conversation_ids(sim: &SimHandle, token: &str, media_type: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for page in 1..=3 {
        let body = json!({"interval": interval(wide()),
            "segmentFilters": [{"type": "and", "predicates": [
                {"type": "dimension", "dimension": "mediaType", "operator": "matches", "value": media_type}]}],
            "paging": {"pageSize": 100, "pageNumber": page}});
        let r = post(sim, token, QUERY, &body).await;
        assert_eq!(r.status, 200, "{}", r.body);
        let Some(list) = r.body["conversations"].as_array() else {
            break;
        };
        ids.extend(
            list.iter()
                .filter(|c| c.get("conversationEnd").is_some())
                .map(|c| c["conversationId"].as_str().unwrap().to_string()),
        );
    }
    ids
}

/// Ended voice calls with a recording, shortest first.
pub async fn recorded_calls(sim: &SimHandle, token: &str) -> Vec<Call> {
    let mut calls = Vec::new();
    for id in conversation_ids(sim, token, "voice").await {
        let r = get(
            sim,
            token,
            &format!("/api/v2/conversations/{id}/recordings?formatId=NONE"),
        )
        .await;
        if r.status != 200 {
            continue;
        }
        let recording = r.body[0].clone();
        let ms = |f: &str| {
            chrono::DateTime::parse_from_rfc3339(recording[f].as_str().unwrap())
                .unwrap()
                .timestamp_millis()
        };
        let duration_ms = ms("endTime") - ms("startTime");
        calls.push(Call {
            id,
            recording,
            duration_ms,
        });
    }
    assert!(calls.len() > 10, "{} recorded calls", calls.len());
    calls.sort_by_key(|c| c.duration_ms);
    calls
}

/// Asks until the transcode is done; the answer is 200 with a media URI.
pub async fn ready(sim: &SimHandle, token: &str, path: &str) -> Reply {
    for _ in 0..20 {
        let r = get(sim, token, &format!("{path}&maxWaitMs=15000")).await;
        if r.status == 200 {
            return r;
        }
        assert_eq!(r.status, 202, "{}", r.body);
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("{path} never became ready");
}

pub fn media_uri(recording: &Value) -> String {
    recording["mediaUris"]["S"]["mediaUri"]
        .as_str()
        .unwrap_or_else(|| panic!("no media URI: {recording}"))
        .to_string()
}

/// A plain GET without a bearer token, as a player fetches a signed URL.
pub async fn fetch(url: &str, range: Option<&str>) -> (u16, reqwest::header::HeaderMap, Vec<u8>) {
    let mut request = http().get(url);
    if let Some(r) = range {
        request = request.header("range", r);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, headers, response.bytes().await.unwrap().to_vec())
}

pub struct Wav {
    pub format_tag: u16,
    pub channels: u16,
    pub sample_rate: u32,
    pub bits: u16,
    pub data: Vec<u8>,
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

/// Walks the RIFF chunks; panics on anything a decoder would reject.
pub fn parse_wav(b: &[u8]) -> Wav {
    assert_eq!(&b[0..4], b"RIFF");
    assert_eq!(u32_at(b, 4) as usize, b.len() - 8, "RIFF size");
    assert_eq!(&b[8..12], b"WAVE");
    let mut at = 12;
    let mut fmt = None;
    while at + 8 <= b.len() {
        let id = &b[at..at + 4];
        let len = u32_at(b, at + 4) as usize;
        let body = &b[at + 8..at + 8 + len];
        if id == b"fmt " {
            fmt = Some((
                u16_at(body, 0),
                u16_at(body, 2),
                u32_at(body, 4),
                u16_at(body, 14),
            ));
            let (tag, ch, rate, bits) = fmt.unwrap();
            assert_eq!(
                u32_at(body, 8),
                rate * u32::from(ch * bits / 8),
                "byte rate"
            );
            assert_eq!(u16_at(body, 12), ch * bits / 8, "block align");
            assert!(tag == 1 || len >= 18, "non-PCM fmt carries cbSize");
        }
        if id == b"data" {
            let (format_tag, channels, sample_rate, bits) = fmt.expect("fmt before data");
            assert_eq!(at + 8 + len, b.len(), "data runs to the end");
            return Wav {
                format_tag,
                channels,
                sample_rate,
                bits,
                data: body.to_vec(),
            };
        }
        at += 8 + len + (len & 1);
    }
    panic!("no data chunk");
}

impl Wav {
    /// RMS per channel of 16-bit PCM over `[from_ms, to_ms)`, full scale 1.0.
    pub fn rms(&self, from_ms: i64, to_ms: i64) -> Vec<f64> {
        assert_eq!((self.format_tag, self.bits), (1, 16));
        let ch = usize::from(self.channels);
        let frame = |ms: i64| (ms.max(0) as usize) * self.sample_rate as usize / 1000;
        let frames = self.data.len() / (2 * ch);
        let (a, b) = (frame(from_ms), frame(to_ms).min(frames));
        assert!(b > a, "empty window {from_ms}..{to_ms}");
        (0..ch)
            .map(|c| {
                let sum: f64 = (a..b)
                    .map(|f| {
                        let i = (f * ch + c) * 2;
                        let s = f64::from(i16::from_le_bytes([self.data[i], self.data[i + 1]]));
                        (s / 32768.0).powi(2)
                    })
                    .sum();
                (sum / (b - a) as f64).sqrt()
            })
            .collect()
    }
}

/// (sample rate, channels, audio frames) of an MP3, checking every frame header in turn.
pub fn walk_mp3(b: &[u8]) -> (u32, u32, u64) {
    const V1: [u32; 15] = [
        0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320,
    ];
    const V2: [u32; 15] = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
    let (mut at, mut frames, mut seen) = (0, 0u64, None);
    while at + 4 <= b.len() {
        let h = &b[at..at + 4];
        assert!(h[0] == 0xFF && h[1] & 0xE0 == 0xE0, "frame sync at {at}");
        let version = (h[1] >> 3) & 3; // 3 = MPEG1, 2 = MPEG2, 0 = MPEG2.5
        assert_eq!((h[1] >> 1) & 3, 1, "layer III");
        let rates = match version {
            3 => [44_100, 48_000, 32_000],
            2 => [22_050, 24_000, 16_000],
            0 => [11_025, 12_000, 8_000],
            _ => panic!("reserved version"),
        };
        let rate = rates[usize::from((h[2] >> 2) & 3)];
        let kbps = if version == 3 { V1 } else { V2 }[usize::from(h[2] >> 4)];
        assert!(kbps > 0, "free or bad bitrate");
        let padding = u32::from((h[2] >> 1) & 1);
        let channels = if h[3] >> 6 == 3 { 1 } else { 2 };
        let (per_frame, len) = if version == 3 {
            (1152, 144_000 * kbps / rate + padding)
        } else {
            (576, 72_000 * kbps / rate + padding)
        };
        if let Some(s) = seen {
            assert_eq!(s, (rate, channels), "frames agree");
        }
        seen = Some((rate, channels));
        frames += per_frame;
        at += len as usize;
    }
    let (rate, channels) = seen.expect("at least one frame");
    (rate, channels, frames)
}

/// (channels, sample rate) from the Vorbis identification header of the first Ogg page.
pub fn vorbis_ident(b: &[u8]) -> (u8, u32) {
    assert_eq!(&b[0..4], b"OggS", "capture pattern");
    assert_eq!(b[5] & 2, 2, "first page begins the stream");
    let segments = usize::from(b[26]);
    let packet = &b[27 + segments..];
    assert_eq!(&packet[0..7], b"\x01vorbis", "identification header");
    assert_eq!(u32_at(packet, 7), 0, "vorbis version");
    (packet[11], u32_at(packet, 12))
}
