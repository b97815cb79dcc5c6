//! The application layer: the bot's use-cases, each given its dependencies (the knowledge,
//! the storage traits, a [`Clock`], a port to Discord) rather than reaching for them.
//! Nothing here knows serenity or SQL; `discord/` adapts Discord's events into these calls
//! and renders the [`view::Message`]s they return.
//!
//! - [`knowledge`]: the FAQ, matcher and thresholds, built in one place and swapped on reload.
//! - [`reply`]: what to say to a question in its conversation (entry, place, facets,
//!   language); [`conversation`]: what a member just asked, for follow-ups.
//! - [`answer`]: the one answering pipeline (match → threshold → cooldown → record → reply).
//! - [`browse`]: `/optout`, `/faq list`, `/faq show` and their autocomplete.
//! - [`feedback`]: the buttons on answers: "did you mean" picks, votes, "Post publicly".
//! - [`upkeep`]: reload, add a variant, questions to review, stats ([`upkeep::VariantStore`]);
//!   [`review`]: the questions to review, grouped.
//! - [`announcements`]: drafts, confirm, cancel, list ([`announcements::AnnouncementStore`]).
//! - [`dispatch`]: the scheduler's step: claim, post once, record, report misses;
//!   [`scheduler`]: the task that runs it when due; [`ports`]: what it needs from Discord.
//! - [`audit`]: the moderator audit log ([`audit::AuditLog`]).
//! - [`usage`]: answers, declines and votes as recorded ([`usage::UsageStore`]).
//! - [`storage`]: the error every storage trait returns.
//! - [`view`]: what a reply looks like, as plain data; [`escape`]: user text made safe to quote.
//! - [`metrics`]: what the bot counts for operators (served by [`crate::ops`]).
//! - [`cooldown`]: per-user and per-channel cooldowns, and message de-duplication.

pub mod announcements;
pub(crate) mod answer;
pub mod audit;
pub(crate) mod browse;
pub mod conversation;
pub(crate) mod cooldown;
pub(crate) mod dispatch;
pub(crate) mod escape;
pub(crate) mod feedback;
pub mod knowledge;
pub mod metrics;
pub(crate) mod ports;
pub mod reply;
pub(crate) mod review;
pub(crate) mod scheduler;
pub mod storage;
pub mod sync;
pub mod upkeep;
pub mod usage;
pub mod view;

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use announcements::{AnnouncementStore, Drafts};
use audit::AuditLog;
use cooldown::{Cooldowns, SeenMessages, SEEN_MESSAGES_CAPACITY};
use knowledge::{Knowledge, Shared};
use upkeep::VariantStore;
use usage::{RecentQuestions, UsageStore};

use crate::announce::PingPolicy;
use crate::clock::Clock;
use knowledge::Thresholds;

/// What the use-cases read of the configuration, built by the adapter that reads the file
/// (`Config::settings`), so the application never sees the file's shape.
#[derive(Debug, Clone)]
pub struct Settings {
    /// FAQ directory that `reload` and a refresh read; the built-in FAQ when absent.
    pub faq_dir: Option<std::path::PathBuf>,
    /// The thresholds configured over the FAQ's own.
    pub thresholds: Thresholds,
    /// Channels where the bot answers unprompted, when confident.
    pub help_channels: Vec<u64>,
    /// Roles whose members may use the moderator tools (besides Manage Server).
    pub moderator_roles: Vec<u64>,
    /// Between two chat answers to one person (zero: no limit).
    pub user_cooldown: Duration,
    /// Between two chat answers in one channel (zero: no limit).
    pub channel_cooldown: Duration,
    /// How long after a member's last question a follow-up is still read with it.
    pub conversation_idle: Duration,
    /// What announcements may ping.
    pub ping_policy: PingPolicy,
    /// How late a missed announcement may still be sent on start-up.
    pub missed_grace: chrono::Duration,
    /// The wall clock relative announcement times repeat on.
    pub timezone: chrono_tz::Tz,
}

