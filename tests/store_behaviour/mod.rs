//! One behavioural suite for every storage backend: each function takes two stores on
//! the same database (as two bot processes would have) through the application's
//! storage traits only, so SQLite (`tests/store_sqlite.rs`) and PostgreSQL
//! (`tests/store_postgres.rs`) are held to the same semantics: announcement states,
//! nonces, the exactly-once claim, repeats, cancelling, votes, variants, the audit log.
//!
//! `behaviour_tests!(open)` declares one `#[tokio::test]` per function below, where
//! `open(test_name)` gives `Option<(guard, store, other_store)>` (`None`: skipped).

#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{DateTime, Duration, Utc};
use chrono_tz::{Europe::Berlin, UTC};
use optout_bot::announce::{
    self, Announcement, Body, MissReason, NewAnnouncement, Ping, Repeat, Schedule, Status, NONCE_RESEND_WINDOW,
};
use optout_bot::app::announcements::{AnnouncementStore, CancelOutcome};
use optout_bot::app::audit::{AuditAction, AuditLog, NewAuditEntry};
use optout_bot::app::storage::StoreError;
use optout_bot::app::upkeep::{NewVariant, VariantStore};
use optout_bot::app::usage::{Answered, DeclinedQuestion, UsageStore, Vote};

/// Everything a backend implements.
pub trait Store: AnnouncementStore + AuditLog + UsageStore + VariantStore {}
impl<S: AnnouncementStore + AuditLog + UsageStore + VariantStore> Store for S {}

/// Declares the whole suite for one backend; `$open` is an async fn(&str) -> Option<(G, S, S)>.
#[macro_export]
macro_rules! behaviour_tests {
    ($open:path) => {
        $crate::behaviour_tests!(@each $open;
            writes_read_back_through_another_connection,
            concurrent_claimers_claim_each_announcement_once,
            two_stores_racing_for_a_due_announcement_post_it_once,
            a_repeat_schedules_its_next_occurrence_when_sent,
            a_missed_repeat_is_reported_and_its_series_goes_on,
            a_sending_row_is_resent_with_the_same_nonce_then_given_up,
            cancelling_is_per_guild_audited_and_final,
            a_second_vote_replaces_the_first_and_periods_filter,
            a_variant_is_added_once_whatever_its_spelling,
            a_relative_announcement_in_utc_round_trips,
        );
    };
    (@each $open:path; $($name:ident),* $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let Some((_guard, store, other)) = $open(stringify!($name)).await else {
                    return;
                };
                store_behaviour::$name(&store, &other).await;
            }
        )*
    };
}

pub const GUILD: u64 = 111_111_111_111_111_111;
pub const OTHER_GUILD: u64 = 222;
pub const CHANNEL: u64 = 333_333_333_333_333_333;
pub const MODERATOR: u64 = 444;
/// A member asking questions.
pub const USER: u64 = 555;
// Snowflakes use all 64 bits eventually; the store must keep them bit for bit.
pub const BIG_ROLE: u64 = u64::MAX - 5;

pub fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).expect("test time").with_timezone(&Utc)
}

pub fn now() -> DateTime<Utc> {
    utc("2026-06-15T12:00:00Z")
}

pub fn new_announcement(due_at: DateTime<Utc>, repeat: Repeat) -> NewAnnouncement {
    NewAnnouncement {
        guild_id: GUILD,
        channel_id: CHANNEL,
        body: Body::Text("Office hours today at 17:00".into()),
        ping: Ping::Role(BIG_ROLE),
        schedule: Schedule { due_at, timezone: Berlin },
        repeat,
        publish: true,
        created_by: MODERATOR,
    }
}

