//! `webhook-receiver`: an HTTP endpoint for Bitbucket webhooks that verifies each delivery's
//! signature and prints one line per verified event.
//!
//! Point Bitbucket Cloud webhooks at `http://HOST:PORT/cloud` and Data Center webhooks at
//! `http://HOST:PORT/dc`, with the same secret as `--secret` (or `BITBUCKET_WEBHOOK_SECRET`).
//! Deliveries with a missing or wrong signature get 401 and are not printed. `--demo` starts
//! the fake Bitbucket in-process, registers this receiver with it, makes a few writes that
//! trigger webhooks, prints what arrived and exits.
//!
//! ```text
//! cargo run -p bitbucket-examples --bin webhook-receiver -- --demo
//! BITBUCKET_WEBHOOK_SECRET=... webhook-receiver --listen 0.0.0.0:8080
//! ```

use std::net::SocketAddr;
use std::process::ExitCode;

use axum::Router;
use axum::routing::post;
use bitbucket::webhooks::axum::Webhook;
use bitbucket::webhooks::{Verifier, WebhookEvent, cloud, dc};
use clap::Parser;

/// Receives Bitbucket webhooks and prints one line per event whose signature verifies.
#[derive(Parser)]
#[command(name = "webhook-receiver", version)]
struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// The webhook secret set in Bitbucket (never printed).
    #[arg(
        long,
        env = "BITBUCKET_WEBHOOK_SECRET",
        hide_env_values = true,
        required_unless_present = "demo"
    )]
    secret: Option<String>,
    /// Largest body accepted, in bytes.
    #[arg(long, default_value_t = bitbucket::webhooks::DEFAULT_MAX_BODY_BYTES)]
    max_body_bytes: usize,
    /// Run against an in-process fake Bitbucket, print what it delivers, and exit.
    #[arg(long)]
    demo: bool,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let secret = args
        .secret
        .unwrap_or_else(|| "demo-webhook-secret".to_owned());
    let verifier = Verifier::new(secret.as_str()).max_body_bytes(args.max_body_bytes);
    let listen = if args.demo {
        SocketAddr::from(([127, 0, 0, 1], 0))
    } else {
        args.listen
    };
    let listener = match tokio::net::TcpListener::bind(listen).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("webhook-receiver: cannot listen on {listen}: {e}");
            return ExitCode::from(2);
        }
    };
    let addr = listener.local_addr().unwrap_or(listen);
    let app = Router::new()
        .route("/cloud", post(cloud_hook))
        .route("/dc", post(dc_hook))
        .with_state(verifier);
    eprintln!("listening on http://{addr} (Cloud: /cloud, Data Center: /dc)");
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    if args.demo {
        return demo(addr, &secret).await;
    }
    match server.await {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            eprintln!("webhook-receiver: {e}");
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("webhook-receiver: {e}");
            ExitCode::from(2)
        }
    }
}

async fn cloud_hook(hook: Webhook<cloud::Event>) -> &'static str {
    println!(
        "cloud {} id={} {}",
        hook.event.key(),
        hook.request_id.as_deref().unwrap_or("-"),
        cloud_summary(&hook.event)
    );
    "ok"
}

async fn dc_hook(hook: Webhook<dc::Event>) -> &'static str {
    println!(
        "dc {} id={} {}",
        hook.event.key(),
        hook.request_id.as_deref().unwrap_or("-"),
        dc_summary(&hook.event)
    );
    "ok"
}

/// A few words on what a Cloud event is about.
fn cloud_summary(event: &cloud::Event) -> String {
    use cloud::Event as E;
    let repo = |r: &Option<bitbucket::cloud::types::Repository>| {
        r.as_ref()
            .and_then(|r| r.full_name.clone())
            .unwrap_or_default()
    };
    match event {
        E::RepoPush(e) => {
            let changes = e.push.as_ref().map_or(0, |p| p.changes.len());
            format!("repo={} ref_changes={changes}", repo(&e.repository))
        }
        E::PullRequestCreated(e)
        | E::PullRequestUpdated(e)
        | E::PullRequestApproved(e)
        | E::PullRequestFulfilled(e)
        | E::PullRequestRejected(e) => {
            let pr = e.pullrequest.as_ref();
            format!(
                "repo={} pr=#{} {:?}",
                repo(&e.repository),
                pr.and_then(|p| p.id).unwrap_or_default(),
                pr.and_then(|p| p.title.clone()).unwrap_or_default()
            )
        }
        E::Unknown { body, .. } => unknown_summary(body),
        _ => String::new(),
    }
}

