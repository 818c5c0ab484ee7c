//! The organization's past: analytics conversations generated from the seed.
//!
//! Each conversation is a pure function of the organization's seed and its [`Key`]: the
//! UTC day it starts on (days since the epoch) and its index within that day. Nothing
//! depends on when or in which order conversations are generated, so generation runs on
//! several threads, a database generated another day agrees on every conversation both
//! hold, and a stored conversation needs no document: it is drawn again when read.
//!
//! The drawing is split by concern: this module picks the channel, the customer, the
//! queue and the fate; `history_inbound.rs` builds inbound routing (flow, queue, agents,
//! AI agents), `history_handling.rs` transfers, consults and monitoring,
//! `history_outbound.rs` outbound calls, messages and callbacks, and `history_causes.rs`
//! the six ways a conversation goes unanswered.

use rand::rngs::StdRng;
use rand::Rng;
use uuid::Uuid;

use super::history_draws::{
    channel, contacts, conversation_rng, ticket_id, time_of_day, uuid, Channel, Contact,
};
use super::history_model::{
    Conversation, Flow, Media, Metric, Participant, Segment, Session, Survey,
};
use super::roster::seeded_id;
use super::routing_catalogue::{AI_AGENTS, INBOUND_FLOWS, MESSAGING_NUMBER, PHONE_LINES};

pub const HOUR_MS: i64 = 3_600_000;
pub const DAY_MS: i64 = 24 * HOUR_MS;

/// A queue as the generator needs it.
pub struct QueueInfo {
    pub id: String,
    pub name: String,
    pub division_id: String,
    /// `(userId, name)` of its agents.
    pub members: Vec<(String, String)>,
    pub codes: Vec<String>,
}

/// An AI agent of the catalogue with its seeded id.
pub struct AiAgent {
    pub id: String,
    pub name: &'static str,
    pub model: &'static str,
    pub cost_per_message: f64,
    /// Index into [`Generator::queues`] of the queue it hands over to.
    pub queue: usize,
}

pub struct InboundFlow {
    pub id: String,
    pub name: &'static str,
    pub flow_type: &'static str,
}

/// Which conversation: the `index`-th of UTC day `day`, or the `index`-th of the live
/// conversations drawn at start-up time `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Day { day: i64, index: u32 },
    Live { now: i64, index: u32 },
}

impl Key {
    pub fn rng(self, seed: u64, purpose: u64) -> StdRng {
        match self {
            Key::Day { day, index } => conversation_rng(seed, day as u64, index.into(), purpose),
            Key::Live { now, index } => {
                conversation_rng(seed, !(now as u64), index.into(), purpose)
            }
        }
    }
}

/// Everything conversations are drawn from: the organization's catalogue.
pub struct Generator {
    pub seed: u64,
    pub contacts: Vec<Contact>,
    pub queues: Vec<QueueInfo>,
    /// `(userId, name)` of the supervisors who monitor calls.
    pub supervisors: Vec<(String, String)>,
    pub ai_agents: Vec<AiAgent>,
    /// One per entry of `INBOUND_FLOWS`: voice, chat, messaging, email.
    pub flows: Vec<InboundFlow>,
    /// `(tel: numbers, queue indexes)` per phone line; the last line takes every queue.
    pub lines: Vec<(Vec<String>, Vec<usize>)>,
    pub messaging_number: String,
    pub survey_form_id: String,
}

fn named(queues: &[QueueInfo], names: &[&str]) -> Vec<usize> {
    (0..queues.len())
        .filter(|&i| names.contains(&queues[i].name.as_str()))
        .collect()
}

impl Generator {
    pub fn new(seed: u64, queues: Vec<QueueInfo>, supervisors: Vec<(String, String)>) -> Self {
        let queues: Vec<QueueInfo> = queues
            .into_iter()
            .filter(|q| !q.members.is_empty())
            .collect();
        let ai_agents = AI_AGENTS
            .iter()
            .map(|a| AiAgent {
                id: seeded_id(seed, &format!("botflow/{}", a.name)).to_string(),
                name: a.name,
                model: a.model,
                cost_per_message: a.cost_per_message,
                queue: named(&queues, &[a.queue]).first().copied().unwrap_or(0),
            })
            .collect();
        let flows = INBOUND_FLOWS
            .iter()
            .map(|(name, flow_type)| InboundFlow {
                id: seeded_id(seed, &format!("flow/{name}")).to_string(),
                name,
                flow_type,
            })
            .collect();
        let lines = PHONE_LINES
            .iter()
            .map(|(_, numbers, names)| {
                let tels = numbers.iter().map(|n| format!("tel:{n}")).collect();
                let qs = if names.is_empty() {
                    (0..queues.len()).collect()
                } else {
                    named(&queues, names)
                };
                (tels, qs)
            })
            .collect();
        Generator {
            seed,
            contacts: contacts(seed),
            queues,
            supervisors,
            ai_agents,
            flows,
            lines,
            messaging_number: MESSAGING_NUMBER.to_string(),
            survey_form_id: seeded_id(seed, "survey-form/csat").to_string(),
        }
    }

