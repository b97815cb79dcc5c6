//! Events other than commands: questions in chat (mentions, DMs, help channels), button
//! presses and the announcement form, each turned into one application call.

use serenity::all::{
    ActionRowComponent, ComponentInteraction, Context as SerenityContext, CreateInteractionResponse,
    EditInteractionResponse, FullEvent, Interaction, Message as DiscordMessage, MessageFlags, ModalInteraction,
};

use super::http_retry::{respond, with_retry, Step};
use super::moderator::{self, is_moderator};
use super::{render, Data, Error};
use crate::app::announcements;
use crate::app::answer::{trigger, Outcome, Request};
use crate::app::escape;
use crate::app::feedback::{Press, Pressed};
use crate::app::view::Message;
use crate::lang::Lang;

pub async fn handle(framework: poise::FrameworkContext<'_, Data, Error>, event: &FullEvent) -> Result<(), Error> {
    let (ctx, data) = (framework.serenity_context, framework.user_data);
    match event {
        FullEvent::Message { new_message } => on_message(ctx, data, new_message).await,
        FullEvent::InteractionCreate { interaction: Interaction::Component(component) } => {
            on_component(ctx, data, component).await
        }
        FullEvent::InteractionCreate { interaction: Interaction::Modal(modal) } => on_modal(ctx, data, modal).await,
        _ => Ok(()),
    }
}

async fn on_message(ctx: &SerenityContext, data: &Data, message: &DiscordMessage) -> Result<(), Error> {
    let bot = data.bot_id;
    let mentions_bot = message.mentions.iter().any(|u| u.id == bot) || escape::mentions(&message.content, bot.get());
    let Some(origin) = trigger(
        message.author.bot || message.author.id == bot,
        message.guild_id.is_none(),
        mentions_bot,
        data.app.is_help_channel(message.channel_id.get()),
    ) else {
        return Ok(());
    };
    let request = Request {
        user: message.author.id.get(),
        channel: message.channel_id.get(),
        guild: message.guild_id.map(|g| g.get()),
        question: escape::strip_mention(&message.content, bot.get()),
        message: Some(message.id.get()),
        region: None,
        // A chat message carries no locale: the question's own language decides, else English.
        locale: None,
    };
    let reply = match data.app.answer(origin, request) {
        Outcome::Reply(reply) | Outcome::Cooldown(Some(reply)) => reply,
        Outcome::Cooldown(None) | Outcome::Quiet => return Ok(()),
    };
    let builder = render::channel_message(&reply, Some((message.channel_id, message.id)));
    with_retry("chat reply", || message.channel_id.send_message(&ctx.http, builder.clone())).await?;
    Ok(())
}

async fn on_component(ctx: &SerenityContext, data: &Data, component: &ComponentInteraction) -> Result<(), Error> {
    let custom_id = &component.data.custom_id;
    if custom_id.starts_with(announcements::PREFIX) {
        return on_announcement_button(ctx, data, component).await;
    }
    let press = Press {
        user: component.user.id.get(),
        guild: component.guild_id.map(|g| g.get()),
        channel: component.channel_id.get(),
        message: component.message.id.get(),
        on_private_message: component.message.flags.is_some_and(|f| f.contains(MessageFlags::EPHEMERAL)),
        custom_id: custom_id.clone(),
        locale: Lang::from_discord_locale(&component.locale),
    };
    let response = match data.app.press(&press).await {
        Pressed::New(message) => CreateInteractionResponse::Message(render::interaction_message(&message)),
        Pressed::Update(message) => CreateInteractionResponse::UpdateMessage(render::interaction_message(&message)),
    };
    // A callback finally lost is logged and counted there. No apology follows it: a
    // follow-up needs an answered interaction, and would only be refused (404 Unknown Webhook).
    let _ = respond(&data.app.metrics, component.id, Step::Callback, || {
        component.create_response(&ctx.http, response.clone())
    })
    .await;
    Ok(())
}

/// A press on an announcement preview's Confirm or Cancel.
async fn on_announcement_button(
    ctx: &SerenityContext,
    data: &Data,
    component: &ComponentInteraction,
) -> Result<(), Error> {
    let metrics = &data.app.metrics;
    let answer = |response: CreateInteractionResponse| async move {
        respond(metrics, component.id, Step::Callback, || component.create_response(&ctx.http, response.clone()))
            .await
            .map(drop)
    };
    let new = |message: &Message| CreateInteractionResponse::Message(render::interaction_message(message));
    // An update replaces the whole preview: its cards and buttons go.
    let update = |message: &Message| {
        CreateInteractionResponse::UpdateMessage(render::interaction_message(message).embeds(vec![]).components(vec![]))
    };
    if !is_moderator(component, &data.app.settings) {
        answer(new(&Message::private(moderator::REFUSAL))).await?;
        return Ok(());
    }
    match data.app.press_announcement(&component.data.custom_id, component.user.id.get()) {
        None => {}
        Some(announcements::Pressed::New(message)) => answer(new(&message)).await?,
        Some(announcements::Pressed::Update(message)) => answer(update(&message)).await?,
        Some(announcements::Pressed::Confirm { working, draft }) => {
            answer(update(&working)).await?;
            let outcome = data.app.confirm(draft).await;
            let edit = EditInteractionResponse::new().content(outcome.content.unwrap_or_default());
            // Lost only after 15 minutes of trying; logged and counted there.
            let _ =
                respond(metrics, component.id, Step::Edit, || component.edit_response(&ctx.http, edit.clone())).await;
        }
    }
    Ok(())
}

/// The announcement form's submission.
async fn on_modal(ctx: &SerenityContext, data: &Data, modal: &ModalInteraction) -> Result<(), Error> {
    let text: String = modal
        .data
        .components
        .iter()
        .flat_map(|row| row.components.iter())
        .find_map(|c| match c {
            ActionRowComponent::InputText(input) if input.custom_id == "text" => input.value.clone(),
            _ => None,
        })
        .unwrap_or_default();
    let reply = if is_moderator(modal, &data.app.settings) {
        match data.app.draft_text(&modal.data.custom_id, modal.user.id.get(), &text) {
            Some(reply) => reply,
            None => return Ok(()),
        }
    } else {
        Message::private(moderator::REFUSAL)
    };
    let response = CreateInteractionResponse::Message(render::interaction_message(&reply));
    respond(&data.app.metrics, modal.id, Step::Callback, || modal.create_response(&ctx.http, response.clone())).await?;
    Ok(())
}
