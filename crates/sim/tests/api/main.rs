//! Integration tests of the simulator over HTTP, one module per area. One test binary
//! keeps linking time down.

mod analytics;
mod analytics_jobs;
mod binary;
mod common;
mod errors;
mod faults;
mod jobs_support;
mod oauth;
mod pkce;
mod presence;
mod recordings;
mod recordings_support;
mod routing;
mod users;
