//! The fake over real HTTP and a real WebSocket: the gateway handshake, an interaction's
//! round trip, Discord's refusals and injected failures.

mod common;

use std::time::Duration;

use common::{identify, receive, send, Api};
use fake_discord::{Config, World};
use reqwest::Method;
use serde_json::{json, Value};
use serenity::model::application::Interaction;

const GUILD_MESSAGES_AND_CONTENT: u64 = (1 << 9) | (1 << 12) | (1 << 15);

#[tokio::test]
async fn gateway_handshake_heartbeat_and_resume() {
    let fake = common::start(Config::default()).await;
    let api = Api::new(&fake);
    let (status, gateway) = api.call(Method::GET, "/api/v10/gateway", None).await;
    assert_eq!(status, 200);
    assert_eq!(gateway["url"], format!("ws://{}/gateway", fake.addr()));

    let (mut socket, ready) = identify(&fake, Some([0, 1]), GUILD_MESSAGES_AND_CONTENT).await;
    assert_eq!(ready["s"], 1);
    assert_eq!(ready["d"]["application"]["id"], "1000");
    assert_eq!(ready["d"]["shard"], json!([0, 1]));
    assert_eq!(api.get("/_fake/gateway").await, json!({ "sessions": 1, "identified": 1, "resumed": 0 }));

    send(&mut socket, json!({ "op": 1, "d": 1 })).await;
    assert_eq!(receive(&mut socket).await["op"], 11, "a heartbeat is acknowledged");

    let session_id = ready["d"]["session_id"].as_str().unwrap().to_owned();
    drop(socket);
    while api.get("/_fake/gateway").await["identified"] != 0 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // Sent while the session is away: a RESUME gets it first, then RESUMED, as from Discord.
    let away =
        json!({ "channel_id": "5000", "guild_id": "2000", "author_id": "6000", "content": "while you were away" });
    assert_eq!(api.post("/_fake/messages", away).await.0, 200);
    let url = format!("ws://{}/gateway?v=10", fake.addr());
    let (mut resumed, _) = tokio_tungstenite::connect_async(&url).await.unwrap();
    assert_eq!(receive(&mut resumed).await["op"], 10);
    let resume = json!({ "op": 6, "d": { "token": "Bot t", "session_id": session_id, "seq": 1 } });
    send(&mut resumed, resume).await;
    let missed = receive(&mut resumed).await;
    assert_eq!((missed["t"].clone(), missed["s"].clone()), (json!("MESSAGE_CREATE"), json!(2)), "{missed}");
    assert_eq!(missed["d"]["content"], "while you were away");
    assert_eq!(receive(&mut resumed).await["t"], "RESUMED");
    assert_eq!(api.get("/_fake/gateway").await["resumed"], 1);

    let (mut stranger, _) = tokio_tungstenite::connect_async(&url).await.unwrap();
    receive(&mut stranger).await;
    let resume = json!({ "op": 6, "d": { "token": "Bot t", "session_id": "nope", "seq": 1 } });
    send(&mut stranger, resume).await;
    assert_eq!(receive(&mut stranger).await["op"], 9, "an unknown session is invalid");
}

#[tokio::test]
async fn an_interaction_goes_out_on_the_gateway_and_its_answer_is_recorded() {
    let fake = common::start(Config::default()).await;
    let api = Api::new(&fake);
    let (mut socket, _) = identify(&fake, None, 0).await;

    let ask = json!({
        "command": "ask", "options": { "question": "how do I opt out?" },
        "user_id": "6000", "guild_id": "2000", "channel_id": "5000", "locale": "en-US",
    });
    let (status, created) = api.post("/_fake/interactions", ask).await;
    assert_eq!(status, 200, "{created}");
    let id = created["id"].as_str().unwrap().to_owned();
    let token = created["token"].as_str().unwrap().to_owned();

    let event = receive(&mut socket).await;
    assert_eq!((event["t"].clone(), event["s"].clone()), (json!("INTERACTION_CREATE"), json!(2)));
    let interaction: Interaction = serde_json::from_value(event["d"].clone()).unwrap();
    let Interaction::Command(command) = interaction else { panic!("expected a command") };
    assert_eq!((command.id.to_string(), command.token.clone()), (id.clone(), token.clone()));

    api.call(Method::DELETE, "/_fake/requests", None).await;
    let callback = format!("/api/v10/interactions/{id}/{token}/callback");
    let answer = json!({ "type": 4, "data": { "content": "Go to Settings.", "flags": 64 } });
    let (status, _) = api.post(&callback, answer.clone()).await;
    assert_eq!(status, 204);

    let requests = api.get("/_fake/requests").await;
    assert_eq!(requests, json!([{ "method": "POST", "path": callback, "body": answer, "status": 204 }]));
    let state = api.get(&format!("/_fake/interactions/{id}")).await;
    assert_eq!((state["responded"].clone(), state["response_type"].clone()), (json!(true), json!(4)));
    assert_eq!(state["original_message"]["content"], "Go to Settings.");
    assert_eq!(state["original_message"]["ephemeral"], true);
    let messages = api.get("/_fake/messages").await;
    assert_eq!(messages[0]["interaction_id"], json!(id));

    let (status, refused) = api.post(&callback, answer).await;
    assert_eq!((status, refused["code"].clone()), (400, json!(40060)));
}

