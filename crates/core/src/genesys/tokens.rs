//! A connection's tokens: renewed before they expire, by whatever the grant allows.

use super::client::TokenSource;
use super::oauth::{GrantRequest, OAuthClient, TokenSet};
use crate::error::{Error, Result};
use crate::secrets::Sensitive;
use async_trait::async_trait;
use std::time::Duration;
use tokio::sync::Mutex;

/// Renew this long before expiry, so a request never leaves with a dying token.
pub const RENEW_MARGIN: Duration = Duration::from_secs(60);

/// How to get a new access token without the person.
#[derive(Debug, Clone)]
pub enum Renewal {
    /// Use the refresh token (rotating it when the platform sends a new one).
    RefreshToken,
    /// Ask again with the client secret.
    ClientCredentials,
    /// The demo contact center: ask again with the demo user's password.
    Password {
        username: String,
        password: Sensitive<String>,
    },
}

/// Called with the new refresh token after a rotation, to keep the stored one current.
pub type OnRotate = Box<dyn Fn(&Sensitive<String>) + Send + Sync>;

pub struct SessionTokens {
    http: reqwest::Client,
    client: OAuthClient,
    renewal: Renewal,
    current: Mutex<TokenSet>,
    on_rotate: Option<OnRotate>,
}

impl SessionTokens {
    pub fn new(
        http: reqwest::Client,
        client: OAuthClient,
        renewal: Renewal,
        tokens: TokenSet,
        on_rotate: Option<OnRotate>,
    ) -> Self {
        Self {
            http,
            client,
            renewal,
            current: Mutex::new(tokens),
            on_rotate,
        }
    }

    /// The current refresh token, if the grant gave one.
    pub async fn refresh_token(&self) -> Option<Sensitive<String>> {
        self.current.lock().await.refresh_token.clone()
    }

    async fn renew(&self, current: &TokenSet) -> Result<TokenSet> {
        match &self.renewal {
            Renewal::RefreshToken => {
                let Some(refresh) = &current.refresh_token else {
                    return Err(Error::sign_in_required(
                        "The session has expired; sign in again.",
                    ));
                };
                let mut next = self
                    .client
                    .token(&self.http, GrantRequest::Refresh(refresh))
                    .await?;
                match &next.refresh_token {
                    Some(new) if new != refresh => {
                        if let Some(f) = &self.on_rotate {
                            f(new);
                        }
                    }
                    Some(_) => {}
                    // Some platforms keep the refresh token as it was.
                    None => next.refresh_token = Some(refresh.clone()),
                }
                Ok(next)
            }
            Renewal::ClientCredentials => {
                self.client
                    .token(&self.http, GrantRequest::ClientCredentials)
                    .await
            }
            Renewal::Password { username, password } => {
                self.client
                    .token(&self.http, GrantRequest::Password { username, password })
                    .await
            }
        }
    }
}

#[async_trait]
impl TokenSource for SessionTokens {
    async fn access_token(&self) -> Result<Sensitive<String>> {
        // Holding the lock across the renewal makes concurrent callers wait for one
        // renewal instead of each spending the (single-use) refresh token.
        let mut current = self.current.lock().await;
        if current.expires_within(RENEW_MARGIN) {
            tracing::info!("access token about to expire; renewing");
            *current = self.renew(&current).await?;
        }
        Ok(current.access_token.clone())
    }
}
