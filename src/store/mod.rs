//! What the bot remembers: scheduled announcements, the audit log, helpful
//! votes, declined questions, variants added from Discord and usage counts.
//!
//! [`Store`] is the interface; [`SqliteStore`] the embedded implementation. A
//! server database (for several bot processes sharing state) implements the
//! same trait. Calls are synchronous and short (one small transaction each);
//! async callers run them on `tokio::task::spawn_blocking`, since a commit
//! waits for the disk.
//!
//! Every moderator action that changes state (creating or cancelling an
//! announcement, adding a variant) is written to the audit log *in the same
//! transaction*, so the log cannot miss one.

mod postgres;
mod sqlite;

use std::fmt;
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use thiserror::Error;

pub use crate::announce::{Announcement, Body, MissReason, NewAnnouncement, Ping, Repeat, Status};
pub use postgres::{DatabaseUrl, PgError, PgStore, DATABASE_URL_ENV, LATEST_VERSION as POSTGRES_SCHEMA_VERSION};
pub use sqlite::{SqliteStore, DEFAULT_DB_PATH};

/// Why the store could not do something.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("cannot create the database directory {path}: {source}")]
    CreateDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot bring the database to the current schema: {0}")]
    Migrate(String),
    #[error("{table} row {id} is invalid: {detail}")]
    InvalidRow { table: &'static str, id: i64, detail: String },
    #[error("announcement {id} is {status}, not {expected}")]
    WrongStatus { id: i64, status: Status, expected: &'static str },
    #[error("no announcement {0}")]
    NoSuchAnnouncement(i64),
    #[error("database error: {0}")]
    Backend(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// What `cancel_announcement` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CancelOutcome {
    Cancelled(Announcement),
    /// No such announcement in this guild.
    NotFound,
    /// Already sending, sent, missed or cancelled: nothing to cancel.
    NotCancellable(Status),
}

/// What a moderator did, for the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    AnnouncementCreated,
    AnnouncementCancelled,
    VariantAdded,
    FaqReloaded,
    /// The scheduler did not send an announcement (too late, uncertain, refused); the actor is the bot.
    AnnouncementMissed,
}

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::AnnouncementCreated => "announcement created",
            AuditAction::AnnouncementCancelled => "announcement cancelled",
            AuditAction::VariantAdded => "variant added",
            AuditAction::FaqReloaded => "faq reloaded",
            AuditAction::AnnouncementMissed => "announcement missed",
        }
    }

    pub fn parse(text: &str) -> Option<AuditAction> {
        [
            AuditAction::AnnouncementCreated,
            AuditAction::AnnouncementCancelled,
            AuditAction::VariantAdded,
            AuditAction::FaqReloaded,
            AuditAction::AnnouncementMissed,
        ]
        .into_iter()
        .find(|action| action.as_str() == text)
    }
}

impl fmt::Display for AuditAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An audit-log line to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAuditEntry {
    pub guild_id: u64,
    pub actor_id: u64,
    pub action: AuditAction,
    /// Free text for people ("announcement 7 in <#123> at 2026-12-01 08:00 UTC").
    pub details: String,
    pub at: DateTime<Utc>,
}

/// A stored audit-log line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    pub guild_id: u64,
    pub actor_id: u64,
    pub action: AuditAction,
    pub details: String,
    pub at: DateTime<Utc>,
}

/// A "helpful?" button press on one of the bot's answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vote {
    pub guild_id: u64,
    /// The bot's answer message: one vote per user per message, the last press counts.
    pub message_id: u64,
    pub user_id: u64,
    pub entry_id: String,
    pub helpful: bool,
    /// The question that got this answer, kept for review when the vote is "not helpful".
    pub question: Option<String>,
    pub at: DateTime<Utc>,
}

/// A question the bot answered with an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answered {
    pub guild_id: u64,
    pub entry_id: String,
    /// Who asked, and their question, when known (a picked "did you mean" has no new question).
    pub asked: Option<(u64, String)>,
    pub at: DateTime<Utc>,
}

/// A question the bot declined to answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclinedQuestion {
    pub guild_id: u64,
    pub user_id: u64,
    pub question: String,
    pub at: DateTime<Utc>,
}

/// A question for moderators to review: declined, or answered and voted not helpful.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewQuestion {
    pub question: String,
    pub at: DateTime<Utc>,
    /// `None` when declined; the entry that was answered when voted not helpful.
    pub not_helpful_entry: Option<String>,
}

/// A phrasing a moderator added to an entry from Discord.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewVariant {
    pub guild_id: u64,
    pub entry_id: String,
    pub text: String,
    pub added_by: u64,
    pub at: DateTime<Utc>,
}

