//! Sorting the loaded rows by any column, fast enough to re-sort 100,000 rows while a
//! person waits: each row's value becomes one `u64` key (numbers by their bits, text by
//! its rank among the column's distinct values, so each distinct text is lowercased and
//! compared once), and the keys are sorted as plain integers.

use super::compact::{CompactRow, FnvMap, TextColumn, TextId, Texts, NO_TEXT};
use super::{ColumnId, InteractionState};
use std::borrow::Cow;
use std::cmp::Reverse;

/// A column's value in a row, borrowed.
enum Value<'a> {
    Missing,
    Num(f64),
    /// A text column's value, ranked through the result's distinct texts.
    Text(TextId),
    /// A text that is not stored in [`Texts`] (ids, channel and direction labels).
    Str(&'a str),
}

fn text(r: &CompactRow, column: TextColumn) -> Value<'static> {
    match r.text(column) {
        NO_TEXT => Value::Missing,
        id => Value::Text(id),
    }
}

fn value<'a>(r: &CompactRow, ids: &'a Texts, column: ColumnId) -> Value<'a> {
    match column {
        ColumnId::ConversationId => Value::Str(ids.get(r.id)),
        ColumnId::CustomerName => text(r, TextColumn::CustomerName),
        // Date and time sort together: the time column is the time of that instant.
        ColumnId::CreatedDate | ColumnId::CreatedTime => Value::Num(r.start as f64),
        ColumnId::AgentName => text(r, TextColumn::AgentName),
        ColumnId::Queue => text(r, TextColumn::Queue),
        ColumnId::Direction => Value::Str(r.direction.label()),
        ColumnId::Disposition => text(r, TextColumn::Disposition),
        ColumnId::State => {
            let state = match r.state {
                InteractionState::Live => 0.0,
                InteractionState::Answered => 1.0,
                InteractionState::Unanswered => 2.0,
            };
            Value::Num(state * 10.0 + r.reason.map_or(0.0, |x| x as u8 as f64 + 1.0))
        }
        ColumnId::WrapUpNote => text(r, TextColumn::WrapUpNote),
        ColumnId::Channel => Value::Str(r.channel.label()),
        ColumnId::Contact => text(r, TextColumn::Contact),
        ColumnId::ContactCenterNumber => text(r, TextColumn::ContactCenterNumber),
        ColumnId::TicketId => text(r, TextColumn::TicketId),
        ColumnId::Csat => r.csat.map_or(Value::Missing, |c| Value::Num(c as f64)),
        ColumnId::HangupSource => r
            .hangup_source
            .map_or(Value::Missing, |h| Value::Str(h.label())),
        ColumnId::Duration => Value::Num(r.duration_ms as f64),
        ColumnId::Sentiment => r
            .sentiment()
            .map_or(Value::Missing, |s| Value::Num(s as f64)),
    }
}

/// `t` lowercased, borrowed when it already is (most stored text is).
fn folded(t: &str) -> Cow<'_, str> {
    if t.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(t)
    } else {
        Cow::Owned(t.to_lowercase())
    }
}

/// Ranks texts ignoring case: texts equal but for case share a rank, so their rows fall
/// back to the newest-first tie-break.
fn assign_ranks<'t, T: Copy>(mut texts: Vec<(Cow<'t, str>, T)>, mut set: impl FnMut(T, u64)) {
    texts.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut rank = 0;
    for (i, (t, item)) in texts.iter().enumerate() {
        if i > 0 && texts[i - 1].0 != *t {
            rank += 1;
        }
        set(*item, rank);
    }
}

/// An `f64` as a `u64` with the same order.
fn ordered_bits(x: f64) -> u64 {
    let b = x.to_bits();
    if b >> 63 == 1 {
        !b
    } else {
        b | (1 << 63)
    }
}

/// `indices` sorted by `column`. Missing values go last in both directions (a supervisor
/// sorting by CSAT wants the scored rows first); ties go newest first.
pub fn sort_rows(
    indices: Vec<u32>,
    rows: &[CompactRow],
    texts: &Texts,
    ids: &Texts,
    column: ColumnId,
    descending: bool,
) -> Vec<u32> {
    const MISSING: u64 = u64::MAX;
    let values: Vec<Value<'_>> = indices
        .iter()
        .map(|&i| value(&rows[i as usize], ids, column))
        .collect();

    // Rank every distinct text once: stored texts through a table by number, others
    // through a map.
    let mut text_rank: Vec<u64> = Vec::new();
    let mut str_rank: FnvMap<&str, u64> = FnvMap::default();
    for v in &values {
        match v {
            Value::Text(id) => {
                if text_rank.is_empty() {
                    text_rank = vec![MISSING; texts.len()];
                }
                text_rank[*id as usize] = 0;
            }
            Value::Str(t) => {
                str_rank.entry(t).or_insert(0);
            }
            Value::Missing | Value::Num(_) => {}
        }
    }
    let used: Vec<(Cow<'_, str>, TextId)> = (0..text_rank.len() as TextId)
        .filter(|&id| text_rank[id as usize] == 0)
        .map(|id| (folded(texts.get(id)), id))
        .collect();
    assign_ranks(used, |id, rank| text_rank[id as usize] = rank);
    let strs: Vec<(Cow<'_, str>, &str)> = str_rank.keys().map(|t| (folded(t), *t)).collect();
    assign_ranks(strs, |t, rank| {
        str_rank.insert(t, rank);
    });

    let mut keyed: Vec<(u64, Reverse<i64>, u32)> = values
        .iter()
        .zip(&indices)
        .map(|(v, &i)| {
            let key = match v {
                Value::Missing => MISSING,
                Value::Num(x) => ordered_bits(*x) >> 1,
                Value::Text(id) => text_rank[*id as usize],
                Value::Str(t) => str_rank[t],
            };
            // Descending flips the key but keeps missing values last.
            let key = if key == MISSING || !descending {
                key
            } else {
                (MISSING - 1) - key
            };
            (key, Reverse(rows[i as usize].start), i)
        })
        .collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, _, i)| i).collect()
}
