//! One speaker's voice: a source-filter model cheap enough to run per sample for hours.
//! A sawtooth at the speaker's pitch stands in for the glottal pulses; three two-pole
//! resonators give it a vowel's formants. Phrases split into words of one to three
//! syllables; each syllable has its own vowel and a rise-and-fall envelope.

use super::SplitMix;

/// Formants (F1, F2, F3) in Hz of a few vowels of an adult male voice.
const VOWELS: [[f32; 3]; 5] = [
    [730.0, 1090.0, 2440.0], // a
    [530.0, 1840.0, 2480.0], // e
    [270.0, 2290.0, 3010.0], // i
    [570.0, 840.0, 2410.0],  // o
    [300.0, 870.0, 2240.0],  // u
];
const BANDWIDTHS: [f32; 3] = [90.0, 110.0, 150.0];
const FORMANT_GAINS: [f32; 3] = [1.0, 0.6, 0.3];
/// Overall level: a syllable's peak lands around −10 dBFS.
const LEVEL: f32 = 2.2;

/// A two-pole resonator normalised to unit gain at its centre frequency.
#[derive(Debug, Clone, Copy, Default)]
struct Resonator {
    b0: f32,
    a1: f32,
    a2: f32,
    y1: f32,
    y2: f32,
}

impl Resonator {
    fn tune(&mut self, freq: f32, bandwidth: f32, fs: f32) {
        // Above about 0.45 fs the formant would fold over; pin it below Nyquist instead.
        let theta = 2.0 * std::f32::consts::PI * freq.min(0.45 * fs) / fs;
        let r = (-std::f32::consts::PI * bandwidth / fs).exp();
        self.a1 = 2.0 * r * theta.cos();
        self.a2 = -r * r;
        self.b0 = (1.0 - r) * (1.0 + r * r - 2.0 * r * (2.0 * theta).cos()).sqrt();
    }

    #[inline]
    fn process(&mut self, x: f32) -> f32 {
        let y = self.b0 * x + self.a1 * self.y1 + self.a2 * self.y2;
        self.y2 = self.y1;
        self.y1 = y;
        y
    }
}

/// A phrase in sample frames, with the index that seeds its words.
#[derive(Debug, Clone, Copy)]
pub struct PhraseFrames {
    pub start: u64,
    pub end: u64,
    pub index: u64,
}

pub struct Voice {
    phrases: Vec<PhraseFrames>,
    next: usize,
    /// The phrase being spoken.
    current: Option<PhraseFrames>,
    fs: f32,
    seed: u64,
    base_f0: f32,
    formant_scale: f32,
    rng: SplitMix,
    /// The current syllable or pause: [seg_start, seg_end).
    seg_start: u64,
    seg_end: u64,
    voiced: bool,
    syllables_left: u32,
    inv_seg_len: f32,
    inv_phrase_len: f32,
    phase: f32,
    resonators: [Resonator; 3],
}

impl Voice {
    /// `female` raises pitch and formants, so the two sides sound (and measure) apart.
    pub fn new(mut phrases: Vec<PhraseFrames>, fs: f32, seed: u64, female: bool) -> Voice {
        phrases.sort_by_key(|p| p.start);
        let mut rng = SplitMix(seed ^ if female { 0xfe } else { 0x3a });
        let (base_f0, formant_scale) = if female {
            (190.0 + 40.0 * rng.unit(), 1.15 + 0.05 * rng.unit())
        } else {
            (100.0 + 30.0 * rng.unit(), 0.97 + 0.06 * rng.unit())
        };
        Voice {
            phrases,
            next: 0,
            current: None,
            fs,
            seed,
            base_f0,
            formant_scale,
            rng,
            seg_start: 0,
            seg_end: 0,
            voiced: false,
            syllables_left: 0,
            inv_seg_len: 0.0,
            inv_phrase_len: 0.0,
            phase: 0.0,
            resonators: [Resonator::default(); 3],
        }
    }

