//! What the application needs from Discord outside a reply to an interaction: posting
//! announcements, publishing them, and telling a moderator in a DM. `discord::port`
//! implements it with serenity; tests implement it in memory.

use std::future::Future;

use super::dispatch::PostError;
use super::view::Card;
use crate::announce::AllowedMentions;

/// An announcement as Discord gets it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    pub content: String,
    /// An FAQ entry's card, for an entry announcement.
    pub card: Option<Card>,
    /// Exactly these mentions; everything else off.
    pub allowed_mentions: AllowedMentions,
    /// Sent with `enforce_nonce`, so a re-post after a crash returns the first message.
    pub nonce: String,
}

/// Discord, as the scheduler sees it.
pub trait DiscordPort: Send + Sync {
    /// Posts to `channel`; returns the message id.
    fn post(&self, channel: u64, post: &Post) -> impl Future<Output = Result<u64, PostError>> + Send;

    /// Publishes (crossposts) a posted message in an announcement channel.
    fn publish(&self, channel: u64, message: u64) -> impl Future<Output = Result<(), PostError>> + Send;

    /// Sends `text` to `user` in a DM, mentioning nobody.
    fn direct_message(&self, user: u64, text: &str) -> impl Future<Output = Result<(), PostError>> + Send;

    /// The bot's own user id: the actor of what the scheduler does by itself.
    fn bot_id(&self) -> impl Future<Output = u64> + Send;
}
