//! The server-side moderator check, for every moderator command and button press.
//!
//! Discord's `default_member_permissions` only hides a command from members without the
//! permission, and a server admin can change it; so every moderator action asks
//! [`is_moderator`] again, from the member Discord sends with the interaction (its
//! `permissions` are already computed for the channel, administrators included). The rule
//! itself is [`crate::moderation::is_moderator`].

use serenity::all::{CommandInteraction, ComponentInteraction, Member, ModalInteraction};
use tracing::info;

use super::{Context, Error};
use crate::app::Settings;

/// Anything a member invokes: a command, a button press, a modal submission.
pub trait Invoker {
    /// The invoking guild member; `None` in a DM (where nobody is a moderator).
    fn invoking_member(&self) -> Option<&Member>;
}

impl Invoker for Context<'_> {
    fn invoking_member(&self) -> Option<&Member> {
        match self {
            poise::Context::Application(app) => app.interaction.member.as_deref(),
            // Prefix commands are off; a message's member carries no permissions anyway.
            poise::Context::Prefix(_) => None,
        }
    }
}

impl Invoker for CommandInteraction {
    fn invoking_member(&self) -> Option<&Member> {
        self.member.as_deref()
    }
}

impl Invoker for ComponentInteraction {
    fn invoking_member(&self) -> Option<&Member> {
        self.member.as_ref()
    }
}

impl Invoker for ModalInteraction {
    fn invoking_member(&self) -> Option<&Member> {
        self.member.as_ref()
    }
}

/// Whether whoever invoked this is a moderator: Manage Server (or Administrator), or a role
/// listed in the config's `[moderation] roles`. Never in a DM.
pub fn is_moderator(invoker: &impl Invoker, settings: &Settings) -> bool {
    let Some(member) = invoker.invoking_member() else {
        return false;
    };
    let permissions = member.permissions.map_or(0, |p| p.bits());
    let roles: Vec<u64> = member.roles.iter().map(|r| r.get()).collect();
    crate::moderation::is_moderator(permissions, &roles, &settings.moderator_roles)
}

/// What a non-moderator is told.
pub const REFUSAL: &str = "Only moderators can do that (Manage Server, or a moderator role in the bot's config).";

/// A poise `check` for moderator commands. A refused member is told so by the error handler
/// (`on_error`, `CommandCheckFailed`), which knows to stay quiet for autocomplete.
pub async fn check(ctx: Context<'_>) -> Result<bool, Error> {
    let allowed = is_moderator(&ctx, &ctx.data().app.settings);
    if !allowed {
        info!(command = %ctx.command().qualified_name, user = %ctx.author().id, "refused: not a moderator");
    }
    Ok(allowed)
}
