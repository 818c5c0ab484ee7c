//! Audio samples as the decoder hands them over, and the min/max scan over them.
//!
//! Every sample becomes a 16-bit value before peaks are taken, because the audiowaveform
//! formats (and the UI drawing them) are 16-bit at most. The conversions are the ones
//! libsndfile applies when audiowaveform asks it for `short` samples.

/// A sample type a decoder produces, converted to 16 bits as libsndfile does.
pub trait Sample: Copy {
    fn to_i16(self) -> i16;

    /// The smallest and largest 16-bit value in `samples`; `(i16::MAX, i16::MIN)` when
    /// empty, which is how audiowaveform starts a pixel, so folding that in changes nothing.
    #[inline(always)]
    fn min_max(samples: &[Self]) -> (i16, i16) {
        min_max(samples)
    }

    /// The same over frames `start..end` mixed to mono as audiowaveform mixes them: the
    /// channels' 16-bit values summed as i32 and divided by the channel count, truncating
    /// toward zero.
    #[inline(always)]
    fn mixed_min_max(planes: &[&[Self]], start: usize, end: usize) -> (i16, i16) {
        mixed_min_max(planes, start, end)
    }
}

impl Sample for i16 {
    #[inline(always)]
    fn to_i16(self) -> i16 {
        self
    }

    /// Stereo, the usual case, in one pass that never leaves 16 bits (see [`mean_of_two`]).
    fn mixed_min_max(planes: &[&[i16]], start: usize, end: usize) -> (i16, i16) {
        match planes {
            [left, right] => pair_extremes(
                &left[start..end],
                &right[start..end],
                (i16::MAX, i16::MIN),
                mean_of_two,
            ),
            _ => mixed_min_max(planes, start, end),
        }
    }
}

/// `(a + b) / 2` truncated toward zero, as audiowaveform averages two channels in `int`,
/// computed in 16 bits so eight frames fit one vector: the floor of the half-sum from the
/// halves and their shared low bit, then one up where the sum is negative and odd.
#[inline(always)]
pub(crate) fn mean_of_two(a: i16, b: i16) -> i16 {
    let floor = (a >> 1) + (b >> 1) + (a & b & 1);
    floor + ((floor >> 15) & (a ^ b) & 1)
}

/// Full-scale 32-bit PCM keeps its top 16 bits (libsndfile's int→short shift).
impl Sample for i32 {
    #[inline(always)]
    fn to_i16(self) -> i16 {
        (self >> 16) as i16
    }
}

/// Signed 8-bit PCM moves up into the top byte.
impl Sample for i8 {
    #[inline(always)]
    fn to_i16(self) -> i16 {
        i16::from(self) << 8
    }
}

/// Unsigned 8-bit PCM (WAV's 8-bit) is centred on 128; remove the offset, then as `i8`.
impl Sample for u8 {
    #[inline(always)]
    fn to_i16(self) -> i16 {
        (i16::from(self) - 128) << 8
    }
}

/// Floats are scaled by 32767 and rounded to nearest, ties to even (libsndfile's
/// `lrintf(x * 0x7FFF)`), then clamped to the 16-bit range instead of wrapping, so a
/// clipping recording (beyond ±1.0) draws as full scale. NaN becomes 0.
impl Sample for f32 {
    #[inline(always)]
    fn to_i16(self) -> i16 {
        // Clamp first so the value is small enough for the rounding trick below, which
        // vectorises where `round_ties_even` would be a library call per sample on x86-64.
        let scaled = (self * 32767.0).clamp(-32768.0, 32767.0);
        // Adding and removing 1.5 * 2^23 leaves no fraction bits: the FPU rounds to
        // nearest even, exactly like lrintf. Valid while |scaled| < 2^22.
        const ROUND: f32 = 12_582_912.0;
        ((scaled + ROUND) - ROUND) as i16
    }

    /// The conversion never decreases as the float grows, so the extremes of the floats
    /// convert to the extremes of the 16-bit values: two conversions instead of one per
    /// sample, and a scan the CPU does four or eight floats at a time.
    fn min_max(samples: &[f32]) -> (i16, i16) {
        if samples.is_empty() {
            return (i16::MAX, i16::MIN);
        }
        let (lo, hi) = pair_extremes(samples, samples, FLOAT_EMPTY, |x, _| nan_as_zero(x));
        (lo.to_i16(), hi.to_i16())
    }

