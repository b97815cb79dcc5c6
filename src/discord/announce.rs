//! `/announce new`, `/announce list`, `/announce cancel`, and the preview's Confirm and Cancel
//! buttons and the text modal.
//!
//! Nothing is posted from here. `/announce new` checks the options with the announcement rules
//! and keeps a *draft* in memory; the moderator sees an ephemeral preview. **Confirm** stores
//! the announcement (due now, or at its time) and wakes the scheduler, which posts it through
//! the store's claim, so a crash or a second press cannot post it twice. A draft that is never
//! confirmed (or that a restart forgets) posts nothing.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration as StdDuration;

use chrono::{DateTime, Utc};

use serenity::all::{
    ActionRowComponent, AutocompleteChoice, ButtonStyle, ChannelType, ComponentInteraction, Context as SerenityContext,
    CreateActionRow, CreateAutocompleteResponse, CreateButton, CreateEmbed, CreateInputText, CreateInteractionResponse,
    CreateInteractionResponseMessage, CreateModal, EditInteractionResponse, InputTextStyle, ModalInteraction,
    PartialChannel, Role,
};
use tokio::sync::Notify;
use tracing::{error, info};

use super::http_retry::with_retry;
use super::moderator::{self, is_moderator};
use super::render::{self, Audience};
use super::{safety, Context, Data, Error};
use crate::announce::{
    allowed_mentions, check_body, check_publish, compose_content, parse_at, Announcement, Body, NewAnnouncement, Ping,
    Repeat, Schedule, Status,
};
use crate::app::announcements::CancelOutcome;
use crate::limits::{CUSTOM_ID_MAX_CHARS, MESSAGE_CONTENT_MAX_CHARS};

/// Custom-id prefix of everything this file puts on a message or modal.
pub const PREFIX: &str = "ann";

/// How long Confirm waits for the scheduler to post an immediate announcement before saying
/// it is on its way (it still is: the scheduler keeps it until it is sent or reported).
const POST_WAIT: StdDuration = StdDuration::from_secs(10);
const POST_POLL: StdDuration = StdDuration::from_millis(100);

/// Drafts kept at most this many at once (oldest dropped): they only live until confirmed.
const DRAFTS_MAX: usize = 1000;

/// An announcement a moderator has not confirmed yet.
#[derive(Debug, Clone)]
pub struct Draft {
    pub owner: u64,
    pub new: NewAnnouncement,
    /// `at` was given: posted at that time; otherwise at once on Confirm.
    pub scheduled: bool,
}

/// What `/announce` shares between the command, the buttons and the scheduler.
#[derive(Debug, Default)]
pub struct AnnounceState {
    next_draft: AtomicU64,
    drafts: Mutex<HashMap<u64, Draft>>,
    /// Wakes the scheduler when an announcement is stored.
    pub wake: Arc<Notify>,
}

impl AnnounceState {
    pub fn new(wake: Arc<Notify>) -> AnnounceState {
        AnnounceState { next_draft: AtomicU64::new(1), drafts: Mutex::new(HashMap::new()), wake }
    }

    fn keep(&self, draft: Draft) -> u64 {
        let id = self.next_draft.fetch_add(1, Ordering::Relaxed);
        let mut drafts = self.drafts.lock().unwrap_or_else(|p| p.into_inner());
        if drafts.len() >= DRAFTS_MAX {
            if let Some(oldest) = drafts.keys().min().copied() {
                drafts.remove(&oldest);
            }
        }
        drafts.insert(id, draft);
        id
    }

    fn get(&self, id: u64) -> Option<Draft> {
        self.drafts.lock().unwrap_or_else(|p| p.into_inner()).get(&id).cloned()
    }

    fn set(&self, id: u64, draft: Draft) {
        self.drafts.lock().unwrap_or_else(|p| p.into_inner()).insert(id, draft);
    }

