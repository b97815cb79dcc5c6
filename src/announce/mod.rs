//! Announcement rules: when one is due, how it repeats, what happens to the ones
//! that fell due while the bot was down, who it may ping and when it may be
//! published. Plain functions over plain data; "now" is always a parameter (the
//! edge gets it from a [`crate::clock::Clock`]).
//!
//! # Sending exactly once
//! The store moves an announcement `scheduled` → `sending` (the *claim*, one
//! atomic `UPDATE`, so two senders cannot both win) before anything is posted,
//! and `sending` → `sent` with the message id afterwards. Every post carries the
//! announcement's [`message_nonce`] with `enforce_nonce`, so Discord itself
//! returns the first message instead of creating a second one when the same
//! nonce comes again within a few minutes. That covers a crash between posting
//! and recording: a `sending` row whose claim is older than [`SENDING_LEASE`] (its
//! claimer is presumed dead) but younger than [`NONCE_RESEND_WINDOW`] is claimed
//! again, by any process, and posted again with the same nonce
//! ([`Recovery::ResendSameNonce`]), once at most ([`MAX_SEND_ATTEMPTS`]). A younger
//! claim is left to its claimer ([`Recovery::InProgress`]), which may be another live
//! process still waiting for Discord's answer. An older `sending` row is the one case we
//! cannot decide (the post may or may not exist, and Discord no longer
//! deduplicates): it is *not* sent again but reported to moderators as missed
//! with [`MissReason::Uncertain`]. So: never twice; at worst, after a crash
//! longer than the window at exactly the wrong moment, reported instead of sent.
//!
//! [`crate::app::dispatch::dispatch_due`] is the scheduler's step built on these rules.

use std::collections::{HashMap, VecDeque};
use std::fmt;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use thiserror::Error;

mod when;

pub use when::{next_occurrence, parse_at, parse_timezone};

use crate::limits::{
    CROSSPOSTS_PER_WINDOW_MAX, CROSSPOST_WINDOW_SECS, MESSAGE_CONTENT_MAX_CHARS, MESSAGE_NONCE_MAX_CHARS,
};

/// The furthest ahead an announcement can be scheduled. Beyond a year a typo
/// (`2027` for `2026`) is likelier than a plan, and nobody reviews the list that far.
pub const MAX_SCHEDULE_AHEAD: Duration = Duration::days(365);

/// How long after claiming an announcement we still trust Discord to
/// deduplicate a re-post by its nonce. Discord documents the nonce check as
/// covering "the past few minutes"
/// (<https://discord.com/developers/docs/resources/message#create-message-jsonform-params>);
/// two minutes stays well inside that.
pub const NONCE_RESEND_WINDOW: Duration = Duration::minutes(2);

/// How long a claim on an announcement being sent belongs to its claimer. A post to
/// Discord, retries included, ends well within it; a claim older than this was left by a
/// process that died mid-send, and another may take it over (within a minute, as a
/// scheduler wakes when the lease ends).
pub const SENDING_LEASE: Duration = Duration::seconds(30);

/// Claims of one announcement, take-overs included: the first post and one re-post with
/// the same nonce. Every claim restarts the lease, so a second take-over could come after
/// Discord has forgotten the nonce; such an announcement is reported as uncertain instead.
pub const MAX_SEND_ATTEMPTS: u32 = 2;

/// Why an announcement could not be scheduled or sent. Messages are shown to
/// moderators as they are: lowercase, no trailing period.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AnnounceError {
    #[error("say when: `in 2h`, `in 1d 3h`, or `2026-12-01 09:00 Europe/Berlin`")]
    EmptyAt,
    #[error("`{0}` is not a relative time: use a number and a unit, e.g. `in 2h`, `in 90s`, `in 1d 3h`")]
    BadRelative(String),
    #[error("unknown time unit `{0}`: use s, m, h, d or w, e.g. `in 1d 3h`")]
    UnknownUnit(String),
    #[error("`{0}` is not a time: use `YYYY-MM-DD HH:MM Area/City`, e.g. `2026-12-01 09:00 Europe/Berlin`")]
    BadAbsolute(String),
    #[error("add a timezone, e.g. `{0} Europe/Berlin` or `{0} UTC`")]
    MissingTimezone(String),
    #[error("unknown timezone `{0}`: use an IANA name such as Europe/Berlin, America/New_York or UTC")]
    UnknownTimezone(String),
    #[error("{local} does not exist in {timezone} (the clocks skip forward then): pick another time")]
    NonexistentLocalTime { local: String, timezone: String },
    #[error("`{0}` is not in the future")]
    NotInFuture(String),
    #[error("`{0}` is too far ahead: announcements can be scheduled at most {max_days} days ahead", max_days = MAX_SCHEDULE_AHEAD.num_days())]
    TooFarAhead(String),
    #[error("unknown repeat `{0}`: use daily or weekly")]
    UnknownRepeat(String),
    #[error("role {0} is not pingable: the config lists the roles announcements may ping")]
    RoleNotPingable(u64),
    #[error("pinging @everyone is not allowed by the config")]
    EveryoneNotAllowed,
    #[error("publish only works in announcement channels")]
    NotAnnouncementChannel,
    #[error("the announcement is empty")]
    EmptyText,
    #[error("the announcement is {chars} characters with its ping; discord allows {max}", max = MESSAGE_CONTENT_MAX_CHARS)]
    TooLong { chars: usize },
}

