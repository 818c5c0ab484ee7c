//! Routing reference data: `GET /api/v2/routing/queues` (`QueueEntityListing`), one
//! `Queue`, its members (`QueueMemberEntityListing`) and wrap-up codes
//! (`WrapupCodeEntityListing`), organization-wide and per queue.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::Json;
use serde_json::{json, Value};

use super::{presence, users, Caller};
use crate::app::AppState;
use crate::error::ApiError;
use crate::paging::{envelope, PageRequest};
use crate::query::QueryParams;
use crate::store::{DivisionRow, QueueRow, WrapupCodeRow};

/// The largest page of queues and of wrap-up codes.
const MAX_PAGE_SIZE: u32 = 500;
/// The largest page of queue members (the API documents "Max value is 100").
const MAX_MEMBER_PAGE_SIZE: u32 = 100;

fn division_json(d: &DivisionRow) -> Value {
    json!({
        "id": d.id,
        "name": d.name,
        "selfUri": format!("/api/v2/authorization/divisions/{}", d.id),
    })
}

/// Whether `name` matches `pattern`, ignoring case; `*` stands for any run of characters.
pub fn wildcard_match(pattern: &str, name: &str) -> bool {
    let pattern = pattern.to_lowercase();
    let name = name.to_lowercase();
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == name;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !name.starts_with(first) || !name.ends_with(last) || name.len() < first.len() + last.len() {
        return false;
    }
    let mut rest = &name[first.len()..name.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    true
}

/// `asc`/`ascending` or `desc`/`descending`; anything else is a 400.
fn descending(q: &QueryParams) -> Result<bool, ApiError> {
    match q.first("sortOrder").map(str::to_ascii_lowercase).as_deref() {
        None | Some("asc") | Some("ascending") => Ok(false),
        Some("desc") | Some("descending") => Ok(true),
        Some(_) => Err(ApiError::bad_request(
            "sortOrder must be ascending or descending",
        )),
    }
}

/// A queue by path id: 400 if it is not a uuid, 404 if there is no such queue.
fn find_queue(state: &AppState, queue_id: &str) -> Result<QueueRow, ApiError> {
    if uuid::Uuid::parse_str(queue_id).is_err() {
        return Err(ApiError::bad_request(format!(
            "The queueId '{queue_id}' is not a valid id."
        )));
    }
    state
        .store
        .queue(queue_id)?
        .ok_or_else(|| ApiError::not_found(format!("The queue with id {queue_id} was not found.")))
}

/// `Queue`, field names as the SDK's `attribute_map`.
fn queue_json(state: &AppState, queue: &QueueRow) -> Value {
    let admin = state
        .demo_users
        .iter()
        .find(|u| u.email.starts_with("alex.morgan@"))
        .map(|u| u.id.clone());
    let mut body = json!({
        "id": queue.id,
        "name": queue.name,
        "division": division_json(&queue.division),
        "description": queue.description,
        "dateCreated": queue.date_created,
        "dateModified": queue.date_modified,
        "memberCount": queue.member_count,
        "userMemberCount": queue.member_count,
        "joinedMemberCount": queue.joined_member_count,
        "selfUri": format!("/api/v2/routing/queues/{}", queue.id),
    });
    if let Some(admin) = admin {
        body["createdBy"] = json!(admin);
        body["modifiedBy"] = json!(admin);
    }
    if let (Some(body), Some(settings)) = (body.as_object_mut(), queue.settings.as_object()) {
        for (k, v) in settings {
            body.insert(k.clone(), v.clone());
        }
    }
    body
}

/// `WrapupCode`.
fn wrapup_code_json(code: &WrapupCodeRow) -> Value {
    json!({
        "id": code.id,
        "name": code.name,
        "division": division_json(&code.division),
        "description": code.description,
        "dateCreated": code.date_created,
        "dateModified": code.date_modified,
        "selfUri": format!("/api/v2/routing/wrapupcodes/{}", code.id),
    })
}

pub async fn list_queues(
    State(state): State<Arc<AppState>>,
    _caller: Caller,
    q: QueryParams,
) -> Result<Json<Value>, ApiError> {
    let page = PageRequest::from_query(&q, MAX_PAGE_SIZE)?;
    let descending = descending(&q)?;
    let ids = q.list("id");
    let divisions = q.list("divisionId");
    let name = q.first("name");
    let mut queues: Vec<QueueRow> = state
        .store
        .queues()?
        .into_iter()
        .filter(|x| ids.is_empty() || ids.contains(&x.id))
        .filter(|x| divisions.is_empty() || divisions.contains(&x.division.id))
        .filter(|x| name.is_none_or(|n| wildcard_match(n, &x.name)))
        .collect();
    queues.sort_by_key(|a| a.name.to_lowercase());
    if descending {
        queues.reverse();
    }
    let total = queues.len();
    let entities = page
        .slice(queues)
        .iter()
        .map(|x| queue_json(&state, x))
        .collect();
    Ok(Json(envelope(
        entities,
        total,
        page,
        "/api/v2/routing/queues",
        &q,
    )))
}

pub async fn get_queue(
    State(state): State<Arc<AppState>>,
    _caller: Caller,
    Path(queue_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let queue = find_queue(&state, &queue_id)?;
    Ok(Json(queue_json(&state, &queue)))
}

/// `QueueMemberEntityListing`: the SDK's model has no `total`, `lastUri` or `pageCount`,
/// and neither has the real answer.
pub async fn queue_members(
    State(state): State<Arc<AppState>>,
    _caller: Caller,
    Path(queue_id): Path<String>,
    q: QueryParams,
) -> Result<Json<Value>, ApiError> {
    let queue = find_queue(&state, &queue_id)?;
    let page = PageRequest::from_query(&q, MAX_MEMBER_PAGE_SIZE)?;
    let descending = descending(&q)?;
    let joined = match q.first("joined") {
        None => None,
        Some(_) => Some(q.bool_or("joined", true)?),
    };
    let name = q.first("name").map(str::to_lowercase);
    let mut members: Vec<_> = state
        .store
        .queue_members(&queue.id)?
        .into_iter()
        .filter(|m| joined.is_none_or(|j| m.joined == j))
        .filter(|m| {
            name.as_deref()
                .is_none_or(|n| m.user.name.to_lowercase().contains(n))
        })
        .collect();
    if descending {
        members.reverse();
    }
    let total = members.len();
    let mut entities = Vec::new();
    for m in page.slice(members) {
        let routing_status = match state.store.user_presence(&m.user.id)? {
            Some(p) => presence::routing_status_json(&p),
            None => json!({ "userId": m.user.id, "status": "OFF_QUEUE" }),
        };
        entities.push(json!({
            "id": m.user.id,
            "name": m.user.name,
            "user": users::user_json(&state, &m.user, &q)?,
            "ringNumber": m.ring_number,
            "joined": m.joined,
            "memberBy": "user",
            "routingStatus": routing_status,
            "selfUri": format!("/api/v2/users/{}", m.user.id),
        }));
    }
    let path = format!("/api/v2/routing/queues/{}/members", queue.id);
    let mut listing = envelope(entities, total, page, &path, &q);
    if let Some(listing) = listing.as_object_mut() {
        for key in ["total", "lastUri", "pageCount"] {
            listing.remove(key);
        }
    }
    Ok(Json(listing))
}

pub async fn list_wrapup_codes(
    State(state): State<Arc<AppState>>,
    _caller: Caller,
    q: QueryParams,
) -> Result<Json<Value>, ApiError> {
    let page = PageRequest::from_query(&q, MAX_PAGE_SIZE)?;
    let descending = descending(&q)?;
    let by_id = match q.first("sortBy").map(str::to_ascii_lowercase).as_deref() {
        None | Some("name") => false,
        Some("id") => true,
        Some(_) => return Err(ApiError::bad_request("sortBy must be name or id")),
    };
    let ids = q.list("id");
    let divisions = q.list("divisionId");
    let mut codes: Vec<WrapupCodeRow> = filter_codes(state.store.wrapup_codes()?, &q)
        .into_iter()
        .filter(|c| ids.is_empty() || ids.contains(&c.id))
        .filter(|c| divisions.is_empty() || divisions.contains(&c.division.id))
        .collect();
    if by_id {
        codes.sort_by(|a, b| a.id.cmp(&b.id));
    } else {
        codes.sort_by_key(|a| a.name.to_lowercase());
    }
    if descending {
        codes.reverse();
    }
    Ok(Json(codes_listing(
        codes,
        page,
        "/api/v2/routing/wrapupcodes",
        &q,
    )))
}

pub async fn queue_wrapup_codes(
    State(state): State<Arc<AppState>>,
    _caller: Caller,
    Path(queue_id): Path<String>,
    q: QueryParams,
) -> Result<Json<Value>, ApiError> {
    let queue = find_queue(&state, &queue_id)?;
    let page = PageRequest::from_query(&q, MAX_PAGE_SIZE)?;
    let mut codes = filter_codes(state.store.queue_wrapup_codes(&queue.id)?, &q);
    codes.sort_by_key(|a| a.name.to_lowercase());
    let path = format!("/api/v2/routing/queues/{}/wrapupcodes", queue.id);
    Ok(Json(codes_listing(codes, page, &path, &q)))
}

/// `name`: with asterisks a wildcard pattern, without them a case-insensitive
/// "contains" search.
fn filter_codes(codes: Vec<WrapupCodeRow>, q: &QueryParams) -> Vec<WrapupCodeRow> {
    let Some(name) = q.first("name") else {
        return codes;
    };
    let needle = name.to_lowercase();
    codes
        .into_iter()
        .filter(|c| {
            if name.contains('*') {
                wildcard_match(name, &c.name)
            } else {
                c.name.to_lowercase().contains(&needle)
            }
        })
        .collect()
}

fn codes_listing(
    codes: Vec<WrapupCodeRow>,
    page: PageRequest,
    path: &str,
    q: &QueryParams,
) -> Value {
    let total = codes.len();
    let entities = page.slice(codes).iter().map(wrapup_code_json).collect();
    envelope(entities, total, page, path, q)
}

#[cfg(test)]
mod tests {
    use super::wildcard_match;

    #[test]
    fn asterisks_match_any_run() {
        assert!(wildcard_match("Support*", "Support Tier 1"));
        assert!(wildcard_match("*tier*", "Support Tier 2"));
        assert!(wildcard_match("*Care", "VIP Care"));
        assert!(wildcard_match("s*t*1", "Support Tier 1"));
        assert!(wildcard_match("sales", "Sales"));
        assert!(!wildcard_match("Sales*", "VIP Care"));
        assert!(!wildcard_match("Sale", "Sales"));
        assert!(!wildcard_match("ab*ba", "aba"));
        assert!(wildcard_match("*", "Billing"));
    }
}
