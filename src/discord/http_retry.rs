//! Retries for the requests the bot sends itself.
//!
//! Two policies:
//! - [`with_retry`] for channel messages, announcements and registration: a few attempts with a
//!   bounded backoff, on rate limits and on errors in front of Discord (502–504, no connection).
//! - [`respond`] for an interaction's response (the callback, within Discord's 3 seconds) and
//!   for its follow-ups and edits (within the token's 15 minutes): retried on 429, on any 5xx
//!   and on a connection that failed or was dropped, with backoff, until the window is nearly
//!   spent. A response finally lost is logged with the interaction's id (never its token, which
//!   is in the URL) and counted in `/metrics`.
//!
//! The fake Discord needs serenity's ratelimiter off (the proxy is only used then), and without
//! it serenity neither waits on rate limits nor retries a 429; worse, its error type drops the
//! 429 body and headers, so `retry_after` cannot be read back: a 429 waits the backoff, and at
//! least [`RATE_LIMITED_MIN_WAIT`]. With the ratelimiter on (real Discord), serenity itself
//! waits `Retry-After` and sends again before the call returns; the window still bounds it.

use std::future::Future;
use std::time::{Duration, SystemTime};

use serenity::all::{Error, HttpError, InteractionId, StatusCode};
use tokio::time::Instant;

use crate::app::metrics::Metrics;
use crate::limits::{INTERACTION_RESPONSE_DEADLINE_MS, INTERACTION_TOKEN_LIFETIME_SECS};

/// Attempts in all, the first included ([`with_retry`]).
pub const MAX_ATTEMPTS: u32 = 4;

/// Wait before the first retry; doubled for each later one (250 ms, 500 ms, 1 s): the three
/// together stay inside an interaction's 3-second window ([`with_retry`]).
pub const FIRST_BACKOFF: Duration = Duration::from_millis(250);

/// Whether a failed request may succeed if sent again: rate limited, or the gateway in front
/// of Discord was briefly unavailable. Other errors (400, 403, 404) would fail the same way.
/// (A plain 500 is left out here: a message may have been created; [`respond`] retries it
/// because a repeated callback is refused as already acknowledged, not doubled.)
pub fn is_retryable(error: &Error) -> bool {
    match error {
        Error::Http(HttpError::UnsuccessfulRequest(response)) => retryable_status(response.status_code),
        Error::Http(HttpError::Request(error)) => error.is_timeout() || error.is_connect(),
        _ => false,
    }
}

fn retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 502 | 503 | 504)
}

/// The wait before retry number `retry` (1-based).
pub fn backoff(retry: u32) -> Duration {
    FIRST_BACKOFF * 2u32.saturating_pow(retry.saturating_sub(1))
}

/// Runs `send` until it succeeds, fails in a way a retry will not fix, or runs out of attempts.
pub async fn with_retry<T, F, Fut>(what: &str, mut send: F) -> Result<T, Error>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, Error>>,
{
    let mut attempt = 1;
    loop {
        match send().await {
            Ok(value) => return Ok(value),
            Err(error) if attempt < MAX_ATTEMPTS && is_retryable(&error) => {
                let wait = backoff(attempt);
                tracing::warn!(request = what, attempt, wait_ms = wait.as_millis() as u64, error = %describe(&error), "request failed, retrying");
                tokio::time::sleep(wait).await;
                attempt += 1;
            }
            Err(error) => return Err(error),
        }
    }
}

/// An error as a log line: the status, Discord's code and message, or what happened to the
/// connection. Never the URL, which for an interaction holds its token.
pub fn describe(error: &Error) -> String {
    match error {
        Error::Http(HttpError::UnsuccessfulRequest(response)) => {
            format!("{} (code {}): {}", response.status_code, response.error.code, response.error.message)
        }
        Error::Http(HttpError::Request(error)) => {
            // reqwest's own Display names the URL; its sources (hyper's) do not.
            let mut text = String::from(if error.is_timeout() {
                "timed out"
            } else if error.is_connect() {
                "could not connect"
            } else {
                "the connection failed"
            });
            let mut source = std::error::Error::source(error);
            while let Some(cause) = source {
                text.push_str(": ");
                text.push_str(&cause.to_string());
                source = cause.source();
            }
            text
        }
        other => other.to_string(),
    }
}

