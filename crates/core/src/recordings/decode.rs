//! Decoding a recording with symphonia, one packet at a time, on the caller's thread (a
//! blocking one: decoding is CPU work). Samples reach a [`PlaneSink`] as each channel's
//! plane in the decoder's own sample type, so nothing is interleaved or converted on the
//! way to the peaks or the player.
//!
//! The decode loop must never take the app down, whatever the bytes: damaged packets are
//! skipped (up to a point), limits are checked before symphonia allocates from a header,
//! and a panic inside symphonia becomes a [`Code::CorruptMedia`] error.

use std::fs::File;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use symphonia::core::audio::{Audio, AudioBuffer, GenericAudioBufferRef};
use symphonia::core::codecs::audio::{AudioDecoder as CodecDecoder, AudioDecoderOptions};
use symphonia::core::errors::Error as SymphoniaError;
use symphonia::core::formats::probe::Hint;
use symphonia::core::formats::{FormatOptions, FormatReader, SeekMode, SeekTo, TrackType};
use symphonia::core::io::{MediaSource, MediaSourceStream};
use symphonia::core::meta::MetadataOptions;
use symphonia::core::units::Timestamp;

use super::peaks::MAX_CHANNELS;
use super::sample::Sample;
use crate::error::{Code, Error, Result};

/// Encoder delay and padding are trimmed, for the peaks and the player alike, so that a
/// position on the waveform is the same instant in what is heard.
pub const GAPLESS: bool = true;
/// Above any rate a recording is made at (768 kHz is the highest common DAC rate).
pub(crate) const MAX_SAMPLE_RATE: u32 = 768_000;
/// A packet announced as longer than this (about 20 s at 48 kHz) is a damaged header:
/// symphonia would allocate its buffer from the number.
const MAX_FRAMES_PER_PACKET: u64 = 1 << 20;
/// Damaged packets in a row before the file counts as unreadable rather than scratched.
const MAX_BAD_PACKETS_IN_A_ROW: u32 = 64;

/// What a recording holds, as far as drawing and playing it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AudioInfo {
    pub sample_rate: u32,
    pub channels: u32,
    /// Playable frames, when the container says (some MP3s do not).
    pub frames: Option<u64>,
    /// The codec's short name, e.g. "mp3" or "pcm_s16le".
    pub codec: String,
}

/// Receives decoded audio: one slice per channel, all of the same length, starting at
/// `first_frame` (counted from the start of the playable audio, as [`Decoder::seek`] counts).
pub trait PlaneSink {
    fn planes<S: Sample>(&mut self, first_frame: u64, planes: &[&[S]]) -> Result<()>;
}

/// A recording opened for decoding.
pub struct Decoder {
    reader: Box<dyn FormatReader>,
    codec: Box<dyn CodecDecoder>,
    track_id: u32,
    info: AudioInfo,
}

fn corrupt(detail: impl std::fmt::Display) -> Error {
    Error::new(
        Code::CorruptMedia,
        format!("The recording's file is damaged and cannot be read ({detail})."),
    )
}

fn too_large(detail: impl std::fmt::Display) -> Error {
    Error::new(
        Code::MediaTooLarge,
        format!("The recording declares {detail}, more than the console will read."),
    )
}

fn unsupported(detail: impl std::fmt::Display) -> Error {
    Error::new(
        Code::UnsupportedMedia,
        format!("The recording's audio cannot be played here: {detail}."),
    )
}

/// symphonia's errors in the console's words.
fn from_symphonia(e: SymphoniaError) -> Error {
    match e {
        SymphoniaError::Unsupported(what) => unsupported(what),
        SymphoniaError::LimitError(what) => too_large(what),
        SymphoniaError::IoError(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            corrupt("it ends early; the download may be incomplete")
        }
        SymphoniaError::IoError(io) => {
            Error::internal(format!("Reading the recording failed: {io}"))
        }
        SymphoniaError::DecodeError(what) => corrupt(what),
        SymphoniaError::SeekError(kind) => corrupt(format!("seeking failed: {kind:?}")),
        other => corrupt(other),
    }
}

/// Runs symphonia code, turning a panic inside it into an error.
fn guarded<T>(what: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    catch_unwind(AssertUnwindSafe(f))
        .unwrap_or_else(|_| Err(corrupt(format!("the decoder stopped while {what}"))))
}

impl Decoder {
    /// Opens a file; its extension is only a hint, the content decides.
    pub fn open(path: &Path) -> Result<Decoder> {
        let file = File::open(path).map_err(|e| {
            Error::not_found(format!(
                "The recording {} cannot be opened: {e}",
                path.display()
            ))
        })?;
        if file.metadata().is_ok_and(|m| m.len() == 0) {
            return Err(corrupt("the file is empty"));
        }
        let extension = path.extension().and_then(|e| e.to_str());
        Self::from_source(Box::new(file), extension)
    }

