//! The embedded [`Store`]: one SQLite file, created on first run.
//!
//! Durability choices:
//! - WAL journal: readers never block the writer, and a crash at any moment
//!   leaves the file consistent (an unfinished transaction is simply not there).
//! - `synchronous = FULL`: a commit returns only once it is on disk, so a
//!   claim or a "sent" mark survives even a power cut. `NORMAL` would also
//!   survive the bot being killed, but could roll back the last commits on
//!   power loss, and a rolled-back "sent" means a second post. The bot writes
//!   a handful of rows a minute; the extra fsync costs nothing noticeable.
//! - Write transactions start `IMMEDIATE`, taking the write lock up front, so
//!   two writers queue on the busy timeout instead of failing half-way.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration as StdDuration;

use chrono::{DateTime, Utc};
use include_dir::{include_dir, Dir};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction, TransactionBehavior};
use rusqlite_migration::Migrations;

use super::{
    Activity, Answered, AuditAction, AuditEntry, CancelOutcome, DeclinedQuestion, NewAuditEntry, NewVariant,
    ReviewQuestion, Store, StoreError, StoredVariant, Vote,
};
use crate::announce::{self, Announcement, Body, MissReason, NewAnnouncement, Ping, Repeat, Status};
use crate::text;

/// Where the database lives unless the config says otherwise (relative to the working directory).
pub const DEFAULT_DB_PATH: &str = "data/optout-bot.db";

/// How long a writer waits for another connection's write lock before giving
/// up. Transactions here take milliseconds; five seconds only runs out when
/// something is badly wrong, and then an error beats hanging.
const BUSY_TIMEOUT: StdDuration = StdDuration::from_secs(5);

static MIGRATIONS_DIR: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/src/store/migrations");

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> StoreError {
        StoreError::Backend(Box::new(error))
    }
}

/// The embedded store.
#[derive(Debug)]
pub struct SqliteStore {
    connection: Mutex<Connection>,
    path: Option<PathBuf>,
}

impl SqliteStore {
    /// Opens the database at `path`, creating it (and its directory) on first
    /// run and migrating it to the current schema.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir { path: dir.to_path_buf(), source })?;
        }
        let connection = Connection::open(path)?;
        SqliteStore::prepare(connection, Some(path.to_path_buf()))
    }

    /// A private database in memory, for tests and dry runs.
    pub fn open_in_memory() -> Result<SqliteStore, StoreError> {
        SqliteStore::prepare(Connection::open_in_memory()?, None)
    }

    fn prepare(mut connection: Connection, path: Option<PathBuf>) -> Result<SqliteStore, StoreError> {
        connection.busy_timeout(BUSY_TIMEOUT)?;
        // journal_mode answers with the mode now in force; in memory it stays "memory".
        let _mode: String = connection.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
        connection.pragma_update(None, "synchronous", "FULL")?;
        connection.pragma_update(None, "foreign_keys", "ON")?;
        let migrations = Migrations::from_directory(&MIGRATIONS_DIR).map_err(|e| StoreError::Migrate(e.to_string()))?;
        migrations.to_latest(&mut connection).map_err(|e| StoreError::Migrate(e.to_string()))?;
        Ok(SqliteStore { connection: Mutex::new(connection), path })
    }

    /// The file this store writes, `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave a transaction half-applied
        // (an unfinished one rolls back on drop), so the connection is still good.
        self.connection.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn write<T>(&self, work: impl FnOnce(&Transaction<'_>) -> Result<T, StoreError>) -> Result<T, StoreError> {
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = work(&transaction)?;
        transaction.commit()?;
        Ok(value)
    }
}

