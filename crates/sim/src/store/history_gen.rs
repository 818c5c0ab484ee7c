//! The organization's past: analytics conversation documents generated from the seed.
//!
//! Times are offsets from an anchor (the generation time, floored to the hour), so two
//! simulators of one seed generated in the same hour agree on everything, and every
//! conversation has ended before the anchor. Volume peaks in business hours.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};

use super::history_draws::{channel, contacts, time_of_day, uuid, Contact};

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

/// One generated conversation: the columns the query filters on and the document.
pub struct GeneratedConversation {
    pub id: String,
    pub start_ms: i64,
    pub end_ms: i64,
    pub direction: &'static str,
    pub division_id: String,
    /// `(dimension, value)` pairs of its segments, for segment filters.
    pub dims: Vec<(&'static str, String)>,
    pub doc: String,
}

pub fn iso(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn segment(kind: &str, start: i64, end: i64, queue: Option<&str>) -> Value {
    let mut s = json!({"segmentStart": iso(start), "segmentEnd": iso(end), "segmentType": kind});
    if let Some(q) = queue {
        s["queueId"] = json!(q);
    }
    s
}

fn metric(name: &str, value: i64, at: i64) -> Value {
    json!({"name": name, "value": value, "emitDate": iso(at)})
}

/// Closes a session: the last segment carries `disconnect`.
fn session(
    rng: &mut StdRng,
    base: &Value,
    direction: &str,
    mut segments: Vec<Value>,
    metrics: Vec<Value>,
    disconnect: &str,
) -> Value {
    if let Some(last) = segments.last_mut() {
        last["disconnectType"] = json!(disconnect);
    }
    let mut s = base.clone();
    s["sessionId"] = json!(uuid(rng));
    s["direction"] = json!(direction);
    s["segments"] = Value::Array(segments);
    if !metrics.is_empty() {
        s["metrics"] = Value::Array(metrics);
    }
    s
}

pub struct Generator {
    rng: StdRng,
    contacts: Vec<Contact>,
    queues: Vec<QueueInfo>,
}

impl Generator {
    pub fn new(seed: u64, queues: Vec<QueueInfo>) -> Self {
        let mut rng = StdRng::seed_from_u64(seed ^ 0x4157_0c0e_11ad);
        let contacts = contacts(&mut rng);
        let queues = queues
            .into_iter()
            .filter(|q| !q.members.is_empty())
            .collect();
        Generator {
            rng,
            contacts,
            queues,
        }
    }

    /// Calls `emit` for `days × volume` conversations ending before `anchor_ms`.
    pub fn run(
        &mut self,
        anchor_ms: i64,
        days: u32,
        volume: u32,
        mut emit: impl FnMut(GeneratedConversation) -> rusqlite::Result<()>,
    ) -> rusqlite::Result<()> {
        if self.queues.is_empty() {
            return Ok(());
        }
        for day in (1..=i64::from(days)).rev() {
            let day_start = anchor_ms - day * DAY_MS;
            for _ in 0..volume {
                let start = day_start + time_of_day(&mut self.rng);
                emit(self.conversation(start, anchor_ms))?;
            }
        }
        Ok(())
    }

    fn conversation(&mut self, start: i64, anchor: i64) -> GeneratedConversation {
        let rng = &mut self.rng;
        let id = uuid(rng);
        let (media, message_type) = channel(rng);
        let outbound = match media {
            "voice" => rng.random_bool(0.15),
            "email" => rng.random_bool(0.1),
            "message" => rng.random_bool(0.05),
            _ => false,
        };
        let q = &self.queues[rng.random_range(0..self.queues.len())];
        let contact = &self.contacts[rng.random_range(0..self.contacts.len())];
        // Durations in ms, by channel.
        let ivr = if media == "voice" && !outbound {
            rng.random_range(10_000..60_000)
        } else {
            0
        };
        let wait = match media {
            "email" => rng.random_range(60_000..4 * HOUR_MS),
            _ => rng.random_range(2_000..240_000),
        };
        let talk = match media {
            "voice" | "callback" => rng.random_range(60_000..900_000),
            "email" => rng.random_range(120_000..900_000),
            _ => rng.random_range(180_000..1_500_000),
        };
        let held = if media == "voice" && rng.random_bool(0.2) {
            rng.random_range(10_000..120_000)
        } else {
            0
        };
        let acw = rng.random_range(5_000..90_000);
        let alert = rng.random_range(2_000..12_000);
        // 8% abandoned in queue, 3% never reached an agent (queue timeout).
        let fate = if outbound {
            99
        } else {
            rng.random_range(0..100)
        };
        let answered = fate >= 11;
        let total = if answered {
            ivr + wait + alert + talk + held + acw
        } else {
            ivr + wait
        };
        let start = start.min(anchor - total - 1_000);
        let end = start + total;

        let direction = if outbound { "outbound" } else { "inbound" };
        let mut base = json!({"mediaType": media});
        if let Some(t) = message_type {
            base["messageType"] = json!(t);
        }
        let ours = "+13175550100";
        match media {
            "email" => {
                base["addressFrom"] = json!(contact.email);
                base["addressTo"] = json!("support@demo.example");
            }
            "chat" => base["remoteNameDisplayable"] = json!(contact.name),
            "message" if message_type == Some("webmessaging") => {
                base["remoteNameDisplayable"] = json!(contact.name)
            }
            _ => {
                let (ani, dnis) = if outbound {
                    (ours, contact.phone.as_str())
                } else {
                    (contact.phone.as_str(), ours)
                };
                base["ani"] = json!(format!("tel:{ani}"));
                base["dnis"] = json!(format!("tel:{dnis}"));
            }
        }

        let queue = q.id.as_str();
        let acd_start = start + ivr;
        let acd_end = acd_start + wait;
        let answer = acd_end + alert;
        let talk_end = answer + talk + held;
        let mut participants = Vec::new();
        let mut dims: Vec<(&'static str, String)> = vec![
            ("mediaType", media.to_string()),
            ("direction", direction.to_string()),
            ("queueId", q.id.clone()),
        ];

        // The customer.
        let mut segs = Vec::new();
        if ivr > 0 {
            segs.push(segment("ivr", start, acd_start, None));
        }
        segs.push(segment(
            "interact",
            acd_start,
            if answered { talk_end } else { end },
            None,
        ));
        let customer_disconnect = if answered && rng.random_bool(0.6) {
            "peer"
        } else {
            "endpoint"
        };
        let mut metrics = Vec::new();
        if answered {
            metrics.push(metric("nConnected", 1, answer));
        }
        let cust = session(rng, &base, direction, segs, metrics, customer_disconnect);
        participants.push(json!({
            "participantId": uuid(rng), "participantName": contact.name, "purpose": "customer",
            "externalContactId": contact.id, "sessions": [cust],
        }));

        if ivr > 0 {
            let segs = vec![segment("ivr", start, acd_start, None)];
            let s = session(rng, &base, "inbound", segs, vec![], "transfer");
            participants.push(json!({
                "participantId": uuid(rng), "participantName": "Main IVR", "purpose": "ivr",
                "sessions": [s],
            }));
        }

        if !outbound {
            let acd_until = if answered { answer } else { end };
            let segs = vec![segment("interact", acd_start, acd_until, Some(queue))];
            let mut metrics = vec![metric("tAcd", acd_until - acd_start, acd_until)];
            let disconnect = match fate {
                0..8 => {
                    metrics.push(metric("tAbandon", wait, end));
                    "peer"
                }
                8..11 => "timeout",
                _ => "transfer",
            };
            let s = session(rng, &base, "inbound", segs, metrics, disconnect);
            participants.push(json!({
                "participantId": uuid(rng), "participantName": q.name, "purpose": "acd",
                "sessions": [s],
            }));
        }

        if answered {
            let agent = &q.members[rng.random_range(0..q.members.len())];
            let code = (!q.codes.is_empty()).then(|| &q.codes[rng.random_range(0..q.codes.len())]);
            let mut segs = vec![segment("alert", acd_end, answer, Some(queue))];
            if held > 0 {
                let hold_at = answer + talk / 2;
                segs.push(segment("interact", answer, hold_at, Some(queue)));
                segs.push(segment("hold", hold_at, hold_at + held, Some(queue)));
                segs.push(segment("interact", hold_at + held, talk_end, Some(queue)));
            } else {
                segs.push(segment("interact", answer, talk_end, Some(queue)));
            }
            let mut wrap = segment("wrapup", talk_end, end, Some(queue));
            if let Some(code) = code {
                wrap["wrapUpCode"] = json!(code);
                dims.push(("wrapUpCode", code.clone()));
            }
            segs.push(wrap);
            let mut metrics = vec![
                metric("nConnected", 1, answer),
                metric("tAnswered", answer - acd_start, answer),
                metric("tTalk", talk, talk_end),
            ];
            if held > 0 {
                metrics.push(metric("tHeld", held, talk_end));
            }
            metrics.push(metric("tAcw", acw, end));
            metrics.push(metric("tHandle", talk + held + acw, end));
            let s = session(rng, &base, direction, segs, metrics, "client");
            participants.push(json!({
                "participantId": uuid(rng), "participantName": agent.1, "userId": agent.0,
                "purpose": "agent", "sessions": [s],
            }));
            dims.push(("userId", agent.0.clone()));
        }

        let doc = json!({
            "conversationId": id,
            "conversationStart": iso(start),
            "conversationEnd": iso(end),
            "originatingDirection": direction,
            "divisionIds": [q.division_id],
            "participants": participants,
        });
        GeneratedConversation {
            id,
            start_ms: start,
            end_ms: end,
            direction,
            division_id: q.division_id.clone(),
            dims,
            doc: doc.to_string(),
        }
    }
}
