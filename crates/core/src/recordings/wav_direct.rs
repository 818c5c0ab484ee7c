//! Peaks of a plain WAV (16-bit PCM, or G.711 mu-law as telephony records it) read
//! straight from the file: a large buffered read, split into per-channel 16-bit planes a
//! block at a time, then the same [`PeakBuilder`]. It gives exactly what decoding through
//! symphonia gives, two to three times as fast, because there is no packet or buffer
//! machinery between the bytes and the scan. Anything else (24-bit, float, extensible
//! headers) goes through the decoder.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use std::sync::atomic::AtomicBool;

use super::decode::MAX_SAMPLE_RATE;
use super::halves::{self, HeadEnd, Tail};
use super::peaks::{NewPixels, PeakBuilder, Peaks, MAX_CHANNELS};
use super::waveform::PeakOptions;
use crate::error::{Error, Result};

/// Bytes read at a time: large enough that the system calls cost nothing, small enough to
/// stay in cache while it is split into planes.
const BLOCK_BYTES: usize = 1 << 20;

/// How a sample is stored.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Encoding {
    /// Format tag 1, 16 bits little-endian.
    Pcm16,
    /// Format tag 7, one byte per sample.
    MuLaw,
}

impl Encoding {
    fn bytes(self) -> usize {
        match self {
            Encoding::Pcm16 => 2,
            Encoding::MuLaw => 1,
        }
    }
}

/// G.711 mu-law to linear, as the ITU reference (and symphonia) expands it.
const fn mu_law_to_linear(code: u8) -> i16 {
    const BIAS: i16 = 0x84;
    let u = !code;
    let t = ((((u & 0x0f) as i16) << 3) + BIAS) << ((u & 0x70) >> 4);
    if u & 0x80 != 0 {
        BIAS - t
    } else {
        t - BIAS
    }
}

static MU_LAW: [i16; 256] = {
    let mut table = [0i16; 256];
    let mut code = 0;
    while code < 256 {
        table[code] = mu_law_to_linear(code as u8);
        code += 1;
    }
    table
};

