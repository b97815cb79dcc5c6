//! The application's storage traits for [`PgStore`]: audit, usage and variants here,
//! announcements in [`super::announcements`]. Each call is one pooled connection and at
//! most one short transaction, the same statements as the SQLite store's in PostgreSQL's
//! dialect, so both backends behave alike (`tests/store_behaviour/` runs one suite on both).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use tokio_postgres::GenericClient;

use super::{describe as describe_error, PgError, PgStore};
use crate::announce::{Announcement, MissReason, NewAnnouncement};
use crate::app::announcements::{AnnouncementStore, CancelOutcome};
use crate::app::audit::{AuditAction, AuditEntry, AuditLog, NewAuditEntry};
use crate::app::storage::StoreError;
use crate::app::upkeep::{NewVariant, StoredVariant, VariantStore};
use crate::app::usage::{Activity, Answered, DeclinedQuestion, ReviewQuestion, UsageStore, Vote};
use crate::text;

pub(super) type PgResult<T> = Result<T, StoreError>;

impl From<tokio_postgres::Error> for StoreError {
    fn from(error: tokio_postgres::Error) -> StoreError {
        StoreError::Backend(Box::new(PgError::Backend(describe_error(&error))))
    }
}

impl From<PgError> for StoreError {
    fn from(error: PgError) -> StoreError {
        StoreError::Backend(Box::new(error))
    }
}

/// Times are kept to the millisecond, as SQLite keeps them, so a value reads back equal
/// whichever backend stored it (timestamptz itself would keep microseconds).
pub(super) fn millis(at: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(at.timestamp_millis()).unwrap_or(at)
}

/// Discord ids are u64; BIGINT is i64. The cast keeps every bit both ways (as in SQLite).
pub(super) fn sql_id(id: u64) -> i64 {
    id as i64
}

pub(super) fn discord_id(value: i64) -> u64 {
    value as u64
}

pub(super) async fn insert_audit(client: &impl GenericClient, entry: &NewAuditEntry) -> PgResult<()> {
    client
        .execute(
            "INSERT INTO audit_log (guild_id, actor_id, at, action, details) VALUES ($1, $2, $3, $4, $5)",
            &[
                &sql_id(entry.guild_id),
                &sql_id(entry.actor_id),
                &millis(entry.at),
                &entry.action.as_str(),
                &entry.details,
            ],
        )
        .await?;
    Ok(())
}

fn count(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}

/// The store's own API, async, one short transaction a call.
impl PgStore {
    pub async fn record_audit(&self, entry: &NewAuditEntry) -> PgResult<()> {
        insert_audit(&**self.client().await?, entry).await
    }

    pub async fn audit_log(&self, guild_id: u64, limit: usize) -> PgResult<Vec<AuditEntry>> {
        let client = self.client().await?;
        let rows = client
            .query(
                "SELECT id, guild_id, actor_id, at, action, details FROM audit_log WHERE guild_id = $1 \
                 ORDER BY at DESC, id DESC LIMIT $2",
                &[&sql_id(guild_id), &i64::try_from(limit).unwrap_or(i64::MAX)],
            )
            .await?;
        rows.iter()
            .map(|row| {
                let id: i64 = row.try_get(0)?;
                let action: String = row.try_get(4)?;
                Ok(AuditEntry {
                    id,
                    guild_id: discord_id(row.try_get(1)?),
                    actor_id: discord_id(row.try_get(2)?),
                    action: AuditAction::parse(&action).ok_or_else(|| StoreError::InvalidRow {
                        table: "audit_log",
                        id,
                        detail: format!("unknown action {action:?}"),
                    })?,
                    details: row.try_get(5)?,
                    at: row.try_get(3)?,
                })
            })
            .collect()
    }

    pub async fn record_answer(&self, answer: &Answered) -> PgResult<()> {
        let (user_id, question) = match &answer.asked {
            Some((user, question)) => (Some(sql_id(*user)), Some(question.as_str())),
            None => (None, None),
        };
        self.client()
            .await?
            .execute(
                "INSERT INTO answers (guild_id, entry_id, at, user_id, question) VALUES ($1, $2, $3, $4, $5)",
                &[&sql_id(answer.guild_id), &answer.entry_id, &millis(answer.at), &user_id, &question],
            )
            .await?;
        Ok(())
    }

    pub async fn last_question(&self, user_id: u64, entry_id: &str) -> PgResult<Option<String>> {
        let row = self
            .client()
            .await?
            .query_opt(
                "SELECT question FROM answers WHERE user_id = $1 AND entry_id = $2 AND question IS NOT NULL \
                 ORDER BY at DESC, id DESC LIMIT 1",
                &[&sql_id(user_id), &entry_id],
            )
            .await?;
        Ok(row.map(|row| row.try_get(0)).transpose()?)
    }

