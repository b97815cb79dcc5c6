//! `optout-bot db copy`: the bot's SQLite database into an empty PostgreSQL one.
//!
//! - Nothing is lost: every row of every table the bot keeps ([`TABLES`]) is copied
//!   with its id (an announcement's nonce is made from its id, a repeat's series id
//!   points at another row), its status, claim, attempts and sent message.
//! - Nothing is half-done: the target is migrated, then checked empty, filled and its
//!   identity sequences moved past the copied ids in *one* transaction; any failure
//!   (a non-empty table included) leaves it as it was.
//! - The source is read in one read transaction, a consistent snapshot. The bot should
//!   still be stopped first: what it writes after the snapshot is not copied.
//!
//! The two schemas mirror each other column for column (`migrations/` beside each
//! backend); the only differences are types: SQLite's `*_ms` integer times become
//! `TIMESTAMPTZ`, its 0/1 flags `BOOLEAN`, and ids (signed 64-bit in both) move bit for bit.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::Transaction;
use thiserror::Error;
use tokio_postgres::types::ToSql;

use super::postgres::describe;
use super::{DatabaseUrl, PgError, PgStore, SqliteStore};
use crate::app::storage::StoreError;

/// How a column's values are kept in SQLite and PostgreSQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A 64-bit integer in both: ids, Discord snowflakes.
    Int,
    /// A 64-bit integer in SQLite, a 32-bit `INTEGER` in PostgreSQL (`attempts`).
    Int4,
    Text,
    /// 0 or 1 in SQLite, `BOOLEAN` in PostgreSQL.
    Flag,
    /// `NAME_ms` (UTC milliseconds) in SQLite, `NAME TIMESTAMPTZ` in PostgreSQL.
    Time,
}

/// One table to copy: its name and columns (the PostgreSQL names; `id` first).
struct Table {
    name: &'static str,
    columns: &'static [(&'static str, Kind)],
}

use Kind::{Flag, Int, Int4, Text, Time};

/// Every table the bot keeps in both backends, in the order they are copied.
/// (`faq_reloads` is PostgreSQL's own, for telling other processes; SQLite has none.)
const TABLES: &[Table] = &[
    Table {
        name: "announcements",
        columns: &[
            ("id", Int),
            ("series_id", Int),
            ("guild_id", Int),
            ("channel_id", Int),
            ("text", Text),
            ("entry_id", Text),
            ("ping_role_id", Int),
            ("ping_everyone", Flag),
            ("due_at", Time),
            ("anchor_at", Time),
            ("timezone", Text),
            ("repeat", Text),
            ("publish", Flag),
            ("created_by", Int),
            ("created_at", Time),
            ("status", Text),
            ("claimed_at", Time),
            ("attempts", Int4),
            ("sent_message_id", Int),
            ("finished_at", Time),
            ("missed_reason", Text),
        ],
    },
    Table {
        name: "audit_log",
        columns: &[
            ("id", Int),
            ("guild_id", Int),
            ("actor_id", Int),
            ("at", Time),
            ("action", Text),
            ("details", Text),
        ],
    },
    Table {
        name: "answers",
        columns: &[
            ("id", Int),
            ("guild_id", Int),
            ("entry_id", Text),
            ("at", Time),
            ("user_id", Int),
            ("question", Text),
        ],
    },
    Table {
        name: "declined_questions",
        columns: &[("id", Int), ("guild_id", Int), ("user_id", Int), ("question", Text), ("at", Time)],
    },
    Table {
        name: "votes",
        columns: &[
            ("id", Int),
            ("guild_id", Int),
            ("message_id", Int),
            ("user_id", Int),
            ("entry_id", Text),
            ("helpful", Flag),
            ("question", Text),
            ("at", Time),
        ],
    },
    Table {
        name: "variants",
        columns: &[
            ("id", Int),
            ("entry_id", Text),
            ("text", Text),
            ("normalized", Text),
            ("guild_id", Int),
            ("added_by", Int),
            ("at", Time),
        ],
    },
];

/// Rows per INSERT statement: few round trips, far below PostgreSQL's 65535 parameters.
const ROWS_PER_INSERT: usize = 500;

