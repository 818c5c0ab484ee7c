//! `cc-sim`: a contact center in a box that speaks the subset of the Genesys Cloud
//! Platform API the Supervisor Console uses, faithfully enough that the official SDKs
//! cannot tell it from the real service for the endpoints it serves.
//!
//! One HTTP server carries both the login host (`/oauth/token`, `/oauth/authorize`) and the
//! API host (`/api/v2/...`), because the Python SDK sends its token request to the API host
//! when that host contains no `//api.`. A namespaced `/sim/v1/...` surface controls faults
//! and lists the demo accounts.
//!
//! # Demo accounts
//! * [`DEMO_CLIENT_ID`] / [`DEMO_CLIENT_SECRET`]: a confidential OAuth client allowed every
//!   grant (client credentials, authorization code with or without PKCE, refresh, password).
//! * [`DEMO_PKCE_CLIENT_ID`]: a public client without a secret (authorization code + PKCE
//!   S256, refresh with `client_id`).
//! * Users: 57 agents, 2 supervisors ([`DEMO_SUPERVISOR_EMAIL`] is the first) and one admin,
//!   all with emails `first.last@demo.example` and the password [`SimConfig::demo_password`]
//!   ([`DEFAULT_DEMO_PASSWORD`] unless configured).
//! * Routing: 10 queues with their members (agents in teams, with skills and languages)
//!   and 21 wrap-up codes, each queue offering its own subset.
//! * History: [`SimConfig::history_days`] × [`SimConfig::daily_volume`] past conversations
//!   (voice, callback, chat, messaging, email), served by the analytics details endpoints
//!   and the async details jobs (ready after [`SimConfig::job_delay`]).
//! * Recordings: each answered voice call has a stereo recording synthesised from its
//!   transcript ([`audio`]), transcoded on demand (202, then 200 with a signed URL under
//!   `/media/`, valid for [`SimConfig::signed_url_ttl`]), with its conversation metrics and
//!   transcript file.
//!
//! The organization is generated from [`SimConfig::seed`]: the same seed gives the same ids.
//! With [`SimConfig::db_path`] set, state lives in that SQLite file and survives restarts.

mod api;
mod app;
pub mod audio;
mod error;
mod faults;
mod media;
mod oauth;
mod paging;
mod query;
mod sim_routes;
mod store;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

pub use faults::Faults;

/// Confidential demo client, allowed every grant.
pub const DEMO_CLIENT_ID: &str = "supervisor-console-demo";
/// Secret of [`DEMO_CLIENT_ID`].
pub const DEMO_CLIENT_SECRET: &str = "demo-console-secret";
/// Public demo client: authorization code with PKCE (S256) and refresh, no secret.
pub const DEMO_PKCE_CLIENT_ID: &str = "supervisor-console-pkce";
/// Password of every demo user unless [`SimConfig::demo_password`] says otherwise.
pub const DEFAULT_DEMO_PASSWORD: &str = "demo";
/// Email of the first supervisor, whatever the seed.
pub const DEMO_SUPERVISOR_EMAIL: &str = "sam.rivera@demo.example";

/// How a simulator instance is set up.
#[derive(Debug, Clone)]
pub struct SimConfig {
    /// Drives every generated id and name: the same seed gives the same organization.
    pub seed: u64,
    /// SQLite file holding the state; `None` keeps it in memory. An existing file that
    /// already holds an organization is reused as it is (the seed is then ignored).
    pub db_path: Option<PathBuf>,
    /// OAuth clients added to the two demo clients; each is allowed every grant and PKCE.
    pub extra_clients: Vec<OAuthClient>,
    /// Password of every demo user.
    pub demo_password: String,
    /// Lifetime of access tokens.
    pub token_ttl: Duration,
    /// Days of conversation history generated (ending at start-up) when the database
    /// holds none.
    pub history_days: u32,
    /// Conversations per day of generated history.
    pub daily_volume: u32,
    /// How long an analytics details job takes: QUEUED for the first half, PENDING for
    /// the second, then FULFILLED. Zero fulfils jobs at once.
    pub job_delay: Duration,
    /// How long after it is ready a details job's results stay readable before the job
    /// is EXPIRED (the real service keeps them about a day; UNCONFIRMED).
    pub job_ttl: Duration,
    /// Where transcoded recordings are kept. `None`: next to [`SimConfig::db_path`] (as
    /// `<db>.media`), or a temporary folder removed with the simulator.
    pub media_dir: Option<PathBuf>,
    /// The most the transcoded recordings may take on disk; past it the least recently
    /// asked-for go, so a simulator kept for months does not fill the disk.
    pub media_limit_bytes: u64,
    /// How long the signed media and transcript URLs stay valid (the developer center
    /// documents 10 minutes for transcript URLs).
    pub signed_url_ttl: Duration,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            seed: 1,
            db_path: None,
            extra_clients: Vec::new(),
            demo_password: DEFAULT_DEMO_PASSWORD.to_string(),
            token_ttl: Duration::from_secs(86_399),
            history_days: 2,
            daily_volume: 150,
            job_delay: Duration::from_millis(200),
            job_ttl: Duration::from_secs(24 * 3600),
            media_dir: None,
            media_limit_bytes: 1 << 30,
            signed_url_ttl: Duration::from_secs(600),
        }
    }
}

