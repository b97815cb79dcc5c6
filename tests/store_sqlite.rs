//! The SQLite store on a real file: durability across reopen and restarts, the
//! exactly-once claim under concurrent threads; and the behavioural suite every backend
//! runs (`tests/store_behaviour/`), here on two connections to one file.

#[macro_use]
mod store_behaviour;

use std::path::Path;
use std::sync::{Arc, Barrier};

use chrono::Duration;
use chrono_tz::Europe::Berlin;
use optout_bot::announce::{self, Body, MissReason, Ping, Repeat, Status, NONCE_RESEND_WINDOW};
use optout_bot::app::audit::{AuditAction, NewAuditEntry};
use optout_bot::app::upkeep::NewVariant;
use optout_bot::app::usage::{Answered, DeclinedQuestion, Vote};
use optout_bot::store::SqliteStore;

// The fixtures (ids, times, an announcement) are the behavioural suite's.
use store_behaviour::{new_announcement, now, utc, BIG_ROLE, GUILD, MODERATOR, USER};

fn open(path: &Path) -> SqliteStore {
    SqliteStore::open(path).unwrap_or_else(|e| panic!("opening {}: {e}", path.display()))
}

#[test]
fn first_run_creates_the_directory_and_database_in_wal_mode() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("data/nested/optout-bot.db");
    let store = open(&path);
    assert!(path.exists(), "the database file is created on first run");
    assert_eq!(store.path(), Some(path.as_path()));
    let connection = rusqlite::Connection::open(&path).expect("open with plain sqlite");
    let mode: String = connection.query_row("PRAGMA journal_mode", [], |row| row.get(0)).expect("journal mode");
    assert_eq!(mode, "wal", "the database is in WAL mode");
}

#[test]
fn reopen_after_drop_keeps_everything() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("optout-bot.db");
    let (scheduled, sent) = {
        let store = open(&path);
        let scheduled =
            store.create_announcement(&new_announcement(utc("2026-06-16T07:00:00Z"), Repeat::Daily), now()).unwrap();
        let mut entry = new_announcement(utc("2026-06-15T12:30:00Z"), Repeat::None);
        entry.body = Body::Entry("opt-out-how".into());
        entry.ping = Ping::Everyone;
        let sent = store.create_announcement(&entry, now()).unwrap();
        store.claim_announcement(sent.id, now()).unwrap().expect("claimed");
        store.mark_sent(sent.id, 999_999_999_999_999_999, now()).unwrap();
        store
            .record_answer(&Answered {
                guild_id: GUILD,
                entry_id: "opt-out-how".into(),
                asked: Some((USER, "how do i opt out".into())),
                at: now(),
            })
            .unwrap();
        store
            .record_declined(&DeclinedQuestion {
                guild_id: GUILD,
                user_id: 5,
                question: "is meta next?".into(),
                at: now(),
            })
            .unwrap();
        store
            .record_vote(&Vote {
                guild_id: GUILD,
                message_id: 77,
                user_id: 5,
                entry_id: "opt-out-how".into(),
                helpful: false,
                question: Some("how do i stop it".into()),
                at: now(),
            })
            .unwrap();
        assert!(store
            .add_variant(&NewVariant {
                guild_id: GUILD,
                entry_id: "opt-out-how".into(),
                text: "how do i stop it".into(),
                added_by: MODERATOR,
                at: now(),
            })
            .unwrap());
        store
            .record_audit(&NewAuditEntry {
                guild_id: GUILD,
                actor_id: MODERATOR,
                action: AuditAction::FaqReloaded,
                details: "12 entries".into(),
                at: now(),
            })
            .unwrap();
        (scheduled, store.announcement(sent.id).unwrap().expect("sent row"))
    };

    let store = open(&path);
    assert_eq!(store.announcement(scheduled.id).unwrap().as_ref(), Some(&scheduled), "scheduled announcement survives");
    let reread = store.announcement(sent.id).unwrap().expect("sent announcement survives");
    assert_eq!(reread, sent);
    assert_eq!(reread.status, Status::Sent);
    assert_eq!(
        store.last_question(USER, "opt-out-how").unwrap().as_deref(),
        Some("how do i opt out"),
        "who asked what survives, for reviewing a later 'not helpful' vote"
    );
    assert_eq!(store.last_question(USER, "gdpr").unwrap(), None);
    assert_eq!(reread.sent_message_id, Some(999_999_999_999_999_999));
    assert_eq!(reread.ping, Ping::Everyone);
    assert_eq!(reread.body, Body::Entry("opt-out-how".into()));
    assert_eq!(scheduled.ping, Ping::Role(BIG_ROLE), "a u64 snowflake round-trips");
    assert_eq!(scheduled.timezone, Berlin);
    assert_eq!(store.pending_announcements().unwrap(), vec![scheduled.clone()], "only the scheduled one is pending");
    assert_eq!(store.next_due_at().unwrap(), Some(scheduled.due_at));

    let activity = store.activity(GUILD, now() - Duration::days(1)).unwrap();
    assert_eq!(activity.answers_by_entry, vec![("opt-out-how".to_owned(), 1)]);
    assert_eq!((activity.declined, activity.helpful, activity.not_helpful), (1, 0, 1));
    assert_eq!(store.review_questions(GUILD, now() - Duration::days(1)).unwrap().len(), 2);
    assert_eq!(store.variants().unwrap().len(), 1);
    let audit = store.audit_log(GUILD, 10).unwrap();
    let actions: Vec<AuditAction> = audit.iter().map(|entry| entry.action).collect();
    assert_eq!(
        actions,
        vec![
            AuditAction::FaqReloaded,
            AuditAction::VariantAdded,
            AuditAction::AnnouncementCreated,
            AuditAction::AnnouncementCreated
        ],
        "audit log newest first, every moderator action in it"
    );
}

