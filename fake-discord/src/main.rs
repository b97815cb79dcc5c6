//! `fake-discord`: runs the fake until SIGINT or SIGTERM.

use std::io::{IsTerminal, Write};
use std::net::SocketAddr;
use std::time::Duration;

use clap::Parser;
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;

/// A fake Discord (REST + gateway + control API) on one loopback port.
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:0")]
    listen: SocketAddr,
    /// How long an interaction accepts its initial response, in milliseconds.
    #[arg(long, default_value_t = 3000)]
    interaction_timeout_ms: u64,
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    let args = Args::parse();
    let listener = TcpListener::bind(args.listen).await?;
    // Listening for the signals before the first line is printed: a harness may send one
    // as soon as it has read it.
    let stop = stop_signal()?;
    // Harnesses read this first line to learn the port: print it before anything else.
    let mut stdout = std::io::stdout();
    writeln!(stdout, "listening on http://{}", listener.local_addr()?)?;
    stdout.flush()?;
    let config = fake_discord::Config { interaction_timeout: Duration::from_millis(args.interaction_timeout_ms) };
    fake_discord::serve_with(listener, config, stop).await
}

/// Resolves on SIGINT or SIGTERM; the handlers are installed when this is called.
fn stop_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    #[cfg(unix)]
    let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    let interrupt = tokio::signal::ctrl_c();
    Ok(async move {
        #[cfg(unix)]
        tokio::select! {
            _ = interrupt => {}
            _ = terminate.recv() => {}
        }
        #[cfg(not(unix))]
        let _ = interrupt.await;
        tracing::info!("stopping");
    })
}
