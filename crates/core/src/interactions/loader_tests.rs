use super::*;
use crate::interactions::testing::{any_time, newest_first, summary};
use crate::interactions::FilterOptions;
use crate::model::{Identity, Presence, PresenceOption};
use crate::store::Store;
use async_trait::async_trait;
use std::sync::atomic::{AtomicBool, Ordering};

/// A platform that answers a fetch with scripted batches, then an outcome.
struct Scripted {
    batches: Vec<Vec<InteractionSummary>>,
    outcome: Result<()>,
    /// Wait for the receiver to close after the batches (a load that never ends).
    hang: bool,
    saw_close: AtomicBool,
}

#[async_trait]
impl Platform for Scripted {
    async fn identity(&self) -> Result<Identity> {
        unreachable!()
    }
    async fn presence_options(&self) -> Result<Vec<PresenceOption>> {
        unreachable!()
    }
    async fn set_presence(&self, _: &str, _: &str) -> Result<Presence> {
        unreachable!()
    }
    async fn filter_options(&self) -> Result<FilterOptions> {
        unreachable!()
    }
    async fn fetch_interactions(
        &self,
        _: &InteractionQuery,
        sink: &crate::platform::FetchSink,
    ) -> Result<()> {
        for b in &self.batches {
            if sink.send(FetchUpdate::Rows(b.clone())).await.is_err() {
                self.saw_close.store(true, Ordering::SeqCst);
                return Err(Error::new(Code::Cancelled, "cancelled"));
            }
        }
        if self.hang {
            sink.closed().await;
            self.saw_close.store(true, Ordering::SeqCst);
            return Err(Error::new(Code::Cancelled, "cancelled"));
        }
        self.outcome.clone()
    }
    async fn revoke(&self) -> Result<()> {
        unreachable!()
    }
}

fn scripted(batches: Vec<Vec<InteractionSummary>>, outcome: Result<()>) -> Arc<Scripted> {
    Arc::new(Scripted {
        batches,
        outcome,
        hang: false,
        saw_close: AtomicBool::new(false),
    })
}

fn cache() -> InteractionCache {
    cache_and_store().0
}

fn cache_and_store() -> (InteractionCache, Store) {
    let store = Store::open_in_memory().unwrap();
    store
        .lock()
        .execute(
            "INSERT INTO connections (id, name, client_id, grant_type, created_at)
             VALUES ('c', 'c', 'x', 'pkce', '2026-01-01')",
            [],
        )
        .unwrap();
    (InteractionCache::new(store.clone()), store)
}

fn collect() -> (EventSink, Arc<Mutex<Vec<LoadEvent>>>) {
    let events = Arc::new(Mutex::new(Vec::new()));
    let sink = events.clone();
    (Arc::new(move |e| sink.lock().unwrap().push(e)), events)
}

async fn load(
    cache: &InteractionCache,
    platform: Arc<Scripted>,
) -> (Arc<Loaded>, LoadEvent, LoadEvent) {
    let (loaded, cached) =
        open_from_cache(cache, "c", any_time(), newest_first(), (0, 1_000), None).unwrap();
    let (sink, _) = collect();
    let last = refresh(
        loaded.clone(),
        platform,
        cache.clone(),
        "c".into(),
        platform_query(&any_time(), 0, 1_000),
        sink,
        || 777,
    )
    .await;
    (loaded, cached, last)
}

fn ids(loaded: &Loaded) -> Vec<String> {
    loaded
        .set()
        .window(0, 100)
        .into_iter()
        .map(|r| r.id)
        .collect()
}

