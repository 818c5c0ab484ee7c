//! From a recording's file to its peaks: decode and scan in one pass, handing finished
//! pixels out as they come so the first screenful can be drawn long before the end.

use std::path::Path;

use super::decode::{Decoder, PlaneSink};
use super::peaks::{NewPixels, PeakBuilder, Peaks};
use super::sample::Sample;
use crate::error::Result;

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
    fn planes<S: Sample>(&mut self, planes: &[&[S]]) -> Result<()> {
        self.push(planes)
    }
}

/// Decodes `path` to the end and returns its peaks; `on_pixels` sees each batch of
/// finished pixels (and may stop the work by returning an error, e.g. when cancelled).
pub fn peaks_of_file(
    path: &Path,
    options: PeakOptions,
    mut on_pixels: impl FnMut(NewPixels<'_>) -> Result<()>,
) -> Result<Peaks> {
    // Plain 16-bit WAV is read directly: the same peaks, without the decoder's machinery.
    if let Some(peaks) = super::wav_direct::peaks_of_pcm16_wav(path, options, &mut on_pixels) {
        return peaks;
    }
    let mut decoder = Decoder::open(path)?;
    peaks_of(&mut decoder, options, on_pixels)
}

pub fn peaks_of(
    decoder: &mut Decoder,
    options: PeakOptions,
    mut on_pixels: impl FnMut(NewPixels<'_>) -> Result<()>,
) -> Result<Peaks> {
    let info = decoder.info().clone();
    let mut builder = PeakBuilder::new(
        info.channels.max(1),
        info.sample_rate.max(1),
        options.samples_per_pixel,
        options.split_channels,
    )?;
    while decoder.decode_next(&mut builder)? {
        let ready = builder.take_ready();
        if !ready.data.is_empty() {
            on_pixels(ready)?;
        }
    }
    Ok(builder.finish())
}
