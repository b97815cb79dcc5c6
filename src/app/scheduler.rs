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

/// Wait before the next step after one failed (the database did not answer): short, so
/// announcements that fell due meanwhile go out soon after it is back, well within the grace.
const RETRY_AFTER_ERROR: Duration = Duration::seconds(5);

/// Runs the scheduler until `shutdown` turns true (or its sender is dropped).
pub async fn run<D: DiscordPort>(app: Arc<App>, discord: D, mut shutdown: watch::Receiver<bool>) {
    let poster = Announcer { app: &app, discord };
    let (policy, grace) = (app.settings.ping_policy.clone(), app.settings.missed_grace);
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
                app.metrics.announcements(report.sent.len(), report.missed.len());
                if !report.sent.is_empty() || !report.missed.is_empty() || !report.uncertain.is_empty() {
                    info!(
                        sent = report.sent.len(),
                        missed = report.missed.len(),
                        uncertain = report.uncertain.len(),
                        not_published = report.not_published.len(),
                        "announcements dispatched"
                    );
                }
                // A post with no clear answer keeps its claim: it is retried when the lease ends.
                if let Some(until) = report.in_progress_until {
                    sleep = sleep.min((until - now).max(Duration::zero()));
                }
            }
            Err(error) => {
                error!(error = %error, "announcement step failed; retrying");
                sleep = RETRY_AFTER_ERROR;
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
                Some(view::entry_card(entry, crate::lang::Lang::En))
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

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use chrono::{DateTime, Utc};

    use super::*;
    use crate::announce::{Body, NewAnnouncement, Ping, Repeat, Schedule, Status};
    use crate::app::knowledge::Knowledge;
    use crate::app::Storage;
    use crate::clock::{Clock, ManualClock};
    use crate::config::Config;
    use crate::faq::Faq;
    use crate::store::SqliteStore;

    /// Discord in memory: what was posted, and to whom a DM went.
    #[derive(Clone, Default)]
    struct Recorder {
        posts: Arc<Mutex<Vec<(u64, Post)>>>,
    }

    impl DiscordPort for Recorder {
        async fn post(&self, channel: u64, post: &Post) -> Result<u64, PostError> {
            let mut posts = self.posts.lock().unwrap();
            posts.push((channel, post.clone()));
            Ok(posts.len() as u64)
        }

        async fn publish(&self, _channel: u64, _message: u64) -> Result<(), PostError> {
            Ok(())
        }

        async fn direct_message(&self, _user: u64, _text: &str) -> Result<(), PostError> {
            Ok(())
        }

        async fn bot_id(&self) -> u64 {
            1000
        }
    }

    fn start() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-06-15T10:00:00Z").unwrap().with_timezone(&Utc)
    }

    /// Polls `check` on real time for at most a few seconds (the scheduler runs on its own task).
    async fn until(what: &str, check: impl Fn() -> bool) {
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(5);
        while !check() {
            assert!(tokio::time::Instant::now() < deadline, "timed out waiting for: {what}");
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_announcement_is_posted_once_when_the_clock_reaches_its_time() {
        let store = SqliteStore::open_in_memory().unwrap();
        let clock = Arc::new(ManualClock::new(start()));
        let settings = Config::default().settings();
        let knowledge = Knowledge::build(Faq::embedded(), &[], &settings.thresholds);
        let app = Arc::new(App::new(settings, knowledge, Storage::all(Arc::new(store.clone())), clock.clone()));
        let created = store
            .create_announcement(
                &NewAnnouncement {
                    guild_id: 2000,
                    channel_id: 5002,
                    body: Body::Text("office hours".into()),
                    ping: Ping::None,
                    schedule: Schedule { due_at: start() + Duration::hours(2), timezone: chrono_tz::UTC },
                    repeat: Repeat::Daily,
                    publish: false,
                    created_by: 6001,
                },
                start(),
            )
            .unwrap();
        let discord = Recorder::default();
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(run(app.clone(), discord.clone(), stopped));
        let steps = |n| {
            let app = app.clone();
            move || *app.drafts.dispatched.borrow() >= n
        };
        until("the start-up step", steps(1)).await;
        clock.advance(Duration::minutes(119));
        until("a step a minute before", steps(2)).await;
        assert!(discord.posts.lock().unwrap().is_empty(), "nothing before its time");
        clock.advance(Duration::minutes(1));
        until("the post", || !discord.posts.lock().unwrap().is_empty()).await;
        let posts = discord.posts.lock().unwrap().clone();
        assert_eq!(posts.len(), 1, "posted once");
        assert_eq!((posts[0].0, posts[0].1.content.as_str()), (5002, "office hours"));
        assert_eq!(store.announcement(created.id).unwrap().unwrap().status, Status::Sent);
        let next = store.upcoming_announcements(2000).unwrap();
        assert_eq!(next[0].due_at, start() + Duration::hours(26), "the daily repeat is due a day later");
        stop.send(true).unwrap();
        tokio::time::timeout(std::time::Duration::from_secs(5), task).await.expect("stops on shutdown").unwrap();
        assert_eq!(clock.now(), start() + Duration::hours(2), "no real time was waited for");
    }
}
