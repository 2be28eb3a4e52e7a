//! Bad responses map to the documented error cases.

use bitbucket_core::{Client, Error, RetryPolicy};
use httpmock::prelude::*;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[expect(dead_code, reason = "the fields are decoded, never read")]
struct Repo {
    slug: String,
    size: u64,
}

async fn get(status: u16, content_type: &str, body: &str) -> Error {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/repo");
            then.status(status)
                .header("content-type", content_type)
                .header("x-request-id", "req-42")
                .body(body);
        })
        .await;
    let c = Client::builder(server.base_url())
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    c.raw().get::<Repo>("repo").await.unwrap_err()
}

#[tokio::test]
async fn malformed_json() {
    let e = get(200, "application/json", r#"{"slug": "a", size: 1}"#).await;
    assert!(
        matches!(e, Error::Decode { status, .. } if status == 200),
        "{e:?}"
    );
}

#[tokio::test]
async fn truncated_json() {
    let e = get(200, "application/json", r#"{"slug": "a", "si"#).await;
    match e {
        Error::Decode {
            message, excerpt, ..
        } => {
            assert!(message.contains("EOF"), "{message}");
            assert!(excerpt.starts_with("{\"slug\""));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn wrong_type_reports_json_path() {
    let e = get(200, "application/json", r#"{"slug": "a", "size": "big"}"#).await;
    assert!(
        matches!(e, Error::Decode { ref path, .. } if path == "size"),
        "{e:?}"
    );
}

#[tokio::test]
async fn html_login_page_with_200() {
    let e = get(
        200,
        "text/html;charset=UTF-8",
        "<!DOCTYPE html><html><title>Log in - SSO</title></html>",
    )
    .await;
    assert!(
        matches!(e, Error::UnexpectedContent { login_page: true, status, .. } if status == 200)
    );
    assert!(e.to_string().contains("SSO"));
}

#[tokio::test]
async fn text_plain_429_body() {
    let e = get(
        429,
        "text/plain",
        "Rate limit for this resource has been exceeded",
    )
    .await;
    assert!(
        matches!(e, Error::RateLimited { ref message, .. } if message == "Rate limit for this resource has been exceeded")
    );
    assert_eq!(e.status().map(|s| s.as_u16()), Some(429));
    assert_eq!(e.request_id(), Some("req-42"));
}

#[tokio::test]
async fn cloud_error_body_404() {
    let e = get(
        404,
        "application/json",
        r#"{"type":"error","error":{"message":"Repository acme/web not found","detail":"check the slug"}}"#,
    )
    .await;
    assert!(
        matches!(e, Error::NotFound { ref message, .. } if message == "Repository acme/web not found")
    );
    assert_eq!(
        e.response().unwrap().detail.as_deref(),
        Some("check the slug")
    );
}

#[tokio::test]
async fn cloud_403_with_scopes() {
    let e = get(
        403,
        "application/json",
        r#"{"type":"error","error":{"message":"Your credentials lack one or more required privilege scopes.","detail":{"granted":["account"],"required":["repository:admin"]}}}"#,
    )
    .await;
    match &e {
        Error::Forbidden {
            required_scopes, ..
        } => assert_eq!(required_scopes, &["repository:admin"]),
        other => panic!("{other:?}"),
    }
    assert!(e.to_string().contains("repository:admin"));
}

#[tokio::test]
async fn dc_error_body_409_and_404() {
    let e = get(
        409,
        "application/json;charset=UTF-8",
        r#"{"errors":[{"context":"slug","message":"Repository slug already in use","exceptionName":"com.atlassian.bitbucket.repository.DuplicateRepositoryNameException"}]}"#,
    )
    .await;
    assert!(
        matches!(e, Error::Api { status, ref message, .. } if status == 409 && message == "Repository slug already in use")
    );
    assert_eq!(
        e.response().unwrap().entries[0].exception_name.as_deref(),
        Some("com.atlassian.bitbucket.repository.DuplicateRepositoryNameException")
    );
    let e = get(
        404,
        "application/json",
        r#"{"errors":[{"context":null,"message":"User jdoe does not exist.","exceptionName":"com.atlassian.bitbucket.user.NoSuchUserException"}]}"#,
    )
    .await;
    assert!(
        matches!(e, Error::NotFound { ref message, .. } if message == "User jdoe does not exist.")
    );
}

#[tokio::test]
async fn gone_410_and_html_401() {
    let e = get(
        410,
        "application/json",
        r#"{"type":"error","error":{"message":"This API is no longer supported."}}"#,
    )
    .await;
    assert!(matches!(e, Error::Gone { .. }));
    let e = get(401, "text/html", "<html>login</html>").await;
    assert!(matches!(e, Error::Unauthorized { ref scheme, .. } if scheme == "none"));
}
