//! Announcements in PostgreSQL: rows, occurrences of a series, and the claim.
//!
//! **How several processes share the scheduler: row claims, and a lease on sending.** Any process
//! may claim a due announcement; the claim is one statement that locks the row with
//! `FOR UPDATE SKIP LOCKED` and moves it `scheduled` → `sending` only if it is still
//! `scheduled`. Of two processes claiming at once, one gets the row and the other skips
//! it at once (it neither waits on the lock nor sees it `scheduled` after the winner
//! commits), so exactly one posts. No lease is needed for *that* step because the row
//! lock lasts only as long as the claiming statement: nothing is held across the post to
//! Discord, so a process killed mid-send leaves no lock behind, only a `sending` row with
//! its `claimed_at`. What happens to such a row is the same rule as with SQLite: once
//! the claim is older than [`crate::announce::SENDING_LEASE`] and still within
//! [`crate::announce::NONCE_RESEND_WINDOW`], it is claimed again and re-posted with the
//! same nonce (Discord returns the first message, so it is never doubled); after that it is
//! reported as uncertain and never re-sent. `mark_sent` and `mark_missed` lock the row
//! (`FOR UPDATE`) and check its state, so a second finisher is refused, not applied twice.
//!
//! A live process still waiting for Discord's answer keeps its claim for
//! [`crate::announce::SENDING_LEASE`]: others leave the row alone until then, and only one
//! of them takes it over afterwards (the same claim statement, on a lapsed `sending` row).

use chrono::{DateTime, Utc};
use tokio_postgres::{GenericClient, Row};

use super::traits::{discord_id, insert_audit, millis, sql_id, PgResult};
use super::PgStore;
use crate::announce::{self, Announcement, Body, MissReason, NewAnnouncement, Ping, Repeat, Status};
use crate::app::announcements::CancelOutcome;
use crate::app::audit::{AuditAction, NewAuditEntry};
use crate::app::storage::StoreError;
use crate::store::{describe, next_occurrence};

const COLUMNS: &str = "id, series_id, guild_id, channel_id, text, entry_id, ping_role_id, ping_everyone, \
     due_at, anchor_at, timezone, repeat, publish, created_by, created_at, status, claimed_at, attempts, \
     sent_message_id, missed_reason";

const TABLE: &str = "announcements";

/// A row in the order of [`COLUMNS`], checked into an [`Announcement`].
fn read(row: &Row) -> Result<Announcement, StoreError> {
    let id: i64 = row.try_get(0)?;
    let invalid = |detail: String| StoreError::InvalidRow { table: TABLE, id, detail };
    let body = match (row.try_get::<_, Option<String>>(4)?, row.try_get::<_, Option<String>>(5)?) {
        (Some(text), None) => Body::Text(text),
        (None, Some(entry)) => Body::Entry(entry),
        _ => return Err(invalid("needs exactly one of text and entry_id".into())),
    };
    let ping = match (row.try_get::<_, Option<i64>>(6)?, row.try_get::<_, bool>(7)?) {
        (None, false) => Ping::None,
        (Some(role), false) => Ping::Role(discord_id(role)),
        (None, true) => Ping::Everyone,
        (Some(_), true) => return Err(invalid("pings both a role and everyone".into())),
    };
    let timezone: String = row.try_get(10)?;
    let repeat: String = row.try_get(11)?;
    let status: String = row.try_get(15)?;
    let attempts: i32 = row.try_get(17)?;
    Ok(Announcement {
        id,
        series_id: row.try_get(1)?,
        guild_id: discord_id(row.try_get(2)?),
        channel_id: discord_id(row.try_get(3)?),
        body,
        ping,
        due_at: row.try_get(8)?,
        anchor_at: row.try_get(9)?,
        timezone: announce::parse_timezone(&timezone).map_err(|e| invalid(e.to_string()))?,
        repeat: Repeat::parse(&repeat).map_err(|e| invalid(e.to_string()))?,
        publish: row.try_get(12)?,
        created_by: discord_id(row.try_get(13)?),
        created_at: row.try_get(14)?,
        status: Status::parse(&status).ok_or_else(|| invalid(format!("unknown status {status:?}")))?,
        claimed_at: row.try_get(16)?,
        attempts: u32::try_from(attempts).map_err(|_| invalid(format!("attempts {attempts}")))?,
        sent_message_id: row.try_get::<_, Option<i64>>(18)?.map(discord_id),
        missed_reason: row.try_get(19)?,
    })
}

