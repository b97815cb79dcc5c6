//! `/announce` end to end: the bot in-process against the fake Discord, with its own database
//! and a clock the test moves (so "in 2h" takes no time). Being killed before an
//! announcement's time is in `tests/e2e_process.rs`.

use crate::support::announce::*;
use crate::support::*;
use chrono::Duration;
use optout_bot::announce::{Body, NewAnnouncement, Ping, Repeat, Schedule};
use optout_bot::clock::Clock;
use optout_bot::store::SqliteStore;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_non_moderator_is_refused_and_nothing_is_posted() {
    let h = Harness::start_with(&config()).await;
    let id = announce_new(&h, MEMBER, json!({ "channel": GENERAL_CHANNEL, "text": "free pizza" })).await;
    let state = h.answered(&id).await;
    let reply = &state["original_message"];
    assert!(reply["content"].as_str().unwrap_or_default().contains("Only moderators"), "refused: {reply}");
    assert_eq!(reply["ephemeral"], true);
    assert!(custom_ids(reply).is_empty(), "no Confirm for a non-moderator");
    scheduler_step(&h).await;
    assert!(posts_in(&h, GENERAL_CHANNEL).await.is_empty(), "nothing posted");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderators_announcement_is_previewed_confirmed_and_posted_once_pinging_only_the_role() {
    let h = Harness::start_with(&config()).await;
    let text = "Office hours today at 17:00\nBring your questions";
    let id = announce_new(&h, MODERATOR, json!({ "channel": GENERAL_CHANNEL, "text": text, "ping": PING_ROLE })).await;
    let preview = preview(&h, &id).await;
    let expected = format!("<@&{PING_ROLE}>\n{text}");
    assert_eq!(preview["content"], expected.as_str(), "the preview shows exactly what will be posted");
    assert!(pings_nobody(&preview), "the preview itself pings nobody: {preview}");
    assert!(posts_in(&h, GENERAL_CHANNEL).await.is_empty(), "nothing is posted before Confirm");

    // Someone else pressing Confirm is refused, server-side.
    let message_id = preview["id"].as_str().unwrap();
    let press = h.press(message_id, &button(&preview, "ann:confirm:"), MEMBER).await;
    let refused = h.answered(&press).await;
    let refusal = refused["original_message"]["content"].as_str().unwrap_or_default().to_owned();
    assert!(refusal.contains("Only moderators"), "a member's press is refused: {refused}");
    scheduler_step(&h).await;
    assert!(posts_in(&h, GENERAL_CHANNEL).await.is_empty(), "a refused press posts nothing");

    let outcome = confirm(&h, &preview).await;
    assert!(outcome.contains("Posted"), "{outcome}");
    let posts = wait_for_post(&h, GENERAL_CHANNEL).await;
    assert_eq!(posts.len(), 1, "posted once: {posts:?}");
    let post = &posts[0];
    assert_eq!(post["content"], expected.as_str());
    let allowed = &post["allowed_mentions"];
    assert_eq!(allowed["parse"], json!([]), "no mass or user pings: {allowed}");
    assert_eq!(allowed["roles"], json!([PING_ROLE]), "exactly the chosen role: {allowed}");
    assert!(allowed["users"].as_array().is_none_or(|u| u.is_empty()), "{allowed}");
    assert_eq!(post["mention_roles"], json!([PING_ROLE]), "the role is really pinged");

    let confirmed = h.messages().await.into_iter().find(|m| m["id"] == message_id).unwrap();
    assert!(custom_ids(&confirmed).is_empty(), "Confirm is gone once used: {confirmed}");
    // Past the scheduler's retry of an uncertain post, too.
    h.clock.advance(Duration::minutes(1));
    scheduler_step(&h).await;
    assert_eq!(posts_in(&h, GENERAL_CHANNEL).await.len(), 1, "still posted once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancel_posts_nothing_and_an_unpingable_role_is_refused() {
    let h = Harness::start_with(&config()).await;
    let id = announce_new(&h, MODERATOR, json!({ "channel": GENERAL_CHANNEL, "text": "never mind" })).await;
    let preview = preview(&h, &id).await;
    let message_id = preview["id"].as_str().unwrap().to_owned();
    h.press(&message_id, &button(&preview, "ann:cancel:"), MODERATOR).await;
    h.eventually("the preview says cancelled", |h| {
        let message_id = message_id.clone();
        async move {
            let message = h.messages().await.into_iter().find(|m| m["id"] == message_id.as_str())?;
            message["content"].as_str().unwrap_or_default().contains("Cancelled").then_some(())
        }
    })
    .await;

    let id =
        announce_new(&h, MODERATOR, json!({ "channel": GENERAL_CHANNEL, "text": "mods!", "ping": MODERATORS_ROLE }))
            .await;
    let reply = h.answered(&id).await["original_message"].clone();
    let content = reply["content"].as_str().unwrap_or_default();
    assert!(content.contains("not pingable"), "a clear refusal: {reply}");
    assert!(custom_ids(&reply).is_empty(), "no Confirm for a refused announcement");

    scheduler_step(&h).await;
    assert!(posts_in(&h, GENERAL_CHANNEL).await.is_empty(), "nothing posted");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scheduled_announcement_is_posted_at_its_time() {
    let h = Harness::start_with(&config()).await;
    let id = announce_new(&h, MODERATOR, json!({ "channel": GENERAL_CHANNEL, "text": "soon", "at": "in 2h" })).await;
    let preview = preview(&h, &id).await;
    let outcome = confirm(&h, &preview).await;
    assert!(outcome.contains("Scheduled"), "{outcome}");
    h.clock.advance(Duration::minutes(119));
    scheduler_step(&h).await;
    assert!(posts_in(&h, GENERAL_CHANNEL).await.is_empty(), "not a minute before its time");
    h.clock.advance(Duration::minutes(1));
    let posts = wait_for_post(&h, GENERAL_CHANNEL).await;
    assert_eq!(posts[0]["content"], "soon");
    h.clock.advance(Duration::hours(1));
    scheduler_step(&h).await;
    assert_eq!(posts_in(&h, GENERAL_CHANNEL).await.len(), 1, "posted once: {posts:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_due_while_down_past_the_grace_period_is_reported_as_missed_not_sent() {
    let mut h = Harness::start_with(&config()).await;
    h.stop_bot().await;
    // While the bot is down, an announcement falls due 30 minutes ago (grace: 15).
    let store = SqliteStore::open(&h.database_path()).expect("the bot's database opens");
    let now = h.clock.now();
    let late = store
        .create_announcement(
            &NewAnnouncement {
                guild_id: GUILD.parse().unwrap(),
                channel_id: GENERAL_CHANNEL.parse().unwrap(),
                body: Body::Text("too late".into()),
                ping: Ping::None,
                schedule: Schedule { due_at: now - Duration::minutes(30), timezone: chrono_tz::UTC },
                repeat: Repeat::None,
                publish: false,
                created_by: MODERATOR.parse().unwrap(),
            },
            now - Duration::hours(1),
        )
        .unwrap();
    drop(store);
    h.restart_bot().await;
    let note = h
        .eventually("the moderator is told it was missed", |h| async move {
            posts_in(h, MODERATOR_DM).await.into_iter().next()
        })
        .await;
    let text = note["content"].as_str().unwrap_or_default();
    assert!(text.contains(&format!("#{}", late.id)) && text.contains("not posted"), "{text}");
    assert!(posts_in(&h, GENERAL_CHANNEL).await.is_empty(), "not sent late");
    let store = SqliteStore::open(&h.database_path()).unwrap();
    let stored = store.announcement(late.id).unwrap().unwrap();
    assert_eq!(stored.status, optout_bot::announce::Status::Missed);
    let audit = store.audit_log(GUILD.parse().unwrap(), 10).unwrap();
    assert!(audit.iter().any(|e| e.action.as_str() == "announcement missed"), "audited: {audit:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn publish_crossposts_in_the_announcement_channel() {
    let h = Harness::start_with(&config()).await;
    let id =
        announce_new(&h, MODERATOR, json!({ "channel": ANNOUNCEMENTS_CHANNEL, "text": "news", "publish": true })).await;
    let preview = preview(&h, &id).await;
    confirm(&h, &preview).await;
    let posts = wait_for_post(&h, ANNOUNCEMENTS_CHANNEL).await;
    let post_id = posts[0]["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v10/channels/{ANNOUNCEMENTS_CHANNEL}/messages/{post_id}/crosspost");
    h.eventually("the announcement is crossposted", |h| {
        let path = path.clone();
        async move {
            let requests = h.get("/_fake/requests").await;
            requests.as_array()?.iter().any(|r| r["path"] == path.as_str() && r["status"] == 200).then_some(())
        }
    })
    .await;

    // Publishing is refused outside announcement channels.
    let id = announce_new(&h, MODERATOR, json!({ "channel": GENERAL_CHANNEL, "text": "x", "publish": true })).await;
    let reply = h.answered(&id).await["original_message"].clone();
    assert!(reply["content"].as_str().unwrap_or_default().contains("announcement channels"), "{reply}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_and_cancel_and_cancelled_ones_are_never_posted() {
    let h = Harness::start_with(&config()).await;
    let mut ids = Vec::new();
    for (text, at) in [("first", "in 1h"), ("second", "in 2h")] {
        let id = announce_new(&h, MODERATOR, json!({ "channel": GENERAL_CHANNEL, "text": text, "at": at })).await;
        let preview = preview(&h, &id).await;
        ids.push(announcement_id(&confirm(&h, &preview).await));
    }
    let listed = list(&h, MODERATOR).await;
    assert!(listed.contains(&format!("#{}", ids[0])) && listed.contains(&format!("#{}", ids[1])), "{listed}");

    let cancel = h
        .interact(json!({
            "command": "announce cancel", "options": { "id": ids[0] }, "user_id": MODERATOR,
            "guild_id": GUILD, "channel_id": HELP_CHANNEL
        }))
        .await;
    let said = h.answered(&cancel).await["original_message"]["content"].as_str().unwrap_or_default().to_owned();
    assert!(said.contains("Cancelled"), "{said}");
    let listed = list(&h, MODERATOR).await;
    assert!(!listed.contains(&format!("#{} ", ids[0])) && listed.contains(&format!("#{}", ids[1])), "{listed}");

    // A member cannot list or cancel.
    let refused = h
        .interact(json!({
            "command": "announce cancel", "options": { "id": ids[1] }, "user_id": MEMBER,
            "guild_id": GUILD, "channel_id": HELP_CHANNEL
        }))
        .await;
    let said = h.answered(&refused).await["original_message"]["content"].as_str().unwrap_or_default().to_owned();
    assert!(said.contains("Only moderators"), "{said}");

    // The cancelled one's time passes: nothing is posted; the other one's time comes.
    h.clock.advance(Duration::minutes(90));
    scheduler_step(&h).await;
    assert!(posts_in(&h, GENERAL_CHANNEL).await.is_empty(), "a cancelled announcement is never posted");
    h.clock.advance(Duration::minutes(30));
    let posts = wait_for_post(&h, GENERAL_CHANNEL).await;
    assert_eq!(posts.len(), 1, "only the one not cancelled: {posts:?}");
    assert_eq!(posts[0]["content"], "second");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_on_the_post_is_survived_without_a_duplicate() {
    let h = Harness::start_with(&config()).await;
    let path = format!("/api/v10/channels/{GENERAL_CHANNEL}/messages");
    h.post("/_fake/fail", json!({ "path_prefix": path, "status": 429, "count": 2, "method": "POST" })).await;
    let id = announce_new(&h, MODERATOR, json!({ "channel": GENERAL_CHANNEL, "text": "rate limited" })).await;
    let preview = preview(&h, &id).await;
    let outcome = confirm(&h, &preview).await;
    assert!(outcome.contains("Posted"), "{outcome}");
    h.clock.advance(Duration::minutes(1));
    scheduler_step(&h).await;
    let posts = posts_in(&h, GENERAL_CHANNEL).await;
    assert_eq!(posts.len(), 1, "one post despite the 429s: {posts:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_text_or_entry_a_form_takes_several_lines() {
    let h = Harness::start_with(&config()).await;
    let id = announce_new(&h, MODERATOR, json!({ "channel": GENERAL_CHANNEL })).await;
    let state = h.answered(&id).await;
    let custom_id = state["modal"]["custom_id"].as_str().unwrap_or_default().to_owned();
    assert!(custom_id.starts_with("ann:text:"), "a modal opens: {state}");
    let text = "Line one\nLine two";
    let submitted = h
        .post(
            "/_fake/modals",
            json!({
                "custom_id": custom_id, "fields": { "text": text }, "user_id": MODERATOR,
                "guild_id": GUILD, "channel_id": HELP_CHANNEL
            }),
        )
        .await;
    let preview = preview(&h, submitted["id"].as_str().unwrap()).await;
    assert_eq!(preview["content"], text);
    assert!(posts_in(&h, GENERAL_CHANNEL).await.is_empty(), "nothing before Confirm");
    confirm(&h, &preview).await;
    let posts = wait_for_post(&h, GENERAL_CHANNEL).await;
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0]["content"], text);
    assert!(pings_nobody(&posts[0]), "no ping asked, none allowed: {}", posts[0]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_daily_announcement_is_posted_once_and_its_next_occurrence_scheduled_a_day_later() {
    let h = Harness::start_with(&config()).await;
    let id = announce_new(
        &h,
        MODERATOR,
        json!({ "channel": GENERAL_CHANNEL, "text": "daily reminder", "at": "in 1h", "repeat": 0 }),
    )
    .await;
    let outcome = confirm(&h, &preview(&h, &id).await).await;
    assert!(outcome.contains("Scheduled"), "{outcome}");
    let first = announcement_id(&outcome);
    h.clock.advance(Duration::hours(1));
    let posts = wait_for_post(&h, GENERAL_CHANNEL).await;
    assert_eq!(posts[0]["content"], "daily reminder");

    let store = SqliteStore::open(&h.database_path()).expect("the bot's database opens");
    let sent = store.announcement(first).unwrap().expect("the first occurrence is kept");
    let next = h
        .eventually("the next occurrence is scheduled", |_| {
            let store = &store;
            // Not the first occurrence itself: it stays pending ("sending") until marked sent.
            async move {
                store
                    .pending_announcements()
                    .unwrap()
                    .into_iter()
                    .find(|a| a.series_id == sent.series_id && a.id != first)
            }
        })
        .await;
    assert_eq!(next.due_at - sent.due_at, Duration::days(1), "a day later, same wall-clock time: {next:?}");
    assert_eq!(next.body, Body::Text("daily reminder".into()));
    h.clock.advance(Duration::hours(23));
    scheduler_step(&h).await;
    assert_eq!(posts_in(&h, GENERAL_CHANNEL).await.len(), 1, "only today's occurrence was posted");
    h.clock.advance(Duration::hours(1));
    h.eventually("tomorrow's occurrence is posted", |h| async move {
        (posts_in(h, GENERAL_CHANNEL).await.len() == 2).then_some(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn everyone_is_refused_unless_the_config_allows_it() {
    let h = Harness::start_with(&config()).await;
    // The @everyone role's id is the guild's id.
    let id =
        announce_new(&h, MODERATOR, json!({ "channel": GENERAL_CHANNEL, "text": "hello all", "ping": GUILD })).await;
    let state = h.answered(&id).await;
    let message = &state["original_message"];
    assert!(
        !custom_ids(message).iter().any(|id| id.starts_with("ann:confirm:")),
        "no preview to confirm when @everyone is not allowed: {message}"
    );
    let text = message.to_string();
    assert!(text.contains("@everyone is not allowed"), "the refusal says why: {message}");
    scheduler_step(&h).await;
    assert!(posts_in(&h, GENERAL_CHANNEL).await.is_empty(), "nothing posted");
}