/// When an announcement is due, and the timezone whose wall clock its repeats keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub due_at: DateTime<Utc>,
    pub timezone: Tz,
}

/// How an announcement repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Repeat {
    #[default]
    None,
    Daily,
    Weekly,
}

impl Repeat {
    pub fn as_str(self) -> &'static str {
        match self {
            Repeat::None => "none",
            Repeat::Daily => "daily",
            Repeat::Weekly => "weekly",
        }
    }

    /// Parses a moderator's `repeat:` option; empty means no repeat.
    pub fn parse(input: &str) -> Result<Repeat, AnnounceError> {
        match input.trim().to_ascii_lowercase().as_str() {
            "" | "none" | "once" | "no" => Ok(Repeat::None),
            "daily" | "day" | "every day" => Ok(Repeat::Daily),
            "weekly" | "week" | "every week" => Ok(Repeat::Weekly),
            _ => Err(AnnounceError::UnknownRepeat(input.trim().to_owned())),
        }
    }

    fn step_days(self) -> Option<u64> {
        match self {
            Repeat::None => None,
            Repeat::Daily => Some(1),
            Repeat::Weekly => Some(7),
        }
    }
}

impl fmt::Display for Repeat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What an announcement posts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// Text written by the moderator.
    Text(String),
    /// An FAQ entry, by id, posted as its embed (rendered when sent, so a fixed answer is posted fixed).
    Entry(String),
}

/// Whom an announcement pings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Ping {
    #[default]
    None,
    Role(u64),
    Everyone,
}

/// An announcement's state. Only `scheduled` → `sending` → `sent` posts anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Scheduled,
    /// Claimed by a sender; the post may or may not exist yet.
    Sending,
    Sent,
    /// Not sent, and reported to moderators (see [`MissReason`]).
    Missed,
    Cancelled,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Scheduled => "scheduled",
            Status::Sending => "sending",
            Status::Sent => "sent",
            Status::Missed => "missed",
            Status::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        Some(match text {
            "scheduled" => Status::Scheduled,
            "sending" => Status::Sending,
            "sent" => Status::Sent,
            "missed" => Status::Missed,
            "cancelled" => Status::Cancelled,
            _ => return None,
        })
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An announcement as a moderator confirmed it, before the store gives it an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAnnouncement {
    pub guild_id: u64,
    pub channel_id: u64,
    pub body: Body,
    pub ping: Ping,
    pub schedule: Schedule,
    pub repeat: Repeat,
    /// Crosspost after sending (announcement channels only; see [`check_publish`]).
    pub publish: bool,
    pub created_by: u64,
}

/// A stored announcement (one occurrence; a repeat's next occurrence is a new row in the same series).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Announcement {
    pub id: i64,
    /// The id of the series' first occurrence (its own id when it is the first).
    pub series_id: i64,
    pub guild_id: u64,
    pub channel_id: u64,
    pub body: Body,
    pub ping: Ping,
    pub due_at: DateTime<Utc>,
    /// The series' first due time: repeats keep its wall-clock time in `timezone`.
    pub anchor_at: DateTime<Utc>,
    pub timezone: Tz,
    pub repeat: Repeat,
    pub publish: bool,
    pub created_by: u64,
    pub created_at: DateTime<Utc>,
    pub status: Status,
    pub claimed_at: Option<DateTime<Utc>>,
    pub attempts: u32,
    pub sent_message_id: Option<u64>,
    pub missed_reason: Option<String>,
}

impl Announcement {
    /// The nonce every post of this occurrence carries (see the module docs).
    pub fn nonce(&self) -> String {
        message_nonce(self.id)
    }
}

/// The nonce for an occurrence: the same for every attempt, so Discord
/// deduplicates a re-post after a crash.
pub fn message_nonce(id: i64) -> String {
    let nonce = format!("ann-{id}");
    debug_assert!(nonce.len() <= MESSAGE_NONCE_MAX_CHARS, "an i64 id keeps the nonce within Discord's limit");
    nonce
}

