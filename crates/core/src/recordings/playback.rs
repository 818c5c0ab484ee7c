//! Playing a recording through the system's audio output (rodio), fed by our own
//! [`Decoder`] so peaks and playback decode the same samples (gapless alike).
//!
//! One [`PlayerSource`] per open recording sits in the output's mixer for as long as the
//! player lives; paused, it plays silence. It reads its controls once per chunk of about
//! 15 ms, never per sample, so the audio thread does not contend with the UI's commands.
//! Output is stereo: the customer on the left, the agent on the right; a channel left
//! alone by mute or solo is heard in both ears.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use rodio::source::Source;

use super::decode::{Decoder, PlaneSink};
use super::sample::Sample;
use super::stretch::Stretcher;
use crate::error::{Code, Error, Result};

/// A scrub grain: long enough to recognise a voice, short enough to follow the pointer.
const GRAIN_MS: u64 = 60;

/// The system's audio output, opened once and shared by every player. The device stream
/// is not `Send` on every platform, so a thread of its own opens and keeps it; players
/// only need its mixer.
#[derive(Clone)]
pub struct AudioOutput {
    mixer: rodio::mixer::Mixer,
}

impl AudioOutput {
    pub fn open() -> Result<Self> {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name("audio-output".into())
            .spawn(
                move || match rodio::DeviceSinkBuilder::open_default_sink() {
                    Ok(mut sink) => {
                        sink.log_on_drop(false);
                        let _ = tx.send(Ok(sink.mixer().clone()));
                        // The stream plays for as long as it exists: for the rest of the app.
                        loop {
                            std::thread::park();
                        }
                    }
                    Err(e) => {
                        let _ = tx.send(Err(e.to_string()));
                    }
                },
            )
            .map_err(|e| Error::internal(format!("Cannot start the audio thread: {e}")))?;
        let mixer = rx
            .recv()
            .map_err(|e| Error::internal(format!("The audio thread stopped: {e}")))?
            .map_err(|e| {
                Error::new(
                    Code::Internal,
                    format!("No audio output is available to play the recording: {e}"),
                )
            })?;
        Ok(Self { mixer })
    }
}

#[derive(Debug, Clone)]
struct Controls {
    playing: bool,
    seek_to: Option<u64>,
    rate: f64,
    volume: f32,
    muted: [bool; 2],
    solo: Option<usize>,
    scrub: Option<u64>,
    skip_silence: bool,
    closed: bool,
}

struct Shared {
    controls: Mutex<Controls>,
    /// The input frame being heard.
    position: AtomicU64,
    /// Output frames handed to the audio output (silence included).
    emitted: AtomicU64,
}

impl Shared {
    fn controls(&self) -> MutexGuard<'_, Controls> {
        self.controls.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// A recording open for playback. Dropping it stops the sound.
pub struct Playback {
    shared: Arc<Shared>,
    sample_rate: u32,
    frames: Option<u64>,
}

impl Playback {
    /// Opens `path` for playback (paused at the start). `silences` are the spans, in
    /// frames, that skip-silence jumps over.
    pub fn start(output: &AudioOutput, path: &Path, silences: Vec<(u64, u64)>) -> Result<Self> {
        let decoder = Decoder::open(path)?;
        let info = decoder.info().clone();
        let shared = Arc::new(Shared {
            controls: Mutex::new(Controls {
                playing: false,
                seek_to: None,
                rate: 1.0,
                volume: 1.0,
                muted: [false; 2],
                solo: None,
                scrub: None,
                skip_silence: false,
                closed: false,
            }),
            position: AtomicU64::new(0),
            emitted: AtomicU64::new(0),
        });
        let source = PlayerSource::new(decoder, shared.clone(), silences);
        output.mixer.add(source);
        Ok(Self {
            shared,
            sample_rate: info.sample_rate,
            frames: info.frames,
        })
    }

    fn frames_of(&self, ms: u64) -> u64 {
        let f = ms * u64::from(self.sample_rate) / 1000;
        self.frames.map_or(f, |n| f.min(n))
    }

    pub fn play(&self) {
        self.shared.controls().playing = true;
    }

    pub fn pause(&self) {
        self.shared.controls().playing = false;
    }

    pub fn is_playing(&self) -> bool {
        self.shared.controls().playing
    }

    pub fn seek_ms(&self, ms: u64) {
        let frame = self.frames_of(ms);
        self.shared.controls().seek_to = Some(frame);
        self.shared.position.store(frame, Ordering::Relaxed);
    }

