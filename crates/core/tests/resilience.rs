//! The platform client under bad conditions: 429 storms, 5xx, malformed bodies, a
//! revoked session.

mod common;

use common::*;
use std::sync::Arc;
use std::time::Duration;
use supervisor_core::console::DemoContactCenter;
use supervisor_core::secrets::Sensitive;
use supervisor_core::Code;

#[tokio::test(flavor = "multi_thread")]
async fn a_short_429_storm_is_waited_out_honouring_retry_after() {
    let sim = sim(cc_sim::SimConfig::default()).await;
    let t = demo_console(&sim).await;
    sim.set_faults(cc_sim::Faults {
        burst_429: 3,
        retry_after_secs: 1,
        ..Default::default()
    });
    let started = std::time::Instant::now();
    let session = t
        .console
        .refresh_session()
        .await
        .expect("answered after the storm");
    assert!(session.user.is_some());
    assert!(
        started.elapsed() >= Duration::from_secs(3),
        "waited Retry-After three times: {:?}",
        started.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_long_429_storm_gives_a_rate_limited_error_after_bounded_retries() {
    let sim = sim(cc_sim::SimConfig::default()).await;
    let t = demo_console(&sim).await;
    sim.set_faults(cc_sim::Faults {
        burst_429: 50,
        retry_after_secs: 0,
        ..Default::default()
    });
    let err = t.console.refresh_session().await.unwrap_err();
    assert_eq!(err.code, Code::RateLimited, "{err}");
    // The session survives a storm: the next call, once it has passed, works.
    sim.set_faults(cc_sim::Faults::default());
    assert!(t.console.refresh_session().await.is_ok());
}

#[tokio::test(flavor = "multi_thread")]
async fn server_errors_are_retried_then_reported_plainly() {
    let sim = sim(cc_sim::SimConfig::default()).await;
    let t = demo_console(&sim).await;
    sim.set_faults(cc_sim::Faults {
        error_rate: 1.0,
        ..Default::default()
    });
    let err = t.console.refresh_session().await.unwrap_err();
    assert_eq!(err.code, Code::Platform, "{err}");
    assert!(!err.message.is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unreachable_host_is_a_network_error() {
    let t = console_with(Arc::new(IdleBrowser), Duration::from_secs(5));
    // A port that was just free: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let conn = t
        .console
        .save_connection(pkce_input(&format!("http://127.0.0.1:{port}"), "x"))
        .await
        .unwrap();
    let err = t.console.test_connection(&conn.id).await.unwrap_err();
    assert_eq!(err.code, Code::Network, "{err}");
}

/// A platform whose `users/me` has the wrong type in one field.
async fn malformed_platform() -> String {
    use axum::routing::{get, post};
    let app = axum::Router::new()
        .route(
            "/oauth/token",
            post(|| async { axum::Json(serde_json::json!({"access_token": "t", "expires_in": 3600, "refresh_token": "r"})) }),
        )
        .route(
            "/api/v2/users/me",
            get(|| async { axum::Json(serde_json::json!({"id": "u1", "name": "A", "presence": {"presenceDefinition": {"id": 42}}})) }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_malformed_body_names_the_field() {
    let base = malformed_platform().await;
    let t = console_with(Arc::new(IdleBrowser), Duration::from_secs(5));
    let err = t
        .console
        .start(Some(DemoContactCenter {
            api_base: base,
            client_id: "c".into(),
            client_secret: Sensitive::new("s".into()),
            username: "u".into(),
            password: Sensitive::new("p".into()),
        }))
        .await
        .unwrap_err();
    assert_eq!(err.code, Code::Platform);
    assert!(
        err.message.contains("presence.presenceDefinition.id"),
        "{}",
        err.message
    );
}
