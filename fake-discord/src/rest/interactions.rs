//! Answering interactions: the callback, follow-ups and the interaction webhook's messages.
//!
//! <https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction>

use std::time::{Duration, Instant, SystemTime};

use serde_json::{json, Value};

use super::{parse_id, RestResponse};
use crate::error::{ApiError, FormErrors};
use crate::limits::{self, MessageBody};
use crate::messages::{flags, StoredMessage};
use crate::payloads::{self, interaction_kind};
use crate::state::State;
use crate::world::{self, World};

/// Interaction callback types, from <https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-interaction-callback-type>.
mod callback {
    pub const CHANNEL_MESSAGE: u64 = 4;
    pub const DEFERRED_CHANNEL_MESSAGE: u64 = 5;
    pub const DEFERRED_UPDATE_MESSAGE: u64 = 6;
    pub const UPDATE_MESSAGE: u64 = 7;
    pub const AUTOCOMPLETE_RESULT: u64 = 8;
    pub const MODAL: u64 = 9;
}

pub(super) fn respond(
    state: &mut State,
    id: &str,
    token: &str,
    body: &Value,
    now: Instant,
    wall: SystemTime,
) -> Result<RestResponse, ApiError> {
    let id = parse_id(id).map_err(|_| ApiError::unknown_interaction())?;
    let deadline = state.config.interaction_timeout;
    let record =
        state.interactions.get(&id).filter(|r| r.token == token).ok_or_else(ApiError::unknown_interaction)?.clone();
    if record.response_type.is_some() {
        return Err(ApiError::already_acknowledged());
    }
    if now.saturating_duration_since(record.created) > deadline {
        return Err(ApiError::unknown_interaction());
    }
    let kind = body.get("type").and_then(Value::as_u64).unwrap_or(0);
    let data = body.get("data").cloned().unwrap_or(Value::Null);
    if !callback_allowed(record.kind, kind, record.message_id.is_some()) {
        let mut errors = FormErrors::default();
        errors.push(
            "type",
            "INTERACTION_CALLBACK_TYPE_INVALID",
            format!("Callback type {kind} is not allowed for this interaction"),
        );
        return Err(ApiError::invalid_form(&errors));
    }
    let bot = world::user(World::BOT).expect("the world has a bot");
    let mut original_message_id = None;
    let mut autocomplete_choices = None;
    let mut modal = None;
    match kind {
        callback::CHANNEL_MESSAGE | callback::DEFERRED_CHANNEL_MESSAGE => {
            let mut message_body = data;
            if kind == callback::CHANNEL_MESSAGE {
                limits::check_message(&message_body, "data.", MessageBody::Create)?;
            } else {
                // The "thinking..." placeholder keeps only whether it is ephemeral.
                let ephemeral = message_body.get("flags").and_then(Value::as_u64).unwrap_or(0) & flags::EPHEMERAL;
                message_body = json!({ "flags": ephemeral | flags::LOADING });
            }
            let message_id = state.next_id();
            let mut message =
                StoredMessage::from_body(message_id, record.channel_id, record.guild_id, bot, &message_body, wall);
            message.interaction_id = Some(record.id);
            message.webhook_id = Some(World::APPLICATION);
            state.insert_message(message);
            original_message_id = Some(message_id);
        }
        callback::DEFERRED_UPDATE_MESSAGE | callback::UPDATE_MESSAGE => {
            let message_id = record.message_id.expect("checked by callback_allowed");
            if kind == callback::UPDATE_MESSAGE {
                limits::check_message(&data, "data.", MessageBody::Edit)?;
                let message = state.messages.get_mut(&message_id).ok_or_else(ApiError::unknown_message)?;
                message.edit(&data, wall);
            }
            original_message_id = Some(message_id);
        }
        callback::AUTOCOMPLETE_RESULT => {
            limits::check_autocomplete(&data)?;
            autocomplete_choices = Some(data.get("choices").cloned().unwrap_or(json!([])));
        }
        callback::MODAL => {
            limits::check_modal(&data)?;
            modal = Some(data);
        }
        _ => unreachable!("callback_allowed admits no other type"),
    }
    let record = state.interactions.get_mut(&id).expect("the record was found above");
    record.response_type = Some(kind as u8);
    record.original_message_id = original_message_id;
    record.autocomplete_choices = autocomplete_choices;
    record.modal = modal;
    Ok(RestResponse::no_content())
}

