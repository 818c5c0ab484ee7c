//! Recordings: what the console needs to show a call recording, starting with its
//! waveform. Decoding feeds [`peaks::PeakBuilder`]; [`waveform_data`] stores the result
//! in audiowaveform's formats, which the UI's waveform library also reads.

pub mod peaks;
pub mod sample;
pub mod waveform_data;

pub use peaks::{NewPixels, PeakBuilder, Peaks, MAX_CHANNELS};
pub use sample::Sample;