/// Which response to an interaction a request is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The initial response (a message, a defer, an update, a modal): within 3 seconds.
    Callback,
    /// A follow-up message: within the token's 15 minutes.
    Followup,
    /// An edit of the original response: within the token's 15 minutes.
    Edit,
}

impl Step {
    /// The `step` label in logs and `/metrics`.
    pub fn label(self) -> &'static str {
        match self {
            Step::Callback => "callback",
            Step::Followup => "followup",
            Step::Edit => "edit",
        }
    }

    /// How long after the interaction Discord accepts this step.
    fn window(self) -> Duration {
        match self {
            Step::Callback => Duration::from_millis(INTERACTION_RESPONSE_DEADLINE_MS),
            Step::Followup | Step::Edit => Duration::from_secs(INTERACTION_TOKEN_LIFETIME_SECS),
        }
    }

    /// No attempt starts with less than this left of the window: a request to Discord takes
    /// tens to a few hundred milliseconds, and one arriving late is refused anyway.
    fn last_attempt_room(self) -> Duration {
        match self {
            Step::Callback => Duration::from_millis(250),
            Step::Followup | Step::Edit => Duration::from_secs(5),
        }
    }
}

/// Wait before the first retry of an interaction response; doubled for each later one, up to
/// [`RESPONSE_MAX_BACKOFF`]. Within the 3-second window that is 100, 200, 400, 800 ms, then
/// whatever is left.
pub const RESPONSE_FIRST_BACKOFF: Duration = Duration::from_millis(100);

/// The longest wait between two attempts (reached only in the 15 minutes of follow-ups).
pub const RESPONSE_MAX_BACKOFF: Duration = Duration::from_secs(30);

/// The least a 429 waits: Discord's `retry_after` cannot be read back (see the module's
/// notes), and interaction routes reset within a fraction of a second.
pub const RATE_LIMITED_MIN_WAIT: Duration = Duration::from_millis(250);

/// What went wrong with one attempt, as far as deciding what to do next needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// Discord answered with this status and JSON error code (0 or -1 when it gave none).
    Status { status: u16, code: isize },
    /// No answer: the connection could not be made, was dropped, or timed out.
    NoAnswer,
    /// Anything else (a body that would not encode, a bad URL): a retry fails the same way.
    Other,
}

/// Discord's code for an interaction that already has its initial response.
/// <https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes>
const ALREADY_ACKNOWLEDGED: isize = 40060;

impl Failure {
    pub fn of(error: &Error) -> Failure {
        match error {
            Error::Http(HttpError::UnsuccessfulRequest(response)) => {
                Failure::Status { status: response.status_code.as_u16(), code: response.error.code }
            }
            // A response body that failed to arrive after a success status is left out: the
            // request went through, and a retry could double a follow-up.
            Error::Http(HttpError::Request(error))
                if error.is_connect() || error.is_timeout() || (error.is_request() && !error.is_body()) =>
            {
                Failure::NoAnswer
            }
            _ => Failure::Other,
        }
    }

    /// Whether sending again may succeed.
    pub fn is_transient(self) -> bool {
        match self {
            Failure::Status { status, .. } => status == 429 || (500..=599).contains(&status),
            Failure::NoAnswer => true,
            Failure::Other => false,
        }
    }

    /// Whether Discord says an earlier attempt of this callback went through (its answer was
    /// lost on the way back, and this retry came second).
    fn acknowledged_earlier(self) -> bool {
        matches!(self, Failure::Status { status: 400, code: ALREADY_ACKNOWLEDGED })
    }

    /// The least wait before the next attempt.
    fn min_wait(self) -> Duration {
        match self {
            Failure::Status { status: 429, .. } => RATE_LIMITED_MIN_WAIT,
            _ => Duration::ZERO,
        }
    }
}

/// How a response got through.
#[derive(Debug, PartialEq, Eq)]
pub enum Delivered<T> {
    /// This attempt's answer.
    Now(T),
    /// A retried callback was refused as already acknowledged: an earlier attempt went
    /// through and only its answer was lost.
    Earlier,
}

/// An interaction response given up on; already logged and counted when returned.
#[derive(Debug, thiserror::Error)]
#[error("the {} of interaction {interaction} was lost after {attempts} attempt(s): {reason}", step.label())]
pub struct Lost {
    pub interaction: InteractionId,
    pub step: Step,
    pub attempts: u32,
    pub reason: String,
}

