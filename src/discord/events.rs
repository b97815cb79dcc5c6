//! Events other than commands: questions in chat (mentions, DMs, help channels) and button
//! presses. The decisions ([`trigger`], [`answers_unprompted`]) are plain functions.

use serenity::all::{
    ComponentInteraction, Context as SerenityContext, CreateInteractionResponse, CreateInteractionResponseFollowup,
    FullEvent, Interaction, Message as DiscordMessage, MessageFlags,
};
use tracing::{debug, error, info};

use super::cooldown::Verdict;
use super::http_retry::with_retry;
use super::render::{self, Action, Audience};
use super::votes::Vote;
use super::{safety, Data, Error, Request, QUESTION_MAX_CHARS};
use crate::matcher::MatchOutcome;
use crate::reply::{self, Reply};

/// Why the bot would answer a chat message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// Asked directly: a mention or a DM. Always answered (answer, suggestions or decline).
    Direct,
    /// Posted in a help channel without asking the bot: answered only when confident.
    HelpChannel,
}

/// Whether (and why) a chat message is for the bot. Bots, the bot itself included, never are.
pub fn trigger(author_is_bot: bool, in_dm: bool, mentions_bot: bool, in_help_channel: bool) -> Option<Trigger> {
    if author_is_bot {
        None
    } else if in_dm || mentions_bot {
        Some(Trigger::Direct)
    } else if in_help_channel {
        Some(Trigger::HelpChannel)
    } else {
        None
    }
}

/// Whether to answer unprompted in a help channel: a direct answer, confident enough.
pub fn answers_unprompted(outcome: &MatchOutcome, threshold: f32) -> bool {
    outcome.answer().is_some_and(|answer| answer.confidence >= threshold)
}

pub async fn handle(framework: poise::FrameworkContext<'_, Data, Error>, event: &FullEvent) -> Result<(), Error> {
    let (ctx, data) = (framework.serenity_context, framework.user_data);
    match event {
        FullEvent::Message { new_message } => on_message(ctx, data, new_message).await,
        FullEvent::InteractionCreate { interaction: Interaction::Component(component) } => {
            if super::announce::on_component(ctx, data, component).await? {
                return Ok(());
            }
            on_component(ctx, data, component).await
        }
        FullEvent::InteractionCreate { interaction: Interaction::Modal(modal) } => {
            super::announce::on_modal(ctx, data, modal).await.map(drop)
        }
        _ => Ok(()),
    }
}

async fn on_message(ctx: &SerenityContext, data: &Data, message: &DiscordMessage) -> Result<(), Error> {
    let bot = data.bot_id;
    let mentions_bot = message.mentions.iter().any(|u| u.id == bot) || safety::mentions(&message.content, bot.get());
    let in_help_channel = data.help_channels.contains(&message.channel_id);
    let Some(trigger) = trigger(
        message.author.bot || message.author.id == bot,
        message.guild_id.is_none(),
        mentions_bot,
        in_help_channel,
    ) else {
        return Ok(());
    };
    if !data.seen.lock().unwrap_or_else(|p| p.into_inner()).first_time(message.id.get()) {
        debug!(message = %message.id, "already handled");
        return Ok(());
    }
    let request = Request {
        user: message.author.id,
        channel: message.channel_id,
        guild: message.guild_id,
        locale: None,
        question: safety::cap(&safety::strip_mention(&message.content, bot.get()), QUESTION_MAX_CHARS),
    };
    let knowledge = data.knowledge.load();
    let outcome = knowledge.matcher.find(&request.question);
    if trigger == Trigger::HelpChannel && !answers_unprompted(&outcome, knowledge.help_channel_threshold) {
        debug!(message = %message.id, confidence = outcome.confidence(), "not confident enough to answer unprompted");
        return Ok(());
    }
    let verdict = data.cooldowns.lock().unwrap_or_else(|p| p.into_inner()).check(
        request.user.get(),
        request.channel.get(),
        data.clock.now(),
    );
    if let Verdict::Wait { remaining, notify } = verdict {
        info!(user = %request.user, channel = %request.channel, wait_ms = remaining.as_millis() as u64, notify, "cooldown");
        // Unprompted answers just stay quiet; a direct question hears why, once.
        if notify && trigger == Trigger::Direct {
            let note = render::slow_down(remaining.as_secs_f64().ceil() as u64);
            send(ctx, message, &note).await?;
        }
        return Ok(());
    }
    let rendered = if request.question.is_empty() {
        render::help(!data.help_channels.is_empty())
    } else {
        let reply = reply::compose(&knowledge.faq, &outcome);
        super::usage::record(&data.store.usage, &data.upkeep.recent, &request, &reply, data.clock.now());
        info!(
            user = %request.user,
            channel = %request.channel,
            guild = ?request.guild.map(|g| g.get()),
            trigger = ?trigger,
            decision = match reply { Reply::Answer(_) => "answer", Reply::Suggest(_) => "suggest", Reply::Decline(_) => "decline" },
            confidence = outcome.confidence(),
            "chat question"
        );
        render::reply(&reply, &request.question, Audience::Public)
    };
    send(ctx, message, &rendered).await
}

/// Replies to `message` in its channel, retrying what a retry can fix.
async fn send(ctx: &SerenityContext, message: &DiscordMessage, rendered: &render::Message) -> Result<(), Error> {
    let builder = render::channel_message(rendered, Some((message.channel_id, message.id)));
    with_retry("chat reply", || message.channel_id.send_message(&ctx.http, builder.clone())).await?;
    Ok(())
}

