//! Loading a view: cached rows at once, then the platform's rows as they arrive, merged
//! into the result set and the cache; the load ends Done, Offline (the platform could not
//! be reached, the cached rows stay), Failed or Cancelled.

use super::cache::InteractionCache;
use super::result::ResultSet;
use super::{InteractionFilters, InteractionSummary, LoadEvent, LoadPhase, SortSpec};
use crate::error::{Code, Error, Result};
use crate::platform::{FetchUpdate, InteractionQuery, Platform};
use std::collections::HashSet;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, watch};

/// Where a load's events go (the UI's channel).
pub type EventSink = Arc<dyn Fn(LoadEvent) + Send + Sync>;

/// While rows stream in, the set is arranged (and the screen told) at most this often,
/// less often when an arrange gets slow; the first rows are arranged at once. Each arrange
/// makes the screen read and redraw its rows, which in the webview costs far more than the
/// sort: at 150 ms the redraws took about as much CPU as the load itself.
const ARRANGE_EVERY: Duration = Duration::from_millis(500);

/// One opened view: its rows and a way to stop its load.
pub struct Loaded {
    set: Mutex<ResultSet>,
    cancel: watch::Sender<bool>,
}

impl Loaded {
    pub fn set(&self) -> MutexGuard<'_, ResultSet> {
        self.set.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn cancel(&self) {
        self.cancel.send_replace(true);
    }
}

/// What identifies a view's rows for "last updated": its filters as saved (a "Today"
/// preset is the same view tomorrow).
pub fn query_key(filters: &InteractionFilters) -> String {
    serde_json::to_string(filters).unwrap_or_default()
}

pub fn platform_query(filters: &InteractionFilters, from_ms: i64, to_ms: i64) -> InteractionQuery {
    InteractionQuery {
        from_ms,
        to_ms,
        channels: filters.channels.clone(),
        directions: filters.directions.clone(),
        queue_ids: filters.queue_ids.clone(),
        agent_ids: filters.agent_ids.clone(),
        wrap_up_code_ids: filters.wrap_up_code_ids.clone(),
    }
}

/// Builds the result set from the cache and reports it (the `Cached` event): every
/// cached row of the period, or only the `first` newest when given, so a screenful shows
/// at once and [`fill_from_cache`] adds the rest.
pub fn open_from_cache(
    cache: &InteractionCache,
    connection_id: &str,
    filters: InteractionFilters,
    sort: SortSpec,
    (from, to): (i64, i64),
    first: Option<usize>,
) -> Result<(Arc<Loaded>, LoadEvent)> {
    let last_updated = cache.last_fetched(connection_id, &query_key(&filters))?;
    let mut set = ResultSet::new(filters, sort);
    set.upsert(match first {
        Some(n) => cache.newest(connection_id, (from, to), n)?,
        None => cache.range(connection_id, from, to)?,
    });
    set.rearrange();
    let event = LoadEvent::Cached {
        revision: set.revision(),
        count: set.count(),
        last_updated,
    };
    let loaded = Arc::new(Loaded {
        set: Mutex::new(set),
        cancel: watch::channel(false).0,
    });
    Ok((loaded, event))
}

/// Adds every cached row of the period to a set opened with a first screenful, and
/// reports the result as progress.
pub fn fill_from_cache(
    loaded: &Loaded,
    cache: &InteractionCache,
    connection_id: &str,
    (from, to): (i64, i64),
) -> Result<LoadEvent> {
    // Part by part, each added as it is read: the list is locked only while a part is
    // added, and never holds the whole period's parsed rows besides its own.
    cache.range_in_parts(connection_id, (from, to), |part| {
        loaded.set().upsert(part);
    })?;
    let mut set = loaded.set();
    set.rearrange();
    Ok(progress(&set, LoadPhase::Querying, None))
}

fn progress(set: &ResultSet, phase: LoadPhase, expected: Option<u64>) -> LoadEvent {
    LoadEvent::Progress {
        revision: set.revision(),
        count: set.count(),
        phase,
        loaded: set.loaded(),
        expected,
    }
}

/// A fetch from the platform under way. Its rows wait in a bounded channel until
/// [`refresh_with`] takes them, so the requests (and the platform's export job) start
/// while the cached rows are still being read, and no fetched row is applied before them.
pub struct PlatformFetch {
    updates: mpsc::Receiver<FetchUpdate>,
    task: tokio::task::JoinHandle<Result<()>>,
}

impl PlatformFetch {
    pub fn start(platform: Arc<dyn Platform>, query: InteractionQuery) -> Self {
        let (tx, updates) = mpsc::channel::<FetchUpdate>(16);
        let task = tokio::spawn(async move { platform.fetch_interactions(&query, &tx).await });
        Self { updates, task }
    }
}

/// Fetches the view's rows from the platform into `loaded` and the cache, reporting
/// progress to `events`; returns the final event (the caller sends it, after acting on a
/// lost sign-in).
pub async fn refresh(
    loaded: Arc<Loaded>,
    platform: Arc<dyn Platform>,
    cache: InteractionCache,
    connection_id: String,
    query: InteractionQuery,
    events: EventSink,
    now_ms: impl Fn() -> i64,
) -> LoadEvent {
    let fetch = PlatformFetch::start(platform, query);
    refresh_with(loaded, fetch, cache, connection_id, events, now_ms).await
}

