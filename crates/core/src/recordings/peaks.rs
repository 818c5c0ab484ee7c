//! Peaks: the smallest and largest sample of each pixel's span of audio, which is all a
//! waveform drawing needs. [`PeakBuilder`] computes them the way audiowaveform's
//! `WaveformGenerator` does, while the recording is still being decoded.

use super::sample::Sample;
use crate::{Error, Result};

/// audiowaveform refuses more channels than this (`WaveformBuffer::MAX_CHANNELS`).
pub const MAX_CHANNELS: u32 = 24;

/// Peaks at one zoom level, laid out as audiowaveform's version 2 data: for each pixel,
/// for each channel, the minimum then the maximum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Peaks {
    sample_rate: u32,
    samples_per_pixel: u32,
    channels: u32,
    bits: u8,
    data: Vec<i16>,
}

impl Peaks {
    /// Checks what audiowaveform checks when it loads data, so a [`Peaks`] can always be
    /// written back out. With `bits` 8 the values are in -128..=127, with 16 in the i16
    /// range.
    pub fn new(
        sample_rate: u32,
        samples_per_pixel: u32,
        channels: u32,
        bits: u8,
        data: Vec<i16>,
    ) -> Result<Self> {
        check_layout(sample_rate, samples_per_pixel, channels)?;
        if bits != 8 && bits != 16 {
            return Err(invalid(format!("{bits} bits per value is not 8 or 16")));
        }
        let stride = 2 * channels as usize;
        if !data.len().is_multiple_of(stride) {
            return Err(invalid(format!(
                "{} values do not make whole pixels of {channels} channel(s)",
                data.len()
            )));
        }
        if bits == 8 && data.iter().any(|v| i8::try_from(*v).is_err()) {
            return Err(invalid("an 8-bit value is outside -128..127"));
        }
        Ok(Self {
            sample_rate,
            samples_per_pixel,
            channels,
            bits,
            data,
        })
    }

    pub fn sample_rate(&self) -> u32 {
        self.sample_rate
    }

    pub fn samples_per_pixel(&self) -> u32 {
        self.samples_per_pixel
    }

    pub fn channels(&self) -> u32 {
        self.channels
    }

    /// 8 or 16.
    pub fn bits(&self) -> u8 {
        self.bits
    }

    /// For each pixel, for each channel: min, max.
    pub fn data(&self) -> &[i16] {
        &self.data
    }

    pub fn pixel_count(&self) -> usize {
        self.data.len() / (2 * self.channels as usize)
    }

    /// `(min, max)` of one pixel of one channel.
    pub fn min_max(&self, pixel: usize, channel: u32) -> Option<(i16, i16)> {
        if channel >= self.channels {
            return None;
        }
        let at = (pixel * self.channels as usize + channel as usize) * 2;
        Some((*self.data.get(at)?, *self.data.get(at + 1)?))
    }

    /// A coarser zoom level: each new pixel covers `factor` pixels (min of their mins, max
    /// of their maxes). The last one covers what is left, as a trailing partial pixel does.
    pub fn merge(&self, factor: u32) -> Result<Peaks> {
        let samples_per_pixel = self
            .samples_per_pixel
            .checked_mul(factor)
            .filter(|s| factor > 0 && *s <= i32::MAX as u32)
            .ok_or_else(|| invalid(format!("cannot merge pixels by a factor of {factor}")))?;
        let channels = self.channels as usize;
        let stride = 2 * channels;
        let group = stride * factor as usize;
        let mut data = Vec::with_capacity(self.data.len().div_ceil(group) * stride);
        for pixels in self.data.chunks(group) {
            for channel in 0..channels {
                let (mut lo, mut hi) = (i16::MAX, i16::MIN);
                for pixel in pixels.chunks_exact(stride) {
                    lo = lo.min(pixel[2 * channel]);
                    hi = hi.max(pixel[2 * channel + 1]);
                }
                data.push(lo);
                data.push(hi);
            }
        }
        Ok(Peaks {
            samples_per_pixel,
            data,
            ..self.with_no_data()
        })
    }

    /// The same peaks at 8 bits: each 16-bit value divided by 256, truncated toward zero,
    /// as audiowaveform writes 8-bit data. Peaks already at 8 bits are returned as they are.
    pub fn to_8_bit(&self) -> Peaks {
        if self.bits == 8 {
            return self.clone();
        }
        Peaks {
            bits: 8,
            data: self.data.iter().map(|v| v / 256).collect(),
            ..self.with_no_data()
        }
    }

    /// These peaks' fields with empty data, to build a variant from.
    fn with_no_data(&self) -> Peaks {
        Peaks {
            data: Vec::new(),
            ..*self
        }
    }
}

