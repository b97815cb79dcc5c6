//! Discord's REST API under `/api/v10/`: the routes serenity calls, as plain functions of
//! the state.
//!
//! [`handle`] records every request with the status it got, applies failures queued through
//! `/_fake/fail`, and answers anything it doesn't know with a 404 so that a missing route
//! shows up in tests instead of hanging them.

use std::time::{Duration, Instant, SystemTime};

use serde_json::{json, Value};

use crate::error::{ApiError, FormErrors};
use crate::limits::{self, MessageBody};
use crate::messages::{flags, id_of, StoredMessage};
use crate::payloads::{self, interaction_kind, snowflake};
use crate::state::{RecordedRequest, State};
use crate::world::{self, channel_kind, World};

pub const API_PREFIX: &str = "/api/v10";

/// What `/_fake/fail` makes a rate-limited request wait, in seconds.
const INJECTED_RETRY_AFTER_SECS: f64 = 0.1;

/// Interaction callback types, from <https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-interaction-callback-type>.
mod callback {
    pub const CHANNEL_MESSAGE: u64 = 4;
    pub const DEFERRED_CHANNEL_MESSAGE: u64 = 5;
    pub const DEFERRED_UPDATE_MESSAGE: u64 = 6;
    pub const UPDATE_MESSAGE: u64 = 7;
    pub const AUTOCOMPLETE_RESULT: u64 = 8;
    pub const MODAL: u64 = 9;
}

#[derive(Debug)]
pub struct RestRequest<'a> {
    pub method: &'a str,
    /// Without the query string.
    pub path: &'a str,
    pub query: Option<&'a str>,
    pub content_type: Option<&'a str>,
    pub body: &'a [u8],
}

#[derive(Debug, PartialEq)]
pub struct RestResponse {
    pub status: u16,
    /// `None` for 204 No Content.
    pub body: Option<Value>,
    pub headers: Vec<(&'static str, String)>,
}

impl RestResponse {
    fn ok(body: Value) -> Self {
        Self {
            status: 200,
            body: Some(body),
            headers: Vec::new(),
        }
    }

    fn no_content() -> Self {
        Self {
            status: 204,
            body: None,
            headers: Vec::new(),
        }
    }

    fn error(error: &ApiError) -> Self {
        Self {
            status: error.status,
            body: Some(error.to_json()),
            headers: Vec::new(),
        }
    }

    fn rate_limited() -> Self {
        Self {
            status: 429,
            body: Some(json!({
                "message": "You are being rate limited.",
                "retry_after": INJECTED_RETRY_AFTER_SECS,
                "global": false,
            })),
            headers: vec![
                ("retry-after", INJECTED_RETRY_AFTER_SECS.ceil().to_string()),
                ("x-ratelimit-limit", "5".to_owned()),
                ("x-ratelimit-remaining", "0".to_owned()),
                (
                    "x-ratelimit-reset-after",
                    INJECTED_RETRY_AFTER_SECS.to_string(),
                ),
                ("x-ratelimit-bucket", "fake".to_owned()),
                ("x-ratelimit-scope", "user".to_owned()),
            ],
        }
    }
}

/// Answers one REST request and records it.
pub fn handle(state: &mut State, request: &RestRequest<'_>, now: Instant) -> RestResponse {
    let body = match multipart_boundary(request.content_type) {
        Some(boundary) => payload_json(request.body, boundary),
        None => parse_body(request.body),
    };
    let response = match take_failure(state, request.method, request.path) {
        Some(429) => RestResponse::rate_limited(),
        Some(status) => RestResponse::error(&ApiError::injected(status)),
        None => match &body {
            Ok(body) => {
                route(state, request, body, now).unwrap_or_else(|e| RestResponse::error(&e))
            }
            Err(_) => RestResponse::error(&ApiError::invalid_json()),
        },
    };
    state.requests.push(RecordedRequest {
        method: request.method.to_owned(),
        path: request.path.to_owned(),
        query: request.query.map(str::to_owned),
        body: body.unwrap_or_else(Value::String),
        status: response.status,
    });
    response
}

/// An empty body is `null`; anything else must be JSON (the raw text is kept for the record).
fn parse_body(raw: &[u8]) -> Result<Value, String> {
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Null);
    }
    serde_json::from_slice(raw).map_err(|_| String::from_utf8_lossy(raw).into_owned())
}

