//! The generated history judged from its documents alone, the way a client reads them:
//! every channel, every unanswered cause in its exact encoding, the structure around the
//! agents, the old band past the retention limit, and determinism.

use std::collections::{BTreeMap, HashSet};

use serde_json::Value;

use super::{HistorySpec, Store};

const DAY_MS: i64 = 86_400_000;

pub(super) fn open(seed: u64) -> Store {
    let spec = HistorySpec {
        days: 3,
        daily_volume: 500,
    };
    Store::open(None, seed, spec).unwrap()
}

/// `(id, start_ms, live)` of every stored conversation.
pub(super) fn rows(store: &Store) -> Vec<(String, i64, bool)> {
    let conn = store.conn();
    let mut st = conn
        .prepare("SELECT id, start_ms, live FROM conversations ORDER BY ord")
        .unwrap();
    let rows = st
        .query_map([], |r| {
            let id = uuid::Uuid::from_slice(&r.get::<_, Vec<u8>>(0)?).unwrap();
            Ok((id.to_string(), r.get(1)?, r.get(2)?))
        })
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    rows
}

pub(super) fn doc(store: &Store, id: &str) -> Value {
    serde_json::from_str(&store.conversation_doc(id).unwrap().unwrap()).unwrap()
}

pub(super) fn list(v: &Value, key: &str) -> Vec<Value> {
    v[key].as_array().cloned().unwrap_or_default()
}

pub(super) fn with_purpose(c: &Value, purpose: &str) -> Vec<Value> {
    list(c, "participants")
        .into_iter()
        .filter(|p| p["purpose"] == purpose)
        .collect()
}

fn segments(p: &Value) -> Vec<Value> {
    list(p, "sessions")
        .iter()
        .flat_map(|s| list(s, "segments"))
        .collect()
}

fn has_segment(p: &Value, kind: &str) -> bool {
    segments(p).iter().any(|g| g["segmentType"] == kind)
}

fn last_disconnect(p: &Value) -> Value {
    segments(p)
        .last()
        .map_or(Value::Null, |g| g["disconnectType"].clone())
}

fn flows(c: &Value) -> Vec<Value> {
    list(c, "participants")
        .iter()
        .flat_map(|p| list(p, "sessions"))
        .filter_map(|s| s.get("flow").cloned())
        .collect()
}

fn metric_names(c: &Value) -> HashSet<String> {
    list(c, "participants")
        .iter()
        .flat_map(|p| list(p, "sessions"))
        .flat_map(|s| list(&s, "metrics"))
        .filter_map(|m| m["name"].as_str().map(String::from))
        .collect()
}

/// The channel a supervisor would file the conversation under.
fn channel(c: &Value) -> String {
    let customer = &with_purpose(c, "customer")[0];
    let first = &list(customer, "sessions")[0];
    let media = first["mediaType"].as_str().unwrap().to_string();
    let talked = |purpose: &str| {
        with_purpose(c, purpose)
            .iter()
            .any(|p| has_segment(p, "interact"))
    };
    if !with_purpose(c, "botflow").is_empty() {
        return if talked("agent") {
            "bot-to-agent"
        } else {
            "ai-agent-only"
        }
        .into();
    }
    let kind = first["messageType"].as_str().map_or(media, String::from);
    format!("{kind}/{}", c["originatingDirection"].as_str().unwrap())
}

/// Which of the six unanswered causes the document encodes; `None` when answered.
fn cause(c: &Value) -> Option<&'static str> {
    let talked = |purpose: &str| {
        with_purpose(c, purpose)
            .iter()
            .any(|p| has_segment(p, "interact"))
    };
    if talked("agent") || talked("botflow") {
        return None;
    }
    let customer = &with_purpose(c, "customer")[0];
    let acd = with_purpose(c, "acd");
    let exit = |reason: &str| flows(c).iter().any(|f| f["exitReason"] == reason);
    let customer_ivr_endpoint = segments(customer)
        .iter()
        .any(|g| g["segmentType"] == "ivr" && g["disconnectType"] == "endpoint");
    let agents = with_purpose(c, "agent");
    let dialed = agents
        .iter()
        .any(|a| has_segment(a, "dialing") && has_segment(a, "contacting"));
    let mut found = Vec::new();
    if acd.is_empty() && customer_ivr_endpoint && exit("DISCONNECT") {
        found.push("dropped before routing");
    }
    if exit("FLOW_DISCONNECT") && last_disconnect(customer) == "peer" {
        found.push("out of business hours");
    }
    if flows(c)
        .iter()
        .any(|f| f["exitReason"] == "TRANSFER_FAILED" && f["transferType"] == "ACD")
    {
        found.push("enqueue failed");
    }
    if acd.last().is_some_and(|a| last_disconnect(a) == "timeout") {
        found.push("queue timeout");
    }
    if acd.last().is_some_and(|a| last_disconnect(a) == "peer") {
        found.push("agent assignment failed");
    }
    if dialed && !has_segment(customer, "interact") {
        found.push("customer didn't respond");
    }
    assert_eq!(found.len(), 1, "one cause for {c}");
    Some(found[0])
}

