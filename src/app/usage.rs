//! Everyday use as moderators review it: each answered question (by entry), each declined
//! question, votes, and which question an answer was for, so a "not helpful" vote can be
//! reviewed with its question ([`UsageStore`]).

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use tracing::warn;

use super::reply::Reply;
use super::storage::StoreError;
pub use crate::stats::Activity;

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

/// Usage in DMs has no guild; it is kept under this id, which no server's stats include.
pub const DM_GUILD: u64 = 0;

/// How many recent (person, entry) → question pairs are kept in memory for votes: a vote
/// usually comes within minutes of its answer, and this bounds the memory a busy server
/// takes. Older ones (and all of them after a restart) are looked up in the store.
pub const RECENT_QUESTIONS_CAPACITY: usize = 10_000;

/// The latest question each person got each entry for, oldest forgotten first.
#[derive(Debug, Default)]
pub struct RecentQuestions {
    by_key: HashMap<(u64, String), String>,
    order: VecDeque<(u64, String)>,
}

impl RecentQuestions {
    pub fn remember(&mut self, user: u64, entry: &str, question: &str) {
        let key = (user, entry.to_owned());
        if self.by_key.insert(key.clone(), question.to_owned()).is_none() {
            self.order.push_back(key);
        }
        while self.order.len() > RECENT_QUESTIONS_CAPACITY {
            if let Some(oldest) = self.order.pop_front() {
                self.by_key.remove(&oldest);
            }
        }
    }

    /// The question `user` last got `entry` for, if still remembered.
    pub fn question(&self, user: u64, entry: &str) -> Option<String> {
        self.by_key.get(&(user, entry.to_owned())).cloned()
    }
}

/// Who asked what, where: the part of a request [`record`] keeps.
pub(super) struct Asked<'a> {
    /// `None` in a DM.
    pub guild: Option<u64>,
    pub user: u64,
    pub question: &'a str,
}

/// Records what the bot did with a question: an answer (by entry), or a decline. A "did
/// you mean" is recorded when the person picks an entry ([`record_answer`]). Writes go to
/// the store in the background and never hold up a reply; a failed one is logged.
pub(super) fn record(
    store: &Arc<dyn UsageStore>,
    recent: &Mutex<RecentQuestions>,
    asked: Asked<'_>,
    reply: &Reply<'_>,
    now: DateTime<Utc>,
) {
    let Asked { guild, user, question } = asked;
    let guild = guild.unwrap_or(DM_GUILD);
    match reply {
        Reply::Answer(entry) => {
            recent.lock().unwrap_or_else(|p| p.into_inner()).remember(user, &entry.id, question);
            record_answer(store, guild, &entry.id, Some((user, question.to_owned())), now);
        }
        Reply::Suggest(entries) => {
            let mut recent = recent.lock().unwrap_or_else(|p| p.into_inner());
            for entry in entries {
                recent.remember(user, &entry.id, question);
            }
        }
        // A number outside the suggestions is a slip, not a question for moderators to review.
        Reply::PickOutOfRange { .. } => {}
        Reply::Decline(_) => {
            if question.trim().is_empty() {
                return;
            }
            let declined = DeclinedQuestion { guild_id: guild, user_id: user, question: question.to_owned(), at: now };
            let store = store.clone();
            in_background("record declined", async move { store.record_declined(&declined).await });
        }
    }
}

/// Counts one answer with `entry` in `guild`, with who asked what when known.
pub(super) fn record_answer(
    store: &Arc<dyn UsageStore>,
    guild: u64,
    entry: &str,
    asked: Option<(u64, String)>,
    now: DateTime<Utc>,
) {
    let answer = Answered { guild_id: guild, entry_id: entry.to_owned(), asked, at: now };
    let store = store.clone();
    in_background("record answer", async move { store.record_answer(&answer).await });
}

fn in_background(what: &'static str, work: impl Future<Output = Result<(), StoreError>> + Send + 'static) {
    tokio::spawn(async move {
        if let Err(error) = work.await {
            warn!(error = %error, what, "store write failed");
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_the_latest_question_per_person_and_entry_and_forgets_the_oldest() {
        let mut recent = RecentQuestions::default();
        recent.remember(1, "gdpr", "first");
        recent.remember(1, "gdpr", "second");
        recent.remember(2, "gdpr", "other person");
        assert_eq!(recent.question(1, "gdpr").as_deref(), Some("second"));
        assert_eq!(recent.question(2, "gdpr").as_deref(), Some("other person"));
        assert_eq!(recent.question(1, "regions"), None);
        for user in 0..RECENT_QUESTIONS_CAPACITY as u64 {
            recent.remember(100 + user, "x", "q");
        }
        assert_eq!(recent.question(1, "gdpr"), None, "the oldest pairs are forgotten past the capacity");
        assert_eq!(recent.order.len(), RECENT_QUESTIONS_CAPACITY);
    }
}
