//! Any bytes as a recording's file, through everything that reads one into peaks (the
//! direct WAV reader, the decoder, the two halves of a long MP3), and any bytes as a peaks
//! file: an error is fine, a panic (or an abort from a huge allocation) is a bug.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use supervisor_core::recordings::{peaks_of_file, waveform_data, PeakOptions};

/// One file per fuzzing process, written again for each input: the readers under test
/// open files by path (the second half of a long one opens its own handle).
fn input_file() -> &'static PathBuf {
    static FILE: OnceLock<PathBuf> = OnceLock::new();
    FILE.get_or_init(|| std::env::temp_dir().join(format!("decode-peaks-{}", std::process::id())))
}

/// libFuzzer's panic hook aborts on any panic, even one the decoder catches and turns
/// into `CorruptMedia` by design (symphonia has a few, e.g. a shift overflow on a WAV
/// channel mask in debug builds). A quiet hook leaves those caught; a panic that escapes
/// still reaches libfuzzer-sys's own `catch_unwind`, which aborts, so it is still found.
fn quiet_caught_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| std::panic::set_hook(Box::new(|_| {})));
}

fuzz_target!(|data: &[u8]| {
    quiet_caught_panics();
    let path = input_file();
    std::fs::write(path, data).expect("the fuzz input is written");
    let options = PeakOptions {
        samples_per_pixel: 64,
        split_channels: data.len() % 2 == 0,
    };
    let _ = peaks_of_file(path, options, |_| Ok(()));
    let _ = waveform_data::decode_dat(data);
    let _ = waveform_data::decode_json(data);
});
