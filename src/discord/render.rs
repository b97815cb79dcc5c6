//! The one renderer: application messages ([`crate::app::view`]) into serenity builders,
//! for each way a message reaches Discord. Every builder carries [`safety::no_mentions`]
//! (a reply notifies only the author it replies to).

use serenity::all::{
    AutocompleteChoice, ButtonStyle, ChannelId, CreateActionRow, CreateAttachment, CreateAutocompleteResponse,
    CreateButton, CreateEmbed, CreateEmbedFooter, CreateInteractionResponseMessage, CreateMessage, MessageId,
    MessageReference, MessageReferenceKind, ReactionType,
};

use super::safety;
use crate::app::view::{Audience, Button, Card, Choice, Message, Style};
use crate::limits::{ACTION_ROWS_MAX, BUTTONS_PER_ROW_MAX};

pub fn embed(card: &Card) -> CreateEmbed {
    let mut embed = CreateEmbed::new().title(&card.title);
    if !card.description.is_empty() {
        embed = embed.description(&card.description);
    }
    if let Some(url) = &card.url {
        embed = embed.url(url);
    }
    for (name, value) in &card.fields {
        embed = embed.field(name, value, card.inline_fields);
    }
    if let Some(sources) = card.sources.as_ref().filter(|s| !s.links.is_empty()) {
        embed = embed.field(&sources.heading, sources.markdown(), false);
    }
    if let Some(footer) = &card.footer {
        embed = embed.footer(CreateEmbedFooter::new(footer));
    }
    if let Some(image) = &card.image {
        embed = embed.image(format!("attachment://{image}"));
    }
    embed
}

pub fn components(buttons: &[Button]) -> Vec<CreateActionRow> {
    buttons
        .chunks(BUTTONS_PER_ROW_MAX)
        .take(ACTION_ROWS_MAX)
        .map(|row| CreateActionRow::Buttons(row.iter().map(button).collect()))
        .collect()
}

fn button(b: &Button) -> CreateButton {
    let style = match b.style {
        Style::Primary => ButtonStyle::Primary,
        Style::Secondary => ButtonStyle::Secondary,
        Style::Success => ButtonStyle::Success,
    };
    let mut button = CreateButton::new(&b.custom_id).label(&b.label).style(style);
    if let Some(emoji) = b.emoji {
        button = button.emoji(ReactionType::Unicode(emoji.to_string()));
    }
    button
}

fn embeds(message: &Message) -> Vec<CreateEmbed> {
    message.cards.iter().map(embed).collect()
}

fn attachment(message: &Message) -> Option<CreateAttachment> {
    message.attachment.as_ref().map(|file| CreateAttachment::bytes(file.bytes.clone(), file.name.clone()))
}

/// As a command's reply or follow-up (poise): private ones are ephemeral.
pub fn create_reply(message: &Message) -> poise::CreateReply {
    let mut reply = poise::CreateReply::default()
        .ephemeral(message.audience == Audience::Private)
        .allowed_mentions(safety::no_mentions())
        .components(components(&message.buttons));
    for embed in embeds(message) {
        reply = reply.embed(embed);
    }
    if let Some(content) = &message.content {
        reply = reply.content(content);
    }
    if let Some(file) = attachment(message) {
        reply = reply.attachment(file);
    }
    reply
}

/// As an interaction response message (buttons, modals).
pub fn interaction_message(message: &Message) -> CreateInteractionResponseMessage {
    let mut builder = CreateInteractionResponseMessage::new()
        .ephemeral(message.audience == Audience::Private)
        .allowed_mentions(safety::no_mentions())
        .components(components(&message.buttons))
        .embeds(embeds(message));
    if let Some(content) = &message.content {
        builder = builder.content(content);
    }
    builder
}

/// As a channel message; `reply_to` makes it a reply that notifies only that message's author.
/// A reply to a message deleted meanwhile is still posted, as a plain message
/// (`fail_if_not_exists: false`; Discord refuses it otherwise).
pub fn channel_message(message: &Message, reply_to: Option<(ChannelId, MessageId)>) -> CreateMessage {
    let mut builder = CreateMessage::new().components(components(&message.buttons)).embeds(embeds(message));
    builder = match reply_to {
        Some((channel, id)) => builder
            .reference_message(
                MessageReference::new(MessageReferenceKind::Default, channel).message_id(id).fail_if_not_exists(false),
            )
            .allowed_mentions(safety::reply_mentions()),
        None => builder.allowed_mentions(safety::no_mentions()),
    };
    if let Some(content) = &message.content {
        builder = builder.content(content);
    }
    builder
}

/// Autocomplete choices as Discord's answer.
pub fn autocomplete(choices: Vec<Choice>) -> CreateAutocompleteResponse {
    CreateAutocompleteResponse::new()
        .set_choices(choices.into_iter().map(|c| AutocompleteChoice::new(c.name, c.value)).collect())
}
