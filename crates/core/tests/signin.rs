//! Signing in against the simulator: PKCE through the real loopback listener, client
//! credentials, the demo, refresh and rotation, revocation, cancel and time-out.

mod common;

use common::*;
use std::sync::Arc;
use std::time::Duration;
use supervisor_core::connections::{ConnectionInput, Grant};
use supervisor_core::model::IdentityKind;
use supervisor_core::secrets::SecretKind;
use supervisor_core::Code;

const MINUTE: Duration = Duration::from_secs(60);

#[tokio::test(flavor = "multi_thread")]
async fn pkce_sign_in_through_the_loopback_listener_and_resume_after_restart() {
    let sim = sim(cc_sim::SimConfig::default()).await;
    let browser = Arc::new(PlayedBrowser::new(
        cc_sim::DEMO_SUPERVISOR_EMAIL,
        cc_sim::DEFAULT_DEMO_PASSWORD,
    ));
    let t = console_with(browser.clone(), MINUTE);
    let conn = t.add_pkce_connection(&sim).await;

    let session = t
        .console
        .sign_in(&conn.id, true)
        .await
        .expect("PKCE sign-in succeeds");
    let user = session.user.expect("a person signed in");
    assert_eq!(user.email.as_deref(), Some(cc_sim::DEMO_SUPERVISOR_EMAIL));
    assert_eq!(session.kind, IdentityKind::User);
    assert!(
        session
            .permissions
            .iter()
            .any(|p| p == "conversation:call:monitor"),
        "supervisor may monitor"
    );
    assert!(
        session.presence.is_some(),
        "presence read with the identity"
    );

    let opened = browser.opened.lock().unwrap()[0].clone();
    let q: std::collections::HashMap<String, String> = url::Url::parse(&opened)
        .unwrap()
        .query_pairs()
        .into_owned()
        .collect();
    assert_eq!(q["code_challenge_method"], "S256");
    assert!(
        q["redirect_uri"].starts_with("http://127.0.0.1:"),
        "loopback redirect: {}",
        q["redirect_uri"]
    );
    assert!(q["state"].len() >= 20);

    let stored = t
        .keyring
        .retrieve(&conn.id, SecretKind::RefreshToken)
        .unwrap();
    assert!(
        stored.is_some(),
        "stay signed in keeps the refresh token in the keyring"
    );

    // A new process on the same profile resumes from the stored refresh token.
    let again = reopen(t.dir.path(), &t.keyring, Arc::new(IdleBrowser), MINUTE);
    let resumed = again
        .start(None)
        .await
        .unwrap()
        .expect("session resumed without the browser");
    assert_eq!(resumed.user.unwrap().id, user.id);
    let rotated = t
        .keyring
        .retrieve(&conn.id, SecretKind::RefreshToken)
        .unwrap()
        .unwrap();
    assert_ne!(
        rotated.expose(),
        stored.unwrap().expose(),
        "the used refresh token was replaced"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_redirect_with_the_wrong_state_is_refused_and_does_not_end_the_sign_in() {
    let sim = sim(cc_sim::SimConfig::default()).await;
    let mut browser =
        PlayedBrowser::new(cc_sim::DEMO_SUPERVISOR_EMAIL, cc_sim::DEFAULT_DEMO_PASSWORD);
    browser.forge_state_first = true;
    let forged = browser.forged_status.clone();
    let t = console_with(Arc::new(browser), MINUTE);
    let conn = t.add_pkce_connection(&sim).await;
    t.console
        .sign_in(&conn.id, false)
        .await
        .expect("the real redirect still signs in");
    assert_eq!(
        *forged.lock().unwrap(),
        Some(400),
        "forged state answered 400"
    );
    assert!(
        t.keyring
            .retrieve(&conn.id, SecretKind::RefreshToken)
            .unwrap()
            .is_none(),
        "not kept without stay signed in"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_sign_in_can_be_cancelled_and_times_out() {
    let sim = sim(cc_sim::SimConfig::default()).await;
    let t = console_with(Arc::new(IdleBrowser), Duration::from_millis(400));
    let conn = t.add_pkce_connection(&sim).await;
    let err = t.console.sign_in(&conn.id, false).await.unwrap_err();
    assert_eq!(err.code, Code::Timeout, "{err}");

    let t = console_with(Arc::new(IdleBrowser), MINUTE);
    let conn = t.add_pkce_connection(&sim).await;
    let console = t.console.clone();
    let id = conn.id.clone();
    let pending = tokio::spawn(async move { console.sign_in(&id, false).await });
    // Cancel as soon as the sign-in is waiting for the browser, however long that takes
    // to happen on a busy machine (a cancel before then has nothing to cancel).
    for _ in 0..200 {
        tokio::time::sleep(Duration::from_millis(50)).await;
        t.console.cancel_sign_in(&conn.id);
        if pending.is_finished() {
            break;
        }
    }
    let err = pending.await.unwrap().unwrap_err();
    assert_eq!(err.code, Code::Cancelled);
    assert!(t.console.session().unwrap().is_none());
}

#[tokio::test(flavor = "multi_thread")]
async fn wrong_password_in_the_browser_never_completes_and_wrong_client_is_refused() {
    let sim = sim(cc_sim::SimConfig::default()).await;
    let t = console_with(
        Arc::new(PlayedBrowser::new(cc_sim::DEMO_SUPERVISOR_EMAIL, "wrong")),
        Duration::from_secs(2),
    );
    let conn = t.add_pkce_connection(&sim).await;
    assert_eq!(
        t.console.sign_in(&conn.id, false).await.unwrap_err().code,
        Code::Timeout
    );

    let unknown = t
        .console
        .save_connection(pkce_input(&sim.base_url(), "no-such-client"))
        .await
        .unwrap();
    let err = t.console.test_connection(&unknown.id).await.unwrap_err();
    assert_eq!(err.code, Code::AuthFailed, "{err}");
    let ok = t.console.test_connection(&conn.id).await.unwrap();
    assert!(ok.message.contains("accepts"), "{}", ok.message);
}

fn service_input(base: &str, secret: &str) -> ConnectionInput {
    ConnectionInput {
        id: None,
        name: "Reporting service".into(),
        region: None,
        base_url: Some(base.into()),
        client_id: cc_sim::DEMO_CLIENT_ID.into(),
        grant: Grant::ClientCredentials,
        client_secret: Some(secret.into()),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn client_credentials_use_the_secret_from_the_keyring() {
    let sim = sim(cc_sim::SimConfig::default()).await;
    let t = console_with(Arc::new(IdleBrowser), MINUTE);
    let conn = t
        .console
        .save_connection(service_input(&sim.base_url(), cc_sim::DEMO_CLIENT_SECRET))
        .await
        .unwrap();
    assert!(conn.has_client_secret);
    let stored = t
        .keyring
        .retrieve(&conn.id, SecretKind::ClientSecret)
        .unwrap()
        .unwrap();
    assert_eq!(stored.expose(), cc_sim::DEMO_CLIENT_SECRET);

    let session = t.console.sign_in(&conn.id, false).await.unwrap();
    assert_eq!(session.kind, IdentityKind::Service);
    assert!(session.user.is_none());
    assert!(
        session.organization.is_some(),
        "organization read from tokens/me"
    );
    assert!(t
        .console
        .test_connection(&conn.id)
        .await
        .unwrap()
        .message
        .contains("accepted"));

    let bad = t
        .console
        .save_connection(service_input(&sim.base_url(), "not-the-secret"))
        .await
        .unwrap();
    let err = t.console.sign_in(&bad.id, false).await.unwrap_err();
    assert_eq!(err.code, Code::AuthFailed, "{err}");

    t.console.remove_connection(&conn.id).await.unwrap();
    assert!(
        t.keyring
            .retrieve(&conn.id, SecretKind::ClientSecret)
            .unwrap()
            .is_none(),
        "secret removed with the connection"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_signs_in_its_supervisor_and_presence_round_trips() {
    let sim = sim(cc_sim::SimConfig::default()).await;
    let t = console_with(Arc::new(IdleBrowser), MINUTE);
    let session = t
        .console
        .start(Some(demo_of(&sim)))
        .await
        .unwrap()
        .expect("demo signed in at start");
    let user = session.user.unwrap();
    assert_eq!(user.id, sim.supervisor().id);
    let connections = t.console.list_connections().await.unwrap();
    assert_eq!(connections.len(), 1);
    assert!(connections[0].is_demo && connections[0].signed_in && connections[0].active);

    let options = t.console.presence_options().await.unwrap();
    let available = options
        .iter()
        .find(|o| o.system_presence == "Available")
        .expect("Available offered");
    let busy = options
        .iter()
        .find(|o| o.system_presence == "Busy")
        .unwrap();
    assert_eq!(
        t.console
            .set_presence(&busy.id)
            .await
            .unwrap()
            .system_presence,
        "Busy"
    );
    let presence = t.console.set_presence(&available.id).await.unwrap();
    assert_eq!(presence.definition_id, available.id);
    assert_eq!(presence.label, "Available");
    assert_eq!(
        t.console
            .session()
            .unwrap()
            .unwrap()
            .presence
            .unwrap()
            .system_presence,
        "Available"
    );

    // Read back independently, straight from the simulator's API.
    let token = service_token(&sim).await;
    let p: serde_json::Value = reqwest::Client::new()
        .get(format!(
            "{}/api/v2/users/{}/presences/purecloud",
            sim.base_url(),
            user.id
        ))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(p["presenceDefinition"]["id"], available.id.as_str());
}

#[tokio::test(flavor = "multi_thread")]
async fn short_lived_tokens_are_renewed_before_they_expire() {
    // Tokens that live 2 s are always within the renewal margin: every call renews first.
    let sim = sim(cc_sim::SimConfig {
        token_ttl: Duration::from_secs(2),
        ..Default::default()
    })
    .await;
    let browser = Arc::new(PlayedBrowser::new(
        cc_sim::DEMO_SUPERVISOR_EMAIL,
        cc_sim::DEFAULT_DEMO_PASSWORD,
    ));
    let t = console_with(browser, MINUTE);
    let conn = t.add_pkce_connection(&sim).await;
    t.console.sign_in(&conn.id, true).await.unwrap();
    let first = t
        .keyring
        .retrieve(&conn.id, SecretKind::RefreshToken)
        .unwrap()
        .unwrap();
    tokio::time::sleep(Duration::from_millis(2100)).await; // the first access token has expired
    t.console
        .refresh_session()
        .await
        .expect("renewed and answered");
    let second = t
        .keyring
        .retrieve(&conn.id, SecretKind::RefreshToken)
        .unwrap()
        .unwrap();
    assert_ne!(
        first.expose(),
        second.expose(),
        "rotation stored in the keyring"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn sign_out_revokes_on_the_platform_and_forgets_the_refresh_token() {
    let sim = sim(cc_sim::SimConfig::default()).await;
    let browser = Arc::new(PlayedBrowser::new(
        cc_sim::DEMO_SUPERVISOR_EMAIL,
        cc_sim::DEFAULT_DEMO_PASSWORD,
    ));
    let t = console_with(browser, MINUTE);
    let conn = t.add_pkce_connection(&sim).await;
    t.console.sign_in(&conn.id, true).await.unwrap();
    let refresh = t
        .keyring
        .retrieve(&conn.id, SecretKind::RefreshToken)
        .unwrap()
        .unwrap();
    t.console.sign_out(&conn.id).await.unwrap();
    assert!(t.console.session().unwrap().is_none());
    assert!(t
        .keyring
        .retrieve(&conn.id, SecretKind::RefreshToken)
        .unwrap()
        .is_none());
    let reuse = reqwest::Client::new()
        .post(format!("{}/oauth/token", sim.base_url()))
        .form(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh.expose()),
            ("client_id", cc_sim::DEMO_PKCE_CLIENT_ID),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(reuse.status(), 400, "revoked refresh token refused");
    assert_eq!(
        t.console.refresh_session().await.unwrap_err().code,
        Code::SignInRequired
    );
}
