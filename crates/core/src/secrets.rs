//! Secrets: a type that cannot leak, and the only module that talks to the OS keyring.
//!
//! Client secrets and refresh tokens live in the keyring (Secret Service on Linux,
//! Keychain on macOS, Credential Manager on Windows) and nowhere else: not in SQLite, not
//! in a config file, not in a log line.

use crate::error::{Code, Error, Result};
use std::fmt;

/// A value that must never be printed or serialized. `Debug` and `Display` print
/// `<redacted>`; there is deliberately no `Serialize`, so it cannot reach JSON by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct Sensitive<T>(T);

impl<T> Sensitive<T> {
    pub fn new(value: T) -> Self {
        Self(value)
    }

    /// The secret itself, for the one place that must send it (a header, a form field).
    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl From<String> for Sensitive<String> {
    fn from(s: String) -> Self {
        Self(s)
    }
}

impl<T> fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl<T> fmt::Display for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// What kind of secret an entry holds; part of the keyring account name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretKind {
    ClientSecret,
    RefreshToken,
}

impl SecretKind {
    fn label(self) -> &'static str {
        match self {
            SecretKind::ClientSecret => "client-secret",
            SecretKind::RefreshToken => "refresh-token",
        }
    }
}

/// The keyring, under one service name. Debug and release builds use different names so
/// a development build never reads or overwrites a supervisor's real credentials.
#[derive(Debug, Clone)]
pub struct Keyring {
    service: String,
}

impl Keyring {
    /// The service name for this kind of build.
    pub fn for_this_build() -> Self {
        let service = if cfg!(debug_assertions) {
            "supervisor-console-dev"
        } else {
            "supervisor-console"
        };
        Self::with_service(service)
    }

    pub fn with_service(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
        }
    }

    pub fn service(&self) -> &str {
        &self.service
    }

    fn entry(&self, connection_id: &str, kind: SecretKind) -> Result<keyring::Entry> {
        let account = format!("{connection_id}/{}", kind.label());
        keyring::Entry::new(&self.service, &account).map_err(map_keyring_error)
    }

    /// Stores a secret, replacing any earlier one. Blocking: call from a blocking thread.
    pub fn persist(
        &self,
        connection_id: &str,
        kind: SecretKind,
        secret: &Sensitive<String>,
    ) -> Result<()> {
        self.entry(connection_id, kind)?
            .set_password(secret.expose())
            .map_err(map_keyring_error)
    }

    /// The stored secret, or `None` when there is none. Blocking.
    pub fn retrieve(
        &self,
        connection_id: &str,
        kind: SecretKind,
    ) -> Result<Option<Sensitive<String>>> {
        match self.entry(connection_id, kind)?.get_password() {
            Ok(s) => Ok(Some(Sensitive::new(s))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(map_keyring_error(e)),
        }
    }

    /// Removes a secret; removing one that is not there is fine. Blocking.
    pub fn delete(&self, connection_id: &str, kind: SecretKind) -> Result<()> {
        match self.entry(connection_id, kind)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_keyring_error(e)),
        }
    }

    /// Removes every secret of a connection.
    pub fn delete_all(&self, connection_id: &str) -> Result<()> {
        self.delete(connection_id, SecretKind::ClientSecret)?;
        self.delete(connection_id, SecretKind::RefreshToken)
    }
}

/// Platform failures become one stable code with fixed text; the platform's own words go
/// to the log only (they never contain the secret).
fn map_keyring_error(e: keyring::Error) -> Error {
    tracing::warn!(error = %e, "keyring operation failed");
    match e {
        keyring::Error::NoStorageAccess(_) | keyring::Error::PlatformFailure(_) => Error::new(
            Code::KeyringUnavailable,
            "The system keyring is not available or is locked. Unlock it (on Linux: start \
             GNOME Keyring or another Secret Service) and try again.",
        ),
        keyring::Error::TooLong(..)
        | keyring::Error::Invalid(..)
        | keyring::Error::BadEncoding(_) => {
            Error::internal(format!("The keyring refused the entry: {e}"))
        }
        other => Error::new(
            Code::KeyringUnavailable,
            format!("The system keyring failed: {other}"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sensitive_never_prints_its_value() {
        let s = Sensitive::new("hunter2".to_string());
        assert_eq!(format!("{s:?}"), "<redacted>");
        assert_eq!(format!("{s}"), "<redacted>");
        assert_eq!(format!("{:?}", Some(&s)), "Some(<redacted>)");
        assert_eq!(s.expose(), "hunter2");
    }

    #[test]
    fn build_kinds_use_different_services() {
        let k = Keyring::for_this_build();
        assert!(k.service().starts_with("supervisor-console"));
        if cfg!(debug_assertions) {
            assert_eq!(k.service(), "supervisor-console-dev");
        }
    }
}
