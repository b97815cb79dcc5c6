//! Interaction responses under transient failures: the callback retried within Discord's
//! 3 seconds (429, 5xx, a dropped connection), follow-ups within the token's 15 minutes, and a
//! response finally lost counted in `/metrics`, with no follow-up pretending otherwise.

use crate::support::*;
use serde_json::{json, Value};

const CALLBACKS: &str = "/api/v10/interactions/";
const WEBHOOKS: &str = "/api/v10/webhooks/";

/// The status of every request whose path starts with `prefix`, in order.
async fn statuses(h: &Harness, prefix: &str) -> Vec<u64> {
    let requests = h.get("/_fake/requests").await;
    requests
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["path"].as_str().unwrap().starts_with(prefix))
        .map(|r| r["status"].as_u64().unwrap())
        .collect()
}

async fn fail(h: &Harness, rule: Value) {
    h.post("/_fake/fail", rule).await;
}

/// A bot with `/metrics` on a free loopback port; the port.
async fn with_metrics() -> (Harness, u16) {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let h = Harness::start_with(&format!("{BASE_CONFIG}\n[metrics]\nlisten = \"127.0.0.1:{port}\"\n")).await;
    (h, port)
}

/// Waits until `/metrics` has `line`.
async fn metric(h: &Harness, port: u16, line: &str) {
    let url = format!("http://127.0.0.1:{port}/metrics");
    h.eventually(&format!("/metrics shows {line}"), |h| {
        let url = url.clone();
        async move {
            let text = h.http.get(&url).send().await.ok()?.text().await.ok()?;
            text.lines().any(|l| l == line).then_some(())
        }
    })
    .await;
}

