//! The slash and context-menu commands. Each is a small function whose first doc line is the
//! description Discord shows; [`all`] lists them for registration in one place.

use serenity::all::{AutocompleteChoice, CreateAutocompleteResponse, Message as DiscordMessage};
use tracing::info;

use super::http_retry::with_retry;
use super::render::{self, Audience, Choice};
use super::{safety, Context, Error, Request, QUESTION_MAX_CHARS};
use crate::reply::{self, Reply};

/// The entry `/optout` shows.
pub const OPTOUT_ENTRY_ID: &str = "opt-out-how";

/// What `/optout` asks the matcher when the FAQ has no [`OPTOUT_ENTRY_ID`] entry.
const OPTOUT_QUESTION: &str = "How do I opt out of LinkedIn using my data to train AI?";

/// Every command the bot registers.
pub fn all() -> Vec<poise::Command<super::Data, Error>> {
    vec![ask(), optout(), faq(), help(), answer_with_faq(), super::announce::announce(), super::audit::audit()]
}

/// Ask a question about opting out of LinkedIn's AI training
#[poise::command(slash_command)]
pub async fn ask(
    ctx: Context<'_>,
    #[description = "Your question, in your own words"]
    #[autocomplete = "autocomplete_question"]
    question: String,
) -> Result<(), Error> {
    let request = request(ctx, &question);
    let knowledge = ctx.data().knowledge.load();
    let (outcome, reply) = ctx.data().answer(&knowledge, &request);
    info!(
        user = %request.user,
        locale = ?request.locale,
        decision = decision_name(&reply),
        confidence = outcome.confidence(),
        "ask"
    );
    send(ctx, &render::reply(&reply, &request.question, Audience::Private)).await
}

/// Get the steps to opt out of LinkedIn's AI training
#[poise::command(slash_command)]
pub async fn optout(ctx: Context<'_>) -> Result<(), Error> {
    let knowledge = ctx.data().knowledge.load();
    let faq = &knowledge.faq;
    let message = match faq.entry(OPTOUT_ENTRY_ID) {
        Some(entry) => render::answer(entry, Audience::Private),
        None => render::reply(
            &reply::compose(faq, &knowledge.matcher.find(OPTOUT_QUESTION)),
            OPTOUT_QUESTION,
            Audience::Private,
        ),
    };
    send(ctx, &message).await
}

/// Browse the FAQ: list what I can answer, or show one answer
#[poise::command(
    slash_command,
    subcommands(
        "list",
        "show",
        "super::upkeep::reload",
        "super::upkeep::unanswered",
        "super::upkeep::add_variant",
        "super::upkeep::stats"
    ),
    subcommand_required
)]
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
    let knowledge = ctx.data().knowledge.load();
    send(ctx, &render::list(&knowledge.faq, topic.as_deref().map(str::trim).filter(|t| !t.is_empty()))).await
}

/// Show one FAQ answer
#[poise::command(slash_command)]
pub async fn show(
    ctx: Context<'_>,
    #[description = "The entry's id: type a few words to search the questions"]
    #[autocomplete = "autocomplete_id"]
    id: String,
) -> Result<(), Error> {
    let knowledge = ctx.data().knowledge.load();
    let message = match knowledge.faq.entry(id.trim()) {
        Some(entry) => render::answer(entry, Audience::Private),
        None => render::unknown_entry(&id),
    };
    send(ctx, &message).await
}

/// What I can do, and how to ask me
#[poise::command(slash_command)]
pub async fn help(ctx: Context<'_>) -> Result<(), Error> {
    send(ctx, &render::help(!ctx.data().help_channels.is_empty())).await
}

