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

/// Re-sorting 100,000 rows costs milliseconds; doing it for every page of 100 would not
/// keep up, so while rows stream in the set is arranged at most this often.
const ARRANGE_EVERY: Duration = Duration::from_millis(150);

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
    let rows = cache.range(connection_id, from, to)?;
    let mut set = loaded.set();
    set.upsert(rows);
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
    let (tx, mut rx) = mpsc::channel::<FetchUpdate>(16);
    let fetch = {
        let query = query.clone();
        tokio::spawn(async move { platform.fetch_interactions(&query, &tx).await })
    };
    let mut cancel = loaded.cancel.subscribe();
    let mut seen: HashSet<String> = HashSet::new();
    let mut phase = (LoadPhase::Querying, None);
    let mut last_arranged = Instant::now() - ARRANGE_EVERY;
    let mut local_failure: Option<Error> = None;
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
                if let Err(e) = store(&cache, &connection_id, &batch).await {
                    // The rows still show; only their copy on disk failed. Say so at the end.
                    local_failure.get_or_insert(e);
                }
                let mut set = loaded.set();
                set.upsert(batch);
                if last_arranged.elapsed() < ARRANGE_EVERY && !rx.is_empty() {
                    continue;
                }
                set.rearrange();
                last_arranged = Instant::now();
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
            // The platform's answer is complete: cached rows it no longer returns go.
            let gone: HashSet<String> = set
                .ids()
                .filter(|id| !seen.contains(*id))
                .map(String::from)
                .collect();
            set.remove_ids(&gone);
            set.rearrange();
            let at = now_ms();
            let saved = cache
                .remove(&connection_id, &gone)
                .and_then(|_| cache.mark_fetched(&connection_id, &query_key(set.filters()), at));
            match local_failure.or(saved.err()) {
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
    final_event
}

async fn store(
    cache: &InteractionCache,
    connection_id: &str,
    batch: &[InteractionSummary],
) -> Result<()> {
    let (cache, id, batch) = (cache.clone(), connection_id.to_string(), batch.to_vec());
    tokio::task::spawn_blocking(move || cache.upsert(&id, &batch))
        .await
        .map_err(|e| Error::internal(format!("Saving rows stopped unexpectedly: {e}")))?
}

#[cfg(test)]
#[path = "loader_tests.rs"]
mod tests;
