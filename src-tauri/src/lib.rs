//! The Tauri shell: builder, plugins, managed state, events. Logic lives in
//! `supervisor-core`; commands only forward to it.

mod commands;
mod demo;
mod paths;
mod recording_commands;

use paths::AppPaths;
use std::sync::Arc;
use std::time::Duration;
use supervisor_core::auth::SystemBrowser;
use supervisor_core::console::{Console, ConsoleConfig};
use supervisor_core::secrets::Keyring;
use tauri::{Emitter, Manager};

/// Sent to the UI whenever the active session changes (payload: `Session | null`).
const SESSION_CHANGED: &str = "session-changed";

pub fn run() {
    tauri::Builder::default()
        // First, so a second launch (or a deep link) focuses the running window instead.
        .plugin(tauri_plugin_single_instance::init(|app, argv, _cwd| {
            tracing::info!(
                args = argv.len(),
                "second launch; focusing the running console"
            );
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.set_focus();
            }
        }))
        .plugin(tauri_plugin_deep_link::init())
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .setup(|app| {
            let paths = AppPaths::resolve(app.handle())?;
            let guard = supervisor_core::logging::init(&paths.log_dir, "supervisor-console")?;
            app.manage(LogGuard { _guard: guard });
            register_deep_links(app);
            let console = Arc::new(Console::open(ConsoleConfig {
                data_dir: paths.data_dir.clone(),
                keyring: Keyring::for_this_build(),
                browser: Arc::new(SystemBrowser),
                sign_in_timeout: Duration::from_secs(300),
            })?);
            app.manage(console.clone());
            app.manage(paths.clone());
            forward_session_changes(app.handle().clone(), &console);
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                start_console(handle, console, paths).await;
            });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::get_app_info,
            commands::list_regions,
            commands::list_connections,
            commands::save_connection,
            commands::remove_connection,
            commands::test_connection,
            commands::sign_in,
            commands::cancel_sign_in,
            commands::sign_out,
            commands::set_active_connection,
            commands::get_session,
            commands::list_presence_options,
            commands::set_presence,
            commands::list_views,
            commands::save_view,
            commands::duplicate_view,
            commands::delete_view,
            commands::get_filter_options,
            commands::open_interactions,
            commands::interaction_rows,
            commands::arrange_interactions,
            commands::cancel_interactions,
            commands::close_interactions,
            commands::export_interactions,
            recording_commands::open_recording,
            recording_commands::recording_details,
            recording_commands::close_recording,
            recording_commands::play_recording,
            recording_commands::pause_recording,
            recording_commands::seek_recording,
            recording_commands::set_recording_rate,
            recording_commands::set_recording_volume,
            recording_commands::set_recording_channels,
            recording_commands::scrub_recording,
            recording_commands::set_skip_silence,
        ])
        .run(tauri::generate_context!())
        .expect("the console window could not be started");
}

/// Keeps the log writer flushing for the life of the app.
struct LogGuard {
    _guard: supervisor_core::logging::Guard,
}

/// Starts the demo contact center, then restores the active connection's session.
async fn start_console(app: tauri::AppHandle, console: Arc<Console>, paths: AppPaths) {
    let demo = match demo::start(&paths.data_dir).await {
        Ok((sim, demo)) => {
            tracing::info!(base = %demo.api_base, "demo contact center running");
            app.manage(sim);
            Some(demo)
        }
        Err(e) => {
            tracing::error!(error = %e, "the demo contact center could not start");
            None
        }
    };
    if let Err(e) = console.start(demo).await {
        tracing::error!(error = %e, "could not restore the session");
    }
}

fn forward_session_changes(app: tauri::AppHandle, console: &Console) {
    let mut rx = console.subscribe();
    tauri::async_runtime::spawn(async move {
        while rx.changed().await.is_ok() {
            let session = rx.borrow_and_update().clone();
            let _ = app.emit(SESSION_CHANGED, session);
        }
    });
}

/// Installed packages register `supervisor-console://` from the bundle; a build run from
/// the tree registers it at start-up (Linux, Windows).
fn register_deep_links(app: &tauri::App) {
    #[cfg(any(target_os = "linux", windows))]
    {
        use tauri_plugin_deep_link::DeepLinkExt;
        if let Err(e) = app.deep_link().register_all() {
            tracing::warn!(error = %e, "could not register the supervisor-console:// scheme");
        }
    }
    #[cfg(not(any(target_os = "linux", windows)))]
    let _ = app;
}