/// Answer this message's question from the FAQ, as a reply to it
#[poise::command(context_menu_command = "Answer with FAQ")]
pub async fn answer_with_faq(ctx: Context<'_>, message: DiscordMessage) -> Result<(), Error> {
    let question = safety::strip_mention(&message.content, ctx.data().bot_id.get());
    if question.is_empty() {
        let text = "That message has no text I can read, so I can't answer it.";
        return send(
            ctx,
            &render::Message { content: Some(text.into()), card: None, buttons: vec![], audience: Audience::Private },
        )
        .await;
    }
    let request = request(ctx, &question);
    let knowledge = ctx.data().knowledge.load();
    let (outcome, reply) = ctx.data().answer(&knowledge, &request);
    info!(
        user = %request.user,
        target = %message.id,
        decision = decision_name(&reply),
        confidence = outcome.confidence(),
        "answer with faq"
    );
    let Reply::Answer(entry) = reply else {
        // Unsure or no answer: only the person who asked sees it, and may pick and post.
        return send(ctx, &render::reply(&reply, &request.question, Audience::Private)).await;
    };
    with_retry("defer", || ctx.defer_ephemeral()).await?;
    let public = render::answer(entry, Audience::Public);
    let builder = render::channel_message(&public, Some((message.channel_id, message.id)));
    let http = ctx.serenity_context().http.clone();
    with_retry("reply to message", || message.channel_id.send_message(&http, builder.clone())).await?;
    let done = "Answered that message with the FAQ entry (as a reply to it).";
    send(ctx, &render::Message { content: Some(done.into()), card: None, buttons: vec![], audience: Audience::Private })
        .await
}

/// Sends `message` as this command's reply (or follow-up), retrying what a retry can fix.
async fn send(ctx: Context<'_>, message: &render::Message) -> Result<(), Error> {
    let reply = render::create_reply(message);
    with_retry("command reply", || ctx.send(reply.clone())).await?;
    Ok(())
}

fn request(ctx: Context<'_>, question: &str) -> Request {
    Request {
        user: ctx.author().id,
        channel: ctx.channel_id(),
        guild: ctx.guild_id(),
        locale: ctx.locale().map(str::to_owned),
        question: safety::cap(question.trim(), QUESTION_MAX_CHARS),
    }
}

fn decision_name(reply: &Reply<'_>) -> &'static str {
    match reply {
        Reply::Answer(_) => "answer",
        Reply::Suggest(_) => "suggest",
        Reply::Decline(_) => "decline",
    }
}

fn autocomplete(choices: Vec<Choice>) -> CreateAutocompleteResponse {
    CreateAutocompleteResponse::new()
        .set_choices(choices.into_iter().map(|c| AutocompleteChoice::new(c.name, c.value)).collect())
}

async fn autocomplete_question(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    let knowledge = ctx.data().knowledge.load();
    autocomplete(render::complete_question(&knowledge.faq, &knowledge.matcher, partial))
}

async fn autocomplete_id(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    let knowledge = ctx.data().knowledge.load();
    autocomplete(render::complete_id(&knowledge.faq, partial))
}

async fn autocomplete_topic(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    let knowledge = ctx.data().knowledge.load();
    autocomplete(render::complete_topic(&knowledge.faq, partial))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_reads_well_in_discord() {
        for command in all() {
            let mut stack = vec![command];
            while let Some(command) = stack.pop() {
                if command.slash_action.is_some() || !command.subcommands.is_empty() {
                    let description = command.description.clone().unwrap_or_default();
                    assert!(
                        (1..=100).contains(&description.chars().count()),
                        "/{} needs a description of 1 to 100 characters, has {description:?}",
                        command.qualified_name
                    );
                    for parameter in &command.parameters {
                        let text = parameter.description.clone().unwrap_or_default();
                        assert!(
                            (1..=100).contains(&text.chars().count()),
                            "/{} option {} needs a description",
                            command.qualified_name,
                            parameter.name
                        );
                    }
                }
                stack.extend(command.subcommands);
            }
        }
    }

    #[test]
    fn the_optout_entry_exists_in_the_shipped_faq() {
        assert!(crate::faq::Faq::embedded().entry(OPTOUT_ENTRY_ID).is_some());
    }
}
