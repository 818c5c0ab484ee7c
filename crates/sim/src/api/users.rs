//! Users: `GET /api/v2/users`, `/users/{id}`, `/users/me` (`User`, `UserMe`,
//! `UserEntityListing`) and `GET /api/v2/organizations/me`.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::Json;
use serde_json::{json, Value};

use super::{authorization, find_user, presence, tokens, Caller};
use crate::app::AppState;
use crate::error::ApiError;
use crate::paging::{envelope, PageRequest};
use crate::query::QueryParams;
use crate::store::{iso_now, UserRow};

/// The largest page `GET /api/v2/users` serves.
const MAX_PAGE_SIZE: u32 = 500;

pub async fn list(
    State(state): State<Arc<AppState>>,
    _caller: Caller,
    q: QueryParams,
) -> Result<Json<Value>, ApiError> {
    let page = PageRequest::from_query(&q, MAX_PAGE_SIZE)?;
    let wanted_state = q.first("state").unwrap_or("active");
    if !["active", "inactive", "deleted", "any"].contains(&wanted_state) {
        return Err(ApiError::bad_request(
            "state must be one of active, inactive, deleted, any",
        ));
    }
    let ids = q.list("id");
    let descending = match q.first("sortOrder").map(str::to_ascii_lowercase).as_deref() {
        None | Some("asc") | Some("ascending") => false,
        Some("desc") | Some("descending") => true,
        Some(_) => {
            return Err(ApiError::bad_request(
                "sortOrder must be ascending or descending",
            ))
        }
    };
    let mut users: Vec<UserRow> = state
        .store
        .users()?
        .into_iter()
        .filter(|u| wanted_state == "any" || u.state == wanted_state)
        .filter(|u| ids.is_empty() || ids.contains(&u.id))
        .collect();
    users.sort_by(|a, b| a.name.cmp(&b.name));
    if descending {
        users.reverse();
    }
    let total = users.len();
    let entities = page
        .slice(users)
        .iter()
        .map(|u| user_json(&state, u, &q))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Json(envelope(entities, total, page, "/api/v2/users", &q)))
}

pub async fn get(
    State(state): State<Arc<AppState>>,
    _caller: Caller,
    Path(user_id): Path<String>,
    q: QueryParams,
) -> Result<Json<Value>, ApiError> {
    let user = find_user(&state, &user_id)?;
    Ok(Json(user_json(&state, &user, &q)?))
}

/// `UserMe`: the user fields plus the expansions only `/users/me` offers.
pub async fn me(
    State(state): State<Arc<AppState>>,
    caller: Caller,
    q: QueryParams,
) -> Result<Json<Value>, ApiError> {
    let user = find_user(&state, caller.user_id()?)?;
    let mut body = user_json(&state, &user, &q)?;
    if q.list_has("expand", "organization") {
        body["organization"] = organization_json(&state);
    }
    if q.list_has("expand", "presencedefinitions") {
        let definitions = state.store.presence_definitions()?;
        body["presenceDefinitions"] = definitions
            .iter()
            .map(presence::organization_presence_json)
            .collect();
    }
    if q.list_has("expand", "divisionedpresencedefinitions") {
        let definitions = state.store.presence_definitions()?;
        body["divisionedPresenceDefinitions"] =
            definitions.iter().map(presence::definition_json).collect();
    }
    if q.list_has("expand", "date") {
        body["date"] = json!({ "currentDate": iso_now() });
    }
    if q.list_has("expand", "token") {
        body["token"] = tokens::token_info_json(&state, &caller.session);
    }
    Ok(Json(body))
}

pub async fn organization_me(State(state): State<Arc<AppState>>, _caller: Caller) -> Json<Value> {
    Json(organization_json(&state))
}

fn organization_json(state: &AppState) -> Value {
    json!({
        "id": state.org.id,
        "name": state.org.name,
        "defaultLanguage": "en",
        "defaultCountryCode": "US",
        "thirdPartyOrgName": "demo-contact-center",
        "domain": "demo-contact-center",
        "version": 1,
        "state": "active",
        "voicemailEnabled": true,
        "productPlatform": "GenesysCloud",
        "selfUri": "/api/v2/organizations/me",
    })
}

/// A `User`, with the `expand` sections this simulator knows (`presence`, `routingStatus`,
/// `authorization`); other expand values are accepted and ignored.
pub fn user_json(state: &AppState, u: &UserRow, q: &QueryParams) -> Result<Value, ApiError> {
    let mut body = json!({
        "id": u.id,
        "name": u.name,
        "division": {
            "id": u.division.id,
            "name": u.division.name,
            "selfUri": format!("/api/v2/authorization/divisions/{}", u.division.id),
        },
        "chat": { "jabberId": format!("{}@demo-contact-center.orgspan.com", u.id) },
        "department": u.department,
        "email": u.email,
        "primaryContactInfo": [
            { "address": u.email, "mediaType": "EMAIL", "type": "PRIMARY" },
        ],
        "addresses": [
            { "address": u.phone, "display": u.phone, "mediaType": "PHONE", "type": "WORK" },
        ],
        "state": u.state,
        "title": u.title,
        "username": u.email,
        "images": [],
        "version": u.version,
        "acdAutoAnswer": false,
        "selfUri": format!("/api/v2/users/{}", u.id),
    });
    if let Some(manager) = &u.manager_id {
        body["manager"] = json!({ "id": manager, "selfUri": format!("/api/v2/users/{manager}") });
    }
    let wants_presence = q.list_has("expand", "presence");
    let wants_routing = q.list_has("expand", "routingStatus");
    if wants_presence || wants_routing {
        if let Some(p) = state.store.user_presence(&u.id)? {
            if wants_presence {
                body["presence"] = presence::user_presence_json(&p);
            }
            if wants_routing {
                body["routingStatus"] = presence::routing_status_json(&p);
            }
        }
    }
    if q.list_has("expand", "authorization") {
        body["authorization"] = authorization::user_authorization_json(&state.store.grants(&u.id)?);
    }
    Ok(body)
}
