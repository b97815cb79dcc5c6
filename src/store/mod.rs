//! Where the bot's memory lives: implementations of the application's storage traits
//! ([`crate::app::announcements::AnnouncementStore`], [`crate::app::audit::AuditLog`],
//! [`crate::app::usage::UsageStore`], [`crate::app::upkeep::VariantStore`]).
//!
//! [`SqliteStore`] is the embedded one. Its own methods are synchronous and short (one
//! small transaction each), for the command line and tests; its trait implementations run
//! them on tokio's blocking pool, since a commit waits for the disk. A server database
//! (for several bot processes sharing state) implements the same traits.
//!
//! Every moderator action that changes state (creating or cancelling an
//! announcement, adding a variant) is written to the audit log *in the same
//! transaction*, so the log cannot miss one.

mod postgres;
mod sqlite;

pub use postgres::{DatabaseUrl, PgError, PgStore, DATABASE_URL_ENV, LATEST_VERSION as POSTGRES_SCHEMA_VERSION};
pub use sqlite::{SqliteStore, DEFAULT_DB_PATH};

use std::path::Path;
use std::sync::Arc;

use anyhow::Context as _;

/// The SQLite database at `path` (created on first run) keeping every storage concern, as
/// `optout-bot run` serves with it; opened on the blocking pool, since opening may create
/// the file and migrate it.
pub async fn open_sqlite_storage(path: &Path) -> anyhow::Result<crate::app::Storage> {
    let opened = {
        let path = path.to_path_buf();
        tokio::task::spawn_blocking(move || SqliteStore::open(&path)).await?
    };
    let store = opened.with_context(|| format!("cannot open the database {}", path.display()))?;
    Ok(crate::app::Storage::all(Arc::new(store)))
}
