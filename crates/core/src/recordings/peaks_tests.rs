//! The builder against a plain transcription of audiowaveform's `WaveformGenerator`
//! (interleaved frames, one sample at a time), on generated signals cut into chunks.

use super::*;
use rand::{Rng, SeedableRng};

/// audiowaveform's loop: mix or split each frame, widen a pixel's min/max from
/// (32767, -32768), emit after `spp` frames, and emit what is left at the end.
fn reference(channels: &[Vec<i16>], spp: usize, split: bool) -> Vec<i16> {
    let frames = channels[0].len();
    let mut interleaved = Vec::new();
    for i in 0..frames {
        for c in channels {
            interleaved.push(c[i]);
        }
    }
    let n = channels.len();
    let outputs = if split { n } else { 1 };
    let mut min = vec![32767_i32; outputs];
    let mut max = vec![-32768_i32; outputs];
    let mut count = 0;
    let mut out = Vec::new();
    for frame in interleaved.chunks(n) {
        if split {
            for (c, s) in frame.iter().enumerate() {
                min[c] = min[c].min(i32::from(*s));
                max[c] = max[c].max(i32::from(*s));
            }
        } else {
            let mut sample: i32 = frame.iter().map(|s| i32::from(*s)).sum();
            sample /= n as i32;
            sample = sample.clamp(-32768, 32767);
            min[0] = min[0].min(sample);
            max[0] = max[0].max(sample);
        }
        count += 1;
        if count == spp {
            for c in 0..outputs {
                out.extend([min[c] as i16, max[c] as i16]);
                (min[c], max[c]) = (32767, -32768);
            }
            count = 0;
        }
    }
    if count > 0 {
        for c in 0..outputs {
            out.extend([min[c] as i16, max[c] as i16]);
        }
    }
    out
}

/// The float conversion written the obvious way, independent of `Sample for f32`: the
/// product in f32 as C's `float * short`, then lrintf's rounding, clamped.
fn float_to_short(x: f32) -> i16 {
    (x * 32767.0).round_ties_even().clamp(-32768.0, 32767.0) as i16
}

/// Pushes `planes` in chunks of the given sizes (cycled), then finishes.
fn build<S: Sample>(planes: &[Vec<S>], spp: u32, split: bool, chunks: &[usize]) -> Peaks {
    let mut builder = PeakBuilder::new(planes.len() as u32, 8000, spp, split).unwrap();
    let frames = planes[0].len();
    let mut at = 0;
    for size in chunks.iter().cycle() {
        if at >= frames {
            break;
        }
        let end = (at + size).min(frames);
        let chunk: Vec<&[S]> = planes.iter().map(|p| &p[at..end]).collect();
        builder.push(&chunk).unwrap();
        at = end;
    }
    builder.finish()
}

fn sine(frames: usize, freq: f32, amplitude: f32) -> Vec<f32> {
    let step = freq * std::f32::consts::TAU / 8000.0;
    (0..frames)
        .map(|i| amplitude * (i as f32 * step).sin())
        .collect()
}

fn square(frames: usize, half_period: usize, level: i16) -> Vec<i16> {
    (0..frames)
        .map(|i| {
            if (i / half_period).is_multiple_of(2) {
                level
            } else {
                -level
            }
        })
        .collect()
}

fn random_chunks(seed: u64) -> Vec<usize> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    (0..50).map(|_| rng.random_range(1..700)).collect()
}

#[test]
fn float_signals_match_audiowaveform_at_16_and_8_bits() {
    // 1000 frames at 64 per pixel: 15 whole pixels and a partial one of 40 frames.
    for (name, signal) in [
        ("sine", sine(1000, 440.0, 0.8)),
        ("clipping sine", sine(1000, 300.0, 1.7)),
        ("silence", vec![0.0; 1000]),
        ("full scale", sine(1000, 2000.0, 1.0)),
    ] {
        let shorts: Vec<i16> = signal.iter().map(|x| float_to_short(*x)).collect();
        let expected = reference(&[shorts], 64, false);
        let peaks = build(&[signal], 64, false, &[1000]);
        assert_eq!(peaks.data(), expected.as_slice(), "{name}");
        assert_eq!(peaks.pixel_count(), 16, "{name}: the partial pixel is kept");
        let eight: Vec<i16> = expected.iter().map(|v| v / 256).collect();
        assert_eq!(
            peaks.to_8_bit().data(),
            eight.as_slice(),
            "{name} at 8 bits"
        );
        assert_eq!(peaks.to_8_bit().bits(), 8);
    }
}

#[test]
fn clipping_and_full_scale_reach_the_ends_of_the_range() {
    let peaks = build(&[sine(800, 100.0, 3.0)], 400, false, &[800]);
    assert_eq!(peaks.min_max(0, 0), Some((-32768, 32767)));
    let peaks = build(&[vec![i32::MIN, i32::MAX]], 2, false, &[2]);
    assert_eq!(peaks.data(), &[-32768, 32767]);
    assert_eq!(peaks.to_8_bit().data(), &[-128, 127]);
    let silence = build(&[vec![128_u8; 10]], 4, false, &[3]);
    assert_eq!(
        silence.data(),
        &[0, 0, 0, 0, 0, 0],
        "unsigned 8-bit silence is 128"
    );
}

