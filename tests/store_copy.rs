//! `optout-bot db copy`: a SQLite store filled through its public API, copied into a
//! PostgreSQL database of the test's own (`TEST_DATABASE_URL`; skipped, saying so, when
//! unset), reads back the same through the storage traits; a non-empty target is refused
//! untouched; and the binary never prints the URL's password.

mod postgres_support;
mod store_behaviour;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::Duration;
use optout_bot::announce::{Body, MissReason, Ping, Repeat, Status};
use optout_bot::app::audit::{AuditAction, NewAuditEntry};
use optout_bot::app::upkeep::NewVariant;
use optout_bot::app::usage::{Answered, DeclinedQuestion, Vote};
use optout_bot::store::{copy_sqlite_to_postgres, CopyError, SqliteStore};
use postgres_support::TestDb;
use store_behaviour::{new_announcement, now, utc, Store, GUILD, MODERATOR, OTHER_GUILD, USER};

const BIN: &str = env!("CARGO_BIN_EXE_optout-bot");
const PASSWORD: &str = "s3cret-pass-word";

const TABLES: [&str; 6] = ["announcements", "audit_log", "answers", "declined_questions", "votes", "variants"];

/// A SQLite file with some of everything the bot keeps: announcements in every status
/// (a repeat sent and one missed, each with its next occurrence; one sending; one cancelled),
/// audit entries, answers with and without questions, a declined question, votes, a variant.
async fn filled_sqlite(dir: &Path) -> PathBuf {
    let path = dir.join("optout-bot.db");
    fill(&SqliteStore::open(&path).unwrap()).await;
    path
}

/// Through the storage traits, as the bot writes (the SQLite store's own methods are synchronous).
async fn fill<S: Store>(store: &S) {
    let daily = store.create_announcement(&new_announcement(now(), Repeat::Daily), now()).await.unwrap();
    store.claim_announcement(daily.id, now()).await.unwrap().expect("claimed");
    let next = store.mark_sent(daily.id, 999_999_999_999_999_999, now()).await.unwrap().expect("next occurrence");
    assert_eq!(next.series_id, daily.id);
    let mut entry = new_announcement(now() + Duration::hours(1), Repeat::None);
    entry.body = Body::Entry("opt-out-how".into());
    entry.ping = Ping::Everyone;
    let sending = store.create_announcement(&entry, now()).await.unwrap();
    store.claim_announcement(sending.id, now() + Duration::hours(1)).await.unwrap().expect("claimed");
    let missed = store.create_announcement(&new_announcement(now(), Repeat::Weekly), now()).await.unwrap();
    store.mark_missed(missed.id, &MissReason::Failed("Missing Access".into()), now()).await.unwrap();
    let cancelled = store.create_announcement(&new_announcement(now(), Repeat::None), now()).await.unwrap();
    store.cancel_announcement(GUILD, cancelled.id, MODERATOR, now()).await.unwrap();

    store
        .record_audit(&NewAuditEntry {
            guild_id: GUILD,
            actor_id: MODERATOR,
            action: AuditAction::FaqReloaded,
            details: "12 entries".into(),
            at: now(),
        })
        .await
        .unwrap();
    let asked = Answered {
        guild_id: GUILD,
        entry_id: "opt-out-how".into(),
        asked: Some((USER, "how do i opt out".into())),
        at: now(),
    };
    store.record_answer(&asked).await.unwrap();
    let unasked = Answered { guild_id: OTHER_GUILD, entry_id: "gdpr".into(), asked: None, at: now() };
    store.record_answer(&unasked).await.unwrap();
    let declined = DeclinedQuestion { guild_id: GUILD, user_id: USER, question: "is meta next?".into(), at: now() };
    store.record_declined(&declined).await.unwrap();
    for (user, helpful, question) in [(USER, false, Some("how do i stop it")), (6, true, None)] {
        let vote = Vote {
            guild_id: GUILD,
            message_id: 77,
            user_id: user,
            entry_id: "opt-out-how".into(),
            helpful,
            question: question.map(str::to_owned),
            at: now(),
        };
        store.record_vote(&vote).await.unwrap();
    }
    let variant = NewVariant {
        guild_id: GUILD,
        entry_id: "opt-out-how".into(),
        text: "How do I STOP it".into(),
        added_by: MODERATOR,
        at: now(),
    };
    assert!(store.add_variant(&variant).await.unwrap());
}

