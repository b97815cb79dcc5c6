//! The real `optout-bot` binary, run as people run it: ask, chat, check and eval.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use optout_bot::faq::Faq;
use optout_bot::matcher::{Decision, Matcher};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_optout-bot");

fn shipped_faq() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("faq")
}

/// Runs the binary with `args` and `stdin`, from a directory without an FAQ in it.
fn run_with_input(args: &[&str], stdin: &str) -> Output {
    let cwd = std::env::temp_dir();
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the optout-bot binary starts");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).expect("write stdin");
    child.wait_with_output().expect("the optout-bot binary runs")
}

fn run(args: &[&str]) -> Output {
    run_with_input(args, "")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

fn assert_success(output: &Output, what: &str) {
    assert!(
        output.status.success(),
        "{what}: expected exit 0, got {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status.code(),
        stdout(output),
        stderr(output)
    );
}

fn assert_failure(output: &Output, what: &str) {
    assert!(!output.status.success(), "{what}: expected a non-zero exit, got 0\nstdout:\n{}", stdout(output));
    assert!(!stderr(output).contains("panicked"), "{what}: an error, not a panic:\n{}", stderr(output));
}

fn json(output: &Output) -> Value {
    serde_json::from_str(&stdout(output))
        .unwrap_or_else(|e| panic!("stdout is one JSON document ({e}):\n{}", stdout(output)))
}

/// The opt-out steps as a first reply shows them.
fn opt_out_answer() -> String {
    Faq::embedded().entry("opt-out-how").expect("the FAQ has opt-out-how").first_answer().to_owned()
}

/// Copies the shipped FAQ directory into a temporary one.
fn copy_of_shipped_faq() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for item in std::fs::read_dir(shipped_faq()).unwrap() {
        let path = item.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

// ---- check ----

#[test]
fn check_passes_on_the_shipped_faq() {
    let faq = shipped_faq();
    let output = run(&["check", "--faq", faq.to_str().unwrap()]);
    assert_success(&output, "check --faq faq/");
    let loaded = Faq::load_dir(&faq).unwrap();
    let small_talk = loaded.entries().iter().filter(|e| e.is_small_talk()).count();
    let count = loaded.entries().len() - small_talk;
    assert_eq!(small_talk, 5, "the five small-talk intents ship");
    assert!(!stderr(&output).contains("warning"), "the shipped FAQ is fresh and migrated: {}", stderr(&output));
    assert!(
        stdout(&output).starts_with(&format!("ok: {count} entries in "))
            && stdout(&output).contains(", 5 small-talk replies"),
        "check says what it loaded: {}",
        stdout(&output)
    );
}

#[test]
fn check_without_flags_uses_the_built_in_faq_from_any_directory() {
    let output = run(&["check"]);
    assert_success(&output, "check");
    assert!(stdout(&output).contains("built-in FAQ"), "names the built-in FAQ: {}", stdout(&output));
}

#[test]
fn check_fails_on_a_broken_file_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "broken.toml",
        "[[entry]]\nid = \"ok\"\ntopic = \"\"\nquestion = \"q\"\nvariants = [\"v\"]\nanswer = \"a\"\n",
    );
    let output = run(&["check", "--faq", dir.path().to_str().unwrap()]);
    assert_failure(&output, "check on a broken FAQ");
    assert!(stderr(&output).contains("broken.toml:3: `topic` is empty"), "stderr names file:line: {}", stderr(&output));
}

/// An FAQ whose one entry was reviewed long ago, and one that is fresh.
fn faq_with_an_old_review() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let entry = |id: &str, date: &str| {
        format!(
            "[[entry]]\nid = \"{id}\"\ntopic = \"t\"\nquestion = \"q {id}\"\nvariants = [\"v {id}\"]\nanswer = \"a\"\n\
             sources = [{{ title = \"Help\", url = \"https://www.linkedin.com/help\" }}]\nlast_reviewed = \"{date}\"\n\n"
        )
    };
    let today = chrono::Local::now().date_naive().format("%Y-%m-%d").to_string();
    write(dir.path(), "a.toml", &format!("{}{}", entry("old-one", "2020-01-31"), entry("fresh-one", &today)));
    dir
}