/// Which callback types Discord accepts for which interaction types.
fn callback_allowed(interaction: u8, callback_type: u64, has_message: bool) -> bool {
    use callback::*;
    match interaction {
        interaction_kind::APPLICATION_COMMAND => {
            matches!(callback_type, CHANNEL_MESSAGE | DEFERRED_CHANNEL_MESSAGE | MODAL)
        }
        interaction_kind::MESSAGE_COMPONENT => matches!(
            callback_type,
            CHANNEL_MESSAGE | DEFERRED_CHANNEL_MESSAGE | DEFERRED_UPDATE_MESSAGE | UPDATE_MESSAGE | MODAL
        ),
        interaction_kind::AUTOCOMPLETE => callback_type == AUTOCOMPLETE_RESULT,
        interaction_kind::MODAL_SUBMIT => match callback_type {
            CHANNEL_MESSAGE | DEFERRED_CHANNEL_MESSAGE => true,
            DEFERRED_UPDATE_MESSAGE | UPDATE_MESSAGE => has_message,
            _ => false,
        },
        _ => false,
    }
}

/// The interaction behind a webhook token, if its webhook may be used: only once the
/// interaction was answered, and for as long as the token lives.
fn webhook_interaction(state: &State, token: &str, now: Instant) -> Result<u64, ApiError> {
    let lifetime = Duration::from_secs(limits::INTERACTION_TOKEN_LIFETIME_SECS);
    state
        .interactions
        .values()
        .find(|r| r.token == token)
        .filter(|r| r.response_type.is_some())
        .filter(|r| now.saturating_duration_since(r.created) <= lifetime)
        .map(|r| r.id)
        .ok_or_else(ApiError::unknown_webhook)
}

pub(super) fn create_followup(
    state: &mut State,
    token: &str,
    body: &Value,
    now: Instant,
    wall: SystemTime,
) -> Result<RestResponse, ApiError> {
    let id = webhook_interaction(state, token, now)?;
    limits::check_message(body, "", MessageBody::Create)?;
    let record = state.interactions[&id].clone();
    // After a deferred message response, the first follow-up fills the "thinking..."
    // placeholder, which keeps the ephemerality chosen when deferring.
    let placeholder = record
        .original_message_id
        .filter(|_| record.response_type == Some(callback::DEFERRED_CHANNEL_MESSAGE as u8))
        .and_then(|m| state.messages.get_mut(&m))
        .filter(|m| m.flags & flags::LOADING != 0);
    let (answer, message_id) = if let Some(message) = placeholder {
        let mut edit = body.clone();
        if let Some(fields) = edit.as_object_mut() {
            fields.remove("flags");
        }
        message.edit(&edit, wall);
        message.edited = None;
        (payloads::message(message), message.id)
    } else {
        let message_id = state.next_id();
        let bot = world::user(World::BOT).expect("the world has a bot");
        let mut message = StoredMessage::from_body(message_id, record.channel_id, record.guild_id, bot, body, wall);
        message.interaction_id = Some(id);
        message.webhook_id = Some(World::APPLICATION);
        let answer = payloads::message(&message);
        state.insert_message(message);
        (answer, message_id)
    };
    if let Some(record) = state.interactions.get_mut(&id) {
        record.followups.push(message_id);
    }
    Ok(RestResponse::ok(answer))
}

