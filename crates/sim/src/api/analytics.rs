//! Conversation detail analytics: `POST /api/v2/analytics/conversations/details/query`
//! (`ConversationQuery` → `AnalyticsConversationQueryResponse`) and
//! `GET /api/v2/analytics/conversations/{id}/details`
//! (`AnalyticsConversationWithoutAttributes`) and its batch form
//! `GET /api/v2/analytics/conversations/details?id=a,b`. The async jobs in
//! `analytics_jobs` reuse the interval, order and filter parsing here.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::DateTime;
use serde_json::Value;

use super::Caller;
use crate::app::AppState;
use crate::error::ApiError;
use crate::query::QueryParams;
use crate::store::{DetailsQuery, Filter, Predicate};

/// The largest page of the synchronous query.
const MAX_PAGE_SIZE: u64 = 100;
/// The longest interval of the synchronous query.
const MAX_INTERVAL_MS: i64 = 7 * 24 * 3_600_000;
/// Deep-paging cap of the synchronous query (UNCONFIRMED value, widely reported): beyond
/// `pageSize * pageNumber` of 10,000 clients must switch to the async jobs.
const MAX_PAGED_RESULTS: u64 = 10_000;
/// The most ids one batch GET takes (UNCONFIRMED value).
const MAX_BATCH_IDS: usize = 100;

const SEGMENT_DIMENSIONS: [&str; 5] = ["mediaType", "direction", "queueId", "userId", "wrapUpCode"];
const CONVERSATION_DIMENSIONS: [&str; 3] = ["conversationId", "divisionId", "originatingDirection"];

/// A stored document answered as it is, without parsing it again.
pub(super) fn json_response(body: String) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], body).into_response()
}

pub async fn details(
    State(state): State<Arc<AppState>>,
    _caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let doc = state
        .store
        .conversation_doc(&id)?
        .ok_or_else(|| ApiError::not_found(format!("Conversation {id} was not found.")))?;
    Ok(json_response(doc))
}

/// `AnalyticsConversationWithoutAttributesMultiGetResponse`: the known ids, in the order
/// asked; unknown ones are left out rather than failing the whole batch.
pub async fn details_batch(
    State(state): State<Arc<AppState>>,
    _caller: Caller,
    params: QueryParams,
) -> Result<Response, ApiError> {
    let mut ids = params.list("id");
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(id.clone()));
    if ids.is_empty() {
        return Err(ApiError::bad_request(
            "id is required: one or more conversation ids.",
        ));
    }
    if ids.len() > MAX_BATCH_IDS {
        return Err(ApiError::bad_request(format!(
            "At most {MAX_BATCH_IDS} conversation ids may be requested at once; got {}.",
            ids.len()
        )));
    }
    let mut docs = Vec::with_capacity(ids.len());
    for id in &ids {
        if let Some(doc) = state.store.conversation_doc(id)? {
            docs.push(doc);
        }
    }
    Ok(json_response(conversations_body(&docs, "")))
}

/// `{"conversations":[…]…}` around stored documents, leaving the key out when empty as
/// the real API does; `tail` is the rest of the object (`"totalHits":3`), if any.
pub(super) fn conversations_body(docs: &[String], tail: &str) -> String {
    let mut out = String::with_capacity(docs.iter().map(|d| d.len() + 1).sum::<usize>() + 80);
    out.push('{');
    if !docs.is_empty() {
        out.push_str("\"conversations\":[");
        for (i, doc) in docs.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(doc);
        }
        out.push(']');
        if !tail.is_empty() {
            out.push(',');
        }
    }
    out.push_str(tail);
    out.push('}');
    out
}

pub async fn query(
    State(state): State<Arc<AppState>>,
    _caller: Caller,
    body: Bytes,
) -> Result<Response, ApiError> {
    let body: Value = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_request(format!("The request body is not valid JSON: {e}")))?;
    let q = parse_query(&body)?;
    let body = super::off_runtime(&state, move |state| {
        let (docs, total) = state.store.query_conversations(&q)?;
        Ok(conversations_body(&docs, &format!("\"totalHits\":{total}")))
    })
    .await?;
    Ok(json_response(body))
}

/// The longest interval a query accepts, with its wording for the error message.
#[derive(Clone, Copy)]
pub(super) struct IntervalLimit {
    pub ms: i64,
    pub text: &'static str,
}

const SYNC_LIMIT: IntervalLimit = IntervalLimit {
    ms: MAX_INTERVAL_MS,
    text: "7 days",
};

fn parse_interval(interval: &str, limit: IntervalLimit) -> Result<(i64, i64), ApiError> {
    let bad = || {
        ApiError::bad_request(format!(
            "Invalid interval '{interval}': expected ISO-8601 'start/end' with start before end."
        ))
    };
    let (a, b) = interval.split_once('/').ok_or_else(bad)?;
    let from = DateTime::parse_from_rfc3339(a).map_err(|_| bad())?;
    let to = DateTime::parse_from_rfc3339(b).map_err(|_| bad())?;
    let (from, to) = (from.timestamp_millis(), to.timestamp_millis());
    if to <= from {
        return Err(bad());
    }
    if to - from > limit.ms {
        return Err(ApiError::bad_request(format!(
            "Interval '{interval}' is longer than the maximum of {}.",
            limit.text
        )));
    }
    Ok((from, to))
}

