//! The base-URL rule: the API host and the API root (`/2.0`) give the same client; raw paths with
//! or without `/2.0` hit the same URL; a bad URL fails at build; the 401 hint speaks of Cloud
//! tokens only.

use bitbucket_cloud::prelude::*;
use bitbucket_cloud::{Client, Credentials, Error, RetryPolicy};
use httpmock::prelude::*;
use serde_json::{Value, json};

fn client(base: &str) -> Client {
    Client::builder()
        .base_url(base)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("client")
}

fn account() -> Value {
    json!({"type": "user", "display_name": "Jo", "uuid": "{1}"})
}

/// Serves the current user (`account()`) at `path`.
async fn serve_user<'a>(server: &'a MockServer, path: &str) -> httpmock::Mock<'a> {
    server
        .mock_async(|when, then| {
            when.method(GET).path(path);
            then.status(200).json_body(account());
        })
        .await
}

#[tokio::test]
async fn host_and_api_root_hit_the_same_url() {
    let server = MockServer::start_async().await;
    let user = serve_user(&server, "/2.0/user").await;
    let bases = [
        server.base_url(),
        server.url("/"),
        server.url("/2.0"),
        server.url("/2.0/"),
    ];
    for base in &bases {
        let cloud = client(base);
        assert_eq!(
            cloud.core().base_url().as_str(),
            server.url("/2.0/"),
            "{base}"
        );
        let me = cloud.get_current_user().send().await.expect(base);
        assert_eq!(me.display_name.as_deref(), Some("Jo"));
    }
    user.assert_calls_async(bases.len()).await;
}

#[test]
fn the_default_base_url_is_the_public_api_root() {
    let cloud = Client::builder().build().unwrap();
    assert_eq!(
        cloud.core().base_url().as_str(),
        "https://api.bitbucket.org/2.0/"
    );
    let host = client("https://api.bitbucket.org");
    assert_eq!(
        host.core().base_url().as_str(),
        "https://api.bitbucket.org/2.0/"
    );
}

#[tokio::test]
async fn raw_paths_with_and_without_2_0_hit_the_same_url() {
    let server = MockServer::start_async().await;
    let user = serve_user(&server, "/2.0/user").await;
    let paths = ["user", "/user", "2.0/user", "/2.0/user"];
    for base in [server.base_url(), server.url("/2.0")] {
        let cloud = client(&base);
        for path in paths {
            let v: Value = cloud.core().raw().get(path).await.expect(path);
            assert_eq!(v["display_name"], "Jo");
            // The client's own `raw()` is the same escape hatch.
            let v: Value = cloud.raw().get(path).await.expect(path);
            assert_eq!(v["display_name"], "Jo");
        }
        assert_eq!(cloud.stats().requests, 8);
    }
    user.assert_calls_async(16).await;
}

#[tokio::test]
async fn api_root_is_used_as_given() {
    let server = MockServer::start_async().await;
    let user = serve_user(&server, "/user").await;
    let cloud = Client::builder()
        .api_root(server.base_url())
        .build()
        .unwrap();
    cloud.get_current_user().send().await.unwrap();
    let _: Value = cloud.core().raw().get("/2.0/user").await.unwrap();
    user.assert_calls_async(2).await;
}

#[test]
fn a_base_url_that_is_not_http_fails_at_build() {
    for base in [
        "api.bitbucket.org",
        "git@bitbucket.org:acme/repo.git",
        "ftp://h",
    ] {
        let err = Client::builder().base_url(base).build().unwrap_err();
        assert!(matches!(err, Error::Config { .. }), "{err:?}");
        let text = err.to_string();
        assert!(
            text.contains(
                "pass the API host, `https://api.bitbucket.org` (with or without `/2.0`)"
            ),
            "{text}"
        );
    }
}

#[expect(deprecated, reason = "app passwords still get their own 401 hint")]
#[tokio::test]
async fn unauthorized_hint_names_cloud_tokens_only() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.any_request();
            then.status(401).json_body(json!({
                "type": "error",
                "error": {"message": "Invalid credentials."}
            }));
        })
        .await;
    let cloud = Client::builder()
        .base_url(server.base_url())
        .credentials(Credentials::basic("jdoe", "password"))
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    let err = cloud.get_current_user().send().await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "401 Unauthorized (sent Basic): Invalid credentials. Hint: Basic auth was sent: \
         Bitbucket Cloud takes no account password here; send an Atlassian API token with the \
         account email (Credentials::api_token). Repository, project and workspace access \
         tokens and OAuth tokens go with Credentials::bearer."
    );
    for creds in [
        Credentials::anonymous(),
        Credentials::bearer("tok"),
        Credentials::basic_access_token("jdoe", "tok"),
        Credentials::app_password("jdoe", "pw"),
    ] {
        let cloud = Client::builder()
            .base_url(server.base_url())
            .credentials(creds.clone())
            .retry_policy(RetryPolicy::disabled())
            .build()
            .unwrap();
        match cloud.get_current_user().send().await.unwrap_err() {
            Error::Unauthorized { hint, .. } => {
                assert!(!hint.contains("Data Center"), "{creds:?}: {hint}");
                assert!(!hint.contains("HTTP access token"), "{creds:?}: {hint}");
            }
            other => panic!("{other:?}"),
        }
    }
}
