//! Announcements: `/announce new` drafts, Confirm and Cancel, `/announce list` and
//! `/announce cancel`, and what they need stored ([`AnnouncementStore`]).
//!
//! Nothing is posted from here. A new announcement is checked with the announcement rules
//! and kept as a *draft* in memory; the moderator sees a private preview. **Confirm** stores
//! it (due now, or at its time) and wakes the scheduler ([`super::dispatch`]), which posts it
//! through the store's claim, so a crash or a second press cannot post it twice. A draft that
//! is never confirmed (or that a restart forgets) posts nothing. Callers check that the
//! actor is a moderator first.

use std::time::Duration as StdDuration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use tracing::{error, info};

mod drafts;

pub use drafts::{AnnounceAction, Draft, DraftRequest, Drafts};

use super::storage::StoreError;
use super::view::{Choice, Message};
use super::{escape as safety, App};
use crate::announce::{check_body, Announcement, Body, MissReason, NewAnnouncement, Ping, Repeat, Status};
use crate::limits::{AUTOCOMPLETE_MAX_CHOICES, CHOICE_MAX_CHARS};

/// Custom-id prefix of everything announcements put on a message or modal.
pub const PREFIX: &str = "ann";

/// How long Confirm waits for the scheduler to post an immediate announcement before saying
/// it is on its way (it still is: the scheduler keeps it until it is sent or reported).
const POST_WAIT: StdDuration = StdDuration::from_secs(10);

/// What `/announce new` answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Drafted {
    /// The preview, with Confirm and Cancel.
    Preview(Message),
    /// No text and no entry: ask for the text in a form whose custom id is this.
    NeedsText { form: String },
    /// Refused, saying why.
    Refused(Message),
}

/// What a Confirm or Cancel press answers.
#[derive(Debug, Clone)]
pub enum Pressed {
    /// Replace the preview with this.
    Update(Message),
    /// Say this privately, leaving the preview as it is.
    New(Message),
    /// Replace the preview with "Posting…" (this), then with what [`App::confirm`] says.
    Confirm { working: Message, draft: Draft },
}

impl App {
    /// Checks the options and keeps a draft.
    pub fn draft(&self, request: DraftRequest) -> Drafted {
        let draft = match self.check_draft(&request) {
            Ok(draft) => draft,
            Err(problem) => return Drafted::Refused(Message::private(format!("Can't announce that: {problem}"))),
        };
        let needs_text = matches!(&draft.new.body, Body::Text(text) if text.is_empty());
        let id = self.drafts.keep(draft.clone());
        info!(user = request.owner, channel = request.channel, draft = id, needs_text, "announcement drafted");
        if needs_text {
            return Drafted::NeedsText { form: AnnounceAction::Text(id).custom_id() };
        }
        Drafted::Preview(self.preview(id, &draft))
    }

    /// The form's text for draft `form` (its custom id), from `user`. `None` when the form
    /// is not an announcement's.
    pub fn draft_text(&self, form: &str, user: u64, text: &str) -> Option<Message> {
        let Some(AnnounceAction::Text(id)) = AnnounceAction::parse(form) else { return None };
        let Some(mut draft) = self.drafts.get(id).filter(|d| d.owner == user) else {
            return Some(Message::private("This form has expired: nothing was posted. Run `/announce new` again."));
        };
        draft.new.body = Body::Text(text.trim().to_owned());
        if let Err(problem) = check_body(&draft.new.body, draft.new.ping) {
            self.drafts.take(id);
            return Some(Message::private(format!("Can't announce that: {problem}")));
        }
        self.drafts.set(id, draft.clone());
        Some(self.preview(id, &draft))
    }

    /// A press on Confirm or Cancel by `user`. `None` when the custom id is not ours.
    pub fn press_announcement(&self, custom_id: &str, user: u64) -> Option<Pressed> {
        let action = AnnounceAction::parse(custom_id)?;
        let draft_id = match action {
            AnnounceAction::Confirm(id) | AnnounceAction::Cancel(id) | AnnounceAction::Text(id) => id,
        };
        match self.drafts.get(draft_id) {
            Some(draft) if draft.owner != user => {
                let text = "Only the moderator who wrote this announcement can confirm or cancel it.";
                return Some(Pressed::New(Message::private(text)));
            }
            Some(_) => {}
            None => {
                let text = "This preview has expired (or was already used): nothing was posted from it. Run `/announce new` again.";
                return Some(Pressed::Update(Message::private(text)));
            }
        }
        let draft = self.drafts.take(draft_id)?;
        Some(match action {
            AnnounceAction::Cancel(_) | AnnounceAction::Text(_) => {
                info!(user, draft = draft_id, "announcement draft cancelled");
                Pressed::Update(Message::private("Cancelled: nothing was posted."))
            }
            AnnounceAction::Confirm(_) => {
                let working = if draft.scheduled { "Scheduling…" } else { "Posting…" };
                Pressed::Confirm { working: Message::private(working), draft }
            }
        })
    }

