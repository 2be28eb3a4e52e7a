//! `offboard-user`: remove one person's explicit repository and project permissions across a
//! Bitbucket Cloud workspace and, with Atlassian SCIM, deactivate their account.
//!
//! Dry run by default: prints the plan and changes nothing. `--apply` removes the planned
//! permissions, stopping at the first failure, then (with `--deactivate`) deactivates the
//! account through SCIM, and reports each step's outcome (also as JSON with `--report`).
//! Running it again only plans what is left.
//!
//! The person is an Atlassian account id (`--user`), or an email (`--email`) resolved through
//! the organisation's SCIM directory (`--scim-directory`, key from `--scim-key` or
//! `BITBUCKET_SCIM_KEY`). Deactivation is organisation-wide: every Atlassian product, not only
//! Bitbucket.
//!
//! ```text
//! cargo run -p bitbucket-examples --bin offboard-user -- --demo --apply
//! offboard-user --workspace acme --user 557058:1234... --username me@example.com --token "$API_TOKEN" --apply
//! offboard-user --workspace acme --email jo@example.com --scim-directory "$DIR" --deactivate --apply
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use bitbucket_examples::common::{self, CloudTarget, Connection, JobError};
use bitbucket_examples::offboard;
use bitbucket_examples::offboard_account::{self, Account, Deactivation};
use clap::Parser;
use serde_json::json;

/// Plans (and with --apply performs) the removal of a person's explicit permissions.
#[derive(Parser)]
#[command(name = "offboard-user", version)]
struct Args {
    #[command(flatten)]
    conn: Connection,
    /// Workspace slug.
    #[arg(long, required_unless_present = "demo")]
    workspace: Option<String>,
    /// The person: Atlassian account id or `{uuid}`.
    #[arg(long, required_unless_present_any = ["demo", "email"], conflicts_with = "email")]
    user: Option<String>,
    /// The person's email, resolved to their Atlassian account through SCIM.
    #[arg(long)]
    email: Option<String>,
    /// The SCIM directory id (the id after `/scim/directory/` in the directory's base URL).
    #[arg(long, env = "BITBUCKET_SCIM_DIRECTORY")]
    scim_directory: Option<String>,
    /// The SCIM directory's API key (sent as Bearer; never printed).
    #[arg(long, env = "BITBUCKET_SCIM_KEY", hide_env_values = true)]
    scim_key: Option<String>,
    /// Where SCIM directories are served (default `https://api.atlassian.com`).
    #[arg(long, env = "BITBUCKET_SCIM_URL")]
    scim_url: Option<String>,
    /// Also deactivate the account through SCIM (organisation-wide); needs --email.
    #[arg(long, requires = "email")]
    deactivate: bool,
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
    /// Start a fake Bitbucket Cloud in-process (workspace `acme`, with a SCIM directory) and
    /// offboard its first member holding explicit permissions; with --apply, plans again
    /// afterwards to show nothing is left.
    #[arg(long)]
    demo: bool,
}

impl std::fmt::Debug for Args {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Args")
            .field("conn", &self.conn)
            .field("workspace", &self.workspace)
            .field("user", &self.user)
            .field("email", &self.email)
            .field("scim_directory", &self.scim_directory)
            .field("scim_key", &self.scim_key.as_ref().map(|_| "<redacted>"))
            .finish_non_exhaustive()
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    common::finish("offboard-user", run(Args::parse()).await)
}

/// The SCIM side, when the person was given by email.
struct Scim {
    client: bitbucket::scim::Client,
    directory: String,
    account: Account,
}

async fn scim_for(
    args: &Args,
    email: &str,
    retry: bitbucket::RetryPolicy,
) -> Result<Scim, JobError> {
    let directory = args
        .scim_directory
        .clone()
        .ok_or_else(|| JobError::Usage("--email needs --scim-directory".to_owned()))?;
    let key = args.scim_key.clone().ok_or_else(|| {
        JobError::Usage("--email needs the SCIM key: --scim-key or BITBUCKET_SCIM_KEY".into())
    })?;
    let client = bitbucket::scim::Client::builder(&directory)
        .base_url(
            args.scim_url
                .as_deref()
                .unwrap_or(bitbucket::scim::DEFAULT_BASE_URL),
        )
        .api_key(key)
        .retry_policy(retry)
        .build()?;
    let account = offboard_account::resolve(&client, email).await?;
    Ok(Scim {
        client,
        directory,
        account,
    })
}

