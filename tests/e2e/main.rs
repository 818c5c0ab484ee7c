//! End-to-end tests of the real app binary in a real WebKit window under Xvfb, driven
//! through tauri-driver and WebKitWebDriver, against the simulator.

mod harness;
mod interactions;
mod platform;
mod recordings;
mod sign_in;
mod start_up;
mod webdriver;