const QUESTION: &str = "How do I opt out of LinkedIn AI training?";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interaction_is_answered_after_two_500s_and_a_429_on_its_callback() {
    let (h, port) = with_metrics().await;
    fail(&h, json!({ "path_prefix": CALLBACKS, "status": 500, "count": 2, "method": "POST" })).await;
    fail(&h, json!({ "path_prefix": CALLBACKS, "status": 429, "count": 1, "method": "POST" })).await;
    let id = h.command("ask", json!({ "question": QUESTION })).await;
    let state = h.answered(&id).await;
    assert!(embed_title(&state["original_message"]).contains("opt out"), "{state}");
    assert_eq!(statuses(&h, CALLBACKS).await, [500, 500, 429, 204], "three failures, then the answer, once");
    assert!(statuses(&h, WEBHOOKS).await.is_empty(), "nothing but the answer");
    metric(&h, port, r#"optout_bot_interaction_response_retries_total{step="callback"} 3"#).await;
    metric(&h, port, r#"optout_bot_interaction_responses_lost_total{step="callback"} 0"#).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_callback_survives_a_dropped_connection_and_is_never_sent_twice() {
    let h = Harness::start().await;
    // Dropped before Discord handled it: sent again.
    fail(&h, json!({ "path_prefix": CALLBACKS, "drop": "before", "method": "POST" })).await;
    let first = h.command("ask", json!({ "question": QUESTION })).await;
    h.answered(&first).await;
    assert_eq!(statuses(&h, CALLBACKS).await, [0, 204]);

    // Dropped after Discord handled it: the retry is refused as already acknowledged, which
    // means the answer is there; nothing more is sent for it.
    h.http.delete(format!("{}/_fake/requests", h.base)).send().await.unwrap();
    fail(&h, json!({ "path_prefix": CALLBACKS, "drop": "after", "method": "POST" })).await;
    let second = h.command("ask", json!({ "question": QUESTION })).await;
    let state = h.answered(&second).await;
    assert!(embed_title(&state["original_message"]).contains("opt out"), "{state}");
    h.eventually("the retry of the dropped callback", |h| async move {
        (statuses(h, CALLBACKS).await.len() == 2).then_some(())
    })
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(statuses(&h, CALLBACKS).await, [0, 400], "one retry, refused as already acknowledged");
    assert!(statuses(&h, WEBHOOKS).await.is_empty(), "no follow-up, no apology");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_callback_finally_lost_is_counted_and_not_followed_up() {
    let (h, port) = with_metrics().await;
    fail(&h, json!({ "path_prefix": CALLBACKS, "status": 503, "count": 1000, "method": "POST" })).await;
    let started = std::time::Instant::now();
    let id = h.command("ask", json!({ "question": QUESTION })).await;
    metric(&h, port, r#"optout_bot_interaction_responses_lost_total{step="callback"} 1"#).await;
    let given_up = started.elapsed();
    assert!(given_up.as_millis() >= 2500, "tried for most of the 3-second window, gave up after {given_up:?}");
    let attempts = statuses(&h, CALLBACKS).await;
    assert!(attempts.len() >= 4 && attempts.iter().all(|s| *s == 503), "{attempts:?}");
    // Whatever the bot might still send would come now.
    tokio::time::sleep(std::time::Duration::from_millis(1000)).await;
    assert_eq!(statuses(&h, CALLBACKS).await.len(), attempts.len(), "no attempt after giving up");
    assert!(statuses(&h, WEBHOOKS).await.is_empty(), "no follow-up to an interaction never answered");
    let state = h.get(&format!("/_fake/interactions/{id}")).await;
    assert_eq!(state["responded"], false);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_button_whose_callback_is_lost_gets_no_apology_follow_up() {
    let (h, port) = with_metrics().await;
    let id = h.command("ask", json!({ "question": QUESTION })).await;
    let message = h.answered(&id).await["original_message"].clone();
    fail(&h, json!({ "path_prefix": CALLBACKS, "status": 500, "count": 1000, "method": "POST" })).await;
    h.press(message["id"].as_str().unwrap(), "faq:vote:up:opt-out-how", MEMBER).await;
    metric(&h, port, r#"optout_bot_interaction_responses_lost_total{step="callback"} 1"#).await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert!(statuses(&h, WEBHOOKS).await.is_empty(), "no follow-up to an interaction never answered");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_follow_up_is_sent_again_after_5xx() {
    let h = Harness::start().await;
    let target = h
        .say(json!({
            "content": "does anyone know how do I opt out of LinkedIn AI training?",
            "author_id": MODERATOR, "channel_id": GENERAL_CHANNEL, "guild_id": GUILD
        }))
        .await;
    fail(&h, json!({ "path_prefix": WEBHOOKS, "status": 502, "count": 2, "method": "POST" })).await;
    let id = h
        .interact(json!({
            "command": "Answer with FAQ", "target_message_id": target, "user_id": MEMBER,
            "guild_id": GUILD, "channel_id": GENERAL_CHANNEL
        }))
        .await;
    let state = h.followed_up(&id).await;
    assert_eq!(state["followups"].as_array().unwrap().len(), 1, "{state}");
    assert_eq!(statuses(&h, WEBHOOKS).await, [502, 502, 200]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_survives_a_question_deleted_before_it() {
    let h = Harness::start().await;
    h.post("/_fake/gateway/reconnect", json!({ "hold_ms": 1000 })).await;
    h.eventually("the session is gone", |h| async move {
        (h.get("/_fake/gateway").await["identified"].as_u64() == Some(0)).then_some(())
    })
    .await;
    // Asked and deleted while the bot is away: the RESUME's replay brings the question, and
    // the reply to a message that no longer exists is posted all the same.
    let question = h
        .say(json!({
            "content": format!("<@{BOT}> {QUESTION}"), "author_id": MEMBER,
            "channel_id": GENERAL_CHANNEL, "guild_id": GUILD, "mentions_bot": true
        }))
        .await;
    h.http.delete(format!("{}/_fake/messages/{question}", h.base)).send().await.unwrap().error_for_status().unwrap();
    let posted = h
        .eventually("the answer, posted as a plain message", |h| async move {
            h.messages().await.into_iter().find(|m| m["author_id"] == BOT && m["channel_id"] == GENERAL_CHANNEL)
        })
        .await;
    assert!(embed_title(&posted).contains("opt out"), "{posted}");
    assert!(posted["message_reference"].is_null(), "{posted}");
    let sent: Vec<Value> = h
        .get("/_fake/requests")
        .await
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["method"] == "POST" && r["path"] == format!("/api/v10/channels/{GENERAL_CHANNEL}/messages"))
        .cloned()
        .collect();
    assert_eq!(sent.len(), 1, "sent once: {sent:?}");
    assert_eq!(sent[0]["body"]["message_reference"]["fail_if_not_exists"], false, "{}", sent[0]);
    assert_eq!(sent[0]["status"], 200);
}
