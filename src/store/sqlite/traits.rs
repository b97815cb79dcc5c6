//! The application's storage traits for [`SqliteStore`]: each call runs the store's own
//! synchronous method on tokio's blocking pool (a commit waits for the disk).

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::SqliteStore;
use crate::announce::{Announcement, MissReason, NewAnnouncement};
use crate::app::announcements::{AnnouncementStore, CancelOutcome};
use crate::app::audit::{AuditEntry, AuditLog, NewAuditEntry};
use crate::app::storage::StoreError;
use crate::app::upkeep::{NewVariant, StoredVariant, VariantStore};
use crate::app::usage::{Activity, Answered, DeclinedQuestion, ReviewQuestion, UsageStore, Vote};

impl SqliteStore {
    /// Runs `work` with this store on the blocking pool.
    async fn blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce(&SqliteStore) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let store = self.clone();
        tokio::task::spawn_blocking(move || work(&store)).await.map_err(|error| StoreError::Backend(Box::new(error)))?
    }
}

#[async_trait]
impl AnnouncementStore for SqliteStore {
    async fn create_announcement(&self, new: &NewAnnouncement, now: DateTime<Utc>) -> Result<Announcement, StoreError> {
        let new = new.clone();
        self.blocking(move |s| s.create_announcement(&new, now)).await
    }

    async fn announcement(&self, id: i64) -> Result<Option<Announcement>, StoreError> {
        self.blocking(move |s| s.announcement(id)).await
    }

    async fn upcoming_announcements(&self, guild_id: u64) -> Result<Vec<Announcement>, StoreError> {
        self.blocking(move |s| s.upcoming_announcements(guild_id)).await
    }

    async fn pending_announcements(&self) -> Result<Vec<Announcement>, StoreError> {
        self.blocking(|s| s.pending_announcements()).await
    }

    async fn next_due_at(&self) -> Result<Option<DateTime<Utc>>, StoreError> {
        self.blocking(|s| s.next_due_at()).await
    }

    async fn cancel_announcement(
        &self,
        guild_id: u64,
        id: i64,
        by: u64,
        now: DateTime<Utc>,
    ) -> Result<CancelOutcome, StoreError> {
        self.blocking(move |s| s.cancel_announcement(guild_id, id, by, now)).await
    }

    async fn claim_announcement(&self, id: i64, now: DateTime<Utc>) -> Result<Option<Announcement>, StoreError> {
        self.blocking(move |s| s.claim_announcement(id, now)).await
    }

    async fn mark_sent(
        &self,
        id: i64,
        message_id: u64,
        now: DateTime<Utc>,
    ) -> Result<Option<Announcement>, StoreError> {
        self.blocking(move |s| s.mark_sent(id, message_id, now)).await
    }

    async fn mark_missed(
        &self,
        id: i64,
        reason: &MissReason,
        now: DateTime<Utc>,
    ) -> Result<Option<Announcement>, StoreError> {
        let reason = reason.clone();
        self.blocking(move |s| s.mark_missed(id, &reason, now)).await
    }
}

#[async_trait]
impl AuditLog for SqliteStore {
    async fn record_audit(&self, entry: &NewAuditEntry) -> Result<(), StoreError> {
        let entry = entry.clone();
        self.blocking(move |s| s.record_audit(&entry)).await
    }

    async fn audit_log(&self, guild_id: u64, limit: usize) -> Result<Vec<AuditEntry>, StoreError> {
        self.blocking(move |s| s.audit_log(guild_id, limit)).await
    }
}

#[async_trait]
impl UsageStore for SqliteStore {
    async fn record_answer(&self, answer: &Answered) -> Result<(), StoreError> {
        let answer = answer.clone();
        self.blocking(move |s| s.record_answer(&answer)).await
    }

    async fn last_question(&self, user_id: u64, entry_id: &str) -> Result<Option<String>, StoreError> {
        let entry_id = entry_id.to_owned();
        self.blocking(move |s| s.last_question(user_id, &entry_id)).await
    }

    async fn record_declined(&self, question: &DeclinedQuestion) -> Result<(), StoreError> {
        let question = question.clone();
        self.blocking(move |s| s.record_declined(&question)).await
    }

    async fn record_vote(&self, vote: &Vote) -> Result<(), StoreError> {
        let vote = vote.clone();
        self.blocking(move |s| s.record_vote(&vote)).await
    }

    async fn vote_tally(&self, entry_id: &str) -> Result<(u64, u64), StoreError> {
        let entry_id = entry_id.to_owned();
        self.blocking(move |s| s.vote_tally(&entry_id)).await
    }

    async fn activity(&self, guild_id: u64, since: DateTime<Utc>) -> Result<Activity, StoreError> {
        self.blocking(move |s| s.activity(guild_id, since)).await
    }

    async fn review_questions(&self, guild_id: u64, since: DateTime<Utc>) -> Result<Vec<ReviewQuestion>, StoreError> {
        self.blocking(move |s| s.review_questions(guild_id, since)).await
    }
}

#[async_trait]
impl VariantStore for SqliteStore {
    async fn add_variant(&self, variant: &NewVariant) -> Result<bool, StoreError> {
        let variant = variant.clone();
        self.blocking(move |s| s.add_variant(&variant)).await
    }

    async fn variants(&self) -> Result<Vec<StoredVariant>, StoreError> {
        self.blocking(|s| s.variants()).await
    }
}
