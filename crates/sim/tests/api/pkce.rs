//! The desktop sign-in: authorization code with PKCE through the sign-in page.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use cc_sim::{
    SimHandle, DEFAULT_DEMO_PASSWORD, DEMO_CLIENT_ID, DEMO_PKCE_CLIENT_ID, DEMO_SUPERVISOR_EMAIL,
};
use sha2::{Digest, Sha256};

use crate::common::*;

const REDIRECT: &str = "http://127.0.0.1:53682/callback";
/// A state with characters that must be escaped in HTML and encoded in URLs.
const STATE: &str = "st\"ate <&> x=1&y";

fn challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

fn verifier() -> String {
    URL_SAFE_NO_PAD.encode(uuid::Uuid::new_v4().as_bytes()) + "-pkce-verifier-padding-0123456789"
}

fn authorize_url(
    sim: &SimHandle,
    client_id: &str,
    redirect: &str,
    challenge: Option<&str>,
) -> String {
    let mut url = url::Url::parse(&format!("{}/oauth/authorize", sim.base_url())).unwrap();
    {
        let mut q = url.query_pairs_mut();
        q.append_pair("client_id", client_id)
            .append_pair("redirect_uri", redirect)
            .append_pair("response_type", "code")
            .append_pair("state", STATE);
        if let Some(c) = challenge {
            q.append_pair("code_challenge", c)
                .append_pair("code_challenge_method", "S256");
        }
    }
    url.to_string()
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The hidden inputs of the sign-in form, as a browser would submit them.
fn hidden_fields(html: &str) -> Vec<(String, String)> {
    html.split("<input type=\"hidden\" name=\"")
        .skip(1)
        .map(|rest| {
            let (name, rest) = rest.split_once('"').unwrap();
            let value = rest
                .split_once("value=\"")
                .unwrap()
                .1
                .split_once('"')
                .unwrap()
                .0;
            (name.to_string(), unescape(value))
        })
        .collect()
}

async fn sign_in_page(url: &str) -> (u16, String) {
    let response = http().get(url).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

async fn submit(sim: &SimHandle, fields: &[(String, String)]) -> reqwest::Response {
    http()
        .post(format!("{}/oauth/authorize", sim.base_url()))
        .form(fields)
        .send()
        .await
        .unwrap()
}

fn location(response: &reqwest::Response) -> url::Url {
    assert_eq!(response.status(), 302, "sign-in answers with a redirect");
    url::Url::parse(response.headers()["location"].to_str().unwrap()).unwrap()
}

fn query(url: &url::Url, name: &str) -> Option<String> {
    url.query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// Signs in through the page and returns the authorization code.
async fn sign_in(sim: &SimHandle, client_id: &str, verifier: &str) -> String {
    let url = authorize_url(sim, client_id, REDIRECT, Some(&challenge(verifier)));
    let (status, html) = sign_in_page(&url).await;
    assert_eq!(status, 200);
    let mut fields = hidden_fields(&html);
    fields.push(("email".into(), DEMO_SUPERVISOR_EMAIL.into()));
    fields.push(("password".into(), DEFAULT_DEMO_PASSWORD.into()));
    fields.push(("action".into(), "signin".into()));
    let back = location(&submit(sim, &fields).await);
    assert!(
        back.as_str().starts_with(&format!("{REDIRECT}?")),
        "back to the app: {back}"
    );
    assert_eq!(
        query(&back, "state").as_deref(),
        Some(STATE),
        "state comes back unchanged"
    );
    query(&back, "code").expect("a code")
}

fn exchange<'a>(code: &'a str, verifier: &'a str, client_id: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("grant_type", "authorization_code"),
        ("code", code),
        ("code_verifier", verifier),
        ("client_id", client_id),
        ("redirect_uri", REDIRECT),
    ]
}

#[tokio::test]
async fn pkce_sign_in_end_to_end() {
    let sim = start().await;
    let url = authorize_url(
        &sim,
        DEMO_PKCE_CLIENT_ID,
        REDIRECT,
        Some(&challenge("x".repeat(43).as_str())),
    );
    let (_, html) = sign_in_page(&url).await;
    assert!(
        html.contains("<form") && html.contains("name=\"password\""),
        "a sign-in form"
    );
    assert!(
        !html.contains(STATE),
        "the raw state must not appear unescaped"
    );
    assert!(
        html.contains("st&quot;ate &lt;&amp;&gt;"),
        "the state is HTML-escaped"
    );

    let verifier = verifier();
    let code = sign_in(&sim, DEMO_PKCE_CLIENT_ID, &verifier).await;

    let wrong = token_request(
        &sim,
        &exchange(&code, &"w".repeat(50), DEMO_PKCE_CLIENT_ID),
        false,
    )
    .await;
    assert_eq!(
        (wrong.status.as_u16(), wrong.body["error"].as_str()),
        (400, Some("invalid_grant"))
    );

    let ok = token_request(
        &sim,
        &exchange(&code, &verifier, DEMO_PKCE_CLIENT_ID),
        false,
    )
    .await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    let token = ok.body["access_token"].as_str().unwrap();
    let me = get(&sim, token, "/api/v2/users/me").await;
    assert_eq!(me.body["email"], DEMO_SUPERVISOR_EMAIL);
    assert_eq!(
        get(&sim, token, "/api/v2/tokens/me").await.body["OAuthClient"]["authorizedGrantType"],
        "CODE"
    );

    let reused = token_request(
        &sim,
        &exchange(&code, &verifier, DEMO_PKCE_CLIENT_ID),
        false,
    )
    .await;
    assert_eq!(
        (reused.status.as_u16(), reused.body["error"].as_str()),
        (400, Some("invalid_grant")),
        "codes are one-time"
    );

    // A public client refreshes with its client_id alone.
    let refresh = ok.body["refresh_token"].as_str().unwrap();
    let form = [
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh),
        ("client_id", DEMO_PKCE_CLIENT_ID),
    ];
    let renewed = token_request(&sim, &form, false).await;
    assert_eq!(renewed.status, 200, "{}", renewed.body);
    assert_ne!(renewed.body["refresh_token"], ok.body["refresh_token"]);
    sim.shutdown().await;
}

