//! Interactions list figures: a simulated organization with about 100,000 interactions in
//! one view, loaded through the real platform client into the console. Prints the time
//! to the first rows and to all rows (cold, then reopened from the cache), the cost of
//! sorting and narrowing the loaded set, and the process's memory.
//!
//! Run with `scripts/bench.sh interactions` (it provides the keyring the console needs).

use std::sync::Arc;
use std::time::{Duration, Instant};
use supervisor_core::auth::Browser;
use supervisor_core::console::{Console, ConsoleConfig, DemoContactCenter};
use supervisor_core::interactions::loader::EventSink;
use supervisor_core::interactions::{
    ColumnId, InteractionFilters, LoadEvent, LoadPhase, Period, SortSpec,
};
use supervisor_core::secrets::{Keyring, Sensitive};
use tokio::sync::mpsc;

struct NoBrowser;
impl Browser for NoBrowser {
    fn open(&self, _: &str) -> supervisor_core::Result<()> {
        Ok(())
    }
}

fn rss_mb(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Seconds of CPU the whole process (simulator included) has used: on a shared machine
/// whose speed varies, the work a load costs is steadier than its wall time.
fn cpu_s() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses and may hold spaces).
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let ticks: Vec<f64> = after
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|t| t.parse().ok())
        .collect();
    // utime + stime, in clock ticks of 1/100 s on Linux.
    ticks.iter().sum::<f64>() / 100.0
}

