//! Routing reference data: queues, their members, teams, skills, languages and wrap-up
//! codes, generated from the seed (plain data first, so it can be checked without a
//! database) and read back for the `/api/v2/routing` endpoints.

use chrono::{DateTime, Duration, TimeZone, Utc};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rusqlite::{params, OptionalExtension, Row, Transaction};
use serde_json::{json, Value};
use uuid::Uuid;

use super::roster::{seeded_id, Kind, Roster};
use super::routing_catalogue::{LANGUAGES, QUEUES, SKILLS, TEAMS, TECHNICAL_SUPPORT, WRAPUP_CODES};
use super::{DivisionRow, Store, UserRow};

pub struct Queue {
    pub id: Uuid,
    pub name: &'static str,
    pub division: usize,
    pub description: &'static str,
    pub settings: Value,
    pub date_created: String,
    pub date_modified: String,
}

pub struct WrapupCode {
    pub id: Uuid,
    pub name: &'static str,
    pub description: &'static str,
    pub date_created: String,
    pub date_modified: String,
    /// Indexes into [`Routing::queues`].
    pub queues: Vec<usize>,
}

pub struct Membership {
    /// Index into [`Routing::queues`].
    pub queue: usize,
    /// Index into [`Roster::people`].
    pub person: usize,
    pub ring_number: u32,
    pub joined: bool,
}

