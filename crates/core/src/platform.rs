//! The boundary between the console and a contact-center platform. Everything above this
//! trait speaks in domain terms; an adapter (Genesys Cloud today) speaks the wire.

use crate::error::Result;
use crate::model::{Identity, Presence, PresenceOption};
use async_trait::async_trait;

#[async_trait]
pub trait Platform: Send + Sync {
    /// Who the current token speaks for, with presence and permissions for a person.
    async fn identity(&self) -> Result<Identity>;

    /// The presences a person may choose, in the organization's own definitions.
    async fn presence_options(&self) -> Result<Vec<PresenceOption>>;

    /// Sets a person's presence and returns it as the platform now reports it.
    async fn set_presence(&self, user_id: &str, option_id: &str) -> Result<Presence>;

    /// Ends the token's session on the platform (sign-out).
    async fn revoke(&self) -> Result<()>;
}
