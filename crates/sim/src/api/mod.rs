//! The `/api/v2` surface: bearer authentication and the routes of this slice.

mod analytics;
mod analytics_jobs;
mod authorization;
mod presence;
mod recording_docs;
mod recordings;
mod routing;
mod speech;
mod tokens;
mod users;

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::routing::{get, post};
use axum::Router;

use crate::app::AppState;
use crate::error::ApiError;
use crate::store::{Session, TokenKind, UserRow};

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/v2/users", get(users::list))
        .route("/api/v2/users/me", get(users::me))
        .route("/api/v2/users/{user_id}", get(users::get))
        .route(
            "/api/v2/users/{user_id}/roles",
            get(authorization::user_roles),
        )
        .route(
            "/api/v2/users/{user_id}/routingstatus",
            get(presence::routing_status),
        )
        .route(
            "/api/v2/users/{user_id}/presences/purecloud",
            get(presence::get_user).patch(presence::patch_user),
        )
        .route("/api/v2/presencedefinitions", get(presence::list_legacy))
        .route(
            "/api/v2/presencedefinitions/{id}",
            get(presence::get_legacy),
        )
        .route("/api/v2/presence/definitions", get(presence::list))
        .route("/api/v2/presence/definitions/{id}", get(presence::get))
        .route("/api/v2/routing/queues", get(routing::list_queues))
        .route("/api/v2/routing/queues/{queue_id}", get(routing::get_queue))
        .route(
            "/api/v2/routing/queues/{queue_id}/members",
            get(routing::queue_members),
        )
        .route(
            "/api/v2/routing/queues/{queue_id}/wrapupcodes",
            get(routing::queue_wrapup_codes),
        )
        .route(
            "/api/v2/routing/wrapupcodes",
            get(routing::list_wrapup_codes),
        )
        .route(
            "/api/v2/analytics/conversations/details/query",
            post(analytics::query),
        )
        .route(
            "/api/v2/analytics/conversations/{conversation_id}/details",
            get(analytics::details),
        )
        .route(
            "/api/v2/analytics/conversations/details",
            get(analytics::details_batch),
        )
        .route(
            "/api/v2/analytics/conversations/details/jobs",
            post(analytics_jobs::submit),
        )
        .route(
            "/api/v2/analytics/conversations/details/jobs/availability",
            get(analytics_jobs::availability),
        )
        .route(
            "/api/v2/analytics/conversations/details/jobs/{job_id}",
            get(analytics_jobs::status).delete(analytics_jobs::cancel),
        )
        .route(
            "/api/v2/analytics/conversations/details/jobs/{job_id}/results",
            get(analytics_jobs::results),
        )
        .route(
            "/api/v2/conversations/{conversation_id}/recordings",
            get(recordings::list),
        )
        .route(
            "/api/v2/conversations/{conversation_id}/recordings/{recording_id}",
            get(recordings::get),
        )
        .route(
            "/api/v2/conversations/{conversation_id}/recordingmetadata",
            get(recordings::metadata_list),
        )
        .route(
            "/api/v2/conversations/{conversation_id}/recordingmetadata/{recording_id}",
            get(recordings::metadata_get),
        )
        .route(
            "/api/v2/speechandtextanalytics/conversations/{conversation_id}",
            get(speech::conversation_metrics),
        )
        .route(
            "/api/v2/speechandtextanalytics/conversations/{conversation_id}/communications/{communication_id}/transcripturl",
            get(speech::transcript_url),
        )
        .route("/api/v2/organizations/me", get(users::organization_me))
        .route(
            "/api/v2/authorization/subjects/me",
            get(authorization::subject_me),
        )
        // `get` also answers HEAD, which is how the SDK validates a token.
        .route("/api/v2/tokens/me", get(tokens::me).delete(tokens::revoke))
}

/// Whoever holds a live access token.
pub struct Caller {
    pub session: Session,
}

