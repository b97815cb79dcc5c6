//! The Discord edge: connects, registers the commands, and turns events into answers from the
//! core. Everything here parses input, calls the core, renders and replies.
//!
//! - [`commands`]: the slash and context-menu commands, listed once in [`commands::all`].
//! - [`events`]: questions in chat (mentions, DMs, help channels) and button presses.
//! - [`render`]: what a reply looks like (embeds, buttons), decided as plain data.
//! - [`safety`]: allowed mentions, escaping and capping of user text.
//! - [`cooldown`]: per-user and per-channel cooldowns, and message de-duplication.
//! - [`http_retry`]: bounded retries for the requests the bot sends.
//! - [`votes`]: "Was this helpful?" votes behind a small trait.
//! - [`announce`]: `/announce` (new, list, cancel), its preview, Confirm/Cancel and text modal.
//! - [`scheduler`]: the task that posts announcements when due, and the serenity poster.
//! - [`moderator`]: the server-side moderator check for moderator commands and buttons.
//! - [`usage`]: answered and declined questions, recorded for moderators.
//! - [`upkeep`]: `/faq reload`, `/faq unanswered`, `/faq add-variant`, `/faq stats`.
//! - [`audit`]: `/audit`, the moderator audit log.

pub mod announce;
pub mod audit;
pub mod commands;
pub mod cooldown;
pub mod events;
pub mod http_retry;
pub mod moderator;
pub mod render;
pub mod safety;
pub mod scheduler;
pub mod upkeep;
pub mod usage;
pub mod votes;

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context as _;
use arc_swap::ArcSwap;
use serenity::all::{ChannelId, ClientBuilder, GatewayIntents, GuildId, HttpBuilder, UserId};
use tracing::{error, info, warn};

use crate::app::Storage;
use crate::clock::{Clock, SystemClock};
use crate::config::{Config, LogFormat, Secret, ShardPlan, API_BASE_ENV};
use crate::faq::Faq;
use crate::matcher::{MatchOutcome, Matcher, MatcherConfig};
use crate::reply::{self, Reply};
use crate::store::SqliteStore;
use cooldown::{Cooldowns, SeenMessages, SEEN_MESSAGES_CAPACITY};

pub type Error = anyhow::Error;
pub type Context<'a> = poise::Context<'a, Data, Error>;

/// How long a clean shutdown may take before the process exits anyway.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// The FAQ and the matcher built on it, swapped together so a reload is atomic.
pub struct Knowledge {
    pub faq: Faq,
    pub matcher: Matcher,
    /// Confidence needed to answer unprompted in a help channel, for this matcher.
    pub help_channel_threshold: f32,
}

impl Knowledge {
    /// Builds the matcher for `faq`, with the configured thresholds over the FAQ's own.
    pub fn new(faq: Faq, thresholds: &crate::config::Thresholds) -> Knowledge {
        let mut config = MatcherConfig::for_settings(faq.settings());
        if let Some(answer) = thresholds.answer {
            config.answer_threshold = answer;
            config.suggest_threshold = config.suggest_threshold.min(answer);
        }
        if let Some(suggest) = thresholds.suggest {
            config.suggest_threshold = suggest;
        }
        let help_channel_threshold = thresholds.help_channel_for(config.answer_threshold);
        let matcher = Matcher::new(&faq, config);
        Knowledge { faq, matcher, help_channel_threshold }
    }
}

/// What every handler shares.
pub struct Data {
    pub knowledge: Arc<ArcSwap<Knowledge>>,
    pub help_channels: HashSet<ChannelId>,
    pub cooldowns: Mutex<Cooldowns>,
    pub seen: Mutex<SeenMessages>,
    pub bot_id: UserId,
    /// The configuration the bot started with (moderator roles, announcement rules, FAQ directory, thresholds).
    pub config: Arc<Config>,
    /// What the bot remembers (announcements, audit log, votes, usage, added variants).
    pub store: Storage,
    /// Where "now" comes from.
    pub clock: Arc<dyn Clock>,
    /// Announcement drafts awaiting Confirm, and the scheduler's wake-up.
    pub announce: announce::AnnounceState,
    /// FAQ upkeep's shared state: one FAQ change at a time, questions behind answers.
    pub upkeep: upkeep::Upkeep,
}

