//! Async conversation detail jobs (`/api/v2/analytics/conversations/details/jobs`): submit
//! an `AsyncConversationQuery` (202 `AsyncQueryResponse`), poll its `AsyncQueryStatus`,
//! read `AnalyticsConversationAsyncQueryResponse` pages by cursor, cancel, and ask for the
//! data lake's `DataAvailabilityResponse`.
//!
//! Choices where the real service is not documented (UNCONFIRMED):
//! * intervals up to 731 days (about two years of retention);
//! * result pages of at most 1000, 1000 by default; a larger `pageSize` is refused;
//! * results of a job that is not FULFILLED are a 400 naming its state; an unknown job
//!   is a 404;
//! * the data lake lags: `dataAvailabilityDate` is the current hour's start minus one
//!   hour, and conversations that start after it are left out of job results (newer
//!   data comes from the synchronous query).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Value};

use super::analytics::{conversations_body, json_response, parse_selection, IntervalLimit};
use super::Caller;
use crate::app::AppState;
use crate::error::ApiError;
use crate::query::QueryParams;
use crate::store::{now_ms, JobRow, JobSelection, JobState};

const HOUR_MS: i64 = 3_600_000;
const DAY_MS: i64 = 24 * HOUR_MS;
const JOB_LIMIT: IntervalLimit = IntervalLimit {
    ms: 731 * DAY_MS,
    text: "731 days",
};
const DEFAULT_PAGE_SIZE: u32 = 1000;
const MAX_PAGE_SIZE: u32 = 1000;

fn iso(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

/// How far the data lake reaches at `now_ms`: the start of the previous hour.
fn availability_ms(now_ms: i64) -> i64 {
    now_ms / HOUR_MS * HOUR_MS - HOUR_MS
}

fn parse_job(body: &Value) -> Result<JobSelection, ApiError> {
    if !body.is_object() {
        return Err(ApiError::bad_request(
            "The request body must be an AsyncConversationQuery object.",
        ));
    }
    for key in ["paging", "aggregations"] {
        if body.get(key).is_some_and(|v| !v.is_null()) {
            return Err(ApiError::bad_request(format!(
                "{key} is not supported by async conversation detail jobs: results are read \
                 in pages by cursor from GET .../details/jobs/{{jobId}}/results."
            )));
        }
    }
    let query = parse_selection(body, JOB_LIMIT)?;
    let limit = match body.get("limit").filter(|v| !v.is_null()) {
        None => None,
        Some(v) => Some(
            v.as_u64()
                .filter(|n| (1..=u64::from(u32::MAX)).contains(n))
                .ok_or_else(|| ApiError::bad_request("limit must be a positive whole number."))?
                as u32,
        ),
    };
    let min_start_ms = match body.get("startOfDayIntervalMatching") {
        None | Some(Value::Null) | Some(Value::Bool(false)) => None,
        // Only conversations that started on or after the interval's first day (UTC).
        Some(Value::Bool(true)) => Some(query.from_ms.div_euclid(DAY_MS) * DAY_MS),
        Some(_) => {
            return Err(ApiError::bad_request(
                "startOfDayIntervalMatching must be true or false.",
            ))
        }
    };
    Ok(JobSelection {
        query,
        min_start_ms,
        limit,
    })
}

pub async fn submit(
    State(state): State<Arc<AppState>>,
    _caller: Caller,
    body: Bytes,
) -> Result<Response, ApiError> {
    let body: Value = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_request(format!("The request body is not valid JSON: {e}")))?;
    parse_job(&body)?;
    let now = now_ms();
    let ready_ms = now + state.job_delay.as_millis() as i64;
    let job = JobRow {
        id: uuid::Uuid::new_v4().to_string(),
        body: body.to_string(),
        submitted_ms: now,
        ready_ms,
        expires_ms: ready_ms + state.job_ttl.as_millis() as i64,
        cancelled: false,
        availability_ms: None,
        error: None,
    };
    state.store.insert_job(&job)?;
    Ok((StatusCode::ACCEPTED, Json(json!({"jobId": job.id}))).into_response())
}

