//! OAuth sessions, tokens and authorization codes.
//!
//! A session is one sign-in (one grant). Its access tokens and its single live refresh
//! token hang off it, so revoking the session logs out everything issued from that sign-in.

use rusqlite::{params, OptionalExtension};

use super::{now_ms, Store};

/// The grant a session came from, as `TokenInfo.OAuthClient.authorizedGrantType` spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GrantKind {
    ClientCredentials,
    Code,
    Password,
}

impl GrantKind {
    pub fn as_str(self) -> &'static str {
        match self {
            GrantKind::ClientCredentials => "CLIENT-CREDENTIALS",
            GrantKind::Code => "CODE",
            GrantKind::Password => "PASSWORD",
        }
    }

    fn parse(s: &str) -> GrantKind {
        match s {
            "CODE" => GrantKind::Code,
            "PASSWORD" => GrantKind::Password,
            _ => GrantKind::ClientCredentials,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Session {
    pub id: String,
    pub client_id: String,
    /// `None` for client credentials: there is no user context.
    pub user_id: Option<String>,
    pub grant: GrantKind,
    /// Issued to a client that did not authenticate (PKCE); it may refresh by `client_id`.
    pub public: bool,
}

#[derive(Debug, Clone)]
pub struct AuthCode {
    pub client_id: String,
    pub user_id: String,
    pub redirect_uri: String,
    pub code_challenge: Option<String>,
    pub expires_ms: i64,
}

#[derive(Debug, Clone, Copy)]
pub enum TokenKind {
    Access,
    Refresh,
}

impl TokenKind {
    fn as_str(self) -> &'static str {
        match self {
            TokenKind::Access => "access",
            TokenKind::Refresh => "refresh",
        }
    }
}

impl Store {
    pub fn create_session(&self, session: &Session) -> rusqlite::Result<()> {
        let conn = self.conn();
        // Expired tokens are useless; dropping them here keeps the table small.
        conn.execute("DELETE FROM oauth_tokens WHERE expires_ms < ?1", [now_ms()])?;
        conn.execute(
            "INSERT INTO oauth_sessions (id, client_id, user_id, grant_kind, public, created_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                session.id,
                session.client_id,
                session.user_id,
                session.grant.as_str(),
                session.public,
                now_ms()
            ],
        )?;
        Ok(())
    }

    pub fn insert_token(
        &self,
        token: &str,
        kind: TokenKind,
        session_id: &str,
        expires_ms: i64,
    ) -> rusqlite::Result<()> {
        self.conn().execute(
            "INSERT INTO oauth_tokens (token, kind, session_id, expires_ms) VALUES (?1, ?2, ?3, ?4)",
            params![token, kind.as_str(), session_id, expires_ms],
        )?;
        Ok(())
    }

    /// The session of a live (unexpired, unrevoked) token of that kind.
    pub fn live_token(&self, token: &str, kind: TokenKind) -> rusqlite::Result<Option<Session>> {
        self.conn()
            .query_row(
                "SELECT s.id, s.client_id, s.user_id, s.grant_kind, s.public
                 FROM oauth_tokens t JOIN oauth_sessions s ON s.id = t.session_id
                 WHERE t.token = ?1 AND t.kind = ?2 AND t.expires_ms > ?3",
                params![token, kind.as_str(), now_ms()],
                |r| {
                    Ok(Session {
                        id: r.get(0)?,
                        client_id: r.get(1)?,
                        user_id: r.get(2)?,
                        grant: GrantKind::parse(&r.get::<_, String>(3)?),
                        public: r.get(4)?,
                    })
                },
            )
            .optional()
    }

    /// Deletes one token; `false` if it was already gone (so two concurrent refreshes with
    /// the same token cannot both win).
    pub fn delete_token(&self, token: &str) -> rusqlite::Result<bool> {
        let n = self
            .conn()
            .execute("DELETE FROM oauth_tokens WHERE token = ?1", [token])?;
        Ok(n == 1)
    }

    /// Revokes a sign-in: every access and refresh token issued from it.
    pub fn delete_session(&self, session_id: &str) -> rusqlite::Result<()> {
        let conn = self.conn();
        conn.execute(
            "DELETE FROM oauth_tokens WHERE session_id = ?1",
            [session_id],
        )?;
        conn.execute("DELETE FROM oauth_sessions WHERE id = ?1", [session_id])?;
        Ok(())
    }

    pub fn insert_code(&self, code: &str, c: &AuthCode) -> rusqlite::Result<()> {
        self.conn().execute(
            "INSERT INTO oauth_codes (code, client_id, user_id, redirect_uri, code_challenge,
                                      expires_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                code,
                c.client_id,
                c.user_id,
                c.redirect_uri,
                c.code_challenge,
                c.expires_ms
            ],
        )?;
        Ok(())
    }

    /// An unexpired authorization code, left in place (see [`Store::delete_code`]).
    pub fn live_code(&self, code: &str) -> rusqlite::Result<Option<AuthCode>> {
        self.conn()
            .query_row(
                "SELECT client_id, user_id, redirect_uri, code_challenge, expires_ms
                 FROM oauth_codes WHERE code = ?1 AND expires_ms > ?2",
                params![code, now_ms()],
                |r| {
                    Ok(AuthCode {
                        client_id: r.get(0)?,
                        user_id: r.get(1)?,
                        redirect_uri: r.get(2)?,
                        code_challenge: r.get(3)?,
                        expires_ms: r.get(4)?,
                    })
                },
            )
            .optional()
    }

    /// Consumes a code; `false` if another exchange consumed it first.
    pub fn delete_code(&self, code: &str) -> rusqlite::Result<bool> {
        let conn = self.conn();
        conn.execute("DELETE FROM oauth_codes WHERE expires_ms < ?1", [now_ms()])?;
        let n = conn.execute("DELETE FROM oauth_codes WHERE code = ?1", [code])?;
        Ok(n == 1)
    }
}
