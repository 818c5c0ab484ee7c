//! Loaded rows kept small. A view holds up to a few hundred thousand rows for as long as it
//! is open, and most of their text repeats: a few dozen queues, agents and wrap-up codes,
//! a few thousand customers. Each distinct text is stored once in [`Texts`] and a row
//! keeps its number, which also makes sorting by a text column cheap: the distinct texts
//! are ranked once, then every row's key is a lookup.

use super::{
    Channel, Direction, HangupSource, InteractionRow, InteractionState, InteractionSummary,
    UnansweredReason,
};
use hashbrown::HashTable;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};

/// FNV-1a: the texts hashed here are short and come from our own platform answers, where
/// the default DoS-resistant hasher costs more than the work around it.
#[derive(Default)]
pub struct Fnv(u64);

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

pub type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// A text's number in [`Texts`]; [`NO_TEXT`] stands for a missing (or empty) value.
pub type TextId = u32;
pub const NO_TEXT: TextId = 0;

/// The text columns of a row, in the order of [`CompactRow::texts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextColumn {
    CustomerName,
    Contact,
    ContactCenterNumber,
    AgentName,
    Queue,
    Disposition,
    WrapUpNote,
    TicketId,
}

const TEXT_COLUMNS: usize = 8;

/// Every distinct text of one result's rows, once each, end to end in one buffer. Texts
/// live as long as the view; kept in a few large blocks rather than one small allocation
/// each, they leave no long-lived crumbs among the short-lived garbage of a load, so the
/// memory the load freed can go back to the system.
pub struct Texts {
    buf: String,
    /// Where each text ends in `buf`; text `n` starts where text `n - 1` ends.
    ends: Vec<u32>,
    /// Each text's number, found by the text's hash (texts with equal hashes told apart by
    /// content): four bytes a text, where a map from hash to number took sixteen.
    numbers: HashTable<TextId>,
    /// Whether free text searches the text: customer names and contacts are searched.
    searched: Vec<bool>,
}

impl Default for Texts {
    fn default() -> Self {
        // Number 0, the missing text, is the empty one; it is never looked up.
        Self {
            buf: String::new(),
            ends: vec![0],
            numbers: HashTable::new(),
            searched: vec![false],
        }
    }
}

/// Text `id` of `buf` cut at `ends`.
fn text_at<'a>(buf: &'a str, ends: &[u32], id: TextId) -> &'a str {
    let id = id as usize;
    let start = if id == 0 { 0 } else { ends[id - 1] };
    &buf[start as usize..ends[id] as usize]
}

/// How the table finds a held text's hash again when it grows or shrinks.
fn rehash<'a>(buf: &'a str, ends: &'a [u32]) -> impl Fn(&TextId) -> u64 + 'a {
    move |&n| hash_of(text_at(buf, ends, n))
}

fn hash_of(text: &str) -> u64 {
    let mut h = Fnv::default();
    h.write(text.as_bytes());
    h.finish()
}

impl Texts {
    /// The number of `text`, if it is held.
    pub fn find(&self, text: &str) -> Option<TextId> {
        let (buf, ends) = (&self.buf, &self.ends);
        self.numbers
            .find(hash_of(text), |&id| text_at(buf, ends, id) == text)
            .copied()
    }

    /// The number of `text`, added if new; [`NO_TEXT`] for a missing or empty one.
    pub fn intern(&mut self, text: Option<&str>, searched: bool) -> TextId {
        let Some(text) = text.filter(|t| !t.is_empty()) else {
            return NO_TEXT;
        };
        let id = match self.find(text) {
            Some(id) => id,
            None => {
                let id = self.ends.len() as TextId;
                self.buf.push_str(text);
                self.ends.push(self.buf.len() as u32);
                self.searched.push(false);
                self.numbers
                    .insert_unique(hash_of(text), id, rehash(&self.buf, &self.ends));
                id
            }
        };
        self.searched[id as usize] |= searched;
        id
    }

    pub fn shrink_to_fit(&mut self) {
        self.buf.shrink_to_fit();
        self.ends.shrink_to_fit();
        self.searched.shrink_to_fit();
        self.numbers.shrink_to_fit(rehash(&self.buf, &self.ends));
    }

    pub fn get(&self, id: TextId) -> &str {
        text_at(&self.buf, &self.ends, id)
    }

    fn owned(&self, id: TextId) -> Option<String> {
        (id != NO_TEXT).then(|| self.get(id).to_string())
    }

    /// How many numbers are in use (the missing one included): the size of a table
    /// indexed by [`TextId`].
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// For each text number, whether free text `needle` (lowercase) is found in it; only
    /// searched texts are looked at.
    pub fn matching(&self, needle: &str) -> Vec<bool> {
        (0..self.len() as TextId)
            .map(|id| self.searched[id as usize] && contains_folded(self.get(id), needle))
            .collect()
    }
}