impl Caller {
    /// The signed-in user; client-credentials tokens have none and get the same 400 the
    /// real API gives them on user-only resources.
    pub fn user_id(&self) -> Result<&str, ApiError> {
        self.session.user_id.as_deref().ok_or_else(|| {
            ApiError::bad_request(
                "This request requires a user context. Client credentials cannot be used for \
                 requests to this resource.",
            )
        })
    }
}

impl Caller {
    /// 403 unless the caller holds every permission of `all` and, when `any` is not
    /// empty, at least one of `any` (role permissions may use `*` for a whole part, as
    /// in `recording:*:*`). Client-credentials tokens act for the demo OAuth clients,
    /// whose roles grant everything, as an admin integration's would.
    pub fn require(&self, state: &AppState, all: &[&str], any: &[&str]) -> Result<(), ApiError> {
        let Some(user_id) = self.session.user_id.as_deref() else {
            return Ok(());
        };
        let held: Vec<String> = state
            .store
            .grants(user_id)?
            .into_iter()
            .flat_map(|g| g.role.permissions)
            .collect();
        let has = |wanted: &str| held.iter().any(|h| permission_covers(h, wanted));
        let missing: Vec<&str> = all.iter().copied().filter(|p| !has(p)).collect();
        if !missing.is_empty() {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "missing.permissions",
                format!(
                    "Unable to perform the requested action. You are missing the following \
                     permission(s): [{}]",
                    missing.join(", ")
                ),
            ));
        }
        if !any.is_empty() && !any.iter().any(|p| has(p)) {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "missing.any.permissions",
                format!(
                    "Unable to perform the requested action. You must have at least one of \
                     the following permissions assigned: [{}]",
                    any.join(", ")
                ),
            ));
        }
        Ok(())
    }
}

/// Whether the role permission `held` grants `wanted`, part by part (`*` matches any).
fn permission_covers(held: &str, wanted: &str) -> bool {
    let (mut h, mut w) = (held.split(':'), wanted.split(':'));
    loop {
        match (h.next(), w.next()) {
            (None, None) => return true,
            (Some(a), Some(b)) if a == "*" || a == b => continue,
            _ => return false,
        }
    }
}

/// `http://<Host>`: signed URLs point back at whichever address the client used.
pub fn base_url(headers: &axum::http::HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("127.0.0.1");
    format!("http://{host}")
}

impl FromRequestParts<Arc<AppState>> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<AppState>,
    ) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim())
            .filter(|token| !token.is_empty())
            .ok_or_else(|| {
                ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "authentication.required",
                    "No authentication bearer token specified in authorization header.",
                )
            })?;
        let session = state
            .store
            .live_token(token, TokenKind::Access)?
            .ok_or_else(|| {
                ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "bad.credentials",
                    "Invalid login credentials.",
                )
            })?;
        Ok(Caller { session })
    }
}

/// Runs work that holds the database or draws many documents on a blocking thread: a
/// page of a thousand documents takes tens of milliseconds, and on an async worker it
/// would stall every other request (and, in the app, the console itself) meanwhile.
pub async fn off_runtime<T: Send + 'static>(
    state: &Arc<AppState>,
    work: impl FnOnce(&AppState) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let state = state.clone();
    tokio::task::spawn_blocking(move || work(&state))
        .await
        .map_err(|e| {
            tracing::error!("a simulator task stopped: {e}");
            ApiError::for_status(StatusCode::INTERNAL_SERVER_ERROR)
        })?
}

/// Looks a user up by a path id: 400 if it is not a uuid, 404 if there is no such user.
pub fn find_user(state: &AppState, user_id: &str) -> Result<UserRow, ApiError> {
    if uuid::Uuid::parse_str(user_id).is_err() {
        return Err(ApiError::bad_request(format!(
            "The userId '{user_id}' is not a valid id."
        )));
    }
    state
        .store
        .user(user_id)?
        .ok_or_else(|| ApiError::not_found(format!("The user with id {user_id} was not found.")))
}
