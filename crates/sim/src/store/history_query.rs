//! Reading the stored history: the details query over the stored rows and their filter
//! codes, and the documents of the matching conversations, drawn again from their keys.

use rusqlite::types::Value as SqlValue;
use rusqlite::{params_from_iter, OptionalExtension};

use super::history::{key_of, History};
use super::Store;

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

/// The SQL of one predicate: the conversation id is a column, every other dimension a
/// code in `conversation_dims`.
pub(super) fn predicate_sql(p: &Predicate, args: &mut Vec<SqlValue>) -> String {
    if p.dimension == "conversationId" {
        return match uuid::Uuid::parse_str(&p.value) {
            Ok(id) => {
                args.push(SqlValue::Blob(id.as_bytes().to_vec()));
                "c.id = ?".to_string()
            }
            Err(_) => "0".to_string(),
        };
    }
    args.push(SqlValue::Text(p.dimension.clone()));
    args.push(SqlValue::Text(p.value.clone()));
    "EXISTS (SELECT 1 FROM conversation_dims d WHERE d.ord = c.ord AND d.code = \
     (SELECT code FROM conversation_dim_values WHERE dim = ? AND value = ?))"
        .to_string()
}

impl Store {
    pub(super) fn history(&self) -> &History {
        self.history
            .as_ref()
            .expect("the history is prepared when the store opens")
    }

    /// The document of the conversation stored under `ord`, as the details query and
    /// details by id give it.
    pub(super) fn render(&self, ord: i64) -> String {
        let h = self.history();
        to_json(&h.generator.conversation(key_of(ord, h.live_now)))
    }

    /// The document of the conversation stored under `ord`, as job results give it.
    pub(super) fn render_for_job(&self, ord: i64) -> String {
        let h = self.history();
        to_json(
            &h.generator
                .conversation(key_of(ord, h.live_now))
                .with_attributes(),
        )
    }

    pub(super) fn conversation_ord(&self, id: &str) -> rusqlite::Result<Option<i64>> {
        let Ok(id) = uuid::Uuid::parse_str(id) else {
            return Ok(None);
        };
        self.conn()
            .query_row(
                "SELECT ord FROM conversations WHERE id = ?1",
                [&id.as_bytes()[..]],
                |r| r.get(0),
            )
            .optional()
    }

    /// The document of a conversation.
    pub fn conversation_doc(&self, id: &str) -> rusqlite::Result<Option<String>> {
        Ok(self.conversation_ord(id)?.map(|ord| self.render(ord)))
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
        let ords = {
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
            let ords = conn
                .prepare(&format!(
                    "SELECT c.ord {sql} ORDER BY {column} {dir}, c.ord {dir} LIMIT ? OFFSET ?"
                ))?
                .query_map(params_from_iter(args.iter()), |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<i64>>>()?;
            (ords, total as u64)
        };
        // Drawn outside the lock: documents cost more than the lookup.
        Ok((ords.0.iter().map(|&o| self.render(o)).collect(), ords.1))
    }
}

/// A conversation's JSON, written into a buffer of about its size: grown from empty, the
/// buffer was copied several times per document.
fn to_json(c: &super::history_model::Conversation<'_>) -> String {
    let mut out = Vec::with_capacity(8 * 1024);
    serde_json::to_writer(&mut out, c).expect("a conversation serializes");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}
