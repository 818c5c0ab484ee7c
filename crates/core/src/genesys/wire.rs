//! Genesys Cloud JSON shapes, as the official SDK models name them (`attribute_map`).
//! Written independently of the simulator's: the SDK is the judge of both.
//! Every field is optional on the wire, so everything not needed to function is `Option`.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// `ErrorBody`: every non-2xx JSON body of the Platform API.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorBody {
    pub message: Option<String>,
    pub code: Option<String>,
    pub status: Option<u16>,
    pub context_id: Option<String>,
}

/// The token endpoint's answer (`/oauth/token`).
#[derive(Debug, Deserialize)]
pub struct TokenResponse {
    pub access_token: String,
    pub expires_in: Option<u64>,
    pub refresh_token: Option<String>,
}

/// The token endpoint's error (OAuth style, not `ErrorBody`).
#[derive(Debug, Default, Deserialize)]
pub struct OAuthErrorBody {
    pub error: Option<String>,
    pub description: Option<String>,
    pub error_description: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct NamedEntity {
    pub id: String,
    pub name: Option<String>,
}

/// `PresenceDefinition` as embedded in `UserPresence`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PresenceDefinitionRef {
    pub id: String,
    pub system_presence: Option<String>,
}

/// `UserPresence`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserPresence {
    pub presence_definition: PresenceDefinitionRef,
    pub message: Option<String>,
}

/// `UserAuthorization` (from `expand=authorization`).
#[derive(Debug, Clone, Deserialize)]
pub struct UserAuthorization {
    #[serde(default)]
    pub permissions: Vec<String>,
}

/// `UserMe`, the fields the console reads.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserMe {
    pub id: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub title: Option<String>,
    pub department: Option<String>,
    pub presence: Option<UserPresence>,
    pub authorization: Option<UserAuthorization>,
    pub organization: Option<NamedEntity>,
}

/// `TokenInfo` (`GET /api/v2/tokens/me`).
#[derive(Debug, Clone, Deserialize)]
pub struct TokenInfo {
    pub organization: Option<NamedEntity>,
}

/// `OrganizationPresenceDefinition` (`GET /api/v2/presence/definitions`).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PresenceDefinition {
    pub id: String,
    pub name: Option<String>,
    pub system_presence: Option<String>,
    #[serde(default)]
    pub language_labels: HashMap<String, String>,
    pub deactivated: Option<bool>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PresenceDefinitionListing {
    #[serde(default)]
    pub entities: Vec<PresenceDefinition>,
}

/// Body of `PATCH /api/v2/users/{id}/presences/purecloud`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PresencePatch<'a> {
    pub presence_definition: IdRef<'a>,
}

#[derive(Debug, Serialize)]
pub struct IdRef<'a> {
    pub id: &'a str,
}
