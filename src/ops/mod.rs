//! What operators watch: `GET /metrics` (Prometheus text) and `GET /healthz`, served on
//! `[metrics] listen` when it is set.
//!
//! `/healthz` answers 200 when every local shard is connected and the database answers,
//! 503 otherwise, with a short JSON body saying which:
//! `{"status":"ok","shards":{"connected":2,"expected":2},"database":"ok"}`.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use tokio::net::TcpListener;
use tracing::{info, warn};

use crate::app::announcements::AnnouncementStore;
use crate::app::metrics::Metrics;

/// How long `/healthz` waits for the database before calling it down: a probe that hangs
/// would tell an orchestrator nothing.
const DATABASE_PROBE_TIMEOUT: Duration = Duration::from_secs(2);

/// Binds `[metrics] listen` now, so a taken address stops the bot at start-up with a clear
/// error instead of failing later in the background.
pub async fn bind(address: SocketAddr) -> anyhow::Result<TcpListener> {
    TcpListener::bind(address)
        .await
        .with_context(|| format!("cannot listen for /metrics and /healthz on {address} ([metrics] listen)"))
}

/// What the two endpoints read: the counters, and the store `/healthz` probes.
#[derive(Clone)]
pub struct Watched {
    pub metrics: Arc<Metrics>,
    pub database: Arc<dyn AnnouncementStore>,
}

/// Serves `/metrics` and `/healthz` on `listener` until `shutdown` resolves.
pub async fn serve(
    listener: TcpListener,
    watched: Watched,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) {
    let address = listener.local_addr().map(|a| a.to_string()).unwrap_or_default();
    let router = Router::new().route("/metrics", get(metrics)).route("/healthz", get(healthz)).with_state(watched);
    info!(address = %address, "serving /metrics and /healthz");
    if let Err(error) = axum::serve(listener, router).with_graceful_shutdown(shutdown).await {
        warn!(error = %error, "the metrics server stopped");
    }
}

async fn metrics(State(watched): State<Watched>) -> Response {
    let body = watched.metrics.render();
    ([(header::CONTENT_TYPE, prometheus::TEXT_FORMAT)], body).into_response()
}

#[derive(Debug, Serialize)]
struct Health {
    status: &'static str,
    shards: ShardHealth,
    database: String,
}

#[derive(Debug, Serialize)]
struct ShardHealth {
    connected: u32,
    expected: u32,
}

async fn healthz(State(watched): State<Watched>) -> (StatusCode, Json<Health>) {
    let (connected, expected) = watched.metrics.shards();
    let database = match tokio::time::timeout(DATABASE_PROBE_TIMEOUT, watched.database.next_due_at()).await {
        Ok(Ok(_)) => "ok".to_owned(),
        Ok(Err(error)) => format!("error: {error}"),
        Err(_) => format!("no answer within {} s", DATABASE_PROBE_TIMEOUT.as_secs()),
    };
    // Expected is 0 until the gateway says how many shards this process runs.
    let healthy = expected > 0 && connected >= expected && database == "ok";
    let status = if healthy { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    let health = Health {
        status: if healthy { "ok" } else { "unavailable" },
        shards: ShardHealth { connected, expected },
        database,
    };
    (status, Json(health))
}