/// Everything the storage traits show of a store, to compare two.
#[derive(Debug, PartialEq)]
struct Seen {
    announcements: Vec<optout_bot::announce::Announcement>,
    upcoming: Vec<optout_bot::announce::Announcement>,
    pending: Vec<optout_bot::announce::Announcement>,
    audit: Vec<optout_bot::app::audit::AuditEntry>,
    variants: Vec<optout_bot::app::upkeep::StoredVariant>,
    tallies: Vec<(u64, u64)>,
    review: Vec<optout_bot::app::usage::ReviewQuestion>,
    activity: Vec<optout_bot::app::usage::Activity>,
    last_question: Option<String>,
}

async fn seen<S: Store>(store: &S) -> Seen {
    let mut announcements = Vec::new();
    for id in 1..=10 {
        announcements.extend(store.announcement(id).await.unwrap());
    }
    let since = now() - Duration::days(1);
    let mut tallies = Vec::new();
    for entry in ["opt-out-how", "gdpr"] {
        tallies.push(store.vote_tally(entry).await.unwrap());
    }
    Seen {
        announcements,
        upcoming: store.upcoming_announcements(GUILD).await.unwrap(),
        pending: store.pending_announcements().await.unwrap(),
        audit: store.audit_log(GUILD, 100).await.unwrap(),
        variants: store.variants().await.unwrap(),
        tallies,
        review: store.review_questions(GUILD, since).await.unwrap(),
        activity: vec![store.activity(GUILD, since).await.unwrap(), store.activity(OTHER_GUILD, since).await.unwrap()],
        last_question: store.last_question(USER, "opt-out-how").await.unwrap(),
    }
}

async fn counts(db: &TestDb) -> Vec<(&'static str, i64)> {
    let client = db.client().await;
    let mut counts = Vec::new();
    for table in TABLES {
        let count: i64 = client.query_one(&format!("SELECT COUNT(*) FROM {table}"), &[]).await.unwrap().get(0);
        counts.push((table, count));
    }
    counts
}

#[tokio::test]
async fn everything_reads_back_the_same_after_a_copy_and_new_rows_get_fresh_ids() {
    let Some(db) = TestDb::create("everything_reads_back_the_same_after_a_copy_and_new_rows_get_fresh_ids").await
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = filled_sqlite(dir.path()).await;
    let sqlite = SqliteStore::open(&path).unwrap();
    let before = seen(&sqlite).await;
    assert_eq!(before.announcements.len(), 6, "six announcements to copy");
    let statuses: Vec<Status> = before.announcements.iter().map(|a| a.status).collect();
    assert_eq!(
        statuses,
        vec![Status::Sent, Status::Scheduled, Status::Sending, Status::Missed, Status::Scheduled, Status::Cancelled],
        "every status is copied"
    );

    let report = copy_sqlite_to_postgres(&path, &db.url).await.expect("the copy succeeds");
    assert_eq!(
        report.tables,
        vec![
            ("announcements", 6),
            ("audit_log", 7),
            ("answers", 2),
            ("declined_questions", 1),
            ("votes", 2),
            ("variants", 1)
        ]
    );
    let pg = db.open().await;
    assert_eq!(seen(&pg).await, before, "PostgreSQL shows exactly what SQLite did");

    // Columns no trait shows: when a row finished, and a variant's normalized text.
    let finished: Vec<Option<i64>> = rusqlite::Connection::open(&path)
        .unwrap()
        .prepare("SELECT finished_at_ms FROM announcements ORDER BY id")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let client = db.client().await;
    let copied: Vec<Option<i64>> = client
        .query("SELECT (EXTRACT(EPOCH FROM finished_at) * 1000)::BIGINT FROM announcements ORDER BY id", &[])
        .await
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    assert_eq!(copied, finished);
    assert!(finished.iter().filter(|f| f.is_some()).count() >= 3, "sent, missed and cancelled rows finished");
    let normalized: String = client.query_one("SELECT normalized FROM variants", &[]).await.unwrap().get(0);
    assert_eq!(normalized, optout_bot::text::normalize("How do I STOP it"));

    // New rows continue after the copied ids.
    let fresh =
        pg.create_announcement(&new_announcement(now() + Duration::days(3), Repeat::None), now()).await.unwrap();
    let max_copied = before.announcements.iter().map(|a| a.id).max().unwrap();
    assert_eq!(fresh.id, max_copied + 1, "a new announcement gets the next id, not a copied one");
    assert_eq!(fresh.series_id, fresh.id);
    let audit = pg.audit_log(GUILD, 100).await.unwrap();
    assert_eq!(audit.len(), before.audit.len() + 1, "its audit entry did not collide either");
    assert!(audit[0].id > before.audit.iter().map(|e| e.id).max().unwrap());
    let variant = NewVariant {
        guild_id: GUILD,
        entry_id: "gdpr".into(),
        text: "what about gdpr".into(),
        added_by: MODERATOR,
        at: now(),
    };
    assert!(pg.add_variant(&variant).await.unwrap(), "a new variant gets a fresh id");
    let vote = Vote {
        guild_id: GUILD,
        message_id: 78,
        user_id: USER,
        entry_id: "gdpr".into(),
        helpful: true,
        question: None,
        at: now(),
    };
    pg.record_vote(&vote).await.unwrap();
    let answer = Answered { guild_id: GUILD, entry_id: "gdpr".into(), asked: None, at: now() };
    pg.record_answer(&answer).await.unwrap();
    let declined = DeclinedQuestion { guild_id: GUILD, user_id: USER, question: "and x?".into(), at: now() };
    pg.record_declined(&declined).await.unwrap();
    assert_eq!(counts(&db).await.iter().map(|(_, n)| n).sum::<i64>(), 19 + 7, "every new row was stored");
}

