//! Inbound routing: the Architect flow (or an AI agent) in front, the queue, the agents
//! who talk, and what happens around them: transfers to another queue, consults with a
//! colleague, a supervisor monitoring, AI agents answering alone or handing over.
//!
//! Metrics, as the generator defines them (the tests check them against the segments):
//! `tIvr` = the flow's `ivr` segment; `tAcd` = the acd participant's `interact` span
//! (queue entry to answer, abandon or timeout); `tAlert` = the agent's `alert` segment;
//! `tAnswered` = queue entry to answer; `tTalk` = `tTalkComplete` = the sum of the agent's
//! `interact` spans; `tHeld` = `tHeldComplete` = the sum of its `hold` spans; `tAcw` = its
//! `wrapup` span; `tHandle` = `tTalk + tHeld + tAcw`; `tMonitoring` = the `monitoring`
//! segment; `tAbandon` = the abandoned queue wait. `nOffered` is on acd sessions,
//! `nConnected` on the agent and customer sessions that talked, `nTransferred`,
//! `nBlindTransferred` and `nConsult` on the agent who transferred or consulted, and
//! `oMessageCount` on the customer's chat and messaging sessions.

use rand::Rng;

use super::history_draws::{wrap_up_note, Channel};
use super::history_gen::{Draft, QueueInfo};
use super::history_model::{metric, seg, Flow, Media, Metric, Segment};

/// One agent's part: how it was reached (`pre`: an alert, or dialing and contacting),
/// when it talked and held, how its talk ended and its wrap-up time.
pub struct Leg<'g> {
    pub agent: &'g (String, String),
    pub queue: &'g QueueInfo,
    pub pre: Vec<Segment<'g>>,
    /// When the conversation entered this agent's queue, for `tAnswered`.
    pub offered: Option<i64>,
    pub answer: i64,
    pub holds: Vec<(i64, i64)>,
    pub talk_end: i64,
    pub acw: i64,
    pub disconnect: &'static str,
    pub extra: Vec<Metric>,
    /// The session the talk happens on (a callback's agent talks on a voice session).
    pub media: Media<'g>,
    /// A session before the talking one: a callback's alert and preview.
    pub lead: Option<super::history_model::Session<'g>>,
}

/// `interact` segments from `from` to `to`, broken by the `hold`s that fall inside.
pub fn talk<'g>(
    from: i64,
    to: i64,
    holds: &[(i64, i64)],
    queue: Option<&'g str>,
) -> Vec<Segment<'g>> {
    let mut out = Vec::new();
    let mut at = from;
    for &(h0, h1) in holds.iter().filter(|(h0, _)| *h0 > from && *h0 < to) {
        out.push(seg("interact", at, h0, queue));
        out.push(seg("hold", h0, h1, queue));
        at = h1;
    }
    out.push(seg("interact", at, to, queue));
    out
}

impl<'g> Draft<'g> {
    /// Milliseconds waiting in queue: mostly short, a long tail; hours for email.
    pub fn wait_ms(&mut self) -> i64 {
        let r = &mut self.rng;
        match (self.channel, r.random_range(0..100)) {
            (Channel::Email, _) => r.random_range(300_000..4 * 3_600_000),
            (_, 0..70) => r.random_range(2_000..60_000),
            (_, 70..95) => r.random_range(60_000..300_000),
            _ => r.random_range(300_000..900_000),
        }
    }

    pub fn talk_ms(&mut self) -> i64 {
        let r = &mut self.rng;
        let short = r.random_bool(0.6);
        match self.channel {
            Channel::Voice | Channel::Callback if short => r.random_range(45_000..300_000),
            Channel::Voice | Channel::Callback => r.random_range(300_000..1_200_000),
            Channel::Email => r.random_range(120_000..900_000),
            Channel::Chat => r.random_range(180_000..1_500_000),
            _ => r.random_range(180_000..2_400_000),
        }
    }

    /// Customer messages in a chat or messaging conversation of `talk` ms.
    pub fn messages(&mut self, talk: i64) -> Option<Metric> {
        self.channel.digital().then(|| {
            let n = talk / 45_000 + self.rng.random_range(2..6);
            metric("oMessageCount", n, self.start + talk)
        })
    }

