//! The bot's configuration: a TOML file checked at start-up, and the token from the environment.
//!
//! Every field has a default, so the bot runs with no file at all. Unknown keys are refused
//! (a typo must not silently fall back to a default), and [`Config::validate`] names the key
//! and the problem for every mistake at once.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serenity::all::{ChannelId, GuildId, RoleId};

/// The thresholds are the application's (see [`crate::app::knowledge`]); the file sets them.
pub use crate::app::knowledge::{Thresholds, HELP_CHANNEL_MARGIN, HELP_CHANNEL_THRESHOLD_MAX};

/// The environment variable holding the bot token.
pub const TOKEN_ENV: &str = "DISCORD_TOKEN";

/// The environment variable pointing REST and the gateway at another server (a fake Discord).
pub const API_BASE_ENV: &str = "DISCORD_API_BASE";

/// Seconds between two answers to the same person in chat.
pub const DEFAULT_USER_COOLDOWN_SECS: u64 = 10;

/// Seconds between two answers in the same channel.
pub const DEFAULT_CHANNEL_COOLDOWN_SECS: u64 = 3;

/// Minutes late an announcement that fell due while the bot was down may still be sent on
/// start-up; later than that, "starting in 10 minutes" is wrong, so it is reported instead.
pub const DEFAULT_MISSED_GRACE_MINUTES: u32 = 15;

/// The longest grace period the config accepts: past a day, "sent late" is no longer an announcement.
pub const MISSED_GRACE_MINUTES_MAX: u32 = 24 * 60;

/// A string that must never be shown: Debug and Display print `***`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The token from [`TOKEN_ENV`]; the error names the variable, never a value.
    pub fn from_env() -> Result<Secret, ConfigError> {
        match std::env::var(TOKEN_ENV) {
            Ok(value) if !value.trim().is_empty() => Ok(Secret(value.trim().to_owned())),
            Ok(_) => Err(ConfigError::new(TOKEN_ENV, "is empty: set it to the bot token")),
            Err(_) => Err(ConfigError::new(TOKEN_ENV, "is not set: set it to the bot token")),
        }
    }

    /// The secret itself, for the one place that sends it to Discord.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Secret, D::Error> {
        String::deserialize(deserializer).map(Secret)
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// One problem in the configuration: the key and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{key}: {problem}")]
pub struct ConfigError {
    pub key: String,
    pub problem: String,
}

impl ConfigError {
    pub fn new(key: impl Into<String>, problem: impl Into<String>) -> ConfigError {
        ConfigError { key: key.into(), problem: problem.into() }
    }
}

/// Every problem found, one a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigErrors(pub Vec<ConfigError>);

impl fmt::Display for ConfigErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::write_lines(f, &self.0)
    }
}

impl std::error::Error for ConfigErrors {}

/// The whole configuration file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// FAQ directory; the FAQ built into the binary when absent.
    pub faq_dir: Option<PathBuf>,
    /// Guilds whose commands are registered directly (instantly); empty means global registration.
    pub dev_guilds: Vec<GuildId>,
    /// Channels where the bot answers unprompted, when confident.
    pub help_channels: Vec<ChannelId>,
    pub thresholds: Thresholds,
    pub cooldowns: Cooldowns,
    pub conversation: ConversationConfig,
    pub log: LogConfig,
    pub shards: Shards,
    /// The SQLite database (announcements, audit log, ...); [`crate::store::DEFAULT_DB_PATH`] when absent.
    pub database_path: Option<PathBuf>,
    /// A PostgreSQL database (`postgres://user@host:5432/name`) instead of SQLite, for
    /// several bot processes sharing one; [`crate::store::DATABASE_URL_ENV`] overrides it.
    /// A secret, since the URL may carry a password.
    pub database_url: Option<Secret>,
    pub moderation: Moderation,
    pub announcements: Announcements,
    pub metrics: MetricsConfig,
}

/// Where operators read `/metrics` and `/healthz` (see [`crate::ops`]).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MetricsConfig {
    /// The address to serve them on, e.g. `127.0.0.1:9100`; nothing is served when absent.
    pub listen: Option<std::net::SocketAddr>,
}

/// Who counts as a moderator besides members with Manage Server.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Moderation {
    /// Roles whose members may use the moderator tools.
    pub roles: Vec<RoleId>,
}

