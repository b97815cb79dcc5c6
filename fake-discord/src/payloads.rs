//! Discord's JSON objects, rendered from the world and the fake's stored state.
//!
//! Every object here ends up in front of serenity, which drops an event silently when a
//! required field is missing, so each renderer is covered by a test that deserializes its
//! output with serenity 0.12.5's own model types.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

use crate::messages::StoredMessage;
use crate::world::{self, channel_kind, ChannelInfo, RoleInfo, UserInfo, World};

/// Largest upload a bot may attach in the seeded guild (no boosts): 25 MiB.
/// <https://discord.com/developers/docs/reference#uploading-files>
pub const ATTACHMENT_SIZE_LIMIT: u64 = 25 * 1024 * 1024;

/// Interaction types, from <https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object-interaction-type>.
pub mod interaction_kind {
    pub const APPLICATION_COMMAND: u8 = 2;
    pub const MESSAGE_COMPONENT: u8 = 3;
    pub const AUTOCOMPLETE: u8 = 4;
    pub const MODAL_SUBMIT: u8 = 5;
}

/// The seeded members all joined at this instant, so payloads are reproducible.
const JOINED_AT: &str = "2024-01-01T00:00:00.000000+00:00";

pub fn snowflake(id: u64) -> Value {
    Value::String(id.to_string())
}

pub fn user(u: &UserInfo) -> Value {
    json!({
        "id": snowflake(u.id),
        "username": u.username,
        "discriminator": "0",
        "global_name": null,
        "avatar": null,
        "bot": u.bot,
    })
}

/// A guild member without its user, as in a message's `member` or `resolved.members`.
pub fn partial_member(u: &UserInfo) -> Value {
    json!({
        "roles": u.roles.iter().map(|r| snowflake(*r)).collect::<Vec<_>>(),
        "joined_at": JOINED_AT,
        "deaf": false,
        "mute": false,
        "flags": 0,
        "pending": false,
        "nick": null,
        "avatar": null,
        "premium_since": null,
        "permissions": world::member_permissions(u).to_string(),
    })
}

/// A guild member with its user, as in an interaction's `member`.
pub fn member(u: &UserInfo) -> Value {
    let mut m = partial_member(u);
    m["user"] = user(u);
    m
}

pub fn role(r: &RoleInfo) -> Value {
    json!({
        "id": snowflake(r.id),
        "name": r.name,
        "color": 0,
        // Required by serenity 0.12.5, though Discord's docs list it as newer than `color`.
        "colors": { "primary_color": 0, "secondary_color": null, "tertiary_color": null },
        "hoist": false,
        "icon": null,
        "unicode_emoji": null,
        "position": r.position,
        "permissions": r.permissions.to_string(),
        "managed": false,
        "mentionable": r.mentionable,
        "flags": 0,
    })
}

/// A channel as interactions and `resolved.channels` carry it.
pub fn partial_channel(c: &ChannelInfo) -> Value {
    let mut v = json!({
        "id": snowflake(c.id),
        "type": c.kind,
        "permissions": world::permissions::BOT.to_string(),
    });
    if c.kind != channel_kind::DM {
        v["name"] = json!(c.name);
    }
    v
}

/// A full channel, as `GET /channels/{id}` answers.
pub fn channel(c: &ChannelInfo) -> Value {
    match c.guild_id {
        Some(guild) => json!({
            "id": snowflake(c.id),
            "type": c.kind,
            "guild_id": snowflake(guild),
            "name": c.name,
            "position": c.position,
            "permission_overwrites": [],
            "nsfw": false,
            "topic": null,
            "last_message_id": null,
            "parent_id": null,
            "rate_limit_per_user": 0,
            "flags": 0,
        }),
        None => {
            let recipients: Vec<Value> = c.recipient.and_then(world::user).iter().map(user).collect();
            json!({
                "id": snowflake(c.id),
                "type": c.kind,
                "last_message_id": null,
                "recipients": recipients,
                "flags": 0,
            })
        }
    }
}

