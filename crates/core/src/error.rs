//! The one error the console shows a person, and the closed set of codes the UI can act on.
//!
//! Modules keep their own error enums (what went wrong, in their terms) and convert into
//! [`Error`] where they meet the console facade. Across IPC an [`Error`] is exactly
//! `{"code": "...", "message": "..."}`; add a [`Code`] only when the UI must react
//! differently to it.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use std::fmt;

/// What the UI can branch on. Keep this list short and in step with `ui/src/ipc/types.ts`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Code {
    /// The request itself is wrong (a missing name, a non-loopback http URL).
    Validation,
    /// The thing asked for does not exist (any more).
    NotFound,
    /// The host could not be reached, or the connection broke.
    Network,
    /// The platform refused the client id, secret or user credentials.
    AuthFailed,
    /// No session, or the session ended: sign in again.
    SignInRequired,
    /// No OS keyring could be reached or it is locked.
    KeyringUnavailable,
    /// Signed in, but lacking a permission or division.
    PermissionDenied,
    /// The platform kept answering 429 after the bounded retries.
    RateLimited,
    /// The platform answered with an error or a body the console cannot read.
    Platform,
    /// The person cancelled (e.g. closed the sign-in).
    Cancelled,
    /// Waited too long (e.g. the browser sign-in was never finished).
    Timeout,
    /// A recording's audio is in a format or codec the console cannot decode.
    UnsupportedMedia,
    /// A recording's file is damaged (truncated, corrupt) and cannot be read.
    CorruptMedia,
    /// A recording declares sizes beyond what the console will allocate for.
    MediaTooLarge,
    /// A bug or a local failure (disk, database).
    Internal,
}

impl Code {
    /// Every code, for the test that keeps the TypeScript list in step.
    pub const ALL: [Code; 15] = [
        Code::Validation,
        Code::NotFound,
        Code::Network,
        Code::AuthFailed,
        Code::SignInRequired,
        Code::KeyringUnavailable,
        Code::PermissionDenied,
        Code::RateLimited,
        Code::Platform,
        Code::Cancelled,
        Code::Timeout,
        Code::UnsupportedMedia,
        Code::CorruptMedia,
        Code::MediaTooLarge,
        Code::Internal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Code::Validation => "Validation",
            Code::NotFound => "NotFound",
            Code::Network => "Network",
            Code::AuthFailed => "AuthFailed",
            Code::SignInRequired => "SignInRequired",
            Code::KeyringUnavailable => "KeyringUnavailable",
            Code::PermissionDenied => "PermissionDenied",
            Code::RateLimited => "RateLimited",
            Code::Platform => "Platform",
            Code::Cancelled => "Cancelled",
            Code::Timeout => "Timeout",
            Code::UnsupportedMedia => "UnsupportedMedia",
            Code::CorruptMedia => "CorruptMedia",
            Code::MediaTooLarge => "MediaTooLarge",
            Code::Internal => "Internal",
        }
    }
}

/// An error with a code the UI understands and a sentence a supervisor can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub code: Code,
    pub message: String,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    pub fn validation(message: impl Into<String>) -> Self {
        Self::new(Code::Validation, message)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(Code::Internal, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(Code::NotFound, message)
    }

    pub fn sign_in_required(message: impl Into<String>) -> Self {
        Self::new(Code::SignInRequired, message)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.code.as_str())
    }
}

impl std::error::Error for Error {}

/// The IPC shape: `{code, message}` and nothing else.
impl Serialize for Error {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Error", 2)?;
        s.serialize_field("code", self.code.as_str())?;
        s.serialize_field("message", &self.message)?;
        s.end()
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::internal(format!("The local database failed: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_to_code_and_message_only() {
        let e = Error::new(Code::KeyringUnavailable, "No keyring is running.");
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            r#"{"code":"KeyringUnavailable","message":"No keyring is running."}"#
        );
    }

    #[test]
    fn every_code_serializes_as_its_name() {
        for code in Code::ALL {
            let json = serde_json::to_value(code).unwrap();
            assert_eq!(json, serde_json::Value::String(code.as_str().into()));
        }
    }

    #[test]
    fn typescript_error_codes_match_the_rust_list() {
        // The UI branches on these names; a code added here and not there would reach
        // the UI as "Unknown".
        let ts = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../ui/src/ipc/types.ts"
        ))
        .expect("ui/src/ipc/types.ts exists");
        let start = ts.find("ERROR_CODES").expect("ERROR_CODES in types.ts");
        let list = &ts[start..ts[start..].find(']').unwrap() + start];
        let ts_codes: Vec<&str> = list
            .split('"')
            .enumerate()
            .filter(|(i, _)| i % 2 == 1)
            .map(|(_, s)| s)
            .collect();
        let rust_codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(ts_codes, rust_codes);
    }
}
