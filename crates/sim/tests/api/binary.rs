//! The `cc-sim` binary: its one stdout line, its flags and its help.

use std::process::Stdio;
use std::time::Duration;

use cc_sim::{DEMO_CLIENT_ID, DEMO_PKCE_CLIENT_ID, DEMO_SUPERVISOR_EMAIL};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, BufReader};
use tokio::process::Command;

use crate::common::*;

const BIN: &str = env!("CARGO_BIN_EXE_cc-sim");

#[tokio::test]
async fn binary_prints_its_address_and_honours_its_flags() {
    let mut child = Command::new(BIN)
        .args([
            "--listen",
            "127.0.0.1:0",
            "--seed",
            "3",
            "--token-ttl",
            "120",
        ])
        .args([
            "--client-id",
            "extra-client",
            "--client-secret",
            "extra-secret",
        ])
        .args(["--demo-password", "pw"])
        .args(["--history-days", "1", "--daily-volume", "20"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("cc-sim starts");
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    tokio::time::timeout(Duration::from_secs(30), stdout.read_line(&mut line))
        .await
        .expect("cc-sim announces itself")
        .unwrap();
    let base = line
        .trim_end()
        .strip_prefix("cc-sim listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_string();
    let port: u16 = base
        .strip_prefix("http://127.0.0.1:")
        .unwrap()
        .parse()
        .unwrap();
    assert_ne!(port, 0, "the real port is printed");

    let response = http()
        .post(format!("{base}/oauth/token"))
        .basic_auth("extra-client", Some("extra-secret"))
        .form(&[
            ("grant_type", "password"),
            ("username", DEMO_SUPERVISOR_EMAIL),
            ("password", "pw"),
        ])
        .send()
        .await
        .unwrap();
    let r = reply(response).await;
    assert_eq!(
        r.status, 200,
        "the extra client and demo password work: {}",
        r.body
    );
    assert_eq!(r.body["expires_in"], 120);

    child.kill().await.unwrap();
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).await.unwrap();
    assert_eq!(rest, "", "exactly one line on stdout");
}

#[tokio::test]
async fn help_lists_the_demo_clients_and_users() {
    let output = Command::new(BIN).arg("--help").output().await.unwrap();
    assert!(output.status.success());
    let help = String::from_utf8(output.stdout).unwrap();
    for needle in [
        DEMO_CLIENT_ID,
        DEMO_PKCE_CLIENT_ID,
        DEMO_SUPERVISOR_EMAIL,
        "--token-ttl",
    ] {
        assert!(help.contains(needle), "--help mentions {needle}");
    }
}
