//! The Interactions list: domain types, saved views, the local cache of summaries, the
//! loaded result set (sorted and filtered here, read by the UI a window at a time) and
//! CSV export.

pub mod cache;
mod compact;
pub mod export;
pub mod loader;
pub mod period;
pub mod result;
mod sort;
#[cfg(test)]
pub(crate) mod testing;
mod types;
pub mod views;

pub use types::*;
