//! Connections: where a contact center is and how the console signs in to it.

use crate::error::{Error, Result};
use crate::regions;
use crate::store::Store;
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use url::Url;

pub const DEMO_CONNECTION_NAME: &str = "Demo contact center";

/// How the console obtains tokens for a connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Grant {
    /// A person signs in through the system browser (authorization code + PKCE).
    Pkce,
    /// A service identity (client credentials); the secret lives in the keyring.
    ClientCredentials,
}

impl Grant {
    fn as_db(self) -> &'static str {
        match self {
            Grant::Pkce => "pkce",
            Grant::ClientCredentials => "clientCredentials",
        }
    }

    fn from_db(s: &str) -> Grant {
        match s {
            "clientCredentials" => Grant::ClientCredentials,
            _ => Grant::Pkce,
        }
    }
}

/// A stored connection. Never holds a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionRecord {
    pub id: String,
    pub name: String,
    pub region: Option<String>,
    pub base_url: Option<String>,
    pub client_id: String,
    pub grant: Grant,
    pub is_demo: bool,
    pub stay_signed_in: bool,
}

impl ConnectionRecord {
    /// The API base URL: the region's host or the custom base URL. The demo connection's
    /// base is only known at run time (its simulator picks a free port), hence `demo_base`.
    pub fn api_base(&self, demo_base: Option<&str>) -> Option<String> {
        if self.is_demo {
            return demo_base.map(str::to_owned);
        }
        if let Some(url) = &self.base_url {
            return Some(url.trim_end_matches('/').to_owned());
        }
        self.region
            .as_deref()
            .and_then(regions::find)
            .map(|r| r.api_base.to_owned())
    }
}

/// What the UI sends to create (no id) or update (with id) a connection.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionInput {
    pub id: Option<String>,
    pub name: String,
    pub region: Option<String>,
    pub base_url: Option<String>,
    pub client_id: String,
    pub grant: Grant,
    /// Client credentials only; goes to the keyring. Empty or absent keeps the stored one.
    pub client_secret: Option<String>,
}

/// A validated input: trimmed, with exactly one location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidConnection {
    pub name: String,
    pub region: Option<String>,
    pub base_url: Option<String>,
    pub client_id: String,
    pub grant: Grant,
}

impl ConnectionInput {
    pub fn validate(&self) -> Result<ValidConnection> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(Error::validation("Give the connection a name."));
        }
        if name.chars().count() > 80 {
            return Err(Error::validation(
                "The name is too long (80 characters at most).",
            ));
        }
        let client_id = self.client_id.trim();
        if client_id.is_empty() {
            return Err(Error::validation("Enter the OAuth client id."));
        }
        let region = self
            .region
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let base_url = self
            .base_url
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let (region, base_url) = match (region, base_url) {
            (Some(_), Some(_)) => {
                return Err(Error::validation(
                    "Choose either a region or a base URL, not both.",
                ))
            }
            (None, None) => return Err(Error::validation("Choose a region or enter a base URL.")),
            (Some(r), None) => match regions::find(r) {
                Some(region) => (Some(region.id.to_owned()), None),
                None => return Err(Error::validation(format!("Unknown region \"{r}\"."))),
            },
            (None, Some(u)) => (None, Some(validate_base_url(u)?)),
        };
        Ok(ValidConnection {
            name: name.to_owned(),
            region,
            base_url,
            client_id: client_id.to_owned(),
            grant: self.grant,
        })
    }
}

/// A custom base URL must be https, or plain http to a loopback address (a simulator).
pub fn validate_base_url(raw: &str) -> Result<String> {
    let url =
        Url::parse(raw).map_err(|_| Error::validation(format!("\"{raw}\" is not a valid URL.")))?;
    let loopback = match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => return Err(Error::validation("The base URL needs a host.")),
    };
    match url.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => {
            return Err(Error::validation(
                "Plain http is only allowed to this computer (127.0.0.1 or localhost); use https.",
            ))
        }
        other => {
            return Err(Error::validation(format!(
                "Unsupported URL scheme \"{other}\"."
            )))
        }
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::validation(
            "The base URL cannot have a query or fragment.",
        ));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<ConnectionRecord> {
    Ok(ConnectionRecord {
        id: row.get("id")?,
        name: row.get("name")?,
        region: row.get("region")?,
        base_url: row.get("base_url")?,
        client_id: row.get("client_id")?,
        grant: Grant::from_db(&row.get::<_, String>("grant_type")?),
        is_demo: row.get("is_demo")?,
        stay_signed_in: row.get("stay_signed_in")?,
    })
}

const COLUMNS: &str = "id, name, region, base_url, client_id, grant_type, is_demo, stay_signed_in";

/// Connection rows in the local store.
#[derive(Clone)]
pub struct Connections {
    store: Store,
}

impl Connections {
    pub fn new(store: Store) -> Self {
        Self { store }
    }

