//! Handing freed memory back to the system after a large, short-lived burst of
//! allocations (loading 100,000 interactions parses hundreds of megabytes of JSON pages;
//! sorting them builds a few megabytes of keys).
//!
//! glibc's allocator keeps freed blocks for reuse and only returns the top of each heap,
//! so after a load the process stays as large as the burst made it: measured on 100,000
//! interactions, about 155 MB of 367 MB resident was free memory it held on to.
//! `malloc_trim` returns those free pages. Elsewhere it does nothing: other allocators
//! give memory back on their own terms.

/// Returns freed memory to the system now, on a thread of its own: the walk over the
/// heap takes up to tens of milliseconds that no caller should wait for. For the end of
/// a burst (a load, a closed list).
pub fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    glibc::ask(glibc::Ask::Now);
}

/// The same once the console has been asked nothing more for a moment: for work a person
/// repeats (sorting column after column), which gets one walk over the heap after the
/// last time rather than one per click, and none while they are still clicking.
pub fn give_back_freed_memory_when_quiet() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    glibc::ask(glibc::Ask::WhenQuiet);
}

/// The same, at once, on the caller's thread.
pub fn give_back_freed_memory_now() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    glibc::trim();
}

/// Bytes the allocator has handed out and not had back, where it can tell.
pub fn heap_in_use() -> Option<usize> {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    return Some(glibc::in_use());
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    None
}

/// glibc gives each thread that allocates its own heap arena and rarely returns their
/// memory; with the async runtime's and WebKit's many threads, a loaded list of 100,000
/// interactions cost about a third more resident memory than with two arenas, for no
/// measurable speed (one arena made loads a third slower). Must run before any thread
/// starts.
pub fn limit_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    glibc::limit_arenas(2);
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod glibc {
    use std::sync::{mpsc, OnceLock};
    use std::time::Duration;

    /// How long the console must have been asked nothing more for a quiet ask.
    const QUIET: Duration = Duration::from_secs(1);

    pub enum Ask {
        Now,
        WhenQuiet,
    }

    pub fn ask(ask: Ask) {
        static TRIMMER: OnceLock<Option<mpsc::Sender<Ask>>> = OnceLock::new();
        let trimmer = TRIMMER.get_or_init(|| {
            let (asks, asked) = mpsc::channel();
            let spawned = std::thread::Builder::new()
                .name("malloc-trim".into())
                .spawn(move || serve(asked));
            match spawned {
                Ok(_) => Some(asks),
                Err(e) => {
                    tracing::debug!("freed memory stays with the process: {e}");
                    None
                }
            }
        });
        if let Some(asks) = trimmer {
            let _ = asks.send(ask);
        }
    }

    fn serve(asked: mpsc::Receiver<Ask>) {
        while let Ok(mut ask) = asked.recv() {
            // Quiet asks wait for the quiet after the last of them; an ask for now ends
            // the wait.
            while let Ask::WhenQuiet = ask {
                match asked.recv_timeout(QUIET) {
                    Ok(next) => ask = next,
                    Err(mpsc::RecvTimeoutError::Timeout) => break,
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
            }
            trim();
        }
    }

    pub fn limit_arenas(n: i32) {
        // SAFETY: mallopt only changes allocator tuning.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, n);
        }
    }

    pub fn in_use() -> usize {
        // SAFETY: mallinfo2 only reads the allocator's counters, under its locks.
        let info = unsafe { libc::mallinfo2() };
        info.uordblks + info.hblkhd
    }

    pub fn trim() {
        // SAFETY: malloc_trim only releases free pages; it is thread-safe and takes the
        // allocator's own locks.
        unsafe {
            libc::malloc_trim(0);
        }
    }
}
