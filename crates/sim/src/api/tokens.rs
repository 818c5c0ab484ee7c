//! `GET|HEAD /api/v2/tokens/me` (`TokenInfo`, a cheap session check) and
//! `DELETE /api/v2/tokens/me` (log out).

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};

use super::Caller;
use crate::app::AppState;
use crate::error::ApiError;
use crate::store::Session;

/// The scopes every simulator token carries: everything this API serves.
const AUTHORIZED_SCOPE: [&str; 8] = [
    "analytics",
    "authorization:readonly",
    "conversations",
    "notifications",
    "presence",
    "recordings",
    "routing",
    "users",
];

pub fn token_info_json(state: &AppState, session: &Session) -> Value {
    let org = json!({ "id": state.org.id, "name": state.org.name });
    let client_name = state
        .client(&session.client_id)
        .map(|c| c.name.clone())
        .unwrap_or_else(|| session.client_id.clone());
    json!({
        "organization": org,
        "homeOrganization": org,
        "authorizedScope": AUTHORIZED_SCOPE,
        "OAuthClient": {
            "id": session.client_id,
            "name": client_name,
            "authorizedGrantType": session.grant.as_str(),
            "scope": AUTHORIZED_SCOPE,
            "state": "active",
            "organization": org,
        },
    })
}

pub async fn me(State(state): State<Arc<AppState>>, caller: Caller) -> Json<Value> {
    Json(token_info_json(&state, &caller.session))
}

/// Revokes the caller's sign-in: this access token, its siblings and its refresh token.
pub async fn revoke(
    State(state): State<Arc<AppState>>,
    caller: Caller,
) -> Result<StatusCode, ApiError> {
    state.store.delete_session(&caller.session.id)?;
    Ok(StatusCode::NO_CONTENT)
}