/// Whether `haystack`, lowercased, contains `needle` (already lowercase), without
/// allocating for the usual ASCII text.
pub fn contains_folded(haystack: &str, needle: &str) -> bool {
    let bytes = haystack.as_bytes();
    if bytes
        .iter()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        // Already lowercase (ids, most numbers): the standard library's fast search.
        return haystack.contains(needle);
    }
    if !haystack.is_ascii() {
        return haystack.to_lowercase().contains(needle);
    }
    // An ASCII text can only contain an ASCII needle.
    let n = needle.as_bytes();
    n.is_empty() || (n.is_ascii() && bytes.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n)))
}

/// `CompactRow::end` of a row that has not ended.
const NOT_ENDED: i64 = i64::MIN;
/// `CompactRow::sentiment` of a row without one: a NaN, which JSON cannot carry.
const NO_SENTIMENT: u32 = u32::MAX;

/// One loaded row: the values of [`InteractionRow`] with its texts as numbers. The id is
/// a number too, in the result's own [`Texts`] of ids. Missing numbers are kept as values
/// no row has rather than as `Option`s, which would take twice the room each: 80 bytes a
/// row rather than 96.
#[derive(Debug, Clone, PartialEq)]
pub struct CompactRow {
    pub id: TextId,
    pub start: i64,
    /// [`NOT_ENDED`] for none.
    end: i64,
    pub duration_ms: i64,
    /// The `f32`'s bits (so rows compare by value), [`NO_SENTIMENT`] for none.
    sentiment: u32,
    texts: [TextId; TEXT_COLUMNS],
    pub channel: Channel,
    pub direction: Direction,
    pub state: InteractionState,
    pub reason: Option<UnansweredReason>,
    pub csat: Option<u8>,
    pub hangup_source: Option<HangupSource>,
    pub is_ai_agent: bool,
    /// A digest of the queue, agent and wrap-up ids the row was selected by: they are
    /// only needed while filtering, but a change in them is a change of the row.
    filter_ids: u64,
}

impl CompactRow {
    /// The row of `summary` with its texts added to `texts`; `id` is the number of its id.
    pub fn new(summary: &InteractionSummary, id: TextId, texts: &mut Texts) -> Self {
        let row = &summary.row;
        let mut digest = Fnv::default();
        (
            &summary.queue_ids,
            &summary.user_ids,
            &summary.wrap_up_code_ids,
        )
            .hash(&mut digest);
        let mut t = |text: &Option<String>, searched| texts.intern(text.as_deref(), searched);
        Self {
            texts: [
                t(&row.customer_name, true),
                t(&row.contact, true),
                t(&row.contact_center_number, false),
                t(&row.agent_name, false),
                t(&row.queue_name, false),
                t(&row.disposition, false),
                t(&row.wrap_up_note, false),
                t(&row.ticket_id, false),
            ],
            id,
            start: row.start,
            end: row.end.unwrap_or(NOT_ENDED),
            duration_ms: row.duration_ms,
            sentiment: row.sentiment.map_or(NO_SENTIMENT, f32::to_bits),
            channel: row.channel,
            direction: row.direction,
            state: row.state,
            reason: row.reason,
            csat: row.csat,
            hangup_source: row.hangup_source,
            is_ai_agent: row.is_ai_agent,
            filter_ids: digest.finish(),
        }
    }

    pub fn text(&self, column: TextColumn) -> TextId {
        self.texts[column as usize]
    }

    pub fn end(&self) -> Option<i64> {
        (self.end != NOT_ENDED).then_some(self.end)
    }

    pub fn sentiment(&self) -> Option<f32> {
        (self.sentiment != NO_SENTIMENT).then(|| f32::from_bits(self.sentiment))
    }

