//! The shared state of a running simulator and the router that serves it.

use std::sync::Arc;
use std::time::Duration;

use axum::middleware::{from_fn, from_fn_with_state};
use axum::Router;

use crate::faults::FaultState;
use crate::media::{self, MediaStore};
use crate::store::{HistorySpec, Org, Store};
use crate::{
    api, oauth, sim_routes, DemoUser, OAuthClient, SimConfig, SimError, DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET, DEMO_PKCE_CLIENT_ID,
};

pub struct AppState {
    pub store: Store,
    pub org: Org,
    pub clients: Vec<OAuthClient>,
    pub demo_password: String,
    pub token_ttl: Duration,
    pub faults: FaultState,
    pub demo_users: Vec<DemoUser>,
    pub job_delay: Duration,
    pub job_ttl: Duration,
    pub media: MediaStore,
}

impl AppState {
    pub fn new(config: &SimConfig) -> Result<Self, SimError> {
        if config.token_ttl.is_zero() {
            return Err(SimError::Config(
                "token_ttl must be at least 1 second".into(),
            ));
        }
        if config.demo_password.is_empty() {
            return Err(SimError::Config("demo_password must not be empty".into()));
        }
        if config.daily_volume > crate::store::MAX_DAILY_VOLUME {
            return Err(SimError::Config(format!(
                "daily_volume must be at most {}",
                crate::store::MAX_DAILY_VOLUME
            )));
        }
        let mut clients = default_clients();
        for extra in &config.extra_clients {
            if clients.iter().any(|c| c.id == extra.id) {
                return Err(SimError::Config(format!(
                    "OAuth client {} is already defined",
                    extra.id
                )));
            }
            clients.push(extra.clone());
        }
        let history = HistorySpec {
            days: config.history_days,
            daily_volume: config.daily_volume,
        };
        let store = Store::open(config.db_path.as_deref(), config.seed, history)?;
        let org = store.org()?;
        let demo_users = store
            .users()?
            .into_iter()
            .map(|u| DemoUser {
                id: u.id,
                name: u.name,
                email: u.email,
            })
            .collect();
        Ok(AppState {
            store,
            org,
            clients,
            demo_password: config.demo_password.clone(),
            token_ttl: config.token_ttl,
            faults: FaultState::new(config.seed),
            demo_users,
            job_delay: config.job_delay,
            job_ttl: config.job_ttl,
            media: MediaStore::new(
                config.media_dir.as_deref(),
                config.db_path.as_deref(),
                config.signed_url_ttl,
            )
            .with_limit(config.media_limit_bytes),
        })
    }

    pub fn client(&self, id: &str) -> Option<&OAuthClient> {
        self.clients.iter().find(|c| c.id == id)
    }
}

/// The two clients every simulator knows.
pub fn default_clients() -> Vec<OAuthClient> {
    vec![
        OAuthClient {
            id: DEMO_CLIENT_ID.to_string(),
            secret: Some(DEMO_CLIENT_SECRET.to_string()),
            name: "Supervisor Console (demo)".to_string(),
        },
        OAuthClient {
            id: DEMO_PKCE_CLIENT_ID.to_string(),
            secret: None,
            name: "Supervisor Console".to_string(),
        },
    ]
}

pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .merge(oauth::routes())
        .merge(api::routes())
        .merge(sim_routes::routes())
        .merge(media::routes())
        // Unknown paths: a bare 404, which `correlate` turns into an ErrorBody under /api.
        .fallback(|| async { axum::http::StatusCode::NOT_FOUND })
        .layer(from_fn_with_state(state.clone(), crate::faults::inject))
        .layer(from_fn(crate::error::correlate))
        .with_state(state)
}
