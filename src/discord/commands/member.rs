//! The commands every member uses.

use serenity::all::Message as DiscordMessage;

use super::super::http_retry::with_retry;
use super::super::{render, Context, Error};
use super::{defer, locale, locale_hint, send};
use crate::app::answer::{Origin, Outcome, Request};
use crate::app::escape;
use crate::app::view::{Audience, Message};
use crate::region::Region;
use crate::tr;

/// Ask a question about opting out of LinkedIn's AI training
#[poise::command(slash_command)]
pub async fn ask(
    ctx: Context<'_>,
    #[description = "Your question, in your own words"]
    #[autocomplete = "autocomplete_question"]
    #[max_length = 1000]
    question: String,
    #[description = "Where you are, if the question doesn't say (EU/EEA, UK, Canada, …)"]
    #[autocomplete = "autocomplete_region"]
    region: Option<String>,
) -> Result<(), Error> {
    let region = match region.as_deref().map(str::parse::<Region>) {
        None => None,
        Some(Ok(region)) => Some(region),
        Some(Err(_)) => {
            let codes: Vec<&str> = Region::ALL.iter().map(|r| r.code()).collect();
            let text = tr!(locale(ctx), "unknown-region", codes = codes.join(", "));
            return send(ctx, &Message::private(text)).await;
        }
    };
    let mut request = request(ctx, question);
    request.region = region;
    match ctx.data().app.answer(Origin::Command, request) {
        Outcome::Reply(message) => send(ctx, &message).await,
        // Commands have no cooldown and are always answered.
        Outcome::Cooldown(_) | Outcome::Quiet => Ok(()),
    }
}

/// Get the steps to opt out of LinkedIn's AI training
#[poise::command(slash_command)]
pub async fn optout(ctx: Context<'_>) -> Result<(), Error> {
    send(ctx, &ctx.data().app.optout(locale(ctx))).await
}

/// Browse the FAQ: list what I can answer, or show one answer
#[poise::command(slash_command, subcommands("list", "show"), subcommand_required)]
pub async fn faq(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// List the questions I can answer, optionally for one topic
#[poise::command(slash_command)]
pub async fn list(
    ctx: Context<'_>,
    #[description = "Only list this topic"]
    #[autocomplete = "autocomplete_topic"]
    topic: Option<String>,
) -> Result<(), Error> {
    send(ctx, &ctx.data().app.list(topic.as_deref(), locale(ctx))).await
}

/// Show one FAQ answer
#[poise::command(slash_command)]
pub async fn show(
    ctx: Context<'_>,
    #[description = "The entry's id: type a few words to search the questions"]
    #[autocomplete = "autocomplete_id"]
    id: String,
) -> Result<(), Error> {
    send(ctx, &ctx.data().app.show(&id, locale(ctx))).await
}

/// What I can do, and how to ask me
#[poise::command(slash_command)]
pub async fn help(ctx: Context<'_>) -> Result<(), Error> {
    send(ctx, &ctx.data().app.help(locale(ctx))).await
}

/// Answer this message's question from the FAQ, as a reply to it
#[poise::command(context_menu_command = "Answer with FAQ")]
pub async fn answer_with_faq(ctx: Context<'_>, message: DiscordMessage) -> Result<(), Error> {
    let question = escape::strip_mention(&message.content, ctx.data().bot_id.get());
    if question.is_empty() {
        return send(ctx, &Message::private(tr!(locale(ctx), "no-text"))).await;
    }
    let Outcome::Reply(reply) = ctx.data().app.answer(Origin::OnBehalf, request(ctx, question)) else {
        return Ok(());
    };
    if reply.audience == Audience::Private {
        // Unsure or no answer: only the person who asked sees it, and may pick and post.
        return send(ctx, &reply).await;
    }
    defer(ctx).await?;
    let builder = render::channel_message(&reply, Some((message.channel_id, message.id)));
    let http = ctx.serenity_context().http.clone();
    with_retry("reply to message", || message.channel_id.send_message(&http, builder.clone())).await?;
    send(ctx, &Message::private(tr!(locale(ctx), "answered-on-behalf"))).await
}

fn request(ctx: Context<'_>, question: String) -> Request {
    Request {
        user: ctx.author().id.get(),
        channel: ctx.channel_id().get(),
        guild: ctx.guild_id().map(|g| g.get()),
        question,
        message: None,
        region: None,
        locale: locale_hint(ctx),
    }
}

async fn autocomplete_region(ctx: Context<'_>, partial: &str) -> serenity::all::CreateAutocompleteResponse {
    render::autocomplete(crate::app::view::complete_region(partial, locale(ctx)))
}

async fn autocomplete_question(ctx: Context<'_>, partial: &str) -> serenity::all::CreateAutocompleteResponse {
    render::autocomplete(ctx.data().app.complete_question(partial, locale(ctx)))
}

async fn autocomplete_id(ctx: Context<'_>, partial: &str) -> serenity::all::CreateAutocompleteResponse {
    render::autocomplete(ctx.data().app.complete_id(partial, locale(ctx)))
}

async fn autocomplete_topic(ctx: Context<'_>, partial: &str) -> serenity::all::CreateAutocompleteResponse {
    render::autocomplete(ctx.data().app.complete_topic(partial, locale(ctx)))
}