pub(super) fn webhook_message(
    state: &mut State,
    method: &str,
    token: &str,
    message: &str,
    body: &Value,
    now: Instant,
    wall: SystemTime,
) -> Result<RestResponse, ApiError> {
    let id = webhook_interaction(state, token, now)?;
    let record = &state.interactions[&id];
    let message_id = if message == "@original" {
        record.original_message_id.ok_or_else(ApiError::unknown_message)?
    } else {
        let message_id = parse_id(message)?;
        let owned = record.original_message_id == Some(message_id) || record.followups.contains(&message_id);
        if !owned {
            return Err(ApiError::unknown_message());
        }
        message_id
    };
    let stored = state.messages.get_mut(&message_id).ok_or_else(ApiError::unknown_message)?;
    match method {
        "GET" => Ok(RestResponse::ok(payloads::message(stored))),
        "PATCH" => {
            limits::check_message(body, "", MessageBody::Edit)?;
            stored.edit(body, wall);
            Ok(RestResponse::ok(payloads::message(stored)))
        }
        "DELETE" => {
            state.messages.remove(&message_id);
            Ok(RestResponse::no_content())
        }
        _ => Err(ApiError::unknown_route()),
    }
}

#[cfg(test)]
mod tests {
    use serenity::model::channel::Message;

    use super::*;
    use crate::rest::tests::{assert_refused, body, call, call_at, callback_path, command};
    use crate::testing::{decode, only_event, state};

    #[test]
    fn a_message_response_is_stored_and_a_second_answer_refused() {
        let mut state = state();
        let interaction = command(&mut state, interaction_kind::APPLICATION_COMMAND, Instant::now());
        let path = callback_path(&interaction);
        let answer = json!({ "type": 4, "data": { "content": "hi", "allowed_mentions": { "parse": [] } } });
        assert_eq!(call(&mut state, "POST", &path, answer.clone()).status, 204);
        let record = &state.interactions[&interaction.0];
        assert_eq!(record.response_type, Some(4));
        let original = &state.messages[&record.original_message_id.unwrap()];
        assert_eq!(original.content, "hi");
        assert_eq!(original.interaction_id, Some(interaction.0));
        assert_eq!(original.allowed_mentions, Some(json!({ "parse": [] })));
        assert_refused(&call(&mut state, "POST", &path, answer), 400, 40060);

        let edit = format!("/api/v10/webhooks/1000/{}/messages/@original", interaction.1);
        let edited = call(&mut state, "PATCH", &edit, json!({ "content": "edited" }));
        assert_eq!(decode::<Message>(body(&edited)).content, "edited");
        let followup = format!("/api/v10/webhooks/1000/{}", interaction.1);
        let sent = call(&mut state, "POST", &followup, json!({ "content": "more", "flags": 64 }));
        assert!(decode::<Message>(body(&sent)).flags.is_some());
        assert_eq!(state.interactions[&interaction.0].followups.len(), 1);
    }

    #[test]
    fn a_late_answer_is_unknown_and_webhooks_need_an_answer_first() {
        let mut state = state();
        let created = Instant::now();
        let interaction = command(&mut state, interaction_kind::APPLICATION_COMMAND, created);
        let followup = format!("/api/v10/webhooks/1000/{}", interaction.1);
        assert_refused(&call(&mut state, "POST", &followup, json!({ "content": "early" })), 404, 10015);
        let late = created + Duration::from_millis(3001);
        let answer = json!({ "type": 4, "data": { "content": "hi" } });
        assert_refused(&call_at(&mut state, "POST", &callback_path(&interaction), answer, late), 404, 10062);
        assert!(state.interactions[&interaction.0].response_type.is_none());
        let bad_token = (interaction.0, "nope".to_owned());
        let answer = json!({ "type": 4, "data": { "content": "hi" } });
        assert_refused(&call(&mut state, "POST", &callback_path(&bad_token), answer), 404, 10062);
    }

