//! The announcement scheduler: a task that runs [`dispatch_due`] at start-up (recovery) and then
//! whenever the next announcement falls due, and the serenity [`Poster`] it posts through.
//!
//! The exactly-once rules live in [`crate::announce`]; this file only sleeps, wakes and talks
//! to Discord. It is the store's only dispatcher: `/announce new` stores an immediate
//! announcement as due now and wakes this task instead of posting itself.

use std::sync::Arc;
use std::time::Duration as StdDuration;

use arc_swap::ArcSwap;
use serenity::all::{
    ChannelId, CreateAllowedMentions, CreateMessage, Http, HttpError, MessageId, Nonce, RoleId, UserId,
};
use tokio::sync::{watch, Notify};
use tracing::{error, info, warn};

use super::http_retry::with_retry;
use super::{render, safety, Knowledge};
use crate::announce::{AllowedMentions, Announcement, MissReason, PingPolicy, PublishLimiter};
use crate::app::audit::{AuditAction, NewAuditEntry};
use crate::app::dispatch::{dispatch_due, OutgoingMessage, PostError, Poster};
use crate::app::Storage;
use crate::clock::Clock;

/// Longest sleep between two steps even when nothing is due: a safety net against a missed
/// wake-up or a clock that jumped, at the cost of one small query a minute.
const MAX_SLEEP: StdDuration = StdDuration::from_secs(60);

/// Sleep before re-posting an announcement whose post had no clear answer; well inside
/// [`crate::announce::NONCE_RESEND_WINDOW`], so the re-post is still deduplicated by Discord.
const UNCERTAIN_RETRY: StdDuration = StdDuration::from_secs(5);

/// Posts announcements with serenity.
pub struct SerenityPoster {
    pub http: Arc<Http>,
    pub knowledge: Arc<ArcSwap<Knowledge>>,
    pub store: Storage,
    pub clock: Arc<dyn Clock>,
}

