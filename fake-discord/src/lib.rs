//! A fake Discord for end-to-end tests: Discord's REST API, the gateway WebSocket and a
//! control API for tests, all on one loopback port.
//!
//! # Layout
//!
//! - [`world`]: the seeded guild, channels, roles and users ([`World`] names their ids).
//! - `state`: everything the fake remembers, and the events it has yet to dispatch.
//! - `rest`: the Discord REST routes serenity calls, under `/api/v10/`; `rest::interactions`
//!   answers interactions (callbacks, follow-ups, the interaction webhook).
//! - `gateway`: the gateway WebSocket at `/gateway`.
//! - `control`: the test-facing API under `/_fake/`; `control::interactions` builds the
//!   interactions it sends.
//! - `payloads`: Discord's JSON objects, as serenity 0.12.5 wants them.
//! - `messages`: stored messages and mention parsing.
//! - `limits` and `error`: Discord's limits, and its refusals when they are crossed.
//!
//! [`serve`] takes its listener and a shutdown future, so tests bind `127.0.0.1:0` and drive
//! the real server; [`start`] does that and hands back a [`RunningFake`].

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State as AxumState;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use tokio::net::TcpListener;
use tokio::sync::{oneshot, watch};
use tokio::task::JoinHandle;

mod control;
mod error;
mod gateway;
mod limits;
mod messages;
mod payloads;
mod rest;
mod state;
#[cfg(test)]
mod testing;
pub mod world;

pub use world::World;

use state::{Shared, State};

/// How the fake behaves where tests need to bend it.
#[derive(Debug, Clone)]
pub struct Config {
    /// How long an interaction accepts its initial response (Discord: 3 s).
    pub interaction_timeout: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Self { interaction_timeout: Duration::from_millis(limits::INTERACTION_RESPONSE_DEADLINE_MS) }
    }
}

/// Serves the fake on `listener` with the default [`Config`] until `shutdown` completes.
pub async fn serve(listener: TcpListener, shutdown: impl Future<Output = ()> + Send + 'static) -> std::io::Result<()> {
    serve_with(listener, Config::default(), shutdown).await
}

/// Serves the fake on `listener` until `shutdown` completes; gateway sessions are closed then.
pub async fn serve_with(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let addr = listener.local_addr()?;
    let (closing, closed) = watch::channel(false);
    let state = State::new(config, format!("ws://{addr}/gateway"));
    let shared = Arc::new(Shared::new(state, closed));
    serve_shared(listener, shared, closing, shutdown).await
}

async fn serve_shared(
    listener: TcpListener,
    shared: Arc<Shared>,
    closing: watch::Sender<bool>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let addr = listener.local_addr()?;
    let app = Router::new()
        .route("/gateway", get(gateway::upgrade))
        .nest("/_fake", control::router())
        .fallback(rest_edge)
        .with_state(shared);
    tracing::info!(%addr, "fake discord listening");
    axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            shutdown.await;
            // Upgraded WebSockets outlive graceful shutdown unless told to close.
            let _ = closing.send(true);
        })
        .await
}

/// Every request that isn't the gateway or the control API: Discord's REST API.
async fn rest_edge(
    AxumState(shared): AxumState<Arc<Shared>>,
    method: Method,
    uri: Uri,
    request_headers: HeaderMap,
    body: Bytes,
) -> Response {
    let content_type = request_headers.get(axum::http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
    let request =
        rest::RestRequest { method: method.as_str(), path: uri.path(), query: uri.query(), content_type, body: &body };
    let response = shared.with_state(|s| rest::handle(s, &request, Instant::now()));
    tracing::debug!(%method, path = uri.path(), status = response.status, "rest request");
    if response.status == rest::DROPPED {
        return dropped_connection();
    }
    let status = StatusCode::from_u16(response.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut headers = HeaderMap::new();
    for (name, value) in &response.headers {
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(HeaderName::from_static(name), value);
        }
    }
    match response.body {
        Some(body) => (status, headers, Json(body)).into_response(),
        None => (status, headers).into_response(),
    }
}

/// A response that closes the connection before any byte of it is sent: hyper buffers the
/// head until the body's first chunk, and a body that fails at once aborts the connection.
/// The client sees the connection closed with no answer, as when a proxy in front of Discord
/// drops it.
fn dropped_connection() -> Response {
    let failing = futures_util::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::other("connection dropped on purpose"))
    });
    (StatusCode::INTERNAL_SERVER_ERROR, axum::body::Body::from_stream(failing)).into_response()
}

/// A fake serving in the background; dropping it stops the server.
#[derive(Debug)]
pub struct RunningFake {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<std::io::Result<()>>>,
}

/// Binds `addr` (use port 0 for any free port) and serves the fake with the default config.
pub async fn start(addr: SocketAddr) -> std::io::Result<RunningFake> {
    start_with(addr, Config::default()).await
}

/// Like [`start`], with a [`Config`].
pub async fn start_with(addr: SocketAddr, config: Config) -> std::io::Result<RunningFake> {
    let listener = TcpListener::bind(addr).await?;
    let addr = listener.local_addr()?;
    let (closing, closed) = watch::channel(false);
    let shared = Arc::new(Shared::new(State::new(config, format!("ws://{addr}/gateway")), closed));
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(serve_shared(listener, shared.clone(), closing, async move {
        let _ = stopped.await;
    }));
    Ok(RunningFake { addr, shared, stop: Some(stop), task: Some(task) })
}

impl RunningFake {
    /// `http://127.0.0.1:PORT`: what the bot takes as its Discord base URL.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Every REST request made so far, as `GET /_fake/requests` lists them; readable without
    /// a runtime (a test harness's `Drop` checks them).
    pub fn requests(&self) -> Vec<serde_json::Value> {
        self.shared.with_state(|s| s.requests.iter().map(|r| r.to_json()).collect())
    }

    /// Stops the server and waits for it to finish.
    pub async fn shutdown(mut self) -> std::io::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match self.task.take() {
            Some(task) => task.await.unwrap_or_else(|e| Err(std::io::Error::other(e))),
            None => Ok(()),
        }
    }
}

impl Drop for RunningFake {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
