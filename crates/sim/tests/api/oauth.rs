//! The token endpoint: grants, client authentication, refresh rotation, expiry, revocation.

use std::time::Duration;

use cc_sim::{SimConfig, DEMO_CLIENT_ID, DEMO_PKCE_CLIENT_ID, DEMO_SUPERVISOR_EMAIL};

use crate::common::*;

#[tokio::test]
async fn client_credentials_token_works_on_the_api() {
    let sim = start().await;
    let r = token_request(&sim, &[("grant_type", "client_credentials")], true).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["token_type"], "bearer");
    assert_eq!(r.body["expires_in"], 86399);
    assert!(
        r.body.get("refresh_token").is_none(),
        "no refresh token for client credentials"
    );
    assert_eq!(r.headers["cache-control"], "no-store");
    let token = r.body["access_token"].as_str().unwrap();

    let info = get(&sim, token, "/api/v2/tokens/me").await;
    assert_eq!(info.status, 200);
    assert_eq!(info.body["OAuthClient"]["id"], DEMO_CLIENT_ID);
    assert_eq!(
        info.body["OAuthClient"]["authorizedGrantType"],
        "CLIENT-CREDENTIALS"
    );
    assert_eq!(info.body["organization"]["name"], "Demo Contact Center");
    assert_eq!(info.body["homeOrganization"], info.body["organization"]);
    sim.shutdown().await;
}

