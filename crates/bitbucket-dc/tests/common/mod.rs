//! Shared helpers for the httpmock tests.
#![allow(dead_code)]

use bitbucket_dc::futures::{Stream, TryStreamExt};
use bitbucket_dc::{Client, RetryPolicy};
use httpmock::prelude::*;
use serde_json::{Value, json};

/// A client for a running `bitbucket-fake`, authenticated as its admin with the password
/// (Data Center refuses HTTP access tokens on the admin endpoints these tests call).
pub fn fake_client(server: &bitbucket_fake::Server) -> Client {
    let (user, password) = server.admin_credentials();
    Client::builder(server.url())
        .credentials(bitbucket_dc::Credentials::basic(user, password))
        .build()
        .expect("client")
}

/// Every HTTP access token of the user `slug`, from all pages; panics on an error.
pub async fn user_tokens(dc: &Client, slug: &str) -> Vec<bitbucket_dc::access_tokens::AccessToken> {
    dc.user(slug)
        .access_tokens()
        .list()
        .stream()
        .try_collect()
        .await
        .expect("tokens")
}

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

/// Mocks `method path` (any query) to answer `status` with a Data Center error body made of
/// `message` and `exception`.
pub async fn answer_error(
    server: &MockServer,
    method: httpmock::Method,
    path: &str,
    status: u16,
    message: &str,
    exception: &str,
) {
    server
        .mock_async(|when, then| {
            when.method(method).path(path);
            then.status(status).json_body(dc_error(message, exception));
        })
        .await;
}

/// Mocks a GET of exactly `path` and `query` (raw, still percent-encoded) that answers 200
/// with the raw `body` as `content_type`.
pub async fn answer_bytes<'a>(
    server: &'a MockServer,
    path: &'static str,
    query: Option<&'static str>,
    content_type: &str,
    body: impl AsRef<[u8]>,
) -> httpmock::Mock<'a> {
    server
        .mock_async(|when, then| {
            when.method(GET).is_true(exact(path, query));
            then.status(200)
                .header("content-type", content_type)
                .body(body);
        })
        .await
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

/// One expected exchange: the request must match exactly (method, raw path, raw query, JSON
/// body when given); the mock answers with `status` and `response`.
pub struct Expect {
    pub method: httpmock::Method,
    pub path: String,
    pub query: Option<&'static str>,
    pub body: Option<Value>,
    pub status: u16,
    pub response: Option<Value>,
}

impl Expect {
    pub fn new(method: httpmock::Method, path: impl Into<String>) -> Self {
        Expect {
            method,
            path: path.into(),
            query: None,
            body: None,
            status: 200,
            response: None,
        }
    }
    /// An exchange the server answers with 204 No Content.
    pub fn no_content(method: httpmock::Method, path: impl Into<String>) -> Self {
        Expect::new(method, path).status(204)
    }
    pub fn query(mut self, q: &'static str) -> Self {
        self.query = Some(q);
        self
    }
    pub fn body(mut self, b: Value) -> Self {
        self.body = Some(b);
        self
    }
    pub fn status(mut self, s: u16) -> Self {
        self.status = s;
        self
    }
    pub fn respond(mut self, r: Value) -> Self {
        self.response = Some(r);
        self
    }
}

/// Registers `expect`, runs `call`, asserts the mock was hit exactly once, and returns the
/// call's result.
pub async fn hit<T, F>(server: &MockServer, expect: Expect, call: F) -> bitbucket_dc::Result<T>
where
    F: std::future::Future<Output = bitbucket_dc::Result<T>>,
{
    let Expect {
        method,
        path,
        query,
        body,
        status,
        response,
    } = expect;
    let wanted = path.clone();
    let mock = server
        .mock_async(move |when, then| {
            let when = when.method(method).is_true(move |req: &HttpMockRequest| {
                let uri = req.uri();
                uri.path() == wanted && uri.query() == query
            });
            match body {
                Some(b) => {
                    when.json_body(b);
                }
                None => {
                    when.is_true(|r: &HttpMockRequest| r.body_ref().is_empty());
                }
            }
            let then = then.status(status);
            if let Some(r) = response {
                then.header("content-type", "application/json").json_body(r);
            }
        })
        .await;
    let out = call.await;
    assert_eq!(
        mock.calls_async().await,
        1,
        "{path}?{query:?} was not called exactly once"
    );
    mock.delete_async().await;
    out
}

/// Like [`hit`] for an exchange that must succeed: unwraps the call's result.
pub async fn hit_ok<T, F>(server: &MockServer, expect: Expect, call: F) -> T
where
    F: std::future::Future<Output = bitbucket_dc::Result<T>>,
{
    hit(server, expect, call).await.unwrap()
}

/// Like [`hit_ok`] for a listing: collects every item `stream` yields (from the one expected
/// exchange) and unwraps the result.
pub async fn hit_stream<T, S>(server: &MockServer, expect: Expect, stream: S) -> Vec<T>
where
    S: Stream<Item = bitbucket_dc::Result<T>>,
{
    hit_ok(server, expect, stream.try_collect()).await
}
