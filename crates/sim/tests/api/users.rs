//! Users: listing and paging, lookups, `users/me` expansions, the seeded organization.

use std::collections::HashSet;

use cc_sim::{SimConfig, DEMO_SUPERVISOR_EMAIL};
use serde_json::Value;

use crate::common::*;

#[tokio::test]
async fn users_are_paged_with_the_genesys_envelope() {
    let sim = start().await;
    let token = client_token(&sim).await;
    let r = get(&sim, &token, "/api/v2/users?pageSize=4&pageNumber=2").await;
    assert_eq!(r.status, 200);
    let b = &r.body;
    assert_eq!(b["entities"].as_array().unwrap().len(), 4);
    assert_eq!(
        (b["pageSize"].as_u64(), b["pageNumber"].as_u64()),
        (Some(4), Some(2))
    );
    assert_eq!(
        (b["total"].as_u64(), b["pageCount"].as_u64()),
        (Some(60), Some(15))
    );
    assert_eq!(b["firstUri"], "/api/v2/users?pageSize=4&pageNumber=1");
    assert_eq!(b["selfUri"], "/api/v2/users?pageSize=4&pageNumber=2");
    assert_eq!(b["previousUri"], "/api/v2/users?pageSize=4&pageNumber=1");
    assert_eq!(b["nextUri"], "/api/v2/users?pageSize=4&pageNumber=3");
    assert_eq!(b["lastUri"], "/api/v2/users?pageSize=4&pageNumber=15");

    // Following nextUri visits every user exactly once.
    let mut seen = HashSet::new();
    let mut next = Some("/api/v2/users?pageSize=4&pageNumber=1".to_string());
    while let Some(uri) = next {
        let page = get(&sim, &token, &uri).await.body;
        for u in page["entities"].as_array().unwrap() {
            assert!(
                seen.insert(u["id"].as_str().unwrap().to_string()),
                "no user twice"
            );
        }
        next = page["nextUri"].as_str().map(str::to_string);
    }
    assert_eq!(seen.len(), 60);
    assert_eq!(seen, sim.users().into_iter().map(|u| u.id).collect());

    assert_error_body(
        &get(&sim, &token, "/api/v2/users?pageSize=0").await,
        400,
        "bad.request",
    );
    assert_error_body(
        &get(&sim, &token, "/api/v2/users?pageSize=x").await,
        400,
        "bad.request",
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn user_fields_follow_the_sdk_model() {
    let sim = start().await;
    let token = client_token(&sim).await;
    let sup = sim.supervisor();
    let r = get(&sim, &token, &format!("/api/v2/users/{}", sup.id)).await;
    assert_eq!(r.status, 200);
    let u = &r.body;
    assert_eq!(u["selfUri"], format!("/api/v2/users/{}", sup.id));
    assert_eq!(
        (u["name"].as_str(), u["email"].as_str()),
        (Some(sup.name.as_str()), Some(DEMO_SUPERVISOR_EMAIL))
    );
    assert_eq!(u["state"], "active");
    assert!(u["division"]["id"].is_string() && u["division"]["selfUri"].is_string());
    assert_eq!(u["primaryContactInfo"][0]["mediaType"], "EMAIL");
    assert!(u["title"].is_string() && u["department"].is_string() && u["version"].is_number());
    assert!(
        u.get("presence").is_none(),
        "expansions only when asked for"
    );

    let agent = sim.users().into_iter().last().unwrap();
    let a = get(&sim, &token, &format!("/api/v2/users/{}", agent.id))
        .await
        .body;
    assert!(a["manager"]["id"].is_string(), "agents have a manager");

    let missing = uuid::Uuid::new_v4();
    assert_error_body(
        &get(&sim, &token, &format!("/api/v2/users/{missing}")).await,
        404,
        "not.found",
    );
    assert_error_body(
        &get(&sim, &token, "/api/v2/users/not-a-uuid").await,
        400,
        "bad.request",
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn comma_lists_are_split_after_url_decoding() {
    let sim = start().await;
    let token = user_token(&sim, DEMO_SUPERVISOR_EMAIL).await;
    let me = get(
        &sim,
        &token,
        "/api/v2/users/me?expand=presence%2CroutingStatus%2Cauthorization",
    )
    .await;
    assert_eq!(me.status, 200);
    let b = &me.body;
    assert!(
        b["presence"]["presenceDefinition"]["systemPresence"].is_string(),
        "{b}"
    );
    assert!(["IDLE", "OFF_QUEUE"].contains(&b["routingStatus"]["status"].as_str().unwrap()));
    assert_eq!(b["routingStatus"]["userId"], b["id"]);
    let permissions: Vec<&str> = b["authorization"]["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    for p in [
        "conversation:call:monitor",
        "conversation:message:monitor",
        "analytics:conversationDetail:view",
        "routing:queue:view",
        "recording:recording:view",
        "presence:presenceDefinition:view",
    ] {
        assert!(permissions.contains(&p), "supervisors hold {p}");
    }
    assert_eq!(b["authorization"]["unusedRoles"], serde_json::json!([]));
    assert!(b["authorization"]["roles"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["name"] == "Supervisor"));

    let ids: Vec<String> = sim.users().into_iter().take(3).map(|u| u.id).collect();
    let listing = get(
        &sim,
        &token,
        &format!("/api/v2/users?id={}%2C{}&expand=presence", ids[1], ids[2]),
    )
    .await;
    let got: Vec<&Value> = listing.body["entities"]
        .as_array()
        .unwrap()
        .iter()
        .collect();
    assert_eq!(got.len(), 2, "exactly the listed ids");
    assert!(got
        .iter()
        .all(|u| ids[1..].contains(&u["id"].as_str().unwrap().to_string())));
    assert!(
        got.iter().all(|u| u["presence"].is_object()),
        "expand applies to listings"
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn users_me_offers_its_own_expansions() {
    let sim = start().await;
    let token = user_token(&sim, DEMO_SUPERVISOR_EMAIL).await;
    let me = get(
        &sim,
        &token,
        "/api/v2/users/me?expand=organization,presencedefinitions,date,token",
    )
    .await;
    let b = &me.body;
    assert_eq!(b["organization"]["name"], "Demo Contact Center");
    assert_eq!(b["presenceDefinitions"].as_array().unwrap().len(), 10);
    assert!(b["date"]["currentDate"].as_str().unwrap().ends_with('Z'));
    assert_eq!(b["token"]["OAuthClient"]["authorizedGrantType"], "PASSWORD");

    let subject = get(&sim, &token, "/api/v2/authorization/subjects/me")
        .await
        .body;
    assert_eq!(subject["id"], b["id"]);
    let grant = &subject["grants"][0];
    assert_eq!(grant["subjectId"], b["id"]);
    assert!(grant["division"]["id"].is_string() && grant["role"]["name"].is_string());
    assert!(grant["grantMadeAt"].is_string());
    sim.shutdown().await;
}

#[tokio::test]
async fn the_seed_determines_the_organization() {
    let ids = |sim: &cc_sim::SimHandle| {
        sim.users()
            .into_iter()
            .map(|u| (u.id, u.email))
            .collect::<Vec<_>>()
    };
    let seeded = |seed| {
        start_with(SimConfig {
            seed,
            ..SimConfig::default()
        })
    };
    let (a, b, c) = (seeded(5).await, seeded(5).await, seeded(6).await);
    assert_eq!(ids(&a), ids(&b), "same seed, same users and ids");
    assert_ne!(ids(&a), ids(&c), "another seed, another organization");
    assert_eq!(a.users().len(), 60, "57 agents, 2 supervisors, 1 admin");
    assert_eq!(a.supervisor().email, DEMO_SUPERVISOR_EMAIL);
    for u in a.users() {
        assert!(
            u.email.ends_with("@demo.example") && u.email.contains('.'),
            "{}",
            u.email
        );
    }
    let demo = reply(
        http()
            .get(format!("{}/sim/v1/demo", a.base_url()))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(demo.body["users"].as_array().unwrap().len(), 60);
    assert_eq!(demo.body["clients"].as_array().unwrap().len(), 2);
    for sim in [a, b, c] {
        sim.shutdown().await;
    }
}
