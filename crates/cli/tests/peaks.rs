//! `supervisor peaks` as a user runs it: the files it writes, and one clear line on
//! stderr with exit status 1 for anything it cannot read, never a panic.

use std::path::{Path, PathBuf};
use std::process::Command;

use supervisor_core::recordings::waveform_data;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/fixtures/recordings")
        .join(name)
}

fn peaks(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_supervisor"))
        .arg("peaks")
        .args(args)
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn writes_dat_and_json_with_audiowaveforms_headers() {
    let dir = tempfile::tempdir().unwrap();
    let mono = dir.path().join("mono.dat");
    let input = fixture("tone-8k-mono-s16.wav");
    assert_eq!(
        peaks(&[input.to_str().unwrap(), "-o", mono.to_str().unwrap()]).0,
        0
    );
    let bytes = std::fs::read(&mono).unwrap();
    // Version 1 for one channel; 16-bit (flags 0); 8 kHz; 256 samples per pixel.
    assert_eq!(
        &bytes[..16],
        [1, 0, 0, 0, 0, 0, 0, 0, 0x40, 0x1f, 0, 0, 0, 1, 0, 0]
    );
    let p = waveform_data::read_file(&mono).unwrap();
    assert_eq!(p.pixel_count(), 16_000usize.div_ceil(256));

    let split = dir.path().join("split.json");
    let input = fixture("stereo-48k.mp3");
    let args = [
        input.to_str().unwrap(),
        "-o",
        split.to_str().unwrap(),
        "-z",
        "4800",
        "-b",
        "8",
        "--split-channels",
    ];
    assert_eq!(peaks(&args).0, 0);
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&split).unwrap()).unwrap();
    assert_eq!(json["version"], 2);
    assert_eq!(json["channels"], 2);
    assert_eq!(json["samples_per_pixel"], 4800);
    assert_eq!(json["bits"], 8);
    assert_eq!(json["length"], 20);
    let data = json["data"].as_array().unwrap();
    assert_eq!(data.len(), 20 * 2 * 2);
    // Half scale on the left is 64 in 8 bits; the right is silent for the first second.
    let maxes: Vec<i64> = (0..20).map(|i| data[i * 4 + 1].as_i64().unwrap()).collect();
    assert!(maxes.iter().all(|m| (58..=66).contains(m)), "{maxes:?}");
    let right: Vec<i64> = (0..10).map(|i| data[i * 4 + 3].as_i64().unwrap()).collect();
    assert!(right.iter().all(|m| m.abs() <= 2), "{right:?}");

    let mixed = dir.path().join("mixed.dat");
    assert_eq!(
        peaks(&[input.to_str().unwrap(), "-o", mixed.to_str().unwrap()]).0,
        0
    );
    let p = waveform_data::read_file(&mixed).unwrap();
    assert_eq!((p.channels(), p.bits()), (1, 16));
}

#[test]
fn bad_input_is_one_line_on_stderr_and_status_1() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.wav");
    std::fs::write(&empty, b"").unwrap();
    let noise = dir.path().join("noise.mp3");
    std::fs::write(
        &noise,
        (0..5000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8)
            .collect::<Vec<_>>(),
    )
    .unwrap();
    let out = dir.path().join("out.dat");
    let opus = fixture("stereo-48k-opus.ogg");
    let missing = dir.path().join("missing.wav");
    let cases: [(&Path, &str); 4] = [
        (&empty, "empty"),
        (&noise, "format"),
        (&opus, "Opus"),
        (&missing, "cannot be opened"),
    ];
    for (input, says) in cases {
        let (status, stderr) = peaks(&[input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
        assert_eq!(status, 1, "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.starts_with("supervisor peaks: ") && stderr.contains(says),
            "{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    let (status, stderr) = peaks(&[opus.to_str().unwrap(), "-o", "peaks.png"]);
    assert_eq!((status, stderr.lines().count()), (1, 1), "{stderr}");
    assert!(!out.exists(), "nothing is written for bad input");
}

/// A WAV header claiming `channels` at `rate`, with a little silence after it.
fn absurd_wav(channels: u16, rate: u32, data_len: u32) -> Vec<u8> {
    let block = channels.saturating_mul(2);
    let mut h = Vec::new();
    for part in [
        &b"RIFF"[..],
        &(36 + data_len.min(u32::MAX - 36)).to_le_bytes(),
        b"WAVEfmt ",
        &16u32.to_le_bytes(),
        &1u16.to_le_bytes(),
        &channels.to_le_bytes(),
        &rate.to_le_bytes(),
        &rate.saturating_mul(u32::from(block)).to_le_bytes(),
        &block.to_le_bytes(),
        &16u16.to_le_bytes(),
        b"data",
        &data_len.to_le_bytes(),
    ] {
        h.extend_from_slice(part);
    }
    h.resize(h.len() + 8000, 0);
    h
}

#[cfg(target_os = "linux")]
#[test]
fn absurd_headers_cost_no_memory() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.dat");
    for (name, bytes) in [
        ("channels.wav", absurd_wav(60_000, 48_000, 8000)),
        ("rate.wav", absurd_wav(2, u32::MAX, 8000)),
        ("length.wav", absurd_wav(2, 48_000, u32::MAX - 64)),
    ] {
        let input = dir.path().join(name);
        std::fs::write(&input, bytes).unwrap();
        let (status, stderr) = peaks(&[input.to_str().unwrap(), "-o", out.to_str().unwrap()]);
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        assert!(
            status == 0 || stderr.lines().count() == 1,
            "{name}: {stderr}"
        );
    }
    // The largest resident size any child of this test process reached (Linux: KiB).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    assert_eq!(
        unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) },
        0
    );
    let peak_mb = usage.ru_maxrss as f64 / 1024.0;
    assert!(peak_mb < 64.0, "a child reached {peak_mb:.0} MB");
}