/// Why a copy did not happen. No message contains a password: URLs are [`DatabaseUrl`]s.
#[derive(Debug, Error)]
pub enum CopyError {
    #[error("no SQLite database at {0} (give the bot's database file, e.g. data/optout-bot.db)")]
    NoSqlite(PathBuf),
    #[error("cannot read the SQLite database {path}: {cause}")]
    Sqlite { path: PathBuf, cause: String },
    #[error(transparent)]
    Postgres(#[from] PgError),
    #[error(
        "the PostgreSQL database at {url} is not empty: table {table} has {rows} row(s); \
         db copy only fills an empty database, and wrote nothing"
    )]
    NotEmpty { url: String, table: &'static str, rows: i64 },
    #[error("copying {table} into {url} failed, nothing was written: {cause}")]
    Write { url: String, table: &'static str, cause: String },
}

/// What was copied: each table with its number of rows, in copy order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyReport {
    pub tables: Vec<(&'static str, u64)>,
}

impl CopyReport {
    pub fn total(&self) -> u64 {
        self.tables.iter().map(|(_, rows)| rows).sum()
    }
}

/// One value read from SQLite, typed as its PostgreSQL column wants it.
#[derive(Debug)]
enum Cell {
    Int(Option<i64>),
    Int4(Option<i32>),
    Text(Option<String>),
    Flag(Option<bool>),
    Time(Option<DateTime<Utc>>),
}

impl Cell {
    fn as_sql(&self) -> &(dyn ToSql + Sync) {
        match self {
            Cell::Int(value) => value,
            Cell::Int4(value) => value,
            Cell::Text(value) => value,
            Cell::Flag(value) => value,
            Cell::Time(value) => value,
        }
    }
}

/// Copies the SQLite database at `sqlite` into the empty PostgreSQL database at
/// `postgres` (migrating it first), in one transaction. The SQLite file must exist;
/// opening it brings it to the current schema, as starting the bot would.
pub async fn copy_sqlite_to_postgres(sqlite: &Path, postgres: &DatabaseUrl) -> Result<CopyReport, CopyError> {
    if !sqlite.is_file() {
        return Err(CopyError::NoSqlite(sqlite.to_path_buf()));
    }
    // Migrates the target, or refuses a schema newer than this binary knows.
    drop(PgStore::open(postgres).await?);
    let source = || sqlite.to_path_buf();
    let store = SqliteStore::open(sqlite).map_err(|e| CopyError::Sqlite { path: source(), cause: e.to_string() })?;
    let rows: Vec<Vec<Vec<Cell>>> = store
        .snapshot(|transaction| TABLES.iter().map(|table| read_table(transaction, table)).collect())
        .map_err(|e: StoreError| CopyError::Sqlite { path: source(), cause: e.to_string() })?;
    drop(store);
    write_all(postgres, &rows).await
}

fn sqlite_column(name: &str, kind: Kind) -> String {
    match kind {
        Kind::Time => format!("{name}_ms"),
        _ => name.to_owned(),
    }
}

/// Every row of `table`, by id.
fn read_table(transaction: &Transaction<'_>, table: &Table) -> Result<Vec<Vec<Cell>>, StoreError> {
    let columns: Vec<String> = table.columns.iter().map(|&(name, kind)| sqlite_column(name, kind)).collect();
    let sql = format!("SELECT {} FROM {} ORDER BY id", columns.join(", "), table.name);
    let mut statement = transaction.prepare(&sql)?;
    let mut rows = statement.query([])?;
    let mut read = Vec::new();
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let invalid = |detail: String| StoreError::InvalidRow { table: table.name, id, detail };
        let mut cells = Vec::with_capacity(table.columns.len());
        for (index, &(name, kind)) in table.columns.iter().enumerate() {
            let cell = match kind {
                Kind::Int => Cell::Int(row.get(index)?),
                Kind::Text => Cell::Text(row.get(index)?),
                Kind::Int4 => Cell::Int4(
                    row.get::<_, Option<i64>>(index)?
                        .map(|value| i32::try_from(value).map_err(|_| invalid(format!("{name} {value} out of range"))))
                        .transpose()?,
                ),
                Kind::Flag => Cell::Flag(
                    row.get::<_, Option<i64>>(index)?
                        .map(|value| match value {
                            0 => Ok(false),
                            1 => Ok(true),
                            other => Err(invalid(format!("{name} is {other}, not 0 or 1"))),
                        })
                        .transpose()?,
                ),
                Kind::Time => Cell::Time(
                    row.get::<_, Option<i64>>(index)?
                        .map(|ms| {
                            DateTime::from_timestamp_millis(ms)
                                .ok_or_else(|| invalid(format!("{name} {ms} ms is out of range")))
                        })
                        .transpose()?,
                ),
            };
            cells.push(cell);
        }
        read.push(cells);
    }
    Ok(read)
}

