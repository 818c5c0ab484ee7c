//! A loaded Interactions result: every row the view's filters select, arranged (sorted and
//! narrowed by free text) here in the core so the UI only ever holds the window it draws.
//! At 100,000 rows an arrange must stay well under 50 ms, so rows are kept compact (their
//! texts numbered, see `compact.rs`) and each distinct text is lowercased and ranked once
//! per arrange, not once per row or per comparison.

use super::compact::{contains_folded, CompactRow, TextColumn, TextId, Texts};
use super::sort::sort_rows;
use super::{InteractionFilters, InteractionRow, InteractionSummary, SortSpec};
use std::collections::HashSet;

/// In `row_of`: no row has this id (any more).
const NO_ROW: u32 = u32::MAX;

pub struct ResultSet {
    filters: InteractionFilters,
    rows: Vec<CompactRow>,
    texts: Texts,
    /// Every id ever held, numbered; `row_of` gives each number's row index.
    ids: Texts,
    row_of: Vec<u32>,
    /// Indices into `rows` of the rows shown, in display order.
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
            rows: Vec::new(),
            texts: Texts::default(),
            ids: Texts::default(),
            row_of: vec![NO_ROW],
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
        self.rows.len()
    }

    /// Changes every time the shown rows or their order change, so the UI can tell a
    /// stale window from a current one.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The index of the row with `id`.
    fn row_index(&self, id: &str) -> Option<usize> {
        let n = self.ids.find(id)?;
        Some(self.row_of[n as usize])
            .filter(|&i| i != NO_ROW)
            .map(|i| i as usize)
    }

    pub fn contains(&self, id: &str) -> bool {
        self.row_index(id).is_some()
    }

    /// Each held row's id and start.
    pub fn keys(&self) -> impl Iterator<Item = (&str, i64)> {
        self.rows.iter().map(|r| (self.ids.get(r.id), r.start))
    }

    /// Adds or replaces rows (a live interaction is sent again when it ends). Rows the
    /// filters do not select are dropped. Does not re-sort: call [`ResultSet::arrange`].
    /// Returns how many rows the filters selected.
    pub fn upsert(&mut self, batch: impl IntoIterator<Item = InteractionSummary>) -> usize {
        self.upsert_reporting_changes(batch, |_| {})
    }

    /// [`ResultSet::upsert`] that gives back each row not already held exactly as it is
    /// (new, changed, or not selected by the filters): what a copy kept elsewhere (the
    /// cache) may be missing.
    pub fn upsert_reporting_changes(
        &mut self,
        batch: impl IntoIterator<Item = InteractionSummary>,
        mut changed: impl FnMut(InteractionSummary),
    ) -> usize {
        let mut accepted = 0;
        for summary in batch {
            if !matches(&self.filters, &summary) {
                // A row that changed so it no longer matches (e.g. a live call that ended
                // answered in an "unanswered" view) must leave the set.
                self.remove_ids(&HashSet::from([summary.row.id.clone()]));
                changed(summary);
                continue;
            }
            accepted += 1;
            let held = self.row_index(&summary.row.id);
            let id: TextId = self.ids.intern(Some(&summary.row.id), false);
            if self.row_of.len() < self.ids.len() {
                self.row_of.resize(self.ids.len(), NO_ROW);
            }
            let row = CompactRow::new(&summary, id, &mut self.texts);
            match held {
                Some(i) if self.rows[i] == row => {}
                Some(i) => {
                    self.rows[i] = row;
                    self.sorted = None;
                    changed(summary);
                }
                None => {
                    self.row_of[id as usize] = self.rows.len() as u32;
                    self.rows.push(row);
                    self.sorted = None;
                    changed(summary);
                }
            }
        }
        accepted
    }

    /// Removes rows by id (ones the platform no longer returns for this range).
    pub fn remove_ids(&mut self, ids: &HashSet<String>) {
        if ids.iter().all(|id| !self.contains(id)) {
            return;
        }
        self.sorted = None;
        let held = &self.ids;
        self.rows.retain(|r| !ids.contains(held.get(r.id)));
        self.row_of.fill(NO_ROW);
        for (i, r) in self.rows.iter().enumerate() {
            self.row_of[r.id as usize] = i as u32;
        }
        self.order.clear();
    }

    /// Gives back the room grown for rows that did not come (lists grow by doubling, so up
    /// to half of each): called when a load ends, after which rows rarely arrive.
    pub fn shrink_to_fit(&mut self) {
        self.rows.shrink_to_fit();
        self.row_of.shrink_to_fit();
        self.texts.shrink_to_fit();
        self.ids.shrink_to_fit();
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
        let (rows, texts, ids) = (&self.rows, &self.texts, &self.ids);
        let sorted = self.sorted.get_or_insert_with(|| {
            sort_rows(
                (0..rows.len() as u32).collect(),
                rows,
                texts,
                ids,
                self.sort.column,
                self.sort.descending,
            )
        });
        self.order = if self.text.is_empty() {
            sorted.clone()
        } else {
            // Each distinct customer and contact is searched once, not once per row.
            let hits = texts.matching(&self.text);
            let needle = &self.text;
            sorted
                .iter()
                .copied()
                .filter(|&i| {
                    let r = &rows[i as usize];
                    hits[r.text(TextColumn::CustomerName) as usize]
                        || hits[r.text(TextColumn::Contact) as usize]
                        || contains_folded(ids.get(r.id), needle)
                })
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
            .map(|&i| self.rows[i as usize].row(&self.ids, &self.texts))
            .collect()
    }

    /// Every shown row in order, for export.
    pub fn shown(&self) -> impl Iterator<Item = InteractionRow> + '_ {
        self.order
            .iter()
            .map(|&i| self.rows[i as usize].row(&self.ids, &self.texts))
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

#[cfg(test)]
#[path = "result_tests.rs"]
mod tests;
