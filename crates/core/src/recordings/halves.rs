//! Peaks of a long recording worked out as two halves at once, one per core. The halves
//! meet on a pixel boundary, so the second half's pixels simply follow the first's and the
//! result is the same, pixel for pixel, as one pass from the start.
//!
//! The first half runs on the caller's thread and hands its pixels out as they come (the
//! beginning is what is drawn first); the second half's arrive when both are done.

use std::sync::atomic::{AtomicBool, Ordering};

use super::peaks::{NewPixels, PeakBuilder, Peaks};
use crate::error::{Error, Result};

/// How the first half ended.
pub(crate) enum HeadEnd {
    /// It reached the point where the second half starts: the two are joined.
    AtSplit(Peaks),
    /// The recording ended before that point (its length was an estimate): this is all of it.
    Whole(Peaks),
}

/// What the second half gives: its peaks and whether its last pixel is a partial one.
pub(crate) struct Tail {
    pub peaks: Peaks,
    pub ends_partial: bool,
}

impl Tail {
    pub fn from_builder(builder: PeakBuilder) -> Tail {
        let ends_partial = builder.has_partial_pixel();
        Tail {
            peaks: builder.finish(),
            ends_partial,
        }
    }
}

/// Runs `head` here and `tail` on a second thread. `tail` is told to stop (through the
/// flag it is given) when the head fails or finds the recording ends before the split.
pub(crate) fn in_two(
    head: impl FnOnce(&mut dyn FnMut(NewPixels<'_>) -> Result<()>) -> Result<HeadEnd>,
    tail: impl FnOnce(&AtomicBool) -> Result<Tail> + Send,
    on_pixels: &mut dyn FnMut(NewPixels<'_>) -> Result<()>,
) -> Result<Peaks> {
    let stop = AtomicBool::new(false);
    let (head, tail) = std::thread::scope(|scope| {
        let tail = scope.spawn(|| tail(&stop));
        let head = head(on_pixels);
        if !matches!(head, Ok(HeadEnd::AtSplit(_))) {
            stop.store(true, Ordering::Relaxed);
        }
        (head, tail.join())
    });
    let head = match head? {
        HeadEnd::Whole(peaks) => return Ok(peaks),
        HeadEnd::AtSplit(peaks) => peaks,
    };
    let tail =
        tail.map_err(|_| Error::internal("Reading the recording stopped unexpectedly."))??;
    join(head, tail, on_pixels)
}

fn join(
    head: Peaks,
    tail: Tail,
    on_pixels: &mut dyn FnMut(NewPixels<'_>) -> Result<()>,
) -> Result<Peaks> {
    let mut data = head.data().to_vec();
    data.extend_from_slice(tail.peaks.data());
    // The tail's whole pixels go out now; a trailing partial one is in the result only, as
    // it would be from one pass.
    let stride = 2 * head.channels() as usize;
    let tail_pixels = tail.peaks.data().len() / stride;
    let complete = tail_pixels - usize::from(tail.ends_partial && tail_pixels > 0);
    if complete > 0 {
        on_pixels(NewPixels {
            first_pixel: head.pixel_count(),
            data: &tail.peaks.data()[..complete * stride],
        })?;
    }
    Peaks::new(
        head.sample_rate(),
        head.samples_per_pixel(),
        head.channels(),
        16,
        data,
    )
}

/// Whether the other half has given up, so this one can stop early.
pub(crate) fn stopped(stop: &AtomicBool) -> bool {
    stop.load(Ordering::Relaxed)
}
