//! The slash commands, autocomplete, buttons and the context menu, end to end: the real bot
//! binary against the fake Discord.

mod support;

use serde_json::json;
use support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ask_answers_privately_with_an_embed_and_buttons() {
    let h = Harness::start().await;
    let (faq, _) = knowledge();
    let entry = faq.entry("opt-out-how").unwrap();
    let id = h.command("ask", json!({ "question": "How do I opt out of LinkedIn AI training?" })).await;
    let state = h.answered(&id).await;
    assert_eq!(state["response_type"], 4, "a message response: {state}");
    let message = &state["original_message"];
    assert_eq!(embed_title(message), entry.question, "{message}");
    assert_eq!(message["embeds"][0]["description"], entry.answer.as_str());
    assert_eq!(message["ephemeral"], true, "private by default: {message}");
    let ids = custom_ids(message);
    for expected in ["faq:post:opt-out-how", "faq:vote:up:opt-out-how", "faq:vote:down:opt-out-how"] {
        assert!(ids.contains(&expected.to_owned()), "button {expected} in {ids:?}");
    }
    assert!(pings_nobody(message), "{message}");
}
