//! The local cache of interaction summaries, per connection. Rows are stored as the JSON
//! of [`InteractionSummary`] (the list reads whole rows, never columns of them); a row
//! that no longer parses (written by an older version) is skipped, not fatal.

use super::InteractionSummary;
use crate::error::Result;
use crate::store::Store;
use rusqlite::params;

/// How many stored rows [`InteractionCache::range_in_parts`] reads at a time: a few
/// megabytes of text, enough that each part keeps every core busy parsing.
const RANGE_PART: usize = 4_096;

/// A stored row's key: its start and its id.
type RowKey = (i64, String);

#[derive(Clone)]
pub struct InteractionCache {
    store: Store,
}

impl InteractionCache {
    pub fn new(store: Store) -> Self {
        Self { store }
    }

    /// Every cached summary of `connection_id` that started in `[from, to)`.
    pub fn range(
        &self,
        connection_id: &str,
        from: i64,
        to: i64,
    ) -> Result<Vec<InteractionSummary>> {
        let mut all = Vec::new();
        self.range_in_parts(connection_id, (from, to), |part| all.extend(part))?;
        Ok(all)
    }

    /// The same rows, handed to `each` a few thousand at a time in start order. A period
    /// of 100,000 rows read whole held some 65 MB of stored text and as much again of
    /// parsed rows at once, in small blocks that stayed scattered among the list's own
    /// long-lived memory after they were freed; read in parts, a few megabytes at a time.
    /// The store is locked only while a part is read, not while it is parsed or used.
    pub fn range_in_parts(
        &self,
        connection_id: &str,
        period: (i64, i64),
        each: impl FnMut(Vec<InteractionSummary>),
    ) -> Result<()> {
        self.range_in_parts_of(RANGE_PART, connection_id, period, each)
    }

    fn range_in_parts_of(
        &self,
        part_rows: usize,
        connection_id: &str,
        (from, to): (i64, i64),
        mut each: impl FnMut(Vec<InteractionSummary>),
    ) -> Result<()> {
        // Where the next part starts: after the last (start, id) read.
        let mut after: Option<RowKey> = None;
        loop {
            let (part, last) = self.part(part_rows, connection_id, (from, to), after.as_ref())?;
            let full = part.len() == part_rows;
            if !part.is_empty() {
                each(parse_all(&part));
            }
            if !full {
                return Ok(());
            }
            after = last;
        }
    }

    /// Up to `limit` stored rows of the period after `after`, in the key's order (start,
    /// id), so each part is one range of the index; with the key of the last.
    fn part(
        &self,
        limit: usize,
        connection_id: &str,
        (from, to): (i64, i64),
        after: Option<&RowKey>,
    ) -> Result<(Vec<String>, Option<RowKey>)> {
        let conn = self.store.lock();
        let mut stmt;
        let mut rows = match after {
            None => {
                stmt = conn.prepare_cached(
                    "SELECT start_ms, id, summary FROM interaction_cache
                     WHERE connection_id = ?1 AND start_ms >= ?2 AND start_ms < ?3
                     ORDER BY start_ms, id LIMIT ?4",
                )?;
                stmt.query(params![connection_id, from, to, limit as i64])?
            }
            Some((start, id)) => {
                stmt = conn.prepare_cached(
                    "SELECT start_ms, id, summary FROM interaction_cache
                     WHERE connection_id = ?1 AND (start_ms, id) > (?2, ?3) AND start_ms < ?4
                     ORDER BY start_ms, id LIMIT ?5",
                )?;
                stmt.query(params![connection_id, start, id, to, limit as i64])?
            }
        };
        let mut part = Vec::with_capacity(limit);
        let (mut last_start, mut last_id) = (0, String::new());
        while let Some(r) = rows.next()? {
            part.push(r.get(2)?);
            last_start = r.get(0)?;
            last_id.clear();
            last_id.push_str(r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?);
        }
        let last = (!part.is_empty()).then_some((last_start, last_id));
        Ok((part, last))
    }