#[test]
fn two_concurrent_claimers_send_each_announcement_exactly_once() {
    const ANNOUNCEMENTS: usize = 40;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("optout-bot.db");
    let ids: Vec<i64> = {
        let store = open(&path);
        (0..ANNOUNCEMENTS)
            .map(|i| {
                store
                    .create_announcement(&new_announcement(now() + Duration::seconds(i as i64), Repeat::None), now())
                    .unwrap()
                    .id
            })
            .collect()
    };
    // Two connections to one file, as two bot processes would have.
    let barrier = Arc::new(Barrier::new(2));
    let claimers: Vec<_> = (0..2)
        .map(|_| {
            let path = path.clone();
            let ids = ids.clone();
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                let store = open(&path);
                barrier.wait();
                ids.iter()
                    .filter(|id| store.claim_announcement(**id, now() + Duration::minutes(1)).unwrap().is_some())
                    .copied()
                    .collect::<Vec<i64>>()
            })
        })
        .collect();
    let won: Vec<Vec<i64>> = claimers.into_iter().map(|claimer| claimer.join().expect("claimer thread")).collect();
    for id in &ids {
        let winners = won.iter().filter(|claims| claims.contains(id)).count();
        assert_eq!(winners, 1, "announcement {id} was claimed by {winners} claimers, expected exactly one");
    }
    let store = open(&path);
    for id in &ids {
        let row = store.announcement(*id).unwrap().expect("row");
        assert_eq!((row.status, row.attempts), (Status::Sending, 1), "announcement {id} claimed once");
    }
}

#[test]
fn restart_while_sending_resends_with_the_same_nonce_then_gives_up() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("optout-bot.db");
    let claimed_at = now();
    let id = {
        let store = open(&path);
        let a = store.create_announcement(&new_announcement(now(), Repeat::None), now() - Duration::hours(1)).unwrap();
        store.claim_announcement(a.id, claimed_at).unwrap().expect("claim");
        a.id
        // Dropped here without mark_sent: the bot died mid-send.
    };
    let store = open(&path);
    let pending = store.pending_announcements().unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].status, Status::Sending);

    let soon = announce::recovery_plan(&pending, claimed_at + Duration::seconds(30), Duration::minutes(15));
    assert_eq!(soon.resend_same_nonce, vec![id], "a quick restart re-posts with the same nonce");
    assert!(soon.send_now.is_empty() && soon.missed.is_empty());
    assert!(store.claim_announcement(id, now()).unwrap().is_none(), "a sending row is not claimed a second time");

    let late =
        announce::recovery_plan(&pending, claimed_at + NONCE_RESEND_WINDOW + Duration::seconds(1), Duration::days(1));
    assert_eq!(late.missed, vec![(id, MissReason::Uncertain)], "too late to deduplicate: reported, never re-sent");
    store.mark_missed(id, &MissReason::Uncertain, now()).unwrap();
    assert!(store.pending_announcements().unwrap().is_empty());
}

/// Two connections to one fresh file, kept while the directory guard lives.
async fn two_connections(_test: &str) -> Option<(tempfile::TempDir, SqliteStore, SqliteStore)> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("optout-bot.db");
    let (first, second) = (open(&path), open(&path));
    Some((dir, first, second))
}

behaviour_tests!(two_connections);
