//! Why a conversation went unanswered: exactly one of six causes, written with the fields
//! the real Platform API uses, so a client derives the cause from the document alone.
//!
//! A conversation is **answered** when a participant with purpose `agent` has an
//! `interact` segment, or, for AI-agent-only conversations, the `botflow` participant has
//! one. (An agent who was only alerted has an `alert` segment, never an `interact`.)
//! Otherwise, the first rule that holds gives the cause:
//!
//! 1. **Dropped before routing**: inbound, no `acd` participant, the `ivr` participant's
//!    `flow.exitReason` is `"DISCONNECT"`; the customer's `ivr` segment ends with
//!    `disconnectType` `"endpoint"` (the customer hung up in the IVR).
//! 2. **Out of business hours**: no `acd` participant, `flow.exitReason`
//!    `"FLOW_DISCONNECT"` (the flow played the closed message and hung up); the
//!    customer's last segment ends `"peer"`. The voice lines are open 06:00–22:00 UTC every
//!    day: every inbound call that starts outside those hours gets this.
//! 3. **Enqueue failed** (queue full): no `acd` participant, `flow.exitReason`
//!    `"TRANSFER_FAILED"` with `transferType` `"ACD"` and `transferTargetName` the queue's
//!    name; the customer's last segment ends `"system"`.
//! 4. **Queue timeout**: an `acd` participant whose last segment ends `"timeout"`; no
//!    agent talked. The customer's last segment ends `"timeout"`.
//! 5. **Agent assignment failed**: an `acd` participant whose last segment ends `"peer"`,
//!    with `tAbandon` on its session: the customer gave up waiting (last segment
//!    `"endpoint"`). Sometimes agents were alerted and did not answer: agent participants
//!    with a single `alert` segment ending `"noAnswerTransfer"`.
//! 6. **Customer didn't respond**: an outbound call or a callback the agent dialed
//!    (`dialing` then `contacting` segments on the agent's voice session) that nobody
//!    picked up: the agent's `contacting` segment ends `"timeout"` (rang out) or
//!    `"endpoint"` (declined or busy), the customer's voice session has only a
//!    `contacting` segment ending the same way, and no session has `nConnected`.
//!
//! The hang-up source of any conversation is the `disconnectType` of the last segment of
//! the customer's last session: `"endpoint"` the customer, `"peer"` the other side (agent
//! or flow), `"system"`, `"timeout"` or `"error"` the system; `"transfer"` never appears
//! on the customer. The agent side agrees: an agent's last `interact` ends `"client"` when
//! the agent hung up and `"peer"` when the customer did.
//!
//! Shares: inbound calls in open hours are dropped 7% and fail to enqueue 2.4% of the
//! time (about 3% and 1% of all conversations); inbound calls, chats and messages time out
//! in queue 3% and are abandoned 7% of the time; a fifth of outbound calls and callbacks
//! find nobody.

use rand::Rng;

use super::history_gen::{Draft, DAY_MS, HOUR_MS};
use super::history_model::{metric, seg, Segment};

/// The hours (UTC) the voice lines are open, every day.
pub const OPEN_HOURS: std::ops::Range<i64> = 6..22;

impl<'g> Draft<'g> {
    /// Causes 1–3, for an inbound call: the call ends in the IVR. Returns whether it did.
    pub fn unrouted(&mut self) -> bool {
        let hour = self.start.rem_euclid(DAY_MS) / HOUR_MS;
        let roll = self.rng.random_range(0..1000);
        let (ivr_ms, exit, flow_dc, customer_dc, target) = if !OPEN_HOURS.contains(&hour) {
            let ms = self.rng.random_range(8_000..25_000);
            (ms, "FLOW_DISCONNECT", "client", "peer", None)
        } else if roll < 70 {
            let ms = self.rng.random_range(3_000..50_000);
            (ms, "DISCONNECT", "peer", "endpoint", None)
        } else if roll < 94 {
            let ms = self.rng.random_range(10_000..40_000);
            (
                ms,
                "TRANSFER_FAILED",
                "system",
                "system",
                Some(self.queue.name.as_str()),
            )
        } else {
            return false;
        };
        let end = self.start + ivr_ms;
        let mut flow = self.inbound_flow(exit, target);
        flow.transfer_type = target.map(|_| "ACD");
        self.add_flow(self.start, end, flow, flow_dc);
        let media = self.media.clone();
        let s = self.session(
            &media,
            "inbound",
            vec![seg("ivr", self.start, end, None)],
            vec![],
            customer_dc,
        );
        self.add_customer(vec![s]);
        true
    }

    /// Causes 4 and 5: the conversation waits in queue from `acd_start` and nobody takes
    /// it. Returns whether it went so; `customer` holds the customer's segments so far,
    /// its talk (here: waiting) starting at `talk_from`.
    pub fn unanswered_in_queue(
        &mut self,
        acd_start: i64,
        talk_from: i64,
        customer: &mut Vec<Segment<'g>>,
    ) -> bool {
        let roll = self.rng.random_range(0..1000);
        let queue = self.queue;
        let (end, acd_dc, customer_dc, extra, alerted) = if roll < 30 {
            // The queue's timeout: 10 to 20 minutes.
            let end = acd_start + self.rng.random_range(600_000..1_200_000);
            (end, "timeout", "timeout", vec![], vec![])
        } else if roll < 100 {
            let wait = self.rng.random_range(5_000..360_000);
            let end = acd_start + wait;
            // Agents alerted in turn, none answering, while the customer still waited.
            let mut at = acd_start + 3_000;
            let mut alerted = Vec::new();
            for _ in 0..self.rng.random_range(0..3) {
                let ring = self.rng.random_range(8_000..15_000);
                if at + ring + 1_000 > end {
                    break;
                }
                let agent = self.agent(queue, None);
                let media = self.media.clone();
                let metrics = vec![
                    metric("tAlert", ring, at + ring),
                    metric("tNotResponding", ring, at + ring),
                ];
                let s = self.session(
                    &media,
                    "inbound",
                    vec![seg("alert", at, at + ring, Some(&queue.id))],
                    metrics,
                    "noAnswerTransfer",
                );
                let p = self.participant(Some(&agent.1), Some(&agent.0), "agent", vec![s]);
                alerted.push(p);
                at += ring + self.rng.random_range(1_000..5_000);
            }
            (
                end,
                "peer",
                "endpoint",
                vec![metric("tAbandon", wait, end)],
                alerted,
            )
        } else {
            return false;
        };
        self.add_acd(queue, acd_start, end, acd_dc, extra);
        self.participants.extend(alerted);
        customer.push(seg("interact", talk_from, end, None));
        let metrics = self.messages(end - talk_from).into_iter().collect();
        let media = self.media.clone();
        let s = self.session(
            &media,
            "inbound",
            std::mem::take(customer),
            metrics,
            customer_dc,
        );
        self.add_customer(vec![s]);
        true
    }
}
