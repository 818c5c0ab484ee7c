//! The Interactions list against the simulator: a view loads every interaction of its
//! period (checked against the simulator's own answer, paged independently), reopens from
//! the cache, keeps working offline, and exports what it shows.

mod common;

use common::*;
use serde_json::{json, Value};
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;
use supervisor_core::interactions::loader::EventSink;
use supervisor_core::interactions::{ColumnId, InteractionFilters, LoadEvent, Period, SortSpec};
use tokio::sync::mpsc;

/// Fixed once per test run: "last updated" belongs to a view's filters, and a custom
/// period is part of them.
fn period() -> (i64, i64) {
    static PERIOD: std::sync::OnceLock<(i64, i64)> = std::sync::OnceLock::new();
    *PERIOD.get_or_init(|| {
        let now = chrono::Utc::now().timestamp_millis();
        (now - 3 * 86_400_000, now + 3_600_000)
    })
}

fn filters() -> InteractionFilters {
    let (from, to) = period();
    InteractionFilters::for_period(Period::Custom { from, to })
}

fn newest_first() -> SortSpec {
    SortSpec {
        column: ColumnId::CreatedDate,
        descending: true,
    }
}

/// Opens the view and returns its events up to and including the last one.
async fn open(console: &Arc<supervisor_core::console::Console>) -> (String, Vec<LoadEvent>) {
    open_with(console, filters()).await
}

async fn open_with(
    console: &Arc<supervisor_core::console::Console>,
    filters: InteractionFilters,
) -> (String, Vec<LoadEvent>) {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let sink: EventSink = Arc::new(move |e| {
        let _ = tx.send(e);
    });
    let opened = console
        .open_interactions(filters, newest_first(), sink)
        .await
        .expect("view opens");
    let mut events = Vec::new();
    loop {
        let e = tokio::time::timeout(Duration::from_secs(60), rx.recv())
            .await
            .expect("the load ends within a minute")
            .expect("events until the end");
        let last = !matches!(e, LoadEvent::Cached { .. } | LoadEvent::Progress { .. });
        events.push(e);
        if last {
            return (opened.result_id, events);
        }
    }
}

/// Every conversation id the simulator returns for the period, paged directly.
async fn ids_from_the_simulator(sim: &cc_sim::SimHandle) -> HashSet<String> {
    let (from, to) = period();
    ids_between(sim, from, to).await
}

/// Every conversation that started in `[from, to)`, read with the synchronous query a
/// few days at a time (it refuses intervals over seven days).
async fn ids_between(sim: &cc_sim::SimHandle, from: i64, to: i64) -> HashSet<String> {
    let http = reqwest::Client::new();
    let token = service_token(sim).await;
    let iso = |ms| {
        chrono::DateTime::from_timestamp_millis(ms)
            .unwrap()
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    };
    let mut ids = HashSet::new();
    let chunk = 5 * 86_400_000;
    let mut chunk_from = from;
    while chunk_from < to {
        let chunk_to = (chunk_from + chunk).min(to);
        for page in 1.. {
            let body: Value = http
                .post(format!(
                    "{}/api/v2/analytics/conversations/details/query",
                    sim.base_url()
                ))
                .bearer_auth(&token)
                .json(&json!({
                    "interval": format!("{}/{}", iso(chunk_from), iso(chunk_to)),
                    "paging": {"pageSize": 100, "pageNumber": page}
                }))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            let Some(convs) = body["conversations"].as_array().filter(|c| !c.is_empty()) else {
                break;
            };
            for c in convs {
                // The view lists interactions that started in the period.
                let start =
                    chrono::DateTime::parse_from_rfc3339(c["conversationStart"].as_str().unwrap())
                        .unwrap()
                        .timestamp_millis();
                if start >= from && start < to {
                    ids.insert(c["conversationId"].as_str().unwrap().to_string());
                }
            }
        }
        chunk_from = chunk_to;
    }
    ids
}