pub async fn writes_read_back_through_another_connection<S: Store>(store: &S, other: &S) {
    let scheduled =
        store.create_announcement(&new_announcement(utc("2026-06-16T07:00:00Z"), Repeat::Daily), now()).await.unwrap();
    let mut entry = new_announcement(utc("2026-06-15T12:30:00Z"), Repeat::None);
    entry.body = Body::Entry("opt-out-how".into());
    entry.ping = Ping::Everyone;
    let sent = store.create_announcement(&entry, now()).await.unwrap();
    store.claim_announcement(sent.id, now()).await.unwrap().expect("claimed");
    store.mark_sent(sent.id, 999_999_999_999_999_999, now()).await.unwrap();
    let answered = Answered {
        guild_id: GUILD,
        entry_id: "opt-out-how".into(),
        asked: Some((USER, "how do i opt out".into())),
        at: now(),
    };
    store.record_answer(&answered).await.unwrap();
    let declined = DeclinedQuestion { guild_id: GUILD, user_id: 5, question: "is meta next?".into(), at: now() };
    store.record_declined(&declined).await.unwrap();
    let vote = Vote {
        guild_id: GUILD,
        message_id: 77,
        user_id: 5,
        entry_id: "opt-out-how".into(),
        helpful: false,
        question: Some("how do i stop it".into()),
        at: now(),
    };
    store.record_vote(&vote).await.unwrap();
    let variant = NewVariant {
        guild_id: GUILD,
        entry_id: "opt-out-how".into(),
        text: "how do i stop it".into(),
        added_by: MODERATOR,
        at: now(),
    };
    assert!(store.add_variant(&variant).await.unwrap());
    let audit = NewAuditEntry {
        guild_id: GUILD,
        actor_id: MODERATOR,
        action: AuditAction::FaqReloaded,
        details: "12 entries".into(),
        at: now(),
    };
    store.record_audit(&audit).await.unwrap();
    let sent = store.announcement(sent.id).await.unwrap().expect("sent row");

    // Read through the other connection: nothing is only in one process's memory.
    assert_eq!(other.announcement(scheduled.id).await.unwrap().as_ref(), Some(&scheduled), "scheduled one reads back");
    let reread = other.announcement(sent.id).await.unwrap().expect("sent announcement reads back");
    assert_eq!(reread, sent);
    assert_eq!(reread.status, Status::Sent);
    assert_eq!(reread.sent_message_id, Some(999_999_999_999_999_999));
    assert_eq!(reread.ping, Ping::Everyone);
    assert_eq!(reread.body, Body::Entry("opt-out-how".into()));
    assert_eq!(scheduled.ping, Ping::Role(BIG_ROLE), "a u64 snowflake round-trips");
    assert_eq!((scheduled.timezone, scheduled.series_id), (Berlin, scheduled.id));
    assert_eq!(
        other.last_question(USER, "opt-out-how").await.unwrap().as_deref(),
        Some("how do i opt out"),
        "who asked what is kept, for reviewing a later 'not helpful' vote"
    );
    assert_eq!(other.last_question(USER, "gdpr").await.unwrap(), None);
    assert_eq!(other.pending_announcements().await.unwrap(), vec![scheduled.clone()], "only the scheduled one pends");
    assert_eq!(other.next_due_at().await.unwrap(), Some(scheduled.due_at));

    let activity = other.activity(GUILD, now() - Duration::days(1)).await.unwrap();
    assert_eq!(activity.answers_by_entry, vec![("opt-out-how".to_owned(), 1)]);
    assert_eq!((activity.declined, activity.helpful, activity.not_helpful), (1, 0, 1));
    let review = other.review_questions(GUILD, now() - Duration::days(1)).await.unwrap();
    let mut questions: Vec<(&str, Option<&str>)> =
        review.iter().map(|q| (q.question.as_str(), q.not_helpful_entry.as_deref())).collect();
    questions.sort();
    assert_eq!(questions, vec![("how do i stop it", Some("opt-out-how")), ("is meta next?", None)]);
    assert_eq!(other.vote_tally("opt-out-how").await.unwrap(), (0, 1));
    let variants = other.variants().await.unwrap();
    assert_eq!(variants.len(), 1);
    assert_eq!((variants[0].text.as_str(), variants[0].guild_id, variants[0].at), ("how do i stop it", GUILD, now()));
    let actions: Vec<AuditAction> = other.audit_log(GUILD, 10).await.unwrap().iter().map(|e| e.action).collect();
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
    assert_eq!(other.audit_log(GUILD, 2).await.unwrap().len(), 2, "the limit is kept");
}