/// The boundary of a `multipart/form-data` body, which serenity sends when it attaches files.
fn multipart_boundary(content_type: Option<&str>) -> Option<&str> {
    let content_type = content_type?;
    if !content_type.starts_with("multipart/form-data") {
        return None;
    }
    let boundary = content_type
        .split(';')
        .find_map(|p| p.trim().strip_prefix("boundary="))?;
    Some(boundary.trim_matches('"'))
}

/// The JSON part of a multipart body: Discord reads the message from its `payload_json`
/// field and the files from the others, which the fake ignores.
fn payload_json(raw: &[u8], boundary: &str) -> Result<Value, String> {
    let text = String::from_utf8_lossy(raw);
    let delimiter = format!("--{boundary}");
    text.split(delimiter.as_str())
        .filter_map(|part| part.split_once("\r\n\r\n"))
        .find(|(headers, _)| headers.contains("name=\"payload_json\""))
        .map(|(_, body)| parse_body(body.trim_end_matches("\r\n").as_bytes()))
        .unwrap_or_else(|| Err(text.into_owned()))
}

fn take_failure(state: &mut State, method: &str, path: &str) -> Option<u16> {
    let rule = state.failures.iter_mut().find(|r| {
        r.remaining > 0
            && path.starts_with(&r.path_prefix)
            && r.method
                .as_deref()
                .is_none_or(|m| m.eq_ignore_ascii_case(method))
    })?;
    rule.remaining -= 1;
    let status = rule.status;
    state.failures.retain(|r| r.remaining > 0);
    Some(status)
}

fn route(
    state: &mut State,
    request: &RestRequest<'_>,
    body: &Value,
    now: Instant,
) -> Result<RestResponse, ApiError> {
    let Some(rest) = request.path.strip_prefix(API_PREFIX) else {
        return Err(ApiError::unknown_route());
    };
    let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    let wall = SystemTime::now();
    match (request.method, segments.as_slice()) {
        ("GET", ["gateway"]) => Ok(RestResponse::ok(json!({ "url": state.gateway_url }))),
        ("GET", ["gateway", "bot"]) => Ok(RestResponse::ok(json!({
            "url": state.gateway_url,
            "shards": 1,
            "session_start_limit": {
                "total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1,
            },
        }))),
        ("GET", ["oauth2", "applications", "@me"]) => Ok(RestResponse::ok(payloads::application())),
        ("GET", ["users", "@me"]) => Ok(RestResponse::ok(payloads::current_user())),
        ("POST", ["users", "@me", "channels"]) => open_dm(body),
        ("POST", ["interactions", id, token, "callback"]) => {
            respond_to_interaction(state, id, token, body, now, wall)
        }
        ("POST", ["webhooks", _app, token]) => create_followup(state, token, body, now, wall),
        (method, ["webhooks", _app, token, "messages", message]) => {
            webhook_message(state, method, token, message, body, now, wall)
        }
        ("GET", ["applications", _app, "commands"]) => {
            Ok(RestResponse::ok(json!(state.commands.global)))
        }
        ("PUT", ["applications", _app, "commands"]) => {
            let commands = register_commands(state, body, None)?;
            state.commands.global = commands.clone();
            Ok(RestResponse::ok(json!(commands)))
        }
        ("GET", ["applications", _app, "guilds", guild, "commands"]) => {
            let guild = parse_id(guild)?;
            let commands = state
                .commands
                .guilds
                .get(&guild)
                .cloned()
                .unwrap_or_default();
            Ok(RestResponse::ok(json!(commands)))
        }
        ("PUT", ["applications", _app, "guilds", guild, "commands"]) => {
            let guild = parse_id(guild)?;
            let commands = register_commands(state, body, Some(guild))?;
            state.commands.guilds.insert(guild, commands.clone());
            Ok(RestResponse::ok(json!(commands)))
        }
        ("GET", ["channels", channel]) => {
            let channel = known_channel(channel)?;
            Ok(RestResponse::ok(payloads::channel(channel)))
        }
        ("POST", ["channels", channel, "messages"]) => {
            let channel = known_channel(channel)?;
            limits::check_message(body, "", MessageBody::Create)?;
            let bot = world::user(World::BOT).expect("the world has a bot");
            let id = state.next_id();
            let message =
                StoredMessage::from_body(id, channel.id, channel.guild_id, bot, body, wall);
            let answer = payloads::message(&message);
            state.insert_message(message);
            Ok(RestResponse::ok(answer))
        }
        (method, ["channels", channel, "messages", message]) => {
            channel_message(state, method, channel, message, body, wall)
        }
        ("POST", ["channels", channel, "messages", message, "crosspost"]) => {
            let channel = known_channel(channel)?;
            if channel.kind != channel_kind::GUILD_ANNOUNCEMENT {
                return Err(ApiError::wrong_channel_type());
            }
            let message = stored_in(state, channel.id, message)?;
            if message.flags & flags::CROSSPOSTED != 0 {
                return Err(ApiError::already_crossposted());
            }
            message.flags |= flags::CROSSPOSTED;
            Ok(RestResponse::ok(payloads::message(message)))
        }
        ("POST", ["channels", channel, "typing"]) => {
            known_channel(channel)?;
            Ok(RestResponse::no_content())
        }
        ("PUT", ["channels", channel, "messages", message, "reactions", _emoji, "@me"]) => {
            let channel = known_channel(channel)?;
            stored_in(state, channel.id, message)?;
            Ok(RestResponse::no_content())
        }
        _ => Err(ApiError::unknown_route()),
    }
}