    /// Each channel is rounded to 16 bits first (the sum of rounded values is what
    /// audiowaveform averages), but the sums stay floats: they are whole numbers far below
    /// 2^24, so exact, and the truncating mean never decreases as the sum grows, so only
    /// the extreme sums are divided.
    fn mixed_min_max(planes: &[&[f32]], start: usize, end: usize) -> (i16, i16) {
        if start >= end {
            return (i16::MAX, i16::MIN);
        }
        let channels = planes.len() as i32;
        let mean =
            |(lo, hi): (f32, f32)| ((lo as i32 / channels) as i16, (hi as i32 / channels) as i16);
        if let [left, right] = planes {
            // The usual stereo case, in one pass.
            let (left, right) = (&left[start..end], &right[start..end]);
            return mean(pair_extremes(left, right, FLOAT_EMPTY, |l, r| {
                rounded(l) + rounded(r)
            }));
        }
        let mut lo = f32::INFINITY;
        let mut hi = f32::NEG_INFINITY;
        let mut sums = [0f32; MIX_BLOCK];
        let mut at = start;
        while at < end {
            let n = (end - at).min(MIX_BLOCK);
            let sums = &mut sums[..n];
            sums.fill(0.0);
            for plane in planes {
                for (sum, &x) in sums.iter_mut().zip(&plane[at..at + n]) {
                    *sum += rounded(x);
                }
            }
            let (l, h) = pair_extremes(sums, sums, FLOAT_EMPTY, |sum, _| sum);
            (lo, hi) = (lo.min(l), hi.max(h));
            at += n;
        }
        mean((lo, hi))
    }
}

/// What a scan of no floats gives.
const FLOAT_EMPTY: (f32, f32) = (f32::INFINITY, f32::NEG_INFINITY);

/// NaN converts to 0; the scans below must not see it (it would poison a min or max).
#[inline(always)]
fn nan_as_zero(x: f32) -> f32 {
    if x.is_nan() {
        0.0
    } else {
        x
    }
}

/// `x.to_i16()` as a float: the same rounding, without leaving the float registers.
#[inline(always)]
fn rounded(x: f32) -> f32 {
    const ROUND: f32 = 12_582_912.0;
    ((nan_as_zero(x) * 32767.0).clamp(-32768.0, 32767.0) + ROUND) - ROUND
}

/// Min and max of `value(a, b)` over the pairs of `left` and `right` (pass the same slice
/// twice for one channel), starting from `empty` (what an empty input gives). In
/// independent lanes over fixed-size chunks so the loop vectorises; `value` must give no
/// NaN. Plain comparisons: `f32::min` would add NaN handling there is no need for.
#[inline(always)]
fn pair_extremes<S: Copy, V: Copy + PartialOrd>(
    left: &[S],
    right: &[S],
    empty: (V, V),
    value: impl Fn(S, S) -> V,
) -> (V, V) {
    let n = left.len().min(right.len());
    let (left_chunks, left_rest) = left[..n].as_chunks::<LANES>();
    let (right_chunks, right_rest) = right[..n].as_chunks::<LANES>();
    let mut mins = [empty.0; LANES];
    let mut maxs = [empty.1; LANES];
    let fold = |(lo, hi): (V, V), v: V| (if v < lo { v } else { lo }, if v > hi { v } else { hi });
    for (l, r) in left_chunks.iter().zip(right_chunks) {
        for lane in 0..LANES {
            (mins[lane], maxs[lane]) = fold((mins[lane], maxs[lane]), value(l[lane], r[lane]));
        }
    }
    let lanes = mins.into_iter().zip(maxs).fold(empty, |(lo, hi), (l, h)| {
        (if l < lo { l } else { lo }, if h > hi { h } else { hi })
    });
    left_rest
        .iter()
        .zip(right_rest)
        .fold(lanes, |acc, (&l, &r)| fold(acc, value(l, r)))
}

/// As for `f32`, in double precision (libsndfile's `lrint(x * 0x7FFF)`).
impl Sample for f64 {
    #[inline(always)]
    fn to_i16(self) -> i16 {
        let scaled = (self * 32767.0).clamp(-32768.0, 32767.0);
        const ROUND: f64 = 6_755_399_441_055_744.0; // 1.5 * 2^52
        ((scaled + ROUND) - ROUND) as i16
    }
}

/// Independent accumulators: each lane only depends on itself, so the compiler can keep
/// them in one vector register instead of waiting on a single running min.
const LANES: usize = 16;

