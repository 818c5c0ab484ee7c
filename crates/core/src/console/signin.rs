//! Signing in and out, and restoring a session at start-up.

use super::{Console, Live};
use crate::auth::{loopback::LoopbackListener, pkce};
use crate::connections::{ConnectionRecord, Grant};
use crate::error::{Code, Error, Result};
use crate::genesys::client::GenesysClient;
use crate::genesys::oauth::{GrantRequest, OAuthClient, TokenSet};
use crate::genesys::tokens::{OnRotate, Renewal, SessionTokens};
use crate::genesys::GenesysPlatform;
use crate::model::Session;
use crate::regions::login_base;
use crate::secrets::{Keyring, SecretKind, Sensitive};
use std::sync::Arc;
use tokio::sync::Notify;

/// Runs a blocking keyring call off the async runtime.
pub(super) async fn keyring_call<T: Send + 'static>(
    keyring: &Keyring,
    f: impl FnOnce(&Keyring) -> Result<T> + Send + 'static,
) -> Result<T> {
    let k = keyring.clone();
    tokio::task::spawn_blocking(move || f(&k))
        .await
        .map_err(|e| Error::internal(format!("keyring task failed: {e}")))?
}

impl Console {
    /// Signs a connection in: the demo signs in its supervisor, a person's connection goes
    /// through the browser (PKCE), a service connection uses its stored client secret.
    /// With `stay_signed_in`, the refresh token is kept in the keyring for the next start.
    pub async fn sign_in(&self, id: &str, stay_signed_in: bool) -> Result<Session> {
        let record = self.connections.get(id)?;
        let (tokens, renewal, client) = if record.is_demo {
            self.demo_grant(&record).await?
        } else {
            match record.grant {
                Grant::Pkce => self.browser_grant(&record).await?,
                Grant::ClientCredentials => self.service_grant(&record).await?,
            }
        };
        let keep = stay_signed_in && !record.is_demo && record.grant == Grant::Pkce;
        let session = self.go_live(&record, client, renewal, tokens, keep).await?;
        self.connections.set_stay_signed_in(id, keep)?;
        self.connections.set_setting(super::ACTIVE_CONNECTION, id)?;
        self.session_tx.send_replace(Some(session.clone()));
        tracing::info!(connection = %record.name, "signed in");
        Ok(session)
    }

    /// Gives up a browser sign-in in progress.
    pub fn cancel_sign_in(&self, id: &str) {
        if let Some(n) = self
            .pending
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(id)
        {
            n.notify_one();
        }
    }

    /// Signs out: revokes the token on the platform (best effort: being offline must not
    /// keep anyone signed in locally) and forgets the stored refresh token.
    pub async fn sign_out(&self, id: &str) -> Result<()> {
        let live = self
            .live
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(id);
        // Transcripts are customer data: none outlives the sign-in that read them.
        self.recording_details.clear();
        if let Some(live) = live {
            if let Err(e) = live.platform.revoke().await {
                tracing::warn!(error = %e, "token revocation failed; signed out locally");
            }
        }
        // A locked keyring must not keep anyone signed in: forget locally, say so in the log.
        let forgotten = keyring_call(&self.keyring, {
            let id = id.to_owned();
            move |k| k.delete(&id, SecretKind::RefreshToken)
        })
        .await;
        if let Err(e) = forgotten {
            tracing::warn!(error = %e, "could not remove the stored sign-in from the keyring");
        }
        self.connections.set_stay_signed_in(id, false)?;
        self.publish_if_active(id);
        tracing::info!("signed out");
        Ok(())
    }

    /// The session of a connection, signing in without the person where that is possible.
    pub(super) async fn restore(&self, id: &str) -> Result<Option<Session>> {
        if let Some(s) = self.live_session(id) {
            return Ok(Some(s));
        }
        let record = self.connections.get(id)?;
        let outcome = if record.is_demo {
            self.sign_in(id, false).await.map(Some)
        } else if record.stay_signed_in {
            self.resume(&record).await
        } else {
            Ok(None)
        };
        match outcome {
            // An expired or revoked stored sign-in just means "signed out".
            Err(e) if e.code == Code::SignInRequired => {
                tracing::info!("stored sign-in no longer valid");
                Ok(None)
            }
            other => other,
        }
    }

    async fn resume(&self, record: &ConnectionRecord) -> Result<Option<Session>> {
        let stored = keyring_call(&self.keyring, {
            let id = record.id.clone();
            move |k| k.retrieve(&id, SecretKind::RefreshToken)
        })
        .await?;
        let Some(refresh) = stored else {
            return Ok(None);
        };
        let client = self.oauth_client(record, None)?;
        let tokens = client
            .token(&self.http, GrantRequest::Refresh(&refresh))
            .await?;
        let session = self
            .go_live(record, client, Renewal::RefreshToken, tokens, true)
            .await?;
        Ok(Some(session))
    }

    pub(super) fn oauth_client(
        &self,
        record: &ConnectionRecord,
        secret: Option<Sensitive<String>>,
    ) -> Result<OAuthClient> {
        Ok(OAuthClient {
            login_base: login_base(&self.api_base_of(record)?),
            client_id: record.client_id.clone(),
            client_secret: secret,
        })
    }

