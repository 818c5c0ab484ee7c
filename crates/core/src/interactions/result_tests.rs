use super::*;
use crate::interactions::testing::{any_time, newest_first, summary};
use crate::interactions::{Channel, ColumnId, InteractionState, UnansweredReason};

fn ids(set: &ResultSet) -> Vec<String> {
    set.window(0, usize::MAX)
        .into_iter()
        .map(|r| r.id)
        .collect()
}

#[test]
fn sorts_by_any_column_with_missing_values_last_both_ways() {
    let mut set = ResultSet::new(any_time(), newest_first());
    let mut a = summary("a", 1);
    a.row.csat = Some(3);
    let mut b = summary("b", 2);
    b.row.csat = Some(5);
    let c = summary("c", 3);
    set.upsert([a, b, c]);
    let by_csat = |descending| SortSpec {
        column: ColumnId::Csat,
        descending,
    };
    set.arrange(by_csat(false), "");
    assert_eq!(ids(&set), ["a", "b", "c"]);
    set.arrange(by_csat(true), "");
    assert_eq!(ids(&set), ["b", "a", "c"]);
    set.arrange(newest_first(), "");
    assert_eq!(ids(&set), ["c", "b", "a"]);
}

#[test]
fn text_matches_id_customer_and_contact_ignoring_case() {
    let mut set = ResultSet::new(any_time(), newest_first());
    let mut a = summary("abc-1", 1);
    a.row.customer_name = Some("Maria Lopez".into());
    let mut b = summary("def-2", 2);
    b.row.contact = Some("+15550100".into());
    set.upsert([a, b, summary("ghi-3", 3)]);
    set.arrange(newest_first(), "LOPEZ");
    assert_eq!(ids(&set), ["abc-1"]);
    set.arrange(newest_first(), "5550");
    assert_eq!(ids(&set), ["def-2"]);
    set.arrange(newest_first(), "GHI");
    assert_eq!(ids(&set), ["ghi-3"]);
    set.arrange(newest_first(), "");
    assert_eq!(set.count(), 3);
}

#[test]
fn local_filters_apply_state_reason_csat_channel_and_ids() {
    let mut f = any_time();
    f.states = vec![InteractionState::Unanswered];
    f.reasons = vec![UnansweredReason::QueueTimeout];
    f.channels = vec![Channel::Voice];
    f.queue_ids = vec!["q1".into()];
    let mut set = ResultSet::new(f, newest_first());

    let mut hit = summary("hit", 1);
    hit.row.state = InteractionState::Unanswered;
    hit.row.reason = Some(UnansweredReason::QueueTimeout);
    hit.queue_ids = vec!["q0".into(), "q1".into()];
    let mut other_reason = hit.clone();
    other_reason.row.id = "other-reason".into();
    other_reason.row.reason = Some(UnansweredReason::EnqueueFailed);
    let mut other_queue = hit.clone();
    other_queue.row.id = "other-queue".into();
    other_queue.queue_ids = vec!["q2".into()];
    let mut sms = hit.clone();
    sms.row.id = "sms".into();
    sms.row.channel = Channel::Sms;

    assert_eq!(set.upsert([hit, other_reason, other_queue, sms]), 1);
    set.rearrange();
    assert_eq!(ids(&set), ["hit"]);
}

#[test]
fn csat_range_excludes_unscored_rows() {
    let mut f = any_time();
    f.csat_min = Some(1);
    f.csat_max = Some(2);
    let mut set = ResultSet::new(f, newest_first());
    let mut low = summary("low", 1);
    low.row.csat = Some(2);
    let mut high = summary("high", 2);
    high.row.csat = Some(4);
    set.upsert([low, high, summary("none", 3)]);
    set.rearrange();
    assert_eq!(ids(&set), ["low"]);
}

#[test]
fn an_upsert_replaces_a_row_and_drops_one_that_stopped_matching() {
    let mut f = any_time();
    f.states = vec![InteractionState::Live];
    let mut set = ResultSet::new(f, newest_first());
    let mut live = summary("x", 1);
    live.row.state = InteractionState::Live;
    set.upsert([live.clone(), summary("y", 2)]);
    set.rearrange();
    assert_eq!(ids(&set), ["x"]);
    let before = set.revision();

    let mut ended = live;
    ended.row.state = InteractionState::Answered;
    set.upsert([ended]);
    set.rearrange();
    assert!(ids(&set).is_empty());
    assert!(set.revision() > before);
}

