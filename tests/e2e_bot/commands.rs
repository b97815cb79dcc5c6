//! The slash commands, autocomplete, buttons and the context menu, end to end: the bot
//! in-process against the fake Discord.

use crate::support::*;
use serde_json::json;

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
    assert_eq!(message["embeds"][0]["description"], entry.first_answer(), "the short answer first: {message}");
    assert_eq!(message["ephemeral"], true, "private by default: {message}");
    let ids = custom_ids(message);
    for expected in ["faq:post:en:opt-out-how", "faq:vote:up:opt-out-how", "faq:vote:down:opt-out-how"] {
        assert!(ids.contains(&expected.to_owned()), "button {expected} in {ids:?}");
    }
    assert!(pings_nobody(message), "{message}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn commands_are_registered_in_the_dev_guild_only() {
    let h = Harness::start().await;
    let commands = h.get("/_fake/commands").await;
    let names: Vec<&str> =
        commands["guilds"][GUILD].as_array().unwrap().iter().filter_map(|c| c["name"].as_str()).collect();
    for expected in ["ask", "optout", "faq", "help", "Answer with FAQ", "faqadmin"] {
        assert!(names.contains(&expected), "{expected} registered in guild {GUILD}: {names:?}");
    }
    assert!(commands["global"].as_array().is_none_or(|g| g.is_empty()), "nothing global: {commands}");
    let ask = commands["guilds"][GUILD].as_array().unwrap().iter().find(|c| c["name"] == "ask").unwrap();
    assert_eq!(ask["options"][0]["name"], "question");
    assert_eq!(ask["options"][0]["autocomplete"], true, "{ask}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ask_autocomplete_offers_matching_questions() {
    let h = Harness::start().await;
    let (faq, _) = knowledge();
    let id = h
        .interact(json!({
            "command": "ask", "type": "autocomplete", "focused": "question",
            "options": { "question": "opt out" }, "guild_id": GUILD, "channel_id": HELP_CHANNEL
        }))
        .await;
    let state = h.answered(&id).await;
    assert_eq!(state["response_type"], 8, "{state}");
    let choices = state["autocomplete_choices"].as_array().unwrap();
    assert!(!choices.is_empty() && choices.len() <= 25, "{choices:?}");
    let opt_out = &faq.entry("opt-out-how").unwrap().question;
    assert!(choices.iter().any(|c| c["value"] == opt_out.as_str()), "{opt_out} offered: {choices:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ambiguous_question_offers_buttons_that_answer() {
    let h = Harness::start_with(&suggesting_config()).await;
    let (faq, _) = knowledge();
    let id = h.command("ask", json!({ "question": ambiguous_question() })).await;
    let state = h.answered(&id).await;
    let message = &state["original_message"];
    let ids = custom_ids(message);
    let shows: Vec<&String> = ids.iter().filter(|id| id.starts_with("faq:show:")).collect();
    assert!((2..=3).contains(&shows.len()), "2 or 3 did-you-mean buttons: {message}");
    let entry_id = shown_entry(shows[0]);
    let press = h.press(message["id"].as_str().unwrap(), shows[0], MEMBER).await;
    let pressed = h.answered(&press).await;
    assert_eq!(pressed["response_type"], 7, "the private suggestion becomes the answer: {pressed}");
    let updated = h
        .eventually("the suggestion message shows the answer", |h| {
            let message_id = message["id"].as_str().unwrap().to_owned();
            async move { h.messages().await.into_iter().find(|m| m["id"] == message_id.as_str() && m["edited"] == true) }
        })
        .await;
    assert_eq!(embed_title(&updated), faq.entry(&entry_id).unwrap().question, "{updated}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_question_is_declined_honestly_with_pointers() {
    let h = Harness::start().await;
    let id = h.command("ask", json!({ "question": declined_question() })).await;
    let message = h.answered(&id).await["original_message"].clone();
    let content = message["content"].as_str().unwrap();
    assert!(content.contains("/faq list") && content.contains("/optout"), "{content}");
    assert!(message["embeds"].as_array().is_none_or(|e| e.is_empty()), "no answer card: {message}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn post_publicly_and_helpful_buttons() {
    let h = Harness::start().await;
    let id = h.command("ask", json!({ "question": "How do I opt out of LinkedIn AI training?" })).await;
    let message = h.answered(&id).await["original_message"].clone();
    let message_id = message["id"].as_str().unwrap();

    let post = h.press(message_id, "faq:post:en:opt-out-how", MEMBER).await;
    let posted = h.answered(&post).await;
    assert_eq!(posted["response_type"], 4, "{posted}");
    let public = &posted["original_message"];
    assert_eq!(public["ephemeral"], false, "posted for everyone: {public}");
    assert!(embed_title(public).contains("opt out"), "{public}");
    assert!(!custom_ids(public).iter().any(|id| id.starts_with("faq:post:")), "no second post button");
    assert!(pings_nobody(public), "'shared by' names the user without pinging: {public}");

    let vote = h.press(message_id, "faq:vote:up:opt-out-how", MEMBER).await;
    let voted = h.answered(&vote).await;
    let thanks = &voted["original_message"];
    assert_eq!(thanks["ephemeral"], true, "{thanks}");
    assert!(thanks["content"].as_str().unwrap().contains("Thanks"), "{thanks}");
    let vote = h.press(message_id, "faq:vote:down:opt-out-how", MODERATOR).await;
    assert!(h.answered(&vote).await["original_message"]["content"].as_str().unwrap().contains("/ask"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn optout_help_and_faq_commands() {
    let h = Harness::start().await;
    let (faq, _) = knowledge();

    let optout = h.answered(&h.command("optout", json!({})).await).await;
    assert_eq!(embed_title(&optout["original_message"]), faq.entry("opt-out-how").unwrap().question);

    let help = h.answered(&h.command("help", json!({})).await).await;
    let description = help["original_message"]["embeds"][0]["description"].as_str().unwrap();
    for command in ["/ask", "/optout", "/faq list", "/faq show", "Answer with FAQ"] {
        assert!(description.contains(command), "help mentions {command}: {description}");
    }

    let list = h.answered(&h.command("faq list", json!({})).await).await;
    let listed = list["original_message"]["embeds"][0]["description"].as_str().unwrap().to_owned();
    for entry in faq.entries() {
        // Small talk is a reply, not something to browse.
        assert_eq!(listed.contains(&entry.id), !entry.is_small_talk(), "{} listed: {listed}", entry.id);
    }
    let list = h.answered(&h.command("faq list", json!({ "topic": "regions" })).await).await;
    let listed = list["original_message"]["embeds"][0]["description"].as_str().unwrap();
    assert!(listed.contains("gdpr") && !listed.contains("opt-out-how"), "{listed}");

    let topics = h
        .interact(
            json!({ "command": "faq list", "type": "autocomplete", "focused": "topic", "options": { "topic": "reg" } }),
        )
        .await;
    let choices = h.answered(&topics).await["autocomplete_choices"].clone();
    assert!(choices.as_array().unwrap().iter().any(|c| c["value"] == "regions"), "{choices}");

    let show = h.answered(&h.command("faq show", json!({ "id": "gdpr" })).await).await;
    assert_eq!(embed_title(&show["original_message"]), faq.entry("gdpr").unwrap().question);
    let ids = h
        .interact(json!({ "command": "faq show", "type": "autocomplete", "focused": "id", "options": { "id": "gdp" } }))
        .await;
    let choices = h.answered(&ids).await["autocomplete_choices"].clone();
    assert_eq!(choices[0]["value"], "gdpr", "{choices}");

    let missing = h.answered(&h.command("faq show", json!({ "id": "@everyone" })).await).await;
    let content = missing["original_message"]["content"].as_str().unwrap();
    assert!(content.contains("no FAQ entry") && !content.contains("@everyone"), "{content}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn context_menu_answers_the_message_as_a_reply() {
    let h = Harness::start().await;
    let (faq, _) = knowledge();
    let target = h
        .say(json!({
            "content": "does anyone know how do I opt out of LinkedIn AI training?",
            "author_id": MODERATOR, "channel_id": GENERAL_CHANNEL, "guild_id": GUILD
        }))
        .await;
    let id = h
        .interact(json!({
            "command": "Answer with FAQ", "target_message_id": target, "user_id": MEMBER,
            "guild_id": GUILD, "channel_id": GENERAL_CHANNEL
        }))
        .await;
    let reply = h.reply_to(&target).await;
    assert_eq!(reply["channel_id"], GENERAL_CHANNEL);
    assert_eq!(embed_title(&reply), faq.entry("opt-out-how").unwrap().question, "{reply}");
    assert_eq!(reply["ephemeral"], false);
    let allowed = &reply["allowed_mentions"];
    assert_eq!(allowed["parse"], json!([]), "{reply}");
    let state = h.followed_up(&id).await;
    assert_eq!(state["response_type"], 5, "deferred privately first: {state}");
    assert_eq!(state["followups"][0]["ephemeral"], true, "{state}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn everyone_in_a_question_pings_nobody() {
    let h = Harness::start().await;
    let question = format!("@everyone @here <@&{PING_ROLE}> <@{MODERATOR}> how do I opt out of LinkedIn AI training?");
    let answered = h.command("ask", json!({ "question": question })).await;
    let declined = h.command("ask", json!({ "question": "@everyone <@&7001> pizza toppings?" })).await;
    let mention = h
        .say(json!({
            "content": format!("<@{BOT}> {question}"), "author_id": MEMBER,
            "channel_id": GENERAL_CHANNEL, "guild_id": GUILD, "mentions_bot": true
        }))
        .await;
    let unknown = h
        .say(json!({
            "content": format!("<@{BOT}> @everyone <@&{PING_ROLE}> tell me about pizza"), "author_id": MODERATOR,
            "channel_id": GENERAL_CHANNEL, "guild_id": GUILD, "mentions_bot": true
        }))
        .await;
    h.answered(&answered).await;
    h.answered(&declined).await;
    h.reply_to(&mention).await;
    h.reply_to(&unknown).await;
    let bot_messages: Vec<_> = h.messages().await.into_iter().filter(|m| m["author_id"] == BOT).collect();
    assert!(bot_messages.len() >= 4, "{bot_messages:?}");
    for message in &bot_messages {
        assert!(pings_nobody(message), "this reply could ping: {message}");
    }
    let requests = h.get("/_fake/requests").await;
    for request in requests.as_array().unwrap() {
        let body = &request["body"];
        let allowed = if body["allowed_mentions"].is_object() {
            &body["allowed_mentions"]
        } else {
            &body["data"]["allowed_mentions"]
        };
        if body["content"].is_string() || body["data"]["content"].is_string() {
            assert_eq!(allowed["parse"], json!([]), "every sent message says parse: []: {request}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn interaction_answers_survive_rate_limits() {
    let h = Harness::start().await;
    h.post(
        "/_fake/fail",
        json!({ "path_prefix": "/api/v10/interactions/", "status": 429, "count": 2, "method": "POST" }),
    )
    .await;
    let id = h.command("ask", json!({ "question": "How do I opt out of LinkedIn AI training?" })).await;
    let state = h.answered(&id).await;
    assert!(embed_title(&state["original_message"]).contains("opt out"), "{state}");
    let requests = h.get("/_fake/requests").await;
    let statuses: Vec<u64> = requests
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["path"].as_str().unwrap().starts_with("/api/v10/interactions/"))
        .map(|r| r["status"].as_u64().unwrap())
        .collect();
    assert_eq!(statuses, vec![429, 429, 204], "two refusals, then the answer");
}
