//! Rows for tests, built field by field so each test says only what it cares about.

use super::*;

pub fn summary(id: &str, start: i64) -> InteractionSummary {
    InteractionSummary {
        row: InteractionRow {
            id: id.into(),
            start,
            end: Some(start + 60_000),
            duration_ms: 60_000,
            channel: Channel::Voice,
            direction: Direction::Inbound,
            customer_name: None,
            contact: None,
            contact_center_number: None,
            agent_name: None,
            is_ai_agent: false,
            queue_name: None,
            disposition: None,
            wrap_up_note: None,
            state: InteractionState::Answered,
            reason: None,
            ticket_id: None,
            csat: None,
            hangup_source: None,
            sentiment: None,
        },
        queue_ids: Vec::new(),
        user_ids: Vec::new(),
        wrap_up_code_ids: Vec::new(),
    }
}

pub fn any_time() -> InteractionFilters {
    InteractionFilters::for_period(Period::Custom {
        from: 0,
        to: i64::MAX,
    })
}

pub fn newest_first() -> SortSpec {
    SortSpec {
        column: ColumnId::CreatedDate,
        descending: true,
    }
}