    pub async fn record_declined(&self, question: &DeclinedQuestion) -> PgResult<()> {
        self.client()
            .await?
            .execute(
                "INSERT INTO declined_questions (guild_id, user_id, question, at) VALUES ($1, $2, $3, $4)",
                &[&sql_id(question.guild_id), &sql_id(question.user_id), &question.question, &millis(question.at)],
            )
            .await?;
        Ok(())
    }

    pub async fn record_vote(&self, vote: &Vote) -> PgResult<()> {
        self.client()
            .await?
            .execute(
                "INSERT INTO votes (guild_id, message_id, user_id, entry_id, helpful, question, at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) \
                 ON CONFLICT (message_id, user_id) DO UPDATE SET helpful = excluded.helpful, at = excluded.at",
                &[
                    &sql_id(vote.guild_id),
                    &sql_id(vote.message_id),
                    &sql_id(vote.user_id),
                    &vote.entry_id,
                    &vote.helpful,
                    &vote.question,
                    &millis(vote.at),
                ],
            )
            .await?;
        Ok(())
    }

    pub async fn vote_tally(&self, entry_id: &str) -> PgResult<(u64, u64)> {
        let row = self
            .client()
            .await?
            .query_one(
                "SELECT COUNT(*) FILTER (WHERE helpful), COUNT(*) FILTER (WHERE NOT helpful) FROM votes \
                 WHERE entry_id = $1",
                &[&entry_id],
            )
            .await?;
        Ok((count(row.try_get(0)?), count(row.try_get(1)?)))
    }

    pub async fn activity(&self, guild_id: u64, since: DateTime<Utc>) -> PgResult<Activity> {
        let client = self.client().await?;
        let (guild, since) = (sql_id(guild_id), millis(since));
        let answers_by_entry = client
            .query(
                "SELECT entry_id, COUNT(*) AS n FROM answers WHERE guild_id = $1 AND at >= $2 \
                 GROUP BY entry_id ORDER BY n DESC, entry_id",
                &[&guild, &since],
            )
            .await?
            .iter()
            .map(|row| Ok((row.try_get::<_, String>(0)?, count(row.try_get(1)?))))
            .collect::<PgResult<Vec<_>>>()?;
        let declined: i64 = client
            .query_one("SELECT COUNT(*) FROM declined_questions WHERE guild_id = $1 AND at >= $2", &[&guild, &since])
            .await?
            .try_get(0)?;
        let votes = client
            .query_one(
                "SELECT COUNT(*) FILTER (WHERE helpful), COUNT(*) FILTER (WHERE NOT helpful) FROM votes \
                 WHERE guild_id = $1 AND at >= $2",
                &[&guild, &since],
            )
            .await?;
        Ok(Activity {
            answered: answers_by_entry.iter().map(|(_, n)| n).sum(),
            answers_by_entry,
            declined: count(declined),
            helpful: count(votes.try_get(0)?),
            not_helpful: count(votes.try_get(1)?),
        })
    }

    pub async fn review_questions(&self, guild_id: u64, since: DateTime<Utc>) -> PgResult<Vec<ReviewQuestion>> {
        let rows = self
            .client()
            .await?
            .query(
                "SELECT question, at, NULL::TEXT FROM declined_questions WHERE guild_id = $1 AND at >= $2 \
                 UNION ALL \
                 SELECT question, at, entry_id FROM votes \
                 WHERE guild_id = $1 AND at >= $2 AND NOT helpful AND question IS NOT NULL \
                 ORDER BY 2 DESC",
                &[&sql_id(guild_id), &millis(since)],
            )
            .await?;
        rows.iter()
            .map(|row| {
                Ok(ReviewQuestion {
                    question: row.try_get(0)?,
                    at: row.try_get(1)?,
                    not_helpful_entry: row.try_get(2)?,
                })
            })
            .collect()
    }

    pub async fn add_variant(&self, variant: &NewVariant) -> PgResult<bool> {
        let normalized = text::normalize(&variant.text);
        let mut client = self.client().await?;
        let transaction = client.transaction().await?;
        let inserted = transaction
            .execute(
                "INSERT INTO variants (entry_id, text, normalized, guild_id, added_by, at) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (entry_id, normalized) DO NOTHING",
                &[
                    &variant.entry_id,
                    &variant.text.trim(),
                    &normalized,
                    &sql_id(variant.guild_id),
                    &sql_id(variant.added_by),
                    &millis(variant.at),
                ],
            )
            .await?;
        if inserted == 0 {
            return Ok(false);
        }
        let audit = NewAuditEntry {
            guild_id: variant.guild_id,
            actor_id: variant.added_by,
            action: AuditAction::VariantAdded,
            details: format!("{:?} added to entry {}", variant.text.trim(), variant.entry_id),
            at: variant.at,
        };
        insert_audit(&*transaction, &audit).await?;
        transaction.commit().await?;
        Ok(true)
    }

