//! "Was this helpful?" votes, behind a small trait: [`StoreVotes`] keeps them in the
//! database (what the bot runs with), [`MemoryVotes`] in memory.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::Utc;
use tracing::warn;

use crate::store::{self, Store};

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

/// Where votes are kept. A person has one vote an entry: voting again replaces it.
pub trait VoteStore: Send + Sync {
    fn record(&self, vote: Vote);
    fn tally(&self, entry: &str) -> Tally;
}

/// Votes in memory, lost on restart.
#[derive(Debug, Default)]
pub struct MemoryVotes {
    votes: Mutex<HashMap<(String, u64), bool>>,
}

impl VoteStore for MemoryVotes {
    fn record(&self, vote: Vote) {
        self.votes.lock().unwrap_or_else(|p| p.into_inner()).insert((vote.entry, vote.user), vote.helpful);
    }

    fn tally(&self, entry: &str) -> Tally {
        let votes = self.votes.lock().unwrap_or_else(|p| p.into_inner());
        votes.iter().filter(|((e, _), _)| e == entry).fold(Tally::default(), |mut tally, (_, helpful)| {
            if *helpful {
                tally.helpful += 1;
            } else {
                tally.not_helpful += 1;
            }
            tally
        })
    }
}

/// Votes in the store: one per person per answer message, the last press counts
/// (the store's rule). Calls block on the disk: run them on `spawn_blocking`.
pub struct StoreVotes {
    store: Arc<dyn Store>,
}

impl StoreVotes {
    pub fn new(store: Arc<dyn Store>) -> StoreVotes {
        StoreVotes { store }
    }
}

impl VoteStore for StoreVotes {
    fn record(&self, vote: Vote) {
        let stored = store::Vote {
            guild_id: vote.guild.unwrap_or(super::usage::DM_GUILD),
            message_id: vote.message,
            user_id: vote.user,
            entry_id: vote.entry,
            helpful: vote.helpful,
            question: vote.question,
            at: Utc::now(),
        };
        if let Err(error) = self.store.record_vote(&stored) {
            warn!(error = %error, entry = %stored.entry_id, "vote not recorded");
        }
    }

    fn tally(&self, entry: &str) -> Tally {
        match self.store.vote_tally(entry) {
            Ok((helpful, not_helpful)) => Tally {
                helpful: u32::try_from(helpful).unwrap_or(u32::MAX),
                not_helpful: u32::try_from(not_helpful).unwrap_or(u32::MAX),
            },
            Err(error) => {
                warn!(error = %error, entry, "vote tally unavailable");
                Tally::default()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vote(entry: &str, user: u64, helpful: bool) -> Vote {
        Vote { entry: entry.into(), user, helpful, guild: Some(2000), message: 1, question: None }
    }

    #[test]
    fn one_vote_per_person_and_entry_latest_wins() {
        let store = MemoryVotes::default();
        store.record(vote("gdpr", 1, true));
        store.record(vote("gdpr", 2, true));
        store.record(vote("gdpr", 1, false));
        store.record(vote("regions", 1, true));
        assert_eq!(store.tally("gdpr"), Tally { helpful: 1, not_helpful: 1 });
        assert_eq!(store.tally("regions"), Tally { helpful: 1, not_helpful: 0 });
        assert_eq!(store.tally("none"), Tally::default());
    }

    #[test]
    fn store_votes_persist_one_per_person_and_message() {
        let store: Arc<dyn Store> = Arc::new(crate::store::SqliteStore::open_in_memory().unwrap());
        let votes = StoreVotes::new(store.clone());
        votes.record(vote("gdpr", 1, true));
        votes.record(vote("gdpr", 2, true));
        votes.record(vote("gdpr", 1, false));
        votes.record(Vote { message: 2, ..vote("regions", 1, false) });
        assert_eq!(votes.tally("gdpr"), Tally { helpful: 1, not_helpful: 1 });
        assert_eq!(votes.tally("regions"), Tally { helpful: 0, not_helpful: 1 });
        let activity = store.activity(2000, Utc::now() - chrono::Duration::days(1)).unwrap();
        assert_eq!((activity.helpful, activity.not_helpful), (1, 2));
    }
}
