//! Announcements in SQLite: rows, occurrences of a series, and the claim.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use super::{discord_id, from_ms, insert_audit, ms, sql_id, SqliteStore};
use crate::announce::{self, Announcement, Body, MissReason, NewAnnouncement, Ping, Repeat, Status};
use crate::app::announcements::CancelOutcome;
use crate::app::audit::{AuditAction, NewAuditEntry};
use crate::app::storage::StoreError;

const ANNOUNCEMENT_COLUMNS: &str = "id, series_id, guild_id, channel_id, text, entry_id, ping_role_id, ping_everyone, \
     due_at_ms, anchor_at_ms, timezone, repeat, publish, created_by, created_at_ms, status, claimed_at_ms, attempts, \
     sent_message_id, missed_reason";

/// An announcements row as SQLite gives it, before checking.
struct AnnouncementRow {
    id: i64,
    series_id: i64,
    guild_id: i64,
    channel_id: i64,
    text: Option<String>,
    entry_id: Option<String>,
    ping_role_id: Option<i64>,
    ping_everyone: bool,
    due_at_ms: i64,
    anchor_at_ms: i64,
    timezone: String,
    repeat: String,
    publish: bool,
    created_by: i64,
    created_at_ms: i64,
    status: String,
    claimed_at_ms: Option<i64>,
    attempts: i64,
    sent_message_id: Option<i64>,
    missed_reason: Option<String>,
}

impl AnnouncementRow {
    fn read(row: &Row<'_>) -> rusqlite::Result<AnnouncementRow> {
        Ok(AnnouncementRow {
            id: row.get(0)?,
            series_id: row.get(1)?,
            guild_id: row.get(2)?,
            channel_id: row.get(3)?,
            text: row.get(4)?,
            entry_id: row.get(5)?,
            ping_role_id: row.get(6)?,
            ping_everyone: row.get(7)?,
            due_at_ms: row.get(8)?,
            anchor_at_ms: row.get(9)?,
            timezone: row.get(10)?,
            repeat: row.get(11)?,
            publish: row.get(12)?,
            created_by: row.get(13)?,
            created_at_ms: row.get(14)?,
            status: row.get(15)?,
            claimed_at_ms: row.get(16)?,
            attempts: row.get(17)?,
            sent_message_id: row.get(18)?,
            missed_reason: row.get(19)?,
        })
    }

    fn check(self) -> Result<Announcement, StoreError> {
        const TABLE: &str = "announcements";
        let id = self.id;
        let invalid = |detail: String| StoreError::InvalidRow { table: TABLE, id, detail };
        let body = match (self.text, self.entry_id) {
            (Some(text), None) => Body::Text(text),
            (None, Some(entry)) => Body::Entry(entry),
            _ => return Err(invalid("needs exactly one of text and entry_id".into())),
        };
        let ping = match (self.ping_role_id, self.ping_everyone) {
            (None, false) => Ping::None,
            (Some(role), false) => Ping::Role(discord_id(role)),
            (None, true) => Ping::Everyone,
            (Some(_), true) => return Err(invalid("pings both a role and everyone".into())),
        };
        Ok(Announcement {
            id,
            series_id: self.series_id,
            guild_id: discord_id(self.guild_id),
            channel_id: discord_id(self.channel_id),
            body,
            ping,
            due_at: from_ms(TABLE, id, self.due_at_ms)?,
            anchor_at: from_ms(TABLE, id, self.anchor_at_ms)?,
            timezone: announce::parse_timezone(&self.timezone).map_err(|e| invalid(e.to_string()))?,
            repeat: Repeat::parse(&self.repeat).map_err(|e| invalid(e.to_string()))?,
            publish: self.publish,
            created_by: discord_id(self.created_by),
            created_at: from_ms(TABLE, id, self.created_at_ms)?,
            status: Status::parse(&self.status).ok_or_else(|| invalid(format!("unknown status {:?}", self.status)))?,
            claimed_at: self.claimed_at_ms.map(|at| from_ms(TABLE, id, at)).transpose()?,
            attempts: u32::try_from(self.attempts).map_err(|_| invalid(format!("attempts {}", self.attempts)))?,
            sent_message_id: self.sent_message_id.map(discord_id),
            missed_reason: self.missed_reason,
        })
    }
}

