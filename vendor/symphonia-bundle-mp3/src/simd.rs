// Symphonia
// Copyright (c) 2019-2026 The Project Symphonia Developers.
//
// This Source Code Form is subject to the terms of the Mozilla Public
// License, v. 2.0. If a copy of the MPL was not distributed with this
// file, You can obtain one at https://mozilla.org/MPL/2.0/.

//! Patched (see vendor/README.md): the filter banks, where most of the decoder's arithmetic is,
//! built twice — for the baseline x86-64 (SSE2) and for AVX2 — and the AVX2 build used when the
//! CPU has it. Both builds run the same operations in the same order (no fused multiply-add),
//! so their output is identical; the wider vectors only do more of them at once.

/// Defines `fn $name(args…)`, which runs `$body(args…)` (an `#[inline(always)]` function)
/// through its AVX2 build, `$avx2`, when the CPU has AVX2, and through the baseline build
/// otherwise.
macro_rules! multiversion {
    (
        $(#[$meta:meta])*
        $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) => $body:ident, $avx2:ident
    ) => {
        $(#[$meta])*
        #[allow(unsafe_code)]
        $vis fn $name($($arg: $ty),*) {
            #[cfg(target_arch = "x86_64")]
            if crate::simd::has_avx2() {
                // SAFETY: the CPU supports AVX2, checked just above.
                return unsafe { $avx2($($arg),*) };
            }
            $body($($arg),*)
        }

        /// The AVX2 build: call it only on a CPU that has AVX2.
        #[cfg(target_arch = "x86_64")]
        #[target_feature(enable = "avx2")]
        fn $avx2($($arg: $ty),*) {
            $body($($arg),*)
        }
    };
}

pub(crate) use multiversion;

/// Whether the CPU has AVX2 (std caches the answer after the first call).
#[cfg(target_arch = "x86_64")]
#[inline]
pub(crate) fn has_avx2() -> bool {
    std::is_x86_feature_detected!("avx2")
}

/// Test input: deterministic values in [-1, 1), with runs of zeros as real spectra have.
#[cfg(test)]
pub(crate) fn test_signal(seed: u64, out: &mut [f32]) {
    let mut x = seed | 1;
    for v in out.iter_mut() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        *v = if x % 5 == 0 { 0.0 } else { (x >> 40) as f32 / (1u64 << 23) as f32 - 1.0 };
    }
}
