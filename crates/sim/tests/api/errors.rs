//! ErrorBody shape and correlation ids.

use cc_sim::DEMO_SUPERVISOR_EMAIL;

use crate::common::*;

#[tokio::test]
async fn every_response_carries_a_fresh_correlation_id() {
    let sim = start().await;
    let token = client_token(&sim).await;
    let a = get(&sim, &token, "/api/v2/users").await;
    let b = get(&sim, &token, "/api/v2/users").await;
    let id = |r: &Reply| {
        r.headers["inin-correlation-id"]
            .to_str()
            .unwrap()
            .to_string()
    };
    assert_ne!(id(&a), id(&b), "a fresh id per request");
    assert!(
        uuid::Uuid::parse_str(&id(&a)).is_ok(),
        "correlation ids are uuids"
    );

    let token_response = token_request(&sim, &[("grant_type", "client_credentials")], true).await;
    assert!(
        token_response.headers.contains_key("inin-correlation-id"),
        "login host too"
    );
    let page = http()
        .get(format!("{}/oauth/authorize", sim.base_url()))
        .send()
        .await
        .unwrap();
    assert!(
        page.headers().contains_key("inin-correlation-id"),
        "even error pages"
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn missing_or_bad_bearer_is_401_error_body() {
    let sim = start().await;
    let response = http()
        .get(format!("{}/api/v2/users/me", sim.base_url()))
        .send()
        .await
        .unwrap();
    assert_error_body(&reply(response).await, 401, "authentication.required");
    assert_error_body(
        &get(&sim, "not-a-token", "/api/v2/users").await,
        401,
        "bad.credentials",
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn unknown_paths_and_methods_get_error_bodies() {
    let sim = start().await;
    let token = client_token(&sim).await;
    assert_error_body(
        &get(&sim, &token, "/api/v2/no/such/thing").await,
        404,
        "not.found",
    );
    let response = http()
        .post(format!("{}/api/v2/users/me", sim.base_url()))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_error_body(&reply(response).await, 405, "method.not.allowed");
    sim.shutdown().await;
}

#[tokio::test]
async fn user_only_resources_refuse_client_credentials() {
    let sim = start().await;
    let token = client_token(&sim).await;
    for path in ["/api/v2/users/me", "/api/v2/authorization/subjects/me"] {
        let r = get(&sim, &token, path).await;
        assert_error_body(&r, 400, "bad.request");
        assert!(
            r.body["message"].as_str().unwrap().contains("user context"),
            "{path}: {}",
            r.body
        );
    }
    // The same resource works with a user token.
    let user = user_token(&sim, DEMO_SUPERVISOR_EMAIL).await;
    assert_eq!(
        get(&sim, &user, "/api/v2/authorization/subjects/me")
            .await
            .status,
        200
    );
    sim.shutdown().await;
}
