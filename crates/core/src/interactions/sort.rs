//! Sorting the loaded rows by any column, fast enough to re-sort 100,000 rows while a
//! person waits: each row's value becomes one `u64` key (numbers by their bits, text by
//! its rank among the column's distinct values, so each distinct text is lowercased and
//! compared once), and the keys are sorted as plain integers.

use super::{ColumnId, InteractionRow, InteractionState};
use std::cmp::Reverse;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a: the distinct-text map hashes 100,000 short strings per sort, where the
/// default DoS-resistant hasher costs more than the sort itself (the texts are our own).
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A column's value in a row, borrowed.
enum Value<'a> {
    Missing,
    Num(f64),
    Text(&'a str),
}

fn text(s: &Option<String>) -> Value<'_> {
    match s.as_deref() {
        Some(s) if !s.is_empty() => Value::Text(s),
        _ => Value::Missing,
    }
}

fn value(r: &InteractionRow, column: ColumnId) -> Value<'_> {
    match column {
        ColumnId::ConversationId => Value::Text(&r.id),
        ColumnId::CustomerName => text(&r.customer_name),
        // Date and time sort together: the time column is the time of that instant.
        ColumnId::CreatedDate | ColumnId::CreatedTime => Value::Num(r.start as f64),
        ColumnId::AgentName => text(&r.agent_name),
        ColumnId::Queue => text(&r.queue_name),
        ColumnId::Direction => Value::Text(r.direction.label()),
        ColumnId::Disposition => text(&r.disposition),
        ColumnId::State => {
            let state = match r.state {
                InteractionState::Live => 0.0,
                InteractionState::Answered => 1.0,
                InteractionState::Unanswered => 2.0,
            };
            Value::Num(state * 10.0 + r.reason.map_or(0.0, |x| x as u8 as f64 + 1.0))
        }
        ColumnId::WrapUpNote => text(&r.wrap_up_note),
        ColumnId::Channel => Value::Text(r.channel.label()),
        ColumnId::Contact => text(&r.contact),
        ColumnId::ContactCenterNumber => text(&r.contact_center_number),
        ColumnId::TicketId => text(&r.ticket_id),
        ColumnId::Csat => r.csat.map_or(Value::Missing, |c| Value::Num(c as f64)),
        ColumnId::HangupSource => r
            .hangup_source
            .map_or(Value::Missing, |h| Value::Text(h.label())),
        ColumnId::Duration => Value::Num(r.duration_ms as f64),
        ColumnId::Sentiment => r.sentiment.map_or(Value::Missing, |s| Value::Num(s as f64)),
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
pub fn sort_rows<'a>(
    indices: Vec<u32>,
    row: impl Fn(u32) -> &'a InteractionRow,
    column: ColumnId,
    descending: bool,
) -> Vec<u32> {
    const MISSING: u64 = u64::MAX;
    let values: Vec<Value<'a>> = indices.iter().map(|&i| value(row(i), column)).collect();

    // Rank every distinct text once.
    let mut distinct: HashMap<&str, u64, BuildHasherDefault<Fnv>> = HashMap::default();
    for v in &values {
        if let Value::Text(t) = v {
            distinct.entry(t).or_insert(0);
        }
    }
    let mut by_text: Vec<(String, &str)> =
        distinct.keys().map(|t| (t.to_lowercase(), *t)).collect();
    by_text.sort_unstable();
    for (rank, (_, t)) in by_text.iter().enumerate() {
        distinct.insert(t, rank as u64);
    }

    let mut keyed: Vec<(u64, Reverse<i64>, u32)> = values
        .iter()
        .zip(&indices)
        .map(|(v, &i)| {
            let key = match v {
                Value::Missing => MISSING,
                Value::Num(x) => ordered_bits(*x) >> 1,
                Value::Text(t) => distinct[t],
            };
            // Descending flips the key but keeps missing values last.
            let key = if key == MISSING || !descending {
                key
            } else {
                (MISSING - 1) - key
            };
            (key, Reverse(row(i).start), i)
        })
        .collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, _, i)| i).collect()
}