/// Why an announcement was reported instead of sent. Shown to moderators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MissReason {
    /// It fell due while the bot was down, longer ago than the grace period.
    TooLate { late_by: Duration },
    /// The bot stopped while sending it, too long ago for Discord to deduplicate
    /// a re-post: it may or may not have been posted.
    Uncertain,
    /// Discord refused it, or the config no longer allows it (e.g. its ping).
    Failed(String),
}

impl fmt::Display for MissReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MissReason::TooLate { late_by } => {
                write!(f, "fell due {} ago while the bot was down", human_duration(*late_by))
            }
            MissReason::Uncertain => {
                f.write_str("the bot stopped while posting it: check the channel, it may or may not have been posted")
            }
            MissReason::Failed(why) => write!(f, "could not be posted: {why}"),
        }
    }
}

/// `1d 3h`, `45m`, `90s` → `1m 30s`: the largest two units.
pub fn human_duration(duration: Duration) -> String {
    let mut secs = duration.num_seconds().max(0);
    let units = [("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)];
    let mut parts = Vec::new();
    for (name, size) in units {
        if secs >= size && parts.len() < 2 {
            parts.push(format!("{}{name}", secs / size));
            secs %= size;
        } else if !parts.is_empty() {
            // Only adjacent units: "1d 5s" reads as a typo.
            break;
        }
    }
    if parts.is_empty() {
        "0s".to_owned()
    } else {
        parts.join(" ")
    }
}

/// What to do with one announcement now (at start-up, or on any scheduler tick).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recovery {
    /// Not due yet, or already finished: nothing to do.
    Nothing,
    /// Due and within the grace period: claim it and send it.
    SendNow,
    /// Claimed less than [`SENDING_LEASE`] ago: its claimer is still on it.
    InProgress { until: DateTime<Utc> },
    /// Claimed longer than [`SENDING_LEASE`] but less than [`NONCE_RESEND_WINDOW`] ago, by
    /// a claimer presumed dead: claim it again and post with the same nonce (Discord
    /// returns the first post if it exists), then mark it sent.
    ResendSameNonce,
    /// Report to moderators and mark missed.
    Missed(MissReason),
}

/// Classifies one announcement. `grace` is the config's grace period.
pub fn classify(announcement: &Announcement, now: DateTime<Utc>, grace: Duration) -> Recovery {
    match announcement.status {
        Status::Sent | Status::Missed | Status::Cancelled => Recovery::Nothing,
        Status::Scheduled if announcement.due_at > now => Recovery::Nothing,
        Status::Scheduled => {
            let late_by = now - announcement.due_at;
            if late_by <= grace {
                Recovery::SendNow
            } else {
                Recovery::Missed(MissReason::TooLate { late_by })
            }
        }
        Status::Sending => match announcement.claimed_at {
            Some(claimed_at) if now - claimed_at < SENDING_LEASE => {
                Recovery::InProgress { until: claimed_at + SENDING_LEASE }
            }
            Some(claimed_at)
                if now - claimed_at <= NONCE_RESEND_WINDOW && announcement.attempts < MAX_SEND_ATTEMPTS =>
            {
                Recovery::ResendSameNonce
            }
            _ => Recovery::Missed(MissReason::Uncertain),
        },
    }
}

/// The start-up plan for a set of announcements, by id, oldest due first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecoveryPlan {
    pub send_now: Vec<i64>,
    pub resend_same_nonce: Vec<i64>,
    pub missed: Vec<(i64, MissReason)>,
    /// When the earliest claim still held by its claimer ends, if any.
    pub in_progress_until: Option<DateTime<Utc>>,
}

pub fn recovery_plan(announcements: &[Announcement], now: DateTime<Utc>, grace: Duration) -> RecoveryPlan {
    let mut sorted: Vec<&Announcement> = announcements.iter().collect();
    sorted.sort_by_key(|a| (a.due_at, a.id));
    let mut plan = RecoveryPlan::default();
    for announcement in sorted {
        match classify(announcement, now, grace) {
            Recovery::Nothing => {}
            Recovery::InProgress { until } => {
                plan.in_progress_until = Some(plan.in_progress_until.map_or(until, |earliest| earliest.min(until)));
            }
            Recovery::SendNow => plan.send_now.push(announcement.id),
            Recovery::ResendSameNonce => plan.resend_same_nonce.push(announcement.id),
            Recovery::Missed(reason) => plan.missed.push((announcement.id, reason)),
        }
    }
    plan
}

/// What the config allows announcements to ping.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PingPolicy {
    pub pingable_roles: Vec<u64>,
    pub allow_everyone: bool,
}

