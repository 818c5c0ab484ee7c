//! Where things happen in a call's recording: its holds (the agents' `hold` segments), a
//! secure pause drawn for some calls (the customer reading out card details), and the
//! slots the transcript's phrases take, which avoid both. The audio generator and the
//! transcript endpoints read these same spans, so what is heard and what is written
//! cannot drift apart.

use rand::rngs::StdRng;
use rand::Rng;

use super::history_model::Conversation;

/// Shortest stretch of talk that gets phrases.
const MIN_TALK_MS: i64 = 3_000;

/// The holds of the agents inside `[t0, t1)`, in time order, merged where they overlap.
pub fn holds(c: &Conversation<'_>, t0: i64, t1: i64) -> Vec<(i64, i64)> {
    let mut spans: Vec<(i64, i64)> = c
        .participants
        .iter()
        .filter(|p| p.purpose == "agent")
        .flat_map(|p| &p.sessions)
        .flat_map(|s| &s.segments)
        .filter(|g| g.segment_type == "hold")
        .filter_map(|g| g.segment_end.map(|e| (g.segment_start.max(t0), e.min(t1))))
        .filter(|(a, b)| a < b)
        .collect();
    merge(&mut spans);
    spans
}

fn merge(spans: &mut Vec<(i64, i64)>) {
    spans.sort_unstable();
    let mut out: Vec<(i64, i64)> = Vec::with_capacity(spans.len());
    for &(a, b) in spans.iter() {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    *spans = out;
}

/// `[t0, t1)` without the `blocked` spans.
pub fn talk_intervals(t0: i64, t1: i64, blocked: &[(i64, i64)]) -> Vec<(i64, i64)> {
    let mut blocked = blocked.to_vec();
    merge(&mut blocked);
    let mut out = Vec::new();
    let mut at = t0;
    for (a, b) in blocked {
        if a > at {
            out.push((at, a.min(t1)));
        }
        at = at.max(b);
    }
    if at < t1 {
        out.push((at, t1));
    }
    out.retain(|(a, b)| a < b);
    out
}

/// One secure pause for about a third of calls: 8 to 20 seconds in the middle of the
/// longest stretch of talk, if that stretch is long enough to keep talk on both sides.
pub fn secure_pause(rng: &mut StdRng, talk: &[(i64, i64)]) -> Option<(i64, i64)> {
    if !rng.random_bool(0.3) {
        return None;
    }
    let length = rng.random_range(8_000..20_000);
    let &(a, b) = talk.iter().max_by_key(|(a, b)| b - a)?;
    if b - a < 3 * length + 2 * MIN_TALK_MS {
        return None;
    }
    let start = a + (b - a - length) / 2;
    Some((start, start + length))
}

/// The transcript's phrase slots `(start, duration)` over the talk intervals: one phrase
/// per 15 s of talk (4 to 24), shared among intervals by their length, each taking the
/// first 70 % of its slot. With a single interval this is an even split of it.
pub fn phrase_slots(talk: &[(i64, i64)]) -> Vec<(i64, i64)> {
    let usable: Vec<(i64, i64)> = talk
        .iter()
        .copied()
        .filter(|(a, b)| b - a >= MIN_TALK_MS)
        .collect();
    let total: i64 = usable.iter().map(|(a, b)| b - a).sum();
    if total == 0 {
        return Vec::new();
    }
    let n = (total / 15_000).clamp(4, 24);
    let mut out = Vec::with_capacity(n as usize);
    let mut before = 0;
    for (a, b) in usable {
        // Cumulative rounding: the counts add up to n exactly.
        let first = (n * before + total / 2) / total;
        before += b - a;
        let last = (n * before + total / 2) / total;
        let k = last - first;
        if k == 0 {
            continue;
        }
        let slot = (b - a) / k;
        out.extend((0..k).map(|i| (a + i * slot, slot * 7 / 10)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_interval_splits_evenly() {
        let slots = phrase_slots(&[(0, 60_000)]);
        assert_eq!(slots.len(), 4);
        assert_eq!(slots[1], (15_000, 10_500));
    }

    #[test]
    fn slots_avoid_the_blocked_spans() {
        let talk = talk_intervals(0, 300_000, &[(100_000, 160_000), (150_000, 170_000)]);
        assert_eq!(talk, vec![(0, 100_000), (170_000, 300_000)]);
        let slots = phrase_slots(&talk);
        assert_eq!(slots.len(), 15);
        for (s, d) in slots {
            assert!(s + d <= 100_000 || s >= 170_000, "{s} {d}");
        }
    }
}
