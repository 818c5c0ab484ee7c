//! Adding a connection to a separately started simulator, signing in through the browser
//! (PKCE; the test plays the browser), and signing out.

use crate::harness::{App, UI_WAIT};
use std::collections::HashMap;
use std::net::SocketAddr;

/// Does what a person does in the browser: opens the sign-in page, submits the form and
/// follows the redirect back to the app's loopback listener.
async fn play_browser(url: &str, email: &str, password: &str) {
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let url = url::Url::parse(url).expect("the app opened a URL");
    let page = http.get(url.clone()).send().await.unwrap();
    assert!(
        page.status().is_success(),
        "sign-in page: {}",
        page.status()
    );
    let mut form: Vec<(String, String)> = url
        .query_pairs()
        .into_owned()
        .collect::<HashMap<_, _>>()
        .into_iter()
        .collect();
    form.extend([
        ("email".into(), email.into()),
        ("password".into(), password.into()),
        ("action".into(), "signin".into()),
    ]);
    let resp = http
        .post(url.join("/oauth/authorize").unwrap())
        .form(&form)
        .send()
        .await
        .unwrap();
    let location = resp
        .headers()
        .get("location")
        .expect("redirected back to the app")
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        location.starts_with("http://127.0.0.1:"),
        "loopback redirect: {location}"
    );
    let done = http.get(&location).send().await.unwrap();
    assert_eq!(done.status(), 200);
    assert!(done.text().await.unwrap().contains("close this tab"));
}

fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(files_under(&path));
            } else {
                out.push(path);
            }
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn add_a_connection_sign_in_with_pkce_and_sign_out() {
    let sim = cc_sim::serve(
        cc_sim::SimConfig {
            seed: 7,
            ..Default::default()
        },
        SocketAddr::from(([127, 0, 0, 1], 0)),
    )
    .await
    .unwrap();
    // Sign in as someone other than the demo supervisor, so the header visibly changes.
    let person = sim
        .users()
        .into_iter()
        .find(|u| u.email != cc_sim::DEMO_SUPERVISOR_EMAIL)
        .unwrap();

    let app = App::launch().await;
    let d = &app.driver;
    d.wait_for("[data-testid=session-user-name]", UI_WAIT).await;
    d.click(&d.find("[data-testid=nav-connections]").await.unwrap())
        .await
        .unwrap();
    d.click(&d.wait_for("[data-testid=add-connection]", UI_WAIT).await)
        .await
        .unwrap();
    d.wait_for("[data-testid=connection-dialog]", UI_WAIT).await;
    d.type_text(
        &d.find("[data-testid=conn-name]").await.unwrap(),
        "Local simulator",
    )
    .await
    .unwrap();
    d.click(&d.find("[data-testid=conn-location-url]").await.unwrap())
        .await
        .unwrap();
    d.type_text(
        &d.wait_for("[data-testid=conn-base-url]", UI_WAIT).await,
        &sim.base_url(),
    )
    .await
    .unwrap();
    d.type_text(
        &d.find("[data-testid=conn-client-id]").await.unwrap(),
        cc_sim::DEMO_PKCE_CLIENT_ID,
    )
    .await
    .unwrap();
    d.click(&d.find("[data-testid=conn-grant-pkce]").await.unwrap())
        .await
        .unwrap();
    app.screenshot("add-connection").await;
    d.click(&d.find("[data-testid=conn-save]").await.unwrap())
        .await
        .unwrap();

    let row = "[data-testid=connection-row][data-connection-name='Local simulator']";
    d.wait_text(
        &format!("{row} [data-testid=connection-status]"),
        UI_WAIT,
        |t| t.contains("Signed out"),
    )
    .await;
    if let Ok(stay) = d
        .find(&format!("{row} [data-testid=conn-stay-signed-in]"))
        .await
    {
        d.click(&stay).await.unwrap();
    }
    d.click(
        &d.find(&format!("{row} [data-testid=connection-sign-in]"))
            .await
            .unwrap(),
    )
    .await
    .unwrap();
    let url = app.next_browser_url().await;
    assert!(
        url.starts_with(&format!("{}/oauth/authorize?", sim.base_url())),
        "{url}"
    );
    play_browser(&url, &person.email, cc_sim::DEFAULT_DEMO_PASSWORD).await;

    d.wait_text(
        &format!("{row} [data-testid=connection-status]"),
        UI_WAIT,
        |t| t.contains("Signed in"),
    )
    .await;
    d.wait_text("[data-testid=session-user-name]", UI_WAIT, |t| {
        t == person.name
    })
    .await;
    app.screenshot("signed-in-pkce").await;

    // Nothing secret at rest: the stored refresh token appears in no file of the profile.
    let db = rusqlite::Connection::open(app.app_dir().join("console.sqlite3")).unwrap();
    let id: String = db
        .query_row(
            "SELECT id FROM connections WHERE name = 'Local simulator'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let refresh = keyring::Entry::new("supervisor-console-dev", &format!("{id}/refresh-token"))
        .unwrap()
        .get_password()
        .expect("stay signed in keeps the refresh token in the keyring");
    for file in files_under(app.profile.path()) {
        let text = String::from_utf8_lossy(&std::fs::read(&file).unwrap()).into_owned();
        assert!(
            !text.contains(&refresh),
            "{} holds the refresh token",
            file.display()
        );
        assert!(
            !text.contains(cc_sim::DEMO_CLIENT_SECRET),
            "{} holds the demo client secret",
            file.display()
        );
    }

    d.click(
        &d.find(&format!("{row} [data-testid=connection-sign-out]"))
            .await
            .unwrap(),
    )
    .await
    .unwrap();
    d.wait_text(
        &format!("{row} [data-testid=connection-status]"),
        UI_WAIT,
        |t| t.contains("Signed out"),
    )
    .await;
    d.wait_for("[data-testid=signed-out]", UI_WAIT).await;
    app.screenshot("signed-out").await;
    let gone = keyring::Entry::new("supervisor-console-dev", &format!("{id}/refresh-token"))
        .unwrap()
        .get_password();
    assert!(
        matches!(gone, Err(keyring::Error::NoEntry)),
        "sign-out forgets the refresh token"
    );
    app.close().await;
}