impl Data {
    /// Matches `request` against `knowledge` (the FAQ loaded now) and records the
    /// reply for moderators' review and statistics.
    pub fn answer<'k>(&self, knowledge: &'k Knowledge, request: &Request) -> (MatchOutcome, Reply<'k>) {
        let outcome = knowledge.matcher.find(&request.question);
        let reply = reply::compose(&knowledge.faq, &outcome);
        usage::record(&self.store.usage, &self.upkeep.recent, request, &reply, self.clock.now());
        (outcome, reply)
    }
}

/// One question to answer, wherever it came from.
#[derive(Debug, Clone)]
pub struct Request {
    pub user: UserId,
    pub channel: ChannelId,
    pub guild: Option<GuildId>,
    /// The asker's Discord locale (`en-US`, `de`, ...), kept for answering in their language.
    pub locale: Option<String>,
    pub question: String,
}

/// Longest question the bot reads; the rest is ignored (Discord allows 6000 in an option).
pub const QUESTION_MAX_CHARS: usize = 500;

/// `optout-bot run`: reads the configuration and the token, then serves until SIGINT/SIGTERM.
pub fn main(config_path: Option<PathBuf>, faq_dir: Option<PathBuf>) -> ExitCode {
    let mut config = match config_path {
        Some(path) => match Config::load(&path) {
            Ok(config) => config,
            Err(errors) => {
                eprintln!("error: invalid configuration\n{errors}");
                return ExitCode::FAILURE;
            }
        },
        None => Config::default(),
    };
    let token = match Secret::from_env() {
        Ok(token) => token,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let faq = match faq_dir.as_ref().or(config.faq_dir.as_ref()) {
        Some(dir) => match Faq::load_dir(dir) {
            Ok(faq) => faq,
            Err(errors) => {
                eprintln!("error: the FAQ in {} has errors\n{errors}", dir.display());
                return ExitCode::FAILURE;
            }
        },
        None => Faq::embedded(),
    };
    // `/faq reload` reads the directory the bot started from, command line included.
    if faq_dir.is_some() {
        config.faq_dir = faq_dir;
    }
    init_logging(&config);
    let api_base = std::env::var(API_BASE_ENV).ok().filter(|s| !s.trim().is_empty());
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(config, faq, token, api_base)) {
        Ok(()) => {
            runtime.shutdown_timeout(SHUTDOWN_GRACE);
            ExitCode::SUCCESS
        }
        Err(error) => {
            error!(error = format!("{error:#}"), "the bot stopped");
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging(config: &Config) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(&config.log.level));
    use std::io::IsTerminal;
    // Colours only for a person at a terminal, not for files and log collectors.
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal());
    let result = match config.log.format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
    if let Err(error) = result {
        eprintln!("warning: logging not set up: {error}");
    }
}

/// The gateway intents the bot needs: guilds, messages in guilds and DMs, and their text
/// (MESSAGE_CONTENT is privileged: enable it in the developer portal).
pub fn intents() -> GatewayIntents {
    GatewayIntents::GUILDS
        | GatewayIntents::GUILD_MESSAGES
        | GatewayIntents::DIRECT_MESSAGES
        | GatewayIntents::MESSAGE_CONTENT
}

