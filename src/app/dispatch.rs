//! The scheduler's one step, with Discord behind a small trait: classify what
//! is pending, report what was missed, claim and post what is due, record the
//! outcome. The Discord edge implements [`Poster`] (three small calls);
//! [`dispatch_due`] runs at start-up and whenever the next announcement falls
//! due (`AnnouncementStore::next_due_at`), so the exactly-once logic lives here, under test.
//!
//! Run one dispatcher per store at a time. (Two would still not double-post a
//! `scheduled` announcement, thanks to the claim, and a re-post of a `sending`
//! one carries the same nonce; but they would report the same miss twice.)

use std::future::Future;

use chrono::{DateTime, Duration, Utc};

use super::announcements::AnnouncementStore;
use super::storage::StoreError;
use crate::announce::{
    allowed_mentions, compose_content, recovery_plan, AllowedMentions, AnnounceError, Announcement, Body, MissReason,
    PingPolicy, PublishLimiter,
};

/// A message ready for Discord.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMessage {
    /// The ping and/or the moderator's text (possibly empty for an entry with no ping).
    pub content: String,
    /// For an entry announcement: the FAQ entry to render as the message's embed.
    pub entry_id: Option<String>,
    /// Exactly these mentions; everything else off.
    pub allowed_mentions: AllowedMentions,
    /// Send with `enforce_nonce: true` so a re-post after a crash returns the first message.
    pub nonce: String,
}

/// How a post failed, as far as the edge can tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostError {
    /// Discord answered and refused (missing access, unknown channel, invalid
    /// body): nothing was posted. Reported to moderators as missed.
    Refused(String),
    /// No clear answer (connection lost, timeout, 5xx): it may have been posted.
    /// Left `sending`: once its lease ends, a step (of any process) re-posts it with
    /// the same nonce while Discord still deduplicates, and reports it as uncertain after that.
    Unknown(String),
}

/// What the dispatcher needs from Discord.
pub trait Poster {
    /// Posts the message to the announcement's channel; returns the message id.
    fn post(
        &self,
        announcement: &Announcement,
        message: &OutgoingMessage,
    ) -> impl Future<Output = Result<u64, PostError>> + Send;

    /// Publishes (crossposts) a posted message in an announcement channel.
    fn publish(&self, channel_id: u64, message_id: u64) -> impl Future<Output = Result<(), PostError>> + Send;

    /// Tells the guild's moderators that an announcement was not sent, and why.
    fn report_missed(&self, announcement: &Announcement, reason: &MissReason) -> impl Future<Output = ()> + Send;
}

/// What one step did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DispatchReport {
    /// (announcement id, message id).
    pub sent: Vec<(i64, u64)>,
    pub missed: Vec<(i64, MissReason)>,
    /// Posts with an unknown outcome, to be retried with the same nonce.
    pub uncertain: Vec<i64>,
    /// Sent but not published: the channel's publish budget was spent (until then) or Discord refused.
    pub not_published: Vec<(i64, Option<DateTime<Utc>>)>,
    /// Repeats' next occurrences scheduled in this step.
    pub scheduled_next: Vec<Announcement>,
    /// When the earliest claim another step (or process) holds ends: look again then.
    pub in_progress_until: Option<DateTime<Utc>>,
}

