//! Listing, saving, removing and testing connections.

use super::signin::keyring_call;
use super::Console;
use crate::auth::pkce;
use crate::connections::{ConnectionInput, ConnectionRecord, Grant};
use crate::error::{Code, Error, Result};
use crate::genesys::client::transport_error;
use crate::genesys::oauth::GrantRequest;
use crate::regions::login_base;
use crate::secrets::{SecretKind, Sensitive};
use serde::Serialize;
use std::time::Instant;

/// A connection as the UI lists it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionView {
    pub id: String,
    pub name: String,
    pub region: Option<String>,
    pub base_url: Option<String>,
    pub api_base: String,
    pub client_id: String,
    pub grant: Grant,
    pub is_demo: bool,
    pub has_client_secret: bool,
    pub signed_in: bool,
    pub stay_signed_in: bool,
    pub active: bool,
}

/// The outcome of "Test".
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionTest {
    pub latency_ms: u64,
    pub message: String,
}

impl Console {
    pub async fn list_connections(&self) -> Result<Vec<ConnectionView>> {
        let active = self.active_id()?;
        let mut out = Vec::new();
        for r in self.connections.list()? {
            let has_client_secret = r.grant == Grant::ClientCredentials && !r.is_demo && {
                let id = r.id.clone();
                // An unreachable keyring shows as "no secret" here; signing in says why.
                keyring_call(&self.keyring, move |k| {
                    k.retrieve(&id, SecretKind::ClientSecret)
                })
                .await
                .map(|s| s.is_some())
                .unwrap_or(false)
            };
            out.push(self.view(r, has_client_secret, active.as_deref()));
        }
        Ok(out)
    }

    fn view(
        &self,
        r: ConnectionRecord,
        has_client_secret: bool,
        active: Option<&str>,
    ) -> ConnectionView {
        ConnectionView {
            api_base: r.api_base(self.demo_base().as_deref()).unwrap_or_default(),
            signed_in: self.live_session(&r.id).is_some(),
            active: active == Some(r.id.as_str()),
            has_client_secret,
            id: r.id,
            name: r.name,
            region: r.region,
            base_url: r.base_url,
            client_id: r.client_id,
            grant: r.grant,
            is_demo: r.is_demo,
            stay_signed_in: r.stay_signed_in,
        }
    }

    /// Creates (no id) or updates a connection; a client secret goes to the keyring.
    /// Changing where or how a connection signs in ends its current session.
    pub async fn save_connection(&self, input: ConnectionInput) -> Result<ConnectionView> {
        let valid = input.validate()?;
        let secret = input
            .client_secret
            .filter(|s| !s.trim().is_empty())
            .map(Sensitive::new);
        let record = match input.id.as_deref() {
            None => {
                if valid.grant == Grant::ClientCredentials && secret.is_none() {
                    return Err(Error::validation(
                        "Enter the client secret of the OAuth client.",
                    ));
                }
                self.connections.create(&valid)?
            }
            Some(id) => {
                let before = self.connections.get(id)?;
                let updated = self.connections.update(id, &valid)?;
                if (
                    before.region,
                    before.base_url,
                    before.client_id,
                    before.grant,
                ) != (
                    updated.region.clone(),
                    updated.base_url.clone(),
                    updated.client_id.clone(),
                    updated.grant,
                ) {
                    self.sign_out(id).await?;
                }
                updated
            }
        };
        let id = record.id.clone();
        let has_secret = match (record.grant, secret) {
            (Grant::ClientCredentials, Some(s)) => {
                let stored = keyring_call(&self.keyring, move |k| {
                    k.persist(&id, SecretKind::ClientSecret, &s)
                })
                .await;
                if let Err(e) = stored {
                    if input.id.is_none() {
                        // Do not leave a connection behind that cannot sign in.
                        self.connections.remove(&record.id)?;
                    }
                    return Err(e);
                }
                true
            }
            (Grant::ClientCredentials, None) => keyring_call(&self.keyring, move |k| {
                k.retrieve(&id, SecretKind::ClientSecret)
            })
            .await?
            .is_some(),
            // A person's connection has no client secret; one left from an earlier
            // service grant is tidied away, which must not block saving.
            (Grant::Pkce, _) => {
                if input.id.is_some() {
                    let cleared = keyring_call(&self.keyring, move |k| {
                        k.delete(&id, SecretKind::ClientSecret)
                    })
                    .await;
                    if let Err(e) = cleared {
                        tracing::warn!(error = %e, "could not remove an old client secret");
                    }
                }
                false
            }
        };
        tracing::info!(connection = %record.name, "connection saved");
        Ok(self.view(record, has_secret, self.active_id()?.as_deref()))
    }

    pub async fn remove_connection(&self, id: &str) -> Result<()> {
        let record = self.connections.get(id)?;
        if record.is_demo {
            return Err(Error::validation("The demo connection cannot be removed."));
        }
        self.sign_out(id).await?;
        let owned = id.to_owned();
        keyring_call(&self.keyring, move |k| k.delete_all(&owned)).await?;
        self.connections.remove(id)?;
        tracing::info!(connection = %record.name, "connection removed");
        Ok(())
    }

    /// Checks that the contact center answers and, where it can be checked without a
    /// person, that it accepts the OAuth client.
    pub async fn test_connection(&self, id: &str) -> Result<ConnectionTest> {
        let record = self.connections.get(id)?;
        let api_base = self.api_base_of(&record)?;
        let started = Instant::now();
        // Any HTTP answer (401 included) proves the API host is there.
        self.http
            .get(format!("{api_base}/api/v2/tokens/me"))
            .send()
            .await
            .map_err(|e| Error::from(transport_error(&e)))?;
        let message = if record.grant == Grant::ClientCredentials && !record.is_demo {
            let rid = record.id.clone();
            let secret = keyring_call(&self.keyring, move |k| {
                k.retrieve(&rid, SecretKind::ClientSecret)
            })
            .await?
            .ok_or_else(|| Error::validation("No client secret is stored for this connection."))?;
            let client = self.oauth_client(&record, Some(secret))?;
            client
                .token(&self.http, GrantRequest::ClientCredentials)
                .await?;
            "Reachable; the client id and secret were accepted.".to_owned()
        } else {
            self.check_authorize_page(&record, &api_base).await?;
            "Reachable; the sign-in page accepts this client id.".to_owned()
        };
        Ok(ConnectionTest {
            latency_ms: started.elapsed().as_millis() as u64,
            message,
        })
    }

    /// Asks the sign-in page for this client without following it: a refusal (4xx)
    /// means the client id is not known there.
    async fn check_authorize_page(&self, record: &ConnectionRecord, api_base: &str) -> Result<()> {
        let mut url = url::Url::parse(&format!("{}/oauth/authorize", login_base(api_base)))
            .map_err(|e| Error::validation(e.to_string()))?;
        url.query_pairs_mut()
            .append_pair("client_id", &record.client_id)
            .append_pair("response_type", "code")
            .append_pair("redirect_uri", "http://127.0.0.1/callback")
            .append_pair("code_challenge", &pkce::challenge(&pkce::new_verifier()))
            .append_pair("code_challenge_method", "S256");
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::internal(e.to_string()))?;
        let resp = client
            .get(url)
            .send()
            .await
            .map_err(|e| Error::from(transport_error(&e)))?;
        if resp.status().is_client_error() {
            return Err(Error::new(
                Code::AuthFailed,
                format!(
                    "The sign-in page refused the OAuth client id \"{}\" ({}).",
                    record.client_id,
                    resp.status()
                ),
            ));
        }
        Ok(())
    }
}
