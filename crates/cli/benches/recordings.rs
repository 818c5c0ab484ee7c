//! Recording figures, side by side in one run, on an hour of generated speech-like stereo
//! audio at 48 kHz (MP3, 16-bit WAV and mu-law WAV, made once by the simulator's generator
//! and kept under `target/bench-audio/`):
//!
//! - `supervisor peaks` (the same code the app runs) against `ffmpeg -threads 1 -i X -f
//!   null -` on the same file: wall time (median of 5) and the peak resident memory of
//!   each process;
//! - in process: the first screen of peaks (the first 10 s) from opening the file, reading
//!   the peaks back from the cache, and a seek to the middle of the hour until samples
//!   arrive there.
//!
//! Run with `scripts/bench.sh recordings`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use cc_sim::audio::{write_recording, AudioFormat, AudioSpec};
use supervisor_core::recordings::waveform_data::{self, Format, Version};
use supervisor_core::recordings::{peaks_of, Decoder, PeakOptions, PlaneSink, Sample};

const SECONDS: u64 = 3_600;
const RATE: u32 = 48_000;

fn audio_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-audio");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The hour in `format`, generated on the first run.
fn hour(format: AudioFormat, ext: &str) -> PathBuf {
    let path = audio_dir().join(format!("hour-48k.{ext}"));
    if !path.exists() {
        let started = Instant::now();
        let partial = path.with_extension("part");
        let mut out = std::io::BufWriter::new(std::fs::File::create(&partial).unwrap());
        write_recording(
            &AudioSpec::dialogue(SECONDS * 1000, RATE, 7),
            format,
            &mut out,
        )
        .unwrap();
        drop(out);
        std::fs::rename(&partial, &path).unwrap();
        println!(
            "generated {} in {:.1} s",
            path.display(),
            started.elapsed().as_secs_f64()
        );
    }
    path
}

/// Wall time and peak RSS (MB) of a child process. `wait4` reaps it (and gives its own
/// rusage, which `Child::wait` cannot).
#[allow(clippy::zombie_processes)]
fn run(cmd: &mut Command) -> (Duration, f64) {
    let started = Instant::now();
    let child = cmd.spawn().expect("the command runs");
    let mut status = 0;
    // SAFETY: rusage is plain data, zeroed is a valid value; wait4 fills it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    // SAFETY: waits for our own child, by pid, once.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = started.elapsed();
    assert_eq!(r, pid, "wait4");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{cmd:?} failed"
    );
    (elapsed, usage.ru_maxrss as f64 / 1024.0)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn side_by_side(name: &str, file: &Path) {
    let out = audio_dir().join("bench-peaks.dat");
    let mut ours = Vec::new();
    let mut ours_rss: f64 = 0.0;
    let mut theirs = Vec::new();
    let mut theirs_rss: f64 = 0.0;
    for _ in 0..5 {
        let (t, rss) = run(Command::new(env!("CARGO_BIN_EXE_supervisor")).args([
            "peaks",
            file.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]));
        ours.push(t);
        ours_rss = ours_rss.max(rss);
        let (t, rss) = run(Command::new("ffmpeg").args([
            "-nostdin",
            "-v",
            "error",
            "-threads",
            "1",
            "-i",
            file.to_str().unwrap(),
            "-f",
            "null",
            "-",
        ]));
        theirs.push(t);
        theirs_rss = theirs_rss.max(rss);
    }
    let (ours, theirs) = (median(ours), median(theirs));
    println!(
        "{name}: supervisor peaks {:.2} s ({ours_rss:.0} MB peak RSS), ffmpeg -threads 1 {:.2} s ({theirs_rss:.0} MB): {:.2}× ffmpeg",
        ours.as_secs_f64(),
        theirs.as_secs_f64(),
        ours.as_secs_f64() / theirs.as_secs_f64()
    );
}

struct Discard(u64);
impl PlaneSink for Discard {
    fn planes<S: Sample>(
        &mut self,
        _first_frame: u64,
        planes: &[&[S]],
    ) -> supervisor_core::Result<()> {
        self.0 += planes.first().map_or(0, |p| p.len()) as u64;
        Ok(())
    }
}

fn in_process(name: &str, file: &Path) {
    // First screen: the first 10 s of peaks at the app's base resolution.
    let mut firsts = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let mut decoder = Decoder::open(file).unwrap();
        let rate = decoder.info().sample_rate;
        let options = PeakOptions {
            samples_per_pixel: 1024,
            split_channels: true,
        };
        let screen_px = (10 * rate / 1024) as usize;
        let mut first = None;
        let stop = supervisor_core::Error::new(supervisor_core::error::Code::Cancelled, "enough");
        let _ = peaks_of(&mut decoder, options, |ready| {
            if ready.first_pixel + ready.data.len() / 4 >= screen_px {
                first = Some(started.elapsed());
                return Err(stop.clone());
            }
            Ok(())
        });
        firsts.push(first.expect("ten seconds of peaks"));
    }
    // Reopening: the peaks read back from the cached .dat.
    let peaks = supervisor_core::recordings::peaks_of_file(
        file,
        PeakOptions {
            samples_per_pixel: 1024,
            split_channels: true,
        },
        |_| Ok(()),
    )
    .unwrap();
    let cached = audio_dir().join(format!("{name}.peaks.dat"));
    waveform_data::write_file(&cached, &peaks, Format::Dat, Version::V2).unwrap();
    let mut reads = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let back = waveform_data::read_file(&cached).unwrap();
        reads.push(t.elapsed());
        assert_eq!(back.pixel_count(), peaks.pixel_count());
    }
    // A seek to the middle, until the first samples there are decoded.
    let mut seeks = Vec::new();
    let mut decoder = Decoder::open(file).unwrap();
    for target_s in [1800u64, 600, 3000, 1200, 2400] {
        let t = Instant::now();
        decoder.seek(target_s * u64::from(RATE)).unwrap();
        let mut sink = Discard(0);
        assert!(decoder.decode_next(&mut sink).unwrap());
        seeks.push(t.elapsed());
    }
    println!(
        "{name}: first screen (10 s of peaks) {:.1} ms; peaks from the cache {:.1} ms ({} pixels); seek to samples {:.1} ms",
        median(firsts).as_secs_f64() * 1000.0,
        median(reads).as_secs_f64() * 1000.0,
        peaks.pixel_count(),
        median(seeks).as_secs_f64() * 1000.0,
    );
}

fn main() {
    let mp3 = hour(AudioFormat::Mp3, "mp3");
    let wav = hour(AudioFormat::Wav, "wav");
    let ulaw = hour(AudioFormat::WavUlaw, "ulaw.wav");
    println!(
        "an hour of stereo speech-like audio at 48 kHz, {} cores",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    side_by_side("MP3", &mp3);
    side_by_side("WAV", &wav);
    side_by_side("WAV mu-law", &ulaw);
    in_process("MP3", &mp3);
    in_process("WAV", &wav);
}