#[tokio::test]
async fn a_reopened_view_shows_cached_rows_then_the_platforms() {
    let cache = cache();
    let (_, cached, done) = load(
        &cache,
        scripted(vec![vec![summary("a", 1), summary("b", 2)]], Ok(())),
    )
    .await;
    assert!(matches!(
        cached,
        LoadEvent::Cached {
            count: 0,
            last_updated: None,
            ..
        }
    ));
    assert!(
        matches!(
            done,
            LoadEvent::Done {
                count: 2,
                last_updated: 777,
                ..
            }
        ),
        "{done:?}"
    );

    // Reopened: the rows are there before the platform answers, with "last updated".
    let mut changed = summary("b", 2);
    changed.row.csat = Some(5);
    let (loaded, cached, done) = load(
        &cache,
        scripted(vec![vec![changed, summary("c", 3)]], Ok(())),
    )
    .await;
    assert!(
        matches!(
            cached,
            LoadEvent::Cached {
                count: 2,
                last_updated: Some(777),
                ..
            }
        ),
        "{cached:?}"
    );
    assert!(matches!(done, LoadEvent::Done { count: 2, .. }), "{done:?}");
    // "a" is no longer returned by the platform, "b" changed, "c" is new.
    assert_eq!(ids(&loaded), ["c", "b"]);
    let cached_now = cache.range("c", 0, 1_000).unwrap();
    assert_eq!(cached_now.len(), 2);
    assert_eq!(
        cached_now
            .iter()
            .find(|s| s.row.id == "b")
            .unwrap()
            .row
            .csat,
        Some(5)
    );
}

#[tokio::test]
async fn unreachable_platform_keeps_the_cached_rows_and_says_offline() {
    let cache = cache();
    load(
        &cache,
        scripted(vec![vec![summary("a", 1), summary("b", 2)]], Ok(())),
    )
    .await;
    let down = Err(Error::new(Code::Network, "Cannot reach the platform."));
    let (loaded, cached, last) = load(&cache, scripted(vec![vec![summary("c", 3)]], down)).await;
    assert!(matches!(cached, LoadEvent::Cached { count: 2, .. }));
    match last {
        LoadEvent::Offline {
            count,
            last_updated,
            message,
            ..
        } => {
            assert_eq!(count, 3);
            assert_eq!(last_updated, Some(777));
            assert_eq!(message, "Cannot reach the platform.");
        }
        other => panic!("expected Offline, got {other:?}"),
    }
    // Nothing cached was dropped: an incomplete answer removes nothing.
    assert_eq!(ids(&loaded), ["c", "b", "a"]);
    assert_eq!(cache.range("c", 0, 1_000).unwrap().len(), 3);
}

#[tokio::test]
async fn a_platform_error_fails_the_load_with_its_code() {
    let cache = cache();
    let refused = Err(Error::new(
        Code::PermissionDenied,
        "Missing analytics permission.",
    ));
    let (_, _, last) = load(&cache, scripted(vec![], refused)).await;
    match last {
        LoadEvent::Failed { error, .. } => assert_eq!(error.code, Code::PermissionDenied),
        other => panic!("expected Failed, got {other:?}"),
    }
}

#[tokio::test]
async fn cancelling_stops_the_fetch_and_keeps_what_arrived() {
    let cache = cache();
    let platform = Arc::new(Scripted {
        batches: vec![vec![summary("a", 1)]],
        outcome: Ok(()),
        hang: true,
        saw_close: AtomicBool::new(false),
    });
    let (loaded, _) =
        open_from_cache(&cache, "c", any_time(), newest_first(), (0, 1_000), None).unwrap();
    let (sink, events) = collect();
    let task = tokio::spawn(refresh(
        loaded.clone(),
        platform.clone(),
        cache.clone(),
        "c".into(),
        platform_query(&any_time(), 0, 1_000),
        sink,
        || 1,
    ));
    // Cancel once the first rows have been reported.
    while events.lock().unwrap().is_empty() {
        tokio::task::yield_now().await;
    }
    loaded.cancel();
    let last = task.await.unwrap();
    assert!(
        matches!(last, LoadEvent::Cancelled { count: 1, .. }),
        "{last:?}"
    );
    assert!(
        platform.saw_close.load(Ordering::SeqCst),
        "the fetch saw the load end"
    );
    // A cancelled load is incomplete: it is not recorded as an update.
    assert_eq!(
        cache.last_fetched("c", &query_key(&any_time())).unwrap(),
        None
    );
}

