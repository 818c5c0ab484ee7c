//! The random draws of the history generator: external contacts, ids, the time of day
//! (business-hour peaks) and the channel mix.

use rand::rngs::StdRng;
use rand::Rng;

use super::history_gen::{DAY_MS, HOUR_MS};

const FIRST: [&str; 24] = [
    "Olivia", "Liam", "Emma", "Noah", "Ava", "Mateo", "Sofia", "Lucas", "Mia", "Ethan", "Chloe",
    "Diego", "Aisha", "Omar", "Hannah", "Wei", "Priya", "Jonas", "Lea", "Marco", "Yuki", "Fatima",
    "Carlos", "Grace",
];
const LAST: [&str; 24] = [
    "Smith",
    "Garcia",
    "Johnson",
    "Nguyen",
    "Brown",
    "Martinez",
    "Lee",
    "Khan",
    "Wilson",
    "Lopez",
    "Anderson",
    "Silva",
    "Taylor",
    "Kim",
    "Thomas",
    "Rossi",
    "Moore",
    "Hernandez",
    "Clark",
    "Patel",
    "Lewis",
    "Schmidt",
    "Walker",
    "Dubois",
];

/// An external contact the customer side of a conversation is drawn from.
pub struct Contact {
    pub id: String,
    pub name: String,
    pub phone: String,
    pub email: String,
}

pub fn contacts(rng: &mut StdRng) -> Vec<Contact> {
    (0..2000)
        .map(|i| {
            let first = FIRST[rng.random_range(0..FIRST.len())];
            let last = LAST[rng.random_range(0..LAST.len())];
            Contact {
                id: uuid(rng),
                name: format!("{first} {last}"),
                phone: format!("+1{}555{:04}", rng.random_range(201..990), i),
                email: format!(
                    "{}.{}{}@mail.example",
                    first.to_lowercase(),
                    last.to_lowercase(),
                    i
                ),
            }
        })
        .collect()
}

pub fn uuid(rng: &mut StdRng) -> String {
    uuid::Builder::from_random_bytes(rng.random())
        .into_uuid()
        .to_string()
}

/// A millisecond offset into the day, peaking around 10:00 and 15:00.
pub fn time_of_day(rng: &mut StdRng) -> i64 {
    if rng.random_bool(0.15) {
        return rng.random_range(0..DAY_MS);
    }
    let peak = if rng.random_bool(0.55) { 10.0 } else { 15.0 };
    // A sum of three uniforms: a cheap bell of about ±3 hours.
    let spread: f64 = (0..3).map(|_| rng.random_range(-1.0..1.0)).sum();
    let hours = (peak + spread).clamp(0.0, 23.99);
    (hours * HOUR_MS as f64) as i64 + rng.random_range(0..60_000)
}

/// `(mediaType, messageType)`, in realistic proportions.
pub fn channel(rng: &mut StdRng) -> (&'static str, Option<&'static str>) {
    match rng.random_range(0..100) {
        0..55 => ("voice", None),
        55..60 => ("callback", None),
        60..70 => ("chat", None),
        70..78 => ("message", Some("webmessaging")),
        78..84 => ("message", Some("sms")),
        84..88 => ("message", Some("whatsapp")),
        _ => ("email", None),
    }
}