#[tokio::test]
async fn a_late_first_answer_is_an_unknown_interaction() {
    let fake = common::start(Config { interaction_timeout: Duration::from_millis(100) }).await;
    let api = Api::new(&fake);
    let (_, created) = api.post("/_fake/interactions", json!({ "command": "ask", "guild_id": "2000" })).await;
    tokio::time::sleep(Duration::from_millis(250)).await;
    let callback = format!(
        "/api/v10/interactions/{}/{}/callback",
        created["id"].as_str().unwrap(),
        created["token"].as_str().unwrap()
    );
    let (status, refused) = api.post(&callback, json!({ "type": 5 })).await;
    assert_eq!((status, refused["code"].clone()), (404, json!(10062)));
    let state = api.get(&format!("/_fake/interactions/{}", created["id"].as_str().unwrap())).await;
    assert_eq!(state["responded"], false);
}

#[tokio::test]
async fn injected_rate_limits_answer_429_then_let_requests_through() {
    let fake = common::start(Config::default()).await;
    let api = Api::new(&fake);
    let path = format!("/api/v10/channels/{}/messages", World::ANNOUNCEMENTS_CHANNEL);
    let fail = json!({ "path_prefix": path, "status": 429, "count": 2, "method": "POST" });
    assert_eq!(api.post("/_fake/fail", fail).await.0, 200);

    let response =
        common::client().post(format!("{}{path}", api.base)).json(&json!({ "content": "news" })).send().await.unwrap();
    assert_eq!(response.status().as_u16(), 429);
    assert!(response.headers().contains_key("retry-after"));
    assert_eq!(response.headers()["x-ratelimit-remaining"], "0");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["message"], "You are being rate limited.");
    assert_eq!(body["global"], false);

    assert_eq!(api.post(&path, json!({ "content": "news" })).await.0, 429);
    let (status, message) = api.post(&path, json!({ "content": "news" })).await;
    assert_eq!(status, 200, "{message}");
    let statuses: Vec<Value> =
        api.get("/_fake/requests").await.as_array().unwrap().iter().map(|r| r["status"].clone()).collect();
    assert_eq!(statuses, [json!(429), json!(429), json!(200)]);
}

#[tokio::test]
async fn control_api_mistakes_answer_400_with_a_reason() {
    let fake = common::start(Config::default()).await;
    let api = Api::new(&fake);
    let (status, body) = api.post("/_fake/interactions", json!({ "command": "ask", "user_id": "1" })).await;
    assert_eq!(status, 400);
    assert!(body["error"].as_str().unwrap().contains("unknown user"), "{body}");
    let (status, _) = api.post("/_fake/components", json!({ "message_id": "1", "custom_id": "x" })).await;
    assert_eq!(status, 400);
    let (status, _) = api.call(Method::GET, "/_fake/interactions/123", None).await;
    assert_eq!(status, 400);
    let world = api.get("/_fake/world").await;
    assert_eq!(world["guild_id"], "2000");
}

#[tokio::test]
async fn posted_messages_reach_the_gateway_with_their_mentions() {
    let fake = common::start(Config::default()).await;
    let api = Api::new(&fake);
    let (mut socket, _) = identify(&fake, None, GUILD_MESSAGES_AND_CONTENT).await;
    let post = json!({
        "content": "<@&7001> @everyone", "author_id": "6001", "channel_id": "5000",
        "guild_id": "2000", "mentions_bot": true,
    });
    let (status, posted) = api.post("/_fake/messages", post).await;
    assert_eq!(status, 200);
    let event = receive(&mut socket).await;
    assert_eq!(event["t"], "MESSAGE_CREATE");
    assert_eq!(event["d"]["id"], posted["id"]);
    assert_eq!(event["d"]["mention_everyone"], true);
    assert_eq!(event["d"]["mention_roles"], json!(["7001"]));
    assert_eq!(event["d"]["mentions"][0]["id"], "1000");
}

#[tokio::test]
async fn an_injected_drop_closes_the_connection_without_an_answer() {
    let fake = common::start(Config::default()).await;
    let api = Api::new(&fake);
    let path = format!("/api/v10/channels/{}/messages", World::ANNOUNCEMENTS_CHANNEL);
    for drop in ["before", "after"] {
        let fail = json!({ "path_prefix": path, "drop": drop, "method": "POST" });
        assert_eq!(api.post("/_fake/fail", fail).await.0, 200);
        let sent = common::client().post(format!("{}{path}", api.base)).json(&json!({ "content": drop })).send().await;
        let error = sent.expect_err("no answer at all, not even a status");
        assert!(error.is_request() && error.status().is_none(), "{drop}: {error:?}");
    }
    let requests = api.get("/_fake/requests").await;
    let statuses: Vec<Value> = requests.as_array().unwrap().iter().map(|r| r["status"].clone()).collect();
    assert_eq!(statuses, [json!(0), json!(0)], "recorded with status 0");
    let messages = api.get("/_fake/messages").await;
    let contents: Vec<&Value> = messages.as_array().unwrap().iter().map(|m| &m["content"]).collect();
    assert!(contents.contains(&&json!("after")), "handled before the drop: {contents:?}");
    assert!(!contents.contains(&&json!("before")), "never handled: {contents:?}");

    let both = json!({ "path_prefix": path, "drop": "before", "status": 500 });
    assert_eq!(api.post("/_fake/fail", both).await.0, 400, "a status or a drop, not both");
}
