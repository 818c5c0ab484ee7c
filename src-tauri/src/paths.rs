//! Where the app keeps its database and logs.

use std::path::PathBuf;
use tauri::Manager;

/// Overrides the data folder (tests and side-by-side profiles use a throwaway one).
pub const DATA_DIR_ENV: &str = "SUPERVISOR_CONSOLE_DATA_DIR";

#[derive(Debug, Clone)]
pub struct AppPaths {
    pub data_dir: PathBuf,
    pub log_dir: PathBuf,
}

impl AppPaths {
    pub fn resolve<R: tauri::Runtime>(app: &tauri::AppHandle<R>) -> tauri::Result<Self> {
        if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
            let data_dir = PathBuf::from(dir);
            return Ok(Self {
                log_dir: data_dir.join("logs"),
                data_dir,
            });
        }
        Ok(Self {
            data_dir: app.path().app_data_dir()?,
            log_dir: app.path().app_log_dir()?,
        })
    }
}
