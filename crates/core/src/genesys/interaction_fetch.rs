//! Fetches the interactions a query selects from the analytics conversation details API.
//!
//! A range of up to seven days goes through the synchronous query, a page of 100 at a
//! time, a few pages at once. The platform refuses to page past 10,000 results, so a range
//! with more is halved until each part fits. Longer ranges take the newest part (after the
//! data lake's availability date, and the day before it) through the synchronous query, so
//! recent rows show first, and at the same time the rest through asynchronous jobs:
//! submit, poll, then read their results by cursor. Rows are sent to the sink as each page
//! arrives.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use futures_util::{stream, StreamExt, TryStreamExt};
use serde_json::{json, Value};

use reqwest::Method;

use super::analytics_wire::{ConversationPage, DataAvailability, JobStatus, JobSubmitted};
use super::client::{decode, GenesysClient};
use super::interaction_summary::{summarize, Names};
use crate::error::{Code, Error, Result};
use crate::interactions::{Channel, Direction, InteractionSummary, LoadPhase};
use crate::platform::{FetchSink, FetchUpdate, InteractionQuery};

const QUERY_PATH: &str = "/api/v2/analytics/conversations/details/query";
const JOBS_PATH: &str = "/api/v2/analytics/conversations/details/jobs";
const DAY_MS: i64 = 86_400_000;
/// The longest interval the synchronous query accepts.
const SYNC_MAX_INTERVAL_MS: i64 = 7 * DAY_MS;
const PAGE_SIZE: u64 = 100;
/// The synchronous query refuses `pageSize × pageNumber` beyond this.
const DEEP_PAGING_CAP: u64 = 10_000;
/// Below this a range is not halved further; its rows beyond the cap are left out.
const MIN_SPLIT_MS: i64 = 60_000;
/// Pages in flight at once: enough to hide latency, few enough for analytics' limits.
const PARALLEL_PAGES: usize = 4;
const JOB_PAGE_SIZE: &str = "1000";
/// Jobs read at once for a long range.
const PARALLEL_JOBS: usize = 3;
/// How much before the data lake's availability date is read through the synchronous
/// query rather than a job.
const SYNC_LEAD_MS: i64 = DAY_MS;
/// How long an export job may take before the console gives up.
const JOB_TIMEOUT: Duration = Duration::from_secs(600);

fn iso(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn any_of(dimension: &str, values: &[String]) -> Option<Value> {
    (!values.is_empty()).then(|| {
        let predicates: Vec<Value> = values
            .iter()
            .map(|v| json!({"type": "dimension", "dimension": dimension, "operator": "matches", "value": v}))
            .collect();
        json!({"type": "or", "predicates": predicates})
    })
}

fn media_type(channel: Channel) -> &'static str {
    match channel {
        Channel::Voice => "voice",
        Channel::Callback => "callback",
        Channel::Chat => "chat",
        Channel::Email => "email",
        Channel::WebMessaging | Channel::Sms | Channel::Whatsapp | Channel::OpenMessaging => {
            "message"
        }
    }
}

/// The filters of a details query or job for `q` over `[from, to)`.
pub fn query_body(q: &InteractionQuery, from: i64, to: i64) -> Value {
    let mut media: Vec<String> = q
        .channels
        .iter()
        .map(|c| media_type(*c).to_string())
        .collect();
    media.sort();
    media.dedup();
    let directions: Vec<String> = q
        .directions
        .iter()
        .map(|d| match d {
            Direction::Inbound => "inbound".to_string(),
            Direction::Outbound => "outbound".to_string(),
        })
        .collect();
    let segment: Vec<Value> = [
        any_of("mediaType", &media),
        any_of("queueId", &q.queue_ids),
        any_of("userId", &q.agent_ids),
        any_of("wrapUpCode", &q.wrap_up_code_ids),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut body = json!({
        "interval": format!("{}/{}", iso(from), iso(to)),
        "order": "asc",
        "orderBy": "conversationStart",
    });
    if !segment.is_empty() {
        body["segmentFilters"] = Value::Array(segment);
    }
    if let Some(d) = any_of("originatingDirection", &directions) {
        body["conversationFilters"] = json!([d]);
    }
    body
}

/// A page of the platform's answer, read into rows.
struct Page {
    rows: Vec<InteractionSummary>,
    total_hits: Option<u64>,
    cursor: Option<String>,
}

pub struct Fetch<'a> {
    pub client: &'a GenesysClient,
    pub names: &'a Names,
    pub sink: &'a FetchSink,
    pub query: &'a InteractionQuery,
    expected: AtomicU64,
}