    #[test]
    fn the_first_followup_after_a_defer_fills_the_placeholder() {
        let mut state = state();
        let interaction = command(&mut state, interaction_kind::APPLICATION_COMMAND, Instant::now());
        let defer = json!({ "type": 5, "data": { "flags": 64 } });
        assert_eq!(call(&mut state, "POST", &callback_path(&interaction), defer).status, 204);
        let original = state.interactions[&interaction.0].original_message_id.unwrap();
        assert!(state.messages[&original].flags & flags::LOADING != 0);
        let followup = format!("/api/v10/webhooks/1000/{}", interaction.1);
        let first = call(&mut state, "POST", &followup, json!({ "content": "answer" }));
        assert_eq!(body(&first)["id"], original.to_string());
        let filled = &state.messages[&original];
        assert_eq!((filled.content.as_str(), filled.is_ephemeral()), ("answer", true));
        assert_eq!(filled.flags & flags::LOADING, 0);
        let second = call(&mut state, "POST", &followup, json!({ "content": "again" }));
        assert_ne!(body(&second)["id"], original.to_string());
        assert_eq!(state.interactions[&interaction.0].followups.len(), 2);
    }

    #[test]
    fn update_message_edits_the_component_message() {
        let mut state = state();
        let message_id = state.next_id();
        let bot = world::user(World::BOT).unwrap();
        let body_json = json!({ "content": "pick", "components": [{ "type": 1, "components": [
            { "type": 2, "style": 1, "label": "Yes", "custom_id": "yes" }] }] });
        let stored = StoredMessage::from_body(
            message_id,
            World::HELP_CHANNEL,
            Some(World::GUILD),
            bot,
            &body_json,
            SystemTime::now(),
        );
        state.insert_message(stored);
        let interaction = command(&mut state, interaction_kind::MESSAGE_COMPONENT, Instant::now());
        state.interactions.get_mut(&interaction.0).unwrap().message_id = Some(message_id);
        let update = json!({ "type": 7, "data": { "content": "thanks", "components": [] } });
        assert_eq!(call(&mut state, "POST", &callback_path(&interaction), update).status, 204);
        assert_eq!(state.messages[&message_id].content, "thanks");
        assert!(state.messages[&message_id].components.is_empty());
        assert_eq!(state.interactions[&interaction.0].original_message_id, Some(message_id));
    }

    #[test]
    fn autocomplete_answers_are_checked_and_kept() {
        let mut state = state();
        let interaction = command(&mut state, interaction_kind::AUTOCOMPLETE, Instant::now());
        let choice = json!({ "name": "Opt out", "value": "opt-out" });
        let too_many = json!({ "type": 8, "data": { "choices": vec![choice.clone(); 26] } });
        assert_refused(&call(&mut state, "POST", &callback_path(&interaction), too_many), 400, 50035);
        let message = json!({ "type": 4, "data": { "content": "no" } });
        assert_refused(&call(&mut state, "POST", &callback_path(&interaction), message), 400, 50035);
        let ok = json!({ "type": 8, "data": { "choices": [choice.clone()] } });
        assert_eq!(call(&mut state, "POST", &callback_path(&interaction), ok).status, 204);
        assert_eq!(state.interactions[&interaction.0].autocomplete_choices, Some(json!([choice])));
    }

    #[test]
    fn webhook_messages_deserialize_as_messages() {
        let mut state = state();
        let interaction = command(&mut state, interaction_kind::APPLICATION_COMMAND, Instant::now());
        let answer =
            json!({ "type": 4, "data": { "content": "hi", "embeds": [{ "title": "t", "description": "d" }] } });
        call(&mut state, "POST", &callback_path(&interaction), answer);
        let event = only_event(&mut state);
        assert!(matches!(event, serenity::model::event::Event::MessageCreate(_)), "{event:?}");
        let original = format!("/api/v10/webhooks/1000/{}/messages/@original", interaction.1);
        let message = decode::<Message>(body(&call(&mut state, "GET", &original, Value::Null)));
        assert_eq!(message.embeds[0].title.as_deref(), Some("t"));
        assert_eq!(call(&mut state, "DELETE", &original, Value::Null).status, 204);
        assert_refused(&call(&mut state, "GET", &original, Value::Null), 404, 10008);
    }
}