pub async fn concurrent_claimers_claim_each_announcement_once<S: Store>(store: &S, other: &S) {
    const ANNOUNCEMENTS: i64 = 30;
    let mut ids = Vec::new();
    for i in 0..ANNOUNCEMENTS {
        let due = now() + Duration::seconds(i);
        ids.push(store.create_announcement(&new_announcement(due, Repeat::None), now()).await.unwrap().id);
    }
    let (first, second) = tokio::join!(claim_all(store, &ids), claim_all(other, &ids));
    for id in &ids {
        let winners = usize::from(first.contains(id)) + usize::from(second.contains(id));
        assert_eq!(winners, 1, "announcement {id} was claimed by {winners} claimers, expected exactly one");
        let row = store.announcement(*id).await.unwrap().expect("row");
        assert_eq!((row.status, row.attempts), (Status::Sending, 1), "announcement {id} claimed once");
    }
}

/// Two processes' schedulers wake for the same due announcement at the same moment: each
/// claims, only the winner posts and marks it sent. Repeated, so the race really happens.
pub async fn two_stores_racing_for_a_due_announcement_post_it_once<S: Store>(store: &S, other: &S) {
    const ROUNDS: usize = 20;
    for round in 0..ROUNDS {
        let due = now() + Duration::minutes(round as i64);
        let a = store.create_announcement(&new_announcement(due, Repeat::None), now()).await.unwrap();
        let posts = AtomicUsize::new(0);
        let (first, second) = tokio::join!(claim_and_post(store, &a, &posts), claim_and_post(other, &a, &posts));
        assert_eq!(
            posts.load(Ordering::SeqCst),
            1,
            "round {round}: posted {} times, expected once",
            posts.load(Ordering::SeqCst)
        );
        let row = other.announcement(a.id).await.unwrap().unwrap();
        assert_eq!((row.status, row.attempts), (Status::Sent, 1), "round {round}");
        assert_eq!(row.sent_message_id, first.or(second));
    }
    assert!(store.pending_announcements().await.unwrap().is_empty(), "nothing left to send");
}

async fn claim_all<S: Store>(claimer: &S, ids: &[i64]) -> Vec<i64> {
    let mut won = Vec::new();
    for id in ids {
        if claimer.claim_announcement(*id, now() + Duration::minutes(1)).await.unwrap().is_some() {
            won.push(*id);
        }
    }
    won
}

/// What one scheduler does with a due announcement: claim it, and only if it won, post
/// (counted in `posts`) and mark it sent. The message id it posted, if it did.
async fn claim_and_post<S: Store>(claimer: &S, due: &Announcement, posts: &AtomicUsize) -> Option<u64> {
    let claimed = claimer.claim_announcement(due.id, due.due_at).await.unwrap()?;
    assert_eq!(claimed.nonce(), announce::message_nonce(due.id), "the post carries the occurrence's nonce");
    let message_id = 10_000 + posts.fetch_add(1, Ordering::SeqCst) as u64;
    claimer.mark_sent(claimed.id, message_id, due.due_at).await.unwrap();
    Some(message_id)
}

