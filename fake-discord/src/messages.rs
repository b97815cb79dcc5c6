//! Stored messages and the mentions Discord derives from their content.

use std::time::SystemTime;

use serde_json::Value;

use crate::world::{self, UserInfo};

/// Message flags, from <https://discord.com/developers/docs/resources/message#message-object-message-flags>.
pub mod flags {
    pub const CROSSPOSTED: u64 = 1 << 0;
    pub const EPHEMERAL: u64 = 1 << 6;
    /// A deferred response's "thinking..." placeholder.
    pub const LOADING: u64 = 1 << 7;
}

/// Who a message notifies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mentions {
    pub users: Vec<u64>,
    pub roles: Vec<u64>,
    pub everyone: bool,
}

impl Mentions {
    /// Every mention written in `content`: `<@id>`, `<@!id>`, `<@&id>`, `@everyone`, `@here`.
    /// Ids the world doesn't know are dropped, as Discord drops them.
    pub fn parse(content: &str) -> Self {
        let mut found =
            Self { everyone: content.contains("@everyone") || content.contains("@here"), ..Self::default() };
        let mut rest = content;
        while let Some(start) = rest.find("<@") {
            rest = &rest[start + 2..];
            let Some(end) = rest.find('>') else { break };
            let inner = &rest[..end];
            if let Some(role) = inner.strip_prefix('&').and_then(|s| s.parse().ok()) {
                if world::role(role).is_some() && !found.roles.contains(&role) {
                    found.roles.push(role);
                }
            } else if let Ok(user) = inner.trim_start_matches('!').parse() {
                if world::user(user).is_some() && !found.users.contains(&user) {
                    found.users.push(user);
                }
            }
        }
        found
    }

    /// What is left of the written mentions once `allowed_mentions` has filtered them.
    /// <https://discord.com/developers/docs/resources/message#allowed-mentions-object>
    pub fn allowed_by(self, allowed_mentions: Option<&Value>) -> Self {
        let Some(allowed) = allowed_mentions else {
            return self;
        };
        let ids = |key: &str| -> Vec<u64> {
            allowed
                .get(key)
                .and_then(Value::as_array)
                .map(|ids| ids.iter().filter_map(id_of).collect())
                .unwrap_or_default()
        };
        let parses =
            |kind: &str| allowed.get("parse").and_then(Value::as_array).is_some_and(|p| p.iter().any(|k| k == kind));
        let (users, roles) = (ids("users"), ids("roles"));
        Self {
            users: self.users.into_iter().filter(|u| parses("users") || users.contains(u)).collect(),
            roles: self.roles.into_iter().filter(|r| parses("roles") || roles.contains(r)).collect(),
            everyone: self.everyone && parses("everyone"),
        }
    }
}

/// A snowflake written as a JSON string or number.
pub fn id_of(value: &Value) -> Option<u64> {
    match value {
        Value::String(s) => s.parse().ok(),
        Value::Number(n) => n.as_u64(),
        _ => None,
    }
}

/// A file uploaded with a message, kept byte for byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub filename: String,
    pub content_type: Option<String>,
    pub data: Vec<u8>,
}

/// A message the fake knows about, whoever made it.
#[derive(Debug, Clone)]
pub struct StoredMessage {
    pub id: u64,
    pub channel_id: u64,
    pub guild_id: Option<u64>,
    pub author: UserInfo,
    pub content: String,
    pub embeds: Vec<Value>,
    pub components: Vec<Value>,
    pub flags: u64,
    /// As the sender wrote it, so tests can check what a message was allowed to ping.
    pub allowed_mentions: Option<Value>,
    pub message_reference: Option<Value>,
    /// The interaction this message answers, for responses and follow-ups.
    pub interaction_id: Option<u64>,
    /// Set for interaction responses and follow-ups, which Discord sends through a webhook.
    pub webhook_id: Option<u64>,
    pub mentions: Mentions,
    pub timestamp: SystemTime,
    pub edited: Option<SystemTime>,
    pub tts: bool,
    /// Files uploaded with it (multipart requests); `GET /_fake/attachments/{message}/{index}`.
    pub attachments: Vec<Attachment>,
}

impl StoredMessage {
    /// A message built from a create-message body (channel message, response or follow-up).
    pub fn from_body(
        id: u64,
        channel_id: u64,
        guild_id: Option<u64>,
        author: UserInfo,
        body: &Value,
        now: SystemTime,
    ) -> Self {
        let mut message = Self {
            id,
            channel_id,
            guild_id,
            author,
            content: String::new(),
            embeds: Vec::new(),
            components: Vec::new(),
            flags: 0,
            allowed_mentions: None,
            message_reference: body.get("message_reference").filter(|v| !v.is_null()).cloned(),
            interaction_id: None,
            webhook_id: None,
            mentions: Mentions::default(),
            timestamp: now,
            edited: None,
            tts: body.get("tts").and_then(Value::as_bool).unwrap_or(false),
            attachments: Vec::new(),
        };
        message.apply(body);
        message
    }

    /// Applies an edit: fields present in `body` replace the stored ones.
    pub fn edit(&mut self, body: &Value, now: SystemTime) {
        self.apply(body);
        self.flags &= !flags::LOADING;
        self.edited = Some(now);
    }

    fn apply(&mut self, body: &Value) {
        if let Some(content) = body.get("content") {
            self.content = content.as_str().unwrap_or_default().to_owned();
        }
        if let Some(embeds) = body.get("embeds") {
            self.embeds = embeds.as_array().cloned().unwrap_or_default();
        }
        if let Some(components) = body.get("components") {
            self.components = components.as_array().cloned().unwrap_or_default();
        }
        if let Some(flags) = body.get("flags").and_then(Value::as_u64) {
            // Discord keeps the flags only it may set.
            let kept = self.flags & (flags::CROSSPOSTED | flags::EPHEMERAL);
            self.flags = flags | kept;
        }
        if let Some(allowed) = body.get("allowed_mentions") {
            self.allowed_mentions = Some(allowed.clone()).filter(|v| !v.is_null());
        }
        self.mentions = Mentions::parse(&self.content).allowed_by(self.allowed_mentions.as_ref());
    }

    pub fn is_ephemeral(&self) -> bool {
        self.flags & flags::EPHEMERAL != 0
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::world::World;

    #[test]
    fn parses_every_kind_of_mention_and_drops_unknown_ids() {
        let m = Mentions::parse("hi <@6000> <@!6001> <@&7001> <@999> <@&998> @here");
        assert_eq!(m.users, [World::MEMBER, World::MODERATOR]);
        assert_eq!(m.roles, [World::UPDATES_ROLE]);
        assert!(m.everyone);
    }

    #[test]
    fn allowed_mentions_filter_what_pings() {
        let written = || Mentions::parse("<@6000> <@&7001> @everyone");
        assert_eq!(written().allowed_by(None), written());
        let none = written().allowed_by(Some(&json!({ "parse": [] })));
        assert_eq!(none, Mentions::default());
        let role_only = written().allowed_by(Some(&json!({ "parse": [], "roles": ["7001"] })));
        assert_eq!(role_only.roles, [World::UPDATES_ROLE]);
        assert!(role_only.users.is_empty() && !role_only.everyone);
    }
}
