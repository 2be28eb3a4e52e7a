//! The SCIM API key never shows in Debug, errors, built requests or TRACE logs. Alone in its
//! test binary: tracing caches per-callsite interest process-wide, so tests running beside a
//! thread-local subscriber can leave its callsites disabled.

use std::io::Write;
use std::sync::{Arc, Mutex};

use bitbucket_core::RetryPolicy;
use bitbucket_scim::Client;
use httpmock::prelude::*;
use serde_json::json;

const KEY: &str = "scim-key-CANARY-7f3e";

/// A writer every test log line goes to, for the canary check.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn the_api_key_never_shows_in_debug_errors_or_trace_logs() {
    let logs = Captured::default();
    let sink = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_ansi(false)
        .with_writer(move || sink.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/scim/directory/dir-1/Users");
            then.status(401).json_body(json!({
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
                "status": "401",
                "detail": "Unauthorized"
            }));
        })
        .await;
    let c = Client::builder("dir-1")
        .base_url(server.base_url())
        .api_key(KEY)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    let e = c.users().find_by_email("a@example.com").await.unwrap_err();
    let req = c.users().deactivate("u-1").build_request().unwrap();
    let shown = [
        format!("{c:?}"),
        format!("{e}"),
        format!("{e:?}"),
        format!("{req:?}"),
        format!("{:?}", Client::builder("d").api_key(KEY)),
    ];
    let logged = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(logged.contains("bitbucket.request"), "trace logs captured");
    for text in shown.iter().chain([&logged]) {
        assert!(!text.contains(KEY), "key leaked in: {text}");
        assert!(!text.contains("CANARY"), "key leaked in: {text}");
    }
}
