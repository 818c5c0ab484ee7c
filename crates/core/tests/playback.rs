//! Playback through the real audio output (ALSA's null device in the test session). The
//! clock is the samples handed to the device, never the wall clock: after N output frames
//! at rate r the playhead must have moved N × r input frames.

use std::path::Path;
use std::time::{Duration, Instant};

use supervisor_core::recordings::playback::{AudioOutput, Playback};

const RATE: u32 = 8000;
/// How far the playhead may be from the samples' account: the chunk being handed out and
/// the next, plus WSOLA's freedom to move a piece by 8 ms.
const SLACK: f64 = 3.0 * 120.0 + 64.0;

fn write_wav(path: &Path, seconds: u32) {
    let frames = RATE * seconds;
    let mut bytes = Vec::new();
    let data_len = frames * 4;
    for part in [
        &b"RIFF"[..],
        &(36 + data_len).to_le_bytes(),
        b"WAVEfmt ",
        &16u32.to_le_bytes(),
        &1u16.to_le_bytes(),
        &2u16.to_le_bytes(),
        &RATE.to_le_bytes(),
        &(RATE * 4).to_le_bytes(),
        &4u16.to_le_bytes(),
        &16u16.to_le_bytes(),
        b"data",
        &data_len.to_le_bytes(),
    ] {
        bytes.extend_from_slice(part);
    }
    for i in 0..frames {
        let t = i as f32 / RATE as f32;
        let customer = ((2.0 * std::f32::consts::PI * 220.0 * t).sin() * 8000.0) as i16;
        let agent = ((2.0 * std::f32::consts::PI * 330.0 * t).sin() * 8000.0) as i16;
        bytes.extend_from_slice(&customer.to_le_bytes());
        bytes.extend_from_slice(&agent.to_le_bytes());
    }
    std::fs::write(path, bytes).unwrap();
}

fn frames(p: &Playback) -> u64 {
    p.position_ms() * u64::from(RATE) / 1000
}

/// Waits until the device has taken `n` more output frames; returns how many it took.
fn wait_for_output(p: &Playback, n: u64) -> u64 {
    let start = p.emitted_frames();
    let deadline = Instant::now() + Duration::from_secs(30);
    while p.emitted_frames() < start + n {
        assert!(
            Instant::now() < deadline,
            "the audio output stopped taking samples"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    p.emitted_frames() - start
}

fn assert_moved(p: &Playback, rate: f64, output: u64) {
    let from = frames(p) as f64;
    let e0 = p.emitted_frames();
    wait_for_output(p, output);
    let moved = frames(p) as f64 - from;
    let expected = (p.emitted_frames() - e0) as f64 * rate;
    assert!(
        (moved - expected).abs() <= SLACK * rate.max(1.0),
        "at {rate}×: moved {moved} frames for {expected}"
    );
}

#[test]
fn the_playhead_follows_the_samples_played_at_every_rate() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("call.wav");
    write_wav(&path, 60);
    let output = AudioOutput::open().expect("the test session's null audio device");
    let p = Playback::start(&output, &path, Vec::new()).unwrap();

    // Paused: samples flow (silence), the playhead does not move.
    wait_for_output(&p, 4000);
    assert_eq!(p.position_ms(), 0);

    p.play();
    assert_moved(&p, 1.0, 8000);
    for rate in [0.5, 2.0, 3.0, 1.5] {
        p.set_rate(rate);
        wait_for_output(&p, 400); // the new rate takes effect at the next chunk
        assert_moved(&p, rate, 8000);
    }

    // A seek lands where asked and playing goes on from there.
    p.set_rate(1.0);
    let e0 = p.emitted_frames();
    p.seek_ms(30_000);
    assert_eq!(p.position_ms(), 30_000);
    wait_for_output(&p, 400);
    let at = frames(&p) as f64 - (p.emitted_frames() - e0) as f64;
    assert!((at - 240_000.0).abs() <= SLACK, "after the seek: {at}");
    assert_moved(&p, 1.0, 4000);

    p.pause();
    wait_for_output(&p, 400);
    let paused_at = p.position_ms();
    wait_for_output(&p, 4000);
    assert_eq!(p.position_ms(), paused_at, "paused means still");
}

#[test]
fn scrubbing_plays_grains_where_the_pointer_is_and_resumes_there() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("call.wav");
    write_wav(&path, 20);
    let output = AudioOutput::open().expect("the test session's null audio device");
    let p = Playback::start(&output, &path, Vec::new()).unwrap();
    p.play();
    wait_for_output(&p, 2000);
    for ms in [5_000, 5_200, 9_000, 3_000] {
        p.scrub_ms(Some(ms));
        assert_eq!(
            p.position_ms(),
            ms,
            "the playhead follows the pointer at once"
        );
        wait_for_output(&p, 2000);
        assert_eq!(
            p.position_ms(),
            ms,
            "a grain, then it waits for the pointer"
        );
    }
    let e0 = p.emitted_frames();
    p.scrub_ms(None);
    wait_for_output(&p, 400);
    assert!(p.is_playing());
    let at = frames(&p) as f64 - (p.emitted_frames() - e0) as f64;
    assert!(
        (at - 24_000.0).abs() <= SLACK,
        "resumes where the scrub ended: {at}"
    );
    assert_moved(&p, 1.0, 4000);
}

#[test]
fn skip_silence_jumps_over_silent_spans_and_the_end_stops_playing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("call.wav");
    write_wav(&path, 10);
    let output = AudioOutput::open().expect("the test session's null audio device");
    // Seconds 2 to 7 count as silence.
    let p = Playback::start(&output, &path, vec![(16_000, 56_000)]).unwrap();
    p.set_skip_silence(true);
    p.seek_ms(1_500);
    p.play();
    // 0.5 s of output reaches the span; a second more of output ends far past it.
    wait_for_output(&p, 12_000);
    let at = frames(&p);
    assert!(at >= 56_000 + 4_000, "skipped the silence: at {at}");
    // Three seconds were left: after them, the player stops at the end.
    wait_for_output(&p, 40_000);
    assert!(!p.is_playing(), "stopped at the end");
    assert!(frames(&p) >= 79_000, "{}", frames(&p));
}