fn cancelled() -> Error {
    Error::new(Code::Cancelled, "The load was cancelled.")
}

impl<'a> Fetch<'a> {
    pub fn new(
        client: &'a GenesysClient,
        names: &'a Names,
        query: &'a InteractionQuery,
        sink: &'a FetchSink,
    ) -> Self {
        Self {
            client,
            names,
            sink,
            query,
            expected: AtomicU64::new(0),
        }
    }

    pub async fn run(&self) -> Result<()> {
        self.phase(LoadPhase::Querying).await?;
        let (from, to) = (self.query.from_ms, self.query.to_ms);
        if to - from <= SYNC_MAX_INTERVAL_MS {
            return self.sync_range(from, to).await;
        }
        let available = self.availability().await?.clamp(from, to);
        // The newest part goes through the synchronous query while the export job for the
        // older part is prepared: the part the data lake has not reached yet, and the day
        // before it, which fills the job's wait with rows a supervisor looks at first.
        let split = (available - SYNC_LEAD_MS).max(from);
        let recent = async {
            let mut at = split;
            while at < to {
                let end = (at + SYNC_MAX_INTERVAL_MS).min(to);
                self.sync_range(at, end).await?;
                at = end;
            }
            Ok::<_, Error>(())
        };
        let older = async {
            if split > from {
                self.jobs(from, split).await?;
            }
            Ok(())
        };
        futures_util::try_join!(recent, older)?;
        Ok(())
    }

    async fn phase(&self, phase: LoadPhase) -> Result<()> {
        let expected = Some(self.expected.load(Ordering::Relaxed)).filter(|e| *e > 0);
        self.sink
            .send(FetchUpdate::Phase { phase, expected })
            .await
            .map_err(|_| cancelled())
    }

    /// Reads a page of the platform's answer into the rows of the conversations that
    /// started in `[from, to)`, straight from its bytes (the strings are borrowed).
    fn read_page(&self, bytes: &[u8], from: i64, to: i64) -> Result<Page> {
        let page: ConversationPage<'_> = decode(bytes)?;
        let now = chrono::Utc::now().timestamp_millis();
        let mut rows = Vec::with_capacity(page.conversations.len());
        for c in &page.conversations {
            match summarize(c, self.names, now) {
                Ok(s) if s.row.start >= from && s.row.start < to => rows.push(s),
                Ok(_) => {}
                Err(e) => tracing::warn!("left out of the list: {e}"),
            }
        }
        Ok(Page {
            rows,
            total_hits: page.total_hits,
            cursor: page.cursor.map(|c| c.to_string()).filter(|c| !c.is_empty()),
        })
    }

