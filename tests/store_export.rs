//! Variants added from Discord: they answer the question they came from, still
//! do after a restart, and `optout-bot faq export` writes them into the FAQ
//! files once.

use std::path::Path;
use std::process::Command;

use chrono::{DateTime, Utc};
use optout_bot::app::knowledge;
use optout_bot::app::upkeep::NewVariant;
use optout_bot::faq::Faq;
use optout_bot::matcher::Matcher;
use optout_bot::store::SqliteStore;

const QUESTION: &str = "where is that toggle hiding";
const ENTRY: &str = "opt-out-how";

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-06-15T12:00:00Z").unwrap().with_timezone(&Utc)
}

/// Copies the shipped FAQ, its translations' directories too.
fn copy_faq(to: &Path) {
    copy_dir(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/faq")), to);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for file in std::fs::read_dir(from).unwrap() {
        let file = file.unwrap();
        if file.file_type().unwrap().is_dir() {
            copy_dir(&file.path(), &to.join(file.file_name()));
        } else {
            std::fs::copy(file.path(), to.join(file.file_name())).unwrap();
        }
    }
}

fn answered_id(faq: &Faq, question: &str) -> Option<String> {
    Matcher::for_faq(faq).find(question).answer().map(|candidate| candidate.id.clone())
}

fn add(store: &SqliteStore) -> bool {
    store
        .add_variant(&NewVariant { guild_id: 1, entry_id: ENTRY.into(), text: QUESTION.into(), added_by: 2, at: now() })
        .expect("add variant")
}

#[test]
fn an_added_variant_answers_its_question_and_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("data/optout-bot.db");
    assert_ne!(answered_id(&Faq::embedded(), QUESTION).as_deref(), Some(ENTRY), "precondition: not answered yet");

    {
        let store = SqliteStore::open(&db).unwrap();
        assert!(add(&store));
        let mut faq = Faq::embedded();
        assert!(knowledge::apply_variants(&mut faq, &store.variants().unwrap()).is_empty());
        assert_eq!(answered_id(&faq, QUESTION).as_deref(), Some(ENTRY), "answered at once");
    }

    // A restart: a new store on the same file, the FAQ loaded afresh.
    let store = SqliteStore::open(&db).unwrap();
    let mut faq = Faq::embedded();
    knowledge::apply_variants(&mut faq, &store.variants().unwrap());
    assert_eq!(answered_id(&faq, QUESTION).as_deref(), Some(ENTRY), "still answered after a restart");
}

#[test]
fn faq_export_writes_variants_into_the_files_once() {
    let dir = tempfile::tempdir().unwrap();
    let faq_dir = dir.path().join("faq");
    let db = dir.path().join("bot.db");
    copy_faq(&faq_dir);
    assert!(add(&SqliteStore::open(&db).unwrap()));
    let file = Faq::load_dir(&faq_dir).unwrap().entry(ENTRY).unwrap().location.file.clone();
    let before = std::fs::read_to_string(&file).unwrap();

    let run = || {
        Command::new(env!("CARGO_BIN_EXE_optout-bot"))
            // DATABASE_URL would choose PostgreSQL: these are the SQLite ones.
            .env_remove("DATABASE_URL")
            .args(["faq", "export", "--faq"])
            .arg(&faq_dir)
            .arg("--db")
            .arg(&db)
            .output()
            .expect("run optout-bot")
    };
    let first = run();
    assert!(first.status.success(), "export succeeds: {}", String::from_utf8_lossy(&first.stderr));
    let stdout = String::from_utf8_lossy(&first.stdout);
    assert!(stdout.contains("exported 1 variant(s)"), "reports what it wrote: {stdout}");
    let after = std::fs::read_to_string(&file).unwrap();
    assert_eq!(after.matches(QUESTION).count(), 1, "the variant is in the file once");
    assert_eq!(after.lines().count(), before.lines().count() + 1, "one line added, nothing else changed");

    let reloaded = Faq::load_dir(&faq_dir).unwrap();
    assert_eq!(answered_id(&reloaded, QUESTION).as_deref(), Some(ENTRY), "the committed file answers it");

    let second = run();
    assert!(second.status.success());
    assert!(String::from_utf8_lossy(&second.stdout).contains("exported 0 variant(s); 1 already in the files"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), after, "a re-export changes nothing");
}

#[test]
fn faq_export_refuses_a_missing_database() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_optout-bot"))
        .env_remove("DATABASE_URL")
        .args(["faq", "export", "--faq", concat!(env!("CARGO_MANIFEST_DIR"), "/faq"), "--db"])
        .arg(dir.path().join("nope.db"))
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("no database at"));
    assert!(!dir.path().join("nope.db").exists(), "does not create one");
}