    /// The voice's sample at frame `t`; frames must come in order.
    #[inline]
    pub fn sample(&mut self, t: u64) -> f32 {
        let Some(phrase) = self.current_phrase(t) else {
            return self.ring_out();
        };
        if t >= self.seg_end {
            self.next_segment(t, phrase);
        }
        if !self.voiced {
            return self.ring_out();
        }
        let p = (t - self.seg_start) as f32 * self.inv_seg_len;
        let env = 4.0 * p * (1.0 - p);
        let progress = (t - phrase.start) as f32 * self.inv_phrase_len;
        // Declination over the phrase and a small rise-fall over the syllable.
        let f0 = self.base_f0 * (1.1 - 0.2 * progress) * (1.0 + 0.08 * env);
        self.phase += f0 / self.fs;
        if self.phase >= 1.0 {
            self.phase -= 1.0;
        }
        let source = (0.5 - self.phase) * env;
        self.filter(source) * LEVEL
    }

    /// Written out rather than iterated: unoptimised builds run this 100,000 times a
    /// second per voice, and the iterator adaptors cost more than the arithmetic.
    #[inline]
    fn filter(&mut self, x: f32) -> f32 {
        let [a, b, c] = &mut self.resonators;
        a.process(x) * FORMANT_GAINS[0]
            + b.process(x) * FORMANT_GAINS[1]
            + c.process(x) * FORMANT_GAINS[2]
    }

    /// Lets the resonators ring out instead of cutting them off, then rests for free.
    #[inline]
    fn ring_out(&mut self) -> f32 {
        let [a, b, c] = &self.resonators;
        let energy = a.y1.abs() + a.y2.abs() + b.y1.abs() + b.y2.abs() + c.y1.abs() + c.y2.abs();
        if energy < 1e-6 {
            return 0.0;
        }
        self.filter(0.0)
    }

    /// The phrase spoken at `t`, starting the next one when its time comes.
    #[inline]
    fn current_phrase(&mut self, t: u64) -> Option<PhraseFrames> {
        if let Some(p) = self.current {
            if t < p.end {
                return Some(p);
            }
            self.current = None;
        }
        while let Some(p) = self.phrases.get(self.next).copied() {
            if t < p.start {
                return None;
            }
            self.next += 1;
            if t < p.end {
                self.start_phrase(p);
                return Some(p);
            }
        }
        None
    }

    fn start_phrase(&mut self, p: PhraseFrames) {
        self.current = Some(p);
        self.rng = SplitMix(self.seed ^ p.index.wrapping_mul(0x2545_F491_4F6C_DD1D));
        self.inv_phrase_len = 1.0 / (p.end - p.start).max(1) as f32;
        self.seg_start = p.start;
        self.seg_end = p.start;
        self.voiced = false;
        self.syllables_left = 0;
    }

    /// Plans the syllable or pause starting at `t`, kept inside the phrase.
    fn next_segment(&mut self, t: u64, phrase: PhraseFrames) {
        let ms = self.fs / 1000.0;
        let len_ms = if self.syllables_left > 0 {
            self.syllables_left -= 1;
            self.voiced = true;
            self.tune_vowel();
            150 + self.rng.below(120)
        } else if self.voiced {
            self.voiced = false;
            60 + self.rng.below(160)
        } else {
            self.syllables_left = self.rng.below(3) as u32;
            self.voiced = true;
            self.tune_vowel();
            150 + self.rng.below(120)
        };
        let len = ((len_ms as f32 * ms) as u64).max(1);
        self.seg_start = t;
        self.seg_end = (t + len).min(phrase.end);
        self.inv_seg_len = 1.0 / (self.seg_end - t).max(1) as f32;
    }

    fn tune_vowel(&mut self) {
        let vowel = VOWELS[self.rng.below(VOWELS.len() as u64) as usize];
        for ((r, f), bw) in self.resonators.iter_mut().zip(vowel).zip(BANDWIDTHS) {
            r.tune(f * self.formant_scale, bw, self.fs);
        }
    }
}