#[tokio::test]
async fn confidential_client_exchanges_a_pkce_code_with_basic_auth() {
    let sim = start().await;
    let verifier = verifier();
    let code = sign_in(&sim, DEMO_CLIENT_ID, &verifier).await;
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("code_verifier", verifier.as_str()),
        ("redirect_uri", REDIRECT),
    ];
    let r = token_request(&sim, &form, true).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(
        r.body["refresh_token"].is_string(),
        "the code grant returns a refresh token"
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn redirect_uri_must_be_loopback_and_client_known() {
    let sim = start().await;
    let c = challenge(&verifier());
    for (client, redirect) in [
        (DEMO_PKCE_CLIENT_ID, "https://evil.example/callback"),
        (DEMO_PKCE_CLIENT_ID, "http://10.0.0.1:8080/callback"),
        ("no-such-client", REDIRECT),
    ] {
        let response = http()
            .get(authorize_url(&sim, client, redirect, Some(&c)))
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            400,
            "{client} {redirect} must be refused"
        );
        assert!(
            response.headers().get("location").is_none(),
            "never redirect to an unverified URI"
        );
        assert!(response.text().await.unwrap().contains("rejected"));
    }
    // Any loopback port and path is fine (RFC 8252).
    for redirect in ["http://localhost:1/x", "http://[::1]:65000/a/b"] {
        let response = http()
            .get(authorize_url(&sim, DEMO_PKCE_CLIENT_ID, redirect, Some(&c)))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{redirect} is a loopback redirect");
    }
    sim.shutdown().await;
}

#[tokio::test]
async fn public_client_must_send_a_code_challenge() {
    let sim = start().await;
    let response = http()
        .get(authorize_url(&sim, DEMO_PKCE_CLIENT_ID, REDIRECT, None))
        .send()
        .await
        .unwrap();
    let back = location(&response);
    assert_eq!(query(&back, "error").as_deref(), Some("invalid_request"));
    assert_eq!(query(&back, "state").as_deref(), Some(STATE));
    sim.shutdown().await;
}

#[tokio::test]
async fn wrong_password_reshows_the_page_and_cancel_denies() {
    let sim = start().await;
    let url = authorize_url(
        &sim,
        DEMO_PKCE_CLIENT_ID,
        REDIRECT,
        Some(&challenge(&verifier())),
    );
    let (_, html) = sign_in_page(&url).await;
    let fields = hidden_fields(&html);

    let mut wrong = fields.clone();
    wrong.push(("email".into(), DEMO_SUPERVISOR_EMAIL.into()));
    wrong.push(("password".into(), "nope".into()));
    wrong.push(("action".into(), "signin".into()));
    let response = submit(&sim, &wrong).await;
    assert_eq!(response.status(), 401);
    let page = response.text().await.unwrap();
    assert!(page.contains("incorrect"), "the page explains the failure");
    assert!(
        page.contains(DEMO_SUPERVISOR_EMAIL),
        "the email stays filled in"
    );

    let mut cancel = fields;
    cancel.push(("action".into(), "cancel".into()));
    let back = location(&submit(&sim, &cancel).await);
    assert_eq!(query(&back, "error").as_deref(), Some("access_denied"));
    assert!(query(&back, "error_description").is_some());
    assert_eq!(query(&back, "state").as_deref(), Some(STATE));
    assert!(query(&back, "code").is_none());
    sim.shutdown().await;
}