/// What announcements may do.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Announcements {
    /// The roles an announcement may ping.
    pub pingable_roles: Vec<RoleId>,
    /// Whether an announcement may ping @everyone.
    pub allow_everyone: bool,
    /// An announcement that fell due while the bot was down is still sent on start-up if it is
    /// at most this late; later ones are reported to moderators as missed.
    pub missed_grace_minutes: u32,
    /// IANA timezone whose wall clock relative times (`in 2h`) repeat on; UTC when absent.
    pub default_timezone: Option<String>,
}

impl Default for Announcements {
    fn default() -> Self {
        Announcements {
            pingable_roles: Vec::new(),
            allow_everyone: false,
            missed_grace_minutes: DEFAULT_MISSED_GRACE_MINUTES,
            default_timezone: None,
        }
    }
}

impl Announcements {
    /// What announcements may ping, as the announcement rules take it.
    pub fn ping_policy(&self) -> crate::announce::PingPolicy {
        crate::announce::PingPolicy {
            pingable_roles: self.pingable_roles.iter().map(|r| r.get()).collect(),
            allow_everyone: self.allow_everyone,
        }
    }

    pub fn grace(&self) -> chrono::Duration {
        chrono::Duration::minutes(i64::from(self.missed_grace_minutes))
    }

    /// The configured default timezone (checked by [`Config::validate`]); UTC when absent.
    pub fn timezone(&self) -> chrono_tz::Tz {
        self.default_timezone
            .as_deref()
            .and_then(|name| crate::announce::parse_timezone(name).ok())
            .unwrap_or(chrono_tz::UTC)
    }
}

impl Config {
    /// The PostgreSQL database chosen by `database_url_env` (the value of
    /// [`crate::store::DATABASE_URL_ENV`], which wins when set and not empty) or by the file's
    /// `database_url`; `None`: SQLite at [`Config::database_path`]. The error names the
    /// setting and never repeats a password.
    pub fn postgres_url(
        &self,
        database_url_env: Option<&str>,
    ) -> Result<Option<crate::store::DatabaseUrl>, ConfigError> {
        let (key, text) = match (database_url_env.map(str::trim).filter(|t| !t.is_empty()), &self.database_url) {
            (Some(text), _) => (crate::store::DATABASE_URL_ENV, text),
            (None, Some(text)) => ("database_url", text.expose()),
            (None, None) => return Ok(None),
        };
        crate::store::DatabaseUrl::parse(text).map(Some).map_err(|error| {
            let line = error.to_string();
            ConfigError::new(key, line.strip_prefix("database_url: ").unwrap_or(&line))
        })
    }

    /// What the use-cases read of this configuration ([`crate::app::App::new`] takes it).
    pub fn settings(&self) -> crate::app::Settings {
        crate::app::Settings {
            faq_dir: self.faq_dir.clone(),
            thresholds: self.thresholds.clone(),
            help_channels: self.help_channels.iter().map(|c| c.get()).collect(),
            moderator_roles: self.moderation.roles.iter().map(|r| r.get()).collect(),
            user_cooldown: std::time::Duration::from_secs(self.cooldowns.user_seconds),
            channel_cooldown: std::time::Duration::from_secs(self.cooldowns.channel_seconds),
            conversation_idle: self.conversation.idle(),
            ping_policy: self.announcements.ping_policy(),
            missed_grace: self.announcements.grace(),
            timezone: self.announcements.timezone(),
        }
    }

    /// Where the database lives.
    pub fn database_path(&self) -> PathBuf {
        self.database_path.clone().unwrap_or_else(|| PathBuf::from(crate::store::DEFAULT_DB_PATH))
    }
}

/// How long the bot remembers what a member just asked (see [`crate::app::conversation`]).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ConversationConfig {
    /// Minutes after a member's last question that a follow-up ("and on the app?") is still
    /// read with it (0: every question stands alone).
    pub idle_minutes: u64,
}

impl Default for ConversationConfig {
    fn default() -> Self {
        ConversationConfig { idle_minutes: crate::app::conversation::DEFAULT_IDLE.as_secs() / 60 }
    }
}

