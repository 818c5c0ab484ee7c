//! The Interactions list: domain types, saved views, the local cache of summaries, the
//! loaded result set (sorted and filtered here, read by the UI a window at a time) and
//! CSV export.

mod types;

pub use types::*;
