//! The simulator's own control surface, under a namespace Genesys does not use:
//! `GET /sim/v1/demo` lists the demo clients and users (handy for scripts), and
//! `GET|PUT /sim/v1/faults` reads or replaces the fault settings.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::app::AppState;
use crate::error::ApiError;
use crate::faults::FaultsJson;

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/sim/v1/demo", get(demo))
        .route("/sim/v1/faults", get(get_faults).put(put_faults))
}

async fn demo(State(state): State<Arc<AppState>>) -> Result<Json<Value>, ApiError> {
    let clients: Vec<Value> = state
        .clients
        .iter()
        .map(|c| {
            let grants: &[&str] = match c.secret {
                Some(_) => &[
                    "client_credentials",
                    "authorization_code",
                    "refresh_token",
                    "password",
                ],
                None => &["authorization_code", "refresh_token"],
            };
            json!({
                "id": c.id,
                "secret": c.secret,
                "name": c.name,
                "public": c.secret.is_none(),
                "grants": grants,
            })
        })
        .collect();
    let mut users = Vec::new();
    for u in state.store.users()? {
        let grants = state.store.grants(&u.id)?;
        let mut roles: Vec<&str> = grants.iter().map(|g| g.role.name.as_str()).collect();
        roles.dedup();
        users.push(json!({
            "id": u.id,
            "name": u.name,
            "email": u.email,
            "title": u.title,
            "department": u.department,
            "kind": u.kind,
            "roles": roles,
        }));
    }
    Ok(Json(json!({
        "organization": { "id": state.org.id, "name": state.org.name },
        "clients": clients,
        "users": users,
        "password": state.demo_password,
        "supervisorEmail": crate::DEMO_SUPERVISOR_EMAIL,
    })))
}

async fn get_faults(State(state): State<Arc<AppState>>) -> Json<FaultsJson> {
    Json(FaultsJson::from_faults(&state.faults.get()))
}

/// Replaces the faults; fields left out mean "no such fault".
async fn put_faults(
    State(state): State<Arc<AppState>>,
    body: Bytes,
) -> Result<Json<FaultsJson>, ApiError> {
    let wire: FaultsJson = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_request(format!("Invalid faults: {e}")))?;
    let faults = wire.into_faults()?;
    state.faults.set(faults);
    Ok(Json(FaultsJson::from_faults(&state.faults.get())))
}
