// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    limit_malloc_arenas();
    supervisor_console::run();
}

/// glibc gives each thread that allocates its own heap arena and rarely returns their
/// memory; with the async runtime's and WebKit's many threads, a loaded list of 100,000
/// interactions cost about a third more resident memory than with two arenas, for no
/// measurable speed. Must run before any thread starts.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn limit_malloc_arenas() {
    // SAFETY: mallopt only changes allocator tuning; called once, before other threads.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn limit_malloc_arenas() {}
