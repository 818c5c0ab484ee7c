//! Every state and reason of the list, from conversations shaped as the platform sends them.

use super::*;
use serde::Deserialize;
use serde_json::{json, Value};
use std::borrow::Cow;

/// A conversation from JSON, its strings owned (a `Value` lends none).
fn from_json(c: Value) -> AnalyticsConversation<'static> {
    AnalyticsConversation::deserialize(c).unwrap()
}

const T0: &str = "2026-11-20T10:00:00.000Z";
const T1: &str = "2026-11-20T10:01:00.000Z";
const T2: &str = "2026-11-20T10:05:00.000Z";
const T3: &str = "2026-11-20T10:06:00.000Z";

fn seg(kind: &str, disconnect: Option<&str>) -> Value {
    let mut s = json!({"segmentType": kind, "segmentStart": T1, "segmentEnd": T2});
    if let Some(d) = disconnect {
        s["disconnectType"] = json!(d);
    }
    s
}

fn customer(media: &str, segments: Vec<Value>) -> Value {
    json!({"purpose": "customer", "participantName": "Olivia Smith", "sessions": [{
        "mediaType": media, "direction": "inbound", "ani": "tel:+13175550142",
        "dnis": "tel:+13175550100", "segments": segments}]})
}

fn ivr(exit: &str) -> Value {
    json!({"purpose": "ivr", "participantName": "Main IVR", "sessions": [{
        "mediaType": "voice", "flow": {"flowName": "Main IVR", "exitReason": exit},
        "segments": [seg("ivr", Some("transfer"))]}]})
}

fn acd(last_disconnect: &str) -> Value {
    json!({"purpose": "acd", "participantName": "Support Tier 1", "sessions": [{
        "mediaType": "voice", "segments": [{"segmentType": "interact", "queueId": "q1",
        "segmentStart": T1, "segmentEnd": T2, "disconnectType": last_disconnect}]}]})
}

fn agent(name: &str, user: &str, segments: Vec<Value>) -> Value {
    json!({"purpose": "agent", "participantName": name, "userId": user,
           "sessions": [{"mediaType": "voice", "segments": segments}]})
}

fn conv(direction: &str, ended: bool, participants: Vec<Value>) -> AnalyticsConversation<'static> {
    let mut c = json!({"conversationId": "c-1", "conversationStart": T0,
                       "originatingDirection": direction, "participants": participants});
    if ended {
        c["conversationEnd"] = json!(T3);
    }
    from_json(c)
}

fn names() -> Names {
    Names {
        queues: [("q1".to_string(), "Support Tier 1".to_string())].into(),
        wrap_up_codes: [("w1".to_string(), "Billing question".to_string())].into(),
    }
}

fn row(c: &AnalyticsConversation) -> InteractionRow {
    summarize(c, &names(), 0).unwrap().row
}

fn reason(c: &AnalyticsConversation) -> Option<UnansweredReason> {
    let r = row(c);
    assert_eq!(r.state == InteractionState::Unanswered, r.reason.is_some());
    r.reason
}

#[test]
fn an_answered_call_names_agent_queue_disposition_and_who_hung_up() {
    let mut wrap = seg("wrapup", Some("client"));
    wrap["wrapUpCode"] = json!("w1");
    wrap["wrapUpNote"] = json!("Refund issued");
    let mut talk = seg("interact", Some("peer"));
    talk["queueId"] = json!("q1");
    let c = conv(
        "inbound",
        true,
        vec![
            customer("voice", vec![seg("interact", Some("endpoint"))]),
            acd("transfer"),
            agent("Maya Chen", "u1", vec![seg("alert", None), talk, wrap]),
        ],
    );
    let s = summarize(&c, &names(), 0).unwrap();
    let r = &s.row;
    assert_eq!(r.state, InteractionState::Answered);
    assert_eq!(r.reason, None);
    assert_eq!(r.agent_name.as_deref(), Some("Maya Chen"));
    assert!(!r.is_ai_agent);
    assert_eq!(r.queue_name.as_deref(), Some("Support Tier 1"));
    assert_eq!(r.disposition.as_deref(), Some("Billing question"));
    assert_eq!(r.wrap_up_note.as_deref(), Some("Refund issued"));
    assert_eq!(r.hangup_source, Some(HangupSource::Customer));
    assert_eq!(r.contact.as_deref(), Some("+13175550142"));
    assert_eq!(r.contact_center_number.as_deref(), Some("+13175550100"));
    assert_eq!(r.duration_ms, 6 * 60_000);
    assert_eq!(r.channel, Channel::Voice);
    assert_eq!(s.user_ids, vec!["u1"]);
    assert_eq!(s.queue_ids, vec!["q1"]);
    assert_eq!(s.wrap_up_code_ids, vec!["w1"]);
}

