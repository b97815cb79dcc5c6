//! LISTEN/NOTIFY: the triggers of migration 03 notify `optout_bot_changes` with the table
//! that changed; one connection per process listens and turns each notice into a
//! [`Change`] for [`crate::app::sync::follow`]. When the connection drops (the server
//! restarted), it reconnects and sends [`Change::Resync`], since notices sent meanwhile
//! are lost.

use std::time::Duration;

use tokio::sync::{broadcast, mpsc};
use tokio_postgres::{AsyncMessage, NoTls};
use tracing::{debug, info, warn};

use super::DatabaseUrl;
use crate::app::sync::Change;

/// The channel the triggers notify.
const CHANNEL: &str = "optout_bot_changes";

/// Wait between two attempts to reconnect the listener.
const RECONNECT_EVERY: Duration = Duration::from_secs(2);

/// Changes waiting for a slow follower before it is told to resync instead.
const BACKLOG: usize = 64;

/// Starts listening in the background; the sender hands out receivers.
pub(super) fn start(url: DatabaseUrl) -> broadcast::Sender<Change> {
    let (changes, _) = broadcast::channel(BACKLOG);
    tokio::spawn(listen_forever(url, changes.clone()));
    changes
}

fn change_of(table: &str) -> Option<Change> {
    match table {
        "announcements" => Some(Change::Announcements),
        "variants" => Some(Change::Variants),
        "faq_reloads" => Some(Change::FaqReloaded),
        _ => None,
    }
}

async fn listen_forever(url: DatabaseUrl, changes: broadcast::Sender<Change>) {
    let mut connected_before = false;
    loop {
        match listen_once(&url, &changes, connected_before).await {
            Ok(true) => {
                warn!(database = %url, "the change listener lost its connection; reconnecting");
                // Notices sent until it listens again are lost: resync then, not at start-up.
                connected_before = true;
            }
            Ok(false) => debug!(database = %url, "the change listener cannot connect yet"),
            Err(error) => debug!(database = %url, error = %error, "the change listener cannot connect yet"),
        }
        if changes.receiver_count() == 0 {
            return; // the process stopped following
        }
        tokio::time::sleep(RECONNECT_EVERY).await;
    }
}

/// Listens on one connection until it ends; `false` when it never connected.
async fn listen_once(
    url: &DatabaseUrl,
    changes: &broadcast::Sender<Change>,
    resync: bool,
) -> Result<bool, tokio_postgres::Error> {
    let connect = url.config.connect(NoTls);
    let (client, mut connection) = match tokio::time::timeout(super::CONNECT_TIMEOUT, connect).await {
        Ok(connected) => connected?,
        Err(_) => return Ok(false),
    };
    let (notices, mut received) = mpsc::unbounded_channel();
    // The connection must be polled for the LISTEN below to complete, and for notices.
    let driver = tokio::spawn(async move {
        loop {
            match std::future::poll_fn(|cx| connection.poll_message(cx)).await {
                Some(Ok(AsyncMessage::Notification(notice))) => {
                    if notices.send(notice.payload().to_owned()).is_err() {
                        break;
                    }
                }
                Some(Ok(_)) => {}
                Some(Err(error)) => {
                    debug!(error = %error, "the change listener's connection failed");
                    break;
                }
                None => break,
            }
        }
    });
    client.batch_execute(&format!("LISTEN {CHANNEL}")).await?;
    info!("listening for changes from other processes");
    if resync {
        let _ = changes.send(Change::Resync);
    }
    while let Some(table) = received.recv().await {
        if let Some(change) = change_of(&table) {
            // No receiver yet is fine: nobody needs this change.
            let _ = changes.send(change);
        }
    }
    drop(client);
    driver.abort();
    Ok(true)
}
