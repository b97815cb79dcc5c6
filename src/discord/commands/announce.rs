//! `/announce new|list|cancel` for moderators. Validation, drafts and the preview are the
//! application's ([`crate::app::announcements`]); the preview's buttons and the text form
//! are handled in [`crate::discord::events`].

use std::sync::atomic::Ordering;

use serenity::all::{
    AutocompleteChoice, ChannelType, CreateActionRow, CreateAutocompleteResponse, CreateInputText,
    CreateInteractionResponse, CreateModal, InputTextStyle, PartialChannel, Role,
};

use super::super::http_retry::Step;
use super::super::{moderator, render, Context, Error};
use super::{answer, send};
use crate::announce::Repeat;
use crate::app::announcements::{DraftRequest, Drafted};
use crate::limits::MESSAGE_CONTENT_MAX_CHARS;

/// How often an announcement repeats.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum RepeatChoice {
    #[name = "daily"]
    Daily,
    #[name = "weekly"]
    Weekly,
}

impl From<RepeatChoice> for Repeat {
    fn from(choice: RepeatChoice) -> Repeat {
        match choice {
            RepeatChoice::Daily => Repeat::Daily,
            RepeatChoice::Weekly => Repeat::Weekly,
        }
    }
}

/// Post and schedule announcements (moderators)
#[poise::command(
    slash_command,
    guild_only,
    subcommands("new", "list", "cancel"),
    subcommand_required,
    default_member_permissions = "MANAGE_GUILD",
    check = "moderator::check"
)]
pub async fn announce(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Preview an announcement, then post or schedule it with Confirm
// One argument per option is how poise declares a command's options.
#[allow(clippy::too_many_arguments)]
#[poise::command(slash_command, guild_only, rename = "new")]
pub async fn new(
    ctx: Context<'_>,
    #[description = "Where to post it"]
    #[channel_types("Text", "News")]
    channel: PartialChannel,
    #[description = "The text (leave out, and give no entry, to write several lines in a form)"] text: Option<String>,
    #[description = "Post an FAQ entry instead of text"]
    #[autocomplete = "autocomplete_entry"]
    entry: Option<String>,
    #[description = "A role to ping (only roles the config allows)"] ping: Option<Role>,
    #[description = "When: `in 2h`, `in 90s`, or `2026-12-01 09:00 Europe/Berlin` (default: now)"] at: Option<String>,
    #[description = "Repeat: daily or weekly"] repeat: Option<RepeatChoice>,
    #[description = "Publish (crosspost) it to servers following this announcement channel"] publish: Option<bool>,
) -> Result<(), Error> {
    let (poise::Context::Application(app), Some(guild)) = (ctx, ctx.guild_id()) else { return Ok(()) };
    let request = DraftRequest {
        guild: guild.get(),
        owner: ctx.author().id.get(),
        channel: channel.id.get(),
        channel_is_announcement: channel.kind == ChannelType::News,
        text,
        entry,
        ping_role: ping.map(|role| role.id.get()),
        at,
        repeat: repeat.map(Repeat::from),
        publish,
    };
    match ctx.data().app.draft(request) {
        Drafted::Preview(message) | Drafted::Refused(message) => send(ctx, &message).await,
        Drafted::NeedsText { form } => {
            let input = CreateInputText::new(InputTextStyle::Paragraph, "Announcement", "text")
                .placeholder("What to announce (several lines are fine)")
                .max_length(MESSAGE_CONTENT_MAX_CHARS as u16)
                .required(true);
            let modal = CreateModal::new(form, "New announcement").components(vec![CreateActionRow::InputText(input)]);
            let http = ctx.serenity_context().http.clone();
            answer(ctx, Step::Callback, || {
                app.interaction.create_response(&http, CreateInteractionResponse::Modal(modal.clone()))
            })
            .await?;
            app.has_sent_initial_response.store(true, Ordering::SeqCst);
            Ok(())
        }
    }
}

/// List the upcoming announcements in this server
#[poise::command(slash_command, guild_only)]
pub async fn list(ctx: Context<'_>) -> Result<(), Error> {
    let Some(guild) = ctx.guild_id() else { return Ok(()) };
    send(ctx, &ctx.data().app.upcoming(guild.get()).await?).await
}

/// Cancel a scheduled announcement
#[poise::command(slash_command, guild_only)]
pub async fn cancel(
    ctx: Context<'_>,
    #[description = "The announcement's number (see /announce list)"]
    #[autocomplete = "autocomplete_upcoming"]
    id: i64,
) -> Result<(), Error> {
    let Some(guild) = ctx.guild_id() else { return Ok(()) };
    send(ctx, &ctx.data().app.cancel(guild.get(), id, ctx.author().id.get()).await?).await
}

async fn autocomplete_entry(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    render::autocomplete(ctx.data().app.complete_entry(partial))
}

async fn autocomplete_upcoming(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    let Some(guild) = ctx.guild_id() else { return CreateAutocompleteResponse::new() };
    let choices = ctx.data().app.complete_upcoming(guild.get(), partial).await;
    CreateAutocompleteResponse::new()
        .set_choices(choices.into_iter().map(|(name, id)| AutocompleteChoice::new(name, id)).collect())
}
