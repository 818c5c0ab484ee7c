//! `GET /oauth/authorize` shows the sign-in page; `POST /oauth/authorize` signs a demo user
//! in (or cancels) and redirects back to the app's loopback redirect URI.
//!
//! The POST re-validates every hidden field: the form comes back from the browser and is
//! no more trustworthy than the original query.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::page::{error_page, sign_in_page, SignInView};
use super::{is_pkce_string, loopback_redirect, no_store, random_token};
use crate::app::AppState;
use crate::query::QueryParams;
use crate::store::{now_ms, AuthCode};
use crate::OAuthClient;

/// Authorization codes are short-lived: the app exchanges them right away.
const CODE_TTL_MS: i64 = 60_000;

/// A validated authorization request.
pub struct AuthorizeRequest<'a> {
    pub client: &'a OAuthClient,
    /// Exactly as given; the token request must repeat it byte for byte.
    pub redirect_uri: String,
    pub redirect: url::Url,
    pub code_challenge: Option<String>,
    pub state: Option<String>,
}

pub async fn show(State(state): State<Arc<AppState>>, q: QueryParams) -> Response {
    match validate(&state, &q) {
        Err(rejection) => *rejection,
        Ok(request) => {
            let view = SignInView {
                org_name: &state.org.name,
                request: &request,
                email: q.first("login_hint").unwrap_or(""),
                error: None,
            };
            html(StatusCode::OK, sign_in_page(&view))
        }
    }
}

pub async fn submit(State(state): State<Arc<AppState>>, body: Bytes) -> Response {
    let form = QueryParams::parse(&String::from_utf8_lossy(&body));
    let request = match validate(&state, &form) {
        Err(rejection) => return *rejection,
        Ok(request) => request,
    };
    if form.first("action") == Some("cancel") {
        return redirect_error(&request, "access_denied", "The user cancelled the sign-in.");
    }
    let email = form.first("email").unwrap_or("");
    let user = match state.store.user_by_email(email) {
        Ok(user) => user,
        Err(e) => {
            tracing::error!("simulator database error: {e}");
            return html(
                StatusCode::INTERNAL_SERVER_ERROR,
                error_page("Sign-in failed."),
            );
        }
    };
    let password_ok = form.first("password") == Some(state.demo_password.as_str());
    let Some(user) = user.filter(|_| password_ok) else {
        let view = SignInView {
            org_name: &state.org.name,
            request: &request,
            email,
            error: Some("The email or password is incorrect."),
        };
        return html(StatusCode::UNAUTHORIZED, sign_in_page(&view));
    };
    let code = random_token();
    let grant = AuthCode {
        client_id: request.client.id.clone(),
        user_id: user.id,
        redirect_uri: request.redirect_uri.clone(),
        code_challenge: request.code_challenge.clone(),
        expires_ms: now_ms() + CODE_TTL_MS,
    };
    if let Err(e) = state.store.insert_code(&code, &grant) {
        tracing::error!("simulator database error: {e}");
        return html(
            StatusCode::INTERNAL_SERVER_ERROR,
            error_page("Sign-in failed."),
        );
    }
    redirect_with(&request, &[("code", &code)])
}

/// Checks the request. Problems with the client or the redirect URI get an error page, as
/// redirecting to an unverified URI would be an open redirect (RFC 6749 §4.1.2.1); other
/// problems go back to the app as `?error=...`.
fn validate<'a>(
    state: &'a AppState,
    q: &QueryParams,
) -> Result<AuthorizeRequest<'a>, Box<Response>> {
    let reject_page = |message: &str| Box::new(html(StatusCode::BAD_REQUEST, error_page(message)));
    let client = q
        .first("client_id")
        .and_then(|id| state.client(id))
        .ok_or_else(|| reject_page("Unknown or missing client_id."))?;
    let redirect_uri = q.first("redirect_uri").unwrap_or("").to_string();
    let redirect = loopback_redirect(&redirect_uri).ok_or_else(|| {
        reject_page(
            "The redirect_uri must be an http loopback address (127.0.0.1, [::1] or localhost).",
        )
    })?;
    let request = AuthorizeRequest {
        client,
        redirect_uri,
        redirect,
        code_challenge: q.first("code_challenge").map(str::to_string),
        state: q.first("state").map(str::to_string),
    };
    if q.first("response_type") != Some("code") {
        return Err(Box::new(redirect_error(
            &request,
            "unsupported_response_type",
            "Only response_type=code is supported.",
        )));
    }
    match (&request.code_challenge, q.first("code_challenge_method")) {
        (Some(challenge), Some("S256")) if is_pkce_string(challenge) => {}
        (Some(_), Some("S256")) => {
            return Err(Box::new(redirect_error(
                &request,
                "invalid_request",
                "Malformed code_challenge.",
            )))
        }
        (Some(_), _) => {
            return Err(Box::new(redirect_error(
                &request,
                "invalid_request",
                "code_challenge_method must be S256.",
            )))
        }
        (None, _) if client.secret.is_none() => {
            return Err(Box::new(redirect_error(
                &request,
                "invalid_request",
                "This client must use PKCE: code_challenge is required.",
            )))
        }
        (None, _) => {}
    }
    Ok(request)
}

fn redirect_error(request: &AuthorizeRequest<'_>, error: &str, description: &str) -> Response {
    redirect_with(
        request,
        &[("error", error), ("error_description", description)],
    )
}

/// 302 to the app's redirect URI with `pairs` and the untouched `state` appended.
fn redirect_with(request: &AuthorizeRequest<'_>, pairs: &[(&str, &str)]) -> Response {
    let mut target = request.redirect.clone();
    {
        let mut query = target.query_pairs_mut();
        for (k, v) in pairs {
            query.append_pair(k, v);
        }
        if let Some(state) = &request.state {
            query.append_pair("state", state);
        }
    }
    let mut response = StatusCode::FOUND.into_response();
    if let Ok(location) = HeaderValue::from_str(target.as_str()) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    no_store(response.headers_mut());
    response
}

fn html(status: StatusCode, body: String) -> Response {
    let mut response = (status, axum::response::Html(body)).into_response();
    let headers = response.headers_mut();
    no_store(headers);
    // The page loads nothing and must not be framed (clickjacking a sign-in form).
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
        ),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}
