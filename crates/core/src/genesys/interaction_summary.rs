//! Turns an analytics conversation into a row of the Interactions list: who, which
//! channel, answered or not and why, who hung up.
//!
//! Why an interaction went unanswered is read from the structure of its segments, in this
//! order (the first rule that holds wins):
//! 1. An agent dialed (a `dialing`/`contacting` segment) on an outbound interaction or a
//!    callback and the customer never had an `interact` segment: *customer didn't respond*.
//! 2. The IVR flow's `exitReason` is `TRANSFER_FAILED`: *enqueue failed (queue full)*.
//! 3. It reached a queue (an `acd` participant) whose last segment ended with `timeout`:
//!    *queue timeout*; any other end in queue: *agent assignment failed* (no agent was
//!    connected before the customer left, including agents alerted who did not answer).
//! 4. It never reached a queue and the flow hung up (`exitReason` `FLOW_DISCONNECT`):
//!    *out of business hours*; otherwise the customer hung up in the IVR: *dropped before
//!    routing*.
//!
//! Answered means an agent (or an AI agent, a `botflow` participant) had an `interact`
//! segment; a monitoring supervisor does not answer anything.

use std::collections::HashMap;

use chrono::DateTime;

use super::analytics_wire::{AnalyticsConversation, AnalyticsParticipant, AnalyticsSession, Text};
use crate::interactions::{
    Channel, Direction, HangupSource, InteractionRow, InteractionState, InteractionSummary,
    UnansweredReason,
};

/// Names of the organization's queues and wrap-up codes, by id.
#[derive(Debug, Clone, Default)]
pub struct Names {
    pub queues: HashMap<String, String>,
    pub wrap_up_codes: HashMap<String, String>,
}

/// Why a conversation cannot be listed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("conversation {id}: {problem}")]
pub struct Unreadable {
    pub id: String,
    pub problem: String,
}

fn millis(at: &str) -> Option<i64> {
    DateTime::parse_from_rfc3339(at)
        .ok()
        .map(|t| t.timestamp_millis())
}

fn strip_tel(address: &str) -> String {
    address.strip_prefix("tel:").unwrap_or(address).to_string()
}

fn channel_of(session: &AnalyticsSession) -> Channel {
    match &*session.media_type {
        "callback" => Channel::Callback,
        "chat" => Channel::Chat,
        "email" => Channel::Email,
        "message" => match session.message_type.as_deref() {
            Some("webmessaging") => Channel::WebMessaging,
            Some("sms") => Channel::Sms,
            Some("whatsapp") => Channel::Whatsapp,
            _ => Channel::OpenMessaging,
        },
        _ => Channel::Voice,
    }
}

fn is_monitoring(s: &AnalyticsSession) -> bool {
    s.monitored_participant_id.is_some()
        || s.segments.iter().any(|g| g.segment_type == "monitoring")
}

/// The start of the participant's last `interact` segment outside monitoring sessions.
fn last_interact(p: &AnalyticsParticipant) -> Option<i64> {
    p.sessions
        .iter()
        .filter(|s| !is_monitoring(s))
        .flat_map(|s| &s.segments)
        .filter(|g| g.segment_type == "interact")
        .map(|g| g.segment_start.as_deref().and_then(millis).unwrap_or(0))
        .max()
}

fn flow_exit(conv: &AnalyticsConversation, reason: &str) -> bool {
    conv.participants
        .iter()
        .flat_map(|p| &p.sessions)
        .filter_map(|s| s.flow.as_ref())
        .any(|f| f.exit_reason.as_deref() == Some(reason))
}

fn unanswered_reason(conv: &AnalyticsConversation, outbound: bool) -> UnansweredReason {
    let dialed = conv
        .participants
        .iter()
        .filter(|p| p.purpose == "agent")
        .flat_map(|p| &p.sessions)
        .flat_map(|s| &s.segments)
        .any(|g| g.segment_type == "dialing" || g.segment_type == "contacting");
    let callback = conv
        .participants
        .iter()
        .flat_map(|p| &p.sessions)
        .any(|s| s.media_type == "callback");
    if dialed && (outbound || callback) {
        return UnansweredReason::CustomerDidNotRespond;
    }
    if flow_exit(conv, "TRANSFER_FAILED") {
        return UnansweredReason::EnqueueFailed;
    }
    let acd_ends: Vec<_> = conv
        .participants
        .iter()
        .filter(|p| p.purpose == "acd")
        .filter_map(|p| p.sessions.iter().flat_map(|s| &s.segments).next_back())
        .collect();
    if let Some(last) = acd_ends.last() {
        return if last.disconnect_type.as_deref() == Some("timeout") {
            UnansweredReason::QueueTimeout
        } else {
            UnansweredReason::AgentAssignmentFailed
        };
    }
    if flow_exit(conv, "FLOW_DISCONNECT") {
        UnansweredReason::OutOfBusinessHours
    } else {
        UnansweredReason::DroppedBeforeRouting
    }
}

fn hangup_source(customer: Option<&AnalyticsSession>, answered: bool) -> Option<HangupSource> {
    let last = customer?.segments.last()?;
    Some(match last.disconnect_type.as_deref()? {
        "endpoint" | "client" => HangupSource::Customer,
        "peer" if answered => HangupSource::Agent,
        _ => HangupSource::System,
    })
}

/// The customer's contact and our number or address, by channel and direction.
fn addresses(s: &AnalyticsSession, outbound: bool) -> (Option<String>, Option<String>) {
    let (theirs, ours) = match &*s.media_type {
        "voice" | "callback" => (s.ani.as_deref(), s.dnis.as_deref()),
        _ => (s.address_from.as_deref(), s.address_to.as_deref()),
    };
    let (theirs, ours) = if outbound {
        (ours, theirs)
    } else {
        (theirs, ours)
    };
    (
        theirs
            .map(strip_tel)
            .or_else(|| owned(&s.remote_name_displayable)),
        ours.map(strip_tel),
    )
}

