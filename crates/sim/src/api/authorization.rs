//! Who may do what: `GET /api/v2/authorization/subjects/me` (`AuthzSubject`),
//! `GET /api/v2/users/{id}/roles` and the `authorization` expand (`UserAuthorization`).

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::Json;
use serde_json::{json, Value};

use super::{find_user, Caller};
use crate::app::AppState;
use crate::error::ApiError;
use crate::query::QueryParams;
use crate::store::{DivisionRow, GrantRow, RoleRow};

/// `UserAuthorization`: distinct roles and the union of their permission strings.
pub fn user_authorization_json(grants: &[GrantRow]) -> Value {
    let mut roles: Vec<&RoleRow> = Vec::new();
    for g in grants {
        if !roles.iter().any(|r| r.id == g.role.id) {
            roles.push(&g.role);
        }
    }
    let mut permissions: Vec<&str> = roles
        .iter()
        .flat_map(|r| r.permissions.iter().map(String::as_str))
        .collect();
    permissions.sort_unstable();
    permissions.dedup();
    json!({
        "roles": roles.iter().map(|r| json!({ "id": r.id, "name": r.name })).collect::<Vec<_>>(),
        "unusedRoles": [],
        "permissions": permissions,
    })
}

pub async fn user_roles(
    State(state): State<Arc<AppState>>,
    _caller: Caller,
    Path(user_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let user = find_user(&state, &user_id)?;
    Ok(Json(user_authorization_json(
        &state.store.grants(&user.id)?,
    )))
}

pub async fn subject_me(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    q: QueryParams,
) -> Result<Json<Value>, ApiError> {
    let user = find_user(&state, caller.user_id()?)?;
    let full_roles = q.bool_or("includeFullRoles", false)?;
    let grants: Vec<Value> = state
        .store
        .grants(&user.id)?
        .iter()
        .map(|g| {
            json!({
                "subjectId": user.id,
                "division": division_json(&g.division),
                "role": role_json(&g.role, full_roles),
                "grantMadeAt": g.granted_at,
            })
        })
        .collect();
    Ok(Json(json!({
        "id": user.id,
        "name": user.name,
        "grants": grants,
        "version": 1,
        "selfUri": format!("/api/v2/authorization/subjects/{}", user.id),
    })))
}

fn division_json(d: &DivisionRow) -> Value {
    json!({
        "id": d.id,
        "name": d.name,
        "description": d.description,
        "homeDivision": d.home,
        "selfUri": format!("/api/v2/authorization/divisions/{}", d.id),
    })
}

/// `AuthzGrantRole`; `policies` (one per `domain:entity`, with its actions) only with
/// `includeFullRoles`, as they are bulky.
fn role_json(r: &RoleRow, full: bool) -> Value {
    let mut role = json!({
        "id": r.id,
        "name": r.name,
        "description": r.description,
        "default": r.name == "employee",
        "selfUri": format!("/api/v2/authorization/roles/{}", r.id),
    });
    if full {
        let mut policies: BTreeMap<(&str, &str), Vec<&str>> = BTreeMap::new();
        for p in &r.permissions {
            let mut parts = p.splitn(3, ':');
            if let (Some(domain), Some(entity), Some(action)) =
                (parts.next(), parts.next(), parts.next())
            {
                policies.entry((domain, entity)).or_default().push(action);
            }
        }
        role["policies"] = policies
            .into_iter()
            .map(|((domain, entity), actions)| {
                json!({ "domain": domain, "entityName": entity, "actions": actions })
            })
            .collect();
    }
    role
}
