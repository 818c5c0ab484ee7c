//! What later endpoints serve about a conversation beyond its analytics document: the
//! transcript with per-phrase sentiment, detected topics, a summary and keywords, the
//! overall sentiment, the web-messaging customer's environment, the AI agent's model and
//! cost, the survey's comment and the recording's descriptor.
//!
//! Like documents, extras are not stored: they are drawn from the conversation itself and
//! a random generator of their own keyed like the conversation's (so adding extras never
//! changed a document), which keeps a million conversations' extras out of the database.
//!
//! Recordings are stereo: the **left** channel is the customer, the **right** the agent.
//! Transcript phrases lie inside the agents' talk (their `interact` segments) but outside
//! holds and secure pauses, alternate between the agent (`internal`) and the customer
//! (`external`), and their `offsetMs` counts from the conversation start. The recording's
//! synthetic audio places its voices from these same phrases (`crate::audio`).

use rand::rngs::StdRng;
use rand::Rng;
use serde::Serialize;

use super::history_gen::{Generator, Key};
use super::history_model::Conversation;
use super::history_recording as rec;

#[derive(Serialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ConversationExtras {
    pub conversation_id: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub transcript: Vec<Phrase>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<&'static str>,
    /// −1 (negative) to 1 (positive), over the customer's phrases.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentiment_score: Option<f64>,
    /// The customer's sentiment in the last third minus the first third.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentiment_trend: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_environment: Option<Environment>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ai_agent: Option<AiAgentUsage>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub survey_comment: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recording: Option<Recording>,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Phrase {
    pub offset_ms: i64,
    pub duration_ms: i64,
    /// `external` the customer, `internal` the agent.
    pub participant_purpose: &'static str,
    pub text: &'static str,
    pub sentiment: i8,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Environment {
    pub browser: &'static str,
    pub os: &'static str,
    pub ip_address: String,
    pub country: &'static str,
    pub city: &'static str,
    pub page_url: &'static str,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct AiAgentUsage {
    pub ai_agent_id: String,
    pub name: &'static str,
    pub llm_model: &'static str,
    pub billable_messages: i64,
    /// US dollars: billable messages × the agent's price per message.
    pub cost: f64,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Recording {
    /// A stable id drawn from the conversation's.
    pub recording_id: String,
    /// The customer's communication (session) id, which the recording belongs to.
    pub communication_id: String,
    /// When the recording starts (epoch ms): the first agent answer.
    pub start_ms: i64,
    /// The recording's start from the conversation start; a phrase's place in the
    /// recording is its `offset_ms` minus this.
    pub offset_ms: i64,
    /// The talk span: first agent answer to last agent hang-up.
    pub duration_ms: i64,
    pub channels: u8,
    pub sample_rate: u32,
    pub left_channel: &'static str,
    pub right_channel: &'static str,
    /// Holds `(start, end)` in ms from the recording start; no phrase falls in one.
    pub holds: Vec<(i64, i64)>,
    /// Secure pauses, likewise.
    pub secure_pauses: Vec<(i64, i64)>,
}

/// A topic: its name, keywords, what customers and agents say, how it ended.
struct Topic {
    name: &'static str,
    keywords: &'static [&'static str],
    customer: &'static [(&'static str, i8)],
    agent: &'static [&'static str],
    outcome: &'static str,
}

const TOPICS: [Topic; 6] = [
    Topic {
        name: "Billing dispute",
        keywords: &["invoice", "charge", "refund"],
        customer: &[
            ("I was charged twice this month.", -1),
            ("The invoice doesn't match my plan.", -1),
            ("Can you explain this fee?", 0),
            ("Okay, that makes sense now.", 1),
            ("When will the refund show up?", 0),
        ],
        agent: &[
            "Let me pull up your invoice.",
            "I see the duplicate charge, I'm sorry about that.",
            "I've issued a refund for the extra charge.",
            "It should appear in five to seven business days.",
        ],
        outcome: "The agent refunded the duplicate charge.",
    },
    Topic {
        name: "Cancel subscription",
        keywords: &["cancel", "subscription", "offer"],
        customer: &[
            ("I want to cancel my subscription.", -1),
            ("It's too expensive for what I use.", -1),
            ("What kind of discount?", 0),
            ("Fine, I'll stay for now.", 1),
        ],
        agent: &[
            "I'm sorry to hear that. May I ask why?",
            "I can offer you three months at half price.",
            "I've applied the discount to your account.",
        ],
        outcome: "The customer accepted a retention offer.",
    },
    Topic {
        name: "Password reset",
        keywords: &["password", "login", "account"],
        customer: &[
            ("I can't log in to my account.", -1),
            ("The reset email never arrived.", -1),
            ("Got it, I'm in now.", 1),
            ("Thanks, that was quick.", 1),
        ],
        agent: &[
            "Let me verify your identity first.",
            "I've sent a new reset link to your email.",
            "Please check your spam folder too.",
        ],
        outcome: "The agent reset the password and the customer signed in.",
    },
    Topic {
        name: "Internet outage",
        keywords: &["outage", "router", "connection"],
        customer: &[
            ("My internet has been down since this morning.", -1),
            ("I already restarted the router.", -1),
            ("Is there an outage in my area?", 0),
            ("Okay, thanks for letting me know.", 0),
        ],
        agent: &[
            "Let me check the network status for your address.",
            "There's a known outage; technicians are on it.",
            "Service should be back within two hours.",
        ],
        outcome: "A known outage was confirmed and an estimate given.",
    },
    Topic {
        name: "New order",
        keywords: &["order", "price", "delivery"],
        customer: &[
            ("I'd like to upgrade my plan.", 1),
            ("How much would that cost?", 0),
            ("That sounds good, let's do it.", 1),
            ("When will it be delivered?", 0),
        ],
        agent: &[
            "Great, I can help with that.",
            "The premium plan is forty dollars a month.",
            "Your order is placed; you'll get a tracking email.",
        ],
        outcome: "The customer placed an order.",
    },
    Topic {
        name: "Delivery status",
        keywords: &["delivery", "tracking", "late"],
        customer: &[
            ("My package hasn't arrived yet.", -1),
            ("The tracking hasn't changed in days.", -1),
            ("Alright, I'll wait until Friday.", 0),
        ],
        agent: &[
            "Let me look up your tracking number.",
            "It's at the local depot and out for delivery tomorrow.",
            "I'll follow up if it isn't there by Friday.",
        ],
        outcome: "The agent located the package and promised a follow-up.",
    },
];