/// Connects and serves until a shutdown signal. `api_base` points REST and the gateway at
/// another server (a fake Discord); serenity's ratelimiter is off then, as the proxy needs.
pub async fn run(config: Config, faq: Faq, token: Secret, api_base: Option<String>) -> anyhow::Result<()> {
    let database_path = config.database_path();
    let store = {
        let path = database_path.clone();
        let opened = tokio::task::spawn_blocking(move || SqliteStore::open(&path)).await?;
        Storage::all(Arc::new(opened.with_context(|| format!("cannot open the database {}", database_path.display()))?))
    };
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    info!(path = %database_path.display(), "database open");
    // Variants moderators added from Discord survive restarts: layer them over the files.
    let variants = store.variants.variants().await.context("cannot read the stored variants")?;
    info!(count = variants.len(), "stored variants applied");
    let knowledge =
        Arc::new(ArcSwap::from_pointee(upkeep::knowledge_with_variants(faq, &variants, &config.thresholds)));
    info!(
        answer = knowledge.load().matcher.config().answer_threshold,
        help_channel = knowledge.load().help_channel_threshold,
        "thresholds"
    );
    let mut http = HttpBuilder::new(token.expose());
    if let Some(base) = &api_base {
        info!(api_base = %base, "using another Discord API base");
        http = http.proxy(base.trim_end_matches('/')).ratelimiter_disabled(true);
    }
    let http = http.build();

    let dev_guilds = config.dev_guilds.clone();
    let help_channels: HashSet<ChannelId> = config.help_channels.iter().copied().collect();
    let cooldowns = Cooldowns::new(
        Duration::from_secs(config.cooldowns.user_seconds),
        Duration::from_secs(config.cooldowns.channel_seconds),
    );
    let setup_knowledge = knowledge.clone();
    let config = Arc::new(config);
    let setup_config = config.clone();
    let setup_store = store.clone();
    let setup_clock = clock.clone();
    let wake = Arc::new(tokio::sync::Notify::new());
    let setup_wake = wake.clone();

    let options = poise::FrameworkOptions {
        commands: commands::all(),
        on_error: |error| Box::pin(on_error(error)),
        pre_command: |ctx| {
            Box::pin(async move {
                info!(
                    command = %ctx.command().qualified_name,
                    user = %ctx.author().id,
                    guild = ?ctx.guild_id().map(|g| g.get()),
                    channel = %ctx.channel_id(),
                    locale = ?ctx.locale(),
                    "command invoked"
                );
            })
        },
        event_handler: |framework, event| Box::pin(events::handle(framework, event)),
        // Nobody is pinged unless a reply says so explicitly.
        allowed_mentions: Some(safety::no_mentions()),
        prefix_options: poise::PrefixFrameworkOptions { mention_as_prefix: false, ..Default::default() },
        ..Default::default()
    };

    let framework = poise::Framework::builder()
        .options(options)
        .setup(move |ctx, ready, framework| {
            Box::pin(async move {
                info!(user = %ready.user.id, shard = ?ready.shard.map(|s| s.id.0), guilds = ready.guilds.len(), "connected");
                register(ctx, &framework.options().commands, &dev_guilds).await;
                Ok(Data {
                    knowledge: setup_knowledge,
                    help_channels,
                    cooldowns: Mutex::new(cooldowns),
                    seen: Mutex::new(SeenMessages::new(SEEN_MESSAGES_CAPACITY)),
                    bot_id: ready.user.id,
                    config: setup_config,
                    store: setup_store,
                    clock: setup_clock,
                    announce: announce::AnnounceState::new(setup_wake),
                    upkeep: upkeep::Upkeep::default(),
                })
            })
        })
        .build();

    let mut client = ClientBuilder::new_with_http(http, intents())
        .framework(framework)
        .await
        .context("cannot build the Discord client")?;

    // The scheduler starts before the gateway: announcements due while the bot was down are
    // recovered at once, and it needs only REST.
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let schedule = scheduler::Schedule {
        store: store.clone(),
        clock: clock.clone(),
        policy: config.announcements.ping_policy(),
        grace: config.announcements.grace(),
        wake,
    };
    let poster = scheduler::SerenityPoster {
        http: client.http.clone(),
        knowledge: knowledge.clone(),
        store: store.clone(),
        clock: clock.clone(),
    };
    let scheduler = tokio::spawn(scheduler::run(schedule, poster, stopped));

    let shard_manager = client.shard_manager.clone();
    tokio::spawn(async move {
        shutdown_signal().await;
        info!("shutting down");
        let _ = stop.send(true);
        shard_manager.shutdown_all().await;
        // Should the client not return on its own, don't hang on to the terminal.
        tokio::time::sleep(SHUTDOWN_GRACE).await;
        warn!("shutdown took too long, exiting");
        std::process::exit(0);
    });

    let started = match config.shards.plan() {
        ShardPlan::Auto => client.start_autosharded().await,
        ShardPlan::All { total } => client.start_shards(total).await,
        ShardPlan::Range { range, total } => client.start_shard_range(range, total).await,
    };
    started.context("the Discord connection failed")?;
    if tokio::time::timeout(SHUTDOWN_GRACE, scheduler).await.is_err() {
        warn!("the announcement scheduler did not stop in time");
    }
    info!("stopped");
    Ok(())
}

