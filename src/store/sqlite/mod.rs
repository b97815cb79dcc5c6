//! The embedded store: one SQLite file, created on first run.
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
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration as StdDuration;

use chrono::{DateTime, Utc};
use include_dir::{include_dir, Dir};
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use rusqlite_migration::Migrations;

use crate::app::audit::{AuditAction, AuditEntry, NewAuditEntry};
use crate::app::storage::StoreError;
use crate::app::upkeep::{NewVariant, StoredVariant};
use crate::app::usage::{Activity, Answered, DeclinedQuestion, ReviewQuestion, Vote};
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

/// The embedded store. Clones share one connection.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    connection: Arc<Mutex<Connection>>,
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
        Ok(SqliteStore { connection: Arc::new(Mutex::new(connection)), path })
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

    /// Runs `work` in one read transaction: a consistent snapshot even while the bot
    /// writes (`db copy` reads every table through this).
    pub(crate) fn snapshot<T>(
        &self,
        work: impl FnOnce(&Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut connection = self.lock();
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Deferred)?;
        work(&transaction)
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

fn insert_audit(transaction: &Transaction<'_>, entry: &NewAuditEntry) -> Result<(), StoreError> {
    transaction.execute(
        "INSERT INTO audit_log (guild_id, actor_id, at_ms, action, details) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![sql_id(entry.guild_id), sql_id(entry.actor_id), ms(entry.at), entry.action.as_str(), entry.details],
    )?;
    Ok(())
}

/// The store's own API: synchronous, one short transaction a call (announcements: [`announcements`]).
impl SqliteStore {
    pub fn record_audit(&self, entry: &NewAuditEntry) -> Result<(), StoreError> {
        self.write(|transaction| insert_audit(transaction, entry))
    }

    pub fn audit_log(&self, guild_id: u64, limit: usize) -> Result<Vec<AuditEntry>, StoreError> {
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

    pub fn record_answer(&self, answer: &Answered) -> Result<(), StoreError> {
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

    pub fn last_question(&self, user_id: u64, entry_id: &str) -> Result<Option<String>, StoreError> {
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

    pub fn record_declined(&self, question: &DeclinedQuestion) -> Result<(), StoreError> {
        self.write(|transaction| {
            transaction.execute(
                "INSERT INTO declined_questions (guild_id, user_id, question, at_ms) VALUES (?1, ?2, ?3, ?4)",
                params![sql_id(question.guild_id), sql_id(question.user_id), question.question, ms(question.at)],
            )?;
            Ok(())
        })
    }

    pub fn record_vote(&self, vote: &Vote) -> Result<(), StoreError> {
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

    pub fn activity(&self, guild_id: u64, since: DateTime<Utc>) -> Result<Activity, StoreError> {
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

    pub fn review_questions(&self, guild_id: u64, since: DateTime<Utc>) -> Result<Vec<ReviewQuestion>, StoreError> {
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

    pub fn add_variant(&self, variant: &NewVariant) -> Result<bool, StoreError> {
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

    pub fn variants(&self) -> Result<Vec<StoredVariant>, StoreError> {
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

    pub fn vote_tally(&self, entry_id: &str) -> Result<(u64, u64), StoreError> {
        let connection = self.lock();
        let (helpful, not_helpful): (i64, i64) = connection.query_row(
            "SELECT COALESCE(SUM(helpful), 0), COALESCE(SUM(1 - helpful), 0) FROM votes WHERE entry_id = ?1",
            params![entry_id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        Ok((helpful as u64, not_helpful as u64))
    }
}

mod announcements;
mod traits;