#[test]
fn check_max_age_fails_listing_stale_entries() {
    let dir = faq_with_an_old_review();
    let output = run(&["check", "--faq", dir.path().to_str().unwrap(), "--max-age", "90"]);
    assert_failure(&output, "check --max-age 90 with an entry from 2020");
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("a.toml:1: `old-one` last reviewed 2020-01-31"),
        "lists the stale entry with file:line: {err}"
    );
    assert!(!err.contains("fresh-one"), "only stale entries are listed: {err}");
}

#[test]
fn plain_check_warns_about_stale_entries_and_passes() {
    let dir = faq_with_an_old_review();
    let output = run(&["check", "--faq", dir.path().to_str().unwrap()]);
    assert_success(&output, "plain check with a stale entry");
    assert!(stderr(&output).contains("warning: ") && stderr(&output).contains("`old-one`"), "{}", stderr(&output));
    let generous = run(&["check", "--faq", dir.path().to_str().unwrap(), "--max-age", "100000"]);
    assert_success(&generous, "check --max-age larger than the age");
}

#[test]
fn check_refuses_a_small_talk_id_that_an_entry_already_uses() {
    let dir = tempfile::tempdir().unwrap();
    let entry = |id: &str, topic: &str| {
        format!("[[entry]]\nid = \"{id}\"\ntopic = \"{topic}\"\nquestion = \"q\"\nvariants = [\"v\"]\nanswer = \"a\"\n")
    };
    write(dir.path(), "a.toml", &entry("smalltalk-greeting", "opt-out"));
    write(dir.path(), "smalltalk.toml", &format!("# greetings\n{}", entry("smalltalk-greeting", "smalltalk")));
    let output = run(&["check", "--faq", dir.path().to_str().unwrap()]);
    assert_failure(&output, "check with a small-talk id defined twice");
    assert!(
        stderr(&output).contains("smalltalk.toml:2: duplicate id `smalltalk-greeting` (first defined at ")
            && stderr(&output).contains("a.toml:1)"),
        "stderr names the small-talk file, its line and the first definition: {}",
        stderr(&output)
    );
}

#[test]
fn check_fails_on_a_missing_directory() {
    let output = run(&["check", "--faq", "/nonexistent/optout-faq"]);
    assert_failure(&output, "check on a missing directory");
    assert!(stderr(&output).contains("/nonexistent/optout-faq"), "names the directory: {}", stderr(&output));
}

// ---- ask ----

#[test]
fn ask_prints_the_opt_out_steps() {
    let output = run(&["ask", "how do i opt out"]);
    assert_success(&output, "ask");
    assert!(stdout(&output).contains(&opt_out_answer()), "expected the opt-out answer, got:\n{}", stdout(&output));
}

#[test]
fn ask_json_has_the_decision_and_ranked_candidates() {
    let output = run(&["ask", "--json", "how do I opt out of linkedin ai training"]);
    assert_success(&output, "ask --json");
    let value = json(&output);
    assert_eq!(value["decision"]["kind"], "answer", "decision: {value}");
    let candidates = value["candidates"].as_array().unwrap_or_else(|| panic!("candidates is a list: {value}"));
    assert!(!candidates.is_empty(), "at least one candidate: {value}");
    assert_eq!(candidates[0]["id"], "opt-out-how", "best candidate: {value}");
    let confidences: Vec<f64> = candidates
        .iter()
        .map(|c| c["confidence"].as_f64().unwrap_or_else(|| panic!("each candidate has a confidence: {c}")))
        .collect();
    assert!(confidences.iter().all(|c| (0.0..=1.0).contains(c)), "confidences in 0..=1: {confidences:?}");
    assert!(confidences.windows(2).all(|w| w[0] >= w[1]), "best first: {confidences:?}");
}

#[test]
fn ask_about_meta_declines_naming_meta() {
    let output = run(&["ask", "how do I opt out of Meta AI training"]);
    assert_success(&output, "ask about Meta");
    let text = stdout(&output);
    assert!(text.contains("about Meta") && text.contains("only cover"), "a decline naming Meta, got:\n{text}");
    assert!(!text.contains(&opt_out_answer()), "LinkedIn's steps are not given for Meta:\n{text}");

    let output = run(&["ask", "--json", "how do I opt out of Meta AI training"]);
    let value = json(&output);
    assert_eq!(value["decision"]["kind"], "decline", "{value}");
    assert_eq!(value["decision"]["reason"]["other_subject"], "Meta", "{value}");
}