/// When an interaction's window for `step` closes, on the tokio clock. The interaction's id
/// says when Discord created it; a clock that disagrees with Discord's (the interaction seems
/// to come from the future, or to be older than the window) counts from now instead, and
/// Discord's own refusal (404 Unknown interaction) then ends the retries.
pub fn window_end(interaction: InteractionId, step: Step) -> Instant {
    let created = SystemTime::UNIX_EPOCH + Duration::from_millis((interaction.get() >> 22) + DISCORD_EPOCH_MS);
    window_end_at(created, SystemTime::now(), Instant::now(), step.window())
}

/// Snowflakes count milliseconds from 2015-01-01.
/// <https://discord.com/developers/docs/reference#snowflakes>
const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;

fn window_end_at(created: SystemTime, now: SystemTime, now_instant: Instant, window: Duration) -> Instant {
    let age = now.duration_since(created).unwrap_or(Duration::ZERO);
    let age = if age >= window { Duration::ZERO } else { age };
    now_instant + (window - age)
}

/// Sends an interaction's response with `send`, again on a transient failure, with backoff,
/// until it gets through or `step`'s window is nearly spent. Retries and a loss are logged
/// with the interaction's id and counted in `metrics`.
pub async fn respond<T, F, Fut>(
    metrics: &Metrics,
    interaction: InteractionId,
    step: Step,
    send: F,
) -> Result<Delivered<T>, Lost>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, Error>>,
{
    respond_until(metrics, interaction, step, window_end(interaction, step), send).await
}