fn parse_id(segment: &str) -> Result<u64, ApiError> {
    segment.parse().map_err(|_| ApiError::unknown_route())
}

fn known_channel(segment: &str) -> Result<&'static world::ChannelInfo, ApiError> {
    world::channel(parse_id(segment)?).ok_or_else(ApiError::unknown_channel)
}

fn stored_in<'s>(
    state: &'s mut State,
    channel: u64,
    message: &str,
) -> Result<&'s mut StoredMessage, ApiError> {
    let id = parse_id(message)?;
    state
        .messages
        .get_mut(&id)
        .filter(|m| m.channel_id == channel)
        .ok_or_else(ApiError::unknown_message)
}

fn open_dm(body: &Value) -> Result<RestResponse, ApiError> {
    let recipient = body.get("recipient_id").and_then(id_of);
    match recipient.and_then(world::dm_channel_with) {
        Some(channel) => Ok(RestResponse::ok(payloads::channel(channel))),
        None => {
            let mut errors = FormErrors::default();
            errors.push("recipient_id", "NUMBER_TYPE_COERCE", "Unknown user");
            Err(ApiError::invalid_form(&errors))
        }
    }
}

fn channel_message(
    state: &mut State,
    method: &str,
    channel: &str,
    message: &str,
    body: &Value,
    wall: SystemTime,
) -> Result<RestResponse, ApiError> {
    let channel = known_channel(channel)?;
    let stored = stored_in(state, channel.id, message)?;
    match method {
        "GET" => Ok(RestResponse::ok(payloads::message(stored))),
        "PATCH" => {
            limits::check_message(body, "", MessageBody::Edit)?;
            if stored.author.id != World::BOT {
                return Err(ApiError {
                    status: 403,
                    code: 50005,
                    message: "Cannot edit a message authored by another user".to_owned(),
                    errors: None,
                });
            }
            stored.edit(body, wall);
            Ok(RestResponse::ok(payloads::message(stored)))
        }
        "DELETE" => {
            let id = stored.id;
            state.messages.remove(&id);
            Ok(RestResponse::no_content())
        }
        _ => Err(ApiError::unknown_route()),
    }
}

