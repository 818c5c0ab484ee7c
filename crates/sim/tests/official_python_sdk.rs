//! The official Genesys Cloud Python SDK against the simulator: the proof that the SDK
//! cannot tell it from the real API for the endpoints it serves.
//!
//! The SDK's python comes from `SC_SDK_PYTHON`, or else from `scripts/python-sdk.sh`, which
//! installs the pinned SDK into a cached venv. If neither works the test fails: a silently
//! skipped compatibility check would be worse than none.

use std::path::{Path, PathBuf};
use std::process::Command;

use cc_sim::{
    serve, SimConfig, DEFAULT_DEMO_PASSWORD, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET,
    DEMO_PKCE_CLIENT_ID, DEMO_SUPERVISOR_EMAIL,
};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The python that has `PureCloudPlatformClientV2` installed.
fn sdk_python() -> PathBuf {
    if let Some(python) = std::env::var_os("SC_SDK_PYTHON").filter(|p| !p.is_empty()) {
        return PathBuf::from(python);
    }
    let script = workspace_root().join("scripts/python-sdk.sh");
    let output = Command::new("bash")
        .arg(&script)
        .output()
        .unwrap_or_else(|e| panic!("could not run {}: {e}", script.display()));
    assert!(
        output.status.success(),
        "{} failed ({}), so the official Python SDK is unavailable; set SC_SDK_PYTHON to a \
         python with PureCloudPlatformClientV2==269.0.0 or fix the script.\nstderr:\n{}",
        script.display(),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let path = String::from_utf8_lossy(&output.stdout).trim().to_string();
    assert!(
        !path.is_empty(),
        "{} printed no python path",
        script.display()
    );
    PathBuf::from(path)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn official_python_sdk_reads_the_simulator() {
    let python = sdk_python();
    let sim = serve(SimConfig::default(), "127.0.0.1:0".parse().unwrap())
        .await
        .expect("the simulator starts");
    let check = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sdk/python_sdk_check.py");
    let base_url = sim.base_url();

    // The SDK blocks; run it off the runtime so the simulator keeps serving meanwhile.
    let output = tokio::task::spawn_blocking(move || {
        Command::new(&python)
            .arg(&check)
            .args([
                base_url.as_str(),
                DEMO_CLIENT_ID,
                DEMO_CLIENT_SECRET,
                DEMO_PKCE_CLIENT_ID,
                DEMO_SUPERVISOR_EMAIL,
                DEFAULT_DEMO_PASSWORD,
            ])
            // A proxy from the environment would send loopback requests elsewhere.
            .env("NO_PROXY", "127.0.0.1,localhost")
            .env("no_proxy", "127.0.0.1,localhost")
            .output()
            .unwrap_or_else(|e| panic!("could not run {}: {e}", python.display()))
    })
    .await
    .unwrap();
    sim.shutdown().await;

    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the official Python SDK check failed ({}):\nstdout:\n{stdout}\nstderr:\n{stderr}",
        output.status
    );
    assert!(
        stdout.contains("python_sdk_check: OK"),
        "the check did not report success:\n{stdout}\n{stderr}"
    );
}
