//! The demo organization as plain data, generated from a seed without touching the
//! database, so `--help` can list the users and the store can insert them.

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use uuid::Uuid;

use super::permissions::{
    ADMIN_PERMISSIONS, AGENT_PERMISSIONS, EMPLOYEE_PERMISSIONS, SUPERVISOR_PERMISSIONS,
};
use crate::DEMO_SUPERVISOR_EMAIL;

pub const ORG_NAME: &str = "Demo Contact Center";
pub const EMAIL_DOMAIN: &str = "demo.example";

/// The system presences in the order Genesys lists them, with their English labels.
pub const SYSTEM_PRESENCES: [(&str, &str); 10] = [
    ("Available", "Available"),
    ("Away", "Away"),
    ("Busy", "Busy"),
    ("Offline", "Offline"),
    ("Idle", "Idle"),
    ("OnQueue", "On Queue"),
    ("Meal", "Meal"),
    ("Training", "Training"),
    ("Meeting", "Meeting"),
    ("Break", "Break"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Agent,
    Supervisor,
    Admin,
}

pub struct Division {
    pub id: Uuid,
    pub name: &'static str,
    pub description: &'static str,
    pub home: bool,
}

pub struct Role {
    pub id: Uuid,
    pub name: &'static str,
    pub description: &'static str,
    pub permissions: &'static [&'static str],
}

pub struct Person {
    pub id: Uuid,
    pub first: String,
    pub last: String,
    pub kind: Kind,
    pub title: &'static str,
    pub department: &'static str,
    /// Index into [`Roster::divisions`].
    pub division: usize,
    /// Index into [`Roster::people`].
    pub manager: Option<usize>,
    /// A system presence from [`SYSTEM_PRESENCES`].
    pub presence: &'static str,
}

impl Person {
    pub fn name(&self) -> String {
        format!("{} {}", self.first, self.last)
    }

    pub fn email(&self) -> String {
        format!(
            "{}.{}@{EMAIL_DOMAIN}",
            self.first.to_lowercase(),
            self.last.to_lowercase()
        )
    }
}

pub struct Roster {
    pub org_id: Uuid,
    pub divisions: Vec<Division>,
    pub roles: Vec<Role>,
    pub people: Vec<Person>,
    /// `(id, systemPresence, label)` per system presence.
    pub presences: Vec<(Uuid, &'static str, &'static str)>,
}

/// Role indexes into [`Roster::roles`].
pub const EMPLOYEE: usize = 0;
pub const AGENT: usize = 1;
pub const SUPERVISOR: usize = 2;
pub const ADMIN: usize = 3;

// Agent names are drawn from these pools; the fixed supervisor and admin names are absent
// from them so every email stays unique.
const FIRST_NAMES: [&str; 20] = [
    "Avery", "Blake", "Casey", "Dana", "Elliot", "Finley", "Harper", "Imani", "Kai", "Logan",
    "Maya", "Noah", "Priya", "Quinn", "Riley", "Sofia", "Taylor", "Umar", "Wren", "Zoe",
];
const LAST_NAMES: [&str; 20] = [
    "Adams", "Bennett", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Hughes", "Ito", "Jensen",
    "Kowalski", "Lopez", "Nguyen", "Patel", "Reyes", "Schmidt", "Tanaka", "Varga", "Walsh",
    "Young",
];
/// The agents of the first release, named from the pools above; their ids, names and
/// presences must not change for a seed.
const FIRST_AGENT_COUNT: usize = 12;
// The agents added later are named from pools of their own, drawn with a generator of
// their own, so the first agents keep their names for every seed.
const MORE_FIRST_NAMES: [&str; 24] = [
    "Aisha", "Bruno", "Carmen", "Diego", "Elena", "Farah", "Gabriel", "Hana", "Ivan", "Julia",
    "Kenji", "Lena", "Marco", "Nadia", "Omar", "Paula", "Rafael", "Sara", "Tomas", "Valeria",
    "Yusuf", "Lucia", "Mateo", "Ingrid",
];
const MORE_LAST_NAMES: [&str; 24] = [
    "Alvarez",
    "Brooks",
    "Castillo",
    "Dubois",
    "Ellis",
    "Ferreira",
    "Gomez",
    "Hansen",
    "Iqbal",
    "Johansson",
    "Kim",
    "Lindqvist",
    "Martinez",
    "Novak",
    "Ortiz",
    "Park",
    "Romero",
    "Silva",
    "Torres",
    "Usman",
    "Vasquez",
    "Weber",
    "Yilmaz",
    "Zhang",
];
/// Agents in all: with the two supervisors and the admin, 60 users.
pub const AGENT_COUNT: usize = 57;

/// A uuid that depends only on the seed and what it names.
pub fn seeded_id(seed: u64, what: &str) -> Uuid {
    // A fixed namespace of our own, so ids never collide with another generator's v5 ids.
    const NAMESPACE: Uuid = Uuid::from_u128(0x6a1c_2f0e_93d4_4b8e_a51f_0c7e_d2b4_9f13);
    Uuid::new_v5(&NAMESPACE, format!("cc-sim/{seed}/{what}").as_bytes())
}

