//! Recordings on the console: opening one (platform, download, peaks, then a player) with
//! its progress on an event sink, the transcript and bands, and the player's controls.
//!
//! Opening runs in a task of its own: the UI gets the player's id at once and draws
//! whatever arrives. The peaks are cached beside the audio, so a recording opened before
//! draws from the cache without decoding.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::Console;
use crate::error::{Code, Error, Result};
use crate::recordings::download::{download, Progress};
use crate::recordings::playback::{AudioOutput, Playback};
use crate::recordings::types::{
    ChannelMix, EventBandKind, RecordingDetails, RecordingEvent, RecordingInfo, RecordingMedia,
    RecordingPhase, Speaker,
};
use crate::recordings::waveform_data::{self, Format, Version};
use crate::recordings::{peaks_of, Decoder, PeakOptions, Peaks, RecordingCache};

/// Recordings kept on disk before the least recently used go.
pub const RECORDING_CACHE_BYTES: u64 = 2 << 30;
/// About a screenful of pixels: the first batch of peaks waits for no more.
const FIRST_PIXELS: usize = 2_000;
/// Later batches go at most this often.
const PEAKS_EVERY: Duration = Duration::from_millis(100);
/// How often the playhead is reported: the display's rate, about.
const POSITION_EVERY: Duration = Duration::from_millis(33);

/// Where a recording's events go (the UI's channel).
pub type RecordingSink = Arc<dyn Fn(RecordingEvent) + Send + Sync>;

/// An open recording: its player once the audio is ready.
pub struct Player {
    playback: Mutex<Option<Playback>>,
    closed: tokio::sync::watch::Sender<bool>,
}

impl Player {
    fn playback(&self) -> MutexGuard<'_, Option<Playback>> {
        self.playback.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Base resolution: fine enough to zoom to a few milliseconds, coarse enough that a
/// two-hour call stays a few hundred thousand pixels.
fn base_samples_per_pixel(frames: u64) -> u32 {
    (frames / 250_000).max(32).next_power_of_two().min(1 << 16) as u32
}

fn channels_of(count: u32) -> Vec<Speaker> {
    match count {
        1 => vec![Speaker::Customer],
        _ => vec![Speaker::Customer, Speaker::Agent],
    }
}

/// Sends the peaks of `audio` (from the cache beside it, else by decoding) as `Opened`
/// and `Peaks` batches, caching what was decoded; returns the final pixel count and
/// duration for `Ready`.
fn send_peaks(
    audio: &Path,
    media: &RecordingMedia,
    conversation_id: &str,
    events: &RecordingSink,
) -> Result<(u64, u64)> {
    let info_of = |p: &Peaks, frames: u64| RecordingInfo {
        recording_id: media.recording_id.clone(),
        conversation_id: conversation_id.to_string(),
        duration_ms: frames * 1000 / u64::from(p.sample_rate().max(1)),
        sample_rate: p.sample_rate(),
        channels: channels_of(p.channels()),
        samples_per_pixel: p.samples_per_pixel(),
        pixel_count: p.pixel_count() as u64,
    };
    let cached = RecordingCache::peaks_path(audio);
    if let Ok(p) = waveform_data::read_file(&cached) {
        let frames = p.pixel_count() as u64 * u64::from(p.samples_per_pixel());
        let duration = media
            .duration_ms
            .map(|d| d * u64::from(p.sample_rate()) / 1000);
        events(RecordingEvent::Opened {
            info: info_of(&p, duration.unwrap_or(frames)),
        });
        events(RecordingEvent::Peaks {
            first_pixel: 0,
            data: p.data().to_vec(),
        });
        let duration_ms = duration.unwrap_or(frames) * 1000 / u64::from(p.sample_rate().max(1));
        return Ok((p.pixel_count() as u64, duration_ms));
    }
    events(RecordingEvent::Status {
        phase: RecordingPhase::Decoding,
        received: None,
        total: None,
    });
    let mut decoder = Decoder::open(audio)?;
    let audio_info = decoder.info().clone();
    let rate = u64::from(audio_info.sample_rate);
    let frames = audio_info
        .frames
        .or(media.duration_ms.map(|d| d * rate / 1000))
        .unwrap_or(0);
    let spp = base_samples_per_pixel(frames);
    let channels = audio_info.channels.min(2);
    let expected_pixels = frames.div_ceil(u64::from(spp));
    events(RecordingEvent::Opened {
        info: RecordingInfo {
            recording_id: media.recording_id.clone(),
            conversation_id: conversation_id.to_string(),
            duration_ms: frames * 1000 / rate.max(1),
            sample_rate: audio_info.sample_rate,
            channels: channels_of(channels),
            samples_per_pixel: spp,
            pixel_count: expected_pixels,
        },
    });
    let stride = 2 * channels.max(1) as usize;
    let mut pending: Vec<i16> = Vec::new();
    let mut sent = 0u64;
    let mut last_sent = Instant::now();
    let peaks = peaks_of(
        &mut decoder,
        PeakOptions {
            samples_per_pixel: spp,
            split_channels: audio_info.channels > 1,
        },
        |ready| {
            pending.extend_from_slice(ready.data);
            let due = if sent > 0 {
                last_sent.elapsed() >= PEAKS_EVERY
            } else {
                pending.len() / stride >= FIRST_PIXELS
            };
            if due {
                last_sent = Instant::now();
                let first_pixel = sent;
                sent += (pending.len() / stride) as u64;
                events(RecordingEvent::Peaks {
                    first_pixel,
                    data: std::mem::take(&mut pending),
                });
            }
            Ok(())
        },
    )?;
    // The rest, with the trailing partial pixel only the finished peaks hold.
    let tail = &peaks.data()[(sent as usize * stride).min(peaks.data().len())..];
    if !tail.is_empty() {
        events(RecordingEvent::Peaks {
            first_pixel: sent,
            data: tail.to_vec(),
        });
    }
    if let Err(e) = waveform_data::write_file(&cached, &peaks, Format::Dat, Version::V2) {
        tracing::warn!("the recording's peaks were not cached: {e}");
    }
    let decoded = audio_info.frames.unwrap_or_else(|| decoder_frames(&peaks));
    Ok((peaks.pixel_count() as u64, decoded * 1000 / rate.max(1)))
}

/// The frames the peaks cover (the last pixel may be partial; close enough for a length).
fn decoder_frames(p: &Peaks) -> u64 {
    p.pixel_count() as u64 * u64::from(p.samples_per_pixel())
}

impl Console {
    fn recordings_dir(&self) -> PathBuf {
        self.data_dir.join("recordings")
    }

