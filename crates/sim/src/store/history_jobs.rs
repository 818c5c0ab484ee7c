//! Async conversation detail jobs. A job is one row; its state follows from the clock
//! (submission, the moment it is ready, expiry), so no background task has to advance it.
//! When a job is first seen ready, the matching conversations are snapshotted as their
//! `ord`s in the requested order, so its result pages stay stable while the history
//! changes underneath, as results read from the real data lake do.

use std::collections::HashSet;

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, params_from_iter, OptionalExtension};

use super::history_query::{predicate_sql, DetailsQuery};
use super::Store;

pub const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS analytics_jobs (
    id TEXT PRIMARY KEY, body TEXT NOT NULL, submitted_ms INTEGER NOT NULL,
    ready_ms INTEGER NOT NULL, expires_ms INTEGER NOT NULL,
    cancelled INTEGER NOT NULL DEFAULT 0, availability_ms INTEGER, ords BLOB, error TEXT);
";

/// The states of the SDK's `AsyncQueryStatus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobState {
    Queued,
    Pending,
    Fulfilled,
    Failed,
    Cancelled,
    Expired,
}

impl JobState {
    pub fn as_str(self) -> &'static str {
        match self {
            JobState::Queued => "QUEUED",
            JobState::Pending => "PENDING",
            JobState::Fulfilled => "FULFILLED",
            JobState::Failed => "FAILED",
            JobState::Cancelled => "CANCELLED",
            JobState::Expired => "EXPIRED",
        }
    }
}

#[derive(Debug, Clone)]
pub struct JobRow {
    pub id: String,
    /// The submitted `AsyncConversationQuery`, parsed again at fulfilment.
    pub body: String,
    pub submitted_ms: i64,
    pub ready_ms: i64,
    pub expires_ms: i64,
    pub cancelled: bool,
    /// Set once the snapshot is taken: the data lake's horizon at that moment.
    pub availability_ms: Option<i64>,
    pub error: Option<String>,
}

impl JobRow {
    /// Queued for the first half of the delay, pending for the second, then done.
    pub fn state(&self, now_ms: i64) -> JobState {
        if self.cancelled {
            JobState::Cancelled
        } else if now_ms >= self.expires_ms {
            JobState::Expired
        } else if self.error.is_some() {
            JobState::Failed
        } else if now_ms >= self.ready_ms {
            JobState::Fulfilled
        } else if now_ms >= self.submitted_ms + (self.ready_ms - self.submitted_ms) / 2 {
            JobState::Pending
        } else {
            JobState::Queued
        }
    }

    /// Ready but not yet snapshotted.
    pub fn needs_snapshot(&self, now_ms: i64) -> bool {
        self.state(now_ms) == JobState::Fulfilled && self.availability_ms.is_none()
    }
}

/// What a job selects beyond the shared filters.
#[derive(Debug, Clone)]
pub struct JobSelection {
    pub query: DetailsQuery,
    /// `startOfDayIntervalMatching`: conversations must start on or after this.
    pub min_start_ms: Option<i64>,
    /// `limit`: the most conversations the job returns.
    pub limit: Option<u32>,
}

fn encode(ords: &[i64]) -> Vec<u8> {
    ords.iter().flat_map(|o| o.to_le_bytes()).collect()
}

fn decode(bytes: &[u8]) -> Vec<i64> {
    bytes
        .chunks_exact(8)
        .map(|c| i64::from_le_bytes(c.try_into().expect("8-byte chunk")))
        .collect()
}

