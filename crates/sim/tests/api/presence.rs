//! Presence definitions and user presence, including persistence across restarts.

use cc_sim::{SimConfig, SimHandle, DEMO_SUPERVISOR_EMAIL};
use serde_json::{json, Value};

use crate::common::*;

const SYSTEM_PRESENCES: [&str; 10] = [
    "Available",
    "Away",
    "Busy",
    "Offline",
    "Idle",
    "OnQueue",
    "Meal",
    "Training",
    "Meeting",
    "Break",
];

/// The id of the definition with this system presence.
async fn definition_id(sim: &SimHandle, token: &str, system: &str) -> String {
    let list = get(sim, token, "/api/v2/presence/definitions").await.body;
    list["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["systemPresence"] == system)
        .and_then(|d| d["id"].as_str())
        .unwrap()
        .to_string()
}

async fn patch_presence(sim: &SimHandle, token: &str, user_id: &str, body: Value) -> Reply {
    let response = http()
        .patch(format!(
            "{}/api/v2/users/{user_id}/presences/purecloud",
            sim.base_url()
        ))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    reply(response).await
}

#[tokio::test]
async fn definitions_list_the_system_presences() {
    let sim = start().await;
    let token = client_token(&sim).await;
    let current = get(&sim, &token, "/api/v2/presence/definitions").await.body;
    assert_eq!(current["total"], 10);
    assert!(
        current.get("pageSize").is_none(),
        "the current API has no paging block"
    );
    let entities = current["entities"].as_array().unwrap();
    let systems: Vec<&str> = entities
        .iter()
        .map(|d| d["systemPresence"].as_str().unwrap())
        .collect();
    assert_eq!(systems, SYSTEM_PRESENCES);
    let on_queue = entities
        .iter()
        .find(|d| d["systemPresence"] == "OnQueue")
        .unwrap();
    assert_eq!(on_queue["languageLabels"]["en_US"], "On Queue");
    assert_eq!(on_queue["type"], "System");
    assert_eq!(on_queue["deactivated"], false);
    let id = on_queue["id"].as_str().unwrap();
    assert!(uuid::Uuid::parse_str(id).is_ok(), "org-specific uuid ids");
    let one = get(&sim, &token, &format!("/api/v2/presence/definitions/{id}")).await;
    assert_eq!(one.body, *on_queue);

    let legacy = get(&sim, &token, "/api/v2/presencedefinitions?pageSize=4")
        .await
        .body;
    assert_eq!(
        (legacy["total"].as_u64(), legacy["pageCount"].as_u64()),
        (Some(10), Some(3))
    );
    assert_eq!(legacy["entities"][0]["systemPresence"], "Available");
    assert_eq!(legacy["entities"][0]["primary"], true);
    assert_eq!(
        legacy["nextUri"],
        "/api/v2/presencedefinitions?pageSize=4&pageNumber=2"
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn presence_patch_persists() {
    let sim = start().await;
    let token = user_token(&sim, DEMO_SUPERVISOR_EMAIL).await;
    let me = sim.supervisor().id;
    let on_queue = definition_id(&sim, &token, "OnQueue").await;

    let patched = patch_presence(
        &sim,
        &token,
        &me,
        json!({"presenceDefinition": {"id": on_queue}, "message": "back"}),
    )
    .await;
    assert_eq!(patched.status, 200, "{}", patched.body);
    assert_eq!(
        patched.body["presenceDefinition"]["systemPresence"],
        "OnQueue"
    );
    assert_eq!(patched.body["message"], "back");
    assert_eq!(patched.body["source"], "PURECLOUD");
    assert_eq!(
        patched.body["selfUri"],
        format!("/api/v2/users/{me}/presences/purecloud")
    );

    let read = get(
        &sim,
        &token,
        &format!("/api/v2/users/{me}/presences/purecloud"),
    )
    .await;
    assert_eq!(read.body["presenceDefinition"]["id"], on_queue.as_str());
    let status = get(&sim, &token, &format!("/api/v2/users/{me}/routingstatus")).await;
    assert_eq!(
        status.body["status"], "IDLE",
        "On Queue without interactions is IDLE"
    );

    let bad = patch_presence(
        &sim,
        &token,
        &me,
        json!({"presenceDefinition": {"id": uuid::Uuid::new_v4()}}),
    )
    .await;
    assert_error_body(&bad, 400, "bad.request");
    let missing = patch_presence(&sim, &token, &me, json!({"message": "no definition"})).await;
    assert_error_body(&missing, 400, "bad.request");
    let nobody = patch_presence(
        &sim,
        &token,
        &uuid::Uuid::new_v4().to_string(),
        json!({"presenceDefinition": {"id": on_queue}}),
    )
    .await;
    assert_error_body(&nobody, 404, "not.found");
    sim.shutdown().await;
}

#[tokio::test]
async fn presence_survives_a_restart_on_the_same_database() {
    let dir = tempfile::tempdir().unwrap();
    let config = SimConfig {
        db_path: Some(dir.path().join("sim.db")),
        ..SimConfig::default()
    };
    let sim = start_with(config.clone()).await;
    let token = client_token(&sim).await;
    let user = sim.users()[5].clone();
    let meal = definition_id(&sim, &token, "Meal").await;
    let r = patch_presence(
        &sim,
        &token,
        &user.id,
        json!({"presenceDefinition": {"id": meal}, "message": "lunch"}),
    )
    .await;
    assert_eq!(r.status, 200);
    sim.shutdown().await;

    // A different seed must not matter: the stored organization is reused as it is.
    let again = start_with(SimConfig { seed: 99, ..config }).await;
    assert_eq!(again.users()[5], user, "same organization after restart");
    let token = client_token(&again).await;
    let read = get(
        &again,
        &token,
        &format!("/api/v2/users/{}/presences/purecloud", user.id),
    )
    .await;
    assert_eq!(read.body["presenceDefinition"]["id"], meal.as_str());
    assert_eq!(read.body["message"], "lunch");
    again.shutdown().await;
}
