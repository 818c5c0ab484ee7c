//! The random draws of the history generator: external contacts, ids, per-conversation
//! random generators, the time of day (business-hour peaks), the channel mix and the
//! short texts agents type (wrap-up notes).

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use uuid::Uuid;

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
    /// `tel:+1…`, as voice sessions carry it.
    pub tel: String,
    /// `+1…`, as SMS and WhatsApp sessions carry it.
    pub phone: String,
    pub email: String,
    /// The sender id of a third-party (open) messaging platform.
    pub open_id: String,
}

/// Contacts in the pool: enough that repeat callers exist but most are new.
const CONTACTS: usize = 20_000;

pub fn contacts(seed: u64) -> Vec<Contact> {
    let mut rng = StdRng::seed_from_u64(seed ^ 0x4157_0c0e_11ad);
    (0..CONTACTS)
        .map(|i| {
            let first = FIRST[rng.random_range(0..FIRST.len())];
            let last = LAST[rng.random_range(0..LAST.len())];
            let phone = format!(
                "+1{}{}{:04}",
                rng.random_range(201..990),
                rng.random_range(200..990),
                i % 10_000
            );
            Contact {
                id: uuid(&mut rng).to_string(),
                name: format!("{first} {last}"),
                tel: format!("tel:{phone}"),
                phone,
                email: format!(
                    "{}.{}{}@mail.example",
                    first.to_lowercase(),
                    last.to_lowercase(),
                    i
                ),
                open_id: format!("ext-{:08x}", rng.random::<u32>()),
            }
        })
        .collect()
}

pub fn uuid(rng: &mut StdRng) -> Uuid {
    uuid::Builder::from_random_bytes(rng.random()).into_uuid()
}

/// splitmix64's finalizer: spreads every input bit over the output.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The generator of one conversation: a function of the organization's seed, a stream
/// (history day or live start-up) and the conversation's index in it, so conversations
/// can be drawn in any order, on any thread, at any time, and agree.
pub fn conversation_rng(seed: u64, stream: u64, index: u64, purpose: u64) -> StdRng {
    let h = mix(mix(mix(seed ^ 0x6869_7374_6f72_7900) ^ stream) ^ index) ^ purpose;
    StdRng::seed_from_u64(mix(h))
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Voice,
    Callback,
    Chat,
    WebMessaging,
    Sms,
    WhatsApp,
    /// Third-party messaging through the open messaging API.
    Open,
    Email,
}

impl Channel {
    pub fn media_type(self) -> &'static str {
        match self {
            Channel::Voice => "voice",
            Channel::Callback => "callback",
            Channel::Chat => "chat",
            Channel::Email => "email",
            _ => "message",
        }
    }

    pub fn message_type(self) -> Option<&'static str> {
        match self {
            Channel::WebMessaging => Some("webmessaging"),
            Channel::Sms => Some("sms"),
            Channel::WhatsApp => Some("whatsapp"),
            Channel::Open => Some("open"),
            _ => None,
        }
    }

    /// Chat and messaging: the channels AI agents answer.
    pub fn digital(self) -> bool {
        !matches!(self, Channel::Voice | Channel::Callback | Channel::Email)
    }
}

/// The channel, in realistic proportions.
pub fn channel(rng: &mut StdRng) -> Channel {
    match rng.random_range(0..100) {
        0..48 => Channel::Voice,
        48..53 => Channel::Callback,
        53..62 => Channel::Chat,
        62..71 => Channel::WebMessaging,
        71..77 => Channel::Sms,
        77..82 => Channel::WhatsApp,
        82..85 => Channel::Open,
        _ => Channel::Email,
    }
}

/// Notes agents leave with their wrap-up code.
const WRAP_UP_NOTES: [&str; 16] = [
    "Customer satisfied, no further action.",
    "Sent confirmation email.",
    "Will call back tomorrow with an update.",
    "Escalated to tier 2, ticket updated.",
    "Refund approved, 5-7 business days.",
    "Reset password and verified login.",
    "Explained the invoice line by line.",
    "Customer will think about the offer.",
    "Updated billing address.",
    "Known outage, shared status page.",
    "Replaced device under warranty.",
    "Walked through router restart; fixed.",
    "Applied 10% loyalty discount.",
    "Customer asked for a manager; handled.",
    "Duplicate of an open ticket, merged.",
    "Order placed, tracking sent.",
];

pub fn wrap_up_note(rng: &mut StdRng) -> &'static str {
    WRAP_UP_NOTES[rng.random_range(0..WRAP_UP_NOTES.len())]
}

/// A ticket id of the CRM the contact center links conversations to.
pub fn ticket_id(rng: &mut StdRng) -> String {
    format!("TCK-{}", rng.random_range(100_000..1_000_000))
}