#[test]
fn a_conversation_without_an_end_is_live_and_counts_its_duration_to_now() {
    let c = conv(
        "inbound",
        false,
        vec![customer("voice", vec![seg("interact", None)])],
    );
    let now = millis(T3).unwrap();
    let r = summarize(&c, &names(), now).unwrap().row;
    assert_eq!(r.state, InteractionState::Live);
    assert_eq!(r.reason, None);
    assert_eq!(r.hangup_source, None);
    assert_eq!(r.duration_ms, 6 * 60_000);
}

#[test]
fn the_customer_hanging_up_in_the_ivr_is_dropped_before_routing() {
    let c = conv(
        "inbound",
        true,
        vec![
            customer("voice", vec![seg("ivr", Some("endpoint"))]),
            ivr("DISCONNECT"),
        ],
    );
    assert_eq!(reason(&c), Some(UnansweredReason::DroppedBeforeRouting));
    assert_eq!(row(&c).hangup_source, Some(HangupSource::Customer));
}

#[test]
fn the_flow_hanging_up_is_out_of_business_hours() {
    let c = conv(
        "inbound",
        true,
        vec![
            customer("voice", vec![seg("ivr", Some("peer"))]),
            ivr("FLOW_DISCONNECT"),
        ],
    );
    assert_eq!(reason(&c), Some(UnansweredReason::OutOfBusinessHours));
    assert_eq!(row(&c).hangup_source, Some(HangupSource::System));
}

#[test]
fn a_failed_transfer_to_the_queue_is_enqueue_failed() {
    let c = conv(
        "inbound",
        true,
        vec![
            customer("voice", vec![seg("ivr", Some("system"))]),
            ivr("TRANSFER_FAILED"),
        ],
    );
    assert_eq!(reason(&c), Some(UnansweredReason::EnqueueFailed));
}

#[test]
fn a_queue_ending_in_timeout_is_queue_timeout() {
    let c = conv(
        "inbound",
        true,
        vec![
            customer("voice", vec![seg("interact", Some("peer"))]),
            ivr("TRANSFER"),
            acd("timeout"),
        ],
    );
    assert_eq!(reason(&c), Some(UnansweredReason::QueueTimeout));
}

#[test]
fn leaving_the_queue_or_agents_not_answering_is_agent_assignment_failed() {
    let abandoned = conv(
        "inbound",
        true,
        vec![
            customer("voice", vec![seg("interact", Some("endpoint"))]),
            acd("peer"),
        ],
    );
    assert_eq!(
        reason(&abandoned),
        Some(UnansweredReason::AgentAssignmentFailed)
    );
    let not_answered = conv(
        "inbound",
        true,
        vec![
            customer("voice", vec![seg("interact", Some("endpoint"))]),
            acd("peer"),
            agent(
                "Maya Chen",
                "u1",
                vec![seg("alert", Some("noAnswerTransfer"))],
            ),
        ],
    );
    let r = row(&not_answered);
    assert_eq!(r.reason, Some(UnansweredReason::AgentAssignmentFailed));
    assert_eq!(r.agent_name, None, "an alerted agent did not handle it");
}

#[test]
fn an_outbound_dial_the_customer_never_picked_up_is_customer_did_not_respond() {
    let c = conv(
        "outbound",
        true,
        vec![
            customer("voice", vec![seg("contacting", Some("endpoint"))]),
            agent(
                "Maya Chen",
                "u1",
                vec![seg("dialing", None), seg("contacting", Some("timeout"))],
            ),
        ],
    );
    let r = row(&c);
    assert_eq!(r.reason, Some(UnansweredReason::CustomerDidNotRespond));
    assert_eq!(r.direction, Direction::Outbound);
    assert_eq!(
        r.contact.as_deref(),
        Some("+13175550100"),
        "outbound: the customer is the dialed number"
    );
}

#[test]
fn an_ai_agent_alone_answers_and_is_marked_as_such() {
    let bot = json!({"purpose": "botflow", "participantName": "Ava – Billing assistant",
        "sessions": [{"mediaType": "message", "messageType": "webmessaging",
                      "flow": {"flowType": "DIGITALBOT"}, "segments": [seg("interact", Some("client"))]}]});
    let c = conv(
        "inbound",
        true,
        vec![
            customer("message", vec![seg("interact", Some("peer"))]),
            bot,
        ],
    );
    let r = row(&c);
    assert_eq!(r.state, InteractionState::Answered);
    assert!(r.is_ai_agent);
    assert_eq!(r.agent_name.as_deref(), Some("Ava – Billing assistant"));
    assert_eq!(r.hangup_source, Some(HangupSource::Agent));
}

