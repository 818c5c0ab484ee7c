//! Freed memory goes back to the system (a test of its own: it reads the process's
//! resident size, which other tests in the same process would disturb).

#![cfg(all(target_os = "linux", target_env = "gnu"))]

use std::time::{Duration, Instant};

fn resident_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    let kb: f64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kb / 1024.0
}

/// Allocates and frees 256 MB in blocks small enough to come from the heap (not mmap), as
/// parsed JSON does, with one block kept at the end so the heap's top cannot shrink on
/// its own. Gives back the kept block and the resident size with the rest freed.
fn burst() -> (Option<Vec<u8>>, f64) {
    let mut blocks: Vec<Vec<u8>> = (0..64 * 1024).map(|i| vec![i as u8; 4096]).collect();
    let keep = blocks.pop();
    let before = resident_mb();
    drop(blocks);
    let freed_but_held = resident_mb();
    assert!(
        freed_but_held > before - 64.0,
        "the allocator held the freed blocks ({before:.0} → {freed_but_held:.0} MB)"
    );
    (keep, freed_but_held)
}

// One test, so nothing else runs in the process meanwhile.
#[test]
fn memory_freed_after_a_burst_leaves_the_process() {
    // At once.
    let (keep, freed_but_held) = burst();
    supervisor_core::memory::give_back_freed_memory_now();
    let after = resident_mb();
    assert!(
        after < freed_but_held - 200.0,
        "resident {freed_but_held:.0} MB before giving back, {after:.0} MB after"
    );
    drop(keep);

    // In the background, at once or once asks stop coming.
    let ask_now: fn() = supervisor_core::memory::give_back_freed_memory;
    let ask_when_quiet: fn() = supervisor_core::memory::give_back_freed_memory_when_quiet;
    for (ask, times) in [(ask_now, 1), (ask_when_quiet, 5)] {
        let (keep, freed_but_held) = burst();
        for _ in 0..times {
            ask();
        }
        let asked = Instant::now();
        while resident_mb() > freed_but_held - 200.0 {
            assert!(
                asked.elapsed() < Duration::from_secs(10),
                "resident {freed_but_held:.0} MB before asking, still {:.0} MB 10 s later",
                resident_mb()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        drop(keep);
    }
}