pub async fn a_repeat_schedules_its_next_occurrence_when_sent<S: Store>(store: &S, other: &S) {
    // 09:00 Berlin on the Saturday before the spring change.
    let first =
        store.create_announcement(&new_announcement(utc("2026-03-28T08:00:00Z"), Repeat::Daily), now()).await.unwrap();
    assert_eq!(first.series_id, first.id);
    let at = utc("2026-03-28T08:00:05Z");
    let claimed = store.claim_announcement(first.id, at).await.unwrap().expect("claim");
    assert_eq!(claimed.claimed_at, Some(at));
    assert_eq!(claimed.nonce(), announce::message_nonce(first.id));
    let next = store.mark_sent(first.id, 1234, at).await.unwrap().expect("a daily repeat has a next occurrence");
    assert_eq!(next.due_at, utc("2026-03-29T07:00:00Z"), "still 09:00 in Berlin after the clocks change");
    assert_eq!((next.series_id, next.status, next.attempts), (first.id, Status::Scheduled, 0));
    assert_eq!(next.anchor_at, first.anchor_at);
    assert_eq!((next.body.clone(), next.ping, next.publish), (first.body.clone(), first.ping, first.publish));
    assert_eq!(other.upcoming_announcements(GUILD).await.unwrap(), vec![next.clone()]);
    assert!(other.upcoming_announcements(OTHER_GUILD).await.unwrap().is_empty(), "per guild");

    // Sending twice is refused, from either process: the row is no longer 'sending'.
    for (who, s) in [("the sender", store), ("another process", other)] {
        match s.mark_sent(first.id, 1234, at).await {
            Err(StoreError::WrongStatus { status: Status::Sent, .. }) => {}
            res => panic!("expected WrongStatus for a second mark_sent by {who}, got {res:?}"),
        }
    }
    assert!(other.claim_announcement(first.id, at).await.unwrap().is_none(), "a sent one cannot be claimed again");
    assert!(matches!(
        other.mark_missed(first.id, &MissReason::Uncertain, at).await,
        Err(StoreError::WrongStatus { status: Status::Sent, .. })
    ));
    assert!(matches!(store.mark_sent(99_999, 1, at).await, Err(StoreError::NoSuchAnnouncement(99_999))));

    // A one-off has no next occurrence.
    let once =
        store.create_announcement(&new_announcement(utc("2026-06-15T13:00:00Z"), Repeat::None), now()).await.unwrap();
    store.claim_announcement(once.id, now()).await.unwrap().expect("claim");
    assert_eq!(store.mark_sent(once.id, 1, now()).await.unwrap(), None);
}

pub async fn a_missed_repeat_is_reported_and_its_series_goes_on<S: Store>(store: &S, other: &S) {
    let weekly =
        store.create_announcement(&new_announcement(utc("2026-06-01T07:00:00Z"), Repeat::Weekly), now()).await.unwrap();
    let grace = Duration::minutes(15);
    let plan = announce::recovery_plan(&other.pending_announcements().await.unwrap(), now(), grace);
    assert_eq!(plan.missed.len(), 1, "two weeks late is past the grace period");
    let (id, reason) = &plan.missed[0];
    let next = other.mark_missed(*id, reason, now()).await.unwrap().expect("the series goes on");
    assert_eq!(next.due_at, utc("2026-06-22T07:00:00Z"), "the next occurrence after now, not a catch-up");
    assert_eq!(next.series_id, weekly.id);
    let missed = store.announcement(weekly.id).await.unwrap().unwrap();
    assert_eq!(missed.status, Status::Missed);
    assert_eq!(missed.missed_reason.as_deref(), Some(reason.to_string().as_str()));
}