#[test]
fn ask_with_faq_dir_answers_from_that_faq() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "bank.toml",
        "[[entry]]\nid = \"card-lost\"\ntopic = \"cards\"\nquestion = \"I lost my bank card\"\n\
         variants = [\"my card is gone\", \"cannot find my debit card\"]\nanswer = \"Freeze it in the app.\"\n",
    );
    let output = run(&["ask", "--faq", dir.path().to_str().unwrap(), "i lost my card"]);
    assert_success(&output, "ask --faq");
    assert!(stdout(&output).contains("Freeze it in the app."), "answers from --faq DIR:\n{}", stdout(&output));
}

#[test]
fn ask_into_a_closed_pipe_does_not_panic() {
    // `optout-bot ask "x" | head -c 1`: the reader goes away before the bot writes.
    for args in [&["ask", "x"][..], &["ask", "--json", "how do i opt out"][..], &["check"][..]] {
        let mut child = Command::new(BIN)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let mut out = child.stdout.take().unwrap();
        let mut first = [0u8; 1];
        // Read at most one byte, then hang up; usually before anything is written.
        drop(std::io::Read::read(&mut out, &mut first[..0]));
        drop(out);
        let output = child.wait_with_output().unwrap();
        let err = stderr(&output);
        assert!(!err.contains("panicked") && !err.contains("Broken pipe"), "{args:?} | head -c 1:\n{err}");
        assert!(output.status.success(), "{args:?} | head -c 1 exits 0, got {:?}:\n{err}", output.status.code());
    }
}

#[test]
fn ask_answers_for_the_named_or_chosen_region_with_sources_and_see_also() {
    let output = run(&["ask", "I'm in Canada, does this apply to me?"]);
    assert_success(&output, "ask about Canada");
    let text = stdout(&output);
    assert!(text.contains("**In Canada:**") && text.contains("3 November 2025"), "{text}");
    assert!(!text.contains("Hong Kong"), "the first reply is for the member's region only: {text}");
    assert!(text.contains("Sources: ") && !text.contains("https://"), "sources are named compactly: {text}");
    assert!(text.contains("See also: ") && text.contains("(start-date)"), "related entries: {text}");
    assert!(text.contains("--full"), "says how to see the details: {text}");
    let full = stdout(&run(&["ask", "--full", "I'm in Canada, does this apply to me?"]));
    let first_line = text.lines().next().unwrap();
    assert!(full.starts_with(first_line) && full.contains("**In Canada:**"), "the first reply first: {full}");
    assert!(full.contains("Sources:\n  - ") && full.contains("https://"), "--full lists every source: {full}");
    assert!(full.contains("Hong Kong"), "--full gives the general answer: {full}");
    let chosen = run(&["ask", "--region", "hk", "does this apply to me?"]);
    assert!(stdout(&chosen).contains("**In Hong Kong:**"), "{}", stdout(&chosen));
    let bad = run(&["ask", "--region", "Mars", "does this apply to me?"]);
    assert_failure(&bad, "ask --region Mars");
    assert!(stderr(&bad).contains("unknown region `Mars`"), "{}", stderr(&bad));
}

#[test]
fn chat_region_sets_the_region_for_later_questions() {
    let output = run_with_input(&["chat"], "region UK\nwhen did it start\nregion XX\nquit\n");
    assert_success(&output, "chat with region");
    let text = stdout(&output);
    assert!(text.contains("region: UK (UK)") && text.contains("**In the UK:**"), "{text}");
    assert!(text.contains("unknown region `XX`"), "{text}");
}

// ---- chat ----

