//! Conversations through Discord, end to end: a member's follow-up ("and on the app?", "und
//! in der App?") is read with what they just asked, in a DM, by mentions and with `/ask`;
//! another member's fragment never gets their topic; "More details" shows the whole answer.

use crate::support::dialogues::{self, Expected, Seen};
use crate::support::*;
use optout_bot::lang::Lang;
use serde_json::{json, Value};

/// What a reply in Discord showed: its entry (from its vote button, or the small-talk text),
/// and its first answer text.
fn seen(faq: &optout_bot::faq::Faq, lang: Lang, reply: &Value) -> Seen {
    let voted = custom_ids(reply).into_iter().find_map(|id| id.strip_prefix("faq:vote:up:").map(str::to_owned));
    let content = reply["content"].as_str().unwrap_or_default();
    let small_talk = faq.in_language(lang).entries().iter().find(|e| e.is_small_talk() && e.answer == content);
    Seen {
        id: voted.or_else(|| small_talk.map(|e| e.id.clone())),
        answer: reply["embeds"][0]["description"].as_str().unwrap_or(content).to_owned(),
        region: None,
    }
}

/// The turn as Discord can check it: an answer card says its region only in words.
fn in_discord(expected: &Expected) -> Expected {
    Expected { region: None, ..expected.clone() }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dm_dialogues_are_followed_in_every_language() {
    let h = Harness::start().await;
    let faq = shipped_faq();
    let mut wrong = Vec::new();
    for (lang, dialogues) in dialogues::all() {
        for dialogue in dialogues {
            // Each dialogue starts a conversation of its own: the last one has been idle too long.
            h.clock.advance(chrono::Duration::minutes(11));
            for expected in &dialogue.turns {
                let id = h.say(json!({ "content": expected.say, "author_id": MEMBER, "guild_id": null })).await;
                let reply = h.reply_to(&id).await;
                if let Some(problem) = dialogues::check(faq, lang, &in_discord(expected), &seen(faq, lang, &reply)) {
                    wrong.push(format!("[{lang}] {}: {problem}", dialogue.name));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{} turn(s) went wrong in DMs:\n{}", wrong.len(), wrong.join("\n"));
}

fn mention(content: &str, author: &str) -> Value {
    json!({
        "content": format!("<@{BOT}> {content}"), "author_id": author,
        "channel_id": GENERAL_CHANNEL, "guild_id": GUILD, "mentions_bot": true
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_members_in_one_channel_each_keep_their_own_topic() {
    let h = Harness::start().await;
    let faq = shipped_faq();
    let private_messages = &faq.entry("private-messages").unwrap().question;
    let asked = h.say(mention("are my private messages used to train the AI?", MEMBER)).await;
    assert_eq!(&embed_title(&h.reply_to(&asked).await), private_messages);

    // The moderator's fragment is theirs alone: no topic of their own, so not the member's.
    let other = h.say(mention("what about in canada?", MODERATOR)).await;
    let reply = h.reply_to(&other).await;
    assert_ne!(&embed_title(&reply), private_messages, "another member's topic leaked: {reply}");

    let follow_up = h.say(mention("what about in canada?", MEMBER)).await;
    let reply = h.reply_to(&follow_up).await;
    assert_eq!(&embed_title(&reply), private_messages, "the member's own topic is kept: {reply}");

    // A place the member named carries to their next question.
    let moved = h.say(mention("I live in Canada", MODERATOR)).await;
    h.reply_to(&moved).await;
    let complaint = h.say(mention("how do I complain?", MODERATOR)).await;
    let reply = h.reply_to(&complaint).await;
    let description = reply["embeds"][0]["description"].as_str().unwrap_or_default();
    assert!(description.starts_with("**In Canada:**"), "Canada's regulator first: {reply}");
    assert!(description.contains("Privacy Commissioner"), "{reply}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ask_follow_ups_keep_topic_and_language_and_more_details_opens_the_rest() {
    let h = Harness::start().await;
    let faq = shipped_faq();
    for (lang, locale, question, fragment) in [
        (Lang::En, "en-US", "How do I opt out of LinkedIn AI training?", "and on the app?"),
        (Lang::Fr, "fr", "Comment désactiver l'entraînement de l'IA sur LinkedIn ?", "et sur l'appli ?"),
        (Lang::Es, "es-ES", "¿Cómo desactivo el entrenamiento de IA en LinkedIn?", "¿y desde el móvil?"),
    ] {
        let entry = faq.in_language(lang).entry("opt-out-how").unwrap();
        let ask = |q: &str| {
            json!({
                "command": "ask", "options": { "question": q }, "user_id": MEMBER,
                "guild_id": GUILD, "channel_id": HELP_CHANNEL, "locale": locale
            })
        };
        let first = h.answered(&h.interact(ask(question)).await).await;
        let message = &first["original_message"];
        assert_eq!(message["embeds"][0]["description"], entry.first_answer(), "[{lang}] the short answer: {message}");
        let more = format!("faq:more:{}:opt-out-how", lang.code());
        assert!(custom_ids(message).contains(&more), "[{lang}] a More details button: {message}");

        let second = h.answered(&h.interact(ask(fragment)).await).await;
        let description = second["original_message"]["embeds"][0]["description"].as_str().unwrap_or_default();
        assert!(
            description.starts_with(entry.facet("app").unwrap()),
            "[{lang}] {fragment:?} gives the app's steps: {second}"
        );

        let pressed = h.answered(&h.press(message["id"].as_str().unwrap(), &more, MEMBER).await).await;
        let details = &pressed["original_message"];
        assert_eq!(details["ephemeral"], true, "[{lang}] details are private: {details}");
        assert_eq!(details["embeds"][0]["description"], entry.answer.as_str(), "[{lang}] the whole answer: {details}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_number_outside_the_suggestions_says_which_to_pick() {
    let h = Harness::start_with(&suggesting_config()).await;
    let question = ambiguous_question();
    let asked = h.say(json!({ "content": question, "author_id": MEMBER, "guild_id": null })).await;
    let offered = custom_ids(&h.reply_to(&asked).await).len();
    assert!(offered >= 1);
    let slip = h.say(json!({ "content": "9", "author_id": MEMBER, "guild_id": null })).await;
    let reply = h.reply_to(&slip).await;
    assert_eq!(reply["content"], format!("Pick a number from 1 to {offered}."), "{reply}");
    let pick = h.say(json!({ "content": "1", "author_id": MEMBER, "guild_id": null })).await;
    assert!(!custom_ids(&h.reply_to(&pick).await).is_empty(), "a number in range picks the answer");
}
