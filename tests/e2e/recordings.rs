//! The recording player in the real app, on the demo contact center: play a call from its
//! row of the Interactions list, see the waveform drawn, click a sentiment marker and the
//! playhead goes there, drag across the waveform and it follows, and the keys work. The
//! marker's place comes from the simulator's own transcript, not from the app.

use crate::harness::{App, UI_WAIT};
use crate::platform;
use serde_json::{json, Value};
use std::time::Duration;

const READY_WAIT: Duration = Duration::from_secs(90);

/// The transcript phrases (start ms, speaker, sentiment) the simulator serves for a call.
async fn phrases_from_the_simulator(base: &str, conversation_id: &str) -> Vec<(u64, String, f64)> {
    let token = platform::service_token(base).await;
    let get = |url: String, bearer: bool| {
        let token = token.clone();
        async move {
            let mut request = reqwest::Client::new().get(url);
            if bearer {
                request = request.bearer_auth(token);
            }
            request.send().await.unwrap().json::<Value>().await.unwrap()
        }
    };
    let api = format!("{base}/api/v2");
    let recordings = get(
        format!("{api}/conversations/{conversation_id}/recordings?formatId=NONE"),
        true,
    )
    .await;
    let session = recordings[0]["sessionId"]
        .as_str()
        .expect("a recorded call")
        .to_string();
    let link = get(
        format!(
            "{api}/speechandtextanalytics/conversations/{conversation_id}/communications/{session}/transcripturl"
        ),
        true,
    )
    .await;
    // The transcript itself is a signed link: no token.
    let file = get(link["url"].as_str().unwrap().to_string(), false).await;
    let t = &file["transcripts"][0];
    t["analytics"]["sentiment"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let p = &t["phrases"][s["phraseIndex"].as_u64().unwrap() as usize];
            (
                p["offsetMs"].as_u64().unwrap(),
                p["participantPurpose"].as_str().unwrap().to_string(),
                s["sentiment"].as_f64().unwrap(),
            )
        })
        .collect()
}