    /// The agent participant of a leg, with its metrics; returns its participant id.
    pub fn add_agent(&mut self, leg: Leg<'g>, direction: &'static str) -> uuid::Uuid {
        let q = Some(leg.queue.id.as_str());
        let mut segs = leg.pre;
        let mut metrics = Vec::new();
        if let Some(alert) = segs.iter().find(|s| s.segment_type == "alert") {
            metrics.push(metric(
                "tAlert",
                leg.answer - alert.segment_start,
                leg.answer,
            ));
        }
        if let Some(offered) = leg.offered {
            metrics.push(metric("tAnswered", leg.answer - offered, leg.answer));
        }
        metrics.push(metric("nConnected", 1, leg.answer));
        let held: i64 = leg.holds.iter().map(|(a, b)| b - a).sum();
        let talked = leg.talk_end - leg.answer - held;
        segs.extend(talk(leg.answer, leg.talk_end, &leg.holds, q));
        if let Some(last) = segs.last_mut() {
            last.disconnect_type = Some(leg.disconnect);
        }
        metrics.push(metric("tTalk", talked, leg.talk_end));
        metrics.push(metric("tTalkComplete", talked, leg.talk_end));
        if held > 0 {
            metrics.push(metric("tHeld", held, leg.talk_end));
            metrics.push(metric("tHeldComplete", held, leg.talk_end));
        }
        metrics.extend(leg.extra);
        let end = leg.talk_end + leg.acw;
        let mut wrap = seg("wrapup", leg.talk_end, end, q);
        if !leg.queue.codes.is_empty() {
            wrap.wrap_up_code =
                Some(&leg.queue.codes[self.rng.random_range(0..leg.queue.codes.len())]);
        }
        if self.rng.random_bool(0.6) {
            wrap.wrap_up_note = Some(wrap_up_note(&mut self.rng));
        }
        segs.push(wrap);
        metrics.push(metric("tAcw", leg.acw, end));
        metrics.push(metric("tHandle", talked + held + leg.acw, end));
        // The disconnect is already on the last interact; the wrap-up has none.
        let mut s = self.session(&leg.media, direction, segs, metrics, "client");
        if let Some(w) = s.segments.last_mut() {
            w.disconnect_type = None;
        }
        s.recording = (leg.media.media_type == "voice").then_some(true);
        let sessions = leg.lead.into_iter().chain([s]).collect();
        let p = self.participant(Some(&leg.agent.1), Some(&leg.agent.0), "agent", sessions);
        let id = p.participant_id;
        self.participants.push(p);
        self.answered_by = Some((&leg.queue.id, &leg.agent.0));
        id
    }

    /// The acd participant of a queue wait from `from` to `to`.
    pub fn add_acd(
        &mut self,
        queue: &'g QueueInfo,
        from: i64,
        to: i64,
        disconnect: &'static str,
        extra: Vec<Metric>,
    ) {
        let mut metrics = vec![metric("nOffered", 1, from), metric("tAcd", to - from, to)];
        metrics.extend(extra);
        let media = self.media.clone();
        let s = self.session(
            &media,
            "inbound",
            vec![seg("interact", from, to, Some(&queue.id))],
            metrics,
            disconnect,
        );
        let p = self.participant(Some(&queue.name), None, "acd", vec![s]);
        self.participants.push(p);
    }

    /// The Architect flow participant, `ivr` segments for voice.
    pub fn add_flow(&mut self, from: i64, to: i64, flow: Flow<'g>, disconnect: &'static str) {
        let voice = self.channel == Channel::Voice;
        let kind = if voice { "ivr" } else { "interact" };
        let metrics = if voice {
            vec![metric("tIvr", to - from, to)]
        } else {
            vec![]
        };
        let media = self.media.clone();
        let mut s = self.session(
            &media,
            "inbound",
            vec![seg(kind, from, to, None)],
            metrics,
            disconnect,
        );
        s.flow = Some(flow);
        let name = Some(flow_name(&s));
        let p = self.participant(name, None, "ivr", vec![s]);
        self.participants.push(p);
    }

    /// An AI agent's participant, answering from `from` to `to`.
    fn add_bot(
        &mut self,
        bot: usize,
        from: i64,
        to: i64,
        exit: &'static str,
        transfer: Option<&'g str>,
        disconnect: &'static str,
    ) {
        let a = &self.g.ai_agents[bot];
        let flow = Flow {
            flow_id: &a.id,
            flow_name: a.name,
            flow_version: "3.0",
            flow_type: "DIGITALBOT",
            entry_type: "flow",
            exit_reason: Some(exit),
            transfer_type: transfer.map(|_| "ACD"),
            transfer_target_name: transfer,
        };
        let media = self.media.clone();
        let mut s = self.session(
            &media,
            "inbound",
            vec![seg("interact", from, to, None)],
            vec![],
            disconnect,
        );
        s.flow = Some(flow);
        let p = self.participant(Some(a.name), None, "botflow", vec![s]);
        self.participants.push(p);
    }

