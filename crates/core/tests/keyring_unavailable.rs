//! With no Secret Service reachable, keyring calls fail with a coded error that says what
//! to do, nothing panics, and what needs no secret still works. (Its own test binary: it
//! points this process's D-Bus address at nothing.)

mod common;

use common::*;
use std::sync::{Arc, Once};
use std::time::Duration;
use supervisor_core::connections::{ConnectionInput, Grant};
use supervisor_core::secrets::{Keyring, SecretKind, Sensitive};
use supervisor_core::Code;

fn no_session_bus() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let dir = std::env::temp_dir().join(format!("sc-no-bus-{}", std::process::id()));
        // SAFETY: set once, before any test thread talks to D-Bus.
        unsafe {
            std::env::set_var(
                "DBUS_SESSION_BUS_ADDRESS",
                format!("unix:path={}/no-bus-here", dir.display()),
            );
        }
    });
}

#[test]
fn no_reachable_keyring_is_a_clear_coded_error() {
    no_session_bus();
    let keyring = Keyring::with_service("supervisor-console-test-unreachable");
    let err = keyring
        .persist(
            "c1",
            SecretKind::ClientSecret,
            &Sensitive::new("s".to_string()),
        )
        .unwrap_err();
    assert_eq!(err.code, Code::KeyringUnavailable, "{err}");
    assert!(err.message.contains("keyring"), "{}", err.message);
    let err = keyring
        .retrieve("c1", SecretKind::RefreshToken)
        .unwrap_err();
    assert_eq!(err.code, Code::KeyringUnavailable, "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn without_a_keyring_a_service_connection_is_refused_and_nothing_is_left_behind() {
    no_session_bus();
    let t = console_with(Arc::new(IdleBrowser), Duration::from_secs(5));
    let err = t
        .console
        .save_connection(ConnectionInput {
            id: None,
            name: "Service".into(),
            region: Some("eu_west_1".into()),
            base_url: None,
            client_id: "id".into(),
            grant: Grant::ClientCredentials,
            client_secret: Some("secret".into()),
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, Code::KeyringUnavailable, "{err}");
    assert!(
        t.console.list_connections().await.unwrap().is_empty(),
        "no half-saved connection"
    );

    // A person's connection needs no secret to be saved, and signing out still works.
    let person = t
        .console
        .save_connection(pkce_input("https://api.mypurecloud.ie", "id"))
        .await
        .unwrap();
    t.console
        .sign_out(&person.id)
        .await
        .expect("sign-out works without a keyring");
}
