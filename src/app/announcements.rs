//! Announcements as the application sees them: what it needs stored ([`AnnouncementStore`]).

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::storage::StoreError;
use crate::announce::{Announcement, MissReason, NewAnnouncement, Status};

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
