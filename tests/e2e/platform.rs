//! Reads the simulator's state through its own API, independently of the app.

use serde_json::Value;

/// A service token from the demo inside the app. The demo starts listening once its
/// history is generated, which on a first start may take a few seconds after the window
/// shows, so a refused connection is retried for a while.
pub async fn service_token(base: &str) -> String {
    let deadline = std::time::Instant::now() + crate::harness::UI_WAIT;
    let response = loop {
        let sent = reqwest::Client::new()
            .post(format!("{base}/oauth/token"))
            .basic_auth(cc_sim::DEMO_CLIENT_ID, Some(cc_sim::DEMO_CLIENT_SECRET))
            .form(&[("grant_type", "client_credentials")])
            .send()
            .await;
        match sent {
            Ok(r) => break r,
            Err(e) if e.is_connect() && std::time::Instant::now() < deadline => {
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            }
            Err(e) => panic!("the demo's token endpoint never answered: {e}"),
        }
    };
    let v: Value = response.json().await.unwrap();
    v["access_token"].as_str().expect("access token").to_owned()
}

pub async fn get(base: &str, path: &str) -> Value {
    let token = service_token(base).await;
    reqwest::Client::new()
        .get(format!("{base}{path}"))
        .bearer_auth(token)
        .send()
        .await
        .expect("platform answers")
        .json()
        .await
        .unwrap()
}

/// The demo organization's supervisor, as the simulator lists it.
pub async fn user_by_email(base: &str, email: &str) -> Value {
    let users = get(base, "/api/v2/users?pageSize=100").await;
    users["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == email)
        .cloned()
        .unwrap_or_else(|| panic!("{email} not among the users"))
}