/// Waits for the inline player to be ready; says where it stood if it never is.
async fn wait_ready(app: &App) {
    let started = std::time::Instant::now();
    loop {
        let state = app
            .driver
            .execute(
                "const p = document.querySelector('[data-testid=inline-player] [data-testid=recording-player]');
                 return p ? [p.dataset.stage, p.innerText] : [null, ''];",
                json!([]),
            )
            .await
            .unwrap();
        if state[0] == "ready" {
            return;
        }
        if started.elapsed() > READY_WAIT {
            app.screenshot("recording-inline-player-not-ready").await;
            panic!("the player never got ready: {state}");
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn slider(app: &App) -> (f64, f64) {
    let v = app
        .driver
        .execute(
            "const s = document.querySelector('[data-testid=player-waveform]');
             return [Number(s.getAttribute('aria-valuenow')), Number(s.getAttribute('aria-valuemax'))];",
            json!([]),
        )
        .await
        .unwrap();
    (v[0].as_f64().unwrap(), v[1].as_f64().unwrap())
}

/// Waits until the playhead (whole seconds) satisfies `ok`.
async fn wait_position(app: &App, what: &str, ok: impl Fn(f64) -> bool) -> f64 {
    for _ in 0..200 {
        let (now, _) = slider(app).await;
        if ok(now) {
            return now;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{what}: the playhead is at {} s", slider(app).await.0);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_call_plays_from_the_list_and_the_waveform_answers_pointer_and_keys() {
    let app = App::launch().await;
    let d = &app.driver;
    d.wait_for("[data-testid=interactions-screen]", UI_WAIT)
        .await;
    // Answered calls have recordings. Today may hold none yet (the demo's contact center
    // is closed at night): the last 7 days do.
    app.choose_period("Last 7 days").await;
    app.choose_in_filter("filter-state", "Answered").await;
    let play = d.wait_for("[data-testid=row-play]", UI_WAIT).await;
    let picked = d
        .execute(
            "const r = document.querySelector('[data-testid=row-play]')
                 .closest('[data-testid=interactions-row]');
             return [r.dataset.rowId, Number(r.getAttribute('aria-rowindex')) - 2];",
            json!([]),
        )
        .await
        .unwrap();
    let conversation_id = picked[0].as_str().expect("the row's id").to_string();
    // Its place in the list (aria-rowindex counts the header row and from 1).
    let row_index = picked[1].as_f64().expect("the row's index");
    // The button sits inside a row cell; a plain DOM click reaches it however the row is
    // scrolled or hovered.
    let _ = play;
    d.execute(
        "document.querySelector('[data-testid=row-play]').click();",
        json!([]),
    )
    .await
    .unwrap();
    wait_ready(&app).await;

    // The waveform is drawn: a good share of the static layer's pixels are painted.
    let painted = d
        .execute(
            "const c = document.querySelector('[data-testid=player-waveform] canvas');
             const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
             let n = 0;
             for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++;
             return n / (c.width * c.height);",
            json!([]),
        )
        .await
        .unwrap()
        .as_f64()
        .unwrap();
    assert!(
        painted > 0.05,
        "only {:.1}% of the waveform is painted",
        painted * 100.0
    );
    app.screenshot("recording-inline-player").await;

    // A sentiment marker, placed from the simulator's transcript: the compact player shows
    // the whole call; markers sit 8 px into their speaker's lane (customer on top).
    let phrases = phrases_from_the_simulator(&app.demo_base, &conversation_id).await;
    let (_, duration_s) = slider(&app).await;
    let wave = d
        .find("[data-testid=inline-player] [data-testid=player-waveform]")
        .await
        .unwrap();
    let (width, height) = {
        let r = d
            .execute(
                "const r = arguments[0].getBoundingClientRect(); return [r.width, r.height];",
                json!([{"element-6066-11e4-a52e-4f735466cecf": wave_id(&wave)}]),
            )
            .await
            .unwrap();
        (r[0].as_f64().unwrap(), r[1].as_f64().unwrap())
    };
    let lane = (height - 12.0 - 16.0) / 2.0;
    // One well inside the view and clear of its neighbours, so the click is unambiguous.
    let px_per_ms = width / (duration_s * 1000.0);
    let (start_ms, speaker, _) = phrases
        .iter()
        .filter(|(at, _, _)| {
            *at as f64 * px_per_ms > 40.0 && (*at as f64 * px_per_ms) < width - 40.0
        })
        .find(|(at, who, _)| {
            phrases
                .iter()
                .filter(|(b, w, _)| w == who && b != at)
                .all(|(b, _, _)| (*b as f64 - *at as f64).abs() * px_per_ms > 20.0)
        })
        .cloned()
        .expect("a sentiment marker with room around it");
    let y = 12.0 + if speaker == "internal" { lane } else { 0.0 } + 8.0;
    let x = start_ms as f64 * px_per_ms;
    // Paused, so the playhead stays where the click puts it.
    d.keys(&wave, "k").await.unwrap();
    // A pointer move can go unseen while the player is still laying out (its transcript
    // and bands arrive after the audio): move off and back until the tooltip answers.
    let mut tip = None;
    for attempt in 0..20 {
        let off = if attempt % 2 == 0 { 0.0 } else { 15.0 };
        d.hover(&wave, (x + off, y)).await.unwrap();
        d.hover(&wave, (x, y)).await.unwrap();
        tokio::time::sleep(Duration::from_millis(250)).await;
        if let Ok(found) = d.find("[data-testid=player-tooltip]").await {
            tip = Some(found);
            break;
        }
    }
    let tip = tip.expect("hovering a sentiment marker shows its tooltip");
    let tip = d.text(&tip).await.unwrap();
    assert!(
        tip.contains("Negative") || tip.contains("Positive") || tip.contains("Neutral"),
        "the marker's tooltip: {tip:?}"
    );
    d.drag(&wave, &[(x, y)]).await.unwrap();
    let want = start_ms as f64 / 1000.0;
    wait_position(&app, "after clicking the marker", |s| {
        (s - want).abs() <= 1.0
    })
    .await;

    // Dragging across the waveform: the playhead ends where the pointer let go.
    let mid = y + lane / 2.0;
    let points: Vec<(f64, f64)> = (0..=8)
        .map(|i| (width * (0.2 + 0.05 * f64::from(i)), mid))
        .collect();
    d.drag(&wave, &points).await.unwrap();
    let want = duration_s * 0.6;
    wait_position(&app, "after dragging", |s| {
        (s - want).abs() <= duration_s * 0.02 + 1.0
    })
    .await;

    // Keys on the focused waveform: Home, End, and → for five seconds on.
    d.keys(&wave, "\u{E011}").await.unwrap();
    wait_position(&app, "after Home", |s| s <= 0.5).await;
    d.keys(&wave, "\u{E014}").await.unwrap();
    wait_position(&app, "after →", |s| (s - 5.0).abs() <= 1.0).await;
    d.keys(&wave, "\u{E010}").await.unwrap();
    wait_position(&app, "after End", |s| s >= duration_s - 1.0).await;
    // Space plays from the start after Home.
    d.keys(&wave, "\u{E011} ").await.unwrap();
    wait_position(&app, "playing after Space", |s| {
        s >= 1.0 && s < duration_s - 1.0
    })
    .await;
    app.screenshot("recording-inline-player-playing").await;

    // The same call's panel: the player with its transcript beside it.
    // The row of the call that plays, scrolled to first: with the player docked below,
    // the table is shorter and the row may be past the rows it draws.
    let row = format!("[data-testid=interactions-row][data-row-id='{conversation_id}']");
    // Where it was first, then down the list from the top: calls that ended meanwhile may
    // have moved it.
    let mut shown = false;
    for step in 0..80 {
        let top = if step == 0 {
            (row_index - 3.0).max(0.0) * 36.0
        } else {
            f64::from(step - 1) * 360.0
        };
        d.execute(
            "document.querySelector('[data-testid=interactions-table]').scrollTop = arguments[0];",
            json!([top]),
        )
        .await
        .unwrap();
        tokio::time::sleep(Duration::from_millis(150)).await;
        if d.find(&row).await.is_ok() {
            shown = true;
            break;
        }
    }
    assert!(shown, "the playing call's row is in the list");
    d.execute(
        "document.querySelector(arguments[0])
          .dispatchEvent(new MouseEvent('dblclick', {bubbles: true}));",
        json!([row]),
    )
    .await
    .unwrap();
    d.wait_for(
        "[data-testid=interaction-panel] [data-testid=recording-player][data-stage=ready]",
        READY_WAIT,
    )
    .await;
    let phrases_shown = d
        .execute(
            "return document.querySelectorAll('[data-testid=interaction-panel] [data-testid=transcript-phrase]').length;",
            json!([]),
        )
        .await
        .unwrap();
    assert!(phrases_shown.as_u64().unwrap() >= 4, "{phrases_shown}");
    app.screenshot("recording-panel").await;
    app.close().await;
}

fn wave_id(e: &crate::webdriver::Element) -> String {
    e.id().to_string()
}
