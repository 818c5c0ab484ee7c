//! Times the synthetic recording generator without a simulator around it:
//! `cargo run -p cc-sim --example recording_speed -- [seconds] [sample rate] [formatId]`
//! (defaults: an hour, 48 kHz, WAV), written to a sink so only generation and encoding
//! are measured.

use std::io;
use std::time::Instant;

use cc_sim::audio::{write_recording, AudioFormat, AudioSpec, CountingWriter};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let seconds: u64 = args.first().and_then(|s| s.parse().ok()).unwrap_or(3_600);
    let rate: u32 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(48_000);
    let format = args
        .get(2)
        .and_then(|f| AudioFormat::from_format_id(f))
        .unwrap_or(AudioFormat::Wav);
    let spec = AudioSpec::dialogue(seconds * 1000, rate, 1);
    let mut out = CountingWriter::new(io::sink());
    let started = Instant::now();
    write_recording(&spec, format, &mut out).expect("writing to a sink cannot fail");
    let elapsed = started.elapsed().as_secs_f64();
    println!(
        "{seconds} s of stereo {rate} Hz {} ({} phrases): {} bytes in {elapsed:.2} s, {:.0}x real time",
        format.format_id(),
        spec.phrases.len(),
        out.written,
        seconds as f64 / elapsed
    );
}
