//! The Interactions list in the real app: filter, hide and show columns, save as a view,
//! export the rows and compare them with the simulator, restart and find the view again.

use crate::harness::{App, UI_WAIT};
use crate::platform;
use serde_json::{json, Value};
use std::collections::HashSet;
use std::path::Path;
use std::time::Duration;

/// Clicks the choice labelled `text` in the open filter popover.
async fn headers(app: &App) -> Vec<String> {
    let v = app
        .driver
        .execute(
            "return [...document.querySelectorAll('[data-testid^=column-header-]')]
                .map(h => h.dataset.testid.replace('column-header-', ''));",
            json!([]),
        )
        .await
        .unwrap();
    serde_json::from_value(v).unwrap()
}

/// Waits until the list has finished loading and shows `n` interactions. Waiting for the
/// number (not just "Updated") keeps a test from reading the previous load's status.
async fn wait_count(app: &App, n: usize) {
    // Digits as the person's locale groups them ("1,004", "1.004", "1 004"): grouped
    // whatever the session's locale, even a C one, which groups none.
    let shows_n = |t: &str| {
        let Some(number) = t
            .strip_suffix(" interactions")
            .or_else(|| t.strip_suffix(" interaction"))
        else {
            return false;
        };
        let digits: String = number.chars().filter(char::is_ascii_digit).collect();
        let grouped = number.chars().count() > digits.len();
        digits == n.to_string() && grouped == (n >= 1000) && (t.ends_with('s') == (n != 1))
    };
    app.driver
        .wait_text("[data-testid=interactions-count]", UI_WAIT, shows_n)
        .await;
    app.driver
        .wait_text("[data-testid=load-status]", UI_WAIT, |t| {
            t.starts_with("Updated")
        })
        .await;
}

/// The voice interactions of the last 7 days (from local midnight six days ago), from the
/// simulator's own API: a conversation's channel is its customer's first session.
async fn voice_this_week_from_the_simulator(base: &str) -> HashSet<String> {
    let token = platform::service_token(base).await;
    let midnight = (chrono::Local::now().date_naive() - chrono::Duration::days(6))
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_local_timezone(chrono::Local)
        .earliest()
        .unwrap()
        .with_timezone(&chrono::Utc);
    let now = chrono::Utc::now() + chrono::Duration::minutes(1);
    let iso =
        |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let mut ids = HashSet::new();
    for page in 1.. {
        let body: Value = reqwest::Client::new()
            .post(format!(
                "{base}/api/v2/analytics/conversations/details/query"
            ))
            .bearer_auth(&token)
            .json(
                &json!({"interval": format!("{}/{}", iso(midnight), iso(now)),
                          "paging": {"pageSize": 100, "pageNumber": page}}),
            )
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let Some(convs) = body["conversations"].as_array().filter(|c| !c.is_empty()) else {
            break;
        };
        for c in convs {
            let customer_media = c["participants"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["purpose"] == "customer" || p["purpose"] == "external")
                .and_then(|p| p["sessions"][0]["mediaType"].as_str().map(str::to_owned));
            let start =
                chrono::DateTime::parse_from_rfc3339(c["conversationStart"].as_str().unwrap())
                    .unwrap();
            if customer_media.as_deref() == Some("voice") && start >= midnight {
                ids.insert(c["conversationId"].as_str().unwrap().to_owned());
            }
        }
    }
    ids
}

