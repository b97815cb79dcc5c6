//! The Discord edge: adapters from poise and serenity to the application ([`crate::app`]),
//! and [`run`], which connects and serves until its shutdown future resolves.
//!
//! - [`commands`]: the slash and context-menu commands, listed once in [`commands::all`].
//! - [`events`]: questions in chat (mentions, DMs, help channels), button presses and forms.
//! - [`render`]: the one renderer, application messages into Discord builders.
//! - [`port`]: the application's Discord port (announcements, DMs), with serenity.
//! - [`moderator`]: the server-side moderator check for moderator commands and buttons.
//! - [`safety`]: allowed mentions: nobody is pinged unless a reply says so.
//! - [`http_retry`]: bounded retries for the requests the bot sends.

mod commands;
mod events;
mod http_retry;
mod moderator;
mod port;
mod render;
mod safety;

use std::future::Future;
use std::sync::Arc;

use anyhow::Context as _;
use serenity::all::{ClientBuilder, GatewayIntents, GuildId, HttpBuilder, UserId};
use tracing::{error, info, warn};

use crate::app::knowledge::Knowledge;
use crate::app::{view, App, Storage};
use crate::clock::Clock;
use crate::config::{Config, LogFormat, Secret, ShardPlan};
use crate::faq::Faq;

pub type Error = anyhow::Error;
pub type Context<'a> = poise::Context<'a, Data, Error>;

/// What every handler shares: the application, and who the bot is.
pub struct Data {
    pub app: Arc<App>,
    pub bot_id: UserId,
}

/// What [`run`] needs, all passed in (tests pass a fake Discord's address, a temporary
/// database and a clock they move by hand).
pub struct Deps {
    pub config: Config,
    pub faq: Faq,
    pub token: Secret,
    /// Points REST and the gateway at another server (a fake Discord); serenity's
    /// ratelimiter is off then, as the proxy needs.
    pub api_base: Option<String>,
    pub storage: Storage,
    pub clock: Arc<dyn Clock>,
}

/// Sets up logging as the config says (`RUST_LOG` wins); a second call only warns.
pub fn init_logging(config: &Config) {
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

/// Connects and serves until `shutdown` resolves, then stops the scheduler and the shards
/// and returns. Signals and exit codes are the caller's (the binary's).
pub async fn run(deps: Deps, shutdown: impl Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
    let Deps { config, faq, token, api_base, storage, clock } = deps;
    // Variants moderators added from Discord survive restarts: layer them over the files.
    let variants = storage.variants.variants().await.context("cannot read the stored variants")?;
    info!(count = variants.len(), "stored variants applied");
    let knowledge = Knowledge::build(faq, &variants, &config.thresholds);
    info!(
        answer = knowledge.matcher.config().answer_threshold,
        help_channel = knowledge.help_channel_threshold,
        "thresholds"
    );
    let dev_guilds = config.dev_guilds.clone();
    let shards = config.shards.plan();
    // Bound before connecting, so a taken address is a start-up error.
    let metrics_listener = match config.metrics.listen {
        Some(address) => Some(crate::ops::bind(address).await?),
        None => None,
    };
    let app = Arc::new(App::new(config.settings(), knowledge, storage, clock));
    match &shards {
        ShardPlan::Auto => {} // known from the first Ready
        ShardPlan::All { total } => app.metrics.expect_shards(*total),
        ShardPlan::Range { range, .. } => app.metrics.expect_shards(range.len() as u32),
    }

    let mut http = HttpBuilder::new(token.expose());
    if let Some(base) = &api_base {
        info!(api_base = %base, "using another Discord API base");
        http = http.proxy(base.trim_end_matches('/')).ratelimiter_disabled(true);
    }
    let http = http.build();

    let setup_app = app.clone();
    let autosharded = shards == ShardPlan::Auto;
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
                if let (Some(shard), true) = (ready.shard, autosharded) {
                    setup_app.metrics.expect_shards(shard.total);
                }
                register(ctx, &framework.options().commands, &dev_guilds).await;
                Ok(Data { app: setup_app, bot_id: ready.user.id })
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
    let discord = port::SerenityPort { http: client.http.clone() };
    let scheduler = tokio::spawn(crate::app::scheduler::run(app.clone(), discord, stopped));

    tokio::spawn(watch_shards(client.shard_manager.clone(), app.clone(), stop.subscribe()));
    if let Some(feed) = &app.storage.changes {
        tokio::spawn(crate::app::sync::follow(app.clone(), feed.subscribe(), stop.subscribe()));
    }
    if let Some(listener) = metrics_listener {
        let mut stopped = stop.subscribe();
        let until_stopped = async move {
            let _ = stopped.wait_for(|stop| *stop).await;
        };
        let watched = crate::ops::Watched { metrics: app.metrics.clone(), database: app.storage.announcements.clone() };
        tokio::spawn(crate::ops::serve(listener, watched, until_stopped));
    }

    let shard_manager = client.shard_manager.clone();
    tokio::spawn(async move {
        shutdown.await;
        info!("shutting down");
        let _ = stop.send(true);
        shard_manager.shutdown_all().await;
    });

    let started = match shards {
        ShardPlan::Auto => client.start_autosharded().await,
        ShardPlan::All { total } => client.start_shards(total).await,
        ShardPlan::Range { range, total } => client.start_shard_range(range, total).await,
    };
    started.context("the Discord connection failed")?;
    if tokio::time::timeout(SCHEDULER_STOP_GRACE, scheduler).await.is_err() {
        warn!("the announcement scheduler did not stop in time");
    }
    info!("stopped");
    Ok(())
}

/// How often the shards' connection stages are copied into the metrics (`/healthz`).
const SHARD_WATCH_INTERVAL: std::time::Duration = std::time::Duration::from_secs(1);

/// Keeps the metrics' view of the local shards current. Serenity's shard manager knows each
/// shard's stage; events alone would miss the first Ready, which poise's setup consumes.
async fn watch_shards(
    manager: Arc<serenity::all::ShardManager>,
    app: Arc<App>,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    let mut tick = tokio::time::interval(SHARD_WATCH_INTERVAL);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            _ = stop.wait_for(|stop| *stop) => break,
        }
        let stages: Vec<(u32, bool)> = manager
            .runners
            .lock()
            .await
            .iter()
            .map(|(id, runner)| (id.0, runner.stage == serenity::all::ConnectionStage::Connected))
            .collect();
        app.metrics.set_shards(&stages);
    }
}