fn ms(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

fn from_ms(table: &'static str, id: i64, value: i64) -> Result<DateTime<Utc>, StoreError> {
    DateTime::from_timestamp_millis(value).ok_or_else(|| StoreError::InvalidRow {
        table,
        id,
        detail: format!("time {value} out of range"),
    })
}

/// Discord ids are u64; SQLite integers are i64. The cast keeps every bit both ways.
fn sql_id(id: u64) -> i64 {
    id as i64
}

fn discord_id(value: i64) -> u64 {
    value as u64
}

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
    let (text, entry) = match &new.body {
        Body::Text(text) => (Some(text.as_str()), None),
        Body::Entry(entry) => (None, Some(entry.as_str())),
    };
    let (ping_role, ping_everyone) = match new.ping {
        Ping::None => (None, false),
        Ping::Role(role) => (Some(sql_id(role)), false),
        Ping::Everyone => (None, true),
    };
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
    let Some(due_at) = announce::next_occurrence(finished.anchor_at, finished.timezone, finished.repeat, after) else {
        return Ok(None);
    };
    let next = NewAnnouncement {
        guild_id: finished.guild_id,
        channel_id: finished.channel_id,
        body: finished.body.clone(),
        ping: finished.ping,
        schedule: announce::Schedule { due_at, timezone: finished.timezone },
        repeat: finished.repeat,
        publish: finished.publish,
        created_by: finished.created_by,
    };
    insert_announcement(transaction, &next, due_at, finished.anchor_at, Some(finished.series_id), now).map(Some)
}

fn insert_audit(transaction: &Transaction<'_>, entry: &NewAuditEntry) -> Result<(), StoreError> {
    transaction.execute(
        "INSERT INTO audit_log (guild_id, actor_id, at_ms, action, details) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![sql_id(entry.guild_id), sql_id(entry.actor_id), ms(entry.at), entry.action.as_str(), entry.details],
    )?;
    Ok(())
}

fn describe(announcement: &Announcement) -> String {
    let what = match &announcement.body {
        Body::Text(text) => format!("text of {} characters", text.chars().count()),
        Body::Entry(entry) => format!("entry {entry}"),
    };
    let ping = match announcement.ping {
        Ping::None => String::new(),
        Ping::Role(role) => format!(", pinging <@&{role}>"),
        Ping::Everyone => ", pinging @everyone".to_owned(),
    };
    let repeat = match announcement.repeat {
        Repeat::None => String::new(),
        repeat => format!(", repeating {repeat}"),
    };
    format!(
        "announcement {} in <#{}> at {} ({}): {what}{ping}{repeat}{}",
        announcement.id,
        announcement.channel_id,
        announcement.due_at.format("%Y-%m-%d %H:%M:%S UTC"),
        announcement.timezone.name(),
        if announcement.publish { ", published" } else { "" },
    )
}

impl Store for SqliteStore {
    fn create_announcement(&self, new: &NewAnnouncement, now: DateTime<Utc>) -> Result<Announcement, StoreError> {
        self.write(|transaction| {
            let due_at = new.schedule.due_at;
            let created = insert_announcement(transaction, new, due_at, due_at, None, now)?;
            insert_audit(
                transaction,
                &NewAuditEntry {
                    guild_id: new.guild_id,
                    actor_id: new.created_by,
                    action: AuditAction::AnnouncementCreated,
                    details: describe(&created),
                    at: now,
                },
            )?;
            Ok(created)
        })
    }

    fn announcement(&self, id: i64) -> Result<Option<Announcement>, StoreError> {
        load_announcement(&self.lock(), id)
    }

    fn upcoming_announcements(&self, guild_id: u64) -> Result<Vec<Announcement>, StoreError> {
        query_announcements(&self.lock(), "guild_id = ?1 AND status IN ('scheduled', 'sending')", [sql_id(guild_id)])
    }

    fn pending_announcements(&self) -> Result<Vec<Announcement>, StoreError> {
        query_announcements(&self.lock(), "status IN ('scheduled', 'sending')", [])
    }

    fn next_due_at(&self) -> Result<Option<DateTime<Utc>>, StoreError> {
        let next: Option<i64> = self.lock().query_row(
            "SELECT MIN(due_at_ms) FROM announcements WHERE status = 'scheduled'",
            [],
            |row| row.get(0),
        )?;
        next.map(|at| from_ms("announcements", 0, at)).transpose()
    }

