//! Request spans carry method, path, status and attempt, and never headers or secrets.

mod logs;

use bitbucket_core::{Client, Credentials};
use httpmock::prelude::*;

#[tokio::test]
async fn spans_name_the_request_but_not_the_secret() {
    let logs = logs::Captured::start(tracing_subscriber::fmt::format::FmtSpan::CLOSE);

    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.path("/rest/api/latest/users/jdoe");
            then.status(200)
                .header("x-arequestid", "rid-7")
                .json_body(serde_json::json!({"slug": "jdoe"}));
        })
        .await;
    let c = Client::builder(server.url("/rest"))
        .credentials(Credentials::basic("admin", "CANARY-trace-1"))
        .build()
        .unwrap();
    let _: serde_json::Value = c
        .raw()
        .get("api/latest/users/jdoe?avatarSize=48")
        .await
        .unwrap();
    let log = logs.text();
    assert!(log.contains("bitbucket.request"), "{log}");
    assert!(log.contains("/rest/api/latest/users/jdoe"), "{log}");
    assert!(log.contains("status=200"), "{log}");
    assert!(log.contains("rid-7"), "{log}");
    assert!(
        !log.contains("avatarSize"),
        "query strings stay out of spans: {log}"
    );
    assert!(!log.contains("CANARY"), "{log}");
    assert!(
        !log.contains("YWRtaW46Q0FOQVJZ"),
        "base64 of the secret leaked: {log}"
    );
}
