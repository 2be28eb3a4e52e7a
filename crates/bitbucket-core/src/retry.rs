//! When and how long to wait before trying a request again.
//!
//! 429 honours `Retry-After` (seconds or HTTP date) and otherwise backs off exponentially with
//! jitter (Bitbucket Cloud sends no `Retry-After`). 500/502/503/504, timeouts and connection
//! errors are retried for idempotent methods only, unless POST retries are opted in.
//!
//! ```
//! use std::time::Duration;
//! use bitbucket_core::RetryPolicy;
//! let policy = RetryPolicy::default()
//!     .max_attempts(6)
//!     .base_delay(Duration::from_millis(250))
//!     .max_delay(Duration::from_secs(20));
//! assert_eq!(policy.attempts(), 6);
//! assert!(RetryPolicy::disabled().attempts() == 1);
//! ```

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::{Method, StatusCode};

/// How many times, and with which delays, failed requests are tried again.
#[derive(Clone, Debug, PartialEq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
    max_total_delay: Duration,
    retry_non_idempotent: bool,
    jitter: bool,
}

impl Default for RetryPolicy {
    /// 5 attempts, 500 ms base delay doubling up to 30 s per wait and 2 minutes in total, with jitter.
    fn default() -> Self {
        Self {
            max_attempts: 5,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            max_total_delay: Duration::from_secs(120),
            retry_non_idempotent: false,
            jitter: true,
        }
    }
}

impl RetryPolicy {
    /// No retries: every request is sent once.
    pub fn disabled() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// Total attempts including the first (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The first backoff delay; each later one doubles.
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// Cap on a single wait.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// Cap on all waits of one request together; a `Retry-After` beyond it ends the retries.
    pub fn max_total_delay(mut self, delay: Duration) -> Self {
        self.max_total_delay = delay;
        self
    }

    /// Also retry POST and PATCH on 5xx and transport errors (they may not be idempotent).
    pub fn retry_non_idempotent(mut self, yes: bool) -> Self {
        self.retry_non_idempotent = yes;
        self
    }

    /// Randomize each backoff delay between half and all of its value (on by default).
    pub fn jitter(mut self, yes: bool) -> Self {
        self.jitter = yes;
        self
    }

    /// Total attempts including the first.
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The cap on all waits of one request.
    pub fn total_delay_cap(&self) -> Duration {
        self.max_total_delay
    }

    /// Whether a request with this method may be retried after a 5xx or transport error.
    pub fn may_retry_method(&self, method: &Method) -> bool {
        self.retry_non_idempotent || is_idempotent(method)
    }

    /// The backoff before retry number `retry` (0 for the first retry).
    pub fn backoff(&self, retry: u32) -> Duration {
        let factor = 2u32.saturating_pow(retry.min(20));
        let full = self.base_delay.saturating_mul(factor).min(self.max_delay);
        if self.jitter && !full.is_zero() {
            let half = full / 2;
            let mut bytes = [0u8; 8];
            // Without a random source the backoff is still bounded: the upper end.
            let random = match getrandom::getrandom(&mut bytes) {
                Ok(()) => u64::from_le_bytes(bytes),
                Err(_) => u64::MAX,
            };
            let extra = random % (half.as_micros() as u64 + 1);
            half + Duration::from_micros(extra)
        } else {
            full
        }
    }

    /// The wait before the next attempt for a response status, or `None` when it is final.
    /// 429 is always retried; 5xx only when `retry_server_errors` (see
    /// [`RetryPolicy::may_retry_method`]).
    pub fn delay_for_status(
        &self,
        retry_server_errors: bool,
        status: StatusCode,
        headers: &HeaderMap,
        retry: u32,
    ) -> Option<Duration> {
        if status == StatusCode::TOO_MANY_REQUESTS {
            Some(parse_retry_after(headers).unwrap_or_else(|| self.backoff(retry)))
        } else if retry_server_errors && is_transient_server_error(status) {
            Some(
                parse_retry_after(headers)
                    .unwrap_or_else(|| self.backoff(retry))
                    .min(self.max_delay),
            )
        } else {
            None
        }
    }
}

/// The server errors another attempt may get past: 500, 502, 503 and 504.
pub fn is_transient_server_error(status: StatusCode) -> bool {
    matches!(status.as_u16(), 500 | 502 | 503 | 504)
}