#[tokio::test]
async fn bad_client_or_secret_is_invalid_client() {
    let sim = start().await;
    let response = http()
        .post(format!("{}/oauth/token", sim.base_url()))
        .basic_auth(DEMO_CLIENT_ID, Some("wrong-secret"))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap();
    let r = reply(response).await;
    assert_eq!(r.status, 401);
    assert_eq!(r.body["error"], "invalid_client");
    assert!(r.body["description"].is_string() && r.body["error_description"].is_string());

    // A public client cannot use client credentials: it has no secret to prove itself.
    let form = [
        ("grant_type", "client_credentials"),
        ("client_id", DEMO_PKCE_CLIENT_ID),
    ];
    let r = token_request(&sim, &form, false).await;
    assert_eq!(
        (r.status.as_u16(), r.body["error"].as_str()),
        (401, Some("invalid_client"))
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn unsupported_grant_type_is_refused() {
    let sim = start().await;
    let r = token_request(&sim, &[("grant_type", "implicit")], true).await;
    assert_eq!(r.status, 400);
    assert_eq!(r.body["error"], "unsupported_grant_type");
    let r = token_request(&sim, &[("grant_type", "urn:made:up")], false).await;
    assert_eq!(
        (r.status.as_u16(), r.body["error"].as_str()),
        (400, Some("unsupported_grant_type"))
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn password_grant_signs_in_a_demo_user() {
    let sim = start().await;
    let body = password_grant(&sim, DEMO_SUPERVISOR_EMAIL).await;
    assert!(
        body["refresh_token"].is_string(),
        "password grant returns a refresh token"
    );
    let token = body["access_token"].as_str().unwrap();
    let me = get(&sim, token, "/api/v2/users/me").await;
    assert_eq!(me.status, 200);
    assert_eq!(me.body["email"], DEMO_SUPERVISOR_EMAIL);
    assert_eq!(me.body["id"], sim.supervisor().id);
    let info = get(&sim, token, "/api/v2/tokens/me").await;
    assert_eq!(info.body["OAuthClient"]["authorizedGrantType"], "PASSWORD");

    for (user, password) in [
        (DEMO_SUPERVISOR_EMAIL, "wrong"),
        ("nobody@demo.example", "demo"),
    ] {
        let form = [
            ("grant_type", "password"),
            ("username", user),
            ("password", password),
        ];
        let r = token_request(&sim, &form, true).await;
        assert_eq!(r.status, 400, "{user}/{password} must be refused");
        assert_eq!(r.body["error"], "invalid_grant");
    }
    sim.shutdown().await;
}

#[tokio::test]
async fn demo_password_is_configurable() {
    let sim = start_with(SimConfig {
        demo_password: "s3cret".into(),
        ..SimConfig::default()
    })
    .await;
    let form = [
        ("grant_type", "password"),
        ("username", DEMO_SUPERVISOR_EMAIL),
        ("password", "s3cret"),
    ];
    assert_eq!(token_request(&sim, &form, true).await.status, 200);
    let form = [
        ("grant_type", "password"),
        ("username", DEMO_SUPERVISOR_EMAIL),
        ("password", "demo"),
    ];
    assert_eq!(token_request(&sim, &form, true).await.status, 400);
    sim.shutdown().await;
}

#[tokio::test]
async fn refresh_tokens_rotate() {
    let sim = start().await;
    let first = password_grant(&sim, DEMO_SUPERVISOR_EMAIL).await;
    let r1 = first["refresh_token"].as_str().unwrap();

    let second = token_request(
        &sim,
        &[("grant_type", "refresh_token"), ("refresh_token", r1)],
        true,
    )
    .await;
    assert_eq!(second.status, 200, "{}", second.body);
    let r2 = second.body["refresh_token"].as_str().unwrap();
    assert_ne!(r1, r2, "each refresh returns a new refresh token");
    let a2 = second.body["access_token"].as_str().unwrap();
    assert_ne!(a2, first["access_token"].as_str().unwrap());
    assert_eq!(
        get(&sim, a2, "/api/v2/users/me").await.body["email"],
        DEMO_SUPERVISOR_EMAIL
    );

    let reused = token_request(
        &sim,
        &[("grant_type", "refresh_token"), ("refresh_token", r1)],
        true,
    )
    .await;
    assert_eq!(reused.status, 400, "a used refresh token stops working");
    assert_eq!(reused.body["error"], "invalid_grant");

    let third = token_request(
        &sim,
        &[("grant_type", "refresh_token"), ("refresh_token", r2)],
        true,
    )
    .await;
    assert_eq!(
        third.status, 200,
        "the rotated refresh token works: {}",
        third.body
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn tokens_expire_after_the_ttl() {
    let sim = start_with(SimConfig {
        token_ttl: Duration::from_secs(1),
        ..SimConfig::default()
    })
    .await;
    let body = password_grant(&sim, DEMO_SUPERVISOR_EMAIL).await;
    assert_eq!(body["expires_in"], 1);
    let token = body["access_token"].as_str().unwrap();
    assert_eq!(get(&sim, token, "/api/v2/users/me").await.status, 200);

    tokio::time::sleep(Duration::from_millis(1300)).await;
    let expired = get(&sim, token, "/api/v2/users/me").await;
    assert_error_body(&expired, 401, "bad.credentials");

    // The refresh token outlives the access token and still gets a new one.
    let refresh = body["refresh_token"].as_str().unwrap();
    let renewed = token_request(
        &sim,
        &[("grant_type", "refresh_token"), ("refresh_token", refresh)],
        true,
    )
    .await;
    assert_eq!(renewed.status, 200);
    sim.shutdown().await;
}

#[tokio::test]
async fn delete_tokens_me_revokes_access_and_refresh_tokens() {
    let sim = start().await;
    let body = password_grant(&sim, DEMO_SUPERVISOR_EMAIL).await;
    let token = body["access_token"].as_str().unwrap();
    let head = http()
        .head(format!("{}/api/v2/tokens/me", sim.base_url()))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(head.status(), 200, "HEAD validates a live token");

    let deleted = http()
        .delete(format!("{}/api/v2/tokens/me", sim.base_url()))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 204);
    assert!(deleted.headers().contains_key("inin-correlation-id"));

    assert_error_body(
        &get(&sim, token, "/api/v2/tokens/me").await,
        401,
        "bad.credentials",
    );
    let head = http()
        .head(format!("{}/api/v2/tokens/me", sim.base_url()))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(head.status(), 401, "HEAD rejects a revoked token");
    let refresh = body["refresh_token"].as_str().unwrap();
    let r = token_request(
        &sim,
        &[("grant_type", "refresh_token"), ("refresh_token", refresh)],
        true,
    )
    .await;
    assert_eq!(
        (r.status.as_u16(), r.body["error"].as_str()),
        (400, Some("invalid_grant"))
    );
    sim.shutdown().await;
}
