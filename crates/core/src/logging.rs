//! Tracing to a daily-rotated file in the app's log folder and to stderr.
//!
//! Nothing logged at info level carries a secret (they are `Sensitive`) or a message body.

use std::path::Path;
pub use tracing_appender::non_blocking::WorkerGuard as Guard;
use tracing_appender::rolling::{Builder, Rotation};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{fmt, EnvFilter};

/// Keep a week of daily files.
const KEEP_FILES: usize = 7;

/// Starts logging; keep the guard alive for the life of the process (it flushes on drop).
/// `RUST_LOG` overrides the default level (info for our crates, warn for the rest).
pub fn init(log_dir: &Path, file_prefix: &str) -> std::io::Result<Guard> {
    std::fs::create_dir_all(log_dir)?;
    let appender = Builder::new()
        .rotation(Rotation::DAILY)
        .filename_prefix(file_prefix)
        .filename_suffix("log")
        .max_log_files(KEEP_FILES)
        .build(log_dir)
        .map_err(std::io::Error::other)?;
    let (file, guard) = tracing_appender::non_blocking(appender);
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        EnvFilter::new("warn,supervisor_core=info,supervisor_console=info,cc_sim=info")
    });
    let _ = tracing_subscriber::registry()
        .with(filter)
        .with(fmt::layer().with_writer(std::io::stderr))
        .with(fmt::layer().with_ansi(false).with_writer(file))
        .try_init();
    Ok(guard)
}
