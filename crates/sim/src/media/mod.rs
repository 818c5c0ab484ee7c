//! Media the API hands out by URL, the way Genesys hands out S3 links: recordings
//! transcoded in the background into a cache folder, and short-lived signed links to them
//! (and to transcript files) served under `/media/...` without a bearer token.
//!
//! A link is a random token mapped to its target with an expiry; the mapping lives in
//! memory, so links die with the process, as signed URLs outlive nothing on the real
//! service either. Transcoded files are kept (their names are stable), so a simulator with
//! a persistent cache folder answers 200 at once for a recording it transcoded before.

mod serve;

use std::collections::HashMap;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use rand::Rng;
use tokio::sync::{watch, Semaphore};

use crate::audio::{self, AudioFormat, AudioSpec};

pub use serve::routes;

/// A finished transcode.
#[derive(Debug, Clone)]
pub struct Ready {
    pub path: PathBuf,
    pub size: u64,
    pub transcode_ms: u64,
}

/// Where a transcode stands after asking for it.
#[derive(Debug, Clone)]
pub enum Transcode {
    /// Just started by this request.
    Started,
    /// Started by an earlier request, not finished.
    Running,
    Ready(Ready),
    Failed(String),
}

type Outcome = Option<Result<Ready, String>>;

#[derive(Debug, Clone)]
enum Target {
    File {
        path: PathBuf,
        content_type: &'static str,
    },
    Bytes {
        body: Bytes,
        content_type: &'static str,
    },
}

struct Link {
    target: Target,
    expires: Instant,
    expires_at: chrono::DateTime<chrono::Utc>,
}

pub struct MediaStore {
    dir: PathBuf,
    /// Bytes of transcoded files kept; the least recently asked-for go past it.
    limit: u64,
    /// A folder of our own in the temp dir, removed when the simulator goes.
    temporary: bool,
    ttl: Duration,
    jobs: Mutex<HashMap<(String, AudioFormat), watch::Receiver<Outcome>>>,
    links: Mutex<HashMap<String, Link>>,
    /// Two machines' worth of cores is the most a laptop simulator should burn at once.
    permits: Arc<Semaphore>,
}

impl MediaStore {
    /// Caches in `dir`, else next to the database (`<db>.media`), else in a new temp
    /// folder; the folder is made by the first transcode, so a simulator that never
    /// serves media leaves nothing behind.
    pub fn new(dir: Option<&Path>, db_path: Option<&Path>, ttl: Duration) -> Self {
        let (dir, temporary) = match (dir, db_path) {
            (Some(d), _) => (d.to_path_buf(), false),
            (None, Some(db)) => (db.with_extension("media"), false),
            (None, None) => (
                std::env::temp_dir().join(format!("cc-sim-media-{}", uuid::Uuid::new_v4())),
                true,
            ),
        };
        MediaStore {
            dir,
            limit: u64::MAX,
            temporary,
            ttl,
            jobs: Mutex::new(HashMap::new()),
            links: Mutex::new(HashMap::new()),
            permits: Arc::new(Semaphore::new(2)),
        }
    }

    pub fn with_limit(mut self, bytes: u64) -> Self {
        self.limit = bytes;
        self
    }

    /// The transcode of `name` (a stable file stem) in `format`, started on first ask;
    /// `spec` is only called then.
    pub fn transcode(
        &self,
        name: &str,
        format: AudioFormat,
        spec: impl FnOnce() -> AudioSpec,
    ) -> Transcode {
        let key = (name.to_string(), format);
        let mut jobs = self.jobs.lock().expect("media jobs lock");
        let known = jobs.get(&key).map(|rx| rx.borrow().clone());
        match known {
            Some(None) => return Transcode::Running,
            Some(Some(Err(e))) => return Transcode::Failed(e),
            // A file evicted to keep the folder in bounds (or removed by hand) is made again.
            Some(Some(Ok(r))) if touch(&r.path) => return Transcode::Ready(r),
            Some(Some(Ok(_))) => {
                jobs.remove(&key);
            }
            None => {}
        }
        let path = self.dir.join(format!("{name}.{}", format.extension()));
        if let Some(meta) = std::fs::metadata(&path).ok().filter(|_| touch(&path)) {
            let ready = Ready {
                path,
                size: meta.len(),
                transcode_ms: 0,
            };
            jobs.insert(key, watch::channel(Some(Ok(ready.clone()))).1);
            return Transcode::Ready(ready);
        }
        let (tx, rx) = watch::channel(None);
        jobs.insert(key, rx);
        let spec = spec();
        let permits = self.permits.clone();
        let (dir, limit) = (self.dir.clone(), self.limit);
        tokio::spawn(async move {
            let _permit = permits.acquire_owned().await;
            let started = Instant::now();
            let outcome = tokio::task::spawn_blocking(move || {
                let written = write_file(&spec, format, &path)?;
                if let Err(e) = keep_within(&dir, limit, &written.0) {
                    tracing::warn!("the media folder could not be trimmed: {e}");
                }
                Ok::<_, io::Error>(written)
            })
            .await
            .map_err(|e| e.to_string())
            .and_then(|r| r.map_err(|e| e.to_string()))
            .map(|(path, size)| Ready {
                path,
                size,
                transcode_ms: started.elapsed().as_millis() as u64,
            });
            if let Err(e) = &outcome {
                tracing::error!("recording transcode failed: {e}");
            }
            let _ = tx.send(Some(outcome));
        });
        Transcode::Started
    }

