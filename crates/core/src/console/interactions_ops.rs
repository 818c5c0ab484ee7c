//! The Interactions list on the console: saved views, filter choices, opening a view
//! (cached rows, then a refresh from the platform), reading and arranging its rows, and
//! exporting them.

use super::Console;
use crate::error::{Code, Error, Result};
use crate::interactions::loader::{self, EventSink, Loaded};
use crate::interactions::{
    export, period, ArrangedResult, ColumnId, ExportedFile, FilterOptions, InteractionFilters,
    InteractionRow, LoadEvent, OpenedResult, SavedView, SavedViewInput, SortSpec,
};
use std::path::Path;
use std::sync::Arc;

/// The most rows one window may ask for: a screenful is a few dozen.
const MAX_WINDOW: usize = 2_000;
/// Cached rows shown before the rest of the cache is read: more than a screenful.
const FIRST_SCREEN: usize = 500;

/// Runs database work off the async runtime's threads.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| Error::internal(format!("Reading saved rows stopped unexpectedly: {e}")))?
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

impl Console {
    pub fn list_views(&self) -> Result<Vec<SavedView>> {
        self.views.list()
    }

    pub fn save_view(&self, input: SavedViewInput) -> Result<SavedView> {
        self.views.save(input, now_ms())
    }

    pub fn duplicate_view(&self, id: &str) -> Result<SavedView> {
        self.views.duplicate(id, now_ms())
    }

    pub fn delete_view(&self, id: &str) -> Result<()> {
        self.views.delete(id)
    }

    pub async fn filter_options(&self) -> Result<FilterOptions> {
        let (id, platform, _) = self.active_platform()?;
        let r = platform.filter_options().await;
        self.forget_if_expired(&id, r)
    }

    /// Opens the rows `filters` select: the cached ones are reported at once (`Cached`),
    /// then the platform is asked, progress and the end are reported on `events`. Without
    /// a session the cached rows are all there is, and the load says so (`Offline`).
    pub async fn open_interactions(
        self: &Arc<Self>,
        filters: InteractionFilters,
        sort: SortSpec,
        events: EventSink,
    ) -> Result<OpenedResult> {
        let connection_id = self
            .active_id()?
            .ok_or_else(|| Error::sign_in_required("Choose a connection and sign in."))?;
        let range = period::resolve(filters.period, chrono::Local::now())?;
        let cache = self.interaction_cache.clone();
        let (conn_id, f) = (connection_id.clone(), filters.clone());
        let (loaded, cached) = blocking(move || {
            loader::open_from_cache(&cache, &conn_id, f, sort, range, Some(FIRST_SCREEN))
        })
        .await?;

        let result_id = uuid::Uuid::new_v4().to_string();
        self.results_lock()
            .insert(result_id.clone(), loaded.clone());
        let last_updated = match &cached {
            LoadEvent::Cached { last_updated, .. } => *last_updated,
            _ => None,
        };
        events(cached);

        let platform = self.active_platform().ok().map(|(_, p, _)| p);
        let query = loader::platform_query(&filters, range.0, range.1);
        let console = self.clone();
        let cache = self.interaction_cache.clone();
        tokio::spawn(async move {
            // The rest of the cached rows, then the platform's; the platform is asked at
            // once, so its answer is on the way while the cache is read.
            let fetch = platform.map(|p| loader::PlatformFetch::start(p, query));
            let (l, c, id) = (loaded.clone(), cache.clone(), connection_id.clone());
            match blocking(move || loader::fill_from_cache(&l, &c, &id, range)).await {
                Ok(progress) => events(progress),
                Err(error) => {
                    let set = loaded.set();
                    events(LoadEvent::Failed {
                        revision: set.revision(),
                        count: set.count(),
                        error,
                    });
                    return;
                }
            }
            let Some(fetch) = fetch else {
                let mut set = loaded.set();
                set.shrink_to_fit();
                events(LoadEvent::Offline {
                    revision: set.revision(),
                    count: set.count(),
                    last_updated,
                    message: "Not signed in: these are the rows saved on this computer. Sign in to refresh them.".into(),
                });
                return;
            };
            let last = loader::refresh_with(
                loaded,
                fetch,
                cache,
                connection_id.clone(),
                events.clone(),
                now_ms,
            )
            .await;
            if let LoadEvent::Failed { error, .. } = &last {
                if error.code == Code::SignInRequired {
                    let _ = console.forget_if_expired::<()>(&connection_id, Err(error.clone()));
                }
            }
            events(last);
            // The pages the rows were parsed from are garbage now.
            crate::memory::give_back_freed_memory();
        });
        Ok(OpenedResult { result_id })
    }

    fn results_lock(
        &self,
    ) -> std::sync::MutexGuard<'_, std::collections::HashMap<String, Arc<Loaded>>> {
        self.results.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn result(&self, result_id: &str) -> Result<Arc<Loaded>> {
        self.results_lock()
            .get(result_id)
            .cloned()
            .ok_or_else(|| Error::not_found("This list was closed; open the view again."))
    }

    /// The shown rows `[offset, offset + limit)` of an opened result.
    pub fn interaction_rows(
        &self,
        result_id: &str,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<InteractionRow>> {
        Ok(self
            .result(result_id)?
            .set()
            .window(offset, limit.min(MAX_WINDOW)))
    }

    /// Sorts the opened rows and narrows them by free text.
    /// Sorts and narrows the loaded rows; with `window` (offset, limit) the rows there come
    /// back in the same answer, so the screen needs no second round trip to redraw.
    pub fn arrange_interactions(
        &self,
        result_id: &str,
        sort: SortSpec,
        text: &str,
        window: Option<(usize, usize)>,
    ) -> Result<ArrangedResult> {
        let loaded = self.result(result_id)?;
        let mut set = loaded.set();
        set.arrange(sort, text);
        let (offset, rows) = match window {
            Some((offset, limit)) => (offset, set.window(offset, limit.min(MAX_WINDOW))),
            None => (0, Vec::new()),
        };
        // A sort of 100,000 rows leaves megabytes of keys behind.
        crate::memory::give_back_freed_memory_when_quiet();
        Ok(ArrangedResult {
            count: set.count(),
            revision: set.revision(),
            offset,
            rows,
        })
    }

    /// Stops a running load; the rows that arrived stay.
    pub fn cancel_interactions(&self, result_id: &str) -> Result<()> {
        self.result(result_id)?.cancel();
        Ok(())
    }

    /// Forgets an opened result (and stops its load).
    pub fn close_interactions(&self, result_id: &str) {
        if let Some(loaded) = self.results_lock().remove(result_id) {
            loaded.cancel();
            drop(loaded);
            crate::memory::give_back_freed_memory();
        }
    }

    /// Writes the shown rows, in their order, with `columns`, to a new CSV in `dir`.
    pub async fn export_interactions(
        &self,
        result_id: &str,
        columns: Vec<ColumnId>,
        view_name: &str,
        dir: &Path,
    ) -> Result<ExportedFile> {
        if columns.is_empty() {
            return Err(Error::validation("Choose at least one column to export."));
        }
        // Copy the rows out so the list stays usable while the file is written.
        let rows: Vec<InteractionRow> = self.result(result_id)?.set().shown().collect();
        let path = export::target_path(dir, view_name, chrono::Local::now());
        let written = path.clone();
        let n =
            tokio::task::spawn_blocking(move || export::export_to(&written, &columns, rows.iter()))
                .await
                .map_err(|e| Error::internal(format!("The export stopped unexpectedly: {e}")))??;
        Ok(ExportedFile {
            path: path.display().to_string(),
            rows: n,
        })
    }
}
