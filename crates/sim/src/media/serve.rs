//! `GET /media/{token}/{name}`: what an S3 presigned URL answers. No bearer token; single
//! byte ranges (206 with `Content-Range`, 416 past the end), streamed from disk; S3's XML
//! error bodies for expired or unknown links (403) and bad ranges (416). Several ranges at
//! once are answered with the whole file, as S3 does.

use std::io::SeekFrom;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tokio::io::{AsyncReadExt, AsyncSeekExt};

use super::{Denied, Target};
use crate::app::AppState;

pub fn routes() -> Router<Arc<AppState>> {
    Router::new().route("/media/{token}/{name}", get(media))
}

/// What a `Range` header asks of an object of `size` bytes.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Wanted {
    All,
    /// Inclusive bounds.
    Part(u64, u64),
    Unsatisfiable,
}

/// RFC 9110 single ranges; anything unparsable or multi-range means the whole object.
pub(crate) fn wanted(range: Option<&str>, size: u64) -> Wanted {
    let Some(spec) = range.and_then(|r| r.trim().strip_prefix("bytes=")) else {
        return Wanted::All;
    };
    if spec.contains(',') {
        return Wanted::All;
    }
    let Some((a, b)) = spec.split_once('-') else {
        return Wanted::All;
    };
    let (a, b) = (a.trim(), b.trim());
    if a.is_empty() {
        return match b.parse::<u64>() {
            Ok(0) => Wanted::Unsatisfiable,
            Ok(_) if size == 0 => Wanted::Unsatisfiable,
            Ok(n) => Wanted::Part(size - n.min(size), size - 1),
            Err(_) => Wanted::All,
        };
    }
    let Ok(first) = a.parse::<u64>() else {
        return Wanted::All;
    };
    let last = if b.is_empty() {
        u64::MAX
    } else {
        match b.parse::<u64>() {
            Ok(last) if last >= first => last,
            _ => return Wanted::All,
        }
    };
    if first >= size {
        return Wanted::Unsatisfiable;
    }
    Wanted::Part(first, last.min(size - 1))
}

fn s3_error(status: StatusCode, code: &str, message: &str, extra: &str) -> Response {
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code>\
         <Message>{message}</Message>{extra}<RequestId>{}</RequestId></Error>",
        uuid::Uuid::new_v4().simple()
    );
    (status, [(header::CONTENT_TYPE, "application/xml")], body).into_response()
}

