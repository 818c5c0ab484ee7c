//! Recordings and transcripts: 202 then 200 per format, media that decodes as claimed,
//! byte ranges and expiry of signed URLs, audio that follows the transcript, and the
//! errors of unknown conversations and missing permissions.

use std::time::Duration;

use cc_sim::{SimConfig, SimHandle, DEMO_SUPERVISOR_EMAIL};
use serde_json::Value;

use crate::common::*;
use crate::recordings_support::*;

fn recordings_path(call: &Call, format: &str) -> String {
    format!(
        "/api/v2/conversations/{}/recordings?formatId={format}",
        call.id
    )
}

async fn supervisor(sim: &SimHandle) -> String {
    user_token(sim, DEMO_SUPERVISOR_EMAIL).await
}

/// The WAV of `call` and its transcript file.
async fn wav_and_transcript(sim: &SimHandle, token: &str, call: &Call) -> (Wav, Value) {
    let r = ready(sim, token, &recordings_path(call, "WAV")).await;
    let (status, _, bytes) = fetch(&media_uri(&r.body[0]), None).await;
    assert_eq!(status, 200);
    let path = format!(
        "/api/v2/speechandtextanalytics/conversations/{}/communications/{}/transcripturl",
        call.id,
        call.communication_id()
    );
    let r = get(sim, token, &path).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let (status, headers, body) = fetch(r.body["url"].as_str().unwrap(), None).await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "application/json");
    (parse_wav(&bytes), serde_json::from_slice(&body).unwrap())
}

#[tokio::test]
async fn each_format_is_accepted_then_served_and_decodes_as_claimed() {
    let sim = start().await;
    let token = supervisor(&sim).await;
    let calls = recorded_calls(&sim, &token).await;
    let call = &calls[0];
    for format in ["WAV", "WAV_ULAW", "MP3", "OGG_VORBIS"] {
        let first = get(&sim, &token, &recordings_path(call, format)).await;
        assert_eq!(
            first.status, 202,
            "{format} starts transcoding: {}",
            first.body
        );
        let entry = &first.body[0];
        assert!(entry.get("mediaUris").is_none(), "{entry}");
        assert!(entry["estimatedTranscodeTimeMs"].as_i64().unwrap() > 0);
        assert_eq!(entry["id"], call.recording["id"]);

        let r = ready(&sim, &token, &recordings_path(call, format)).await;
        let entry = &r.body[0];
        assert_eq!(entry["fileState"], "AVAILABLE");
        assert_eq!(entry["outputDurationMs"], call.duration_ms);
        assert!(entry["actualTranscodeTimeMs"].as_i64().is_some());
        assert_eq!(entry["annotations"], call.recording["annotations"]);
        let (status, headers, bytes) = fetch(&media_uri(entry), None).await;
        assert_eq!(status, 200);
        assert_eq!(entry["outputSizeInBytes"], bytes.len());
        assert_eq!(headers["content-length"], bytes.len().to_string().as_str());
        assert_eq!(headers["accept-ranges"], "bytes");
        let seconds = call.duration_ms as f64 / 1000.0;
        match format {
            "WAV" | "WAV_ULAW" => {
                assert_eq!(headers["content-type"], "audio/wav");
                let wav = parse_wav(&bytes);
                let (tag, bits) = if format == "WAV" { (1, 16) } else { (7, 8) };
                assert_eq!((wav.format_tag, wav.bits, wav.channels), (tag, bits, 2));
                assert!([8_000, 48_000].contains(&wav.sample_rate));
                let frames = wav.data.len() as f64 / f64::from(wav.channels * bits / 8);
                assert!((frames / f64::from(wav.sample_rate) - seconds).abs() < 0.01);
            }
            "MP3" => {
                assert_eq!(headers["content-type"], "audio/mpeg");
                let (rate, channels, frames) = walk_mp3(&bytes);
                assert!([8_000, 48_000].contains(&rate) && channels == 2);
                // LAME adds up to a few frames of priming and padding.
                let decoded = frames as f64 / f64::from(rate);
                assert!(
                    decoded >= seconds && decoded < seconds + 0.5,
                    "{decoded} vs {seconds}"
                );
            }
            _ => {
                assert_eq!(headers["content-type"], "audio/ogg");
                let (channels, rate) = vorbis_ident(&bytes);
                assert!([8_000, 48_000].contains(&rate) && channels == 2);
            }
        }
        let again = get(&sim, &token, &recordings_path(call, format)).await;
        assert_eq!(again.status, 200, "ready stays ready");
        assert_ne!(
            media_uri(&again.body[0]),
            media_uri(entry),
            "a fresh signature"
        );
    }
    let one = get(
        &sim,
        &token,
        &format!(
            "/api/v2/conversations/{}/recordings/{}?formatId=MP3",
            call.id,
            call.recording["id"].as_str().unwrap()
        ),
    )
    .await;
    assert_eq!(
        one.status, 200,
        "one recording, same transcode: {}",
        one.body
    );
    assert!(one.body.is_object());
    sim.shutdown().await;
}