    /// Waits up to `max` for a running transcode; `None` if it is not done by then.
    pub async fn wait(&self, name: &str, format: AudioFormat, max: Duration) -> Option<Ready> {
        let rx = self
            .jobs
            .lock()
            .expect("media jobs lock")
            .get(&(name.to_string(), format))
            .cloned();
        let mut rx = rx?;
        let done = tokio::time::timeout(max, rx.wait_for(Option::is_some)).await;
        match done {
            Ok(Ok(outcome)) => outcome.clone().and_then(Result::ok),
            _ => None,
        }
    }

    /// A signed URL under `base` for a transcoded file, valid for the store's TTL.
    pub fn sign_file(&self, base: &str, ready: &Ready, format: AudioFormat) -> String {
        let name = ready
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let target = Target::File {
            path: ready.path.clone(),
            content_type: format.content_type(),
        };
        self.sign(base, target, &name)
    }

    /// A signed URL under `base` for a small document held in memory.
    pub fn sign_bytes(
        &self,
        base: &str,
        body: Vec<u8>,
        content_type: &'static str,
        name: &str,
    ) -> String {
        let target = Target::Bytes {
            body: Bytes::from(body),
            content_type,
        };
        self.sign(base, target, name)
    }

    fn sign(&self, base: &str, target: Target, name: &str) -> String {
        let token: String = {
            let mut rng = rand::rng();
            (0..32)
                .map(|_| char::from_digit(rng.random_range(0..16), 16).unwrap_or('0'))
                .collect()
        };
        let now = Instant::now();
        let link = Link {
            target,
            expires: now + self.ttl,
            expires_at: chrono::Utc::now()
                + chrono::Duration::from_std(self.ttl).unwrap_or(chrono::Duration::MAX),
        };
        let mut links = self.links.lock().expect("media links lock");
        // Expired links are only kept long enough to answer "expired" rather than "unknown".
        links.retain(|_, l| l.expires + Duration::from_secs(3600) > now);
        links.insert(token.clone(), link);
        format!(
            "{base}/media/{token}/{name}?X-Amz-Expires={}",
            self.ttl.as_secs()
        )
    }

    fn resolve(&self, token: &str) -> Result<Target, Denied> {
        let links = self.links.lock().expect("media links lock");
        let link = links.get(token).ok_or(Denied::Unknown)?;
        if Instant::now() >= link.expires {
            return Err(Denied::Expired(link.expires_at));
        }
        Ok(link.target.clone())
    }
}

impl Drop for MediaStore {
    fn drop(&mut self) {
        if self.temporary {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

enum Denied {
    Unknown,
    Expired(chrono::DateTime<chrono::Utc>),
}

/// Marks a file as just used (its modification time orders eviction); false if it is gone.
fn touch(path: &Path) -> bool {
    std::fs::File::options()
        .append(true)
        .open(path)
        .and_then(|f| f.set_modified(std::time::SystemTime::now()))
        .is_ok()
}

/// Removes the least recently used finished files of `dir` until the rest fit in `limit`
/// bytes; `keep` (the file just made) stays even if it alone is larger. Files still being
/// written (`.part`) are not counted: they are not finished.
fn keep_within(dir: &Path, limit: u64, keep: &Path) -> io::Result<()> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let meta = entry.metadata()?;
        if !meta.is_file() || path.extension().is_some_and(|e| e == "part") {
            continue;
        }
        files.push((meta.modified()?, meta.len(), path));
    }
    let mut total: u64 = files.iter().map(|(_, len, _)| len).sum();
    files.sort();
    for (_, len, path) in files {
        if total <= limit {
            break;
        }
        if path != keep {
            std::fs::remove_file(&path)?;
            total -= len;
        }
    }
    Ok(())
}

/// Writes beside the final name and renames, so a half-written file is never served.
fn write_file(spec: &AudioSpec, format: AudioFormat, path: &Path) -> io::Result<(PathBuf, u64)> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut part = path.as_os_str().to_owned();
    part.push(".part");
    let part = PathBuf::from(part);
    let file = std::fs::File::create(&part)?;
    let mut out = audio::CountingWriter::new(BufWriter::with_capacity(1 << 20, file));
    audio::write_recording(spec, format, &mut out)?;
    out.flush()?;
    let size = out.written;
    out.into_inner()
        .into_inner()
        .map_err(|e| e.into_error())?
        .sync_all()?;
    std::fs::rename(&part, path)?;
    Ok((path.to_path_buf(), size))
}