/// A stored variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredVariant {
    pub id: i64,
    pub entry_id: String,
    pub text: String,
    pub guild_id: u64,
    pub added_by: u64,
    pub at: DateTime<Utc>,
}

/// Counts over a period, for `/faq stats`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Activity {
    /// Answers per entry id, most answered first (ties by id).
    pub answers_by_entry: Vec<(String, u64)>,
    pub answered: u64,
    pub declined: u64,
    pub helpful: u64,
    pub not_helpful: u64,
}

/// The bot's memory. See the module docs.
pub trait Store: Send + Sync {
    // Announcements.

    /// Stores a confirmed announcement as `scheduled` and audits it, in one transaction.
    fn create_announcement(&self, new: &NewAnnouncement, now: DateTime<Utc>) -> Result<Announcement, StoreError>;

    fn announcement(&self, id: i64) -> Result<Option<Announcement>, StoreError>;

    /// A guild's `scheduled` and `sending` announcements, soonest first (`/announce list`).
    fn upcoming_announcements(&self, guild_id: u64) -> Result<Vec<Announcement>, StoreError>;

    /// Every `scheduled` and `sending` announcement, soonest first: what the
    /// scheduler classifies with [`crate::announce::recovery_plan`] at start-up and on each tick.
    fn pending_announcements(&self) -> Result<Vec<Announcement>, StoreError>;

    /// When the next `scheduled` announcement falls due, for the scheduler to sleep until.
    fn next_due_at(&self) -> Result<Option<DateTime<Utc>>, StoreError>;

    /// Cancels a `scheduled` announcement of this guild (stopping its series) and audits it.
    fn cancel_announcement(
        &self,
        guild_id: u64,
        id: i64,
        by: u64,
        now: DateTime<Utc>,
    ) -> Result<CancelOutcome, StoreError>;

    /// Atomically moves `scheduled` → `sending`. `Some` (the claimed row) for
    /// exactly one caller; `None` when it was not `scheduled` (another sender
    /// won, or it was cancelled). Only the winner posts.
    fn claim_announcement(&self, id: i64, now: DateTime<Utc>) -> Result<Option<Announcement>, StoreError>;

    /// `sending` → `sent` with the posted message's id; for a repeat, schedules
    /// the next occurrence in the same transaction and returns it.
    fn mark_sent(&self, id: i64, message_id: u64, now: DateTime<Utc>) -> Result<Option<Announcement>, StoreError>;

    /// `scheduled` or `sending` → `missed`, with why; for a repeat, schedules
    /// the next occurrence (after `now`) in the same transaction and returns it.
    fn mark_missed(&self, id: i64, reason: &MissReason, now: DateTime<Utc>)
        -> Result<Option<Announcement>, StoreError>;

    // Audit log.

    fn record_audit(&self, entry: &NewAuditEntry) -> Result<(), StoreError>;

    /// A guild's audit log, newest first.
    fn audit_log(&self, guild_id: u64, limit: usize) -> Result<Vec<AuditEntry>, StoreError>;

    // Usage and feedback.

    fn record_answer(&self, answer: &Answered) -> Result<(), StoreError>;

    /// The latest question `user_id` got an answer with `entry_id` for, if recorded.
    fn last_question(&self, user_id: u64, entry_id: &str) -> Result<Option<String>, StoreError>;

    fn record_declined(&self, question: &DeclinedQuestion) -> Result<(), StoreError>;

    /// Records a vote; a user's second press on the same message replaces the first.
    fn record_vote(&self, vote: &Vote) -> Result<(), StoreError>;

    /// A guild's counts since `since`.
    fn activity(&self, guild_id: u64, since: DateTime<Utc>) -> Result<Activity, StoreError>;

    /// A guild's declined and not-helpful questions since `since`, newest first.
    fn review_questions(&self, guild_id: u64, since: DateTime<Utc>) -> Result<Vec<ReviewQuestion>, StoreError>;

    // Variants.

    /// Adds a variant and audits it; `false` (and nothing written) when the
    /// entry already has it (compared after [`crate::text::normalize`]).
    fn add_variant(&self, variant: &NewVariant) -> Result<bool, StoreError>;

    /// Every variant added from Discord, oldest first.
    fn variants(&self) -> Result<Vec<StoredVariant>, StoreError>;

    /// How one entry's answers were rated, across guilds: `(helpful, not helpful)`.
    fn vote_tally(&self, entry_id: &str) -> Result<(u64, u64), StoreError>;
}