#[test]
fn chat_answers_lists_and_shows() {
    let faq = Faq::embedded();
    let input = "how do i opt out\nlist\nshow gdpr\nshow no-such-id\nquit\nhow do i opt out\n";
    let output = run_with_input(&["chat"], input);
    assert_success(&output, "chat");
    let text = stdout(&output);

    let opt_out = faq.entry("opt-out-how").unwrap().first_answer();
    assert_eq!(text.matches(opt_out).count(), 1, "answers the question once, nothing after quit:\n{text}");
    for entry in faq.entries().iter().filter(|e| !e.is_small_talk()) {
        assert!(text.contains(&entry.id), "`list` shows `{}`:\n{text}", entry.id);
    }
    for topic in faq.topics().into_iter().filter(|t| *t != optout_bot::matcher::SMALL_TALK_TOPIC) {
        let name = optout_bot::app::view::topic_name(topic, optout_bot::lang::Lang::En);
        assert!(text.contains(&format!("{name}:")), "`list` groups by topic `{topic}` ({name}):\n{text}");
    }
    assert!(text.contains(faq.entry("gdpr").unwrap().first_answer()), "`show gdpr` prints its answer:\n{text}");
    assert!(text.contains("no entry with id `no-such-id`"), "unknown ids are named:\n{text}");
}

#[test]
fn chat_offers_suggestions_and_a_number_picks_one() {
    // A high answer threshold makes every match a "did you mean", whatever the scores.
    let dir = copy_of_shipped_faq();
    optout_bot::cli::save_thresholds(dir.path(), 0.99, 0.01).unwrap();
    let faq = Faq::load_dir(dir.path()).unwrap();
    let vague = "linkedin ai data";
    let outcome = Matcher::for_faq(&faq).find(vague);
    let Decision::Suggest { count } = outcome.decision else {
        panic!("{vague:?} gets a \"did you mean\" at threshold 0.99, got {outcome:?}");
    };
    assert!(count >= 1);
    let second = outcome.candidates.get(1).filter(|_| count >= 2).map(|c| c.id.clone());

    let input = format!("{vague}\n1\n{vague}\n2\n{vague}\n7\nquit\n");
    let output = run_with_input(&["chat", "--faq", dir.path().to_str().unwrap()], &input);
    assert_success(&output, "chat --faq");
    let text = stdout(&output);
    assert!(text.contains("Did you mean one of these?"), "{vague:?} asks back:\n{text}");
    assert!(text.contains("(type a number to see that answer)"), "says how to pick:\n{text}");
    let first = &faq.entry(&outcome.candidates[0].id).unwrap();
    assert!(text.contains(&format!("  1. {}", first.question)), "offers {} first:\n{text}", first.id);
    let after_pick = &text[text.find("(type a number").unwrap()..];
    assert!(after_pick.contains(first.first_answer()), "`1` shows `{}`:\n{after_pick}", first.id);
    if let Some(second) = second {
        let answer = faq.entry(&second).unwrap().first_answer();
        assert!(text.contains(answer), "`2` shows `{second}`:\n{text}");
    }
    assert!(text.contains(&format!("Pick a number from 1 to {count}.")), "a number out of range:\n{text}");
}

#[test]
fn chat_ends_at_end_of_input() {
    let output = run_with_input(&["chat"], "list\n");
    assert_success(&output, "chat without quit");
}

// ---- eval ----

const SMALL_SET: &str = r#"{"question": "how do I opt out of linkedin ai training", "expected": "opt-out-how", "kind": "in-scope"}
{"question": "when did linkedin start training ai on member data", "expected": ["start-date", "what-is-happening"]}

{"question": "does linkedin ai training include my private messages", "expected": "private-messages"}
{"question": "what is a good recipe for banana bread", "expected": null, "kind": "out-of-scope"}
{"question": "how do I opt out of Reddit AI training", "expected": null, "kind": "hard-negative"}
"#;

fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
    keys.sort_unstable();
    keys
}