/// One scheduler step at `now`. Store errors stop the step (nothing is lost:
/// whatever was not recorded is still pending and is classified again next time).
pub async fn dispatch_due<S, P>(
    store: &S,
    poster: &P,
    policy: &PingPolicy,
    limiter: &mut PublishLimiter,
    now: DateTime<Utc>,
    grace: Duration,
) -> Result<DispatchReport, StoreError>
where
    S: AnnouncementStore + ?Sized,
    P: Poster,
{
    let mut report = DispatchReport::default();
    let pending = store.pending_announcements().await?;
    let plan = recovery_plan(&pending, now, grace);
    let by_id = |id: i64| pending.iter().find(|a| a.id == id);

    for (id, reason) in plan.missed {
        if let Some(announcement) = by_id(id) {
            miss(store, poster, announcement, reason, now, &mut report).await?;
        }
    }
    report.in_progress_until = plan.in_progress_until;
    let mut to_send = Vec::new();
    // A take-over is a claim too: of two processes finding a lapsed claim, one re-posts.
    for id in plan.send_now.into_iter().chain(plan.resend_same_nonce) {
        // Only the claimer posts; None means someone else claimed or cancelled it meanwhile.
        if let Some(claimed) = store.claim_announcement(id, now).await? {
            to_send.push(claimed);
        }
    }
    to_send.sort_by_key(|a| (a.due_at, a.id));

    for announcement in to_send {
        // Checked again at sending time: the config may have changed since scheduling.
        let message = match outgoing(&announcement, policy) {
            Ok(message) => message,
            Err(reason) => {
                miss(store, poster, &announcement, reason, now, &mut report).await?;
                continue;
            }
        };
        match poster.post(&announcement, &message).await {
            Ok(message_id) => {
                if let Some(next) = store.mark_sent(announcement.id, message_id, now).await? {
                    report.scheduled_next.push(next);
                }
                report.sent.push((announcement.id, message_id));
                if announcement.publish {
                    match limiter.try_publish(announcement.channel_id, now) {
                        Ok(()) => {
                            if poster.publish(announcement.channel_id, message_id).await.is_err() {
                                report.not_published.push((announcement.id, None));
                            }
                        }
                        Err(next_slot) => report.not_published.push((announcement.id, Some(next_slot))),
                    }
                }
            }
            Err(PostError::Refused(why)) => {
                miss(store, poster, &announcement, MissReason::Failed(why), now, &mut report).await?;
            }
            Err(PostError::Unknown(_)) => report.uncertain.push(announcement.id),
        }
    }
    Ok(report)
}

fn outgoing(announcement: &Announcement, policy: &PingPolicy) -> Result<OutgoingMessage, MissReason> {
    let failed = |e: AnnounceError| MissReason::Failed(e.to_string());
    let allowed_mentions = allowed_mentions(policy, announcement.ping).map_err(failed)?;
    let (text, entry_id) = match &announcement.body {
        Body::Text(text) => (text.as_str(), None),
        Body::Entry(entry) => ("", Some(entry.clone())),
    };
    Ok(OutgoingMessage {
        content: compose_content(text, announcement.ping).map_err(failed)?,
        entry_id,
        allowed_mentions,
        nonce: announcement.nonce(),
    })
}