#[tokio::test]
async fn a_non_empty_target_is_refused_and_left_unchanged() {
    let Some(db) = TestDb::create("a_non_empty_target_is_refused_and_left_unchanged").await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = filled_sqlite(dir.path()).await;
    let pg = db.open().await;
    let vote = Vote {
        guild_id: GUILD,
        message_id: 1,
        user_id: USER,
        entry_id: "gdpr".into(),
        helpful: true,
        question: None,
        at: utc("2026-01-01T00:00:00Z"),
    };
    pg.record_vote(&vote).await.unwrap();
    let before = counts(&db).await;

    let error = copy_sqlite_to_postgres(&path, &db.url).await.expect_err("a non-empty target is refused");
    assert!(matches!(error, CopyError::NotEmpty { table: "votes", rows: 1, .. }), "{error:?}");
    let message = error.to_string();
    assert!(message.contains("votes") && message.contains("not empty"), "{message}");
    assert_eq!(counts(&db).await, before, "nothing was written");
    assert_eq!(pg.vote_tally("gdpr").await.unwrap(), (1, 0));
    let next = pg.create_announcement(&new_announcement(now(), Repeat::None), now()).await.unwrap();
    assert_eq!(next.id, 1, "no id was used up either");
}

#[tokio::test]
async fn a_copy_failing_half_way_leaves_the_target_empty() {
    let Some(db) = TestDb::create("a_copy_failing_half_way_leaves_the_target_empty").await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = filled_sqlite(dir.path()).await;
    // SQLite keeps a NUL in text; PostgreSQL refuses it, after announcements were inserted.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("UPDATE votes SET question = 'nul' || char(0) || 'here' WHERE question IS NOT NULL", [])
        .unwrap();
    let error = copy_sqlite_to_postgres(&path, &db.url).await.expect_err("PostgreSQL refuses the row");
    assert!(matches!(error, CopyError::Write { table: "votes", .. }), "{error:?}");
    assert!(error.to_string().contains("nothing was written"), "{error}");
    assert!(counts(&db).await.iter().all(|&(_, n)| n == 0), "every table still empty: {:?}", counts(&db).await);
    let pg = db.open().await;
    let first = pg.create_announcement(&new_announcement(now(), Repeat::None), now()).await.unwrap();
    assert_eq!(first.id, 1, "no sequence was moved");
}