    /// The system's audio output, opened on first use; `None` (with a log line) when
    /// there is none, so a recording can still be looked at.
    fn audio_output(&self) -> Option<AudioOutput> {
        self.audio
            .get_or_init(|| {
                AudioOutput::open()
                    .inspect_err(|e| tracing::warn!("recordings cannot be played: {e}"))
                    .ok()
            })
            .clone()
    }

    fn player(&self, player_id: &str) -> Result<Arc<Player>> {
        self.players
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(player_id)
            .cloned()
            .ok_or_else(|| Error::not_found("That recording is no longer open."))
    }

    /// Runs `f` on the player's playback, once the recording is ready to play.
    fn with_playback<T>(&self, player_id: &str, f: impl FnOnce(&Playback) -> T) -> Result<T> {
        let player = self.player(player_id)?;
        let guard = player.playback();
        let playback = guard.as_ref().ok_or_else(|| {
            Error::new(Code::Validation, "The recording is not ready to play yet.")
        })?;
        Ok(f(playback))
    }

    /// Opens the conversation's recording; events report the progress, the peaks and
    /// then the playhead. Returns the player's id at once.
    pub fn open_recording(
        self: &Arc<Self>,
        conversation_id: &str,
        events: RecordingSink,
    ) -> Result<String> {
        let (connection_id, platform, _) = self.active_platform()?;
        let player_id = uuid::Uuid::new_v4().to_string();
        let player = Arc::new(Player {
            playback: Mutex::new(None),
            closed: tokio::sync::watch::channel(false).0,
        });
        self.players
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(player_id.clone(), player.clone());
        let console = self.clone();
        let conversation_id = conversation_id.to_string();
        tokio::spawn(async move {
            let mut closed = player.closed.subscribe();
            let opening = console.prepare(
                &connection_id,
                platform,
                &conversation_id,
                &player,
                events.clone(),
            );
            let outcome = tokio::select! {
                r = opening => r,
                _ = closed.wait_for(|c| *c) => return,
            };
            match outcome {
                Ok(()) => console.report_position(&player, &events).await,
                Err(e) => events(RecordingEvent::failed(e)),
            }
        });
        Ok(player_id)
    }

