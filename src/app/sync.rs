//! Keeping processes that share one database in step: when another process stores an
//! announcement, teaches a variant or reloads the FAQ, this one hears of it through a
//! [`ChangeFeed`] (PostgreSQL's LISTEN/NOTIFY) and wakes its scheduler or rebuilds its
//! knowledge within moments. A single SQLite process has no feed and needs none.
//!
//! What stays per process: cooldowns, the "already answered" memory of chat messages and
//! announcement drafts awaiting Confirm. A member could get one extra answer by asking
//! through a shard another process runs, which is harmless.

use std::sync::Arc;

use tokio::sync::{broadcast, watch};
use tracing::{info, warn};

use super::knowledge::Knowledge;
use super::App;
use crate::faq::Faq;

/// What changed in the shared database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// An announcement was stored, claimed, sent or cancelled.
    Announcements,
    /// A variant was taught.
    Variants,
    /// Some process reloaded the FAQ from its files.
    FaqReloaded,
    /// Notifications may have been lost (the connection dropped): check everything.
    Resync,
}

/// Where a process hears about changes other processes made.
pub trait ChangeFeed: Send + Sync {
    /// A receiver of every change from now on (this process's own included).
    fn subscribe(&self) -> broadcast::Receiver<Change>;
}

/// Follows `changes` until `shutdown` turns true.
pub async fn follow(app: Arc<App>, mut changes: broadcast::Receiver<Change>, mut shutdown: watch::Receiver<bool>) {
    loop {
        let change = tokio::select! {
            change = changes.recv() => change,
            _ = shutdown.wait_for(|stop| *stop) => break,
        };
        let change = match change {
            Ok(change) => change,
            Err(broadcast::error::RecvError::Lagged(_)) => Change::Resync,
            Err(broadcast::error::RecvError::Closed) => break,
        };
        if matches!(change, Change::Announcements | Change::Resync) {
            app.drafts.wake.notify_one();
        }
        if matches!(change, Change::Variants | Change::FaqReloaded | Change::Resync) {
            // A burst (a reload, then a variant) needs one rebuild, not one per notice.
            while let Ok(more) = changes.try_recv() {
                if matches!(more, Change::Announcements) {
                    app.drafts.wake.notify_one();
                }
            }
            app.refresh_knowledge(change).await;
        }
    }
}

impl App {
    /// Rebuilds the knowledge from the FAQ files (or the built-in FAQ) and every stored
    /// variant, after another process changed either. A FAQ that no longer loads keeps the
    /// one in force, as `/faqadmin reload` would.
    pub(crate) async fn refresh_knowledge(&self, why: Change) {
        let _changing = self.changing.lock().await;
        let faq = match self.settings.faq_dir.clone() {
            None => Faq::embedded(),
            Some(dir) => match tokio::task::spawn_blocking(move || Faq::load_dir(&dir)).await {
                Ok(Ok(faq)) => faq,
                Ok(Err(errors)) => {
                    warn!(errors = errors.0.len(), "the FAQ files do not load here; kept the FAQ in force");
                    return;
                }
                Err(error) => {
                    warn!(error = %error, "reading the FAQ failed; kept the FAQ in force");
                    return;
                }
            },
        };
        let variants = match self.storage.variants.variants().await {
            Ok(variants) => variants,
            Err(error) => {
                warn!(error = %error, "cannot read the stored variants; kept the FAQ in force");
                return;
            }
        };
        let thresholds = self.settings.thresholds.clone();
        let count = variants.len();
        match tokio::task::spawn_blocking(move || Knowledge::build(faq, &variants, &thresholds)).await {
            Ok(knowledge) => {
                self.replace_knowledge(knowledge);
                info!(?why, variants = count, "knowledge refreshed after a change in the shared database");
            }
            Err(error) => warn!(error = %error, "rebuilding the knowledge failed; kept the FAQ in force"),
        }
    }
}
