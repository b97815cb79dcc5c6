//! FAQ upkeep and usage insight from Discord, end to end: the bot in-process (with its own
//! database and a temporary copy of `faq/`) against the fake Discord.

use std::path::{Path, PathBuf};

use crate::support::*;
use serde_json::{json, Value};

const REFUSAL: &str = "Only moderators can do that";

/// A copy of the repository's `faq/` to edit, and a config that loads it.
fn faq_copy() -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let faq = dir.path().join("faq");
    std::fs::create_dir(&faq).unwrap();
    for file in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("faq")).unwrap() {
        let file = file.unwrap().path();
        if file.extension().is_some_and(|e| e == "toml") {
            std::fs::copy(&file, faq.join(file.file_name().unwrap())).unwrap();
        }
    }
    let config = format!("faq_dir = {:?}\n{BASE_CONFIG}", faq.display().to_string());
    (dir, faq, config)
}

/// `/command` by `user` in #help.
async fn command_as(h: &Harness, user: &str, command: &str, options: Value) -> String {
    h.interact(json!({
        "command": command, "options": options, "user_id": user,
        "guild_id": GUILD, "channel_id": HELP_CHANNEL, "locale": "en-US"
    }))
    .await
}

/// The message a command answered with, deferred or not.
async fn reply_of(h: &Harness, id: &str) -> Value {
    let state = h.answered(id).await;
    if state["response_type"] == 5 {
        let state = h.followed_up(id).await;
        return state["followups"][0].clone();
    }
    state["original_message"].clone()
}

/// Everything a message says: content, embed title, description and fields.
fn text_of(message: &Value) -> String {
    let mut text = message["content"].as_str().unwrap_or_default().to_owned();
    for embed in message["embeds"].as_array().into_iter().flatten() {
        for key in ["title", "description"] {
            text.push('\n');
            text.push_str(embed[key].as_str().unwrap_or_default());
        }
        for field in embed["fields"].as_array().into_iter().flatten() {
            text.push_str(&format!("\n{}: {}", field["name"].as_str().unwrap_or_default(), field["value"]));
        }
    }
    text
}

/// What `/ask question` answers with: the entry's question (the embed title), or "" when
/// it declines or suggests.
async fn ask(h: &Harness, question: &str) -> String {
    let id = h.command("ask", json!({ "question": question })).await;
    embed_title(&h.answered(&id).await["original_message"])
}

