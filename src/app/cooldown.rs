//! Chat rate limits and duplicate suppression: plain data and the time as a parameter, so the
//! rules are tested without a clock or Discord.

use std::collections::{HashMap, HashSet, VecDeque};
use std::time::Duration;

use chrono::{DateTime, Utc};

/// Past this many tracked users/channels, expired entries are dropped before adding one.
const PRUNE_ABOVE: usize = 4096;

/// How many recent message ids are remembered to never answer one twice.
pub const SEEN_MESSAGES_CAPACITY: usize = 8192;

/// What to do with a chat question under the cooldowns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Answer it; the cooldowns start now.
    Go,
    /// Not now. `notify` is true once per cooldown window (per user, and per channel), so a
    /// person who keeps asking hears about it once, not once a message.
    Wait { remaining: Duration, notify: bool },
}

#[derive(Debug, Clone, Copy)]
struct Window {
    until: DateTime<Utc>,
    notified: bool,
}

/// Per-user and per-channel cooldowns for answers in chat.
#[derive(Debug)]
pub struct Cooldowns {
    user: Duration,
    channel: Duration,
    users: HashMap<u64, Window>,
    channels: HashMap<u64, Window>,
}

impl Cooldowns {
    pub fn new(user: Duration, channel: Duration) -> Cooldowns {
        Cooldowns { user, channel, users: HashMap::new(), channels: HashMap::new() }
    }

    /// Decides on a question from `user` in `channel` at `now`, and starts both windows on `Go`.
    pub fn check(&mut self, user: u64, channel: u64, now: DateTime<Utc>) -> Verdict {
        let waiting = |windows: &mut HashMap<u64, Window>, key: u64| -> Option<(Duration, bool)> {
            let window = windows.get_mut(&key).filter(|w| w.until > now)?;
            let notify = !window.notified;
            window.notified = true;
            Some(((window.until - now).to_std().unwrap_or(Duration::ZERO), notify))
        };
        let user_wait = waiting(&mut self.users, user);
        let channel_wait = waiting(&mut self.channels, channel);
        if user_wait.is_some() || channel_wait.is_some() {
            let remaining = user_wait.map_or(Duration::ZERO, |w| w.0).max(channel_wait.map_or(Duration::ZERO, |w| w.0));
            // Say so once for the person; a channel-wide pause notifies once per window too.
            let notify = user_wait.is_none_or(|w| w.1) && channel_wait.is_none_or(|w| w.1);
            return Verdict::Wait { remaining, notify };
        }
        start(&mut self.users, user, self.user, now);
        start(&mut self.channels, channel, self.channel, now);
        Verdict::Go
    }
}

fn start(windows: &mut HashMap<u64, Window>, key: u64, length: Duration, now: DateTime<Utc>) {
    if length.is_zero() {
        return;
    }
    if windows.len() >= PRUNE_ABOVE {
        windows.retain(|_, w| w.until > now);
    }
    windows.insert(key, Window { until: now + length, notified: false });
}

/// The most recent message ids handled, oldest forgotten first.
#[derive(Debug)]
pub struct SeenMessages {
    capacity: usize,
    order: VecDeque<u64>,
    set: HashSet<u64>,
}

impl SeenMessages {
    pub fn new(capacity: usize) -> SeenMessages {
        SeenMessages { capacity, order: VecDeque::new(), set: HashSet::new() }
    }

    /// True the first time `id` is seen, false after.
    pub fn first_time(&mut self, id: u64) -> bool {
        if !self.set.insert(id) {
            return false;
        }
        self.order.push_back(id);
        if self.order.len() > self.capacity {
            if let Some(oldest) = self.order.pop_front() {
                self.set.remove(&oldest);
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEC: Duration = Duration::from_secs(1);

    fn start_of_test() -> DateTime<Utc> {
        DateTime::from_timestamp(1_780_000_000, 0).unwrap()
    }

    #[test]
    fn a_user_waits_and_hears_about_it_once() {
        let t0 = start_of_test();
        let mut cooldowns = Cooldowns::new(10 * SEC, Duration::ZERO);
        assert_eq!(cooldowns.check(1, 100, t0), Verdict::Go);
        assert_eq!(cooldowns.check(1, 100, t0 + 2 * SEC), Verdict::Wait { remaining: 8 * SEC, notify: true });
        assert_eq!(cooldowns.check(1, 100, t0 + 3 * SEC), Verdict::Wait { remaining: 7 * SEC, notify: false });
        assert_eq!(cooldowns.check(2, 100, t0 + 3 * SEC), Verdict::Go, "another user is not limited");
        assert_eq!(cooldowns.check(1, 100, t0 + 10 * SEC), Verdict::Go, "the window has ended");
        assert_eq!(
            cooldowns.check(1, 100, t0 + 11 * SEC),
            Verdict::Wait { remaining: 9 * SEC, notify: true },
            "a new window notifies again"
        );
    }

    #[test]
    fn a_channel_pauses_for_everyone() {
        let t0 = start_of_test();
        let mut cooldowns = Cooldowns::new(Duration::ZERO, 3 * SEC);
        assert_eq!(cooldowns.check(1, 100, t0), Verdict::Go);
        assert_eq!(cooldowns.check(2, 100, t0 + SEC), Verdict::Wait { remaining: 2 * SEC, notify: true });
        assert_eq!(cooldowns.check(3, 100, t0 + SEC), Verdict::Wait { remaining: 2 * SEC, notify: false });
        assert_eq!(cooldowns.check(2, 200, t0 + SEC), Verdict::Go, "another channel is not limited");
        assert_eq!(cooldowns.check(2, 100, t0 + 3 * SEC), Verdict::Go);
    }

    #[test]
    fn zero_lengths_disable_the_limits() {
        let t0 = start_of_test();
        let mut cooldowns = Cooldowns::new(Duration::ZERO, Duration::ZERO);
        for _ in 0..5 {
            assert_eq!(cooldowns.check(1, 100, t0), Verdict::Go);
        }
    }

    #[test]
    fn the_longer_wait_is_reported() {
        let t0 = start_of_test();
        let mut cooldowns = Cooldowns::new(10 * SEC, 3 * SEC);
        assert_eq!(cooldowns.check(1, 100, t0), Verdict::Go);
        assert_eq!(cooldowns.check(1, 100, t0 + SEC), Verdict::Wait { remaining: 9 * SEC, notify: true });
    }

    #[test]
    fn a_message_is_handled_once_and_old_ids_are_forgotten() {
        let mut seen = SeenMessages::new(2);
        assert!(seen.first_time(1));
        assert!(!seen.first_time(1));
        assert!(seen.first_time(2));
        assert!(seen.first_time(3));
        assert!(seen.first_time(1), "id 1 fell out of the window of 2");
        assert!(!seen.first_time(3));
    }
}