/// Exactly these mentions, nothing else (no users, no replied user).
pub fn create_allowed_mentions(allowed: &AllowedMentions) -> CreateAllowedMentions {
    safety::no_mentions().everyone(allowed.everyone).roles(allowed.roles.iter().map(|r| RoleId::new(*r)))
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

impl SerenityPoster {
    /// The message as it will be posted (also what the preview shows).
    pub fn builder(&self, message: &OutgoingMessage) -> Result<CreateMessage, PostError> {
        let mut builder = CreateMessage::new().allowed_mentions(create_allowed_mentions(&message.allowed_mentions));
        if !message.content.is_empty() {
            builder = builder.content(&message.content);
        }
        if let Some(id) = &message.entry_id {
            let knowledge = self.knowledge.load();
            let entry = knowledge
                .faq
                .entry(id)
                .ok_or_else(|| PostError::Refused(format!("the faq has no entry `{id}` any more")))?;
            builder = builder.embed(render::embed(&render::entry_card(entry)));
        }
        Ok(builder.nonce(Nonce::String(message.nonce.clone())).enforce_nonce(true))
    }
}

impl SerenityPoster {
    /// The bot's own id, the actor of what the scheduler does by itself.
    async fn bot_id(&self) -> u64 {
        match self.http.application_id() {
            Some(id) => id.get(),
            None => self.http.get_current_user().await.map_or(0, |user| user.id.get()),
        }
    }
}

impl Poster for SerenityPoster {
    async fn post(&self, announcement: &Announcement, message: &OutgoingMessage) -> Result<u64, PostError> {
        let builder = self.builder(message)?;
        let channel = ChannelId::new(announcement.channel_id);
        // Retrying is safe: every attempt carries the same nonce with enforce_nonce.
        match with_retry("announcement", || channel.send_message(&self.http, builder.clone())).await {
            Ok(posted) => {
                info!(announcement = announcement.id, channel = %channel, message = %posted.id, "announcement posted");
                Ok(posted.id.get())
            }
            Err(error) => {
                warn!(announcement = announcement.id, channel = %channel, error = %error, "announcement post failed");
                Err(post_error(&error))
            }
        }
    }

    async fn publish(&self, channel_id: u64, message_id: u64) -> Result<(), PostError> {
        let (channel, message) = (ChannelId::new(channel_id), MessageId::new(message_id));
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

    async fn report_missed(&self, announcement: &Announcement, reason: &MissReason) {
        warn!(announcement = announcement.id, reason = %reason, "announcement missed");
        let note = format!(
            "Announcement #{} for <#{}> was not posted: {reason}. Nothing was sent for it; schedule it again with `/announce new` if it is still wanted.",
            announcement.id, announcement.channel_id
        );
        // The audit log keeps it for every moderator (`/audit`); the DM tells whoever scheduled it now.
        let entry = NewAuditEntry {
            guild_id: announcement.guild_id,
            actor_id: self.bot_id().await,
            action: AuditAction::AnnouncementMissed,
            details: format!("announcement {} in <#{}>: {reason}", announcement.id, announcement.channel_id),
            at: self.clock.now(),
        };
        if let Err(error) = self.store.audit.record_audit(&entry).await {
            error!(error = %error, "could not audit a missed announcement");
        }
        let creator = UserId::new(announcement.created_by);
        let message = CreateMessage::new().content(safety::cap(&note, crate::limits::MESSAGE_CONTENT_MAX_CHARS));
        let message = message.allowed_mentions(safety::no_mentions());
        let dm = with_retry("open dm", || creator.create_dm_channel(&self.http)).await;
        let sent = match dm {
            Ok(dm) => with_retry("missed note", || dm.id.send_message(&self.http, message.clone())).await.map(drop),
            Err(error) => Err(error),
        };
        if let Err(error) = sent {
            error!(announcement = announcement.id, user = %creator, error = %error, "could not tell the moderator");
        }
    }
}

/// What the scheduler needs, besides the poster.
pub struct Schedule {
    pub store: Storage,
    pub clock: Arc<dyn Clock>,
    pub policy: PingPolicy,
    pub grace: chrono::Duration,
    /// Notified when an announcement is stored, so a sooner one is not slept through.
    pub wake: Arc<Notify>,
}

/// Runs the scheduler until `shutdown` turns true (or its sender is dropped).
pub async fn run(schedule: Schedule, poster: SerenityPoster, mut shutdown: watch::Receiver<bool>) {
    let mut limiter = PublishLimiter::new();
    info!("announcement scheduler started");
    loop {
        if *shutdown.borrow() {
            break;
        }
        let now = schedule.clock.now();
        let mut sleep = MAX_SLEEP;
        // Store calls are short single transactions; the scheduler is one task, so a commit's
        // fsync only delays this task's own step.
        match dispatch_due(&*schedule.store.announcements, &poster, &schedule.policy, &mut limiter, now, schedule.grace)
            .await
        {
            Ok(report) => {
                if !report.sent.is_empty() || !report.missed.is_empty() || !report.uncertain.is_empty() {
                    info!(
                        sent = report.sent.len(),
                        missed = report.missed.len(),
                        uncertain = report.uncertain.len(),
                        not_published = report.not_published.len(),
                        "announcements dispatched"
                    );
                }
                if !report.uncertain.is_empty() {
                    sleep = UNCERTAIN_RETRY;
                }
            }
            Err(error) => {
                error!(error = %error, "announcement step failed; retrying");
                sleep = UNCERTAIN_RETRY;
            }
        }
        match schedule.store.announcements.next_due_at().await {
            Ok(Some(due)) => {
                let until = (due - schedule.clock.now()).to_std().unwrap_or(StdDuration::ZERO);
                sleep = sleep.min(until);
            }
            Ok(None) => {}
            Err(error) => error!(error = %error, "cannot read the next due announcement"),
        }
        tokio::select! {
            _ = tokio::time::sleep(sleep) => {}
            _ = schedule.wake.notified() => {}
            changed = shutdown.changed() => {
                if changed.is_err() {
                    break;
                }
            }
        }
    }
    info!("announcement scheduler stopped");
}