#[derive(Clone, Copy)]
struct Layout {
    encoding: Encoding,
    channels: usize,
    sample_rate: u32,
    data_offset: u64,
    data_len: u64,
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

/// The layout of a WAVE file of 16-bit PCM or mu-law; `None` for any other file, which
/// then goes to the decoder (and its errors).
fn plain_layout(file: &mut File) -> Option<Layout> {
    let file_len = file.metadata().ok()?.len();
    let mut head = [0u8; 12];
    file.read_exact(&mut head).ok()?;
    if &head[..4] != b"RIFF" || &head[8..] != b"WAVE" {
        return None;
    }
    let mut at = 12u64;
    let mut format: Option<(Encoding, usize, u32)> = None;
    // The chunks before the audio are few and small; a bounded walk is plenty.
    for _ in 0..64 {
        let mut chunk = [0u8; 8];
        file.seek(SeekFrom::Start(at)).ok()?;
        file.read_exact(&mut chunk).ok()?;
        let len = u64::from(u32_at(&chunk, 4));
        match &chunk[..4] {
            b"fmt " => {
                if len < 16 {
                    return None;
                }
                let mut fmt = [0u8; 16];
                file.read_exact(&mut fmt).ok()?;
                let (tag, channels, rate) = (u16_at(&fmt, 0), u16_at(&fmt, 2), u32_at(&fmt, 4));
                let (align, bits) = (u16_at(&fmt, 12), u16_at(&fmt, 14));
                let encoding = match (tag, bits) {
                    (1, 16) => Encoding::Pcm16,
                    // The decoder takes mu-law only with the 18-byte chunk (cbSize = 0).
                    (7, 8) if len == 18 => Encoding::MuLaw,
                    _ => return None,
                };
                let plain = usize::from(align) == usize::from(channels) * encoding.bytes();
                // Anything the decoder would refuse is left to it, for its words.
                let sane_rate = rate > 0 && rate <= MAX_SAMPLE_RATE;
                if !plain || channels == 0 || u32::from(channels) > MAX_CHANNELS || !sane_rate {
                    return None;
                }
                format = Some((encoding, usize::from(channels), rate));
            }
            b"data" => {
                let (encoding, channels, sample_rate) = format?;
                let data_offset = at + 8;
                // A length the file cannot hold (or a streaming 0xFFFFFFFF) means "to the end".
                let data_len = len.min(file_len.saturating_sub(data_offset));
                return Some(Layout {
                    encoding,
                    channels,
                    sample_rate,
                    data_offset,
                    data_len,
                });
            }
            _ => {}
        }
        at += 8 + len + (len & 1);
    }
    None
}

/// The peaks of `path` if it is a plain 16-bit PCM or mu-law WAV, `None` otherwise.
pub fn peaks_of_plain_wav(
    path: &Path,
    options: PeakOptions,
    on_pixels: &mut dyn FnMut(NewPixels<'_>) -> Result<()>,
) -> Option<Result<Peaks>> {
    let mut file = File::open(path).ok()?;
    let layout = plain_layout(&mut file)?;
    Some(read_in_two(path, file, &layout, options, on_pixels))
}

/// Long files are read as two halves on two threads (see [`halves`]).
fn read_in_two(
    path: &Path,
    mut file: File,
    layout: &Layout,
    options: PeakOptions,
    on_pixels: &mut dyn FnMut(NewPixels<'_>) -> Result<()>,
) -> Result<Peaks> {
    let frame_bytes = (layout.encoding.bytes() * layout.channels) as u64;
    let frames = layout.data_len / frame_bytes;
    let pixel = u64::from(options.samples_per_pixel.max(1));
    let first_pixels = frames / pixel / 2;
    if first_pixels == 0 || frames * frame_bytes < 2 * BLOCK_BYTES as u64 {
        let never = AtomicBool::new(false);
        return read_peaks(&mut file, layout, options, &never, on_pixels).map(|b| b.finish());
    }
    let first_len = first_pixels * pixel * frame_bytes;
    let first = Layout {
        data_len: first_len,
        ..*layout
    };
    let second = Layout {
        data_offset: layout.data_offset + first_len,
        data_len: layout.data_len - first_len,
        ..*layout
    };
    let mut second_file = File::open(path)
        .map_err(|e| Error::internal(format!("Reading the recording failed: {e}")))?;
    let never = AtomicBool::new(false);
    halves::in_two(
        |on_pixels| {
            read_peaks(&mut file, &first, options, &never, on_pixels)
                .map(|b| HeadEnd::AtSplit(b.finish()))
        },
        |stop| {
            read_peaks(&mut second_file, &second, options, stop, &mut |_| Ok(()))
                .map(Tail::from_builder)
        },
        on_pixels,
    )
}

fn read_peaks(
    file: &mut File,
    layout: &Layout,
    options: PeakOptions,
    stop: &AtomicBool,
    on_pixels: &mut dyn FnMut(NewPixels<'_>) -> Result<()>,
) -> Result<PeakBuilder> {
    let read_error =
        |e: std::io::Error| Error::internal(format!("Reading the recording failed: {e}"));
    let c = layout.channels;
    let mut builder = PeakBuilder::new(
        c as u32,
        layout.sample_rate,
        options.samples_per_pixel,
        options.split_channels,
    )?;
    file.seek(SeekFrom::Start(layout.data_offset))
        .map_err(read_error)?;
    let frame_bytes = layout.encoding.bytes() * c;
    let block = BLOCK_BYTES / frame_bytes * frame_bytes;
    let mut bytes = vec![0u8; block];
    let mut planes: Vec<Vec<i16>> = vec![Vec::with_capacity(block / frame_bytes); c];
    let mut left = layout.data_len - layout.data_len % frame_bytes as u64;
    while left > 0 {
        if halves::stopped(stop) {
            return Err(Error::internal("Reading the recording was stopped."));
        }
        let n = (left as usize).min(block);
        file.read_exact(&mut bytes[..n]).map_err(read_error)?;
        left -= n as u64;
        split_planes(layout.encoding, &bytes[..n], &mut planes);
        let views: Vec<&[i16]> = planes.iter().map(Vec::as_slice).collect();
        builder.push(&views)?;
        let ready = builder.take_ready();
        if !ready.data.is_empty() {
            on_pixels(ready)?;
        }
    }
    Ok(builder)
}

/// Splits interleaved frames into one 16-bit plane per channel. Mono and stereo, nearly
/// every recording, go through loops whose frame size and channel are constants, which
/// the compiler turns into vector shuffles; written with a run-time stride the split cost
/// more than the whole scan after it.
fn split_planes(encoding: Encoding, bytes: &[u8], planes: &mut [Vec<i16>]) {
    for plane in planes.iter_mut() {
        plane.clear();
    }
    match (encoding, planes) {
        (Encoding::Pcm16, [mono]) => pcm16_plane::<2, 0>(bytes, mono),
        (Encoding::Pcm16, [left, right]) => {
            pcm16_plane::<4, 0>(bytes, left);
            pcm16_plane::<4, 1>(bytes, right);
        }
        (Encoding::MuLaw, [mono]) => mono.extend(bytes.iter().map(|&b| MU_LAW[usize::from(b)])),
        (Encoding::MuLaw, [left, right]) => {
            mu_law_plane::<2, 0>(bytes, left);
            mu_law_plane::<2, 1>(bytes, right);
        }
        (encoding, planes) => {
            let width = encoding.bytes();
            let frame_bytes = width * planes.len();
            for (ch, plane) in planes.iter_mut().enumerate() {
                let frames = bytes.chunks_exact(frame_bytes);
                match encoding {
                    Encoding::Pcm16 => plane.extend(
                        frames.map(|f| i16::from_le_bytes([f[width * ch], f[width * ch + 1]])),
                    ),
                    Encoding::MuLaw => plane.extend(frames.map(|f| MU_LAW[usize::from(f[ch])])),
                }
            }
        }
    }
}

fn pcm16_plane<const FRAME: usize, const CH: usize>(bytes: &[u8], plane: &mut Vec<i16>) {
    let (frames, _) = bytes.as_chunks::<FRAME>();
    plane.extend(
        frames
            .iter()
            .map(|f| i16::from_le_bytes([f[2 * CH], f[2 * CH + 1]])),
    );
}

fn mu_law_plane<const FRAME: usize, const CH: usize>(bytes: &[u8], plane: &mut Vec<i16>) {
    let (frames, _) = bytes.as_chunks::<FRAME>();
    plane.extend(frames.iter().map(|f| MU_LAW[usize::from(f[CH])]));
}