#[tokio::test]
async fn progress_reports_growing_counts_in_revision_order() {
    let cache = cache();
    let batches = (0..5)
        .map(|b| {
            (0..10)
                .map(|i| summary(&format!("{b}-{i}"), b * 10 + i))
                .collect()
        })
        .collect();
    let (loaded, _) =
        open_from_cache(&cache, "c", any_time(), newest_first(), (0, 1_000), None).unwrap();
    let (sink, events) = collect();
    let last = refresh(
        loaded,
        scripted(batches, Ok(())),
        cache.clone(),
        "c".into(),
        platform_query(&any_time(), 0, 1_000),
        sink,
        || 1,
    )
    .await;
    assert!(matches!(last, LoadEvent::Done { count: 50, .. }));
    let events = events.lock().unwrap();
    assert!(!events.is_empty());
    let mut last_loaded = 0;
    for e in events.iter() {
        let LoadEvent::Progress { loaded, .. } = e else {
            panic!("{e:?}")
        };
        assert!(*loaded >= last_loaded);
        last_loaded = *loaded;
    }
    // Before the end, the list says it is whole while its offline copy is written.
    assert!(
        matches!(
            events.last(),
            Some(LoadEvent::Progress {
                phase: LoadPhase::Saving,
                count: 50,
                ..
            })
        ),
        "{:?}",
        events.last()
    );
}

#[tokio::test]
async fn a_cache_that_cannot_be_written_keeps_the_rows_and_fails_the_load() {
    let (cache, store) = cache_and_store();
    // What a full or read-only disk looks like to SQLite: every write refused.
    store
        .lock()
        .pragma_update(None, "query_only", true)
        .unwrap();
    let (loaded, _, last) = load(
        &cache,
        scripted(vec![vec![summary("a", 1)], vec![summary("b", 2)]], Ok(())),
    )
    .await;
    match last {
        LoadEvent::Failed { count, error, .. } => {
            assert_eq!(count, 2);
            assert_eq!(error.code, Code::Internal);
            assert!(
                error.message.contains("local database"),
                "{}",
                error.message
            );
        }
        other => panic!("expected a failed load, got {other:?}"),
    }
    assert_eq!(ids(&loaded), ["b", "a"]);
    // Nothing claims the rows were saved.
    store
        .lock()
        .pragma_update(None, "query_only", false)
        .unwrap();
    assert!(cache.range("c", 0, 1_000).unwrap().is_empty());
    assert_eq!(
        cache.last_fetched("c", &query_key(&any_time())).unwrap(),
        None
    );
}

#[tokio::test]
async fn a_fetch_started_before_the_cache_is_read_still_wins_over_it() {
    let cache = cache();
    let mut old = summary("a", 100);
    old.row.csat = Some(1);
    cache.upsert("c", &[old, summary("b", 200)]).unwrap();
    let mut fresh = summary("a", 100);
    fresh.row.csat = Some(5);
    // The platform has answered before the cached rows are read.
    let fetch = PlatformFetch::start(
        scripted(vec![vec![fresh]], Ok(())),
        platform_query(&any_time(), 0, 1_000),
    );
    tokio::task::yield_now().await;
    let (loaded, _) =
        open_from_cache(&cache, "c", any_time(), newest_first(), (0, 1_000), Some(1)).unwrap();
    fill_from_cache(&loaded, &cache, "c", (0, 1_000)).unwrap();
    let (sink, _) = collect();
    let last = refresh_with(loaded.clone(), fetch, cache.clone(), "c".into(), sink, || 1).await;
    assert!(matches!(last, LoadEvent::Done { count: 1, .. }), "{last:?}");
    let rows = loaded.set().window(0, 10);
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].id.as_str(), rows[0].csat), ("a", Some(5)));
    // The cache follows: the fresher row is stored, the one the platform dropped is gone.
    let stored = cache.range("c", 0, 1_000).unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].row.csat, Some(5));
}
