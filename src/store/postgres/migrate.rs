//! Numbered migrations (`migrations/NN-name/up.sql`, built into the binary), applied
//! in order inside one transaction. `schema_migrations` records each applied version.

use include_dir::{include_dir, Dir};
use tokio_postgres::{Client, GenericClient};

use super::{describe, DatabaseUrl, PgError};

static MIGRATIONS_DIR: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/src/store/postgres/migrations");

/// The advisory-lock key migrations hold: processes starting together queue on it
/// instead of applying the same migration twice. Any fixed number works; this one
/// spells "optout" in ASCII.
const MIGRATION_LOCK: i64 = 0x6f70_746f_7574;

/// The newest schema this binary knows.
pub const LATEST_VERSION: i32 = 3;

/// One migration: its number, name and SQL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Migration {
    pub version: i32,
    pub name: String,
    pub sql: &'static str,
}

/// Every migration, in order; numbering is checked (1, 2, 3, … with no gap).
pub(super) fn migrations() -> Vec<Migration> {
    let mut found: Vec<Migration> = MIGRATIONS_DIR
        .dirs()
        .filter_map(|dir| {
            let name = dir.path().file_name()?.to_str()?.to_owned();
            let version = name.split_once('-')?.0.parse().ok()?;
            let sql = dir.get_file(dir.path().join("up.sql"))?.contents_utf8()?;
            Some(Migration { version, name, sql })
        })
        .collect();
    found.sort_by_key(|m| m.version);
    found
}

pub(super) async fn current_version(client: &impl GenericClient) -> Result<i32, tokio_postgres::Error> {
    let exists: bool = client.query_one("SELECT to_regclass('schema_migrations') IS NOT NULL", &[]).await?.get(0);
    if !exists {
        return Ok(0);
    }
    let row = client.query_one("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", &[]).await?;
    Ok(row.get(0))
}

/// Brings the database to [`LATEST_VERSION`], or refuses a newer one.
pub(super) async fn to_latest(client: &mut Client, url: &DatabaseUrl) -> Result<(), PgError> {
    let failed = |error: tokio_postgres::Error| PgError::Migrate { url: url.to_string(), cause: describe(&error) };
    let transaction = client.transaction().await.map_err(failed)?;
    transaction.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK]).await.map_err(failed)?;
    transaction
        .batch_execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                 version    INTEGER PRIMARY KEY,
                 name       TEXT NOT NULL,
                 applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
             )",
        )
        .await
        .map_err(failed)?;
    let current = current_version(&transaction).await.map_err(failed)?;
    if current > LATEST_VERSION {
        return Err(PgError::SchemaTooNew { url: url.to_string(), found: current, known: LATEST_VERSION });
    }
    for migration in migrations().into_iter().filter(|m| m.version > current) {
        transaction.batch_execute(migration.sql).await.map_err(|error| PgError::Migrate {
            url: url.to_string(),
            cause: format!("{}: {}", migration.name, describe(&error)),
        })?;
        transaction
            .execute(
                "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                &[&migration.version, &migration.name],
            )
            .await
            .map_err(failed)?;
        tracing::info!(version = migration.version, name = %migration.name, "database migrated");
    }
    transaction.commit().await.map_err(failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_without_gaps_up_to_the_latest() {
        let versions: Vec<i32> = migrations().iter().map(|m| m.version).collect();
        assert_eq!(versions, (1..=LATEST_VERSION).collect::<Vec<_>>(), "migrations must be 01, 02, … with no gap");
    }

    #[test]
    fn migrations_mirror_sqlite_where_sqlite_has_one() {
        let sqlite: Vec<String> = include_dir!("$CARGO_MANIFEST_DIR/src/store/migrations")
            .dirs()
            .filter_map(|d| d.path().file_name()?.to_str().map(str::to_owned))
            .collect();
        let postgres: Vec<String> = migrations().into_iter().map(|m| m.name).collect();
        for name in &sqlite {
            assert!(postgres.contains(name), "SQLite migration {name} has no PostgreSQL twin");
        }
    }
}