    /// Removes and returns the draft: only one press can confirm it.
    fn take(&self, id: u64) -> Option<Draft> {
        self.drafts.lock().unwrap_or_else(|p| p.into_inner()).remove(&id)
    }
}

/// What a button or modal of ours does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnnounceAction {
    Confirm(u64),
    Cancel(u64),
    /// The text modal of a draft.
    Text(u64),
}

impl AnnounceAction {
    pub fn custom_id(self) -> String {
        let id = match self {
            AnnounceAction::Confirm(draft) => format!("{PREFIX}:confirm:{draft}"),
            AnnounceAction::Cancel(draft) => format!("{PREFIX}:cancel:{draft}"),
            AnnounceAction::Text(draft) => format!("{PREFIX}:text:{draft}"),
        };
        debug_assert!(id.len() <= CUSTOM_ID_MAX_CHARS);
        id
    }

    /// `None` for custom ids this file did not make.
    pub fn parse(custom_id: &str) -> Option<AnnounceAction> {
        let rest = custom_id.strip_prefix(PREFIX)?.strip_prefix(':')?;
        let (verb, draft) = rest.split_once(':')?;
        let draft = draft.parse().ok()?;
        match verb {
            "confirm" => Some(AnnounceAction::Confirm(draft)),
            "cancel" => Some(AnnounceAction::Cancel(draft)),
            "text" => Some(AnnounceAction::Text(draft)),
            _ => None,
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
    #[description = "Repeat: daily or weekly"]
    #[autocomplete = "autocomplete_repeat"]
    repeat: Option<String>,
    #[description = "Publish (crosspost) it to servers following this announcement channel"] publish: Option<bool>,
) -> Result<(), Error> {
    let poise::Context::Application(app) = ctx else { return Ok(()) };
    let Some(guild) = ctx.guild_id() else { return Ok(()) };
    let data = ctx.data();
    let now = data.clock.now();
    let draft =
        match draft(data, guild.get(), ctx.author().id.get(), &channel, text, entry, ping, at, repeat, publish, now) {
            Ok(draft) => draft,
            Err(problem) => return say(ctx, &format!("Can't announce that: {problem}")).await,
        };
    let needs_text = matches!(&draft.new.body, Body::Text(text) if text.is_empty());
    let id = data.announce.keep(draft.clone());
    info!(user = %ctx.author().id, channel = %channel.id, draft = id, needs_text, "announcement drafted");
    if needs_text {
        let input = CreateInputText::new(InputTextStyle::Paragraph, "Announcement", "text")
            .placeholder("What to announce (several lines are fine)")
            .max_length(MESSAGE_CONTENT_MAX_CHARS as u16)
            .required(true);
        let modal = CreateModal::new(AnnounceAction::Text(id).custom_id(), "New announcement")
            .components(vec![CreateActionRow::InputText(input)]);
        let http = ctx.serenity_context().http.clone();
        with_retry("announcement modal", || {
            app.interaction.create_response(&http, CreateInteractionResponse::Modal(modal.clone()))
        })
        .await?;
        app.has_sent_initial_response.store(true, Ordering::SeqCst);
        return Ok(());
    }
    let preview = preview(data, id, &draft);
    with_retry("announcement preview", || ctx.send(preview.clone())).await?;
    Ok(())
}

/// List the upcoming announcements in this server
#[poise::command(slash_command, guild_only)]
pub async fn list(ctx: Context<'_>) -> Result<(), Error> {
    let Some(guild) = ctx.guild_id() else { return Ok(()) };
    let upcoming = ctx.data().store.announcements.upcoming_announcements(guild.get()).await?;
    let text = if upcoming.is_empty() {
        "No announcements are scheduled.".to_owned()
    } else {
        let lines: Vec<String> = upcoming.iter().map(describe).collect();
        format!("Upcoming announcements:\n{}", lines.join("\n"))
    };
    say(ctx, &text).await
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
    let data = ctx.data();
    let by = ctx.author().id.get();
    let outcome = data.store.announcements.cancel_announcement(guild.get(), id, by, data.clock.now()).await?;
    info!(user = by, announcement = id, outcome = ?std::mem::discriminant(&outcome), "announcement cancel");
    let text = match outcome {
        CancelOutcome::Cancelled(a) => {
            let series = if a.repeat == Repeat::None { "" } else { " (and its repeats)" };
            format!("Cancelled announcement #{}{series}: it will not be posted.", a.id)
        }
        CancelOutcome::NotFound => format!("There is no announcement #{id} in this server."),
        CancelOutcome::NotCancellable(status) => format!("Announcement #{id} is {status}: nothing to cancel."),
    };
    say(ctx, &text).await
}

/// Checks the options and builds the draft; the error is shown to the moderator as is.
#[allow(clippy::too_many_arguments)]
fn draft(
    data: &Data,
    guild: u64,
    owner: u64,
    channel: &PartialChannel,
    text: Option<String>,
    entry: Option<String>,
    ping: Option<Role>,
    at: Option<String>,
    repeat: Option<String>,
    publish: Option<bool>,
    now: DateTime<Utc>,
) -> Result<Draft, String> {
    let config = &data.config.announcements;
    let text = text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
    let entry = entry.map(|e| e.trim().to_owned()).filter(|e| !e.is_empty());
    let body = match (text, entry) {
        (Some(_), Some(_)) => return Err("give either text or entry, not both".into()),
        (Some(text), None) => Body::Text(text),
        (None, Some(id)) => {
            if data.knowledge.load().faq.entry(&id).is_none() {
                return Err(format!("there is no FAQ entry `{}`", safety::echo(&id)));
            }
            Body::Entry(id)
        }
        // Filled in by the modal.
        (None, None) => Body::Text(String::new()),
    };
    let ping = match ping {
        None => Ping::None,
        Some(role) if role.id.get() == guild => Ping::Everyone,
        Some(role) => Ping::Role(role.id.get()),
    };
    allowed_mentions(&config.ping_policy(), ping).map_err(|e| e.to_string())?;
    if matches!(&body, Body::Text(t) if !t.is_empty()) || matches!(body, Body::Entry(_)) {
        check_body(&body, ping).map_err(|e| e.to_string())?;
    }
    let publish = publish.unwrap_or(false);
    check_publish(publish, channel.kind == ChannelType::News).map_err(|e| e.to_string())?;
    let timezone = config.timezone();
    let at = at.map(|a| a.trim().to_owned()).filter(|a| !a.is_empty());
    let schedule = match &at {
        Some(at) => parse_at(at, now, timezone).map_err(|e| e.to_string())?,
        None => Schedule { due_at: now, timezone },
    };
    let repeat = Repeat::parse(repeat.as_deref().unwrap_or("")).map_err(|e| e.to_string())?;
    Ok(Draft {
        owner,
        new: NewAnnouncement {
            guild_id: guild,
            channel_id: channel.id.get(),
            body,
            ping,
            schedule,
            repeat,
            publish,
            created_by: owner,
        },
        scheduled: at.is_some(),
    })
}

/// The preview: exactly the message that will be posted, then a card saying when, where,
/// whom it pings and how it repeats, and Confirm / Cancel.
fn preview_parts(data: &Data, id: u64, draft: &Draft) -> (String, Vec<CreateEmbed>, Vec<CreateActionRow>) {
    let new = &draft.new;
    let (text, entry) = match &new.body {
        Body::Text(text) => (text.as_str(), None),
        Body::Entry(id) => ("", Some(id.as_str())),
    };
    let content = compose_content(text, new.ping).unwrap_or_default();
    let mut embeds = Vec::new();
    if let Some(entry) = entry.and_then(|id| data.knowledge.load().faq.entry(id).cloned()) {
        embeds.push(render::embed(&render::entry_card(&entry)));
    }
    let when = if draft.scheduled {
        format!("<t:{0}:F> (<t:{0}:R>)", new.schedule.due_at.timestamp())
    } else {
        "as soon as you confirm".to_owned()
    };
    let ping = match new.ping {
        Ping::None => "nobody".to_owned(),
        Ping::Role(role) => format!("<@&{role}> (only this role)"),
        Ping::Everyone => "@everyone".to_owned(),
    };
    let details = CreateEmbed::new()
        .title("Preview: nothing is posted until you press Confirm")
        .field("Where", format!("<#{}>", new.channel_id), true)
        .field("When", when, true)
        .field("Pings", ping, true)
        .field("Repeats", new.repeat.as_str(), true)
        .field("Publish", if new.publish { "yes" } else { "no" }, true);
    embeds.push(details);
    let buttons = CreateActionRow::Buttons(vec![
        CreateButton::new(AnnounceAction::Confirm(id).custom_id()).label("Confirm").style(ButtonStyle::Success),
        CreateButton::new(AnnounceAction::Cancel(id).custom_id()).label("Cancel").style(ButtonStyle::Secondary),
    ]);
    (content, embeds, vec![buttons])
}

fn preview(data: &Data, id: u64, draft: &Draft) -> poise::CreateReply {
    let (content, embeds, components) = preview_parts(data, id, draft);
    let mut reply =
        poise::CreateReply::default().ephemeral(true).allowed_mentions(safety::no_mentions()).components(components);
    for embed in embeds {
        reply = reply.embed(embed);
    }
    if !content.is_empty() {
        reply = reply.content(content);
    }
    reply
}

fn preview_message(data: &Data, id: u64, draft: &Draft) -> CreateInteractionResponseMessage {
    let (content, embeds, components) = preview_parts(data, id, draft);
    let mut message = CreateInteractionResponseMessage::new()
        .ephemeral(true)
        .allowed_mentions(safety::no_mentions())
        .embeds(embeds)
        .components(components);
    if !content.is_empty() {
        message = message.content(content);
    }
    message
}

/// One line of `/announce list`.
fn describe(a: &Announcement) -> String {
    let what = match &a.body {
        Body::Text(text) => safety::echo(&safety::cap(text, 60)),
        Body::Entry(id) => format!("FAQ entry `{}`", safety::echo(id)),
    };
    let mut line = format!("**#{}** <t:{}:F> in <#{}>: {what}", a.id, a.due_at.timestamp(), a.channel_id);
    match a.ping {
        Ping::None => {}
        Ping::Role(role) => line.push_str(&format!(" · pings <@&{role}>")),
        Ping::Everyone => line.push_str(" · pings @everyone"),
    }
    if a.repeat != Repeat::None {
        line.push_str(&format!(" · {}", a.repeat));
    }
    if a.publish {
        line.push_str(" · published");
    }
    if a.status == Status::Sending {
        line.push_str(" · sending now");
    }
    line
}

async fn say(ctx: Context<'_>, text: &str) -> Result<(), Error> {
    let message = render::Message {
        content: Some(safety::cap(text, MESSAGE_CONTENT_MAX_CHARS)),
        card: None,
        buttons: vec![],
        audience: Audience::Private,
    };
    let reply = render::create_reply(&message);
    with_retry("announce reply", || ctx.send(reply.clone())).await?;
    Ok(())
}

fn private_text(text: &str) -> CreateInteractionResponseMessage {
    CreateInteractionResponseMessage::new()
        .ephemeral(true)
        .allowed_mentions(safety::no_mentions())
        .content(safety::cap(text, MESSAGE_CONTENT_MAX_CHARS))
}

/// A press on Confirm or Cancel. `false` when the custom id is not ours.
pub async fn on_component(ctx: &SerenityContext, data: &Data, component: &ComponentInteraction) -> Result<bool, Error> {
    let Some(action) = AnnounceAction::parse(&component.data.custom_id) else { return Ok(false) };
    let user = component.user.id.get();
    info!(user, custom_id = %component.data.custom_id, "announcement button pressed");
    let respond = |response: CreateInteractionResponse| async move {
        with_retry("announcement button", || component.create_response(&ctx.http, response.clone())).await
    };
    if !is_moderator(component, &data.config) {
        info!(user, "refused: not a moderator");
        respond(CreateInteractionResponse::Message(private_text(moderator::REFUSAL))).await?;
        return Ok(true);
    }
    let draft_id = match action {
        AnnounceAction::Confirm(id) | AnnounceAction::Cancel(id) | AnnounceAction::Text(id) => id,
    };
    match data.announce.get(draft_id) {
        Some(draft) if draft.owner != user => {
            let text = "Only the moderator who wrote this announcement can confirm or cancel it.";
            respond(CreateInteractionResponse::Message(private_text(text))).await?;
            return Ok(true);
        }
        Some(_) => {}
        None => {
            let text = "This preview has expired (or was already used): nothing was posted from it. Run `/announce new` again.";
            respond(CreateInteractionResponse::UpdateMessage(private_text(text).components(vec![]))).await?;
            return Ok(true);
        }
    }
    let Some(draft) = data.announce.take(draft_id) else { return Ok(true) };
    match action {
        AnnounceAction::Cancel(_) | AnnounceAction::Text(_) => {
            info!(user, draft = draft_id, "announcement draft cancelled");
            let text = "Cancelled: nothing was posted.";
            respond(CreateInteractionResponse::UpdateMessage(private_text(text).embeds(vec![]).components(vec![])))
                .await?;
        }
        AnnounceAction::Confirm(_) => {
            let working = if draft.scheduled { "Scheduling…" } else { "Posting…" };
            respond(CreateInteractionResponse::UpdateMessage(private_text(working).embeds(vec![]).components(vec![])))
                .await?;
            let outcome = confirm(data, draft).await;
            let edit = EditInteractionResponse::new().content(safety::cap(&outcome, MESSAGE_CONTENT_MAX_CHARS));
            if let Err(error) =
                with_retry("announcement outcome", || component.edit_response(&ctx.http, edit.clone())).await
            {
                error!(error = %error, "could not show the announcement's outcome");
            }
        }
    }
    Ok(true)
}

/// Stores a confirmed draft and, for an immediate one, waits for the scheduler to post it.
/// Returns what to tell the moderator.
async fn confirm(data: &Data, mut draft: Draft) -> String {
    let now = data.clock.now();
    if !draft.scheduled {
        // Due when confirmed, not when drafted (a preview may sit for a while).
        draft.new.schedule.due_at = now;
    }
    let new = draft.new.clone();
    let created = match data.store.announcements.create_announcement(&new, now).await {
        Ok(created) => created,
        Err(error) => {
            error!(error = %error, "storing an announcement failed");
            return "Could not store the announcement, so nothing was posted. Try again in a moment.".to_owned();
        }
    };
    info!(announcement = created.id, user = draft.owner, due = %created.due_at, "announcement confirmed");
    data.announce.wake.notify_one();
    if draft.scheduled {
        return format!(
            "Scheduled as announcement #{} for <t:{1}:F> (<t:{1}:R>) in <#{2}>. `/announce cancel id:{0}` stops it.",
            created.id,
            created.due_at.timestamp(),
            created.channel_id
        );
    }
    let start = tokio::time::Instant::now();
    loop {
        if let Ok(Some(now)) = data.store.announcements.announcement(created.id).await {
            match now.status {
                Status::Sent => {
                    let link = now
                        .sent_message_id
                        .map(|m| format!(": https://discord.com/channels/{}/{}/{m}", now.guild_id, now.channel_id))
                        .unwrap_or_default();
                    return format!("Posted announcement #{} in <#{}>{link}", now.id, now.channel_id);
                }
                Status::Missed => {
                    let reason = now.missed_reason.unwrap_or_default();
                    return format!("Announcement #{} was not posted: {reason}", now.id);
                }
                Status::Cancelled => return format!("Announcement #{} was cancelled.", now.id),
                Status::Scheduled | Status::Sending => {}
            }
        }
        if start.elapsed() > POST_WAIT {
            return format!(
                "Announcement #{} is stored and on its way to <#{}>; it will be posted once (see `/announce list`).",
                created.id, created.channel_id
            );
        }
        tokio::time::sleep(POST_POLL).await;
    }
}

/// The text modal's submission. `false` when the modal is not ours.
pub async fn on_modal(ctx: &SerenityContext, data: &Data, modal: &ModalInteraction) -> Result<bool, Error> {
    let Some(AnnounceAction::Text(draft_id)) = AnnounceAction::parse(&modal.data.custom_id) else {
        return Ok(false);
    };
    let user = modal.user.id.get();
    let respond = |message: CreateInteractionResponseMessage| async move {
        let response = CreateInteractionResponse::Message(message);
        with_retry("announcement modal answer", || modal.create_response(&ctx.http, response.clone())).await
    };
    if !is_moderator(modal, &data.config) {
        respond(private_text(moderator::REFUSAL)).await?;
        return Ok(true);
    }
    let Some(mut draft) = data.announce.get(draft_id).filter(|d| d.owner == user) else {
        respond(private_text("This form has expired: nothing was posted. Run `/announce new` again.")).await?;
        return Ok(true);
    };
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
    draft.new.body = Body::Text(text.trim().to_owned());
    if let Err(problem) = check_body(&draft.new.body, draft.new.ping) {
        data.announce.take(draft_id);
        respond(private_text(&format!("Can't announce that: {problem}"))).await?;
        return Ok(true);
    }
    data.announce.set(draft_id, draft.clone());
    respond(preview_message(data, draft_id, &draft)).await?;
    Ok(true)
}

async fn autocomplete_entry(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    let knowledge = ctx.data().knowledge.load();
    let choices = render::complete_id(&knowledge.faq, partial);
    CreateAutocompleteResponse::new()
        .set_choices(choices.into_iter().map(|c| AutocompleteChoice::new(c.name, c.value)).collect())
}

async fn autocomplete_repeat(_ctx: Context<'_>, _partial: &str) -> CreateAutocompleteResponse {
    CreateAutocompleteResponse::new()
        .set_choices(vec![AutocompleteChoice::new("daily", "daily"), AutocompleteChoice::new("weekly", "weekly")])
}

async fn autocomplete_upcoming(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    let Some(guild) = ctx.guild_id() else { return CreateAutocompleteResponse::new() };
    let upcoming = match ctx.data().store.announcements.upcoming_announcements(guild.get()).await {
        Ok(upcoming) => upcoming,
        _ => return CreateAutocompleteResponse::new(),
    };
    let partial = partial.trim().trim_start_matches('#');
    let choices = upcoming
        .iter()
        .filter(|a| a.id.to_string().starts_with(partial))
        .take(crate::limits::AUTOCOMPLETE_MAX_CHOICES)
        .map(|a| {
            let what = match &a.body {
                Body::Text(text) => text.split_whitespace().collect::<Vec<_>>().join(" "),
                Body::Entry(id) => format!("FAQ entry {id}"),
            };
            let name = format!("#{} {} {}", a.id, a.due_at.format("%Y-%m-%d %H:%M UTC"), what);
            AutocompleteChoice::new(safety::cap(&name, crate::limits::CHOICE_MAX_CHARS), a.id)
        })
        .collect();
    CreateAutocompleteResponse::new().set_choices(choices)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_ids_round_trip_and_foreign_ids_are_ignored() {
        for action in [AnnounceAction::Confirm(7), AnnounceAction::Cancel(u64::MAX), AnnounceAction::Text(1)] {
            assert_eq!(AnnounceAction::parse(&action.custom_id()), Some(action));
        }
        for foreign in ["faq:show:x", "ann:confirm:", "ann:confirm:x", "ann:post:1", "announce"] {
            assert_eq!(AnnounceAction::parse(foreign), None, "{foreign}");
        }
    }
}
