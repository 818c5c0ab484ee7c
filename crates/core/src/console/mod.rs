//! The console facade: what the app (and the CLI) call. One instance per profile.
//!
//! It owns the local store, the keyring, the live sessions of signed-in connections and
//! the choice of active connection, and tells listeners when the active session changes.

mod connections_ops;
mod details_memo;
mod interactions_ops;
mod recordings_ops;
mod signin;

use crate::auth::Browser;
use crate::connections::{ConnectionRecord, Connections};
use crate::error::{Code, Error, Result};
use crate::genesys::client::http_client;
use crate::interactions::cache::InteractionCache;
use crate::interactions::loader::Loaded;
use crate::interactions::views::Views;
use crate::model::{Presence, PresenceOption, Session};
use crate::platform::Platform;
use crate::secrets::{Keyring, Sensitive};
use crate::store::Store;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;
use tokio::sync::{watch, Notify};

pub use connections_ops::{ConnectionTest, ConnectionView};
pub use recordings_ops::{RecordingSink, RECORDING_CACHE_BYTES};

const ACTIVE_CONNECTION: &str = "active_connection";

pub struct ConsoleConfig {
    pub data_dir: PathBuf,
    pub keyring: Keyring,
    pub browser: Arc<dyn Browser>,
    /// How long a browser sign-in may take before it is given up.
    pub sign_in_timeout: Duration,
}

/// The built-in demo contact center (a simulator on loopback) and its demo supervisor.
#[derive(Debug, Clone)]
pub struct DemoContactCenter {
    pub api_base: String,
    pub client_id: String,
    pub client_secret: Sensitive<String>,
    pub username: String,
    pub password: Sensitive<String>,
}

/// A signed-in connection.
struct Live {
    platform: Arc<dyn Platform>,
    session: Session,
}

pub struct Console {
    connections: Connections,
    keyring: Keyring,
    browser: Arc<dyn Browser>,
    sign_in_timeout: Duration,
    http: reqwest::Client,
    demo: RwLock<Option<DemoContactCenter>>,
    live: Mutex<HashMap<String, Live>>,
    pending: Mutex<HashMap<String, Arc<Notify>>>,
    session_tx: watch::Sender<Option<Session>>,
    started: watch::Sender<bool>,
    views: Views,
    interaction_cache: InteractionCache,
    /// Opened Interactions results by id, until the UI closes them.
    results: Mutex<HashMap<String, Arc<Loaded>>>,
    data_dir: PathBuf,
    /// The audio output, opened when the first recording plays (`None`: there is none).
    audio: std::sync::OnceLock<Option<crate::recordings::playback::AudioOutput>>,
    /// Open recordings by player id, until the UI closes them.
    players: Mutex<HashMap<String, Arc<recordings_ops::Player>>>,
    /// Transcripts and bands of recordings being opened, shared by the player and the UI.
    recording_details: details_memo::DetailsMemo,
}

impl Console {
    pub fn open(config: ConsoleConfig) -> Result<Self> {
        std::fs::create_dir_all(&config.data_dir).map_err(|e| {
            Error::internal(format!(
                "Cannot create the data folder {}: {e}",
                config.data_dir.display()
            ))
        })?;
        let store = Store::open(&config.data_dir.join("console.sqlite3"))?;
        Ok(Self::with_store(store, config))
    }

    fn with_store(store: Store, config: ConsoleConfig) -> Self {
        Self {
            views: Views::new(store.clone()),
            interaction_cache: InteractionCache::new(store.clone()),
            results: Mutex::new(HashMap::new()),
            data_dir: config.data_dir.clone(),
            audio: std::sync::OnceLock::new(),
            players: Mutex::new(HashMap::new()),
            recording_details: Default::default(),
            connections: Connections::new(store),
            keyring: config.keyring,
            browser: config.browser,
            sign_in_timeout: config.sign_in_timeout,
            http: http_client(),
            demo: RwLock::new(None),
            live: Mutex::new(HashMap::new()),
            pending: Mutex::new(HashMap::new()),
            session_tx: watch::channel(None).0,
            started: watch::channel(false).0,
        }
    }

    /// Puts the demo connection in place (created on first run), makes it the active one
    /// when nothing else is, and restores the active connection's session.
    pub async fn start(&self, demo: Option<DemoContactCenter>) -> Result<Option<Session>> {
        let outcome = self.start_inner(demo).await;
        self.started.send_replace(true);
        outcome
    }

    /// Waits until [`Console::start`] has finished (successfully or not), so the first
    /// question the UI asks is answered with the restored session, not a flash of none.
    pub async fn wait_started(&self) {
        let mut rx = self.started.subscribe();
        let _ = rx.wait_for(|s| *s).await;
    }