#[test]
fn windows_read_the_arranged_order() {
    let mut set = ResultSet::new(any_time(), newest_first());
    set.upsert((0..10).map(|i| summary(&format!("r{i}"), i)));
    set.rearrange();
    let w: Vec<String> = set.window(2, 3).into_iter().map(|r| r.id).collect();
    assert_eq!(w, ["r7", "r6", "r5"]);
    assert!(set.window(20, 5).is_empty());
}

#[test]
fn removed_ids_leave_the_set() {
    let mut set = ResultSet::new(any_time(), newest_first());
    set.upsert([summary("a", 1), summary("b", 2)]);
    set.remove_ids(&std::collections::HashSet::from(["a".to_string()]));
    set.rearrange();
    assert_eq!(ids(&set), ["b"]);
    assert!(!set.contains("a"));
}

#[test]
fn the_arranged_text_replaces_the_one_the_view_opened_with() {
    let mut f = any_time();
    f.text = "abc".into();
    let mut set = ResultSet::new(f, newest_first());
    set.upsert([summary("abc-1", 1), summary("xyz-2", 2)]);
    set.rearrange();
    assert_eq!(ids(&set), ["abc-1"]);
    set.arrange(newest_first(), "");
    assert_eq!(ids(&set), ["xyz-2", "abc-1"]);
}

#[test]
fn negative_numbers_and_text_sort_in_both_directions() {
    let mut set = ResultSet::new(any_time(), newest_first());
    let mut a = summary("a", 1);
    a.row.sentiment = Some(-0.5);
    a.row.agent_name = Some("bea".into());
    let mut b = summary("b", 2);
    b.row.sentiment = Some(0.3);
    b.row.agent_name = Some("Anna".into());
    let mut c = summary("c", 3);
    c.row.agent_name = Some("anna".into());
    set.upsert([a, b, c]);
    let by = |column, descending| SortSpec { column, descending };
    set.arrange(by(ColumnId::Sentiment, false), "");
    assert_eq!(ids(&set), ["a", "b", "c"]);
    set.arrange(by(ColumnId::Sentiment, true), "");
    assert_eq!(ids(&set), ["b", "a", "c"]);
    // Case does not split equal names; ties go newest first.
    set.arrange(by(ColumnId::AgentName, false), "");
    assert_eq!(ids(&set)[2], "a");
    set.arrange(by(ColumnId::AgentName, true), "");
    assert_eq!(ids(&set)[0], "a");
    // Narrowing by text keeps the sort.
    set.arrange(by(ColumnId::AgentName, true), "b");
    assert_eq!(ids(&set), ["b"]);
}

#[test]
fn only_rows_not_held_as_they_are_are_reported_as_changes() {
    let mut f = any_time();
    f.states = vec![InteractionState::Answered];
    let mut set = ResultSet::new(f, newest_first());
    set.upsert([summary("same", 1), summary("edited", 2)]);

    let mut edited = summary("edited", 2);
    edited.row.csat = Some(5);
    let mut unselected = summary("live", 3);
    unselected.row.state = InteractionState::Live;
    let mut changed = Vec::new();
    let accepted = set.upsert_reporting_changes(
        [summary("same", 1), edited, summary("new", 4), unselected],
        |s| changed.push(s.row.id),
    );
    assert_eq!(accepted, 3);
    // A row the filters leave out is still reported: it is news for other views.
    assert_eq!(changed, ["edited", "new", "live"]);
    set.rearrange();
    assert_eq!(ids(&set), ["new", "edited", "same"]);
}

#[test]
fn a_set_shrunk_after_its_load_still_finds_updates_and_takes_new_rows() {
    let mut set = ResultSet::new(any_time(), newest_first());
    let mut rows: Vec<_> = (0..1000).map(|i| summary(&format!("id-{i}"), i)).collect();
    for (i, r) in rows.iter_mut().enumerate() {
        r.row.customer_name = Some(format!("Customer {}", i % 300));
    }
    set.upsert(rows);
    set.shrink_to_fit();
    assert_eq!(set.rows.capacity(), 1000);

    let mut changed = summary("id-500", 500);
    changed.row.customer_name = Some("Zoe Changed".into());
    set.upsert([changed, summary("id-new", 2000)]);
    set.arrange(newest_first(), "zoe");
    assert_eq!(ids(&set), ["id-500"]);
    set.arrange(newest_first(), "customer 299");
    assert_eq!(ids(&set), ["id-899", "id-599", "id-299"]);
    set.arrange(newest_first(), "");
    assert_eq!(set.count(), 1001);
    assert_eq!(ids(&set)[0], "id-new");
}
