//! The moderator audit log: what is kept ([`AuditLog`]) and its entries.

use std::fmt;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::storage::StoreError;

/// What a moderator did, for the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    AnnouncementCreated,
    AnnouncementCancelled,
    VariantAdded,
    FaqReloaded,
    /// The scheduler did not send an announcement (too late, uncertain, refused); the actor is the bot.
    AnnouncementMissed,
}

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::AnnouncementCreated => "announcement created",
            AuditAction::AnnouncementCancelled => "announcement cancelled",
            AuditAction::VariantAdded => "variant added",
            AuditAction::FaqReloaded => "faq reloaded",
            AuditAction::AnnouncementMissed => "announcement missed",
        }
    }

    pub fn parse(text: &str) -> Option<AuditAction> {
        [
            AuditAction::AnnouncementCreated,
            AuditAction::AnnouncementCancelled,
            AuditAction::VariantAdded,
            AuditAction::FaqReloaded,
            AuditAction::AnnouncementMissed,
        ]
        .into_iter()
        .find(|action| action.as_str() == text)
    }
}

impl fmt::Display for AuditAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An audit-log line to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAuditEntry {
    pub guild_id: u64,
    pub actor_id: u64,
    pub action: AuditAction,
    /// Free text for people ("announcement 7 in <#123> at 2026-12-01 08:00 UTC").
    pub details: String,
    pub at: DateTime<Utc>,
}

/// A stored audit-log line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    pub guild_id: u64,
    pub actor_id: u64,
    pub action: AuditAction,
    pub details: String,
    pub at: DateTime<Utc>,
}

/// Where the audit log is kept.
#[async_trait]
pub trait AuditLog: Send + Sync {
    async fn record_audit(&self, entry: &NewAuditEntry) -> Result<(), StoreError>;

    /// A guild's audit log, newest first.
    async fn audit_log(&self, guild_id: u64, limit: usize) -> Result<Vec<AuditEntry>, StoreError>;
}
