//! A loaded Interactions result: every row the view's filters select, arranged (sorted and
//! narrowed by free text) here in the core so the UI only ever holds the window it draws.
//! At 100,000 rows an arrange must stay well under 50 ms, so sort keys and the lowercase
//! search text are computed once per row, not per comparison.

use super::{ColumnId, InteractionFilters, InteractionRow, InteractionSummary, SortSpec};
use std::cmp::Ordering;
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
        self.sort = sort;
        self.text = text.trim().to_lowercase();
        self.rearrange();
    }

    /// Arranges again with the current sort and text (after an upsert).
    pub fn rearrange(&mut self) {
        let mut keyed: Vec<(SortKey, u32)> = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.haystack.contains(&self.text))
            .map(|(i, e)| (sort_key(&e.summary.row, self.sort.column), i as u32))
            .collect();
        let entries = &self.entries;
        let descending = self.sort.descending;
        keyed.sort_unstable_by(|(ka, ia), (kb, ib)| {
            let by_key = compare_keys(ka, kb, descending);
            // Ties: newest first, then id, so the order is stable between arranges.
            by_key.then_with(|| {
                let (a, b) = (
                    &entries[*ia as usize].summary.row,
                    &entries[*ib as usize].summary.row,
                );
                b.start.cmp(&a.start).then_with(|| a.id.cmp(&b.id))
            })
        });
        self.order = keyed.into_iter().map(|(_, i)| i).collect();
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

/// A column's value reduced to something cheap to compare. Missing values sort last in
/// both directions: a supervisor sorting by CSAT wants the scored rows first.
enum SortKey {
    Missing,
    Num(f64),
    Text(String),
}

fn text(s: &Option<String>) -> SortKey {
    match s {
        Some(s) if !s.is_empty() => SortKey::Text(s.to_lowercase()),
        _ => SortKey::Missing,
    }
}

fn sort_key(r: &InteractionRow, column: ColumnId) -> SortKey {
    match column {
        ColumnId::ConversationId => SortKey::Text(r.id.clone()),
        ColumnId::CustomerName => text(&r.customer_name),
        // Date and time sort together: the time column is the time of that instant.
        ColumnId::CreatedDate | ColumnId::CreatedTime => SortKey::Num(r.start as f64),
        ColumnId::AgentName => text(&r.agent_name),
        ColumnId::Queue => text(&r.queue_name),
        ColumnId::Direction => SortKey::Text(r.direction.label().into()),
        ColumnId::Disposition => text(&r.disposition),
        ColumnId::State => SortKey::Text(format!(
            "{:?}{}",
            r.state,
            r.reason.map(|x| x.label()).unwrap_or("")
        )),
        ColumnId::WrapUpNote => text(&r.wrap_up_note),
        ColumnId::Channel => SortKey::Text(r.channel.label().into()),
        ColumnId::Contact => text(&r.contact),
        ColumnId::ContactCenterNumber => text(&r.contact_center_number),
        ColumnId::TicketId => text(&r.ticket_id),
        ColumnId::Csat => r.csat.map_or(SortKey::Missing, |c| SortKey::Num(c as f64)),
        ColumnId::HangupSource => r
            .hangup_source
            .map_or(SortKey::Missing, |h| SortKey::Text(h.label().into())),
        ColumnId::Duration => SortKey::Num(r.duration_ms as f64),
        ColumnId::Sentiment => r
            .sentiment
            .map_or(SortKey::Missing, |s| SortKey::Num(s as f64)),
    }
}

fn compare_keys(a: &SortKey, b: &SortKey, descending: bool) -> Ordering {
    let flip = |o: Ordering| if descending { o.reverse() } else { o };
    match (a, b) {
        (SortKey::Missing, SortKey::Missing) => Ordering::Equal,
        (SortKey::Missing, _) => Ordering::Greater,
        (_, SortKey::Missing) => Ordering::Less,
        (SortKey::Num(x), SortKey::Num(y)) => flip(x.total_cmp(y)),
        (SortKey::Text(x), SortKey::Text(y)) => flip(x.cmp(y)),
        // One column always yields one kind of key.
        (SortKey::Num(_), SortKey::Text(_)) => Ordering::Less,
        (SortKey::Text(_), SortKey::Num(_)) => Ordering::Greater,
    }
}

#[cfg(test)]
#[path = "result_tests.rs"]
mod tests;
