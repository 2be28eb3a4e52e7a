//! Pieces every example shares: connection flags, credentials, output, progress, timestamps.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal as _, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use bitbucket::core::Api;
use bitbucket::core::oauth2::{OAuth2, TokenEndpoint};
use bitbucket::dc::chrono::{DateTime, SecondsFormat, Utc};
use bitbucket::{Credentials, CredentialsProvider, RetryPolicy};
use indicatif::{ProgressBar, ProgressStyle};

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
    /// OAuth 2 client id: a Cloud consumer's key, or the client id of a Data Center incoming
    /// application link. Tokens are then fetched and refreshed as they expire.
    #[arg(long, env = "BITBUCKET_OAUTH_CLIENT_ID", conflicts_with_all = ["password", "token"])]
    pub oauth_client_id: Option<String>,
    /// OAuth 2 client secret (with `--oauth-client-id`).
    #[arg(long, env = "BITBUCKET_OAUTH_CLIENT_SECRET", hide_env_values = true)]
    pub oauth_client_secret: Option<String>,
    /// Data Center OAuth 2: a file holding the refresh token from authorizing the incoming link
    /// once (Data Center has no client-credentials grant). Each refresh replaces the token, and
    /// the new one is written back to this file.
    #[arg(long, env = "BITBUCKET_OAUTH_REFRESH_TOKEN_FILE")]
    pub oauth_refresh_token_file: Option<PathBuf>,
    /// OAuth 2 token endpoint, when not the API's own (Cloud:
    /// `https://bitbucket.org/site/oauth2/access_token`, Data Center:
    /// `{base-url}/rest/oauth2/latest/token`).
    #[arg(long, env = "BITBUCKET_OAUTH_TOKEN_URL")]
    pub oauth_token_url: Option<String>,
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection")
            .field("base_url", &self.base_url)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .field("oauth_client_id", &self.oauth_client_id)
            .field(
                "oauth_client_credential",
                &self.oauth_client_secret.as_ref().map(|_| "<redacted>"),
            )
            .field("oauth_refresh_token_file", &self.oauth_refresh_token_file)
            .field("oauth_token_url", &self.oauth_token_url)
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

    /// What requests to `base_url` of `api` authenticate with: OAuth 2 when a client id is
    /// given (Cloud: client credentials; Data Center: the refresh token file), otherwise the
    /// fixed [`Connection::credentials`].
    pub fn provider(
        &self,
        api: Api,
        base_url: &str,
    ) -> Result<Arc<dyn CredentialsProvider>, JobError> {
        let Some(id) = &self.oauth_client_id else {
            return Ok(Arc::new(self.credentials()?));
        };
        let secret = self.oauth_client_secret.clone().ok_or_else(|| {
            JobError::Usage(
                "--oauth-client-id needs --oauth-client-secret (or BITBUCKET_OAUTH_CLIENT_SECRET)"
                    .to_owned(),
            )
        })?;
        let mut endpoint = match api {
            Api::Cloud => TokenEndpoint::cloud(id, secret),
            _ => TokenEndpoint::data_center(base_url, id, secret)?,
        };
        if let Some(url) = &self.oauth_token_url {
            endpoint = endpoint.token_url(url)?;
        }
        let oauth = match (&self.oauth_refresh_token_file, api) {
            (Some(path), _) => {
                let refresh = std::fs::read_to_string(path)?.trim().to_owned();
                let path = path.clone();
                OAuth2::from_refresh_token(endpoint, refresh).on_token(move |tokens| {
                    if let Some(rotated) = &tokens.refresh_token
                        && std::fs::write(&path, rotated.expose()).is_err()
                    {
                        eprintln!(
                            "could not store the new refresh token in {}",
                            path.display()
                        );
                    }
                })
            }
            (None, Api::Cloud) => OAuth2::client_credentials(endpoint),
            (None, _) => {
                return Err(JobError::Usage(
                    "Data Center OAuth 2 needs --oauth-refresh-token-file: incoming application \
                     links grant authorization codes only, so authorize once and keep the \
                     refresh token in a file"
                        .to_owned(),
                ));
            }
        };
        Ok(Arc::new(oauth))
    }
}

/// Where a Cloud job runs: the API root, the credentials, the workspace and the retry policy.
pub struct CloudTarget {
    /// Cloud host or API root.
    pub base_url: String,
    /// What requests authenticate with.
    pub credentials: Arc<dyn CredentialsProvider>,
    /// Workspace slug.
    pub workspace: String,
    /// Retry policy for the job's clients.
    pub retry: RetryPolicy,
    /// The fake a `--demo` run talks to, kept running as long as the target.
    pub demo: Option<bitbucket_fake::Server>,
}

impl CloudTarget {
    /// A started fake's workspace `acme`, as the fake's admin, with quick retries (the `--demo`
    /// runs).
    pub fn demo(server: bitbucket_fake::Server) -> Self {
        CloudTarget {
            base_url: server.url().to_owned(),
            credentials: Arc::new(Credentials::bearer(server.admin_token().to_owned())),
            workspace: "acme".to_owned(),
            retry: retry_policy(Some(Duration::from_millis(100))),
            demo: Some(server),
        }
    }