/// Waits until the (re)started bot answers commands (its framework is set up after READY).
async fn until_ready(h: &Harness) {
    h.eventually("the bot answers /help", |h| async move {
        let id = h.command("help", json!({})).await;
        for _ in 0..40 {
            if h.get(&format!("/_fake/interactions/{id}")).await["responded"] == true {
                return Some(());
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        None
    })
    .await;
}

async fn assert_refused(h: &Harness, command: &str, options: Value) {
    let id = command_as(h, MEMBER, command, options).await;
    let message = reply_of(h, &id).await;
    assert!(text_of(&message).contains(REFUSAL), "/{command} by a member is refused: {message}");
    assert_eq!(message["ephemeral"], true, "{message}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_declined_question_taught_from_discord_is_answered_and_still_is_after_a_restart() {
    let (_dir, _faq, config) = faq_copy();
    let mut h = Harness::start_with(&config).await;
    let (faq, _) = knowledge();
    let entry = faq.entry("opt-out-how").unwrap();
    let question = declined_question();
    assert_eq!(ask(&h, &question).await, "", "{question:?} is declined at first");

    let listed = h
        .eventually("the declined question is listed by /faqadmin unanswered", |h| {
            let question = question.clone();
            async move {
                let id = command_as(h, MODERATOR, "faqadmin unanswered", json!({ "days": 7 })).await;
                let text = text_of(&reply_of(h, &id).await);
                text.contains(&question).then_some(text)
            }
        })
        .await;
    assert!(listed.contains("1. ") && listed.contains("1× (1 declined)"), "count and reason shown: {listed}");

    // Members are refused, and autocomplete doesn't show them other people's questions.
    assert_refused(&h, "faqadmin unanswered", json!({})).await;
    assert_refused(&h, "faqadmin add-variant", json!({ "question": question, "entry": "opt-out-how" })).await;
    let complete = |user: &'static str| {
        json!({
            "command": "faqadmin add-variant", "type": "autocomplete", "focused": "question", "user_id": user,
            "options": { "question": "", "entry": "" }, "guild_id": GUILD, "channel_id": HELP_CHANNEL
        })
    };
    let member_id = h.interact(complete(MEMBER)).await;
    let id = h.interact(complete(MODERATOR)).await;
    let choices = h.answered(&id).await["autocomplete_choices"].clone();
    assert!(choices.as_array().unwrap().iter().any(|c| c["value"] == question.as_str()), "{choices}");
    // The check refuses a member's autocomplete too (poise runs it), so it offers nothing.
    let member = h.get(&format!("/_fake/interactions/{member_id}")).await;
    let offered = member["autocomplete_choices"].as_array().cloned().unwrap_or_default();
    assert!(offered.is_empty(), "no questions offered to a member: {member}");
    assert_eq!(ask(&h, &question).await, "", "a refused member changed nothing");

    let id = command_as(&h, MODERATOR, "faqadmin add-variant", json!({ "question": question, "entry": "opt-out-how" }))
        .await;
    let added = text_of(&reply_of(&h, &id).await);
    assert!(added.contains("I now answer it with that entry"), "{added}");
    assert_eq!(ask(&h, &question).await, entry.question, "the same question is now answered with the entry");
    let id = command_as(&h, MODERATOR, "faqadmin unanswered", json!({})).await;
    assert!(!text_of(&reply_of(&h, &id).await).contains(&question), "a taught question leaves the list");

    h.restart_bot().await;
    until_ready(&h).await;
    assert_eq!(ask(&h, &question).await, entry.question, "still answered after a restart");

    assert_refused(&h, "audit", json!({})).await;
    let id = command_as(&h, MODERATOR, "audit", json!({ "limit": 10 })).await;
    let log = text_of(&reply_of(&h, &id).await);
    assert!(log.contains(&format!("<@{MODERATOR}> **variant added**")) && log.contains("opt-out-how"), "{log}");
    assert_eq!(log.matches("variant added").count(), 1, "one action, one line: {log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reload_keeps_the_old_faq_on_errors_and_picks_up_a_fixed_file() {
    let (_dir, faq_dir, config) = faq_copy();
    let h = Harness::start_with(&config).await;
    let (faq, _) = knowledge();
    let known = faq.entry("opt-out-how").unwrap();
    assert_refused(&h, "faqadmin reload", json!({})).await;

    let broken = faq_dir.join("zz-new.toml");
    std::fs::write(&broken, "[[entry]]\nid = \"frobnicate\"\nquestion = = \"oops\"\n").unwrap();
    let id = command_as(&h, MODERATOR, "faqadmin reload", json!({})).await;
    let refused = text_of(&reply_of(&h, &id).await);
    assert!(refused.contains("FAQ not reloaded") && refused.contains("`zz-new.toml:3`"), "file:line shown: {refused}");
    assert_eq!(ask(&h, &known.question).await, known.question, "still answering with the old FAQ");

    std::fs::write(
        &broken,
        "[[entry]]\nid = \"frobnicate\"\ntopic = \"opt-out\"\nquestion = \"How do I frobnicate my LinkedIn wibble settings?\"\n\
         answer = \"Open the wibble page and press frobnicate.\"\nsource = \"https://www.linkedin.com/help\"\n\
         last_reviewed = \"2026-01-01\"\nvariants = [\"frobnicate the wibble\"]\n",
    )
    .unwrap();
    let id = command_as(&h, MODERATOR, "faqadmin reload", json!({})).await;
    let reloaded = text_of(&reply_of(&h, &id).await);
    assert!(reloaded.contains("Reloaded the FAQ"), "{reloaded}");
    let id = h.command("faq show", json!({ "id": "frobnicate" })).await;
    assert_eq!(
        embed_title(&h.answered(&id).await["original_message"]),
        "How do I frobnicate my LinkedIn wibble settings?"
    );

    let id = command_as(&h, MODERATOR, "audit", json!({})).await;
    let log = text_of(&reply_of(&h, &id).await);
    assert_eq!(log.matches("**faq reloaded**").count(), 2, "the failed and the good reload: {log}");
    assert!(log.contains("reload failed with 1 error(s)"), "{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stats_are_a_png_chart_with_the_numbers_and_count_votes() {
    let h = Harness::start().await;
    let (faq, _) = knowledge();
    let entry = faq.entry("opt-out-how").unwrap();
    // Not one of the entry's own phrasings, which the review list leaves out.
    let question = "how can i opt out of linkedin ai training, please";
    let id = h.command("ask", json!({ "question": question })).await;
    let answer = h.answered(&id).await["original_message"].clone();
    assert_eq!(embed_title(&answer), entry.question, "{question:?} is answered with {}", entry.id);
    let answer_id = answer["id"].as_str().unwrap();
    for (user, vote) in [(MEMBER, "down"), (MODERATOR, "up")] {
        let pressed = h.press(answer_id, &format!("faq:vote:{vote}:opt-out-how"), user).await;
        h.answered(&pressed).await;
    }
    assert_eq!(ask(&h, &declined_question()).await, "");
    assert_refused(&h, "faqadmin stats", json!({})).await;

    let message = h
        .eventually("/faqadmin stats counts the answer, the decline and both votes", |h| async move {
            let id = command_as(h, MODERATOR, "faqadmin stats", json!({ "days": 7 })).await;
            let message = reply_of(h, &id).await;
            let text = text_of(&message);
            (text.contains("Answered: \"1\"") && text.contains("Declined: \"1 (50%)\"")).then_some(message)
        })
        .await;
    let text = text_of(&message);
    assert!(text.contains("Helpful votes: \"50% (1 of 2)\""), "{text}");
    assert!(text.contains("- opt-out-how: 1"), "most asked listed beside the chart: {text}");
    assert_eq!(message["embeds"][0]["image"]["url"], "attachment://stats.png", "{message}");
    assert_eq!(message["attachments"][0]["filename"], "stats.png", "{message}");

    let url = format!("{}/_fake/attachments/{}/0", h.base, message["id"].as_str().unwrap());
    let bytes = h.http.get(url).send().await.unwrap().bytes().await.unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG signature");
    assert_eq!(&bytes[12..16], b"IHDR", "the IHDR chunk comes first");
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes.to_vec()));
    let mut reader = decoder.read_info().expect("a PNG that decodes");
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut pixels).expect("its pixels decode");
    assert!(frame.width >= 300 && frame.height >= 100, "{}x{}", frame.width, frame.height);

    // The "not helpful" vote puts its question up for review, with the entry it got.
    let id = command_as(&h, MODERATOR, "faqadmin unanswered", json!({})).await;
    let review = text_of(&reply_of(&h, &id).await);
    assert!(review.contains(question) && review.contains("1 not helpful (opt-out-how)"), "{review}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_not_helpful_vote_after_a_restart_is_still_reviewed_with_its_question() {
    let mut h = Harness::start().await;
    let question = "please tell me how i switch off linkedin ai training";
    let id = h.command("ask", json!({ "question": question })).await;
    let answer = h.answered(&id).await["original_message"].clone();
    assert_eq!(embed_title(&answer), knowledge().0.entry("opt-out-how").unwrap().question, "{question:?}");
    // The answer is recorded in the background: the vote after the restart needs it stored.
    let store = optout_bot::store::SqliteStore::open(&h.database_path()).unwrap();
    h.eventually("the answered question is stored", |_| {
        let store = &store;
        async move {
            (store.last_question(MEMBER.parse().unwrap(), "opt-out-how").unwrap()?.as_str() == question).then_some(())
        }
    })
    .await;
    h.restart_bot().await;
    until_ready(&h).await;

    let pressed = h.press(answer["id"].as_str().unwrap(), "faq:vote:down:opt-out-how", MEMBER).await;
    h.answered(&pressed).await;
    let review = h
        .eventually("the vote's question is up for review", |h| async move {
            let id = command_as(h, MODERATOR, "faqadmin unanswered", json!({})).await;
            let review = text_of(&reply_of(h, &id).await);
            review.contains(question).then_some(review)
        })
        .await;
    assert!(review.contains("1 not helpful (opt-out-how)"), "{review}");
}
