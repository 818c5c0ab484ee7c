//! Decoding recordings into peaks: every format the platform serves, from fixtures made
//! with ffmpeg and sox (`scripts/make-audio-fixtures.sh`), and damaged or hostile files,
//! which must give a clear, coded error and never a panic.
//!
//! Every fixture holds two seconds: left, a 440 Hz sine at half scale; right, silence for
//! one second, then 1 kHz at quarter scale (mono files: the left side).

use std::path::{Path, PathBuf};

use supervisor_core::error::Code;
use supervisor_core::recordings::{peaks_of_file, Decoder, PeakOptions, Peaks};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/recordings")
        .join(name)
}

const HALF: f64 = 16383.5;
const QUARTER: f64 = 8191.75;

fn split(path: &Path) -> Peaks {
    peaks_of_file(
        path,
        PeakOptions {
            samples_per_pixel: 256,
            split_channels: true,
        },
        |_| Ok(()),
    )
    .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The largest |value| of `channel` over pixels whose span lies in `[from_s, to_s)`.
fn loudest(p: &Peaks, channel: u32, from_s: f64, to_s: f64) -> f64 {
    let per_s = f64::from(p.sample_rate()) / f64::from(p.samples_per_pixel());
    let (a, b) = (
        (from_s * per_s).ceil() as usize,
        (to_s * per_s).floor() as usize,
    );
    (a..b.min(p.pixel_count()))
        .filter_map(|i| p.min_max(i, channel))
        .map(|(lo, hi)| f64::from(lo).abs().max(f64::from(hi).abs()))
        .fold(0.0, f64::max)
}

fn assert_near(got: f64, want: f64, tolerance: f64, what: &str) {
    assert!(
        (got - want).abs() <= want.max(1.0) * tolerance,
        "{what}: {got} is not within {:.0}% of {want}",
        tolerance * 100.0
    );
}

#[test]
fn every_served_format_decodes_to_the_signal_it_holds() {
    // (file, rate, channels, tolerance on levels: lossy codecs move peaks a little)
    let cases = [
        ("stereo-48k-s16.wav", 48_000, 2, 0.01),
        ("stereo-16k-s24.wav", 16_000, 2, 0.01),
        ("stereo-16k-f32.wav", 16_000, 2, 0.01),
        ("stereo-16k-u8.wav", 16_000, 2, 0.04),
        ("stereo-8k-ulaw.wav", 8_000, 2, 0.03),
        ("stereo-48k.flac", 48_000, 2, 0.01),
        ("stereo-48k.mp3", 48_000, 2, 0.08),
        ("stereo-48k.ogg", 48_000, 2, 0.08),
        ("tone-8k-mono-s16.wav", 8_000, 1, 0.01),
    ];
    for (name, rate, channels, tolerance) in cases {
        let path = fixture(name);
        let info = Decoder::open(&path).unwrap().info().clone();
        assert_eq!(
            (info.sample_rate, info.channels),
            (rate, channels),
            "{name}"
        );
        let p = split(&path);
        assert_eq!((p.sample_rate(), p.channels()), (rate, channels), "{name}");
        // Two seconds, encoder delay and padding trimmed (gapless).
        let seconds = p.pixel_count() as f64 * 256.0 / f64::from(rate);
        assert!((seconds - 2.0).abs() < 0.03, "{name}: {seconds} s");
        assert_near(loudest(&p, 0, 0.1, 1.9), HALF, tolerance, name);
        if channels == 2 {
            assert!(
                loudest(&p, 1, 0.05, 0.95) < 32768.0 * tolerance,
                "{name}: right side is silent first"
            );
            assert_near(loudest(&p, 1, 1.1, 1.9), QUARTER, tolerance, name);
        }
    }
}

#[test]
fn sixteen_bit_wav_peaks_equal_a_direct_reading_of_its_samples() {
    let path = fixture("stereo-48k-s16.wav");
    let bytes = std::fs::read(&path).unwrap();
    // The fixture's data chunk, found by walking the RIFF chunks independently.
    let mut at = 12;
    let data = loop {
        let id = &bytes[at..at + 4];
        let len = u32::from_le_bytes(bytes[at + 4..at + 8].try_into().unwrap()) as usize;
        if id == b"data" {
            break &bytes[at + 8..at + 8 + len];
        }
        at += 8 + len + (len & 1);
    };
    let samples: Vec<i16> = data
        .chunks_exact(2)
        .map(|b| i16::from_le_bytes([b[0], b[1]]))
        .collect();
    let p = split(&path);
    for (i, frames) in samples.chunks(2 * 256).enumerate() {
        for ch in 0..2 {
            let side = frames.iter().skip(ch).step_by(2);
            let want = (*side.clone().min().unwrap(), *side.max().unwrap());
            assert_eq!(
                p.min_max(i, ch as u32),
                Some(want),
                "pixel {i}, channel {ch}"
            );
        }
    }
    assert_eq!(p.pixel_count(), samples.len().div_ceil(512));
}

#[test]
fn plain_wav_read_directly_gives_what_the_decoder_gives() {
    for name in [
        "stereo-48k-s16.wav",
        "tone-8k-mono-s16.wav",
        "stereo-8k-ulaw.wav",
    ] {
        let path = fixture(name);
        for (samples_per_pixel, split_channels) in
            [(256, true), (256, false), (77, true), (1000, false)]
        {
            let options = PeakOptions {
                samples_per_pixel,
                split_channels,
            };
            let direct = peaks_of_file(&path, options, |_| Ok(())).unwrap();
            let mut decoder = Decoder::open(&path).unwrap();
            let decoded =
                supervisor_core::recordings::peaks_of(&mut decoder, options, |_| Ok(())).unwrap();
            assert_eq!(
                direct, decoded,
                "{name} at {samples_per_pixel}, split {split_channels}"
            );
        }
    }
}

/// A mu-law WAV (format tag 7, 8 bits, the 18-byte `fmt ` chunk) holding `codes`.
fn mu_law_wav(channels: u16, rate: u32, codes: &[u8]) -> Vec<u8> {
    let len = codes.len() as u32;
    let mut b = Vec::new();
    b.extend(b"RIFF");
    b.extend((4 + 26 + 12 + 8 + len).to_le_bytes());
    b.extend(b"WAVEfmt ");
    b.extend(18u32.to_le_bytes());
    b.extend(7u16.to_le_bytes());
    b.extend(channels.to_le_bytes());
    b.extend(rate.to_le_bytes());
    b.extend((rate * u32::from(channels)).to_le_bytes());
    b.extend(channels.to_le_bytes());
    b.extend(8u16.to_le_bytes());
    b.extend(0u16.to_le_bytes());
    b.extend(b"fact");
    b.extend(4u32.to_le_bytes());
    b.extend((len / u32::from(channels)).to_le_bytes());
    b.extend(b"data");
    b.extend(len.to_le_bytes());
    b.extend_from_slice(codes);
    b
}

#[test]
fn every_mu_law_code_reads_directly_as_the_decoder_expands_it() {
    // Each of the 256 codes twice: at two samples per pixel, pixel i holds code i alone.
    let codes: Vec<u8> = (0..=255u8).flat_map(|c| [c, c]).collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("codes.wav");
    std::fs::write(&path, mu_law_wav(1, 8_000, &codes)).unwrap();
    let options = PeakOptions {
        samples_per_pixel: 2,
        split_channels: true,
    };
    let direct = assert_same_as_one_pass(&path, options);
    // G.711's own table: 0x00 and 0x80 are the extremes, 0xFF and 0x7F both silence.
    let value = |code: usize| direct.min_max(code, 0).unwrap();
    assert_eq!(value(0x00), (-32124, -32124));
    assert_eq!(value(0x80), (32124, 32124));
    assert_eq!((value(0xFF), value(0x7F)), ((0, 0), (0, 0)));
}

#[test]
fn a_long_mu_law_wav_read_in_two_halves_gives_what_the_decoder_gives() {
    // Over 2 MiB of stereo codes with an odd frame count, so the halves meet on a pixel
    // and the last pixel is partial.
    let frames = 1_100_001usize;
    let codes: Vec<u8> = (0..frames * 2)
        .map(|i| ((i * 2_654_435_761) >> 13) as u8)
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long-ulaw.wav");
    std::fs::write(&path, mu_law_wav(2, 8_000, &codes)).unwrap();
    assert_halves_like_one_pass(&path, frames, [(256, true), (80, false)]);
}

#[test]
fn a_long_wav_read_in_two_halves_gives_what_the_decoder_gives() {
    // Over 2 MiB of stereo samples, an odd number of frames: the halves meet on a pixel
    // boundary and the last pixel is partial.
    let frames = 700_001usize;
    let mut bytes = wav_header(2, 48_000, 16, (frames * 4) as u32, 0);
    for i in 0..frames {
        let t = i as f32 / 48_000.0;
        let l =
            ((t * 440.0 * std::f32::consts::TAU).sin() * 12_000.0 * (1.0 + (t * 0.3).sin())) as i16;
        let r = ((i * 7919) % 65_536) as u16 as i16 / 3;
        bytes.extend(l.to_le_bytes());
        bytes.extend(r.to_le_bytes());
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.wav");
    std::fs::write(&path, &bytes).unwrap();
    assert_halves_like_one_pass(&path, frames, [(256, true), (333, false)]);
}

/// A file of `frames` frames, long enough to be read in two halves, at each
/// (samples per pixel, split channels): the same as one pass, every frame counted.
fn assert_halves_like_one_pass(path: &Path, frames: usize, cases: [(u32, bool); 2]) {
    for (samples_per_pixel, split_channels) in cases {
        let options = PeakOptions {
            samples_per_pixel,
            split_channels,
        };
        let direct = assert_same_as_one_pass(path, options);
        assert_eq!(
            direct.pixel_count(),
            frames.div_ceil(samples_per_pixel as usize)
        );
    }
}

/// `peaks_of_file` (which splits long MP3s in two) against one pass of the decoder from
/// the start, and the streamed batches against the result.
fn assert_same_as_one_pass(path: &Path, options: PeakOptions) -> Peaks {
    let stride = if options.split_channels { 4 } else { 2 };
    let mut streamed: Vec<i16> = Vec::new();
    let got = peaks_of_file(path, options, |ready| {
        assert_eq!(
            ready.first_pixel,
            streamed.len() / stride,
            "batches follow on"
        );
        streamed.extend_from_slice(ready.data);
        Ok(())
    })
    .unwrap();
    let mut decoder = Decoder::open(path).unwrap();
    let one_pass =
        supervisor_core::recordings::peaks_of(&mut decoder, options, |_| Ok(())).unwrap();
    assert_eq!(got.pixel_count(), one_pass.pixel_count(), "{options:?}");
    let first_difference = (0..got.pixel_count())
        .find(|&i| (0..got.channels()).any(|c| got.min_max(i, c) != one_pass.min_max(i, c)));
    assert_eq!(first_difference, None, "{options:?}: pixels differ");
    assert!(got.data().starts_with(&streamed));
    assert!(
        got.data().len() - streamed.len() <= stride,
        "only a partial pixel comes last"
    );
    got
}

#[test]
fn a_long_mp3_decoded_in_two_halves_gives_what_one_pass_gives() {
    use cc_sim::audio::{write_recording, AudioFormat, AudioSpec};
    // 50 s at 48 kHz: long enough to be split, with speech and noise across the middle.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.mp3");
    let mut bytes = Vec::new();
    write_recording(
        &AudioSpec::dialogue(50_000, 48_000, 3),
        AudioFormat::Mp3,
        &mut bytes,
    )
    .unwrap();
    std::fs::write(&path, &bytes).unwrap();
    // A stop asked for while the first half streams ends both halves with that error.
    let mut batches = 0;
    let e = peaks_of_file(&path, PeakOptions::default(), |_| {
        batches += 1;
        Err(supervisor_core::Error::new(Code::Cancelled, "stopped"))
    })
    .unwrap_err();
    assert_eq!((e.code, batches), (Code::Cancelled, 1));

    let mut pixels_at_256 = 0;
    for (samples_per_pixel, split_channels) in [(256, true), (333, false)] {
        let p = assert_same_as_one_pass(
            &path,
            PeakOptions {
                samples_per_pixel,
                split_channels,
            },
        );
        let seconds = p.pixel_count() as f64 * f64::from(samples_per_pixel) / 48_000.0;
        assert!((49.9..50.2).contains(&seconds), "{seconds} s");
        if samples_per_pixel == 256 {
            pixels_at_256 = p.pixel_count();
        }
    }

    // Bytes after the audio make the length estimated from the bit rate (there is no Xing
    // header) more than twice the real one: the cut falls past the end, and the first half
    // finds the whole recording on its own.
    bytes.extend(std::iter::repeat_n(0u8, bytes.len() + 100_000));
    std::fs::write(&path, &bytes).unwrap();
    let estimated = Decoder::open(&path).unwrap().info().frames.unwrap();
    assert!(estimated > 2 * 50 * 48_000, "estimated {estimated} frames");
    let p = assert_same_as_one_pass(&path, PeakOptions::default());
    assert_eq!(
        p.pixel_count(),
        pixels_at_256,
        "the same audio, nothing more"
    );
}

#[test]
fn the_extension_is_only_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let disguised = dir.path().join("really-an-mp3.wav");
    std::fs::copy(fixture("stereo-48k.mp3"), &disguised).unwrap();
    let p = split(&disguised);
    assert_near(loudest(&p, 0, 0.1, 1.9), HALF, 0.08, "mp3 named .wav");
}

fn error_of(bytes: &[u8], name: &str) -> supervisor_core::Error {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    match peaks_of_file(&path, PeakOptions::default(), |_| Ok(())) {
        Ok(p) => panic!("{name}: decoded {} pixels from bad input", p.pixel_count()),
        Err(e) => e,
    }
}

#[test]
fn formats_and_codecs_the_console_cannot_play_are_named() {
    let opus = error_of(
        &std::fs::read(fixture("stereo-48k-opus.ogg")).unwrap(),
        "a.ogg",
    );
    assert_eq!(opus.code, Code::UnsupportedMedia, "{opus}");
    assert!(opus.message.to_lowercase().contains("opus"), "{opus}");
    let aac = error_of(&std::fs::read(fixture("stereo-48k.m4a")).unwrap(), "a.m4a");
    assert_eq!(aac.code, Code::UnsupportedMedia, "{aac}");
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let e = error_of(&noise, "noise.mp3");
    assert!(
        matches!(e.code, Code::UnsupportedMedia | Code::CorruptMedia),
        "{e}"
    );
}

#[test]
fn empty_and_truncated_files_say_so() {
    let empty = error_of(&[], "empty.wav");
    assert_eq!(empty.code, Code::CorruptMedia, "{empty}");
    assert!(empty.message.contains("empty"), "{empty}");
    // A header alone: the file was cut before any audio.
    let wav = std::fs::read(fixture("stereo-48k-s16.wav")).unwrap();
    let cut = error_of(&wav[..30], "header-only.wav");
    assert!(
        matches!(cut.code, Code::CorruptMedia | Code::UnsupportedMedia),
        "{cut}"
    );
}

/// A WAV header claiming `channels` and `rate`, followed by `data_bytes` of silence.
fn wav_header(channels: u16, rate: u32, bits: u16, data_len: u32, data_bytes: usize) -> Vec<u8> {
    let block = channels.saturating_mul(bits / 8);
    let mut h = Vec::new();
    h.extend(b"RIFF");
    h.extend((36 + data_len).to_le_bytes());
    h.extend(b"WAVEfmt ");
    h.extend(16u32.to_le_bytes());
    h.extend(1u16.to_le_bytes());
    h.extend(channels.to_le_bytes());
    h.extend(rate.to_le_bytes());
    h.extend(rate.saturating_mul(u32::from(block)).to_le_bytes());
    h.extend(block.to_le_bytes());
    h.extend(bits.to_le_bytes());
    h.extend(b"data");
    h.extend(data_len.to_le_bytes());
    h.resize(h.len() + data_bytes, 0);
    h
}

#[test]
fn absurd_headers_are_refused_before_anything_is_allocated_for_them() {
    let many_channels = error_of(&wav_header(1000, 8000, 16, 4000, 4000), "channels.wav");
    assert!(
        matches!(
            many_channels.code,
            Code::MediaTooLarge | Code::UnsupportedMedia | Code::CorruptMedia
        ),
        "{many_channels}"
    );
    let fast = error_of(&wav_header(2, 4_000_000_000, 16, 4000, 4000), "rate.wav");
    assert!(
        matches!(
            fast.code,
            Code::MediaTooLarge | Code::UnsupportedMedia | Code::CorruptMedia
        ),
        "{fast}"
    );
    // A data chunk that claims 4 GB in a small file: what is there is read, no more.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claims-4gb.wav");
    std::fs::write(&path, wav_header(1, 8000, 16, u32::MAX - 64, 16_000)).unwrap();
    match peaks_of_file(&path, PeakOptions::default(), |_| Ok(())) {
        Ok(p) => assert_eq!(p.pixel_count(), 8000usize.div_ceil(256)),
        Err(e) => assert_eq!(e.code, Code::CorruptMedia, "{e}"),
    }
}

#[test]
fn damaged_files_never_panic() {
    // Every fixture truncated at many points and with bytes flipped: an error or a result,
    // never a panic (a panic fails this test).
    for name in [
        "stereo-48k.mp3",
        "stereo-48k.ogg",
        "stereo-48k.flac",
        "stereo-8k-ulaw.wav",
        "stereo-16k-s24.wav",
    ] {
        let good = std::fs::read(fixture(name)).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        let mut seed = 0x9e37_79b9_u32;
        for round in 0..24 {
            let mut bad = good.clone();
            let cut = good.len() * (round + 1) / 25;
            bad.truncate(cut.max(1));
            for _ in 0..(round * 3) {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                let i = seed as usize % bad.len();
                bad[i] ^= 1 << (seed % 8);
            }
            std::fs::write(&path, &bad).unwrap();
            if let Err(e) = peaks_of_file(&path, PeakOptions::default(), |_| Ok(())) {
                assert!(!e.message.is_empty(), "{name} round {round}");
            }
        }
    }
}

#[test]
fn a_panic_inside_the_decoder_becomes_a_clear_error() {
    // Found by fuzzing: an extensible WAV whose channel mask makes symphonia shift a 32-bit
    // value by 32 or more, which panics in a debug build. It must come out as an error.
    let bytes = [
        0x52, 0x49, 0x46, 0x46, 0x6a, 0xe8, 0x03, 0x00, 0x57, 0x41, 0x56, 0x45, 0x66, 0x6d, 0x74,
        0x20, 0x28, 0x00, 0x00, 0x00, 0xfe, 0xff, 0x01, 0x1b, 0x80, 0x3e, 0x00, 0x00, 0x00, 0xf4,
        0x01, 0x00, 0x08, 0x00, 0x20, 0x00, 0x16, 0x00, 0x20, 0x00, 0x03, 0x00, 0x00, 0x00, 0x03,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71,
        0x00, 0x00,
    ];
    let e = error_of(&bytes, "mask.wav");
    assert!(
        matches!(e.code, Code::CorruptMedia | Code::UnsupportedMedia),
        "{e:?}"
    );
}

#[test]
fn pixels_arrive_while_decoding_and_add_up_to_the_result() {
    let path = fixture("stereo-48k.mp3");
    let mut batches = 0;
    let mut next = 0;
    let mut streamed: Vec<i16> = Vec::new();
    let p = peaks_of_file(&path, PeakOptions::default(), |ready| {
        assert_eq!(ready.first_pixel, next, "batches follow on");
        next += ready.data.len() / 2;
        streamed.extend_from_slice(ready.data);
        batches += 1;
        Ok(())
    })
    .unwrap();
    assert!(batches > 10, "{batches} batches");
    // Only the trailing partial pixel comes with the result itself.
    assert!(p.data().starts_with(&streamed));
    assert!(p.data().len() - streamed.len() <= 2);
}

#[test]
fn a_stop_asked_for_by_the_caller_ends_the_work() {
    let path = fixture("stereo-48k-s16.wav");
    let mut seen = 0;
    let e = peaks_of_file(&path, PeakOptions::default(), |_| {
        seen += 1;
        Err(supervisor_core::Error::new(Code::Cancelled, "stopped"))
    })
    .unwrap_err();
    assert_eq!((e.code, seen), (Code::Cancelled, 1));
}