/// The transport failures another attempt may get past: timeouts, and failures to connect or to
/// send the request.
pub fn is_transient_transport_error(error: &reqwest::Error) -> bool {
    error.is_timeout() || error.is_connect() || error.is_request()
}

/// GET, HEAD, PUT, DELETE, OPTIONS and TRACE.
pub fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS | Method::TRACE
    )
}

/// Reads `Retry-After` as seconds or as an HTTP date.
pub fn parse_retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(
        when.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

/// A boxed future returned by [`Sleeper::sleep`].
pub type SleepFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

/// The clock retries and the limiter wait on; swap it in tests to record waits instead of sleeping.
pub trait Sleeper: Send + Sync + fmt::Debug {
    /// Waits for `duration`.
    fn sleep(&self, duration: Duration) -> SleepFuture;
}

/// The default [`Sleeper`]: `tokio::time::sleep`.
#[derive(Debug, Default, Clone, Copy)]
pub struct TokioSleeper;

impl Sleeper for TokioSleeper {
    fn sleep(&self, duration: Duration) -> SleepFuture {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// A [`Sleeper`] that returns at once and records every requested wait (for tests).
#[derive(Debug, Default, Clone)]
pub struct RecordingSleeper {
    waits: Arc<std::sync::Mutex<Vec<Duration>>>,
}

impl RecordingSleeper {
    /// A new recorder with no waits.
    pub fn new() -> Self {
        Self::default()
    }

    /// The waits requested so far.
    pub fn waits(&self) -> Vec<Duration> {
        self.waits.lock().map(|w| w.clone()).unwrap_or_default()
    }
}

impl Sleeper for RecordingSleeper {
    fn sleep(&self, duration: Duration) -> SleepFuture {
        if let Ok(mut w) = self.waits.lock() {
            w.push(duration);
        }
        Box::pin(std::future::ready(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn backoff_grows_and_caps() {
        let p = RetryPolicy::default()
            .jitter(false)
            .base_delay(Duration::from_millis(100))
            .max_delay(Duration::from_millis(500));
        let d: Vec<_> = (0..5).map(|i| p.backoff(i).as_millis()).collect();
        assert_eq!(d, [100, 200, 400, 500, 500]);
    }

    #[test]
    fn jitter_stays_in_range() {
        let p = RetryPolicy::default().base_delay(Duration::from_millis(100));
        for _ in 0..100 {
            let d = p.backoff(1);
            assert!(d >= Duration::from_millis(100) && d <= Duration::from_millis(200));
        }
    }

    #[test]
    fn retry_after_forms() {
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, HeaderValue::from_static("7"));
        assert_eq!(parse_retry_after(&h), Some(Duration::from_secs(7)));
        let later = SystemTime::now() + Duration::from_secs(90);
        h.insert(
            RETRY_AFTER,
            HeaderValue::from_str(&httpdate::fmt_http_date(later)).unwrap(),
        );
        let d = parse_retry_after(&h).unwrap();
        assert!(d > Duration::from_secs(85) && d <= Duration::from_secs(90));
        h.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(parse_retry_after(&h), None);
    }

    #[test]
    fn post_not_retried_on_5xx_unless_opted_in() {
        let p = RetryPolicy::default();
        let h = HeaderMap::new();
        assert!(
            p.delay_for_status(
                p.may_retry_method(&Method::POST),
                StatusCode::SERVICE_UNAVAILABLE,
                &h,
                0
            )
            .is_none()
        );
        assert!(
            p.delay_for_status(
                p.may_retry_method(&Method::GET),
                StatusCode::SERVICE_UNAVAILABLE,
                &h,
                0
            )
            .is_some()
        );
        assert!(
            {
                let opted = p.clone().retry_non_idempotent(true);
                opted.delay_for_status(
                    opted.may_retry_method(&Method::POST),
                    StatusCode::BAD_GATEWAY,
                    &h,
                    0,
                )
            }
            .is_some()
        );
        assert!(
            p.delay_for_status(
                p.may_retry_method(&Method::POST),
                StatusCode::TOO_MANY_REQUESTS,
                &h,
                0
            )
            .is_some()
        );
        assert!(
            p.delay_for_status(
                p.may_retry_method(&Method::GET),
                StatusCode::NOT_FOUND,
                &h,
                0
            )
            .is_none()
        );
    }
}