    pub fn from_source(source: Box<dyn MediaSource>, extension: Option<&str>) -> Result<Decoder> {
        guarded("opening the file", || {
            let stream = MediaSourceStream::new(source, Default::default());
            let mut hint = Hint::new();
            if let Some(ext) = extension {
                hint.with_extension(ext);
            }
            let reader = symphonia::default::get_probe()
                .probe(
                    &hint,
                    stream,
                    FormatOptions::default(),
                    MetadataOptions::default(),
                )
                .map_err(|e| match e {
                    SymphoniaError::Unsupported(_) => unsupported(
                        "its format is not one the console knows (WAV, MP3, OGG Vorbis, FLAC)",
                    ),
                    SymphoniaError::IoError(io)
                        if io.kind() == std::io::ErrorKind::UnexpectedEof =>
                    {
                        corrupt("it is empty or too short to hold audio")
                    }
                    other => from_symphonia(other),
                })?;
            Self::with_reader(reader)
        })
    }

    fn with_reader(reader: Box<dyn FormatReader>) -> Result<Decoder> {
        let track = reader
            .default_track(TrackType::Audio)
            .ok_or_else(|| unsupported("the file holds no audio track"))?;
        let params = track
            .codec_params
            .as_ref()
            .and_then(|p| p.audio())
            .ok_or_else(|| unsupported("the file holds no audio track"))?;
        let codec_name = symphonia::default::get_codecs()
            .get_audio_decoder(params.codec)
            .map(|d| d.codec.info.short_name.to_string())
            .unwrap_or_else(|| unsupported_codec_name(params.codec));
        let channels = params.channels.as_ref().map_or(0, |c| c.count() as u32);
        if channels == 0 || params.sample_rate.unwrap_or(0) == 0 {
            return Err(corrupt("it does not say its sample rate and channels"));
        }
        if channels > MAX_CHANNELS {
            return Err(too_large(format!("{channels} channels")));
        }
        let sample_rate = params.sample_rate.unwrap_or(0);
        if sample_rate > MAX_SAMPLE_RATE {
            return Err(too_large(format!("a sample rate of {sample_rate} Hz")));
        }
        if let Some(n) = params
            .max_frames_per_packet
            .filter(|n| *n > MAX_FRAMES_PER_PACKET)
        {
            return Err(too_large(format!("packets of {n} frames")));
        }
        let options = AudioDecoderOptions::default().gapless(GAPLESS);
        let codec = symphonia::default::get_codecs()
            .make_audio_decoder(params, &options)
            .map_err(|e| match e {
                SymphoniaError::Unsupported(_) => {
                    unsupported(format!("its codec ({codec_name}) is not supported"))
                }
                other => from_symphonia(other),
            })?;
        let info = AudioInfo {
            sample_rate,
            channels,
            frames: track.num_frames,
            codec: codec_name,
        };
        Ok(Decoder {
            track_id: track.id,
            reader,
            codec,
            info,
        })
    }

    pub fn info(&self) -> &AudioInfo {
        &self.info
    }

    /// Decodes the next packet into `sink`. `Ok(false)` at the end of the recording.
    pub fn decode_next(&mut self, sink: &mut impl PlaneSink) -> Result<bool> {
        let mut bad_in_a_row = 0;
        loop {
            let step = guarded("decoding", || {
                let packet = match self.reader.next_packet() {
                    Ok(Some(p)) => p,
                    Ok(None) => return Ok(Step::End),
                    Err(e) => return Err(from_symphonia(e)),
                };
                if packet.track_id != self.track_id {
                    return Ok(Step::Skipped);
                }
                // Gapless trimming drops `trim_start` frames from the front of the packet.
                let first_frame = packet
                    .pts
                    .get()
                    .saturating_add(packet.trim_start.get().min(i64::MAX as u64) as i64)
                    .max(0) as u64;
                match self.codec.decode(&packet) {
                    Ok(buffer) => {
                        deliver(buffer, first_frame, self.info.channels, sink)?;
                        Ok(Step::Decoded)
                    }
                    // One damaged packet is a click, not a reason to refuse the recording.
                    Err(SymphoniaError::DecodeError(_)) => Ok(Step::Damaged),
                    Err(e) => Err(from_symphonia(e)),
                }
            })?;
            match step {
                Step::End => return Ok(false),
                Step::Decoded => return Ok(true),
                Step::Skipped => {}
                Step::Damaged => {
                    bad_in_a_row += 1;
                    if bad_in_a_row >= MAX_BAD_PACKETS_IN_A_ROW {
                        return Err(corrupt("too many damaged packets in a row"));
                    }
                }
            }
        }
    }

