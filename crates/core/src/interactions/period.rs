//! Turns a view's period into the millisecond interval it covers right now. Presets are
//! calendar words ("today", "this week"), so they are resolved in the local time zone at
//! the moment a view opens, not stored as instants.

use super::{Period, PeriodPreset};
use crate::error::{Error, Result};
use chrono::{DateTime, Datelike, Duration, Local, LocalResult, NaiveDate, TimeZone};

/// `[from, to)` in epoch milliseconds.
pub fn resolve(period: Period, now: DateTime<Local>) -> Result<(i64, i64)> {
    let (from, to) = match period {
        Period::Custom { from, to } => (from, to),
        Period::Preset { preset } => preset_range(preset, now),
    };
    if to <= from {
        return Err(Error::validation(
            "The period ends before it starts: choose an end after the start.",
        ));
    }
    Ok((from, to))
}

fn preset_range(preset: PeriodPreset, now: DateTime<Local>) -> (i64, i64) {
    let today = now.date_naive();
    let now_ms = now.timestamp_millis();
    let day_start = |d: NaiveDate| local_midnight(d);
    match preset {
        PeriodPreset::Today => (day_start(today), now_ms + 1),
        PeriodPreset::Yesterday => (day_start(today - Duration::days(1)), day_start(today)),
        PeriodPreset::Last24Hours => (now_ms - 24 * 3_600_000, now_ms + 1),
        PeriodPreset::ThisWeek => {
            // Weeks start on Monday, as ISO 8601 and most of the world count them.
            let monday = today - Duration::days(today.weekday().num_days_from_monday() as i64);
            (day_start(monday), now_ms + 1)
        }
        PeriodPreset::Last7Days => (day_start(today - Duration::days(6)), now_ms + 1),
        PeriodPreset::Last30Days => (day_start(today - Duration::days(29)), now_ms + 1),
        PeriodPreset::Last90Days => (day_start(today - Duration::days(89)), now_ms + 1),
    }
}

/// Local midnight of `day`; on a day whose midnight does not exist (a DST jump at 00:00)
/// the first instant that does.
fn local_midnight(day: NaiveDate) -> i64 {
    let naive = day.and_hms_opt(0, 0, 0).expect("midnight is a valid time");
    match Local.from_local_datetime(&naive) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.timestamp_millis(),
        LocalResult::None => Local
            .from_local_datetime(&(naive + Duration::hours(1)))
            .earliest()
            .map(|t| t.timestamp_millis())
            .unwrap_or_else(|| naive.and_utc().timestamp_millis()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Local> {
        Local
            .with_ymd_and_hms(y, m, d, h, 30, 0)
            .earliest()
            .unwrap()
    }

    #[test]
    fn today_runs_from_local_midnight_to_now() {
        let now = at(2026, 11, 23, 14);
        let (from, to) = resolve(
            Period::Preset {
                preset: PeriodPreset::Today,
            },
            now,
        )
        .unwrap();
        let midnight = Local.with_ymd_and_hms(2026, 11, 23, 0, 0, 0).unwrap();
        assert_eq!(from, midnight.timestamp_millis());
        assert_eq!(to, now.timestamp_millis() + 1);
    }

    #[test]
    fn this_week_starts_on_monday() {
        // 2026-11-26 is a Thursday.
        let (from, _) = resolve(
            Period::Preset {
                preset: PeriodPreset::ThisWeek,
            },
            at(2026, 11, 26, 9),
        )
        .unwrap();
        let monday = Local.with_ymd_and_hms(2026, 11, 23, 0, 0, 0).unwrap();
        assert_eq!(from, monday.timestamp_millis());
    }

    #[test]
    fn yesterday_is_one_whole_local_day() {
        let (from, to) = resolve(
            Period::Preset {
                preset: PeriodPreset::Yesterday,
            },
            at(2026, 11, 23, 9),
        )
        .unwrap();
        assert_eq!(
            from,
            Local
                .with_ymd_and_hms(2026, 11, 22, 0, 0, 0)
                .unwrap()
                .timestamp_millis()
        );
        assert_eq!(
            to,
            Local
                .with_ymd_and_hms(2026, 11, 23, 0, 0, 0)
                .unwrap()
                .timestamp_millis()
        );
    }

    #[test]
    fn a_custom_period_must_end_after_it_starts() {
        let e = resolve(Period::Custom { from: 10, to: 10 }, Local::now()).unwrap_err();
        assert_eq!(e.code, crate::error::Code::Validation);
    }
}
