//! First run: the demo contact center is there and its supervisor is signed in.

use crate::harness::{App, UI_WAIT};
use crate::platform;
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread")]
async fn first_run_signs_in_the_demo_supervisor_and_presence_reaches_the_platform() {
    let app = App::launch().await;
    let d = &app.driver;
    d.wait_for("[data-testid=app-frame]", UI_WAIT).await;

    let supervisor = platform::user_by_email(&app.demo_base, cc_sim::DEMO_SUPERVISOR_EMAIL).await;
    let name = supervisor["name"].as_str().unwrap().to_owned();
    d.wait_text("[data-testid=session-user-name]", UI_WAIT, |t| t == name)
        .await;
    let presence = d
        .wait_text("[data-testid=presence-trigger]", UI_WAIT, |t| {
            !t.trim().is_empty()
        })
        .await;
    app.screenshot("first-run").await;

    // Change presence twice through the header, checking the platform each time, so the
    // test cannot pass on a presence that happened to be set already.
    let user_id = supervisor["id"].as_str().unwrap().to_owned();
    for (system, label) in [("Busy", "Busy"), ("Available", "Available")] {
        let trigger = d.find("[data-testid=presence-trigger]").await.unwrap();
        d.click(&trigger).await.unwrap();
        let option = d
            .wait_for(&format!("[data-testid=presence-option-{system}]"), UI_WAIT)
            .await;
        d.click(&option).await.unwrap();
        d.wait_text("[data-testid=presence-trigger]", UI_WAIT, |t| {
            t.contains(label)
        })
        .await;
        let deadline = Instant::now() + UI_WAIT;
        loop {
            let p = platform::get(
                &app.demo_base,
                &format!("/api/v2/users/{user_id}/presences/purecloud"),
            )
            .await;
            if p["presenceDefinition"]["systemPresence"] == system {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "platform presence never became {system}: {p}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    assert!(!presence.is_empty());
    app.screenshot("presence-available").await;

    // The overview shows the same person.
    let nav = d.find("[data-testid=nav-overview]").await.unwrap();
    d.click(&nav).await.unwrap();
    d.wait_text("[data-testid=overview-user-name]", UI_WAIT, |t| t == name)
        .await;
    app.screenshot("overview").await;
    app.close().await;
}
