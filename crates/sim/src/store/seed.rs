//! Writes the seeded organization into the database, in one transaction so a crash never
//! leaves half an organization behind. Every insert skips what is already there, so
//! seeding a database of an earlier version again only adds what it lacks (the agents and
//! routing data added since) and keeps its users' state.

use rusqlite::{params, Connection};

use super::iso_now;
use super::roster::{self, Kind, ORG_NAME};

pub fn insert_roster(conn: &mut Connection, seed: u64) -> rusqlite::Result<()> {
    let r = roster::roster(seed);
    let now = iso_now();
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT OR IGNORE INTO org (id, name, seed, created_date) VALUES (?1, ?2, ?3, ?4)",
        params![r.org_id.to_string(), ORG_NAME, seed as i64, now],
    )?;
    for (ord, d) in r.divisions.iter().enumerate() {
        tx.execute(
            "INSERT OR IGNORE INTO divisions (id, name, description, home, ord) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![d.id.to_string(), d.name, d.description, d.home, ord as i64],
        )?;
    }
    for (ord, role) in r.roles.iter().enumerate() {
        let permissions = serde_json::to_string(role.permissions).expect("strings serialize");
        tx.execute(
            "INSERT OR IGNORE INTO roles (id, name, description, permissions, ord)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                role.id.to_string(),
                role.name,
                role.description,
                permissions,
                ord as i64
            ],
        )?;
    }
    for (ord, (id, system, label)) in r.presences.iter().enumerate() {
        tx.execute(
            "INSERT OR IGNORE INTO presence_definitions (id, system_presence, label, ord, created_date)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id.to_string(), system, label, ord as i64, now],
        )?;
    }
    let home = r.divisions.iter().position(|d| d.home).unwrap_or(0);
    for (ord, p) in r.people.iter().enumerate() {
        let kind = match p.kind {
            Kind::Agent => "agent",
            Kind::Supervisor => "supervisor",
            Kind::Admin => "admin",
        };
        tx.execute(
            "INSERT OR IGNORE INTO users (id, ord, name, email, title, department, division_id, manager_id,
                                kind, state, version, phone, date_created)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'active', 1, ?10, ?11)",
            params![
                p.id.to_string(),
                ord as i64,
                p.name(),
                p.email(),
                p.title,
                p.department,
                r.divisions[p.division].id.to_string(),
                p.manager.map(|m| r.people[m].id.to_string()),
                kind,
                format!("+1 317-555-{:04}", 100 + ord),
                now,
            ],
        )?;
        for &role in roster::roles_of(p.kind) {
            // Everyone holds `employee` in Home; an agent's working role is scoped to their
            // own division, while supervisors and admins hold theirs in every division.
            let divisions: Vec<usize> = match (role, p.kind) {
                (roster::EMPLOYEE, _) => vec![home],
                (_, Kind::Agent) => vec![p.division],
                _ => (0..r.divisions.len()).collect(),
            };
            for d in divisions {
                tx.execute(
                    "INSERT OR IGNORE INTO grants (user_id, role_id, division_id, granted_at)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![
                        p.id.to_string(),
                        r.roles[role].id.to_string(),
                        r.divisions[d].id.to_string(),
                        now
                    ],
                )?;
            }
        }
        let definition = r
            .presences
            .iter()
            .find(|(_, system, _)| *system == p.presence)
            .map(|(id, _, _)| id.to_string())
            .expect("roster presences are system presences");
        tx.execute(
            "INSERT OR IGNORE INTO user_presence (user_id, definition_id, message, modified_date)
             VALUES (?1, ?2, '', ?3)",
            params![p.id.to_string(), definition, now],
        )?;
    }
    super::routing::insert(&tx, seed, &r)?;
    tx.commit()
}