async fn run(mut args: Args) -> Result<ExitCode, JobError> {
    let target = if args.demo {
        let server = bitbucket_fake::Server::cloud().start().await?;
        if args.user.is_none() && args.email.is_none() {
            let first = server
                .cloud_permissions("acme")
                .and_then(|p| p.first().map(|p| p.account_id.clone()))
                .unwrap_or_default();
            args.user = Some(first);
        }
        if args.email.is_some() {
            args.scim_directory = Some(server.scim_directory().to_owned());
            args.scim_key = Some(server.scim_key().to_owned());
            args.scim_url = Some(server.url().to_owned());
        }
        eprintln!(
            "demo: fake Bitbucket Cloud at {} (workspace acme)",
            server.url()
        );
        CloudTarget::demo(server)
    } else {
        CloudTarget::from_args(&args.conn, args.workspace.as_deref())?
    };

    let scim = match args.email.as_deref() {
        Some(email) => Some(scim_for(&args, email, target.retry.clone()).await?),
        None => None,
    };
    let user = match (&scim, &args.user) {
        (Some(s), _) => s.account.account_id.clone(),
        (None, Some(u)) => u.clone(),
        (None, None) => return Err(JobError::Usage("--user or --email is required".into())),
    };

    let client = target.client(args.max_requests_per_hour)?;
    let concurrency = usize::from(args.concurrency);

    let bar = common::progress("planning");
    let workspace = &target.workspace;
    let plan = offboard::plan(&client, workspace, &user, concurrency, &bar).await?;
    bar.finish_and_clear();
    if let Some(s) = &scim {
        print!(
            "{}",
            offboard_account::render_resolved(&s.account, &s.directory)
        );
    }
    print!("{}", offboard::render_plan(&plan));
    if let Some(s) = &scim {
        print!(
            "{}",
            offboard_account::render_plan(&s.account, args.deactivate)
        );
    }

    if !args.apply {
        if let Some(path) = &args.report {
            let doc = match &scim {
                Some(s) => {
                    json!({"account": s.account, "deactivate": args.deactivate, "plan": plan})
                }
                None => serde_json::to_value(&plan)?,
            };
            std::fs::write(path, serde_json::to_vec_pretty(&doc)?)?;
        }
        println!("Dry run: nothing was changed. Run again with --apply to make these changes.");
        return Ok(ExitCode::SUCCESS);
    }

    let bar = common::progress("removing");
    let report = offboard::apply(&client, &plan, &bar).await;
    bar.finish_and_clear();
    print!("{}", offboard::render_report(&report));
    let deactivation = match (&scim, args.deactivate) {
        (Some(s), true) if report.complete() => {
            Some(offboard_account::deactivate(&s.client, &s.account).await)
        }
        (Some(_), true) => Some(Deactivation::NotAttempted),
        _ => None,
    };
    if let (Some(s), Some(d)) = (&scim, &deactivation) {
        print!("{}", offboard_account::render_outcome(&s.account, d));
    }
    if let Some(path) = &args.report {
        let doc = match &scim {
            Some(s) => {
                json!({"account": s.account, "permissions": report, "deactivation": deactivation})
            }
            None => serde_json::to_value(&report)?,
        };
        std::fs::write(path, serde_json::to_vec_pretty(&doc)?)?;
    }
    if args.demo && report.complete() {
        let again = offboard::plan(&client, workspace, &user, concurrency, &bar).await?;
        println!(
            "demo: planning again finds {} permission(s) left",
            again.removals.len()
        );
    }
    let complete = report.complete() && deactivation.as_ref().is_none_or(Deactivation::done);
    Ok(if complete {
        ExitCode::SUCCESS
    } else {
        eprintln!("offboard-user: not every step succeeded; see the report above and run again");
        ExitCode::from(1)
    })
}
