//! The console's own words for what a platform tells it. Platform-neutral: nothing here
//! knows a Genesys field name.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionUser {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    pub title: Option<String>,
    pub department: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Organization {
    pub id: String,
    pub name: String,
}

/// A person's presence as the header shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Presence {
    pub definition_id: String,
    /// The platform-wide state (Available, Away, Busy, OnQueue, Offline, …).
    pub system_presence: String,
    pub label: String,
    pub message: Option<String>,
}

/// A presence a person may choose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PresenceOption {
    pub id: String,
    pub label: String,
    pub system_presence: String,
}

/// Who a token speaks for: a person, or a service (client credentials) with no user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum IdentityKind {
    User,
    Service,
}

/// What the console knows about the signed-in identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Identity {
    pub kind: IdentityKind,
    pub user: Option<SessionUser>,
    pub organization: Option<Organization>,
    pub presence: Option<Presence>,
    pub permissions: Vec<String>,
}

/// A signed-in connection, as the UI sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    pub connection_id: String,
    pub kind: IdentityKind,
    pub user: Option<SessionUser>,
    pub organization: Option<Organization>,
    pub presence: Option<Presence>,
    pub permissions: Vec<String>,
}

impl Session {
    pub fn new(connection_id: &str, identity: Identity) -> Self {
        Self {
            connection_id: connection_id.to_owned(),
            kind: identity.kind,
            user: identity.user,
            organization: identity.organization,
            presence: identity.presence,
            permissions: identity.permissions,
        }
    }
}