/// A few words on what a Data Center event is about.
fn dc_summary(event: &dc::Event) -> String {
    use dc::Event as E;
    match event {
        E::RepoRefsChanged(e) => format!(
            "repo={} ref_changes={}",
            e.repository.as_ref().map(|r| r.slug.as_str()).unwrap_or(""),
            e.changes.len()
        ),
        E::PullRequestOpened(e)
        | E::PullRequestMerged(e)
        | E::PullRequestDeclined(e)
        | E::PullRequestApproved(e) => {
            let pr = e.pull_request.as_ref();
            format!(
                "pr=#{} {:?}",
                pr.map(|p| p.id).unwrap_or_default(),
                pr.map(|p| p.title.as_str()).unwrap_or("")
            )
        }
        E::Unknown { body, .. } => unknown_summary(body),
        _ => String::new(),
    }
}

/// A Data Center token creation and a Cloud permission change, made with the SDK.
async fn demo_writes(fake: &bitbucket_fake::Server) -> Result<(), bitbucket::Error> {
    let (user, password) = fake.admin_credentials();
    let dc = bitbucket::dc::Client::builder(fake.url())
        .credentials(bitbucket::Credentials::basic(user, password))
        .build()?;
    dc.user("user0001")
        .access_tokens()
        .create("demo-ci", [bitbucket::dc::Permission::RepoRead])
        .send()
        .await?;
    let cloud = bitbucket::cloud::Client::builder()
        .base_url(fake.url())
        .credentials(bitbucket::Credentials::bearer(fake.admin_token()))
        .build()?;
    let member = fake
        .cloud_members("acme")
        .and_then(|m| m.first().map(|m| m.account_id.clone()))
        .unwrap_or_default();
    let body = serde_json::json!({"permission": "read"});
    let path = format!("repositories/acme/repo-0001/permissions-config/users/{member}");
    cloud
        .raw()
        .put::<_, serde_json::Value>(&path, &body)
        .await?;
    Ok(())
}

/// The name or permission an event the SDK does not model is about, when it has one.
fn unknown_summary(body: &serde_json::Value) -> String {
    ["name", "permission"]
        .iter()
        .find_map(|field| body[field].as_str().map(|v| format!("{field}={v:?}")))
        .unwrap_or_default()
}

/// Registers the receiver with a fake Bitbucket, triggers deliveries and waits for them.
async fn demo(addr: SocketAddr, secret: &str) -> ExitCode {
    let fake = match bitbucket_fake::Server::builder()
        .dc_users(3)
        .cloud_workspace("acme", 3, 2)
        .start()
        .await
    {
        Ok(f) => f,
        Err(e) => {
            eprintln!("webhook-receiver: cannot start the fake: {e}");
            return ExitCode::from(2);
        }
    };
    let hooks = fake.webhooks();
    hooks.register(format!("http://{addr}/dc"), Some(secret));
    // A second, unsigned registration: its deliveries are refused with 401.
    hooks.register(format!("http://{addr}/dc"), None);
    hooks.register(format!("http://{addr}/cloud"), Some(secret));

    if let Err(e) = demo_writes(&fake).await {
        eprintln!("webhook-receiver: demo write failed: {e}");
        return ExitCode::from(2);
    }
    // The fake sends each event to every registered URL: two writes, three URLs.
    let deliveries = hooks.wait_for(6).await;
    let refused = deliveries.iter().filter(|d| d.status == Some(401)).count();
    eprintln!(
        "{} deliveries, {refused} refused (unsigned)",
        deliveries.len()
    );
    ExitCode::SUCCESS
}