async fn load(client: &impl GenericClient, id: i64, lock: bool) -> PgResult<Option<Announcement>> {
    let sql = format!("SELECT {COLUMNS} FROM announcements WHERE id = $1{}", if lock { " FOR UPDATE" } else { "" });
    client.query_opt(&sql, &[&id]).await?.as_ref().map(read).transpose()
}

async fn query(
    client: &impl GenericClient,
    filter: &str,
    params: &[&(dyn tokio_postgres::types::ToSql + Sync)],
) -> PgResult<Vec<Announcement>> {
    let sql = format!("SELECT {COLUMNS} FROM announcements WHERE {filter} ORDER BY due_at, id");
    client.query(&sql, params).await?.iter().map(read).collect()
}

/// Inserts one occurrence; `series` is `None` for a series' first occurrence.
async fn insert(
    client: &impl GenericClient,
    new: &NewAnnouncement,
    anchor_at: DateTime<Utc>,
    series: Option<i64>,
    now: DateTime<Utc>,
) -> PgResult<Announcement> {
    let crate::store::Columns { text, entry, ping_role, ping_everyone } = crate::store::Columns::of(new);
    let ping_role = ping_role.map(sql_id);
    let id: i64 = client
        .query_one(
            "INSERT INTO announcements (series_id, guild_id, channel_id, text, entry_id, ping_role_id, ping_everyone, \
             due_at, anchor_at, timezone, repeat, publish, created_by, created_at, status) \
             VALUES (COALESCE($1::BIGINT, 0), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'scheduled') \
             RETURNING id",
            &[
                &series,
                &sql_id(new.guild_id),
                &sql_id(new.channel_id),
                &text,
                &entry,
                &ping_role,
                &ping_everyone,
                &millis(new.schedule.due_at),
                &millis(anchor_at),
                &new.schedule.timezone.name(),
                &new.repeat.as_str(),
                &new.publish,
                &sql_id(new.created_by),
                &millis(now),
            ],
        )
        .await?
        .try_get(0)?;
    if series.is_none() {
        client.execute("UPDATE announcements SET series_id = id WHERE id = $1", &[&id]).await?;
    }
    load(client, id, false).await?.ok_or(StoreError::NoSuchAnnouncement(id))
}

/// For a repeat, inserts the occurrence after `after` in the same series.
async fn schedule_next(
    client: &impl GenericClient,
    finished: &Announcement,
    after: DateTime<Utc>,
    now: DateTime<Utc>,
) -> PgResult<Option<Announcement>> {
    let Some(next) = next_occurrence(finished, after) else {
        return Ok(None);
    };
    insert(client, &next, finished.anchor_at, Some(finished.series_id), now).await.map(Some)
}

impl PgStore {
    pub async fn create_announcement(&self, new: &NewAnnouncement, now: DateTime<Utc>) -> PgResult<Announcement> {
        let mut client = self.client().await?;
        let transaction = client.transaction().await?;
        let created = insert(&*transaction, new, new.schedule.due_at, None, now).await?;
        let audit = NewAuditEntry {
            guild_id: new.guild_id,
            actor_id: new.created_by,
            action: AuditAction::AnnouncementCreated,
            details: describe(&created),
            at: now,
        };
        insert_audit(&*transaction, &audit).await?;
        transaction.commit().await?;
        Ok(created)
    }

    pub async fn announcement(&self, id: i64) -> PgResult<Option<Announcement>> {
        load(&**self.client().await?, id, false).await
    }

    pub async fn upcoming_announcements(&self, guild_id: u64) -> PgResult<Vec<Announcement>> {
        let client = self.client().await?;
        query(&**client, "guild_id = $1 AND status IN ('scheduled', 'sending')", &[&sql_id(guild_id)]).await
    }

    pub async fn pending_announcements(&self) -> PgResult<Vec<Announcement>> {
        query(&**self.client().await?, "status IN ('scheduled', 'sending')", &[]).await
    }