impl ConversationConfig {
    pub fn idle(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.idle_minutes.saturating_mul(60))
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Cooldowns {
    /// Seconds between two chat answers to one person (0: no limit).
    pub user_seconds: u64,
    /// Seconds between two chat answers in one channel (0: no limit).
    pub channel_seconds: u64,
}

impl Default for Cooldowns {
    fn default() -> Self {
        Cooldowns { user_seconds: DEFAULT_USER_COOLDOWN_SECS, channel_seconds: DEFAULT_CHANNEL_COOLDOWN_SECS }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LogConfig {
    /// A tracing filter (`info`, `optout_bot=debug,serenity=warn`); `RUST_LOG` overrides it.
    pub level: String,
    pub format: LogFormat,
}

impl Default for LogConfig {
    fn default() -> Self {
        LogConfig { level: "info".to_owned(), format: LogFormat::Text }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

/// Which shards this process runs. Both absent: as many as Discord recommends, all here.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Shards {
    /// Total shards across all processes.
    pub total: Option<u32>,
    /// The shards this process runs, `[first, end)` like a Rust range: `[0, 4]` runs 0, 1, 2 and 3.
    pub range: Option<[u32; 2]>,
}

/// How to start the shards, decided from [`Shards`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShardPlan {
    Auto,
    All { total: u32 },
    Range { range: std::ops::Range<u32>, total: u32 },
}

impl Shards {
    pub fn plan(&self) -> ShardPlan {
        match (self.total, self.range) {
            (Some(total), Some([first, end])) => ShardPlan::Range { range: first..end, total },
            (Some(total), None) => ShardPlan::All { total },
            _ => ShardPlan::Auto,
        }
    }
}

impl Config {
    /// Reads and validates `path`; the errors name the file, the key and the problem.
    pub fn load(path: &Path) -> Result<Config, ConfigErrors> {
        let text = std::fs::read_to_string(path).map_err(|error| {
            ConfigErrors(vec![ConfigError::new(path.display().to_string(), format!("cannot read: {error}"))])
        })?;
        Config::parse(&text).map_err(|errors| {
            ConfigErrors(
                errors
                    .0
                    .into_iter()
                    .map(|e| ConfigError::new(format!("{}: {}", path.display(), e.key), e.problem))
                    .collect(),
            )
        })
    }

    /// Parses and validates a configuration file's text.
    pub fn parse(text: &str) -> Result<Config, ConfigErrors> {
        let config: Config = toml::from_str(text).map_err(|error| {
            let key = error.span().map(|span| key_at(text, span.start)).unwrap_or_default();
            let problem = error.message().trim().to_owned();
            ConfigErrors(vec![ConfigError::new(if key.is_empty() { "config".to_owned() } else { key }, problem)])
        })?;
        config.validate().map(|()| config)
    }

    /// Every problem a parsed configuration has.
    pub fn validate(&self) -> Result<(), ConfigErrors> {
        let mut errors = Vec::new();
        let mut unit = |key: &str, value: Option<f32>| {
            if let Some(v) = value {
                if !(0.0..=1.0).contains(&v) {
                    errors.push(ConfigError::new(key, format!("must be between 0 and 1 (got {v})")));
                }
            }
        };
        unit("thresholds.answer", self.thresholds.answer);
        unit("thresholds.suggest", self.thresholds.suggest);
        unit("thresholds.help_channel", self.thresholds.help_channel);
        if let (Some(answer), Some(suggest)) = (self.thresholds.answer, self.thresholds.suggest) {
            if suggest > answer {
                errors.push(ConfigError::new(
                    "thresholds.suggest",
                    format!("must not exceed thresholds.answer ({suggest} > {answer})"),
                ));
            }
        }
        if let (Some(answer), Some(help)) = (self.thresholds.answer, self.thresholds.help_channel) {
            if help < answer {
                errors.push(ConfigError::new(
                    "thresholds.help_channel",
                    format!("must be at least thresholds.answer ({help} < {answer})"),
                ));
            }
        }
        if self.log.level.trim().is_empty() {
            errors.push(ConfigError::new("log.level", "must not be empty (try \"info\")"));
        } else if let Err(error) = tracing_subscriber::EnvFilter::try_new(&self.log.level) {
            errors.push(ConfigError::new("log.level", format!("is not a valid filter: {error}")));
        }
        match (self.shards.total, self.shards.range) {
            (Some(0), _) => errors.push(ConfigError::new("shards.total", "must be at least 1")),
            (None, Some(_)) => {
                errors.push(ConfigError::new("shards.range", "needs shards.total (the count across all processes)"))
            }
            (Some(total), Some([first, end])) => {
                if first >= end {
                    errors.push(ConfigError::new(
                        "shards.range",
                        format!("must be [first, end) with first < end (got [{first}, {end}])"),
                    ));
                } else if end > total {
                    errors.push(ConfigError::new(
                        "shards.range",
                        format!("ends past shards.total ({end} > {total}); shard ids run 0..{total}"),
                    ));
                }
            }
            _ => {}
        }
        if let Some(path) = &self.database_path {
            if path.as_os_str().is_empty() || path.is_dir() {
                errors.push(ConfigError::new("database_path", format!("{} is not a file path", path.display())));
            }
        }
        if self.database_url.is_some() {
            if self.database_path.is_some() {
                errors.push(ConfigError::new("database_url", "and database_path are both set: keep one"));
            } else if let Err(error) = self.postgres_url(None) {
                errors.push(error);
            }
        }
        if self.announcements.missed_grace_minutes > MISSED_GRACE_MINUTES_MAX {
            errors.push(ConfigError::new(
                "announcements.missed_grace_minutes",
                format!("must be at most {MISSED_GRACE_MINUTES_MAX} (got {})", self.announcements.missed_grace_minutes),
            ));
        }
        if let Some(name) = &self.announcements.default_timezone {
            if let Err(error) = crate::announce::parse_timezone(name) {
                errors.push(ConfigError::new("announcements.default_timezone", error.to_string()));
            }
        }
        if let Some(dir) = &self.faq_dir {
            if !dir.is_dir() {
                errors.push(ConfigError::new("faq_dir", format!("{} is not a directory", dir.display())));
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(ConfigErrors(errors))
        }
    }
}

/// The dotted key whose value starts at or before byte `offset`, from the nearest `[table]`
/// header and `key =` line; good enough to point at the mistake.
fn key_at(text: &str, offset: usize) -> String {
    let mut table = String::new();
    let mut key = String::new();
    let mut position = 0;
    for line in text.split_inclusive('\n') {
        if position > offset {
            break;
        }
        position += line.len();
        let trimmed = line.trim();
        if let Some(name) = trimmed.strip_prefix('[').and_then(|s| s.split(']').next()) {
            table = name.trim().to_owned();
            key.clear();
        } else if let Some((name, _)) = trimmed.split_once('=') {
            if !trimmed.starts_with('#') {
                key = name.trim().to_owned();
            }
        }
    }
    match (table.is_empty(), key.is_empty()) {
        (true, _) => key,
        (false, true) => table,
        (false, false) => format!("{table}.{key}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_never_shows_itself() {
        let secret = Secret::new("hunter2-token");
        assert_eq!(format!("{secret:?}"), "***");
        assert_eq!(format!("{secret}"), "***");
        #[derive(Debug)]
        #[allow(dead_code)]
        struct Holder {
            token: Secret,
        }
        assert!(!format!("{:?}", Holder { token: secret.clone() }).contains("hunter2"));
        assert_eq!(secret.expose(), "hunter2-token");
    }

    #[test]
    fn empty_file_gives_defaults() {
        let config = Config::parse("").unwrap();
        assert!(config.dev_guilds.is_empty() && config.help_channels.is_empty());
        assert_eq!(config.thresholds.help_channel, None);
        assert_eq!(config.thresholds.help_channel_for(0.2), 0.2 + HELP_CHANNEL_MARGIN);
        assert_eq!(config.thresholds.help_channel_for(0.9), HELP_CHANNEL_THRESHOLD_MAX);
        assert_eq!(config.cooldowns.user_seconds, DEFAULT_USER_COOLDOWN_SECS);
        assert_eq!(config.log.format, LogFormat::Text);
        assert_eq!(config.shards.plan(), ShardPlan::Auto);
    }

    #[test]
    fn the_example_file_is_valid() {
        let text = include_str!("../bot.example.toml");
        let config = Config::parse(text).unwrap_or_else(|e| panic!("bot.example.toml should be valid:\n{e}"));
        assert_eq!(config.dev_guilds, vec![GuildId::new(2000)]);
        assert_eq!(config.help_channels, vec![ChannelId::new(5000)]);
    }

    #[test]
    fn full_file_parses_into_typed_values() {
        let config = Config::parse(
            r#"
            dev_guilds = [2000, "2001"]
            help_channels = [5000]
            [thresholds]
            answer = 0.5
            suggest = 0.3
            help_channel = 0.8
            [cooldowns]
            user_seconds = 0
            channel_seconds = 1
            [log]
            level = "optout_bot=debug,serenity=warn"
            format = "json"
            [shards]
            total = 8
            range = [4, 8]
            "#,
        )
        .unwrap();
        assert_eq!(config.dev_guilds, vec![GuildId::new(2000), GuildId::new(2001)]);
        assert_eq!(config.log.format, LogFormat::Json);
        assert_eq!(config.shards.plan(), ShardPlan::Range { range: 4..8, total: 8 });
    }

    #[test]
    fn mistakes_name_the_key_and_the_problem() {
        let cases: &[(&str, &str, &str)] = &[
            ("dev_guild = [1]", "dev_guild", "unknown field `dev_guild`"),
            ("[thresholds]\nanswr = 0.5", "thresholds.answr", "unknown field `answr`"),
            ("help_channels = [\"general\"]", "help_channels", ""),
            ("[thresholds]\nhelp_channel = 1.5", "thresholds.help_channel", "between 0 and 1"),
            ("[thresholds]\nanswer = 0.3\nsuggest = 0.5", "thresholds.suggest", "must not exceed"),
            ("[thresholds]\nanswer = 0.8\nhelp_channel = 0.6", "thresholds.help_channel", "at least"),
            ("[log]\nformat = \"xml\"", "log.format", "unknown variant"),
            ("[log]\nlevel = \"\"", "log.level", "must not be empty"),
            ("[shards]\nrange = [0, 2]", "shards.range", "needs shards.total"),
            ("[shards]\ntotal = 4\nrange = [2, 2]", "shards.range", "first < end"),
            ("[shards]\ntotal = 4\nrange = [2, 6]", "shards.range", "ends past"),
            ("[shards]\ntotal = 0", "shards.total", "at least 1"),
            ("faq_dir = \"/definitely/not/here\"", "faq_dir", "not a directory"),
            ("database_path = \"\"", "database_path", "not a file path"),
            ("database_url = \"mysql://bot:hunter2@host/db\"", "database_url", "must start with postgres://"),
            ("database_url = \"postgres://bot:hunter2@host\"", "database_url", "no database"),
            ("database_url = \"postgres://bot@host/db\"\ndatabase_path = \"a.db\"", "database_url", "both set"),
            ("[moderation]\nroles = [\"mods\"]", "moderation.roles", ""),
            ("[announcements]\npingable_role = [1]", "announcements.pingable_role", "unknown field"),
            ("[announcements]\nmissed_grace_minutes = 100000", "announcements.missed_grace_minutes", "at most"),
            (
                "[announcements]\ndefault_timezone = \"Mars/Olympus\"",
                "announcements.default_timezone",
                "unknown timezone",
            ),
        ];
        for (text, key, problem) in cases {
            let errors = Config::parse(text).expect_err(text).0;
            assert!(
                errors.iter().any(|e| e.key.contains(key) && e.problem.contains(problem)),
                "{text:?}: expected an error on {key} saying {problem:?}, got {errors:?}"
            );
        }
    }

    #[test]
    fn database_url_chooses_postgres_and_the_environment_wins() {
        let sqlite = Config::parse("").unwrap();
        assert!(sqlite.postgres_url(None).unwrap().is_none(), "SQLite is the default");
        assert!(sqlite.postgres_url(Some("  ")).unwrap().is_none(), "an empty DATABASE_URL is no choice");
        let from_env = sqlite.postgres_url(Some("postgres://bot@env-host/optout")).unwrap().expect("postgres");
        assert_eq!(from_env.to_string(), "postgres://bot@env-host/optout");

        let file = Config::parse("database_url = \"postgres://bot:hunter2@db.internal:5432/optout\"").unwrap();
        assert!(!format!("{file:?}").contains("hunter2"), "Debug of the config hides the URL");
        let chosen = file.postgres_url(None).unwrap().expect("postgres");
        assert_eq!(chosen.to_string(), "postgres://bot:***@db.internal:5432/optout");
        let overridden = file.postgres_url(Some("postgres://bot@env-host/other")).unwrap().unwrap();
        assert_eq!(overridden.database(), "other", "DATABASE_URL wins over the file");

        let error = sqlite.postgres_url(Some("postgres://bot:hunter2@host")).expect_err("no database named");
        assert_eq!(error.key, crate::store::DATABASE_URL_ENV, "the error names where the URL came from");
        assert!(!error.problem.contains("hunter2"), "the password leaked: {error:?}");
    }
}
