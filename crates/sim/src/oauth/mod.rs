//! The login host: `POST /oauth/token` and the `/oauth/authorize` sign-in page.
//!
//! Errors here use the OAuth shape (`{"error","description","error_description"}`), not
//! `ErrorBody`, because that is what login hosts answer and what SDKs show.

mod authorize;
mod page;
mod token;

use std::sync::Arc;

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::app::AppState;

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/oauth/token", post(token::token))
        .route(
            "/oauth/authorize",
            get(authorize::show).post(authorize::submit),
        )
}

/// An OAuth error response (RFC 6749 §5.2), with Genesys' `description` alongside the
/// standard `error_description`.
#[derive(Debug)]
pub struct OAuthError {
    status: StatusCode,
    error: &'static str,
    description: String,
}

impl OAuthError {
    pub fn invalid_client(description: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "invalid_client", description)
    }

    pub fn invalid_grant(description: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_grant", description)
    }

    pub fn invalid_request(description: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_request", description)
    }

    pub fn new(status: StatusCode, error: &'static str, description: impl Into<String>) -> Self {
        OAuthError {
            status,
            error,
            description: description.into(),
        }
    }
}

impl From<rusqlite::Error> for OAuthError {
    fn from(e: rusqlite::Error) -> Self {
        tracing::error!("simulator database error: {e}");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "server_error",
            "The server encountered an unexpected error.",
        )
    }
}

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "error": self.error,
            "description": self.description,
            "error_description": self.description,
        });
        let mut response = (self.status, Json(body)).into_response();
        no_store(response.headers_mut());
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"oauth\""),
            );
        }
        response
    }
}

/// Token and sign-in responses must never be cached (RFC 6749 §5.1).
pub fn no_store(headers: &mut HeaderMap) {
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
}

/// `(client_id, client_secret)` from an `Authorization: Basic` header, if there is one.
pub fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    Some((id.to_string(), secret.to_string()))
}

/// A fresh unguessable token (256 random bits, base64url).
pub fn random_token() -> String {
    URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>())
}

/// The S256 PKCE challenge of a verifier (RFC 7636 §4.2).
pub fn s256_challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// Whether `s` is 43 to 128 characters of the PKCE alphabet (RFC 7636 §4.1), which both
/// verifiers and S256 challenges satisfy.
pub fn is_pkce_string(s: &str) -> bool {
    (43..=128).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
}

/// A redirect URI a native app may use: plain http to a loopback host, any port, any path
/// (RFC 8252 §7.3). Anything else would let a sign-in leak its code to another host.
pub fn loopback_redirect(raw: &str) -> Option<url::Url> {
    let url = url::Url::parse(raw).ok()?;
    let loopback = match url.host()? {
        url::Host::Domain(d) => d.eq_ignore_ascii_case("localhost"),
        url::Host::Ipv4(ip) => ip == std::net::Ipv4Addr::LOCALHOST,
        url::Host::Ipv6(ip) => ip == std::net::Ipv6Addr::LOCALHOST,
    };
    let acceptable = url.scheme() == "http"
        && loopback
        && url.fragment().is_none()
        && url.username().is_empty()
        && url.password().is_none();
    acceptable.then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_redirects_on_any_port_and_path() {
        for ok in [
            "http://127.0.0.1:53682/callback",
            "http://localhost/",
            "http://[::1]:9/a/b?x=1",
        ] {
            assert!(
                loopback_redirect(ok).is_some(),
                "{ok} is a loopback redirect"
            );
        }
        for bad in [
            "https://127.0.0.1/cb",
            "http://evil.example/cb",
            "http://127.0.0.2/cb",
            "http://localhost.evil.example/cb",
            "http://user@127.0.0.1/cb",
            "http://127.0.0.1/cb#frag",
            "not a url",
        ] {
            assert!(loopback_redirect(bad).is_none(), "{bad} must be refused");
        }
    }

    #[test]
    fn s256_is_unpadded_base64url_of_sha256() {
        // Expected value computed independently with Python's hashlib and base64.
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gZWFOEjXk";
        assert_eq!(
            s256_challenge(verifier),
            "f7Gnl8yE2HqPO3jWgUcBsbk1zQozsHeU3CvdI3GaI_M"
        );
        assert!(is_pkce_string(verifier));
    }
}
