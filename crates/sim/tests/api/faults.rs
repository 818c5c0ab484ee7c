//! Faults on demand: 429 bursts, latency and error rates, from Rust and over HTTP.

use std::time::{Duration, Instant};

use cc_sim::Faults;
use serde_json::json;

use crate::common::*;

#[tokio::test]
async fn a_429_burst_then_recovery() {
    let sim = start().await;
    let token = client_token(&sim).await;
    sim.set_faults(Faults {
        burst_429: 2,
        retry_after_secs: 3,
        ..Faults::default()
    });
    for _ in 0..2 {
        let r = get(&sim, &token, "/api/v2/users").await;
        assert_error_body(&r, 429, "too.many.requests");
        assert_eq!(r.headers["retry-after"], "3");
        assert_eq!(r.body["limit"]["namespace"], "platform.api");
        assert!(r.body["limit"]["key"].is_string() && r.body["limit"]["value"].is_number());
    }
    assert_eq!(
        get(&sim, &token, "/api/v2/users").await.status,
        200,
        "the burst is over"
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn latency_is_added() {
    let sim = start().await;
    let token = client_token(&sim).await;
    sim.set_faults(Faults {
        latency: Duration::from_millis(300),
        ..Faults::default()
    });
    let started = Instant::now();
    assert_eq!(get(&sim, &token, "/api/v2/users").await.status, 200);
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "{:?}",
        started.elapsed()
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn error_rate_one_fails_every_api_request_but_not_login() {
    let sim = start().await;
    let token = client_token(&sim).await;
    sim.set_faults(Faults {
        error_rate: 1.0,
        ..Faults::default()
    });
    for _ in 0..3 {
        let r = get(&sim, &token, "/api/v2/users").await;
        assert_error_body(&r, 503, "service.unavailable");
        assert!(
            !r.headers.contains_key("retry-after"),
            "503s do not ask SDKs to retry"
        );
    }
    assert!(!client_token(&sim).await.is_empty(), "login stays up");
    sim.set_faults(Faults::default());
    assert_eq!(get(&sim, &token, "/api/v2/users").await.status, 200);
    sim.shutdown().await;
}

#[tokio::test]
async fn faults_can_be_set_over_http() {
    let sim = start().await;
    let token = client_token(&sim).await;
    let put = |body: serde_json::Value| {
        http()
            .put(format!("{}/sim/v1/faults", sim.base_url()))
            .json(&body)
            .send()
    };
    assert_eq!(put(json!({"errorRate": 1.0})).await.unwrap().status(), 200);
    assert_error_body(
        &get(&sim, &token, "/api/v2/users").await,
        503,
        "service.unavailable",
    );
    assert_eq!(
        put(json!({"burst429": 1, "retryAfterSecs": 7}))
            .await
            .unwrap()
            .status(),
        200
    );
    let r = get(&sim, &token, "/api/v2/users").await;
    assert_eq!(
        (
            r.status.as_u16(),
            r.headers["retry-after"].to_str().unwrap()
        ),
        (429, "7")
    );
    assert_eq!(put(json!({})).await.unwrap().status(), 200);
    assert_eq!(
        get(&sim, &token, "/api/v2/users").await.status,
        200,
        "an empty body clears the faults"
    );

    let bad = reply(put(json!({"errorRate": 2})).await.unwrap()).await;
    assert_error_body(&bad, 400, "bad.request");
    sim.shutdown().await;
}
