//! CSV export of a view's rows, in the order and columns the person sees. Times are local
//! (as in the list); cells that a spreadsheet would run as a formula are defused.

use super::{ColumnId, InteractionRow, InteractionState};
use crate::error::{Error, Result};
use chrono::{Local, TimeZone};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The text of one cell, as the list shows it.
pub fn cell(r: &InteractionRow, column: ColumnId) -> String {
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    let local = || Local.timestamp_millis_opt(r.start).single();
    match column {
        ColumnId::ConversationId => r.id.clone(),
        ColumnId::CustomerName => opt(&r.customer_name),
        ColumnId::CreatedDate => {
            local().map_or_else(String::new, |t| t.format("%Y-%m-%d").to_string())
        }
        ColumnId::CreatedTime => {
            local().map_or_else(String::new, |t| t.format("%H:%M:%S").to_string())
        }
        ColumnId::AgentName => opt(&r.agent_name),
        ColumnId::Queue => opt(&r.queue_name),
        ColumnId::Direction => r.direction.label().into(),
        ColumnId::Disposition => opt(&r.disposition),
        ColumnId::State => match (r.state, r.reason) {
            (InteractionState::Live, _) => "Live".into(),
            (InteractionState::Answered, _) => "Answered".into(),
            (InteractionState::Unanswered, Some(reason)) => {
                format!("Unanswered: {}", reason.label())
            }
            (InteractionState::Unanswered, None) => "Unanswered".into(),
        },
        ColumnId::WrapUpNote => opt(&r.wrap_up_note),
        ColumnId::Channel => r.channel.label().into(),
        ColumnId::Contact => opt(&r.contact),
        ColumnId::ContactCenterNumber => opt(&r.contact_center_number),
        ColumnId::TicketId => opt(&r.ticket_id),
        ColumnId::Csat => r.csat.map(|c| c.to_string()).unwrap_or_default(),
        ColumnId::HangupSource => r
            .hangup_source
            .map(|h| h.label().to_string())
            .unwrap_or_default(),
        ColumnId::Duration => duration(r.duration_ms),
        ColumnId::Sentiment => r.sentiment.map(|s| format!("{s:.2}")).unwrap_or_default(),
    }
}

/// `h:mm:ss`, or `m:ss` under an hour.
pub fn duration(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// RFC 4180 quoting. A cell starting with `= + - @`, tab or CR is prefixed with `'` so a
/// spreadsheet shows it instead of evaluating it (a customer name is customer input) —
/// except plain numbers such as a negative sentiment.
fn field(raw: &str) -> String {
    let numeric = raw.parse::<f64>().is_ok();
    let risky = !numeric && raw.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let text = if risky {
        format!("'{raw}")
    } else {
        raw.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// Writes the CSV to `out`: a header of column labels, then one line per row.
pub fn write_csv<'a>(
    out: &mut impl Write,
    columns: &[ColumnId],
    rows: impl Iterator<Item = &'a InteractionRow>,
) -> std::io::Result<usize> {
    let line = |cells: Vec<String>| cells.join(",") + "\r\n";
    out.write_all(line(columns.iter().map(|c| field(c.label())).collect()).as_bytes())?;
    let mut n = 0;
    for r in rows {
        out.write_all(line(columns.iter().map(|&c| field(&cell(r, c))).collect()).as_bytes())?;
        n += 1;
    }
    Ok(n)
}

/// A file name from the view's name that every OS accepts, not taken yet in `dir`.
pub fn target_path(dir: &Path, view_name: &str, now: chrono::DateTime<Local>) -> PathBuf {
    let safe: String = view_name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, ' ' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let safe = safe.trim();
    let base = format!(
        "{} {}",
        if safe.is_empty() {
            "Interactions"
        } else {
            safe
        },
        now.format("%Y-%m-%d %H%M")
    );
    let mut path = dir.join(format!("{base}.csv"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{base} ({n}).csv"));
        n += 1;
    }
    path
}

/// Writes to a temporary file beside the target and renames it into place, so a full
/// disk or a crash never leaves a truncated CSV that looks complete.
pub fn export_to<'a>(
    path: &Path,
    columns: &[ColumnId],
    rows: impl Iterator<Item = &'a InteractionRow>,
) -> Result<usize> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let fail = |e: std::io::Error| {
        Error::internal(format!("Cannot write the export to {}: {e}", dir.display()))
    };
    std::fs::create_dir_all(dir).map_err(fail)?;
    let mut tmp = tempfile_in(dir).map_err(fail)?;
    let n = {
        let mut w = std::io::BufWriter::new(&mut tmp.1);
        let n = write_csv(&mut w, columns, rows).map_err(fail)?;
        w.flush().map_err(fail)?;
        n
    };
    tmp.1.sync_all().map_err(fail)?;
    std::fs::rename(&tmp.0, path).map_err(fail)?;
    tmp.0 = PathBuf::new();
    Ok(n)
}

/// A temporary file removed on drop unless renamed (its path then cleared).
struct TempFile(PathBuf, std::fs::File);

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.0.as_os_str().is_empty() {
            let _ = std::fs::remove_file(&self.0);
        }
    }
}

fn tempfile_in(dir: &Path) -> std::io::Result<TempFile> {
    let path = dir.join(format!(".export-{}.part", uuid::Uuid::new_v4()));
    let file = std::fs::File::create_new(&path)?;
    Ok(TempFile(path, file))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interactions::testing::summary;
    use crate::interactions::UnansweredReason;

    #[test]
    fn quotes_and_defuses_cells() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("@sum"), "'@sum");
        assert_eq!(field("-0.25"), "-0.25");
        assert_eq!(field("line\nbreak"), "\"line\nbreak\"");
    }

    #[test]
    fn writes_labels_then_rows_in_order() {
        let mut a = summary("a", 0);
        a.row.customer_name = Some("Lopez, Maria".into());
        a.row.state = InteractionState::Unanswered;
        a.row.reason = Some(UnansweredReason::QueueTimeout);
        a.row.duration_ms = 3_725_000;
        let b = summary("b", 0);
        let mut out = Vec::new();
        let cols = [
            ColumnId::ConversationId,
            ColumnId::CustomerName,
            ColumnId::State,
            ColumnId::Duration,
        ];
        let n = write_csv(&mut out, &cols, [&a.row, &b.row].into_iter()).unwrap();
        assert_eq!(n, 2);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "Conversation ID,Customer name,Conversation state,Duration\r\n\
             a,\"Lopez, Maria\",Unanswered: Queue timeout,1:02:05\r\n\
             b,,Answered,1:00\r\n"
        );
    }

    #[test]
    fn export_never_overwrites_and_leaves_no_partial_file() {
        let dir = tempfile::tempdir().unwrap();
        let now = Local::now();
        let first = target_path(dir.path(), "Today / mine", now);
        assert!(first
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("Today _ mine "));
        let row = summary("a", 0).row;
        export_to(&first, &[ColumnId::ConversationId], [&row].into_iter()).unwrap();
        let second = target_path(dir.path(), "Today / mine", now);
        assert_ne!(first, second);
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "only the finished CSV is left");
    }

    #[test]
    fn a_folder_that_cannot_be_written_gives_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, "x").unwrap();
        let row = summary("a", 0).row;
        let e = export_to(
            &blocker.join("out.csv"),
            &[ColumnId::ConversationId],
            [&row].into_iter(),
        )
        .unwrap_err();
        assert!(
            e.message.contains("Cannot write the export"),
            "{}",
            e.message
        );
    }
}