    /// The row as the UI and export read it.
    pub fn row(&self, ids: &Texts, texts: &Texts) -> InteractionRow {
        let t = |column| texts.owned(self.text(column));
        InteractionRow {
            id: ids.get(self.id).to_string(),
            start: self.start,
            end: self.end(),
            duration_ms: self.duration_ms,
            channel: self.channel,
            direction: self.direction,
            customer_name: t(TextColumn::CustomerName),
            contact: t(TextColumn::Contact),
            contact_center_number: t(TextColumn::ContactCenterNumber),
            agent_name: t(TextColumn::AgentName),
            is_ai_agent: self.is_ai_agent,
            queue_name: t(TextColumn::Queue),
            disposition: t(TextColumn::Disposition),
            wrap_up_note: t(TextColumn::WrapUpNote),
            state: self.state,
            reason: self.reason,
            ticket_id: t(TextColumn::TicketId),
            csat: self.csat,
            hangup_source: self.hangup_source,
            sentiment: self.sentiment(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interactions::testing::summary;

    #[test]
    fn a_row_comes_back_as_it_went_in_and_repeated_texts_are_stored_once() {
        let mut texts = Texts::default();
        let mut a = summary("a", 1);
        a.row.customer_name = Some("Ana".into());
        a.row.agent_name = Some("Ana".into());
        a.row.queue_name = Some("Support".into());
        a.row.wrap_up_note = Some(String::new());
        a.row.ticket_id = Some("T-1".into());
        let mut b = summary("b", 2);
        b.row.queue_name = Some("Support".into());
        let mut ids = Texts::default();
        let ca = CompactRow::new(&a, ids.intern(Some("a"), false), &mut texts);
        let cb = CompactRow::new(&b, ids.intern(Some("b"), false), &mut texts);
        // An empty text reads back as missing, as the list shows it.
        a.row.wrap_up_note = None;
        assert_eq!(ca.row(&ids, &texts), a.row);
        assert_eq!(cb.row(&ids, &texts), b.row);
        // "", "Ana", "Support", "T-1".
        assert_eq!(texts.len(), 4);
        assert_eq!(ca.text(TextColumn::Queue), cb.text(TextColumn::Queue));
    }

    #[test]
    fn missing_and_present_numbers_come_back_as_they_went_in() {
        let mut texts = Texts::default();
        let mut live = summary("a", 1);
        live.row.end = None;
        live.row.sentiment = Some(-0.25);
        let mut ended = summary("b", 2);
        ended.row.sentiment = None;
        let mut ids = Texts::default();
        for s in [live, ended] {
            let row = CompactRow::new(&s, ids.intern(Some(&s.row.id), false), &mut texts);
            assert_eq!(row.row(&ids, &texts), s.row);
            // Equal when built again: a row without sentiment is not a changed row.
            assert_eq!(row, CompactRow::new(&s, row.id, &mut texts));
        }
        assert_eq!(std::mem::size_of::<CompactRow>(), 80);
    }

    #[test]
    fn rows_differ_when_only_the_ids_they_are_filtered_by_do() {
        let mut texts = Texts::default();
        let a = summary("a", 1);
        let mut moved = a.clone();
        moved.queue_ids = vec!["q2".into()];
        let row = |s| CompactRow::new(s, 1, &mut Texts::default());
        assert_eq!(row(&a), CompactRow::new(&a.clone(), 1, &mut texts));
        assert_ne!(row(&a), row(&moved));
    }

    #[test]
    fn only_customer_names_and_contacts_are_searched() {
        let mut texts = Texts::default();
        let mut a = summary("a", 1);
        a.row.customer_name = Some("María Ñúñez".into());
        a.row.contact = Some("+1 555 0100".into());
        a.row.agent_name = Some("Maria Agent".into());
        let c = CompactRow::new(&a, 1, &mut texts);
        let hits = texts.matching("marí");
        assert!(hits[c.text(TextColumn::CustomerName) as usize]);
        assert!(!hits[c.text(TextColumn::AgentName) as usize]);
        assert!(texts.matching("555 01")[c.text(TextColumn::Contact) as usize]);
        assert!(!texts.matching("missing")[c.text(TextColumn::CustomerName) as usize]);
    }

    #[test]
    fn texts_are_found_by_content_even_when_their_hashes_collide() {
        let mut texts = Texts::default();
        let words: Vec<String> = (0..5000).map(|i| format!("text {i}")).collect();
        let numbers: Vec<TextId> = words.iter().map(|w| texts.intern(Some(w), false)).collect();
        for (w, n) in words.iter().zip(&numbers) {
            assert_eq!(texts.find(w), Some(*n));
            assert_eq!(texts.get(*n), w);
            assert_eq!(texts.intern(Some(w), false), *n);
        }
        assert_eq!(texts.find("absent"), None);
        assert_eq!(texts.intern(None, false), NO_TEXT);
        assert_eq!(texts.get(NO_TEXT), "");
        // Two texts filed under one hash still read back apart.
        let (x, y) = (texts.intern(Some("x"), false), texts.len() as TextId);
        texts.buf.push('y');
        texts.ends.push(texts.buf.len() as u32);
        texts.searched.push(false);
        texts
            .numbers
            .insert_unique(hash_of("x"), y, rehash(&texts.buf, &texts.ends));
        assert_eq!(texts.find("x"), Some(x));
        assert_eq!(texts.find("y"), None);
        assert_eq!(texts.get(y), "y");
    }

    #[test]
    fn folded_search_agrees_with_lowercasing() {
        for (hay, needle) in [
            ("Maria LOPEZ", "lopez"),
            ("ÑÚÑEZ", "ñú"),
            ("abc", "ñ"),
            ("abc", ""),
            ("ab", "abc"),
            ("KELVIN", "k"),
            ("Straße", "ße"),
        ] {
            assert_eq!(
                contains_folded(hay, needle),
                hay.to_lowercase().contains(needle),
                "{hay} / {needle}"
            );
        }
    }
}