    async fn demo_grant(
        &self,
        record: &ConnectionRecord,
    ) -> Result<(TokenSet, Renewal, OAuthClient)> {
        let demo = self
            .demo
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
            .ok_or_else(|| Error::new(Code::Network, "The demo contact center is not running."))?;
        let client = self.oauth_client(record, Some(demo.client_secret.clone()))?;
        let tokens = client
            .token(
                &self.http,
                GrantRequest::Password {
                    username: &demo.username,
                    password: &demo.password,
                },
            )
            .await?;
        Ok((
            tokens,
            Renewal::Password {
                username: demo.username,
                password: demo.password,
            },
            client,
        ))
    }

    async fn service_grant(
        &self,
        record: &ConnectionRecord,
    ) -> Result<(TokenSet, Renewal, OAuthClient)> {
        let secret = keyring_call(&self.keyring, {
            let id = record.id.clone();
            move |k| k.retrieve(&id, SecretKind::ClientSecret)
        })
        .await?
        .ok_or_else(|| {
            Error::validation(
                "No client secret is stored for this connection; edit it and enter the secret.",
            )
        })?;
        let client = self.oauth_client(record, Some(secret))?;
        let tokens = client
            .token(&self.http, GrantRequest::ClientCredentials)
            .await?;
        Ok((tokens, Renewal::ClientCredentials, client))
    }

    async fn browser_grant(
        &self,
        record: &ConnectionRecord,
    ) -> Result<(TokenSet, Renewal, OAuthClient)> {
        let client = self.oauth_client(record, None)?;
        let listener = LoopbackListener::bind().await?;
        let redirect_uri = listener.redirect_uri().to_owned();
        let verifier = pkce::new_verifier();
        let state = pkce::new_state();
        let mut url = url::Url::parse(&format!("{}/oauth/authorize", client.login_base))
            .map_err(|e| Error::validation(format!("Bad sign-in address: {e}")))?;
        url.query_pairs_mut()
            .append_pair("client_id", &client.client_id)
            .append_pair("response_type", "code")
            .append_pair("redirect_uri", &redirect_uri)
            .append_pair("code_challenge", &pkce::challenge(&verifier))
            .append_pair("code_challenge_method", "S256")
            .append_pair("state", &state);

        let cancel = Arc::new(Notify::new());
        self.pending
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(record.id.clone(), cancel.clone());
        tracing::info!(connection = %record.name, "opening the browser for sign-in");
        let redirect = match self.browser.open(url.as_str()) {
            Err(e) => Err(e),
            Ok(()) => tokio::select! {
                r = listener.wait(&state, self.sign_in_timeout) => r,
                _ = cancel.notified() => Err(Error::new(Code::Cancelled, "Sign-in was cancelled.")),
            },
        };
        self.pending
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&record.id);
        let redirect = redirect?;
        let tokens = client
            .token(
                &self.http,
                GrantRequest::PkceCode {
                    code: &redirect.code,
                    verifier: &verifier,
                    redirect_uri: &redirect_uri,
                },
            )
            .await?;
        Ok((tokens, Renewal::RefreshToken, client))
    }

    /// Builds the platform for fresh tokens, reads who signed in, and keeps it live.
    async fn go_live(
        &self,
        record: &ConnectionRecord,
        client: OAuthClient,
        renewal: Renewal,
        tokens: TokenSet,
        keep_refresh_token: bool,
    ) -> Result<Session> {
        let refresh = tokens.refresh_token.clone();
        let on_rotate: Option<OnRotate> = keep_refresh_token.then(|| {
            let keyring = self.keyring.clone();
            let id = record.id.clone();
            Box::new(move |t: &Sensitive<String>| {
                // Called on the runtime; the keyring write is short and must not be lost.
                let persist = || keyring.persist(&id, SecretKind::RefreshToken, t);
                let multi_thread = tokio::runtime::Handle::try_current().is_ok_and(|h| {
                    h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread
                });
                let result = if multi_thread {
                    tokio::task::block_in_place(persist)
                } else {
                    persist()
                };
                if let Err(e) = result {
                    tracing::warn!(error = %e, "could not store the renewed sign-in");
                }
            }) as OnRotate
        });
        let source = Arc::new(SessionTokens::new(
            self.http.clone(),
            client,
            renewal,
            tokens,
            on_rotate,
        ));
        let api = GenesysClient::new(self.http.clone(), &self.api_base_of(record)?, source);
        let platform = Arc::new(GenesysPlatform::new(
            api,
            record.grant == Grant::ClientCredentials && !record.is_demo,
        ));
        let identity = crate::platform::Platform::identity(platform.as_ref()).await?;
        let session = Session::new(&record.id, identity);
        let id = record.id.clone();
        match (keep_refresh_token, refresh) {
            (true, Some(t)) => {
                keyring_call(&self.keyring, move |k| {
                    k.persist(&id, SecretKind::RefreshToken, &t)
                })
                .await?
            }
            // The demo never stores anything, so it works without a keyring.
            _ if record.is_demo => {}
            // Forgetting an older stored sign-in is tidy-up: it must not fail the sign-in.
            _ => {
                if let Err(e) = keyring_call(&self.keyring, move |k| {
                    k.delete(&id, SecretKind::RefreshToken)
                })
                .await
                {
                    tracing::warn!(error = %e, "could not clear a stored sign-in");
                }
            }
        }
        self.live.lock().unwrap_or_else(|p| p.into_inner()).insert(
            record.id.clone(),
            Live {
                platform,
                session: session.clone(),
            },
        );
        Ok(session)
    }
}
