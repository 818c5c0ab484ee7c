//! Playback at 0.5–3× without changing the pitch: WSOLA (waveform-similarity overlap-add).
//! Output is built from short windowed pieces of the input laid down at a fixed hop; the
//! input is read at `rate` times that hop, and each piece is nudged (within a few
//! milliseconds) to where it best continues the previous one, so voices stay voices
//! instead of the chipmunk a resampler makes at 2×.
//!
//! At 1× the input is passed through untouched.

/// Interleaved frames in, interleaved frames out, each output chunk tagged with the input
/// frame it starts from (what the playhead shows while that chunk is heard).
pub struct Stretcher {
    channels: usize,
    /// Output hop in frames; a piece is twice as long.
    hop: usize,
    /// How far a piece may move from its nominal place to match the previous one.
    tolerance: usize,
    rate: f64,
    window: Vec<f32>,
    /// Buffered input (interleaved) and the stream frame its first frame is.
    input: Vec<f32>,
    input_start: u64,
    /// Where the next piece would start without adjustment (stream frames).
    nominal: f64,
    /// Where the previous piece actually started, for the similarity template.
    previous: Option<u64>,
    /// The second half of the previous piece, waiting for the next piece's first half.
    overlap: Vec<f32>,
}

impl Stretcher {
    pub fn new(channels: usize, sample_rate: u32, at_frame: u64) -> Self {
        let hop = (sample_rate as usize * 15 / 1000).max(16);
        let window = (0..2 * hop)
            .map(|i| {
                let x = std::f32::consts::PI * (i as f32 + 0.5) / (2 * hop) as f32;
                x.sin() * x.sin()
            })
            .collect();
        Self {
            channels: channels.max(1),
            hop,
            tolerance: (sample_rate as usize * 8 / 1000).max(4),
            rate: 1.0,
            window,
            input: Vec::new(),
            input_start: at_frame,
            nominal: at_frame as f64,
            previous: None,
            overlap: vec![0.0; hop * channels.max(1)],
        }
    }

    pub fn rate(&self) -> f64 {
        self.rate
    }

    pub fn set_rate(&mut self, rate: f64) {
        self.rate = rate.clamp(0.5, 3.0);
    }

    /// Starts again at `frame` (after a seek): buffered input and overlap are dropped.
    pub fn reset(&mut self, frame: u64) {
        self.input.clear();
        self.input_start = frame;
        self.nominal = frame as f64;
        self.previous = None;
        self.overlap.iter_mut().for_each(|s| *s = 0.0);
    }

    /// The stream frame the next input frame pushed will be.
    pub fn input_end(&self) -> u64 {
        self.input_start + (self.input.len() / self.channels) as u64
    }

    pub fn push(&mut self, frames: &[f32]) {
        self.input.extend_from_slice(frames);
    }

    /// Input frames wanted before the next chunk can be made.
    pub fn wants_input(&self) -> bool {
        let need = self.nominal as u64 + (2 * self.hop + 2 * self.tolerance) as u64;
        self.input_end() < need
    }

    /// Makes the next chunk into `out` (appended) and returns the stream frame it starts
    /// from, or `None` when more input is needed (or, with `end`, nothing is left).
    pub fn next_chunk(&mut self, out: &mut Vec<f32>, end: bool) -> Option<u64> {
        let c = self.channels;
        if (self.rate - 1.0).abs() < 1e-3 && self.previous.is_none() {
            // 1×: pass the input through a hop at a time.
            let at = self.nominal as u64;
            let offset = (at.saturating_sub(self.input_start)) as usize * c;
            let available = self.input.len().saturating_sub(offset) / c;
            let n = if available >= self.hop || (end && available > 0) {
                available.min(self.hop)
            } else {
                return None;
            };
            out.extend_from_slice(&self.input[offset..offset + n * c]);
            self.nominal += n as f64;
            self.trim();
            return Some(at);
        }
        let piece = 2 * self.hop;
        let nominal = self.nominal as u64;
        let lowest = nominal
            .saturating_sub(self.tolerance as u64)
            .max(self.input_start);
        let highest = nominal + self.tolerance as u64;
        if self.input_end() < highest + piece as u64 {
            if !end {
                return None;
            }
            if self.input_end() <= nominal {
                return None;
            }
        }
        let start = match self.previous {
            None => nominal.max(self.input_start),
            Some(prev) => self.best_match(prev + self.hop as u64, lowest, highest),
        };
        let offset = (start - self.input_start) as usize * c;
        // First half of this piece completes the previous piece's second half.
        for i in 0..self.hop {
            let w = self.window[i];
            for ch in 0..c {
                let s = self.input.get(offset + i * c + ch).copied().unwrap_or(0.0);
                out.push(self.overlap[i * c + ch] + w * s);
            }
        }
        for i in 0..self.hop {
            let w = self.window[self.hop + i];
            for ch in 0..c {
                let s = self
                    .input
                    .get(offset + (self.hop + i) * c + ch)
                    .copied()
                    .unwrap_or(0.0);
                self.overlap[i * c + ch] = w * s;
            }
        }
        self.previous = Some(start);
        self.nominal += self.hop as f64 * self.rate;
        self.trim();
        Some(start)
    }

