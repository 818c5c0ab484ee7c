//! Presence: the organization's definitions (old `/presencedefinitions` and current
//! `/presence/definitions`), each user's Genesys Cloud presence, and the routing status
//! that follows from it.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::{find_user, Caller};
use crate::app::AppState;
use crate::error::ApiError;
use crate::paging::{envelope, PageRequest};
use crate::query::QueryParams;
use crate::store::{iso_now, PresenceDefinition, UserPresenceRow};

/// System definitions belong to no single division.
const ALL_DIVISIONS: &str = "*";

/// `OrganizationPresenceDefinition` (the current API).
pub fn definition_json(d: &PresenceDefinition) -> Value {
    json!({
        "id": d.id,
        "name": d.label,
        "type": "System",
        "languageLabels": { "en_US": d.label },
        "systemPresence": d.system_presence,
        "divisionId": ALL_DIVISIONS,
        "deactivated": false,
        "selfUri": format!("/api/v2/presence/definitions/{}", d.id),
    })
}

/// `OrganizationPresence` (the deprecated `/presencedefinitions` API).
pub fn organization_presence_json(d: &PresenceDefinition) -> Value {
    json!({
        "id": d.id,
        "name": d.label,
        "languageLabels": { "en_US": d.label },
        "systemPresence": d.system_presence,
        "deactivated": false,
        "primary": true,
        "createdDate": d.created_date,
        "selfUri": format!("/api/v2/presencedefinitions/{}", d.id),
    })
}

/// `UserPresence` for the Genesys Cloud (`PURECLOUD`) source.
pub fn user_presence_json(p: &UserPresenceRow) -> Value {
    json!({
        "source": "PURECLOUD",
        "presenceDefinition": {
            "id": p.definition.id,
            "systemPresence": p.definition.system_presence,
            "selfUri": format!("/api/v2/presencedefinitions/{}", p.definition.id),
        },
        "message": p.message,
        "modifiedDate": p.modified_date,
        "primary": true,
        "selfUri": format!("/api/v2/users/{}/presences/purecloud", p.user_id),
    })
}

/// `RoutingStatus`. Until conversations exist, an agent On Queue is IDLE and anyone else
/// OFF_QUEUE, as of their last presence change.
pub fn routing_status_json(p: &UserPresenceRow) -> Value {
    let status = if p.definition.system_presence == "OnQueue" {
        "IDLE"
    } else {
        "OFF_QUEUE"
    };
    json!({ "userId": p.user_id, "status": status, "startTime": p.modified_date })
}

pub async fn list(
    State(state): State<Arc<AppState>>,
    _caller: Caller,
    q: QueryParams,
) -> Result<Json<Value>, ApiError> {
    // System definitions are never deactivated, so asking for deactivated ones finds none.
    let deactivated = q.bool_or("deactivated", false)?;
    let divisions = q.list("divisionId");
    let in_division = divisions.is_empty() || divisions.iter().any(|d| d == ALL_DIVISIONS);
    let entities: Vec<Value> = if deactivated || !in_division {
        Vec::new()
    } else {
        state
            .store
            .presence_definitions()?
            .iter()
            .map(definition_json)
            .collect()
    };
    Ok(Json(json!({
        "total": entities.len(),
        "entities": entities,
        "selfUri": "/api/v2/presence/definitions",
    })))
}

pub async fn get(
    State(state): State<Arc<AppState>>,
    _caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    Ok(Json(definition_json(&find_definition(&state, &id)?)))
}

pub async fn list_legacy(
    State(state): State<Arc<AppState>>,
    _caller: Caller,
    q: QueryParams,
) -> Result<Json<Value>, ApiError> {
    let page = PageRequest::from_query(&q, 100)?;
    let deleted = q.first("deleted").unwrap_or("false").to_ascii_lowercase();
    if !["true", "false", "all"].contains(&deleted.as_str()) {
        return Err(ApiError::bad_request("deleted must be true, false or all"));
    }
    let definitions = if deleted == "true" {
        Vec::new()
    } else {
        state.store.presence_definitions()?
    };
    let total = definitions.len();
    let entities = page
        .slice(definitions)
        .iter()
        .map(organization_presence_json)
        .collect();
    Ok(Json(envelope(
        entities,
        total,
        page,
        "/api/v2/presencedefinitions",
        &q,
    )))
}

pub async fn get_legacy(
    State(state): State<Arc<AppState>>,
    _caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let definition = find_definition(&state, &id)?;
    Ok(Json(organization_presence_json(&definition)))
}

fn find_definition(state: &AppState, id: &str) -> Result<PresenceDefinition, ApiError> {
    state
        .store
        .presence_definition(id)?
        .ok_or_else(|| ApiError::not_found(format!("Presence definition {id} was not found.")))
}

pub async fn get_user(
    State(state): State<Arc<AppState>>,
    _caller: Caller,
    Path(user_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let user = find_user(&state, &user_id)?;
    Ok(Json(user_presence_json(&current_presence(
        &state, &user.id,
    )?)))
}

pub async fn routing_status(
    State(state): State<Arc<AppState>>,
    _caller: Caller,
    Path(user_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let user = find_user(&state, &user_id)?;
    Ok(Json(routing_status_json(&current_presence(
        &state, &user.id,
    )?)))
}

fn current_presence(state: &AppState, user_id: &str) -> Result<UserPresenceRow, ApiError> {
    state
        .store
        .user_presence(user_id)?
        .ok_or_else(|| ApiError::not_found(format!("No presence for user {user_id}.")))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PresencePatch {
    presence_definition: Option<DefinitionRef>,
    message: Option<String>,
}

#[derive(Deserialize)]
struct DefinitionRef {
    id: Option<String>,
}

/// `PATCH /api/v2/users/{id}/presences/purecloud` with
/// `{"presenceDefinition":{"id":…},"message"?}`.
pub async fn patch_user(
    State(state): State<Arc<AppState>>,
    _caller: Caller,
    Path(user_id): Path<String>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let user = find_user(&state, &user_id)?;
    let patch: PresencePatch = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_request(format!("The request body is not valid: {e}")))?;
    let definition_id = patch
        .presence_definition
        .and_then(|d| d.id)
        .ok_or_else(|| ApiError::bad_request("presenceDefinition.id is required."))?;
    let definition = state
        .store
        .presence_definition(&definition_id)?
        .ok_or_else(|| {
            ApiError::bad_request(format!(
                "The presence definition {definition_id} does not exist."
            ))
        })?;
    let now = iso_now();
    state
        .store
        .set_user_presence(&user.id, &definition.id, patch.message.as_deref(), &now)?;
    Ok(Json(user_presence_json(&current_presence(
        &state, &user.id,
    )?)))
}