async fn media(
    State(state): State<Arc<AppState>>,
    Path((token, _name)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let target = match state.media.resolve(&token) {
        Ok(t) => t,
        Err(Denied::Unknown) => {
            return s3_error(StatusCode::FORBIDDEN, "AccessDenied", "Access Denied", "")
        }
        Err(Denied::Expired(at)) => {
            let extra = format!(
                "<Expires>{}</Expires><ServerTime>{}</ServerTime>",
                at.format("%Y-%m-%dT%H:%M:%SZ"),
                chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ")
            );
            return s3_error(
                StatusCode::FORBIDDEN,
                "AccessDenied",
                "Request has expired",
                &extra,
            );
        }
    };
    let range = headers.get(header::RANGE).and_then(|v| v.to_str().ok());
    match target {
        Target::Bytes { body, content_type } => {
            let size = body.len() as u64;
            respond(range, size, content_type, |a, b| async move {
                Ok(Body::from(body.slice(a as usize..=b as usize)))
            })
            .await
        }
        Target::File { path, content_type } => {
            let size = match tokio::fs::metadata(&path).await {
                Ok(m) => m.len(),
                Err(_) => {
                    return s3_error(
                        StatusCode::NOT_FOUND,
                        "NoSuchKey",
                        "The specified key does not exist.",
                        "",
                    )
                }
            };
            respond(range, size, content_type, |a, b| async move {
                let mut file = tokio::fs::File::open(&path).await?;
                file.seek(SeekFrom::Start(a)).await?;
                Ok(stream(file.take(b - a + 1)))
            })
            .await
        }
    }
}

/// Status and headers for `range` over `size` bytes; `body(first, last)` gives the bytes.
async fn respond<F, Fut>(range: Option<&str>, size: u64, content_type: &str, body: F) -> Response
where
    F: FnOnce(u64, u64) -> Fut,
    Fut: std::future::Future<Output = std::io::Result<Body>>,
{
    let (status, first, last) = match wanted(range, size) {
        Wanted::All => (StatusCode::OK, 0, size.saturating_sub(1)),
        Wanted::Part(a, b) => (StatusCode::PARTIAL_CONTENT, a, b),
        Wanted::Unsatisfiable => {
            let extra = format!(
                "<RangeRequested>{}</RangeRequested><ActualObjectSize>{size}</ActualObjectSize>",
                range.unwrap_or_default()
            );
            let mut r = s3_error(
                StatusCode::RANGE_NOT_SATISFIABLE,
                "InvalidRange",
                "The requested range is not satisfiable",
                &extra,
            );
            if let Ok(v) = HeaderValue::from_str(&format!("bytes */{size}")) {
                r.headers_mut().insert(header::CONTENT_RANGE, v);
            }
            return r;
        }
    };
    let length = if size == 0 { 0 } else { last - first + 1 };
    let body = if length == 0 {
        Ok(Body::empty())
    } else {
        body(first, last).await
    };
    let body = match body {
        Ok(b) => b,
        Err(e) => {
            tracing::error!("media read failed: {e}");
            return s3_error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "InternalError",
                "We encountered an internal error. Please try again.",
                "",
            );
        }
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let h = response.headers_mut();
    h.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    if let Ok(v) = HeaderValue::from_str(content_type) {
        h.insert(header::CONTENT_TYPE, v);
    }
    if status == StatusCode::PARTIAL_CONTENT {
        if let Ok(v) = HeaderValue::from_str(&format!("bytes {first}-{last}/{size}")) {
            h.insert(header::CONTENT_RANGE, v);
        }
    }
    response
}

/// The reader's bytes in 64 KiB chunks, never the whole file at once.
fn stream(reader: impl tokio::io::AsyncRead + Unpin + Send + 'static) -> Body {
    let chunks = futures_util::stream::unfold(
        (reader, vec![0u8; 64 * 1024], false),
        |(mut reader, mut buf, failed)| async move {
            if failed {
                return None;
            }
            match reader.read(&mut buf).await {
                Ok(0) => None,
                Ok(n) => Some((Ok(Bytes::copy_from_slice(&buf[..n])), (reader, buf, false))),
                Err(e) => Some((Err(e), (reader, buf, true))),
            }
        },
    );
    Body::from_stream(chunks)
}

#[cfg(test)]
mod tests {
    use super::{wanted, Wanted};

    #[test]
    fn ranges() {
        assert_eq!(wanted(None, 10), Wanted::All);
        assert_eq!(wanted(Some("bytes=0-3"), 10), Wanted::Part(0, 3));
        assert_eq!(wanted(Some("bytes=4-"), 10), Wanted::Part(4, 9));
        assert_eq!(wanted(Some("bytes=4-100"), 10), Wanted::Part(4, 9));
        assert_eq!(wanted(Some("bytes=-3"), 10), Wanted::Part(7, 9));
        assert_eq!(wanted(Some("bytes=-30"), 10), Wanted::Part(0, 9));
        assert_eq!(wanted(Some("bytes=10-"), 10), Wanted::Unsatisfiable);
        assert_eq!(wanted(Some("bytes=-0"), 10), Wanted::Unsatisfiable);
        assert_eq!(wanted(Some("bytes=5-2"), 10), Wanted::All);
        assert_eq!(wanted(Some("bytes=0-1,4-5"), 10), Wanted::All);
        assert_eq!(wanted(Some("items=0-1"), 10), Wanted::All);
    }
}
