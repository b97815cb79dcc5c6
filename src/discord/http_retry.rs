//! Retries for the requests the bot sends itself.
//!
//! The fake Discord needs serenity's ratelimiter off (the proxy is only used then), and without
//! it serenity neither waits on rate limits nor retries a 429. Worse, its error type drops the
//! 429 body, so `retry_after` cannot be read back: we wait a bounded backoff that starts above
//! Discord's usual per-route reset, and give up after [`MAX_ATTEMPTS`].

use std::future::Future;
use std::time::Duration;

use serenity::all::{Error, HttpError, StatusCode};

/// Attempts in all, the first included.
pub const MAX_ATTEMPTS: u32 = 4;

/// Wait before the first retry; doubled for each later one (250 ms, 500 ms, 1 s): the three
/// together stay inside an interaction's 3-second window.
pub const FIRST_BACKOFF: Duration = Duration::from_millis(250);

/// Whether a failed request may succeed if sent again: rate limited, or the gateway in front
/// of Discord was briefly unavailable. Other errors (400, 403, 404) would fail the same way.
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
                tracing::warn!(request = what, attempt, wait_ms = wait.as_millis() as u64, error = %error, "request failed, retrying");
                tokio::time::sleep(wait).await;
                attempt += 1;
            }
            Err(error) => return Err(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    #[test]
    fn backoff_doubles_and_fits_the_interaction_window() {
        assert_eq!(backoff(1), Duration::from_millis(250));
        assert_eq!(backoff(2), Duration::from_millis(500));
        let total: Duration = (1..MAX_ATTEMPTS).map(backoff).sum();
        assert!(total < Duration::from_millis(crate::limits::INTERACTION_RESPONSE_DEADLINE_MS), "{total:?}");
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
}
