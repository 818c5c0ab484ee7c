//! The IPC commands: each takes its arguments, calls the core and returns its result or
//! its `{code, message}` error. No logic lives here.

use serde::Serialize;
use std::sync::Arc;
use supervisor_core::connections::ConnectionInput;
use supervisor_core::console::{ConnectionTest, ConnectionView, Console};
use supervisor_core::model::{Presence, PresenceOption, Session};
use supervisor_core::regions::{Region, REGIONS};
use supervisor_core::Result;
use tauri::State;

use crate::paths::AppPaths;

type ConsoleState<'a> = State<'a, Arc<Console>>;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    version: &'static str,
    data_dir: String,
    log_dir: String,
}

#[tauri::command]
pub fn get_app_info(paths: State<'_, AppPaths>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        data_dir: paths.data_dir.display().to_string(),
        log_dir: paths.log_dir.display().to_string(),
    }
}

#[tauri::command]
pub fn list_regions() -> Vec<Region> {
    REGIONS.to_vec()
}

#[tauri::command]
pub async fn list_connections(console: ConsoleState<'_>) -> Result<Vec<ConnectionView>> {
    console.list_connections().await
}

#[tauri::command]
pub async fn save_connection(
    console: ConsoleState<'_>,
    input: ConnectionInput,
) -> Result<ConnectionView> {
    console.save_connection(input).await
}

#[tauri::command]
pub async fn remove_connection(console: ConsoleState<'_>, id: String) -> Result<()> {
    console.remove_connection(&id).await
}

#[tauri::command]
pub async fn test_connection(console: ConsoleState<'_>, id: String) -> Result<ConnectionTest> {
    console.test_connection(&id).await
}

#[tauri::command]
pub async fn sign_in(
    console: ConsoleState<'_>,
    id: String,
    stay_signed_in: bool,
) -> Result<Session> {
    console.sign_in(&id, stay_signed_in).await
}

#[tauri::command]
pub fn cancel_sign_in(console: ConsoleState<'_>, id: String) {
    console.cancel_sign_in(&id)
}

#[tauri::command]
pub async fn sign_out(console: ConsoleState<'_>, id: String) -> Result<()> {
    console.sign_out(&id).await
}

#[tauri::command]
pub async fn set_active_connection(
    console: ConsoleState<'_>,
    id: String,
) -> Result<Option<Session>> {
    console.set_active_connection(&id).await
}

#[tauri::command]
pub async fn get_session(console: ConsoleState<'_>) -> Result<Option<Session>> {
    console.wait_started().await;
    console.session()
}

#[tauri::command]
pub async fn list_presence_options(console: ConsoleState<'_>) -> Result<Vec<PresenceOption>> {
    console.presence_options().await
}

#[tauri::command]
pub async fn set_presence(console: ConsoleState<'_>, definition_id: String) -> Result<Presence> {
    console.set_presence(&definition_id).await
}