    pub fn set_rate(&self, rate: f64) {
        self.shared.controls().rate = rate.clamp(0.5, 3.0);
    }

    pub fn set_volume(&self, volume: f32) {
        self.shared.controls().volume = volume.clamp(0.0, 1.0);
    }

    pub fn set_channels(&self, muted: [bool; 2], solo: Option<usize>) {
        let mut c = self.shared.controls();
        c.muted = muted;
        c.solo = solo.filter(|s| *s < 2);
    }

    /// A grain at `ms` while dragging; `None` ends the scrub where it is.
    pub fn scrub_ms(&self, ms: Option<u64>) {
        let frame = ms.map(|ms| self.frames_of(ms));
        let mut c = self.shared.controls();
        match frame {
            Some(f) => {
                c.scrub = Some(f);
                self.shared.position.store(f, Ordering::Relaxed);
            }
            None => {
                if let Some(f) = c.scrub.take() {
                    c.seek_to = Some(f);
                }
            }
        }
    }

    pub fn set_skip_silence(&self, skip: bool) {
        self.shared.controls().skip_silence = skip;
    }

    pub fn position_ms(&self) -> u64 {
        self.shared.position.load(Ordering::Relaxed) * 1000 / u64::from(self.sample_rate.max(1))
    }

    /// Output frames handed to the audio device so far (a clock made of samples).
    pub fn emitted_frames(&self) -> u64 {
        self.shared.emitted.load(Ordering::Relaxed)
    }

    pub fn sample_rate(&self) -> u32 {
        self.sample_rate
    }
}

impl Drop for Playback {
    fn drop(&mut self) {
        self.shared.controls().closed = true;
    }
}

/// Collects decoded planes as interleaved f32 frames of the file's channels.
struct Interleave<'a> {
    out: &'a mut Vec<f32>,
}

impl PlaneSink for Interleave<'_> {
    fn planes<S: Sample>(&mut self, _first_frame: u64, planes: &[&[S]]) -> Result<()> {
        let frames = planes.first().map_or(0, |p| p.len());
        self.out.reserve(frames * planes.len());
        for i in 0..frames {
            for p in planes {
                self.out.push(f32::from(p[i].to_i16()) / 32768.0);
            }
        }
        Ok(())
    }
}

struct PlayerSource {
    decoder: Decoder,
    channels: usize,
    sample_rate: u32,
    shared: Arc<Shared>,
    stretcher: Stretcher,
    silences: Vec<(u64, u64)>,
    /// Decoded frames not yet given to the stretcher.
    decoded: Vec<f32>,
    /// Frames to drop after a seek, which lands a little early.
    discard: u64,
    ended: bool,
    /// Stereo output ready to hand out, and where in it we are.
    out: Vec<f32>,
    cursor: usize,
    chunk: Vec<f32>,
    last_scrub: Option<u64>,
}

impl PlayerSource {
    fn new(decoder: Decoder, shared: Arc<Shared>, silences: Vec<(u64, u64)>) -> Self {
        let info = decoder.info().clone();
        let channels = info.channels.max(1) as usize;
        Self {
            decoder,
            channels,
            sample_rate: info.sample_rate.max(1),
            stretcher: Stretcher::new(channels, info.sample_rate.max(1), 0),
            shared,
            silences,
            decoded: Vec::new(),
            discard: 0,
            ended: false,
            out: Vec::new(),
            cursor: 0,
            chunk: Vec::new(),
            last_scrub: None,
        }
    }

    fn seek(&mut self, frame: u64) {
        self.decoded.clear();
        self.ended = false;
        match self.decoder.seek(frame) {
            Ok(actual) => {
                self.discard = frame.saturating_sub(actual);
                self.stretcher.reset(frame);
            }
            Err(e) => {
                tracing::warn!("seeking the recording failed: {e}");
                self.ended = true;
            }
        }
        self.shared.position.store(frame, Ordering::Relaxed);
    }

    /// Feeds the stretcher until it can make a chunk; false at the end of the file.
    fn feed(&mut self) -> bool {
        while self.stretcher.wants_input() && !self.ended {
            self.decoded.clear();
            let mut sink = Interleave {
                out: &mut self.decoded,
            };
            match self.decoder.decode_next(&mut sink) {
                Ok(true) => {}
                Ok(false) => self.ended = true,
                Err(e) => {
                    tracing::warn!("the recording stopped playing: {e}");
                    self.ended = true;
                }
            }
            let skip = (self.discard as usize).min(self.decoded.len() / self.channels);
            self.discard -= skip as u64;
            self.stretcher.push(&self.decoded[skip * self.channels..]);
        }
        !self.ended || !self.stretcher.wants_input()
    }