#[test]
fn every_channel_cause_and_structure_appears() {
    let store = open(11);
    let now = super::now_ms();
    let rows = rows(&store);
    let mut channels = BTreeMap::<String, usize>::new();
    let mut causes = BTreeMap::<&str, usize>::new();
    let (mut live, mut old) = (0, 0);
    let mut seen = BTreeMap::<&str, usize>::new();
    let mut no_answer_alerts = 0;
    for (id, start, is_live) in &rows {
        let c = doc(&store, id);
        assert_eq!(c["conversationId"], id.as_str());
        if *is_live {
            assert!(c.get("conversationEnd").is_none(), "in progress: {c}");
            live += 1;
            continue;
        }
        assert!(c["conversationEnd"].is_string());
        old += usize::from(*start < now - 558 * DAY_MS);
        *channels.entry(channel(&c)).or_default() += 1;
        if let Some(k) = cause(&c) {
            *causes.entry(k).or_default() += 1;
            if k == "agent assignment failed" {
                no_answer_alerts += with_purpose(&c, "agent")
                    .iter()
                    .flat_map(segments)
                    .filter(|g| {
                        g["segmentType"] == "alert" && g["disconnectType"] == "noAnswerTransfer"
                    })
                    .count();
            }
        }
        let metrics = metric_names(&c);
        let agent_segments: Vec<Value> = with_purpose(&c, "agent")
            .iter()
            .flat_map(segments)
            .collect();
        let mut mark =
            |what: &'static str, yes: bool| *seen.entry(what).or_default() += usize::from(yes);
        mark(
            "transfer",
            metrics.contains("nBlindTransferred") || metrics.contains("nTransferred"),
        );
        mark("consult", metrics.contains("nConsult"));
        mark(
            "monitoring",
            with_purpose(&c, "user")
                .iter()
                .any(|p| has_segment(p, "monitoring")),
        );
        mark(
            "wrap-up code",
            agent_segments.iter().any(|g| g["wrapUpCode"].is_string()),
        );
        mark(
            "wrap-up note",
            agent_segments.iter().any(|g| g["wrapUpNote"].is_string()),
        );
        mark("survey", !list(&c, "surveys").is_empty());
        mark("externalTag", c["externalTag"].is_string());
        assert!(!list(&c, "divisionIds").is_empty(), "divisions: {c}");
    }
    for ch in [
        "voice/inbound",
        "voice/outbound",
        "callback/inbound",
        "chat/inbound",
        "webmessaging/inbound",
        "sms/inbound",
        "whatsapp/inbound",
        "open/inbound",
        "email/inbound",
        "email/outbound",
        "ai-agent-only",
        "bot-to-agent",
    ] {
        assert!(channels.contains_key(ch), "{ch} missing from {channels:?}");
    }
    for k in [
        "dropped before routing",
        "out of business hours",
        "enqueue failed",
        "queue timeout",
        "agent assignment failed",
        "customer didn't respond",
    ] {
        assert!(causes.contains_key(k), "{k} missing from {causes:?}");
    }
    assert!(no_answer_alerts > 0, "alerted agents who did not answer");
    for (what, n) in &seen {
        assert!(*n > 0, "no {what}");
    }
    assert_eq!(seen.len(), 7);
    assert_eq!(live, 15);
    // Two days 570 and 571 days ago at a twentieth of the daily volume.
    assert!(
        (40..=50).contains(&old),
        "{old} conversations past the retention limit"
    );
}

#[test]
fn the_same_seed_draws_the_same_documents() {
    let (a, b, other) = (open(21), open(21), open(22));
    let ended = |s: &Store| -> Vec<String> {
        rows(s)
            .into_iter()
            .filter(|r| !r.2)
            .map(|(id, _, _)| store_doc(s, &id))
            .collect()
    };
    let first = ended(&a);
    assert!(first.len() > 1_000);
    assert_eq!(first, ended(&b));
    let o = ended(&other);
    let ids = |docs: &[String]| -> HashSet<String> {
        docs.iter()
            .map(|d| serde_json::from_str::<Value>(d).unwrap()["conversationId"].to_string())
            .collect()
    };
    assert!(
        ids(&first).is_disjoint(&ids(&o)),
        "another seed, other conversations"
    );
    // Drawing again on read gives the very document read before.
    assert_eq!(first, ended(&a));
}

fn store_doc(s: &Store, id: &str) -> String {
    s.conversation_doc(id).unwrap().unwrap()
}

#[test]
fn a_later_start_tops_up_the_history_and_redraws_the_live_conversations() {
    let spec = HistorySpec {
        days: 1,
        daily_volume: 300,
    };
    let store = open_with(spec);
    let hour = 3_600_000;
    let first_now = super::now_ms();
    let later = first_now + 5 * hour;
    let before = rows(&store);
    // Reopening five hours later on the same database.
    let history = super::history::prepare(&mut store.conn(), 31, spec, later).unwrap();
    let after = rows(&store);
    let ended = |r: &[(String, i64, bool)]| -> HashSet<String> {
        r.iter().filter(|x| !x.2).map(|x| x.0.clone()).collect()
    };
    let (old, new) = (ended(&before), ended(&after));
    assert!(old.is_subset(&new), "nothing ended is lost");
    assert!(new.len() > old.len(), "the five hours are added");
    let live = |r: &[(String, i64, bool)]| -> HashSet<String> {
        r.iter().filter(|x| x.2).map(|x| x.0.clone()).collect()
    };
    assert_eq!(live(&after).len(), 15);
    assert!(
        live(&before).is_disjoint(&live(&after)),
        "live ones redrawn"
    );
    // Every added conversation ended between the two anchors, as a fresh database
    // generated at the later time would hold it.
    let anchor = |now: i64| now / hour * hour;
    for id in new.difference(&old) {
        let ord = store.conversation_ord(id).unwrap().unwrap();
        let c = history
            .generator
            .conversation(super::history::key_of(ord, later));
        let end = c.conversation_end.unwrap();
        assert!(end >= anchor(first_now) && end < anchor(later), "{id}");
    }
}

fn open_with(spec: HistorySpec) -> Store {
    Store::open(None, 31, spec).unwrap()
}
