//! The recording player's IPC commands: each calls the core and returns its result or its
//! `{code, message}` error.

use std::sync::Arc;
use supervisor_core::console::Console;
use supervisor_core::recordings::types::{ChannelMix, RecordingDetails, RecordingEvent};
use supervisor_core::Result;
use tauri::ipc::Channel;
use tauri::State;

type ConsoleState<'a> = State<'a, Arc<Console>>;

/// A position from the pointer may fall between milliseconds (or before the start).
fn whole_ms(ms: f64) -> u64 {
    if ms.is_finite() {
        ms.max(0.0).round() as u64
    } else {
        0
    }
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenedRecording {
    player_id: String,
}

/// Async so it runs on the runtime: opening spawns the task that downloads and decodes.
#[tauri::command]
pub async fn open_recording(
    console: ConsoleState<'_>,
    conversation_id: String,
    events: Channel<RecordingEvent>,
) -> Result<OpenedRecording> {
    let sink = Arc::new(move |e: RecordingEvent| {
        // The window may have gone; the player then has no one to tell.
        let _ = events.send(e);
    });
    let player_id = console.inner().open_recording(&conversation_id, sink)?;
    Ok(OpenedRecording { player_id })
}

#[tauri::command]
pub async fn recording_details(
    console: ConsoleState<'_>,
    conversation_id: String,
) -> Result<RecordingDetails> {
    console.recording_details(&conversation_id).await
}

#[tauri::command]
pub fn close_recording(console: ConsoleState<'_>, player_id: String) {
    console.close_recording(&player_id)
}

#[tauri::command]
pub fn play_recording(console: ConsoleState<'_>, player_id: String) -> Result<()> {
    console.play_recording(&player_id)
}

#[tauri::command]
pub fn pause_recording(console: ConsoleState<'_>, player_id: String) -> Result<()> {
    console.pause_recording(&player_id)
}

#[tauri::command]
pub fn seek_recording(
    console: ConsoleState<'_>,
    player_id: String,
    position_ms: f64,
) -> Result<()> {
    console.seek_recording(&player_id, whole_ms(position_ms))
}

#[tauri::command]
pub fn set_recording_rate(console: ConsoleState<'_>, player_id: String, rate: f64) -> Result<()> {
    console.set_recording_rate(&player_id, rate)
}

#[tauri::command]
pub fn set_recording_volume(
    console: ConsoleState<'_>,
    player_id: String,
    volume: f32,
) -> Result<()> {
    console.set_recording_volume(&player_id, volume)
}

#[tauri::command]
pub fn set_recording_channels(
    console: ConsoleState<'_>,
    player_id: String,
    mix: ChannelMix,
) -> Result<()> {
    console.set_recording_channels(&player_id, mix)
}

#[tauri::command]
pub fn scrub_recording(
    console: ConsoleState<'_>,
    player_id: String,
    position_ms: Option<f64>,
) -> Result<()> {
    console.scrub_recording(&player_id, position_ms.map(whole_ms))
}

#[tauri::command]
pub fn set_skip_silence(console: ConsoleState<'_>, player_id: String, skip: bool) -> Result<()> {
    console.set_skip_silence(&player_id, skip)
}