    async fn prepare(
        &self,
        connection_id: &str,
        platform: Arc<dyn crate::platform::Platform>,
        conversation_id: &str,
        player: &Player,
        events: RecordingSink,
    ) -> Result<()> {
        events(RecordingEvent::Status {
            phase: RecordingPhase::Requesting,
            received: None,
            total: None,
        });
        let waiting = events.clone();
        let media = platform
            .recording_media(conversation_id, &move |_| {
                waiting(RecordingEvent::Status {
                    phase: RecordingPhase::Transcoding,
                    received: None,
                    total: None,
                })
            })
            .await?;
        let dir = self.recordings_dir();
        let cache =
            tokio::task::spawn_blocking(move || RecordingCache::open(dir, RECORDING_CACHE_BYTES))
                .await
                .map_err(|e| {
                    Error::internal(format!("Opening the recordings folder stopped: {e}"))
                })??;
        let audio = cache.audio_path(&media.recording_id, &media.format);
        if cache.get(&audio).is_none() {
            let mut last = Instant::now() - PEAKS_EVERY;
            download(&self.http, &media.url, &audio, media.size, |p: Progress| {
                if last.elapsed() >= PEAKS_EVERY || p.total == Some(p.received) {
                    last = Instant::now();
                    events(RecordingEvent::Status {
                        phase: RecordingPhase::Downloading,
                        received: Some(p.received),
                        total: p.total,
                    });
                }
            })
            .await?;
        }
        if let Err(e) = cache.evict(&audio) {
            tracing::warn!("the recordings folder could not be trimmed: {e}");
        }
        let details = self
            .recording_details
            .get_or_fetch(connection_id, conversation_id, || {
                platform.recording_details(conversation_id)
            })
            .await;
        let silences = match details {
            Ok(d) => d
                .bands
                .into_iter()
                .filter(|b| b.kind == EventBandKind::Silence)
                .collect(),
            Err(e) => {
                tracing::info!("no silences to skip: {e}");
                Vec::new()
            }
        };
        let output = self.audio_output();
        let (path, sink, conv) = (audio.clone(), events.clone(), conversation_id.to_string());
        let (playback, pixel_count, duration_ms) = tokio::task::spawn_blocking(move || {
            let (pixels, duration) = send_peaks(&path, &media, &conv, &sink)?;
            let Some(output) = output else {
                return Ok::<_, Error>((None, pixels, duration));
            };
            let rate = Decoder::open(&path)?.info().sample_rate;
            let spans = silences
                .iter()
                .map(|b| {
                    (
                        b.start_ms * u64::from(rate) / 1000,
                        (b.start_ms + b.duration_ms) * u64::from(rate) / 1000,
                    )
                })
                .collect();
            Ok((
                Some(Playback::start(&output, &path, spans)?),
                pixels,
                duration,
            ))
        })
        .await
        .map_err(|e| Error::internal(format!("Preparing the recording stopped: {e}")))??;
        let playable = playback.is_some();
        *player.playback() = playback;
        // After the player exists, so a play or seek right after `Ready` works.
        events(RecordingEvent::Ready {
            pixel_count,
            duration_ms,
            playable,
        });
        Ok(())
    }

    /// Reports the playhead while it moves, until the player is closed.
    async fn report_position(&self, player: &Player, events: &RecordingSink) {
        let mut closed = player.closed.subscribe();
        let mut last: Option<(u64, bool)> = None;
        loop {
            let now = player
                .playback()
                .as_ref()
                .map(|p| (p.position_ms(), p.is_playing()));
            if let Some((position_ms, playing)) = now {
                if last != now {
                    events(RecordingEvent::Position {
                        position_ms,
                        playing,
                    });
                    last = now;
                }
            }
            tokio::select! {
                _ = tokio::time::sleep(POSITION_EVERY) => {}
                _ = closed.wait_for(|c| *c) => return,
            }
        }
    }

    pub async fn recording_details(&self, conversation_id: &str) -> Result<RecordingDetails> {
        let (id, platform, _) = self.active_platform()?;
        let r = self
            .recording_details
            .get_or_fetch(&id, conversation_id, || {
                platform.recording_details(conversation_id)
            })
            .await;
        self.forget_if_expired(&id, r)
    }

    pub fn close_recording(&self, player_id: &str) {
        if let Some(player) = self
            .players
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(player_id)
        {
            player.closed.send_replace(true);
            player.playback().take();
        }
    }

    pub fn play_recording(&self, player_id: &str) -> Result<()> {
        self.with_playback(player_id, Playback::play)
    }

    pub fn pause_recording(&self, player_id: &str) -> Result<()> {
        self.with_playback(player_id, Playback::pause)
    }

    pub fn seek_recording(&self, player_id: &str, position_ms: u64) -> Result<()> {
        self.with_playback(player_id, |p| p.seek_ms(position_ms))
    }

    pub fn set_recording_rate(&self, player_id: &str, rate: f64) -> Result<()> {
        if !(0.5..=3.0).contains(&rate) {
            return Err(Error::validation("The speed goes from 0.5× to 3×."));
        }
        self.with_playback(player_id, |p| p.set_rate(rate))
    }

    pub fn set_recording_volume(&self, player_id: &str, volume: f32) -> Result<()> {
        self.with_playback(player_id, |p| p.set_volume(volume))
    }

    pub fn set_recording_channels(&self, player_id: &str, mix: ChannelMix) -> Result<()> {
        let muted = [0, 1].map(|i| mix.muted.get(i).copied().unwrap_or(false));
        self.with_playback(player_id, |p| p.set_channels(muted, mix.solo))
    }

    pub fn scrub_recording(&self, player_id: &str, position_ms: Option<u64>) -> Result<()> {
        self.with_playback(player_id, |p| p.scrub_ms(position_ms))
    }

    pub fn set_skip_silence(&self, player_id: &str, skip: bool) -> Result<()> {
        self.with_playback(player_id, |p| p.set_skip_silence(skip))
    }
}