/// Every storage concern, each behind its own trait (one backend usually implements them all).
#[derive(Clone)]
pub struct Storage {
    pub announcements: Arc<dyn AnnouncementStore>,
    pub audit: Arc<dyn AuditLog>,
    pub usage: Arc<dyn UsageStore>,
    pub variants: Arc<dyn VariantStore>,
    /// Changes other processes make, when the store is shared ([`sync`]).
    pub changes: Option<Arc<dyn sync::ChangeFeed>>,
}

impl Storage {
    /// All four concerns kept by one backend.
    pub fn all<S>(store: Arc<S>) -> Storage
    where
        S: AnnouncementStore + AuditLog + UsageStore + VariantStore + 'static,
    {
        Storage {
            announcements: store.clone(),
            audit: store.clone(),
            usage: store.clone(),
            variants: store,
            changes: None,
        }
    }
}

/// The application: its dependencies and the state its use-cases share.
pub struct App {
    pub knowledge: Shared,
    pub storage: Storage,
    pub clock: Arc<dyn Clock>,
    /// What the use-cases read of the configuration the bot started with (moderator roles,
    /// announcement rules, FAQ directory, thresholds).
    pub settings: Settings,
    help_channels: HashSet<u64>,
    cooldowns: Mutex<Cooldowns>,
    seen: Mutex<SeenMessages>,
    /// What each member just asked, for follow-ups (in memory only).
    conversations: Mutex<conversation::Conversations>,
    /// The question behind each recent answer, for "not helpful" votes.
    recent: Mutex<RecentQuestions>,
    /// One FAQ change at a time: a reload and an added variant racing could each swap in
    /// a FAQ without the other's change.
    changing: tokio::sync::Mutex<()>,
    /// Announcement drafts awaiting Confirm, and the scheduler's wake-up.
    pub drafts: Drafts,
    /// What operators see on `/metrics` and `/healthz`.
    pub metrics: Arc<metrics::Metrics>,
}

impl App {
    pub fn new(settings: Settings, knowledge: Knowledge, storage: Storage, clock: Arc<dyn Clock>) -> App {
        let cooldowns = Cooldowns::new(settings.user_cooldown, settings.channel_cooldown);
        let conversations = conversation::Conversations::new(settings.conversation_idle);
        let metrics = Arc::new(metrics::Metrics::new());
        metrics.faq_entries(served_entries(&knowledge));
        App {
            knowledge: Shared::new(knowledge),
            storage,
            clock,
            help_channels: settings.help_channels.iter().copied().collect(),
            settings,
            cooldowns: Mutex::new(cooldowns),
            conversations: Mutex::new(conversations),
            seen: Mutex::new(SeenMessages::new(SEEN_MESSAGES_CAPACITY)),
            recent: Mutex::new(RecentQuestions::default()),
            changing: tokio::sync::Mutex::new(()),
            drafts: Drafts::default(),
            metrics,
        }
    }

    /// Serves `knowledge` from now on (a reload, an added variant).
    pub(crate) fn replace_knowledge(&self, knowledge: Knowledge) {
        self.metrics.faq_entries(served_entries(&knowledge));
        self.knowledge.replace(knowledge);
    }

    /// Whether `channel` is a help channel, where the bot answers unprompted when confident.
    pub fn is_help_channel(&self, channel: u64) -> bool {
        self.help_channels.contains(&channel)
    }

    /// `/help` in `lang`.
    pub fn help(&self, lang: crate::lang::Lang) -> view::Message {
        view::help(!self.help_channels.is_empty(), lang)
    }
}

/// FAQ entries members can be answered with (small talk is not the FAQ).
fn served_entries(knowledge: &Knowledge) -> usize {
    knowledge.faq.entries().iter().filter(|entry| !entry.is_small_talk()).count()
}