/// [`refresh`] with a fetch already started.
pub async fn refresh_with(
    loaded: Arc<Loaded>,
    fetch: PlatformFetch,
    cache: InteractionCache,
    connection_id: String,
    events: EventSink,
    now_ms: impl Fn() -> i64,
) -> LoadEvent {
    let PlatformFetch {
        updates: mut rx,
        task: fetch,
    } = fetch;
    let mut cancel = loaded.cancel.subscribe();
    let mut seen: HashSet<String> = HashSet::new();
    let mut phase = (LoadPhase::Querying, None);
    let mut arrange_every = ARRANGE_EVERY;
    let mut last_arranged = Instant::now() - arrange_every;
    let writer = CacheWriter::start(cache.clone(), connection_id.clone());
    let mut cancelled = *cancel.borrow();

    while !cancelled {
        let update = tokio::select! {
            u = rx.recv() => u,
            _ = cancel.wait_for(|c| *c) => { cancelled = true; None }
        };
        let Some(update) = update else { break };
        match update {
            FetchUpdate::Phase { phase: p, expected } => phase = (p, expected),
            FetchUpdate::Rows(batch) => {
                seen.extend(batch.iter().map(|s| s.row.id.clone()));
                let mut set = loaded.set();
                // Only rows the cache may not hold as they are go to it: on a refresh most
                // rows come back unchanged from the copy the list was opened with.
                let mut changed = Vec::new();
                set.upsert_reporting_changes(batch, |s| changed.push(s));
                if !changed.is_empty() {
                    writer.write(changed);
                }
                if last_arranged.elapsed() < arrange_every {
                    continue;
                }
                let started = Instant::now();
                set.rearrange();
                last_arranged = Instant::now();
                // Arranging never takes more than a sixth of the load's time.
                arrange_every = ARRANGE_EVERY.max(started.elapsed() * 5);
            }
        }
        let event = progress(&loaded.set(), phase.0, phase.1);
        events(event);
    }
    // Dropping the receiver tells the fetch to stop (and to delete a job it started).
    drop(rx);
    let outcome = match fetch.await {
        Ok(r) => r,
        Err(e) => Err(Error::internal(format!(
            "The load stopped unexpectedly: {e}"
        ))),
    };

    let mut gone: Vec<(String, i64)> = Vec::new();
    if outcome.is_ok() && !cancelled {
        // The platform's answer is complete: cached rows it no longer returns go. The list
        // is whole now; only its copy on disk may still be being written.
        let mut set = loaded.set();
        gone = set
            .keys()
            .filter(|(id, _)| !seen.contains(*id))
            .map(|(id, start)| (id.to_string(), start))
            .collect();
        set.remove_ids(&gone.iter().map(|(id, _)| id.clone()).collect());
        set.rearrange();
        events(progress(&set, LoadPhase::Saving, phase.1));
    }
    // The rows still show if their copy on disk failed; the end says so.
    let local_failure = writer.finish().await.err();
    let mut set = loaded.set();
    let final_event = match outcome {
        _ if cancelled => {
            set.rearrange();
            LoadEvent::Cancelled {
                revision: set.revision(),
                count: set.count(),
            }
        }
        Ok(()) => {
            let at = now_ms();
            // "Last updated" is recorded only when the rows really were saved.
            let saved = match local_failure {
                Some(e) => Err(e),
                None => cache.remove(&connection_id, &gone).and_then(|_| {
                    cache.mark_fetched(&connection_id, &query_key(set.filters()), at)
                }),
            };
            match saved.err() {
                Some(error) => LoadEvent::Failed {
                    revision: set.revision(),
                    count: set.count(),
                    error,
                },
                None => LoadEvent::Done {
                    revision: set.revision(),
                    count: set.count(),
                    last_updated: at,
                },
            }
        }
        Err(e) if e.code == Code::Cancelled => {
            set.rearrange();
            LoadEvent::Cancelled {
                revision: set.revision(),
                count: set.count(),
            }
        }
        Err(e) if e.code == Code::Network => {
            set.rearrange();
            LoadEvent::Offline {
                revision: set.revision(),
                count: set.count(),
                last_updated: cache
                    .last_fetched(&connection_id, &query_key(set.filters()))
                    .ok()
                    .flatten(),
                message: e.message,
            }
        }
        Err(error) => {
            set.rearrange();
            LoadEvent::Failed {
                revision: set.revision(),
                count: set.count(),
                error,
            }
        }
    };
    set.shrink_to_fit();
    final_event
}

/// Writes fetched rows to the cache on a thread of its own, so the list never waits for
/// the disk. Batches that queue up while a write runs go in the next transaction together.
/// After a failure the rest is not attempted (a full disk stays full); `finish` reports it.
struct CacheWriter {
    batches: std::sync::mpsc::Sender<Vec<InteractionSummary>>,
    done: tokio::task::JoinHandle<Result<()>>,
}

impl CacheWriter {
    fn start(cache: InteractionCache, connection_id: String) -> Self {
        let (batches, queued) = std::sync::mpsc::channel::<Vec<InteractionSummary>>();
        let done = tokio::task::spawn_blocking(move || {
            let mut outcome = Ok(());
            while let Ok(mut batch) = queued.recv() {
                while let Ok(more) = queued.try_recv() {
                    batch.extend(more);
                }
                if outcome.is_ok() {
                    outcome = cache.upsert(&connection_id, &batch);
                }
            }
            outcome
        });
        Self { batches, done }
    }

    fn write(&self, batch: Vec<InteractionSummary>) {
        // Fails only if the thread is gone, which `finish` reports.
        let _ = self.batches.send(batch);
    }

    /// Waits for every queued batch to be written.
    async fn finish(self) -> Result<()> {
        drop(self.batches);
        self.done
            .await
            .map_err(|e| Error::internal(format!("Saving rows stopped unexpectedly: {e}")))?
    }
}

#[cfg(test)]
#[path = "loader_tests.rs"]
mod tests;
