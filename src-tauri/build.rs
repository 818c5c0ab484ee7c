// Builds the Tauri context. Capabilities live under src-tauri/ (the config is at the root),
// and the app's own commands are declared so each window is granted only what it uses.
fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(&[
            "get_app_info",
            "list_regions",
            "list_connections",
            "save_connection",
            "remove_connection",
            "test_connection",
            "sign_in",
            "cancel_sign_in",
            "sign_out",
            "set_active_connection",
            "get_session",
            "list_presence_options",
            "set_presence",
            "list_views",
            "save_view",
            "duplicate_view",
            "delete_view",
            "get_filter_options",
            "open_interactions",
            "interaction_rows",
            "arrange_interactions",
            "cancel_interactions",
            "close_interactions",
            "export_interactions",
            "open_recording",
            "recording_details",
            "close_recording",
            "play_recording",
            "pause_recording",
            "seek_recording",
            "set_recording_rate",
            "set_recording_volume",
            "set_recording_channels",
            "scrub_recording",
            "set_skip_silence",
        ]));
    tauri_build::try_build(attributes).expect("tauri build step");
}
