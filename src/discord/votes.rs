//! "Was this helpful?" votes, kept by the [`UsageStore`]: one per person per answer
//! message, the last press counts (the store's rule).

use chrono::{DateTime, Utc};
use tracing::warn;

use crate::app::usage::{self, UsageStore};

/// One person's vote on one entry's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vote {
    pub entry: String,
    pub user: u64,
    pub helpful: bool,
    /// The guild it was cast in; `None` in a DM.
    pub guild: Option<u64>,
    /// The answer message the buttons are on.
    pub message: u64,
    /// The question that got this answer, when known, for reviewing "not helpful" ones.
    pub question: Option<String>,
}

/// How an entry's answer was rated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub helpful: u32,
    pub not_helpful: u32,
}

/// Records `vote` at `now` and returns the entry's tally since; a failed write is logged.
pub async fn record(store: &dyn UsageStore, vote: Vote, now: DateTime<Utc>) -> Tally {
    let stored = usage::Vote {
        guild_id: vote.guild.unwrap_or(super::usage::DM_GUILD),
        message_id: vote.message,
        user_id: vote.user,
        entry_id: vote.entry,
        helpful: vote.helpful,
        question: vote.question,
        at: now,
    };
    if let Err(error) = store.record_vote(&stored).await {
        warn!(error = %error, entry = %stored.entry_id, "vote not recorded");
    }
    match store.vote_tally(&stored.entry_id).await {
        Ok((helpful, not_helpful)) => Tally {
            helpful: u32::try_from(helpful).unwrap_or(u32::MAX),
            not_helpful: u32::try_from(not_helpful).unwrap_or(u32::MAX),
        },
        Err(error) => {
            warn!(error = %error, entry = %stored.entry_id, "vote tally unavailable");
            Tally::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::SqliteStore;

    fn vote(entry: &str, user: u64, helpful: bool) -> Vote {
        Vote { entry: entry.into(), user, helpful, guild: Some(2000), message: 1, question: None }
    }

    #[tokio::test]
    async fn votes_persist_one_per_person_and_message() {
        let store = SqliteStore::open_in_memory().unwrap();
        let now = Utc::now();
        record(&store, vote("gdpr", 1, true), now).await;
        record(&store, vote("gdpr", 2, true), now).await;
        assert_eq!(record(&store, vote("gdpr", 1, false), now).await, Tally { helpful: 1, not_helpful: 1 });
        let regions = record(&store, Vote { message: 2, ..vote("regions", 1, false) }, now).await;
        assert_eq!(regions, Tally { helpful: 0, not_helpful: 1 });
        let activity = store.activity(2000, now - chrono::Duration::days(1)).unwrap();
        assert_eq!((activity.helpful, activity.not_helpful), (1, 2));
    }
}
