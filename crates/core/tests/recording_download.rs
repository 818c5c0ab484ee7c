//! Downloading a recording over real HTTP from a loopback server that honours Range the
//! way S3 does: a dropped connection resumes where it stopped, an expired link says so,
//! and an incomplete file never replaces anything.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use supervisor_core::error::Code;
use supervisor_core::recordings::download::{download, Progress};
use supervisor_core::recordings::RecordingCache;

struct Media {
    bytes: Vec<u8>,
    /// Connections still to cut after this many body bytes.
    cuts: AtomicUsize,
    cut_after: usize,
    requests: AtomicUsize,
    ranges: std::sync::Mutex<Vec<Option<String>>>,
}

async fn media(State(m): State<Arc<Media>>, headers: HeaderMap) -> Response {
    m.requests.fetch_add(1, Ordering::SeqCst);
    let range = headers
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
        .map(String::from);
    m.ranges.lock().unwrap().push(range.clone());
    let len = m.bytes.len();
    let start = match range.as_deref().and_then(|r| r.strip_prefix("bytes=")) {
        Some(r) => r.trim_end_matches('-').parse::<usize>().unwrap(),
        None => 0,
    };
    if start >= len {
        return (
            StatusCode::RANGE_NOT_SATISFIABLE,
            [(header::CONTENT_RANGE, format!("bytes */{len}"))],
        )
            .into_response();
    }
    let body = m.bytes[start..].to_vec();
    let cut = m
        .cuts
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |c| c.checked_sub(1))
        .is_ok();
    let stream_body = if cut {
        // Half the promised body, then the connection breaks.
        let first = body[..m.cut_after.min(body.len())].to_vec();
        // Give the bytes time to reach the client before the reset, as on a real network.
        Body::from_stream(futures_util::stream::unfold(0, move |step| {
            let first = first.clone();
            async move {
                match step {
                    0 => Some((Ok::<_, std::io::Error>(first), 1)),
                    1 => {
                        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                        Some((Err(std::io::Error::other("connection reset")), 2))
                    }
                    _ => None,
                }
            }
        }))
    } else {
        Body::from(body.clone())
    };
    let mut response = Response::new(stream_body);
    let h = response.headers_mut();
    h.insert(header::CONTENT_LENGTH, body.len().into());
    h.insert(header::CONTENT_TYPE, "audio/mpeg".parse().unwrap());
    if start > 0 {
        *response.status_mut() = StatusCode::PARTIAL_CONTENT;
        response.headers_mut().insert(
            header::CONTENT_RANGE,
            format!("bytes {start}-{}/{len}", len - 1).parse().unwrap(),
        );
    }
    response
}

async fn serve(cuts: usize, cut_after: usize) -> (String, Arc<Media>) {
    let m = Arc::new(Media {
        bytes: (0..300_000u32).map(|i| (i * 7 % 251) as u8).collect(),
        cuts: AtomicUsize::new(cuts),
        cut_after,
        requests: AtomicUsize::new(0),
        ranges: Default::default(),
    });
    let app = Router::new()
        .route("/media", get(media))
        .route("/expired", get(|| async { (StatusCode::FORBIDDEN, "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>") }))
        .with_state(m.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, m)
}

#[tokio::test]
async fn a_dropped_connection_resumes_with_a_range_request() {
    let (url, media) = serve(1, 100_000).await;
    let dir = tempfile::tempdir().unwrap();
    let cache = RecordingCache::open(dir.path(), 1 << 30).unwrap();
    let dest = cache.audio_path("rec-1", "MP3");
    let mut seen: Vec<Progress> = Vec::new();
    download(
        &supervisor_core::genesys::client::http_client(),
        &format!("{url}/media"),
        &dest,
        Some(300_000),
        |p| seen.push(p),
    )
    .await
    .unwrap();
    assert_eq!(std::fs::read(&dest).unwrap(), media.bytes);
    assert!(!RecordingCache::partial_path(&dest).exists());
    let ranges = media.ranges.lock().unwrap().clone();
    assert_eq!(ranges[0], None);
    assert_eq!(
        ranges[1].as_deref(),
        Some("bytes=100000-"),
        "resumed, not restarted"
    );
    assert_eq!(
        seen.last(),
        Some(&Progress {
            received: 300_000,
            total: Some(300_000)
        })
    );
    assert!(seen
        .windows(2)
        .all(|w| w[0].received <= w[1].received || w[1].received == 100_000));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&dest).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "customer data is the user's alone");
    }
}

#[tokio::test]
async fn a_link_that_keeps_breaking_leaves_the_part_for_later() {
    let (url, media) = serve(100, 50_000).await;
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("rec.mp3");
    let http = supervisor_core::genesys::client::http_client();
    let e = download(&http, &format!("{url}/media"), &dest, None, |_| {})
        .await
        .unwrap_err();
    assert_eq!(e.code, Code::Network, "{e}");
    assert!(
        !dest.exists(),
        "an incomplete file never takes the recording's place"
    );
    let part = std::fs::metadata(RecordingCache::partial_path(&dest))
        .unwrap()
        .len();
    assert_eq!(part, 4 * 50_000, "each attempt added what arrived");
    // Later, with a working network, it finishes from there.
    media.cuts.store(0, Ordering::SeqCst);
    download(&http, &format!("{url}/media"), &dest, None, |_| {})
        .await
        .unwrap();
    assert_eq!(std::fs::read(&dest).unwrap(), media.bytes);
    assert_eq!(
        media.ranges.lock().unwrap().last().unwrap().as_deref(),
        Some("bytes=200000-")
    );
}

#[tokio::test]
async fn a_complete_part_and_a_wrong_size_and_an_expired_link() {
    let (url, media) = serve(0, 0).await;
    let http = supervisor_core::genesys::client::http_client();
    let dir = tempfile::tempdir().unwrap();
    // Everything arrived before a crash, only the rename was missing: 416 finishes it.
    let dest = dir.path().join("whole.mp3");
    std::fs::write(RecordingCache::partial_path(&dest), &media.bytes).unwrap();
    download(&http, &format!("{url}/media"), &dest, None, |_| {})
        .await
        .unwrap();
    assert_eq!(std::fs::read(&dest).unwrap(), media.bytes);

    let wrong = dir.path().join("wrong.mp3");
    let e = download(&http, &format!("{url}/media"), &wrong, Some(12), |_| {})
        .await
        .unwrap_err();
    assert_eq!(e.code, Code::CorruptMedia, "{e}");
    assert!(!wrong.exists() && !RecordingCache::partial_path(&wrong).exists());

    let e = download(
        &http,
        &format!("{url}/expired"),
        &dir.path().join("x.mp3"),
        None,
        |_| {},
    )
    .await
    .unwrap_err();
    assert_eq!(e.code, Code::Platform);
    assert!(e.message.contains("expired"), "{e}");
}