/// The allocator's figure, in MB ("—" where it cannot tell).
fn heap_mb() -> String {
    supervisor_core::memory::heap_in_use()
        .map_or("—".into(), |b| format!("{:.0}", b as f64 / 1_048_576.0))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

struct Timings {
    /// CPU seconds the load took, the simulator's included.
    cpu: f64,
    first_rows: Option<Duration>,
    /// Every row in the list (the `Saving` progress event).
    all_rows: Duration,
    /// The load's end, once the rows are saved to the cache too.
    saved: Duration,
    count: usize,
    last: LoadEvent,
}

async fn open(
    console: &Arc<Console>,
    filters: &InteractionFilters,
    sort: SortSpec,
) -> (String, Timings) {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let sink: EventSink = Arc::new(move |e| {
        let _ = tx.send(e);
    });
    let started = Instant::now();
    let cpu_before = cpu_s();
    let opened = console
        .open_interactions(filters.clone(), sort, sink)
        .await
        .expect("the view opens");
    let mut first_rows = None;
    let mut all_rows = None;
    loop {
        let e = rx.recv().await.expect("events until the end");
        let count = match &e {
            LoadEvent::Cached { count, .. } | LoadEvent::Progress { count, .. } => *count,
            LoadEvent::Done { count, .. }
            | LoadEvent::Offline { count, .. }
            | LoadEvent::Failed { count, .. }
            | LoadEvent::Cancelled { count, .. } => {
                let count = *count;
                return (
                    opened.result_id,
                    Timings {
                        cpu: cpu_s() - cpu_before,
                        first_rows: first_rows.or(Some(started.elapsed())),
                        all_rows: all_rows.unwrap_or_else(|| started.elapsed()),
                        saved: started.elapsed(),
                        count,
                        last: e,
                    },
                );
            }
        };
        if count > 0 && first_rows.is_none() {
            first_rows = Some(started.elapsed());
        }
        if let LoadEvent::Progress {
            phase: LoadPhase::Saving,
            ..
        } = e
        {
            all_rows.get_or_insert(started.elapsed());
        }
    }
}

fn main() {
    // As the app does.
    supervisor_core::memory::limit_arenas();
    let days: u32 = std::env::var("BENCH_DAYS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(34);
    let daily: u32 = std::env::var("BENCH_DAILY")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3_000);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let generated = Instant::now();
        let sim = cc_sim::serve(
            cc_sim::SimConfig {
                history_days: days,
                daily_volume: daily,
                ..Default::default()
            },
            ([127, 0, 0, 1], 0).into(),
        )
        .await
        .expect("simulator starts");
        println!(
            "simulator: {days} days × {daily}/day generated in {:.1} s; process RSS {:.0} MB, heap in use {} MB",
            generated.elapsed().as_secs_f64(),
            rss_mb("VmRSS:"),
            heap_mb(),
        );

        let dir = tempfile::tempdir().unwrap();
        let console = Arc::new(
            Console::open(ConsoleConfig {
                data_dir: dir.path().to_owned(),
                keyring: Keyring::with_service(format!(
                    "supervisor-console-bench-{}",
                    uuid::Uuid::new_v4()
                )),
                browser: Arc::new(NoBrowser),
                sign_in_timeout: Duration::from_secs(60),
            })
            .unwrap(),
        );
        console
            .start(Some(DemoContactCenter {
                api_base: sim.base_url(),
                client_id: cc_sim::DEMO_CLIENT_ID.into(),
                client_secret: Sensitive::new(cc_sim::DEMO_CLIENT_SECRET.into()),
                username: sim.supervisor().email,
                password: Sensitive::new(cc_sim::DEFAULT_DEMO_PASSWORD.into()),
            }))
            .await
            .unwrap()
            .expect("demo signed in");

        let now = chrono::Utc::now().timestamp_millis();
        let filters = InteractionFilters::for_period(Period::Custom {
            from: now - days as i64 * 86_400_000,
            to: now + 3_600_000,
        });
        let newest = SortSpec {
            column: ColumnId::CreatedDate,
            descending: true,
        };

        let (id, cold) = open(&console, &filters, newest).await;
        println!(
            "cold load: {} rows, first rows {:.0} ms, all rows {:.0} ms, saved {:.0} ms, CPU {:.1} s",
            cold.count,
            ms(cold.first_rows.unwrap()),
            ms(cold.all_rows),
            ms(cold.saved),
            cold.cpu,
        );
        assert!(
            matches!(cold.last, LoadEvent::Done { .. }),
            "{:?}",
            cold.last
        );
        console.close_interactions(&id);

        let (id, warm) = open(&console, &filters, newest).await;
        println!(
            "reopened: {} rows, first rows (cache) {:.0} ms, all rows (refreshed) {:.0} ms, saved {:.0} ms, CPU {:.1} s",
            warm.count,
            ms(warm.first_rows.unwrap()),
            ms(warm.all_rows),
            ms(warm.saved),
            warm.cpu,
        );

        // The console gives freed memory back on a thread of its own after the load; done
        // here on the spot, so the figure does not depend on when that thread ran.
        let trimming = Instant::now();
        supervisor_core::memory::give_back_freed_memory_now();
        println!(
            "process memory after the load (simulator included): RSS {:.0} MB, heap in use {} MB (giving freed memory back took {:.1} ms)",
            rss_mb("VmRSS:"),
            heap_mb(),
            ms(trimming.elapsed())
        );
        for (label, column, text) in [
            ("sort by customer name", ColumnId::CustomerName, ""),
            ("sort by CSAT", ColumnId::Csat, ""),
            ("sort by duration", ColumnId::Duration, ""),
            ("free text \"ma\"", ColumnId::CreatedDate, "ma"),
            ("free text, no match", ColumnId::CreatedDate, "zzzzzz"),
        ] {
            let mut times = Vec::new();
            let mut count = 0;
            for _ in 0..5 {
                // From another order each time, so every run really sorts.
                console
                    .arrange_interactions(
                        &id,
                        SortSpec {
                            column: ColumnId::TicketId,
                            descending: true,
                        },
                        "",
                        None,
                    )
                    .unwrap();
                let t = Instant::now();
                count = console
                    .arrange_interactions(
                        &id,
                        SortSpec {
                            column,
                            descending: false,
                        },
                        text,
                        // As the app asks: the first screen's rows with the answer.
                        Some((0, 200)),
                    )
                    .unwrap()
                    .count;
                times.push(t.elapsed());
            }
            times.sort();
            println!(
                "{label}: median {:.1} ms over 5 ({count} rows)",
                ms(times[2])
            );
        }
        console.arrange_interactions(&id, newest, "", None).unwrap();
        let t = Instant::now();
        let window = console.interaction_rows(&id, warm.count / 2, 60).unwrap();
        println!(
            "a window of {} rows: {:.2} ms",
            window.len(),
            ms(t.elapsed())
        );
        println!(
            "process memory with the rows loaded (simulator included): RSS {:.0} MB, peak {:.0} MB",
            rss_mb("VmRSS:"),
            rss_mb("VmHWM:")
        );
        sim.shutdown().await;
    });
}