    /// Stores a confirmed draft and, for an immediate one, waits for the scheduler to post
    /// it. Returns what to tell the moderator.
    pub async fn confirm(&self, mut draft: Draft) -> Message {
        let now = self.clock.now();
        if !draft.scheduled {
            // Due when confirmed, not when drafted (a preview may sit for a while).
            draft.new.schedule.due_at = now;
        }
        // Subscribed before the scheduler can run, so its step is not missed.
        let mut steps = self.drafts.dispatched.subscribe();
        let created = match self.storage.announcements.create_announcement(&draft.new, now).await {
            Ok(created) => created,
            Err(error) => {
                error!(error = %error, "storing an announcement failed");
                return Message::private(
                    "Could not store the announcement, so nothing was posted. Try again in a moment.",
                );
            }
        };
        info!(announcement = created.id, user = draft.owner, due = %created.due_at, "announcement confirmed");
        self.drafts.wake.notify_one();
        if draft.scheduled {
            return Message::private(format!(
                "Scheduled as announcement #{} for <t:{1}:F> (<t:{1}:R>) in <#{2}>. `/announce cancel id:{0}` stops it.",
                created.id,
                created.due_at.timestamp(),
                created.channel_id
            ));
        }
        let deadline = tokio::time::Instant::now() + POST_WAIT;
        loop {
            if let Ok(Some(now)) = self.storage.announcements.announcement(created.id).await {
                if let Some(text) = outcome(&now) {
                    return Message::private(text);
                }
            }
            if tokio::time::timeout_at(deadline, steps.changed()).await.is_err() {
                return Message::private(format!(
                    "Announcement #{} is stored and on its way to <#{}>; it will be posted once (see `/announce list`).",
                    created.id, created.channel_id
                ));
            }
        }
    }

    /// `/announce list`.
    pub async fn upcoming(&self, guild: u64) -> Result<Message, StoreError> {
        let upcoming = self.storage.announcements.upcoming_announcements(guild).await?;
        Ok(Message::private(if upcoming.is_empty() {
            "No announcements are scheduled.".to_owned()
        } else {
            let lines: Vec<String> = upcoming.iter().map(describe).collect();
            format!("Upcoming announcements:\n{}", lines.join("\n"))
        }))
    }

    /// `/announce cancel`.
    pub async fn cancel(&self, guild: u64, id: i64, by: u64) -> Result<Message, StoreError> {
        let outcome = self.storage.announcements.cancel_announcement(guild, id, by, self.clock.now()).await?;
        info!(user = by, announcement = id, outcome = ?std::mem::discriminant(&outcome), "announcement cancel");
        Ok(Message::private(match outcome {
            CancelOutcome::Cancelled(a) => {
                let series = if a.repeat == Repeat::None { "" } else { " (and its repeats)" };
                format!("Cancelled announcement #{}{series}: it will not be posted.", a.id)
            }
            CancelOutcome::NotFound => format!("There is no announcement #{id} in this server."),
            CancelOutcome::NotCancellable(status) => format!("Announcement #{id} is {status}: nothing to cancel."),
        }))
    }

    /// `/announce cancel` autocomplete: upcoming announcements whose number starts with `partial`.
    pub async fn complete_upcoming(&self, guild: u64, partial: &str) -> Vec<(String, i64)> {
        let Ok(upcoming) = self.storage.announcements.upcoming_announcements(guild).await else {
            return Vec::new();
        };
        let partial = partial.trim().trim_start_matches('#');
        upcoming
            .iter()
            .filter(|a| a.id.to_string().starts_with(partial))
            .take(AUTOCOMPLETE_MAX_CHOICES)
            .map(|a| {
                let what = match &a.body {
                    Body::Text(text) => text.split_whitespace().collect::<Vec<_>>().join(" "),
                    Body::Entry(id) => format!("FAQ entry {id}"),
                };
                let name = format!("#{} {} {}", a.id, a.due_at.format("%Y-%m-%d %H:%M UTC"), what);
                (safety::cap(&name, CHOICE_MAX_CHARS), a.id)
            })
            .collect()
    }

    /// `/announce new` entry autocomplete.
    pub fn complete_entry(&self, partial: &str) -> Vec<Choice> {
        self.complete_id(partial, crate::lang::Lang::En)
    }
}

