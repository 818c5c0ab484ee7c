//! Helpers of the async job tests: job submission, polling, cursor reading, and the
//! synchronous-query reads the expectations are computed from.

use std::collections::HashSet;
use std::time::Duration;

use cc_sim::SimHandle;
use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use crate::common::*;

pub(crate) const JOBS: &str = "/api/v2/analytics/conversations/details/jobs";
pub(crate) const QUERY: &str = "/api/v2/analytics/conversations/details/query";

pub(crate) fn fmt(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

pub(crate) fn parse(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// Six days back to a day ahead: covers the default two days of history.
pub(crate) fn wide() -> (DateTime<Utc>, DateTime<Utc>) {
    let now = Utc::now();
    (
        now - chrono::Duration::days(6),
        now + chrono::Duration::days(1),
    )
}

pub(crate) fn interval((from, to): (DateTime<Utc>, DateTime<Utc>)) -> String {
    format!("{}/{}", fmt(from), fmt(to))
}

pub(crate) async fn post(sim: &SimHandle, token: &str, path: &str, body: &Value) -> Reply {
    let response = http()
        .post(format!("{}{path}", sim.base_url()))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap();
    reply(response).await
}

pub(crate) async fn delete(sim: &SimHandle, token: &str, path: &str) -> Reply {
    let response = http()
        .delete(format!("{}{path}", sim.base_url()))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    reply(response).await
}

pub(crate) async fn submit(sim: &SimHandle, token: &str, body: &Value) -> String {
    let r = post(sim, token, JOBS, body).await;
    assert_eq!(r.status, 202, "submit: {}", r.body);
    assert_eq!(
        r.body.as_object().unwrap().len(),
        1,
        "only jobId: {}",
        r.body
    );
    r.body["jobId"].as_str().unwrap().to_string()
}

/// Polls the job until it is FULFILLED and returns its final status.
pub(crate) async fn wait_fulfilled(sim: &SimHandle, token: &str, id: &str) -> Value {
    for _ in 0..100 {
        let r = get(sim, token, &format!("{JOBS}/{id}")).await;
        assert_eq!(r.status, 200, "{}", r.body);
        match r.body["state"].as_str().unwrap() {
            "FULFILLED" => return r.body,
            "QUEUED" | "PENDING" => {
                assert!(r.body.get("completionDate").is_none(), "{}", r.body);
            }
            other => panic!("unexpected state {other}: {}", r.body),
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("job {id} never finished");
}

/// Every result of a fulfilled job, following cursors; also the number of pages.
pub(crate) async fn read_all(
    sim: &SimHandle,
    token: &str,
    id: &str,
    size: u32,
) -> (Vec<Value>, usize) {
    let mut all = Vec::new();
    let mut cursor: Option<String> = None;
    for pages in 1.. {
        let mut path = format!("{JOBS}/{id}/results?pageSize={size}");
        if let Some(c) = &cursor {
            path.push_str(&format!("&cursor={c}"));
        }
        let r = get(sim, token, &path).await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(r.body["dataAvailabilityDate"].is_string(), "{}", r.body);
        let batch = r.body["conversations"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert!(batch.len() <= size as usize);
        all.extend(batch);
        match r.body.get("cursor").and_then(Value::as_str) {
            Some(c) => cursor = Some(c.to_string()),
            None => return (all, pages),
        }
    }
    unreachable!()
}

/// Every conversation the synchronous query returns for `range` (started in it).
pub(crate) async fn sync_all(
    sim: &SimHandle,
    token: &str,
    range: (DateTime<Utc>, DateTime<Utc>),
) -> Vec<Value> {
    let mut all = Vec::new();
    for page in 1.. {
        let body =
            json!({"interval": interval(range), "paging": {"pageSize": 100, "pageNumber": page}});
        let r = post(sim, token, QUERY, &body).await;
        assert_eq!(r.status, 200, "{}", r.body);
        let batch = r.body["conversations"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        if batch.is_empty() {
            return all;
        }
        all.extend(batch);
    }
    unreachable!()
}

pub(crate) async fn availability(sim: &SimHandle, token: &str) -> DateTime<Utc> {
    let r = get(sim, token, &format!("{JOBS}/availability")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    parse(r.body["dataAvailabilityDate"].as_str().unwrap())
}

pub(crate) fn started(c: &Value) -> DateTime<Utc> {
    parse(c["conversationStart"].as_str().unwrap())
}

pub(crate) fn end(c: &Value) -> Option<DateTime<Utc>> {
    c["conversationEnd"].as_str().map(parse)
}

pub(crate) fn ids(list: &[Value]) -> Vec<String> {
    list.iter()
        .map(|c| c["conversationId"].as_str().unwrap().to_string())
        .collect()
}

/// The any-activity match of a job, computed from full documents.
pub(crate) fn active(
    all: &[Value],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    avail: DateTime<Utc>,
) -> HashSet<String> {
    let hit =
        |c: &&Value| started(c) < to && end(c).is_none_or(|e| e > from) && started(c) <= avail;
    ids(&all.iter().filter(hit).cloned().collect::<Vec<_>>())
        .into_iter()
        .collect()
}

pub(crate) fn has_media(c: &Value, media: &str) -> bool {
    c["participants"].as_array().unwrap().iter().any(|p| {
        p["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["mediaType"] == media)
    })
}