pub async fn a_sending_row_is_resent_with_the_same_nonce_then_given_up<S: Store>(store: &S, other: &S) {
    let claimed_at = now();
    let a =
        store.create_announcement(&new_announcement(now(), Repeat::None), now() - Duration::hours(1)).await.unwrap();
    store.claim_announcement(a.id, claimed_at).await.unwrap().expect("claim");
    // No mark_sent: the claimer died mid-send. Another process (or the restarted one) looks.
    let pending = other.pending_announcements().await.unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!((pending[0].status, pending[0].claimed_at), (Status::Sending, Some(claimed_at)));

    let soon = announce::recovery_plan(&pending, claimed_at + Duration::seconds(30), Duration::minutes(15));
    assert_eq!(soon.resend_same_nonce, vec![a.id], "within the nonce window it is re-posted with the same nonce");
    assert!(soon.send_now.is_empty() && soon.missed.is_empty());
    let leased = announce::recovery_plan(&pending, claimed_at + Duration::seconds(10), Duration::minutes(15));
    assert!(leased.resend_same_nonce.is_empty(), "a live claimer keeps its claim for the lease");
    assert_eq!(leased.in_progress_until, Some(claimed_at + announce::SENDING_LEASE));
    assert!(
        other.claim_announcement(a.id, claimed_at + Duration::seconds(10)).await.unwrap().is_none(),
        "a claim within its lease is not taken over"
    );
    let lapsed = claimed_at + announce::SENDING_LEASE;
    let taken = other.claim_announcement(a.id, lapsed).await.unwrap().expect("a lapsed claim is taken over");
    assert_eq!((taken.attempts, taken.claimed_at), (2, Some(lapsed)));
    assert!(store.claim_announcement(a.id, lapsed).await.unwrap().is_none(), "by one process only");
    assert!(
        store.claim_announcement(a.id, lapsed + announce::SENDING_LEASE).await.unwrap().is_none(),
        "and once: a second take-over could come after Discord forgot the nonce"
    );

    let pending = other.pending_announcements().await.unwrap();
    let late =
        announce::recovery_plan(&pending, lapsed + NONCE_RESEND_WINDOW + Duration::seconds(1), Duration::days(1));
    assert_eq!(late.missed, vec![(a.id, MissReason::Uncertain)], "too late to deduplicate: reported, never re-sent");
    other.mark_missed(a.id, &MissReason::Uncertain, now()).await.unwrap();
    assert!(store.pending_announcements().await.unwrap().is_empty());
    assert_eq!(store.next_due_at().await.unwrap(), None);
}

pub async fn cancelling_is_per_guild_audited_and_final<S: Store>(store: &S, other: &S) {
    let a =
        store.create_announcement(&new_announcement(utc("2026-06-16T07:00:00Z"), Repeat::Daily), now()).await.unwrap();
    assert_eq!(store.cancel_announcement(OTHER_GUILD, a.id, MODERATOR, now()).await.unwrap(), CancelOutcome::NotFound);
    assert_eq!(store.cancel_announcement(GUILD, 9999, MODERATOR, now()).await.unwrap(), CancelOutcome::NotFound);
    match other.cancel_announcement(GUILD, a.id, MODERATOR, now()).await.unwrap() {
        CancelOutcome::Cancelled(cancelled) => assert_eq!(cancelled.status, Status::Cancelled),
        res => panic!("expected Cancelled, got {res:?}"),
    }
    assert_eq!(
        store.cancel_announcement(GUILD, a.id, MODERATOR, now()).await.unwrap(),
        CancelOutcome::NotCancellable(Status::Cancelled)
    );
    assert!(store.claim_announcement(a.id, now()).await.unwrap().is_none(), "a cancelled one is never claimed");
    assert!(store.upcoming_announcements(GUILD).await.unwrap().is_empty());

    let b = store.create_announcement(&new_announcement(now(), Repeat::None), now()).await.unwrap();
    store.claim_announcement(b.id, now()).await.unwrap().expect("claim");
    assert_eq!(
        other.cancel_announcement(GUILD, b.id, MODERATOR, now()).await.unwrap(),
        CancelOutcome::NotCancellable(Status::Sending),
        "one being sent cannot be cancelled any more"
    );

    let audit = store.audit_log(GUILD, 10).await.unwrap();
    assert_eq!(audit.iter().filter(|e| e.action == AuditAction::AnnouncementCancelled).count(), 1, "cancelled once");
    let cancelled = audit.iter().find(|e| e.action == AuditAction::AnnouncementCancelled).unwrap();
    assert_eq!(cancelled.actor_id, MODERATOR);
    assert!(cancelled.details.contains(&format!("announcement {}", a.id)), "details name it: {}", cancelled.details);
    assert!(cancelled.details.contains("repeating daily"), "details say the repeat: {}", cancelled.details);
    assert!(store.audit_log(OTHER_GUILD, 10).await.unwrap().is_empty(), "audit logs are per guild");
}