    pub async fn next_due_at(&self) -> PgResult<Option<DateTime<Utc>>> {
        let client = self.client().await?;
        let row = client.query_one("SELECT MIN(due_at) FROM announcements WHERE status = 'scheduled'", &[]).await?;
        Ok(row.try_get(0)?)
    }

    pub async fn cancel_announcement(
        &self,
        guild_id: u64,
        id: i64,
        by: u64,
        now: DateTime<Utc>,
    ) -> PgResult<CancelOutcome> {
        let mut client = self.client().await?;
        let transaction = client.transaction().await?;
        let Some(existing) = load(&*transaction, id, true).await?.filter(|a| a.guild_id == guild_id) else {
            return Ok(CancelOutcome::NotFound);
        };
        if existing.status != Status::Scheduled {
            return Ok(CancelOutcome::NotCancellable(existing.status));
        }
        transaction
            .execute(
                "UPDATE announcements SET status = 'cancelled', finished_at = $2 WHERE id = $1",
                &[&id, &millis(now)],
            )
            .await?;
        let cancelled = load(&*transaction, id, false).await?.ok_or(StoreError::NoSuchAnnouncement(id))?;
        let audit = NewAuditEntry {
            guild_id,
            actor_id: by,
            action: AuditAction::AnnouncementCancelled,
            details: describe(&cancelled),
            at: now,
        };
        insert_audit(&*transaction, &audit).await?;
        transaction.commit().await?;
        Ok(CancelOutcome::Cancelled(cancelled))
    }

    pub async fn claim_announcement(&self, id: i64, now: DateTime<Utc>) -> PgResult<Option<Announcement>> {
        // One statement, so the row lock is held only while it runs (see the module docs).
        let sql = format!(
            "UPDATE announcements SET status = 'sending', claimed_at = $2, attempts = attempts + 1 \
             WHERE id = (SELECT id FROM announcements WHERE id = $1 AND (status = 'scheduled' \
                 OR (status = 'sending' AND claimed_at <= $3 AND attempts < $4)) FOR UPDATE SKIP LOCKED) \
             RETURNING {COLUMNS}"
        );
        let lapsed = millis(now - announce::SENDING_LEASE);
        let max_attempts = announce::MAX_SEND_ATTEMPTS as i32;
        let client = self.client().await?;
        client.query_opt(&sql, &[&id, &millis(now), &lapsed, &max_attempts]).await?.as_ref().map(read).transpose()
    }

    pub async fn mark_sent(&self, id: i64, message_id: u64, now: DateTime<Utc>) -> PgResult<Option<Announcement>> {
        let mut client = self.client().await?;
        let transaction = client.transaction().await?;
        let existing = load(&*transaction, id, true).await?.ok_or(StoreError::NoSuchAnnouncement(id))?;
        if existing.status != Status::Sending {
            return Err(StoreError::WrongStatus { id, status: existing.status, expected: "sending" });
        }
        transaction
            .execute(
                "UPDATE announcements SET status = 'sent', sent_message_id = $2, finished_at = $3 WHERE id = $1",
                &[&id, &sql_id(message_id), &millis(now)],
            )
            .await?;
        let next = schedule_next(&*transaction, &existing, existing.due_at.max(now), now).await?;
        transaction.commit().await?;
        Ok(next)
    }

    pub async fn mark_missed(
        &self,
        id: i64,
        reason: &MissReason,
        now: DateTime<Utc>,
    ) -> PgResult<Option<Announcement>> {
        let mut client = self.client().await?;
        let transaction = client.transaction().await?;
        let existing = load(&*transaction, id, true).await?.ok_or(StoreError::NoSuchAnnouncement(id))?;
        if !matches!(existing.status, Status::Scheduled | Status::Sending) {
            return Err(StoreError::WrongStatus { id, status: existing.status, expected: "scheduled or sending" });
        }
        transaction
            .execute(
                "UPDATE announcements SET status = 'missed', missed_reason = $2, finished_at = $3 WHERE id = $1",
                &[&id, &reason.to_string(), &millis(now)],
            )
            .await?;
        let next = schedule_next(&*transaction, &existing, existing.due_at.max(now), now).await?;
        transaction.commit().await?;
        Ok(next)
    }
}