/// Builds [`Peaks`] at 16 bits as decoded audio arrives, in chunks of any length.
///
/// Like audiowaveform, each pixel starts at `min = i16::MAX, max = i16::MIN`, a pixel is
/// complete after `samples_per_pixel` frames, and [`PeakBuilder::finish`] emits a trailing
/// partial pixel if any frame is left over.
#[derive(Debug)]
pub struct PeakBuilder {
    input_channels: usize,
    split_channels: bool,
    samples_per_pixel: usize,
    /// Running (min, max) of the current pixel, per output channel.
    current: Vec<(i16, i16)>,
    /// Frames already in the current pixel.
    filled: usize,
    peaks: Peaks,
    /// How many values of `peaks.data` [`PeakBuilder::take_ready`] has handed out.
    delivered: usize,
}

/// Pixels completed since the last [`PeakBuilder::take_ready`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewPixels<'a> {
    /// Index of the first pixel in `data`.
    pub first_pixel: usize,
    /// Same layout as [`Peaks::data`].
    pub data: &'a [i16],
}

impl PeakBuilder {
    /// `split_channels` false mixes the channels to one (audiowaveform's default); true keeps
    /// one min/max per channel (its `--split-channels`).
    pub fn new(
        channels: u32,
        sample_rate: u32,
        samples_per_pixel: u32,
        split_channels: bool,
    ) -> Result<Self> {
        let output_channels = if split_channels { channels } else { 1 };
        check_layout(sample_rate, samples_per_pixel, channels)?;
        Ok(Self {
            input_channels: channels as usize,
            split_channels,
            samples_per_pixel: samples_per_pixel as usize,
            current: vec![(i16::MAX, i16::MIN); output_channels as usize],
            filled: 0,
            peaks: Peaks {
                sample_rate,
                samples_per_pixel,
                channels: output_channels,
                bits: 16,
                data: Vec::new(),
            },
            delivered: 0,
        })
    }

    /// Adds one chunk: `planes[c]` holds channel `c`'s samples, all planes the same length.
    /// A pixel cut by the end of the chunk carries on with the next one.
    pub fn push<S: Sample>(&mut self, planes: &[&[S]]) -> Result<()> {
        let frames = planes.first().map_or(0, |p| p.len());
        if planes.len() != self.input_channels || planes.iter().any(|p| p.len() != frames) {
            return Err(Error::internal(format!(
                "The decoder gave {} channel plane(s) of unequal or unexpected length; {} expected.",
                planes.len(),
                self.input_channels
            )));
        }
        let mut start = 0;
        while start < frames {
            let end = start + (self.samples_per_pixel - self.filled).min(frames - start);
            if self.split_channels || self.input_channels == 1 {
                for (current, plane) in self.current.iter_mut().zip(planes) {
                    fold(current, S::min_max(&plane[start..end]));
                }
            } else {
                fold(&mut self.current[0], S::mixed_min_max(planes, start, end));
            }
            self.filled += end - start;
            start = end;
            if self.filled == self.samples_per_pixel {
                self.close_pixel();
            }
        }
        Ok(())
    }

    /// Pixels completed since the last call, so the first screenful can be drawn before
    /// the whole recording is decoded.
    pub fn take_ready(&mut self) -> NewPixels<'_> {
        let stride = 2 * self.current.len();
        let from = self.delivered;
        self.delivered = self.peaks.data.len();
        NewPixels {
            first_pixel: from / stride,
            data: &self.peaks.data[from..],
        }
    }

    /// Complete pixels so far.
    pub fn pixel_count(&self) -> usize {
        self.peaks.pixel_count()
    }

    /// Whether a pixel has been started and not completed.
    pub fn has_partial_pixel(&self) -> bool {
        self.filled > 0
    }

    /// All the peaks, with the trailing partial pixel if one was started.
    pub fn finish(mut self) -> Peaks {
        if self.filled > 0 {
            self.close_pixel();
        }
        self.peaks
    }

    fn close_pixel(&mut self) {
        for current in &mut self.current {
            self.peaks.data.extend([current.0, current.1]);
            *current = (i16::MAX, i16::MIN);
        }
        self.filled = 0;
    }
}

fn fold(current: &mut (i16, i16), (lo, hi): (i16, i16)) {
    current.0 = current.0.min(lo);
    current.1 = current.1.max(hi);
}

/// The header rules audiowaveform applies (`samples_per_pixel` at least 2, a sample rate,
/// 1 to 24 channels), kept within i32 because the file headers store them as i32.
fn check_layout(sample_rate: u32, samples_per_pixel: u32, channels: u32) -> Result<()> {
    let limit = i32::MAX as u32;
    if sample_rate == 0 || sample_rate > limit {
        return Err(invalid(format!(
            "a sample rate of {sample_rate} Hz is not valid"
        )));
    }
    if samples_per_pixel < 2 || samples_per_pixel > limit {
        return Err(invalid(format!(
            "{samples_per_pixel} samples per pixel is not valid (at least 2)"
        )));
    }
    if channels == 0 || channels > MAX_CHANNELS {
        return Err(invalid(format!(
            "{channels} channels is not valid (1 to {MAX_CHANNELS})"
        )));
    }
    Ok(())
}

pub(crate) fn invalid(detail: impl std::fmt::Display) -> Error {
    Error::validation(format!("Waveform data cannot be used: {detail}."))
}

#[cfg(test)]
#[path = "peaks_tests.rs"]
mod tests;