const GREETINGS: [&str; 3] = [
    "Thanks for contacting us, how can I help?",
    "Hello, you're speaking with support. What can I do for you?",
    "Hi, thanks for reaching out. How can I help today?",
];
const CLOSINGS: [&str; 2] = [
    "Is there anything else I can help with?",
    "Thanks for your patience, have a great day.",
];
const BROWSERS: [&str; 4] = ["Chrome", "Safari", "Firefox", "Edge"];
const OSES: [&str; 4] = ["Windows", "macOS", "iOS", "Android"];
const PLACES: [(&str, &str); 6] = [
    ("United States", "Chicago"),
    ("United States", "Austin"),
    ("Canada", "Toronto"),
    ("United Kingdom", "London"),
    ("Spain", "Madrid"),
    ("Mexico", "Guadalajara"),
];
const PAGES: [&str; 4] = [
    "https://www.demo.example/support",
    "https://www.demo.example/billing",
    "https://www.demo.example/pricing",
    "https://www.demo.example/account/orders",
];
/// Survey comments by stars (1 to 5).
const COMMENTS: [&str; 5] = [
    "Nobody solved my problem.",
    "Took too long to get help.",
    "Okay, but I had to repeat myself.",
    "Helpful agent, quick answer.",
    "Excellent service, thank you!",
];

fn pick<T: Copy>(rng: &mut StdRng, list: &[T]) -> T {
    list[rng.random_range(0..list.len())]
}

impl Generator {
    /// The extras of the conversation of `key`.
    pub fn extras(&self, key: Key) -> ConversationExtras {
        let c = self.conversation(key);
        let mut rng = key.rng(self.seed, 0x6578_7472_6173);
        let rng = &mut rng;
        let mut x = ConversationExtras {
            conversation_id: c.conversation_id.to_string(),
            transcript: Vec::new(),
            topics: Vec::new(),
            summary: None,
            keywords: Vec::new(),
            sentiment_score: None,
            sentiment_trend: None,
            customer_environment: None,
            ai_agent: None,
            survey_comment: None,
            recording: None,
        };
        let customer = c.participants.iter().find(|p| p.purpose == "customer");
        let media = customer.and_then(|p| p.sessions.last()).map(|s| &s.media);
        if media.is_some_and(|m| m.message_type == Some("webmessaging")) {
            let (country, city) = pick(rng, &PLACES);
            x.customer_environment = Some(Environment {
                browser: pick(rng, &BROWSERS),
                os: pick(rng, &OSES),
                ip_address: format!(
                    "{}.{}.{}.{}",
                    rng.random_range(23..223),
                    rng.random_range(0..256),
                    rng.random_range(0..256),
                    rng.random_range(1..255)
                ),
                country,
                city,
                page_url: pick(rng, &PAGES),
            });
        }
        if let Some(bot) = c.participants.iter().find(|p| p.purpose == "botflow") {
            let spec = self
                .ai_agents
                .iter()
                .find(|a| Some(a.name) == bot.participant_name);
            let span = bot.sessions.first().and_then(|s| s.segments.first());
            if let (Some(a), Some(span), Some(end)) = (spec, span, span.and_then(|g| g.segment_end))
            {
                let billable = (end - span.segment_start) / 20_000 + 2;
                x.ai_agent = Some(AiAgentUsage {
                    ai_agent_id: a.id.clone(),
                    name: a.name,
                    llm_model: a.model,
                    billable_messages: billable,
                    cost: (billable as f64 * a.cost_per_message * 1e6).round() / 1e6,
                });
            }
        }
        if let Some(s) = c.surveys.first() {
            x.survey_comment =
                Some(COMMENTS[(s.o_survey_total_score / 20 - 1).clamp(0, 4) as usize]);
        }
        if let Some((t0, t1)) = talk_span(&c) {
            let voice = media.is_some_and(|m| m.media_type == "voice");
            let mut blocked = Vec::new();
            if voice {
                let holds = rec::holds(&c, t0, t1);
                // A generator of its own, so calls drawn before pauses existed keep their text.
                let mut pause_rng = key.rng(self.seed, 0x0070_6175_7365);
                let pause = rec::secure_pause(&mut pause_rng, &rec::talk_intervals(t0, t1, &holds));
                let relative = |v: &[(i64, i64)]| v.iter().map(|(a, b)| (a - t0, b - t0)).collect();
                x.recording = Some(Recording {
                    recording_id: uuid::Uuid::new_v5(&c.conversation_id, b"recording").to_string(),
                    communication_id: customer
                        .and_then(|p| p.sessions.last())
                        .map(|s| s.session_id.to_string())
                        .unwrap_or_default(),
                    start_ms: t0,
                    offset_ms: t0 - c.conversation_start,
                    duration_ms: t1 - t0,
                    channels: 2,
                    sample_rate: if rng.random_bool(0.7) { 8_000 } else { 48_000 },
                    left_channel: "customer",
                    right_channel: "agent",
                    holds: relative(&holds),
                    secure_pauses: relative(pause.as_slice()),
                });
                blocked = holds;
                blocked.extend(pause);
            }
            if media.is_some_and(|m| m.media_type != "email") {
                let slots = rec::phrase_slots(&rec::talk_intervals(t0, t1, &blocked));
                self.conversation_text(&mut x, &c, rng, &slots);
            }
        }
        x
    }

