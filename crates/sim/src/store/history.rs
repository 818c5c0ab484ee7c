//! Stored conversation history. A conversation is a pure function of the seed and its
//! key (UTC day, index in the day; see `history_gen.rs`), so the database keeps no
//! document: one small row per conversation (its key as `ord`, its id, start and end) and
//! the dimension codes the filters match, and every document is drawn again when read.
//! That keeps a million conversations in about 150 bytes each instead of 4 KB.
//!
//! The `history_meta` table remembers the anchor (the hour the stored history runs up to)
//! and the daily volume; a later start tops the history up to its own hour with exactly
//! the conversations that ended in between. Live conversations (rows with `live = 1`,
//! negative `ord`) are replaced at every start.

use std::collections::HashMap;
use std::sync::mpsc;
use std::time::Instant;

use rusqlite::{params, Connection, OptionalExtension};

use super::history_gen::{Generator, Key, QueueInfo, DAY_MS, HOUR_MS};

pub const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS conversations (
    ord INTEGER PRIMARY KEY, id BLOB NOT NULL, start_ms INTEGER NOT NULL, end_ms INTEGER,
    live INTEGER NOT NULL DEFAULT 0);
CREATE UNIQUE INDEX IF NOT EXISTS conversations_id ON conversations (id);
CREATE INDEX IF NOT EXISTS conversations_start ON conversations (start_ms);
CREATE TABLE IF NOT EXISTS conversation_dim_values (
    code INTEGER PRIMARY KEY, dim TEXT NOT NULL, value TEXT NOT NULL, UNIQUE (dim, value));
CREATE TABLE IF NOT EXISTS conversation_dims (
    ord INTEGER NOT NULL, code INTEGER NOT NULL, PRIMARY KEY (ord, code)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS history_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
";

/// `ord` of a history conversation: its day above this many bits, its index below.
const INDEX_BITS: u32 = 20;
/// The largest daily volume `ord` can hold.
pub const MAX_DAILY_VOLUME: u32 = 1 << INDEX_BITS;
/// Conversations in progress at start-up.
const LIVE_COUNT: u32 = 15;
/// A band of old history, past the 558 days the analytics API keeps, so a client can
/// show its retention notice: these many days ago, at a twentieth of the daily volume.
const OLD_DAYS_AGO: [i64; 2] = [571, 570];

/// How much history to generate.
#[derive(Debug, Clone, Copy)]
pub struct HistorySpec {
    pub days: u32,
    pub daily_volume: u32,
}

/// What reading the history needs: the generator and the live conversations' time.
pub struct History {
    pub generator: Generator,
    pub live_now: i64,
}

fn ord_of(day: i64, index: u32) -> i64 {
    (day << INDEX_BITS) | i64::from(index)
}

pub fn key_of(ord: i64, live_now: i64) -> Key {
    if ord < 0 {
        Key::Live {
            now: live_now,
            index: (-ord - 1) as u32,
        }
    } else {
        Key::Day {
            day: ord >> INDEX_BITS,
            index: (ord & ((1 << INDEX_BITS) - 1)) as u32,
        }
    }
}

/// Drops the tables of the first history format (one JSON document per row); the
/// history is generated again in the current one.
pub fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    let old: bool = conn
        .prepare("SELECT 1 FROM pragma_table_info('conversations') WHERE name = 'doc'")?
        .exists([])?;
    if old {
        conn.execute_batch("DROP TABLE conversation_dims; DROP TABLE conversations;")?;
    }
    Ok(())
}

