//! From a recording's file to its peaks: decode and scan in one pass, handing finished
//! pixels out as they come so the first screenful can be drawn long before the end.

use std::path::Path;

use super::decode::{AudioInfo, Decoder, PlaneSink};
use super::halves::{self, HeadEnd, Tail};
use super::peaks::{NewPixels, PeakBuilder, Peaks, MAX_CHANNELS};
use super::sample::Sample;
use crate::error::{Error, Result};

/// audiowaveform's defaults: 256 samples per pixel, 16-bit values, channels mixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeakOptions {
    pub samples_per_pixel: u32,
    pub split_channels: bool,
}

impl Default for PeakOptions {
    fn default() -> Self {
        Self {
            samples_per_pixel: 256,
            split_channels: false,
        }
    }
}

impl PlaneSink for PeakBuilder {
    fn planes<S: Sample>(&mut self, _first_frame: u64, planes: &[&[S]]) -> Result<()> {
        self.push(planes)
    }
}

/// MPEG frames (of 1,152 samples) decoded before a half's start and thrown away, so the
/// decoder's state there (bit reservoir, overlap, synthesis filter) is the state it has
/// after decoding from the beginning. Two would do; four leave a margin.
const WARM_UP_FRAMES: u64 = 4 * 1152;
/// Below this (about 40 s at 48 kHz), one thread is quick enough.
const MIN_FRAMES_TO_SPLIT: u64 = 2_000_000;

/// The frames `start..end` of what a decoder delivers go on to the builder; the rest,
/// before and after, are dropped.
struct Window<'a> {
    builder: &'a mut PeakBuilder,
    start: u64,
    end: u64,
    /// Where the last packet delivered ended.
    reached: u64,
}

impl PlaneSink for Window<'_> {
    fn planes<S: Sample>(&mut self, first_frame: u64, planes: &[&[S]]) -> Result<()> {
        let len = planes.first().map_or(0, |p| p.len()) as u64;
        self.reached = first_frame + len;
        let from = self.start.saturating_sub(first_frame).min(len) as usize;
        let to = self.end.saturating_sub(first_frame).min(len) as usize;
        if from >= to {
            return Ok(());
        }
        let mut cut: [&[S]; MAX_CHANNELS as usize] = [&[]; MAX_CHANNELS as usize];
        for (slot, plane) in cut.iter_mut().zip(planes) {
            *slot = &plane[from..to];
        }
        self.builder.push(&cut[..planes.len()])
    }
}

/// Decodes `path` to the end and returns its peaks; `on_pixels` sees each batch of
/// finished pixels (and may stop the work by returning an error, e.g. when cancelled).
pub fn peaks_of_file(
    path: &Path,
    options: PeakOptions,
    mut on_pixels: impl FnMut(NewPixels<'_>) -> Result<()>,
) -> Result<Peaks> {
    // Plain WAV is read directly: the same peaks, without the decoder's machinery.
    if let Some(peaks) = super::wav_direct::peaks_of_plain_wav(path, options, &mut on_pixels) {
        return peaks;
    }
    let mut decoder = Decoder::open(path)?;
    match split_point(decoder.info(), options) {
        Some(split) => mp3_in_two(path, decoder, split, options, &mut on_pixels),
        None => peaks_of(&mut decoder, options, on_pixels),
    }
}

/// Where a long MP3 is cut in two: a pixel boundary near the middle. The length may be an
/// estimate (from the bit rate, without a Xing header); the halves cope with it being wrong.
fn split_point(info: &AudioInfo, options: PeakOptions) -> Option<u64> {
    let frames = info.frames.filter(|n| *n >= MIN_FRAMES_TO_SPLIT)?;
    if info.codec != "mp3" {
        return None;
    }
    let pixel = u64::from(options.samples_per_pixel.max(1));
    Some(frames / 2 / pixel * pixel).filter(|at| *at > WARM_UP_FRAMES)
}

/// MP3 frames are independent enough to decode from the middle: the second half seeks a
/// few frames before its start so its decoder is warm by then (see [`WARM_UP_FRAMES`]).
fn mp3_in_two(
    path: &Path,
    mut head: Decoder,
    split: u64,
    options: PeakOptions,
    on_pixels: &mut dyn FnMut(NewPixels<'_>) -> Result<()>,
) -> Result<Peaks> {
    let mut tail = Decoder::open(path)?;
    halves::in_two(
        |on_pixels| {
            let mut builder = new_builder(head.info(), options)?;
            let mut window = Window {
                builder: &mut builder,
                start: 0,
                end: split,
                reached: 0,
            };
            while window.reached < split {
                if !head.decode_next(&mut window)? {
                    return Ok(HeadEnd::Whole(builder.finish()));
                }
                let ready = window.builder.take_ready();
                if !ready.data.is_empty() {
                    on_pixels(ready)?;
                }
            }
            Ok(HeadEnd::AtSplit(builder.finish()))
        },
        |stop| {
            let mut builder = new_builder(tail.info(), options)?;
            tail.seek(split - WARM_UP_FRAMES)?;
            let mut window = Window {
                builder: &mut builder,
                start: split,
                end: u64::MAX,
                reached: 0,
            };
            while tail.decode_next(&mut window)? {
                if halves::stopped(stop) {
                    return Err(Error::internal("Reading the recording was stopped."));
                }
            }
            Ok(Tail::from_builder(builder))
        },
        on_pixels,
    )
}

fn new_builder(info: &AudioInfo, options: PeakOptions) -> Result<PeakBuilder> {
    PeakBuilder::new(
        info.channels.max(1),
        info.sample_rate.max(1),
        options.samples_per_pixel,
        options.split_channels,
    )
}

pub fn peaks_of(
    decoder: &mut Decoder,
    options: PeakOptions,
    mut on_pixels: impl FnMut(NewPixels<'_>) -> Result<()>,
) -> Result<Peaks> {
    let mut builder = new_builder(decoder.info(), options)?;
    while decoder.decode_next(&mut builder)? {
        let ready = builder.take_ready();
        if !ready.data.is_empty() {
            on_pixels(ready)?;
        }
    }
    Ok(builder.finish())
}
