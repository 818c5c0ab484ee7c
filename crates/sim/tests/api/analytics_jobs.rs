//! Async conversation detail jobs, the deep-paging cap of the synchronous query and the
//! batch details GET. Job results are checked against sets the test computes itself from
//! the synchronous query's pages.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use cc_sim::SimConfig;
use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use crate::common::*;
use crate::jobs_support::*;

#[tokio::test]
async fn a_job_runs_to_completion_and_pages_by_cursor() {
    let sim = start().await;
    let token = client_token(&sim).await;
    let before = Utc::now();
    let avail = availability(&sim, &token).await;
    let hour = |t: DateTime<Utc>| t.timestamp_millis() / 3_600_000 * 3_600_000 - 3_600_000;
    assert!(
        [hour(before), hour(Utc::now())].contains(&avail.timestamp_millis()),
        "the previous hour's start: {avail}"
    );
    let all = sync_all(&sim, &token, wide()).await;
    // Two days of 150, the part of today so far, and the live ones.
    assert!(all.len() > 250, "{}", all.len());
    let by_id: HashMap<String, &Value> = ids(&all).into_iter().zip(all.iter()).collect();

    let (from, to) = wide();
    let id = submit(
        &sim,
        &token,
        &json!({"interval": interval((from, to)), "order": "desc"}),
    )
    .await;
    let status = wait_fulfilled(&sim, &token, &id).await;
    let submitted = parse(status["submissionDate"].as_str().unwrap());
    let completed = parse(status["completionDate"].as_str().unwrap());
    let expires = parse(status["expirationDate"].as_str().unwrap());
    assert!(submitted >= before - chrono::Duration::seconds(1) && submitted <= completed);
    assert_eq!(expires - completed, chrono::Duration::hours(24));
    assert!(status.get("errorMessage").is_none());

    let (results, pages) = read_all(&sim, &token, &id, 100).await;
    let expected = active(&all, from, to, avail);
    let got: HashSet<String> = ids(&results).into_iter().collect();
    assert_eq!(got.len(), results.len(), "pages do not overlap");
    assert_eq!(got, expected);
    assert_eq!(pages, expected.len().div_ceil(100).max(1));
    let starts: Vec<DateTime<Utc>> = results.iter().map(started).collect();
    assert!(
        starts.windows(2).all(|w| w[0] >= w[1]),
        "descending by start"
    );
    // The same documents, except that only jobs carry participant attributes.
    let mut with_attributes = 0;
    for c in &results {
        let mut c = c.clone();
        let tag = c["externalTag"].clone();
        for p in c["participants"].as_array_mut().unwrap() {
            let purpose = p["purpose"].clone();
            if let Some(a) = p.as_object_mut().unwrap().remove("attributes") {
                // The external tag, on the customer, as a ticket id.
                assert_eq!(
                    (purpose.as_str(), &a),
                    (Some("customer"), &json!({"ticketId": tag}))
                );
                with_attributes += 1;
            }
        }
        assert_eq!(&c, by_id[c["conversationId"].as_str().unwrap()]);
    }
    assert!(
        with_attributes > 0,
        "some participants carry attributes in a job"
    );
    // The default page is the whole set here; results can be read again.
    let (again, pages) = read_all(&sim, &token, &id, 1000).await;
    assert_eq!((ids(&again), pages), (ids(&results), 1));
}

