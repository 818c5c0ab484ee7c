//! A loaded Interactions result: every row the view's filters select, arranged (sorted and
//! narrowed by free text) here in the core so the UI only ever holds the window it draws.
//! At 100,000 rows an arrange must stay well under 50 ms, so sort keys and the lowercase
//! search text are computed once per row, not per comparison.

use super::sort::sort_rows;
use super::{InteractionFilters, InteractionRow, InteractionSummary, SortSpec};
use std::collections::{HashMap, HashSet};

struct Entry {
    summary: InteractionSummary,
    /// Lowercase id, customer name and contact: what free text matches.
    haystack: String,
}

pub struct ResultSet {
    filters: InteractionFilters,
    entries: Vec<Entry>,
    by_id: HashMap<String, usize>,
    /// Indices into `entries` of the rows shown, in display order.
    order: Vec<u32>,
    /// Every row in `sort` order, before the free text; `None` after rows changed. A
    /// change of text alone then filters this instead of sorting again.
    sorted: Option<Vec<u32>>,
    sort: SortSpec,
    text: String,
    revision: u64,
}

impl ResultSet {
    pub fn new(filters: InteractionFilters, sort: SortSpec) -> Self {
        Self {
            text: filters.text.trim().to_lowercase(),
            filters,
            entries: Vec::new(),
            by_id: HashMap::new(),
            order: Vec::new(),
            sorted: None,
            sort,
            revision: 0,
        }
    }

    pub fn filters(&self) -> &InteractionFilters {
        &self.filters
    }

    /// How many rows are shown (after the free text).
    pub fn count(&self) -> usize {
        self.order.len()
    }

    /// How many rows the view's filters selected (before the free text).
    pub fn loaded(&self) -> usize {
        self.entries.len()
    }

    /// Changes every time the shown rows or their order change, so the UI can tell a
    /// stale window from a current one.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn contains(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.summary.row.id.as_str())
    }

    /// Adds or replaces rows (a live interaction is sent again when it ends). Rows the
    /// filters do not select are dropped. Does not re-sort: call [`ResultSet::arrange`].
    pub fn upsert(&mut self, batch: impl IntoIterator<Item = InteractionSummary>) -> usize {
        let mut accepted = 0;
        for summary in batch {
            if !matches(&self.filters, &summary) {
                // A row that changed so it no longer matches (e.g. a live call that ended
                // answered in an "unanswered" view) must leave the set.
                self.remove_ids(&HashSet::from([summary.row.id.clone()]));
                continue;
            }
            accepted += 1;
            self.sorted = None;
            let entry = Entry {
                haystack: haystack(&summary.row),
                summary,
            };
            match self.by_id.get(&entry.summary.row.id) {
                Some(&i) => self.entries[i] = entry,
                None => {
                    self.by_id
                        .insert(entry.summary.row.id.clone(), self.entries.len());
                    self.entries.push(entry);
                }
            }
        }
        accepted
    }

    /// Removes rows by id (ones the platform no longer returns for this range).
    pub fn remove_ids(&mut self, ids: &HashSet<String>) {
        if ids.iter().all(|id| !self.by_id.contains_key(id)) {
            return;
        }
        self.sorted = None;
        self.entries.retain(|e| !ids.contains(&e.summary.row.id));
        self.by_id = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.summary.row.id.clone(), i))
            .collect();
        self.order.clear();
    }

    /// Sorts by `sort` and keeps the rows whose id, customer or contact contain `text`
    /// (case-insensitive). The text replaces the one the view opened with: a person
    /// editing the search box narrows and widens the same loaded rows.
    pub fn arrange(&mut self, sort: SortSpec, text: &str) {
        if sort != self.sort {
            self.sorted = None;
        }
        self.sort = sort;
        self.text = text.trim().to_lowercase();
        self.rearrange();
    }

    /// Arranges again with the current sort and text (after an upsert).
    pub fn rearrange(&mut self) {
        let entries = &self.entries;
        let sorted = self.sorted.get_or_insert_with(|| {
            sort_rows(
                (0..entries.len() as u32).collect(),
                |i| &entries[i as usize].summary.row,
                self.sort.column,
                self.sort.descending,
            )
        });
        self.order = if self.text.is_empty() {
            sorted.clone()
        } else {
            sorted
                .iter()
                .copied()
                .filter(|&i| entries[i as usize].haystack.contains(&self.text))
                .collect()
        };
        self.revision += 1;
    }

    /// The shown rows `[offset, offset + limit)`.
    pub fn window(&self, offset: usize, limit: usize) -> Vec<InteractionRow> {
        self.order
            .iter()
            .skip(offset)
            .take(limit)
            .map(|&i| self.entries[i as usize].summary.row.clone())
            .collect()
    }

    /// Every shown row in order, for export.
    pub fn shown(&self) -> impl Iterator<Item = &InteractionRow> {
        self.order
            .iter()
            .map(|&i| &self.entries[i as usize].summary.row)
    }
}

/// Whether `s` passes every filter of the view except free text (which is arranged).
/// The platform applies most of these already; cached rows were fetched for other views,
/// so they are checked here too.
pub fn matches(f: &InteractionFilters, s: &InteractionSummary) -> bool {
    let r = &s.row;
    let any = |wanted: &[String], have: &[String]| {
        wanted.is_empty() || wanted.iter().any(|w| have.contains(w))
    };
    (f.channels.is_empty() || f.channels.contains(&r.channel))
        && (f.directions.is_empty() || f.directions.contains(&r.direction))
        && any(&f.queue_ids, &s.queue_ids)
        && any(&f.agent_ids, &s.user_ids)
        && any(&f.wrap_up_code_ids, &s.wrap_up_code_ids)
        && (f.states.is_empty() || f.states.contains(&r.state))
        && (f.reasons.is_empty() || r.reason.is_some_and(|x| f.reasons.contains(&x)))
        && f.csat_min
            .is_none_or(|min| r.csat.is_some_and(|c| c >= min))
        && f.csat_max
            .is_none_or(|max| r.csat.is_some_and(|c| c <= max))
}

fn haystack(r: &InteractionRow) -> String {
    let mut h = r.id.to_lowercase();
    for part in [&r.customer_name, &r.contact].into_iter().flatten() {
        h.push('\u{1f}');
        h.push_str(&part.to_lowercase());
    }
    h
}

#[cfg(test)]
#[path = "result_tests.rs"]
mod tests;
