//! Load: 200 concurrent `/ask` interactions, every one answered inside Discord's 3-second window.
//!
//! Ignored by default (it is about speed, and shares the machine with other tests):
//! `cargo test --release --test e2e_load -- --ignored --nocapture`

mod support;

use std::time::{Duration, Instant};

use serde_json::json;
use support::*;

const CONCURRENT: usize = 200;

/// Discord's window for an interaction's first answer; the fake refuses answers after it too.
const WINDOW: Duration = Duration::from_millis(optout_bot::limits::INTERACTION_RESPONSE_DEADLINE_MS);

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "load test: run with --ignored"]
async fn two_hundred_concurrent_asks_are_answered_within_the_window() {
    let h = Harness::start().await;
    let (faq, _) = knowledge();
    let questions: Vec<String> = faq.entries().iter().flat_map(|e| e.phrasings().map(str::to_owned)).collect();
    h.http.delete(format!("{}/_fake/requests", h.base)).send().await.unwrap();

    let start = Instant::now();
    let sends = (0..CONCURRENT).map(|i| {
        let question = questions[i % questions.len()].clone();
        let user = if i % 2 == 0 { MEMBER } else { MODERATOR };
        let h = &h;
        async move {
            h.interact(json!({ "command": "ask", "options": { "question": question }, "user_id": user,
                               "guild_id": GUILD, "channel_id": HELP_CHANNEL }))
                .await
        }
    });
    let ids = futures_util::future::join_all(sends).await;
    let sent = start.elapsed();

    // Watch the request log (one poll for all, so polling doesn't load the machine).
    let all_answered = h
        .eventually("every interaction answered", |h| async move {
            let requests = h.get("/_fake/requests").await;
            let answered = requests
                .as_array()
                .unwrap()
                .iter()
                .filter(|r| r["path"].as_str().unwrap_or_default().ends_with("/callback") && r["status"] == 204)
                .count();
            (answered >= CONCURRENT).then(|| start.elapsed())
        })
        .await;

    let mut late = 0;
    for id in &ids {
        let state = h.get(&format!("/_fake/interactions/{id}")).await;
        if state["responded"] != true || state["original_message"]["embeds"].as_array().is_none_or(|e| e.is_empty()) {
            late += 1;
        }
    }
    println!(
        "load: {CONCURRENT} concurrent /ask sent in {:.0} ms, all answered {:.0} ms after the first was sent (window {} ms)",
        sent.as_secs_f64() * 1000.0,
        all_answered.as_secs_f64() * 1000.0,
        WINDOW.as_millis()
    );
    assert_eq!(late, 0, "{late} of {CONCURRENT} interactions were not answered with an embed");
    assert!(all_answered < WINDOW, "the last answer came {all_answered:?} after the first question");
}
