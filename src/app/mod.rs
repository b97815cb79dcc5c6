//! The application layer: the bot's use-cases, each given its dependencies (the knowledge,
//! the storage traits, a [`crate::clock::Clock`], a port to Discord) rather than reaching
//! for them. Nothing here knows serenity or SQL.
//!
//! - [`storage`]: the error every storage trait returns.
//! - [`announcements`]: announcements as stored ([`announcements::AnnouncementStore`]).
//! - [`dispatch`]: the scheduler's step: claim, post once, record, report misses.
//! - [`audit`]: the moderator audit log ([`audit::AuditLog`]).
//! - [`usage`]: answers, declines and votes ([`usage::UsageStore`]).
//! - [`upkeep`]: variants added from Discord ([`upkeep::VariantStore`]).

pub mod announcements;
pub mod audit;
pub mod dispatch;
pub mod storage;
pub mod upkeep;
pub mod usage;

use std::sync::Arc;

use announcements::AnnouncementStore;
use audit::AuditLog;
use upkeep::VariantStore;
use usage::UsageStore;

/// Every storage concern, each behind its own trait (one backend usually implements them all).
#[derive(Clone)]
pub struct Storage {
    pub announcements: Arc<dyn AnnouncementStore>,
    pub audit: Arc<dyn AuditLog>,
    pub usage: Arc<dyn UsageStore>,
    pub variants: Arc<dyn VariantStore>,
}

impl Storage {
    /// All four concerns kept by one backend.
    pub fn all<S>(store: Arc<S>) -> Storage
    where
        S: AnnouncementStore + AuditLog + UsageStore + VariantStore + 'static,
    {
        Storage { announcements: store.clone(), audit: store.clone(), usage: store.clone(), variants: store }
    }
}
