//! The API's error shape (`ErrorBody`) and the correlation id every response carries.
//!
//! Handlers return [`ApiError`], which leaves a pending body in the response's extensions;
//! the outermost middleware, [`correlate`], owns the request's `inin-correlation-id`, so it
//! is the one place that writes `contextId` and serializes the body. It also turns any
//! other non-2xx response under `/api` or `/sim` (axum's own 404/405/413, ...) into an
//! `ErrorBody`, so no client ever sees a plain-text error there.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

pub const CORRELATION_HEADER: &str = "inin-correlation-id";

/// The `limit` block of a rate-limit error.
#[derive(Debug, Clone, Serialize)]
pub struct Limit {
    pub key: String,
    pub namespace: String,
    pub value: u64,
}

/// The SDK's `ErrorBody` model; `details` and `errors` are always present, as the real
/// API sends them.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct ErrorBody {
    message: String,
    code: String,
    status: u16,
    context_id: String,
    details: Vec<serde_json::Value>,
    errors: Vec<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<Limit>,
}

/// An error answered as an `ErrorBody`.
#[derive(Debug, Clone)]
pub struct ApiError {
    status: StatusCode,
    code: String,
    message: String,
    limit: Option<Limit>,
    retry_after_secs: Option<u32>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code: code.to_string(),
            message: message.into(),
            limit: None,
            retry_after_secs: None,
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad.request", message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not.found", message)
    }

    /// 429 with `Retry-After` and the `limit` that tripped.
    pub fn rate_limited(limit: Limit, retry_after_secs: u32) -> Self {
        let message = format!(
            "Rate limit exceeded the maximum. [{}] requests for [{}] in namespace [{}]",
            limit.value, limit.key, limit.namespace
        );
        ApiError {
            limit: Some(limit),
            retry_after_secs: Some(retry_after_secs),
            ..Self::new(StatusCode::TOO_MANY_REQUESTS, "too.many.requests", message)
        }
    }

    /// The default error for a bare status, used when nothing more specific is known.
    pub(crate) fn for_status(status: StatusCode) -> Self {
        let (code, message) = match status.as_u16() {
            400 => (
                "bad.request",
                "The request could not be understood by the server.",
            ),
            401 => ("authentication.required", "Authentication is required."),
            403 => (
                "missing.permissions",
                "You are not authorized to perform this action.",
            ),
            404 => ("not.found", "The requested resource was not found."),
            405 => (
                "method.not.allowed",
                "The HTTP method is not allowed on this resource.",
            ),
            413 => ("request.entity.too.large", "The request body is too large."),
            415 => ("unsupported.media.type", "The media type is not supported."),
            429 => ("too.many.requests", "Rate limit exceeded the maximum."),
            503 => (
                "service.unavailable",
                "The service is currently unavailable.",
            ),
            _ => (
                "internal.server.error",
                "The server encountered an unexpected error.",
            ),
        };
        Self::new(status, code, message)
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        tracing::error!("simulator database error: {e}");
        Self::for_status(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

/// Carried in the response's extensions until [`correlate`] writes it out.
#[derive(Clone)]
struct PendingErrorBody(ApiError);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = self.status.into_response();
        if let Some(secs) = self.retry_after_secs {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response.extensions_mut().insert(PendingErrorBody(self));
        response
    }
}

/// Outermost middleware: gives the request a fresh correlation id, echoes it in the
/// `inin-correlation-id` header and writes pending (or missing) `ErrorBody`s with it.
pub async fn correlate(request: Request, next: Next) -> Response {
    let id = uuid::Uuid::new_v4().to_string();
    let path = request.uri().path();
    let speaks_error_body = path.starts_with("/api/") || path.starts_with("/sim/");
    let mut response = next.run(request).await;

    let pending = response.extensions_mut().remove::<PendingErrorBody>();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let error = match pending {
        Some(PendingErrorBody(e)) => Some(e),
        None if speaks_error_body && !is_json && response.status().as_u16() >= 400 => {
            Some(ApiError::for_status(response.status()))
        }
        None => None,
    };
    if let Some(e) = error {
        let body = ErrorBody {
            message: e.message,
            code: e.code,
            status: e.status.as_u16(),
            context_id: id.clone(),
            details: Vec::new(),
            errors: Vec::new(),
            limit: e.limit,
        };
        let json = serde_json::to_vec(&body).expect("ErrorBody serializes");
        let (mut parts, _) = response.into_parts();
        parts.headers.remove(header::CONTENT_LENGTH);
        parts.headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        response = Response::from_parts(parts, Body::from(json));
    }
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(CORRELATION_HEADER, value);
    }
    response
}
