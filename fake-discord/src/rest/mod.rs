//! Discord's REST API under `/api/v10/`: the routes serenity calls, as plain functions of
//! the state.
//!
//! [`handle`] records every request with the status it got, applies failures queued through
//! `/_fake/fail`, and answers anything it doesn't know with a 404 so that a missing route
//! shows up in tests instead of hanging them.

use std::time::{Instant, SystemTime};

use serde_json::{json, Value};

use crate::error::{ApiError, FormErrors};
use crate::limits::{self, MessageBody};
use crate::messages::{flags, id_of, Attachment, StoredMessage};
use crate::payloads::{self, snowflake};
use crate::state::{Failure, RecordedRequest, State};
use crate::world::{self, channel_kind, World};

pub const API_PREFIX: &str = "/api/v10";

/// What `/_fake/fail` makes a rate-limited request wait, in seconds.
const INJECTED_RETRY_AFTER_SECS: f64 = 0.1;

/// How long a message's nonce deduplicates a create with `enforce_nonce`: Discord documents it
/// as "the past few minutes"
/// (<https://discord.com/developers/docs/resources/message#create-message-jsonform-params>).
pub const NONCE_WINDOW: std::time::Duration = std::time::Duration::from_secs(5 * 60);

mod interactions;

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
    /// [`DROPPED`] when the connection is to be closed without an answer.
    pub status: u16,
    /// `None` for 204 No Content.
    pub body: Option<Value>,
    pub headers: Vec<(&'static str, String)>,
}

/// The status recorded for a request whose connection was closed without an answer.
pub const DROPPED: u16 = 0;

impl RestResponse {
    fn ok(body: Value) -> Self {
        Self { status: 200, body: Some(body), headers: Vec::new() }
    }

    fn no_content() -> Self {
        Self { status: 204, body: None, headers: Vec::new() }
    }

    fn error(error: &ApiError) -> Self {
        Self { status: error.status, body: Some(error.to_json()), headers: Vec::new() }
    }

    fn dropped() -> Self {
        Self { status: DROPPED, body: None, headers: Vec::new() }
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
                ("x-ratelimit-reset-after", INJECTED_RETRY_AFTER_SECS.to_string()),
                ("x-ratelimit-bucket", "fake".to_owned()),
                ("x-ratelimit-scope", "user".to_owned()),
            ],
        }
    }
}

/// Answers one REST request and records it.
pub fn handle(state: &mut State, request: &RestRequest<'_>, now: Instant) -> RestResponse {
    let (body, files) = match multipart_boundary(request.content_type) {
        Some(boundary) => {
            let parts = multipart_parts(request.body, boundary);
            (payload_json(&parts), files_of(parts))
        }
        None => (parse_body(request.body), Vec::new()),
    };
    let handled = |state: &mut State| match &body {
        Ok(body) => route(state, request, body, now).unwrap_or_else(|e| RestResponse::error(&e)),
        Err(_) => RestResponse::error(&ApiError::invalid_json()),
    };
    let response = match take_failure(state, request.method, request.path) {
        Some(Failure::Status(429)) => RestResponse::rate_limited(),
        Some(Failure::Status(status)) => RestResponse::error(&ApiError::injected(status)),
        Some(Failure::DropBefore) => RestResponse::dropped(),
        Some(Failure::DropAfter) => {
            let answer = handled(state);
            if !files.is_empty() && (200..300).contains(&answer.status) {
                attach(state, request.path, answer.body.as_ref(), files.clone());
            }
            RestResponse::dropped()
        }
        None => handled(state),
    };
    if !files.is_empty() && (200..300).contains(&response.status) {
        attach(state, request.path, response.body.as_ref(), files);
    }
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
    let boundary = content_type.split(';').find_map(|p| p.trim().strip_prefix("boundary="))?;
    Some(boundary.trim_matches('"'))
}

/// One part of a `multipart/form-data` body: its headers and its bytes.
struct Part<'a> {
    headers: String,
    body: &'a [u8],
}

