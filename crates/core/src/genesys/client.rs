//! The HTTP client for the Genesys Cloud Platform API: bearer auth, bounded retries for
//! 429/503 that honour `Retry-After`, typed errors from `ErrorBody`, and JSON decode errors
//! that name the field.

use super::wire::ErrorBody;
use crate::error::{Code, Error};
use crate::secrets::Sensitive;
use async_trait::async_trait;
use rand::Rng;
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::sync::Arc;
use std::time::Duration;
use tracing::Instrument;

/// How many times one request is sent at most when the platform asks to wait.
pub const MAX_ATTEMPTS: u32 = 5;
/// No single wait is longer than this, whatever `Retry-After` says.
const MAX_WAIT: Duration = Duration::from_secs(30);

/// Gives the client a valid access token, renewing it first when it is about to expire.
#[async_trait]
pub trait TokenSource: Send + Sync {
    async fn access_token(&self) -> Result<Sensitive<String>, Error>;
}

/// Why a Platform API call failed, in the adapter's terms.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{status}: {message}")]
    Status {
        status: StatusCode,
        message: String,
        code: Option<String>,
        correlation_id: Option<String>,
    },
    #[error("the platform could not be reached: {0}")]
    Transport(String),
    #[error("the platform did not answer in time")]
    Timeout,
    #[error("unexpected response at `{path}`: {message}")]
    Decode { path: String, message: String },
    #[error(transparent)]
    Auth(Error),
}

impl From<ApiError> for Error {
    fn from(e: ApiError) -> Self {
        match e {
            ApiError::Status {
                status, message, ..
            } => {
                let code = match status {
                    StatusCode::UNAUTHORIZED => Code::SignInRequired,
                    StatusCode::FORBIDDEN => Code::PermissionDenied,
                    StatusCode::NOT_FOUND => Code::NotFound,
                    StatusCode::TOO_MANY_REQUESTS => Code::RateLimited,
                    _ => Code::Platform,
                };
                let message = match code {
                    Code::SignInRequired => format!("The session has ended; sign in again. ({message})"),
                    Code::RateLimited => format!("The platform is rate limiting requests; try again in a minute. ({message})"),
                    _ => message,
                };
                Error::new(code, message)
            }
            ApiError::Transport(m) => Error::new(Code::Network, format!("The contact center could not be reached: {m}")),
            ApiError::Timeout => Error::new(Code::Timeout, "The contact center did not answer in time."),
            ApiError::Decode { path, message } => Error::new(
                Code::Platform,
                format!("The contact center sent a response the console cannot read (field `{path}`: {message})."),
            ),
            ApiError::Auth(e) => e,
        }
    }
}

/// Describes a reqwest failure without the URL's query (which could carry a code).
pub fn transport_error(e: &reqwest::Error) -> ApiError {
    if e.is_timeout() {
        return ApiError::Timeout;
    }
    let mut text = if e.is_connect() {
        "connection refused or host not found".to_owned()
    } else {
        "the connection failed".to_owned()
    };
    if let Some(host) = e.url().and_then(|u| u.host_str()) {
        text.push_str(&format!(" ({host})"));
    }
    ApiError::Transport(text)
}

/// Decodes JSON, naming the field that did not fit. Tracking the path costs about a third
/// of the decode on large pages, so it is done only again after a failure.
///
/// A body that is valid UTF-8 as a whole (every body the platform sends) is read as text:
/// checked once, fast, instead of string by string, which took a fifth of the decode.
pub fn decode<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, ApiError> {
    let parsed = match std::str::from_utf8(bytes) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(bytes),
    };
    if let Ok(value) = parsed {
        return Ok(value);
    }
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| ApiError::Decode {
        path: e.path().to_string(),
        message: e.inner().to_string(),
    })
}

/// The shared reqwest client: rustls, timeouts, our user agent.
pub fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .user_agent(concat!("SupervisorConsole/", env!("CARGO_PKG_VERSION")))
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(60))
        .build()
        .expect("a TLS backend is compiled in")
}

/// How long to wait before attempt `attempt + 1`: the server's `Retry-After` when given,
/// otherwise exponential backoff; always with up to 20% jitter so a crowd of clients
/// does not come back at the same instant.
pub fn retry_delay(retry_after: Option<Duration>, attempt: u32) -> Duration {
    let base = retry_after
        .unwrap_or_else(|| Duration::from_millis(250u64.saturating_mul(1 << attempt.min(6))))
        .min(MAX_WAIT);
    let jitter = rand::rng().random_range(0.0..0.2);
    base + base.mul_f64(jitter)
}

fn parse_retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
        .map(Duration::from_secs)
}

/// A client bound to one API base and one token source.
#[derive(Clone)]
pub struct GenesysClient {
    http: reqwest::Client,
    api_base: String,
    tokens: Arc<dyn TokenSource>,
}

impl GenesysClient {
    pub fn new(http: reqwest::Client, api_base: &str, tokens: Arc<dyn TokenSource>) -> Self {
        Self {
            http,
            api_base: api_base.trim_end_matches('/').to_owned(),
            tokens,
        }
    }