#[test]
fn eval_json_has_the_shared_report_keys() {
    let dir = tempfile::tempdir().unwrap();
    let questions = write(dir.path(), "q.jsonl", SMALL_SET);
    let output = run(&["eval", questions.to_str().unwrap(), "--json"]);
    assert_success(&output, "eval --json");
    let report = json(&output);
    for key in ["questions", "in_scope", "out_of_scope", "latency_us", "queries_per_second"] {
        assert!(report.get(key).is_some(), "top-level key `{key}` in {report}");
    }
    assert_eq!(keys(&report["in_scope"]), ["count", "top1_accuracy", "top3_accuracy"], "{report}");
    assert_eq!(keys(&report["out_of_scope"]), ["count", "rejection_rate"], "{report}");
    assert_eq!(keys(&report["latency_us"]), ["p50", "p99"], "{report}");
    assert!(report.get("misses").is_none(), "the JSON report has no misses list: {report}");

    assert_eq!(report["questions"], 5, "blank lines are skipped: {report}");
    assert_eq!(report["in_scope"]["count"], 3, "{report}");
    assert_eq!(report["out_of_scope"]["count"], 2, "{report}");
    for path in ["/in_scope/top1_accuracy", "/in_scope/top3_accuracy", "/out_of_scope/rejection_rate"] {
        let rate = report.pointer(path).and_then(Value::as_f64).unwrap_or_else(|| panic!("{path} is a number"));
        assert!((0.0..=1.0).contains(&rate), "{path} = {rate} is a share");
    }
    let p50 = report["latency_us"]["p50"].as_f64().expect("p50 is a number");
    let p99 = report["latency_us"]["p99"].as_f64().expect("p99 is a number");
    assert!(0.0 < p50 && p50 <= p99, "0 < p50 <= p99: {p50} {p99}");
    assert!(report["queries_per_second"].as_f64().is_some_and(|q| q > 0.0), "{report}");
    assert_eq!(report["out_of_scope"]["rejection_rate"], 1.0, "banana bread and Reddit are declined: {report}");
}

#[test]
fn eval_text_lists_the_misses() {
    let dir = tempfile::tempdir().unwrap();
    let questions = write(
        dir.path(),
        "q.jsonl",
        "{\"question\": \"how do I opt out of linkedin ai training\", \"expected\": \"opt-out-how\"}\n\
         {\"question\": \"how do I opt out of linkedin ai training please\", \"expected\": \"gdpr\"}\n",
    );
    let output = run(&["eval", questions.to_str().unwrap()]);
    assert_success(&output, "eval");
    let text = stdout(&output);
    assert!(text.contains("top-1 accuracy") && text.contains("0.500"), "a readable table:\n{text}");
    assert!(text.contains("misses (1):"), "one miss:\n{text}");
    assert!(
        text.contains("\"how do I opt out of linkedin ai training please\"") && text.contains("expected gdpr"),
        "the miss names the question and what was expected:\n{text}"
    );
}

#[test]
fn eval_calibrates_and_saves_the_threshold_keeping_comments() {
    let faq = copy_of_shipped_faq();
    let settings_path = faq.path().join("settings.toml");
    let before = std::fs::read_to_string(&settings_path).unwrap();
    let comments: Vec<&str> = before.lines().filter(|l| l.trim_start().starts_with('#')).collect();
    assert!(!comments.is_empty(), "the shipped settings.toml has comments to keep");

    let sets = tempfile::tempdir().unwrap();
    let val = write(sets.path(), "val.jsonl", SMALL_SET);
    let test = write(sets.path(), "test.jsonl", SMALL_SET);
    let output = run(&[
        "eval",
        test.to_str().unwrap(),
        "--faq",
        faq.path().to_str().unwrap(),
        "--calibrate-on",
        val.to_str().unwrap(),
        "--save-threshold",
    ]);
    assert_success(&output, "eval --calibrate-on --save-threshold");
    assert!(stderr(&output).contains("saved answer_threshold"), "says what it saved: {}", stderr(&output));

    let after = std::fs::read_to_string(&settings_path).unwrap();
    let saved: toml::Table = after.parse().unwrap_or_else(|e| panic!("settings.toml stays valid TOML ({e}):\n{after}"));
    let threshold = saved["answer_threshold"].as_float().expect("answer_threshold is a number");
    assert!((0.0..=1.0).contains(&threshold), "answer_threshold {threshold} in 0..=1");
    assert!(saved.contains_key("scope"), "the [scope] table is kept:\n{after}");
    for comment in comments {
        assert!(after.contains(comment), "comment kept: {comment:?}\n{after}");
    }
    let reloaded = Faq::load_dir(faq.path()).unwrap_or_else(|e| panic!("the FAQ still loads:\n{e}"));
    assert_eq!(reloaded.settings().answer_threshold, Some(threshold as f32), "the loader reads the saved value");

    let check = run(&["check", "--faq", faq.path().to_str().unwrap()]);
    assert_success(&check, "check after saving the threshold");
}