    /// Whether there is anything to route conversations to.
    pub fn can_generate(&self) -> bool {
        !self.queues.is_empty()
    }

    /// The complete conversation of a history key; a live key gives the conversation as it
    /// stands at its `now`.
    pub fn conversation(&self, key: Key) -> Conversation<'_> {
        match key {
            Key::Day { day, .. } => {
                let mut rng = key.rng(self.seed, 0);
                let start = day * DAY_MS + time_of_day(&mut rng);
                self.draw(rng, start, false)
            }
            Key::Live { now, .. } => self.live(key, now),
        }
    }

    /// A conversation that started in the 30 minutes before `now` and is still running:
    /// drawn once to learn its timeline, then again starting so that `now` falls in the
    /// queue wait (one in five) or in the first agent's talk.
    fn live(&self, key: Key, now: i64) -> Conversation<'_> {
        let mut rng = key.rng(self.seed, 0);
        let in_queue = rng.random_bool(0.2);
        let fraction: f64 = rng.random_range(0.1..0.9);
        let template = self.draw(rng.clone(), 0, true);
        let span = |purpose: &str, kind: &str| {
            template
                .participants
                .iter()
                .filter(|p| p.purpose == purpose)
                .flat_map(|p| &p.sessions)
                .flat_map(|s| &s.segments)
                .find(|g| g.segment_type == kind)
                .map(|g| (g.segment_start, g.segment_end.unwrap_or(g.segment_start)))
        };
        let (a, b) = if in_queue {
            span("acd", "interact")
        } else {
            span("agent", "interact")
        }
        .unwrap_or((0, 60_000));
        let offset = (a + ((b - a) as f64 * fraction) as i64).clamp(5_000, 29 * 60_000);
        let mut c = self.draw(rng, now - offset, true);
        c.truncate(now);
        c
    }

    /// Draws one conversation starting at `start`; `live` keeps to inbound voice, chat and
    /// messaging that reach an agent.
    fn draw(&self, mut rng: StdRng, start: i64, live: bool) -> Conversation<'_> {
        let id = uuid(&mut rng);
        let channel = if live {
            [
                Channel::Voice,
                Channel::Voice,
                Channel::Chat,
                Channel::WebMessaging,
                Channel::Sms,
            ][rng.random_range(0..5)]
        } else {
            channel(&mut rng)
        };
        let outbound = !live
            && match channel {
                Channel::Voice => rng.random_bool(0.15),
                Channel::Email => rng.random_bool(0.1),
                Channel::Sms | Channel::WhatsApp => rng.random_bool(0.08),
                _ => false,
            };
        let contact = &self.contacts[rng.random_range(0..self.contacts.len())];
        let queue = self.pick_queue(&mut rng, channel);
        let mut d = Draft {
            g: self,
            rng,
            start,
            channel,
            contact,
            queue: &self.queues[queue],
            media: Media::default(),
            participants: Vec::new(),
            answered_by: None,
            voice_connected: false,
            customer_participation: true,
            live,
        };
        d.media = d.addresses(outbound);
        match (channel, outbound) {
            (Channel::Callback, _) => d.callback(),
            (_, true) => d.outbound(),
            _ => d.inbound(),
        }
        d.finish(id, outbound)
    }

    fn pick_queue(&self, rng: &mut StdRng, channel: Channel) -> usize {
        let pool = match channel {
            Channel::Callback => named(&self.queues, &["Callbacks"]),
            c if c.digital() && rng.random_bool(0.6) => named(&self.queues, &["Digital Messaging"]),
            _ => (0..self.queues.len())
                .filter(|&i| {
                    !matches!(
                        self.queues[i].name.as_str(),
                        "Callbacks" | "Digital Messaging"
                    )
                })
                .collect(),
        };
        if pool.is_empty() {
            rng.random_range(0..self.queues.len())
        } else {
            pool[rng.random_range(0..pool.len())]
        }
    }
}