#[tokio::test]
async fn voices_line_up_with_the_transcript() {
    let sim = start().await;
    let token = supervisor(&sim).await;
    let calls = recorded_calls(&sim, &token).await;
    let call = &calls[0];
    let (wav, file) = wav_and_transcript(&sim, &token, call).await;
    assert_eq!(file["conversationId"], call.id.as_str());
    assert_eq!(file["communicationId"], call.communication_id());
    assert_eq!(file["recordingId"], call.recording["id"]);
    let start = chrono::DateTime::parse_from_rfc3339(call.recording["startTime"].as_str().unwrap())
        .unwrap()
        .timestamp_millis();
    assert_eq!(file["startTime"], start);
    let transcript = &file["transcripts"][0];
    let phrases = transcript["phrases"].as_array().unwrap();
    assert!(phrases.len() >= 4);
    let mut previous_end = 0;
    for (i, p) in phrases.iter().enumerate() {
        let off = p["offsetMs"].as_i64().unwrap();
        let dur = p["duration"]["milliseconds"].as_i64().unwrap();
        assert_eq!(p["startTimeMs"].as_i64().unwrap(), start + off);
        let (speaking, other) = match p["participantPurpose"].as_str().unwrap() {
            "external" => (0, 1),
            "internal" => (1, 0),
            x => panic!("purpose {x}"),
        };
        assert_eq!(
            p["channel"], speaking,
            "left is the customer, right the agent"
        );
        let words = p["alternatives"][0]["words"].as_array().unwrap();
        assert_eq!(words[0]["offsetMs"], off);
        let rms = wav.rms(off, off + dur);
        assert!(
            rms[speaking] > 0.02,
            "phrase {i} is heard on its side: {rms:?}"
        );
        assert!(
            rms[other] < rms[speaking] / 8.0,
            "and not on the other: {rms:?}"
        );
        // The first 300 ms already carry the voice: the phrase starts where it says.
        let onset = wav.rms(off, off + 300);
        assert!(onset[speaking] > 0.01, "phrase {i} onset: {onset:?}");
        if off - previous_end >= 400 {
            let gap = wav.rms(previous_end + 100, off - 100);
            assert!(
                gap[0] < 0.01 && gap[1] < 0.01,
                "quiet before phrase {i}: {gap:?}"
            );
        }
        previous_end = off + dur;
    }
    for s in transcript["analytics"]["sentiment"].as_array().unwrap() {
        let p = &phrases[s["phraseIndex"].as_u64().unwrap() as usize];
        assert_eq!(s["participant"], p["participantPurpose"]);
        assert_eq!(s["startTimeMs"], p["startTimeMs"]);
        assert!([-1, 1].contains(&s["sentiment"].as_i64().unwrap()));
    }
    let purposes: Vec<&str> = file["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["participantPurpose"].as_str().unwrap())
        .collect();
    assert!(purposes.contains(&"external") && purposes.contains(&"internal"));
    sim.shutdown().await;
}

#[tokio::test]
async fn secure_pauses_carry_a_tone_and_holds_music_on_the_customer_side() {
    let sim = start().await;
    let token = supervisor(&sim).await;
    let calls = recorded_calls(&sim, &token).await;
    let paused = calls
        .iter()
        .find(|c| !c.annotations("SecurePause").is_empty())
        .expect("some call has a secure pause");
    let (wav, file) = wav_and_transcript(&sim, &token, paused).await;
    let a = &paused.annotations("SecurePause")[0];
    let (at, len) = (
        a["location"].as_i64().unwrap(),
        a["durationMs"].as_i64().unwrap(),
    );
    assert_eq!(a["absoluteLocation"], at);
    assert_eq!(a["absoluteDurationMs"], len);
    assert_eq!(a["name"], "SecurePause");
    let tone = wav.rms(at + 100, at + len - 100);
    // 1 kHz at −12 dBFS: an RMS of 0.177 on both sides.
    assert!(tone.iter().all(|r| (r - 0.177).abs() < 0.02), "{tone:?}");
    for p in file["transcripts"][0]["phrases"].as_array().unwrap() {
        let off = p["offsetMs"].as_i64().unwrap();
        let end = off + p["duration"]["milliseconds"].as_i64().unwrap();
        assert!(end <= at || off >= at + len, "no phrase inside the pause");
    }
    let held = calls
        .iter()
        .find(|c| !c.annotations("Hold").is_empty())
        .expect("some call has a hold");
    let (wav, _) = wav_and_transcript(&sim, &token, held).await;
    let h = &held.annotations("Hold")[0];
    let at = h["location"].as_i64().unwrap();
    let music = wav.rms(at + 100, at + h["durationMs"].as_i64().unwrap() - 100);
    assert!(music[0] > 0.02 && music[1] < 0.01, "hold music: {music:?}");
    let meta = get(
        &sim,
        &token,
        &format!("/api/v2/conversations/{}/recordingmetadata", paused.id),
    )
    .await;
    assert_eq!(meta.status, 200);
    assert_eq!(
        meta.body[0]["annotations"],
        serde_json::json!([]),
        "no system annotations"
    );
    assert!(meta.body[0].get("mediaUris").is_none());
    assert_eq!(meta.body[0]["id"], paused.recording["id"]);
    sim.shutdown().await;
}

#[tokio::test]
async fn media_urls_answer_byte_ranges() {
    let sim = start().await;
    let token = supervisor(&sim).await;
    let calls = recorded_calls(&sim, &token).await;
    let r = ready(&sim, &token, &recordings_path(&calls[0], "WAV_ULAW")).await;
    let url = media_uri(&r.body[0]);
    let (_, _, all) = fetch(&url, None).await;
    let size = all.len();

    let (status, headers, head) = fetch(&url, Some("bytes=0-3")).await;
    assert_eq!((status, head.as_slice()), (206, &b"RIFF"[..]));
    assert_eq!(
        headers["content-range"],
        format!("bytes 0-3/{size}").as_str()
    );
    assert_eq!(headers["content-length"], "4");
    assert_eq!(headers["content-type"], "audio/wav");

    let (status, headers, middle) = fetch(&url, Some("bytes=1000-1999")).await;
    assert_eq!(status, 206);
    assert_eq!(middle, all[1000..2000]);
    assert_eq!(
        headers["content-range"],
        format!("bytes 1000-1999/{size}").as_str()
    );

    let (status, _, tail) = fetch(&url, Some("bytes=-100")).await;
    assert_eq!((status, tail.as_slice()), (206, &all[size - 100..]));
    let (status, _, rest) = fetch(&url, Some(&format!("bytes={}-", size - 10))).await;
    assert_eq!((status, rest.as_slice()), (206, &all[size - 10..]));

    let (status, headers, body) = fetch(&url, Some(&format!("bytes={size}-"))).await;
    assert_eq!(status, 416);
    assert_eq!(headers["content-range"], format!("bytes */{size}").as_str());
    assert!(String::from_utf8(body)
        .unwrap()
        .contains("<Code>InvalidRange</Code>"));
    sim.shutdown().await;
}

#[tokio::test]
async fn signed_urls_expire() {
    let sim = start_with(SimConfig {
        signed_url_ttl: Duration::from_secs(1),
        ..SimConfig::default()
    })
    .await;
    let token = supervisor(&sim).await;
    let calls = recorded_calls(&sim, &token).await;
    let r = ready(&sim, &token, &recordings_path(&calls[0], "WAV_ULAW")).await;
    let url = media_uri(&r.body[0]);
    assert_eq!(fetch(&url, None).await.0, 200);
    tokio::time::sleep(Duration::from_millis(1_200)).await;
    let (status, headers, body) = fetch(&url, None).await;
    assert_eq!(status, 403);
    assert_eq!(headers["content-type"], "application/xml");
    let body = String::from_utf8(body).unwrap();
    assert!(
        body.contains("<Code>AccessDenied</Code>") && body.contains("expired"),
        "{body}"
    );
    let call = &calls[0];
    let path = format!(
        "/api/v2/speechandtextanalytics/conversations/{}/communications/{}/transcripturl",
        call.id,
        call.communication_id()
    );
    let transcript_url = get(&sim, &token, &path).await.body["url"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(fetch(&transcript_url, None).await.0, 200);
    tokio::time::sleep(Duration::from_millis(1_200)).await;
    assert_eq!(
        fetch(&transcript_url, None).await.0,
        403,
        "transcript URLs expire too"
    );
    let (status, _, _) = fetch(&format!("{}/media/0123/x.wav", sim.base_url()), None).await;
    assert_eq!(status, 403, "an unknown link is denied too");
    sim.shutdown().await;
}

#[tokio::test]
async fn the_same_conversation_gives_the_same_bytes() {
    let a = start().await;
    let b = start().await;
    let token_a = supervisor(&a).await;
    let token_b = supervisor(&b).await;
    let call = recorded_calls(&a, &token_a).await.remove(0);
    let mut files = Vec::new();
    for (sim, token) in [(&a, &token_a), (&b, &token_b)] {
        let r = ready(sim, token, &recordings_path(&call, "OGG_VORBIS")).await;
        files.push(fetch(&media_uri(&r.body[0]), None).await.2);
    }
    assert!(files[0].len() > 1000);
    assert!(
        files[0] == files[1],
        "two simulators, one seed: the same recording"
    );
    a.shutdown().await;
    b.shutdown().await;
}

#[tokio::test]
async fn conversation_metrics_come_from_the_transcript() {
    let sim = start().await;
    let token = supervisor(&sim).await;
    let calls = recorded_calls(&sim, &token).await;
    let call = &calls[calls.len() / 2];
    let path = format!("/api/v2/speechandtextanalytics/conversations/{}", call.id);
    let r = get(&sim, &token, &path).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let m = &r.body;
    assert_eq!(m["conversation"]["id"], call.id.as_str());
    let score = m["sentimentScore"].as_f64().unwrap();
    assert!((-1.0..=1.0).contains(&score));
    assert!(m["sentimentTrend"].as_f64().is_some());
    assert!(m["sentimentTrendClass"].is_string());
    let pm = &m["participantMetrics"];
    let total: f64 = [
        "agentDurationPercentage",
        "customerDurationPercentage",
        "silenceDurationPercentage",
        "otherDurationPercentage",
    ]
    .iter()
    .map(|k| pm[k].as_f64().unwrap())
    .sum();
    assert!((total - 100.0).abs() < 0.2, "{pm}");
    assert!(pm["agentDurationPercentage"].as_f64().unwrap() > 5.0);
    assert!(!m["empathyScores"].as_array().unwrap().is_empty());
    sim.shutdown().await;
}

#[tokio::test]
async fn formats_and_unknown_things_get_the_real_error_bodies() {
    let sim = start().await;
    let token = supervisor(&sim).await;
    let calls = recorded_calls(&sim, &token).await;
    let call = &calls[0];
    let base = format!("/api/v2/conversations/{}/recordings", call.id);

    let webm = get(&sim, &token, &base).await;
    assert_error_body(&webm, 400, "bad.request");
    assert!(
        webm.body["message"].as_str().unwrap().contains("WEBM"),
        "{}",
        webm.body
    );
    let opus = get(&sim, &token, &format!("{base}?formatId=OGG_OPUS")).await;
    assert_error_body(&opus, 400, "bad.request");
    let bad = get(&sim, &token, &format!("{base}?formatId=FLAC")).await;
    assert_error_body(&bad, 400, "bad.request");
    let listed = get(&sim, &token, &format!("{base}?mediaFormats=OGG_OPUS,MP3")).await;
    assert_eq!(
        listed.status, 202,
        "the first producible of mediaFormats: {}",
        listed.body
    );

    let none = get(&sim, &token, &format!("{base}?formatId=NONE")).await;
    assert_eq!(none.status, 200);
    assert!(none.body[0].get("mediaUris").is_none());

    let unknown = "00000000-0000-4000-8000-000000000000";
    for path in [
        format!("/api/v2/conversations/{unknown}/recordings?formatId=WAV"),
        format!("/api/v2/conversations/{unknown}/recordingmetadata"),
        format!("/api/v2/speechandtextanalytics/conversations/{unknown}"),
        format!("{base}/{unknown}?formatId=WAV"),
        format!("/api/v2/conversations/{}/recordingmetadata/{unknown}", call.id),
        format!(
            "/api/v2/speechandtextanalytics/conversations/{}/communications/{unknown}/transcripturl",
            call.id
        ),
    ] {
        assert_error_body(&get(&sim, &token, &path).await, 404, "not.found");
    }
    let chats = conversation_ids(&sim, &token, "chat").await;
    let chat = get(
        &sim,
        &token,
        &format!("/api/v2/conversations/{}/recordings?formatId=WAV", chats[0]),
    )
    .await;
    assert_error_body(&chat, 404, "not.found");

    let users = get(&sim, &token, "/api/v2/users?pageSize=100").await;
    let agent = users.body["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["title"] == "Contact Center Agent")
        .expect("an agent");
    let agent_token = user_token(&sim, agent["email"].as_str().unwrap()).await;
    let r = get(&sim, &agent_token, &format!("{base}?formatId=WAV")).await;
    assert_error_body(&r, 403, "missing.any.permissions");
    let r = get(
        &sim,
        &agent_token,
        &format!("/api/v2/speechandtextanalytics/conversations/{}", call.id),
    )
    .await;
    assert_error_body(&r, 403, "missing.permissions");
    assert!(r.body["message"]
        .as_str()
        .unwrap()
        .contains("recording:recording:view"));
    let r = get(&sim, "not-a-token", &format!("{base}?formatId=WAV")).await;
    assert_error_body(&r, 401, "bad.credentials");
    sim.shutdown().await;
}

#[tokio::test]
async fn max_wait_ms_holds_the_answer_until_the_transcode_is_done() {
    let sim = start().await;
    let token = supervisor(&sim).await;
    let calls = recorded_calls(&sim, &token).await;
    let longest = calls.last().unwrap();
    let path = recordings_path(longest, "WAV");
    assert_eq!(get(&sim, &token, &path).await.status, 202);
    let impatient = get(&sim, &token, &format!("{path}&maxWaitMs=0")).await;
    assert_eq!(impatient.status, 202, "maxWaitMs=0 does not wait");
    assert!(impatient.body[0].get("mediaUris").is_none());
    let patient = get(&sim, &token, &format!("{path}&maxWaitMs=60000")).await;
    assert_eq!(
        patient.status, 200,
        "waited for the transcode: {}",
        patient.body
    );
    assert!(patient.body[0]["outputSizeInBytes"].as_u64().unwrap() > 0);
    sim.shutdown().await;
}

#[tokio::test]
async fn the_media_folder_keeps_within_its_limit_and_makes_evicted_files_again() {
    let folder = tempfile::tempdir().unwrap();
    // Room for about one WAV: each new transcode pushes the least recently used out.
    let sim = start_with(SimConfig {
        media_dir: Some(folder.path().to_owned()),
        media_limit_bytes: 1,
        ..SimConfig::default()
    })
    .await;
    let token = supervisor(&sim).await;
    let calls = recorded_calls(&sim, &token).await;
    let files = || {
        let mut names: Vec<String> = std::fs::read_dir(folder.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let first = ready(&sim, &token, &recordings_path(&calls[0], "WAV")).await;
    let first_bytes = fetch(&media_uri(&first.body[0]), None).await.2;
    assert_eq!(files().len(), 1);
    let second = ready(&sim, &token, &recordings_path(&calls[1], "WAV")).await;
    assert_eq!(fetch(&media_uri(&second.body[0]), None).await.0, 200);
    assert_eq!(files().len(), 1, "the older file went: {:?}", files());
    let second_id = second.body[0]["id"].as_str().unwrap();
    assert!(files()[0].starts_with(second_id), "{:?}", files());

    // Asked for again, the evicted recording is transcoded again (202), then the same bytes.
    let again = get(&sim, &token, &recordings_path(&calls[0], "WAV")).await;
    assert_eq!(again.status, 202, "{}", again.body);
    let again = ready(&sim, &token, &recordings_path(&calls[0], "WAV")).await;
    assert_eq!(fetch(&media_uri(&again.body[0]), None).await.2, first_bytes);
    sim.shutdown().await;
}
