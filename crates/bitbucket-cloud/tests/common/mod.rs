//! Helpers shared by the Cloud httpmock tests.
#![allow(
    dead_code,
    reason = "each test binary includes this module but uses only some of its helpers"
)]

use bitbucket_cloud::{Client, Credentials, RetryPolicy};
use httpmock::Mock;
use httpmock::prelude::*;
use serde_json::Value;

/// A client for `server`'s `/2.0` API, with the bearer token `tok` and retries turned off.
pub fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.url("/2.0"))
        .credentials(Credentials::bearer("tok"))
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap()
}

/// Mocks `method path` (any query, any headers) to answer with `status` and the JSON `body`.
pub async fn answer_json<'a>(
    server: &'a MockServer,
    method: Method,
    path: &str,
    status: u16,
    body: Value,
) -> Mock<'a> {
    server
        .mock_async(|when, then| {
            when.method(method).path(path);
            then.status(status).json_body(body);
        })
        .await
}