    /// The start in `[lowest, highest]` whose opening best matches the input that follows
    /// the previous piece (`template_at`): the correlation of their channel sums.
    fn best_match(&self, template_at: u64, lowest: u64, highest: u64) -> u64 {
        let c = self.channels;
        let mono = |frame: u64, i: usize| -> f32 {
            let base = (frame - self.input_start) as usize * c + i * c;
            (0..c)
                .map(|ch| self.input.get(base + ch).copied().unwrap_or(0.0))
                .sum()
        };
        let len = self.hop;
        // Every second frame is enough to find the best alignment, at half the cost.
        let (mut best, mut best_score) = (lowest, f32::MIN);
        let mut candidate = lowest;
        while candidate <= highest {
            let score: f32 = (0..len)
                .step_by(2)
                .map(|i| mono(template_at, i) * mono(candidate, i))
                .sum();
            if score > best_score {
                (best, best_score) = (candidate, score);
            }
            candidate += 1;
        }
        best
    }

    /// Drops input no future piece can reach.
    fn trim(&mut self) {
        let keep_from = match self.previous {
            Some(prev) => {
                prev.min(self.nominal as u64 - self.tolerance.min(self.nominal as usize) as u64)
            }
            None => self.nominal as u64,
        };
        let drop = keep_from.saturating_sub(self.input_start) as usize;
        let drop = drop.min(self.input.len() / self.channels);
        if drop > 4096 {
            self.input.drain(..drop * self.channels);
            self.input_start += drop as u64;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RATE: u32 = 8000;

    fn sine(freq: f32, seconds: f32, channels: usize) -> Vec<f32> {
        let n = (RATE as f32 * seconds) as usize;
        (0..n)
            .flat_map(|i| {
                let s = (2.0 * std::f32::consts::PI * freq * i as f32 / RATE as f32).sin() * 0.5;
                std::iter::repeat_n(s, channels)
            })
            .collect()
    }

    fn stretch(input: &[f32], channels: usize, rate: f64) -> Vec<f32> {
        let mut s = Stretcher::new(channels, RATE, 0);
        s.set_rate(rate);
        let mut out = Vec::new();
        for block in input.chunks(333 * channels) {
            s.push(block);
            while s.next_chunk(&mut out, false).is_some() {}
        }
        while s.next_chunk(&mut out, true).is_some() {}
        out
    }

    /// Frequency from upward zero crossings of one channel, skipping the edges.
    fn frequency(samples: &[f32], channels: usize) -> f32 {
        let ch: Vec<f32> = samples.iter().step_by(channels).copied().collect();
        let inner = &ch[ch.len() / 10..ch.len() * 9 / 10];
        let crossings = inner
            .windows(2)
            .filter(|w| w[0] < 0.0 && w[1] >= 0.0)
            .count();
        crossings as f32 * RATE as f32 / inner.len() as f32
    }

    #[test]
    fn the_pitch_stays_while_the_duration_follows_the_rate() {
        let input = sine(440.0, 4.0, 2);
        for rate in [0.5, 0.75, 1.25, 1.5, 2.0, 3.0] {
            let out = stretch(&input, 2, rate);
            let seconds = out.len() as f64 / 2.0 / f64::from(RATE);
            assert!(
                (seconds - 4.0 / rate).abs() < 0.1,
                "at {rate}×: {seconds} s instead of {}",
                4.0 / rate
            );
            let f = frequency(&out, 2);
            assert!((f - 440.0).abs() < 12.0, "at {rate}×: {f} Hz");
            // No clicks: the loudest sample stays near the input's level.
            let peak = out.iter().fold(0f32, |m, s| m.max(s.abs()));
            assert!(peak < 0.6, "at {rate}×: peak {peak}");
        }
    }

    #[test]
    fn one_times_is_the_input_itself() {
        let input = sine(300.0, 1.0, 2);
        assert_eq!(stretch(&input, 2, 1.0), input);
    }

    #[test]
    fn chunks_say_where_in_the_input_they_come_from() {
        let mut s = Stretcher::new(1, RATE, 16_000);
        s.set_rate(2.0);
        s.push(&sine(200.0, 2.0, 1));
        let mut out = Vec::new();
        let mut starts = Vec::new();
        while let Some(at) = s.next_chunk(&mut out, false) {
            starts.push(at);
        }
        assert_eq!(starts[0], 16_000);
        // Each chunk is 15 ms of output and moves about 30 ms through the input.
        let hop = (RATE * 15 / 1000) as f64;
        for (i, at) in starts.iter().enumerate().skip(1) {
            let nominal = 16_000.0 + i as f64 * hop * 2.0;
            assert!(
                (*at as f64 - nominal).abs() <= f64::from(RATE) * 0.008 + 1.0,
                "{i}: {at}"
            );
        }
        s.reset(40_000);
        assert!(s.next_chunk(&mut out, false).is_none());
        assert_eq!(s.input_end(), 40_000);
    }
}
