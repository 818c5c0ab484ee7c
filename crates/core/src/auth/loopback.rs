//! The loopback redirect listener for a desktop sign-in (RFC 8252): one port on 127.0.0.1,
//! chosen by the OS, that takes exactly one redirect carrying our `state`.

use crate::error::{Code, Error, Result};
use std::collections::HashMap;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

pub const CALLBACK_PATH: &str = "/callback";

/// What the browser brought back.
#[derive(Debug)]
pub struct Redirect {
    pub code: String,
}

/// A listener waiting for the browser.
pub struct LoopbackListener {
    listener: TcpListener,
    redirect_uri: String,
}

impl LoopbackListener {
    pub async fn bind() -> Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await.map_err(|e| {
            Error::internal(format!("Could not open a local port for sign-in: {e}"))
        })?;
        let port = listener
            .local_addr()
            .map_err(|e| Error::internal(e.to_string()))?
            .port();
        Ok(Self {
            listener,
            redirect_uri: format!("http://127.0.0.1:{port}{CALLBACK_PATH}"),
        })
    }

    pub fn redirect_uri(&self) -> &str {
        &self.redirect_uri
    }

    /// Waits for the redirect that carries `state`. Requests for other paths (a favicon)
    /// and redirects with another state (a forged or stale one) are answered and ignored,
    /// so they cannot end a sign-in in progress. Consumes the listener: single use.
    pub async fn wait(self, state: &str, timeout: Duration) -> Result<Redirect> {
        let wait = async {
            loop {
                let (stream, _) =
                    self.listener.accept().await.map_err(|e| {
                        Error::internal(format!("The sign-in listener failed: {e}"))
                    })?;
                if let Some(outcome) = handle(stream, state).await {
                    return outcome;
                }
            }
        };
        tokio::time::timeout(timeout, wait).await.map_err(|_| {
            Error::new(
                Code::Timeout,
                "The sign-in was not finished in the browser in time.",
            )
        })?
    }
}

/// Answers one request. `Some` ends the wait (success or a refusal by the platform).
async fn handle(mut stream: TcpStream, expected_state: &str) -> Option<Result<Redirect>> {
    let mut buf = vec![0u8; 8192];
    let mut len = 0;
    // Read up to the end of the request line; a request without one is dropped.
    let read = tokio::time::timeout(Duration::from_secs(5), async {
        while len < buf.len() {
            let n = stream.read(&mut buf[len..]).await.ok()?;
            if n == 0 {
                break;
            }
            len += n;
            if buf[..len].windows(2).any(|w| w == b"\r\n") {
                break;
            }
        }
        Some(())
    })
    .await;
    if !matches!(read, Ok(Some(()))) {
        return None;
    }
    let head = String::from_utf8_lossy(&buf[..len]);
    let target = head.lines().next()?.split_whitespace().nth(1)?.to_owned();
    let url = url::Url::parse(&format!("http://127.0.0.1{target}")).ok()?;
    if url.path() != CALLBACK_PATH {
        respond(
            &mut stream,
            "404 Not Found",
            "Not found",
            "This address is only for signing in to Supervisor Console.",
        )
        .await;
        return None;
    }
    let q: HashMap<String, String> = url.query_pairs().into_owned().collect();
    if q.get("state").map(String::as_str) != Some(expected_state) {
        tracing::warn!("sign-in redirect with an unexpected state was refused");
        respond(&mut stream, "400 Bad Request", "Sign-in refused", "This sign-in response does not belong to the sign-in in progress. Return to Supervisor Console and try again.").await;
        return None;
    }
    if let Some(error) = q.get("error") {
        let detail = q.get("error_description").cloned().unwrap_or_default();
        respond(
            &mut stream,
            "200 OK",
            "Sign-in not completed",
            "You can close this tab and return to Supervisor Console.",
        )
        .await;
        let code = if error == "access_denied" {
            Code::Cancelled
        } else {
            Code::AuthFailed
        };
        return Some(Err(Error::new(
            code,
            format!("Sign-in was not completed: {error} {detail}")
                .trim()
                .to_owned(),
        )));
    }
    let Some(code) = q.get("code").filter(|c| !c.is_empty()) else {
        respond(
            &mut stream,
            "400 Bad Request",
            "Sign-in refused",
            "The sign-in response had no code.",
        )
        .await;
        return None;
    };
    respond(
        &mut stream,
        "200 OK",
        "Signed in",
        "You can close this tab and return to Supervisor Console.",
    )
    .await;
    Some(Ok(Redirect { code: code.clone() }))
}

async fn respond(stream: &mut TcpStream, status: &str, title: &str, text: &str) {
    let body = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <style>body{{font:16px system-ui,sans-serif;display:grid;place-items:center;height:90vh;color:#1f2933}}\
         main{{text-align:center}}h1{{font-size:20px}}</style></head>\
         <body><main><h1>{title}</h1><p>{text}</p></main></body></html>"
    );
    let resp = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(resp.as_bytes()).await;
    let _ = stream.shutdown().await;
}
