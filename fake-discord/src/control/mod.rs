//! The control API under `/_fake/`: what tests use to act as Discord users and to see what
//! the bot did.
//!
//! Each operation is a plain function of the state; [`router`] wraps them for HTTP. Errors
//! are the tests' mistakes (bad JSON, unknown ids) and answer 400 `{"error": "..."}`.

mod interactions;

use std::fmt;
use std::sync::Arc;
use std::time::{Instant, SystemTime};

use axum::body::Bytes;
use axum::extract::{Path, State as AxumState};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use crate::messages::{id_of, StoredMessage};
use crate::payloads::{self, snowflake};
use crate::state::{FailRule, Failure, Shared, State};
use crate::world::{self, ChannelInfo, UserInfo, World};
use interactions::{create_interaction, press_component, submit_modal};

/// A mistake in a control request, answered with 400.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ControlError(String);

impl fmt::Display for ControlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ControlError {}

pub(super) fn fail<T>(message: impl Into<String>) -> Result<T, ControlError> {
    Err(ControlError(message.into()))
}

/// A snowflake given as a JSON string or number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Id(pub u64);

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        id_of(&value).map(Id).ok_or_else(|| serde::de::Error::custom(format!("{value} is not a snowflake")))
    }
}

pub(super) fn default_user() -> Id {
    Id(World::MEMBER)
}