pub struct AgentProfile {
    /// Index into [`Roster::people`].
    pub person: usize,
    /// Index into [`Routing::teams`].
    pub team: usize,
    /// `(skill, proficiency 1-5)`.
    pub skills: Vec<(&'static str, u32)>,
    pub languages: Vec<(&'static str, u32)>,
}

pub struct Routing {
    pub queues: Vec<Queue>,
    pub wrapup_codes: Vec<WrapupCode>,
    /// `(id, name, division index)`.
    pub teams: Vec<(Uuid, &'static str, usize)>,
    pub members: Vec<Membership>,
    pub agents: Vec<AgentProfile>,
}

fn iso(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

fn media(alerting: i64, percentage: f64, duration_ms: i64) -> Value {
    json!({
        "enableAutoAnswer": false,
        "alertingTimeoutSeconds": alerting,
        "serviceLevel": { "percentage": percentage, "durationMs": duration_ms },
    })
}

/// The routing data of `seed` for the people of `roster`.
pub fn routing(seed: u64, roster: &Roster) -> Routing {
    // A generator of its own, so the roster's draws never shift.
    let mut rng = StdRng::seed_from_u64(seed ^ 0x0a0c_d0e5);
    let base = Utc.with_ymd_and_hms(2024, 2, 5, 9, 0, 0).unwrap()
        + Duration::days(rng.random_range(0..60));
    let queues: Vec<Queue> = QUEUES
        .iter()
        .enumerate()
        .map(|(i, spec)| {
            let created =
                base + Duration::days(i as i64) + Duration::minutes(rng.random_range(0..480));
            let modified = created + Duration::days(rng.random_range(30..400));
            let percentage = [0.8, 0.85, 0.9][rng.random_range(0..3)];
            let acw_timeout_ms = [30_000, 60_000, 90_000][rng.random_range(0..3)];
            let settings = json!({
                "mediaSettings": {
                    "call": media(rng.random_range(8..=20), percentage, spec.answer_secs * 1000),
                    "callback": media(30, percentage, spec.answer_secs * 1000),
                    "chat": media(30, percentage, 60_000),
                    "email": media(300, percentage, 86_400_000),
                    "message": media(30, percentage, 120_000),
                },
                "acwSettings": {
                    "wrapupPrompt": if i % 3 == 0 { "MANDATORY_TIMEOUT" } else { "OPTIONAL" },
                    "timeoutMs": acw_timeout_ms,
                },
                "skillEvaluationMethod": spec.skill_evaluation,
                "scoringMethod": "TimestampAndPriority",
                "lastAgentRoutingMode": "Disabled",
                "routingRules": [],
                "memberGroups": [],
                "autoAnswerOnly": false,
                "enableTranscription": spec.transcription,
                "enableAudioMonitoring": true,
                "enableManualAssignment": false,
                "suppressInQueueCallRecording": false,
                "callingPartyName": "Demo Contact Center",
                "callingPartyNumber": format!("+13175550{:03}", 900 + i),
                "defaultMediaLanguage": if spec.name == "Soporte Español" { "es" } else { "en-US" },
            });
            Queue {
                id: seeded_id(seed, &format!("queue/{}", spec.name)),
                name: spec.name,
                division: spec.division,
                description: spec.description,
                settings,
                date_created: iso(created),
                date_modified: iso(modified),
            }
        })
        .collect();
    let wrapup_codes = WRAPUP_CODES
        .iter()
        .enumerate()
        .map(|(i, (name, description, only))| {
            let created = base + Duration::hours(i as i64 * 3);
            WrapupCode {
                id: seeded_id(seed, &format!("wrapupcode/{name}")),
                name,
                description,
                date_created: iso(created),
                date_modified: iso(created + Duration::days(rng.random_range(0..200))),
                queues: (0..QUEUES.len())
                    .filter(|&q| only.is_empty() || only.contains(&QUEUES[q].name))
                    .collect(),
            }
        })
        .collect();
    let teams = TEAMS
        .iter()
        .map(|(name, division)| (seeded_id(seed, &format!("team/{name}")), *name, *division))
        .collect();

    let mut members = Vec::new();
    let mut agents = Vec::new();
    for (person, p) in roster.people.iter().enumerate() {
        if p.kind != Kind::Agent {
            continue;
        }
        // Most agents serve 2 to 4 queues, mostly their own division's (Efraimidis-Spirakis
        // weighted sampling without replacement).
        let count = match rng.random_range(0..20) {
            0 => 1,
            1..=7 => 2,
            8..=14 => 3,
            _ => 4,
        };
        let mut keyed: Vec<(f64, usize)> = (0..QUEUES.len())
            .map(|q| {
                let weight: f64 = if QUEUES[q].division == p.division {
                    4.0
                } else {
                    1.0
                };
                (rng.random::<f64>().powf(1.0 / weight), q)
            })
            .collect();
        keyed.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut chosen: Vec<usize> = keyed.iter().take(count).map(|(_, q)| *q).collect();
        chosen.sort_unstable();
        for &queue in &chosen {
            members.push(Membership {
                queue,
                person,
                ring_number: if rng.random_range(0..5) == 0 { 2 } else { 1 },
                joined: rng.random_range(0..8) != 0,
            });
        }
        let team = if p.division == TECHNICAL_SUPPORT {
            3
        } else if chosen.contains(&9) {
            2
        } else {
            rng.random_range(0..2)
        };
        let mut skills: Vec<&'static str> = SKILLS.to_vec();
        skills.shuffle(&mut rng);
        let skills = skills
            .into_iter()
            .take(rng.random_range(2..=4))
            .map(|s| (s, rng.random_range(1..=5)))
            .collect();
        let mut languages = vec![(LANGUAGES[0], 5)];
        let spanish_queue = QUEUES.iter().position(|s| s.name == "Soporte Español");
        if chosen.iter().any(|q| Some(*q) == spanish_queue) || rng.random_range(0..5) == 0 {
            languages.push((LANGUAGES[1], rng.random_range(4..=5)));
        }
        if rng.random_range(0..8) == 0 {
            languages.push((LANGUAGES[rng.random_range(2..4)], rng.random_range(2..=5)));
        }
        agents.push(AgentProfile {
            person,
            team,
            skills,
            languages,
        });
    }
    Routing {
        queues,
        wrapup_codes,
        teams,
        members,
        agents,
    }
}

/// Writes the routing data of `seed` inside the seeding transaction. Memberships of people
/// the database does not hold are skipped.
pub fn insert(tx: &Transaction<'_>, seed: u64, roster: &Roster) -> rusqlite::Result<()> {
    let r = routing(seed, roster);
    let division_id = |d: usize| roster.divisions[d].id.to_string();
    for (ord, q) in r.queues.iter().enumerate() {
        tx.execute(
            "INSERT OR IGNORE INTO queues (id, ord, name, division_id, description, settings,
                                           date_created, date_modified)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                q.id.to_string(),
                ord as i64,
                q.name,
                division_id(q.division),
                q.description,
                q.settings.to_string(),
                q.date_created,
                q.date_modified
            ],
        )?;
    }
    let home = roster.divisions.iter().position(|d| d.home).unwrap_or(0);
    for (ord, c) in r.wrapup_codes.iter().enumerate() {
        tx.execute(
            "INSERT OR IGNORE INTO wrapup_codes (id, ord, name, division_id, description,
                                                 date_created, date_modified)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                c.id.to_string(),
                ord as i64,
                c.name,
                division_id(home),
                c.description,
                c.date_created,
                c.date_modified
            ],
        )?;
        for &q in &c.queues {
            tx.execute(
                "INSERT OR IGNORE INTO queue_wrapup_codes (queue_id, code_id) VALUES (?1, ?2)",
                params![r.queues[q].id.to_string(), c.id.to_string()],
            )?;
        }
    }
    for (ord, (id, name, division)) in r.teams.iter().enumerate() {
        tx.execute(
            "INSERT OR IGNORE INTO teams (id, ord, name, division_id) VALUES (?1, ?2, ?3, ?4)",
            params![id.to_string(), ord as i64, name, division_id(*division)],
        )?;
    }
    for m in &r.members {
        tx.execute(
            "INSERT OR IGNORE INTO queue_members (queue_id, user_id, ring_number, joined)
             SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM users WHERE id = ?2)",
            params![
                r.queues[m.queue].id.to_string(),
                roster.people[m.person].id.to_string(),
                m.ring_number,
                m.joined
            ],
        )?;
    }
    for a in &r.agents {
        let pairs = |list: &[(&str, u32)]| {
            Value::from(
                list.iter()
                    .map(|(name, proficiency)| {
                        json!({
                            "id": seeded_id(seed, &format!("skill/{name}")).to_string(),
                            "name": name,
                            "proficiency": proficiency,
                        })
                    })
                    .collect::<Vec<_>>(),
            )
            .to_string()
        };
        tx.execute(
            "INSERT OR IGNORE INTO user_routing (user_id, team_id, skills, languages)
             SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM users WHERE id = ?1)",
            params![
                roster.people[a.person].id.to_string(),
                r.teams[a.team].0.to_string(),
                pairs(&a.skills),
                pairs(&a.languages)
            ],
        )?;
    }
    Ok(())
}

