//! Encoders, each fed block by block from the synthesizer: WAV (16-bit PCM and G.711
//! mu-law) written here, MP3 through LAME and Vorbis through libvorbis.

use std::io::{self, Write};
use std::num::{NonZeroU32, NonZeroU8};

use mp3lame_encoder::{Bitrate, Builder, FlushGap, InterleavedPcm, Mode, Quality};
use vorbis_rs::{VorbisBitrateManagementStrategy, VorbisEncoderBuilder};

use super::synth::Synth;
use super::{AudioFormat, AudioSpec, BLOCK_FRAMES};

/// Writes the recording of `spec` in `format` to `out`, streaming: memory use does not
/// grow with the duration. Errors are `out`'s, or an encoder refusing the parameters
/// (reported as [`io::ErrorKind::InvalidInput`]).
pub fn write_recording(
    spec: &AudioSpec,
    format: AudioFormat,
    out: &mut impl Write,
) -> io::Result<()> {
    let mut synth = Synth::new(spec);
    match format {
        AudioFormat::Wav => write_wav(spec, &mut synth, out, false),
        AudioFormat::WavUlaw => write_wav(spec, &mut synth, out, true),
        AudioFormat::Mp3 => write_mp3(spec, &mut synth, out),
        AudioFormat::OggVorbis => write_vorbis(spec, &mut synth, out),
    }
}

fn invalid(what: impl std::fmt::Display) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, what.to_string())
}

#[inline]
fn to_i16(x: f32) -> i16 {
    (x * 32767.0).round() as i16
}

fn write_wav(
    spec: &AudioSpec,
    synth: &mut Synth,
    out: &mut impl Write,
    ulaw: bool,
) -> io::Result<()> {
    let channels = synth.channels() as u16;
    let bytes_per_sample: u16 = if ulaw { 1 } else { 2 };
    let frames = spec.frames();
    let data_len = frames * u64::from(channels) * u64::from(bytes_per_sample);
    let data_len = u32::try_from(data_len).map_err(|_| invalid("a WAV file stops at 4 GiB"))?;
    let rate = spec.sample_rate;
    let mut header = Vec::with_capacity(60);
    // Non-PCM formats carry an 18-byte fmt chunk (cbSize) and a fact chunk (frames).
    let fmt_len: u32 = if ulaw { 18 } else { 16 };
    let fact_len: u32 = if ulaw { 12 } else { 0 };
    header.extend_from_slice(b"RIFF");
    header.extend_from_slice(&(4 + 8 + fmt_len + fact_len + 8 + data_len).to_le_bytes());
    header.extend_from_slice(b"WAVEfmt ");
    header.extend_from_slice(&fmt_len.to_le_bytes());
    header.extend_from_slice(&(if ulaw { 7u16 } else { 1u16 }).to_le_bytes());
    header.extend_from_slice(&channels.to_le_bytes());
    header.extend_from_slice(&rate.to_le_bytes());
    let block_align = channels * bytes_per_sample;
    header.extend_from_slice(&(rate * u32::from(block_align)).to_le_bytes());
    header.extend_from_slice(&block_align.to_le_bytes());
    header.extend_from_slice(&(bytes_per_sample * 8).to_le_bytes());
    if ulaw {
        header.extend_from_slice(&0u16.to_le_bytes());
        header.extend_from_slice(b"fact");
        header.extend_from_slice(&4u32.to_le_bytes());
        header.extend_from_slice(&(frames as u32).to_le_bytes());
    }
    header.extend_from_slice(b"data");
    header.extend_from_slice(&data_len.to_le_bytes());
    out.write_all(&header)?;

    let mut pcm = Vec::with_capacity(BLOCK_FRAMES * 2);
    let mut bytes = Vec::with_capacity(BLOCK_FRAMES * 4);
    let ch = usize::from(channels);
    while let Some(block) = synth.next_block() {
        interleave(&block[..ch], &mut pcm);
        bytes.clear();
        if ulaw {
            for &s in &pcm {
                bytes.push(ulaw_encode(s));
            }
        } else {
            for &s in &pcm {
                let [lo, hi] = s.to_le_bytes();
                bytes.push(lo);
                bytes.push(hi);
            }
        }
        out.write_all(&bytes)?;
    }
    Ok(())
}

