//! Saved views: a name, filters, columns (order and widths) and a sort. The defaults are
//! put in place once; after that a person may rename or delete them like any other.

use super::*;
use crate::error::{Error, Result};
use crate::store::Store;
use rusqlite::{params, OptionalExtension, Row};

const DEFAULTS_SEEDED: &str = "views_defaults_seeded";

/// The columns a new view shows, in order, with widths that fit their usual content.
pub fn default_columns() -> Vec<ViewColumn> {
    [
        (ColumnId::ConversationId, 180),
        (ColumnId::CreatedDate, 130),
        (ColumnId::CreatedTime, 150),
        (ColumnId::Channel, 150),
        (ColumnId::Direction, 96),
        (ColumnId::CustomerName, 170),
        (ColumnId::AgentName, 170),
        (ColumnId::Queue, 150),
        (ColumnId::State, 220),
        (ColumnId::Duration, 90),
        (ColumnId::Csat, 80),
    ]
    .into_iter()
    .map(|(id, width)| ViewColumn { id, width })
    .collect()
}

fn newest_first() -> SortSpec {
    SortSpec {
        column: ColumnId::CreatedDate,
        descending: true,
    }
}

fn default_views() -> Vec<SavedViewInput> {
    let preset = |preset| Period::Preset { preset };
    let mut unanswered = InteractionFilters::for_period(preset(PeriodPreset::Today));
    unanswered.states = vec![InteractionState::Unanswered];
    let mut voice = InteractionFilters::for_period(preset(PeriodPreset::ThisWeek));
    voice.channels = vec![Channel::Voice];
    [
        (
            "Today",
            InteractionFilters::for_period(preset(PeriodPreset::Today)),
        ),
        ("Unanswered today", unanswered),
        ("Voice this week", voice),
    ]
    .into_iter()
    .map(|(name, filters)| SavedViewInput {
        id: None,
        name: name.into(),
        filters,
        columns: default_columns(),
        sort: newest_first(),
    })
    .collect()
}

#[derive(Clone)]
pub struct Views {
    store: Store,
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("view parts serialize")
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<(String, String, String, String, String, i64)> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
    ))
}

fn parse(
    (id, name, filters, columns, sort, updated_at): (String, String, String, String, String, i64),
) -> Result<SavedView> {
    let bad = |e: serde_json::Error| {
        Error::internal(format!("The saved view \"{name}\" cannot be read: {e}"))
    };
    Ok(SavedView {
        filters: serde_json::from_str(&filters).map_err(bad)?,
        columns: serde_json::from_str(&columns).map_err(bad)?,
        sort: serde_json::from_str(&sort).map_err(bad)?,
        id,
        name,
        updated_at,
    })
}

impl Views {
    pub fn new(store: Store) -> Self {
        Self { store }
    }

    /// Puts the default views in place the first time, and never again (a person who
    /// deleted "Today" does not want it back).
    pub fn ensure_defaults(&self, now_ms: i64) -> Result<()> {
        let seeded: Option<String> = self
            .store
            .lock()
            .query_row(
                "SELECT value FROM settings WHERE key = ?1",
                [DEFAULTS_SEEDED],
                |r| r.get(0),
            )
            .optional()?;
        if seeded.is_some() {
            return Ok(());
        }
        for v in default_views() {
            self.save(v, now_ms)?;
        }
        self.store.lock().execute(
            "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, '1')",
            [DEFAULTS_SEEDED],
        )?;
        Ok(())
    }

    pub fn list(&self) -> Result<Vec<SavedView>> {
        let conn = self.store.lock();
        let mut stmt = conn.prepare(
            "SELECT id, name, filters, columns, sort, updated_at FROM views ORDER BY position, name",
        )?;
        let rows = stmt.query_map([], from_row)?;
        // One unreadable view must not hide the others.
        Ok(rows
            .filter_map(|r| r.ok().and_then(|r| parse(r).ok()))
            .collect())
    }

    pub fn get(&self, id: &str) -> Result<SavedView> {
        let row = self
            .store
            .lock()
            .query_row(
                "SELECT id, name, filters, columns, sort, updated_at FROM views WHERE id = ?1",
                [id],
                from_row,
            )
            .optional()?;
        parse(row.ok_or_else(|| Error::not_found("This view no longer exists."))?)
    }

    /// Creates the view (no id) or replaces it; renaming is saving with a new name.
    pub fn save(&self, input: SavedViewInput, now_ms: i64) -> Result<SavedView> {
        let name = input.name.trim().to_string();
        if name.is_empty() {
            return Err(Error::validation("Give the view a name."));
        }
        if name.chars().count() > 80 {
            return Err(Error::validation(
                "A view name can be at most 80 characters.",
            ));
        }
        let (filters, columns, sort) = (
            json(&input.filters),
            json(&normalize_columns(input.columns)),
            json(&input.sort),
        );
        let conn = self.store.lock();
        let id = match input.id {
            Some(id) => {
                let changed = conn.execute(
                    "UPDATE views SET name = ?2, filters = ?3, columns = ?4, sort = ?5,
                     updated_at = ?6 WHERE id = ?1",
                    params![id, name, filters, columns, sort, now_ms],
                )?;
                if changed == 0 {
                    return Err(Error::not_found("This view no longer exists."));
                }
                id
            }
            None => {
                let id = uuid::Uuid::new_v4().to_string();
                conn.execute(
                    "INSERT INTO views (id, name, filters, columns, sort, position, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5,
                             (SELECT COALESCE(MAX(position), 0) + 1 FROM views), ?6)",
                    params![id, name, filters, columns, sort, now_ms],
                )?;
                id
            }
        };
        drop(conn);
        self.get(&id)
    }

    /// A copy named "<name> (copy)", placed after the others.
    pub fn duplicate(&self, id: &str, now_ms: i64) -> Result<SavedView> {
        let v = self.get(id)?;
        self.save(
            SavedViewInput {
                id: None,
                name: format!("{} (copy)", v.name),
                filters: v.filters,
                columns: v.columns,
                sort: v.sort,
            },
            now_ms,
        )
    }

    pub fn delete(&self, id: &str) -> Result<()> {
        let n = self
            .store
            .lock()
            .execute("DELETE FROM views WHERE id = ?1", [id])?;
        if n == 0 {
            return Err(Error::not_found("This view no longer exists."));
        }
        Ok(())
    }
}

/// The conversation id is always the first column; a column appears once; widths stay
/// within what the table can draw.
fn normalize_columns(columns: Vec<ViewColumn>) -> Vec<ViewColumn> {
    let mut out: Vec<ViewColumn> = Vec::with_capacity(columns.len() + 1);
    let id_width = columns
        .iter()
        .find(|c| c.id == ColumnId::ConversationId)
        .map_or(180, |c| c.width);
    out.push(ViewColumn {
        id: ColumnId::ConversationId,
        width: id_width,
    });
    for c in columns {
        if !out.iter().any(|o| o.id == c.id) {
            out.push(c);
        }
    }
    for c in &mut out {
        c.width = c.width.clamp(48, 800);
    }
    out
}

#[cfg(test)]
#[path = "views_tests.rs"]
mod tests;
