//! Small talk with the shipped FAQ: greetings, thanks, "what can you do", "who are
//! you" and goodbyes get their small-talk reply, never an FAQ answer; questions
//! that only look like small talk, or wrap a real question in it, are answered.

use std::process::Command;

use optout_bot::faq::Faq;
use optout_bot::matcher::{Decision, Matcher};

/// Worded differently from the variants in `faq/smalltalk.toml`.
const SMALL_TALK: &[(&str, &str)] = &[
    ("Hey hey!", "smalltalk-greeting"),
    ("hello everyone 👋", "smalltalk-greeting"),
    ("morning!", "smalltalk-greeting"),
    ("thanks heaps", "smalltalk-thanks"),
    ("thank you, that was useful", "smalltalk-thanks"),
    ("Help!", "smalltalk-help"),
    ("what can you help me with?", "smalltalk-help"),
    ("how does this bot work", "smalltalk-help"),
    ("who are you exactly?", "smalltalk-about"),
    ("are you an AI?", "smalltalk-about"),
    ("who made this bot", "smalltalk-about"),
    ("goodbye then", "smalltalk-goodbye"),
    ("see you later!", "smalltalk-goodbye"),
];

#[test]
fn small_talk_gets_its_small_talk_reply() {
    let matcher = Matcher::for_faq(&Faq::embedded());
    let wrong: Vec<String> = SMALL_TALK
        .iter()
        .filter_map(|(question, expected)| {
            let outcome = matcher.find(question);
            (outcome.decision != Decision::SmallTalk { id: (*expected).into() }).then(|| {
                format!(
                    "  {question:?}: expected {expected}, got {:?} {:?}",
                    outcome.decision,
                    outcome.candidates.first()
                )
            })
        })
        .collect();
    assert!(wrong.is_empty(), "small talk not recognized:\n{}", wrong.join("\n"));
}

#[test]
fn a_real_question_wrapped_in_small_talk_is_answered() {
    let matcher = Matcher::for_faq(&Faq::embedded());
    for (question, expected) in [
        ("hi! how do I opt out of linkedin ai training?", "opt-out-how"),
        ("thanks! does this apply in the US too?", "regions"),
        ("hello, are my private messages used for the AI?", "private-messages"),
    ] {
        let outcome = matcher.find(question);
        assert_eq!(outcome.answer().map(|c| c.id.as_str()), Some(expected), "{question:?}: {outcome:?}");
    }
}

#[test]
fn tiny_questions_are_small_talk_or_declined_never_answered() {
    let matcher = Matcher::for_faq(&Faq::embedded());
    let mut questions: Vec<String> =
        ["", " ", "?", "!", "👍", "🤖", "😀🔥👍🏽", "🙏🙏", "ok", "a", "1"].map(String::from).to_vec();
    questions.extend(('a'..='z').map(String::from));
    for question in &questions {
        let outcome = matcher.find(question);
        assert!(outcome.answer().is_none(), "{question:?} must not get an FAQ answer: {outcome:?}");
    }
}

#[test]
fn a_one_megabyte_question_is_cut_and_does_not_panic() {
    let matcher = Matcher::for_faq(&Faq::embedded());
    let question = "hello thanks ".repeat(1024 * 1024 / 13);
    let outcome = matcher.find(&question);
    assert!(outcome.answer().is_none(), "{outcome:?}");
}

#[test]
fn check_refuses_a_small_talk_id_that_collides_with_an_entry() {
    let dir = tempfile::tempdir().unwrap();
    let entry = |id: &str, topic: &str| {
        format!(
            "[[entry]]\nid = \"{id}\"\ntopic = \"{topic}\"\nquestion = \"Q?\"\nvariants = [\"q\"]\nanswer = \"A.\"\n"
        )
    };
    std::fs::write(dir.path().join("a.toml"), entry("smalltalk-greeting", "greetings")).unwrap();
    std::fs::write(
        dir.path().join("smalltalk.toml"),
        format!("# small talk\n\n{}", entry("smalltalk-greeting", "smalltalk")),
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_optout-bot"))
        .args(["check", "--faq"])
        .arg(dir.path())
        .output()
        .expect("the optout-bot binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "check must fail on a duplicate id; stderr: {stderr}");
    assert!(
        stderr.contains("smalltalk.toml:3: duplicate id `smalltalk-greeting`") && stderr.contains("a.toml:1"),
        "the error names the small-talk file, its line and the first definition; got: {stderr}"
    );
}
