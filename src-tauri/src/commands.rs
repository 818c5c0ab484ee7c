//! The IPC commands: each takes its arguments, calls the core and returns its result or
//! its `{code, message}` error. No logic lives here.

use serde::Serialize;
use std::sync::Arc;
use supervisor_core::connections::ConnectionInput;
use supervisor_core::console::{ConnectionTest, ConnectionView, Console};
use supervisor_core::interactions::{
    ArrangedResult, ColumnId, ExportedFile, FilterOptions, InteractionFilters, InteractionRow,
    LoadEvent, OpenedResult, SavedView, SavedViewInput, SortSpec,
};
use supervisor_core::model::{Presence, PresenceOption, Session};
use supervisor_core::regions::{Region, REGIONS};
use supervisor_core::Result;
use tauri::ipc::Channel;
use tauri::{Manager, State};

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

// Commands that wait for the database or a result's lock, or sort 100,000 rows, run off
// the main thread (`async`): on it they would hold up the window's event loop, and the
// cache writer can hold the database for a whole transaction while a view loads.
#[tauri::command(async)]
pub fn list_views(console: ConsoleState<'_>) -> Result<Vec<SavedView>> {
    console.list_views()
}

#[tauri::command(async)]
pub fn save_view(console: ConsoleState<'_>, input: SavedViewInput) -> Result<SavedView> {
    console.save_view(input)
}

#[tauri::command(async)]
pub fn duplicate_view(console: ConsoleState<'_>, id: String) -> Result<SavedView> {
    console.duplicate_view(&id)
}

#[tauri::command(async)]
pub fn delete_view(console: ConsoleState<'_>, id: String) -> Result<()> {
    console.delete_view(&id)
}

#[tauri::command]
pub async fn get_filter_options(console: ConsoleState<'_>) -> Result<FilterOptions> {
    console.filter_options().await
}

#[tauri::command]
pub async fn open_interactions(
    console: ConsoleState<'_>,
    filters: InteractionFilters,
    sort: SortSpec,
    events: Channel<LoadEvent>,
) -> Result<OpenedResult> {
    let sink = Arc::new(move |e: LoadEvent| {
        // The window may have gone; the load then simply has no one to tell.
        let _ = events.send(e);
    });
    console.inner().open_interactions(filters, sort, sink).await
}

#[tauri::command(async)]
pub fn interaction_rows(
    console: ConsoleState<'_>,
    result_id: String,
    offset: usize,
    limit: usize,
) -> Result<Vec<InteractionRow>> {
    console.interaction_rows(&result_id, offset, limit)
}

#[tauri::command(async)]
pub fn arrange_interactions(
    console: ConsoleState<'_>,
    result_id: String,
    sort: SortSpec,
    text: String,
    window_offset: Option<usize>,
    window_limit: Option<usize>,
) -> Result<ArrangedResult> {
    let window = window_offset.map(|o| (o, window_limit.unwrap_or(0)));
    console.arrange_interactions(&result_id, sort, &text, window)
}

#[tauri::command(async)]
pub fn cancel_interactions(console: ConsoleState<'_>, result_id: String) -> Result<()> {
    console.cancel_interactions(&result_id)
}

#[tauri::command(async)]
pub fn close_interactions(console: ConsoleState<'_>, result_id: String) -> Result<()> {
    console.close_interactions(&result_id);
    Ok(())
}

/// Exports to the person's Downloads folder (the home folder when there is none).
#[tauri::command]
pub async fn export_interactions(
    app: tauri::AppHandle,
    console: ConsoleState<'_>,
    result_id: String,
    columns: Vec<ColumnId>,
    name: String,
) -> Result<ExportedFile> {
    let dir = app
        .path()
        .download_dir()
        .or_else(|_| app.path().home_dir())
        .map_err(|e| supervisor_core::Error::internal(format!("No folder to export to: {e}")))?;
    console
        .export_interactions(&result_id, columns, &name, &dir)
        .await
}
