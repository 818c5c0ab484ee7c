//! Routing reference data: queues, their members and wrap-up codes.

use std::collections::HashSet;

use cc_sim::{SimConfig, DEMO_SUPERVISOR_EMAIL};
use serde_json::Value;

use crate::common::*;

fn entities(r: &Reply) -> &Vec<Value> {
    r.body["entities"].as_array().unwrap()
}

fn names(r: &Reply) -> Vec<String> {
    entities(r)
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn queues_are_paged_sorted_and_filtered() {
    let sim = start().await;
    let token = client_token(&sim).await;
    let r = get(
        &sim,
        &token,
        "/api/v2/routing/queues?pageSize=4&pageNumber=2",
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let b = &r.body;
    assert_eq!(entities(&r).len(), 4);
    assert_eq!(
        (b["total"].as_u64(), b["pageCount"].as_u64()),
        (Some(10), Some(3))
    );
    assert_eq!(
        b["nextUri"],
        "/api/v2/routing/queues?pageSize=4&pageNumber=3"
    );
    assert_eq!(
        b["previousUri"],
        "/api/v2/routing/queues?pageSize=4&pageNumber=1"
    );
    assert_eq!(
        b["lastUri"],
        "/api/v2/routing/queues?pageSize=4&pageNumber=3"
    );

    let all = get(&sim, &token, "/api/v2/routing/queues?pageSize=100").await;
    let mut sorted = names(&all);
    assert_eq!(sorted.len(), 10);
    assert!(b.get("nextUri").is_some() && all.body.get("nextUri").is_none());
    let mut expected = sorted.clone();
    expected.sort_by_key(|n| n.to_lowercase());
    assert_eq!(sorted, expected, "ascending by name by default");
    for n in [
        "Sales",
        "Support Tier 1",
        "Soporte Español",
        "Digital Messaging",
    ] {
        assert!(sorted.contains(&n.to_string()), "{n} exists");
    }
    let desc = get(
        &sim,
        &token,
        "/api/v2/routing/queues?pageSize=100&sortOrder=desc",
    )
    .await;
    sorted.reverse();
    assert_eq!(names(&desc), sorted, "sortOrder=desc reverses");

    let support = get(&sim, &token, "/api/v2/routing/queues?name=Support*").await;
    assert_eq!(names(&support), ["Support Tier 1", "Support Tier 2"]);
    assert_eq!(support.body["total"], 2);
    let tier = get(&sim, &token, "/api/v2/routing/queues?name=*tier*").await;
    assert_eq!(tier.body["total"], 2);
    let exact = get(&sim, &token, "/api/v2/routing/queues?name=billing").await;
    assert_eq!(names(&exact), ["Billing"]);
    let none = get(&sim, &token, "/api/v2/routing/queues?name=Bill").await;
    assert_eq!(
        none.body["total"], 0,
        "without asterisks the name must match"
    );

    let ids: Vec<String> = entities(&all)
        .iter()
        .take(3)
        .map(|q| q["id"].as_str().unwrap().to_string())
        .collect();
    let by_id = get(
        &sim,
        &token,
        &format!("/api/v2/routing/queues?id={}%2C{}", ids[0], ids[2]),
    )
    .await;
    assert_eq!(by_id.body["total"], 2);
    let division = entities(&all)[0]["division"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let in_division = get(
        &sim,
        &token,
        &format!("/api/v2/routing/queues?pageSize=100&divisionId={division}"),
    )
    .await;
    let count = entities(&all)
        .iter()
        .filter(|q| q["division"]["id"] == division.as_str())
        .count();
    assert_eq!(in_division.body["total"], count);
    assert!(count > 0 && count < 10);

    assert_error_body(
        &get(&sim, &token, "/api/v2/routing/queues?pageSize=501").await,
        400,
        "bad.request",
    );
    assert_error_body(
        &get(&sim, &token, "/api/v2/routing/queues?sortOrder=sideways").await,
        400,
        "bad.request",
    );
    let anonymous = reply(
        http()
            .get(format!("{}/api/v2/routing/queues", sim.base_url()))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_error_body(&anonymous, 401, "authentication.required");
    sim.shutdown().await;
}

#[tokio::test]
async fn a_queue_has_the_sdk_fields_and_unknown_ones_are_404() {
    let sim = start().await;
    let token = user_token(&sim, DEMO_SUPERVISOR_EMAIL).await;
    let all = get(&sim, &token, "/api/v2/routing/queues?pageSize=100").await;
    let id = entities(&all)[0]["id"].as_str().unwrap().to_string();
    let r = get(&sim, &token, &format!("/api/v2/routing/queues/{id}")).await;
    assert_eq!(r.status, 200);
    let q = &r.body;
    assert_eq!(q, &entities(&all)[0], "the listing and the lookup agree");
    assert_eq!(q["selfUri"], format!("/api/v2/routing/queues/{id}"));
    assert_eq!(q["enableAudioMonitoring"], true);
    assert!(q["enableTranscription"].is_boolean());
    assert!(q["division"]["id"].is_string() && q["division"]["name"].is_string());
    for media in ["call", "callback", "chat", "email", "message"] {
        let m = &q["mediaSettings"][media];
        assert!(m["alertingTimeoutSeconds"].is_u64(), "{media}: {m}");
        assert!(m["serviceLevel"]["percentage"].is_f64(), "{media}: {m}");
        assert!(m["serviceLevel"]["durationMs"].is_u64(), "{media}: {m}");
    }
    assert!(q["acwSettings"]["wrapupPrompt"].is_string() && q["acwSettings"]["timeoutMs"].is_u64());
    assert!(["NONE", "BEST", "ALL"].contains(&q["skillEvaluationMethod"].as_str().unwrap()));
    assert!(q["dateCreated"].as_str().unwrap().ends_with('Z'));
    assert!(q["dateModified"].as_str().unwrap() > q["dateCreated"].as_str().unwrap());

    let missing = uuid::Uuid::new_v4();
    for path in [
        format!("/api/v2/routing/queues/{missing}"),
        format!("/api/v2/routing/queues/{missing}/members"),
        format!("/api/v2/routing/queues/{missing}/wrapupcodes"),
    ] {
        assert_error_body(&get(&sim, &token, &path).await, 404, "not.found");
    }
    assert_error_body(
        &get(&sim, &token, "/api/v2/routing/queues/not-a-uuid").await,
        400,
        "bad.request",
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn member_counts_agree_with_member_listings() {
    let sim = start().await;
    let token = client_token(&sim).await;
    let all = get(&sim, &token, "/api/v2/routing/queues?pageSize=100").await;
    let mut queues_per_agent = std::collections::HashMap::<String, usize>::new();
    for q in entities(&all) {
        let id = q["id"].as_str().unwrap();
        let member_count = q["memberCount"].as_u64().unwrap() as usize;
        assert!(member_count > 0, "{} has members", q["name"]);
        assert_eq!(q["userMemberCount"], q["memberCount"]);
        // Walk the pages the way a client does, by nextUri.
        let mut seen = HashSet::new();
        let mut joined = 0;
        let mut next = Some(format!("/api/v2/routing/queues/{id}/members?pageSize=7"));
        while let Some(uri) = next {
            let page = get(&sim, &token, &uri).await;
            assert_eq!(page.status, 200, "{}", page.body);
            assert!(
                page.body.get("total").is_none(),
                "the SDK model has no total"
            );
            for m in entities(&page) {
                let user_id = m["id"].as_str().unwrap().to_string();
                assert!(seen.insert(user_id.clone()), "no member twice");
                *queues_per_agent.entry(user_id).or_default() += 1;
                joined += usize::from(m["joined"] == true);
                assert_eq!(m["memberBy"], "user");
                assert_eq!(m["user"]["id"], m["id"]);
                assert_eq!(m["user"]["name"], m["name"]);
                assert_eq!(m["routingStatus"]["userId"], m["id"]);
                assert!(
                    ["IDLE", "OFF_QUEUE"].contains(&m["routingStatus"]["status"].as_str().unwrap())
                );
                assert!(m["ringNumber"].is_u64());
                assert!(
                    m["user"].get("presence").is_none(),
                    "expand only when asked"
                );
            }
            next = page.body["nextUri"].as_str().map(str::to_string);
        }
        assert_eq!(seen.len(), member_count, "memberCount of {}", q["name"]);
        assert_eq!(
            q["joinedMemberCount"], joined,
            "joinedMemberCount of {}",
            q["name"]
        );
        let only_joined = get(
            &sim,
            &token,
            &format!("/api/v2/routing/queues/{id}/members?pageSize=100&joined=true"),
        )
        .await;
        assert_eq!(entities(&only_joined).len(), joined);
    }
    // Agents only, most of them in 2 to 4 queues.
    let agents = sim.users().len() - 3;
    assert!(queues_per_agent.len() <= agents && queues_per_agent.len() > agents * 9 / 10);
    let typical = queues_per_agent
        .values()
        .filter(|n| (2..=4).contains(*n))
        .count();
    assert!(
        typical * 4 >= queues_per_agent.len() * 3,
        "{typical} typical"
    );

    let first = entities(&all)[0]["id"].as_str().unwrap().to_string();
    let expanded = get(
        &sim,
        &token,
        &format!("/api/v2/routing/queues/{first}/members?expand=presence%2CroutingStatus"),
    )
    .await;
    let m = &entities(&expanded)[0];
    assert!(
        m["user"]["presence"]["presenceDefinition"]["id"].is_string(),
        "{m}"
    );
    assert!(m["user"]["routingStatus"]["status"].is_string());
    let name = m["name"].as_str().unwrap();
    let last = name.split(' ').next_back().unwrap().to_lowercase();
    let by_name = get(
        &sim,
        &token,
        &format!("/api/v2/routing/queues/{first}/members?name={last}"),
    )
    .await;
    assert!(names(&by_name)
        .iter()
        .all(|n| n.to_lowercase().contains(&last)));
    assert!(names(&by_name).contains(&name.to_string()));
    assert_error_body(
        &get(
            &sim,
            &token,
            &format!("/api/v2/routing/queues/{first}/members?pageSize=101"),
        )
        .await,
        400,
        "bad.request",
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn wrapup_codes_are_listed_sorted_and_per_queue() {
    let sim = start().await;
    let token = client_token(&sim).await;
    let all = get(&sim, &token, "/api/v2/routing/wrapupcodes?pageSize=100").await;
    assert_eq!(all.status, 200);
    let total = all.body["total"].as_u64().unwrap() as usize;
    assert!((18..=25).contains(&total), "about 20 codes, got {total}");
    let listed = names(&all);
    for n in [
        "Resolved",
        "Follow-up required",
        "Sale completed",
        "Refund issued",
        "Wrong number",
    ] {
        assert!(listed.contains(&n.to_string()), "{n}");
    }
    let mut expected = listed.clone();
    expected.sort_by_key(|n| n.to_lowercase());
    assert_eq!(listed, expected);
    for c in entities(&all) {
        assert!(c["division"]["id"].is_string() && c["dateCreated"].is_string());
        assert_eq!(
            c["selfUri"],
            format!("/api/v2/routing/wrapupcodes/{}", c["id"].as_str().unwrap())
        );
    }
    let desc = get(
        &sim,
        &token,
        "/api/v2/routing/wrapupcodes?pageSize=100&sortOrder=descending",
    )
    .await;
    assert_eq!(
        names(&desc),
        listed.iter().rev().cloned().collect::<Vec<_>>()
    );
    let by_id = get(
        &sim,
        &token,
        "/api/v2/routing/wrapupcodes?pageSize=100&sortBy=id",
    )
    .await;
    let ids: Vec<&str> = entities(&by_id)
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "sorted by id");
    let paged = get(
        &sim,
        &token,
        "/api/v2/routing/wrapupcodes?pageSize=5&pageNumber=2",
    )
    .await;
    assert_eq!(names(&paged), listed[5..10]);
    assert_eq!(paged.body["pageCount"], total.div_ceil(5));
    let named = get(&sim, &token, "/api/v2/routing/wrapupcodes?name=Sale*").await;
    assert_eq!(names(&named), ["Sale completed"]);
    assert_error_body(
        &get(&sim, &token, "/api/v2/routing/wrapupcodes?pageSize=501").await,
        400,
        "bad.request",
    );

    let queues = get(&sim, &token, "/api/v2/routing/queues?name=Sales").await;
    let sales = entities(&queues)[0]["id"].as_str().unwrap().to_string();
    let offered = get(
        &sim,
        &token,
        &format!("/api/v2/routing/queues/{sales}/wrapupcodes?pageSize=100"),
    )
    .await;
    assert_eq!(offered.status, 200);
    let offered_names = names(&offered);
    assert!(offered_names.contains(&"Sale completed".to_string()));
    assert!(!offered_names.contains(&"Refund issued".to_string()));
    assert!(offered_names.len() < total);
    assert!(offered_names.iter().all(|n| listed.contains(n)));
    sim.shutdown().await;
}

#[tokio::test]
async fn the_seed_determines_the_routing_data() {
    async fn queues(seed: u64) -> Vec<(String, String, u64)> {
        let sim = start_with(SimConfig {
            seed,
            ..SimConfig::default()
        })
        .await;
        let token = client_token(&sim).await;
        let r = get(&sim, &token, "/api/v2/routing/queues?pageSize=100").await;
        sim.shutdown().await;
        entities(&r)
            .iter()
            .map(|q| {
                (
                    q["id"].as_str().unwrap().to_string(),
                    q["name"].as_str().unwrap().to_string(),
                    q["memberCount"].as_u64().unwrap(),
                )
            })
            .collect()
    }
    let (a, b, c) = (queues(11).await, queues(11).await, queues(12).await);
    assert_eq!(a, b, "same seed, same queues, ids and members");
    assert_ne!(
        a.iter().map(|q| &q.0).collect::<Vec<_>>(),
        c.iter().map(|q| &q.0).collect::<Vec<_>>(),
        "another seed, other ids"
    );
}

#[tokio::test]
async fn a_database_without_routing_data_gets_it_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sim.db");
    let config = SimConfig {
        seed: 9,
        db_path: Some(path.clone()),
        ..SimConfig::default()
    };
    let sim = start_with(config.clone()).await;
    let users = sim.users();
    sim.shutdown().await;
    // Make it look like a database of the previous version: 15 users, no routing tables.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "DROP TABLE queue_members; DROP TABLE queue_wrapup_codes; DROP TABLE user_routing;
         DROP TABLE teams; DROP TABLE queues; DROP TABLE wrapup_codes;
         DELETE FROM grants WHERE user_id IN (SELECT id FROM users WHERE ord >= 15);
         DELETE FROM user_presence WHERE user_id IN (SELECT id FROM users WHERE ord >= 15);
         DELETE FROM users WHERE ord >= 15;
         UPDATE user_presence SET message = 'kept';",
    )
    .unwrap();
    let left: i64 = conn
        .query_row("SELECT COUNT(*) FROM users", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 15);
    drop(conn);
    let sim = start_with(config).await;
    assert_eq!(sim.users(), users, "same users, ids and emails");
    let token = client_token(&sim).await;
    let r = get(&sim, &token, "/api/v2/routing/queues").await;
    assert_eq!(r.body["total"], 10);
    let sup = get(
        &sim,
        &token,
        &format!("/api/v2/users/{}/presences/purecloud", sim.supervisor().id),
    )
    .await;
    assert_eq!(
        sup.body["message"], "kept",
        "existing users keep their state"
    );
    sim.shutdown().await;
}