fn load_announcement(connection: &Connection, id: i64) -> Result<Option<Announcement>, StoreError> {
    let sql = format!("SELECT {ANNOUNCEMENT_COLUMNS} FROM announcements WHERE id = ?1");
    connection.query_row(&sql, [id], AnnouncementRow::read).optional()?.map(AnnouncementRow::check).transpose()
}

fn query_announcements(
    connection: &Connection,
    filter: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<Announcement>, StoreError> {
    let sql = format!("SELECT {ANNOUNCEMENT_COLUMNS} FROM announcements WHERE {filter} ORDER BY due_at_ms, id");
    let mut statement = connection.prepare_cached(&sql)?;
    let rows = statement.query_map(params, AnnouncementRow::read)?.collect::<Result<Vec<_>, _>>()?;
    rows.into_iter().map(AnnouncementRow::check).collect()
}

/// Inserts one occurrence; `series` is `None` for a series' first occurrence.
fn insert_announcement(
    transaction: &Transaction<'_>,
    new: &NewAnnouncement,
    due_at: DateTime<Utc>,
    anchor_at: DateTime<Utc>,
    series: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Announcement, StoreError> {
    let crate::store::Columns { text, entry, ping_role, ping_everyone } = crate::store::Columns::of(new);
    let ping_role = ping_role.map(sql_id);
    transaction.execute(
        "INSERT INTO announcements (series_id, guild_id, channel_id, text, entry_id, ping_role_id, ping_everyone, \
         due_at_ms, anchor_at_ms, timezone, repeat, publish, created_by, created_at_ms, status) \
         VALUES (COALESCE(?1, 0), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 'scheduled')",
        params![
            series,
            sql_id(new.guild_id),
            sql_id(new.channel_id),
            text,
            entry,
            ping_role,
            ping_everyone,
            ms(due_at),
            ms(anchor_at),
            new.schedule.timezone.name(),
            new.repeat.as_str(),
            new.publish,
            sql_id(new.created_by),
            ms(now),
        ],
    )?;
    let id = transaction.last_insert_rowid();
    if series.is_none() {
        transaction.execute("UPDATE announcements SET series_id = id WHERE id = ?1", [id])?;
    }
    load_announcement(transaction, id)?.ok_or(StoreError::NoSuchAnnouncement(id))
}

/// For a repeat, inserts the occurrence after `after` in the same series.
fn schedule_next(
    transaction: &Transaction<'_>,
    finished: &Announcement,
    after: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Option<Announcement>, StoreError> {
    let Some(next) = super::super::next_occurrence(finished, after) else {
        return Ok(None);
    };
    let due_at = next.schedule.due_at;
    insert_announcement(transaction, &next, due_at, finished.anchor_at, Some(finished.series_id), now).map(Some)
}

impl SqliteStore {
    pub fn create_announcement(&self, new: &NewAnnouncement, now: DateTime<Utc>) -> Result<Announcement, StoreError> {
        self.write(|transaction| {
            let due_at = new.schedule.due_at;
            let created = insert_announcement(transaction, new, due_at, due_at, None, now)?;
            insert_audit(
                transaction,
                &NewAuditEntry {
                    guild_id: new.guild_id,
                    actor_id: new.created_by,
                    action: AuditAction::AnnouncementCreated,
                    details: super::super::describe(&created),
                    at: now,
                },
            )?;
            Ok(created)
        })
    }

    pub fn announcement(&self, id: i64) -> Result<Option<Announcement>, StoreError> {
        load_announcement(&self.lock(), id)
    }

    pub fn upcoming_announcements(&self, guild_id: u64) -> Result<Vec<Announcement>, StoreError> {
        query_announcements(&self.lock(), "guild_id = ?1 AND status IN ('scheduled', 'sending')", [sql_id(guild_id)])
    }

    pub fn pending_announcements(&self) -> Result<Vec<Announcement>, StoreError> {
        query_announcements(&self.lock(), "status IN ('scheduled', 'sending')", [])
    }

    pub fn next_due_at(&self) -> Result<Option<DateTime<Utc>>, StoreError> {
        let next: Option<i64> = self.lock().query_row(
            "SELECT MIN(due_at_ms) FROM announcements WHERE status = 'scheduled'",
            [],
            |row| row.get(0),
        )?;
        next.map(|at| from_ms("announcements", 0, at)).transpose()
    }

    pub fn cancel_announcement(
        &self,
        guild_id: u64,
        id: i64,
        by: u64,
        now: DateTime<Utc>,
    ) -> Result<CancelOutcome, StoreError> {
        self.write(|transaction| {
            let Some(existing) = load_announcement(transaction, id)?.filter(|a| a.guild_id == guild_id) else {
                return Ok(CancelOutcome::NotFound);
            };
            let changed = transaction.execute(
                "UPDATE announcements SET status = 'cancelled', finished_at_ms = ?2 WHERE id = ?1 AND status = 'scheduled'",
                params![id, ms(now)],
            )?;
            if changed == 0 {
                return Ok(CancelOutcome::NotCancellable(existing.status));
            }
            let cancelled = load_announcement(transaction, id)?.ok_or(StoreError::NoSuchAnnouncement(id))?;
            insert_audit(
                transaction,
                &NewAuditEntry {
                    guild_id,
                    actor_id: by,
                    action: AuditAction::AnnouncementCancelled,
                    details: super::super::describe(&cancelled),
                    at: now,
                },
            )?;
            Ok(CancelOutcome::Cancelled(cancelled))
        })
    }

    pub fn claim_announcement(&self, id: i64, now: DateTime<Utc>) -> Result<Option<Announcement>, StoreError> {
        self.write(|transaction| {
            // The WHERE is the whole exactly-once guarantee: of two claimers, the second
            // finds the row no longer 'scheduled', or its claim no longer lapsed.
            let changed = transaction.execute(
                "UPDATE announcements SET status = 'sending', claimed_at_ms = ?2, attempts = attempts + 1 \
                 WHERE id = ?1 AND (status = 'scheduled' \
                     OR (status = 'sending' AND claimed_at_ms <= ?3 AND attempts < ?4))",
                params![id, ms(now), ms(now - crate::announce::SENDING_LEASE), crate::announce::MAX_SEND_ATTEMPTS],
            )?;
            if changed == 0 {
                return Ok(None);
            }
            load_announcement(transaction, id)
        })
    }

    pub fn mark_sent(&self, id: i64, message_id: u64, now: DateTime<Utc>) -> Result<Option<Announcement>, StoreError> {
        self.write(|transaction| {
            let existing = load_announcement(transaction, id)?.ok_or(StoreError::NoSuchAnnouncement(id))?;
            if existing.status != Status::Sending {
                return Err(StoreError::WrongStatus { id, status: existing.status, expected: "sending" });
            }
            transaction.execute(
                "UPDATE announcements SET status = 'sent', sent_message_id = ?2, finished_at_ms = ?3 WHERE id = ?1",
                params![id, sql_id(message_id), ms(now)],
            )?;
            schedule_next(transaction, &existing, existing.due_at.max(now), now)
        })
    }

    pub fn mark_missed(
        &self,
        id: i64,
        reason: &MissReason,
        now: DateTime<Utc>,
    ) -> Result<Option<Announcement>, StoreError> {
        self.write(|transaction| {
            let existing = load_announcement(transaction, id)?.ok_or(StoreError::NoSuchAnnouncement(id))?;
            if !matches!(existing.status, Status::Scheduled | Status::Sending) {
                return Err(StoreError::WrongStatus { id, status: existing.status, expected: "scheduled or sending" });
            }
            transaction.execute(
                "UPDATE announcements SET status = 'missed', missed_reason = ?2, finished_at_ms = ?3 WHERE id = ?1",
                params![id, reason.to_string(), ms(now)],
            )?;
            schedule_next(transaction, &existing, existing.due_at.max(now), now)
        })
    }
}