#[test]
fn stereo_mixes_by_truncating_average_or_splits() {
    let left = square(1000, 37, 20001);
    let silent = vec![0_i16; 1000];
    let planes = [left.clone(), silent.clone()];
    let mono = build(&planes, 50, false, &[333]);
    assert_eq!(mono.channels(), 1);
    assert_eq!(mono.data(), reference(&planes, 50, false).as_slice());
    assert_eq!(
        mono.min_max(0, 0),
        Some((-10000, 10000)),
        "±20001 / 2 truncates toward zero"
    );
    let split = build(&planes, 50, true, &[333]);
    assert_eq!(split.channels(), 2);
    assert_eq!(split.data(), reference(&planes, 50, true).as_slice());
    assert_eq!(split.min_max(3, 0), Some((-20001, 20001)));
    assert_eq!(split.min_max(3, 1), Some((0, 0)));
}

#[test]
fn any_chunking_gives_the_same_peaks() {
    let mut rng = rand::rngs::StdRng::seed_from_u64(3);
    let planes: Vec<Vec<i16>> = (0..3)
        .map(|_| (0..5003).map(|_| rng.random()).collect())
        .collect();
    for split in [false, true] {
        for spp in [2, 7, 64, 513, 6000] {
            let expected = reference(&planes, spp, split);
            for seed in 0..5 {
                let peaks = build(&planes, spp as u32, split, &random_chunks(seed));
                assert_eq!(peaks.data(), expected.as_slice(), "spp {spp} seed {seed}");
            }
            let one_by_one = build(&planes, spp as u32, split, &[1]);
            assert_eq!(one_by_one.data(), expected.as_slice(), "spp {spp} by frame");
        }
    }
    // More channels than the stereo fast path, with floats mixed in blocks past MIX_BLOCK.
    let floats: Vec<Vec<f32>> = (0..5).map(|c| sine(3000, 100.0 * c as f32, 1.2)).collect();
    let shorts: Vec<Vec<i16>> = floats
        .iter()
        .map(|p| p.iter().map(|x| float_to_short(*x)).collect())
        .collect();
    let expected = reference(&shorts, 1000, false);
    assert_eq!(
        build(&floats, 1000, false, &random_chunks(9)).data(),
        &expected[..]
    );
}

#[test]
fn ready_pixels_arrive_as_they_complete() {
    let signal = sine(1000, 440.0, 0.5);
    let mut builder = PeakBuilder::new(1, 8000, 100, false).unwrap();
    let mut streamed = Vec::new();
    for chunk in signal.chunks(150) {
        builder.push(&[chunk]).unwrap();
        let ready = builder.take_ready();
        assert_eq!(ready.first_pixel * 2, streamed.len(), "pixels follow on");
        streamed.extend_from_slice(ready.data);
    }
    assert_eq!(builder.pixel_count(), 10);
    assert!(builder.take_ready().data.is_empty(), "nothing new twice");
    let peaks = builder.finish();
    assert_eq!(
        peaks.data(),
        streamed.as_slice(),
        "1000 frames fill 10 pixels exactly"
    );

    let mut builder = PeakBuilder::new(1, 8000, 100, false).unwrap();
    builder.push(&[&signal[..250]]).unwrap();
    assert_eq!(builder.take_ready().data.len(), 4);
    assert_eq!(
        builder.finish().pixel_count(),
        3,
        "the partial third pixel at the end"
    );
}

#[test]
fn merge_equals_building_at_the_coarser_zoom() {
    let mut rng = rand::rngs::StdRng::seed_from_u64(5);
    let planes: Vec<Vec<i16>> = (0..2)
        .map(|_| (0..64 * 5 * 7 + 100).map(|_| rng.random()).collect())
        .collect();
    for split in [false, true] {
        let fine = build(&planes, 64, split, &[999]);
        for factor in [1, 2, 5, 8, 1000] {
            let coarse = build(&planes, 64 * factor, split, &[999]);
            let merged = fine.merge(factor).unwrap();
            assert_eq!(merged, coarse, "factor {factor} split {split}");
            assert_eq!(fine.to_8_bit().merge(factor).unwrap(), coarse.to_8_bit());
        }
    }
}

#[test]
fn refuses_layouts_audiowaveform_refuses() {
    assert!(PeakBuilder::new(0, 8000, 256, false).is_err());
    assert!(PeakBuilder::new(25, 8000, 256, true).is_err());
    assert!(PeakBuilder::new(24, 8000, 256, true).is_ok());
    assert!(PeakBuilder::new(1, 0, 256, false).is_err());
    assert!(
        PeakBuilder::new(1, 8000, 1, false).is_err(),
        "zoom minimum is 2"
    );
    assert!(
        PeakBuilder::new(1, 8000, 1 << 31, false).is_err(),
        "beyond i32"
    );
    let mut stereo = PeakBuilder::new(2, 8000, 256, false).unwrap();
    assert!(
        stereo.push::<i16>(&[&[1, 2]]).is_err(),
        "one plane for two channels"
    );
    assert!(
        stereo.push::<i16>(&[&[1, 2], &[3]]).is_err(),
        "unequal planes"
    );
    assert!(stereo.push::<i16>(&[&[], &[]]).is_ok());

    let peaks = Peaks::new(8000, 256, 1, 16, vec![1, 2]).unwrap();
    assert!(peaks.merge(0).is_err());
    assert!(
        peaks.merge(u32::MAX).is_err(),
        "samples per pixel would overflow"
    );
    assert!(Peaks::new(8000, 256, 1, 12, vec![]).is_err(), "bits");
    assert!(
        Peaks::new(8000, 256, 2, 16, vec![1, 2]).is_err(),
        "half a pixel"
    );
    assert!(
        Peaks::new(8000, 256, 1, 8, vec![-129, 0]).is_err(),
        "not 8-bit"
    );
    let error = Peaks::new(0, 256, 1, 16, vec![]).unwrap_err();
    assert_eq!(error.code, crate::Code::Validation);
    assert!(error.message.contains("sample rate"), "{}", error.message);
}
