//! Reads of the directory: users, divisions, roles and the grants that tie them together.

use rusqlite::{params, OptionalExtension, Row};

use super::Store;

#[derive(Debug, Clone)]
pub struct DivisionRow {
    pub id: String,
    pub name: String,
    pub description: String,
    pub home: bool,
}

#[derive(Debug, Clone)]
pub struct RoleRow {
    pub id: String,
    pub name: String,
    pub description: String,
    pub permissions: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct UserRow {
    pub id: String,
    pub name: String,
    pub email: String,
    pub title: String,
    pub department: String,
    pub division: DivisionRow,
    pub manager_id: Option<String>,
    /// `agent`, `supervisor` or `admin`: what the demo person is for.
    pub kind: String,
    pub state: String,
    pub version: i64,
    pub phone: String,
}

#[derive(Debug, Clone)]
pub struct GrantRow {
    pub role: RoleRow,
    pub division: DivisionRow,
    pub granted_at: String,
}

const USER_COLUMNS: &str = "u.id, u.name, u.email, u.title, u.department, u.manager_id, u.state,
    u.version, u.phone, u.kind, d.id, d.name, d.description, d.home
    FROM users u JOIN divisions d ON d.id = u.division_id";

fn user_row(r: &Row<'_>) -> rusqlite::Result<UserRow> {
    Ok(UserRow {
        id: r.get(0)?,
        name: r.get(1)?,
        email: r.get(2)?,
        title: r.get(3)?,
        department: r.get(4)?,
        manager_id: r.get(5)?,
        state: r.get(6)?,
        version: r.get(7)?,
        phone: r.get(8)?,
        kind: r.get(9)?,
        division: division_row(r, 10)?,
    })
}

pub(super) fn division_row(r: &Row<'_>, at: usize) -> rusqlite::Result<DivisionRow> {
    Ok(DivisionRow {
        id: r.get(at)?,
        name: r.get(at + 1)?,
        description: r.get(at + 2)?,
        home: r.get(at + 3)?,
    })
}

impl Store {
    /// Every user, in seeding order (supervisors and admin first, then agents).
    pub fn users(&self) -> rusqlite::Result<Vec<UserRow>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!("SELECT {USER_COLUMNS} ORDER BY u.ord"))?;
        let rows = stmt.query_map([], user_row)?;
        rows.collect()
    }

    pub fn user(&self, id: &str) -> rusqlite::Result<Option<UserRow>> {
        self.conn()
            .query_row(
                &format!("SELECT {USER_COLUMNS} WHERE u.id = ?1"),
                [id],
                user_row,
            )
            .optional()
    }

    /// Emails compare case-insensitively, as sign-in forms expect.
    pub fn user_by_email(&self, email: &str) -> rusqlite::Result<Option<UserRow>> {
        self.conn()
            .query_row(
                &format!("SELECT {USER_COLUMNS} WHERE u.email = ?1 COLLATE NOCASE"),
                [email.trim()],
                user_row,
            )
            .optional()
    }

    /// The user's role grants, one per (role, division), roles in their seeding order.
    pub fn grants(&self, user_id: &str) -> rusqlite::Result<Vec<GrantRow>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT r.id, r.name, r.description, r.permissions,
                    d.id, d.name, d.description, d.home, g.granted_at
             FROM grants g JOIN roles r ON r.id = g.role_id
                           JOIN divisions d ON d.id = g.division_id
             WHERE g.user_id = ?1 ORDER BY r.ord, d.ord",
        )?;
        let rows = stmt.query_map(params![user_id], |r| {
            let permissions: String = r.get(3)?;
            Ok(GrantRow {
                role: RoleRow {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    description: r.get(2)?,
                    permissions: serde_json::from_str(&permissions).map_err(|e| {
                        rusqlite::Error::FromSqlConversionFailure(
                            3,
                            rusqlite::types::Type::Text,
                            Box::new(e),
                        )
                    })?,
                },
                division: division_row(r, 4)?,
                granted_at: r.get(8)?,
            })
        })?;
        rows.collect()
    }
}
