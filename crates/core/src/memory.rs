//! Handing freed memory back to the system after a large, short-lived burst of
//! allocations (loading 100,000 interactions parses hundreds of megabytes of JSON pages).
//!
//! glibc's allocator keeps freed blocks for reuse and only returns the top of each heap,
//! so after a load the process stays as large as the burst made it: measured on 100,000
//! interactions, about 155 MB of 367 MB resident was free memory it held on to.
//! `malloc_trim` returns those free pages. Elsewhere it does nothing: other allocators
//! give memory back on their own terms.

/// Returns freed memory to the system, on a thread of its own: the walk over the heap
/// takes tens of milliseconds (27 ms after 100,000 rows) that no caller should wait for.
pub fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let spawned = std::thread::Builder::new()
            .name("malloc-trim".into())
            .spawn(give_back_freed_memory_now);
        if let Err(e) = spawned {
            tracing::debug!("freed memory stays with the process: {e}");
        }
    }
}

/// The same, on the caller's thread.
pub fn give_back_freed_memory_now() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free pages; it is thread-safe and takes the
    // allocator's own locks.
    unsafe {
        libc::malloc_trim(0);
    }
}