/// The job and its state now, taking its snapshot if it has just become ready.
fn current(state: &AppState, id: &str) -> Result<(JobRow, JobState), ApiError> {
    let not_found = || ApiError::not_found(format!("The job {id} was not found."));
    let mut job = state.store.job(id)?.ok_or_else(not_found)?;
    let now = now_ms();
    if job.needs_snapshot(now) {
        let parsed = serde_json::from_str::<Value>(&job.body)
            .ok()
            .and_then(|b| parse_job(&b).ok());
        match parsed {
            Some(sel) => state.store.fulfil_job(id, &sel, availability_ms(now))?,
            None => state
                .store
                .fail_job(id, "The job's query could not be run.")?,
        }
        job = state.store.job(id)?.ok_or_else(not_found)?;
    }
    let job_state = job.state(now);
    Ok((job, job_state))
}

pub async fn status(
    State(state): State<Arc<AppState>>,
    _caller: Caller,
    Path(job_id): Path<String>,
) -> Result<Response, ApiError> {
    let (job, job_state) = current(&state, &job_id)?;
    let mut out = json!({
        "state": job_state.as_str(),
        "submissionDate": iso(job.submitted_ms),
        "expirationDate": iso(job.expires_ms),
    });
    if matches!(
        job_state,
        JobState::Fulfilled | JobState::Failed | JobState::Expired
    ) {
        out["completionDate"] = json!(iso(job.ready_ms));
    }
    if let Some(message) = &job.error {
        out["errorMessage"] = json!(message);
    }
    Ok(Json(out).into_response())
}

pub async fn cancel(
    State(state): State<Arc<AppState>>,
    _caller: Caller,
    Path(job_id): Path<String>,
) -> Result<StatusCode, ApiError> {
    if state.store.cancel_job(&job_id)? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found(format!(
            "The job {job_id} was not found."
        )))
    }
}

pub async fn availability(_caller: Caller) -> Json<Value> {
    Json(json!({"dataAvailabilityDate": iso(availability_ms(now_ms()))}))
}

/// Cursors are opaque to clients; this one names the job so it cannot be replayed on
/// another, and the offset of the next page.
fn encode_cursor(job_id: &str, offset: u64) -> String {
    URL_SAFE_NO_PAD.encode(format!("{job_id}/{offset}"))
}

fn decode_cursor(cursor: &str, job_id: &str) -> Result<u64, ApiError> {
    URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| {
            let (id, offset) = text.split_once('/')?;
            (id == job_id).then(|| offset.parse().ok())?
        })
        .ok_or_else(|| ApiError::bad_request(format!("The cursor '{cursor}' is not valid.")))
}

pub async fn results(
    State(state): State<Arc<AppState>>,
    _caller: Caller,
    Path(job_id): Path<String>,
    params: QueryParams,
) -> Result<Response, ApiError> {
    let (job, job_state) = current(&state, &job_id)?;
    match job_state {
        JobState::Fulfilled => {}
        JobState::Queued | JobState::Pending => {
            return Err(ApiError::bad_request(format!(
                "The job {job_id} is not finished (state {}); poll \
                 GET /api/v2/analytics/conversations/details/jobs/{job_id} until it is \
                 FULFILLED.",
                job_state.as_str()
            )))
        }
        other => {
            return Err(ApiError::bad_request(format!(
                "The job {job_id} has no results: it is {}.",
                other.as_str()
            )))
        }
    }
    let size = params.u32_or("pageSize", DEFAULT_PAGE_SIZE)?;
    if size == 0 || size > MAX_PAGE_SIZE {
        return Err(ApiError::bad_request(format!(
            "pageSize must be between 1 and {MAX_PAGE_SIZE}."
        )));
    }
    let offset = match params.first("cursor") {
        None => 0,
        Some(cursor) => decode_cursor(cursor, &job_id)?,
    };
    let (docs, total) = {
        let job_id = job_id.clone();
        super::off_runtime(&state, move |state| {
            Ok(state.store.job_page(&job_id, offset, size)?)
        })
        .await?
    };
    if offset > total {
        return Err(ApiError::bad_request(
            "The cursor is past the job's results.",
        ));
    }
    let next = offset + u64::from(size);
    let mut tail = String::new();
    if next < total {
        tail.push_str(&format!("\"cursor\":\"{}\",", encode_cursor(&job_id, next)));
    }
    let available = iso(job.availability_ms.unwrap_or_default());
    tail.push_str(&format!("\"dataAvailabilityDate\":\"{available}\""));
    Ok(json_response(conversations_body(&docs, &tail)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_belong_to_their_job() {
        let c = encode_cursor("job-a", 2000);
        assert_eq!(decode_cursor(&c, "job-a").unwrap(), 2000);
        assert!(decode_cursor(&c, "job-b").is_err());
        assert!(decode_cursor("not base64!", "job-a").is_err());
    }
}