/// Points the XDG Downloads folder of the app's profile at `dir`.
fn set_downloads(profile: &Path, dir: &Path) {
    let config = profile.join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        config.join("user-dirs.dirs"),
        format!("XDG_DOWNLOAD_DIR=\"{}\"\n", dir.display()),
    )
    .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn filter_save_a_view_export_it_and_find_it_after_a_restart() {
    let profile = tempfile::Builder::new()
        .prefix("sc-e2e-")
        .tempdir()
        .unwrap();
    let downloads = profile.path().join("downloads");
    set_downloads(profile.path(), &downloads);
    let app = App::launch_on(profile).await;
    let d = &app.driver;
    d.wait_for("[data-testid=interactions-screen]", UI_WAIT)
        .await;
    d.wait_text("[data-testid=load-status]", UI_WAIT, |t| {
        t.starts_with("Updated")
    })
    .await;
    app.screenshot("interactions-today").await;

    // Filter: the last 7 days (the whole demo history, whatever the time of day), voice only.
    app.choose_period("Last 7 days").await;
    app.choose_in_filter("filter-channel", "Voice").await;
    let expected = voice_this_week_from_the_simulator(&app.demo_base).await;
    assert!(
        expected.len() > 20,
        "the demo has voice interactions: {}",
        expected.len()
    );
    wait_count(&app, expected.len()).await;

    // Hide CSAT, show the wrap-up note; the conversation id cannot be hidden.
    let chooser = d.find("[data-testid=column-chooser]").await.unwrap();
    d.click(&chooser).await.unwrap();
    let csat = d
        .wait_for("[data-testid=column-toggle-csat]", UI_WAIT)
        .await;
    d.click(&csat).await.unwrap();
    let note = d
        .wait_for("[data-testid=column-toggle-wrapUpNote]", UI_WAIT)
        .await;
    d.click(&note).await.unwrap();
    let id_toggle = d
        .find("[data-testid=column-toggle-conversationId]")
        .await
        .unwrap();
    assert_eq!(
        d.attribute(&id_toggle, "disabled")
            .await
            .unwrap()
            .as_deref(),
        Some("true")
    );
    app.press_escape().await;
    let shown = headers(&app).await;
    assert!(!shown.contains(&"csat".to_string()), "{shown:?}");
    assert!(shown.contains(&"wrapUpNote".to_string()), "{shown:?}");
    assert_eq!(shown[0], "conversationId");

    // Save as a new view.
    let save_as = d.find("[data-testid=view-save-as]").await.unwrap();
    d.click(&save_as).await.unwrap();
    let name = d.wait_for("[data-testid=view-name-input]", UI_WAIT).await;
    d.type_text(&name, "Voice this week, notes").await.unwrap();
    let submit = d.find("[data-testid=view-name-submit]").await.unwrap();
    d.click(&submit).await.unwrap();
    d.wait_inner_text("[data-testid=view-picker]", UI_WAIT, |t| {
        t.contains("Voice this week, notes")
    })
    .await;
    app.screenshot("interactions-saved-view").await;

    // Export, and compare the file with the simulator.
    let export = d.find("[data-testid=export-csv]").await.unwrap();
    d.click(&export).await.unwrap();
    d.wait_for("[data-testid=export-notice]", UI_WAIT).await;
    let file = std::fs::read_dir(&downloads)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "csv"))
        .expect("a CSV in the Downloads folder");
    assert!(file
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("Voice this week_ notes"));
    let csv = std::fs::read_to_string(&file).unwrap();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(header[0], "Conversation ID");
    assert!(
        header.contains(&"Wrap-up note") && !header.contains(&"CSAT"),
        "{header:?}"
    );
    let channel_col = header
        .iter()
        .position(|h| *h == "Channel")
        .expect("a Channel column");
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let exported: HashSet<String> = rows.iter().map(|r| r[0].to_string()).collect();
    assert_eq!(
        exported, expected,
        "the export holds exactly the simulator's rows"
    );
    assert!(rows.iter().all(|r| r[channel_col] == "Voice"));
    // Each row's creation date and time are the simulator's start, in local time.
    let date_col = header.iter().position(|h| *h == "Created date").unwrap();
    let time_col = header.iter().position(|h| *h == "Created time").unwrap();
    let sample: Vec<&Vec<&str>> = rows.iter().take(5).collect();
    for r in sample {
        let c = platform::get(
            &app.demo_base,
            &format!("/api/v2/analytics/conversations/{}/details", r[0]),
        )
        .await;
        let start = chrono::DateTime::parse_from_rfc3339(c["conversationStart"].as_str().unwrap())
            .unwrap()
            .with_timezone(&chrono::Local);
        assert_eq!(r[date_col], start.format("%Y-%m-%d").to_string());
        assert_eq!(r[time_col], start.format("%H:%M:%S").to_string());
    }

    // Restart: the view is there, chosen, with its columns.
    let profile = app.close().await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let app = App::launch_on(profile).await;
    let d = &app.driver;
    d.wait_for("[data-testid=interactions-screen]", UI_WAIT)
        .await;
    d.wait_inner_text("[data-testid=view-picker]", UI_WAIT, |t| {
        t.contains("Voice this week, notes")
    })
    .await;
    // The demo draws its live conversations afresh at each start: ask it again.
    let expected_now = voice_this_week_from_the_simulator(&app.demo_base).await;
    wait_count(&app, expected_now.len()).await;
    let shown = headers(&app).await;
    assert!(
        !shown.contains(&"csat".to_string()) && shown.contains(&"wrapUpNote".to_string()),
        "{shown:?}"
    );
    app.screenshot("interactions-after-restart").await;

    // Keyboard: arrow down selects the next row.
    let table = d.find("[data-testid=interactions-table]").await.unwrap();
    d.click(&table).await.unwrap();
    d.keys(&table, "\u{E015}\u{E015}").await.unwrap();
    let selected = d
        .execute(
            "return document.querySelectorAll('[data-testid=interactions-row][aria-selected=true]').length;",
            json!([]),
        )
        .await
        .unwrap();
    assert_eq!(selected, json!(1));
    app.close().await;
}