/// An OAuth client the simulator accepts. A client without a secret is public (PKCE only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthClient {
    pub id: String,
    pub secret: Option<String>,
    pub name: String,
}

/// A demo user that can sign in with the demo password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoUser {
    pub id: String,
    pub name: String,
    pub email: String,
}

/// Why the simulator could not start.
#[derive(thiserror::Error, Debug)]
pub enum SimError {
    #[error("could not listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("simulator database error: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("invalid simulator configuration: {0}")]
    Config(String),
}

/// A running simulator. Dropping it leaves the server running until the runtime ends;
/// call [`SimHandle::shutdown`] to stop it and release the database.
pub struct SimHandle {
    addr: SocketAddr,
    state: Arc<app::AppState>,
    stop: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<()>,
}

/// Binds `listen`, spawns the server on the current tokio runtime and returns once it
/// accepts connections. Port 0 picks a free port; see [`SimHandle::local_addr`].
pub async fn serve(config: SimConfig, listen: SocketAddr) -> Result<SimHandle, SimError> {
    let state = Arc::new(app::AppState::new(&config)?);
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|source| SimError::Bind {
            addr: listen,
            source,
        })?;
    let addr = listener.local_addr().map_err(|source| SimError::Bind {
        addr: listen,
        source,
    })?;
    let router = app::router(state.clone());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let shutdown = async {
            let _ = stopped.await;
        };
        if let Err(e) = axum::serve(listener, router)
            .with_graceful_shutdown(shutdown)
            .await
        {
            tracing::error!("cc-sim server stopped: {e}");
        }
    });
    Ok(SimHandle {
        addr,
        state,
        stop,
        task,
    })
}

/// The demo users of `seed`, one per line (email, name, title), for `cc-sim --help`.
#[doc(hidden)]
pub fn roster_help(seed: u64) -> String {
    store::roster::roster(seed)
        .people
        .iter()
        .map(|p| format!("  {:<34} {:<18} {}\n", p.email(), p.name(), p.title))
        .collect()
}

impl SimHandle {
    /// `http://HOST:PORT`, usable as the SDK's host; an unspecified bind address is
    /// reported as 127.0.0.1.
    pub fn base_url(&self) -> String {
        let ip = if self.addr.ip().is_unspecified() {
            std::net::IpAddr::from([127, 0, 0, 1])
        } else {
            self.addr.ip()
        };
        format!("http://{}", SocketAddr::new(ip, self.addr.port()))
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Replaces the fault settings; they apply to `/api/v2` requests from the next one on.
    pub fn set_faults(&self, faults: Faults) {
        self.state.faults.set(faults);
    }

    /// The first supervisor ([`DEMO_SUPERVISOR_EMAIL`]).
    pub fn supervisor(&self) -> DemoUser {
        self.state
            .demo_users
            .iter()
            .find(|u| u.email == DEMO_SUPERVISOR_EMAIL)
            .or_else(|| self.state.demo_users.first())
            .cloned()
            .expect("the seeded organization always has users")
    }

    /// Every demo user, supervisors and admin included.
    pub fn users(&self) -> Vec<DemoUser> {
        self.state.demo_users.clone()
    }

    /// Stops accepting connections, lets in-flight requests finish (up to 5 s) and closes
    /// the database.
    pub async fn shutdown(self) {
        let _ = self.stop.send(());
        let mut task = self.task;
        // Idle keep-alive connections are closed by the graceful shutdown; a client that
        // keeps a request hanging must not hold the caller forever.
        if tokio::time::timeout(Duration::from_secs(5), &mut task)
            .await
            .is_err()
        {
            task.abort();
        }
    }
}
