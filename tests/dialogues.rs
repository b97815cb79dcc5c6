//! Conversations in all seven languages, through `chat`: in-process for every dialogue of
//! `tests/data/dialogues/`, and through the real binary's `chat --json` for the first
//! dialogues of each language. Discord's own run of them is `tests/e2e_bot/conversations.rs`.

#[path = "support/dialogues.rs"]
#[allow(dead_code)]
mod dialogues;

use std::io::Write;
use std::process::{Command, Stdio};

use dialogues::{check, Dialogue, Seen};
use optout_bot::app::knowledge::Knowledge;
use optout_bot::cli::{chat_in, ChatOptions};
use optout_bot::faq::Faq;
use optout_bot::lang::Lang;
use serde_json::Value;

/// Each turn's JSON object, for one dialogue said to `chat --json`.
fn turns(output: &str) -> Vec<Value> {
    output.lines().map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"))).collect()
}

fn seen(turn: &Value) -> Seen {
    let answered = matches!(turn["decision"].as_str(), Some("answer" | "small_talk"));
    Seen {
        id: answered.then(|| turn["id"].as_str().unwrap_or_default().to_owned()),
        answer: turn["answer"].as_str().unwrap_or_default().to_owned(),
        region: turn["region"].as_str().map(str::to_owned),
    }
}

/// What went wrong in `dialogue`, given the JSON turns a chat printed for it.
fn wrong_turns(faq: &Faq, lang: Lang, dialogue: &Dialogue, printed: &[Value]) -> Vec<String> {
    assert_eq!(printed.len(), dialogue.turns.len(), "one JSON object a line: {printed:?}");
    let mut wrong = Vec::new();
    for (expected, turn) in dialogue.turns.iter().zip(printed) {
        if let Some(problem) = check(faq, lang, expected, &seen(turn)) {
            wrong.push(format!("[{lang}] {}: {problem}", dialogue.name));
        }
        let replied_in = turn["language"].as_str().unwrap_or_default();
        if turn["decision"] != "small_talk" && replied_in != lang.code() {
            wrong.push(format!("[{lang}] {}: {:?} answered in {replied_in}", dialogue.name, expected.say));
        }
    }
    wrong
}

fn input(dialogue: &Dialogue) -> String {
    dialogue.turns.iter().map(|t| format!("{}\n", t.say)).collect()
}

#[test]
fn every_dialogue_in_every_language_is_followed() {
    let knowledge = Knowledge::build(Faq::embedded(), &[], &Default::default());
    let mut wrong = Vec::new();
    let mut count = 0;
    for (lang, dialogues) in dialogues::all() {
        assert!(dialogues.len() >= 8, "{lang}: at least the eight kinds of dialogue");
        for dialogue in &dialogues {
            let mut output = Vec::new();
            let options = ChatOptions { lang: None, json: true };
            chat_in(&knowledge, options, input(dialogue).as_bytes(), &mut output).unwrap();
            let printed = turns(&String::from_utf8(output).unwrap());
            wrong.extend(wrong_turns(&knowledge.faq, lang, dialogue, &printed));
            count += dialogue.turns.len();
        }
    }
    assert!(wrong.is_empty(), "{} of {count} turns went wrong:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn the_binary_follows_dialogues_with_chat_json() {
    let faq = Faq::embedded();
    let mut wrong = Vec::new();
    for (lang, dialogues) in dialogues::all() {
        for dialogue in dialogues.iter().take(2) {
            let mut child = Command::new(env!("CARGO_BIN_EXE_optout-bot"))
                .args(["chat", "--json"])
                .env_remove("DATABASE_URL")
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("the binary starts");
            child.stdin.take().unwrap().write_all(input(dialogue).as_bytes()).unwrap();
            let output = child.wait_with_output().unwrap();
            assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
            let printed = turns(&String::from_utf8(output.stdout).unwrap());
            wrong.extend(wrong_turns(&faq, lang, dialogue, &printed));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_number_outside_the_suggestions_asks_for_one_in_range_in_the_members_language() {
    // A high answer threshold makes a vague question a "did you mean".
    let faq = Faq::embedded();
    let thresholds = optout_bot::config::Thresholds { answer: Some(0.99), suggest: Some(0.01), help_channel: None };
    let knowledge = Knowledge::build(faq, &[], &thresholds);
    for (question, pick) in [
        ("linkedin ai data", "Pick a number from 1 to"),
        ("Welche Daten von mir nutzt LinkedIn für die KI?", "Wähle eine Zahl von 1 bis"),
    ] {
        let mut output = Vec::new();
        let options = ChatOptions { lang: None, json: true };
        chat_in(&knowledge, options, format!("{question}\n9\n1\n").as_bytes(), &mut output).unwrap();
        let printed = turns(&String::from_utf8(output).unwrap());
        assert_eq!(printed[0]["decision"], "suggest", "{printed:?}");
        assert!(printed[1]["text"].as_str().unwrap().starts_with(pick), "{:?}", printed[1]);
        assert_eq!(printed[2]["decision"], "answer", "a number in range picks: {:?}", printed[2]);
    }
}