/// The smallest and largest 16-bit value in `samples`; `(i16::MAX, i16::MIN)` when empty,
/// which is how audiowaveform starts a pixel, so folding that in changes nothing.
pub(crate) fn min_max<S: Sample>(samples: &[S]) -> (i16, i16) {
    let mut mins = [i16::MAX; LANES];
    let mut maxs = [i16::MIN; LANES];
    let chunks = samples.chunks_exact(LANES);
    let rest = chunks.remainder();
    for chunk in chunks {
        for lane in 0..LANES {
            let v = chunk[lane].to_i16();
            mins[lane] = mins[lane].min(v);
            maxs[lane] = maxs[lane].max(v);
        }
    }
    let mut lo = mins.iter().copied().fold(i16::MAX, i16::min);
    let mut hi = maxs.iter().copied().fold(i16::MIN, i16::max);
    // The tail goes into the totals, not the lanes: indexing the lanes by a runtime
    // position would pin them to memory and stop some types' loop from vectorising.
    for s in rest {
        let v = s.to_i16();
        lo = lo.min(v);
        hi = hi.max(v);
    }
    (lo, hi)
}

/// Frames mixed to mono per step: big enough to amortise the loop, small enough for the
/// stack, and never an interleaved copy of the whole chunk.
const MIX_BLOCK: usize = 256;

/// Min and max of frames `start..end` mixed to mono as audiowaveform does: the channels'
/// 16-bit values summed as i32 and divided by the channel count, truncating toward zero.
/// (audiowaveform then clamps to i16; a mean of i16 values always fits, so no clamp here.)
pub(crate) fn mixed_min_max<S: Sample>(planes: &[&[S]], start: usize, end: usize) -> (i16, i16) {
    let mut result = (i16::MAX, i16::MIN);
    let mut sums = [0i32; MIX_BLOCK];
    let mut mono = [0i16; MIX_BLOCK];
    let mut at = start;
    while at < end {
        let n = (end - at).min(MIX_BLOCK);
        let sums = &mut sums[..n];
        sums.fill(0);
        for plane in planes {
            for (sum, s) in sums.iter_mut().zip(&plane[at..at + n]) {
                *sum += i32::from(s.to_i16());
            }
        }
        let mono = &mut mono[..n];
        let channels = planes.len() as i32;
        if channels == 2 {
            // The usual stereo case, with a constant divisor the compiler can vectorise.
            for (m, sum) in mono.iter_mut().zip(sums.iter()) {
                *m = (sum / 2) as i16;
            }
        } else {
            for (m, sum) in mono.iter_mut().zip(sums.iter()) {
                *m = (sum / channels) as i16;
            }
        }
        let (lo, hi) = min_max(mono);
        result = (result.0.min(lo), result.1.max(hi));
        at += n;
    }
    result
}