async fn on_component(ctx: &SerenityContext, data: &Data, component: &ComponentInteraction) -> Result<(), Error> {
    record_component(data, component).await;
    let response = component_response(data, component);
    let result = with_retry("button response", || component.create_response(&ctx.http, response.clone())).await;
    if let Err(error) = result {
        error!(custom_id = %component.data.custom_id, error = %error, "button response failed");
        // The response may have gone through without us hearing back: a follow-up still reaches them.
        let failure = render::failure();
        let followup = CreateInteractionResponseFollowup::new()
            .ephemeral(true)
            .allowed_mentions(safety::no_mentions())
            .content(failure.content.unwrap_or_default());
        if let Err(error) = component.create_followup(&ctx.http, followup).await {
            error!(error = %error, "could not tell the user about the error");
        }
    }
    Ok(())
}

/// Persists what a press means for moderators: a vote (with the question it answered, when
/// known), or a picked "did you mean" entry as an answer.
async fn record_component(data: &Data, component: &ComponentInteraction) {
    let user = component.user.id.get();
    let guild = component.guild_id.map(|g| g.get());
    match Action::parse(&component.data.custom_id) {
        Some(Action::Vote { entry, helpful }) => {
            let remembered = data.upkeep.recent.lock().unwrap_or_else(|p| p.into_inner()).question(user, &entry);
            let message = component.message.id.get();
            // After a restart the memory is empty; the store still knows the question.
            let question = match remembered {
                Some(question) => Some(question),
                None => data.store.usage.last_question(user, &entry).await.ok().flatten(),
            };
            let vote = Vote { entry, user, helpful, guild, message, question };
            let tally = super::votes::record(&*data.store.usage, vote, data.clock.now()).await;
            info!(helpful, up = tally.helpful, down = tally.not_helpful, "vote");
        }
        Some(Action::Show(entry)) if data.knowledge.load().faq.entry(&entry).is_some() => {
            let guild = guild.unwrap_or(super::usage::DM_GUILD);
            super::usage::record_answer(&data.store.usage, guild, &entry, None, data.clock.now());
        }
        _ => {}
    }
}

fn component_response(data: &Data, component: &ComponentInteraction) -> CreateInteractionResponse {
    let knowledge = data.knowledge.load();
    let faq = &knowledge.faq;
    let user = component.user.id;
    let action = Action::parse(&component.data.custom_id);
    info!(user = %user, custom_id = %component.data.custom_id, locale = %component.locale, "button pressed");
    let text = |content: &str| {
        render::interaction_message(&render::Message {
            content: Some(content.to_owned()),
            card: None,
            buttons: vec![],
            audience: Audience::Private,
        })
    };
    let entry_of = |id: &str| faq.entry(id);
    match action {
        None => CreateInteractionResponse::Message(text("That button no longer works. Try `/ask` again.")),
        Some(Action::Show(id)) => match entry_of(&id) {
            Some(entry) => {
                let answer = render::interaction_message(&render::answer(entry, Audience::Private));
                // In a private reply, the suggestion becomes the answer; on a public message,
                // the person who pressed gets their own private answer.
                let private = component.message.flags.is_some_and(|f| f.contains(MessageFlags::EPHEMERAL));
                if private {
                    CreateInteractionResponse::UpdateMessage(answer)
                } else {
                    CreateInteractionResponse::Message(answer)
                }
            }
            None => CreateInteractionResponse::Message(render::interaction_message(&render::unknown_entry(&id))),
        },
        Some(Action::Post(id)) => match entry_of(&id) {
            Some(entry) => {
                CreateInteractionResponse::Message(render::interaction_message(&render::shared(entry, user.get())))
            }
            None => CreateInteractionResponse::Message(render::interaction_message(&render::unknown_entry(&id))),
        },
        Some(Action::Vote { entry, helpful }) => {
            // Recorded before this response, in `record_component`.
            info!(entry = %entry, helpful, "vote");
            CreateInteractionResponse::Message(text(&render::vote_thanks(helpful)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::faq::Faq;

    #[test]
    fn who_gets_an_answer() {
        // (author is a bot, in a DM, mentions the bot, in a help channel) -> trigger
        let cases = [
            ((true, true, true, true), None),
            ((true, false, false, true), None),
            ((false, true, false, false), Some(Trigger::Direct)),
            ((false, false, true, false), Some(Trigger::Direct)),
            ((false, false, true, true), Some(Trigger::Direct)),
            ((false, false, false, true), Some(Trigger::HelpChannel)),
            ((false, false, false, false), None),
        ];
        for ((bot, dm, mention, help), expected) in cases {
            assert_eq!(trigger(bot, dm, mention, help), expected, "bot={bot} dm={dm} mention={mention} help={help}");
        }
    }

    #[test]
    fn help_channels_need_more_confidence() {
        let knowledge = super::super::Knowledge::new(Faq::embedded(), &Default::default());
        let (faq, matcher, threshold) = (&knowledge.faq, &knowledge.matcher, knowledge.help_channel_threshold);
        assert!(threshold > matcher.config().answer_threshold);
        let question = &faq.entry("opt-out-how").unwrap().question;
        let clear = matcher.find(question);
        assert!(answers_unprompted(&clear, threshold), "confidence {} for {question:?}", clear.confidence());
        assert!(!answers_unprompted(&clear, 1.01));
        let chatter = matcher.find("anyone up for lunch?");
        assert!(!answers_unprompted(&chatter, 0.0), "a decline is never posted unprompted");
    }
}
