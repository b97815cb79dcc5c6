//! The application's Discord port ([`DiscordPort`]) with serenity: announcements, their
//! publishing, and DMs to moderators. Every request goes through [`with_retry`].

use std::sync::Arc;

use serenity::all::{
    ChannelId, CreateAllowedMentions, CreateMessage, Http, HttpError, MessageId, Nonce, RoleId, UserId,
};
use tracing::{info, warn};

use super::http_retry::with_retry;
use super::{render, safety};
use crate::announce::AllowedMentions;
use crate::app::dispatch::PostError;
use crate::app::ports::{DiscordPort, Post};

/// Discord through serenity's HTTP client.
pub struct SerenityPort {
    pub http: Arc<Http>,
}

/// Exactly these mentions, nothing else (no users, no replied user).
pub fn create_allowed_mentions(allowed: &AllowedMentions) -> CreateAllowedMentions {
    safety::no_mentions().everyone(allowed.everyone).roles(allowed.roles.iter().map(|r| RoleId::new(*r)))
}

/// The message as it will be posted.
pub fn builder(post: &Post) -> CreateMessage {
    let mut builder = CreateMessage::new().allowed_mentions(create_allowed_mentions(&post.allowed_mentions));
    if !post.content.is_empty() {
        builder = builder.content(&post.content);
    }
    if let Some(card) = &post.card {
        builder = builder.embed(render::embed(card));
    }
    builder.nonce(Nonce::String(post.nonce.clone())).enforce_nonce(true)
}

/// Decides whether a failed request may have gone through (see [`PostError`]).
fn post_error(error: &serenity::Error) -> PostError {
    match error {
        serenity::Error::Http(HttpError::UnsuccessfulRequest(response))
            if response.status_code.is_client_error() && response.status_code.as_u16() != 429 =>
        {
            PostError::Refused(format!("discord refused it ({}): {}", response.status_code, response.error.message))
        }
        other => PostError::Unknown(other.to_string()),
    }
}

impl DiscordPort for SerenityPort {
    async fn post(&self, channel: u64, post: &Post) -> Result<u64, PostError> {
        let builder = builder(post);
        let channel = ChannelId::new(channel);
        // Retrying is safe: every attempt carries the same nonce with enforce_nonce.
        match with_retry("announcement", || channel.send_message(&self.http, builder.clone())).await {
            Ok(posted) => {
                info!(channel = %channel, message = %posted.id, "announcement posted");
                Ok(posted.id.get())
            }
            Err(error) => {
                warn!(channel = %channel, error = %error, "announcement post failed");
                Err(post_error(&error))
            }
        }
    }

    async fn publish(&self, channel: u64, message: u64) -> Result<(), PostError> {
        let (channel, message) = (ChannelId::new(channel), MessageId::new(message));
        match with_retry("publish", || channel.crosspost(&self.http, message)).await {
            Ok(_) => {
                info!(channel = %channel, message = %message, "announcement published");
                Ok(())
            }
            Err(error) => {
                warn!(channel = %channel, message = %message, error = %error, "publishing failed");
                Err(post_error(&error))
            }
        }
    }

    async fn direct_message(&self, user: u64, text: &str) -> Result<(), PostError> {
        let message = CreateMessage::new().content(text).allowed_mentions(safety::no_mentions());
        let user = UserId::new(user);
        let dm = with_retry("open dm", || user.create_dm_channel(&self.http)).await.map_err(|e| post_error(&e))?;
        with_retry("dm", || dm.id.send_message(&self.http, message.clone())).await.map_err(|e| post_error(&e))?;
        Ok(())
    }

    async fn bot_id(&self) -> u64 {
        match self.http.application_id() {
            Some(id) => id.get(),
            None => self.http.get_current_user().await.map_or(0, |user| user.id.get()),
        }
    }
}