/// A message as Discord returns and dispatches it.
pub fn message(m: &StoredMessage) -> Value {
    let mentions: Vec<Value> = m
        .mentions
        .users
        .iter()
        .filter_map(|id| world::user(*id))
        .map(|u| {
            let mut v = user(&u);
            if m.guild_id.is_some() {
                v["member"] = partial_member(&u);
            }
            v
        })
        .collect();
    let mut v = json!({
        "id": snowflake(m.id),
        "channel_id": snowflake(m.channel_id),
        "author": user(&m.author),
        "content": m.content,
        "timestamp": timestamp(m.timestamp),
        "edited_timestamp": m.edited.map(timestamp),
        "tts": m.tts,
        "mention_everyone": m.mentions.everyone,
        "mentions": mentions,
        "mention_roles": m.mentions.roles.iter().map(|r| snowflake(*r)).collect::<Vec<_>>(),
        "attachments": [],
        "embeds": m.embeds,
        "components": m.components,
        "pinned": false,
        "type": 0,
        "flags": m.flags,
    });
    if let Some(guild) = m.guild_id {
        v["guild_id"] = snowflake(guild);
    }
    if let Some(reference) = &m.message_reference {
        v["message_reference"] = reference.clone();
    }
    if let Some(webhook) = m.webhook_id {
        v["webhook_id"] = snowflake(webhook);
        v["application_id"] = snowflake(World::APPLICATION);
    }
    v
}

/// The message as `GET /_fake/messages` shows it: what was sent, plus who and why.
pub fn control_message(m: &StoredMessage) -> Value {
    let ids = |ids: &[u64]| ids.iter().map(|i| snowflake(*i)).collect::<Vec<_>>();
    json!({
        "id": snowflake(m.id),
        "channel_id": snowflake(m.channel_id),
        "guild_id": m.guild_id.map(snowflake),
        "author_id": snowflake(m.author.id),
        "content": m.content,
        "embeds": m.embeds,
        "components": m.components,
        "flags": m.flags,
        "allowed_mentions": m.allowed_mentions,
        "message_reference": m.message_reference,
        "interaction_id": m.interaction_id.map(snowflake),
        "webhook": m.webhook_id.is_some(),
        "ephemeral": m.is_ephemeral(),
        "edited": m.edited.is_some(),
        "mentions": ids(&m.mentions.users),
        "mention_roles": ids(&m.mentions.roles),
        "mention_everyone": m.mentions.everyone,
        "attachments": m.attachments.iter().map(|a| json!({
            "filename": a.filename,
            "content_type": a.content_type,
            "size": a.data.len(),
        })).collect::<Vec<_>>(),
    })
}

/// A message as `MESSAGE_CREATE` dispatches it: with the author's `member` in a guild.
pub fn message_create(m: &StoredMessage) -> Value {
    let mut v = message(m);
    if m.guild_id.is_some() && m.webhook_id.is_none() {
        v["member"] = partial_member(&m.author);
    }
    v
}

/// Where an interaction happened and who caused it: the part every interaction shares.
pub struct InteractionEnvelope<'a> {
    pub id: u64,
    pub token: &'a str,
    pub kind: u8,
    pub user: &'a UserInfo,
    pub guild_id: Option<u64>,
    pub channel: &'a ChannelInfo,
    pub locale: &'a str,
}

/// An interaction with its `data` (and `message`, for components), as INTERACTION_CREATE carries it.
///
/// <https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object>
pub fn interaction(e: &InteractionEnvelope<'_>, data: Value, message: Option<Value>) -> Value {
    let mut v = json!({
        "id": snowflake(e.id),
        "application_id": snowflake(World::APPLICATION),
        "type": e.kind,
        "data": data,
        "channel_id": snowflake(e.channel.id),
        "channel": partial_channel(e.channel),
        "token": e.token,
        "version": 1,
        "app_permissions": world::permissions::BOT.to_string(),
        "locale": e.locale,
        "entitlements": [],
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
    });
    match e.guild_id {
        Some(guild) => {
            v["guild_id"] = snowflake(guild);
            v["guild_locale"] = json!("en-US");
            v["member"] = member(e.user);
            // Integration owner 0 is the guild install: its owner is the guild.
            v["authorizing_integration_owners"] = json!({ "0": snowflake(guild) });
            v["context"] = json!(0);
        }
        None => {
            v["user"] = user(e.user);
            v["authorizing_integration_owners"] = json!({ "0": "0" });
            v["context"] = json!(1);
        }
    }
    if let Some(message) = message {
        v["message"] = message;
    }
    v
}

pub fn hello(heartbeat_interval_ms: u64) -> Value {
    json!({ "op": 10, "d": { "heartbeat_interval": heartbeat_interval_ms }, "s": null, "t": null })
}

