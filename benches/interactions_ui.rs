//! The Interactions list in the real app with about 100,000 interactions in one view:
//! time to the first rows and to all rows (cold, then from the cache), sorting and
//! searching the loaded set, and the app's memory. The UI's own `performance.now()`
//! marks (`window.__interactionsTimings`) are read through WebDriver.
//!
//! Run with `scripts/bench.sh interactions-ui` (release build, Xvfb, keyring session).

#[path = "../tests/e2e/harness.rs"]
#[allow(dead_code)]
mod harness;
#[path = "../tests/e2e/process_memory.rs"]
mod process_memory;
#[path = "../tests/e2e/webdriver.rs"]
#[allow(dead_code)]
mod webdriver;

use harness::App;
use serde_json::{json, Value};
use std::time::Duration;

const LOAD_WAIT: Duration = Duration::from_secs(300);
/// How often the timings are read while waiting. They are taken in the page, so this does
/// not change them; each read costs the webview and the drivers CPU the load needs.
const POLL: Duration = Duration::from_millis(250);

async fn timings(app: &App) -> Value {
    app.driver
        .execute("return window.__interactionsTimings ?? null;", json!([]))
        .await
        .unwrap()
}

fn ms(v: &Value, key: &str) -> String {
    v[key].as_f64().map_or("—".into(), |x| format!("{x:.0} ms"))
}

/// The load's phases in the order reached, with when (from the timings' `phases`).
fn phases(v: &Value) -> String {
    let mut reached: Vec<(f64, &str)> = v["phases"]
        .as_object()
        .map(|m| {
            m.iter()
                .filter_map(|(k, t)| Some((t.as_f64()?, k.as_str())))
                .collect()
        })
        .unwrap_or_default();
    reached.sort_by(|a, b| a.0.total_cmp(&b.0));
    let parts: Vec<String> = reached
        .iter()
        .map(|(t, k)| format!("{k} {t:.0} ms"))
        .collect();
    parts.join(", ")
}

async fn wait_updated(app: &App) {
    app.driver
        .wait_text("[data-testid=load-status]", LOAD_WAIT, |t| {
            t.starts_with("Updated")
        })
        .await;
}

async fn count(app: &App) -> String {
    app.driver
        .wait_inner_text("[data-testid=interactions-count]", LOAD_WAIT, |t| {
            !t.is_empty()
        })
        .await
}

/// Clears the timings so the next reading belongs to the next action.
async fn reset(app: &App) {
    app.driver
        .execute(
            "const t = window.__interactionsTimings; t.firstRows = t.allRows = t.lastArrange = t.lastArrangeAnswer = null;",
            json!([]),
        )
        .await
        .unwrap();
}

async fn wait_arranged(app: &App) -> Value {
    for _ in 0..120 {
        let t = timings(app).await;
        if t["lastArrange"].is_number() {
            return t;
        }
        tokio::time::sleep(POLL).await;
    }
    panic!("the arrange never finished");
}

fn main() {
    let days = std::env::var("BENCH_DAYS").unwrap_or_else(|_| "34".into());
    let daily = std::env::var("BENCH_DAILY").unwrap_or_else(|_| "3000".into());
    let history = format!("{days},{daily}");
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let profile = tempfile::Builder::new().prefix("sc-bench-").tempdir().unwrap();
        let app = App::launch_with(profile, &[("SUPERVISOR_CONSOLE_DEMO_HISTORY", &history)]).await;
        let d = &app.driver;
        d.wait_for("[data-testid=interactions-screen]", LOAD_WAIT).await;
        wait_updated(&app).await;
        println!("demo history: {days} days × {daily} per day");
        let base = process_memory::memory(&app);
        println!(
            "memory at start (today's view open): app process {:.0} MB RSS; with its WebKit processes {:.0} MB",
            base.app_mb, base.tree_mb
        );

        reset(&app).await;
        let cpu_before = process_memory::cpu(&app);
        app.choose_period("Last 90 days").await;
        // "Updated" again, for this load: wait for allRows to be set.
        let cold = loop {
            let t = timings(&app).await;
            if t["allRows"].is_number() {
                break t;
            }
            tokio::time::sleep(POLL).await;
        };
        wait_updated(&app).await;
        let cpu_after = process_memory::cpu(&app);
        let cold_phases = phases(&timings(&app).await);
        println!(
            "cold load ({}): first rows {}, all rows {}; CPU to the end: app {:.1} s (simulator included), WebKit {:.1} s",
            count(&app).await,
            ms(&cold, "firstRows"),
            ms(&cold, "allRows"),
            cpu_after.app_s - cpu_before.app_s,
            cpu_after.others_s - cpu_before.others_s,
        );
        println!("  phases reached: {cold_phases}");
        app.screenshot("bench-interactions-100k").await;

        reset(&app).await;
        let refresh = d.find("[data-testid=load-refresh]").await.unwrap();
        d.click(&refresh).await.unwrap();
        let warm = loop {
            let t = timings(&app).await;
            if t["allRows"].is_number() {
                break t;
            }
            tokio::time::sleep(POLL).await;
        };
        println!(
            "reopened ({}): first rows (cache) {}, all rows (refreshed) {}",
            count(&app).await,
            ms(&warm, "firstRows"),
            ms(&warm, "allRows")
        );
        wait_updated(&app).await;
        println!("  phases reached: {}", phases(&timings(&app).await));

        for column in ["customerName", "duration", "agentName", "createdDate"] {
            reset(&app).await;
            let header = d
                .find(&format!("[data-testid=column-header-{column}] .ihead__sort"))
                .await
                .unwrap();
            d.click(&header).await.unwrap();
            let t = wait_arranged(&app).await;
            println!(
                "sort by {column}: {} (answered after {})",
                ms(&t, "lastArrange"),
                ms(&t, "lastArrangeAnswer")
            );
        }
        for text in ["ma", "mar", "zzzz"] {
            reset(&app).await;
            d.execute(
                "const i = document.querySelector('[data-testid=filter-search]'); \
                 Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(i, arguments[1]); \
                 i.dispatchEvent(new Event('input', {bubbles: true}));",
                json!([null, text]),
            )
            .await
            .unwrap();
            let t = wait_arranged(&app).await;
            println!(
                "search {text:?} ({}): {} (answered after {})",
                count(&app).await,
                ms(&t, "lastArrange"),
                ms(&t, "lastArrangeAnswer")
            );
        }
        let m = process_memory::memory(&app);
        // The console gives a sort's freed memory back a second after the last sort; both
        // figures are shown.
        tokio::time::sleep(Duration::from_secs(2)).await;
        let settled = process_memory::memory(&app);
        println!(
            "memory with the rows loaded: app process {:.0} MB RSS right after the last search, {:.0} MB two seconds later; with its WebKit processes {:.0} MB",
            m.app_mb, settled.app_mb, settled.tree_mb
        );
        app.close().await;
    });
}
