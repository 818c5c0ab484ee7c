//! Helpers shared by the integration tests: starting a simulator and talking to it.

use cc_sim::{
    serve, SimConfig, SimHandle, DEFAULT_DEMO_PASSWORD, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET,
};
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde_json::Value;

pub async fn start() -> SimHandle {
    start_with(SimConfig::default()).await
}

pub async fn start_with(config: SimConfig) -> SimHandle {
    serve(config, "127.0.0.1:0".parse().unwrap())
        .await
        .expect("the simulator starts")
}

/// A client that does not follow redirects, so tests can inspect them.
pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

pub async fn reply(response: reqwest::Response) -> Reply {
    let status = response.status();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap();
    let body = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
    };
    Reply {
        status,
        headers,
        body,
    }
}

/// POSTs a form to `/oauth/token`, with Basic auth for the demo client when `basic`.
pub async fn token_request(sim: &SimHandle, form: &[(&str, &str)], basic: bool) -> Reply {
    let mut request = http()
        .post(format!("{}/oauth/token", sim.base_url()))
        .form(form);
    if basic {
        request = request.basic_auth(DEMO_CLIENT_ID, Some(DEMO_CLIENT_SECRET));
    }
    reply(request.send().await.unwrap()).await
}

pub async fn client_token(sim: &SimHandle) -> String {
    let r = token_request(sim, &[("grant_type", "client_credentials")], true).await;
    assert_eq!(r.status, 200, "client credentials grant: {}", r.body);
    r.body["access_token"].as_str().unwrap().to_string()
}

/// The full token response of a password grant for `email`.
pub async fn password_grant(sim: &SimHandle, email: &str) -> Value {
    let form = [
        ("grant_type", "password"),
        ("username", email),
        ("password", DEFAULT_DEMO_PASSWORD),
    ];
    let r = token_request(sim, &form, true).await;
    assert_eq!(r.status, 200, "password grant: {}", r.body);
    r.body
}

pub async fn user_token(sim: &SimHandle, email: &str) -> String {
    password_grant(sim, email).await["access_token"]
        .as_str()
        .unwrap()
        .to_string()
}

/// GETs `path_and_query` (sent exactly as written) with a bearer token.
pub async fn get(sim: &SimHandle, token: &str, path_and_query: &str) -> Reply {
    let response = http()
        .get(format!("{}{path_and_query}", sim.base_url()))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    reply(response).await
}

/// Asserts the `ErrorBody` shape, and that `contextId` is this response's correlation id.
pub fn assert_error_body(r: &Reply, status: u16, code: &str) {
    assert_eq!(r.status.as_u16(), status, "status of {}", r.body);
    let b = &r.body;
    assert_eq!(b["status"], status, "ErrorBody.status: {b}");
    assert_eq!(b["code"], code, "ErrorBody.code: {b}");
    assert!(
        b["message"].as_str().is_some_and(|m| !m.is_empty()),
        "message: {b}"
    );
    assert_eq!(b["details"], serde_json::json!([]), "details: {b}");
    assert_eq!(b["errors"], serde_json::json!([]), "errors: {b}");
    let header = r.headers["inin-correlation-id"].to_str().unwrap();
    assert_eq!(
        b["contextId"], header,
        "contextId must equal inin-correlation-id"
    );
    assert!(
        r.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json"),
        "ErrorBody is JSON"
    );
}
