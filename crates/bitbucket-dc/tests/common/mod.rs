//! Shared helpers for the httpmock tests.
#![allow(dead_code)]

use bitbucket_dc::{Client, RetryPolicy};
use httpmock::prelude::*;
use serde_json::{Value, json};

/// A mock server and a client pointed at it as a server URL (so requests go to `/rest/...`).
pub async fn setup() -> (MockServer, Client) {
    let server = MockServer::start_async().await;
    let dc = Client::builder(server.base_url())
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("client");
    (server, dc)
}

/// Matches the raw (still percent-encoded) path and the exact raw query string.
pub fn exact(
    path: &'static str,
    query: Option<&'static str>,
) -> impl Fn(&HttpMockRequest) -> bool + Send + Sync + 'static {
    move |req: &HttpMockRequest| {
        let uri = req.uri();
        uri.path() == path && uri.query() == query
    }
}

/// A Data Center page envelope.
pub fn page(values: Value, start: u64, next: Option<u64>) -> Value {
    let size = values.as_array().map_or(0, Vec::len);
    let mut p = json!({
        "values": values,
        "size": size,
        "limit": 25,
        "start": start,
        "isLastPage": next.is_none(),
    });
    if let Some(n) = next {
        p["nextPageStart"] = json!(n);
    }
    p
}

/// A Data Center error body.
pub fn dc_error(message: &str, exception: &str) -> Value {
    json!({"errors": [{"context": null, "message": message, "exceptionName": exception}]})
}

/// Asserts the method, URL (after the host) and JSON body of a request built without sending.
pub fn assert_built(
    req: &reqwest::Request,
    method: &str,
    path_and_query: &str,
    body: Option<Value>,
) {
    assert_eq!(req.method().as_str(), method);
    let url = req.url();
    let got = match url.query() {
        Some(q) => format!("{}?{}", url.path(), q),
        None => url.path().to_owned(),
    };
    assert_eq!(got, path_and_query);
    let got_body: Option<Value> = req
        .body()
        .and_then(|b| b.as_bytes())
        .map(|b| serde_json::from_slice(b).expect("json body"));
    assert_eq!(got_body, body);
}

/// A user object as the server sends it.
pub fn user_json(slug: &str) -> Value {
    json!({"name": slug, "slug": slug, "id": 1, "type": "NORMAL", "active": true,
           "displayName": slug, "emailAddress": format!("{slug}@example.com"),
           "links": {"self": [{"href": format!("https://h/users/{slug}")}]}})
}
