//! What happens around an agent's talk: a colleague consulted while the customer holds,
//! a supervisor monitoring, a transfer to another queue whose agent finishes.

use rand::Rng;

use super::history_gen::Draft;
use super::history_inbound::Leg;
use super::history_model::{metric, seg, Media};

impl<'g> Draft<'g> {
    /// A colleague of the same queue consulted while the customer holds.
    pub fn consult(&mut self, first: &'g (String, String), h0: i64, h1: i64) {
        let queue = self.queue;
        let colleague = self.agent(queue, Some(&first.0));
        let ring = (h0 + self.rng.random_range(2_000..8_000)).min(h1 - 1_000);
        let q = Some(queue.id.as_str());
        let metrics = vec![
            metric("tAlert", ring - h0, ring),
            metric("nConnected", 1, ring),
            metric("tTalk", h1 - ring, h1),
            metric("tTalkComplete", h1 - ring, h1),
        ];
        let media = self.media.clone();
        let s = self.session(
            &media,
            "outbound",
            vec![seg("alert", h0, ring, q), seg("interact", ring, h1, q)],
            metrics,
            "peer",
        );
        let p = self.participant(Some(&colleague.1), Some(&colleague.0), "agent", vec![s]);
        self.participants.push(p);
    }

    /// A supervisor listens to part of the agent's talk.
    pub fn monitor(&mut self, agent: uuid::Uuid, from: i64, to: i64) {
        if self.g.supervisors.is_empty() || to - from < 20_000 {
            return;
        }
        let sup = &self.g.supervisors[self.rng.random_range(0..self.g.supervisors.len())];
        let m0 = from + self.rng.random_range(5_000..(to - from) / 2);
        let m1 = self.rng.random_range(m0 + 5_000..=to);
        let media = Media {
            media_type: "voice",
            ..self.media.clone()
        };
        let mut s = self.session(
            &media,
            "outbound",
            vec![seg("monitoring", m0, m1, None)],
            vec![metric("tMonitoring", m1 - m0, m1)],
            "client",
        );
        s.monitored_participant_id = Some(agent);
        let p = self.participant(Some(&sup.1), Some(&sup.0), "user", vec![s]);
        self.participants.push(p);
    }

    /// The first agent transfers at `at` to another queue whose agent finishes the
    /// conversation; returns when that agent's talk ends.
    pub fn transfer(&mut self, first: &'g (String, String), at: i64, agent_hung_up: bool) -> i64 {
        let n = self.g.queues.len();
        let from = self
            .g
            .queues
            .iter()
            .position(|q| q.id == self.queue.id)
            .unwrap_or(0);
        let queue = &self.g.queues[(from + 1 + self.rng.random_range(0..n.max(2) - 1)) % n];
        let alert_at = at + self.rng.random_range(3_000..90_000);
        let answer = alert_at + self.rng.random_range(2_000..10_000);
        let talk_end = answer + self.talk_ms() / 2;
        self.add_acd(queue, at, answer, "transfer", vec![]);
        let agent = self.agent(queue, Some(&first.0));
        let acw = self.rng.random_range(5_000..90_000);
        self.add_agent(
            Leg {
                agent,
                queue,
                pre: vec![seg("alert", alert_at, answer, Some(&queue.id))],
                offered: Some(at),
                answer,
                holds: vec![],
                talk_end,
                acw,
                disconnect: if agent_hung_up { "client" } else { "peer" },
                extra: vec![],
                media: self.media.clone(),
                lead: None,
            },
            "inbound",
        );
        talk_end
    }
}