pub async fn a_second_vote_replaces_the_first_and_periods_filter<S: Store>(store: &S, other: &S) {
    let vote = |user: u64, helpful: bool, at: DateTime<Utc>| Vote {
        guild_id: GUILD,
        message_id: 1,
        user_id: user,
        entry_id: "opt-out-how".into(),
        helpful,
        question: Some("how do i opt out".into()),
        at,
    };
    store.record_vote(&vote(1, false, now())).await.unwrap();
    other.record_vote(&vote(1, true, now())).await.unwrap();
    store.record_vote(&vote(2, true, now())).await.unwrap();
    store.record_vote(&vote(3, false, now() - Duration::days(40))).await.unwrap();
    let activity = store.activity(GUILD, now() - Duration::days(30)).await.unwrap();
    assert_eq!((activity.helpful, activity.not_helpful), (2, 0), "user 1 changed their vote; user 3 is too old");
    let all = store.activity(GUILD, now() - Duration::days(60)).await.unwrap();
    assert_eq!((all.helpful, all.not_helpful), (2, 1));
    assert_eq!(store.vote_tally("opt-out-how").await.unwrap(), (2, 1), "the tally counts every period");
    assert_eq!(store.activity(OTHER_GUILD, now() - Duration::days(60)).await.unwrap(), Default::default());

    for (entry, times) in [("a", 1), ("b", 3), ("c", 3)] {
        for _ in 0..times {
            let answered = Answered { guild_id: GUILD, entry_id: entry.into(), asked: None, at: now() };
            store.record_answer(&answered).await.unwrap();
        }
    }
    let activity = other.activity(GUILD, now() - Duration::days(1)).await.unwrap();
    assert_eq!(
        activity.answers_by_entry,
        vec![("b".to_owned(), 3), ("c".to_owned(), 3), ("a".to_owned(), 1)],
        "most answered first, ties by id"
    );
    assert_eq!(activity.answered, 7);
}

pub async fn a_variant_is_added_once_whatever_its_spelling<S: Store>(store: &S, other: &S) {
    let variant = |text: &str, entry: &str| NewVariant {
        guild_id: GUILD,
        entry_id: entry.into(),
        text: text.into(),
        added_by: MODERATOR,
        at: now(),
    };
    assert!(store.add_variant(&variant("How do I stop it?", "opt-out-how")).await.unwrap());
    assert!(!other.add_variant(&variant("how do i stop it", "opt-out-how")).await.unwrap(), "same after normalizing");
    assert!(other.add_variant(&variant("  how do i stop it ", "other-entry")).await.unwrap(), "another entry may");
    let variants = store.variants().await.unwrap();
    assert_eq!(
        variants.iter().map(|v| v.text.as_str()).collect::<Vec<_>>(),
        vec!["How do I stop it?", "how do i stop it"],
        "oldest first, trimmed"
    );
    let audit = store.audit_log(GUILD, 10).await.unwrap();
    let audited = audit.iter().filter(|e| e.action == AuditAction::VariantAdded).count();
    assert_eq!(audited, 2, "only variants actually added are audited");
}

pub async fn a_relative_announcement_in_utc_round_trips<S: Store>(store: &S, other: &S) {
    let schedule = announce::parse_at("in 90s", now(), UTC).unwrap();
    let mut new = new_announcement(schedule.due_at, Repeat::None);
    new.schedule = schedule;
    new.ping = Ping::None;
    let a = store.create_announcement(&new, now()).await.unwrap();
    assert_eq!((a.due_at, a.timezone, a.ping), (now() + Duration::seconds(90), UTC, Ping::None));
    assert_eq!(other.announcement(a.id).await.unwrap(), Some(a));
}
