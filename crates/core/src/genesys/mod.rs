//! The Genesys Cloud adapter: the only code that knows Genesys paths and field names.

pub mod analytics_wire;
pub mod client;
pub mod directory;
pub mod interaction_fetch;
pub mod interaction_summary;
pub mod oauth;
pub mod recordings;
pub mod tokens;
pub mod wire;

use crate::error::{Error, Result};
use crate::interactions::FilterOptions;
use crate::model::{Identity, IdentityKind, Organization, Presence, PresenceOption, SessionUser};
use crate::platform::{FetchSink, InteractionQuery, Platform};
use crate::recordings::types::{RecordingDetails, RecordingMedia};
use async_trait::async_trait;
use client::GenesysClient;
use interaction_summary::Names;
use std::sync::{Arc, RwLock};
use tokio::sync::OnceCell;
use wire::{PresenceDefinition, PresenceDefinitionListing, TokenInfo, UserMe, UserPresence};

pub struct GenesysPlatform {
    client: GenesysClient,
    /// A service identity has no user: `users/me` answers 400 to client credentials.
    service: bool,
    definitions: OnceCell<Vec<PresenceDefinition>>,
    /// Queue and wrap-up code names, read with the filter options and kept for the list.
    names: RwLock<Option<Arc<Names>>>,
}

impl GenesysPlatform {
    pub fn new(client: GenesysClient, service: bool) -> Self {
        Self {
            client,
            service,
            definitions: OnceCell::new(),
            names: RwLock::new(None),
        }
    }

    async fn definitions(&self) -> Result<&[PresenceDefinition]> {
        self.definitions
            .get_or_try_init(|| async {
                let listing: PresenceDefinitionListing =
                    self.client.get("/api/v2/presence/definitions", &[]).await?;
                Ok::<_, Error>(listing.entities)
            })
            .await
            .map(Vec::as_slice)
    }

    async fn presence_from(&self, p: &UserPresence) -> Result<Presence> {
        let defs = self.definitions().await?;
        let def = defs.iter().find(|d| d.id == p.presence_definition.id);
        let system = p
            .presence_definition
            .system_presence
            .clone()
            .or_else(|| def.and_then(|d| d.system_presence.clone()))
            .unwrap_or_else(|| "Unknown".into());
        Ok(Presence {
            definition_id: p.presence_definition.id.clone(),
            label: def.map(label_of).unwrap_or_else(|| system.clone()),
            system_presence: system,
            message: p.message.clone().filter(|m| !m.is_empty()),
        })
    }
}

/// The English label an organization gave a presence, else its name or system state.
fn label_of(d: &PresenceDefinition) -> String {
    d.language_labels
        .get("en_US")
        .or(d.name.as_ref())
        .or(d.system_presence.as_ref())
        .cloned()
        .unwrap_or_else(|| d.id.clone())
}

#[async_trait]
impl Platform for GenesysPlatform {
    async fn identity(&self) -> Result<Identity> {
        if self.service {
            let info: TokenInfo = self.client.get("/api/v2/tokens/me", &[]).await?;
            return Ok(Identity {
                kind: IdentityKind::Service,
                user: None,
                organization: info.organization.map(|o| Organization {
                    name: o.name.unwrap_or_default(),
                    id: o.id,
                }),
                presence: None,
                permissions: Vec::new(),
            });
        }
        let me: UserMe = self
            .client
            .get(
                "/api/v2/users/me",
                &[("expand", "presence,authorization,organization")],
            )
            .await?;
        let presence = match &me.presence {
            Some(p) => Some(self.presence_from(p).await?),
            None => None,
        };
        let mut permissions = me.authorization.map(|a| a.permissions).unwrap_or_default();
        permissions.sort();
        permissions.dedup();
        Ok(Identity {
            kind: IdentityKind::User,
            user: Some(SessionUser {
                name: me
                    .name
                    .unwrap_or_else(|| me.email.clone().unwrap_or_else(|| me.id.clone())),
                id: me.id,
                email: me.email,
                title: me.title,
                department: me.department,
            }),
            organization: me.organization.map(|o| Organization {
                name: o.name.unwrap_or_default(),
                id: o.id,
            }),
            presence,
            permissions,
        })
    }

    async fn presence_options(&self) -> Result<Vec<PresenceOption>> {
        Ok(self
            .definitions()
            .await?
            .iter()
            .filter(|d| d.deactivated != Some(true))
            .map(|d| PresenceOption {
                id: d.id.clone(),
                label: label_of(d),
                system_presence: d
                    .system_presence
                    .clone()
                    .unwrap_or_else(|| "Unknown".into()),
            })
            .collect())
    }

    async fn set_presence(&self, user_id: &str, option_id: &str) -> Result<Presence> {
        let body = serde_json::to_value(wire::PresencePatch {
            presence_definition: wire::IdRef { id: option_id },
        })
        .map_err(|e| Error::internal(e.to_string()))?;
        let path = format!(
            "/api/v2/users/{}/presences/purecloud",
            urlencoding::encode(user_id)
        );
        let p: UserPresence = self.client.patch(&path, body).await?;
        self.presence_from(&p).await
    }

    async fn filter_options(&self) -> Result<FilterOptions> {
        let options = directory::filter_options(&self.client).await?;
        *self.names.write().unwrap_or_else(|p| p.into_inner()) =
            Some(Arc::new(directory::names_of(&options)));
        Ok(options)
    }

    async fn fetch_interactions(&self, query: &InteractionQuery, sink: &FetchSink) -> Result<()> {
        let cached = self.names.read().unwrap_or_else(|p| p.into_inner()).clone();
        let names = match cached {
            Some(names) => names,
            None => {
                self.filter_options().await?;
                self.names
                    .read()
                    .unwrap_or_else(|p| p.into_inner())
                    .clone()
                    .unwrap_or_default()
            }
        };
        interaction_fetch::Fetch::new(&self.client, &names, query, sink)
            .run()
            .await
    }

    async fn revoke(&self) -> Result<()> {
        Ok(self.client.delete("/api/v2/tokens/me").await?)
    }

    async fn recording_media(
        &self,
        conversation_id: &str,
        on_wait: &(dyn Fn(Option<u64>) + Send + Sync),
    ) -> Result<RecordingMedia> {
        recordings::media(&self.client, conversation_id, on_wait).await
    }

    async fn recording_details(&self, conversation_id: &str) -> Result<RecordingDetails> {
        recordings::details(&self.client, self.client.http(), conversation_id).await
    }
}
