//! A recording's details (transcript and event bands) are asked for twice when it opens:
//! by the player, for the silences it may skip, and by the UI, for the transcript and
//! markers. One request answers both: callers share it while it runs, and its answer is
//! kept for a few minutes. A failed request is not kept; the next caller asks again.

use std::collections::VecDeque;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::OnceCell;

use crate::error::Result;
use crate::recordings::types::RecordingDetails;

/// Recordings whose details are kept: the few a supervisor moves between.
const KEPT: usize = 8;
/// A completed conversation's transcript does not change; this only bounds how old a
/// reopened recording's may be.
const FRESH_FOR: Duration = Duration::from_secs(300);

type Slot = Arc<OnceCell<(Instant, RecordingDetails)>>;

#[derive(Default)]
pub(crate) struct DetailsMemo {
    /// Oldest first; keyed by connection and conversation.
    slots: Mutex<VecDeque<(String, Slot)>>,
}

impl DetailsMemo {
    pub async fn get_or_fetch<F, Fut>(
        &self,
        connection_id: &str,
        conversation_id: &str,
        fetch: F,
    ) -> Result<RecordingDetails>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<RecordingDetails>>,
    {
        let key = format!("{connection_id}\n{conversation_id}");
        let slot = {
            let mut slots = self.slots.lock().unwrap_or_else(|p| p.into_inner());
            slots.retain(|(_, s)| s.get().is_none_or(|(at, _)| at.elapsed() < FRESH_FOR));
            match slots.iter().find(|(k, _)| *k == key) {
                Some((_, slot)) => slot.clone(),
                None => {
                    let slot = Slot::default();
                    slots.push_back((key, slot.clone()));
                    if slots.len() > KEPT {
                        slots.pop_front();
                    }
                    slot
                }
            }
        };
        let (_, details) = slot
            .get_or_try_init(|| async { fetch().await.map(|d| (Instant::now(), d)) })
            .await?;
        Ok(details.clone())
    }

    /// Forgets everything, e.g. when the connection signs out.
    pub fn clear(&self) {
        self.slots.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn details(n: usize) -> RecordingDetails {
        RecordingDetails {
            phrases: Vec::new(),
            bands: Vec::with_capacity(n),
        }
    }

    #[tokio::test]
    async fn callers_at_the_same_time_share_one_request() {
        let memo = DetailsMemo::default();
        let calls = AtomicUsize::new(0);
        let fetch = || async {
            calls.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(20)).await;
            Ok(details(0))
        };
        let (a, b) = tokio::join!(
            memo.get_or_fetch("c1", "conv", fetch),
            memo.get_or_fetch("c1", "conv", fetch)
        );
        assert!(a.is_ok() && b.is_ok());
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        memo.get_or_fetch("c1", "conv", fetch).await.unwrap();
        assert_eq!(calls.load(Ordering::SeqCst), 1, "kept after it answered");
        memo.get_or_fetch("c2", "conv", fetch).await.unwrap();
        assert_eq!(
            calls.load(Ordering::SeqCst),
            2,
            "another connection asks its own"
        );
    }

    #[tokio::test]
    async fn a_failure_is_not_kept_and_old_entries_make_room() {
        let memo = DetailsMemo::default();
        let calls = AtomicUsize::new(0);
        let failing = || async {
            calls.fetch_add(1, Ordering::SeqCst);
            Err::<RecordingDetails, _>(Error::internal("the platform is down"))
        };
        assert!(memo.get_or_fetch("c", "x", failing).await.is_err());
        assert!(memo.get_or_fetch("c", "x", failing).await.is_err());
        assert_eq!(
            calls.load(Ordering::SeqCst),
            2,
            "asked again after a failure"
        );

        for i in 0..=KEPT {
            let id = format!("conv-{i}");
            memo.get_or_fetch("c", &id, || async { Ok(details(0)) })
                .await
                .unwrap();
        }
        let asked = AtomicUsize::new(0);
        let counting = || async {
            asked.fetch_add(1, Ordering::SeqCst);
            Ok(details(0))
        };
        memo.get_or_fetch("c", &format!("conv-{KEPT}"), counting)
            .await
            .unwrap();
        assert_eq!(asked.load(Ordering::SeqCst), 0, "the newest is kept");
        memo.get_or_fetch("c", "conv-0", counting).await.unwrap();
        assert_eq!(asked.load(Ordering::SeqCst), 1, "the oldest made room");
        memo.clear();
        memo.get_or_fetch("c", &format!("conv-{KEPT}"), counting)
            .await
            .unwrap();
        assert_eq!(
            asked.load(Ordering::SeqCst),
            2,
            "nothing is kept after clear"
        );
    }
}
