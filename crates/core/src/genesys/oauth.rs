//! The token endpoint (`POST {login}/oauth/token`): every grant the console uses.

use super::client::{decode, transport_error, ApiError};
use super::wire::{OAuthErrorBody, TokenResponse};
use crate::error::{Code, Error};
use crate::secrets::Sensitive;
use std::time::{Duration, Instant};

/// Tokens from one grant. Secrets stay wrapped.
#[derive(Debug, Clone)]
pub struct TokenSet {
    pub access_token: Sensitive<String>,
    pub refresh_token: Option<Sensitive<String>>,
    pub expires_at: Instant,
}

impl TokenSet {
    /// True when the token expires within `margin` (renew before, not after, expiry).
    pub fn expires_within(&self, margin: Duration) -> bool {
        Instant::now() + margin >= self.expires_at
    }
}

/// One OAuth client of a connection.
#[derive(Debug, Clone)]
pub struct OAuthClient {
    pub login_base: String,
    pub client_id: String,
    /// Confidential clients only (client credentials, the demo's password grant).
    pub client_secret: Option<Sensitive<String>>,
}

/// What a grant needs besides the client.
pub enum GrantRequest<'a> {
    ClientCredentials,
    PkceCode {
        code: &'a str,
        verifier: &'a Sensitive<String>,
        redirect_uri: &'a str,
    },
    Refresh(&'a Sensitive<String>),
    Password {
        username: &'a str,
        password: &'a Sensitive<String>,
    },
}

impl OAuthClient {
    pub async fn token(
        &self,
        http: &reqwest::Client,
        grant: GrantRequest<'_>,
    ) -> Result<TokenSet, Error> {
        let mut form: Vec<(&str, &str)> = Vec::new();
        let grant_name = match &grant {
            GrantRequest::ClientCredentials => {
                form.push(("grant_type", "client_credentials"));
                "client_credentials"
            }
            GrantRequest::PkceCode {
                code,
                verifier,
                redirect_uri,
            } => {
                form.extend([
                    ("grant_type", "authorization_code"),
                    ("code", *code),
                    ("code_verifier", verifier.expose().as_str()),
                    ("client_id", self.client_id.as_str()),
                    ("redirect_uri", *redirect_uri),
                ]);
                "authorization_code"
            }
            GrantRequest::Refresh(token) => {
                form.extend([
                    ("grant_type", "refresh_token"),
                    ("refresh_token", token.expose().as_str()),
                ]);
                if self.client_secret.is_none() {
                    form.push(("client_id", self.client_id.as_str()));
                }
                "refresh_token"
            }
            GrantRequest::Password { username, password } => {
                form.extend([
                    ("grant_type", "password"),
                    ("username", *username),
                    ("password", password.expose().as_str()),
                ]);
                "password"
            }
        };
        let url = format!("{}/oauth/token", self.login_base.trim_end_matches('/'));
        let mut req = http.post(&url).form(&form);
        if let Some(secret) = &self.client_secret {
            req = req.basic_auth(&self.client_id, Some(secret.expose()));
        }
        tracing::info!(grant = grant_name, client_id = %self.client_id, "requesting a token");
        let resp = req
            .send()
            .await
            .map_err(|e| Error::from(transport_error(&e)))?;
        let status = resp.status();
        let bytes = resp
            .bytes()
            .await
            .map_err(|e| Error::from(transport_error(&e)))?;
        if !status.is_success() {
            let body: OAuthErrorBody = serde_json::from_slice(&bytes).unwrap_or_default();
            return Err(token_error(status.as_u16(), grant_name, &body));
        }
        let t: TokenResponse = decode(&bytes).map_err(Error::from)?;
        Ok(TokenSet {
            access_token: Sensitive::new(t.access_token),
            refresh_token: t.refresh_token.map(Sensitive::new),
            // Genesys' default is a day; without a figure, assume an hour and renew early.
            expires_at: Instant::now() + Duration::from_secs(t.expires_in.unwrap_or(3600)),
        })
    }
}

fn token_error(status: u16, grant: &str, body: &OAuthErrorBody) -> Error {
    let detail = body
        .error_description
        .as_deref()
        .or(body.description.as_deref())
        .unwrap_or("no detail given");
    tracing::warn!(
        status,
        grant,
        error = body.error.as_deref().unwrap_or(""),
        "token request refused"
    );
    match (body.error.as_deref(), grant) {
        (Some("invalid_client"), _) | (None, _) if status == 401 => Error::new(
            Code::AuthFailed,
            format!("The contact center did not accept the OAuth client id or secret ({detail})."),
        ),
        (Some("invalid_grant"), "refresh_token") => Error::sign_in_required(format!(
            "The saved sign-in has expired or was revoked; sign in again ({detail})."
        )),
        (Some("invalid_grant"), "password") => Error::new(
            Code::AuthFailed,
            format!("The user name or password was not accepted ({detail})."),
        ),
        (Some("invalid_grant"), _) => Error::new(
            Code::AuthFailed,
            format!("The sign-in code was not accepted; try signing in again ({detail})."),
        ),
        (Some(e), _) => Error::new(
            Code::AuthFailed,
            format!("Sign-in was refused: {e} ({detail})."),
        ),
        (None, _) => Error::new(
            Code::Platform,
            format!("The token endpoint answered {status}."),
        ),
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        ApiError::Auth(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_errors_say_what_to_do() {
        let body = |e: &str| OAuthErrorBody {
            error: Some(e.into()),
            description: Some("d".into()),
            error_description: None,
        };
        assert_eq!(
            token_error(401, "client_credentials", &body("invalid_client")).code,
            Code::AuthFailed
        );
        assert_eq!(
            token_error(400, "refresh_token", &body("invalid_grant")).code,
            Code::SignInRequired
        );
        assert_eq!(
            token_error(400, "password", &body("invalid_grant")).code,
            Code::AuthFailed
        );
        assert_eq!(
            token_error(500, "password", &OAuthErrorBody::default()).code,
            Code::Platform
        );
    }
}