async fn miss<S: AnnouncementStore + ?Sized, P: Poster>(
    store: &S,
    poster: &P,
    announcement: &Announcement,
    reason: MissReason,
    now: DateTime<Utc>,
    report: &mut DispatchReport,
) -> Result<(), StoreError> {
    // Recorded before reporting: a crash in between loses a report, never repeats a post.
    if let Some(next) = store.mark_missed(announcement.id, &reason, now).await? {
        report.scheduled_next.push(next);
    }
    poster.report_missed(announcement, &reason).await;
    report.missed.push((announcement.id, reason));
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use chrono_tz::Europe::Berlin;

    use super::*;
    use crate::announce::{NewAnnouncement, Ping, Repeat, Schedule, Status, NONCE_RESEND_WINDOW};
    use crate::store::SqliteStore;

    /// A fake Discord that remembers nonces like the real one does.
    #[derive(Default)]
    struct FakeDiscord {
        posts: Mutex<Vec<(i64, OutgoingMessage)>>,
        published: Mutex<Vec<u64>>,
        reports: Mutex<Vec<(i64, MissReason)>>,
        /// The next post: lands but the answer is lost (the bot "crashes" or times out).
        lose_next_answer: Mutex<bool>,
        refuse: Mutex<Option<String>>,
    }

    impl FakeDiscord {
        fn messages(&self) -> usize {
            self.posts.lock().unwrap().len()
        }
    }

    impl Poster for FakeDiscord {
        async fn post(&self, announcement: &Announcement, message: &OutgoingMessage) -> Result<u64, PostError> {
            if let Some(why) = self.refuse.lock().unwrap().clone() {
                return Err(PostError::Refused(why));
            }
            let mut posts = self.posts.lock().unwrap();
            // enforce_nonce: the same nonce returns the first message.
            let id = match posts.iter().position(|(_, m)| m.nonce == message.nonce) {
                Some(existing) => existing as u64 + 1000,
                None => {
                    posts.push((announcement.id, message.clone()));
                    posts.len() as u64 - 1 + 1000
                }
            };
            if std::mem::take(&mut *self.lose_next_answer.lock().unwrap()) {
                return Err(PostError::Unknown("connection reset".into()));
            }
            Ok(id)
        }

        async fn publish(&self, _channel_id: u64, message_id: u64) -> Result<(), PostError> {
            self.published.lock().unwrap().push(message_id);
            Ok(())
        }

        async fn report_missed(&self, announcement: &Announcement, reason: &MissReason) {
            self.reports.lock().unwrap().push((announcement.id, reason.clone()));
        }
    }

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    fn schedule(store: &SqliteStore, due: &str, ping: Ping, repeat: Repeat, publish: bool) -> Announcement {
        store
            .create_announcement(
                &NewAnnouncement {
                    guild_id: 1,
                    channel_id: 2,
                    body: Body::Text("office hours at 17:00".into()),
                    ping,
                    schedule: Schedule { due_at: at(due), timezone: Berlin },
                    repeat,
                    publish,
                    created_by: 3,
                },
                at("2026-06-01T00:00:00Z"),
            )
            .unwrap()
    }

    fn policy() -> PingPolicy {
        PingPolicy { pingable_roles: vec![50], allow_everyone: false }
    }

    const GRACE: Duration = Duration::minutes(15);

    #[tokio::test]
    async fn posts_when_due_exactly_once_with_only_the_chosen_role() {
        let store = SqliteStore::open_in_memory().unwrap();
        let discord = FakeDiscord::default();
        let mut limiter = PublishLimiter::new();
        let a = schedule(&store, "2026-06-15T10:00:00Z", Ping::Role(50), Repeat::None, true);

        let early = dispatch_due(&store, &discord, &policy(), &mut limiter, at("2026-06-15T09:59:59Z"), GRACE).await;
        assert_eq!(early.unwrap(), DispatchReport::default(), "nothing before its time");
        assert_eq!(discord.messages(), 0);

        let step =
            dispatch_due(&store, &discord, &policy(), &mut limiter, at("2026-06-15T10:00:01Z"), GRACE).await.unwrap();
        assert_eq!(step.sent, vec![(a.id, 1000)]);
        let posts = discord.posts.lock().unwrap().clone();
        assert_eq!(posts.len(), 1);
        assert_eq!(posts[0].1.content, "<@&50>\noffice hours at 17:00");
        assert_eq!(posts[0].1.allowed_mentions, AllowedMentions { roles: vec![50], everyone: false });
        assert_eq!(*discord.published.lock().unwrap(), vec![1000], "published in its announcement channel");

        let again = dispatch_due(&store, &discord, &policy(), &mut limiter, at("2026-06-15T10:01:00Z"), GRACE).await;
        assert_eq!(again.unwrap(), DispatchReport::default());
        assert_eq!(discord.messages(), 1, "posted exactly once");
        assert_eq!(store.announcement(a.id).unwrap().unwrap().status, Status::Sent);
    }

    #[tokio::test]
    async fn a_lost_answer_is_resent_with_the_same_nonce_and_posted_once() {
        let store = SqliteStore::open_in_memory().unwrap();
        let discord = FakeDiscord::default();
        let mut limiter = PublishLimiter::new();
        let a = schedule(&store, "2026-06-15T10:00:00Z", Ping::None, Repeat::None, false);
        *discord.lose_next_answer.lock().unwrap() = true;
        let now = at("2026-06-15T10:00:00Z");
        let step = dispatch_due(&store, &discord, &policy(), &mut limiter, now, GRACE).await.unwrap();
        assert_eq!(step.uncertain, vec![a.id]);
        assert_eq!(store.announcement(a.id).unwrap().unwrap().status, Status::Sending);

        // The next step (or a restart) within the nonce window re-posts; Discord returns the first message.
        let step =
            dispatch_due(&store, &discord, &policy(), &mut limiter, now + Duration::seconds(30), GRACE).await.unwrap();
        assert_eq!(step.sent, vec![(a.id, 1000)]);
        assert_eq!(discord.messages(), 1, "still one message in the channel");
    }

    #[tokio::test]
    async fn an_uncertain_post_past_the_nonce_window_is_reported_not_resent() {
        let store = SqliteStore::open_in_memory().unwrap();
        let discord = FakeDiscord::default();
        let mut limiter = PublishLimiter::new();
        let a = schedule(&store, "2026-06-15T10:00:00Z", Ping::None, Repeat::None, false);
        *discord.lose_next_answer.lock().unwrap() = true;
        let now = at("2026-06-15T10:00:00Z");
        dispatch_due(&store, &discord, &policy(), &mut limiter, now, GRACE).await.unwrap();
        let later = now + NONCE_RESEND_WINDOW + Duration::seconds(1);
        let step = dispatch_due(&store, &discord, &policy(), &mut limiter, later, GRACE).await.unwrap();
        assert_eq!(step.missed, vec![(a.id, MissReason::Uncertain)]);
        assert_eq!(*discord.reports.lock().unwrap(), vec![(a.id, MissReason::Uncertain)], "moderators are told");
        assert_eq!(discord.messages(), 1);
    }

    #[tokio::test]
    async fn overdue_at_start_up_sends_within_grace_and_reports_past_it() {
        let store = SqliteStore::open_in_memory().unwrap();
        let discord = FakeDiscord::default();
        let mut limiter = PublishLimiter::new();
        let recent = schedule(&store, "2026-06-15T09:50:00Z", Ping::None, Repeat::None, false);
        let old = schedule(&store, "2026-06-15T08:00:00Z", Ping::None, Repeat::Daily, false);
        let step =
            dispatch_due(&store, &discord, &policy(), &mut limiter, at("2026-06-15T10:00:00Z"), GRACE).await.unwrap();
        assert_eq!(step.sent.iter().map(|(id, _)| *id).collect::<Vec<_>>(), vec![recent.id]);
        assert!(matches!(step.missed.as_slice(), [(id, MissReason::TooLate { .. })] if *id == old.id));
        assert_eq!(step.scheduled_next.len(), 1, "the missed daily goes on");
        assert_eq!(step.scheduled_next[0].due_at, at("2026-06-16T08:00:00Z"), "tomorrow at 10:00 Berlin again");
    }

    #[tokio::test]
    async fn refusals_and_config_changes_are_reported() {
        let store = SqliteStore::open_in_memory().unwrap();
        let discord = FakeDiscord::default();
        let mut limiter = PublishLimiter::new();
        // Role 60 was pingable when scheduled, and is not any more.
        let unpingable = schedule(&store, "2026-06-15T10:00:00Z", Ping::Role(60), Repeat::None, false);
        let step =
            dispatch_due(&store, &discord, &policy(), &mut limiter, at("2026-06-15T10:00:00Z"), GRACE).await.unwrap();
        assert!(
            matches!(step.missed.as_slice(), [(id, MissReason::Failed(why))] if *id == unpingable.id && why.contains("not pingable"))
        );
        assert_eq!(discord.messages(), 0, "nothing posted with a ping the config no longer allows");

        let refused = schedule(&store, "2026-06-15T11:00:00Z", Ping::None, Repeat::None, false);
        *discord.refuse.lock().unwrap() = Some("missing access".into());
        let step =
            dispatch_due(&store, &discord, &policy(), &mut limiter, at("2026-06-15T11:00:00Z"), GRACE).await.unwrap();
        assert_eq!(step.missed, vec![(refused.id, MissReason::Failed("missing access".into()))]);
    }

    #[tokio::test]
    async fn the_eleventh_publish_in_an_hour_waits() {
        let store = SqliteStore::open_in_memory().unwrap();
        let discord = FakeDiscord::default();
        let mut limiter = PublishLimiter::new();
        for minute in 0..11 {
            schedule(&store, &format!("2026-06-15T10:{minute:02}:00Z"), Ping::None, Repeat::None, true);
        }
        let step =
            dispatch_due(&store, &discord, &policy(), &mut limiter, at("2026-06-15T10:11:00Z"), GRACE).await.unwrap();
        assert_eq!(step.sent.len(), 11, "all are posted");
        assert_eq!(discord.published.lock().unwrap().len(), 10, "ten are published");
        assert_eq!(step.not_published.len(), 1);
    }
}