/// Registers the commands in each development guild (instant), or globally when there are none.
async fn register(ctx: &serenity::all::Context, commands: &[poise::Command<Data, Error>], dev_guilds: &[GuildId]) {
    if dev_guilds.is_empty() {
        match http_retry::with_retry("register commands", || poise::builtins::register_globally(ctx, commands)).await {
            Ok(()) => info!(count = commands.len(), "commands registered globally"),
            Err(error) => error!(error = %error, "registering commands globally failed"),
        }
        return;
    }
    for guild in dev_guilds {
        match http_retry::with_retry("register commands", || poise::builtins::register_in_guild(ctx, commands, *guild))
            .await
        {
            Ok(()) => info!(guild = %guild, count = commands.len(), "commands registered in guild"),
            Err(error) => error!(guild = %guild, error = %error, "registering commands in guild failed"),
        }
    }
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(term) => term,
            Err(error) => {
                warn!(error = %error, "cannot listen for SIGTERM");
                let _ = tokio::signal::ctrl_c().await;
                return;
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// The one error handler: logs, and tells the person something short instead of silence.
async fn on_error(error: poise::FrameworkError<'_, Data, Error>) {
    match error {
        poise::FrameworkError::Setup { error, .. } => error!(error = format!("{error:#}"), "setup failed"),
        poise::FrameworkError::EventHandler { error, event, .. } => {
            error!(error = format!("{error:#}"), event = event.snake_case_name(), "event handler failed")
        }
        poise::FrameworkError::CommandCheckFailed { error: None, ctx, .. } => {
            // A moderator command's check refused the member (see `moderator::check`).
            if is_autocomplete(ctx) {
                return;
            }
            let reply = render::create_reply(&moderator::refusal());
            if let Err(error) = http_retry::with_retry("refusal", || ctx.send(reply.clone())).await {
                error!(error = %error, "could not tell the user they were refused");
            }
        }
        poise::FrameworkError::Command { error, ctx, .. } => {
            error!(command = %ctx.command().qualified_name, user = %ctx.author().id, error = format!("{error:#}"), "command failed");
            tell_failure(ctx).await;
        }
        other => {
            let ctx = other.ctx();
            error!(error = %other, "command error");
            if let Some(ctx) = ctx {
                tell_failure(ctx).await;
            }
        }
    }
}

fn is_autocomplete(ctx: Context<'_>) -> bool {
    matches!(ctx, poise::Context::Application(app) if app.interaction_type == poise::CommandInteractionType::Autocomplete)
}

async fn tell_failure(ctx: Context<'_>) {
    if is_autocomplete(ctx) {
        return;
    }
    let message = render::create_reply(&render::failure());
    if let Err(error) = http_retry::with_retry("error reply", || ctx.send(message.clone())).await {
        error!(error = %error, "could not tell the user about the error");
    }
}