/// Exactly what a message may ping, for Discord's `allowed_mentions`
/// (<https://discord.com/developers/docs/resources/message#allowed-mentions-object>):
/// `parse` is empty except for `everyone` when [`Self::everyone`] is set, `roles`
/// is [`Self::roles`], `users` is empty and `replied_user` false.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AllowedMentions {
    pub roles: Vec<u64>,
    pub everyone: bool,
}

impl AllowedMentions {
    /// Pings nobody; what every message the bot sends uses unless it is an announcement with a ping.
    pub fn none() -> AllowedMentions {
        AllowedMentions::default()
    }
}

/// Checks a ping against the config and gives the allowed mentions to post it with.
/// Called when scheduling and again when sending: the config may change in between.
pub fn allowed_mentions(policy: &PingPolicy, ping: Ping) -> Result<AllowedMentions, AnnounceError> {
    match ping {
        Ping::None => Ok(AllowedMentions::none()),
        Ping::Role(role) if policy.pingable_roles.contains(&role) => {
            Ok(AllowedMentions { roles: vec![role], everyone: false })
        }
        Ping::Role(role) => Err(AnnounceError::RoleNotPingable(role)),
        Ping::Everyone if policy.allow_everyone => Ok(AllowedMentions { roles: Vec::new(), everyone: true }),
        Ping::Everyone => Err(AnnounceError::EveryoneNotAllowed),
    }
}

/// The message content: the ping (if any) on its own line, then the text.
/// For an entry announcement pass an empty text: the ping is the content and the entry the embed.
pub fn compose_content(text: &str, ping: Ping) -> Result<String, AnnounceError> {
    let mention = match ping {
        Ping::None => None,
        Ping::Role(role) => Some(format!("<@&{role}>")),
        Ping::Everyone => Some("@everyone".to_owned()),
    };
    let text = text.trim();
    let content = match (mention, text.is_empty()) {
        (Some(mention), true) => mention,
        (Some(mention), false) => format!("{mention}\n{text}"),
        (None, _) => text.to_owned(),
    };
    let chars = content.chars().count();
    if chars > MESSAGE_CONTENT_MAX_CHARS {
        return Err(AnnounceError::TooLong { chars });
    }
    Ok(content)
}

/// Validates a body before it is stored: text not empty and within Discord's
/// limit with its ping. (An entry id is checked against the FAQ by the caller.)
pub fn check_body(body: &Body, ping: Ping) -> Result<(), AnnounceError> {
    match body {
        Body::Text(text) if text.trim().is_empty() => Err(AnnounceError::EmptyText),
        Body::Text(text) => compose_content(text, ping).map(drop),
        Body::Entry(_) => Ok(()),
    }
}

/// Publishing (crossposting) is only possible in announcement channels.
pub fn check_publish(publish: bool, channel_is_announcement: bool) -> Result<(), AnnounceError> {
    if publish && !channel_is_announcement {
        Err(AnnounceError::NotAnnouncementChannel)
    } else {
        Ok(())
    }
}

/// Keeps publishes within Discord's per-channel rate
/// ([`CROSSPOSTS_PER_WINDOW_MAX`] per [`CROSSPOST_WINDOW_SECS`]), so the bot
/// does not burn a request on a publish Discord would refuse.
///
/// It lives in memory: after a restart it starts empty, and the worst case is
/// that Discord refuses a publish (rate limited), which the caller reports.
#[derive(Debug, Default)]
pub struct PublishLimiter {
    recent: HashMap<u64, VecDeque<DateTime<Utc>>>,
}

impl PublishLimiter {
    pub fn new() -> PublishLimiter {
        PublishLimiter::default()
    }

