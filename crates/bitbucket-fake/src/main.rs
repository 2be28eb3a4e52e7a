//! `bitbucket-fake`: runs the fake Bitbucket server on a port for manual demos.

use std::time::Duration;

use clap::Parser;

/// Runs a fake Bitbucket Cloud + Data Center server on 127.0.0.1 until Ctrl-C.
#[derive(Parser, Debug)]
#[command(name = "bitbucket-fake", version, about)]
struct Args {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 7990)]
    port: u16,
    /// Seed for the generated data.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Number of Data Center users (user0001, user0002, ...).
    #[arg(long, default_value_t = 2_000)]
    dc_users: usize,
    /// Most tokens per DC user (each user gets 0..=N, seeded).
    #[arg(long, default_value_t = 3)]
    max_tokens: usize,
    /// Cloud workspace slug.
    #[arg(long, default_value = "acme")]
    workspace: String,
    /// Members in the Cloud workspace.
    #[arg(long, default_value_t = 50)]
    members: usize,
    /// Repositories in the Cloud workspace.
    #[arg(long, default_value_t = 200)]
    repos: usize,
    /// Latency added to every request, in milliseconds.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Cloud request budget per window (429 beyond it); off when absent.
    #[arg(long)]
    rate_limit: Option<u64>,
    /// Cloud rate-limit window in seconds.
    #[arg(long, default_value_t = 3600)]
    rate_window_secs: u64,
    /// Fraction of requests answered with a seeded 500/503 (0.0 to 1.0).
    #[arg(long, default_value_t = 0.0)]
    fault_rate: f64,
    /// Seed dates relative to today instead of the fixed default clock.
    #[arg(long)]
    system_clock: bool,
    /// How token answers say when a token expires: days, date or both.
    #[arg(long, default_value = "days", value_parser = ["days", "date", "both"])]
    token_expiry: String,
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let mut builder = bitbucket_fake::Server::builder()
        .port(args.port)
        .seed(args.seed)
        .dc_users(args.dc_users)
        .tokens_per_user(0..=args.max_tokens)
        .cloud_workspace(args.workspace.clone(), args.members, args.repos)
        .latency_ms(args.latency_ms)
        .fault_rate(args.fault_rate, args.seed);
    if args.system_clock {
        builder = builder.system_clock();
    }
    builder = builder.token_expiry(match args.token_expiry.as_str() {
        "date" => bitbucket_fake::TokenExpiry::Date,
        "both" => bitbucket_fake::TokenExpiry::Both,
        _ => bitbucket_fake::TokenExpiry::Days,
    });
    if let Some(budget) = args.rate_limit {
        builder = builder.cloud_rate_limit(budget, Duration::from_secs(args.rate_window_secs));
    }
    let server = builder.start().await?;
    let (user, password) = server.admin_credentials();
    eprintln!("fake Bitbucket listening on {}", server.url());
    eprintln!(
        "  Data Center: {}/rest/api/latest/admin/users",
        server.url()
    );
    eprintln!(
        "  Cloud:       {}/2.0/repositories/{}",
        server.url(),
        args.workspace
    );
    // These are the fake's public, documented demo defaults, not real secrets.
    eprintln!(
        "  Basic {user}:{password}   or   Bearer {}",
        server.admin_token()
    );
    tokio::signal::ctrl_c().await?;
    let stats = server.stats();
    eprintln!(
        "served {} requests ({} rate-limited, {} faults, {} unauthorized)",
        stats.requests, stats.rate_limited, stats.faults, stats.unauthorized
    );
    server.shutdown().await;
    Ok(())
}
