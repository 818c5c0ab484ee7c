use super::encode::ulaw_encode;
use super::*;

/// RMS per channel over `[from_ms, to_ms)`.
fn rms(spec: &AudioSpec, from_ms: u64, to_ms: u64) -> Vec<f64> {
    let fs = u64::from(spec.sample_rate);
    let (a, b) = (from_ms * fs / 1000, to_ms * fs / 1000);
    let mut sums = vec![0.0f64; usize::from(spec.channels)];
    for_each_block(spec, |at, block| {
        for (c, samples) in block.iter().enumerate() {
            for (i, s) in samples.iter().enumerate() {
                let t = at + i as u64;
                if t >= a && t < b {
                    sums[c] += f64::from(*s) * f64::from(*s);
                }
            }
        }
    });
    sums.iter().map(|s| (s / (b - a) as f64).sqrt()).collect()
}

fn spec() -> AudioSpec {
    AudioSpec {
        duration_ms: 6_000,
        sample_rate: 8_000,
        channels: 2,
        phrases: vec![
            SpeechSpan {
                offset_ms: 200,
                duration_ms: 1_500,
                speaker: Speaker::Agent,
            },
            SpeechSpan {
                offset_ms: 2_000,
                duration_ms: 1_200,
                speaker: Speaker::Customer,
            },
        ],
        holds: vec![Span {
            offset_ms: 3_500,
            duration_ms: 1_000,
        }],
        secure_pauses: vec![Span {
            offset_ms: 4_800,
            duration_ms: 1_000,
        }],
        seed: 42,
    }
}

#[test]
fn phrases_are_loud_on_their_speaker_only() {
    let s = spec();
    let agent = rms(&s, 200, 1_700);
    let customer = rms(&s, 2_000, 3_200);
    let gap = rms(&s, 1_750, 1_950);
    assert!(agent[1] > 0.03, "agent speaks on the right: {agent:?}");
    assert!(
        agent[0] < agent[1] / 10.0,
        "customer quiet meanwhile: {agent:?}"
    );
    assert!(
        customer[0] > 0.03,
        "customer speaks on the left: {customer:?}"
    );
    assert!(customer[1] < customer[0] / 10.0, "{customer:?}");
    assert!(gap[0] < 0.01 && gap[1] < 0.01, "quiet between: {gap:?}");
    assert!(gap[0] > 0.0, "line noise, not digital silence");
}

#[test]
fn full_band_and_mono_variants_keep_the_voices() {
    let wide = AudioSpec {
        sample_rate: 48_000,
        ..spec()
    };
    let agent = rms(&wide, 200, 1_700);
    assert!(
        agent[1] > 0.03 && agent[0] < agent[1] / 10.0,
        "48 kHz: {agent:?}"
    );
    let mono = AudioSpec {
        channels: 1,
        ..spec()
    };
    let both = [rms(&mono, 200, 1_700)[0], rms(&mono, 2_000, 3_200)[0]];
    assert!(
        both.iter().all(|r| *r > 0.03),
        "mono mixes both sides: {both:?}"
    );
    let mut wav = Vec::new();
    write_recording(&mono, AudioFormat::Wav, &mut wav).unwrap();
    assert_eq!((wav[22], wav.len()), (1, 44 + 6 * 8_000 * 2));
}

#[test]
fn hold_music_on_the_customer_side_and_tone_on_both_over_a_secure_pause() {
    let s = spec();
    let hold = rms(&s, 3_500, 4_500);
    assert!(hold[0] > 0.02 && hold[1] < 0.01, "{hold:?}");
    let pause = rms(&s, 4_800, 5_800);
    // A sine of amplitude 0.25 has an RMS of 0.177.
    assert!(
        (pause[0] - 0.177).abs() < 0.01 && (pause[1] - 0.177).abs() < 0.01,
        "{pause:?}"
    );
}

