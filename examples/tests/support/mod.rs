//! Helpers shared by the end-to-end tests.
#![allow(dead_code)]

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