    async fn send(&self, rows: Vec<InteractionSummary>) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        self.sink
            .send(FetchUpdate::Rows(rows))
            .await
            .map_err(|_| cancelled())
    }

    async fn page(&self, from: i64, to: i64, size: u64, number: u64) -> Result<Page> {
        let mut body = query_body(self.query, from, to);
        body["paging"] = json!({"pageSize": size, "pageNumber": number});
        let bytes = self
            .client
            .send(Method::POST, QUERY_PATH, &[], Some(body))
            .await?;
        self.read_page(&bytes, from, to)
    }

    fn sync_range(&self, from: i64, to: i64) -> futures_util::future::BoxFuture<'_, Result<()>> {
        Box::pin(async move {
            let first = self.page(from, to, PAGE_SIZE, 1).await?;
            let total = first.total_hits.unwrap_or(0);
            if total > DEEP_PAGING_CAP && to - from > MIN_SPLIT_MS {
                let mid = from + (to - from) / 2;
                self.sync_range(from, mid).await?;
                return self.sync_range(mid, to).await;
            }
            if total > DEEP_PAGING_CAP {
                tracing::warn!(total, "more interactions in one minute than the platform pages; listing the first {DEEP_PAGING_CAP}");
            }
            self.expected
                .fetch_add(total.min(DEEP_PAGING_CAP), Ordering::Relaxed);
            self.phase(LoadPhase::Downloading).await?;
            self.send(first.rows).await?;
            let pages = total.min(DEEP_PAGING_CAP).div_ceil(PAGE_SIZE);
            stream::iter(2..=pages)
                .map(|n| self.page(from, to, PAGE_SIZE, n))
                .buffer_unordered(PARALLEL_PAGES)
                .map_ok(|page| self.send(page.rows))
                .try_buffer_unordered(1)
                .try_collect::<()>()
                .await
        })
    }

    /// The end of the data the asynchronous jobs can see (epoch ms).
    async fn availability(&self) -> Result<i64> {
        let a: DataAvailability = self
            .client
            .get(&format!("{JOBS_PATH}/availability"), &[])
            .await?;
        Ok(a.data_availability_date
            .as_deref()
            .and_then(|d| chrono::DateTime::parse_from_rfc3339(d).ok())
            .map(|d| d.timestamp_millis())
            .unwrap_or(i64::MIN))
    }

    /// How many conversations each week of `[from, to)` holds, from the synchronous
    /// query's counts: the progress bar's total, and where to split the work between jobs.
    async fn weekly_counts(&self, from: i64, to: i64) -> Result<Vec<(i64, i64, u64)>> {
        let weeks: Vec<(i64, i64)> = (0..)
            .map(|i| from + i * SYNC_MAX_INTERVAL_MS)
            .take_while(|start| *start < to)
            .map(|start| (start, (start + SYNC_MAX_INTERVAL_MS).min(to)))
            .collect();
        stream::iter(weeks)
            .map(|(a, b)| async move {
                let p = self.page(a, b, 1, 1).await?;
                Ok::<_, Error>((a, b, p.total_hits.unwrap_or(0)))
            })
            .buffered(PARALLEL_PAGES)
            .try_collect()
            .await
    }

    /// Runs the older part as a few jobs over consecutive parts of similar size, read at
    /// the same time: the platform prepares one page while the console reads another.
    async fn jobs(&self, from: i64, to: i64) -> Result<()> {
        self.phase(LoadPhase::WaitingForJob).await?;
        let weeks = self.weekly_counts(from, to).await?;
        let total: u64 = weeks.iter().map(|w| w.2).sum();
        self.expected.fetch_add(total, Ordering::Relaxed);
        let parts = split_evenly(&weeks, PARALLEL_JOBS);
        // Every job runs to its end, so each one cancelled is also deleted.
        let outcomes =
            futures_util::future::join_all(parts.iter().map(|&(a, b)| self.job(a, b))).await;
        outcomes.into_iter().collect()
    }

    async fn job(&self, from: i64, to: i64) -> Result<()> {
        let submitted: JobSubmitted = self
            .client
            .post(JOBS_PATH, query_body(self.query, from, to))
            .await?;
        let job = format!("{JOBS_PATH}/{}", submitted.job_id);
        let outcome = self.follow_job(&job, from, to).await;
        if matches!(&outcome, Err(e) if e.code == Code::Cancelled || e.code == Code::Timeout) {
            // Free the platform's work; a failure to do so changes nothing for the person.
            if let Err(e) = self.client.delete(&job).await {
                tracing::info!("could not cancel the export job: {e}");
            }
        }
        outcome
    }

    async fn follow_job(&self, job: &str, from: i64, to: i64) -> Result<()> {
        let started = tokio::time::Instant::now();
        let mut wait = Duration::from_millis(100);
        loop {
            let status: JobStatus = self.client.get(job, &[]).await?;
            match status.state.as_str() {
                "FULFILLED" => break,
                "FAILED" => {
                    return Err(Error::new(
                        Code::Platform,
                        format!(
                            "The platform's export job failed: {}",
                            status
                                .error_message
                                .unwrap_or_else(|| "no reason given".into())
                        ),
                    ))
                }
                "CANCELLED" | "EXPIRED" => {
                    return Err(Error::new(
                        Code::Platform,
                        format!(
                            "The platform's export job ended as {}; refresh to run it again.",
                            status.state.to_lowercase()
                        ),
                    ))
                }
                _ => {}
            }
            if self.sink.is_closed() {
                return Err(cancelled());
            }
            if started.elapsed() > JOB_TIMEOUT {
                return Err(Error::new(
                    Code::Timeout,
                    "The platform's export job did not finish in 10 minutes; try a shorter period.",
                ));
            }
            tokio::time::sleep(wait).await;
            wait = (wait * 2).min(Duration::from_secs(2));
        }
        self.phase(LoadPhase::Downloading).await?;
        let results = format!("{job}/results");
        let mut cursor: Option<String> = None;
        loop {
            let mut query = vec![("pageSize", JOB_PAGE_SIZE)];
            if let Some(c) = &cursor {
                query.push(("cursor", c.as_str()));
            }
            let bytes = self
                .client
                .send(Method::GET, &results, &query, None)
                .await?;
            let page = self.read_page(&bytes, from, to)?;
            self.send(page.rows).await?;
            match page.cursor {
                Some(next) => cursor = Some(next),
                None => return Ok(()),
            }
        }
    }
}

