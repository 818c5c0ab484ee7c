//! `supervisor`: Supervisor Console's headless commands. Each command is a thin layer over
//! `supervisor-core`; commands arrive with the features that need them.

use clap::{CommandFactory, Parser};

/// Headless commands of Supervisor Console.
#[derive(Parser, Debug)]
#[command(name = "supervisor", version, about, long_about = None)]
struct Cli {}

fn main() {
    let _cli = Cli::parse();
    // No command yet: with none given, show what the tool is.
    let _ = Cli::command().print_help();
    println!();
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
}