/// PUT of application commands: Discord answers with each command completed by its ids.
fn register_commands(
    state: &mut State,
    body: &Value,
    guild: Option<u64>,
) -> Result<Vec<Value>, ApiError> {
    let Some(commands) = body.as_array() else {
        let mut errors = FormErrors::default();
        errors.push(
            "",
            "LIST_TYPE_CONVERT",
            "Only iterables may be used in a ListType",
        );
        return Err(ApiError::invalid_form(&errors));
    };
    limits::check_commands(commands)?;
    let previous = match guild {
        Some(g) => state.commands.guilds.get(&g).cloned().unwrap_or_default(),
        None => state.commands.global.clone(),
    };
    let mut registered = Vec::with_capacity(commands.len());
    for command in commands {
        let mut command = command.clone();
        let kind = command.get("type").and_then(Value::as_u64).unwrap_or(1);
        // Discord keeps a command's id across overwrites when its name and type stay.
        let kept_id = previous
            .iter()
            .find(|c| c["name"] == command["name"] && c["type"] == kind)
            .map(|c| c["id"].clone());
        let id = match kept_id {
            Some(id) => id,
            None => snowflake(state.next_id()),
        };
        let version = snowflake(state.next_id());
        let fields = command
            .as_object_mut()
            .expect("commands were checked to be objects");
        fields.insert("id".into(), id);
        fields.insert("application_id".into(), snowflake(World::APPLICATION));
        fields.insert("type".into(), json!(kind));
        fields.insert("version".into(), version);
        fields.entry("description").or_insert(json!(""));
        fields
            .entry("default_member_permissions")
            .or_insert(Value::Null);
        fields.entry("nsfw").or_insert(json!(false));
        if let Some(g) = guild {
            fields.insert("guild_id".into(), snowflake(g));
        }
        registered.push(command);
    }
    Ok(registered)
}

