//! Questions in chat, end to end (the bot in-process, on a clock the test moves): mentions,
//! DMs, help channels, bots, cooldowns, retries.

use std::sync::OnceLock;

use crate::support::*;
use optout_bot::app::knowledge::Knowledge;
use optout_bot::config::Thresholds;
use serde_json::{json, Value};

/// The bot's knowledge with the thresholds of `BASE_CONFIG` (the defaults), built once.
fn bot_knowledge() -> &'static Knowledge {
    static KNOWLEDGE: OnceLock<Knowledge> = OnceLock::new();
    KNOWLEDGE.get_or_init(|| Knowledge::build(optout_bot::faq::Faq::embedded(), &[], &Thresholds::default()))
}

/// An FAQ question the bot answers with at least the help-channel confidence.
fn confident_question() -> String {
    let k = bot_knowledge();
    k.faq
        .entries()
        .iter()
        .map(|e| e.question.clone())
        .find(|q| k.matcher.find(q).answer().is_some_and(|a| a.confidence >= k.help_channel_threshold))
        .expect("some FAQ question is answered confidently")
}

/// A question the bot would answer when asked, but not confidently enough to speak unprompted.
fn lukewarm_question() -> String {
    let k = bot_knowledge();
    const MEDIUM: &[&str] =
        &["how do i opt out", "delete", "opt out linkedin", "is it too late", "gdpr", "my data", "check opted out"];
    MEDIUM
        .iter()
        .find(|q| k.matcher.find(q).answer().is_some_and(|a| a.confidence < k.help_channel_threshold))
        .map(|q| q.to_string())
        .unwrap_or_else(declined_question)
}