fn owned(text: &Option<Text<'_>>) -> Option<String> {
    text.as_deref().map(str::to_string)
}

fn push_unique(list: &mut Vec<String>, value: &str) {
    if !list.iter().any(|v| v == value) {
        list.push(value.to_string());
    }
}

/// The list's row for `conv`; `now_ms` measures a live interaction's duration so far.
pub fn summarize(
    conv: &AnalyticsConversation,
    names: &Names,
    now_ms: i64,
) -> Result<InteractionSummary, Unreadable> {
    let unreadable = |problem: &str| Unreadable {
        id: conv.conversation_id.to_string(),
        problem: problem.to_string(),
    };
    if conv.conversation_id.is_empty() {
        return Err(unreadable("no conversationId"));
    }
    let start =
        millis(&conv.conversation_start).ok_or_else(|| unreadable("no valid conversationStart"))?;
    let end = conv.conversation_end.as_deref().and_then(millis);
    let outbound = conv.originating_direction.as_deref() == Some("outbound");

    let customer = conv
        .participants
        .iter()
        .find(|p| p.purpose == "customer" || p.purpose == "external");
    let customer_session = customer.and_then(|p| p.sessions.first());
    let any_session = customer_session.or_else(|| {
        conv.participants
            .iter()
            .flat_map(|p| p.sessions.first())
            .next()
    });
    let has_callback = conv
        .participants
        .iter()
        .flat_map(|p| &p.sessions)
        .any(|s| s.media_type == "callback");
    let channel = if has_callback {
        Channel::Callback
    } else {
        any_session.map(channel_of).unwrap_or(Channel::Voice)
    };

    let handler = conv
        .participants
        .iter()
        .filter(|p| p.purpose == "agent")
        .filter_map(|p| last_interact(p).map(|at| (at, p)))
        .max_by_key(|(at, _)| *at)
        .map(|(_, p)| (p, false))
        .or_else(|| {
            conv.participants
                .iter()
                .rfind(|p| p.purpose == "botflow" && last_interact(p).is_some())
                .map(|p| (p, true))
        });

    let mut queue_ids = Vec::new();
    let mut user_ids = Vec::new();
    let mut wrap_up_code_ids = Vec::new();
    let mut wrap_up = (None, None);
    let mut handler_queue = None;
    for p in &conv.participants {
        if let Some(u) = &p.user_id {
            push_unique(&mut user_ids, u);
        }
        for g in p.sessions.iter().flat_map(|s| &s.segments) {
            if let Some(q) = &g.queue_id {
                push_unique(&mut queue_ids, q);
                if handler.is_some_and(|(h, _)| std::ptr::eq(h, p)) {
                    handler_queue = Some(q.to_string());
                }
            }
            if let Some(code) = &g.wrap_up_code {
                push_unique(&mut wrap_up_code_ids, code);
                wrap_up = (Some(code.to_string()), owned(&g.wrap_up_note));
            } else if g.segment_type == "wrapup" && g.wrap_up_note.is_some() {
                wrap_up.1 = owned(&g.wrap_up_note);
            }
        }
    }
    let acd_name = conv
        .participants
        .iter()
        .rfind(|p| p.purpose == "acd")
        .and_then(|p| owned(&p.participant_name));
    let queue_id = handler_queue.or_else(|| queue_ids.last().cloned());
    let queue_name = queue_id
        .as_ref()
        .and_then(|q| names.queues.get(q).cloned())
        .or(acd_name)
        .or(queue_id);

    let state = match (end, handler) {
        (None, _) => InteractionState::Live,
        (Some(_), Some(_)) => InteractionState::Answered,
        (Some(_), None) => InteractionState::Unanswered,
    };
    let reason = (state == InteractionState::Unanswered).then(|| unanswered_reason(conv, outbound));
    let (contact, contact_center_number) = customer_session
        .map(|s| addresses(s, outbound))
        .unwrap_or_default();
    let customer_name = customer
        .and_then(|p| owned(&p.participant_name))
        .or_else(|| customer_session.and_then(|s| owned(&s.remote_name_displayable)));
    let csat = conv
        .surveys
        .iter()
        .filter_map(|s| s.o_survey_total_score)
        .next_back()
        .map(|score| (score / 20.0).round().clamp(1.0, 5.0) as u8);

    let row = InteractionRow {
        id: conv.conversation_id.to_string(),
        start,
        end,
        duration_ms: end.unwrap_or(now_ms).saturating_sub(start).max(0),
        channel,
        direction: if outbound {
            Direction::Outbound
        } else {
            Direction::Inbound
        },
        customer_name,
        contact,
        contact_center_number,
        agent_name: handler.and_then(|(p, _)| owned(&p.participant_name)),
        is_ai_agent: handler.is_some_and(|(_, ai)| ai),
        queue_name,
        disposition: wrap_up
            .0
            .as_ref()
            .map(|c| names.wrap_up_codes.get(c).cloned().unwrap_or(c.clone())),
        wrap_up_note: wrap_up.1.filter(|n| !n.is_empty()),
        state,
        reason,
        ticket_id: owned(&conv.external_tag).filter(|t| !t.is_empty()),
        csat,
        hangup_source: end.and(hangup_source(customer_session, handler.is_some())),
        sentiment: None,
    };
    Ok(InteractionSummary {
        row,
        queue_ids,
        user_ids,
        wrap_up_code_ids,
    })
}

#[cfg(test)]
#[path = "interaction_summary_tests.rs"]
mod tests;
