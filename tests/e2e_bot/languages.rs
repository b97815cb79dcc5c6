//! Members who ask in their own language, end to end through the fake Discord: the answer
//! card, its buttons, declines and command descriptions in that language, and English for
//! an English question whatever the member's Discord language.

use crate::support::*;
use optout_bot::faq::Faq;
use optout_bot::i18n;
use optout_bot::lang::Lang;
use serde_json::{json, Value};

/// `/command` by the member in #help, with their Discord `locale`.
async fn command_in(h: &Harness, locale: &str, command: &str, options: Value) -> String {
    h.interact(json!({
        "command": command, "options": options, "user_id": MEMBER,
        "guild_id": GUILD, "channel_id": HELP_CHANNEL, "locale": locale
    }))
    .await
}

/// The labels of a message's buttons.
fn labels(message: &Value) -> Vec<String> {
    let rows = message["components"].as_array().into_iter().flatten();
    rows.flat_map(|row| row["components"].as_array().into_iter().flatten())
        .filter_map(|c| c["label"].as_str().map(str::to_owned))
        .collect()
}

fn entry_in(faq: &Faq, lang: Lang, id: &str) -> (String, String) {
    let entry = faq.in_language(lang).entry(id).unwrap_or_else(|| panic!("{lang} has {id}"));
    (entry.question.clone(), entry.first_answer().to_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_question_in_german_french_or_spanish_is_answered_in_it_with_buttons_in_it() {
    let h = Harness::start().await;
    let faq = Faq::embedded();
    let cases = [
        (Lang::De, "de", "Wie kann ich der KI-Nutzung meiner Daten bei LinkedIn widersprechen?"),
        (Lang::Fr, "fr", "Comment est-ce que je désactive l'utilisation de mes données pour l'IA sur LinkedIn ?"),
        (Lang::Es, "es-ES", "¿Cómo desactivo que LinkedIn use mis datos para entrenar su IA?"),
    ];
    for (lang, locale, question) in cases {
        let id = command_in(&h, locale, "ask", json!({ "question": question })).await;
        let message = h.answered(&id).await["original_message"].clone();
        let (title, answer) = entry_in(&faq, lang, "opt-out-how");
        assert_eq!(embed_title(&message), title, "{lang}: {message}");
        assert!(
            message["embeds"][0]["description"].as_str().unwrap_or_default().contains(answer.lines().next().unwrap()),
            "{lang}: the {lang} answer: {message}"
        );
        let ids = custom_ids(&message);
        assert!(ids.contains(&format!("faq:post:{lang}:opt-out-how")), "{lang}: {ids:?}");
        let labels = labels(&message);
        for button in ["button-post", "button-helpful", "button-not-helpful"] {
            let label = i18n::text(lang, button);
            assert_ne!(label, i18n::text(Lang::En, button), "{lang} has its own {button}");
            assert!(labels.contains(&label), "{lang}: {label:?} in {labels:?}");
        }
        assert!(pings_nobody(&message), "{message}");

        // Posting it keeps the language.
        let post = h.press(message["id"].as_str().unwrap(), &format!("faq:post:{lang}:opt-out-how"), MEMBER).await;
        let public = h.answered(&post).await["original_message"].clone();
        assert_eq!(embed_title(&public), title, "{lang}: posted in {lang}: {public}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_off_topic_question_is_declined_in_the_askers_language() {
    let h = Harness::start().await;
    let cases = [
        (Lang::De, "de", "Was ist das beste Rezept für Apfelstrudel mit Vanillesoße?"),
        (Lang::Fr, "fr", "Quelle est la meilleure recette de crêpes bretonnes pour ce soir ?"),
        (Lang::Es, "es-419", "¿Cuál es la mejor receta de paella valenciana para el domingo?"),
    ];
    for (lang, locale, question) in cases {
        let id = command_in(&h, locale, "ask", json!({ "question": question })).await;
        let message = h.answered(&id).await["original_message"].clone();
        let content = message["content"].as_str().unwrap_or_default();
        assert!(content.contains(&i18n::text(lang, "decline-unknown")), "{lang}: declined in {lang}: {content}");
        assert!(message["embeds"].as_array().is_none_or(|e| e.is_empty()), "{lang}: no answer card: {message}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_english_question_from_a_german_member_is_answered_in_english() {
    let h = Harness::start().await;
    let faq = Faq::embedded();
    let id = command_in(
        &h,
        "de",
        "ask",
        json!({ "question": "How do I stop LinkedIn from using my data to train its AI?" }),
    )
    .await;
    let message = h.answered(&id).await["original_message"].clone();
    assert_eq!(embed_title(&message), entry_in(&faq, Lang::En, "opt-out-how").0, "{message}");
    assert!(custom_ids(&message).contains(&"faq:post:en:opt-out-how".to_owned()), "{message}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_question_in_the_help_channel_is_answered_in_its_language_without_a_locale() {
    let h = Harness::start().await;
    let faq = Faq::embedded();
    let question = "Hallo zusammen, wie schalte ich bei LinkedIn das KI-Training mit meinen Daten ab?";
    let id = h
        .say(json!({ "content": question, "author_id": MEMBER, "channel_id": HELP_CHANNEL, "guild_id": GUILD, "mentions_bot": false }))
        .await;
    let reply = h.reply_to(&id).await;
    assert_eq!(embed_title(&reply), entry_in(&faq, Lang::De, "opt-out-how").0, "{reply}");
    assert!(labels(&reply).contains(&i18n::text(Lang::De, "button-helpful")), "{reply}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn command_descriptions_carry_discords_localizations() {
    let h = Harness::start().await;
    let commands = h.get("/_fake/commands").await;
    let ask = commands["guilds"][GUILD].as_array().unwrap().iter().find(|c| c["name"] == "ask").unwrap().clone();
    for (lang, locale) in [
        (Lang::De, "de"),
        (Lang::Fr, "fr"),
        (Lang::Es, "es-ES"),
        (Lang::Es, "es-419"),
        (Lang::It, "it"),
        (Lang::Nl, "nl"),
        (Lang::Pt, "pt-BR"),
    ] {
        assert_eq!(ask["description_localizations"][locale], i18n::text(lang, "cmd-ask"), "/ask in {locale}: {ask}");
        assert_eq!(
            ask["options"][0]["description_localizations"][locale],
            i18n::text(lang, "cmd-ask-question"),
            "/ask question: in {locale}: {ask}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_question_in_a_language_the_faq_lacks_gets_english() {
    let h = Harness::start().await;
    let id =
        command_in(&h, "pl", "ask", json!({ "question": "Jak mogę zrezygnować z trenowania AI na moich danych?" }))
            .await;
    let message = h.answered(&id).await["original_message"].clone();
    let content = message["content"].as_str().unwrap_or_default();
    let english = message["embeds"].as_array().is_some_and(|e| !e.is_empty())
        || content.contains(&i18n::text(Lang::En, "decline-pointers"))
        || content.contains(&i18n::text(Lang::En, "suggest-prompt"));
    assert!(english, "answered or declined in English: {message}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn autocomplete_and_region_choices_are_in_the_members_language() {
    let h = Harness::start().await;
    let faq = Faq::embedded();
    let id = h
        .interact(json!({
            "command": "ask", "type": "autocomplete", "focused": "question", "locale": "de",
            "options": { "question": "ki training ausschalten" }, "guild_id": GUILD, "channel_id": HELP_CHANNEL
        }))
        .await;
    let choices = h.answered(&id).await["autocomplete_choices"].as_array().cloned().unwrap_or_default();
    let german = entry_in(&faq, Lang::De, "opt-out-how").0;
    assert!(choices.iter().any(|c| c["name"] == german.as_str()), "{german:?} offered: {choices:?}");

    let id = h
        .interact(json!({
            "command": "ask", "type": "autocomplete", "focused": "region", "locale": "fr",
            "options": { "question": "puis-je refuser ?", "region": "" }, "guild_id": GUILD, "channel_id": HELP_CHANNEL
        }))
        .await;
    let choices = h.answered(&id).await["autocomplete_choices"].as_array().cloned().unwrap_or_default();
    let names: Vec<&str> = choices.iter().filter_map(|c| c["name"].as_str()).collect();
    assert!(names.contains(&i18n::text(Lang::Fr, "region-ch").as_str()), "Suisse among {names:?}");
    assert!(names.contains(&i18n::text(Lang::Fr, "region-other").as_str()), "{names:?}");
}
