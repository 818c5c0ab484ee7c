//! Memory and CPU time of the running app, from /proc (Linux), for the benchmarks.

use crate::harness::App;

/// Resident memory of a process tree, from /proc.
pub struct TreeMemory {
    /// The app process itself (core, shell, the rows it holds).
    pub app_mb: f64,
    /// The app and every process it started (WebKit's web and network processes).
    pub tree_mb: f64,
}

fn rss_mb(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn parent_of(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name may hold spaces; the fields after its closing parenthesis do not.
    stat.rsplit_once(')')?
        .1
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn all_pids() -> Vec<u32> {
    std::fs::read_dir("/proc")
        .map(|d| {
            d.filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
                .collect()
        })
        .unwrap_or_default()
}

/// The app's process: the app binary whose data folder is `app`'s profile.
pub fn app_pid(app: &App) -> u32 {
    let marker = format!("SUPERVISOR_CONSOLE_DATA_DIR={}", app.app_dir().display());
    let exe = std::fs::canonicalize(env!("CARGO_BIN_EXE_supervisor-console")).unwrap();
    all_pids()
        .into_iter()
        .find(|pid| {
            std::fs::read_link(format!("/proc/{pid}/exe")).ok().as_ref() == Some(&exe)
                && std::fs::read(format!("/proc/{pid}/environ"))
                    .map(|env| env.split(|b| *b == 0).any(|kv| kv == marker.as_bytes()))
                    .unwrap_or(false)
        })
        .expect("the app process is running")
}

/// The app's process and every process it started, the app first.
fn tree(app: &App) -> Vec<u32> {
    let app = app_pid(app);
    let pids = all_pids();
    let mut tree = vec![app];
    let mut i = 0;
    while i < tree.len() {
        let parent = tree[i];
        tree.extend(pids.iter().filter(|p| parent_of(**p) == Some(parent)));
        i += 1;
    }
    tree
}

/// Resident memory of the app and of the processes it started.
pub fn memory(app: &App) -> TreeMemory {
    let tree = tree(app);
    TreeMemory {
        app_mb: rss_mb(tree[0]),
        tree_mb: tree.iter().map(|p| rss_mb(*p)).sum(),
    }
}

/// CPU seconds (user + system) a process has used, in clock ticks of 1/100 s.
fn cpu_s(pid: u32) -> f64 {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return 0.0;
    };
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    after
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|t| t.parse::<f64>().ok())
        .sum::<f64>()
        / 100.0
}

/// CPU time used so far: by the app process (core, shell, the built-in simulator) and by
/// the processes it started (WebKit's web and network processes).
pub struct TreeCpu {
    pub app_s: f64,
    pub others_s: f64,
}

pub fn cpu(app: &App) -> TreeCpu {
    let tree = tree(app);
    TreeCpu {
        app_s: cpu_s(tree[0]),
        others_s: tree[1..].iter().map(|p| cpu_s(*p)).sum(),
    }
}
