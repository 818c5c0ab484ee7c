//! Supervisor Console's core: everything the console knows, and nothing of Tauri.
//!
//! The app's shell and the `supervisor` CLI call [`console::Console`]; it uses the
//! platform adapter ([`genesys`]) behind the [`platform::Platform`] trait, keeps
//! connections in the local [`store`] and secrets in the OS keyring ([`secrets`]).

pub mod auth;
pub mod connections;
pub mod console;
pub mod error;
pub mod genesys;
pub mod interactions;
pub mod logging;
pub mod memory;
pub mod model;
pub mod platform;
pub mod recordings;
pub mod regions;
pub mod secrets;
pub mod store;

pub use error::{Code, Error, Result};