fn count_of(e: &LoadEvent) -> usize {
    match e {
        LoadEvent::Cached { count, .. }
        | LoadEvent::Progress { count, .. }
        | LoadEvent::Done { count, .. }
        | LoadEvent::Offline { count, .. }
        | LoadEvent::Failed { count, .. }
        | LoadEvent::Cancelled { count, .. } => *count,
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_view_loads_every_interaction_reopens_from_cache_and_works_offline() {
    let sim = sim(cc_sim::SimConfig::default()).await;
    let t = demo_console(&sim).await;

    let expected = ids_from_the_simulator(&sim).await;
    assert!(
        expected.len() > 100,
        "the simulator has a history: {}",
        expected.len()
    );

    let (result_id, events) = open(&t.console).await;
    assert!(matches!(
        events[0],
        LoadEvent::Cached {
            count: 0,
            last_updated: None,
            ..
        }
    ));
    let last = events.last().unwrap();
    assert!(matches!(last, LoadEvent::Done { .. }), "{last:?}");
    assert_eq!(count_of(last), expected.len());
    let rows = t.console.interaction_rows(&result_id, 0, 2_000).unwrap();
    let got: HashSet<String> = rows.iter().map(|r| r.id.clone()).collect();
    assert_eq!(got, expected);
    assert!(
        rows.windows(2).all(|w| w[0].start >= w[1].start),
        "newest first"
    );

    // Sorting and free text work on the loaded set.
    let one = &rows[rows.len() / 2];
    let arranged = t
        .console
        .arrange_interactions(
            &result_id,
            newest_first(),
            &one.id[..13].to_uppercase(),
            Some((0, 10)),
        )
        .unwrap();
    assert!(arranged.count >= 1);
    // The first rows come with the answer, the same as a separate read gives.
    assert_eq!(arranged.offset, 0);
    assert_eq!(arranged.rows[0].id[..13], one.id[..13]);
    assert_eq!(
        arranged.rows,
        t.console.interaction_rows(&result_id, 0, 10).unwrap()
    );
    t.console
        .arrange_interactions(&result_id, newest_first(), "", None)
        .unwrap();

    // Export writes what is shown, header first.
    let out = tempfile::tempdir().unwrap();
    let file = t
        .console
        .export_interactions(
            &result_id,
            vec![ColumnId::ConversationId, ColumnId::Channel],
            "Last days",
            out.path(),
        )
        .await
        .unwrap();
    assert_eq!(file.rows, expected.len());
    let csv = std::fs::read_to_string(&file.path).unwrap();
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("Conversation ID,Channel"));
    let exported: HashSet<String> = lines
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect();
    assert_eq!(exported, expected);
    t.console.close_interactions(&result_id);
    assert!(t.console.interaction_rows(&result_id, 0, 1).is_err());

    // Reopened: the rows are there at once, with when they were last complete.
    let (_, events) = open(&t.console).await;
    match &events[0] {
        LoadEvent::Cached {
            count,
            last_updated,
            ..
        } => {
            assert_eq!(*count, expected.len());
            assert!(last_updated.is_some());
        }
        other => panic!("expected Cached first, got {other:?}"),
    }
    assert!(matches!(events.last().unwrap(), LoadEvent::Done { .. }));

    // The platform goes away: the cached rows stay and the load says it is offline.
    sim.shutdown().await;
    let (result_id, events) = open(&t.console).await;
    assert_eq!(count_of(&events[0]), expected.len());
    match events.last().unwrap() {
        LoadEvent::Offline {
            count,
            last_updated,
            message,
            ..
        } => {
            assert_eq!(*count, expected.len());
            assert!(last_updated.is_some());
            assert!(!message.is_empty());
        }
        other => panic!("expected Offline, got {other:?}"),
    }
    assert_eq!(
        t.console
            .interaction_rows(&result_id, 0, 2_000)
            .unwrap()
            .len(),
        expected.len()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn filter_choices_and_default_views_come_with_the_demo() {
    let sim = sim(cc_sim::SimConfig::default()).await;
    let t = console_with(Arc::new(IdleBrowser), Duration::from_secs(60));
    t.console.start(Some(demo_of(&sim))).await.unwrap();
    let options = t.console.filter_options().await.unwrap();
    assert!(options.queues.len() >= 5, "{:?}", options.queues);
    assert!(options.agents.len() >= 20);
    assert!(!options.wrap_up_codes.is_empty());
    let names: Vec<String> = t
        .console
        .list_views()
        .unwrap()
        .into_iter()
        .map(|v| v.name)
        .collect();
    assert_eq!(names, ["Today", "Unanswered today", "Voice this week"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_range_longer_than_a_week_is_loaded_through_an_analytics_job() {
    let sim = sim(cc_sim::SimConfig {
        history_days: 12,
        daily_volume: 60,
        job_delay: Duration::from_millis(300),
        ..Default::default()
    })
    .await;
    let t = demo_console(&sim).await;
    let now = chrono::Utc::now().timestamp_millis();
    let (from, to) = (now - 12 * 86_400_000, now + 3_600_000);
    let expected = ids_between(&sim, from, to).await;
    assert!(expected.len() > 400, "{}", expected.len());

    let (result_id, events) = open_with(
        &t.console,
        InteractionFilters::for_period(Period::Custom { from, to }),
    )
    .await;
    assert!(
        events.iter().any(|e| matches!(
            e,
            LoadEvent::Progress {
                phase: supervisor_core::interactions::LoadPhase::WaitingForJob,
                ..
            }
        )),
        "the load said it waited for a job: {events:?}"
    );
    let last = events.last().unwrap();
    assert!(matches!(last, LoadEvent::Done { .. }), "{last:?}");
    let got: HashSet<String> = t
        .console
        .interaction_rows(&result_id, 0, 2_000)
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(
        got.len(),
        expected.len(),
        "missing: {:?}",
        expected.difference(&got).take(3).collect::<Vec<_>>()
    );
    assert_eq!(got, expected);
}
