//! `/audit`: the moderator audit log of this server (who, when, what).

use super::super::{moderator, Context, Error};
use super::{guild_of, send};

/// The moderator audit log for this server: who did what, when (moderators)
#[poise::command(slash_command, guild_only, default_member_permissions = "MANAGE_GUILD", check = "moderator::check")]
pub async fn audit(
    ctx: Context<'_>,
    #[description = "How many entries, newest first (default 20, at most 50)"]
    #[min = 1]
    #[max = 50]
    limit: Option<u32>,
) -> Result<(), Error> {
    send(ctx, &ctx.data().app.audit_log(guild_of(ctx), limit).await?).await
}