/// Splits consecutive weeks into at most `parts` consecutive ranges of about the same
/// number of conversations; empty weeks join a neighbour rather than make a job.
fn split_evenly(weeks: &[(i64, i64, u64)], parts: usize) -> Vec<(i64, i64)> {
    let (Some(first), Some(last)) = (weeks.first(), weeks.last()) else {
        return Vec::new();
    };
    let total: u64 = weeks.iter().map(|w| w.2).sum();
    let share = total.div_ceil(parts.max(1) as u64).max(1);
    let mut ranges = Vec::new();
    let (mut start, mut sum) = (first.0, 0);
    for &(_, end, count) in weeks {
        sum += count;
        if sum >= share && ranges.len() + 1 < parts && end < last.1 {
            ranges.push((start, end));
            (start, sum) = (end, 0);
        }
    }
    ranges.push((start, last.1));
    ranges
}

#[cfg(test)]
mod tests {
    use super::split_evenly;

    #[test]
    fn work_is_split_by_conversations_not_by_time() {
        let weeks = [(0, 10, 0), (10, 20, 0), (20, 30, 50), (30, 40, 50)];
        assert_eq!(split_evenly(&weeks, 2), vec![(0, 30), (30, 40)]);
        assert_eq!(split_evenly(&weeks, 1), vec![(0, 40)]);
        // Never more parts than asked, the whole range covered without gaps.
        let many: Vec<(i64, i64, u64)> = (0..13).map(|i| (i * 10, i * 10 + 10, 7)).collect();
        let parts = split_evenly(&many, 3);
        assert_eq!(parts.len(), 3);
        assert_eq!((parts[0].0, parts[2].1), (0, 130));
        assert!(parts.windows(2).all(|w| w[0].1 == w[1].0));
        assert_eq!(split_evenly(&[(0, 10, 0)], 2), vec![(0, 10)]);
        assert!(split_evenly(&[], 2).is_empty());
    }
}
