//! The simulator's state in SQLite: the seeded organization (users, queues, wrap-up
//! codes), the conversation history, users' presences, and OAuth sessions, tokens and codes. One connection behind a mutex is plenty for a simulator and
//! keeps every request's reads and writes consistent.

mod directory;
mod history;
mod history_addresses;
mod history_causes;
mod history_draws;
// Read by the speech-analytics, recording and survey endpoints still to come; only its
// unit tests use it yet.
#[allow(dead_code)]
mod history_extras;
mod history_gen;
mod history_handling;
mod history_inbound;
mod history_jobs;
mod history_model;
mod history_outbound;
mod history_query;
mod history_recording;
#[cfg(test)]
mod history_tests;
#[cfg(test)]
mod history_tests_detail;
mod permissions;
mod presence;
pub mod roster;
mod routing;
mod routing_catalogue;
mod seed;
mod tokens;

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, OptionalExtension};

pub use directory::{DivisionRow, GrantRow, RoleRow, UserRow};
pub use history::{HistorySpec, MAX_DAILY_VOLUME};
#[allow(unused_imports)]
pub use history_extras::{ConversationExtras, Phrase, Recording};
pub use history_jobs::{JobRow, JobSelection, JobState};
pub use history_query::{DetailsQuery, Filter, Predicate};
pub use presence::{PresenceDefinition, UserPresenceRow};
pub use routing::{QueueRow, WrapupCodeRow};
pub use tokens::{AuthCode, GrantKind, Session, TokenKind};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS org (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, seed INTEGER NOT NULL, created_date TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS divisions (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL,
    home INTEGER NOT NULL, ord INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS roles (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL,
    permissions TEXT NOT NULL, ord INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS users (
    id TEXT PRIMARY KEY, ord INTEGER NOT NULL, name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE, title TEXT NOT NULL, department TEXT NOT NULL,
    division_id TEXT NOT NULL REFERENCES divisions(id), manager_id TEXT, kind TEXT NOT NULL,
    state TEXT NOT NULL, version INTEGER NOT NULL, phone TEXT NOT NULL,
    date_created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS grants (
    user_id TEXT NOT NULL REFERENCES users(id), role_id TEXT NOT NULL REFERENCES roles(id),
    division_id TEXT NOT NULL REFERENCES divisions(id), granted_at TEXT NOT NULL,
    PRIMARY KEY (user_id, role_id, division_id));
CREATE TABLE IF NOT EXISTS presence_definitions (
    id TEXT PRIMARY KEY, system_presence TEXT NOT NULL UNIQUE, label TEXT NOT NULL,
    ord INTEGER NOT NULL, created_date TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS user_presence (
    user_id TEXT PRIMARY KEY REFERENCES users(id),
    definition_id TEXT NOT NULL REFERENCES presence_definitions(id),
    message TEXT NOT NULL, modified_date TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS oauth_sessions (
    id TEXT PRIMARY KEY, client_id TEXT NOT NULL, user_id TEXT, grant_kind TEXT NOT NULL,
    public INTEGER NOT NULL, created_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS oauth_tokens (
    token TEXT PRIMARY KEY, kind TEXT NOT NULL,
    session_id TEXT NOT NULL REFERENCES oauth_sessions(id) ON DELETE CASCADE,
    expires_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS oauth_codes (
    code TEXT PRIMARY KEY, client_id TEXT NOT NULL, user_id TEXT NOT NULL,
    redirect_uri TEXT NOT NULL, code_challenge TEXT, expires_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS queues (
    id TEXT PRIMARY KEY, ord INTEGER NOT NULL, name TEXT NOT NULL,
    division_id TEXT NOT NULL REFERENCES divisions(id), description TEXT NOT NULL,
    settings TEXT NOT NULL, date_created TEXT NOT NULL, date_modified TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS queue_members (
    queue_id TEXT NOT NULL REFERENCES queues(id), user_id TEXT NOT NULL REFERENCES users(id),
    ring_number INTEGER NOT NULL, joined INTEGER NOT NULL, PRIMARY KEY (queue_id, user_id));
CREATE TABLE IF NOT EXISTS wrapup_codes (
    id TEXT PRIMARY KEY, ord INTEGER NOT NULL, name TEXT NOT NULL,
    division_id TEXT NOT NULL REFERENCES divisions(id), description TEXT NOT NULL,
    date_created TEXT NOT NULL, date_modified TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS queue_wrapup_codes (
    queue_id TEXT NOT NULL REFERENCES queues(id),
    code_id TEXT NOT NULL REFERENCES wrapup_codes(id), PRIMARY KEY (queue_id, code_id));
CREATE TABLE IF NOT EXISTS teams (
    id TEXT PRIMARY KEY, ord INTEGER NOT NULL, name TEXT NOT NULL,
    division_id TEXT NOT NULL REFERENCES divisions(id));
CREATE TABLE IF NOT EXISTS user_routing (
    user_id TEXT PRIMARY KEY REFERENCES users(id), team_id TEXT REFERENCES teams(id),
    skills TEXT NOT NULL, languages TEXT NOT NULL);
";

/// The organization the simulator serves.
#[derive(Debug, Clone)]
pub struct Org {
    pub id: String,
    pub name: String,
}

pub struct Store {
    conn: Mutex<Connection>,
    /// Set once the organization is seeded: documents are drawn from it when read.
    history: Option<history::History>,
}

impl Store {
    /// Opens (or creates) the database and seeds the organization from `seed` unless the
    /// database already holds one, in which case that one is kept.
    pub fn open(path: Option<&Path>, seed: u64, history: HistorySpec) -> rusqlite::Result<Store> {
        let conn = match path {
            Some(path) => Connection::open(path)?,
            None => Connection::open_in_memory()?,
        };
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        conn.execute_batch(SCHEMA)?;
        history::migrate(&conn)?;
        conn.execute_batch(history::SCHEMA)?;
        conn.execute_batch(history_jobs::SCHEMA)?;
        let mut store = Store {
            conn: Mutex::new(conn),
            history: None,
        };
        match store.stored_seed()? {
            None => seed::insert_roster(&mut store.conn(), seed)?,
            Some(stored) => {
                if stored != seed {
                    tracing::warn!(
                        "database already holds the organization of seed {stored}; ignoring \
                         seed {seed}"
                    );
                }
                // A database of an earlier version has no routing data (nor the agents
                // added with it): seeding again only adds what is missing.
                if store.routing_is_empty()? {
                    seed::insert_roster(&mut store.conn(), stored)?;
                }
            }
        }
        let seed = store.stored_seed()?.unwrap_or(seed);
        let prepared = history::prepare(&mut store.conn(), seed, history, now_ms())?;
        store.history = Some(prepared);
        Ok(store)
    }

    /// The connection; a panic in another request must not make the simulator unusable,
    /// so a poisoned lock is taken over as is.
    fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn stored_seed(&self) -> rusqlite::Result<Option<u64>> {
        self.conn()
            .query_row("SELECT seed FROM org LIMIT 1", [], |r| r.get::<_, i64>(0))
            .optional()
            .map(|seed| seed.map(|s| s as u64))
    }

    pub fn org(&self) -> rusqlite::Result<Org> {
        self.conn()
            .query_row("SELECT id, name FROM org LIMIT 1", [], |r| {
                Ok(Org {
                    id: r.get(0)?,
                    name: r.get(1)?,
                })
            })
    }
}

/// Milliseconds since the Unix epoch, the unit of every stored expiry.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// An ISO-8601 UTC timestamp with milliseconds, as the Genesys API writes them.
pub fn iso_now() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}