/// The PostgreSQL half: one transaction that checks, fills, verifies and commits.
async fn write_all(url: &DatabaseUrl, rows: &[Vec<Vec<Cell>>]) -> Result<CopyReport, CopyError> {
    let mut client = url.connect().await?;
    let failed = |table: &'static str| {
        move |error: tokio_postgres::Error| CopyError::Write { url: url.to_string(), table, cause: describe(&error) }
    };
    let all = TABLES.iter().map(|t| t.name).collect::<Vec<_>>().join(", ");
    let transaction = client.transaction().await.map_err(failed("(all)"))?;
    // A bot already using this database waits until the copy is committed.
    transaction.batch_execute(&format!("LOCK TABLE {all} IN EXCLUSIVE MODE")).await.map_err(failed("(all)"))?;
    for table in TABLES {
        let sql = format!("SELECT COUNT(*) FROM {}", table.name);
        let count: i64 = transaction.query_one(&sql, &[]).await.map_err(failed(table.name))?.get(0);
        if count > 0 {
            return Err(CopyError::NotEmpty { url: url.to_string(), table: table.name, rows: count });
        }
    }
    let mut report = CopyReport { tables: Vec::new() };
    for (table, rows) in TABLES.iter().zip(rows) {
        let names: Vec<&str> = table.columns.iter().map(|&(name, _)| name).collect();
        for chunk in rows.chunks(ROWS_PER_INSERT) {
            let width = table.columns.len();
            let tuples: Vec<String> = (0..chunk.len())
                .map(|row| {
                    let placeholders: Vec<String> = (1..=width).map(|col| format!("${}", row * width + col)).collect();
                    format!("({})", placeholders.join(", "))
                })
                .collect();
            let sql = format!("INSERT INTO {} ({}) VALUES {}", table.name, names.join(", "), tuples.join(", "));
            let params: Vec<&(dyn ToSql + Sync)> = chunk.iter().flatten().map(Cell::as_sql).collect();
            transaction.execute(&sql, &params).await.map_err(failed(table.name))?;
        }
        let sql = format!("SELECT COUNT(*) FROM {}", table.name);
        let count: i64 = transaction.query_one(&sql, &[]).await.map_err(failed(table.name))?.get(0);
        if usize::try_from(count).ok() != Some(rows.len()) {
            let cause = format!("{count} row(s) arrived of {} read", rows.len());
            return Err(CopyError::Write { url: url.to_string(), table: table.name, cause });
        }
        report.tables.push((table.name, rows.len() as u64));
    }
    // New rows continue after the copied ids instead of colliding with them. Last, since
    // sequences are not transactional: a copy that failed before here moved none.
    for table in TABLES {
        let reset = format!(
            "SELECT setval(pg_get_serial_sequence('{0}', 'id'), MAX(id)) FROM {0} HAVING COUNT(*) > 0",
            table.name
        );
        transaction.execute(&reset, &[]).await.map_err(failed(table.name))?;
    }
    transaction.commit().await.map_err(failed("(commit)"))?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A migration adding a column to SQLite must add it here too, or the copy would drop it.
    #[test]
    fn every_sqlite_table_and_column_is_copied() {
        let store = SqliteStore::open_in_memory().unwrap();
        let schema = store
            .snapshot(|transaction| {
                let mut tables = transaction.prepare(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
                )?;
                let names: Vec<String> = tables.query_map([], |row| row.get(0))?.collect::<Result<_, _>>()?;
                let mut schema = Vec::new();
                for name in names {
                    let mut info = transaction.prepare(&format!("SELECT name FROM pragma_table_info('{name}')"))?;
                    let mut columns: Vec<String> = info.query_map([], |row| row.get(0))?.collect::<Result<_, _>>()?;
                    columns.sort();
                    schema.push((name, columns));
                }
                Ok(schema)
            })
            .unwrap();
        let mut copied: Vec<(String, Vec<String>)> = TABLES
            .iter()
            .map(|table| {
                let mut columns: Vec<String> =
                    table.columns.iter().map(|&(name, kind)| sqlite_column(name, kind)).collect();
                columns.sort();
                (table.name.to_owned(), columns)
            })
            .collect();
        copied.sort();
        assert_eq!(copied, schema);
        assert!(TABLES.iter().all(|table| table.columns[0] == ("id", Int)), "id comes first");
    }

    #[test]
    fn a_missing_sqlite_file_is_an_error_and_is_not_created() {
        let dir = std::env::temp_dir().join(format!("optout-copy-{}", std::process::id()));
        let path = dir.join("nothing-here.db");
        let url = DatabaseUrl::parse("postgres://bot:hunter2@127.0.0.1:1/db").unwrap();
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let error = runtime.block_on(copy_sqlite_to_postgres(&path, &url)).unwrap_err();
        assert!(matches!(error, CopyError::NoSqlite(_)), "{error}");
        assert!(!path.exists() && !dir.exists(), "no file or directory created");
    }
}
