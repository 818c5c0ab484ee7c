//! Freed memory goes back to the system (a test of its own: it reads the process's
//! resident size, which other tests in the same process would disturb).

#![cfg(all(target_os = "linux", target_env = "gnu"))]

fn resident_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    let kb: f64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kb / 1024.0
}

#[test]
fn memory_freed_after_a_burst_leaves_the_process() {
    // 256 MB in blocks small enough to come from the heap (not mmap), as parsed JSON does,
    // with one block kept at the end so the heap's top cannot shrink on its own.
    let mut blocks: Vec<Vec<u8>> = (0..64 * 1024).map(|i| vec![i as u8; 4096]).collect();
    let keep = blocks.pop();
    let before = resident_mb();
    drop(blocks);
    let freed_but_held = resident_mb();
    assert!(
        freed_but_held > before - 64.0,
        "the allocator held the freed blocks ({before:.0} → {freed_but_held:.0} MB)"
    );
    supervisor_core::memory::give_back_freed_memory_now();
    let after = resident_mb();
    assert!(
        after < freed_but_held - 200.0,
        "resident {freed_but_held:.0} MB before giving back, {after:.0} MB after"
    );
    drop(keep);
}
