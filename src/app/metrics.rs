//! What the bot counts for operators, in the Prometheus text format (`GET /metrics`).
//!
//! Every metric is named `optout_bot_*`. Counters only go up for the life of the process;
//! Prometheus turns them into rates. The application records into [`Metrics`] as it works
//! (it is part of [`crate::app::App`]), whether or not anything serves them.

use std::collections::BTreeSet;
use std::sync::Mutex;
use std::time::Duration;

use prometheus::{
    Encoder, Histogram, HistogramOpts, IntCounter, IntCounterVec, IntGauge, IntGaugeVec, Opts, Registry, TextEncoder,
};

/// Answer latency buckets, in seconds: matching takes tens of microseconds, a slow
/// question a few milliseconds; the top buckets catch a stalled process.
const LATENCY_BUCKETS: &[f64] = &[0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.1, 1.0];

/// The bot's metrics and the registry that renders them.
pub struct Metrics {
    registry: Registry,
    questions: IntCounterVec,
    answer_seconds: Histogram,
    votes: IntCounterVec,
    announcements_posted: IntCounter,
    announcements_missed: IntCounter,
    shards_connected: IntGauge,
    shards_expected: IntGauge,
    faq_entries: IntGauge,
    response_retries: IntCounterVec,
    responses_lost: IntCounterVec,
    /// Which local shards are connected now (shard ids), behind `shards_connected`.
    connected: Mutex<BTreeSet<u32>>,
}

/// Which way a question reached the bot, as the `entry_point` label says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryPoint {
    /// `/ask`.
    Command,
    /// "Answer with FAQ" on someone's message.
    OnBehalf,
    /// A mention of the bot or a DM.
    Direct,
    /// A question in a help channel, not addressed to the bot.
    HelpChannel,
}

impl EntryPoint {
    fn label(self) -> &'static str {
        match self {
            EntryPoint::Command => "command",
            EntryPoint::OnBehalf => "on_behalf",
            EntryPoint::Direct => "direct",
            EntryPoint::HelpChannel => "help_channel",
        }
    }
}

/// What the bot did with a question, as the `decision` label says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Answer,
    Suggest,
    Decline,
    SmallTalk,
}

impl Decision {
    pub fn label(self) -> &'static str {
        match self {
            Decision::Answer => "answer",
            Decision::Suggest => "suggest",
            Decision::Decline => "decline",
            Decision::SmallTalk => "small_talk",
        }
    }
}

impl Default for Metrics {
    fn default() -> Metrics {
        Metrics::new()
    }
}

