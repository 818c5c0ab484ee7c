//! Recordings: what the console needs to show a call recording, starting with its
//! waveform. A decoder feeds [`peaks::PeakBuilder`]; [`waveform_data`] reads and writes
//! the result in audiowaveform's `.dat` and JSON formats, which waveform-data.js and
//! other waveform viewers read too.

pub mod cache;
pub mod decode;
pub mod download;
mod halves;
pub mod peaks;
pub mod playback;
pub mod sample;
pub mod stretch;
pub mod types;
mod wav_direct;
pub mod waveform;
pub mod waveform_data;

pub use cache::RecordingCache;
pub use decode::{AudioInfo, Decoder, PlaneSink};
pub use peaks::{NewPixels, PeakBuilder, Peaks, MAX_CHANNELS};
pub use sample::Sample;
pub use waveform::{peaks_of, peaks_of_file, PeakOptions};