#[test]
fn eval_save_threshold_creates_settings_toml_when_missing() {
    let faq = tempfile::tempdir().unwrap();
    write(
        faq.path(),
        "a.toml",
        "[[entry]]\nid = \"opt-out-how\"\ntopic = \"opt-out\"\nquestion = \"How do I opt out of LinkedIn AI?\"\n\
         variants = [\"turn off linkedin ai training\"]\nanswer = \"Settings, Data privacy.\"\n",
    );
    let sets = tempfile::tempdir().unwrap();
    let val = write(
        sets.path(),
        "val.jsonl",
        "{\"question\": \"linkedin ai opt out\", \"expected\": \"opt-out-how\"}\n\
         {\"question\": \"banana bread recipe\", \"expected\": null}\n",
    );
    let output = run(&[
        "eval",
        val.to_str().unwrap(),
        "--faq",
        faq.path().to_str().unwrap(),
        "--calibrate-on",
        val.to_str().unwrap(),
        "--save-threshold",
    ]);
    assert_success(&output, "eval --save-threshold without a settings.toml");
    let saved = std::fs::read_to_string(faq.path().join("settings.toml")).expect("settings.toml is created");
    assert!(saved.contains("answer_threshold"), "{saved}");
    assert_success(&run(&["check", "--faq", faq.path().to_str().unwrap()]), "check after creating settings.toml");
}

#[test]
fn eval_save_threshold_refuses_the_built_in_faq() {
    let sets = tempfile::tempdir().unwrap();
    let val = write(sets.path(), "val.jsonl", SMALL_SET);
    let v = val.to_str().unwrap();
    let output = run(&["eval", v, "--calibrate-on", v, "--save-threshold"]);
    assert_failure(&output, "--save-threshold without --faq");
    assert!(stderr(&output).contains("--faq"), "says --faq DIR is needed: {}", stderr(&output));
}

#[test]
fn eval_fails_naming_an_expected_id_not_in_the_faq() {
    let dir = tempfile::tempdir().unwrap();
    let questions = write(
        dir.path(),
        "q.jsonl",
        "{\"question\": \"how do I opt out\", \"expected\": \"opt-out-how\"}\n\
         {\"question\": \"what about cookies\", \"expected\": [\"gdpr\", \"cookie-policy\"]}\n",
    );
    let output = run(&["eval", questions.to_str().unwrap(), "--json"]);
    assert_failure(&output, "eval with an unknown expected id");
    assert!(stderr(&output).contains("cookie-policy"), "names the unknown id: {}", stderr(&output));
    assert!(stdout(&output).is_empty(), "no report for a set that does not fit the FAQ: {}", stdout(&output));
}

#[test]
fn eval_fails_naming_a_malformed_line() {
    let dir = tempfile::tempdir().unwrap();
    let questions = write(
        dir.path(),
        "q.jsonl",
        "{\"question\": \"how do I opt out\", \"expected\": \"opt-out-how\"}\n\n{\"question\": \"oops\", \"expected\": \n",
    );
    let output = run(&["eval", questions.to_str().unwrap()]);
    assert_failure(&output, "eval with a malformed line");
    assert!(stderr(&output).contains("q.jsonl:3:"), "names file:line: {}", stderr(&output));
}

#[test]
fn eval_fails_on_a_missing_question_file() {
    let output = run(&["eval", "/nonexistent/questions.jsonl"]);
    assert_failure(&output, "eval with a missing file");
    assert!(stderr(&output).contains("/nonexistent/questions.jsonl"), "names the file: {}", stderr(&output));
}

#[test]
fn eval_reads_question_files_with_a_byte_order_mark_and_crlf() {
    let dir = tempfile::tempdir().unwrap();
    let questions = write(
        dir.path(),
        "windows.jsonl",
        "\u{FEFF}{\"question\": \"how do I opt out of linkedin ai training\", \"expected\": \"opt-out-how\"}\r\n\
         {\"question\": \"banana bread recipe\", \"expected\": null}\r\n",
    );
    let output = run(&["eval", questions.to_str().unwrap(), "--json"]);
    assert_success(&output, "eval on a file saved with a BOM and CRLF");
    assert_eq!(json(&output)["questions"], 2, "both lines are read");
}