#[tokio::test]
async fn jobs_match_any_activity_and_apply_filters_order_and_limit() {
    let sim = start().await;
    let token = client_token(&sim).await;
    let avail = availability(&sim, &token).await;
    let all = sync_all(&sim, &token, wide()).await;

    // An interval starting in the middle of the longest conversation: it has activity in
    // the interval, so the job has it, but it did not start there, so the sync query not.
    let longest = all
        .iter()
        .filter(|c| end(c).is_some())
        .max_by_key(|c| end(c).unwrap() - started(c))
        .unwrap();
    let from = started(longest) + (end(longest).unwrap() - started(longest)) / 2;
    let to = from + chrono::Duration::hours(12);
    let body = json!({"interval": interval((from, to)), "orderBy": "conversationEnd"});
    let id = submit(&sim, &token, &body).await;
    wait_fulfilled(&sim, &token, &id).await;
    let (results, _) = read_all(&sim, &token, &id, 7).await;
    let got: HashSet<String> = ids(&results).into_iter().collect();
    assert_eq!(got, active(&all, from, to, avail));
    let straddler = longest["conversationId"].as_str().unwrap().to_string();
    assert!(got.contains(&straddler));
    let sync_ids: HashSet<String> = ids(&sync_all(&sim, &token, (from, to)).await)
        .into_iter()
        .collect();
    assert!(
        !sync_ids.contains(&straddler),
        "the sync query matches by start"
    );
    // In-progress conversations have no end yet; the ended ones come in end order.
    let ends: Vec<DateTime<Utc>> = results.iter().filter_map(end).collect();
    assert!(ends.windows(2).all(|w| w[0] <= w[1]), "ascending by end");

    // The sync query's filters, in a job.
    let (wf, wt) = wide();
    let voice = json!({"interval": interval((wf, wt)), "segmentFilters": [{"type": "and",
        "predicates": [{"type": "dimension", "dimension": "mediaType", "value": "voice"}]}]});
    let id = submit(&sim, &token, &voice).await;
    wait_fulfilled(&sim, &token, &id).await;
    let (results, _) = read_all(&sim, &token, &id, 1000).await;
    let expected: Vec<Value> = all
        .iter()
        .filter(|c| has_media(c, "voice"))
        .cloned()
        .collect();
    assert!(!expected.is_empty());
    let got: HashSet<String> = ids(&results).into_iter().collect();
    assert_eq!(got, active(&expected, wf, wt, avail));

    // limit keeps the first results in the requested order.
    let id = submit(
        &sim,
        &token,
        &json!({"interval": interval((wf, wt)), "limit": 5}),
    )
    .await;
    wait_fulfilled(&sim, &token, &id).await;
    let (first, _) = read_all(&sim, &token, &id, 2).await;
    let (every, _) = read_all(
        &sim,
        &token,
        &{
            let id = submit(&sim, &token, &json!({"interval": interval((wf, wt))})).await;
            wait_fulfilled(&sim, &token, &id).await;
            id
        },
        1000,
    )
    .await;
    assert_eq!(ids(&first), ids(&every)[..5].to_vec());
}

#[tokio::test]
async fn conversations_newer_than_the_data_lake_come_only_from_the_sync_query() {
    // The history runs up to start-up and live conversations started minutes ago, so
    // some conversations always started after the availability date (an hour or two ago).
    let sim = start().await;
    let token = client_token(&sim).await;
    let avail = availability(&sim, &token).await;
    let range = wide();
    let all = sync_all(&sim, &token, range).await;
    let recent: HashSet<String> = ids(&all
        .iter()
        .filter(|c| started(c) > avail)
        .cloned()
        .collect::<Vec<_>>())
    .into_iter()
    .collect();
    assert!(
        !recent.is_empty(),
        "the sync query has conversations newer than {avail}"
    );
    let id = submit(&sim, &token, &json!({"interval": interval(range)})).await;
    wait_fulfilled(&sim, &token, &id).await;
    let r = get(&sim, &token, &format!("{JOBS}/{id}/results")).await;
    assert_eq!(
        parse(r.body["dataAvailabilityDate"].as_str().unwrap()),
        avail
    );
    let (results, _) = read_all(&sim, &token, &id, 1000).await;
    let got: HashSet<String> = ids(&results).into_iter().collect();
    assert!(got.is_disjoint(&recent), "the job does not have them");
    assert!(results.iter().all(|c| started(c) <= avail));
    assert_eq!(got, active(&all, range.0, range.1, avail));
}

#[tokio::test]
async fn unfinished_cancelled_expired_and_unknown_jobs() {
    let slow = start_with(SimConfig {
        job_delay: Duration::from_secs(60),
        ..SimConfig::default()
    })
    .await;
    let token = client_token(&slow).await;
    let body = json!({"interval": interval(wide())});
    let id = submit(&slow, &token, &body).await;
    let r = get(&slow, &token, &format!("{JOBS}/{id}")).await;
    assert_eq!(r.body["state"], "QUEUED", "{}", r.body);
    assert!(r.body.get("completionDate").is_none());
    let r = get(&slow, &token, &format!("{JOBS}/{id}/results")).await;
    assert_error_body(&r, 400, "bad.request");
    assert!(
        r.body["message"].as_str().unwrap().contains("not finished"),
        "{}",
        r.body
    );

    let r = delete(&slow, &token, &format!("{JOBS}/{id}")).await;
    assert_eq!((r.status.as_u16(), &r.body), (204, &Value::Null));
    let r = get(&slow, &token, &format!("{JOBS}/{id}")).await;
    assert_eq!(r.body["state"], "CANCELLED", "{}", r.body);
    assert_error_body(
        &get(&slow, &token, &format!("{JOBS}/{id}/results")).await,
        400,
        "bad.request",
    );

    let unknown = format!("{JOBS}/00000000-0000-4000-8000-000000000000");
    assert_error_body(&get(&slow, &token, &unknown).await, 404, "not.found");
    assert_error_body(
        &get(&slow, &token, &format!("{unknown}/results")).await,
        404,
        "not.found",
    );
    assert_error_body(&delete(&slow, &token, &unknown).await, 404, "not.found");

    let expiring = start_with(SimConfig {
        job_delay: Duration::ZERO,
        job_ttl: Duration::ZERO,
        ..SimConfig::default()
    })
    .await;
    let token = client_token(&expiring).await;
    let id = submit(&expiring, &token, &body).await;
    let r = get(&expiring, &token, &format!("{JOBS}/{id}")).await;
    assert_eq!(r.body["state"], "EXPIRED", "{}", r.body);
    assert_eq!(r.body["completionDate"], r.body["expirationDate"]);
    assert_error_body(
        &get(&expiring, &token, &format!("{JOBS}/{id}/results")).await,
        400,
        "bad.request",
    );
}

