//! The project's own regression questions, answered by the shipped FAQ with its
//! default settings: what people in the server would notice if matching got worse.

use std::path::Path;

use optout_bot::eval::{self, Miss};
use optout_bot::faq::Faq;
use optout_bot::matcher::{Decision, DeclineReason, Matcher};

const MIN_TOP1_ACCURACY: f64 = 0.95;
const MIN_REJECTION_RATE: f64 = 0.90;

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

/// The FAQ's negative questions are declined (they exist to be).
#[test]
fn negative_questions_of_the_shipped_faq_are_declined() {
    let faq = Faq::embedded();
    let matcher = Matcher::for_faq(&faq);
    let answered: Vec<String> = faq
        .negatives()
        .iter()
        .filter_map(|q| matcher.find(q).answer().map(|c| format!("  {q:?} answered with {}", c.id)))
        .collect();
    assert!(answered.is_empty(), "negative questions answered:\n{}", answered.join("\n"));
}
