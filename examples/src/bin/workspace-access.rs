//! `workspace-access`: every member of a Bitbucket Cloud workspace and every explicit repository
//! user permission, as CSV (`account_id,display_name,repository,permission`) or JSON.
//!
//! Stays under Cloud's 1,000 requests/hour with a client-side budget and waits out any 429.
//!
//! ```text
//! cargo run -p bitbucket-examples --bin workspace-access -- --demo
//! workspace-access --workspace acme --username me@example.com --token "$API_TOKEN"
//! workspace-access --workspace acme --oauth-client-id "$KEY" --oauth-client-secret "$SECRET"
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use bitbucket_examples::common::{self, CloudTarget, Connection, Format, JobError};
use bitbucket_examples::workspace_access;
use clap::Parser;

/// Lists a Cloud workspace's members and explicit repository user permissions.
#[derive(Parser, Debug)]
#[command(name = "workspace-access", version)]
struct Args {
    #[command(flatten)]
    conn: Connection,
    /// Workspace slug.
    #[arg(long, required_unless_present = "demo")]
    workspace: Option<String>,
    /// Permission look-ups in flight at once.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    concurrency: u16,
    /// Client-side request budget per hour (Bitbucket Cloud allows about 1,000); 0 turns it off
    /// (ignored with --demo).
    #[arg(long, default_value_t = 1_000)]
    max_requests_per_hour: u32,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
    /// Write to this file instead of stdout.
    #[arg(long)]
    output: Option<PathBuf>,
    /// Start a fake Bitbucket Cloud in-process (workspace `acme`, 50 members, 200 repositories,
    /// a burst of 429s) and scan it.
    #[arg(long)]
    demo: bool,
}

#[tokio::main]
async fn main() -> ExitCode {
    common::finish("workspace-access", run(Args::parse()).await)
}

async fn run(args: Args) -> Result<ExitCode, JobError> {
    let target = if args.demo {
        let server = bitbucket_fake::Server::cloud()
            .cloud_429_burst(5)
            .start()
            .await?;
        eprintln!(
            "demo: fake Bitbucket Cloud at {} (workspace acme, 50 members, 200 repositories, 5 x 429 first)",
            server.url()
        );
        CloudTarget::demo(server)
    } else {
        CloudTarget::from_args(&args.conn, args.workspace.as_deref())?
    };
    // The host or the API root: the Cloud API adds `/2.0` when missing.
    let client = target.client(args.max_requests_per_hour)?;
    let bar = common::progress("listing members");
    let concurrency = usize::from(args.concurrency);
    let report = workspace_access::scan(&client, &target.workspace, concurrency, &bar).await?;
    bar.finish_and_clear();
    let mut out = common::open_output(args.output.as_deref())?;
    workspace_access::write_rows(&report.rows, args.format, &mut out)?;
    drop(out);
    eprint!("{}", workspace_access::summary(&report));
    Ok(if report.failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
