//! Where the bot's memory lives: implementations of the application's storage traits
//! ([`crate::app::announcements::AnnouncementStore`], [`crate::app::audit::AuditLog`],
//! [`crate::app::usage::UsageStore`], [`crate::app::upkeep::VariantStore`]).
//!
//! [`SqliteStore`] is the embedded one. Its own methods are synchronous and short (one
//! small transaction each), for the command line and tests; its trait implementations run
//! them on tokio's blocking pool, since a commit waits for the disk. A server database
//! [`PgStore`] is the server one (several bot processes sharing one database); it
//! implements the same traits with the same semantics, and [`open_storage`] picks one.
//!
//! Every moderator action that changes state (creating or cancelling an
//! announcement, adding a variant) is written to the audit log *in the same
//! transaction*, so the log cannot miss one.

mod copy;
mod postgres;
mod sqlite;

pub use copy::{copy_sqlite_to_postgres, CopyError, CopyReport};
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

/// The storage `optout-bot run` serves with: PostgreSQL when `postgres` names one (the
/// configuration's choice, `DATABASE_URL` first; connected, migrated, its schema checked),
/// otherwise the SQLite file at `sqlite_path`. Also returns where it is, for the log (no
/// password in it).
pub async fn open_storage(
    postgres: Option<DatabaseUrl>,
    sqlite_path: &Path,
) -> anyhow::Result<(crate::app::Storage, String)> {
    match postgres {
        Some(url) => {
            let store = Arc::new(PgStore::open(&url).await?);
            let mut storage = crate::app::Storage::all(store.clone());
            storage.changes = Some(store);
            Ok((storage, url.to_string()))
        }
        None => Ok((open_sqlite_storage(sqlite_path).await?, sqlite_path.display().to_string())),
    }
}

/// An announcement's body and ping as the tables keep them, the same in both backends.
/// Ids stay `u64` here; each backend stores them bit for bit in its signed column.
pub(crate) struct Columns<'a> {
    pub text: Option<&'a str>,
    pub entry: Option<&'a str>,
    pub ping_role: Option<u64>,
    pub ping_everyone: bool,
}

impl<'a> Columns<'a> {
    pub(crate) fn of(new: &'a crate::announce::NewAnnouncement) -> Columns<'a> {
        use crate::announce::{Body, Ping};
        let (text, entry) = match &new.body {
            Body::Text(text) => (Some(text.as_str()), None),
            Body::Entry(entry) => (None, Some(entry.as_str())),
        };
        let (ping_role, ping_everyone) = match new.ping {
            Ping::None => (None, false),
            Ping::Role(role) => (Some(role), false),
            Ping::Everyone => (None, true),
        };
        Columns { text, entry, ping_role, ping_everyone }
    }
}

/// How an announcement is described in the audit log (the same words whichever backend).
pub(crate) fn describe(announcement: &crate::announce::Announcement) -> String {
    use crate::announce::{Body, Ping, Repeat};
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

/// For a repeat, its occurrence after `after` in the same series, as a new announcement
/// (due at its `schedule.due_at`); `None` for a one-off or a series that has ended.
pub(crate) fn next_occurrence(
    finished: &crate::announce::Announcement,
    after: chrono::DateTime<chrono::Utc>,
) -> Option<crate::announce::NewAnnouncement> {
    use crate::announce;
    let due_at = announce::next_occurrence(finished.anchor_at, finished.timezone, finished.repeat, after)?;
    Some(announce::NewAnnouncement {
        guild_id: finished.guild_id,
        channel_id: finished.channel_id,
        body: finished.body.clone(),
        ping: finished.ping,
        schedule: announce::Schedule { due_at, timezone: finished.timezone },
        repeat: finished.repeat,
        publish: finished.publish,
        created_by: finished.created_by,
    })
}
