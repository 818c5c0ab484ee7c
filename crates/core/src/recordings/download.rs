//! Downloading a recording's media from its signed URL: streamed to a partial file, so
//! memory stays flat for a two-hour call; resumed with an HTTP Range request after a
//! dropped connection; checked for completeness before it replaces anything.

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use futures_util::StreamExt;
use reqwest::header::{CONTENT_RANGE, RANGE};
use reqwest::StatusCode;

use super::cache::{owner_only, RecordingCache};
use crate::error::{Code, Error, Result};

/// Attempts per download: each after the first resumes where the last one stopped.
const ATTEMPTS: u32 = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub received: u64,
    pub total: Option<u64>,
}

fn local(what: &str, path: &Path, e: std::io::Error) -> Error {
    Error::internal(format!(
        "Cannot {what} the recording at {}: {e}",
        path.display()
    ))
}

fn interrupted(e: impl std::fmt::Display) -> Error {
    Error::new(
        Code::Network,
        format!("The recording's download was interrupted ({e}); trying again resumes it."),
    )
}

/// `bytes START-END/TOTAL` → (START, TOTAL); `bytes */TOTAL` → (None, TOTAL).
fn content_range(value: &str) -> Option<(Option<u64>, Option<u64>)> {
    let spec = value.trim().strip_prefix("bytes ")?;
    let (range, total) = spec.split_once('/')?;
    let total = total.trim().parse().ok();
    let start = match range.trim() {
        "*" => None,
        r => Some(r.split_once('-')?.0.trim().parse().ok()?),
    };
    Some((start, total))
}

/// Downloads `url` into `dest`, resuming a partial file an earlier attempt left.
/// `expected_size` (the platform's `outputSizeInBytes`) is checked when known.
pub async fn download(
    http: &reqwest::Client,
    url: &str,
    dest: &Path,
    expected_size: Option<u64>,
    mut progress: impl FnMut(Progress),
) -> Result<()> {
    let mut last_error = None;
    for attempt in 0..ATTEMPTS {
        if attempt > 0 {
            tokio::time::sleep(Duration::from_millis(200 * u64::from(attempt))).await;
        }
        match attempt_download(http, url, dest, expected_size, &mut progress).await {
            Err(e) if e.code == Code::Network => last_error = Some(e),
            other => return other,
        }
    }
    Err(last_error.unwrap_or_else(|| interrupted("no attempt was made")))
}

async fn attempt_download(
    http: &reqwest::Client,
    url: &str,
    dest: &Path,
    expected_size: Option<u64>,
    progress: &mut impl FnMut(Progress),
) -> Result<()> {
    let partial = RecordingCache::partial_path(dest);
    let have = std::fs::metadata(&partial).map_or(0, |m| m.len());
    let mut request = http.get(url);
    if have > 0 {
        request = request.header(RANGE, format!("bytes={have}-"));
    }
    let response = request.send().await.map_err(interrupted)?;
    let range = response
        .headers()
        .get(CONTENT_RANGE)
        .and_then(|v| v.to_str().ok())
        .and_then(content_range);
    let (start, total) = match response.status() {
        StatusCode::OK => (0, response.content_length()),
        StatusCode::PARTIAL_CONTENT => match range {
            Some((Some(start), total)) if start == have => (start, total),
            _ => {
                // A range we did not ask for: start again rather than splice wrong bytes.
                let _ = std::fs::remove_file(&partial);
                return Err(interrupted("the server answered another range"));
            }
        },
        StatusCode::RANGE_NOT_SATISFIABLE => {
            if range.and_then(|r| r.1) == Some(have) {
                return finish(&partial, dest, have, expected_size);
            }
            let _ = std::fs::remove_file(&partial);
            return Err(interrupted(
                "the saved part no longer matches the recording",
            ));
        }
        StatusCode::FORBIDDEN => {
            return Err(Error::new(
                Code::Platform,
                "The recording's download link has expired; open the recording again.",
            ))
        }
        StatusCode::NOT_FOUND => return Err(Error::not_found("The recording's media is gone.")),
        status => {
            return Err(Error::new(
                Code::Platform,
                format!("The recording's download failed: the server answered {status}."),
            ))
        }
    };
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .write(true)
        .append(start > 0)
        .truncate(start == 0)
        .open(&partial)
        .map_err(|e| local("save", &partial, e))?;
    owner_only(&partial)?;
    let mut received = start;
    progress(Progress { received, total });
    let mut body = response.bytes_stream();
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(interrupted)?;
        file.write_all(&chunk)
            .map_err(|e| local("save", &partial, e))?;
        received += chunk.len() as u64;
        progress(Progress { received, total });
    }
    file.sync_all().map_err(|e| local("save", &partial, e))?;
    drop(file);
    if let Some(t) = total.filter(|t| received < *t) {
        return Err(interrupted(format!("{received} of {t} bytes arrived")));
    }
    finish(&partial, dest, received, expected_size)
}

/// Checks the partial file is the whole recording, then puts it in place.
fn finish(partial: &Path, dest: &Path, size: u64, expected_size: Option<u64>) -> Result<()> {
    if let Some(want) = expected_size.filter(|w| *w != size) {
        let _ = std::fs::remove_file(partial);
        return Err(Error::new(
            Code::CorruptMedia,
            format!("The recording arrived with {size} bytes where the platform announced {want}; it was discarded."),
        ));
    }
    std::fs::rename(partial, dest).map_err(|e| local("save", dest, e))?;
    owner_only(dest)
}

#[cfg(test)]
mod tests {
    use super::content_range;

    #[test]
    fn content_ranges_parse() {
        assert_eq!(
            content_range("bytes 100-199/1000"),
            Some((Some(100), Some(1000)))
        );
        assert_eq!(content_range("bytes */1000"), Some((None, Some(1000))));
        assert_eq!(content_range("bytes 0-9/*"), Some((Some(0), None)));
        assert_eq!(content_range("items 0-9/10"), None);
        assert_eq!(content_range("bytes x-9/10"), None);
    }
}