    /// Records a publish in `channel` at `now` if one is allowed; otherwise
    /// returns when the next one will be.
    pub fn try_publish(&mut self, channel: u64, now: DateTime<Utc>) -> Result<(), DateTime<Utc>> {
        let window = Duration::seconds(CROSSPOST_WINDOW_SECS);
        let recent = self.recent.entry(channel).or_default();
        while recent.front().is_some_and(|at| *at + window <= now) {
            recent.pop_front();
        }
        if recent.len() >= CROSSPOSTS_PER_WINDOW_MAX {
            return Err(recent[0] + window);
        }
        recent.push_back(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::{America::New_York, Australia::Lord_Howe, Europe::Berlin, UTC};

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap_or_else(|e| panic!("bad test time {text}: {e}")).with_timezone(&Utc)
    }

    const NOW: &str = "2026-06-15T12:00:00Z";

    #[test]
    fn parse_at_accepts() {
        let cases: &[(&str, &str, Tz)] = &[
            ("in 2h", "2026-06-15T14:00:00Z", UTC),
            ("in 90s", "2026-06-15T12:01:30Z", UTC),
            ("in 45m", "2026-06-15T12:45:00Z", UTC),
            ("in 1d 3h", "2026-06-16T15:00:00Z", UTC),
            ("in 1d3h", "2026-06-16T15:00:00Z", UTC),
            ("In 2 hours", "2026-06-15T14:00:00Z", UTC),
            ("in 1h, 30m", "2026-06-15T13:30:00Z", UTC),
            ("in 1w", "2026-06-22T12:00:00Z", UTC),
            ("in 365d", "2027-06-15T12:00:00Z", UTC),
            // Summer: Berlin is UTC+2.
            ("2026-12-01 09:00 Europe/Berlin", "2026-12-01T08:00:00Z", Berlin),
            ("2026-07-01 09:00 Europe/Berlin", "2026-07-01T07:00:00Z", Berlin),
            ("2026-07-01T09:00 Europe/Berlin", "2026-07-01T07:00:00Z", Berlin),
            ("2026-07-01 09:00:30 europe/berlin", "2026-07-01T07:00:30Z", Berlin),
            ("2026-07-01 09:00 UTC", "2026-07-01T09:00:00Z", UTC),
            ("  2026-07-01   09:00   America/New_York ", "2026-07-01T13:00:00Z", New_York),
            // Clocks go back in Berlin on 2026-10-25: 02:30 happens twice; the earlier (CEST) is taken.
            ("2026-10-25 02:30 Europe/Berlin", "2026-10-25T00:30:00Z", Berlin),
        ];
        for &(input, expected, timezone) in cases {
            let schedule = parse_at(input, utc(NOW), UTC).unwrap_or_else(|e| panic!("{input:?} should parse: {e}"));
            assert_eq!(schedule.due_at, utc(expected), "{input:?}: due time");
            assert_eq!(schedule.timezone, timezone, "{input:?}: timezone");
        }
    }

    #[test]
    fn relative_times_keep_the_default_timezone() {
        let schedule = parse_at("in 2h", utc(NOW), Berlin).expect("parses");
        assert_eq!(schedule.timezone, Berlin, "a relative time repeats on the default timezone's clock");
    }

    #[test]
    fn parse_at_refuses() {
        let cases: &[(&str, &str)] = &[
            ("", "say when"),
            ("   ", "say when"),
            ("in", "is not a time"),
            ("in ", "is not a time"),
            ("in h", "is not a relative time"),
            ("in 2", "is not a relative time"),
            ("in 2 fortnights", "unknown time unit `fortnights`"),
            ("in 0s", "is not in the future"),
            ("in 366d", "too far ahead"),
            ("in 53w", "too far ahead"),
            ("in 99999999999999999999999h", "too far ahead"),
            ("in 9223372036854775807s", "too far ahead"),
            ("tomorrow", "is not a time"),
            ("2026-12-01 09:00", "add a timezone, e.g. `2026-12-01 09:00 Europe/Berlin`"),
            ("2026-12-01 09:00 Mars/Olympus", "unknown timezone `Mars/Olympus`"),
            ("2026-12-01 9am Europe/Berlin", "is not a time"),
            ("2026-13-01 09:00 Europe/Berlin", "is not a time"),
            ("2026-12-01 09:00 Europe/Berlin extra", "is not a time"),
            ("2026-01-01 09:00 Europe/Berlin", "is not in the future"),
            ("2026-06-15 12:00 UTC", "is not in the future"),
            ("2028-01-01 09:00 UTC", "too far ahead"),
            // Clocks skip 02:00 → 03:00 in Berlin on 2026-03-29; now is before that only in 2027's case.
            ("2027-03-28 02:30 Europe/Berlin", "2027-03-28 02:30 does not exist in Europe/Berlin"),
        ];
        for &(input, expected) in cases {
            let error = parse_at(input, utc(NOW), UTC).expect_err(&format!("{input:?} should be refused"));
            let message = error.to_string();
            assert!(
                message.contains(expected),
                "{input:?}: expected an error containing {expected:?}, got {message:?}"
            );
            assert!(!message.starts_with(char::is_uppercase), "{input:?}: error messages start lowercase: {message:?}");
            assert!(!message.ends_with('.'), "{input:?}: no trailing period in {message:?}");
        }
    }

    #[test]
    fn repeats_keep_the_wall_clock_time() {
        // (anchor, timezone, repeat, after, expected next)
        let cases: &[(&str, Tz, Repeat, &str, Option<&str>)] = &[
            ("2026-03-01T08:00:00Z", Berlin, Repeat::None, "2026-03-01T08:00:00Z", None),
            // 09:00 Berlin: CET (UTC+1) until 2026-03-29, then CEST (UTC+2).
            ("2026-03-27T08:00:00Z", Berlin, Repeat::Daily, "2026-03-27T08:00:00Z", Some("2026-03-28T08:00:00Z")),
            ("2026-03-27T08:00:00Z", Berlin, Repeat::Daily, "2026-03-28T08:00:00Z", Some("2026-03-29T07:00:00Z")),
            ("2026-03-27T08:00:00Z", Berlin, Repeat::Daily, "2026-03-29T07:00:00Z", Some("2026-03-30T07:00:00Z")),
            // Weekly across the autumn change (2026-10-25): 09:00 CEST → 09:00 CET.
            ("2026-10-20T07:00:00Z", Berlin, Repeat::Weekly, "2026-10-20T07:00:00Z", Some("2026-10-27T08:00:00Z")),
            // New York changes on other dates (2026-03-08).
            ("2026-03-05T14:00:00Z", New_York, Repeat::Weekly, "2026-03-05T14:00:00Z", Some("2026-03-12T13:00:00Z")),
            // UTC never shifts.
            ("2026-03-27T09:00:00Z", UTC, Repeat::Daily, "2026-03-29T09:00:00Z", Some("2026-03-30T09:00:00Z")),
            // Down for three days: the missed occurrences are skipped, the next one is in the future.
            ("2026-06-01T07:00:00Z", Berlin, Repeat::Daily, "2026-06-04T10:00:00Z", Some("2026-06-05T07:00:00Z")),
            ("2026-06-01T07:00:00Z", Berlin, Repeat::Weekly, "2026-06-20T10:00:00Z", Some("2026-06-22T07:00:00Z")),
            // Long after the anchor: still exact, and not a walk of a thousand steps.
            ("2026-01-05T08:00:00Z", Berlin, Repeat::Daily, "2029-07-01T12:00:00Z", Some("2029-07-02T07:00:00Z")),
            // 02:30 daily: on 2026-03-29 02:30 does not exist; posted at 03:30 CEST, then back to 02:30.
            ("2026-03-28T01:30:00Z", Berlin, Repeat::Daily, "2026-03-28T01:30:00Z", Some("2026-03-29T01:30:00Z")),
            ("2026-03-28T01:30:00Z", Berlin, Repeat::Daily, "2026-03-29T01:30:00Z", Some("2026-03-30T00:30:00Z")),
            // 02:30 daily on 2026-10-25 happens twice: the earlier one (CEST).
            ("2026-10-24T00:30:00Z", Berlin, Repeat::Daily, "2026-10-24T00:30:00Z", Some("2026-10-25T00:30:00Z")),
            // Lord Howe skips only 30 minutes (02:00 → 02:30 on 2026-10-04): 02:15 becomes 02:45, then 02:15 again.
            ("2026-10-02T15:45:00Z", Lord_Howe, Repeat::Daily, "2026-10-02T15:45:00Z", Some("2026-10-03T15:45:00Z")),
            ("2026-10-02T15:45:00Z", Lord_Howe, Repeat::Daily, "2026-10-03T15:45:00Z", Some("2026-10-04T15:15:00Z")),
        ];
        for &(anchor, timezone, repeat, after, expected) in cases {
            let next = next_occurrence(utc(anchor), timezone, repeat, utc(after));
            assert_eq!(
                next,
                expected.map(utc),
                "{repeat} from {anchor} in {timezone} after {after}: expected {expected:?}"
            );
        }
    }

    #[test]
    fn repeats_stay_on_wall_time_for_a_year() {
        let anchor = utc("2026-01-01T08:00:00Z"); // 09:00 Berlin
        let mut at = anchor;
        for _ in 0..400 {
            at = next_occurrence(anchor, Berlin, Repeat::Daily, at).expect("daily repeats");
            let local = at.with_timezone(&Berlin);
            assert_eq!(local.format("%H:%M").to_string(), "09:00", "occurrence {at} is not 09:00 in Berlin");
        }
    }

    fn announcement(status: Status, due_at: &str, claimed_at: Option<&str>) -> Announcement {
        Announcement {
            id: 1,
            series_id: 1,
            guild_id: 10,
            channel_id: 20,
            body: Body::Text("hello".into()),
            ping: Ping::None,
            due_at: utc(due_at),
            anchor_at: utc(due_at),
            timezone: UTC,
            repeat: Repeat::None,
            publish: false,
            created_by: 30,
            created_at: utc("2026-06-01T00:00:00Z"),
            status,
            claimed_at: claimed_at.map(utc),
            attempts: u32::from(claimed_at.is_some()),
            sent_message_id: None,
            missed_reason: None,
        }
    }

    #[test]
    fn start_up_recovery() {
        let grace = Duration::minutes(15);
        let cases: &[(&str, Status, &str, Option<&str>, Recovery)] = &[
            ("not due yet", Status::Scheduled, "2026-06-15T12:00:01Z", None, Recovery::Nothing),
            ("due this instant", Status::Scheduled, NOW, None, Recovery::SendNow),
            ("late within grace", Status::Scheduled, "2026-06-15T11:50:00Z", None, Recovery::SendNow),
            ("late exactly the grace", Status::Scheduled, "2026-06-15T11:45:00Z", None, Recovery::SendNow),
            (
                "late past grace",
                Status::Scheduled,
                "2026-06-15T11:44:59Z",
                None,
                Recovery::Missed(MissReason::TooLate { late_by: Duration::seconds(15 * 60 + 1) }),
            ),
            (
                "claimed just now",
                Status::Sending,
                "2026-06-15T11:00:00Z",
                Some("2026-06-15T11:59:00Z"),
                Recovery::ResendSameNonce,
            ),
            (
                "claimed within the lease",
                Status::Sending,
                "2026-06-15T11:00:00Z",
                Some("2026-06-15T11:59:40Z"),
                Recovery::InProgress { until: utc("2026-06-15T12:00:10Z") },
            ),
            (
                "claimed at the window's edge",
                Status::Sending,
                "2026-06-15T11:00:00Z",
                Some("2026-06-15T11:58:00Z"),
                Recovery::ResendSameNonce,
            ),
            (
                "claimed too long ago",
                Status::Sending,
                "2026-06-15T11:59:00Z",
                Some("2026-06-15T11:57:59Z"),
                Recovery::Missed(MissReason::Uncertain),
            ),
            (
                "sending without claim time",
                Status::Sending,
                "2026-06-15T11:59:00Z",
                None,
                Recovery::Missed(MissReason::Uncertain),
            ),
            ("sent", Status::Sent, "2026-06-15T11:00:00Z", Some("2026-06-15T11:00:00Z"), Recovery::Nothing),
            ("missed", Status::Missed, "2026-06-15T11:00:00Z", None, Recovery::Nothing),
            ("cancelled", Status::Cancelled, "2026-06-15T11:00:00Z", None, Recovery::Nothing),
        ];
        for (name, status, due, claimed, expected) in cases {
            let got = classify(&announcement(*status, due, *claimed), utc(NOW), grace);
            assert_eq!(&got, expected, "{name}: expected {expected:?}");
        }
    }

    #[test]
    fn a_lapsed_claim_is_taken_over_once_then_reported() {
        let mut taken_over = announcement(Status::Sending, "2026-06-15T11:00:00Z", Some("2026-06-15T11:59:00Z"));
        assert_eq!(classify(&taken_over, utc(NOW), Duration::minutes(15)), Recovery::ResendSameNonce);
        taken_over.attempts = MAX_SEND_ATTEMPTS;
        assert_eq!(
            classify(&taken_over, utc(NOW), Duration::minutes(15)),
            Recovery::Missed(MissReason::Uncertain),
            "a second take-over might come after Discord forgot the nonce"
        );
    }

    #[test]
    fn recovery_plan_orders_by_due_time() {
        let mut a = announcement(Status::Scheduled, "2026-06-15T11:59:00Z", None);
        a.id = 1;
        let mut b = announcement(Status::Scheduled, "2026-06-15T11:58:00Z", None);
        b.id = 2;
        let mut c = announcement(Status::Scheduled, "2026-06-14T11:58:00Z", None);
        c.id = 3;
        let mut d = announcement(Status::Sending, "2026-06-15T11:58:00Z", Some("2026-06-15T11:59:30Z"));
        d.id = 4;
        let plan = recovery_plan(&[a, b, c, d], utc(NOW), Duration::minutes(15));
        assert_eq!(plan.send_now, vec![2, 1], "oldest due first");
        assert_eq!(plan.resend_same_nonce, vec![4]);
        assert_eq!(plan.missed.iter().map(|(id, _)| *id).collect::<Vec<_>>(), vec![3]);
    }

    #[test]
    fn mention_rules() {
        let policy = PingPolicy { pingable_roles: vec![100, 200], allow_everyone: false };
        let everyone_ok = PingPolicy { pingable_roles: vec![], allow_everyone: true };
        let cases: &[(&str, &PingPolicy, Ping, Result<AllowedMentions, AnnounceError>)] = &[
            ("no ping pings nobody", &policy, Ping::None, Ok(AllowedMentions { roles: vec![], everyone: false })),
            (
                "listed role, only that role",
                &policy,
                Ping::Role(200),
                Ok(AllowedMentions { roles: vec![200], everyone: false }),
            ),
            ("unlisted role", &policy, Ping::Role(300), Err(AnnounceError::RoleNotPingable(300))),
            ("everyone not allowed", &policy, Ping::Everyone, Err(AnnounceError::EveryoneNotAllowed)),
            ("everyone allowed", &everyone_ok, Ping::Everyone, Ok(AllowedMentions { roles: vec![], everyone: true })),
            ("role with an empty list", &everyone_ok, Ping::Role(100), Err(AnnounceError::RoleNotPingable(100))),
        ];
        for (name, policy, ping, expected) in cases {
            assert_eq!(&allowed_mentions(policy, *ping), expected, "{name}");
        }
    }

    #[test]
    fn content_carries_the_ping_and_fits() {
        assert_eq!(compose_content("hi", Ping::Role(5)).as_deref(), Ok("<@&5>\nhi"));
        assert_eq!(compose_content("hi", Ping::Everyone).as_deref(), Ok("@everyone\nhi"));
        assert_eq!(compose_content(" hi ", Ping::None).as_deref(), Ok("hi"));
        assert_eq!(
            compose_content("", Ping::Role(5)).as_deref(),
            Ok("<@&5>"),
            "an entry announcement's content is its ping"
        );
        let exactly = "x".repeat(MESSAGE_CONTENT_MAX_CHARS);
        assert!(compose_content(&exactly, Ping::None).is_ok(), "the limit itself is allowed");
        assert_eq!(
            compose_content(&exactly, Ping::Everyone),
            Err(AnnounceError::TooLong { chars: MESSAGE_CONTENT_MAX_CHARS + "@everyone\n".len() }),
            "the ping counts toward the limit"
        );
        assert_eq!(check_body(&Body::Text("  ".into()), Ping::None), Err(AnnounceError::EmptyText));
        assert_eq!(check_body(&Body::Entry("opt-out".into()), Ping::Everyone), Ok(()));
    }

    #[test]
    fn publish_only_in_announcement_channels() {
        assert_eq!(check_publish(true, false), Err(AnnounceError::NotAnnouncementChannel));
        assert_eq!(check_publish(true, true), Ok(()));
        assert_eq!(check_publish(false, false), Ok(()));
    }

    #[test]
    fn publish_limiter_allows_ten_per_hour_per_channel() {
        let mut limiter = PublishLimiter::new();
        let start = utc(NOW);
        for i in 0..CROSSPOSTS_PER_WINDOW_MAX as i64 {
            assert_eq!(limiter.try_publish(1, start + Duration::minutes(i)), Ok(()), "publish {i} fits");
        }
        let eleventh = start + Duration::minutes(30);
        assert_eq!(
            limiter.try_publish(1, eleventh),
            Err(start + Duration::hours(1)),
            "the 11th waits for the first to age out"
        );
        assert_eq!(limiter.try_publish(2, eleventh), Ok(()), "other channels have their own budget");
        assert_eq!(limiter.try_publish(1, start + Duration::hours(1)), Ok(()), "a slot frees an hour after the first");
        assert!(limiter.try_publish(1, start + Duration::hours(1)).is_err(), "and only one slot");
    }

    #[test]
    fn nonces_fit_discord() {
        assert_eq!(message_nonce(42), "ann-42");
        assert!(message_nonce(i64::MAX).len() <= MESSAGE_NONCE_MAX_CHARS);
    }

    #[test]
    fn human_durations() {
        let cases = [
            (0, "0s"),
            (90, "1m 30s"),
            (3600, "1h"),
            (86_400 + 3 * 3600, "1d 3h"),
            (86_400 + 5, "1d"),
            (45 * 60, "45m"),
        ];
        for (secs, expected) in cases {
            assert_eq!(human_duration(Duration::seconds(secs)), expected, "{secs}s");
        }
    }

    #[test]
    fn repeat_and_status_names_round_trip() {
        for repeat in [Repeat::None, Repeat::Daily, Repeat::Weekly] {
            assert_eq!(Repeat::parse(repeat.as_str()), Ok(repeat));
        }
        assert_eq!(Repeat::parse(""), Ok(Repeat::None));
        assert_eq!(Repeat::parse("Weekly"), Ok(Repeat::Weekly));
        assert!(Repeat::parse("monthly").is_err());
        for status in [Status::Scheduled, Status::Sending, Status::Sent, Status::Missed, Status::Cancelled] {
            assert_eq!(Status::parse(status.as_str()), Some(status));
        }
    }
}
