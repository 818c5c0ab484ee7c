//! Conversation detail analytics: the details query and details by id, checked against
//! counts the test computes itself from unfiltered pages.

use std::collections::{HashMap, HashSet};

use cc_sim::{SimConfig, SimHandle};
use serde_json::{json, Value};

use crate::common::*;

const QUERY: &str = "/api/v2/analytics/conversations/details/query";

async fn post(sim: &SimHandle, token: &str, body: &Value) -> Reply {
    let response = http()
        .post(format!("{}{QUERY}", sim.base_url()))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap();
    reply(response).await
}

/// Seven days ending a day from now: covers the default two days of history.
fn interval() -> String {
    let now = chrono::Utc::now();
    let fmt = |t: chrono::DateTime<chrono::Utc>| t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string();
    format!(
        "{}/{}",
        fmt(now - chrono::Duration::days(6)),
        fmt(now + chrono::Duration::days(1))
    )
}

fn conversations(r: &Reply) -> Vec<Value> {
    assert_eq!(r.status, 200, "{}", r.body);
    r.body
        .get("conversations")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

/// Every conversation, read page by page with no filter.
async fn all_pages(sim: &SimHandle, token: &str, order: &str, order_by: &str) -> Vec<Value> {
    let mut all = Vec::new();
    for page in 1.. {
        let body = json!({"interval": interval(), "order": order, "orderBy": order_by,
                          "paging": {"pageSize": 100, "pageNumber": page}});
        let r = post(sim, token, &body).await;
        let batch = conversations(&r);
        if batch.is_empty() {
            assert_eq!(r.body["totalHits"].as_u64().unwrap() as usize, all.len());
            break;
        }
        all.extend(batch);
    }
    all
}

async fn hits(sim: &SimHandle, token: &str, key: &str, kind: &str, preds: &[(&str, &str)]) -> u64 {
    let predicates: Vec<Value> = preds
        .iter()
        .map(|(d, v)| json!({"type": "dimension", "dimension": d, "operator": "matches", "value": v}))
        .collect();
    let body = json!({"interval": interval(), "paging": {"pageSize": 1, "pageNumber": 1},
                      key: [{"type": kind, "predicates": predicates}]});
    let r = post(sim, token, &body).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.body["totalHits"].as_u64().unwrap()
}

/// Every value `field` takes in a conversation's sessions, segments and participants.
fn values(c: &Value, field: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    for p in c["participants"].as_array().unwrap() {
        if let Some(v) = p[field].as_str() {
            out.insert(v.to_string());
        }
        for s in p["sessions"].as_array().unwrap() {
            if let Some(v) = s[field].as_str() {
                out.insert(v.to_string());
            }
            for seg in s["segments"].as_array().unwrap() {
                if let Some(v) = seg[field].as_str() {
                    out.insert(v.to_string());
                }
            }
        }
    }
    out
}

fn count_with(all: &[Value], field: &str, value: &str) -> u64 {
    all.iter()
        .filter(|c| values(c, field).contains(value))
        .count() as u64
}

#[tokio::test]
async fn filters_match_counts_computed_from_unfiltered_pages() {
    let sim = start().await;
    let token = client_token(&sim).await;
    let all = all_pages(&sim, &token, "asc", "conversationStart").await;
    let ended = all
        .iter()
        .filter(|c| c.get("conversationEnd").is_some())
        .count();
    assert_eq!(
        all.len() - ended,
        15,
        "conversations in progress at start-up"
    );
    // Two whole past days × 150 by default, and today's until the current hour.
    assert!((300..=450).contains(&ended), "{ended} ended conversations");
    let ids: HashSet<&str> = all
        .iter()
        .map(|c| c["conversationId"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), all.len(), "pages do not overlap");

    let mut per_media: HashMap<String, u64> = HashMap::new();
    for c in &all {
        for m in values(c, "mediaType") {
            *per_media.entry(m).or_default() += 1;
        }
    }
    assert!(per_media.len() >= 4, "several channels: {per_media:?}");
    assert!(per_media["voice"] > per_media["email"], "voice dominates");
    for (media, n) in &per_media {
        assert_eq!(
            hits(
                &sim,
                &token,
                "segmentFilters",
                "and",
                &[("mediaType", media)]
            )
            .await,
            *n
        );
    }
    let either = hits(
        &sim,
        &token,
        "segmentFilters",
        "or",
        &[("mediaType", "voice"), ("mediaType", "email")],
    )
    .await;
    assert_eq!(either, per_media["voice"] + per_media["email"]);
    let inbound = all
        .iter()
        .filter(|c| c["originatingDirection"] == "inbound")
        .count() as u64;
    assert!(inbound > 0 && inbound < all.len() as u64);
    assert_eq!(
        hits(
            &sim,
            &token,
            "segmentFilters",
            "and",
            &[("direction", "inbound")]
        )
        .await,
        inbound
    );

    let sample = all
        .iter()
        .find(|c| !values(c, "wrapUpCode").is_empty())
        .unwrap();
    let queue = values(sample, "queueId").into_iter().next().unwrap();
    let user = values(sample, "userId").into_iter().next().unwrap();
    let code = values(sample, "wrapUpCode").into_iter().next().unwrap();
    assert_eq!(
        hits(
            &sim,
            &token,
            "segmentFilters",
            "and",
            &[("queueId", &queue)]
        )
        .await,
        count_with(&all, "queueId", &queue)
    );
    assert_eq!(
        hits(&sim, &token, "segmentFilters", "and", &[("userId", &user)]).await,
        count_with(&all, "userId", &user)
    );
    assert_eq!(
        hits(
            &sim,
            &token,
            "segmentFilters",
            "and",
            &[("wrapUpCode", &code)]
        )
        .await,
        count_with(&all, "wrapUpCode", &code)
    );
    let both = all
        .iter()
        .filter(|c| {
            values(c, "queueId").contains(&queue) && values(c, "mediaType").contains("voice")
        })
        .count() as u64;
    assert_eq!(
        hits(
            &sim,
            &token,
            "segmentFilters",
            "and",
            &[("queueId", &queue), ("mediaType", "voice")]
        )
        .await,
        both
    );

    let id = sample["conversationId"].as_str().unwrap();
    assert_eq!(
        hits(
            &sim,
            &token,
            "conversationFilters",
            "or",
            &[("conversationId", id)]
        )
        .await,
        1
    );
    let division = sample["divisionIds"][0].as_str().unwrap();
    let in_division = all
        .iter()
        .filter(|c| c["divisionIds"][0] == division)
        .count() as u64;
    assert_eq!(
        hits(
            &sim,
            &token,
            "conversationFilters",
            "and",
            &[("divisionId", division)]
        )
        .await,
        in_division
    );

    // Details by id give the same document; an unknown id is a 404.
    let r = get(
        &sim,
        &token,
        &format!("/api/v2/analytics/conversations/{id}/details"),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(&r.body, sample);
    let unanswered = all
        .iter()
        .filter(|c| values(c, "userId").is_empty())
        .count();
    assert!(
        unanswered > 0 && unanswered < 100,
        "some unanswered: {unanswered}"
    );
    let r = get(
        &sim,
        &token,
        "/api/v2/analytics/conversations/00000000-0000-4000-8000-000000000000/details",
    )
    .await;
    assert_error_body(&r, 404, "not.found");
}

#[tokio::test]
async fn results_are_ordered_and_limits_refused() {
    let sim = start().await;
    let token = client_token(&sim).await;
    let starts: Vec<String> = all_pages(&sim, &token, "asc", "conversationStart")
        .await
        .iter()
        .map(|c| c["conversationStart"].as_str().unwrap().to_string())
        .collect();
    assert!(
        starts.windows(2).all(|w| w[0] <= w[1]),
        "ascending by start"
    );
    let all = all_pages(&sim, &token, "desc", "conversationEnd").await;
    // Conversations still in progress have no end and sort last.
    let ends: Vec<&str> = all
        .iter()
        .filter_map(|c| c["conversationEnd"].as_str())
        .collect();
    assert!(ends.windows(2).all(|w| w[0] >= w[1]), "descending by end");
    let now = chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string();
    assert!(ends[0] < now.as_str(), "every conversation has ended");

    let too_big = json!({"interval": interval(), "paging": {"pageSize": 101, "pageNumber": 1}});
    assert_error_body(&post(&sim, &token, &too_big).await, 400, "bad.request");
    let too_long = json!({"interval": "2024-05-01T00:00:00.000Z/2024-05-09T00:00:00.000Z"});
    assert_error_body(&post(&sim, &token, &too_long).await, 400, "bad.request");
    for bad in ["yesterday", "2024-05-02T00:00:00Z/2024-05-01T00:00:00Z", ""] {
        assert_error_body(
            &post(&sim, &token, &json!({"interval": bad})).await,
            400,
            "bad.request",
        );
    }
    assert_error_body(
        &post(
            &sim,
            &token,
            &json!({"paging": {"pageSize": 5, "pageNumber": 1}}),
        )
        .await,
        400,
        "bad.request",
    );

    let empty = json!({"interval": "2020-05-01T00:00:00.000Z/2020-05-02T00:00:00.000Z"});
    let r = post(&sim, &token, &empty).await;
    assert_eq!(
        (r.status.as_u16(), &r.body),
        (200, &json!({"totalHits": 0}))
    );
}

#[tokio::test]
async fn the_same_seed_gives_the_same_history() {
    let summary = |all: Vec<Value>| -> Vec<(String, String, String)> {
        // Live conversations are drawn around each start's own clock.
        let mut v: Vec<_> = all
            .iter()
            .filter(|c| c.get("conversationEnd").is_some())
            .map(|c| {
                let mut users: Vec<String> = values(c, "userId").into_iter().collect();
                users.sort();
                let mut media: Vec<String> = values(c, "mediaType").into_iter().collect();
                media.sort();
                (
                    c["conversationId"].as_str().unwrap().to_string(),
                    media.join(","),
                    users.join(","),
                )
            })
            .collect();
        v.sort();
        v
    };
    let a = start().await;
    let b = start().await;
    let other = start_with(SimConfig {
        seed: 2,
        ..SimConfig::default()
    })
    .await;
    let (ta, tb, to) = (
        client_token(&a).await,
        client_token(&b).await,
        client_token(&other).await,
    );
    let first = summary(all_pages(&a, &ta, "asc", "conversationStart").await);
    assert_eq!(
        first,
        summary(all_pages(&b, &tb, "asc", "conversationStart").await)
    );
    assert_ne!(
        first,
        summary(all_pages(&other, &to, "asc", "conversationStart").await)
    );
}
