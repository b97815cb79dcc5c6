//! Conversations: what a member just asked, so a follow-up is read as a person would read it.
//!
//! A conversation is one member in one channel: a DM, a channel where they mention the bot,
//! a help channel or `/ask` (a thread is a channel of its own), or one `chat` session. It
//! lasts [`DEFAULT_IDLE`] after the last question (configurable). What it remembers is the
//! topic (the entry last answered), the place the member named, the reply language and the
//! suggestions last offered, never the question text, and only in this process's memory:
//! a restart, or another process of a sharded bot, starts afresh.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};

use crate::lang::Lang;
use crate::region::Place;

/// How long a conversation is remembered after its last question.
pub const DEFAULT_IDLE: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// Most conversations remembered at once: beyond it the least recently active is forgotten
/// first, so a flood of members cannot grow memory without bound (each is a few hundred bytes).
pub const MAX_CONVERSATIONS: usize = 50_000;

/// Whose conversation: one member in one channel (a DM and a thread are channels too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ConversationKey {
    pub channel: u64,
    pub user: u64,
}

/// What a conversation remembers between questions.
#[derive(Debug, Clone, PartialEq)]
pub struct Context {
    /// The FAQ entry last answered (small talk and declines keep the one before).
    pub entry: Option<String>,
    /// The place the member named or chose last; it holds for their next questions.
    pub place: Option<Place>,
    /// The language of the last reply.
    pub lang: Lang,
    /// The entries the last "did you mean" offered, in order, for a number to pick one.
    pub offered: Vec<String>,
    /// When the member last asked.
    pub at: DateTime<Utc>,
}

/// Every live conversation of this process.
#[derive(Debug)]
pub struct Conversations {
    idle: Duration,
    capacity: usize,
    live: HashMap<ConversationKey, Context>,
}

impl Conversations {
    pub fn new(idle: std::time::Duration) -> Conversations {
        Conversations::with_capacity(idle, MAX_CONVERSATIONS)
    }

    pub fn with_capacity(idle: std::time::Duration, capacity: usize) -> Conversations {
        let idle = Duration::from_std(idle).unwrap_or(Duration::MAX);
        Conversations { idle, capacity: capacity.max(1), live: HashMap::new() }
    }

    /// The conversation's context at `now`, unless it has been idle too long.
    pub fn get(&mut self, key: ConversationKey, now: DateTime<Utc>) -> Option<Context> {
        let context = self.live.get(&key)?;
        if now - context.at >= self.idle {
            self.live.remove(&key);
            return None;
        }
        Some(context.clone())
    }

    /// Remembers `context` as the conversation's latest.
    pub fn put(&mut self, key: ConversationKey, context: Context) {
        if self.live.len() >= self.capacity && !self.live.contains_key(&key) {
            let now = context.at;
            self.live.retain(|_, c| now - c.at < self.idle);
            if self.live.len() >= self.capacity {
                if let Some(oldest) = self.live.iter().min_by_key(|(_, c)| c.at).map(|(k, _)| *k) {
                    self.live.remove(&oldest);
                }
            }
        }
        self.live.insert(key, context);
    }

    /// How many conversations are remembered (idle ones included until next touched).
    pub fn len(&self) -> usize {
        self.live.len()
    }

    pub fn is_empty(&self) -> bool {
        self.live.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context(at: DateTime<Utc>) -> Context {
        Context { entry: Some("gdpr".into()), place: None, lang: Lang::De, offered: vec![], at }
    }

    #[test]
    fn a_conversation_ends_after_the_idle_time_and_belongs_to_one_member() {
        let start = DateTime::from_timestamp(1_780_000_000, 0).unwrap();
        let mut conversations = Conversations::new(DEFAULT_IDLE);
        let alice = ConversationKey { channel: 1, user: 10 };
        let bob = ConversationKey { channel: 1, user: 11 };
        conversations.put(alice, context(start));
        assert!(conversations.get(bob, start).is_none(), "another member's context is never theirs");
        assert!(conversations.get(ConversationKey { channel: 2, user: 10 }, start).is_none(), "nor another channel's");
        let later = start + Duration::minutes(9);
        assert_eq!(conversations.get(alice, later).unwrap().entry.as_deref(), Some("gdpr"));
        assert!(conversations.get(alice, start + Duration::minutes(10)).is_none(), "idle for 10 minutes");
        assert!(conversations.is_empty(), "an ended conversation is forgotten");
    }

    #[test]
    fn beyond_capacity_the_least_recent_is_forgotten() {
        let start = DateTime::from_timestamp(1_780_000_000, 0).unwrap();
        let mut conversations = Conversations::with_capacity(DEFAULT_IDLE, 2);
        for user in 0..3 {
            conversations.put(ConversationKey { channel: 1, user }, context(start + Duration::seconds(user as i64)));
        }
        assert_eq!(conversations.len(), 2);
        assert!(conversations.get(ConversationKey { channel: 1, user: 0 }, start).is_none());
        assert!(conversations.get(ConversationKey { channel: 1, user: 2 }, start + Duration::seconds(3)).is_some());
    }
}
