//! Request spans carry method, path, status and attempt, and never headers or secrets.

use std::io::Write;
use std::sync::{Arc, Mutex};

use bitbucket_core::{Client, Credentials};
use httpmock::prelude::*;

#[derive(Clone, Default)]
struct Buf(Arc<Mutex<Vec<u8>>>);

impl Write for Buf {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn spans_name_the_request_but_not_the_secret() {
    let buf = Buf::default();
    let writer = buf.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

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
    let log = String::from_utf8(buf.0.lock().unwrap().clone()).unwrap();
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
