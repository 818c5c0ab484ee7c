//! The details around the documents: agent metrics against their segments, survey
//! scores, and the extras (transcripts, recordings, AI-agent usage) against the
//! conversation they belong to.

use std::collections::BTreeMap;

use serde_json::Value;

use super::history_tests::{doc, list, open, rows, with_purpose};
use super::{HistorySpec, Store};

fn ms(v: &Value) -> i64 {
    chrono::DateTime::parse_from_rfc3339(v.as_str().unwrap())
        .unwrap()
        .timestamp_millis()
}

/// The sum of the spans of `kind` segments of one session.
fn span_sum(s: &Value, kind: &str) -> i64 {
    list(s, "segments")
        .iter()
        .filter(|g| g["segmentType"] == kind)
        .map(|g| ms(&g["segmentEnd"]) - ms(&g["segmentStart"]))
        .sum()
}

#[test]
fn agent_metrics_agree_with_their_segments() {
    let store = open(41);
    let mut checked = 0;
    for (id, _, live) in rows(&store) {
        if live {
            continue;
        }
        let c = doc(&store, &id);
        for p in with_purpose(&c, "agent") {
            for s in list(&p, "sessions") {
                let m: BTreeMap<String, i64> = list(&s, "metrics")
                    .iter()
                    .map(|m| {
                        (
                            m["name"].as_str().unwrap().to_string(),
                            m["value"].as_i64().unwrap(),
                        )
                    })
                    .collect();
                let Some(handle) = m.get("tHandle") else {
                    continue;
                };
                let talk = span_sum(&s, "interact");
                let held = span_sum(&s, "hold");
                let acw = span_sum(&s, "wrapup");
                assert_eq!(m.get("tTalk"), Some(&talk), "tTalk in {c}");
                assert_eq!(m.get("tHeld").copied().unwrap_or(0), held, "tHeld in {c}");
                assert_eq!(m.get("tAcw").copied().unwrap_or(0), acw, "tAcw in {c}");
                assert_eq!(*handle, talk + held + acw, "tHandle in {c}");
                checked += 1;
            }
        }
        for s in list(&c, "surveys") {
            let score = s["oSurveyTotalScore"].as_i64().unwrap();
            assert!(
                [20, 40, 60, 80, 100].contains(&score),
                "CSAT 1–5 as a percentage"
            );
        }
    }
    assert!(checked > 500, "{checked} agent sessions");
}

#[test]
fn extras_follow_the_conversation() {
    let spec = HistorySpec {
        days: 1,
        daily_volume: 200,
    };
    let store = Store::open(None, 5, spec).unwrap();
    let ids: Vec<(String, i64)> = {
        let conn = store.conn();
        let mut st = conn.prepare("SELECT id, ord FROM conversations").unwrap();
        let rows = st
            .query_map([], |r| {
                Ok((
                    uuid::Uuid::from_slice(&r.get::<_, Vec<u8>>(0)?)
                        .unwrap()
                        .to_string(),
                    r.get(1)?,
                ))
            })
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        rows
    };
    assert!(ids.len() > 100);
    let (mut transcripts, mut recordings, mut bots) = (0, 0, 0);
    for (id, _) in &ids {
        let x = store
            .conversation_extras(id)
            .unwrap()
            .expect("a stored conversation");
        assert_eq!(&x.conversation_id, id);
        let doc: serde_json::Value =
            serde_json::from_str(&store.conversation_doc(id).unwrap().unwrap()).unwrap();
        let start =
            chrono::DateTime::parse_from_rfc3339(doc["conversationStart"].as_str().unwrap())
                .unwrap()
                .timestamp_millis();
        let end = doc["conversationEnd"].as_str().map(|e| {
            chrono::DateTime::parse_from_rfc3339(e)
                .unwrap()
                .timestamp_millis()
        });
        for (i, p) in x.transcript.iter().enumerate() {
            assert!(p.offset_ms >= 0 && p.duration_ms > 0 && (-1..=1).contains(&p.sentiment));
            if let Some(end) = end {
                assert!(start + p.offset_ms + p.duration_ms <= end);
            }
            assert_eq!(
                p.participant_purpose,
                if i % 2 == 0 { "internal" } else { "external" }
            );
        }
        transcripts += usize::from(!x.transcript.is_empty());
        if let Some(r) = &x.recording {
            assert_eq!((r.channels, r.left_channel), (2, "customer"));
            assert!(r.duration_ms > 0 && [8_000, 48_000].contains(&r.sample_rate));
            recordings += 1;
        }
        if let Some(a) = &x.ai_agent {
            assert!(a.billable_messages > 0 && a.cost > 0.0);
            bots += 1;
        }
        if let Some(s) = x.sentiment_score {
            assert!((-1.0..=1.0).contains(&s));
        }
        assert_eq!(x.survey_comment.is_some(), doc.get("surveys").is_some());
        assert_eq!(
            x,
            store.conversation_extras(id).unwrap().unwrap(),
            "extras are stable"
        );
    }
    assert!(
        transcripts > 50 && recordings > 30 && bots > 0,
        "{transcripts} {recordings} {bots}"
    );
    assert!(store
        .conversation_extras("00000000-0000-4000-8000-000000000000")
        .unwrap()
        .is_none());
}
