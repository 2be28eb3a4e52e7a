//! `offboard-user`: remove one person's explicit repository and project permissions across a
//! Bitbucket Cloud workspace.
//!
//! Dry run by default: prints the plan and changes nothing. `--apply` removes the planned
//! permissions, stopping at the first failure, and reports what was and was not removed (also as
//! JSON with `--report`). Running it again only plans what is left.
//!
//! ```text
//! cargo run -p bitbucket-examples --bin offboard-user -- --demo --apply
//! offboard-user --workspace acme --user 557058:1234... --username me@example.com --token "$API_TOKEN" --apply
//! ```

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use bitbucket_examples::common::{self, Connection, JobError};
use bitbucket_examples::{offboard, workspace_access};
use clap::Parser;

/// Plans (and with --apply performs) the removal of a person's explicit permissions.
#[derive(Parser, Debug)]
#[command(name = "offboard-user", version)]
struct Args {
    #[command(flatten)]
    conn: Connection,
    /// Workspace slug.
    #[arg(long, required_unless_present = "demo")]
    workspace: Option<String>,
    /// The person: Atlassian account id or `{uuid}`.
    #[arg(long, required_unless_present = "demo")]
    user: Option<String>,
    /// Remove the planned permissions (default: dry run, nothing changes).
    #[arg(long)]
    apply: bool,
    /// Look-ups in flight at once while planning.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    concurrency: u16,
    /// Client-side request budget per hour (Bitbucket Cloud allows about 1,000); 0 turns it off
    /// (ignored with --demo).
    #[arg(long, default_value_t = 1_000)]
    max_requests_per_hour: u32,
    /// Also write the plan (dry run) or the apply report as JSON to this file.
    #[arg(long)]
    report: Option<PathBuf>,
    /// Start a fake Bitbucket Cloud in-process (workspace `acme`) and offboard its first member
    /// holding explicit permissions; with --apply, plans again afterwards to show nothing is left.
    #[arg(long)]
    demo: bool,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    match run(args).await {
        Ok(code) => code,
        Err(e) => {
            eprintln!("offboard-user: {e}");
            ExitCode::from(2)
        }
    }
}

async fn run(args: Args) -> Result<ExitCode, JobError> {
    let mut _server = None;
    let (base_url, credentials, workspace, user, retry) = if args.demo {
        let server = bitbucket_fake::Server::cloud().start().await?;
        let user = match &args.user {
            Some(u) => u.clone(),
            None => server
                .cloud_permissions("acme")
                .and_then(|p| p.first().map(|p| p.account_id.clone()))
                .unwrap_or_default(),
        };
        eprintln!(
            "demo: fake Bitbucket Cloud at {} (workspace acme)",
            server.url()
        );
        let url = server.url().to_owned();
        let creds = bitbucket::Credentials::bearer(server.admin_token().to_owned());
        _server = Some(server);
        let retry = common::retry_policy(Some(Duration::from_millis(100)));
        (url, creds, "acme".to_owned(), user, retry)
    } else {
        let url = args
            .conn
            .base_url
            .clone()
            .unwrap_or_else(|| bitbucket::cloud::DEFAULT_BASE_URL.to_owned());
        let missing = |flag: &str| JobError::Usage(format!("{flag} is required"));
        let ws = args
            .workspace
            .clone()
            .ok_or_else(|| missing("--workspace"))?;
        let user = args.user.clone().ok_or_else(|| missing("--user"))?;
        (
            url,
            args.conn.credentials()?,
            ws,
            user,
            workspace_access::patient_retry_policy(),
        )
    };
    // The host or the API root: the Cloud API adds `/2.0` when missing.
    let mut builder = bitbucket::cloud::Client::builder()
        .base_url(&base_url)
        .credentials(credentials)
        .retry_policy(retry);
    // The fake has no budget unless asked: the demo runs without the client-side limiter.
    if args.max_requests_per_hour > 0 && !args.demo {
        builder = builder.rate_limit_per_hour(args.max_requests_per_hour);
    }
    let client = builder.build()?;
    let concurrency = usize::from(args.concurrency);

    let bar = common::progress("planning");
    let plan = offboard::plan(&client, &workspace, &user, concurrency, &bar).await?;
    bar.finish_and_clear();
    print!("{}", offboard::render_plan(&plan));

    if !args.apply {
        if let Some(path) = &args.report {
            std::fs::write(path, serde_json::to_vec_pretty(&plan)?)?;
        }
        println!(
            "Dry run: nothing was changed. Run again with --apply to remove these permissions."
        );
        return Ok(ExitCode::SUCCESS);
    }

    let bar = common::progress("removing");
    let report = offboard::apply(&client, &plan, &bar).await;
    bar.finish_and_clear();
    print!("{}", offboard::render_report(&report));
    if let Some(path) = &args.report {
        std::fs::write(path, serde_json::to_vec_pretty(&report)?)?;
    }
    if args.demo && report.complete() {
        let again = offboard::plan(&client, &workspace, &user, concurrency, &bar).await?;
        println!(
            "demo: planning again finds {} permission(s) left",
            again.removals.len()
        );
    }
    Ok(if report.complete() {
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "offboard-user: not every permission was removed; see the report above and run again"
        );
        ExitCode::from(1)
    })
}