/// The organization for `seed`. Supervisors and the admin have fixed names (so
/// [`DEMO_SUPERVISOR_EMAIL`] holds for every seed); agents' names and presences vary.
pub fn roster(seed: u64) -> Roster {
    let mut rng = StdRng::seed_from_u64(seed);
    let divisions = vec![
        division(seed, "Home", "The default division", true),
        division(seed, "Customer Care", "Inbound customer care", false),
        division(
            seed,
            "Technical Support",
            "Product and technical support",
            false,
        ),
    ];
    let roles = vec![
        role(
            seed,
            "employee",
            "Default role for every user",
            EMPLOYEE_PERMISSIONS,
        ),
        role(
            seed,
            "Agent",
            "Handles interactions on queues",
            AGENT_PERMISSIONS,
        ),
        role(
            seed,
            "Supervisor",
            "Monitors queues and agents",
            SUPERVISOR_PERMISSIONS,
        ),
        role(
            seed,
            "Master Admin",
            "Administers the organization",
            ADMIN_PERMISSIONS,
        ),
    ];
    let mut people = vec![
        fixed(seed, "Sam", "Rivera", Kind::Supervisor, "Customer Care", 1),
        fixed(
            seed,
            "Jordan",
            "Okafor",
            Kind::Supervisor,
            "Technical Support",
            2,
        ),
        fixed(seed, "Alex", "Morgan", Kind::Admin, "IT", 0),
    ];
    debug_assert_eq!(people[0].email(), DEMO_SUPERVISOR_EMAIL);

    let mut firsts = FIRST_NAMES;
    let mut lasts = LAST_NAMES;
    firsts.shuffle(&mut rng);
    lasts.shuffle(&mut rng);
    for (i, (first, last)) in firsts
        .iter()
        .zip(lasts.iter())
        .take(FIRST_AGENT_COUNT)
        .map(|(f, l)| (f.to_string(), l.to_string()))
        .chain(more_agent_names(seed))
        .take(AGENT_COUNT)
        .enumerate()
    {
        // Two thirds in Customer Care, the rest in Technical Support, each under its
        // department's supervisor.
        let (department, division, manager) = if i % 3 == 2 {
            ("Technical Support", 2, 1)
        } else {
            ("Customer Care", 1, 0)
        };
        let presence = match rng.random_range(0..10) {
            0..=4 => "OnQueue",
            5 => "Available",
            6 => "Break",
            7 => "Meal",
            8 => "Busy",
            _ => "Away",
        };
        people.push(Person {
            id: seeded_id(seed, &format!("user/agent/{i}")),
            first,
            last,
            kind: Kind::Agent,
            title: if i % 4 == 0 {
                "Senior Contact Center Agent"
            } else {
                "Contact Center Agent"
            },
            department,
            division,
            manager: Some(manager),
            presence,
        });
    }
    let presences = SYSTEM_PRESENCES
        .iter()
        .map(|(system, label)| {
            (
                seeded_id(seed, &format!("presence/{system}")),
                *system,
                *label,
            )
        })
        .collect();
    Roster {
        org_id: seeded_id(seed, "org"),
        divisions,
        roles,
        people,
        presences,
    }
}

/// Names for the agents after the first ones: distinct pairs from the second pools.
fn more_agent_names(seed: u64) -> impl Iterator<Item = (String, String)> {
    let mut rng = StdRng::seed_from_u64(seed ^ 0x5eed_a6e7);
    let mut firsts = MORE_FIRST_NAMES;
    let mut lasts = MORE_LAST_NAMES;
    firsts.shuffle(&mut rng);
    lasts.shuffle(&mut rng);
    let n = firsts.len();
    (0..n * n).map(move |k| {
        let (offset, i) = (k / n, k % n);
        (firsts[i].to_string(), lasts[(i + offset) % n].to_string())
    })
}

/// The roles granted to a kind of person, as indexes into [`Roster::roles`].
pub fn roles_of(kind: Kind) -> &'static [usize] {
    match kind {
        Kind::Agent => &[EMPLOYEE, AGENT],
        Kind::Supervisor => &[EMPLOYEE, SUPERVISOR],
        Kind::Admin => &[EMPLOYEE, ADMIN],
    }
}

fn division(seed: u64, name: &'static str, description: &'static str, home: bool) -> Division {
    Division {
        id: seeded_id(seed, &format!("division/{name}")),
        name,
        description,
        home,
    }
}

fn role(
    seed: u64,
    name: &'static str,
    description: &'static str,
    permissions: &'static [&'static str],
) -> Role {
    Role {
        id: seeded_id(seed, &format!("role/{name}")),
        name,
        description,
        permissions,
    }
}

fn fixed(
    seed: u64,
    first: &str,
    last: &str,
    kind: Kind,
    department: &'static str,
    division: usize,
) -> Person {
    let (title, presence) = match kind {
        Kind::Admin => ("Contact Center Administrator", "Offline"),
        _ => ("Contact Center Supervisor", "Available"),
    };
    Person {
        id: seeded_id(seed, &format!("user/{}", first.to_lowercase())),
        first: first.to_string(),
        last: last.to_string(),
        kind,
        title,
        department,
        division,
        manager: None,
        presence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_gives_same_people_and_ids() {
        let (a, b) = (roster(7), roster(7));
        let ids = |r: &Roster| {
            r.people
                .iter()
                .map(|p| (p.id, p.email()))
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&a), ids(&b), "a seed must fully determine the roster");
        assert_ne!(
            ids(&a),
            ids(&roster(8)),
            "another seed gives another organization"
        );
    }

    #[test]
    fn emails_are_unique_and_supervisor_is_fixed() {
        let r = roster(42);
        let mut emails: Vec<_> = r.people.iter().map(Person::email).collect();
        assert_eq!(emails[0], DEMO_SUPERVISOR_EMAIL);
        emails.sort();
        emails.dedup();
        assert_eq!(
            emails.len(),
            AGENT_COUNT + 3,
            "every user has its own email"
        );
    }
}
