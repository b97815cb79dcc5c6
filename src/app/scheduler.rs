//! The announcement scheduler: a task that runs [`dispatch_due`] at start-up (recovery) and
//! then whenever the next announcement falls due, waking early when one is stored. It is the
//! store's only dispatcher: Confirm stores an immediate announcement as due now and wakes
//! this task instead of posting itself.

use std::sync::Arc;

use chrono::Duration;
use tokio::sync::watch;
use tracing::{error, info, warn};

use super::audit::{AuditAction, NewAuditEntry};
use super::dispatch::{dispatch_due, OutgoingMessage, PostError, Poster};
use super::ports::{DiscordPort, Post};
use super::{view, App};
use crate::announce::{Announcement, MissReason, PublishLimiter};
use crate::limits::MESSAGE_CONTENT_MAX_CHARS;

/// Longest wait between two steps even when nothing is due: a safety net against a missed
/// wake-up or a clock that jumped, at the cost of one small query a minute.
const MAX_SLEEP: Duration = Duration::seconds(60);

/// Wait before re-posting an announcement whose post had no clear answer; well inside
/// [`crate::announce::NONCE_RESEND_WINDOW`], so the re-post is still deduplicated by Discord.
const UNCERTAIN_RETRY: Duration = Duration::seconds(5);

/// Runs the scheduler until `shutdown` turns true (or its sender is dropped).
pub async fn run<D: DiscordPort>(app: Arc<App>, discord: D, mut shutdown: watch::Receiver<bool>) {
    let poster = Announcer { app: &app, discord };
    let (policy, grace) = (app.config.announcements.ping_policy(), app.config.announcements.grace());
    let mut limiter = PublishLimiter::new();
    info!("announcement scheduler started");
    loop {
        if *shutdown.borrow() {
            break;
        }
        let now = app.clock.now();
        let mut sleep = MAX_SLEEP;
        let store = &*app.storage.announcements;
        match dispatch_due(store, &poster, &policy, &mut limiter, now, grace).await {
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
        app.drafts.dispatched.send_modify(|steps| *steps += 1);
        let mut until = now + sleep;
        match store.next_due_at().await {
            Ok(Some(due)) => until = until.min(due),
            Ok(None) => {}
            Err(error) => error!(error = %error, "cannot read the next due announcement"),
        }
        tokio::select! {
            _ = app.clock.sleep_until(until) => {}
            _ = app.drafts.wake.notified() => {}
            changed = shutdown.changed() => {
                if changed.is_err() {
                    break;
                }
            }
        }
    }
    info!("announcement scheduler stopped");
}

/// The dispatcher's [`Poster`] over Discord: renders entry announcements from the FAQ in
/// force, and reports a miss to the audit log and to whoever scheduled it.
struct Announcer<'a, D> {
    app: &'a App,
    discord: D,
}

impl<D: DiscordPort> Poster for Announcer<'_, D> {
    async fn post(&self, announcement: &Announcement, message: &OutgoingMessage) -> Result<u64, PostError> {
        let card = match &message.entry_id {
            None => None,
            Some(id) => {
                let knowledge = self.app.knowledge.load();
                let entry = knowledge
                    .faq
                    .entry(id)
                    .ok_or_else(|| PostError::Refused(format!("the faq has no entry `{id}` any more")))?;
                Some(view::entry_card(entry))
            }
        };
        let post = Post {
            content: message.content.clone(),
            card,
            allowed_mentions: message.allowed_mentions.clone(),
            nonce: message.nonce.clone(),
        };
        self.discord.post(announcement.channel_id, &post).await
    }

    async fn publish(&self, channel_id: u64, message_id: u64) -> Result<(), PostError> {
        self.discord.publish(channel_id, message_id).await
    }

    async fn report_missed(&self, announcement: &Announcement, reason: &MissReason) {
        warn!(announcement = announcement.id, reason = %reason, "announcement missed");
        // The audit log keeps it for every moderator (`/audit`); the DM tells whoever scheduled it now.
        self.app
            .audit(NewAuditEntry {
                guild_id: announcement.guild_id,
                actor_id: self.discord.bot_id().await,
                action: AuditAction::AnnouncementMissed,
                details: format!("announcement {} in <#{}>: {reason}", announcement.id, announcement.channel_id),
                at: self.app.clock.now(),
            })
            .await;
        let note = format!(
            "Announcement #{} for <#{}> was not posted: {reason}. Nothing was sent for it; schedule it again with `/announce new` if it is still wanted.",
            announcement.id, announcement.channel_id
        );
        let note = super::escape::cap(&note, MESSAGE_CONTENT_MAX_CHARS);
        if let Err(error) = self.discord.direct_message(announcement.created_by, &note).await {
            error!(announcement = announcement.id, user = announcement.created_by, error = ?error, "could not tell the moderator");
        }
    }
}