impl Metrics {
    pub fn new() -> Metrics {
        let registry = Registry::new();
        // The names and labels are constants, so registering cannot fail but by a bug here.
        fn registered<M: prometheus::core::Collector + Clone + 'static>(registry: &Registry, metric: M) -> M {
            registry.register(Box::new(metric.clone())).expect("metric names are unique and valid");
            metric
        }
        let questions = registered(
            &registry,
            IntCounterVec::new(
                Opts::new("optout_bot_questions_total", "Questions handled, by decision and entry point."),
                &["decision", "entry_point"],
            )
            .expect("valid metric"),
        );
        let answer_seconds = registered(
            &registry,
            Histogram::with_opts(
                HistogramOpts::new(
                    "optout_bot_answer_seconds",
                    "Time to answer a question (detect the language, match, build the reply), in seconds.",
                )
                .buckets(LATENCY_BUCKETS.to_vec()),
            )
            .expect("valid metric"),
        );
        let votes = registered(
            &registry,
            IntCounterVec::new(
                Opts::new("optout_bot_votes_total", "Helpful / Not helpful votes on answers."),
                &["vote"],
            )
            .expect("valid metric"),
        );
        let announcements_posted = registered(
            &registry,
            IntCounter::new("optout_bot_announcements_posted_total", "Announcements posted by this process.")
                .expect("valid metric"),
        );
        let announcements_missed = registered(
            &registry,
            IntCounter::new(
                "optout_bot_announcements_missed_total",
                "Announcements reported as missed by this process (too late, refused or uncertain).",
            )
            .expect("valid metric"),
        );
        let shards_connected = registered(
            &registry,
            IntGauge::new("optout_bot_shards_connected", "Local gateway shards connected now.").expect("valid metric"),
        );
        let shards_expected = registered(
            &registry,
            IntGauge::new("optout_bot_shards_expected", "Local gateway shards this process runs (0: not known yet).")
                .expect("valid metric"),
        );
        let faq_entries = registered(
            &registry,
            IntGauge::new("optout_bot_faq_entries", "FAQ entries served (English ids, small talk excluded).")
                .expect("valid metric"),
        );
        let build_info = registered(
            &registry,
            IntGaugeVec::new(Opts::new("optout_bot_build_info", "The running build; always 1."), &["version"])
                .expect("valid metric"),
        );
        let response_retries = registered(
            &registry,
            IntCounterVec::new(
                Opts::new(
                    "optout_bot_interaction_response_retries_total",
                    "Interaction responses sent again after a transient failure, by step (callback, followup, edit).",
                ),
                &["step"],
            )
            .expect("valid metric"),
        );
        let responses_lost = registered(
            &registry,
            IntCounterVec::new(
                Opts::new(
                    "optout_bot_interaction_responses_lost_total",
                    "Interaction responses given up on (refused, or still failing when the window closed), by step.",
                ),
                &["step"],
            )
            .expect("valid metric"),
        );
        // Shown at 0 from the start, so a dashboard can tell "none lost" from "not counted".
        for step in ["callback", "followup", "edit"] {
            response_retries.with_label_values(&[step]);
            responses_lost.with_label_values(&[step]);
        }
        build_info.with_label_values(&[env!("CARGO_PKG_VERSION")]).set(1);
        Metrics {
            registry,
            questions,
            answer_seconds,
            votes,
            announcements_posted,
            announcements_missed,
            shards_connected,
            shards_expected,
            faq_entries,
            response_retries,
            responses_lost,
            connected: Mutex::new(BTreeSet::new()),
        }
    }

    pub fn question(&self, decision: Decision, entry_point: EntryPoint, took: Duration) {
        self.questions.with_label_values(&[decision.label(), entry_point.label()]).inc();
        self.answer_seconds.observe(took.as_secs_f64());
    }

    pub fn vote(&self, helpful: bool) {
        self.votes.with_label_values(&[if helpful { "helpful" } else { "not_helpful" }]).inc();
    }

    pub fn announcements(&self, posted: usize, missed: usize) {
        self.announcements_posted.inc_by(posted as u64);
        self.announcements_missed.inc_by(missed as u64);
    }

    pub fn faq_entries(&self, entries: usize) {
        self.faq_entries.set(entries as i64);
    }

    /// An interaction response sent again after a transient failure (`step`: callback,
    /// followup, edit).
    pub fn response_retried(&self, step: &str) {
        self.response_retries.with_label_values(&[step]).inc();
    }

    /// An interaction response given up on.
    pub fn response_lost(&self, step: &str) {
        self.responses_lost.with_label_values(&[step]).inc();
    }

    /// How many shards this process runs, once known.
    pub fn expect_shards(&self, count: u32) {
        self.shards_expected.set(i64::from(count));
    }

    /// Every local shard's state at once: (shard id, connected). Shards not listed are gone.
    pub fn set_shards(&self, shards: &[(u32, bool)]) {
        let mut set = self.connected.lock().unwrap_or_else(|p| p.into_inner());
        *set = shards.iter().filter(|(_, connected)| *connected).map(|(id, _)| *id).collect();
        self.shards_connected.set(set.len() as i64);
    }

    /// (connected, expected) local shards; expected is 0 until known.
    pub fn shards(&self) -> (u32, u32) {
        let connected = self.connected.lock().unwrap_or_else(|p| p.into_inner()).len();
        (connected as u32, self.shards_expected.get().max(0) as u32)
    }

    /// Everything, in the Prometheus text exposition format.
    pub fn render(&self) -> String {
        let mut out = Vec::new();
        // Encoding into a Vec cannot fail on I/O; a failure would be a malformed metric.
        if let Err(error) = TextEncoder::new().encode(&self.registry.gather(), &mut out) {
            tracing::error!(error = %error, "cannot encode the metrics");
        }
        String::from_utf8(out).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_are_counted_by_decision_and_entry_point() {
        let metrics = Metrics::new();
        metrics.question(Decision::Answer, EntryPoint::Command, Duration::from_micros(40));
        metrics.question(Decision::Answer, EntryPoint::Command, Duration::from_micros(60));
        metrics.question(Decision::Decline, EntryPoint::Direct, Duration::from_millis(3));
        let text = metrics.render();
        assert!(text.contains(r#"optout_bot_questions_total{decision="answer",entry_point="command"} 2"#), "{text}");
        assert!(text.contains(r#"optout_bot_questions_total{decision="decline",entry_point="direct"} 1"#), "{text}");
        assert!(text.contains("optout_bot_answer_seconds_count 3"), "{text}");
        assert!(text.contains(r#"optout_bot_answer_seconds_bucket{le="0.0001"} 2"#), "{text}");
        assert!(text.contains(&format!(r#"optout_bot_build_info{{version="{}"}} 1"#, env!("CARGO_PKG_VERSION"))));
    }

    #[test]
    fn shards_connect_and_disconnect() {
        let metrics = Metrics::new();
        metrics.expect_shards(2);
        metrics.set_shards(&[(0, true), (1, true)]);
        assert_eq!(metrics.shards(), (2, 2));
        metrics.set_shards(&[(0, false), (1, true)]);
        assert_eq!(metrics.shards(), (1, 2));
        metrics.set_shards(&[(1, true)]);
        assert_eq!(metrics.shards(), (1, 2), "a shard no longer listed is gone");
        assert!(metrics.render().contains("optout_bot_shards_connected 1"));
    }
}
