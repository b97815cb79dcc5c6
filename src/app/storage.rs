//! What every storage trait returns on failure. The traits themselves sit beside the
//! use-cases that need them ([`super::announcements::AnnouncementStore`],
//! [`super::audit::AuditLog`], [`super::usage::UsageStore`], [`super::upkeep::VariantStore`]);
//! [`crate::store`] implements them all.
//!
//! The traits are async (`async_trait`, so they stay object-safe behind `Arc<dyn ..>`):
//! a pooled async driver implements them directly, and the embedded SQLite store runs its
//! short blocking transactions on tokio's blocking pool, so no caller ever blocks a
//! runtime thread on a commit's fsync.

use std::path::PathBuf;

use thiserror::Error;

use crate::announce::Status;

/// Why the store could not do something.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("cannot create the database directory {path}: {source}")]
    CreateDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot bring the database to the current schema: {0}")]
    Migrate(String),
    #[error("{table} row {id} is invalid: {detail}")]
    InvalidRow { table: &'static str, id: i64, detail: String },
    #[error("announcement {id} is {status}, not {expected}")]
    WrongStatus { id: i64, status: Status, expected: &'static str },
    #[error("no announcement {0}")]
    NoSuchAnnouncement(i64),
    #[error("database error: {0}")]
    Backend(#[source] Box<dyn std::error::Error + Send + Sync>),
}