    async fn start_inner(&self, demo: Option<DemoContactCenter>) -> Result<Option<Session>> {
        self.views
            .ensure_defaults(chrono::Utc::now().timestamp_millis())?;
        if let Some(demo) = demo {
            let record = self.connections.ensure_demo(&demo.client_id)?;
            *self.demo.write().unwrap_or_else(|p| p.into_inner()) = Some(demo);
            if self.active_id()?.is_none() {
                self.connections
                    .set_setting(ACTIVE_CONNECTION, &record.id)?;
            }
        }
        match self.active_id()? {
            Some(id) => self.restore(&id).await,
            None => Ok(None),
        }
    }

    /// Follows the active session: the current value, then every change.
    pub fn subscribe(&self) -> watch::Receiver<Option<Session>> {
        self.session_tx.subscribe()
    }

    fn active_id(&self) -> Result<Option<String>> {
        let id = self.connections.setting(ACTIVE_CONNECTION)?;
        // A removed connection is not active any more.
        Ok(id.filter(|id| self.connections.get(id).is_ok()))
    }

    fn demo_base(&self) -> Option<String> {
        self.demo
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            .map(|d| d.api_base.clone())
    }

    fn api_base_of(&self, record: &ConnectionRecord) -> Result<String> {
        record
            .api_base(self.demo_base().as_deref())
            .ok_or_else(|| Error::new(Code::Network, "The demo contact center is not running."))
    }

    fn live_session(&self, id: &str) -> Option<Session> {
        self.live
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(id)
            .map(|l| l.session.clone())
    }

    fn publish_if_active(&self, id: &str) {
        if matches!(self.active_id(), Ok(Some(active)) if active == id) {
            self.session_tx.send_replace(self.live_session(id));
        }
    }

    /// The active connection's session, if it is signed in.
    pub fn session(&self) -> Result<Option<Session>> {
        Ok(self.active_id()?.and_then(|id| self.live_session(&id)))
    }

    /// Switches the active connection and restores its session when it can be restored
    /// without the person (a demo, or a stored refresh token).
    pub async fn set_active_connection(&self, id: &str) -> Result<Option<Session>> {
        self.connections.get(id)?;
        self.connections.set_setting(ACTIVE_CONNECTION, id)?;
        let session = self.restore(id).await?;
        self.session_tx.send_replace(session.clone());
        Ok(session)
    }

    fn active_platform(&self) -> Result<(String, Arc<dyn Platform>, Session)> {
        let id = self
            .active_id()?
            .ok_or_else(|| Error::sign_in_required("Choose a connection and sign in."))?;
        let live = self.live.lock().unwrap_or_else(|p| p.into_inner());
        let l = live
            .get(&id)
            .ok_or_else(|| Error::sign_in_required("Sign in to this connection first."))?;
        Ok((id, l.platform.clone(), l.session.clone()))
    }

    /// Ends a live session whose tokens can no longer be renewed, so the UI shows it.
    fn forget_if_expired<T>(&self, id: &str, r: Result<T>) -> Result<T> {
        if let Err(e) = &r {
            if e.code == Code::SignInRequired {
                self.live
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .remove(id);
                self.publish_if_active(id);
            }
        }
        r
    }

    /// Reads the signed-in identity again (presence and permissions may have changed
    /// elsewhere) and tells listeners.
    pub async fn refresh_session(&self) -> Result<Session> {
        let (id, platform, _) = self.active_platform()?;
        let r = platform.identity().await;
        let session = Session::new(&id, self.forget_if_expired(&id, r)?);
        if let Some(l) = self
            .live
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get_mut(&id)
        {
            l.session = session.clone();
        }
        self.publish_if_active(&id);
        Ok(session)
    }

    pub async fn presence_options(&self) -> Result<Vec<PresenceOption>> {
        let (id, platform, _) = self.active_platform()?;
        let r = platform.presence_options().await;
        self.forget_if_expired(&id, r)
    }

    pub async fn set_presence(&self, definition_id: &str) -> Result<Presence> {
        let (id, platform, session) = self.active_platform()?;
        let user = session
            .user
            .ok_or_else(|| Error::validation("A service connection has no presence."))?;
        let r = platform.set_presence(&user.id, definition_id).await;
        let presence = self.forget_if_expired(&id, r)?;
        if let Some(l) = self
            .live
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get_mut(&id)
        {
            l.session.presence = Some(presence.clone());
        }
        self.publish_if_active(&id);
        Ok(presence)
    }
}