    /// The `limit` newest cached summaries of `connection_id` in `[from, to)`: what fills
    /// the first screen while the rest is read.
    pub fn newest(
        &self,
        connection_id: &str,
        (from, to): (i64, i64),
        limit: usize,
    ) -> Result<Vec<InteractionSummary>> {
        let conn = self.store.lock();
        let mut stmt = conn.prepare_cached(
            "SELECT summary FROM interaction_cache
             WHERE connection_id = ?1 AND start_ms >= ?2 AND start_ms < ?3
             ORDER BY start_ms DESC LIMIT ?4",
        )?;
        let rows = stmt
            .query_map(params![connection_id, from, to, limit as i64], |r| {
                r.get::<_, String>(0)
            })?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(parse_all(&rows))
    }

    /// Stores or replaces `batch` in one transaction: a crash leaves either all of it or
    /// none, never a half-written row.
    pub fn upsert(&self, connection_id: &str, batch: &[InteractionSummary]) -> Result<()> {
        let mut conn = self.store.lock();
        let tx = conn.transaction()?;
        {
            // A refresh mostly brings rows that have not changed: those are not written.
            let mut stmt = tx.prepare_cached(
                "INSERT INTO interaction_cache (connection_id, id, start_ms, summary)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (connection_id, start_ms, id) DO UPDATE
                 SET summary = excluded.summary
                 WHERE summary IS NOT excluded.summary",
            )?;
            for s in batch {
                let json = serde_json::to_string(s)
                    .map_err(|e| crate::Error::internal(format!("Cannot store a row: {e}")))?;
                stmt.execute(params![connection_id, s.row.id, s.row.start, json])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Forgets rows the platform no longer returns (a live interaction that was merged or
    /// removed), so the cache converges on what the platform says. Rows are named by id
    /// and start, the key they are stored under.
    pub fn remove(&self, connection_id: &str, rows: &[(String, i64)]) -> Result<()> {
        let mut conn = self.store.lock();
        let tx = conn.transaction()?;
        {
            let mut stmt = tx.prepare_cached(
                "DELETE FROM interaction_cache
                 WHERE connection_id = ?1 AND start_ms = ?2 AND id = ?3",
            )?;
            for (id, start) in rows {
                stmt.execute(params![connection_id, start, id])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// When the rows of `query_key` were last fetched completely.
    pub fn last_fetched(&self, connection_id: &str, query_key: &str) -> Result<Option<i64>> {
        let conn = self.store.lock();
        let mut stmt = conn.prepare_cached(
            "SELECT fetched_at FROM interaction_fetches WHERE connection_id = ?1 AND query_key = ?2",
        )?;
        let mut rows = stmt.query(params![connection_id, query_key])?;
        Ok(match rows.next()? {
            Some(r) => Some(r.get(0)?),
            None => None,
        })
    }

    pub fn mark_fetched(&self, connection_id: &str, query_key: &str, at: i64) -> Result<()> {
        self.store.lock().execute(
            "INSERT INTO interaction_fetches (connection_id, query_key, fetched_at)
             VALUES (?1, ?2, ?3)
             ON CONFLICT (connection_id, query_key) DO UPDATE SET fetched_at = excluded.fetched_at",
            params![connection_id, query_key, at],
        )?;
        Ok(())
    }
}

/// Parses stored summaries on every core: at 100,000 rows parsing is most of a reopen.
fn parse_all(rows: &[String]) -> Vec<InteractionSummary> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let chunk = rows.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let parts: Vec<_> = rows
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .filter_map(|json| serde_json::from_str::<InteractionSummary>(json).ok())
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|p| p.join().unwrap_or_default())
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interactions::testing::summary;
    use crate::store::Store;

    fn cache_with_connection(ids: &[&str]) -> (InteractionCache, Store) {
        let store = Store::open_in_memory().unwrap();
        for id in ids {
            store
                .lock()
                .execute(
                    "INSERT INTO connections (id, name, client_id, grant_type, created_at)
                     VALUES (?1, ?1, 'c', 'pkce', '2026-01-01')",
                    [id],
                )
                .unwrap();
        }
        (InteractionCache::new(store.clone()), store)
    }

    #[test]
    fn range_reads_back_what_was_stored_per_connection() {
        let (cache, _) = cache_with_connection(&["c1", "c2"]);
        cache
            .upsert(
                "c1",
                &[summary("a", 100), summary("b", 200), summary("c", 300)],
            )
            .unwrap();
        cache.upsert("c2", &[summary("z", 150)]).unwrap();
        let got: Vec<String> = cache
            .range("c1", 100, 300)
            .unwrap()
            .into_iter()
            .map(|s| s.row.id)
            .collect();
        assert_eq!(got.len(), 2);
        assert!(got.contains(&"a".into()) && got.contains(&"b".into()));
    }

    #[test]
    fn a_period_read_in_parts_gives_every_row_once_in_start_order() {
        let (cache, _) = cache_with_connection(&["c1"]);
        // Several rows share a start, and parts of two split them.
        let stored: Vec<_> = [
            ("e", 100),
            ("a", 100),
            ("c", 100),
            ("b", 200),
            ("d", 300),
            ("f", 300),
            ("g", 400),
        ]
        .into_iter()
        .map(|(id, start)| summary(id, start))
        .collect();
        cache.upsert("c1", &stored).unwrap();
        for part_rows in [1, 2, 3, 7, 100] {
            let mut parts = Vec::new();
            cache
                .range_in_parts_of(part_rows, "c1", (100, 400), |part| {
                    parts.push(part.into_iter().map(|s| s.row.id).collect::<Vec<_>>())
                })
                .unwrap();
            let ids: Vec<String> = parts.concat();
            assert_eq!(ids, ["a", "c", "e", "b", "d", "f"], "parts of {part_rows}");
            assert!(parts.iter().all(|p| !p.is_empty() && p.len() <= part_rows));
        }
    }

    #[test]
    fn each_part_is_read_from_the_index_not_by_scanning_the_table() {
        let (cache, store) = cache_with_connection(&["c1"]);
        cache.upsert("c1", &[summary("a", 100)]).unwrap();
        let plan: Vec<String> = store
            .lock()
            .prepare(
                "EXPLAIN QUERY PLAN SELECT start_ms, id, summary FROM interaction_cache
                 WHERE connection_id = 'c1' AND (start_ms, id) > (100, 'a') AND start_ms < 500
                 ORDER BY start_ms, id LIMIT 10",
            )
            .unwrap()
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let plan = plan.join(" | ");
        assert!(
            plan.contains("SEARCH") && plan.contains("interaction_cache_start_id"),
            "{plan}"
        );
        assert!(
            plan.contains("(connection_id=? AND (start_ms,id)>(?,?)"),
            "{plan}"
        );
        assert!(!plan.contains("TEMP B-TREE"), "{plan}");
    }

    #[test]
    fn upsert_replaces_and_remove_forgets() {
        let (cache, _) = cache_with_connection(&["c1"]);
        cache.upsert("c1", &[summary("a", 100)]).unwrap();
        let mut changed = summary("a", 100);
        changed.row.csat = Some(4);
        cache.upsert("c1", &[changed]).unwrap();
        let rows = cache.range("c1", 0, 1000).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].row.csat, Some(4));
        cache.remove("c1", &[("a".to_string(), 100)]).unwrap();
        assert!(cache.range("c1", 0, 1000).unwrap().is_empty());
    }

    #[test]
    fn removing_a_connection_removes_its_rows() {
        let (cache, store) = cache_with_connection(&["c1"]);
        cache.upsert("c1", &[summary("a", 100)]).unwrap();
        cache.mark_fetched("c1", "k", 5).unwrap();
        store
            .lock()
            .execute("DELETE FROM connections WHERE id = 'c1'", [])
            .unwrap();
        assert!(cache.range("c1", 0, 1000).unwrap().is_empty());
        assert_eq!(cache.last_fetched("c1", "k").unwrap(), None);
    }

    #[test]
    fn an_unreadable_row_is_skipped() {
        let (cache, store) = cache_with_connection(&["c1"]);
        cache.upsert("c1", &[summary("a", 100)]).unwrap();
        store
            .lock()
            .execute(
                "INSERT INTO interaction_cache (connection_id, id, start_ms, summary)
                 VALUES ('c1', 'bad', 150, '{not json')",
                [],
            )
            .unwrap();
        assert_eq!(cache.range("c1", 0, 1000).unwrap().len(), 1);
    }

    #[test]
    fn last_fetched_records_the_latest_time() {
        let (cache, _) = cache_with_connection(&["c1"]);
        assert_eq!(cache.last_fetched("c1", "k").unwrap(), None);
        cache.mark_fetched("c1", "k", 5).unwrap();
        cache.mark_fetched("c1", "k", 9).unwrap();
        assert_eq!(cache.last_fetched("c1", "k").unwrap(), Some(9));
    }
}