#[tokio::test]
async fn bad_job_bodies_cursors_and_page_sizes_are_refused() {
    let sim = start_with(SimConfig {
        job_delay: Duration::ZERO,
        ..SimConfig::default()
    })
    .await;
    let token = client_token(&sim).await;
    let range = interval(wide());
    for (body, word) in [
        (
            json!({"interval": range, "paging": {"pageSize": 25, "pageNumber": 1}}),
            "paging",
        ),
        (
            json!({"interval": range, "aggregations": []}),
            "aggregations",
        ),
        (json!({"order": "asc"}), "interval"),
        (
            json!({"interval": "2022-01-01T00:00:00Z/2024-03-01T00:00:00Z"}),
            "731 days",
        ),
        (
            json!({"interval": "2024-05-02T00:00:00Z/2024-05-01T00:00:00Z"}),
            "Invalid interval",
        ),
        (json!({"interval": range, "limit": 0}), "limit"),
        (json!({"interval": range, "orderBy": "nonsense"}), "orderBy"),
    ] {
        let r = post(&sim, &token, JOBS, &body).await;
        assert_error_body(&r, 400, "bad.request");
        assert!(
            r.body["message"].as_str().unwrap().contains(word),
            "{word}: {}",
            r.body
        );
    }
    // Long historical ranges are what jobs are for.
    submit(
        &sim,
        &token,
        &json!({"interval": "2023-06-01T00:00:00Z/2025-05-31T00:00:00Z"}),
    )
    .await;

    let id = submit(&sim, &token, &json!({"interval": range})).await;
    let other = submit(&sim, &token, &json!({"interval": range})).await;
    let r = get(&sim, &token, &format!("{JOBS}/{id}/results?pageSize=10")).await;
    let cursor = r.body["cursor"].as_str().unwrap().to_string();
    for bad in ["garbage!", "Zm9v", cursor.as_str()] {
        let r = get(
            &sim,
            &token,
            &format!("{JOBS}/{other}/results?cursor={bad}"),
        )
        .await;
        assert_error_body(&r, 400, "bad.request");
    }
    for size in ["0", "1001", "ten"] {
        let r = get(
            &sim,
            &token,
            &format!("{JOBS}/{id}/results?pageSize={size}"),
        )
        .await;
        assert_error_body(&r, 400, "bad.request");
    }
}

#[tokio::test]
async fn deep_paging_is_capped_and_points_to_jobs() {
    let sim = start().await;
    let token = client_token(&sim).await;
    let at = |page: u64| json!({"interval": interval(wide()), "paging": {"pageSize": 100, "pageNumber": page}});
    let r = post(&sim, &token, QUERY, &at(100)).await;
    assert_eq!(r.status, 200, "exactly 10,000 is allowed: {}", r.body);
    let r = post(&sim, &token, QUERY, &at(101)).await;
    assert_error_body(&r, 400, "bad.request");
    let message = r.body["message"].as_str().unwrap();
    assert!(
        message.contains("10000") && message.contains("/details/jobs"),
        "{message}"
    );
}

#[tokio::test]
async fn details_by_ids_in_one_request() {
    let sim = start().await;
    let token = client_token(&sim).await;
    let all = sync_all(&sim, &token, wide()).await;
    let wanted = [&all[5], &all[0], &all[42]];
    let mut list: Vec<&str> = wanted
        .iter()
        .map(|c| c["conversationId"].as_str().unwrap())
        .collect();
    list.insert(1, "00000000-0000-4000-8000-000000000000");
    let r = get(
        &sim,
        &token,
        &format!(
            "/api/v2/analytics/conversations/details?id={}",
            list.join(",")
        ),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let got: Vec<&Value> = r.body["conversations"].as_array().unwrap().iter().collect();
    assert_eq!(
        got, wanted,
        "known ids in the order asked, unknown left out"
    );

    let many: Vec<String> = (0..101)
        .map(|i| format!("00000000-0000-4000-8000-{i:012}"))
        .collect();
    let r = get(
        &sim,
        &token,
        &format!(
            "/api/v2/analytics/conversations/details?id={}",
            many.join(",")
        ),
    )
    .await;
    assert_error_body(&r, 400, "bad.request");
    let r = get(&sim, &token, "/api/v2/analytics/conversations/details").await;
    assert_error_body(&r, 400, "bad.request");
}
