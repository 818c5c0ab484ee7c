//! Audio samples as the decoder hands them over, and the min/max scan over them.
//!
//! Every sample becomes a 16-bit value before peaks are taken, because the audiowaveform
//! formats (and the UI drawing them) are 16-bit at most. The conversions are the ones
//! libsndfile applies when audiowaveform asks it for `short` samples.

/// A sample type a decoder produces, converted to 16 bits as libsndfile does.
pub trait Sample: Copy {
    fn to_i16(self) -> i16;
}

impl Sample for i16 {
    #[inline(always)]
    fn to_i16(self) -> i16 {
        self
    }
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
