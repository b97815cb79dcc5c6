//! The `optout-bot` binary: the command line, and serving the bot with signals and exit codes.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use optout_bot::clock::SystemClock;
use optout_bot::config::{Config, Secret, API_BASE_ENV};
use optout_bot::discord::{self, Deps};
use optout_bot::faq::Faq;
use tracing::{error, info, warn};

/// How long a clean shutdown may take before the process exits anyway.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

fn main() -> ExitCode {
    optout_bot::cli::main(serve)
}

/// `optout-bot run`: reads the configuration and the token, then serves until SIGINT/SIGTERM.
fn serve(config_path: Option<PathBuf>, faq_dir: Option<PathBuf>) -> ExitCode {
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
    // A reload reads the directory the bot started from, command line included.
    if faq_dir.is_some() {
        config.faq_dir = faq_dir;
    }
    discord::init_logging(&config);
    let api_base = std::env::var(API_BASE_ENV).ok().filter(|s| !s.trim().is_empty());
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(serve_until_signal(config, faq, token, api_base)) {
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

async fn serve_until_signal(config: Config, faq: Faq, token: Secret, api_base: Option<String>) -> anyhow::Result<()> {
    let postgres = config.postgres_url(std::env::var(optout_bot::store::DATABASE_URL_ENV).ok().as_deref())?;
    let (storage, location) = optout_bot::store::open_storage(postgres, &config.database_path()).await?;
    info!(database = %location, "database open");
    let deps = Deps { config, faq, token, api_base, storage, clock: Arc::new(SystemClock) };
    let (signalled, on_signal) = tokio::sync::oneshot::channel();
    let shutdown = async move {
        shutdown_signal().await;
        let _ = signalled.send(());
    };
    tokio::select! {
        result = discord::run(deps, shutdown) => result,
        // Should the client not return on its own, don't hang on to the terminal.
        _ = async {
            let _ = on_signal.await;
            tokio::time::sleep(SHUTDOWN_GRACE).await;
        } => {
            warn!("shutdown took too long, exiting");
            Ok(())
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
