//! `/announce` helpers shared by the in-process tests (`tests/e2e_bot/announce.rs`) and the
//! binary's (`tests/e2e_process.rs`).

use serde_json::{json, Value};

use super::*;

/// The bot's DM channel with the moderator (6001).
pub const MODERATOR_DM: &str = "5101";
pub const MODERATORS_ROLE: &str = "7000";

/// [`BASE_CONFIG`] with the ping role allowed and a 15-minute grace for missed announcements.
pub fn config() -> String {
    format!("{BASE_CONFIG}\n[announcements]\npingable_roles = [{PING_ROLE}]\nmissed_grace_minutes = 15\n")
}

/// `/announce new` by `user` in #help with `options`; returns the interaction id.
pub async fn announce_new(h: &Harness, user: &str, options: Value) -> String {
    h.interact(json!({
        "command": "announce new", "options": options, "user_id": user,
        "guild_id": GUILD, "channel_id": HELP_CHANNEL, "locale": "en-US"
    }))
    .await
}

/// The bot's own channel posts (not interaction answers) in `channel`.
pub async fn posts_in(h: &Harness, channel: &str) -> Vec<Value> {
    h.messages()
        .await
        .into_iter()
        .filter(|m| m["author_id"] == BOT && m["channel_id"] == channel && m["interaction_id"].is_null())
        .collect()
}

/// The preview a moderator's `/announce new` answered with.
pub async fn preview(h: &Harness, interaction: &str) -> Value {
    let state = h.answered(interaction).await;
    let message = state["original_message"].clone();
    assert_eq!(message["ephemeral"], true, "the preview is only for the moderator: {message}");
    assert!(custom_ids(&message).iter().any(|id| id.starts_with("ann:confirm:")), "the preview has Confirm: {message}");
    message
}

pub fn button(message: &Value, prefix: &str) -> String {
    custom_ids(message).into_iter().find(|id| id.starts_with(prefix)).expect("the button is there")
}

/// Presses Confirm as the moderator and waits until the preview shows the outcome.
pub async fn confirm(h: &Harness, preview: &Value) -> String {
    let message_id = preview["id"].as_str().unwrap().to_owned();
    h.press(&message_id, &button(preview, "ann:confirm:"), MODERATOR).await;
    h.eventually("the preview shows what Confirm did", |h| {
        let message_id = message_id.clone();
        async move {
            let message = h.messages().await.into_iter().find(|m| m["id"] == message_id.as_str())?;
            let content = message["content"].as_str().unwrap_or_default().to_owned();
            (content.contains("Posted") || content.contains("Scheduled") || content.contains("not posted"))
                .then_some(content)
        }
    })
    .await
}

/// The announcement number in "Scheduled as announcement #N ...".
pub fn announcement_id(outcome: &str) -> i64 {
    let rest = &outcome[outcome.find('#').expect("an announcement number") + 1..];
    rest.chars().take_while(char::is_ascii_digit).collect::<String>().parse().unwrap()
}

/// Waits until `channel` has a post by the bot, and returns every post there.
pub async fn wait_for_post(h: &Harness, channel: &str) -> Vec<Value> {
    h.eventually(&format!("an announcement in {channel}"), |h| async move {
        let posts = posts_in(h, channel).await;
        (!posts.is_empty()).then_some(posts)
    })
    .await
}

/// Runs a scheduler step at the bot's current time and waits for it to finish: a moderator
/// announces something in #help now. The scheduler posts everything due, oldest first, one
/// after the other, so once this post is up, whatever was due by now has been dispatched:
/// what a test then finds not posted was not going to be (no sleeping on the off chance).
pub async fn scheduler_step(h: &Harness) {
    let before = posts_in(h, HELP_CHANNEL).await.len();
    let id = announce_new(h, MODERATOR, json!({ "channel": HELP_CHANNEL, "text": "scheduler step" })).await;
    let outcome = confirm(h, &preview(h, &id).await).await;
    assert!(outcome.contains("Posted"), "the step's announcement is posted at once: {outcome}");
    h.eventually("the step's announcement is in #help", |h| async move {
        (posts_in(h, HELP_CHANNEL).await.len() > before).then_some(())
    })
    .await;
}

/// `/announce list` as `user`: what it answered.
pub async fn list(h: &Harness, user: &str) -> String {
    let id = h
        .interact(json!({ "command": "announce list", "user_id": user, "guild_id": GUILD, "channel_id": HELP_CHANNEL }))
        .await;
    h.answered(&id).await["original_message"]["content"].as_str().unwrap_or_default().to_owned()
}
