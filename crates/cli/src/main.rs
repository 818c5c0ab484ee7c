//! `supervisor`: Supervisor Console's headless commands. Each command is a thin layer over
//! `supervisor-core`; commands arrive with the features that need them.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{CommandFactory, Parser, Subcommand};
use supervisor_core::recordings::waveform_data::{self, Format, Version};
use supervisor_core::recordings::{peaks_of_file, PeakOptions};

/// Headless commands of Supervisor Console.
#[derive(Parser, Debug)]
#[command(name = "supervisor", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Computes a recording's waveform peaks, as audiowaveform does.
    Peaks(PeaksArgs),
}

/// The options mean what audiowaveform's do.
#[derive(clap::Args, Debug)]
struct PeaksArgs {
    /// The recording: WAV (PCM or mu-law), MP3, OGG Vorbis or FLAC.
    input: PathBuf,
    /// Where to write the peaks: `.dat` (binary) or `.json`.
    #[arg(short, long)]
    output: PathBuf,
    /// Samples per pixel at the written zoom level.
    #[arg(short = 'z', long = "zoom", default_value_t = 256, value_parser = clap::value_parser!(u32).range(2..))]
    samples_per_pixel: u32,
    /// Bits per value: 8 or 16.
    #[arg(short, long, default_value_t = 16,
          value_parser = PossibleValuesParser::new(["8", "16"]).map(|b| b.parse::<u8>().unwrap_or(16)))]
    bits: u8,
    /// One waveform per channel instead of the channels mixed to mono.
    #[arg(long)]
    split_channels: bool,
}

fn peaks(args: &PeaksArgs) -> Result<(), String> {
    let format = match args.output.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("dat") => Format::Dat,
        Some(e) if e.eq_ignore_ascii_case("json") => Format::Json,
        _ => {
            return Err(format!(
                "cannot tell the output format of {}: name it .dat or .json",
                args.output.display()
            ))
        }
    };
    let options = PeakOptions {
        samples_per_pixel: args.samples_per_pixel,
        split_channels: args.split_channels,
    };
    let peaks = peaks_of_file(&args.input, options, |_| Ok(())).map_err(|e| e.message)?;
    let peaks = if args.bits == 8 {
        peaks.to_8_bit()
    } else {
        peaks
    };
    // As audiowaveform: binary version 1 holds a single channel, version 2 several; JSON
    // is always written as version 2.
    let version = match format {
        Format::Dat if peaks.channels() == 1 => Version::V1,
        _ => Version::V2,
    };
    waveform_data::write_file(&args.output, &peaks, format, version).map_err(|e| e.message)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Bad input must end in one line on stderr, never a panic's backtrace: the decoder
    // turns panics into errors, and the hook keeps their report off the terminal.
    std::panic::set_hook(Box::new(|_| {}));
    match cli.command {
        None => {
            let _ = Cli::command().print_help();
            println!();
            ExitCode::SUCCESS
        }
        Some(Command::Peaks(args)) => match peaks(&args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("supervisor peaks: {message}");
                ExitCode::FAILURE
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_and_version_parse() {
        Cli::command().debug_assert();
        let err = Cli::try_parse_from(["supervisor", "--version"]).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::DisplayVersion);
        assert!(err.to_string().contains(env!("CARGO_PKG_VERSION")));
    }

    #[test]
    fn peaks_options_are_audiowaveforms() {
        let cli = Cli::try_parse_from(["supervisor", "peaks", "in.mp3", "-o", "out.dat"]).unwrap();
        let Some(Command::Peaks(args)) = cli.command else {
            panic!("peaks")
        };
        assert_eq!((args.samples_per_pixel, args.bits), (256, 16));
        assert!(!args.split_channels);
        let cli = Cli::try_parse_from([
            "supervisor",
            "peaks",
            "in.wav",
            "-o",
            "o.json",
            "-z",
            "512",
            "-b",
            "8",
            "--split-channels",
        ])
        .unwrap();
        let Some(Command::Peaks(args)) = cli.command else {
            panic!("peaks")
        };
        assert_eq!((args.samples_per_pixel, args.bits), (512, 8));
        assert!(args.split_channels);
        for bad in [["-b", "12"], ["-z", "1"]] {
            let mut argv = vec!["supervisor", "peaks", "in.wav", "-o", "o.dat"];
            argv.extend(bad);
            assert!(Cli::try_parse_from(argv).is_err(), "{bad:?}");
        }
    }
}
