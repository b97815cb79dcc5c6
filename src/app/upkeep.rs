//! FAQ upkeep from Discord: the variants moderators add ([`VariantStore`]).

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::storage::StoreError;

/// A phrasing a moderator added to an entry from Discord.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewVariant {
    pub guild_id: u64,
    pub entry_id: String,
    pub text: String,
    pub added_by: u64,
    pub at: DateTime<Utc>,
}

/// A stored variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredVariant {
    pub id: i64,
    pub entry_id: String,
    pub text: String,
    pub guild_id: u64,
    pub added_by: u64,
    pub at: DateTime<Utc>,
}

/// Where added variants are kept.
#[async_trait]
pub trait VariantStore: Send + Sync {
    /// Adds a variant and audits it; `false` (and nothing written) when the
    /// entry already has it (compared after [`crate::text::normalize`]).
    async fn add_variant(&self, variant: &NewVariant) -> Result<bool, StoreError>;

    /// Every variant added from Discord, oldest first.
    async fn variants(&self) -> Result<Vec<StoredVariant>, StoreError>;
}