pub(super) fn default_locale() -> String {
    "en-US".to_owned()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageRequest {
    pub content: String,
    #[serde(default = "default_user")]
    pub author_id: Id,
    #[serde(default)]
    pub channel_id: Option<Id>,
    /// Absent or null: a DM.
    #[serde(default)]
    pub guild_id: Option<Id>,
    #[serde(default)]
    pub mentions_bot: bool,
    #[serde(default)]
    pub author_is_bot: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FailRequest {
    pub path_prefix: String,
    /// Either a status, or `drop`.
    #[serde(default)]
    pub status: Option<u16>,
    /// `"before"`: the connection is closed before the request is handled; `"after"`: after.
    #[serde(default)]
    pub drop: Option<String>,
    #[serde(default = "one")]
    pub count: u32,
    #[serde(default)]
    pub method: Option<String>,
}

fn one() -> u32 {
    1
}

/// Where an interaction or message happens: a known channel, in the guild it claims.
pub(super) fn place(
    guild: Option<Id>,
    channel: Option<Id>,
    user: u64,
) -> Result<(Option<u64>, &'static ChannelInfo), ControlError> {
    let guild = guild.map(|Id(g)| g);
    if let Some(g) = guild.filter(|g| *g != World::GUILD) {
        return fail(format!("unknown guild {g}"));
    }
    let channel = match (channel, guild) {
        (Some(Id(c)), _) => world::channel(c).ok_or(ControlError(format!("unknown channel {c}")))?,
        (None, Some(_)) => world::channel(World::HELP_CHANNEL).expect("the world has #help"),
        (None, None) => {
            world::dm_channel_with(user).ok_or(ControlError(format!("user {user} has no dm channel with the bot")))?
        }
    };
    if channel.guild_id != guild {
        return fail(match channel.guild_id {
            Some(g) => format!("channel {} is in guild {g}: pass guild_id", channel.id),
            None => format!("channel {} is a dm channel: pass no guild_id", channel.id),
        });
    }
    Ok((guild, channel))
}

pub(super) fn known_user(Id(id): Id) -> Result<UserInfo, ControlError> {
    world::user(id).ok_or(ControlError(format!("unknown user {id}")))
}

/// `POST /_fake/messages`: a user (or another bot) posts a message.
pub fn post_message(state: &mut State, request: MessageRequest) -> Result<Value, ControlError> {
    let Id(author_id) = request.author_id;
    let author = match (world::user(author_id), request.author_is_bot) {
        (Some(user), is_bot) => UserInfo { bot: user.bot || is_bot, ..user },
        (None, true) => UserInfo { id: author_id, username: format!("bot-{author_id}"), bot: true, roles: Vec::new() },
        (None, false) => return fail(format!("unknown user {author_id}")),
    };
    let (guild, channel) = place(request.guild_id, request.channel_id, author.id)?;
    let id = state.next_id();
    let body = json!({ "content": request.content });
    let mut message = StoredMessage::from_body(id, channel.id, guild, author, &body, SystemTime::now());
    if request.mentions_bot && !message.mentions.users.contains(&World::BOT) {
        message.mentions.users.push(World::BOT);
    }
    state.insert_message(message);
    Ok(json!({ "id": snowflake(id) }))
}

/// `GET /_fake/interactions/{id}`: how the bot has answered an interaction.
pub fn interaction_state(state: &State, id: u64) -> Result<Value, ControlError> {
    let Some(record) = state.interactions.get(&id) else {
        return fail(format!("unknown interaction {id}"));
    };
    let message = |id: &u64| state.messages.get(id).map(payloads::control_message);
    Ok(json!({
        "id": snowflake(record.id),
        "token": record.token,
        "type": record.kind,
        "responded": record.response_type.is_some(),
        "response_type": record.response_type,
        "original_message_id": record.original_message_id.map(snowflake),
        "original_message": record.original_message_id.as_ref().and_then(message),
        "followups": record.followups.iter().filter_map(message).collect::<Vec<_>>(),
        "autocomplete_choices": record.autocomplete_choices.clone().unwrap_or(json!([])),
        "modal": record.modal,
    }))
}

pub fn world_json() -> Value {
    json!({
        "guild_id": snowflake(World::GUILD),
        "bot_id": snowflake(World::BOT),
        "application_id": snowflake(World::APPLICATION),
        "channels": world::channels().iter().map(|c| json!({
            "id": snowflake(c.id), "name": c.name, "type": c.kind,
            "guild_id": c.guild_id.map(snowflake), "recipient_id": c.recipient.map(snowflake),
        })).collect::<Vec<_>>(),
        "roles": world::roles().iter().map(|r| json!({
            "id": snowflake(r.id), "name": r.name, "permissions": r.permissions.to_string(),
            "mentionable": r.mentionable,
        })).collect::<Vec<_>>(),
        "users": world::users().iter().map(|u| json!({
            "id": snowflake(u.id), "username": u.username, "bot": u.bot,
            "roles": u.roles.iter().map(|r| snowflake(*r)).collect::<Vec<_>>(),
            "permissions": world::member_permissions(u).to_string(),
        })).collect::<Vec<_>>(),
    })
}

pub fn add_failure(state: &mut State, request: FailRequest) -> Result<Value, ControlError> {
    let failure = match (request.status, request.drop.as_deref()) {
        (Some(status), None) if (400..=599).contains(&status) => Failure::Status(status),
        (Some(status), None) => return fail(format!("status {status}: expected 400 to 599")),
        (None, Some("before")) => Failure::DropBefore,
        (None, Some("after")) => Failure::DropAfter,
        (None, Some(other)) => return fail(format!("drop {other:?}: expected \"before\" or \"after\"")),
        (None, None) | (Some(_), Some(_)) => return fail("give either a status or drop"),
    };
    state.failures.push(FailRule {
        path_prefix: request.path_prefix,
        method: request.method,
        failure,
        remaining: request.count,
    });
    Ok(json!({ "queued": state.failures.len() }))
}

// --- HTTP edge ---------------------------------------------------------------------------

type Shared_ = AxumState<Arc<Shared>>;

pub fn router() -> Router<Arc<Shared>> {
    Router::new()
        .route("/world", get(|| async { Json(world_json()) }))
        .route("/interactions", post(interactions))
        .route("/interactions/{id}", get(interaction))
        .route("/components", post(components))
        .route("/modals", post(modals))
        .route("/messages", post(messages).get(list_messages))
        .route("/messages/{id}", delete(delete_message))
        .route("/requests", get(requests).delete(clear_requests))
        .route("/commands", get(commands))
        .route("/gateway", get(gateway))
        .route("/gateway/reconnect", post(reconnect))
        .route("/fail", post(failure))
        .route("/attachments/{message}/{index}", get(attachment))
}

fn answer(result: Result<Value, ControlError>) -> Response {
    match result {
        Ok(value) => Json(value).into_response(),
        Err(error) => (StatusCode::BAD_REQUEST, Json(json!({ "error": error.0 }))).into_response(),
    }
}

fn parse<T: DeserializeOwned>(body: &Bytes) -> Result<T, ControlError> {
    serde_json::from_slice(body).map_err(|e| ControlError(format!("bad request body: {e}")))
}

async fn interactions(AxumState(shared): Shared_, body: Bytes) -> Response {
    answer(parse(&body).and_then(|r| shared.with_state(|s| create_interaction(s, r, Instant::now()))))
}

async fn components(AxumState(shared): Shared_, body: Bytes) -> Response {
    answer(parse(&body).and_then(|r| shared.with_state(|s| press_component(s, r, Instant::now()))))
}

async fn modals(AxumState(shared): Shared_, body: Bytes) -> Response {
    answer(parse(&body).and_then(|r| shared.with_state(|s| submit_modal(s, r, Instant::now()))))
}

async fn messages(AxumState(shared): Shared_, body: Bytes) -> Response {
    answer(parse(&body).and_then(|r| shared.with_state(|s| post_message(s, r))))
}

async fn failure(AxumState(shared): Shared_, body: Bytes) -> Response {
    answer(parse(&body).and_then(|r| shared.with_state(|s| add_failure(s, r))))
}

async fn interaction(AxumState(shared): Shared_, Path(id): Path<String>) -> Response {
    let id = id.parse().map_err(|_| ControlError(format!("{id} is not a snowflake")));
    answer(id.and_then(|id| shared.with_state(|s| interaction_state(s, id))))
}

/// A member deletes a message: it is gone (a reply to it now needs `fail_if_not_exists:
/// false`), and MESSAGE_DELETE is dispatched.
async fn delete_message(AxumState(shared): Shared_, Path(id): Path<String>) -> Response {
    let id = id.parse::<u64>().map_err(|_| ControlError(format!("{id} is not a snowflake")));
    answer(id.and_then(|id| shared.with_state(|s| remove_message(s, id))))
}

pub fn remove_message(state: &mut State, id: u64) -> Result<Value, ControlError> {
    let Some(message) = state.messages.remove(&id) else {
        return fail(format!("unknown message {id}"));
    };
    state.emit(crate::state::message_delete(&message));
    Ok(json!({ "deleted": snowflake(id) }))
}

async fn list_messages(AxumState(shared): Shared_) -> Response {
    let list: Vec<Value> = shared.with_state(|s| s.messages.values().map(payloads::control_message).collect());
    Json(list).into_response()
}

/// A file uploaded with a message, as it was sent.
async fn attachment(AxumState(shared): Shared_, Path((message, index)): Path<(String, usize)>) -> Response {
    let file = message
        .parse::<u64>()
        .ok()
        .and_then(|id| shared.with_state(|s| s.messages.get(&id).and_then(|m| m.attachments.get(index).cloned())));
    match file {
        Some(file) => {
            let content_type = file.content_type.unwrap_or_else(|| "application/octet-stream".to_owned());
            ([(axum::http::header::CONTENT_TYPE, content_type)], file.data).into_response()
        }
        None => {
            (StatusCode::NOT_FOUND, Json(json!({ "error": format!("no attachment {index} on message {message}") })))
                .into_response()
        }
    }
}

async fn requests(AxumState(shared): Shared_) -> Response {
    let list: Vec<Value> = shared.with_state(|s| s.requests.iter().map(|r| r.to_json()).collect());
    Json(list).into_response()
}

async fn clear_requests(AxumState(shared): Shared_) -> StatusCode {
    shared.with_state(|s| s.requests.clear());
    StatusCode::NO_CONTENT
}

async fn commands(AxumState(shared): Shared_) -> Response {
    let commands = shared.with_state(|s| {
        let guilds: Map<String, Value> =
            s.commands.guilds.iter().map(|(g, list)| (g.to_string(), json!(list))).collect();
        json!({ "global": s.commands.global, "guilds": guilds })
    });
    Json(commands).into_response()
}

async fn gateway(AxumState(shared): Shared_) -> Response {
    let counts = shared.with_state(
        |s| json!({ "sessions": s.gateway.sessions, "identified": s.gateway.identified, "resumed": s.gateway.resumed }),
    );
    Json(counts).into_response()
}

/// Tells every live gateway session to reconnect (op 7), as Discord does before a restart;
/// the client resumes and gets what was dispatched meanwhile.
/// `{"hold_ms": N}` (optional) makes the RESUMEs wait N ms, so a test can dispatch events
/// while no session is connected and see them replayed.
async fn reconnect(AxumState(shared): Shared_, body: Option<Json<Value>>) -> StatusCode {
    let hold_ms = body.and_then(|Json(body)| body["hold_ms"].as_u64()).unwrap_or(0);
    let until = std::time::Instant::now() + std::time::Duration::from_millis(hold_ms);
    shared.with_state(|s| s.gateway.hold_resumes_until = (hold_ms > 0).then_some(until));
    shared.reconnect.send_modify(|count| *count += 1);
    StatusCode::NO_CONTENT
}

#[cfg(test)]
mod tests {
    use serenity::model::event::Event;

    use super::interactions::InteractionRequest;
    use super::*;
    use crate::testing::{only_event, state};

    pub(super) fn request<T: DeserializeOwned>(body: Value) -> T {
        serde_json::from_value(body).expect("a valid control request")
    }

    #[test]
    fn posted_messages_deserialize_with_mentions() {
        let mut state = state();
        let body = json!({
            "content": "<@&7001> hello <@6001>", "author_id": "6000", "channel_id": "5000",
            "guild_id": "2000", "mentions_bot": true,
        });
        post_message(&mut state, request(body)).unwrap();
        let Event::MessageCreate(event) = only_event(&mut state) else { panic!() };
        let message = event.message;
        assert_eq!(message.author.id.get(), World::MEMBER);
        assert!(!message.author.bot);
        assert!(message.member.is_some(), "guild messages carry the author's member");
        let mentioned: Vec<u64> = message.mentions.iter().map(|u| u.id.get()).collect();
        assert_eq!(mentioned, [World::MODERATOR, World::BOT]);
        assert_eq!(message.mention_roles, [World::UPDATES_ROLE]);

        let dm = json!({ "content": "hi", "author_id": 6000, "author_is_bot": true });
        post_message(&mut state, request(dm)).unwrap();
        let Event::MessageCreate(event) = only_event(&mut state) else { panic!() };
        assert!(event.message.guild_id.is_none() && event.message.author.bot);
        assert_eq!(event.message.channel_id.get(), World::MEMBER_DM_CHANNEL);
    }

    #[test]
    fn mistakes_are_refused_with_a_reason() {
        let mut state = state();
        let cases = [
            json!({ "command": "ask", "user_id": "42", "guild_id": "2000" }),
            json!({ "command": "ask", "guild_id": "3000" }),
            json!({ "command": "ask", "channel_id": "5000" }),
            json!({ "command": "ask", "guild_id": "2000", "channel_id": "5100" }),
            json!({ "command": "ask", "type": "autocomplete", "guild_id": "2000" }),
            json!({ "command": "a b c d", "guild_id": "2000" }),
        ];
        for body in cases {
            let result = create_interaction(&mut state, request(body.clone()), Instant::now());
            assert!(result.is_err(), "expected {body} to be refused");
        }
        assert!(serde_json::from_value::<InteractionRequest>(json!({ "comand": "ask" })).is_err());
        assert!(state.take_outbox().is_empty());
    }
}