/// Splits a multipart body at its delimiters, keeping file bytes as they are.
fn multipart_parts<'a>(raw: &'a [u8], boundary: &str) -> Vec<Part<'a>> {
    let delimiter = format!("--{boundary}");
    let mut parts = Vec::new();
    let mut rest = raw;
    while let Some(start) = find(rest, delimiter.as_bytes()) {
        rest = &rest[start + delimiter.len()..];
        let Some(end) = find(rest, delimiter.as_bytes()) else { break };
        let part = &rest[..end];
        let part = part.strip_prefix(b"\r\n").unwrap_or(part);
        let part = part.strip_suffix(b"\r\n").unwrap_or(part);
        if let Some(split) = find(part, b"\r\n\r\n") {
            parts
                .push(Part { headers: String::from_utf8_lossy(&part[..split]).into_owned(), body: &part[split + 4..] });
        }
    }
    parts
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

/// The JSON part of a multipart body: Discord reads the message from its `payload_json`
/// field and the files from the others.
fn payload_json(parts: &[Part<'_>]) -> Result<Value, String> {
    parts
        .iter()
        .find(|part| part.headers.contains("name=\"payload_json\""))
        .map(|part| parse_body(part.body))
        .unwrap_or_else(|| Err("multipart body without payload_json".to_owned()))
}

/// The uploaded files of a multipart body, in order.
fn files_of(parts: Vec<Part<'_>>) -> Vec<Attachment> {
    parts
        .into_iter()
        .filter_map(|part| {
            let filename = part.headers.split(';').find_map(|p| p.trim().strip_prefix("filename="))?;
            let content_type = part
                .headers
                .lines()
                .find_map(|line| line.to_ascii_lowercase().strip_prefix("content-type:").map(|v| v.trim().to_owned()));
            Some(Attachment {
                filename: filename.lines().next().unwrap_or_default().trim().trim_matches('"').to_owned(),
                content_type,
                data: part.body.to_vec(),
            })
        })
        .collect()
}

/// Keeps uploaded files on the message the request made or answered: the one in the
/// response, or an interaction's original response for a callback.
fn attach(state: &mut State, path: &str, response: Option<&Value>, files: Vec<Attachment>) {
    let from_response = response.and_then(|body| body.get("id")).and_then(id_of);
    let from_callback = || {
        let rest = path.strip_prefix(API_PREFIX)?;
        let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
        match segments.as_slice() {
            ["interactions", id, _token, "callback"] => {
                state.interactions.get(&id.parse().ok()?).and_then(|i| i.original_message_id)
            }
            _ => None,
        }
    };
    if let Some(message) = from_response.or_else(from_callback).and_then(|id| state.messages.get_mut(&id)) {
        message.attachments = files;
    }
}

fn take_failure(state: &mut State, method: &str, path: &str) -> Option<Failure> {
    let rule = state.failures.iter_mut().find(|r| {
        r.remaining > 0
            && path.starts_with(&r.path_prefix)
            && r.method.as_deref().is_none_or(|m| m.eq_ignore_ascii_case(method))
    })?;
    rule.remaining -= 1;
    let failure = rule.failure;
    state.failures.retain(|r| r.remaining > 0);
    Some(failure)
}

fn route(state: &mut State, request: &RestRequest<'_>, body: &Value, now: Instant) -> Result<RestResponse, ApiError> {
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
        ("POST", ["interactions", id, token, "callback"]) => interactions::respond(state, id, token, body, now, wall),
        ("POST", ["webhooks", _app, token]) => interactions::create_followup(state, token, body, now, wall),
        (method, ["webhooks", _app, token, "messages", message]) => {
            interactions::webhook_message(state, method, token, message, body, now, wall)
        }
        ("GET", ["applications", _app, "commands"]) => Ok(RestResponse::ok(json!(state.commands.global))),
        ("PUT", ["applications", _app, "commands"]) => {
            let commands = register_commands(state, body, None)?;
            state.commands.global = commands.clone();
            Ok(RestResponse::ok(json!(commands)))
        }
        ("GET", ["applications", _app, "guilds", guild, "commands"]) => {
            let guild = parse_id(guild)?;
            let commands = state.commands.guilds.get(&guild).cloned().unwrap_or_default();
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
            limits::check_nonce(body)?;
            let reply = replied_message(state, channel.id, body)?;
            let nonce = body.get("nonce").and_then(|n| match n {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            });
            let enforce = body.get("enforce_nonce").and_then(Value::as_bool).unwrap_or(false);
            if let (Some(nonce), true) = (&nonce, enforce) {
                // Same author (the bot), same nonce, within the window: the first message again.
                let earlier = state.nonces.get(&(channel.id, nonce.clone())).copied();
                if let Some((id, _)) = earlier.filter(|(_, at)| now.duration_since(*at) < NONCE_WINDOW) {
                    if let Some(first) = state.messages.get(&id) {
                        return Ok(RestResponse::ok(payloads::message(first)));
                    }
                }
            }
            let bot = world::user(World::BOT).expect("the world has a bot");
            let id = state.next_id();
            if let Some(nonce) = nonce {
                state.nonces.insert((channel.id, nonce), (id, now));
            }
            let mut message = StoredMessage::from_body(id, channel.id, channel.guild_id, bot, body, wall);
            if reply == Reply::ToNothing {
                // Sent as a plain message, as Discord does with `fail_if_not_exists: false`.
                message.message_reference = None;
            }
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

/// What a new message's `message_reference` points at.
#[derive(Debug, PartialEq, Eq)]
enum Reply {
    /// No reference, or a message that exists.
    Fine,
    /// A message that does not exist, with `fail_if_not_exists: false`: sent without it.
    ToNothing,
}

/// Refuses a reply to a message that does not exist in this channel, unless
/// `fail_if_not_exists` is false (<https://discord.com/developers/docs/resources/message#message-reference-structure>).
fn replied_message(state: &State, channel: u64, body: &Value) -> Result<Reply, ApiError> {
    let Some(reference) = body.get("message_reference").filter(|r| !r.is_null()) else { return Ok(Reply::Fine) };
    // Type 1 is a forward, which points elsewhere on purpose.
    if reference.get("type").and_then(Value::as_u64).unwrap_or(0) != 0 {
        return Ok(Reply::Fine);
    }
    let mut errors = FormErrors::default();
    let referenced_channel = reference.get("channel_id").and_then(id_of).unwrap_or(channel);
    if referenced_channel != channel {
        errors.push(
            "message_reference",
            "REPLIES_CANNOT_REFERENCE_OTHER_CHANNEL",
            "Cannot reply to a message in a different channel",
        );
        return Err(ApiError::invalid_form(&errors));
    }
    let exists = reference
        .get("message_id")
        .and_then(id_of)
        .and_then(|id| state.messages.get(&id))
        .is_some_and(|m| m.channel_id == channel);
    if exists {
        return Ok(Reply::Fine);
    }
    if reference.get("fail_if_not_exists").and_then(Value::as_bool) == Some(false) {
        return Ok(Reply::ToNothing);
    }
    errors.push("message_reference", "REPLIES_UNKNOWN_MESSAGE", "Unknown message");
    Err(ApiError::invalid_form(&errors))
}

fn parse_id(segment: &str) -> Result<u64, ApiError> {
    segment.parse().map_err(|_| ApiError::unknown_route())
}

fn known_channel(segment: &str) -> Result<&'static world::ChannelInfo, ApiError> {
    world::channel(parse_id(segment)?).ok_or_else(ApiError::unknown_channel)
}

fn stored_in<'s>(state: &'s mut State, channel: u64, message: &str) -> Result<&'s mut StoredMessage, ApiError> {
    let id = parse_id(message)?;
    state.messages.get_mut(&id).filter(|m| m.channel_id == channel).ok_or_else(ApiError::unknown_message)
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
                return Err(ApiError::not_the_author());
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
fn register_commands(state: &mut State, body: &Value, guild: Option<u64>) -> Result<Vec<Value>, ApiError> {
    let Some(commands) = body.as_array() else {
        let mut errors = FormErrors::default();
        errors.push("", "LIST_TYPE_CONVERT", "Only iterables may be used in a ListType");
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
        let kept_id =
            previous.iter().find(|c| c["name"] == command["name"] && c["type"] == kind).map(|c| c["id"].clone());
        let id = match kept_id {
            Some(id) => id,
            None => snowflake(state.next_id()),
        };
        let version = snowflake(state.next_id());
        let fields = command.as_object_mut().expect("commands were checked to be objects");
        fields.insert("id".into(), id);
        fields.insert("application_id".into(), snowflake(World::APPLICATION));
        fields.insert("type".into(), json!(kind));
        fields.insert("version".into(), version);
        fields.entry("description").or_insert(json!(""));
        fields.entry("default_member_permissions").or_insert(Value::Null);
        fields.entry("nsfw").or_insert(json!(false));
        if let Some(g) = guild {
            fields.insert("guild_id".into(), snowflake(g));
        }
        registered.push(command);
    }
    Ok(registered)
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

    pub(super) fn call(state: &mut State, method: &str, path: &str, body: Value) -> RestResponse {
        call_at(state, method, path, body, Instant::now())
    }

    pub(super) fn call_at(state: &mut State, method: &str, path: &str, body: Value, now: Instant) -> RestResponse {
        let raw = if body.is_null() { Vec::new() } else { body.to_string().into_bytes() };
        let (path, query) = match path.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (path, None),
        };
        let request = RestRequest { method, path, query, content_type: None, body: &raw };
        handle(state, &request, now)
    }

    pub(super) fn body(response: &RestResponse) -> &Value {
        response.body.as_ref().expect("a body")
    }

    pub(super) fn assert_refused(response: &RestResponse, status: u16, code: u64) {
        assert_eq!(
            (response.status, body(response)["code"].as_u64()),
            (status, Some(code)),
            "expected {status}/{code}, got {response:?}"
        );
    }

    /// An application command interaction, as if the control API had sent it.
    pub(super) fn command(state: &mut State, kind: u8, created: Instant) -> (u64, String) {
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

    pub(super) fn callback_path((id, token): &(u64, String)) -> String {
        format!("/api/v10/interactions/{id}/{token}/callback")
    }

    #[test]
    fn handshake_routes_deserialize() {
        let mut state = state();
        let gateway = call(&mut state, "GET", "/api/v10/gateway", Value::Null);
        assert_eq!(body(&gateway)["url"], "ws://127.0.0.1:9/gateway");
        decode::<BotGateway>(body(&call(&mut state, "GET", "/api/v10/gateway/bot", Value::Null)));
        let app = call(&mut state, "GET", "/api/v10/oauth2/applications/@me", Value::Null);
        assert_eq!(decode::<CurrentApplicationInfo>(body(&app)).id.get(), World::APPLICATION);
        let me = call(&mut state, "GET", "/api/v10/users/@me", Value::Null);
        assert_eq!(decode::<CurrentUser>(body(&me)).name, "optout-bot");
        for channel in world::channels() {
            let path = format!("/api/v10/channels/{}", channel.id);
            decode::<Channel>(body(&call(&mut state, "GET", &path, Value::Null)));
        }
        let dm = call(&mut state, "POST", "/api/v10/users/@me/channels", json!({ "recipient_id": "6000" }));
        assert_eq!(decode::<Channel>(body(&dm)).id().get(), World::MEMBER_DM_CHANNEL);
    }

    #[test]
    fn unknown_routes_answer_404_and_are_recorded_with_their_query() {
        let mut state = state();
        let response = call(&mut state, "GET", "/api/v10/guilds/2000/roles?&with_counts=true", Value::Null);
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
    fn an_enforced_nonce_returns_the_first_message_within_the_window() {
        let mut state = state();
        let path = "/api/v10/channels/5001/messages";
        let start = Instant::now();
        let create = json!({ "content": "once", "nonce": "ann-1", "enforce_nonce": true });
        let first = call_at(&mut state, "POST", path, create.clone(), start);
        let again = call_at(&mut state, "POST", path, create.clone(), start + std::time::Duration::from_secs(60));
        assert_eq!(body(&first)["id"], body(&again)["id"], "the same nonce gives the first message back");
        assert_eq!(state.messages.len(), 1);
        let unenforced = json!({ "content": "twice", "nonce": "ann-1" });
        call_at(&mut state, "POST", path, unenforced, start + std::time::Duration::from_secs(61));
        assert_eq!(state.messages.len(), 2, "without enforce_nonce a nonce deduplicates nothing");
        let late = call_at(&mut state, "POST", path, create, start + NONCE_WINDOW + std::time::Duration::from_secs(62));
        assert_ne!(body(&late)["id"], body(&first)["id"], "past the window it is a new message");
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
        let message = state.messages.values().next().expect("the message is stored");
        assert_eq!(message.attachments.len(), 1);
        assert_eq!(message.attachments[0].filename, "a.txt");
        assert_eq!(message.attachments[0].data, b"hello");
    }

    #[test]
    fn binary_files_keep_their_bytes() {
        let mut state = state();
        let png: &[u8] = &[0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n', 0, 0xff, 0xfe];
        let mut body =
            b"--XyZ\r\nContent-Disposition: form-data; name=\"payload_json\"\r\n\r\n{\"content\":\"chart\"}\r\n\
                         --XyZ\r\nContent-Disposition: form-data; name=\"files[0]\"; filename=\"stats.png\"\r\n\
                         Content-Type: image/png\r\n\r\n"
                .to_vec();
        body.extend_from_slice(png);
        body.extend_from_slice(b"\r\n--XyZ--\r\n");
        let request = RestRequest {
            method: "POST",
            path: "/api/v10/channels/5000/messages",
            query: None,
            content_type: Some("multipart/form-data; boundary=XyZ"),
            body: &body,
        };
        assert_eq!(handle(&mut state, &request, Instant::now()).status, 200);
        let message = state.messages.values().next().expect("the message is stored");
        assert_eq!(message.attachments[0].filename, "stats.png");
        assert_eq!(message.attachments[0].content_type.as_deref(), Some("image/png"));
        assert_eq!(message.attachments[0].data, png);
    }

    #[test]
    fn channel_messages_are_stored_dispatched_and_limited() {
        let mut state = state();
        let path = "/api/v10/channels/5000/messages";
        let ok = call(&mut state, "POST", path, json!({ "content": "x".repeat(2000) }));
        let message = decode::<Message>(body(&ok));
        assert_eq!(message.author.id.get(), World::BOT);
        assert!(matches!(only_event(&mut state), serenity::model::event::Event::MessageCreate(_)));
        let too_long = call(&mut state, "POST", path, json!({ "content": "x".repeat(2001) }));
        assert_refused(&too_long, 400, 50035);
        assert!(body(&too_long)["errors"]["content"]["_errors"].is_array());
        assert_refused(&call(&mut state, "POST", path, json!({ "content": "" })), 400, 50006);
        assert_refused(
            &call(&mut state, "POST", "/api/v10/channels/1/messages", json!({ "content": "a" })),
            404,
            10003,
        );
        assert_eq!(state.messages.len(), 1);
    }

    #[test]
    fn the_bot_edits_and_deletes_its_own_messages_only() {
        let mut state = state();
        let posted = call(&mut state, "POST", "/api/v10/channels/5000/messages", json!({ "content": "a" }));
        let path = format!("/api/v10/channels/5000/messages/{}", body(&posted)["id"].as_str().unwrap());
        let edited = call(&mut state, "PATCH", &path, json!({ "content": "b" }));
        assert_eq!(decode::<Message>(body(&edited)).content, "b");
        assert!(body(&edited)["edited_timestamp"].is_string());

        let id = state.next_id();
        let member = world::user(World::MEMBER).unwrap();
        let theirs = json!({ "content": "mine" });
        let message =
            StoredMessage::from_body(id, World::HELP_CHANNEL, Some(World::GUILD), member, &theirs, SystemTime::now());
        state.insert_message(message);
        let theirs = format!("/api/v10/channels/5000/messages/{id}");
        assert_refused(&call(&mut state, "PATCH", &theirs, json!({ "content": "x" })), 403, 50005);
        assert_eq!(call(&mut state, "DELETE", &path, Value::Null).status, 204);
        assert_refused(&call(&mut state, "GET", &path, Value::Null), 404, 10008);
    }

    #[test]
    fn crossposting_works_once_and_only_in_announcement_channels() {
        let mut state = state();
        let posted = call(&mut state, "POST", "/api/v10/channels/5001/messages", json!({ "content": "news" }));
        let id = body(&posted)["id"].as_str().unwrap().to_owned();
        let path = format!("/api/v10/channels/5001/messages/{id}/crosspost");
        let crossposted = call(&mut state, "POST", &path, Value::Null);
        assert_eq!(crossposted.status, 200);
        assert_eq!(body(&crossposted)["flags"], flags::CROSSPOSTED);
        assert_refused(&call(&mut state, "POST", &path, Value::Null), 400, 40033);

        let posted = call(&mut state, "POST", "/api/v10/channels/5000/messages", json!({ "content": "help" }));
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
        assert_eq!(body(&again)[0]["id"], body(&first)[0]["id"], "ids survive an overwrite");
        assert_ne!(body(&again)[0]["version"], body(&first)[0]["version"]);
        let global = call(&mut state, "PUT", "/api/v10/applications/1000/commands", json!([]));
        assert_eq!(body(&global), &json!([]));
        let bad = call(&mut state, "PUT", path, json!([{ "name": "ask", "description": "" }]));
        assert_refused(&bad, 400, 50035);
    }

    #[test]
    fn injected_failures_run_out() {
        let mut state = state();
        state.failures.push(crate::state::FailRule {
            path_prefix: "/api/v10/channels/5000/messages".into(),
            method: Some("post".into()),
            failure: Failure::Status(429),
            remaining: 2,
        });
        let path = "/api/v10/channels/5000/messages";
        let statuses: Vec<u16> =
            (0..3).map(|_| call(&mut state, "POST", path, json!({ "content": "a" })).status).collect();
        assert_eq!(statuses, [429, 429, 200]);
        let limited = &state.requests[0];
        assert_eq!(limited.status, 429);
        assert!(state.failures.is_empty());
    }

    #[test]
    fn a_reply_to_a_missing_message_is_refused_unless_told_not_to_fail() {
        let mut state = state();
        let path = "/api/v10/channels/5000/messages";
        let question = call(&mut state, "POST", path, json!({ "content": "question?" }));
        let question_id = body(&question)["id"].clone();
        let reply = |id: &Value, fail: Option<bool>| {
            let mut reference = json!({ "message_id": id, "channel_id": "5000" });
            if let Some(fail) = fail {
                reference["fail_if_not_exists"] = json!(fail);
            }
            json!({ "content": "answer", "message_reference": reference })
        };
        let answered = call(&mut state, "POST", path, reply(&question_id, None));
        assert_eq!(body(&answered)["message_reference"]["message_id"], question_id, "a reply to what exists");

        let missing = json!("424242");
        let refused = call(&mut state, "POST", path, reply(&missing, None));
        assert_refused(&refused, 400, 50035);
        assert_eq!(body(&refused)["errors"]["message_reference"]["_errors"][0]["code"], "REPLIES_UNKNOWN_MESSAGE");
        assert_refused(&call(&mut state, "POST", path, reply(&missing, Some(true))), 400, 50035);

        let plain = call(&mut state, "POST", path, reply(&missing, Some(false)));
        assert_eq!(plain.status, 200, "{plain:?}");
        assert!(body(&plain)["message_reference"].is_null(), "sent as a plain message: {plain:?}");

        // A message in another channel is no reply target.
        let elsewhere =
            json!({ "content": "a", "message_reference": { "message_id": question_id, "channel_id": "5002" } });
        let refused = call(&mut state, "POST", path, elsewhere);
        assert_eq!(
            body(&refused)["errors"]["message_reference"]["_errors"][0]["code"],
            "REPLIES_CANNOT_REFERENCE_OTHER_CHANNEL"
        );
    }

    #[test]
    fn a_long_nonce_is_refused() {
        let mut state = state();
        let path = "/api/v10/channels/5000/messages";
        let long = json!({ "content": "a", "nonce": "n".repeat(26), "enforce_nonce": true });
        assert_refused(&call(&mut state, "POST", path, long), 400, 50035);
        let fits = json!({ "content": "a", "nonce": "n".repeat(25), "enforce_nonce": true });
        assert_eq!(call(&mut state, "POST", path, fits).status, 200);
    }

    #[test]
    fn a_deleted_message_is_announced_as_serenity_reads_it() {
        let mut state = state();
        let posted = call(&mut state, "POST", "/api/v10/channels/5000/messages", json!({ "content": "bye" }));
        let id = id_of(&body(&posted)["id"]).unwrap();
        state.take_outbox();
        crate::control::remove_message(&mut state, id).unwrap();
        assert!(!state.messages.contains_key(&id));
        match crate::testing::only_event(&mut state) {
            serenity::model::event::Event::MessageDelete(event) => assert_eq!(event.message_id.get(), id),
            other => panic!("expected MESSAGE_DELETE, got {other:?}"),
        }
        assert!(crate::control::remove_message(&mut state, id).is_err(), "gone already");
    }
}
