//! The whole recording, block by block: both voices, hold music, the secure-pause tone and
//! line noise, mixed into planar `f32` buffers that are reused from block to block.

use std::f32::consts::TAU;

use super::voice::{PhraseFrames, Voice};
use super::{AudioSpec, Span, Speaker, BLOCK_FRAMES};

/// Hold music: four triads (C, Am, F, G), a chord every two seconds, plucked on each
/// half-second beat.
const CHORDS: [[f32; 3]; 4] = [
    [261.63, 329.63, 392.00],
    [220.00, 261.63, 329.63],
    [174.61, 220.00, 261.63],
    [196.00, 246.94, 293.66],
];
const MUSIC_LEVEL: f32 = 0.08;
/// 1 kHz at −12 dBFS.
const TONE_HZ: f32 = 1000.0;
const TONE_LEVEL: f32 = 0.25;
/// White noise through a one-pole low-pass: about −55 dBFS.
const NOISE_LEVEL: f32 = 0.004;

/// Spans in frames, visited in order.
struct SpanCursor {
    spans: Vec<(u64, u64)>,
    i: usize,
}

impl SpanCursor {
    fn new(spans: &[Span], fs: u64) -> SpanCursor {
        let mut spans: Vec<(u64, u64)> = spans
            .iter()
            .map(|s| {
                (
                    s.offset_ms * fs / 1000,
                    (s.offset_ms + s.duration_ms) * fs / 1000,
                )
            })
            .collect();
        spans.sort_unstable();
        SpanCursor { spans, i: 0 }
    }

    /// The start of the span holding `t` (if any) and the frame where that answer next
    /// changes; `t` must not go back.
    fn at(&mut self, t: u64) -> (Option<u64>, u64) {
        while self.spans.get(self.i).is_some_and(|s| s.1 <= t) {
            self.i += 1;
        }
        match self.spans.get(self.i) {
            Some(&(a, b)) if a <= t => (Some(a), b),
            Some(&(a, _)) => (None, a),
            None => (None, u64::MAX),
        }
    }
}

pub struct Synth {
    fs: f32,
    channels: usize,
    t: u64,
    total: u64,
    voices: [Voice; 2],
    holds: SpanCursor,
    pauses: SpanCursor,
    noise: [u32; 2],
    noise_lp: [f32; 2],
    music_phase: [f32; 3],
    tone_phase: f32,
    buffers: [Vec<f32>; 2],
}

impl Synth {
    pub fn new(spec: &AudioSpec) -> Synth {
        let fs = u64::from(spec.sample_rate.max(1));
        let frames_of = |speaker: Speaker| {
            spec.phrases
                .iter()
                .enumerate()
                .filter(|(_, p)| p.speaker == speaker)
                .map(|(i, p)| PhraseFrames {
                    start: p.offset_ms * fs / 1000,
                    end: (p.offset_ms + p.duration_ms) * fs / 1000,
                    index: i as u64,
                })
                .collect::<Vec<_>>()
        };
        let fsf = fs as f32;
        let seed = spec.seed;
        Synth {
            fs: fsf,
            channels: usize::from(spec.channels.clamp(1, 2)),
            t: 0,
            total: spec.frames(),
            voices: [
                Voice::new(frames_of(Speaker::Customer), fsf, seed, true),
                Voice::new(frames_of(Speaker::Agent), fsf, seed, false),
            ],
            holds: SpanCursor::new(&spec.holds, fs),
            pauses: SpanCursor::new(&spec.secure_pauses, fs),
            // Xorshift must not start at zero.
            noise: [(seed as u32) | 1, ((seed >> 32) as u32) | 2],
            noise_lp: [0.0; 2],
            music_phase: [0.0; 3],
            tone_phase: 0.0,
            buffers: [vec![0.0; BLOCK_FRAMES], vec![0.0; BLOCK_FRAMES]],
        }
    }

    pub fn channels(&self) -> usize {
        self.channels
    }

    /// The next block (one slice per channel), or `None` at the end.
    pub fn next_block(&mut self) -> Option<[&[f32]; 2]> {
        let n = (self.total - self.t).min(BLOCK_FRAMES as u64) as usize;
        if n == 0 {
            return None;
        }
        let [left, right] = &mut self.buffers;
        let end = self.t + n as u64;
        // Runs over which hold and pause do not change, so the per-sample loop has no
        // span bookkeeping.
        let mut t = self.t;
        while t < end {
            let (hold, hold_until) = self.holds.at(t);
            let (pause, pause_until) = self.pauses.at(t);
            let run_end = end.min(hold_until).min(pause_until);
            for t in t..run_end {
                let i = (t - self.t) as usize;
                let customer = self.voices[0].sample(t);
                let agent = self.voices[1].sample(t);
                let (mut l, mut r) = (customer, agent);
                if let Some(start) = hold {
                    l += music(&mut self.music_phase, t - start, self.fs);
                }
                if pause.is_some() {
                    self.tone_phase += TONE_HZ / self.fs;
                    if self.tone_phase >= 1.0 {
                        self.tone_phase -= 1.0;
                    }
                    let tone = (TAU * self.tone_phase).sin() * TONE_LEVEL;
                    (l, r) = (tone, tone);
                }
                l += noise(&mut self.noise[0], &mut self.noise_lp[0]);
                r += noise(&mut self.noise[1], &mut self.noise_lp[1]);
                if self.channels == 1 {
                    left[i] = (l + r).clamp(-1.0, 1.0);
                } else {
                    left[i] = l.clamp(-1.0, 1.0);
                    right[i] = r.clamp(-1.0, 1.0);
                }
            }
            t = run_end;
        }
        self.t = end;
        Some([&left[..n], &right[..n]])
    }
}

/// Hold music `since` frames into the hold.
#[inline]
fn music(phases: &mut [f32; 3], since: u64, fs: f32) -> f32 {
    let secs = since as f32 / fs;
    let chord = CHORDS[(secs / 2.0) as usize % CHORDS.len()];
    let beat = secs * 2.0 - (secs * 2.0).floor();
    let env = (-4.0 * beat).exp();
    let mut out = 0.0;
    for (phase, f) in phases.iter_mut().zip(chord) {
        *phase += f / fs;
        if *phase >= 1.0 {
            *phase -= 1.0;
        }
        out += (TAU * *phase).sin();
    }
    out * env * MUSIC_LEVEL
}

#[inline]
fn noise(state: &mut u32, lp: &mut f32) -> f32 {
    let mut x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x;
    let white = (x as f32 / u32::MAX as f32) * 2.0 - 1.0;
    *lp += 0.3 * (white - *lp);
    *lp * NOISE_LEVEL * 2.0
}
