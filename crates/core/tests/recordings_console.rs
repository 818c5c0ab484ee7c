//! A recording opened the way the app opens it, against the simulator: the platform's
//! 202 while it transcodes, the download, the peaks as they are decoded (equal to peaks
//! computed from the downloaded file), voices where the transcript puts its phrases,
//! reopening from the cache, and playback through the test session's null audio device.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::*;
use serde_json::{json, Value};
use supervisor_core::error::Code;
use supervisor_core::recordings::types::{RecordingEvent, RecordingPhase, Speaker};
use supervisor_core::recordings::{peaks_of_file, PeakOptions};

/// Completed conversations of the last two days on `media_type`, newest first.
async fn conversations(sim: &cc_sim::SimHandle, media_type: &str) -> Vec<String> {
    let token = service_token(sim).await;
    let now = chrono::Utc::now();
    let iso =
        |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let body: Value = reqwest::Client::new()
        .post(format!(
            "{}/api/v2/analytics/conversations/details/query",
            sim.base_url()
        ))
        .bearer_auth(&token)
        .json(&json!({
            "interval": format!("{}/{}", iso(now - chrono::Duration::days(2)), iso(now)),
            "order": "desc",
            "segmentFilters": [{"type": "and", "predicates": [
                {"type": "dimension", "dimension": "mediaType", "value": media_type}]}],
            "paging": {"pageSize": 100, "pageNumber": 1}
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    body["conversations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c.get("conversationEnd").is_some())
        .map(|c| c["conversationId"].as_str().unwrap().to_string())
        .collect()
}

type Events = Arc<Mutex<Vec<RecordingEvent>>>;

/// Every peak value the events carried, in order.
fn peaks_in(events: &[RecordingEvent]) -> Vec<i16> {
    events
        .iter()
        .filter_map(|e| match e {
            RecordingEvent::Peaks { data, .. } => Some(data.clone()),
            _ => None,
        })
        .flatten()
        .collect()
}

fn sink() -> (supervisor_core::console::RecordingSink, Events) {
    let events: Events = Arc::default();
    let e = events.clone();
    (Arc::new(move |ev| e.lock().unwrap().push(ev)), events)
}

async fn wait_for(events: &Events, what: &str, done: impl Fn(&RecordingEvent) -> bool) {
    for _ in 0..1200 {
        if let Some(RecordingEvent::Failed { error }) = events.lock().unwrap().last() {
            panic!("waiting for {what}: {error}");
        }
        if events.lock().unwrap().iter().any(&done) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no {what} in {:?}", events.lock().unwrap().len());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_recording_opens_draws_plays_and_reopens_from_the_cache() {
    let sim = sim(cc_sim::SimConfig::default()).await;
    let t = demo_console(&sim).await;

    // The newest completed voice conversation that has a recording with a transcript.
    let mut chosen = None;
    for id in conversations(&sim, "voice").await {
        if let Ok(d) = t.console.recording_details(&id).await {
            if d.phrases.len() >= 4 && d.phrases.iter().any(|p| p.sentiment.is_some()) {
                chosen = Some((id, d));
                break;
            }
        }
    }
    let (conversation_id, details) = chosen.expect("a recorded voice conversation");

    let (events_sink, events) = sink();
    let player = t
        .console
        .open_recording(&conversation_id, events_sink)
        .unwrap();
    wait_for(&events, "ready", |e| {
        matches!(e, RecordingEvent::Ready { .. })
    })
    .await;
    let seen = events.lock().unwrap().clone();
    let phases: Vec<RecordingPhase> = seen
        .iter()
        .filter_map(|e| match e {
            RecordingEvent::Status { phase, .. } => Some(*phase),
            _ => None,
        })
        .collect();
    assert_eq!(phases.first(), Some(&RecordingPhase::Requesting));
    assert!(
        phases.contains(&RecordingPhase::Transcoding),
        "the first ask is answered 202: {phases:?}"
    );
    assert!(phases.contains(&RecordingPhase::Downloading), "{phases:?}");

    let info = seen
        .iter()
        .find_map(|e| match e {
            RecordingEvent::Opened { info } => Some(info.clone()),
            _ => None,
        })
        .expect("opened");
    // Ready comes after every peak, once the player exists, with the final length.
    let ready_at = seen
        .iter()
        .position(|e| matches!(e, RecordingEvent::Ready { .. }))
        .unwrap();
    assert!(!seen[ready_at..]
        .iter()
        .any(|e| matches!(e, RecordingEvent::Peaks { .. })));
    match &seen[ready_at] {
        RecordingEvent::Ready {
            pixel_count,
            duration_ms,
            playable,
        } => {
            assert!(*playable, "the test session has a (null) audio output");
            assert!(
                duration_ms.abs_diff(info.duration_ms) < 1_000,
                "{duration_ms} vs {}",
                info.duration_ms
            );
            assert!(*pixel_count > 0);
        }
        other => panic!("the last event is {other:?}"),
    }
    // Playable at once: no waiting for a position first.
    t.console.seek_recording(&player, 0).unwrap();
    assert_eq!(info.channels, [Speaker::Customer, Speaker::Agent]);
    // The peaks arrive in order and add up to what the downloaded file gives directly.
    let mut streamed: Vec<i16> = Vec::new();
    let mut batches = 0;
    for e in &seen {
        if let RecordingEvent::Peaks { first_pixel, data } = e {
            assert_eq!(
                *first_pixel as usize,
                streamed.len() / 4,
                "batches follow on"
            );
            streamed.extend_from_slice(data);
            batches += 1;
        }
    }
    let audio = std::fs::read_dir(t.dir.path().join("recordings"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "mp3"))
        .expect("the downloaded recording in the cache");
    let direct = peaks_of_file(
        &audio,
        PeakOptions {
            samples_per_pixel: info.samples_per_pixel,
            split_channels: true,
        },
        |_| Ok(()),
    )
    .unwrap();
    assert_eq!(streamed, direct.data(), "streamed peaks equal the file's");
    assert!(batches >= 1);

    // Voices are where the transcript says: louder on the speaker's side in its phrases.
    let level = |channel: usize, from_ms: u64, to_ms: u64| -> f64 {
        let px = |ms: u64| {
            (ms * u64::from(info.sample_rate) / 1000 / u64::from(info.samples_per_pixel)) as usize
        };
        let (a, b) = (px(from_ms), px(to_ms).min(direct.pixel_count()));
        let sum: f64 = (a..b)
            .filter_map(|i| direct.min_max(i, channel as u32))
            .map(|(lo, hi)| f64::from(hi) - f64::from(lo))
            .sum();
        sum / (b.saturating_sub(a)).max(1) as f64
    };
    let mut louder = 0;
    for p in &details.phrases {
        let (mine, other) = match p.speaker {
            Speaker::Customer => (0, 1),
            Speaker::Agent => (1, 0),
        };
        let (from, to) = (
            p.start_ms + 100,
            p.start_ms + p.duration_ms.saturating_sub(100),
        );
        if to > from && level(mine, from, to) > 2.0 * level(other, from, to) {
            louder += 1;
        }
    }
    assert!(
        louder * 10 >= details.phrases.len() * 8,
        "{louder} of {} phrases",
        details.phrases.len()
    );

    // Playback: the playhead moves, and a seek is reported.
    t.console.play_recording(&player).unwrap();
    t.console.seek_recording(&player, 2_000).unwrap();
    wait_for(&events, "the playhead past 2 s", |e| {
        matches!(e, RecordingEvent::Position { position_ms, playing: true } if *position_ms > 2_000)
    })
    .await;
    t.console.set_recording_rate(&player, 2.0).unwrap();
    assert_eq!(
        t.console.set_recording_rate(&player, 5.0).unwrap_err().code,
        Code::Validation
    );
    t.console.close_recording(&player);
    assert_eq!(
        t.console.play_recording(&player).unwrap_err().code,
        Code::NotFound
    );

    // Reopened: no download, and the peaks come from the cache in one piece.
    let (again_sink, again) = sink();
    let second = t
        .console
        .open_recording(&conversation_id, again_sink)
        .unwrap();
    wait_for(&again, "ready", |e| {
        matches!(e, RecordingEvent::Ready { .. })
    })
    .await;
    let seen = again.lock().unwrap().clone();
    assert!(
        !seen.iter().any(|e| matches!(
            e,
            RecordingEvent::Status {
                phase: RecordingPhase::Downloading | RecordingPhase::Decoding,
                ..
            }
        )),
        "{seen:?}"
    );
    assert_eq!(peaks_in(&seen), direct.data());
    t.console.close_recording(&second);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_chat_has_no_recording_and_says_so() {
    let sim = sim(cc_sim::SimConfig::default()).await;
    let t = demo_console(&sim).await;
    let chat = conversations(&sim, "chat")
        .await
        .into_iter()
        .next()
        .expect("a chat");
    let (events_sink, events) = sink();
    t.console.open_recording(&chat, events_sink).unwrap();
    for _ in 0..200 {
        if let Some(RecordingEvent::Failed { error }) = events.lock().unwrap().last() {
            assert_eq!(error.code, Code::NotFound, "{error}");
            assert!(error.message.contains("no call recording"), "{error}");
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no failure for a chat: {:?}", events.lock().unwrap());
}
