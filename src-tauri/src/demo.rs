//! The built-in demo contact center: the simulator, in-process on loopback, with its data
//! kept in the app's data folder so the demo org is the same from one start to the next.

use std::net::SocketAddr;
use std::path::Path;
use supervisor_core::console::DemoContactCenter;
use supervisor_core::secrets::Sensitive;

/// Fixes the demo's address (tests read the demo's state through its API); loopback only.
pub const LISTEN_ENV: &str = "SUPERVISOR_CONSOLE_DEMO_LISTEN";

fn listen_address() -> SocketAddr {
    std::env::var(LISTEN_ENV)
        .ok()
        .and_then(|a| a.parse::<SocketAddr>().ok())
        .filter(|a| a.ip().is_loopback())
        .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 0)))
}

/// Size the demo's generated history when it is first created: `DAYS,PER_DAY` (the
/// benchmark asks for about 100,000 interactions).
/// Without it the demo has 45 days of about 300 a day: every view has rows, and a first
/// start stays quick.
pub const HISTORY_ENV: &str = "SUPERVISOR_CONSOLE_DEMO_HISTORY";

fn with_history(mut config: cc_sim::SimConfig) -> cc_sim::SimConfig {
    let parsed = std::env::var(HISTORY_ENV).ok().and_then(|v| {
        let (days, per_day) = v.split_once(',')?;
        Some((days.trim().parse().ok()?, per_day.trim().parse().ok()?))
    });
    let (days, per_day) = parsed.unwrap_or((45, 300));
    config.history_days = days;
    config.daily_volume = per_day;
    config
}

/// Starts the simulator on a free loopback port and says how to sign in to it.
pub async fn start(
    data_dir: &Path,
) -> Result<(cc_sim::SimHandle, DemoContactCenter), cc_sim::SimError> {
    let config = with_history(cc_sim::SimConfig {
        db_path: Some(data_dir.join("demo-contact-center.sqlite3")),
        ..cc_sim::SimConfig::default()
    });
    let password = config.demo_password.clone();
    let sim = cc_sim::serve(config, listen_address()).await?;
    let demo = DemoContactCenter {
        api_base: sim.base_url(),
        client_id: cc_sim::DEMO_CLIENT_ID.to_owned(),
        client_secret: Sensitive::new(cc_sim::DEMO_CLIENT_SECRET.to_owned()),
        username: sim.supervisor().email,
        password: Sensitive::new(password),
    };
    Ok((sim, demo))
}
