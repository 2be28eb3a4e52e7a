//! Credentials on the wire, origin checks and redaction.

use bitbucket_core::pagination::{PageOptions, cloud_items};
use bitbucket_core::{Client, Credentials, Error, PaginationFault, RetryPolicy};
use futures::TryStreamExt;
use httpmock::prelude::*;
use serde_json::json;

const CANARY: &str = "CANARY-s3cr3t-9f2";

async fn assert_header(creds: Credentials, name: &str, value: &str) {
    let server = MockServer::start_async().await;
    let m = server
        .mock_async(|when, then| {
            when.method(GET).path("/2.0/user").header(name, value);
            then.status(200).json_body(json!({"ok": true}));
        })
        .await;
    let c = Client::builder(server.url("/2.0"))
        .credentials(creds)
        .build()
        .unwrap();
    let v: serde_json::Value = c.raw().get("/user").await.unwrap();
    assert_eq!(v["ok"], true);
    m.assert_async().await;
}

#[expect(deprecated, reason = "app passwords still get their own 401 hint")]
#[tokio::test]
async fn each_credential_kind_sends_its_header() {
    assert_header(
        Credentials::app_password("jdoe", "pw"),
        "authorization",
        "Basic amRvZTpwdw==",
    )
    .await;
    assert_header(
        Credentials::api_token("me@example.com", "tok"),
        "authorization",
        "Basic bWVAZXhhbXBsZS5jb206dG9r",
    )
    .await;
    assert_header(
        Credentials::basic_access_token("admin", "dc-token"),
        "authorization",
        "Basic YWRtaW46ZGMtdG9rZW4=",
    )
    .await;
    assert_header(
        Credentials::bearer("oauth-or-access-token"),
        "authorization",
        "Bearer oauth-or-access-token",
    )
    .await;
    assert_header(Credentials::api_key("raw-key"), "authorization", "raw-key").await;
    assert_header(
        Credentials::api_key_in_header(reqwest::header::HeaderName::from_static("x-api-key"), "k2"),
        "x-api-key",
        "k2",
    )
    .await;
}

#[tokio::test]
async fn anonymous_sends_no_authorization() {
    let server = MockServer::start_async().await;
    let m = server
        .mock_async(|when, then| {
            when.method(GET).path("/x").header_missing("authorization");
            then.status(200).json_body(json!({}));
        })
        .await;
    let c = Client::builder(server.base_url()).build().unwrap();
    let _: serde_json::Value = c.raw().get("x").await.unwrap();
    m.assert_async().await;
}

#[tokio::test]
async fn foreign_origin_next_gets_no_credentials_and_ends_in_error() {
    let home = MockServer::start_async().await;
    let foreign = MockServer::start_async().await;
    let foreign_page = foreign
        .mock_async(|when, then| {
            when.any_request();
            then.status(200)
                .json_body(json!({"values": [{"id": 99}], "page": 2}));
        })
        .await;
    let first = home
        .mock_async(|when, then| {
            when.method(GET)
                .path("/2.0/items")
                .header("authorization", format!("Bearer {CANARY}"));
            then.status(200).json_body(json!({
                "values": [{"id": 1}],
                "page": 1,
                "next": foreign.url("/2.0/items?page=2"),
            }));
        })
        .await;
    let c = Client::builder(home.url("/2.0"))
        .credentials(Credentials::bearer(CANARY))
        .build()
        .unwrap();
    let req = c
        .request(reqwest::Method::GET, "items")
        .unwrap()
        .build()
        .unwrap();
    let mut s = cloud_items::<serde_json::Value>(c.clone(), req, PageOptions::new());
    let first_item = s.try_next().await.unwrap().unwrap();
    assert_eq!(first_item["id"], 1);
    let err = s.try_next().await.unwrap_err();
    assert!(matches!(
        err,
        Error::Pagination(PaginationFault::ForeignOrigin(_))
    ));
    first.assert_async().await;
    assert_eq!(
        foreign_page.calls_async().await,
        0,
        "no request may go to the foreign host"
    );
}

#[tokio::test]
async fn redirect_to_foreign_host_drops_credentials() {
    let home = MockServer::start_async().await;
    let cdn = MockServer::start_async().await;
    let file = cdn
        .mock_async(|when, then| {
            when.method(GET)
                .path("/blob/file.bin")
                .header_missing("authorization");
            then.status(200).body("{\"bytes\":3}");
        })
        .await;
    home.mock_async(|when, then| {
        when.method(GET).path("/2.0/downloads/file.bin");
        then.status(302)
            .header("location", cdn.url("/blob/file.bin"));
    })
    .await;
    let c = Client::builder(home.url("/2.0"))
        .credentials(Credentials::bearer(CANARY))
        .build()
        .unwrap();
    let v: serde_json::Value = c.raw().get("downloads/file.bin").await.unwrap();
    assert_eq!(v["bytes"], 3);
    file.assert_async().await;
}

#[expect(deprecated, reason = "app passwords still get their own 401 hint")]
#[tokio::test]
async fn canary_secret_never_in_debug_or_errors() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.any_request();
            then.status(401)
                .header("content-type", "application/json")
                .json_body(json!({"type":"error","error":{"message":"Invalid credentials"}}));
        })
        .await;
    for creds in [
        Credentials::basic("admin", CANARY),
        Credentials::app_password("admin", CANARY),
        Credentials::api_token("me@example.com", CANARY),
        Credentials::bearer(CANARY),
        Credentials::api_key(CANARY),
    ] {
        assert!(!format!("{creds:?}").contains(CANARY));
        let builder = Client::builder(server.base_url())
            .credentials(creds.clone())
            .retry_policy(RetryPolicy::disabled());
        assert!(!format!("{builder:?}").contains(CANARY));
        let c = builder.build().unwrap();
        assert!(!format!("{c:?}").contains(CANARY));
        let err = c.raw().get::<serde_json::Value>("x").await.unwrap_err();
        for text in [format!("{err:?}"), err.to_string(), format!("{err:#}")] {
            assert!(!text.contains(CANARY), "leaked in {text}");
        }
        match err {
            Error::Unauthorized {
                scheme,
                hint,
                message,
                ..
            } => {
                assert_eq!(scheme, creds.scheme());
                assert_eq!(message, "Invalid credentials");
                assert!(!hint.is_empty());
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn invalid_credentials_fail_at_build_without_echoing_secret() {
    let err = Client::builder("https://api.bitbucket.org/2.0")
        .credentials(Credentials::bearer(format!("{CANARY}\r\nX-Injected: 1")))
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }));
    assert!(!format!("{err:?}").contains(CANARY));
}

#[test]
fn base_url_with_credentials_is_refused() {
    let err = Client::builder(format!("https://u:{CANARY}@h.example/"))
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Config { .. }));
    assert!(!format!("{err:?}").contains(CANARY));
}
