//! The project's own regression questions, answered by the shipped FAQ with its
//! default settings: what people in the server would notice if matching got worse.

use std::path::Path;

use optout_bot::eval::{self, Miss};
use optout_bot::faq::Faq;
use optout_bot::lang::Lang;
use optout_bot::matcher::{Decision, DeclineReason, LangHint, Matcher};

const MIN_TOP1_ACCURACY: f64 = 0.95;
const MIN_REJECTION_RATE: f64 = 0.90;
/// The bars of the question sets in the other languages (`regression-<code>.jsonl`),
/// which are smaller: one miss in 30 is 0.033.
const MIN_TOP1_ACCURACY_TRANSLATED: f64 = 0.90;
const MIN_REJECTION_RATE_TRANSLATED: f64 = 0.85;
/// Share of a language's questions answered (or declined) in that language.
const MIN_REPLY_LANGUAGE_ACCURACY: f64 = 0.90;

fn describe(misses: &[Miss]) -> String {
    misses
        .iter()
        .map(|m| {
            let expected = if m.expected.is_empty() { "(decline)".to_owned() } else { m.expected.join(" | ") };
            let best = m.best.as_ref().map_or("none".to_owned(), |(id, c)| format!("{id} {c:.3}"));
            format!("  {:?}\n      expected {expected}; got {:?}, best {best}", m.question, m.decision)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn regression_questions_meet_accuracy_and_rejection_targets() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/regression-questions.jsonl");
    let questions = eval::load_questions(&path).unwrap_or_else(|e| panic!("{e}"));
    let faq = Faq::embedded();
    assert!(eval::unknown_expected_ids(&faq, &questions).is_empty(), "every expected id is in the shipped FAQ");
    let report = eval::evaluate(&Matcher::for_faq(&faq), &questions);
    assert!(report.in_scope.count >= 100, "the set has real coverage: {} in-scope questions", report.in_scope.count);
    assert!(report.out_of_scope.count >= 20, "and {} out-of-scope ones", report.out_of_scope.count);
    let summary = format!(
        "top-1 {:.3} (want >= {MIN_TOP1_ACCURACY}), rejection {:.3} (want >= {MIN_REJECTION_RATE}); misses:\n{}",
        report.in_scope.top1_accuracy,
        report.out_of_scope.rejection_rate,
        describe(&report.misses)
    );
    assert!(report.in_scope.top1_accuracy >= MIN_TOP1_ACCURACY, "{summary}");
    assert!(report.out_of_scope.rejection_rate >= MIN_REJECTION_RATE, "{summary}");
}

/// Each translated language's own question set: answered right, declined where it
/// should be, and in the asker's language.
#[test]
fn every_language_meets_its_accuracy_rejection_and_reply_language_targets() {
    let faq = Faq::embedded();
    let matcher = Matcher::for_faq(&faq);
    let mut failures = Vec::new();
    for lang in faq.languages().into_iter().filter(|&l| l != Lang::En) {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/data/regression-{lang}.jsonl"));
        let questions = eval::load_questions(&path).unwrap_or_else(|e| panic!("{lang} has a question set: {e}"));
        assert!(questions.iter().all(|q| q.lang == Some(lang)), "{}: every line says \"lang\": \"{lang}\"", path.display());
        assert!(eval::unknown_expected_ids(&faq, &questions).is_empty(), "{lang}: every expected id is in the FAQ");
        let report = eval::evaluate(&matcher, &questions);
        let figures = &report.by_language[&lang];
        assert!(figures.in_scope >= 15 && figures.out_of_scope >= 5, "{lang}: at least 15 questions and 5 declines");
        if figures.top1_accuracy < MIN_TOP1_ACCURACY_TRANSLATED
            || figures.rejection_rate < MIN_REJECTION_RATE_TRANSLATED
            || figures.reply_language_accuracy < MIN_REPLY_LANGUAGE_ACCURACY
        {
            failures.push(format!(
                "{lang}: top-1 {:.3}, rejection {:.3}, reply language {:.3}; misses:\n{}",
                figures.top1_accuracy,
                figures.rejection_rate,
                figures.reply_language_accuracy,
                describe(&report.misses)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn questions_about_other_companies_are_declined_as_other_subject() {
    let faq = Faq::embedded();
    let matcher = Matcher::for_faq(&faq);
    let cases = [
        ("how do I opt out of Meta using my posts for AI", "Meta"),
        ("does facebook train its ai on my photos", "Facebook"),
        ("how to stop instagram using my pictures for ai training", "Instagram"),
        ("reddit sold our comments for AI training, can I opt out?", "Reddit"),
        ("how do I turn off Slack AI training on my workspace messages", "Slack"),
        ("is google using my gmail to train gemini", "Google"),
        ("how do I opt out of twitter grok training", "Twitter"),
        ("can I stop Microsoft Copilot from training on my documents", "Microsoft Copilot"),
        ("does GitHub Copilot train on my code", "GitHub"),
        ("does Adobe train its AI on my Photoshop files", "Adobe"),
        ("how do i delete my data from openai", "OpenAI"),
    ];
    let mut wrong = Vec::new();
    for (question, company) in cases {
        let outcome = matcher.find(question);
        match &outcome.decision {
            Decision::Decline { reason: DeclineReason::OtherSubject(other) } if other == company => {}
            other => wrong.push(format!("  {question:?}: expected OtherSubject({company}), got {other:?}")),
        }
        assert!(outcome.answer().is_none(), "{question:?} must not be answered");
    }
    assert!(wrong.is_empty(), "questions about other companies must be declined naming them:\n{}", wrong.join("\n"));
}

#[test]
fn linkedin_question_naming_another_product_is_still_answered() {
    let matcher = Matcher::for_faq(&Faq::embedded());
    let cases = [
        ("is linkedin sharing my profile with chatgpt for AI training, how do I opt out", &["opt-out-how"][..]),
        // who-trains answers it too: it names the setting that covers Microsoft's training.
        ("how do I stop LinkedIn (owned by Microsoft) using my data for AI", &["opt-out-how", "who-trains"]),
        ("unlike Meta, does LinkedIn use private messages for AI training?", &["private-messages"]),
        ("does microsoft get my data from linkedin?", &["who-trains"]),
        ("does copilot train on my linkedin posts", &["who-trains"]),
    ];
    for (question, expected) in cases {
        let outcome = matcher.find(question);
        let answered = outcome.answer().map(|c| c.id.as_str());
        assert!(
            answered.is_some_and(|id| expected.contains(&id)),
            "{question:?} is about LinkedIn: expected one of {expected:?}; got {outcome:?}"
        );
    }
}

/// Every phrasing the FAQ lists is answered with its own entry: a phrasing that
/// is not (a scope name that is also an everyday word, an entry that swallows
/// another's wording) is a bug someone asking exactly that would hit.
#[test]
fn every_phrasing_of_the_shipped_faq_is_answered_with_its_own_entry() {
    let faq = Faq::embedded();
    let matcher = Matcher::for_faq(&faq);
    let misses: Vec<String> = faq
        .entries()
        .iter()
        .flat_map(|entry| entry.phrasings().map(move |phrasing| (entry, phrasing)))
        .filter_map(|(entry, phrasing)| {
            let outcome = matcher.find(phrasing);
            // Small-talk phrasings get their reply as small talk, never as an FAQ answer.
            let replied = if entry.is_small_talk() { outcome.small_talk() } else { outcome.answer() };
            let answered = replied.map(|c| c.id.clone());
            (answered.as_deref() != Some(entry.id.as_str()))
                .then(|| format!("  {phrasing:?}: expected {}, got {:?}", entry.id, outcome.decision))
        })
        .collect();
    assert!(misses.is_empty(), "phrasings not answered with their own entry:\n{}", misses.join("\n"));
}

/// The same in every translation, asked in that language.
#[test]
fn every_phrasing_of_every_translation_is_answered_with_its_own_entry() {
    let faq = Faq::embedded();
    let matcher = Matcher::for_faq(&faq);
    let misses: Vec<String> = faq
        .translations()
        .iter()
        .flat_map(|translation| translation.entries().iter().map(move |entry| (translation.lang(), entry)))
        .flat_map(|(lang, entry)| entry.phrasings().map(move |phrasing| (lang, entry, phrasing)))
        .filter_map(|(lang, entry, phrasing)| {
            let outcome = matcher.find_for(phrasing, LangHint::Locale(lang));
            let replied = if entry.is_small_talk() { outcome.small_talk() } else { outcome.answer() };
            (replied.map(|c| c.id.as_str()) != Some(entry.id.as_str()))
                .then(|| format!("  {lang} {phrasing:?}: expected {}, got {:?}", entry.id, outcome.decision))
        })
        .collect();
    assert!(misses.is_empty(), "{} phrasings not answered with their own entry:\n{}", misses.len(), misses.join("\n"));
}

/// The FAQ's negative questions are declined (they exist to be), in every language.
#[test]
fn negative_questions_of_the_shipped_faq_are_declined() {
    let faq = Faq::embedded();
    let matcher = Matcher::for_faq(&faq);
    let answered: Vec<String> = std::iter::once(&faq)
        .chain(faq.translations())
        .flat_map(|f| f.negatives().iter().map(move |q| (f.lang(), q)))
        .filter_map(|(lang, q)| {
            matcher.find_for(q, LangHint::Locale(lang)).answer().map(|c| format!("  {lang} {q:?} answered with {}", c.id))
        })
        .collect();
    assert!(answered.is_empty(), "negative questions answered:\n{}", answered.join("\n"));
}
