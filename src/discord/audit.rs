//! `/audit`: the moderator audit log of this server (who, when, what).

use super::http_retry::with_retry;
use super::render::{self, Audience, Card};
use super::upkeep::lines_within;
use super::{safety, Context, Error};
use crate::app::audit::AuditEntry;
use crate::limits::EMBED_DESCRIPTION_MAX_CHARS;

/// Entries `/audit` shows when no limit is given.
pub const DEFAULT_LIMIT: u32 = 20;

/// The most `/audit` shows at once: more does not fit one embed.
pub const MAX_LIMIT: u32 = 50;

/// One audit line: the longest details shown before cutting.
const DETAILS_MAX_CHARS: usize = 200;

/// The moderator audit log for this server: who did what, when (moderators)
#[poise::command(
    slash_command,
    guild_only,
    default_member_permissions = "MANAGE_GUILD",
    check = "crate::discord::moderator::check"
)]
pub async fn audit(
    ctx: Context<'_>,
    #[description = "How many entries, newest first (default 20, at most 50)"]
    #[min = 1]
    #[max = 50]
    limit: Option<u32>,
) -> Result<(), Error> {
    let limit = limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT) as usize;
    let guild = ctx.guild_id().map_or(0, |g| g.get());
    let entries = ctx.data().store.audit.audit_log(guild, limit).await?;
    let message =
        render::Message { content: None, card: Some(card(&entries)), buttons: vec![], audience: Audience::Private };
    let reply = render::create_reply(&message);
    with_retry("audit reply", || ctx.send(reply.clone())).await?;
    Ok(())
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
    use crate::app::audit::AuditAction;

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
