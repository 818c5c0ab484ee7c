//! After signing in (PKCE with "stay signed in", a service connection and the demo), no
//! secret appears in the database, any file of the profile, or the log.

mod common;

use common::*;
use std::sync::Arc;
use std::time::Duration;
use supervisor_core::connections::{ConnectionInput, Grant};
use supervisor_core::secrets::SecretKind;

fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn no_secret_in_the_database_files_or_log() {
    let t = console_with(
        Arc::new(PlayedBrowser::new(
            cc_sim::DEMO_SUPERVISOR_EMAIL,
            cc_sim::DEFAULT_DEMO_PASSWORD,
        )),
        Duration::from_secs(60),
    );
    let log_dir = t.dir.path().join("logs");
    let guard = supervisor_core::logging::init(&log_dir, "test").unwrap();
    let sim = sim(cc_sim::SimConfig::default()).await;

    let person = t
        .console
        .save_connection(pkce_input(&sim.base_url(), cc_sim::DEMO_PKCE_CLIENT_ID))
        .await
        .unwrap();
    t.console.sign_in(&person.id, true).await.unwrap();
    let service = t
        .console
        .save_connection(ConnectionInput {
            id: None,
            name: "Service".into(),
            region: None,
            base_url: Some(sim.base_url()),
            client_id: cc_sim::DEMO_CLIENT_ID.into(),
            grant: Grant::ClientCredentials,
            client_secret: Some(cc_sim::DEMO_CLIENT_SECRET.into()),
        })
        .await
        .unwrap();
    t.console.sign_in(&service.id, false).await.unwrap();
    let refresh = t
        .keyring
        .retrieve(&person.id, SecretKind::RefreshToken)
        .unwrap()
        .unwrap();
    drop(guard); // flush the log

    let secrets = [
        refresh.expose().as_str(),
        cc_sim::DEMO_CLIENT_SECRET,
        cc_sim::DEFAULT_DEMO_PASSWORD,
    ];
    let files = files_under(t.dir.path());
    assert!(
        files
            .iter()
            .any(|f| f.extension().is_some_and(|e| e == "sqlite3")),
        "database written"
    );
    assert!(
        files
            .iter()
            .any(|f| f.extension().is_some_and(|e| e == "log")),
        "log written"
    );
    let log: String = files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "log"))
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    assert!(
        log.contains("signed in"),
        "the log records the sign-in: {log}"
    );
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for secret in secrets {
            // The demo password "demo" is a common word; look for it as a value only.
            let needle = if secret == cc_sim::DEFAULT_DEMO_PASSWORD {
                format!("password={secret}")
            } else {
                secret.to_owned()
            };
            assert!(
                !text.contains(&needle),
                "{} contains a secret",
                file.display()
            );
        }
    }
}