/// Planar `f32` to interleaved 16-bit, with plain index loops (cheap even unoptimised).
fn interleave(block: &[&[f32]], pcm: &mut Vec<i16>) {
    pcm.clear();
    if let [left, right] = block {
        for i in 0..left.len() {
            pcm.push(to_i16(left[i]));
            pcm.push(to_i16(right[i]));
        }
    } else {
        for &x in block[0] {
            pcm.push(to_i16(x));
        }
    }
}

/// G.711 mu-law, as the reference encoder does it (bias 0x84, clip at 32635).
pub fn ulaw_encode(sample: i16) -> u8 {
    const BIAS: i32 = 0x84;
    const CLIP: i32 = 32635;
    let s = i32::from(sample);
    let sign = if s < 0 { 0x80 } else { 0 };
    let magnitude = s.abs().min(CLIP) + BIAS;
    let exponent = (magnitude >> 7).max(1).ilog2() as i32;
    let mantissa = (magnitude >> (exponent + 3)) & 0x0F;
    !(sign | (exponent << 4) | mantissa) as u8
}

fn write_mp3(spec: &AudioSpec, synth: &mut Synth, out: &mut impl Write) -> io::Result<()> {
    let channels = synth.channels();
    let stereo = channels == 2;
    // Enough for speech; telephony-rate files get a telephony-sized bit rate.
    let bitrate = match (spec.sample_rate <= 12_000, stereo) {
        (true, false) => Bitrate::Kbps16,
        (true, true) => Bitrate::Kbps32,
        (false, false) => Bitrate::Kbps64,
        (false, true) => Bitrate::Kbps128,
    };
    let mut builder = Builder::new().ok_or_else(|| invalid("LAME could not start"))?;
    builder.set_num_channels(channels as u8).map_err(invalid)?;
    builder.set_sample_rate(spec.sample_rate).map_err(invalid)?;
    builder
        .set_output_sample_rate(NonZeroU32::new(spec.sample_rate))
        .map_err(invalid)?;
    builder.set_brate(bitrate).map_err(invalid)?;
    // Plain stereo: the two sides are different people, nothing to share between them.
    builder
        .set_mode(if stereo { Mode::Stereo } else { Mode::Mono })
        .map_err(invalid)?;
    builder.set_quality(Quality::Ok).map_err(invalid)?;
    builder.set_to_write_vbr_tag(false).map_err(invalid)?;
    let mut encoder = builder.build().map_err(invalid)?;

    let mut pcm: Vec<i16> = Vec::with_capacity(BLOCK_FRAMES * channels);
    let mut mp3: Vec<u8> =
        Vec::with_capacity(mp3lame_encoder::max_required_buffer_size(BLOCK_FRAMES));
    while let Some(block) = synth.next_block() {
        interleave(&block[..channels], &mut pcm);
        mp3.clear();
        if stereo {
            encoder
                .encode_to_vec(InterleavedPcm(&pcm), &mut mp3)
                .map_err(invalid)?;
        } else {
            encoder
                .encode_to_vec(mp3lame_encoder::MonoPcm(&pcm), &mut mp3)
                .map_err(invalid)?;
        }
        out.write_all(&mp3)?;
    }
    mp3.clear();
    mp3.reserve(7200);
    encoder
        .flush_to_vec::<FlushGap>(&mut mp3)
        .map_err(invalid)?;
    out.write_all(&mp3)
}

fn write_vorbis(spec: &AudioSpec, synth: &mut Synth, out: &mut impl Write) -> io::Result<()> {
    let channels = synth.channels();
    let rate = NonZeroU32::new(spec.sample_rate).ok_or_else(|| invalid("sample rate 0"))?;
    let ch = NonZeroU8::new(channels as u8).ok_or_else(|| invalid("no channels"))?;
    // A fixed stream serial (from the seed), so the same spec gives the same bytes.
    let serial = (spec.seed as i32) & 0x7fff_ffff;
    let mut encoder = VorbisEncoderBuilder::new_with_serial(rate, ch, &mut *out, serial)
        .bitrate_management_strategy(VorbisBitrateManagementStrategy::QualityVbr {
            target_quality: 0.2,
        })
        .build()
        .map_err(invalid)?;
    while let Some(block) = synth.next_block() {
        encoder
            .encode_audio_block(&block[..channels])
            .map_err(invalid)?;
    }
    encoder.finish().map_err(invalid)?;
    Ok(())
}