    fn cancel_announcement(
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
                    details: describe(&cancelled),
                    at: now,
                },
            )?;
            Ok(CancelOutcome::Cancelled(cancelled))
        })
    }

    fn claim_announcement(&self, id: i64, now: DateTime<Utc>) -> Result<Option<Announcement>, StoreError> {
        self.write(|transaction| {
            // The WHERE on status is the whole exactly-once guarantee: of two
            // claimers, the second finds the row no longer 'scheduled'.
            let changed = transaction.execute(
                "UPDATE announcements SET status = 'sending', claimed_at_ms = ?2, attempts = attempts + 1 \
                 WHERE id = ?1 AND status = 'scheduled'",
                params![id, ms(now)],
            )?;
            if changed == 0 {
                return Ok(None);
            }
            load_announcement(transaction, id)
        })
    }

    fn mark_sent(&self, id: i64, message_id: u64, now: DateTime<Utc>) -> Result<Option<Announcement>, StoreError> {
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

    fn mark_missed(
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

    fn record_audit(&self, entry: &NewAuditEntry) -> Result<(), StoreError> {
        self.write(|transaction| insert_audit(transaction, entry))
    }

    fn audit_log(&self, guild_id: u64, limit: usize) -> Result<Vec<AuditEntry>, StoreError> {
        let connection = self.lock();
        let mut statement = connection.prepare_cached(
            "SELECT id, guild_id, actor_id, at_ms, action, details FROM audit_log WHERE guild_id = ?1 \
             ORDER BY at_ms DESC, id DESC LIMIT ?2",
        )?;
        let rows = statement
            .query_map(params![sql_id(guild_id), i64::try_from(limit).unwrap_or(i64::MAX)], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, i64>(1)?,
                    row.get::<_, i64>(2)?,
                    row.get::<_, i64>(3)?,
                    row.get::<_, String>(4)?,
                    row.get::<_, String>(5)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(id, guild, actor, at, action, details)| {
                Ok(AuditEntry {
                    id,
                    guild_id: discord_id(guild),
                    actor_id: discord_id(actor),
                    action: AuditAction::parse(&action).ok_or_else(|| StoreError::InvalidRow {
                        table: "audit_log",
                        id,
                        detail: format!("unknown action {action:?}"),
                    })?,
                    details,
                    at: from_ms("audit_log", id, at)?,
                })
            })
            .collect()
    }

    fn record_answer(&self, answer: &Answered) -> Result<(), StoreError> {
        let (user_id, question) = match &answer.asked {
            Some((user, question)) => (Some(sql_id(*user)), Some(question.as_str())),
            None => (None, None),
        };
        self.write(|transaction| {
            transaction.execute(
                "INSERT INTO answers (guild_id, entry_id, at_ms, user_id, question) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![sql_id(answer.guild_id), answer.entry_id, ms(answer.at), user_id, question],
            )?;
            Ok(())
        })
    }

    fn last_question(&self, user_id: u64, entry_id: &str) -> Result<Option<String>, StoreError> {
        let question = self
            .lock()
            .query_row(
                "SELECT question FROM answers WHERE user_id = ?1 AND entry_id = ?2 AND question IS NOT NULL
                 ORDER BY at_ms DESC, id DESC LIMIT 1",
                params![sql_id(user_id), entry_id],
                |row| row.get(0),
            )
            .optional()?;
        Ok(question)
    }

    fn record_declined(&self, question: &DeclinedQuestion) -> Result<(), StoreError> {
        self.write(|transaction| {
            transaction.execute(
                "INSERT INTO declined_questions (guild_id, user_id, question, at_ms) VALUES (?1, ?2, ?3, ?4)",
                params![sql_id(question.guild_id), sql_id(question.user_id), question.question, ms(question.at)],
            )?;
            Ok(())
        })
    }

    fn record_vote(&self, vote: &Vote) -> Result<(), StoreError> {
        self.write(|transaction| {
            transaction.execute(
                "INSERT INTO votes (guild_id, message_id, user_id, entry_id, helpful, question, at_ms) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) \
                 ON CONFLICT (message_id, user_id) DO UPDATE SET helpful = excluded.helpful, at_ms = excluded.at_ms",
                params![
                    sql_id(vote.guild_id),
                    sql_id(vote.message_id),
                    sql_id(vote.user_id),
                    vote.entry_id,
                    vote.helpful,
                    vote.question,
                    ms(vote.at),
                ],
            )?;
            Ok(())
        })
    }

    fn activity(&self, guild_id: u64, since: DateTime<Utc>) -> Result<Activity, StoreError> {
        let connection = self.lock();
        let guild = sql_id(guild_id);
        let since = ms(since);
        let mut statement = connection.prepare_cached(
            "SELECT entry_id, COUNT(*) AS n FROM answers WHERE guild_id = ?1 AND at_ms >= ?2 \
             GROUP BY entry_id ORDER BY n DESC, entry_id",
        )?;
        let answers_by_entry = statement
            .query_map(params![guild, since], |row| Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)? as u64)))?
            .collect::<Result<Vec<_>, _>>()?;
        let declined: i64 = connection.query_row(
            "SELECT COUNT(*) FROM declined_questions WHERE guild_id = ?1 AND at_ms >= ?2",
            params![guild, since],
            |row| row.get(0),
        )?;
        let (helpful, not_helpful): (i64, i64) = connection.query_row(
            "SELECT COALESCE(SUM(helpful), 0), COALESCE(SUM(1 - helpful), 0) FROM votes WHERE guild_id = ?1 AND at_ms >= ?2",
            params![guild, since],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        Ok(Activity {
            answered: answers_by_entry.iter().map(|(_, n)| n).sum(),
            answers_by_entry,
            declined: declined as u64,
            helpful: helpful as u64,
            not_helpful: not_helpful as u64,
        })
    }

    fn review_questions(&self, guild_id: u64, since: DateTime<Utc>) -> Result<Vec<ReviewQuestion>, StoreError> {
        let connection = self.lock();
        let mut statement = connection.prepare_cached(
            "SELECT question, at_ms, NULL FROM declined_questions WHERE guild_id = ?1 AND at_ms >= ?2 \
             UNION ALL \
             SELECT question, at_ms, entry_id FROM votes \
             WHERE guild_id = ?1 AND at_ms >= ?2 AND helpful = 0 AND question IS NOT NULL \
             ORDER BY at_ms DESC",
        )?;
        let rows = statement
            .query_map(params![sql_id(guild_id), ms(since)], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?, row.get::<_, Option<String>>(2)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(question, at, not_helpful_entry)| {
                Ok(ReviewQuestion { question, at: from_ms("declined_questions", 0, at)?, not_helpful_entry })
            })
            .collect()
    }

    fn add_variant(&self, variant: &NewVariant) -> Result<bool, StoreError> {
        let normalized = text::normalize(&variant.text);
        self.write(|transaction| {
            let inserted = transaction.execute(
                "INSERT INTO variants (entry_id, text, normalized, guild_id, added_by, at_ms) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (entry_id, normalized) DO NOTHING",
                params![
                    variant.entry_id,
                    variant.text.trim(),
                    normalized,
                    sql_id(variant.guild_id),
                    sql_id(variant.added_by),
                    ms(variant.at),
                ],
            )?;
            if inserted == 0 {
                return Ok(false);
            }
            insert_audit(
                transaction,
                &NewAuditEntry {
                    guild_id: variant.guild_id,
                    actor_id: variant.added_by,
                    action: AuditAction::VariantAdded,
                    details: format!("{:?} added to entry {}", variant.text.trim(), variant.entry_id),
                    at: variant.at,
                },
            )?;
            Ok(true)
        })
    }

    fn variants(&self) -> Result<Vec<StoredVariant>, StoreError> {
        let connection = self.lock();
        let mut statement = connection
            .prepare_cached("SELECT id, entry_id, text, guild_id, added_by, at_ms FROM variants ORDER BY at_ms, id")?;
        let rows = statement
            .query_map([], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, i64>(3)?,
                    row.get::<_, i64>(4)?,
                    row.get::<_, i64>(5)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(id, entry_id, text, guild, added_by, at)| {
                Ok(StoredVariant {
                    id,
                    entry_id,
                    text,
                    guild_id: discord_id(guild),
                    added_by: discord_id(added_by),
                    at: from_ms("variants", id, at)?,
                })
            })
            .collect()
    }

    fn vote_tally(&self, entry_id: &str) -> Result<(u64, u64), StoreError> {
        let connection = self.lock();
        let (helpful, not_helpful): (i64, i64) = connection.query_row(
            "SELECT COALESCE(SUM(helpful), 0), COALESCE(SUM(1 - helpful), 0) FROM votes WHERE entry_id = ?1",
            params![entry_id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        Ok((helpful as u64, not_helpful as u64))
    }
}