    pub fn list(&self) -> Result<Vec<ConnectionRecord>> {
        let conn = self.store.lock();
        let mut stmt = conn.prepare(&format!(
            "SELECT {COLUMNS} FROM connections ORDER BY is_demo DESC, name COLLATE NOCASE"
        ))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn get(&self, id: &str) -> Result<ConnectionRecord> {
        self.store
            .lock()
            .query_row(
                &format!("SELECT {COLUMNS} FROM connections WHERE id = ?1"),
                [id],
                from_row,
            )
            .optional()?
            .ok_or_else(|| Error::not_found("That connection no longer exists."))
    }

    pub fn demo(&self) -> Result<Option<ConnectionRecord>> {
        Ok(self
            .store
            .lock()
            .query_row(
                &format!("SELECT {COLUMNS} FROM connections WHERE is_demo = 1"),
                [],
                from_row,
            )
            .optional()?)
    }

    pub fn create(&self, v: &ValidConnection) -> Result<ConnectionRecord> {
        let id = uuid::Uuid::new_v4().to_string();
        self.insert(&id, v, false)?;
        self.get(&id)
    }

    /// The demo connection, created once.
    pub fn ensure_demo(&self, client_id: &str) -> Result<ConnectionRecord> {
        if let Some(demo) = self.demo()? {
            return Ok(demo);
        }
        let v = ValidConnection {
            name: DEMO_CONNECTION_NAME.to_owned(),
            region: None,
            base_url: None,
            client_id: client_id.to_owned(),
            grant: Grant::Pkce,
        };
        let id = uuid::Uuid::new_v4().to_string();
        self.insert(&id, &v, true)?;
        self.get(&id)
    }

    fn insert(&self, id: &str, v: &ValidConnection, is_demo: bool) -> Result<()> {
        self.store.lock().execute(
            "INSERT INTO connections (id, name, region, base_url, client_id, grant_type, is_demo, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                id,
                v.name,
                v.region,
                v.base_url,
                v.client_id,
                v.grant.as_db(),
                is_demo,
                chrono::Utc::now().to_rfc3339()
            ],
        )?;
        Ok(())
    }

    pub fn update(&self, id: &str, v: &ValidConnection) -> Result<ConnectionRecord> {
        let existing = self.get(id)?;
        if existing.is_demo {
            return Err(Error::validation("The demo connection cannot be edited."));
        }
        self.store.lock().execute(
            "UPDATE connections SET name = ?2, region = ?3, base_url = ?4, client_id = ?5, grant_type = ?6
             WHERE id = ?1",
            params![id, v.name, v.region, v.base_url, v.client_id, v.grant.as_db()],
        )?;
        self.get(id)
    }

    pub fn set_stay_signed_in(&self, id: &str, stay: bool) -> Result<()> {
        self.store.lock().execute(
            "UPDATE connections SET stay_signed_in = ?2 WHERE id = ?1",
            params![id, stay],
        )?;
        Ok(())
    }

    pub fn remove(&self, id: &str) -> Result<()> {
        let existing = self.get(id)?;
        if existing.is_demo {
            return Err(Error::validation("The demo connection cannot be removed."));
        }
        self.store
            .lock()
            .execute("DELETE FROM connections WHERE id = ?1", [id])?;
        Ok(())
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .store
            .lock()
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.store.lock().execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Code;

    fn input(region: Option<&str>, base_url: Option<&str>) -> ConnectionInput {
        ConnectionInput {
            id: None,
            name: " Dublin org ".into(),
            region: region.map(Into::into),
            base_url: base_url.map(Into::into),
            client_id: " abc ".into(),
            grant: Grant::Pkce,
            client_secret: None,
        }
    }

    #[test]
    fn validation_trims_and_needs_exactly_one_location() {
        let v = input(Some("eu_west_1"), None).validate().unwrap();
        assert_eq!(v.name, "Dublin org");
        assert_eq!(v.client_id, "abc");
        assert_eq!(
            input(None, None).validate().unwrap_err().code,
            Code::Validation
        );
        assert!(input(Some("eu_west_1"), Some("https://x"))
            .validate()
            .is_err());
        assert!(input(Some("mars_1"), None).validate().is_err());
    }

    #[test]
    fn plain_http_only_to_loopback() {
        assert_eq!(
            validate_base_url("http://127.0.0.1:8080/").unwrap(),
            "http://127.0.0.1:8080"
        );
        assert!(validate_base_url("http://localhost:9").is_ok());
        assert!(validate_base_url("http://[::1]:9").is_ok());
        assert!(validate_base_url("https://api.example.com").is_ok());
        for bad in [
            "http://10.0.0.1",
            "http://example.com",
            "ftp://127.0.0.1",
            "nonsense",
        ] {
            assert_eq!(
                validate_base_url(bad).unwrap_err().code,
                Code::Validation,
                "{bad}"
            );
        }
    }

    #[test]
    fn crud_round_trip_and_demo_is_protected() {
        let c = Connections::new(Store::open_in_memory().unwrap());
        let demo = c.ensure_demo("demo-client").unwrap();
        assert_eq!(
            c.ensure_demo("demo-client").unwrap().id,
            demo.id,
            "created once"
        );
        let v = input(None, Some("http://127.0.0.1:1")).validate().unwrap();
        let rec = c.create(&v).unwrap();
        assert_eq!(rec.api_base(None).as_deref(), Some("http://127.0.0.1:1"));
        let mut v2 = v.clone();
        v2.name = "Renamed".into();
        assert_eq!(c.update(&rec.id, &v2).unwrap().name, "Renamed");
        assert_eq!(c.list().unwrap().len(), 2);
        assert_eq!(c.list().unwrap()[0].id, demo.id, "demo first");
        assert!(c.remove(&demo.id).is_err());
        assert!(c.update(&demo.id, &v).is_err());
        c.remove(&rec.id).unwrap();
        assert_eq!(c.get(&rec.id).unwrap_err().code, Code::NotFound);
        assert_eq!(
            demo.api_base(Some("http://127.0.0.1:5")).as_deref(),
            Some("http://127.0.0.1:5")
        );
    }
}
