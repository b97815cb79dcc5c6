//! The slash and context-menu commands. Each is a small function whose first doc line is the
//! description Discord shows: it parses its options, calls the application, and sends what
//! comes back through [`send`]. [`all`] lists them for registration in one place.
//!
//! - [`member`]: `/ask`, `/optout`, `/faq list|show`, `/help`, "Answer with FAQ".
//! - [`faqadmin`]: `/faqadmin reload|unanswered|add-variant|stats` (moderators).
//! - [`announce`]: `/announce new|list|cancel` (moderators).
//! - [`audit`]: `/audit` (moderators).

pub mod announce;
pub mod audit;
pub mod faqadmin;
pub mod member;

use std::sync::atomic::Ordering;

use super::http_retry::{respond, with_retry, Delivered, Step};
use super::{render, Context, Data, Error};
use crate::app::upkeep::Actor;
use crate::app::usage::DM_GUILD;
use crate::app::view::Message;
use crate::lang::Lang;

/// Every command the bot registers.
pub fn all() -> Vec<poise::Command<Data, Error>> {
    let mut commands = vec![
        member::ask(),
        member::optout(),
        member::faq(),
        member::help(),
        member::answer_with_faq(),
        faqadmin::faqadmin(),
        announce::announce(),
        audit::audit(),
    ];
    localize(&mut commands);
    commands
}

/// Sends `message` as this command's reply (or, once it has one, a follow-up), retrying what
/// a retry can fix within the interaction's window (see [`respond`]).
pub async fn send(ctx: Context<'_>, message: &Message) -> Result<(), Error> {
    let reply = render::create_reply(message);
    let poise::Context::Application(app) = ctx else {
        with_retry("command reply", || ctx.send(reply.clone())).await?;
        return Ok(());
    };
    let step = if app.has_sent_initial_response.load(Ordering::SeqCst) { Step::Followup } else { Step::Callback };
    answer(ctx, step, || async { ctx.send(reply.clone()).await.map(drop) }).await
}

/// Defers this command's reply privately ("thinking…"), within the 3-second window.
pub async fn defer(ctx: Context<'_>) -> Result<(), Error> {
    answer(ctx, Step::Callback, || ctx.defer_ephemeral()).await
}

/// Sends one response to this command's interaction with [`respond`]. A callback that went
/// through on an attempt whose answer was lost counts as sent, for poise too.
pub async fn answer<F, Fut>(ctx: Context<'_>, step: Step, send: F) -> Result<(), Error>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<(), serenity::Error>>,
{
    let poise::Context::Application(app) = ctx else {
        return Err(anyhow::anyhow!("an interaction response outside an interaction"));
    };
    match respond(&ctx.data().app.metrics, app.interaction.id, step, send).await? {
        Delivered::Now(()) => {}
        Delivered::Earlier => app.has_sent_initial_response.store(true, Ordering::SeqCst),
    }
    Ok(())
}

/// The language of the member's Discord locale, when the bot has it.
pub fn locale_hint(ctx: Context<'_>) -> Option<Lang> {
    ctx.locale().and_then(Lang::from_discord_locale)
}

/// The language to write to this member in when nothing else says: their locale's, or English.
pub fn locale(ctx: Context<'_>) -> Lang {
    locale_hint(ctx).unwrap_or_default()
}

/// Sets every command's and option's description (and the context menu's name) from the
/// Fluent files: English as the default, each other language for its Discord locales.
/// Messages are `cmd-<command>[-<subcommand>][-<option>]`; a command without one keeps its
/// doc comment.
pub fn localize(commands: &mut [poise::Command<Data, Error>]) {
    for command in commands {
        localize_command(command, "cmd");
    }
}

fn localize_command(command: &mut poise::Command<Data, Error>, prefix: &str) {
    let id = format!("{prefix}-{}", command.name.replace(' ', "-").to_lowercase());
    if let Some(name) = &command.context_menu_name {
        let menu = format!("menu-{}", name.replace(' ', "-").to_lowercase());
        if crate::i18n::has(Lang::En, &menu) {
            for lang in Lang::ALL.into_iter().filter(|&l| l != Lang::En) {
                for locale in lang.discord_locales() {
                    command.name_localizations.to_mut().push(((*locale).into(), crate::i18n::text(lang, &menu).into()));
                }
            }
        }
    }
    if crate::i18n::has(Lang::En, &id) {
        command.description = Some(crate::i18n::text(Lang::En, &id).into());
        set_localizations(&mut command.description_localizations, &id);
    }
    for parameter in &mut command.parameters {
        let option = format!("{id}-{}", parameter.name);
        if crate::i18n::has(Lang::En, &option) {
            parameter.description = Some(crate::i18n::text(Lang::En, &option).into());
            set_localizations(&mut parameter.description_localizations, &option);
        }
    }
    for sub in &mut command.subcommands {
        localize_command(sub, &id);
    }
}

type Localizations = std::borrow::Cow<'static, [(std::borrow::Cow<'static, str>, std::borrow::Cow<'static, str>)]>;

fn set_localizations(localizations: &mut Localizations, id: &str) {
    for lang in Lang::ALL.into_iter().filter(|&l| l != Lang::En) {
        if crate::i18n::has(lang, id) {
            for locale in lang.discord_locales() {
                localizations.to_mut().push(((*locale).into(), crate::i18n::text(lang, id).into()));
            }
        }
    }
}

/// The guild a command runs in; [`DM_GUILD`] in a DM.
fn guild_of(ctx: Context<'_>) -> u64 {
    ctx.guild_id().map_or(DM_GUILD, |g| g.get())
}

/// Who runs this command, where.
fn actor(ctx: Context<'_>) -> Actor {
    Actor { user: ctx.author().id.get(), guild: guild_of(ctx) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flatten(commands: Vec<poise::Command<Data, Error>>) -> Vec<poise::Command<Data, Error>> {
        let mut stack = commands;
        let mut all = Vec::new();
        while let Some(mut command) = stack.pop() {
            stack.extend(std::mem::take(&mut command.subcommands));
            all.push(command);
        }
        all
    }

    #[test]
    fn every_command_reads_well_in_discord() {
        for command in flatten(all()) {
            let description = command.description.clone().unwrap_or_default();
            if command.context_menu_action.is_some() {
                continue;
            }
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
    }

    #[test]
    fn commands_with_moderator_subcommands_are_hidden_from_members_and_checked() {
        for command in all() {
            let moderators_only = command.default_member_permissions != serenity::all::Permissions::empty();
            let has_check =
                command.checks.len() + command.subcommands.iter().map(|s| s.checks.len()).sum::<usize>() > 0;
            assert_eq!(
                moderators_only, has_check,
                "/{}: a command is hidden from members exactly when it is checked server-side",
                command.name
            );
        }
        let faq = all().into_iter().find(|c| c.name == "faq").expect("/faq");
        let names: Vec<&str> = faq.subcommands.iter().map(|s| &*s.name).collect();
        assert_eq!(names, ["list", "show"], "members' /faq has member subcommands only");
    }

    #[test]
    fn question_options_declare_the_one_length_limit() {
        let limit = crate::app::answer::QUESTION_MAX_CHARS as u32;
        for command in flatten(all()) {
            let create = command.create_as_slash_command();
            let Some(create) = create else { continue };
            let json = serde_json::to_value(create).unwrap();
            for option in json["options"].as_array().into_iter().flatten() {
                if option["name"] == "question" {
                    assert_eq!(option["max_length"], limit, "/{} question's max_length", command.qualified_name);
                }
            }
        }
    }
}