/// What Confirm says once an immediate announcement is settled; `None` while it is not.
fn outcome(now: &Announcement) -> Option<String> {
    match now.status {
        Status::Sent => {
            let link = now
                .sent_message_id
                .map(|m| format!(": https://discord.com/channels/{}/{}/{m}", now.guild_id, now.channel_id))
                .unwrap_or_default();
            Some(format!("Posted announcement #{} in <#{}>{link}", now.id, now.channel_id))
        }
        Status::Missed => {
            let reason = now.missed_reason.clone().unwrap_or_default();
            Some(format!("Announcement #{} was not posted: {reason}", now.id))
        }
        Status::Cancelled => Some(format!("Announcement #{} was cancelled.", now.id)),
        Status::Scheduled | Status::Sending => None,
    }
}

/// One line of `/announce list`.
fn describe(a: &Announcement) -> String {
    let what = match &a.body {
        Body::Text(text) => safety::echo(&safety::cap(text, 60)),
        Body::Entry(id) => format!("FAQ entry `{}`", safety::echo(id)),
    };
    let mut line = format!("**#{}** <t:{}:F> in <#{}>: {what}", a.id, a.due_at.timestamp(), a.channel_id);
    match a.ping {
        Ping::None => {}
        Ping::Role(role) => line.push_str(&format!(" · pings <@&{role}>")),
        Ping::Everyone => line.push_str(" · pings @everyone"),
    }
    if a.repeat != Repeat::None {
        line.push_str(&format!(" · {}", a.repeat));
    }
    if a.publish {
        line.push_str(" · published");
    }
    if a.status == Status::Sending {
        line.push_str(" · sending now");
    }
    line
}

/// What `cancel_announcement` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CancelOutcome {
    Cancelled(Announcement),
    /// No such announcement in this guild.
    NotFound,
    /// Already sending, sent, missed or cancelled: nothing to cancel.
    NotCancellable(Status),
}

/// Where announcements are kept. Every change that a moderator makes is audited in the same
/// transaction as the change, so the log cannot miss one.
#[async_trait]
pub trait AnnouncementStore: Send + Sync {
    /// Stores a confirmed announcement as `scheduled` and audits it, in one transaction.
    async fn create_announcement(&self, new: &NewAnnouncement, now: DateTime<Utc>) -> Result<Announcement, StoreError>;

    async fn announcement(&self, id: i64) -> Result<Option<Announcement>, StoreError>;

    /// A guild's `scheduled` and `sending` announcements, soonest first (`/announce list`).
    async fn upcoming_announcements(&self, guild_id: u64) -> Result<Vec<Announcement>, StoreError>;

    /// Every `scheduled` and `sending` announcement, soonest first: what the
    /// scheduler classifies with [`crate::announce::recovery_plan`] at start-up and on each tick.
    async fn pending_announcements(&self) -> Result<Vec<Announcement>, StoreError>;

    /// When the next `scheduled` announcement falls due, for the scheduler to sleep until.
    async fn next_due_at(&self) -> Result<Option<DateTime<Utc>>, StoreError>;

    /// Cancels a `scheduled` announcement of this guild (stopping its series) and audits it.
    async fn cancel_announcement(
        &self,
        guild_id: u64,
        id: i64,
        by: u64,
        now: DateTime<Utc>,
    ) -> Result<CancelOutcome, StoreError>;

    /// Atomically moves `scheduled` → `sending`. `Some` (the claimed row) for
    /// exactly one caller; `None` when it was not `scheduled` (another sender
    /// won, or it was cancelled). Only the winner posts.
    async fn claim_announcement(&self, id: i64, now: DateTime<Utc>) -> Result<Option<Announcement>, StoreError>;

    /// `sending` → `sent` with the posted message's id; for a repeat, schedules
    /// the next occurrence in the same transaction and returns it.
    async fn mark_sent(&self, id: i64, message_id: u64, now: DateTime<Utc>)
        -> Result<Option<Announcement>, StoreError>;

    /// `scheduled` or `sending` → `missed`, with why; for a repeat, schedules
    /// the next occurrence (after `now`) in the same transaction and returns it.
    async fn mark_missed(
        &self,
        id: i64,
        reason: &MissReason,
        now: DateTime<Utc>,
    ) -> Result<Option<Announcement>, StoreError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_ids_round_trip_and_foreign_ids_are_ignored() {
        for action in [AnnounceAction::Confirm(7), AnnounceAction::Cancel(u64::MAX), AnnounceAction::Text(1)] {
            assert_eq!(AnnounceAction::parse(&action.custom_id()), Some(action));
        }
        for foreign in ["faq:show:x", "ann:confirm:", "ann:confirm:x", "ann:post:1", "announce"] {
            assert_eq!(AnnounceAction::parse(foreign), None, "{foreign}");
        }
    }
}