pub fn heartbeat_ack() -> Value {
    json!({ "op": 11 })
}

pub fn invalid_session() -> Value {
    json!({ "op": 9, "d": false, "s": null, "t": null })
}

pub fn dispatch(name: &str, seq: u64, data: &Value) -> Value {
    json!({ "op": 0, "s": seq, "t": name, "d": data })
}

/// READY's `d`. `shard` echoes the IDENTIFY's, if it had one.
pub fn ready(session_id: &str, resume_gateway_url: &str, shard: Option<[u64; 2]>) -> Value {
    let bot = world::user(World::BOT).expect("the world has a bot");
    let mut v = json!({
        "v": 10,
        "user": {
            "id": snowflake(bot.id),
            "username": bot.username,
            "discriminator": "0",
            "global_name": null,
            "avatar": null,
            "bot": true,
            "verified": true,
            "mfa_enabled": false,
            "flags": 0,
        },
        "guilds": [],
        "session_id": session_id,
        "resume_gateway_url": resume_gateway_url,
        "application": { "id": snowflake(World::APPLICATION), "flags": 0 },
    });
    if let Some(shard) = shard {
        v["shard"] = json!(shard);
    }
    v
}

/// `GET /oauth2/applications/@me`.
pub fn application() -> Value {
    let bot = world::user(World::BOT).expect("the world has a bot");
    json!({
        "id": snowflake(World::APPLICATION),
        "name": bot.username,
        "icon": null,
        "description": "",
        "bot_public": false,
        "bot_require_code_grant": false,
        "verify_key": "0".repeat(64),
        "flags": 0,
        "team": null,
        "owner": user(&world::user(World::MODERATOR).expect("the world has a moderator")),
        "bot": user(&bot),
    })
}

/// `GET /users/@me`.
pub fn current_user() -> Value {
    let bot = world::user(World::BOT).expect("the world has a bot");
    let mut v = user(&bot);
    v["verified"] = json!(true);
    v["mfa_enabled"] = json!(false);
    v["flags"] = json!(0);
    v
}

/// An ISO 8601 timestamp in UTC with microseconds, the way Discord writes them.
pub fn timestamp(at: SystemTime) -> String {
    let since_epoch = at.duration_since(UNIX_EPOCH).unwrap_or(Duration::ZERO);
    let secs = since_epoch.as_secs();
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:06}+00:00",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        since_epoch.subsec_micros()
    )
}

/// Days since 1970-01-01 to a (year, month, day) date, by Howard Hinnant's algorithm
/// (<https://howardhinnant.github.io/date_algorithms.html#civil_from_days>).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_iso_8601_utc() {
        let at = UNIX_EPOCH + Duration::from_micros(1_709_251_200_123_456);
        assert_eq!(timestamp(at), "2024-03-01T00:00:00.123456+00:00");
        assert_eq!(timestamp(UNIX_EPOCH), "1970-01-01T00:00:00.000000+00:00");
    }
}

#[cfg(test)]
mod serenity_tests {
    use serenity::model::event::Event;

    use super::*;
    use crate::state::Dispatch;
    use crate::testing::gateway_event;

    #[test]
    fn ready_deserializes_with_the_application_id() {
        let data = ready("abc", "ws://127.0.0.1:1/gateway", Some([0, 1]));
        let dispatch = Dispatch { name: "READY", guild_id: None, data, intent: None, without_content: None };
        let Event::Ready(ready) = gateway_event(&dispatch) else { panic!("expected READY") };
        assert_eq!(ready.ready.application.id.get(), World::APPLICATION);
        assert_eq!(ready.ready.user.id.get(), World::BOT);
        assert_eq!(ready.ready.shard.map(|s| s.total), Some(1));
    }

    #[test]
    fn hello_and_heartbeat_ack_deserialize() {
        use serenity::model::event::GatewayEvent;
        let hello: GatewayEvent = serde_json::from_value(hello(45_000)).unwrap();
        assert!(matches!(hello, GatewayEvent::Hello(45_000)));
        let ack: GatewayEvent = serde_json::from_value(heartbeat_ack()).unwrap();
        assert!(matches!(ack, GatewayEvent::HeartbeatAck));
        let invalid: GatewayEvent = serde_json::from_value(invalid_session()).unwrap();
        assert!(matches!(invalid, GatewayEvent::InvalidateSession(false)));
    }
}
