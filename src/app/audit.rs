//! The moderator audit log: what is kept ([`AuditLog`]), its entries, and `/audit`.

use std::fmt;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use tracing::warn;

use super::escape::lines_within;
use super::storage::StoreError;
use super::view::{Card, Message};
use super::{escape as safety, App};
use crate::limits::EMBED_DESCRIPTION_MAX_CHARS;

/// Entries `/audit` shows when no limit is given.
pub const DEFAULT_LIMIT: u32 = 20;

/// The most `/audit` shows at once: more does not fit one embed.
pub const MAX_LIMIT: u32 = 50;

/// One audit line: the longest details shown before cutting.
const DETAILS_MAX_CHARS: usize = 200;

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

impl App {
    /// `/audit`: the newest `limit` entries of `guild`'s log (default 20, at most 50).
    pub async fn audit_log(&self, guild: u64, limit: Option<u32>) -> Result<Message, StoreError> {
        let limit = limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT) as usize;
        let entries = self.storage.audit.audit_log(guild, limit).await?;
        Ok(Message::private_card(card(&entries)))
    }

    /// Writes an audit entry; a failure is logged (the action itself already happened).
    pub(crate) async fn audit(&self, entry: NewAuditEntry) {
        if let Err(error) = self.storage.audit.record_audit(&entry).await {
            warn!(error = %error, "audit entry not recorded");
        }
    }
}

/// The log as an embed, newest first: `<time> <@who> action: details`.
pub fn card(entries: &[AuditEntry]) -> Card {
    let description = if entries.is_empty() {
        "No moderator actions yet.".to_owned()
    } else {
        let lines: Vec<String> = entries
            .iter()
            .map(|entry| {
                format!(
                    "<t:{}:f> <@{}> **{}**: {}",
                    entry.at.timestamp(),
                    entry.actor_id,
                    entry.action,
                    safety::cap(&entry.details, DETAILS_MAX_CHARS)
                )
            })
            .collect();
        lines_within(&lines, EMBED_DESCRIPTION_MAX_CHARS)
    };
    Card { title: "Audit log".to_owned(), description, ..Card::default() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_line_says_who_when_and_what() {
        let at = chrono::DateTime::from_timestamp(1_780_000_000, 0).unwrap();
        let entry = AuditEntry {
            id: 1,
            guild_id: 2000,
            actor_id: 6001,
            action: AuditAction::VariantAdded,
            details: "\"pizza\" added to entry gdpr".into(),
            at,
        };
        let card = card(&[entry]);
        assert_eq!(card.description, "<t:1780000000:f> <@6001> **variant added**: \"pizza\" added to entry gdpr");
        assert!(super::card(&[]).description.contains("No moderator actions"));
    }
}
