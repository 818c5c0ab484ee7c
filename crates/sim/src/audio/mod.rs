//! Synthetic call recordings: real, decodable audio whose content follows a conversation's
//! transcript, so a player, a waveform or a sentiment marker can be checked against it.
//!
//! # Layout of a recording
//! * **Stereo, left = customer** (`external`), **right = agent** (`internal`), as
//!   Genesys Cloud records a call; a mono recording mixes both.
//! * Each phrase is a voice on its speaker's channel, from exactly its offset for exactly
//!   its duration: words of one to three syllables (a glottal pulse train at the
//!   speaker's pitch through three formant resonators, the vowel changing per syllable,
//!   the pitch falling over the phrase) separated by short pauses.
//! * During a hold the customer's side carries hold music (plucked three-note chords); the
//!   agent's side only line noise.
//! * During a secure pause both sides carry a steady 1 kHz tone at −12 dBFS, which is what
//!   stands in for the audio the real service leaves out.
//! * Low line noise throughout (about −55 dBFS), so "silence" is never digital zero.
//!
//! Everything is drawn from [`AudioSpec::seed`] and the phrase index, never from the
//! block size, so the same spec gives the same bytes however it is written. Generation
//! streams in blocks of [`BLOCK_FRAMES`]: memory stays flat for a two-hour recording.

mod encode;
mod synth;
mod voice;

use std::io::{self, Write};

pub use encode::write_recording;

/// Frames generated per block; also the Vorbis analysis block size.
pub const BLOCK_FRAMES: usize = 4096;

/// Who is speaking, and so on which channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Speaker {
    /// `external`: the left channel.
    Customer,
    /// `internal`: the right channel.
    Agent,
}

impl Speaker {
    /// The stereo channel the speaker is recorded on.
    pub fn channel(self) -> usize {
        match self {
            Speaker::Customer => 0,
            Speaker::Agent => 1,
        }
    }
}

/// One phrase, in milliseconds from the start of the recording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpeechSpan {
    pub offset_ms: u64,
    pub duration_ms: u64,
    pub speaker: Speaker,
}

/// A hold or a secure pause, in milliseconds from the start of the recording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub offset_ms: u64,
    pub duration_ms: u64,
}

/// What to generate. Phrases of one speaker must not overlap each other.
#[derive(Debug, Clone, PartialEq)]
pub struct AudioSpec {
    pub duration_ms: u64,
    /// 8,000 (telephony) to 48,000.
    pub sample_rate: u32,
    /// 1 or 2.
    pub channels: u8,
    pub phrases: Vec<SpeechSpan>,
    pub holds: Vec<Span>,
    pub secure_pauses: Vec<Span>,
    pub seed: u64,
}

impl AudioSpec {
    /// Sample frames in the recording.
    pub fn frames(&self) -> u64 {
        self.duration_ms * u64::from(self.sample_rate) / 1000
    }

    /// A stereo dialogue of `duration_ms` without a conversation behind it (for benchmarks
    /// and examples): the agent and the customer take turns of 1.5 to 6 seconds, with a
    /// 30-second hold a third of the way in when it lasts over three minutes and a
    /// 15-second secure pause two thirds in when it lasts over five.
    pub fn dialogue(duration_ms: u64, sample_rate: u32, seed: u64) -> AudioSpec {
        let mut rng = SplitMix(seed ^ 0x6469_616c_6f67);
        let mut holds = Vec::new();
        let mut secure_pauses = Vec::new();
        if duration_ms > 180_000 {
            holds.push(Span {
                offset_ms: duration_ms / 3,
                duration_ms: 30_000,
            });
        }
        if duration_ms > 300_000 {
            secure_pauses.push(Span {
                offset_ms: duration_ms * 2 / 3,
                duration_ms: 15_000,
            });
        }
        let busy = |at: u64, end: u64| {
            holds
                .iter()
                .chain(&secure_pauses)
                .find(|s| at < s.offset_ms + s.duration_ms && s.offset_ms < end)
                .map(|s| s.offset_ms + s.duration_ms)
        };
        let mut phrases = Vec::new();
        let mut at = 500;
        let mut agent = true;
        while at < duration_ms {
            let len = 1_500 + rng.below(4_500);
            let end = (at + len).min(duration_ms);
            if let Some(after) = busy(at, end) {
                at = after + 500;
                continue;
            }
            phrases.push(SpeechSpan {
                offset_ms: at,
                duration_ms: end - at,
                speaker: if agent {
                    Speaker::Agent
                } else {
                    Speaker::Customer
                },
            });
            agent = !agent;
            at = end + 300 + rng.below(600);
        }
        AudioSpec {
            duration_ms,
            sample_rate,
            channels: 2,
            phrases,
            holds,
            secure_pauses,
            seed,
        }
    }
}

/// The encodings the simulator produces, named by their Genesys `formatId`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AudioFormat {
    /// RIFF WAVE, 16-bit PCM.
    Wav,
    /// RIFF WAVE, G.711 mu-law (format tag 7), 8 bits per sample.
    WavUlaw,
    /// MPEG audio layer III, constant bit rate, no tags.
    Mp3,
    /// Vorbis in Ogg.
    OggVorbis,
}

impl AudioFormat {
    pub const ALL: [AudioFormat; 4] = [
        AudioFormat::Wav,
        AudioFormat::WavUlaw,
        AudioFormat::Mp3,
        AudioFormat::OggVorbis,
    ];

    /// The `formatId` value.
    pub fn format_id(self) -> &'static str {
        match self {
            AudioFormat::Wav => "WAV",
            AudioFormat::WavUlaw => "WAV_ULAW",
            AudioFormat::Mp3 => "MP3",
            AudioFormat::OggVorbis => "OGG_VORBIS",
        }
    }

    pub fn from_format_id(id: &str) -> Option<AudioFormat> {
        AudioFormat::ALL
            .into_iter()
            .find(|f| f.format_id().eq_ignore_ascii_case(id))
    }

    pub fn content_type(self) -> &'static str {
        match self {
            AudioFormat::Wav | AudioFormat::WavUlaw => "audio/wav",
            AudioFormat::Mp3 => "audio/mpeg",
            AudioFormat::OggVorbis => "audio/ogg",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            AudioFormat::Wav => "wav",
            AudioFormat::WavUlaw => "ulaw.wav",
            AudioFormat::Mp3 => "mp3",
            AudioFormat::OggVorbis => "ogg",
        }
    }
}

/// The generated signal as planar `f32` blocks, for tests that look at the samples rather
/// than at an encoding. Calls `each` with (first frame index, channels) per block.
pub fn for_each_block(spec: &AudioSpec, mut each: impl FnMut(u64, &[&[f32]])) {
    let mut synth = synth::Synth::new(spec);
    let channels = synth.channels();
    let mut at = 0;
    while let Some(block) = synth.next_block() {
        let frames = block[0].len() as u64;
        each(at, &block[..channels]);
        at += frames;
    }
}

/// SplitMix64: a tiny, fast generator whose output never depends on a crate's version.
#[derive(Debug, Clone)]
pub(crate) struct SplitMix(pub u64);

impl SplitMix {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// Uniform in `0.0..1.0`.
    pub fn unit(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 / (1u64 << 24) as f32
    }
}

/// Counts what passes through, so callers learn the size of what they wrote.
pub struct CountingWriter<W> {
    inner: W,
    pub written: u64,
}

impl<W: Write> CountingWriter<W> {
    pub fn new(inner: W) -> Self {
        CountingWriter { inner, written: 0 }
    }

    pub fn into_inner(self) -> W {
        self.inner
    }
}

impl<W: Write> Write for CountingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests;