    /// An inbound conversation: voice through the IVR, chat, messaging and email through
    /// their inbound flows, some digital ones through an AI agent.
    pub fn inbound(&mut self) {
        let voice = self.channel == Channel::Voice;
        if voice && !self.live && self.unrouted() {
            return;
        }
        let mut customer: Vec<Segment<'g>> = Vec::new();
        let acd_start;
        let bot_roll = if self.channel.digital() && !self.live {
            self.rng.random_range(0..100)
        } else {
            100
        };
        if bot_roll < 14 {
            let bot = self.rng.random_range(0..self.g.ai_agents.len());
            let end = self.start + self.rng.random_range(40_000..420_000);
            if bot_roll < 8 {
                // The AI agent answers alone; the customer or the agent ends it.
                let customer_left = self.rng.random_bool(0.7);
                let (exit, bot_dc, cust_dc) = if customer_left {
                    ("DISCONNECT", "peer", "endpoint")
                } else {
                    ("FLOW_DISCONNECT", "client", "peer")
                };
                self.queue = &self.g.queues[self.g.ai_agents[bot].queue];
                self.add_bot(bot, self.start, end, exit, None, bot_dc);
                let talk = end - self.start;
                let metrics = self.messages(talk).into_iter().collect();
                let media = self.media.clone();
                let s = self.session(
                    &media,
                    "inbound",
                    vec![seg("interact", self.start, end, None)],
                    metrics,
                    cust_dc,
                );
                self.add_customer(vec![s]);
                return;
            }
            // The customer asks for a person: the AI agent hands over to its queue.
            self.queue = &self.g.queues[self.g.ai_agents[bot].queue];
            self.add_bot(
                bot,
                self.start,
                end,
                "TRANSFER",
                Some(&self.queue.name),
                "transfer",
            );
            acd_start = end;
        } else {
            let flow_ms = if voice {
                self.rng.random_range(10_000..60_000)
            } else {
                self.rng.random_range(1_000..4_000)
            };
            acd_start = self.start + flow_ms;
            let flow = self.inbound_flow("TRANSFER", Some(&self.queue.name));
            self.add_flow(self.start, acd_start, flow, "transfer");
            if voice {
                customer.push(seg("ivr", self.start, acd_start, None));
            }
        }
        let talk_from = if voice { acd_start } else { self.start };
        if !self.live
            && self.channel != Channel::Email
            && self.unanswered_in_queue(acd_start, talk_from, &mut customer)
        {
            return;
        }
        self.answered(acd_start, talk_from, customer);
    }

    /// The queue answers: one agent, perhaps a consult or a transfer to a second queue and
    /// agent, perhaps a supervisor listening.
    fn answered(&mut self, acd_start: i64, talk_from: i64, mut customer: Vec<Segment<'g>>) {
        let voice = self.channel == Channel::Voice;
        let queue = self.queue;
        let alert_at = acd_start + self.wait_ms();
        let answer = alert_at + self.rng.random_range(2_000..12_000);
        let talk_ms = self.talk_ms();
        let mut holds = Vec::new();
        if voice && self.rng.random_bool(0.25) {
            let at = answer + talk_ms / 3;
            holds.push((at, at + self.rng.random_range(10_000..120_000)));
        }
        let held: i64 = holds.iter().map(|(a, b)| b - a).sum();
        let agent = self.agent(queue, None);
        let transfer = !self.live && self.channel != Channel::Email && self.rng.random_bool(0.08);
        let consult = voice && !transfer && holds.is_empty() && self.rng.random_bool(0.06);
        let first_end = if transfer {
            answer + talk_ms / 2 + held
        } else {
            answer + talk_ms + held
        };
        let agent_hung_up = self.rng.random_bool(0.4);
        let mut extra = Vec::new();
        let mut consult_span = None;
        if consult {
            let h0 = answer + talk_ms / 2;
            let h1 = h0 + self.rng.random_range(30_000..180_000);
            holds.push((h0, h1));
            consult_span = Some((h0, h1));
            extra.push(metric("nConsult", 1, h0));
        }
        let first_end = first_end + consult_span.map_or(0, |(a, b)| b - a);
        let blind = self.rng.random_bool(0.5);
        if transfer {
            extra.push(metric("nTransferred", 1, first_end));
            if blind {
                extra.push(metric("nBlindTransferred", 1, first_end));
            }
        }
        self.add_acd(queue, acd_start, answer, "transfer", vec![]);
        let acw = self.rng.random_range(5_000..90_000);
        let first = self.add_agent(
            Leg {
                agent,
                queue,
                pre: vec![seg("alert", alert_at, answer, Some(&queue.id))],
                offered: Some(acd_start),
                answer,
                holds: holds.clone(),
                talk_end: first_end,
                acw,
                disconnect: if transfer {
                    "transfer"
                } else if agent_hung_up {
                    "client"
                } else {
                    "peer"
                },
                extra,
                media: self.media.clone(),
                lead: None,
            },
            "inbound",
        );
        let mut talk_end = first_end;
        if let Some((h0, h1)) = consult_span {
            self.consult(agent, h0, h1);
        }
        if voice && self.rng.random_bool(0.05) {
            self.monitor(first, answer, first_end);
        }
        if transfer {
            talk_end = self.transfer(agent, first_end, agent_hung_up);
        }
        customer.extend(talk(talk_from, talk_end, &holds, None));
        let mut metrics = vec![metric("nConnected", 1, answer)];
        metrics.extend(self.messages(talk_end - talk_from));
        let media = self.media.clone();
        let s = self.session(
            &media,
            "inbound",
            customer,
            metrics,
            if agent_hung_up { "peer" } else { "endpoint" },
        );
        self.add_customer(vec![s]);
        self.voice_connected = true;
    }
}

fn flow_name<'g>(s: &super::history_model::Session<'g>) -> &'g str {
    s.flow.as_ref().map_or("", |f| f.flow_name)
}