/// `faq export` reads the variants a PostgreSQL deployment was taught.
#[tokio::test]
async fn faq_export_reads_the_variants_from_postgres() {
    let Some(db) = TestDb::create("export").await else { return };
    let question = "which zorblat records do they keep on me";
    let variant = NewVariant {
        guild_id: GUILD,
        entry_id: "data-types".into(),
        text: question.into(),
        added_by: MODERATOR,
        at: now(),
    };
    assert!(db.open().await.add_variant(&variant).await.unwrap());
    let dir = tempfile::tempdir().unwrap();
    postgres_support::copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("faq"), dir.path());
    let faq = dir.path().to_str().unwrap();
    let url = db.url.to_string();
    let output = run(&["faq", "export", "--faq", faq, "--database-url", &url]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("exported 1 variant(s)"), "{}", text(&output.stdout));
    let written = std::fs::read_to_string(dir.path().join("data.toml")).unwrap();
    assert!(written.contains(question), "the variant is in data.toml");
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).current_dir(std::env::temp_dir()).output().expect("the optout-bot binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

#[tokio::test]
async fn the_command_never_prints_the_password_of_an_unreachable_server() {
    let dir = tempfile::tempdir().unwrap();
    let path = filled_sqlite(dir.path()).await;
    let url = format!("postgres://bot:{PASSWORD}@127.0.0.1:1/optout");
    let output = run(&["db", "copy", path.to_str().unwrap(), &url]);
    let (out, err) = (text(&output.stdout), text(&output.stderr));
    assert!(!output.status.success(), "an unreachable server fails the command\n{out}\n{err}");
    assert!(err.contains("cannot reach PostgreSQL at postgres://bot:***@127.0.0.1:1/optout"), "{err}");
    assert!(!out.contains(PASSWORD) && !err.contains(PASSWORD), "the password leaked:\n{out}\n{err}");

    let missing = dir.path().join("no-such.db");
    let output = run(&["db", "copy", missing.to_str().unwrap(), &url]);
    let err = text(&output.stderr);
    assert!(!output.status.success());
    assert!(err.contains("no SQLite database at") && !err.contains(PASSWORD), "{err}");
    assert!(!missing.exists(), "a missing SQLite file is not created");
}

#[tokio::test]
async fn the_command_copies_and_prints_a_count_per_table() {
    let Some(db) = TestDb::create("the_command_copies_and_prints_a_count_per_table").await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = filled_sqlite(dir.path()).await;
    // The server trusts local connections, so any password gets in; it must not be shown.
    let shown = db.url.to_string();
    let (scheme, rest) = shown.split_once("://").unwrap();
    let (user, host) = rest.split_once('@').unwrap();
    let url = format!("{scheme}://{}:{PASSWORD}@{host}", user.split(':').next().unwrap());
    let output = run(&["db", "copy", path.to_str().unwrap(), &url]);
    let (out, err) = (text(&output.stdout), text(&output.stderr));
    assert!(output.status.success(), "the copy succeeds\n{out}\n{err}");
    for line in [
        "announcements: 6 row(s)",
        "audit_log: 7 row(s)",
        "answers: 2 row(s)",
        "declined_questions: 1 row(s)",
        "votes: 2 row(s)",
        "variants: 1 row(s)",
        "copied 19 row(s) from",
    ] {
        assert!(out.contains(line), "expected {line:?} in\n{out}");
    }
    assert!(!out.contains(PASSWORD) && !err.contains(PASSWORD), "the password leaked:\n{out}\n{err}");
    assert_eq!(counts(&db).await.iter().map(|(_, n)| n).sum::<i64>(), 19);

    // Again: the target is no longer empty, so the command refuses, naming the table.
    let output = run(&["db", "copy", path.to_str().unwrap(), &url]);
    let err = text(&output.stderr);
    assert!(!output.status.success());
    assert!(err.contains("table announcements has 6 row(s)") && !err.contains(PASSWORD), "{err}");
    assert_eq!(counts(&db).await.iter().map(|(_, n)| n).sum::<i64>(), 19, "nothing written twice");
}