#[test]
fn a_monitoring_supervisor_neither_answers_nor_handles() {
    let monitor = json!({"purpose": "user", "participantName": "Sam Rivera", "userId": "sup",
        "sessions": [{"mediaType": "voice", "monitoredParticipantId": "p-agent",
                      "segments": [seg("monitoring", Some("client"))]}]});
    let c = conv(
        "inbound",
        true,
        vec![
            customer("voice", vec![seg("interact", Some("endpoint"))]),
            acd("peer"),
            monitor,
        ],
    );
    assert_eq!(reason(&c), Some(UnansweredReason::AgentAssignmentFailed));
}

#[test]
fn after_a_transfer_the_last_agent_and_their_queue_are_shown() {
    let mut first = seg("interact", Some("transfer"));
    first["queueId"] = json!("q1");
    let mut second = seg("interact", Some("client"));
    second["segmentStart"] = json!(T2);
    second["queueId"] = json!("q2");
    let c = conv(
        "inbound",
        true,
        vec![
            customer("voice", vec![seg("interact", Some("peer"))]),
            agent("Maya Chen", "u1", vec![first]),
            agent("Leo Park", "u2", vec![second]),
        ],
    );
    let s = summarize(&c, &names(), 0).unwrap();
    assert_eq!(s.row.agent_name.as_deref(), Some("Leo Park"));
    assert_eq!(
        s.row.queue_name.as_deref(),
        Some("q2"),
        "an unknown queue shows its id"
    );
    assert_eq!(s.queue_ids, vec!["q1", "q2"]);
    assert_eq!(s.user_ids, vec!["u1", "u2"]);
}

#[test]
fn channels_fold_media_and_message_types() {
    let cases = [
        ("chat", None, Channel::Chat),
        ("email", None, Channel::Email),
        ("message", Some("webmessaging"), Channel::WebMessaging),
        ("message", Some("sms"), Channel::Sms),
        ("message", Some("whatsapp"), Channel::Whatsapp),
        ("message", Some("open"), Channel::OpenMessaging),
        ("callback", None, Channel::Callback),
    ];
    for (media, message_type, expected) in cases {
        let mut cust = customer(media, vec![seg("interact", Some("endpoint"))]);
        if let Some(t) = message_type {
            cust["sessions"][0]["messageType"] = json!(t);
        }
        assert_eq!(row(&conv("inbound", true, vec![cust])).channel, expected);
    }
}

#[test]
fn csat_is_the_survey_score_in_stars_and_ticket_id_the_external_tag() {
    let mut c = json!({"conversationId": "c-1", "conversationStart": T0, "conversationEnd": T3,
        "externalTag": "TCK-104233", "participants": [],
        "surveys": [{"surveyStatus": "Finished", "oSurveyTotalScore": 80}]});
    let r = row(&from_json(c.clone()));
    assert_eq!(r.csat, Some(4));
    assert_eq!(r.ticket_id.as_deref(), Some("TCK-104233"));
    c["conversationStart"] = json!("yesterday");
    let err = summarize(&from_json(c), &names(), 0).unwrap_err();
    assert!(err.to_string().contains("conversationStart"), "{err}");
}

#[test]
fn strings_with_escapes_are_read_whole_from_the_bytes() {
    // Plain strings are borrowed from the response; escaped ones must be unescaped.
    let body = br#"{"conversations": [{"conversationId": "c-1",
        "conversationStart": "2026-11-20T10:00:00.000Z",
        "participants": [{"purpose": "customer", "participantName": "Zo\u00eb \"Zee\" O'Neil",
            "sessions": [{"mediaType": "voice", "ani": "tel:+13175550142"}]}]}],
        "totalHits": 1}"#;
    let page: crate::genesys::analytics_wire::ConversationPage<'_> =
        crate::genesys::client::decode(body).unwrap();
    assert_eq!(page.total_hits, Some(1));
    let customer = &page.conversations[0].participants[0];
    let session = &customer.sessions[0];
    assert!(matches!(session.ani.as_ref().unwrap().0, Cow::Borrowed(_)));
    assert!(matches!(customer.purpose.0, Cow::Borrowed(_)));
    assert!(matches!(
        customer.participant_name.as_ref().unwrap().0,
        Cow::Owned(_)
    ));
    let r = summarize(&page.conversations[0], &names(), 0).unwrap().row;
    assert_eq!(r.customer_name.as_deref(), Some("Zoë \"Zee\" O'Neil"));
    assert_eq!(r.contact.as_deref(), Some("+13175550142"));
    assert_eq!(r.id, "c-1");
}