fn respond_to_interaction(
    state: &mut State,
    id: &str,
    token: &str,
    body: &Value,
    now: Instant,
    wall: SystemTime,
) -> Result<RestResponse, ApiError> {
    let id = parse_id(id).map_err(|_| ApiError::unknown_interaction())?;
    let deadline = state.config.interaction_timeout;
    let record = state
        .interactions
        .get(&id)
        .filter(|r| r.token == token)
        .ok_or_else(ApiError::unknown_interaction)?
        .clone();
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
                let ephemeral = message_body
                    .get("flags")
                    .and_then(Value::as_u64)
                    .unwrap_or(0)
                    & flags::EPHEMERAL;
                message_body = json!({ "flags": ephemeral | flags::LOADING });
            }
            let message_id = state.next_id();
            let mut message = StoredMessage::from_body(
                message_id,
                record.channel_id,
                record.guild_id,
                bot,
                &message_body,
                wall,
            );
            message.interaction_id = Some(record.id);
            message.webhook_id = Some(World::APPLICATION);
            state.insert_message(message);
            original_message_id = Some(message_id);
        }
        callback::DEFERRED_UPDATE_MESSAGE | callback::UPDATE_MESSAGE => {
            let message_id = record.message_id.expect("checked by callback_allowed");
            if kind == callback::UPDATE_MESSAGE {
                limits::check_message(&data, "data.", MessageBody::Edit)?;
                let message = state
                    .messages
                    .get_mut(&message_id)
                    .ok_or_else(ApiError::unknown_message)?;
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
    let record = state
        .interactions
        .get_mut(&id)
        .expect("the record was found above");
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
            matches!(
                callback_type,
                CHANNEL_MESSAGE | DEFERRED_CHANNEL_MESSAGE | MODAL
            )
        }
        interaction_kind::MESSAGE_COMPONENT => matches!(
            callback_type,
            CHANNEL_MESSAGE
                | DEFERRED_CHANNEL_MESSAGE
                | DEFERRED_UPDATE_MESSAGE
                | UPDATE_MESSAGE
                | MODAL
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

fn create_followup(
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
        let mut message = StoredMessage::from_body(
            message_id,
            record.channel_id,
            record.guild_id,
            bot,
            body,
            wall,
        );
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

fn webhook_message(
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
        record
            .original_message_id
            .ok_or_else(ApiError::unknown_message)?
    } else {
        let message_id = parse_id(message)?;
        let owned = record.original_message_id == Some(message_id)
            || record.followups.contains(&message_id);
        if !owned {
            return Err(ApiError::unknown_message());
        }
        message_id
    };
    let stored = state
        .messages
        .get_mut(&message_id)
        .ok_or_else(ApiError::unknown_message)?;
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
    use serenity::model::application::{Command, CurrentApplicationInfo};
    use serenity::model::channel::{Channel, Message};
    use serenity::model::gateway::BotGateway;
    use serenity::model::user::CurrentUser;

    use super::*;
    use crate::messages::StoredMessage;
    use crate::state::{InteractionRecord, State};
    use crate::testing::{decode, only_event, state};

    fn call(state: &mut State, method: &str, path: &str, body: Value) -> RestResponse {
        call_at(state, method, path, body, Instant::now())
    }

    fn call_at(
        state: &mut State,
        method: &str,
        path: &str,
        body: Value,
        now: Instant,
    ) -> RestResponse {
        let raw = if body.is_null() {
            Vec::new()
        } else {
            body.to_string().into_bytes()
        };
        let (path, query) = match path.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (path, None),
        };
        let request = RestRequest {
            method,
            path,
            query,
            content_type: None,
            body: &raw,
        };
        handle(state, &request, now)
    }

    fn body(response: &RestResponse) -> &Value {
        response.body.as_ref().expect("a body")
    }

    fn assert_refused(response: &RestResponse, status: u16, code: u64) {
        assert_eq!(
            (response.status, body(response)["code"].as_u64()),
            (status, Some(code)),
            "expected {status}/{code}, got {response:?}"
        );
    }

    /// An application command interaction, as if the control API had sent it.
    fn command(state: &mut State, kind: u8, created: Instant) -> (u64, String) {
        let record = InteractionRecord {
            id: state.next_id(),
            token: format!("token{}", state.next_id()),
            kind,
            channel_id: World::HELP_CHANNEL,
            guild_id: Some(World::GUILD),
            message_id: None,
            created,
            response_type: None,
            original_message_id: None,
            followups: Vec::new(),
            autocomplete_choices: None,
            modal: None,
        };
        let answer = (record.id, record.token.clone());
        state.interactions.insert(record.id, record);
        answer
    }

    fn callback_path((id, token): &(u64, String)) -> String {
        format!("/api/v10/interactions/{id}/{token}/callback")
    }

    #[test]
    fn handshake_routes_deserialize() {
        let mut state = state();
        let gateway = call(&mut state, "GET", "/api/v10/gateway", Value::Null);
        assert_eq!(body(&gateway)["url"], "ws://127.0.0.1:9/gateway");
        decode::<BotGateway>(body(&call(
            &mut state,
            "GET",
            "/api/v10/gateway/bot",
            Value::Null,
        )));
        let app = call(
            &mut state,
            "GET",
            "/api/v10/oauth2/applications/@me",
            Value::Null,
        );
        assert_eq!(
            decode::<CurrentApplicationInfo>(body(&app)).id.get(),
            World::APPLICATION
        );
        let me = call(&mut state, "GET", "/api/v10/users/@me", Value::Null);
        assert_eq!(decode::<CurrentUser>(body(&me)).name, "optout-bot");
        for channel in world::channels() {
            let path = format!("/api/v10/channels/{}", channel.id);
            decode::<Channel>(body(&call(&mut state, "GET", &path, Value::Null)));
        }
        let dm = call(
            &mut state,
            "POST",
            "/api/v10/users/@me/channels",
            json!({ "recipient_id": "6000" }),
        );
        assert_eq!(
            decode::<Channel>(body(&dm)).id().get(),
            World::MEMBER_DM_CHANNEL
        );
    }

    #[test]
    fn unknown_routes_answer_404_and_are_recorded_with_their_query() {
        let mut state = state();
        let response = call(
            &mut state,
            "GET",
            "/api/v10/guilds/2000/roles?&with_counts=true",
            Value::Null,
        );
        assert_eq!(response.status, 404);
        assert_eq!(body(&response)["message"], "Unknown route");
        let recorded = &state.requests[0];
        assert_eq!(recorded.path, "/api/v10/guilds/2000/roles");
        assert_eq!(recorded.query.as_deref(), Some("&with_counts=true"));
        assert_eq!(recorded.status, 404);
    }

    #[test]
    fn malformed_json_is_refused() {
        let mut state = state();
        let request = RestRequest {
            method: "POST",
            path: "/api/v10/channels/5000/messages",
            query: None,
            content_type: None,
            body: b"{not json",
        };
        assert_refused(&handle(&mut state, &request, Instant::now()), 400, 50109);
        assert_eq!(state.requests[0].body, json!("{not json"));
    }

    #[test]
    fn multipart_bodies_are_read_from_payload_json() {
        let mut state = state();
        let body = "--XyZ\r\nContent-Disposition: form-data; name=\"files[0]\"; filename=\"a.txt\"\r\n\r\nhello\r\n\
                    --XyZ\r\nContent-Disposition: form-data; name=\"payload_json\"\r\n\r\n{\"content\":\"with a file\"}\r\n--XyZ--\r\n";
        let request = RestRequest {
            method: "POST",
            path: "/api/v10/channels/5000/messages",
            query: None,
            content_type: Some("multipart/form-data; boundary=XyZ"),
            body: body.as_bytes(),
        };
        let response = handle(&mut state, &request, Instant::now());
        assert_eq!(response.status, 200, "{response:?}");
        assert_eq!(state.requests[0].body, json!({ "content": "with a file" }));
    }

    #[test]
    fn channel_messages_are_stored_dispatched_and_limited() {
        let mut state = state();
        let path = "/api/v10/channels/5000/messages";
        let ok = call(
            &mut state,
            "POST",
            path,
            json!({ "content": "x".repeat(2000) }),
        );
        let message = decode::<Message>(body(&ok));
        assert_eq!(message.author.id.get(), World::BOT);
        assert!(matches!(
            only_event(&mut state),
            serenity::model::event::Event::MessageCreate(_)
        ));
        let too_long = call(
            &mut state,
            "POST",
            path,
            json!({ "content": "x".repeat(2001) }),
        );
        assert_refused(&too_long, 400, 50035);
        assert!(body(&too_long)["errors"]["content"]["_errors"].is_array());
        assert_refused(
            &call(&mut state, "POST", path, json!({ "content": "" })),
            400,
            50006,
        );
        assert_refused(
            &call(
                &mut state,
                "POST",
                "/api/v10/channels/1/messages",
                json!({ "content": "a" }),
            ),
            404,
            10003,
        );
        assert_eq!(state.messages.len(), 1);
    }

    #[test]
    fn crossposting_works_once_and_only_in_announcement_channels() {
        let mut state = state();
        let posted = call(
            &mut state,
            "POST",
            "/api/v10/channels/5001/messages",
            json!({ "content": "news" }),
        );
        let id = body(&posted)["id"].as_str().unwrap().to_owned();
        let path = format!("/api/v10/channels/5001/messages/{id}/crosspost");
        let crossposted = call(&mut state, "POST", &path, Value::Null);
        assert_eq!(crossposted.status, 200);
        assert_eq!(body(&crossposted)["flags"], flags::CROSSPOSTED);
        assert_refused(&call(&mut state, "POST", &path, Value::Null), 400, 40033);

        let posted = call(
            &mut state,
            "POST",
            "/api/v10/channels/5000/messages",
            json!({ "content": "help" }),
        );
        let id = body(&posted)["id"].as_str().unwrap().to_owned();
        let path = format!("/api/v10/channels/5000/messages/{id}/crosspost");
        assert_refused(&call(&mut state, "POST", &path, Value::Null), 400, 50024);
    }

    #[test]
    fn commands_are_completed_and_keep_their_ids() {
        let mut state = state();
        let commands = json!([
            { "name": "ask", "description": "Ask a question", "options": [
                { "type": 3, "name": "question", "description": "What to ask", "required": true },
            ] },
            { "name": "Answer with FAQ", "type": 3 },
        ]);
        let path = "/api/v10/applications/1000/guilds/2000/commands";
        let first = call(&mut state, "PUT", path, commands.clone());
        let registered = decode::<Vec<Command>>(body(&first));
        assert_eq!(registered.len(), 2);
        assert_eq!(registered[0].guild_id.map(|g| g.get()), Some(World::GUILD));
        let again = call(&mut state, "PUT", path, commands);
        assert_eq!(
            body(&again)[0]["id"],
            body(&first)[0]["id"],
            "ids survive an overwrite"
        );
        assert_ne!(body(&again)[0]["version"], body(&first)[0]["version"]);
        let global = call(
            &mut state,
            "PUT",
            "/api/v10/applications/1000/commands",
            json!([]),
        );
        assert_eq!(body(&global), &json!([]));
        let bad = call(
            &mut state,
            "PUT",
            path,
            json!([{ "name": "ask", "description": "" }]),
        );
        assert_refused(&bad, 400, 50035);
    }

    #[test]
    fn a_message_response_is_stored_and_a_second_answer_refused() {
        let mut state = state();
        let interaction = command(
            &mut state,
            interaction_kind::APPLICATION_COMMAND,
            Instant::now(),
        );
        let path = callback_path(&interaction);
        let answer =
            json!({ "type": 4, "data": { "content": "hi", "allowed_mentions": { "parse": [] } } });
        assert_eq!(call(&mut state, "POST", &path, answer.clone()).status, 204);
        let record = &state.interactions[&interaction.0];
        assert_eq!(record.response_type, Some(4));
        let original = &state.messages[&record.original_message_id.unwrap()];
        assert_eq!(original.content, "hi");
        assert_eq!(original.interaction_id, Some(interaction.0));
        assert_eq!(original.allowed_mentions, Some(json!({ "parse": [] })));
        assert_refused(&call(&mut state, "POST", &path, answer), 400, 40060);

        let edit = format!(
            "/api/v10/webhooks/1000/{}/messages/@original",
            interaction.1
        );
        let edited = call(&mut state, "PATCH", &edit, json!({ "content": "edited" }));
        assert_eq!(decode::<Message>(body(&edited)).content, "edited");
        let followup = format!("/api/v10/webhooks/1000/{}", interaction.1);
        let sent = call(
            &mut state,
            "POST",
            &followup,
            json!({ "content": "more", "flags": 64 }),
        );
        assert!(decode::<Message>(body(&sent)).flags.is_some());
        assert_eq!(state.interactions[&interaction.0].followups.len(), 1);
    }

    #[test]
    fn a_late_answer_is_unknown_and_webhooks_need_an_answer_first() {
        let mut state = state();
        let created = Instant::now();
        let interaction = command(&mut state, interaction_kind::APPLICATION_COMMAND, created);
        let followup = format!("/api/v10/webhooks/1000/{}", interaction.1);
        assert_refused(
            &call(&mut state, "POST", &followup, json!({ "content": "early" })),
            404,
            10015,
        );
        let late = created + Duration::from_millis(3001);
        let answer = json!({ "type": 4, "data": { "content": "hi" } });
        assert_refused(
            &call_at(
                &mut state,
                "POST",
                &callback_path(&interaction),
                answer,
                late,
            ),
            404,
            10062,
        );
        assert!(state.interactions[&interaction.0].response_type.is_none());
        let bad_token = (interaction.0, "nope".to_owned());
        let answer = json!({ "type": 4, "data": { "content": "hi" } });
        assert_refused(
            &call(&mut state, "POST", &callback_path(&bad_token), answer),
            404,
            10062,
        );
    }

    #[test]
    fn the_first_followup_after_a_defer_fills_the_placeholder() {
        let mut state = state();
        let interaction = command(
            &mut state,
            interaction_kind::APPLICATION_COMMAND,
            Instant::now(),
        );
        let defer = json!({ "type": 5, "data": { "flags": 64 } });
        assert_eq!(
            call(&mut state, "POST", &callback_path(&interaction), defer).status,
            204
        );
        let original = state.interactions[&interaction.0]
            .original_message_id
            .unwrap();
        assert!(state.messages[&original].flags & flags::LOADING != 0);
        let followup = format!("/api/v10/webhooks/1000/{}", interaction.1);
        let first = call(
            &mut state,
            "POST",
            &followup,
            json!({ "content": "answer" }),
        );
        assert_eq!(body(&first)["id"], original.to_string());
        let filled = &state.messages[&original];
        assert_eq!(
            (filled.content.as_str(), filled.is_ephemeral()),
            ("answer", true)
        );
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
        let interaction = command(
            &mut state,
            interaction_kind::MESSAGE_COMPONENT,
            Instant::now(),
        );
        state
            .interactions
            .get_mut(&interaction.0)
            .unwrap()
            .message_id = Some(message_id);
        let update = json!({ "type": 7, "data": { "content": "thanks", "components": [] } });
        assert_eq!(
            call(&mut state, "POST", &callback_path(&interaction), update).status,
            204
        );
        assert_eq!(state.messages[&message_id].content, "thanks");
        assert!(state.messages[&message_id].components.is_empty());
        assert_eq!(
            state.interactions[&interaction.0].original_message_id,
            Some(message_id)
        );
    }

    #[test]
    fn autocomplete_answers_are_checked_and_kept() {
        let mut state = state();
        let interaction = command(&mut state, interaction_kind::AUTOCOMPLETE, Instant::now());
        let choice = json!({ "name": "Opt out", "value": "opt-out" });
        let too_many = json!({ "type": 8, "data": { "choices": vec![choice.clone(); 26] } });
        assert_refused(
            &call(&mut state, "POST", &callback_path(&interaction), too_many),
            400,
            50035,
        );
        let message = json!({ "type": 4, "data": { "content": "no" } });
        assert_refused(
            &call(&mut state, "POST", &callback_path(&interaction), message),
            400,
            50035,
        );
        let ok = json!({ "type": 8, "data": { "choices": [choice.clone()] } });
        assert_eq!(
            call(&mut state, "POST", &callback_path(&interaction), ok).status,
            204
        );
        assert_eq!(
            state.interactions[&interaction.0].autocomplete_choices,
            Some(json!([choice]))
        );
    }

    #[test]
    fn injected_failures_run_out() {
        let mut state = state();
        state.failures.push(crate::state::FailRule {
            path_prefix: "/api/v10/channels/5000/messages".into(),
            method: Some("post".into()),
            status: 429,
            remaining: 2,
        });
        let path = "/api/v10/channels/5000/messages";
        let statuses: Vec<u16> = (0..3)
            .map(|_| call(&mut state, "POST", path, json!({ "content": "a" })).status)
            .collect();
        assert_eq!(statuses, [429, 429, 200]);
        let limited = &state.requests[0];
        assert_eq!(limited.status, 429);
        assert!(state.failures.is_empty());
    }

    #[test]
    fn webhook_messages_deserialize_as_messages() {
        let mut state = state();
        let interaction = command(
            &mut state,
            interaction_kind::APPLICATION_COMMAND,
            Instant::now(),
        );
        let answer = json!({ "type": 4, "data": { "content": "hi", "embeds": [{ "title": "t", "description": "d" }] } });
        call(&mut state, "POST", &callback_path(&interaction), answer);
        let event = only_event(&mut state);
        assert!(
            matches!(event, serenity::model::event::Event::MessageCreate(_)),
            "{event:?}"
        );
        let original = format!(
            "/api/v10/webhooks/1000/{}/messages/@original",
            interaction.1
        );
        let message = decode::<Message>(body(&call(&mut state, "GET", &original, Value::Null)));
        assert_eq!(message.embeds[0].title.as_deref(), Some("t"));
        assert_eq!(
            call(&mut state, "DELETE", &original, Value::Null).status,
            204
        );
        assert_refused(&call(&mut state, "GET", &original, Value::Null), 404, 10008);
    }
}