#[derive(Debug, Clone)]
pub struct QueueRow {
    pub id: String,
    pub name: String,
    pub division: DivisionRow,
    pub description: String,
    pub settings: Value,
    pub date_created: String,
    pub date_modified: String,
    pub member_count: i64,
    pub joined_member_count: i64,
}

#[derive(Debug, Clone)]
pub struct QueueMemberRow {
    pub user: UserRow,
    pub ring_number: i64,
    pub joined: bool,
}

#[derive(Debug, Clone)]
pub struct WrapupCodeRow {
    pub id: String,
    pub name: String,
    pub division: DivisionRow,
    pub description: String,
    pub date_created: String,
    pub date_modified: String,
}

const QUEUE_COLUMNS: &str = "q.id, q.name, q.description, q.settings, q.date_created,
    q.date_modified,
    (SELECT COUNT(*) FROM queue_members m WHERE m.queue_id = q.id),
    (SELECT COUNT(*) FROM queue_members m WHERE m.queue_id = q.id AND m.joined),
    d.id, d.name, d.description, d.home
    FROM queues q JOIN divisions d ON d.id = q.division_id";

fn queue_row(r: &Row<'_>) -> rusqlite::Result<QueueRow> {
    let settings: String = r.get(3)?;
    Ok(QueueRow {
        id: r.get(0)?,
        name: r.get(1)?,
        description: r.get(2)?,
        settings: serde_json::from_str(&settings).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(3, rusqlite::types::Type::Text, Box::new(e))
        })?,
        date_created: r.get(4)?,
        date_modified: r.get(5)?,
        member_count: r.get(6)?,
        joined_member_count: r.get(7)?,
        division: super::directory::division_row(r, 8)?,
    })
}

