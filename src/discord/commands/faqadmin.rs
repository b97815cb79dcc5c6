//! `/faqadmin`: FAQ upkeep for moderators. A top-level command, so Discord hides it from
//! members (`default_member_permissions` applies to top-level commands only); the
//! server-side check ([`moderator::check`], and [`moderator::is_moderator`] in
//! autocomplete) is what actually gates it.

use serenity::all::CreateAutocompleteResponse;

use super::super::{moderator, render, Context, Error};
use super::{actor, defer, guild_of, send};

/// Keep the FAQ up to date: reload, review, teach, stats (moderators)
#[poise::command(
    slash_command,
    guild_only,
    subcommands("reload", "unanswered", "add_variant", "stats"),
    subcommand_required,
    default_member_permissions = "MANAGE_GUILD",
    check = "moderator::check"
)]
pub async fn faqadmin(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Reload the FAQ files from disk (moderators)
#[poise::command(slash_command, guild_only, check = "moderator::check")]
pub async fn reload(ctx: Context<'_>) -> Result<(), Error> {
    if ctx.data().app.settings.faq_dir.is_some() {
        defer(ctx).await?;
    }
    send(ctx, &ctx.data().app.reload(actor(ctx)).await?).await
}

/// Questions I declined or that were voted not helpful, most frequent first (moderators)
#[poise::command(slash_command, guild_only, check = "moderator::check")]
pub async fn unanswered(
    ctx: Context<'_>,
    #[description = "How many days back to look (default 30)"]
    #[min = 1]
    #[max = 365]
    days: Option<u32>,
) -> Result<(), Error> {
    send(ctx, &ctx.data().app.unanswered(guild_of(ctx), days).await?).await
}

/// Teach me a question: add it as a variant of an entry (moderators)
#[poise::command(slash_command, guild_only, rename = "add-variant", check = "moderator::check")]
pub async fn add_variant(
    ctx: Context<'_>,
    #[description = "The question, as people asked it"]
    #[autocomplete = "autocomplete_unanswered"]
    #[max_length = 1000]
    question: String,
    #[description = "The id of the entry that answers it"]
    #[autocomplete = "autocomplete_entry"]
    entry: String,
) -> Result<(), Error> {
    send(ctx, &ctx.data().app.add_variant(actor(ctx), &question, &entry).await?).await
}

/// Usage as a chart: most-asked entries, decline rate, helpful votes (moderators)
#[poise::command(slash_command, guild_only, check = "moderator::check")]
pub async fn stats(
    ctx: Context<'_>,
    #[description = "How many days back to count (default 30)"]
    #[min = 1]
    #[max = 365]
    days: Option<u32>,
) -> Result<(), Error> {
    defer(ctx).await?;
    send(ctx, &ctx.data().app.stats(guild_of(ctx), days).await?).await
}

/// The questions to review containing what was typed; only for moderators, since they are
/// other people's words.
async fn autocomplete_unanswered(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    if !moderator::is_moderator(&ctx, &ctx.data().app.settings) {
        return CreateAutocompleteResponse::new();
    }
    render::autocomplete(ctx.data().app.complete_unanswered(guild_of(ctx), partial).await)
}

async fn autocomplete_entry(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    if !moderator::is_moderator(&ctx, &ctx.data().app.settings) {
        return CreateAutocompleteResponse::new();
    }
    render::autocomplete(ctx.data().app.complete_id(partial, crate::lang::Lang::En))
}
