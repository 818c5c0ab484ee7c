//! Any bytes through the recording decoder into peaks, and any bytes as a peaks file:
//! an error is fine, a panic (or an abort from a huge allocation) is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;
use supervisor_core::recordings::{peaks_of, waveform_data, Decoder, PeakOptions};

fuzz_target!(|data: &[u8]| {
    let source = Box::new(std::io::Cursor::new(data.to_vec()));
    if let Ok(mut decoder) = Decoder::from_source(source, None) {
        let options = PeakOptions {
            samples_per_pixel: 64,
            split_channels: data.len() % 2 == 0,
        };
        let _ = peaks_of(&mut decoder, options, |_| Ok(()));
    }
    let _ = waveform_data::decode_dat(data);
    let _ = waveform_data::decode_json(data);
});