    /// Moves to `frame` (from the start of the playable audio); returns the frame the
    /// next decoded samples start at, which may be a little earlier.
    pub fn seek(&mut self, frame: u64) -> Result<u64> {
        let track_id = self.track_id;
        let seeked = guarded("seeking", || {
            self.reader
                .seek(
                    SeekMode::Accurate,
                    SeekTo::Timestamp {
                        ts: Timestamp::from(frame as i64),
                        track_id,
                    },
                )
                .map_err(from_symphonia)
        })?;
        self.codec.reset();
        Ok(seeked.actual_ts.get().max(0) as u64)
    }
}

/// A name for a codec symphonia has no decoder for here: the ones a recording could
/// plausibly be in, or the id.
fn unsupported_codec_name(id: symphonia::core::codecs::audio::AudioCodecId) -> String {
    use symphonia::core::codecs::audio::well_known::*;
    let known = [
        (CODEC_ID_OPUS, "Opus"),
        (CODEC_ID_AAC, "AAC"),
        (CODEC_ID_SPEEX, "Speex"),
        (CODEC_ID_AC3, "AC-3"),
        (CODEC_ID_EAC3, "E-AC-3"),
        (CODEC_ID_WMA, "WMA"),
        (CODEC_ID_ALAC, "ALAC"),
        (CODEC_ID_ADPCM_G722, "G.722"),
        (CODEC_ID_ADPCM_G726, "G.726"),
        (CODEC_ID_ADPCM_G726LE, "G.726"),
        (CODEC_ID_ADPCM_MS, "Microsoft ADPCM"),
        (CODEC_ID_ADPCM_IMA_WAV, "IMA ADPCM"),
        (CODEC_ID_ADPCM_IMA_QT, "IMA ADPCM"),
    ];
    known
        .iter()
        .find(|(k, _)| *k == id)
        .map_or_else(|| format!("codec id {id}"), |(_, name)| name.to_string())
}

enum Step {
    End,
    Decoded,
    Skipped,
    Damaged,
}

/// Hands a decoded buffer's planes to the sink in their own sample type.
fn deliver(
    buffer: GenericAudioBufferRef<'_>,
    first_frame: u64,
    channels: u32,
    sink: &mut impl PlaneSink,
) -> Result<()> {
    fn planes<S, T: Sample>(
        buf: &AudioBuffer<S>,
        (first_frame, channels): (u64, u32),
        sink: &mut impl PlaneSink,
        map: impl Fn(&[S]) -> &[T],
    ) -> Result<()>
    where
        S: symphonia::core::audio::sample::Sample,
    {
        let n = buf.num_planes();
        if n == 0 || (channels != 0 && n as u32 != channels) {
            return Err(corrupt(format!(
                "a packet has {n} channels where the file declares {channels}"
            )));
        }
        let mut slices: [&[T]; MAX_CHANNELS as usize] = [&[]; MAX_CHANNELS as usize];
        for (i, slot) in slices.iter_mut().enumerate().take(n) {
            *slot = map(buf.plane(i).unwrap_or(&[]));
        }
        sink.planes(first_frame, &slices[..n])
    }
    let at = (first_frame, channels);
    match buffer {
        GenericAudioBufferRef::U8(b) => planes(b, at, sink, |p| p),
        GenericAudioBufferRef::S8(b) => planes(b, at, sink, |p| p),
        GenericAudioBufferRef::S16(b) => planes(b, at, sink, |p| p),
        GenericAudioBufferRef::S32(b) => planes(b, at, sink, |p| p),
        GenericAudioBufferRef::F32(b) => planes(b, at, sink, |p| p),
        GenericAudioBufferRef::F64(b) => planes(b, at, sink, |p| p),
        GenericAudioBufferRef::U16(b) => planes(b, at, sink, |p| p),
        GenericAudioBufferRef::U24(b) => planes(b, at, sink, |p| p),
        GenericAudioBufferRef::U32(b) => planes(b, at, sink, |p| p),
        GenericAudioBufferRef::S24(b) => planes(b, at, sink, |p| p),
    }
}

/// The decoder's other integer types, by the same rule as [`Sample`]'s: keep the top 16
/// bits of the signed value.
mod wider_samples {
    use super::Sample;
    use symphonia::core::audio::sample::{i24, u24};

    impl Sample for i24 {
        #[inline(always)]
        fn to_i16(self) -> i16 {
            (self.inner() >> 8) as i16
        }
    }

    impl Sample for u24 {
        #[inline(always)]
        fn to_i16(self) -> i16 {
            ((self.inner() as i32 - 0x80_0000) >> 8) as i16
        }
    }

    impl Sample for u16 {
        #[inline(always)]
        fn to_i16(self) -> i16 {
            (i32::from(self) - 0x8000) as i16
        }
    }

    impl Sample for u32 {
        #[inline(always)]
        fn to_i16(self) -> i16 {
            ((i64::from(self) - 0x8000_0000) >> 16) as i16
        }
    }
}
