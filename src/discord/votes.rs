//! "Was this helpful?" votes, behind a small trait: kept in memory now, persisted later.

use std::collections::HashMap;
use std::sync::Mutex;

/// One person's vote on one entry's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vote {
    pub entry: String,
    pub user: u64,
    pub helpful: bool,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_vote_per_person_and_entry_latest_wins() {
        let store = MemoryVotes::default();
        store.record(Vote { entry: "gdpr".into(), user: 1, helpful: true });
        store.record(Vote { entry: "gdpr".into(), user: 2, helpful: true });
        store.record(Vote { entry: "gdpr".into(), user: 1, helpful: false });
        store.record(Vote { entry: "regions".into(), user: 1, helpful: true });
        assert_eq!(store.tally("gdpr"), Tally { helpful: 1, not_helpful: 1 });
        assert_eq!(store.tally("regions"), Tally { helpful: 1, not_helpful: 0 });
        assert_eq!(store.tally("none"), Tally::default());
    }
}
