//! `POST /oauth/token`: client credentials, authorization code (confidential or PKCE),
//! refresh (rotating) and the resource-owner password grant for demo users.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use super::{basic_credentials, no_store, random_token, s256_challenge, OAuthError};
use crate::app::AppState;
use crate::query::QueryParams;
use crate::store::{now_ms, GrantKind, Session, TokenKind};
use crate::OAuthClient;

/// Refresh tokens outlive access tokens by far; a month is what desktop sign-ins expect.
const REFRESH_TTL_MS: i64 = 30 * 24 * 3600 * 1000;

enum Grant {
    ClientCredentials,
    Password,
    AuthorizationCode,
    RefreshToken,
}

impl Grant {
    fn parse(grant_type: &str) -> Result<Grant, OAuthError> {
        match grant_type {
            "client_credentials" => Ok(Grant::ClientCredentials),
            "password" => Ok(Grant::Password),
            "authorization_code" => Ok(Grant::AuthorizationCode),
            "refresh_token" => Ok(Grant::RefreshToken),
            other => Err(OAuthError::new(
                axum::http::StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                format!("Unsupported grant type: {other}"),
            )),
        }
    }
}

/// How the caller identified its client.
enum ClientAuth<'a> {
    /// Basic auth with the right secret.
    Confidential(&'a OAuthClient),
    /// Only a `client_id` form field: allowed for PKCE exchanges and their refreshes.
    Public(&'a OAuthClient),
}

impl<'a> ClientAuth<'a> {
    fn client(&self) -> &'a OAuthClient {
        match self {
            ClientAuth::Confidential(c) | ClientAuth::Public(c) => c,
        }
    }
}

pub async fn token(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, OAuthError> {
    let form = QueryParams::parse(&String::from_utf8_lossy(&body));
    let field = |name: &str| form.first(name);
    let grant_type =
        field("grant_type").ok_or_else(|| OAuthError::invalid_request("grant_type is required"))?;
    // The grant type is judged before the client, so an unsupported grant says so even
    // when the caller sent no credentials.
    let grant = Grant::parse(grant_type)?;
    let auth = authenticate(&state, &headers, field("client_id"))?;

    let body = match grant {
        Grant::ClientCredentials => {
            let client = confidential(&auth, "client_credentials")?;
            let session = new_session(client, None, GrantKind::ClientCredentials, false);
            issue(&state, &session, false)?
        }
        Grant::Password => {
            let client = confidential(&auth, "password")?;
            let (email, password) = (field("username"), field("password"));
            let user = match email {
                Some(email) => state.store.user_by_email(email)?,
                None => None,
            };
            let user = user
                .filter(|_| password == Some(state.demo_password.as_str()))
                .ok_or_else(|| OAuthError::invalid_grant("Invalid username or password."))?;
            let session = new_session(client, Some(user.id), GrantKind::Password, false);
            issue(&state, &session, true)?
        }
        Grant::AuthorizationCode => exchange_code(&state, &auth, &form)?,
        Grant::RefreshToken => refresh(&state, &auth, field("refresh_token"))?,
    };
    let mut response = Json(body).into_response();
    no_store(response.headers_mut());
    Ok(response)
}

fn authenticate<'a>(
    state: &'a AppState,
    headers: &HeaderMap,
    form_client_id: Option<&str>,
) -> Result<ClientAuth<'a>, OAuthError> {
    if let Some((id, secret)) = basic_credentials(headers) {
        return state
            .client(&id)
            .filter(|c| c.secret.as_deref() == Some(secret.as_str()))
            .map(ClientAuth::Confidential)
            .ok_or_else(|| OAuthError::invalid_client("Invalid client credentials."));
    }
    let id = form_client_id
        .ok_or_else(|| OAuthError::invalid_client("Client authentication is required."))?;
    state
        .client(id)
        .map(ClientAuth::Public)
        .ok_or_else(|| OAuthError::invalid_client(format!("Unknown client: {id}")))
}