fn queue_infos(conn: &Connection) -> rusqlite::Result<Vec<QueueInfo>> {
    let mut queues = conn
        .prepare("SELECT id, name, division_id FROM queues ORDER BY ord")?
        .query_map([], |r| {
            Ok(QueueInfo {
                id: r.get(0)?,
                name: r.get(1)?,
                division_id: r.get(2)?,
                members: Vec::new(),
                codes: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut members = conn.prepare(
        "SELECT u.id, u.name FROM queue_members m JOIN users u ON u.id = m.user_id
         WHERE m.queue_id = ?1 AND u.kind = 'agent' ORDER BY u.ord",
    )?;
    let mut codes = conn.prepare(
        "SELECT c.id FROM queue_wrapup_codes q JOIN wrapup_codes c ON c.id = q.code_id
         WHERE q.queue_id = ?1 ORDER BY c.ord",
    )?;
    for q in &mut queues {
        q.members = members
            .query_map([&q.id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        q.codes = codes
            .query_map([&q.id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(queues)
}

fn supervisors(conn: &Connection) -> rusqlite::Result<Vec<(String, String)>> {
    conn.prepare("SELECT id, name FROM users WHERE kind = 'supervisor' ORDER BY ord")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect()
}

type Codes = HashMap<&'static str, HashMap<String, i64>>;

/// The codes of every `(dimension, value)` the generator can emit, added as needed.
fn vocabulary(conn: &Connection, g: &Generator) -> rusqlite::Result<Codes> {
    let mut pairs: Vec<(&'static str, String)> = Vec::new();
    for v in ["inbound", "outbound"] {
        pairs.push(("originatingDirection", v.into()));
        pairs.push(("direction", v.into()));
    }
    for v in ["voice", "callback", "chat", "message", "email"] {
        pairs.push(("mediaType", v.into()));
    }
    for v in ["webmessaging", "sms", "whatsapp", "open"] {
        pairs.push(("messageType", v.into()));
    }
    for q in &g.queues {
        pairs.push(("queueId", q.id.clone()));
        pairs.push(("divisionId", q.division_id.clone()));
        pairs.extend(q.members.iter().map(|m| ("userId", m.0.clone())));
        pairs.extend(q.codes.iter().map(|c| ("wrapUpCode", c.clone())));
    }
    pairs.extend(g.supervisors.iter().map(|s| ("userId", s.0.clone())));
    let mut insert =
        conn.prepare("INSERT OR IGNORE INTO conversation_dim_values (dim, value) VALUES (?1, ?2)")?;
    let mut select =
        conn.prepare("SELECT code FROM conversation_dim_values WHERE dim = ?1 AND value = ?2")?;
    let mut codes = Codes::new();
    for (dim, value) in pairs {
        insert.execute(params![dim, value])?;
        let code: i64 = select.query_row(params![dim, value], |r| r.get(0))?;
        codes.entry(dim).or_default().insert(value, code);
    }
    Ok(codes)
}

fn meta(conn: &Connection, key: &str) -> rusqlite::Result<Option<i64>> {
    conn.query_row(
        "SELECT value FROM history_meta WHERE key = ?1",
        [key],
        |r| r.get(0),
    )
    .optional()
}

fn set_meta(conn: &Connection, key: &str, value: i64) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO history_meta (key, value) VALUES (?1, ?2)",
        params![key, value],
    )?;
    Ok(())
}

/// One conversation as stored.
struct Row {
    ord: i64,
    id: [u8; 16],
    start: i64,
    end: Option<i64>,
    codes: Vec<i64>,
}

fn row(g: &Generator, codes: &Codes, key: Key, ord: i64) -> Row {
    let c = g.conversation(key);
    let mut found = Vec::new();
    c.dims(|dim, value| {
        if let Some(code) = codes.get(dim).and_then(|m| m.get(value)) {
            found.push(*code);
        }
    });
    found.sort_unstable();
    found.dedup();
    Row {
        ord,
        id: *c.conversation_id.as_bytes(),
        start: c.conversation_start,
        end: c.conversation_end,
        codes: found,
    }
}

/// Draws the conversations of `days` (`(day, volume)`) whose end `keep`s, on several
/// threads, and inserts them from this one. Returns how many were inserted.
fn fill(
    conn: &mut Connection,
    g: &Generator,
    codes: &Codes,
    days: &[(i64, u32)],
    keep: impl Fn(i64) -> bool + Sync,
) -> rusqlite::Result<u64> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let keep = &keep;
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::sync_channel::<Vec<Row>>(threads * 2);
        for t in 0..threads {
            let tx = tx.clone();
            scope.spawn(move || {
                for &(day, volume) in days.iter().skip(t).step_by(threads) {
                    let rows = (0..volume)
                        .map(|index| row(g, codes, Key::Day { day, index }, ord_of(day, index)))
                        .filter(|r| r.end.is_some_and(keep))
                        .collect();
                    if tx.send(rows).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        insert(conn, rx)
    })
}

fn insert(
    conn: &mut Connection,
    rows: impl IntoIterator<Item = Vec<Row>>,
) -> rusqlite::Result<u64> {
    let tx = conn.transaction()?;
    let mut n = 0;
    {
        let mut conv = tx.prepare(
            "INSERT OR IGNORE INTO conversations (ord, id, start_ms, end_ms, live)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let mut dim =
            tx.prepare("INSERT OR IGNORE INTO conversation_dims (ord, code) VALUES (?1, ?2)")?;
        for batch in rows {
            for r in batch {
                conv.execute(params![r.ord, &r.id[..], r.start, r.end, r.ord < 0])?;
                for code in &r.codes {
                    dim.execute(params![r.ord, code])?;
                }
                n += 1;
            }
        }
    }
    tx.commit()?;
    Ok(n)
}

/// Generates the history when the database holds none, tops it up to the current hour
/// when it ends earlier, and replaces the live conversations.
pub fn prepare(
    conn: &mut Connection,
    seed: u64,
    spec: HistorySpec,
    now: i64,
) -> rusqlite::Result<History> {
    let generator = Generator::new(seed, queue_infos(conn)?, supervisors(conn)?);
    let history = History {
        generator,
        live_now: now,
    };
    let g = &history.generator;
    if !g.can_generate() {
        return Ok(history);
    }
    let codes = vocabulary(conn, g)?;
    let anchor = now / HOUR_MS * HOUR_MS;
    let today = anchor.div_euclid(DAY_MS);
    let started = Instant::now();
    match (meta(conn, "anchor_ms")?, meta(conn, "daily_volume")?) {
        (Some(old), Some(volume)) if old < anchor => {
            // Days that may hold a conversation ending after the old anchor: none lasts a
            // day, so from the day before the old anchor's on.
            let volume = volume as u32;
            let days: Vec<(i64, u32)> = (old.div_euclid(DAY_MS) - 1..=today)
                .map(|d| (d, volume))
                .collect();
            let n = fill(conn, g, &codes, &days, |end| end >= old && end < anchor)?;
            set_meta(conn, "anchor_ms", anchor)?;
            tracing::info!(
                "topped the history up with {n} conversations in {:?}",
                started.elapsed()
            );
        }
        (None, _) if spec.days > 0 && spec.daily_volume > 0 => {
            let volume = spec.daily_volume;
            let mut days: Vec<(i64, u32)> = OLD_DAYS_AGO
                .iter()
                .map(|ago| (today - ago, (volume / 20).max(1)))
                .collect();
            days.extend((today - i64::from(spec.days)..=today).map(|d| (d, volume)));
            let n = fill(conn, g, &codes, &days, |end| end < anchor)?;
            set_meta(conn, "anchor_ms", anchor)?;
            set_meta(conn, "daily_volume", i64::from(volume))?;
            tracing::info!("generated {n} conversations in {:?}", started.elapsed());
        }
        _ => {}
    }
    conn.execute_batch(
        "DELETE FROM conversation_dims WHERE ord < 0; DELETE FROM conversations WHERE live = 1;",
    )?;
    if meta(conn, "anchor_ms")?.is_some() {
        let live: Vec<Row> = (0..LIVE_COUNT)
            .map(|index| row(g, &codes, Key::Live { now, index }, -1 - i64::from(index)))
            .collect();
        insert(conn, [live])?;
    }
    Ok(history)
}
