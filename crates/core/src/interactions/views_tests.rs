use super::*;

fn views() -> Views {
    Views::new(Store::open_in_memory().unwrap())
}

fn names(v: &Views) -> Vec<String> {
    v.list().unwrap().into_iter().map(|v| v.name).collect()
}

#[test]
fn defaults_are_seeded_once_and_stay_deleted() {
    let v = views();
    v.ensure_defaults(1).unwrap();
    v.ensure_defaults(2).unwrap();
    assert_eq!(names(&v), ["Today", "Unanswered today", "Voice this week"]);
    let unanswered = &v.list().unwrap()[1];
    assert_eq!(unanswered.filters.states, [InteractionState::Unanswered]);
    let today = v.list().unwrap()[0].id.clone();
    v.delete(&today).unwrap();
    v.ensure_defaults(3).unwrap();
    assert_eq!(names(&v), ["Unanswered today", "Voice this week"]);
}

#[test]
fn create_rename_duplicate_delete() {
    let v = views();
    let mut filters = InteractionFilters::for_period(Period::Custom { from: 1, to: 2 });
    filters.channels = vec![Channel::Email];
    let columns = vec![
        ViewColumn {
            id: ColumnId::Csat,
            width: 80,
        },
        ViewColumn {
            id: ColumnId::AgentName,
            width: 200,
        },
    ];
    let sort = SortSpec {
        column: ColumnId::Csat,
        descending: false,
    };
    let created = v
        .save(
            SavedViewInput {
                id: None,
                name: "  Email CSAT ".into(),
                filters: filters.clone(),
                columns,
                sort,
            },
            10,
        )
        .unwrap();
    assert_eq!(created.name, "Email CSAT");
    assert_eq!(created.filters, filters);
    // The conversation id is put first; the chosen order and widths follow.
    let ids: Vec<(ColumnId, u32)> = created.columns.iter().map(|c| (c.id, c.width)).collect();
    assert_eq!(
        ids,
        [
            (ColumnId::ConversationId, 180),
            (ColumnId::Csat, 80),
            (ColumnId::AgentName, 200)
        ]
    );

    let renamed = v
        .save(
            SavedViewInput {
                id: Some(created.id.clone()),
                name: "Email scores".into(),
                filters,
                columns: created.columns.clone(),
                sort,
            },
            20,
        )
        .unwrap();
    assert_eq!(renamed.id, created.id);
    assert_eq!(renamed.updated_at, 20);

    let copy = v.duplicate(&created.id, 30).unwrap();
    assert_eq!(copy.name, "Email scores (copy)");
    assert_ne!(copy.id, created.id);
    assert_eq!(copy.columns, renamed.columns);
    assert_eq!(names(&v), ["Email scores", "Email scores (copy)"]);

    v.delete(&created.id).unwrap();
    assert_eq!(names(&v), ["Email scores (copy)"]);
    assert_eq!(
        v.delete(&created.id).unwrap_err().code,
        crate::error::Code::NotFound
    );
}

#[test]
fn a_view_needs_a_name() {
    let e = views()
        .save(
            SavedViewInput {
                id: None,
                name: "   ".into(),
                filters: InteractionFilters::for_period(Period::Custom { from: 1, to: 2 }),
                columns: default_columns(),
                sort: newest_first(),
            },
            1,
        )
        .unwrap_err();
    assert_eq!(e.code, crate::error::Code::Validation);
}

#[test]
fn saving_a_missing_view_says_so() {
    let e = views()
        .save(
            SavedViewInput {
                id: Some("gone".into()),
                name: "x".into(),
                filters: InteractionFilters::for_period(Period::Custom { from: 1, to: 2 }),
                columns: default_columns(),
                sort: newest_first(),
            },
            1,
        )
        .unwrap_err();
    assert_eq!(e.code, crate::error::Code::NotFound);
}
