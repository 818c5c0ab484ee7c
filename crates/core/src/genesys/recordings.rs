//! A conversation's call recording on Genesys Cloud: the media (asked for as MP3, waiting
//! while the platform transcodes), and what is drawn over it: the speech-analytics
//! transcript with sentiment, hold and secure-pause annotations, transfers, monitoring,
//! and the long silences between phrases.

use std::collections::HashMap;
use std::time::Duration;

use serde::Deserialize;

use super::analytics_wire::AnalyticsConversation;
use super::client::GenesysClient;
use crate::error::{Code, Error, Result};
use crate::recordings::types::{
    EventBand, EventBandKind, RecordingDetails, RecordingMedia, Speaker, TranscriptPhrase,
};

/// Small enough to download quickly, decoded fast enough for the first screen of peaks.
pub const MEDIA_FORMAT: &str = "MP3";
/// How long a transcode may take before the console gives up.
const TRANSCODE_TIMEOUT: Duration = Duration::from_secs(300);
/// A gap between phrases longer than this is drawn (and can be skipped) as silence.
const SILENCE_MS: i64 = 4_000;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RecordingWire {
    pub id: String,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub media: Option<String>,
    /// The communication the recording is of; the transcript is asked for by it.
    pub session_id: Option<String>,
    pub media_uris: Option<HashMap<String, MediaUri>>,
    pub estimated_transcode_time_ms: Option<u64>,
    pub output_duration_ms: Option<u64>,
    pub output_size_in_bytes: Option<u64>,
    pub annotations: Vec<AnnotationWire>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MediaUri {
    pub media_uri: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AnnotationWire {
    pub reason: Option<String>,
    pub name: Option<String>,
    pub location: Option<i64>,
    pub duration_ms: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct TranscriptUrl {
    url: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct TranscriptFile {
    transcripts: Vec<TranscriptWire>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct TranscriptWire {
    phrases: Vec<PhraseWire>,
    analytics: Option<TranscriptAnalytics>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct PhraseWire {
    text: Option<String>,
    decorated_text: Option<String>,
    offset_ms: Option<i64>,
    duration: Option<Millis>,
    participant_purpose: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
struct Millis {
    milliseconds: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct TranscriptAnalytics {
    sentiment: Vec<SentimentWire>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct SentimentWire {
    phrase_index: Option<usize>,
    sentiment: Option<f64>,
}

fn recordings_path(conversation_id: &str) -> String {
    format!(
        "/api/v2/conversations/{}/recordings",
        urlencoding::encode(conversation_id)
    )
}

fn millis(at: &str) -> Option<i64> {
    chrono::DateTime::parse_from_rfc3339(at)
        .ok()
        .map(|d| d.timestamp_millis())
}

fn no_recording() -> Error {
    Error::not_found("This interaction has no call recording.")
}

/// The platform's 404 for a conversation without recordings, in the console's words.
fn no_recording_if_missing(e: super::client::ApiError) -> Error {
    let e = Error::from(e);
    if e.code == Code::NotFound {
        no_recording()
    } else {
        e
    }
}

/// The conversation's audio recording from a `GET …/recordings` answer.
fn audio(list: Vec<RecordingWire>) -> Result<RecordingWire> {
    list.into_iter()
        .find(|r| r.media.as_deref().is_none_or(|m| m == "audio"))
        .ok_or_else(no_recording)
}

/// Asks for the recording in [`MEDIA_FORMAT`] until its media is ready; `on_wait` hears
/// the platform's estimate while it transcodes (the first ask answers 202).
pub async fn media(
    client: &GenesysClient,
    conversation_id: &str,
    on_wait: &(dyn Fn(Option<u64>) + Send + Sync),
) -> Result<RecordingMedia> {
    let started = tokio::time::Instant::now();
    let path = recordings_path(conversation_id);
    loop {
        let list: Vec<RecordingWire> = client
            .get(&path, &[("formatId", MEDIA_FORMAT), ("maxWaitMs", "2000")])
            .await
            .map_err(no_recording_if_missing)?;
        let recording = audio(list)?;
        let url = recording
            .media_uris
            .as_ref()
            .and_then(|m| m.values().find_map(|u| u.media_uri.clone()));
        if let Some(url) = url {
            return Ok(RecordingMedia {
                recording_id: recording.id,
                url,
                format: MEDIA_FORMAT.into(),
                duration_ms: recording.output_duration_ms,
                size: recording.output_size_in_bytes,
            });
        }
        if started.elapsed() > TRANSCODE_TIMEOUT {
            return Err(Error::new(
                Code::Timeout,
                "The platform is still preparing the recording after 5 minutes; try again later.",
            ));
        }
        on_wait(recording.estimated_transcode_time_ms);
        let wait = recording
            .estimated_transcode_time_ms
            .unwrap_or(1000)
            .clamp(200, 2000);
        tokio::time::sleep(Duration::from_millis(wait)).await;
    }
}

/// The transcript with sentiment and the bands drawn under the waveform.
pub async fn details(
    client: &GenesysClient,
    http: &reqwest::Client,
    conversation_id: &str,
) -> Result<RecordingDetails> {
    let list: Vec<RecordingWire> = client
        .get(&recordings_path(conversation_id), &[("formatId", "NONE")])
        .await
        .map_err(no_recording_if_missing)?;
    let recording = audio(list)?;
    let start = recording
        .start_time
        .as_deref()
        .and_then(millis)
        .unwrap_or(0);
    let end = recording.end_time.as_deref().and_then(millis);
    let duration = end.map_or(i64::MAX, |e| e - start);
    let mut bands: Vec<EventBand> = recording
        .annotations
        .iter()
        .filter_map(annotation_band)
        .collect();
    let phrases = match &recording.session_id {
        Some(communication) => transcript(client, http, conversation_id, communication).await?,
        None => Vec::new(),
    };
    bands.extend(silences(&phrases, duration));
    let details = client
        .send(
            reqwest::Method::GET,
            &format!(
                "/api/v2/analytics/conversations/{}/details",
                urlencoding::encode(conversation_id)
            ),
            &[],
            None,
        )
        .await
        .map_err(Error::from)
        .map(Some)
        .or_else(|e| {
            if e.code == Code::NotFound {
                Ok(None)
            } else {
                Err(e)
            }
        })?;
    if let Some(bytes) = details {
        let c: AnalyticsConversation<'_> = super::client::decode(&bytes).map_err(Error::from)?;
        bands.extend(segment_bands(&c, start, duration));
    }
    bands.sort_by_key(|b| b.start_ms);
    Ok(RecordingDetails { phrases, bands })
}

fn clock(ms: u64) -> String {
    format!("{}:{:02}", ms / 60_000, ms / 1000 % 60)
}

fn band(kind: EventBandKind, start_ms: u64, duration_ms: u64) -> EventBand {
    let name = match kind {
        EventBandKind::Hold => "Hold",
        EventBandKind::SecurePause => "Secure pause",
        EventBandKind::Transfer => "Transfer",
        EventBandKind::Monitoring => "Monitoring",
        EventBandKind::Silence => "Silence",
    };
    EventBand {
        kind,
        start_ms,
        duration_ms,
        label: format!("{name} ({})", clock(duration_ms)),
    }
}

fn annotation_band(a: &AnnotationWire) -> Option<EventBand> {
    let kind = match a.reason.as_deref().or(a.name.as_deref())? {
        "Hold" => EventBandKind::Hold,
        "SecurePause" => EventBandKind::SecurePause,
        _ => return None,
    };
    Some(band(
        kind,
        a.location?.max(0) as u64,
        a.duration_ms.unwrap_or(0).max(0) as u64,
    ))
}

async fn transcript(
    client: &GenesysClient,
    http: &reqwest::Client,
    conversation_id: &str,
    communication_id: &str,
) -> Result<Vec<TranscriptPhrase>> {
    let path = format!(
        "/api/v2/speechandtextanalytics/conversations/{}/communications/{}/transcripturl",
        urlencoding::encode(conversation_id),
        urlencoding::encode(communication_id)
    );
    let link: TranscriptUrl = match client.get(&path, &[]).await {
        Ok(link) => link,
        // Not analysed (or no permission to see analytics): the waveform still plays.
        Err(e) => {
            let e = Error::from(e);
            if matches!(e.code, Code::NotFound | Code::PermissionDenied) {
                tracing::info!("no transcript for the recording: {e}");
                return Ok(Vec::new());
            }
            return Err(e);
        }
    };
    // A signed link: no bearer token, like any S3 object.
    let response = http.get(&link.url).send().await.map_err(|e| {
        Error::new(
            Code::Network,
            format!("The transcript could not be fetched: {e}"),
        )
    })?;
    if !response.status().is_success() {
        return Err(Error::new(
            Code::Platform,
            format!(
                "The transcript could not be fetched: the server answered {}.",
                response.status()
            ),
        ));
    }
    let bytes = response.bytes().await.map_err(|e| {
        Error::new(
            Code::Network,
            format!("The transcript could not be fetched: {e}"),
        )
    })?;
    let file: TranscriptFile = super::client::decode(&bytes).map_err(Error::from)?;
    Ok(phrases_of(&file))
}

fn phrases_of(file: &TranscriptFile) -> Vec<TranscriptPhrase> {
    let mut out = Vec::new();
    for t in &file.transcripts {
        let sentiment: HashMap<usize, f64> = t
            .analytics
            .iter()
            .flat_map(|a| &a.sentiment)
            .filter_map(|s| Some((s.phrase_index?, s.sentiment?)))
            .collect();
        for (i, p) in t.phrases.iter().enumerate() {
            out.push(TranscriptPhrase {
                index: out.len(),
                start_ms: p.offset_ms.unwrap_or(0).max(0) as u64,
                duration_ms: p
                    .duration
                    .as_ref()
                    .and_then(|d| d.milliseconds)
                    .unwrap_or(0)
                    .max(0) as u64,
                speaker: if p.participant_purpose.as_deref() == Some("internal") {
                    Speaker::Agent
                } else {
                    Speaker::Customer
                },
                text: p
                    .decorated_text
                    .clone()
                    .or_else(|| p.text.clone())
                    .unwrap_or_default(),
                sentiment: sentiment.get(&i).map(|s| s.clamp(-1.0, 1.0)),
            });
        }
    }
    out.sort_by_key(|p| p.start_ms);
    for (i, p) in out.iter_mut().enumerate() {
        p.index = i;
    }
    out
}

/// Gaps of more than [`SILENCE_MS`] between phrases (and before the first, after the
/// last), within the recording.
fn silences(phrases: &[TranscriptPhrase], duration: i64) -> Vec<EventBand> {
    if phrases.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut heard_until = 0i64;
    let ends = phrases
        .iter()
        .map(|p| (p.start_ms as i64, (p.start_ms + p.duration_ms) as i64))
        .chain(std::iter::once((duration, duration)));
    for (start, end) in ends {
        if start == i64::MAX {
            break;
        }
        if start - heard_until > SILENCE_MS {
            out.push(band(
                EventBandKind::Silence,
                heard_until as u64,
                (start - heard_until) as u64,
            ));
        }
        heard_until = heard_until.max(end);
    }
    out
}

/// Monitoring sessions and transfers, from the analytics segments, on the recording's axis.
fn segment_bands(c: &AnalyticsConversation, start: i64, duration: i64) -> Vec<EventBand> {
    let mut out = Vec::new();
    let within = |at: i64| (at - start).clamp(0, duration.max(0)) as u64;
    for p in &c.participants {
        for s in &p.sessions {
            for g in &s.segments {
                let (Some(a), Some(b)) = (
                    g.segment_start.as_deref().and_then(millis),
                    g.segment_end.as_deref().and_then(millis),
                ) else {
                    continue;
                };
                if g.segment_type == "monitoring" || s.monitored_participant_id.is_some() {
                    out.push(band(
                        EventBandKind::Monitoring,
                        within(a),
                        within(b) - within(a),
                    ));
                } else if g.disconnect_type.as_deref() == Some("transfer") {
                    out.push(band(EventBandKind::Transfer, within(b), 0));
                }
            }
        }
    }
    out.dedup_by(|x, y| x.kind == y.kind && x.start_ms == y.start_ms);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrase(start_ms: u64, duration_ms: u64) -> TranscriptPhrase {
        TranscriptPhrase {
            index: 0,
            start_ms,
            duration_ms,
            speaker: Speaker::Customer,
            text: String::new(),
            sentiment: None,
        }
    }

    #[test]
    fn long_gaps_between_phrases_are_silence() {
        let phrases = [
            phrase(1_000, 2_000),
            phrase(9_000, 1_000),
            phrase(11_000, 500),
        ];
        let got: Vec<(u64, u64)> = silences(&phrases, 20_000)
            .iter()
            .map(|b| (b.start_ms, b.duration_ms))
            .collect();
        assert_eq!(got, [(3_000, 6_000), (11_500, 8_500)]);
        assert!(silences(&[], 20_000).is_empty());
    }

    #[test]
    fn sentiment_attaches_to_its_phrase_and_phrases_come_in_time_order() {
        let file: TranscriptFile = serde_json::from_value(serde_json::json!({
            "transcripts": [{
                "phrases": [
                    {"text": "b", "decoratedText": "B.", "offsetMs": 5000, "duration": {"milliseconds": 900}, "participantPurpose": "internal"},
                    {"text": "a", "offsetMs": 1000, "duration": {"milliseconds": 800}, "participantPurpose": "external"}
                ],
                "analytics": {"sentiment": [{"phraseIndex": 0, "sentiment": -1}]}
            }]
        }))
        .unwrap();
        let p = phrases_of(&file);
        assert_eq!(
            (p[0].text.as_str(), p[0].speaker, p[0].sentiment),
            ("a", Speaker::Customer, None)
        );
        assert_eq!(
            (p[1].text.as_str(), p[1].speaker, p[1].sentiment),
            ("B.", Speaker::Agent, Some(-1.0))
        );
        assert_eq!(
            (p[1].index, p[1].start_ms, p[1].duration_ms),
            (1, 5000, 900)
        );
    }

    #[test]
    fn hold_and_secure_pause_annotations_become_bands() {
        let a = |reason: &str| AnnotationWire {
            reason: Some(reason.into()),
            name: None,
            location: Some(61_000),
            duration_ms: Some(30_000),
        };
        let hold = annotation_band(&a("Hold")).unwrap();
        assert_eq!(
            (hold.kind, hold.start_ms, hold.duration_ms),
            (EventBandKind::Hold, 61_000, 30_000)
        );
        assert_eq!(hold.label, "Hold (0:30)");
        assert_eq!(
            annotation_band(&a("SecurePause")).unwrap().kind,
            EventBandKind::SecurePause
        );
        assert!(annotation_band(&a("Pause")).is_none());
    }
}
