//! Helpers shared by the end-to-end tests.
#![allow(
    dead_code,
    reason = "each test binary includes this module but uses only some of its helpers"
)]

use std::process::{Command, Output};
use std::time::Duration;

use bitbucket::RetryPolicy;
use bitbucket_fake::Server;

/// Fast retries: 12 attempts, 2 ms doubling up to 40 ms, no jitter (tests never wait long).
pub fn fast_retry() -> RetryPolicy {
    RetryPolicy::default()
        .max_attempts(12)
        .base_delay(Duration::from_millis(2))
        .max_delay(Duration::from_millis(40))
        .jitter(false)
}

/// A DC client for the fake, logged in as its admin.
pub fn dc_client(server: &Server, retry: RetryPolicy) -> bitbucket::dc::Client {
    let (user, password) = server.admin_credentials();
    bitbucket::dc::Client::builder(server.url())
        .credentials(bitbucket::Credentials::basic(user, password))
        .retry_policy(retry)
        .build()
        .expect("client")
}

/// A Cloud client for the fake (`{url}/2.0`), with the admin bearer token.
pub fn cloud_builder(server: &Server, retry: RetryPolicy) -> bitbucket::cloud::ClientBuilder {
    bitbucket::cloud::Client::builder()
        .base_url(server.url())
        .credentials(bitbucket::Credentials::bearer(
            server.admin_token().to_owned(),
        ))
        .retry_policy(retry)
}

/// Renders with the example's own writer.
pub fn to_string(f: impl FnOnce(&mut Vec<u8>)) -> String {
    let mut out = Vec::new();
    f(&mut out);
    String::from_utf8(out).expect("utf-8")
}

/// The credential variables every binary reads from the environment.
pub const CREDENTIAL_VARS: [&str; 4] = [
    "BITBUCKET_URL",
    "BITBUCKET_USERNAME",
    "BITBUCKET_PASSWORD",
    "BITBUCKET_TOKEN",
];

/// A command for the binary at `path` with the credential variables and the `extra` ones
/// removed from its environment, so the shell running the tests cannot leak into it.
pub fn clean_command(path: &str, extra: &[&str]) -> Command {
    let mut cmd = Command::new(path);
    for var in CREDENTIAL_VARS.iter().chain(extra) {
        cmd.env_remove(var);
    }
    cmd
}

/// Runs the command off the async runtime (the fake server lives on it).
pub async fn output(mut cmd: Command) -> Output {
    tokio::task::spawn_blocking(move || cmd.output().expect("run binary"))
        .await
        .unwrap()
}

/// A process's output as text (invalid UTF-8 replaced).
pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A started fake with `users` seeded Data Center users, generated from `seed`.
pub async fn dc_fake(seed: u64, users: usize) -> Server {
    Server::builder()
        .seed(seed)
        .dc_users(users)
        .start()
        .await
        .unwrap()
}