/// How long the scheduler may take to finish its step once the shards have stopped.
const SCHEDULER_STOP_GRACE: std::time::Duration = std::time::Duration::from_secs(5);

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

/// The one error handler: logs, and tells the person something short instead of silence.
async fn on_error(error: poise::FrameworkError<'_, Data, Error>) {
    match error {
        poise::FrameworkError::Setup { error, .. } => error!(error = format!("{error:#}"), "setup failed"),
        poise::FrameworkError::EventHandler { error, event, .. } => {
            error!(error = format!("{error:#}"), event = event.snake_case_name(), "event handler failed")
        }
        poise::FrameworkError::CommandCheckFailed { error: None, ctx, .. } => {
            // A moderator command's check refused the member (see `moderator::check`).
            tell(ctx, &view::Message::private(moderator::REFUSAL)).await;
        }
        poise::FrameworkError::Command { error, .. } if error.downcast_ref::<http_retry::Lost>().is_some() => {
            // The response was given up on, and logged and counted then; telling the member
            // would need the very interaction that is lost (a follow-up to it is refused).
        }
        poise::FrameworkError::Command { error, ctx, .. } => {
            error!(command = %ctx.command().qualified_name, user = %ctx.author().id, error = format!("{error:#}"), "command failed");
            tell(ctx, &view::failure(commands::locale(ctx))).await;
        }
        other => {
            let ctx = other.ctx();
            error!(error = %other, "command error");
            if let Some(ctx) = ctx {
                tell(ctx, &view::failure(commands::locale(ctx))).await;
            }
        }
    }
}

/// Says `message` in answer to a command that failed or was refused; never to autocomplete,
/// which cannot show one.
async fn tell(ctx: Context<'_>, message: &view::Message) {
    let autocomplete = matches!(ctx, poise::Context::Application(app) if app.interaction_type == poise::CommandInteractionType::Autocomplete);
    if autocomplete {
        return;
    }
    if let Err(error) = commands::send(ctx, message).await {
        error!(error = %error, "could not tell the user what went wrong");
    }
}
