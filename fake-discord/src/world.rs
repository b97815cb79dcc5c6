//! The seeded world: one guild, its channels, roles and users, and the bot itself.
//!
//! The world is fixed so that tests can name things by constant ([`World`]) and the same ids
//! mean the same things in every run. Everything here is plain data.

use serde::Serialize;

/// Ids of everything the fake seeds, for tests to refer to.
#[derive(Debug, Clone, Copy)]
pub struct World;

impl World {
    /// The one guild.
    pub const GUILD: u64 = 2000;
    /// Text channel #help.
    pub const HELP_CHANNEL: u64 = 5000;
    /// Announcement (news) channel #announcements.
    pub const ANNOUNCEMENTS_CHANNEL: u64 = 5001;
    /// Text channel #general.
    pub const GENERAL_CHANNEL: u64 = 5002;
    /// DM channel between the bot and [`World::MEMBER`].
    pub const MEMBER_DM_CHANNEL: u64 = 5100;
    /// DM channel between the bot and [`World::MODERATOR`].
    pub const MODERATOR_DM_CHANNEL: u64 = 5101;
    /// @everyone: its id is the guild's, as on Discord.
    pub const EVERYONE_ROLE: u64 = Self::GUILD;
    /// Moderators, who hold Manage Server.
    pub const MODERATORS_ROLE: u64 = 7000;
    /// Opt-out updates, the role announcements ping.
    pub const UPDATES_ROLE: u64 = 7001;
    /// An ordinary member (username "member").
    pub const MEMBER: u64 = 6000;
    /// A member holding [`World::MODERATORS_ROLE`] (username "moderator").
    pub const MODERATOR: u64 = 6001;
    /// The bot user.
    pub const BOT: u64 = 1000;
    /// The bot's application: same id as its user, as for most bots.
    pub const APPLICATION: u64 = 1000;
}

/// Permission bits, from <https://discord.com/developers/docs/topics/permissions#permissions-bitwise-permission-flags>.
pub mod permissions {
    pub const ADD_REACTIONS: u64 = 1 << 6;
    pub const MANAGE_GUILD: u64 = 1 << 5;
    pub const VIEW_CHANNEL: u64 = 1 << 10;
    pub const SEND_MESSAGES: u64 = 1 << 11;
    pub const MANAGE_MESSAGES: u64 = 1 << 13;
    pub const EMBED_LINKS: u64 = 1 << 14;
    pub const ATTACH_FILES: u64 = 1 << 15;
    pub const READ_MESSAGE_HISTORY: u64 = 1 << 16;
    pub const MENTION_EVERYONE: u64 = 1 << 17;
    pub const USE_EXTERNAL_EMOJIS: u64 = 1 << 18;
    pub const USE_APPLICATION_COMMANDS: u64 = 1 << 31;

    /// What @everyone may do in the seeded guild.
    pub const BASIC: u64 = VIEW_CHANNEL
        | SEND_MESSAGES
        | READ_MESSAGE_HISTORY
        | EMBED_LINKS
        | ATTACH_FILES
        | ADD_REACTIONS
        | USE_EXTERNAL_EMOJIS
        | USE_APPLICATION_COMMANDS;

    /// What the bot may do: enough to post, crosspost and ping the updates role.
    pub const BOT: u64 = BASIC | MANAGE_MESSAGES | MENTION_EVERYONE;
}

