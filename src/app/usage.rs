//! Everyday use as moderators review it: answers, declines and votes ([`UsageStore`]).

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::storage::StoreError;

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

/// Where usage and votes are kept.
#[async_trait]
pub trait UsageStore: Send + Sync {
    async fn record_answer(&self, answer: &Answered) -> Result<(), StoreError>;

    /// The latest question `user_id` got an answer with `entry_id` for, if recorded.
    async fn last_question(&self, user_id: u64, entry_id: &str) -> Result<Option<String>, StoreError>;

    async fn record_declined(&self, question: &DeclinedQuestion) -> Result<(), StoreError>;

    /// Records a vote; a user's second press on the same message replaces the first.
    async fn record_vote(&self, vote: &Vote) -> Result<(), StoreError>;

    /// How one entry's answers were rated, across guilds: `(helpful, not helpful)`.
    async fn vote_tally(&self, entry_id: &str) -> Result<(u64, u64), StoreError>;

    /// A guild's counts since `since`.
    async fn activity(&self, guild_id: u64, since: DateTime<Utc>) -> Result<Activity, StoreError>;

    /// A guild's declined and not-helpful questions since `since`, newest first.
    async fn review_questions(&self, guild_id: u64, since: DateTime<Utc>) -> Result<Vec<ReviewQuestion>, StoreError>;
}
