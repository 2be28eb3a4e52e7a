//! Pieces every example shares: connection flags, credentials, output, progress, timestamps.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal as _, Write};
use std::path::Path;
use std::time::Duration;

use bitbucket::Credentials;
use indicatif::{ProgressBar, ProgressStyle};
use bitbucket::dc::chrono::{DateTime, SecondsFormat, Utc};

/// Where to connect and as whom; every flag can come from the environment instead.
#[derive(clap::Args, Clone, Default)]
pub struct Connection {
    /// Server URL (Data Center: `https://bitbucket.example.com`; Cloud: `https://api.bitbucket.org`),
    /// with or without the API prefix (`/rest`, `/2.0`).
    #[arg(long, env = "BITBUCKET_URL")]
    pub base_url: Option<String>,
    /// User name (Data Center) or account e-mail (Cloud API token); with `--password` or `--token`
    /// it is sent as HTTP Basic.
    #[arg(long, env = "BITBUCKET_USERNAME")]
    pub username: Option<String>,
    /// Password or app password, sent as HTTP Basic with `--username`.
    #[arg(long, env = "BITBUCKET_PASSWORD", hide_env_values = true)]
    pub password: Option<String>,
    /// Access token: sent as `Bearer`, or as HTTP Basic when `--username` is also given.
    #[arg(
        long,
        env = "BITBUCKET_TOKEN",
        hide_env_values = true,
        conflicts_with = "password"
    )]
    pub token: Option<String>,
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection")
            .field("base_url", &self.base_url)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

impl Connection {
    /// The base URL, or a usage error naming the flag and variable to set.
    pub fn base_url(&self) -> Result<&str, JobError> {
        self.base_url.as_deref().ok_or_else(|| {
            JobError::Usage("no server URL: pass --base-url or set BITBUCKET_URL".to_owned())
        })
    }

    /// The credentials the flags describe (anonymous when none are given).
    pub fn credentials(&self) -> Result<Credentials, JobError> {
        match (&self.username, &self.password, &self.token) {
            (_, Some(_), Some(_)) => Err(JobError::Usage(
                "give either --password or --token, not both".to_owned(),
            )),
            (Some(user), Some(password), None) => {
                Ok(Credentials::basic(user.clone(), password.clone()))
            }
            (None, Some(_), None) => Err(JobError::Usage(
                "--password needs --username (or BITBUCKET_USERNAME)".to_owned(),
            )),
            (Some(user), None, Some(token)) => {
                Ok(Credentials::basic_access_token(user.clone(), token.clone()))
            }
            (None, None, Some(token)) => Ok(Credentials::bearer(token.clone())),
            (_, None, None) => Ok(Credentials::anonymous()),
        }
    }
}

/// What can end an example job.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// A call to Bitbucket failed (after retries).
    #[error(transparent)]
    Api(#[from] bitbucket::Error),
    /// The command line is incomplete or contradictory.
    #[error("{0}")]
    Usage(String),
    /// Writing the output failed.
    #[error("cannot write output: {0}")]
    Io(#[from] io::Error),
    /// Writing CSV failed.
    #[error("cannot write CSV: {0}")]
    Csv(#[from] csv::Error),
    /// Writing JSON failed.
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// Output formats of the listing jobs.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Comma-separated values with a header line.
    #[default]
    Csv,
    /// One JSON array of objects.
    Json,
}

/// Opens `--output` (or stdout when absent) for buffered writing.
pub fn open_output(path: Option<&Path>) -> io::Result<Box<dyn Write>> {
    Ok(match path {
        Some(p) => Box::new(BufWriter::new(File::create(p)?)),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    })
}

/// A spinner on stderr when it is a terminal, otherwise a hidden bar (all calls are no-ops).
pub fn progress(message: &str) -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} [{elapsed}]") {
        bar.set_style(style);
    }
    bar.set_message(message.to_owned());
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// Formats epoch milliseconds as ISO-8601 UTC with milliseconds (`2024-03-05T07:08:09.123Z`).
pub fn iso8601_millis(ms: i64) -> Option<String> {
    DateTime::from_timestamp_millis(ms).and_then(iso8601)
}

/// Formats an instant as ISO-8601 UTC with milliseconds.
pub fn iso8601(t: DateTime<Utc>) -> Option<String> {
    Some(t.to_rfc3339_opts(SecondsFormat::Millis, true))
}

/// A retry policy with the given first backoff, for tests and benchmarks that must stay fast
/// (`None`: the SDK default).
pub fn retry_policy(base_delay: Option<Duration>) -> bitbucket::RetryPolicy {
    match base_delay {
        Some(d) => bitbucket::RetryPolicy::default()
            .max_attempts(8)
            .base_delay(d)
            .max_delay(d.saturating_mul(16)),
        None => bitbucket::RetryPolicy::default(),
    }
}

/// Formats a duration as seconds with two decimals.
pub fn secs(d: Duration) -> String {
    format!("{:.2}s", d.as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso8601_is_utc_with_millis() {
        assert_eq!(
            iso8601_millis(1_704_067_200_123).as_deref(),
            Some("2024-01-01T00:00:00.123Z")
        );
        assert_eq!(
            iso8601_millis(0).as_deref(),
            Some("1970-01-01T00:00:00.000Z")
        );
        assert_eq!(iso8601_millis(i64::MAX), None);
    }

    #[test]
    fn credentials_from_flags() {
        let c = Connection {
            token: Some("tok".into()),
            ..Default::default()
        };
        assert_eq!(c.credentials().unwrap().scheme(), "Bearer");
        let c = Connection {
            username: Some("u".into()),
            password: Some("p".into()),
            ..Default::default()
        };
        assert_eq!(c.credentials().unwrap().scheme(), "Basic");
        let c = Connection {
            password: Some("p".into()),
            ..Default::default()
        };
        assert!(matches!(c.credentials(), Err(JobError::Usage(_))));
        let c = Connection {
            password: Some("secret-pw".into()),
            token: Some("secret-tok".into()),
            ..Default::default()
        };
        assert!(matches!(c.credentials(), Err(JobError::Usage(_))));
        assert!(!format!("{c:?}").contains("secret"));
        assert!(Connection::default().base_url().is_err());
    }
}