    /// The workspace named on the command line, at `--base-url` (Cloud's own API when absent),
    /// as the connection's credentials, with retries that outlast Cloud's rate-limit window.
    pub fn from_args(conn: &Connection, workspace: Option<&str>) -> Result<Self, JobError> {
        let base_url = conn
            .base_url
            .clone()
            .unwrap_or_else(|| bitbucket::cloud::DEFAULT_BASE_URL.to_owned());
        let workspace = workspace
            .ok_or_else(|| JobError::Usage("--workspace is required".to_owned()))?
            .to_owned();
        let retry = crate::workspace_access::patient_retry_policy();
        let credentials = conn.provider(Api::Cloud, &base_url)?;
        Ok(CloudTarget {
            base_url,
            credentials,
            workspace,
            retry,
            demo: None,
        })
    }

    /// A Cloud client for the target with a client-side budget of `per_hour` requests (0: none).
    /// The fake has no budget unless asked, so a demo runs without the limiter.
    pub fn client(&self, per_hour: u32) -> Result<bitbucket::cloud::Client, JobError> {
        let per_hour = if self.demo.is_some() { 0 } else { per_hour };
        cloud_client(
            &self.base_url,
            Arc::clone(&self.credentials),
            self.retry.clone(),
            per_hour,
        )
    }
}

/// A Data Center client for `base_url` (server root or `/rest`).
pub fn dc_client(
    base_url: &str,
    credentials: Arc<dyn CredentialsProvider>,
    retry: RetryPolicy,
) -> Result<bitbucket::dc::Client, JobError> {
    Ok(bitbucket::dc::Client::builder(base_url)
        .credentials_provider(credentials)
        .retry_policy(retry)
        .build()?)
}

/// A Cloud client for `base_url` (host or `/2.0`); `per_hour` above 0 sets the client-side
/// request budget.
pub fn cloud_client(
    base_url: &str,
    credentials: Arc<dyn CredentialsProvider>,
    retry: RetryPolicy,
    per_hour: u32,
) -> Result<bitbucket::cloud::Client, JobError> {
    let mut builder = bitbucket::cloud::Client::builder()
        .base_url(base_url)
        .credentials_provider(credentials)
        .retry_policy(retry);
    if per_hour > 0 {
        builder = builder.rate_limit_per_hour(per_hour);
    }
    Ok(builder.build()?)
}

/// Whether the server refused the credentials themselves (401, a CAPTCHA lockout, or a
/// refused OAuth 2 token request): every later request would fail the same way, so a job
/// stops at the first one.
pub fn credentials_refused(e: &bitbucket::Error) -> bool {
    matches!(
        e,
        bitbucket::Error::Unauthorized { .. }
            | bitbucket::Error::AuthenticationDenied { .. }
            | bitbucket::Error::OAuth { .. }
    )
}

/// Ends a job: its own exit code on success; on error a message on stderr and exit code 2.
pub fn finish(job: &str, result: Result<ExitCode, JobError>) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(JobError::Api(e)) if credentials_refused(&e) => {
            eprintln!("{job}: stopped at the first refused request, nothing more was sent: {e}");
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("{job}: {e}");
            ExitCode::from(2)
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

/// Writes `rows` as CSV (`header` first, then `record` writes each row's fields) or as one
/// pretty-printed JSON array.
pub fn write_table<R: serde::Serialize>(
    rows: &[R],
    header: &[&str],
    format: Format,
    out: &mut dyn Write,
    mut record: impl FnMut(&mut csv::Writer<&mut dyn Write>, &R) -> csv::Result<()>,
) -> Result<(), JobError> {
    match format {
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(header)?;
            for r in rows {
                record(&mut w, r)?;
            }
            w.flush()?;
        }
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, rows)?;
            writeln!(out)?;
            out.flush()?;
        }
    }
    Ok(())
}

/// Appends the failures section of a job summary to `s`: the `heading` line, then one
/// `  {what}: {error}` line a failure. Nothing when there are no failures.
pub fn push_failures<'a>(
    s: &mut String,
    heading: &str,
    failures: impl ExactSizeIterator<Item = (&'a String, &'a String)>,
) {
    if failures.len() == 0 {
        return;
    }
    s.push_str(heading);
    s.push('\n');
    for (what, error) in failures {
        s.push_str(&format!("  {what}: {error}\n"));
    }
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

    #[test]
    fn oauth_flags_pick_the_grant_of_each_api() {
        let c = Connection {
            oauth_client_id: Some("key".into()),
            oauth_client_secret: Some("secret-value".into()),
            ..Default::default()
        };
        let cloud = c.provider(Api::Cloud, "https://api.bitbucket.org").unwrap();
        assert!(!format!("{cloud:?}").contains("secret-value"));
        assert!(format!("{cloud:?}").contains("bitbucket.org/site/oauth2/access_token"));
        // Data Center has no client-credentials grant: a refresh token file is needed.
        assert!(matches!(
            c.provider(Api::DataCenter, "https://bb.example.com"),
            Err(JobError::Usage(m)) if m.contains("--oauth-refresh-token-file")
        ));
        let no_secret = Connection {
            oauth_client_id: Some("key".into()),
            ..Default::default()
        };
        assert!(matches!(
            no_secret.provider(Api::Cloud, "https://api.bitbucket.org"),
            Err(JobError::Usage(_))
        ));
        let custom = Connection {
            oauth_token_url: Some("http://127.0.0.1:9/token".into()),
            ..c
        };
        let p = custom
            .provider(Api::Cloud, "https://api.bitbucket.org")
            .unwrap();
        assert!(format!("{p:?}").contains("127.0.0.1:9/token"));
    }
}
