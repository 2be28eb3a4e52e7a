//! `token-audit`: every Bitbucket Data Center user and their HTTP access tokens, as CSV or JSON.
//!
//! ```text
//! cargo run -p bitbucket-examples --bin token-audit -- --demo
//! token-audit --base-url https://bitbucket.example.com --username admin --password "$PW" --output tokens.csv
//! token-audit --base-url https://bitbucket.example.com --oauth-client-id ID \
//!     --oauth-client-secret "$SECRET" --oauth-refresh-token-file refresh.txt
//! ```
//!
//! The user listing and other users' tokens are administrative endpoints, where Data Center
//! refuses HTTP access tokens: use an admin's password or OAuth 2 from an incoming link.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use bitbucket::CredentialsProvider;
use bitbucket::core::Api;

use bitbucket_examples::common::{self, Connection, Format, JobError};
use bitbucket_examples::token_audit::{self, AuditOptions};
use clap::Parser;

/// Lists every Data Center user and their HTTP access tokens (an admin's password or OAuth 2;
/// HTTP access tokens are refused on these endpoints).
#[derive(Parser, Debug)]
#[command(name = "token-audit", version)]
struct Args {
    #[command(flatten)]
    conn: Connection,
    /// Token look-ups in flight at once.
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=256))]
    concurrency: u16,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
    /// Write to this file instead of stdout.
    #[arg(long)]
    output: Option<PathBuf>,
    /// Attempts per request, first included (429, 5xx and transport errors are retried).
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=20))]
    max_attempts: u32,
    /// First retry backoff in milliseconds (doubles each retry).
    #[arg(long, default_value_t = 500, hide = true)]
    retry_base_ms: u64,
    /// Start a fake Data Center with 2,000 users in-process and audit it (no account needed).
    #[arg(long)]
    demo: bool,
}

#[tokio::main]
async fn main() -> ExitCode {
    common::finish("token-audit", run(Args::parse()).await)
}

async fn run(args: Args) -> Result<ExitCode, JobError> {
    // Keeps the fake server alive for the whole run in demo mode.
    let mut _server = None;
    let (base_url, credentials) = if args.demo {
        let server = bitbucket_fake::Server::dc().start().await?;
        let (user, password) = server.admin_credentials();
        eprintln!(
            "demo: fake Bitbucket Data Center with 2,000 users at {}",
            server.url()
        );
        let url = server.url().to_owned();
        _server = Some(server);
        let creds: Arc<dyn CredentialsProvider> =
            Arc::new(bitbucket::Credentials::basic(user, password));
        (url, creds)
    } else {
        let url = args.conn.base_url()?.to_owned();
        let creds = args.conn.provider(Api::DataCenter, &url)?;
        (url, creds)
    };
    let base = Duration::from_millis(args.retry_base_ms);
    let retry = bitbucket::RetryPolicy::default()
        .max_attempts(args.max_attempts)
        .base_delay(base)
        .max_delay(base.saturating_mul(60));
    let dc = common::dc_client(&base_url, credentials, retry)?;
    let bar = common::progress("auditing users");
    let opts = AuditOptions {
        concurrency: usize::from(args.concurrency),
        ..AuditOptions::default()
    };
    let report = token_audit::audit(&dc, &opts, &bar).await?;
    bar.finish_and_clear();
    let mut out = common::open_output(args.output.as_deref())?;
    token_audit::write_rows(&report.rows, args.format, &mut out)?;
    drop(out);
    eprint!("{}", token_audit::summary(&report));
    Ok(if report.failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