    /// Makes the next ~15 ms of stereo output from the controls as they are now.
    fn refill(&mut self, c: &Controls) {
        self.out.clear();
        self.cursor = 0;
        let silence = (self.sample_rate as usize * 15 / 1000).max(1);
        if let Some(at) = c.scrub {
            if self.last_scrub != Some(at) {
                self.last_scrub = Some(at);
                self.grain(at, c);
            } else {
                self.out.resize(silence * 2, 0.0);
            }
            return;
        }
        self.last_scrub = None;
        if !c.playing {
            self.out.resize(silence * 2, 0.0);
            return;
        }
        self.stretcher.set_rate(c.rate);
        self.chunk.clear();
        let start = if self.feed() {
            self.stretcher.next_chunk(&mut self.chunk, self.ended)
        } else {
            None
        };
        match start {
            Some(at) => {
                self.shared.position.store(at, Ordering::Relaxed);
                if c.skip_silence {
                    if let Some(&(_, end)) = self.silences.iter().find(|(a, b)| at >= *a && at < *b)
                    {
                        self.seek(end);
                    }
                }
                let chunk = std::mem::take(&mut self.chunk);
                self.mix(&chunk, c);
                self.chunk = chunk;
            }
            None => {
                // The end: stop, with the playhead at the last frame.
                self.shared.controls().playing = false;
                self.out.resize(silence * 2, 0.0);
            }
        }
    }

    /// A short windowed piece at `at`, at 1×, then silence until the pointer moves.
    fn grain(&mut self, at: u64, c: &Controls) {
        self.seek(at);
        let frames = (u64::from(self.sample_rate) * GRAIN_MS / 1000) as usize;
        let mut piece = Vec::with_capacity(frames * self.channels);
        self.stretcher.set_rate(1.0);
        while piece.len() < frames * self.channels && self.feed() {
            if self.stretcher.next_chunk(&mut piece, self.ended).is_none() {
                break;
            }
        }
        let n = piece.len() / self.channels;
        for (i, frame) in piece.chunks_mut(self.channels).enumerate() {
            let w = (std::f32::consts::PI * (i as f32 + 0.5) / n as f32).sin();
            frame.iter_mut().for_each(|s| *s *= w);
        }
        self.mix(&piece, c);
        self.shared.position.store(at, Ordering::Relaxed);
    }

    /// File channels to stereo, with mute, solo and volume.
    fn mix(&mut self, frames: &[f32], c: &Controls) {
        let audible = |ch: usize| c.solo.map_or(!c.muted[ch.min(1)], |s| s == ch);
        let (left, right) = (audible(0), self.channels > 1 && audible(1));
        for f in frames.chunks(self.channels) {
            let l = if left { f[0] } else { 0.0 };
            let r = if right { f[1.min(f.len() - 1)] } else { 0.0 };
            let (l, r) = match (self.channels, left, right) {
                (1, _, _) => (l, l),
                (_, true, false) => (l, l),
                (_, false, true) => (r, r),
                _ => (l, r),
            };
            self.out.push(l * c.volume);
            self.out.push(r * c.volume);
        }
    }
}

impl Iterator for PlayerSource {
    type Item = f32;

    fn next(&mut self) -> Option<f32> {
        if self.cursor >= self.out.len() {
            // One lock per chunk: the seek is taken in the same breath as the rest.
            let (c, seek_to) = {
                let mut controls = self.shared.controls();
                let seek_to = controls.seek_to.take();
                (controls.clone(), seek_to)
            };
            if c.closed {
                return None;
            }
            if let Some(frame) = seek_to {
                self.seek(frame);
            }
            self.refill(&c);
            self.shared
                .emitted
                .fetch_add((self.out.len() / 2) as u64, Ordering::Relaxed);
        }
        let s = self.out.get(self.cursor).copied().unwrap_or(0.0);
        self.cursor += 1;
        Some(s)
    }
}

impl Source for PlayerSource {
    fn current_span_len(&self) -> Option<usize> {
        None
    }

    fn channels(&self) -> rodio::ChannelCount {
        rodio::ChannelCount::new(2).expect("two channels")
    }

    fn sample_rate(&self) -> rodio::SampleRate {
        rodio::SampleRate::new(self.sample_rate).expect("a positive rate")
    }

    fn total_duration(&self) -> Option<Duration> {
        None
    }
}
