//! Recordings kept on disk: the downloaded audio and its peaks beside it, in one folder
//! with a size limit. Recordings are customer data, so every file is readable only by the
//! user, and the least recently used go first when the folder is over its limit.
//!
//! "Used" is the file's modification time, touched on each use: no index to keep in step
//! with the folder, and a crash can never leave the two disagreeing.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::error::{Error, Result};

/// A partial download ends in this; it is never served as a recording.
pub const PARTIAL: &str = "part";

#[derive(Debug, Clone)]
pub struct RecordingCache {
    dir: PathBuf,
    max_bytes: u64,
}

fn io_error(what: &str, path: &Path, e: std::io::Error) -> Error {
    Error::internal(format!("Cannot {what} {}: {e}", path.display()))
}

/// Restricts a cache file to its owner (a no-op where permissions are ACLs).
pub fn owner_only(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o600))
            .map_err(|e| io_error("protect", path, e))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

impl RecordingCache {
    pub fn open(dir: impl Into<PathBuf>, max_bytes: u64) -> Result<Self> {
        let dir = dir.into();
        fs::create_dir_all(&dir).map_err(|e| io_error("create", &dir, e))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&dir, fs::Permissions::from_mode(0o700))
                .map_err(|e| io_error("protect", &dir, e))?;
        }
        Ok(Self { dir, max_bytes })
    }

    /// The file a recording in `format` is kept in. Ids come from the platform, so only
    /// their safe characters make it into a file name.
    pub fn audio_path(&self, recording_id: &str, format: &str) -> PathBuf {
        let safe = |s: &str| -> String {
            s.chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .take(80)
                .collect()
        };
        self.dir.join(format!(
            "{}.{}",
            safe(recording_id),
            safe(format).to_lowercase()
        ))
    }

    /// Where the peaks of the audio at `audio` are kept.
    pub fn peaks_path(audio: &Path) -> PathBuf {
        let mut name = audio.file_name().unwrap_or_default().to_os_string();
        name.push(".peaks.dat");
        audio.with_file_name(name)
    }

    pub fn partial_path(audio: &Path) -> PathBuf {
        let mut name = audio.file_name().unwrap_or_default().to_os_string();
        name.push(".");
        name.push(PARTIAL);
        audio.with_file_name(name)
    }

    /// The complete file, if it is here; marks it (and its peaks) as just used.
    pub fn get(&self, path: &Path) -> Option<PathBuf> {
        if !path.is_file() {
            return None;
        }
        let now = fs::FileTimes::new().set_modified(SystemTime::now());
        for p in [path.to_path_buf(), Self::peaks_path(path)] {
            if let Ok(f) = fs::File::options().write(true).open(&p) {
                let _ = f.set_times(now);
            }
        }
        Some(path.to_path_buf())
    }

    /// Removes the least recently used files until the folder fits its limit, never
    /// touching `keep` (the recording being opened) or partial downloads in progress.
    pub fn evict(&self, keep: &Path) -> Result<u64> {
        let mut files: Vec<(SystemTime, u64, PathBuf)> = Vec::new();
        let entries = fs::read_dir(&self.dir).map_err(|e| io_error("read", &self.dir, e))?;
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(meta) = entry.metadata() else { continue };
            if meta.is_file() {
                let used = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
                files.push((used, meta.len(), path));
            }
        }
        let mut total: u64 = files.iter().map(|f| f.1).sum();
        files.sort();
        let protected = |p: &Path| {
            p == keep
                || p == Self::peaks_path(keep)
                || p == Self::partial_path(keep)
                || p.extension().is_some_and(|e| e == PARTIAL)
        };
        let mut freed = 0;
        for (_, len, path) in files {
            if total <= self.max_bytes {
                break;
            }
            if protected(&path) {
                continue;
            }
            if fs::remove_file(&path).is_ok() {
                total -= len;
                freed += len;
            }
        }
        Ok(freed)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(cache: &RecordingCache, id: &str, len: usize, age_s: u64) -> PathBuf {
        let p = cache.audio_path(id, "WAV");
        fs::write(&p, vec![0u8; len]).unwrap();
        let t = SystemTime::now() - std::time::Duration::from_secs(age_s);
        fs::File::options()
            .write(true)
            .open(&p)
            .unwrap()
            .set_times(fs::FileTimes::new().set_modified(t))
            .unwrap();
        p
    }

    #[test]
    fn the_least_recently_used_go_first_until_the_folder_fits() {
        let dir = tempfile::tempdir().unwrap();
        let cache = RecordingCache::open(dir.path().join("rec"), 250).unwrap();
        let old = write(&cache, "old", 100, 300);
        let mid = write(&cache, "mid", 100, 200);
        let new = write(&cache, "new", 100, 100);
        // Opening "old" makes it the most recently used.
        assert!(cache.get(&old).is_some());
        let opened = write(&cache, "opened", 100, 400);
        assert_eq!(cache.evict(&opened).unwrap(), 200);
        assert!(
            old.exists() && opened.exists(),
            "used now, and the one being opened"
        );
        assert!(!mid.exists() && !new.exists());
    }

    #[test]
    fn partial_downloads_are_never_evicted() {
        let dir = tempfile::tempdir().unwrap();
        let cache = RecordingCache::open(dir.path(), 10).unwrap();
        let keep = cache.audio_path("a", "mp3");
        let partial = RecordingCache::partial_path(&cache.audio_path("b", "mp3"));
        fs::write(&partial, vec![0u8; 100]).unwrap();
        cache.evict(&keep).unwrap();
        assert!(partial.exists());
    }

    #[test]
    fn names_keep_only_safe_characters() {
        let dir = tempfile::tempdir().unwrap();
        let cache = RecordingCache::open(dir.path(), 10).unwrap();
        let p = cache.audio_path("../../etc/passwd", "WAV_ULAW");
        assert_eq!(p.parent().unwrap(), dir.path());
        assert_eq!(p.file_name().unwrap(), "etcpasswd.wav_ulaw");
        assert_eq!(
            RecordingCache::peaks_path(&p).file_name().unwrap(),
            "etcpasswd.wav_ulaw.peaks.dat"
        );
    }

    #[cfg(unix)]
    #[test]
    fn the_folder_is_the_users_alone() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let cache = RecordingCache::open(dir.path().join("r"), 10).unwrap();
        let mode = fs::metadata(cache.dir()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
    }
}