impl Store {
    pub fn insert_job(&self, job: &JobRow) -> rusqlite::Result<()> {
        self.conn().execute(
            "INSERT INTO analytics_jobs (id, body, submitted_ms, ready_ms, expires_ms)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                job.id,
                job.body,
                job.submitted_ms,
                job.ready_ms,
                job.expires_ms
            ],
        )?;
        Ok(())
    }

    pub fn job(&self, id: &str) -> rusqlite::Result<Option<JobRow>> {
        self.conn()
            .query_row(
                "SELECT id, body, submitted_ms, ready_ms, expires_ms, cancelled, availability_ms,
                        error
                 FROM analytics_jobs WHERE id = ?1",
                [id],
                |r| {
                    Ok(JobRow {
                        id: r.get(0)?,
                        body: r.get(1)?,
                        submitted_ms: r.get(2)?,
                        ready_ms: r.get(3)?,
                        expires_ms: r.get(4)?,
                        cancelled: r.get::<_, i64>(5)? != 0,
                        availability_ms: r.get(6)?,
                        error: r.get(7)?,
                    })
                },
            )
            .optional()
    }

    /// Takes the snapshot of a ready job unless another request already did: conversations
    /// with any activity in the interval (started before its end, not ended before its
    /// start) that started no later than `availability_ms`.
    pub fn fulfil_job(
        &self,
        id: &str,
        sel: &JobSelection,
        availability_ms: i64,
    ) -> rusqlite::Result<()> {
        let conn = self.conn();
        let done: Option<i64> = conn.query_row(
            "SELECT availability_ms FROM analytics_jobs WHERE id = ?1",
            [id],
            |r| r.get(0),
        )?;
        if done.is_some() {
            return Ok(());
        }
        let q = &sel.query;
        let mut args = vec![
            SqlValue::Integer(q.to_ms),
            SqlValue::Integer(q.from_ms),
            SqlValue::Integer(availability_ms),
        ];
        let mut sql = String::from(
            "SELECT c.ord FROM conversations c WHERE c.start_ms < ? \
             AND (c.end_ms IS NULL OR c.end_ms > ?) AND c.start_ms <= ?",
        );
        if let Some(min) = sel.min_start_ms {
            args.push(SqlValue::Integer(min));
            sql.push_str(" AND c.start_ms >= ?");
        }
        for f in q.filters.iter().filter(|f| !f.predicates.is_empty()) {
            let parts: Vec<String> = f
                .predicates
                .iter()
                .map(|p| predicate_sql(p, &mut args))
                .collect();
            let joiner = if f.any { " OR " } else { " AND " };
            sql.push_str(&format!(" AND ({})", parts.join(joiner)));
        }
        let column = if q.by_end { "c.end_ms" } else { "c.start_ms" };
        let dir = if q.descending { "DESC" } else { "ASC" };
        sql.push_str(&format!(" ORDER BY {column} {dir}, c.id {dir}"));
        if let Some(limit) = sel.limit {
            args.push(SqlValue::Integer(i64::from(limit)));
            sql.push_str(" LIMIT ?");
        }
        let ords = conn
            .prepare(&sql)?
            .query_map(params_from_iter(args.iter()), |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        conn.execute(
            "UPDATE analytics_jobs SET availability_ms = ?2, ords = ?3 WHERE id = ?1",
            params![id, availability_ms, encode(&ords)],
        )?;
        Ok(())
    }

    /// Marks a job that could not run.
    pub fn fail_job(&self, id: &str, message: &str) -> rusqlite::Result<()> {
        self.conn().execute(
            "UPDATE analytics_jobs SET error = ?2 WHERE id = ?1",
            params![id, message],
        )?;
        Ok(())
    }

    /// Cancels a job and drops its snapshot; false if there is no such job.
    pub fn cancel_job(&self, id: &str) -> rusqlite::Result<bool> {
        let n = self.conn().execute(
            "UPDATE analytics_jobs SET cancelled = 1, ords = NULL WHERE id = ?1",
            [id],
        )?;
        Ok(n > 0)
    }

    /// Up to `size` documents of a fulfilled job from `offset` on, and the snapshot's
    /// length. Only the page's slice of the snapshot is read.
    pub fn job_page(
        &self,
        id: &str,
        offset: u64,
        size: u32,
    ) -> rusqlite::Result<(Vec<String>, u64)> {
        let conn = self.conn();
        let (slice, total): (Vec<u8>, i64) = conn.query_row(
            "SELECT substr(ords, ?2, ?3), length(ords) / 8 FROM analytics_jobs WHERE id = ?1",
            params![id, offset as i64 * 8 + 1, i64::from(size) * 8],
            |r| {
                Ok((
                    r.get::<_, Option<Vec<u8>>>(0)?.unwrap_or_default(),
                    r.get::<_, Option<i64>>(1)?.unwrap_or(0),
                ))
            },
        )?;
        let ords = decode(&slice);
        if ords.is_empty() {
            return Ok((Vec::new(), total as u64));
        }
        let marks = vec!["?"; ords.len()].join(",");
        let present: HashSet<i64> = conn
            .prepare(&format!(
                "SELECT ord FROM conversations WHERE ord IN ({marks})"
            ))?
            .query_map(params_from_iter(ords.iter()), |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        drop(conn);
        // A conversation gone since the snapshot is skipped rather than failing the page.
        let page = ords
            .iter()
            .filter(|o| present.contains(o))
            .map(|o| self.render_for_job(*o))
            .collect();
        Ok((page, total as u64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ords_round_trip_through_the_blob() {
        let ords = [1, 42, i64::MAX, 7];
        assert_eq!(decode(&encode(&ords)), ords);
    }

    #[test]
    fn state_follows_the_clock() {
        let job = JobRow {
            id: "j".into(),
            body: "{}".into(),
            submitted_ms: 1_000,
            ready_ms: 1_200,
            expires_ms: 10_000,
            cancelled: false,
            availability_ms: None,
            error: None,
        };
        assert_eq!(job.state(1_000), JobState::Queued);
        assert_eq!(job.state(1_150), JobState::Pending);
        assert_eq!(job.state(1_200), JobState::Fulfilled);
        assert_eq!(job.state(10_000), JobState::Expired);
        let cancelled = JobRow {
            cancelled: true,
            ..job
        };
        assert_eq!(cancelled.state(1_200), JobState::Cancelled);
    }
}