    fn conversation_text(
        &self,
        x: &mut ConversationExtras,
        c: &Conversation<'_>,
        rng: &mut StdRng,
        slots: &[(i64, i64)],
    ) {
        let topic = &TOPICS[rng.random_range(0..TOPICS.len())];
        let n = slots.len();
        if n == 0 {
            return;
        }
        let (mut said, mut a, mut k) = (Vec::new(), 0, 0);
        for (i, &(at, duration_ms)) in slots.iter().enumerate() {
            let agent = i % 2 == 0;
            let (text, sentiment) = if !agent {
                let line = topic.customer[k % topic.customer.len()];
                k += 1;
                said.push(f64::from(line.1));
                line
            } else if i == 0 {
                (pick(rng, &GREETINGS), 1)
            } else if i + 2 >= n {
                (pick(rng, &CLOSINGS), 1)
            } else {
                a += 1;
                (topic.agent[(a - 1) % topic.agent.len()], 0)
            };
            x.transcript.push(Phrase {
                offset_ms: at - c.conversation_start,
                duration_ms,
                participant_purpose: if agent { "internal" } else { "external" },
                text,
                sentiment,
            });
        }
        let mean = |v: &[f64]| {
            if v.is_empty() {
                0.0
            } else {
                v.iter().sum::<f64>() / v.len() as f64
            }
        };
        let third = (said.len() / 3).max(1);
        let round = |v: f64| (v * 100.0).round() / 100.0;
        x.sentiment_score = Some(round(mean(&said).clamp(-1.0, 1.0)));
        x.sentiment_trend = Some(round(
            mean(&said[said.len() - third..]) - mean(&said[..third]),
        ));
        x.topics = vec![topic.name];
        x.keywords = topic.keywords.to_vec();
        x.summary = Some(format!(
            "The customer got in touch about {}. {}",
            topic.name.to_lowercase(),
            topic.outcome
        ));
    }
}

/// First agent answer to last agent hang-up over complete `interact` segments of agents
/// (AI agents included), if any agent talked.
fn talk_span(c: &Conversation<'_>) -> Option<(i64, i64)> {
    let spans: Vec<(i64, i64)> = c
        .participants
        .iter()
        .filter(|p| p.purpose == "agent" || p.purpose == "botflow")
        .flat_map(|p| &p.sessions)
        .flat_map(|s| &s.segments)
        .filter(|g| g.segment_type == "interact")
        .map(|g| g.segment_end.map(|e| (g.segment_start, e)))
        .collect::<Option<Vec<_>>>()?;
    let t0 = spans.iter().map(|s| s.0).min()?;
    let t1 = spans.iter().map(|s| s.1).max()?;
    (t1 - t0 >= 10_000).then_some((t0, t1))
}

impl super::Store {
    /// The extras of a conversation, `None` if there is no such conversation.
    pub fn conversation_extras(&self, id: &str) -> rusqlite::Result<Option<ConversationExtras>> {
        let h = self.history();
        Ok(self
            .conversation_ord(id)?
            .map(|ord| h.generator.extras(super::history::key_of(ord, h.live_now))))
    }
}
