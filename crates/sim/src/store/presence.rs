//! Presence definitions and each user's current Genesys Cloud presence.

use rusqlite::{params, OptionalExtension, Row};

use super::Store;

#[derive(Debug, Clone)]
pub struct PresenceDefinition {
    pub id: String,
    /// One of the `systemPresence` enum values (`Available`, `OnQueue`, ...).
    pub system_presence: String,
    /// The English label (`languageLabels.en_US`).
    pub label: String,
    pub created_date: String,
}

#[derive(Debug, Clone)]
pub struct UserPresenceRow {
    pub user_id: String,
    pub definition: PresenceDefinition,
    pub message: String,
    pub modified_date: String,
}

const DEFINITION_COLUMNS: &str = "id, system_presence, label, created_date";

fn definition_row(r: &Row<'_>, at: usize) -> rusqlite::Result<PresenceDefinition> {
    Ok(PresenceDefinition {
        id: r.get(at)?,
        system_presence: r.get(at + 1)?,
        label: r.get(at + 2)?,
        created_date: r.get(at + 3)?,
    })
}

impl Store {
    pub fn presence_definitions(&self) -> rusqlite::Result<Vec<PresenceDefinition>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {DEFINITION_COLUMNS} FROM presence_definitions ORDER BY ord"
        ))?;
        let rows = stmt.query_map([], |r| definition_row(r, 0))?;
        rows.collect()
    }

    pub fn presence_definition(&self, id: &str) -> rusqlite::Result<Option<PresenceDefinition>> {
        self.conn()
            .query_row(
                &format!("SELECT {DEFINITION_COLUMNS} FROM presence_definitions WHERE id = ?1"),
                [id],
                |r| definition_row(r, 0),
            )
            .optional()
    }

    pub fn user_presence(&self, user_id: &str) -> rusqlite::Result<Option<UserPresenceRow>> {
        self.conn()
            .query_row(
                "SELECT p.user_id, p.message, p.modified_date,
                        d.id, d.system_presence, d.label, d.created_date
                 FROM user_presence p JOIN presence_definitions d ON d.id = p.definition_id
                 WHERE p.user_id = ?1",
                [user_id],
                |r| {
                    Ok(UserPresenceRow {
                        user_id: r.get(0)?,
                        message: r.get(1)?,
                        modified_date: r.get(2)?,
                        definition: definition_row(r, 3)?,
                    })
                },
            )
            .optional()
    }

    /// Sets the user's presence. A `None` message keeps the current one, as a PATCH does.
    pub fn set_user_presence(
        &self,
        user_id: &str,
        definition_id: &str,
        message: Option<&str>,
        modified_date: &str,
    ) -> rusqlite::Result<()> {
        self.conn().execute(
            "INSERT INTO user_presence (user_id, definition_id, message, modified_date)
             VALUES (?1, ?2, COALESCE(?3, ''), ?4)
             ON CONFLICT (user_id) DO UPDATE SET
                definition_id = excluded.definition_id,
                message = COALESCE(?3, user_presence.message),
                modified_date = excluded.modified_date",
            params![user_id, definition_id, message, modified_date],
        )?;
        Ok(())
    }
}
