//! `cc-sim`: runs the contact-center simulator until interrupted.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use cc_sim::{
    OAuthClient, SimConfig, DEFAULT_DEMO_PASSWORD, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET,
    DEMO_PKCE_CLIENT_ID,
};
use clap::{CommandFactory, FromArgMatches, Parser};

/// A contact center in a box that speaks the Genesys Cloud Platform API subset the
/// Supervisor Console uses (login on the same host: /oauth/token, /oauth/authorize).
#[derive(Parser, Debug)]
#[command(name = "cc-sim", version)]
struct Cli {
    /// Address to listen on; port 0 picks a free port (the real one is printed).
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: SocketAddr,
    /// Seed of the generated organization: the same seed gives the same ids.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// SQLite file holding the state (kept across restarts); in memory if omitted.
    #[arg(long)]
    db: Option<PathBuf>,
    /// Folder for transcoded recordings (default: next to --db, else a temporary folder).
    #[arg(long)]
    media_dir: Option<PathBuf>,
    /// The most transcoded recordings may take on disk, in MB (least recently used go).
    #[arg(long, default_value_t = 1024)]
    media_limit_mb: u64,
    /// Adds an OAuth client allowed every grant (needs --client-secret).
    #[arg(long, requires = "client_secret")]
    client_id: Option<String>,
    /// Secret of --client-id.
    #[arg(long, requires = "client_id")]
    client_secret: Option<String>,
    /// Password of every demo user.
    #[arg(long, default_value = DEFAULT_DEMO_PASSWORD)]
    demo_password: String,
    /// Lifetime of access tokens, in seconds.
    #[arg(long, default_value_t = 86_399)]
    token_ttl: u64,
    /// Days of conversation history generated into an empty database.
    #[arg(long, default_value_t = 45)]
    history_days: u32,
    /// Conversations per day of generated history.
    #[arg(long, default_value_t = 3000)]
    daily_volume: u32,
    /// How long an analytics details job takes to be FULFILLED, in milliseconds.
    #[arg(long, default_value_t = 200)]
    job_delay_ms: u64,
}

/// The demo accounts, for `--help`; users are those of the default seed.
fn demo_accounts() -> String {
    let mut text = format!(
        "Demo OAuth clients:\n  {DEMO_CLIENT_ID}  secret {DEMO_CLIENT_SECRET}  \
         (confidential: client_credentials, authorization_code [+PKCE], refresh_token, password)\n  \
         {DEMO_PKCE_CLIENT_ID}  no secret  (public: authorization_code + PKCE S256, refresh_token)\n\n\
         Demo users (password: {DEFAULT_DEMO_PASSWORD} unless --demo-password; agents' names \
         depend on --seed, shown for seed 1):\n"
    );
    text.push_str(&cc_sim::roster_help(1));
    text
}

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .init();
    let matches = Cli::command().after_help(demo_accounts()).get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());

    let extra_clients = match (cli.client_id, cli.client_secret) {
        (Some(id), Some(secret)) => vec![OAuthClient {
            name: id.clone(),
            id,
            secret: Some(secret),
        }],
        _ => Vec::new(),
    };
    let config = SimConfig {
        seed: cli.seed,
        db_path: cli.db,
        extra_clients,
        demo_password: cli.demo_password,
        token_ttl: Duration::from_secs(cli.token_ttl),
        history_days: cli.history_days,
        daily_volume: cli.daily_volume,
        job_delay: Duration::from_millis(cli.job_delay_ms),
        media_dir: cli.media_dir,
        media_limit_bytes: cli.media_limit_mb.saturating_mul(1 << 20),
        ..SimConfig::default()
    };
    let sim = match cc_sim::serve(config, cli.listen).await {
        Ok(sim) => sim,
        Err(e) => {
            eprintln!("cc-sim: {e}");
            std::process::exit(1);
        }
    };
    // Scripts wait for exactly this line to know the server accepts connections.
    let mut stdout = std::io::stdout();
    let _ = writeln!(stdout, "cc-sim listening on {}", sim.base_url());
    let _ = stdout.flush();

    stop_requested().await;
    sim.shutdown().await;
}

/// Ctrl-C, or SIGTERM from a script or a test harness.
async fn stop_requested() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