/// Channel types, from <https://discord.com/developers/docs/resources/channel#channel-object-channel-types>.
pub mod channel_kind {
    pub const GUILD_TEXT: u8 = 0;
    pub const DM: u8 = 1;
    pub const GUILD_ANNOUNCEMENT: u8 = 5;
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct UserInfo {
    pub id: u64,
    pub username: String,
    pub bot: bool,
    /// Roles held in the guild, @everyone excluded as Discord does.
    pub roles: Vec<u64>,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct ChannelInfo {
    pub id: u64,
    pub name: &'static str,
    #[serde(rename = "type")]
    pub kind: u8,
    pub guild_id: Option<u64>,
    /// The other end of a DM channel.
    pub recipient: Option<u64>,
    pub position: u16,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct RoleInfo {
    pub id: u64,
    pub name: &'static str,
    pub permissions: u64,
    pub mentionable: bool,
    pub position: u16,
}

const CHANNELS: &[ChannelInfo] = &[
    ChannelInfo {
        id: World::HELP_CHANNEL,
        name: "help",
        kind: channel_kind::GUILD_TEXT,
        guild_id: Some(World::GUILD),
        recipient: None,
        position: 0,
    },
    ChannelInfo {
        id: World::ANNOUNCEMENTS_CHANNEL,
        name: "announcements",
        kind: channel_kind::GUILD_ANNOUNCEMENT,
        guild_id: Some(World::GUILD),
        recipient: None,
        position: 1,
    },
    ChannelInfo {
        id: World::GENERAL_CHANNEL,
        name: "general",
        kind: channel_kind::GUILD_TEXT,
        guild_id: Some(World::GUILD),
        recipient: None,
        position: 2,
    },
    ChannelInfo {
        id: World::MEMBER_DM_CHANNEL,
        name: "",
        kind: channel_kind::DM,
        guild_id: None,
        recipient: Some(World::MEMBER),
        position: 0,
    },
    ChannelInfo {
        id: World::MODERATOR_DM_CHANNEL,
        name: "",
        kind: channel_kind::DM,
        guild_id: None,
        recipient: Some(World::MODERATOR),
        position: 0,
    },
];

const ROLES: &[RoleInfo] = &[
    RoleInfo {
        id: World::EVERYONE_ROLE,
        name: "@everyone",
        permissions: permissions::BASIC,
        mentionable: false,
        position: 0,
    },
    RoleInfo {
        id: World::MODERATORS_ROLE,
        name: "Moderators",
        permissions: permissions::MANAGE_GUILD,
        mentionable: false,
        position: 2,
    },
    RoleInfo { id: World::UPDATES_ROLE, name: "Opt-out updates", permissions: 0, mentionable: true, position: 1 },
];

pub fn users() -> Vec<UserInfo> {
    let user =
        |id, name: &str, bot, roles: &[u64]| UserInfo { id, username: name.to_owned(), bot, roles: roles.to_vec() };
    vec![
        user(World::BOT, "optout-bot", true, &[]),
        user(World::MEMBER, "member", false, &[]),
        user(World::MODERATOR, "moderator", false, &[World::MODERATORS_ROLE]),
    ]
}

pub fn user(id: u64) -> Option<UserInfo> {
    users().into_iter().find(|u| u.id == id)
}

pub fn channels() -> &'static [ChannelInfo] {
    CHANNELS
}

pub fn channel(id: u64) -> Option<&'static ChannelInfo> {
    CHANNELS.iter().find(|c| c.id == id)
}

/// The DM channel the bot shares with `user`, if the world has one.
pub fn dm_channel_with(user: u64) -> Option<&'static ChannelInfo> {
    CHANNELS.iter().find(|c| c.recipient == Some(user))
}

pub fn roles() -> &'static [RoleInfo] {
    ROLES
}

pub fn role(id: u64) -> Option<&'static RoleInfo> {
    ROLES.iter().find(|r| r.id == id)
}

/// A member's guild-wide permissions: @everyone's plus those of every role they hold.
///
/// Channel overwrites don't exist in this world, so this is also their channel permission.
pub fn member_permissions(user: &UserInfo) -> u64 {
    if user.id == World::BOT {
        return permissions::BOT;
    }
    user.roles.iter().filter_map(|id| role(*id)).fold(permissions::BASIC, |acc, r| acc | r.permissions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moderator_has_manage_guild_and_member_does_not() {
        let moderator = user(World::MODERATOR).unwrap();
        let member = user(World::MEMBER).unwrap();
        assert_ne!(member_permissions(&moderator) & permissions::MANAGE_GUILD, 0);
        assert_eq!(member_permissions(&member) & permissions::MANAGE_GUILD, 0);
        assert_ne!(member_permissions(&member) & permissions::SEND_MESSAGES, 0);
    }

    #[test]
    fn every_dm_channel_has_a_known_recipient() {
        for c in channels().iter().filter(|c| c.kind == channel_kind::DM) {
            assert!(user(c.recipient.unwrap()).is_some(), "channel {} recipient", c.id);
        }
    }
}