fn parse_filters(body: &Value, key: &str, allowed: &[&str]) -> Result<Vec<Filter>, ApiError> {
    let Some(list) = body.get(key).filter(|v| !v.is_null()) else {
        return Ok(Vec::new());
    };
    let list = list
        .as_array()
        .ok_or_else(|| ApiError::bad_request(format!("{key} must be a list.")))?;
    list.iter()
        .map(|f| {
            let any = match f.get("type").and_then(Value::as_str) {
                Some("and") => false,
                Some("or") => true,
                _ => {
                    return Err(ApiError::bad_request(format!(
                        "Each of {key} needs a type of 'and' or 'or'."
                    )))
                }
            };
            let predicates = f
                .get("predicates")
                .and_then(Value::as_array)
                .map(Vec::as_slice)
                .unwrap_or_default()
                .iter()
                .map(|p| parse_predicate(p, key, allowed))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Filter { any, predicates })
        })
        .collect()
}

fn parse_predicate(p: &Value, key: &str, allowed: &[&str]) -> Result<Predicate, ApiError> {
    let kind = p.get("type").and_then(Value::as_str).unwrap_or("dimension");
    let operator = p
        .get("operator")
        .and_then(Value::as_str)
        .unwrap_or("matches");
    let dimension = p.get("dimension").and_then(Value::as_str).unwrap_or("");
    if kind != "dimension" || operator != "matches" {
        return Err(ApiError::bad_request(format!(
            "Only dimension predicates with the 'matches' operator are supported in {key}."
        )));
    }
    if !allowed.contains(&dimension) {
        return Err(ApiError::bad_request(format!(
            "The dimension '{dimension}' is not supported in {key}; supported: {}.",
            allowed.join(", ")
        )));
    }
    let value = p.get("value").and_then(Value::as_str).ok_or_else(|| {
        ApiError::bad_request(format!("The {dimension} predicate needs a value."))
    })?;
    Ok(Predicate {
        dimension: dimension.to_string(),
        value: value.to_string(),
    })
}

/// What the sync query and the async jobs share: interval, order and filters. The
/// result has no paging yet (`limit` 0).
pub(super) fn parse_selection(
    body: &Value,
    limit: IntervalLimit,
) -> Result<DetailsQuery, ApiError> {
    let interval = body
        .get("interval")
        .and_then(Value::as_str)
        .ok_or_else(|| ApiError::bad_request("interval is required."))?;
    let (from_ms, to_ms) = parse_interval(interval, limit)?;
    let descending = match body.get("order").and_then(Value::as_str) {
        None | Some("asc") | Some("unordered") => false,
        Some("desc") => true,
        Some(other) => {
            return Err(ApiError::bad_request(format!("Invalid order '{other}'.")));
        }
    };
    let by_end = match body.get("orderBy").and_then(Value::as_str) {
        None | Some("conversationStart") => false,
        Some("conversationEnd") => true,
        Some(other) => {
            return Err(ApiError::bad_request(format!("Invalid orderBy '{other}'.")));
        }
    };
    let mut filters = parse_filters(body, "segmentFilters", &SEGMENT_DIMENSIONS)?;
    filters.extend(parse_filters(
        body,
        "conversationFilters",
        &CONVERSATION_DIMENSIONS,
    )?);
    Ok(DetailsQuery {
        from_ms,
        to_ms,
        by_end,
        descending,
        filters,
        limit: 0,
        offset: 0,
    })
}

fn parse_query(body: &Value) -> Result<DetailsQuery, ApiError> {
    let q = parse_selection(body, SYNC_LIMIT)?;
    let paging = body.get("paging");
    let number = |key: &str, default: u64| -> Result<u64, ApiError> {
        match paging.and_then(|p| p.get(key)).filter(|v| !v.is_null()) {
            None => Ok(default),
            Some(v) => v
                .as_u64()
                .ok_or_else(|| ApiError::bad_request(format!("paging.{key} must be a number."))),
        }
    };
    let size = number("pageSize", 25)?;
    let page = number("pageNumber", 1)?;
    if size == 0 || size > MAX_PAGE_SIZE {
        return Err(ApiError::bad_request(format!(
            "paging.pageSize must be between 1 and {MAX_PAGE_SIZE}."
        )));
    }
    if page == 0 {
        return Err(ApiError::bad_request(
            "paging.pageNumber must be 1 or more.",
        ));
    }
    if size.saturating_mul(page) > MAX_PAGED_RESULTS {
        return Err(ApiError::bad_request(format!(
            "paging.pageSize * paging.pageNumber must not exceed {MAX_PAGED_RESULTS} (got \
             {size} * {page}). To read more results, use the asynchronous conversation detail \
             jobs: POST /api/v2/analytics/conversations/details/jobs."
        )));
    }
    Ok(DetailsQuery {
        limit: size as u32,
        offset: (page - 1).saturating_mul(size),
        ..q
    })
}