fn confidential<'a>(auth: &ClientAuth<'a>, grant: &str) -> Result<&'a OAuthClient, OAuthError> {
    match auth {
        ClientAuth::Confidential(c) => Ok(c),
        ClientAuth::Public(_) => Err(OAuthError::invalid_client(format!(
            "The {grant} grant requires client authentication (HTTP Basic)."
        ))),
    }
}

fn exchange_code(
    state: &AppState,
    auth: &ClientAuth<'_>,
    form: &QueryParams,
) -> Result<Value, OAuthError> {
    let field = |name: &str| form.first(name);
    let code = field("code").ok_or_else(|| OAuthError::invalid_request("code is required"))?;
    let invalid = || OAuthError::invalid_grant("The authorization code is invalid or expired.");
    let grant = state.store.live_code(code)?.ok_or_else(invalid)?;
    let client = auth.client();
    if grant.client_id != client.id || field("redirect_uri") != Some(grant.redirect_uri.as_str()) {
        return Err(invalid());
    }
    match (&grant.code_challenge, field("code_verifier")) {
        (Some(challenge), Some(verifier)) if s256_challenge(verifier) == *challenge => {}
        (Some(_), _) => {
            return Err(OAuthError::invalid_grant(
                "The code_verifier does not match the code_challenge.",
            ))
        }
        // Without PKCE, only the client's secret proves the caller is the client.
        (None, _) => {
            confidential(auth, "authorization_code")?;
        }
    }
    if !state.store.delete_code(code)? {
        return Err(invalid());
    }
    let public = matches!(auth, ClientAuth::Public(_));
    let session = new_session(client, Some(grant.user_id), GrantKind::Code, public);
    issue(state, &session, true)
}

/// Rotates: the presented refresh token dies and a new one comes back with the new access
/// token, so a leaked refresh token is good for one use at most.
fn refresh(
    state: &AppState,
    auth: &ClientAuth<'_>,
    token: Option<&str>,
) -> Result<Value, OAuthError> {
    let token = token.ok_or_else(|| OAuthError::invalid_request("refresh_token is required"))?;
    let invalid = || OAuthError::invalid_grant("The refresh token is invalid or expired.");
    let session = state
        .store
        .live_token(token, TokenKind::Refresh)?
        .ok_or_else(invalid)?;
    if session.client_id != auth.client().id {
        return Err(invalid());
    }
    if matches!(auth, ClientAuth::Public(_)) && !session.public {
        return Err(OAuthError::invalid_client(
            "This refresh token was issued to an authenticated client; use HTTP Basic.",
        ));
    }
    if !state.store.delete_token(token)? {
        return Err(invalid());
    }
    issue_tokens(state, &session.id, true)
}

fn new_session(
    client: &OAuthClient,
    user_id: Option<String>,
    grant: GrantKind,
    public: bool,
) -> Session {
    Session {
        id: uuid::Uuid::new_v4().to_string(),
        client_id: client.id.clone(),
        user_id,
        grant,
        public,
    }
}

fn issue(state: &AppState, session: &Session, with_refresh: bool) -> Result<Value, OAuthError> {
    state.store.create_session(session)?;
    issue_tokens(state, &session.id, with_refresh)
}

fn issue_tokens(
    state: &AppState,
    session_id: &str,
    with_refresh: bool,
) -> Result<Value, OAuthError> {
    let access = random_token();
    let ttl_ms = state.token_ttl.as_millis() as i64;
    state
        .store
        .insert_token(&access, TokenKind::Access, session_id, now_ms() + ttl_ms)?;
    let mut body = json!({
        "access_token": access,
        "token_type": "bearer",
        "expires_in": state.token_ttl.as_secs(),
    });
    if with_refresh {
        let refresh = random_token();
        state.store.insert_token(
            &refresh,
            TokenKind::Refresh,
            session_id,
            now_ms() + REFRESH_TTL_MS,
        )?;
        body["refresh_token"] = json!(refresh);
    }
    Ok(body)
}