#[test]
fn the_same_spec_gives_the_same_bytes_in_every_format() {
    let s = spec();
    for format in AudioFormat::ALL {
        let mut a = Vec::new();
        let mut b = Vec::new();
        write_recording(&s, format, &mut a).unwrap();
        write_recording(&s, format, &mut b).unwrap();
        assert!(a.len() > 1000, "{format:?}: {} bytes", a.len());
        assert_eq!(a, b, "{format:?} is deterministic");
    }
    let mut other = Vec::new();
    write_recording(
        &AudioSpec {
            seed: 43,
            ..s.clone()
        },
        AudioFormat::Wav,
        &mut other,
    )
    .unwrap();
    let mut first = Vec::new();
    write_recording(&s, AudioFormat::Wav, &mut first).unwrap();
    assert_ne!(first, other, "the seed matters");
}

#[test]
fn wav_sizes_follow_the_header() {
    let s = spec();
    let mut pcm = Vec::new();
    write_recording(&s, AudioFormat::Wav, &mut pcm).unwrap();
    assert_eq!(pcm.len(), 44 + 6 * 8_000 * 4);
    let mut ulaw = Vec::new();
    write_recording(&s, AudioFormat::WavUlaw, &mut ulaw).unwrap();
    assert_eq!(ulaw.len(), 58 + 6 * 8_000 * 2);
    assert_eq!(&ulaw[20..22], &7u16.to_le_bytes(), "format tag 7");
}

#[test]
fn ulaw_matches_g711() {
    assert_eq!(ulaw_encode(0), 0xFF);
    assert_eq!(ulaw_encode(-1), 0x7F);
    assert_eq!(ulaw_encode(32767), 0x80);
    assert_eq!(ulaw_encode(-32768), 0x00);
    assert_eq!(ulaw_encode(1000), 0xCE);
}

#[test]
fn a_dialogue_alternates_and_avoids_holds_and_pauses() {
    let d = AudioSpec::dialogue(600_000, 8_000, 7);
    assert_eq!((d.holds.len(), d.secure_pauses.len()), (1, 1));
    assert!(d.phrases.len() > 100);
    let blocked: Vec<Span> = d.holds.iter().chain(&d.secure_pauses).copied().collect();
    for w in d.phrases.windows(2) {
        assert_ne!(w[0].speaker, w[1].speaker);
        assert!(w[0].offset_ms + w[0].duration_ms < w[1].offset_ms);
    }
    for p in &d.phrases {
        for b in &blocked {
            let overlap = p.offset_ms < b.offset_ms + b.duration_ms
                && b.offset_ms < p.offset_ms + p.duration_ms;
            assert!(!overlap, "{p:?} overlaps {b:?}");
        }
    }
}

#[test]
fn ogg_vorbis_decodes_back_to_the_same_layout() {
    let s = spec();
    let mut ogg = Vec::new();
    write_recording(&s, AudioFormat::OggVorbis, &mut ogg).unwrap();
    let mut decoder = vorbis_rs::VorbisDecoder::new(std::io::Cursor::new(ogg)).unwrap();
    assert_eq!(
        (decoder.channels().get(), decoder.sampling_frequency().get()),
        (2, 8_000)
    );
    let mut channels = [Vec::new(), Vec::new()];
    while let Some(block) = decoder.decode_audio_block().unwrap() {
        for (c, samples) in channels.iter_mut().zip(block.samples()) {
            c.extend_from_slice(samples);
        }
    }
    assert_eq!(
        channels[0].len() as u64,
        s.frames(),
        "every frame comes back"
    );
    let window = |c: usize, from_ms: usize, to_ms: usize| {
        let w = &channels[c][from_ms * 8..to_ms * 8];
        (w.iter().map(|x| x * x).sum::<f32>() / w.len() as f32).sqrt()
    };
    let (agent, customer) = (window(1, 200, 1_700), window(0, 200, 1_700));
    assert!(
        agent > 0.03 && customer < agent / 10.0,
        "{agent} {customer}"
    );
    assert!(
        window(0, 2_000, 3_200) > 0.03,
        "the customer's phrase survives encoding"
    );
}