fn in_channel(content: &str, author: &str, channel: &str, mentions_bot: bool) -> Value {
    json!({ "content": content, "author_id": author, "channel_id": channel, "guild_id": GUILD, "mentions_bot": mentions_bot })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mention_is_answered_as_a_reply_without_the_mention() {
    let h = Harness::start().await;
    let (faq, _) = knowledge();
    let id = h
        .say(in_channel(&format!("<@{BOT}> how do I opt out of LinkedIn AI training?"), MEMBER, GENERAL_CHANNEL, true))
        .await;
    let reply = h.reply_to(&id).await;
    assert_eq!(embed_title(&reply), faq.entry("opt-out-how").unwrap().question, "{reply}");
    assert!(custom_ids(&reply).contains(&"faq:vote:up:opt-out-how".to_owned()), "{reply}");
    assert!(pings_nobody(&reply), "{reply}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dm_is_answered() {
    let h = Harness::start().await;
    let (faq, _) = knowledge();
    let id = h
        .say(json!({ "content": "is sharing data for AI switched on by default?", "author_id": MEMBER, "guild_id": null }))
        .await;
    let reply = h.reply_to(&id).await;
    assert!(reply["guild_id"].is_null(), "answered in the DM: {reply}");
    assert_eq!(embed_title(&reply), faq.entry("default-on").unwrap().question, "{reply}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn help_channel_answers_unprompted_only_when_confident() {
    let h = Harness::start().await;
    let unsure = h.say(in_channel(&lukewarm_question(), MEMBER, HELP_CHANNEL, false)).await;
    let off_topic = h.say(in_channel("good morning everyone!", MODERATOR, HELP_CHANNEL, false)).await;
    let elsewhere = h.say(in_channel(&confident_question(), MEMBER, GENERAL_CHANNEL, false)).await;
    let sure = h.say(in_channel(&confident_question(), MODERATOR, HELP_CHANNEL, false)).await;
    let reply = h.reply_to(&sure).await;
    assert_eq!(embed_title(&reply), confident_question(), "{reply}");
    // The confident answer needed a round trip through the fake; the others were decided in
    // microseconds, so had any been answered the reply would be there by now.
    for (id, why) in [(&unsure, "not confident"), (&off_topic, "chatter"), (&elsewhere, "not a help channel")] {
        assert!(h.replies_to(id).await.is_empty(), "no unprompted reply ({why})");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bots_are_never_answered() {
    let h = Harness::start().await;
    let question = format!("<@{BOT}> how do I opt out of LinkedIn AI training?");
    let from_bot = h
        .say(json!({ "content": question, "author_id": "9999", "channel_id": HELP_CHANNEL, "guild_id": GUILD,
                     "mentions_bot": true, "author_is_bot": true }))
        .await;
    let from_person = h.say(in_channel(&question, MEMBER, HELP_CHANNEL, true)).await;
    let reply = h.reply_to(&from_person).await;
    assert!(h.replies_to(&from_bot).await.is_empty(), "a bot's question is ignored");
    // The bot's own reply is dispatched back to it (as on Discord) and must not loop.
    let own = reply["id"].as_str().unwrap();
    assert!(h.replies_to(own).await.is_empty(), "the bot never answers itself");
    let bot_messages = h.messages().await.into_iter().filter(|m| m["author_id"] == BOT).count();
    assert_eq!(bot_messages, 1, "exactly one answer");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cooldown_answers_once_then_says_so_once() {
    let h = Harness::start_with(&BASE_CONFIG.replace("user_seconds = 0", "user_seconds = 60")).await;
    let ask = |n: u32| {
        in_channel(&format!("<@{BOT}> how do I opt out of LinkedIn AI training? ({n})"), MEMBER, GENERAL_CHANNEL, true)
    };
    let first = h.say(ask(1)).await;
    let first_reply = h.reply_to(&first).await;
    assert!(!embed_title(&first_reply).is_empty(), "the first question is answered: {first_reply}");
    let second = h.say(ask(2)).await;
    let note = h.reply_to(&second).await;
    let text = note["content"].as_str().unwrap_or_default();
    assert!(text.contains("ask me again in"), "a clear note: {note}");
    assert!(note["embeds"].as_array().is_none_or(|e| e.is_empty()), "no answer inside the cooldown");
    let third = h.say(ask(3)).await;
    // Another person is not limited; their answer arriving shows the third was handled too.
    let other =
        h.say(in_channel(&format!("<@{BOT}> is it switched on by default?"), MODERATOR, GENERAL_CHANNEL, true)).await;
    h.reply_to(&other).await;
    assert!(h.replies_to(&third).await.is_empty(), "quiet after the first note");
    // The cooldown runs out on the bot's clock, not on the wall's.
    h.clock.advance(chrono::Duration::seconds(59));
    let fourth = h.say(ask(4)).await;
    let other = h.say(in_channel(&format!("<@{BOT}> is it on by default?"), MODERATOR, GENERAL_CHANNEL, true)).await;
    h.reply_to(&other).await;
    assert!(h.replies_to(&fourth).await.is_empty(), "still quiet a second before the cooldown ends");
    h.clock.advance(chrono::Duration::seconds(1));
    let fifth = h.say(ask(5)).await;
    let reply = h.reply_to(&fifth).await;
    assert!(!embed_title(&reply).is_empty(), "answered again once the cooldown is over: {reply}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chat_replies_survive_rate_limits() {
    let h = Harness::start().await;
    h.post(
        "/_fake/fail",
        json!({ "path_prefix": format!("/api/v10/channels/{GENERAL_CHANNEL}/messages"), "status": 429, "count": 2, "method": "POST" }),
    )
    .await;
    let id = h
        .say(in_channel(&format!("<@{BOT}> how do I opt out of LinkedIn AI training?"), MEMBER, GENERAL_CHANNEL, true))
        .await;
    let reply = h.reply_to(&id).await;
    assert!(!embed_title(&reply).is_empty(), "{reply}");
    let requests = h.get("/_fake/requests").await;
    let statuses: Vec<u64> = requests
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["method"] == "POST" && r["path"] == format!("/api/v10/channels/{GENERAL_CHANNEL}/messages"))
        .map(|r| r["status"].as_u64().unwrap())
        .collect();
    assert_eq!(statuses, vec![429, 429, 200], "two refusals, then the reply, exactly once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_suggestion_in_chat_answers_whoever_presses_privately() {
    let h = Harness::start_with(&suggesting_config()).await;
    let (faq, _) = knowledge();
    let id = h.say(in_channel(&format!("<@{BOT}> {}", ambiguous_question()), MEMBER, GENERAL_CHANNEL, true)).await;
    let reply = h.reply_to(&id).await;
    let show = custom_ids(&reply).into_iter().find(|c| c.starts_with("faq:show:")).expect("did-you-mean buttons");
    let press = h.press(reply["id"].as_str().unwrap(), &show, MODERATOR).await;
    let state = h.answered(&press).await;
    assert_eq!(state["response_type"], 4, "a new private message, the public one untouched: {state}");
    let answer = &state["original_message"];
    assert_eq!(answer["ephemeral"], true);
    assert_eq!(embed_title(answer), faq.entry(&shown_entry(&show)).unwrap().question);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gateway_reconnect_resumes_and_loses_no_interaction() {
    let h = Harness::start().await;
    h.post("/_fake/gateway/reconnect", json!({ "hold_ms": 1000 })).await;
    h.eventually("the session is gone", |h| async move {
        (h.get("/_fake/gateway").await["identified"].as_u64() == Some(0)).then_some(())
    })
    .await;
    // Asked while the bot is away: the RESUME's replay brings it.
    let id = h.command("ask", json!({ "question": "How do I opt out of LinkedIn AI training?" })).await;
    let state = h.answered(&id).await;
    assert!(!state["original_message"]["embeds"].as_array().unwrap().is_empty(), "answered: {state}");
    let gateway = h.get("/_fake/gateway").await;
    assert_eq!((gateway["resumed"].as_u64(), gateway["identified"].as_u64()), (Some(1), Some(1)), "{gateway}");
}