async fn respond_until<T, F, Fut>(
    metrics: &Metrics,
    interaction: InteractionId,
    step: Step,
    closes: Instant,
    mut send: F,
) -> Result<Delivered<T>, Lost>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, Error>>,
{
    let last_start = closes.checked_sub(step.last_attempt_room()).unwrap_or(closes);
    let mut attempt = 1;
    let mut backoff = RESPONSE_FIRST_BACKOFF;
    let lost = |attempts: u32, reason: String| {
        metrics.response_lost(step.label());
        tracing::error!(interaction = %interaction, step = step.label(), attempts, error = %reason, "interaction response lost");
        Lost { interaction, step, attempts, reason }
    };
    loop {
        // An attempt that hangs past the window could only be refused: stop waiting for it.
        let left = closes.saturating_duration_since(Instant::now());
        let failure = match tokio::time::timeout(left, send()).await {
            Ok(Ok(value)) => return Ok(Delivered::Now(value)),
            Ok(Err(error)) => (Failure::of(&error), describe(&error)),
            Err(_) => return Err(lost(attempt, "no answer before the window closed".to_owned())),
        };
        let (failure, reason) = failure;
        if attempt > 1 && step == Step::Callback && failure.acknowledged_earlier() {
            tracing::info!(interaction = %interaction, attempt, "an earlier attempt of the callback went through");
            return Ok(Delivered::Earlier);
        }
        if !failure.is_transient() {
            return Err(lost(attempt, reason));
        }
        let now = Instant::now();
        if now >= last_start {
            return Err(lost(attempt, reason));
        }
        let wait = backoff.max(failure.min_wait()).min(last_start - now);
        metrics.response_retried(step.label());
        tracing::warn!(interaction = %interaction, step = step.label(), attempt, wait_ms = wait.as_millis() as u64, error = %reason, "interaction response failed, retrying");
        tokio::time::sleep(wait).await;
        attempt += 1;
        backoff = (backoff * 2).min(RESPONSE_MAX_BACKOFF);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::Mutex;

    #[test]
    fn backoff_doubles_and_fits_the_interaction_window() {
        assert_eq!(backoff(1), Duration::from_millis(250));
        assert_eq!(backoff(2), Duration::from_millis(500));
        let total: Duration = (1..MAX_ATTEMPTS).map(backoff).sum();
        assert!(total < Duration::from_millis(INTERACTION_RESPONSE_DEADLINE_MS), "{total:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn gives_up_at_once_on_errors_a_retry_cannot_fix() {
        let calls = AtomicU32::new(0);
        let result: Result<(), Error> = with_retry("test", || {
            calls.fetch_add(1, Ordering::SeqCst);
            async { Err(Error::Other("not retryable")) }
        })
        .await;
        assert!(result.is_err());
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    #[tokio::test(start_paused = true)]
    async fn returns_the_first_success() {
        let calls = AtomicU32::new(0);
        let result = with_retry("test", || {
            calls.fetch_add(1, Ordering::SeqCst);
            async { Ok::<_, Error>(7) }
        })
        .await;
        assert_eq!(result.unwrap(), 7);
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    /// A serenity error for an answer with `status` and Discord's JSON error `code`.
    async fn answered(status: u16, code: isize) -> Error {
        let body = serde_json::json!({ "code": code, "message": "test" }).to_string();
        let response = axum::http::Response::builder().status(status).body(body).unwrap();
        let response =
            serenity::http::ErrorResponse::from_response(reqwest::Response::from(response), reqwest::Method::POST)
                .await;
        Error::Http(HttpError::UnsuccessfulRequest(response))
    }

    /// A connection error to a URL holding `token`, as reqwest reports it.
    async fn unreachable(token: &str) -> Error {
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = closed.local_addr().unwrap().port();
        drop(closed);
        let url = format!("http://127.0.0.1:{port}/api/v10/interactions/1/{token}/callback");
        let error = reqwest::Client::builder().no_proxy().build().unwrap().post(url).send().await.unwrap_err();
        Error::Http(HttpError::Request(error))
    }

    #[tokio::test]
    async fn failures_are_classified_as_discord_answers_them() {
        let cases: &[(u16, isize, bool)] = &[
            (429, 0, true),
            (500, 0, true),
            (502, 0, true),
            (503, 0, true),
            (400, 50035, false),
            (401, 0, false),
            (403, 50013, false),
            (404, 10062, false),
            (400, ALREADY_ACKNOWLEDGED, false),
        ];
        for &(status, code, transient) in cases {
            let failure = Failure::of(&answered(status, code).await);
            assert_eq!(failure, Failure::Status { status, code }, "{status} {code}");
            assert_eq!(failure.is_transient(), transient, "{status} {code} transient");
        }
        assert_eq!(Failure::of(&unreachable("t").await), Failure::NoAnswer);
        assert_eq!(Failure::of(&Error::Other("a bug")), Failure::Other);
    }

    #[tokio::test]
    async fn a_described_error_never_shows_the_token() {
        let error = unreachable("secret-interaction-token").await;
        assert!(format!("{error:?}").contains("secret-interaction-token"), "reqwest's error holds the URL");
        let text = describe(&error);
        assert!(!text.contains("secret-interaction-token"), "{text}");
        assert!(text.starts_with("could not connect"), "{text}");
        assert_eq!(describe(&answered(500, 0).await), "500 Internal Server Error (code 0): test");
    }

    #[test]
    fn the_window_counts_from_the_interactions_creation() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let at = Instant::now();
        let window = Duration::from_secs(3);
        let created = now - Duration::from_millis(1200);
        assert_eq!(window_end_at(created, now, at, window), at + Duration::from_millis(1800));
        // A clock that disagrees with Discord's counts from now.
        assert_eq!(window_end_at(now + Duration::from_secs(2), now, at, window), at + window, "from the future");
        assert_eq!(window_end_at(now - Duration::from_secs(60), now, at, window), at + window, "older than the window");
    }

    /// Plays `script` (one result a call) through [`respond_until`] on a paused clock; the
    /// outcome, and how long after the start each call came.
    async fn play(
        step: Step,
        window: Duration,
        script: Vec<Result<u32, Error>>,
    ) -> (Result<Delivered<u32>, Lost>, Vec<Duration>, Metrics) {
        let metrics = Metrics::new();
        let start = Instant::now();
        let calls = Mutex::new(Vec::new());
        let script = Mutex::new(script.into_iter());
        let outcome = respond_until(&metrics, InteractionId::new(1), step, start + window, || {
            calls.lock().unwrap().push(start.elapsed());
            let next = script.lock().unwrap().next().expect("the script has a result for every call");
            async move { next }
        })
        .await;
        let calls = calls.into_inner().unwrap();
        (outcome, calls, metrics)
    }

    fn callback_window() -> Duration {
        Step::Callback.window()
    }

    #[tokio::test(start_paused = true)]
    async fn a_callback_gets_through_after_two_500s_and_a_429() {
        let script = vec![Err(answered(500, 0).await), Err(answered(500, 0).await), Err(answered(429, 0).await), Ok(7)];
        let (outcome, calls, metrics) = play(Step::Callback, callback_window(), script).await;
        assert_eq!(outcome.unwrap(), Delivered::Now(7));
        let ms: Vec<u128> = calls.iter().map(Duration::as_millis).collect();
        assert_eq!(ms, [0, 100, 300, 700], "backoff 100, 200, then 400 (above the 429's least wait)");
        assert!(metrics.render().contains(r#"optout_bot_interaction_response_retries_total{step="callback"} 3"#));
    }

    #[tokio::test(start_paused = true)]
    async fn a_429_waits_at_least_its_least_wait() {
        let script = vec![Err(answered(429, 0).await), Ok(1)];
        let (_, calls, _) = play(Step::Callback, callback_window(), script).await;
        assert_eq!(calls[1], RATE_LIMITED_MIN_WAIT);
    }

    #[tokio::test(start_paused = true)]
    async fn a_callback_is_retried_until_the_window_is_nearly_spent_then_lost() {
        let mut script = Vec::new();
        for _ in 0..20 {
            script.push(Err(answered(503, 0).await));
        }
        let (outcome, calls, metrics) = play(Step::Callback, callback_window(), script).await;
        let lost = outcome.unwrap_err();
        assert_eq!(lost.step, Step::Callback);
        assert_eq!(lost.attempts as usize, calls.len());
        let last = *calls.last().unwrap();
        assert_eq!(last, callback_window() - Step::Callback.last_attempt_room(), "the last attempt uses the window");
        let ms: Vec<u128> = calls.iter().map(Duration::as_millis).collect();
        assert_eq!(ms, [0, 100, 300, 700, 1500, 2750]);
        assert!(metrics.render().contains(r#"optout_bot_interaction_responses_lost_total{step="callback"} 1"#));
    }

    #[tokio::test(start_paused = true)]
    async fn refusals_are_not_retried() {
        let script = vec![Err(answered(400, 50035).await), Ok(1)];
        let (outcome, calls, _) = play(Step::Callback, callback_window(), script).await;
        assert!(outcome.is_err());
        assert_eq!(calls.len(), 1);
    }

    #[tokio::test(start_paused = true)]
    async fn already_acknowledged_on_a_retry_means_the_first_attempt_went_through() {
        let script = vec![Err(unreachable("t").await), Err(answered(400, ALREADY_ACKNOWLEDGED).await)];
        let (outcome, _, _) = play(Step::Callback, callback_window(), script).await;
        assert_eq!(outcome.unwrap(), Delivered::Earlier);
        // On a first attempt it is a refusal like any other.
        let (outcome, _, _) = play(Step::Callback, callback_window(), vec![Err(answered(400, 40060).await)]).await;
        assert!(outcome.is_err());
    }

    #[tokio::test(start_paused = true)]
    async fn an_attempt_that_hangs_past_the_window_is_lost() {
        let metrics = Metrics::new();
        let closes = Instant::now() + callback_window();
        let outcome: Result<Delivered<()>, Lost> =
            respond_until(&metrics, InteractionId::new(1), Step::Callback, closes, std::future::pending).await;
        assert_eq!(outcome.unwrap_err().reason, "no answer before the window closed");
        assert_eq!(Instant::now(), closes);
    }

    #[tokio::test(start_paused = true)]
    async fn follow_ups_back_off_up_to_the_cap_within_15_minutes() {
        let mut script = Vec::new();
        for _ in 0..60 {
            script.push(Err(answered(502, 0).await));
        }
        let (outcome, calls, _) = play(Step::Followup, Step::Followup.window(), script).await;
        assert!(outcome.is_err());
        let gaps: Vec<Duration> = calls.windows(2).map(|w| w[1] - w[0]).collect();
        assert!(gaps.iter().all(|g| *g <= RESPONSE_MAX_BACKOFF), "{gaps:?}");
        assert!(gaps.contains(&RESPONSE_MAX_BACKOFF), "{gaps:?}");
        let last = *calls.last().unwrap();
        assert!(last > Duration::from_secs(14 * 60) && last < Step::Followup.window(), "{last:?}");
    }
}