    pub async fn variants(&self) -> PgResult<Vec<StoredVariant>> {
        let rows = self
            .client()
            .await?
            .query("SELECT id, entry_id, text, guild_id, added_by, at FROM variants ORDER BY at, id", &[])
            .await?;
        rows.iter()
            .map(|row| {
                Ok(StoredVariant {
                    id: row.try_get(0)?,
                    entry_id: row.try_get(1)?,
                    text: row.try_get(2)?,
                    guild_id: discord_id(row.try_get(3)?),
                    added_by: discord_id(row.try_get(4)?),
                    at: row.try_get(5)?,
                })
            })
            .collect()
    }
}

#[async_trait]
impl AnnouncementStore for PgStore {
    async fn create_announcement(&self, new: &NewAnnouncement, now: DateTime<Utc>) -> Result<Announcement, StoreError> {
        PgStore::create_announcement(self, new, now).await
    }

    async fn announcement(&self, id: i64) -> Result<Option<Announcement>, StoreError> {
        PgStore::announcement(self, id).await
    }

    async fn upcoming_announcements(&self, guild_id: u64) -> Result<Vec<Announcement>, StoreError> {
        PgStore::upcoming_announcements(self, guild_id).await
    }

    async fn pending_announcements(&self) -> Result<Vec<Announcement>, StoreError> {
        PgStore::pending_announcements(self).await
    }

    async fn next_due_at(&self) -> Result<Option<DateTime<Utc>>, StoreError> {
        PgStore::next_due_at(self).await
    }

    async fn cancel_announcement(
        &self,
        guild_id: u64,
        id: i64,
        by: u64,
        now: DateTime<Utc>,
    ) -> Result<CancelOutcome, StoreError> {
        PgStore::cancel_announcement(self, guild_id, id, by, now).await
    }

    async fn claim_announcement(&self, id: i64, now: DateTime<Utc>) -> Result<Option<Announcement>, StoreError> {
        PgStore::claim_announcement(self, id, now).await
    }

    async fn mark_sent(
        &self,
        id: i64,
        message_id: u64,
        now: DateTime<Utc>,
    ) -> Result<Option<Announcement>, StoreError> {
        PgStore::mark_sent(self, id, message_id, now).await
    }

    async fn mark_missed(
        &self,
        id: i64,
        reason: &MissReason,
        now: DateTime<Utc>,
    ) -> Result<Option<Announcement>, StoreError> {
        PgStore::mark_missed(self, id, reason, now).await
    }
}

#[async_trait]
impl AuditLog for PgStore {
    async fn record_audit(&self, entry: &NewAuditEntry) -> Result<(), StoreError> {
        PgStore::record_audit(self, entry).await
    }

    async fn audit_log(&self, guild_id: u64, limit: usize) -> Result<Vec<AuditEntry>, StoreError> {
        PgStore::audit_log(self, guild_id, limit).await
    }
}

#[async_trait]
impl UsageStore for PgStore {
    async fn record_answer(&self, answer: &Answered) -> Result<(), StoreError> {
        PgStore::record_answer(self, answer).await
    }

    async fn last_question(&self, user_id: u64, entry_id: &str) -> Result<Option<String>, StoreError> {
        PgStore::last_question(self, user_id, entry_id).await
    }

    async fn record_declined(&self, question: &DeclinedQuestion) -> Result<(), StoreError> {
        PgStore::record_declined(self, question).await
    }

    async fn record_vote(&self, vote: &Vote) -> Result<(), StoreError> {
        PgStore::record_vote(self, vote).await
    }

    async fn vote_tally(&self, entry_id: &str) -> Result<(u64, u64), StoreError> {
        PgStore::vote_tally(self, entry_id).await
    }

    async fn activity(&self, guild_id: u64, since: DateTime<Utc>) -> Result<Activity, StoreError> {
        PgStore::activity(self, guild_id, since).await
    }

    async fn review_questions(&self, guild_id: u64, since: DateTime<Utc>) -> Result<Vec<ReviewQuestion>, StoreError> {
        PgStore::review_questions(self, guild_id, since).await
    }
}

#[async_trait]
impl VariantStore for PgStore {
    async fn add_variant(&self, variant: &NewVariant) -> Result<bool, StoreError> {
        PgStore::add_variant(self, variant).await
    }

    async fn variants(&self) -> Result<Vec<StoredVariant>, StoreError> {
        PgStore::variants(self).await
    }

    async fn record_reload(&self, by: u64, at: DateTime<Utc>) -> Result<(), StoreError> {
        // The row's trigger tells every process to read the FAQ files again.
        let client = self.client().await?;
        client.execute("INSERT INTO faq_reloads (by, at) VALUES ($1, $2)", &[&sql_id(by), &millis(at)]).await?;
        Ok(())
    }
}