const CODE_COLUMNS: &str = "c.id, c.name, c.description, c.date_created, c.date_modified,
    d.id, d.name, d.description, d.home
    FROM wrapup_codes c JOIN divisions d ON d.id = c.division_id";

fn code_row(r: &Row<'_>) -> rusqlite::Result<WrapupCodeRow> {
    Ok(WrapupCodeRow {
        id: r.get(0)?,
        name: r.get(1)?,
        description: r.get(2)?,
        date_created: r.get(3)?,
        date_modified: r.get(4)?,
        division: super::directory::division_row(r, 5)?,
    })
}

impl Store {
    /// Whether the routing tables still need seeding (a database of an older version).
    pub(super) fn routing_is_empty(&self) -> rusqlite::Result<bool> {
        self.conn()
            .query_row("SELECT NOT EXISTS (SELECT 1 FROM queues)", [], |r| r.get(0))
    }

    /// Every queue, in seeding order.
    pub fn queues(&self) -> rusqlite::Result<Vec<QueueRow>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!("SELECT {QUEUE_COLUMNS} ORDER BY q.ord"))?;
        let rows = stmt.query_map([], queue_row)?;
        rows.collect()
    }

    pub fn queue(&self, id: &str) -> rusqlite::Result<Option<QueueRow>> {
        self.conn()
            .query_row(
                &format!("SELECT {QUEUE_COLUMNS} WHERE q.id = ?1"),
                [id],
                queue_row,
            )
            .optional()
    }

    /// The queue's members, by name.
    pub fn queue_members(&self, queue_id: &str) -> rusqlite::Result<Vec<QueueMemberRow>> {
        let memberships: Vec<(String, i64, bool)> = {
            let conn = self.conn();
            let mut stmt = conn.prepare(
                "SELECT user_id, ring_number, joined FROM queue_members WHERE queue_id = ?1",
            )?;
            let rows = stmt.query_map([queue_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut members = Vec::with_capacity(memberships.len());
        for (user_id, ring_number, joined) in memberships {
            if let Some(user) = self.user(&user_id)? {
                members.push(QueueMemberRow {
                    user,
                    ring_number,
                    joined,
                });
            }
        }
        members.sort_by(|a, b| a.user.name.cmp(&b.user.name));
        Ok(members)
    }

    /// Every wrap-up code, in seeding order.
    pub fn wrapup_codes(&self) -> rusqlite::Result<Vec<WrapupCodeRow>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!("SELECT {CODE_COLUMNS} ORDER BY c.ord"))?;
        let rows = stmt.query_map([], code_row)?;
        rows.collect()
    }

    /// The wrap-up codes a queue offers, in seeding order.
    pub fn queue_wrapup_codes(&self, queue_id: &str) -> rusqlite::Result<Vec<WrapupCodeRow>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {CODE_COLUMNS} JOIN queue_wrapup_codes qc ON qc.code_id = c.id
             WHERE qc.queue_id = ?1 ORDER BY c.ord"
        ))?;
        let rows = stmt.query_map([queue_id], code_row)?;
        rows.collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::roster::roster;
    use super::*;

    #[test]
    fn most_agents_serve_two_to_four_queues() {
        let people = roster(3);
        let r = routing(3, &people);
        assert_eq!(r.queues.len(), 10);
        assert_eq!(r.agents.len(), super::super::roster::AGENT_COUNT);
        let per_agent = |person| r.members.iter().filter(|m| m.person == person).count();
        let in_range = r
            .agents
            .iter()
            .filter(|a| (2..=4).contains(&per_agent(a.person)))
            .count();
        assert!(
            in_range * 4 >= r.agents.len() * 3,
            "{in_range} of {}",
            r.agents.len()
        );
        for q in 0..r.queues.len() {
            assert!(
                r.members.iter().any(|m| m.queue == q),
                "queue {q} has members"
            );
            assert!(r.wrapup_codes.iter().any(|c| c.queues.contains(&q)));
        }
    }
}