/// One conversation being drawn.
pub struct Draft<'g> {
    pub g: &'g Generator,
    pub rng: StdRng,
    pub start: i64,
    pub channel: Channel,
    pub contact: &'g Contact,
    pub queue: &'g QueueInfo,
    pub media: Media<'g>,
    pub participants: Vec<Participant<'g>>,
    /// `(queue, userId)` of the agent who finished the conversation, if one talked.
    pub answered_by: Option<(&'g str, &'g str)>,
    /// Whether a voice leg connected, so call quality was measured.
    pub voice_connected: bool,
    pub customer_participation: bool,
    pub live: bool,
}

impl<'g> Draft<'g> {
    pub fn id(&mut self) -> Uuid {
        uuid(&mut self.rng)
    }

    pub fn session(
        &mut self,
        media: &Media<'g>,
        direction: &'static str,
        segments: Vec<Segment<'g>>,
        metrics: Vec<Metric>,
        disconnect: &'static str,
    ) -> Session<'g> {
        let id = self.id();
        Session::new(id, media, direction, segments, metrics, disconnect)
    }

    pub fn participant(
        &mut self,
        name: Option<&'g str>,
        user: Option<&'g str>,
        purpose: &'static str,
        sessions: Vec<Session<'g>>,
    ) -> Participant<'g> {
        Participant {
            participant_id: self.id(),
            participant_name: name,
            user_id: user,
            purpose,
            external_contact_id: None,
            sessions,
            attributes: None,
        }
    }

    pub fn add_customer(&mut self, sessions: Vec<Session<'g>>) {
        let mut p = self.participant(Some(&self.contact.name), None, "customer", sessions);
        p.external_contact_id = Some(&self.contact.id);
        // The customer comes first, as in Genesys documents.
        self.participants.insert(0, p);
    }

    /// The flow object of an inbound Architect flow.
    pub fn inbound_flow(&self, exit: &'static str, transfer: Option<&'g str>) -> Flow<'g> {
        let f = &self.g.flows[match self.channel {
            Channel::Voice | Channel::Callback => 0,
            Channel::Chat => 1,
            Channel::Email => 3,
            _ => 2,
        }];
        Flow {
            flow_id: &f.id,
            flow_name: f.name,
            flow_version: "12.0",
            flow_type: f.flow_type,
            entry_type: if self.channel == Channel::Voice {
                "dnis"
            } else {
                "direct"
            },
            exit_reason: Some(exit),
            transfer_type: transfer.map(|_| "ACD"),
            transfer_target_name: transfer,
        }
    }

    fn finish(mut self, id: Uuid, outbound: bool) -> Conversation<'g> {
        let end = self.participants_end();
        let rng = &mut self.rng;
        let external_tag = rng.random_bool(0.4).then(|| ticket_id(rng));
        let voice = matches!(self.channel, Channel::Voice | Channel::Callback);
        let mos = (voice && self.voice_connected)
            .then(|| f64::from(rng.random_range(340..=450_u32)) / 100.0);
        let mut surveys = Vec::new();
        if let Some((queue, user)) = self.answered_by.filter(|_| rng.random_bool(0.15)) {
            let completed = end + rng.random_range(60_000..1_800_000);
            surveys.push(Survey {
                survey_id: uuid(rng),
                survey_form_id: &self.g.survey_form_id,
                survey_form_name: super::routing_catalogue::SURVEY_FORM_NAME,
                survey_status: "Finished",
                survey_type: if voice { "Voice" } else { "Web" },
                survey_completed_date: completed,
                event_time: completed,
                queue_id: queue,
                user_id: user,
                // Stars 1 to 5, skewed to the happy side, as a percentage.
                o_survey_total_score: 20 * [1, 2, 3, 4, 4, 5, 5, 5][rng.random_range(0..8)],
            });
        }
        Conversation {
            conversation_id: id,
            conversation_start: self.start,
            conversation_end: Some(end),
            originating_direction: if outbound { "outbound" } else { "inbound" },
            conversation_initiator: if outbound { "agent" } else { "customer" },
            customer_participation: self.customer_participation,
            division_ids: [&self.queue.division_id],
            external_tag,
            media_stats_min_conversation_mos: mos,
            participants: self.participants,
            surveys,
        }
    }

    fn participants_end(&self) -> i64 {
        self.participants
            .iter()
            .flat_map(|p| &p.sessions)
            .filter_map(Session::end)
            .max()
            .unwrap_or(self.start)
    }

    /// A random agent of `queue` other than `not`.
    pub fn agent(&mut self, queue: &'g QueueInfo, not: Option<&str>) -> &'g (String, String) {
        let n = queue.members.len();
        let mut a = &queue.members[self.rng.random_range(0..n)];
        if n > 1 && not == Some(a.0.as_str()) {
            a = &queue.members
                [(queue.members.iter().position(|m| m.0 == a.0).unwrap_or(0) + 1) % n];
        }
        a
    }
}
