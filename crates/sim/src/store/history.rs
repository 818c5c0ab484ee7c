//! Stored conversation history: one row per conversation with the columns queries filter
//! on and its analytics document (serialized once, at generation), plus a
//! `(conversation, dimension, value)` table for segment filters.

use std::time::Instant;

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};

use super::history_gen::{Generator, QueueInfo};
use super::Store;

pub const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS conversations (
    ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, start_ms INTEGER NOT NULL,
    end_ms INTEGER NOT NULL, direction TEXT NOT NULL, division_id TEXT NOT NULL,
    doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS conversations_start ON conversations (start_ms);
CREATE INDEX IF NOT EXISTS conversations_end ON conversations (end_ms);
CREATE TABLE IF NOT EXISTS conversation_dims (
    ord INTEGER NOT NULL REFERENCES conversations(ord), dim TEXT NOT NULL, value TEXT NOT NULL,
    PRIMARY KEY (ord, dim, value)) WITHOUT ROWID;
";

/// How much history to generate.
#[derive(Debug, Clone, Copy)]
pub struct HistorySpec {
    pub days: u32,
    pub daily_volume: u32,
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

/// Generates the history of `seed` unless the database already holds conversations.
pub fn generate_if_empty(
    conn: &mut Connection,
    seed: u64,
    spec: HistorySpec,
) -> rusqlite::Result<()> {
    let any: Option<i64> = conn
        .query_row("SELECT ord FROM conversations LIMIT 1", [], |r| r.get(0))
        .optional()?;
    if any.is_some() || spec.days == 0 || spec.daily_volume == 0 {
        return Ok(());
    }
    let started = Instant::now();
    let hour = 3_600_000;
    let anchor = super::now_ms() / hour * hour;
    let tx = conn.transaction()?;
    let mut generator = Generator::new(seed, queue_infos(&tx)?);
    {
        let mut conv = tx.prepare(
            "INSERT INTO conversations (ord, id, start_ms, end_ms, direction, division_id, doc)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        let mut dim = tx.prepare(
            "INSERT OR IGNORE INTO conversation_dims (ord, dim, value) VALUES (?1, ?2, ?3)",
        )?;
        let mut ord: i64 = 0;
        generator.run(anchor, spec.days, spec.daily_volume, |c| {
            ord += 1;
            conv.execute(params![
                ord,
                c.id,
                c.start_ms,
                c.end_ms,
                c.direction,
                c.division_id,
                c.doc
            ])?;
            for (d, v) in &c.dims {
                dim.execute(params![ord, d, v])?;
            }
            Ok(())
        })?;
    }
    tx.commit()?;
    tracing::info!(
        "generated {} conversations in {:?}",
        u64::from(spec.days) * u64::from(spec.daily_volume),
        started.elapsed()
    );
    Ok(())
}

/// A predicate on one dimension.
#[derive(Debug, Clone)]
pub struct Predicate {
    pub dimension: String,
    pub value: String,
}

/// Predicates combined by `and` (`any == false`) or `or`.
#[derive(Debug, Clone)]
pub struct Filter {
    pub any: bool,
    pub predicates: Vec<Predicate>,
}

/// A details query in storage terms.
#[derive(Debug, Clone)]
pub struct DetailsQuery {
    pub from_ms: i64,
    pub to_ms: i64,
    pub by_end: bool,
    pub descending: bool,
    pub filters: Vec<Filter>,
    pub limit: u32,
    pub offset: u64,
}

/// The SQL of one predicate; conversation dimensions are columns, segment ones the
/// `conversation_dims` table.
pub(super) fn predicate_sql(p: &Predicate, args: &mut Vec<SqlValue>) -> String {
    args.push(SqlValue::Text(p.value.clone()));
    match p.dimension.as_str() {
        "conversationId" => "c.id = ?".to_string(),
        "divisionId" => "c.division_id = ?".to_string(),
        "originatingDirection" => "c.direction = ?".to_string(),
        dim => {
            args.push(SqlValue::Text(dim.to_string()));
            "EXISTS (SELECT 1 FROM conversation_dims d WHERE d.ord = c.ord AND d.value = ? \
             AND d.dim = ?)"
                .to_string()
        }
    }
}

impl Store {
    /// The stored document of a conversation.
    pub fn conversation_doc(&self, id: &str) -> rusqlite::Result<Option<String>> {
        self.conn()
            .query_row("SELECT doc FROM conversations WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()
    }

    /// One page of matching documents and the number of matches.
    pub fn query_conversations(&self, q: &DetailsQuery) -> rusqlite::Result<(Vec<String>, u64)> {
        let mut args = vec![SqlValue::Integer(q.from_ms), SqlValue::Integer(q.to_ms)];
        let mut sql = String::from("FROM conversations c WHERE c.start_ms >= ? AND c.start_ms < ?");
        for f in q.filters.iter().filter(|f| !f.predicates.is_empty()) {
            let parts: Vec<String> = f
                .predicates
                .iter()
                .map(|p| predicate_sql(p, &mut args))
                .collect();
            let joiner = if f.any { " OR " } else { " AND " };
            sql.push_str(&format!(" AND ({})", parts.join(joiner)));
        }
        let conn = self.conn();
        let total: i64 = conn.query_row(
            &format!("SELECT COUNT(*) {sql}"),
            params_from_iter(args.iter()),
            |r| r.get(0),
        )?;
        let column = if q.by_end { "c.end_ms" } else { "c.start_ms" };
        let dir = if q.descending { "DESC" } else { "ASC" };
        args.push(SqlValue::Integer(i64::from(q.limit)));
        args.push(SqlValue::Integer(q.offset as i64));
        let docs = conn
            .prepare(&format!(
                "SELECT c.doc {sql} ORDER BY {column} {dir}, c.id {dir} LIMIT ? OFFSET ?"
            ))?
            .query_map(params_from_iter(args.iter()), |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok((docs, total as u64))
    }
}
