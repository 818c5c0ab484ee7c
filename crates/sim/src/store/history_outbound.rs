//! Conversations the agent starts: outbound calls (dialing, contacting, then talk or
//! nobody answering), outbound emails and messages, and callbacks, where a customer's
//! request waits in the callbacks queue until an agent takes it and dials.

use rand::Rng;

use super::history_draws::Channel;
use super::history_gen::Draft;
use super::history_inbound::{talk, Leg};
use super::history_model::{metric, seg, Media, Session};

impl<'g> Draft<'g> {
    /// An outbound call, email or message on behalf of the conversation's queue.
    pub fn outbound(&mut self) {
        let queue = self.queue;
        let agent = self.agent(queue, None);
        let acw = self.rng.random_range(5_000..90_000);
        if self.channel != Channel::Voice {
            let end = self.start + self.rng.random_range(60_000..600_000);
            let media = self.media.clone();
            self.add_agent(
                Leg {
                    agent,
                    queue,
                    pre: vec![],
                    offered: None,
                    answer: self.start,
                    holds: vec![],
                    talk_end: end,
                    acw,
                    disconnect: "client",
                    extra: vec![],
                    media: media.clone(),
                    lead: None,
                },
                "outbound",
            );
            let metrics = self.messages(end - self.start).into_iter().collect();
            let s = self.session(
                &media,
                "outbound",
                vec![seg("interact", self.start, end, None)],
                metrics,
                "peer",
            );
            self.add_customer(vec![s]);
            return;
        }
        let media = self.media.clone();
        self.dial(agent, self.start, media, [None, None], acw);
    }

    /// The agent dials from `at`; the customer answers and they talk, or nobody answers
    /// (cause 6 of `history_causes.rs`). `leads` are the agent's and the customer's
    /// sessions before the call (a callback's).
    fn dial(
        &mut self,
        agent: &'g (String, String),
        at: i64,
        media: Media<'g>,
        leads: [Option<Session<'g>>; 2],
        acw: i64,
    ) {
        let [agent_lead, customer_lead] = leads;
        let queue = self.queue;
        let q = Some(queue.id.as_str());
        let dialed = at + self.rng.random_range(1_000..3_000);
        if self.rng.random_bool(0.2) {
            let (ring, dc) = if self.rng.random_bool(0.7) {
                (self.rng.random_range(25_000..45_000), "timeout")
            } else {
                (self.rng.random_range(3_000..20_000), "endpoint")
            };
            let end = dialed + ring;
            let mut contacting = seg("contacting", dialed, end, q);
            contacting.disconnect_type = Some(dc);
            let mut wrap = seg("wrapup", end, end + acw, q);
            if !queue.codes.is_empty() {
                wrap.wrap_up_code = Some(&queue.codes[self.rng.random_range(0..queue.codes.len())]);
            }
            let segs = vec![seg("dialing", at, dialed, q), contacting, wrap];
            let mut s = self.session(
                &media,
                "outbound",
                segs,
                vec![metric("tAcw", acw, end + acw)],
                "client",
            );
            if let Some(w) = s.segments.last_mut() {
                w.disconnect_type = None;
            }
            let sessions = agent_lead.into_iter().chain([s]).collect();
            let p = self.participant(Some(&agent.1), Some(&agent.0), "agent", sessions);
            self.participants.push(p);
            self.customer_participation = false;
            let customer = self.session(
                &media,
                "outbound",
                vec![seg("contacting", dialed, end, None)],
                vec![],
                dc,
            );
            self.add_customer(customer_lead.into_iter().chain([customer]).collect());
            return;
        }
        let answer = dialed + self.rng.random_range(4_000..25_000);
        let talk_ms = self.talk_ms();
        let mut holds = Vec::new();
        if self.rng.random_bool(0.15) {
            let h0 = answer + talk_ms / 3;
            holds.push((h0, h0 + self.rng.random_range(10_000..90_000)));
        }
        let held: i64 = holds.iter().map(|(a, b)| b - a).sum();
        let talk_end = answer + talk_ms + held;
        let agent_hung_up = self.rng.random_bool(0.5);
        self.add_agent(
            Leg {
                agent,
                queue,
                pre: vec![
                    seg("dialing", at, dialed, q),
                    seg("contacting", dialed, answer, q),
                ],
                offered: None,
                answer,
                holds: holds.clone(),
                talk_end,
                acw,
                disconnect: if agent_hung_up { "client" } else { "peer" },
                extra: vec![],
                media: media.clone(),
                lead: agent_lead,
            },
            "outbound",
        );
        let mut segs = vec![seg("contacting", dialed, answer, None)];
        segs.extend(talk(answer, talk_end, &holds, None));
        let customer = self.session(
            &media,
            "outbound",
            segs,
            vec![metric("nConnected", 1, answer)],
            if agent_hung_up { "peer" } else { "endpoint" },
        );
        self.add_customer(customer_lead.into_iter().chain([customer]).collect());
        self.voice_connected = true;
    }

    /// A callback: the customer's request (a `callback` session) waits in the callbacks
    /// queue; an agent is alerted, previews it and dials the customer on a voice session.
    pub fn callback(&mut self) {
        let queue = self.queue;
        let q = Some(queue.id.as_str());
        let callback_media = self.media.clone();
        let offered = self.start + self.rng.random_range(1_000..3_000);
        let alert_at = offered + self.rng.random_range(60_000..1_800_000);
        let accept = alert_at + self.rng.random_range(2_000..15_000);
        let dial_at = accept + self.rng.random_range(5_000..60_000);
        self.add_acd(queue, offered, accept, "transfer", vec![]);
        let agent = self.agent(queue, None);
        let lead = self.session(
            &callback_media,
            "inbound",
            vec![
                seg("alert", alert_at, accept, q),
                seg("callback", accept, dial_at, q),
            ],
            vec![
                metric("tAlert", accept - alert_at, accept),
                metric("tAnswered", accept - offered, accept),
            ],
            "client",
        );
        let mut request = self.session(
            &callback_media,
            "inbound",
            vec![seg("callback", self.start, dial_at, None)],
            vec![],
            "peer",
        );
        request.callback_numbers = Some([self.contact.tel.as_str()]);
        // The call itself goes out from the callbacks line to the customer.
        let voice = Media {
            media_type: "voice",
            message_type: None,
            ani: callback_media.dnis,
            dnis: callback_media.ani,
            ..Media::default()
        };
        let acw = self.rng.random_range(5_000..90_000);
        self.dial(agent, dial_at, voice, [Some(lead), Some(request)], acw);
    }
}