/// The plain one-at-a-time scan, kept as the reference the lane version must agree with.
#[cfg(test)]
pub(crate) fn min_max_scalar<S: Sample>(samples: &[S]) -> (i16, i16) {
    let mut lo = i16::MAX;
    let mut hi = i16::MIN;
    for s in samples {
        let v = s.to_i16();
        if v < lo {
            lo = v;
        }
        if v > hi {
            hi = v;
        }
    }
    (lo, hi)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};

    /// libsndfile's float→short written the obvious way; `product` is `x * 32767` in the
    /// sample's own precision, as C computes `float * short`.
    fn float_reference(product: f64) -> i16 {
        if product.is_nan() {
            return 0;
        }
        product.round_ties_even().clamp(-32768.0, 32767.0) as i16
    }

    #[test]
    fn integers_convert_like_libsndfile() {
        assert_eq!(0x7fff_ffff_i32.to_i16(), 32767);
        assert_eq!(i32::MIN.to_i16(), -32768);
        assert_eq!((-1_i32).to_i16(), -1, "an arithmetic shift keeps the sign");
        assert_eq!(0x0001_ffff_i32.to_i16(), 1);
        assert_eq!(i8::MIN.to_i16(), -32768);
        assert_eq!(127_i8.to_i16(), 32512);
        assert_eq!(0_u8.to_i16(), -32768);
        assert_eq!(128_u8.to_i16(), 0, "128 is silence in unsigned 8-bit PCM");
        assert_eq!(255_u8.to_i16(), 32512);
    }

    #[test]
    fn floats_round_to_nearest_even_and_clamp() {
        assert_eq!(1.0_f32.to_i16(), 32767);
        assert_eq!((-1.0_f32).to_i16(), -32767, "the scale is 32767 both ways");
        assert_eq!(1.5_f32.to_i16(), 32767, "clipping floats clamp, not wrap");
        assert_eq!((-7.0_f64).to_i16(), -32768);
        assert_eq!(f32::NAN.to_i16(), 0);
        assert_eq!(f32::INFINITY.to_i16(), 32767);
        assert_eq!(
            (0.5 / 32767.0_f64).to_i16(),
            0,
            "a tie goes to the even value"
        );
        assert_eq!((1.5 / 32767.0_f64).to_i16(), 2);
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        for _ in 0..100_000 {
            let x: f64 = rng.random_range(-1.2..1.2);
            assert_eq!(x.to_i16(), float_reference(x * 32767.0), "f64 {x}");
            let y = x as f32;
            let product = f64::from(y * 32767.0);
            assert_eq!(y.to_i16(), float_reference(product), "f32 {y}");
        }
    }

    #[test]
    fn float_shortcuts_agree_with_converting_every_sample() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(13);
        let mut float = |i: usize| -> f32 {
            match i % 97 {
                5 => f32::NAN,
                6 => f32::INFINITY,
                7 => f32::NEG_INFINITY,
                // Exact ties between two 16-bit values, which round to the even one.
                8 => (rng.random_range(-32000..32000) as f32 + 0.5) / 32767.0,
                _ => rng.random_range(-1.3..1.3),
            }
        };
        for len in [0, 1, 15, 16, 17, 33, 100, 257, 1000] {
            let planes: Vec<Vec<f32>> = (0..3)
                .map(|c| (0..len).map(|i| float(i * 3 + c)).collect())
                .collect();
            let left = &planes[0];
            assert_eq!(f32::min_max(left), min_max_scalar(left), "len {len}");
            for channels in 1..=3 {
                let views: Vec<&[f32]> = planes[..channels].iter().map(Vec::as_slice).collect();
                for (start, end) in [(0, len), (len / 3, len), (len / 2, len / 2)] {
                    assert_eq!(
                        f32::mixed_min_max(&views, start, end),
                        mixed_min_max(&views, start, end),
                        "{channels} channels, {start}..{end} of {len}"
                    );
                }
            }
        }
        let nans = [f32::NAN; 20];
        assert_eq!(f32::min_max(&nans), (0, 0), "NaN counts as silence");
    }

    #[test]
    fn the_mean_of_two_truncates_toward_zero_like_int_division() {
        let edges = [
            i16::MIN,
            i16::MIN + 1,
            -3,
            -2,
            -1,
            0,
            1,
            2,
            3,
            i16::MAX - 1,
            i16::MAX,
        ];
        let mut rng = rand::rngs::StdRng::seed_from_u64(17);
        let pairs = edges
            .iter()
            .flat_map(|&a| edges.iter().map(move |&b| (a, b)))
            .chain((0..1_000_000).map(|_| (rng.random(), rng.random())));
        for (a, b) in pairs {
            let want = ((i32::from(a) + i32::from(b)) / 2) as i16;
            assert_eq!(mean_of_two(a, b), want, "({a} + {b}) / 2");
        }
    }

    #[test]
    fn the_stereo_shortcut_agrees_with_summing_every_frame() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(19);
        for len in [0, 1, 15, 16, 17, 100, 1000] {
            let planes: Vec<Vec<i16>> = (0..2)
                .map(|_| (0..len).map(|_| rng.random()).collect())
                .collect();
            let views: Vec<&[i16]> = planes.iter().map(Vec::as_slice).collect();
            for (start, end) in [(0, len), (len / 3, len), (len / 2, len / 2)] {
                assert_eq!(
                    i16::mixed_min_max(&views, start, end),
                    mixed_min_max(&views, start, end),
                    "{start}..{end} of {len}"
                );
            }
        }
    }

    #[test]
    fn lane_scan_agrees_with_scalar_scan() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(11);
        for len in [0, 1, 15, 16, 17, 31, 32, 33, 100, 1000] {
            let ints: Vec<i16> = (0..len).map(|_| rng.random()).collect();
            assert_eq!(min_max(&ints), min_max_scalar(&ints), "i16 len {len}");
            let floats: Vec<f32> = (0..len).map(|_| rng.random_range(-1.5..1.5)).collect();
            assert_eq!(min_max(&floats), min_max_scalar(&floats), "f32 len {len}");
            let bytes: Vec<u8> = (0..len).map(|_| rng.random()).collect();
            assert_eq!(min_max(&bytes), min_max_scalar(&bytes), "u8 len {len}");
        }
    }
}
