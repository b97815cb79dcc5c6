//! The time seam: code that needs "now", or needs to wait until a time, takes a [`Clock`],
//! so tests move time by hand instead of sleeping.

use std::future::Future;
use std::pin::Pin;

use chrono::{DateTime, Duration, Utc};
use tokio::sync::watch;

/// A future a clock hands out.
pub type Sleep<'a> = Pin<Box<dyn Future<Output = ()> + Send + 'a>>;

/// Where "now" comes from.
pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;

    /// Resolves once [`Clock::now`] has reached `at` (at once if it already has).
    fn sleep_until(&self, at: DateTime<Utc>) -> Sleep<'_>;
}

/// The real clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }

    fn sleep_until(&self, at: DateTime<Utc>) -> Sleep<'_> {
        let wait = (at - Utc::now()).to_std().unwrap_or_default();
        Box::pin(tokio::time::sleep(wait))
    }
}

/// A clock that only moves when told to, for tests; whoever sleeps on it wakes when it
/// is moved past their time.
#[derive(Debug)]
pub struct ManualClock(watch::Sender<DateTime<Utc>>);

impl ManualClock {
    pub fn new(now: DateTime<Utc>) -> ManualClock {
        ManualClock(watch::Sender::new(now))
    }

    pub fn set(&self, now: DateTime<Utc>) {
        self.0.send_replace(now);
    }

    pub fn advance(&self, by: Duration) {
        self.0.send_modify(|now| *now += by);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.borrow()
    }

    fn sleep_until(&self, at: DateTime<Utc>) -> Sleep<'_> {
        let mut now = self.0.subscribe();
        Box::pin(async move {
            // The sender lives as long as the clock, which outlives this borrow.
            let _ = now.wait_for(|now| *now >= at).await;
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn manual_clock_moves_only_when_told() {
        let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let clock = ManualClock::new(start);
        assert_eq!(clock.now(), start);
        clock.advance(Duration::seconds(90));
        assert_eq!(clock.now(), start + Duration::seconds(90));
    }

    #[tokio::test]
    async fn a_sleeper_wakes_when_the_clock_passes_its_time() {
        let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let clock = std::sync::Arc::new(ManualClock::new(start));
        let sleeper = {
            let clock = clock.clone();
            tokio::spawn(async move { clock.sleep_until(start + Duration::seconds(60)).await })
        };
        clock.advance(Duration::seconds(30));
        tokio::task::yield_now().await;
        assert!(!sleeper.is_finished(), "woke before its time");
        clock.advance(Duration::seconds(30));
        tokio::time::timeout(std::time::Duration::from_secs(5), sleeper).await.expect("wakes").unwrap();
        clock.sleep_until(start).await;
    }
}