    /// The HTTP client, for signed links that take no bearer token.
    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    pub async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, &str)],
    ) -> Result<T, ApiError> {
        let bytes = self.send(Method::GET, path, query, None).await?;
        decode(&bytes)
    }

    pub async fn post<T: DeserializeOwned>(
        &self,
        path: &str,
        body: serde_json::Value,
    ) -> Result<T, ApiError> {
        let bytes = self.send(Method::POST, path, &[], Some(body)).await?;
        decode(&bytes)
    }

    pub async fn patch<T: DeserializeOwned>(
        &self,
        path: &str,
        body: serde_json::Value,
    ) -> Result<T, ApiError> {
        let bytes = self.send(Method::PATCH, path, &[], Some(body)).await?;
        decode(&bytes)
    }

    pub async fn delete(&self, path: &str) -> Result<(), ApiError> {
        self.send(Method::DELETE, path, &[], None).await.map(|_| ())
    }

    /// Sends one request, retrying 429 and 503 a bounded number of times.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, &str)],
        body: Option<serde_json::Value>,
    ) -> Result<Vec<u8>, ApiError> {
        let span = tracing::info_span!("platform_request", %method, path, correlation_id = tracing::field::Empty, status = tracing::field::Empty);
        async move {
            let url = format!("{}{}", self.api_base, path);
            let mut attempt = 0;
            loop {
                let token = self.tokens.access_token().await.map_err(ApiError::Auth)?;
                let mut req = self
                    .http
                    .request(method.clone(), &url)
                    .bearer_auth(token.expose())
                    .header(reqwest::header::ACCEPT, "application/json")
                    .query(query);
                if let Some(b) = &body {
                    req = req.json(b);
                }
                let resp = req.send().await.map_err(|e| transport_error(&e))?;
                let status = resp.status();
                let correlation = resp
                    .headers()
                    .get("inin-correlation-id")
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned);
                let span = tracing::Span::current();
                span.record("status", status.as_u16());
                if let Some(c) = &correlation {
                    span.record("correlation_id", c.as_str());
                }
                let retryable = status == StatusCode::TOO_MANY_REQUESTS
                    || status == StatusCode::SERVICE_UNAVAILABLE;
                if retryable && attempt + 1 < MAX_ATTEMPTS {
                    let wait = retry_delay(parse_retry_after(resp.headers()), attempt);
                    tracing::warn!(
                        status = status.as_u16(),
                        wait_ms = wait.as_millis() as u64,
                        attempt,
                        "platform asked to wait; retrying"
                    );
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                    continue;
                }
                let bytes = resp.bytes().await.map_err(|e| transport_error(&e))?;
                if status.is_success() {
                    return Ok(Vec::from(bytes));
                }
                let err: ErrorBody = serde_json::from_slice(&bytes).unwrap_or_default();
                tracing::warn!(
                    status = status.as_u16(),
                    code = err.code.as_deref().unwrap_or(""),
                    "platform request failed"
                );
                return Err(ApiError::Status {
                    status,
                    message: err
                        .message
                        .unwrap_or_else(|| status.canonical_reason().unwrap_or("error").to_owned()),
                    code: err.code,
                    correlation_id: correlation.or(err.context_id),
                });
            }
        }
        .instrument(span)
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Outer {
        inner: Inner,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        count: u32,
    }

    #[test]
    fn decode_errors_name_the_field() {
        let err = decode::<Outer>(br#"{"inner":{"count":"many"}}"#).unwrap_err();
        match err {
            ApiError::Decode { path, .. } => assert_eq!(path, "inner.count"),
            other => panic!("expected a decode error, got {other:?}"),
        }
    }

    #[test]
    fn retry_delay_honours_retry_after_with_bounded_jitter() {
        for attempt in 0..4 {
            let d = retry_delay(Some(Duration::from_secs(2)), attempt);
            assert!(
                d >= Duration::from_secs(2) && d <= Duration::from_millis(2400),
                "{d:?}"
            );
        }
        let capped = retry_delay(Some(Duration::from_secs(3600)), 0);
        assert!(capped <= MAX_WAIT.mul_f64(1.2));
        let backoff = retry_delay(None, 2);
        assert!(backoff >= Duration::from_millis(1000) && backoff <= Duration::from_millis(1200));
    }

    #[test]
    fn status_errors_map_to_codes() {
        let e = |s: StatusCode| -> Error {
            ApiError::Status {
                status: s,
                message: "m".into(),
                code: None,
                correlation_id: None,
            }
            .into()
        };
        assert_eq!(e(StatusCode::UNAUTHORIZED).code, Code::SignInRequired);
        assert_eq!(e(StatusCode::FORBIDDEN).code, Code::PermissionDenied);
        assert_eq!(e(StatusCode::TOO_MANY_REQUESTS).code, Code::RateLimited);
        assert_eq!(e(StatusCode::BAD_GATEWAY).code, Code::Platform);
    }
}
