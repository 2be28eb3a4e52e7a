//! Data Center conformance: drives `bitbucket-dc` against the Prism mock server serving the
//! project's DC spec (`openapi/bitbucket-dc.json`) with request validation. Every implemented
//! operation is called once with valid input; it must pass Prism's validation and decode.
//!
//! To cover a new endpoint, append one line to `run_all`:
//! `call!(cov, dc.<handler>()...<builder>);` — the key comes from the builder's own
//! `endpoint()`, so it always names the ledger entry that was exercised.

use std::time::Instant;

use bitbucket_conformance::{Coverage, Outcome, Prism, PrismOptions, dc_spec_path, load_spec};
use bitbucket_dc::{Client, Credentials, Error, Permission, RetryPolicy};

/// Sends one request builder and records the outcome under its ledger endpoint.
macro_rules! call {
    ($cov:expr, $builder:expr) => {{
        let builder = $builder;
        let ep = builder.endpoint();
        let key = format!("{} {}", ep.method, ep.path);
        let result = builder.send().await;
        $cov.check(key, &result);
    }};
}

/// Operations expected to fail for a known reason outside this test (`METHOD path`, reason).
/// The test fails when one of them starts passing, so the list stays honest.
const KNOWN_FAILURES: &[(&str, &str)] = &[
    ("GET /access-tokens/latest/users/{userSlug}", NEGATIVE_START),
    (
        "GET /access-tokens/latest/projects/{projectKey}",
        NEGATIVE_START,
    ),
    (
        "GET /access-tokens/latest/projects/{projectKey}/repos/{repositorySlug}",
        NEGATIVE_START,
    ),
];

const NEGATIVE_START: &str = "core DcPage.start is u64; Prism's static page has start -2147483648 (spec int32): core must accept a negative start";

/// One call per implemented operation. Append here as endpoints are implemented.
async fn run_all(dc: &Client, cov: &Coverage) {
    // 1. Access tokens
    call!(cov, dc.access_tokens().user("jdoe").list());
    call!(cov, dc.access_tokens().project("PRJ").list());
    call!(cov, dc.access_tokens().repo("PRJ", "web").list());
    call!(cov, dc.access_tokens().user("jdoe").get("123456789012"));
    call!(cov, dc.access_tokens().project("PRJ").get("123456789012"));
    call!(
        cov,
        dc.access_tokens().repo("PRJ", "web").get("123456789012")
    );
    call!(
        cov,
        dc.access_tokens()
            .user("jdoe")
            .create("ci", [Permission::RepoRead])
            .expiry_days(30)
    );
    call!(
        cov,
        dc.access_tokens()
            .project("PRJ")
            .create("ci", [Permission::ProjectRead])
    );
    call!(
        cov,
        dc.access_tokens()
            .repo("PRJ", "web")
            .create("ci", [Permission::RepoWrite])
    );
    // The spec requires `permissions` on every update.
    call!(
        cov,
        dc.access_tokens()
            .user("jdoe")
            .update("123456789012")
            .name("renamed")
            .permissions([Permission::RepoRead])
    );
    call!(
        cov,
        dc.access_tokens()
            .project("PRJ")
            .update("123456789012")
            .permissions([Permission::ProjectAdmin])
    );
    call!(
        cov,
        dc.access_tokens()
            .repo("PRJ", "web")
            .update("123456789012")
            .name("renamed")
            .permissions([Permission::RepoWrite])
    );
    call!(cov, dc.access_tokens().user("jdoe").delete("123456789012"));
    call!(
        cov,
        dc.access_tokens().project("PRJ").delete("123456789012")
    );
    call!(
        cov,
        dc.access_tokens().repo("PRJ", "web").delete("123456789012")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dc_sdk_conforms_to_spec() {
    let began = Instant::now();
    let spec = load_spec(dc_spec_path());
    // Serve the spec under `/rest` so the client's normal base-URL handling is exercised.
    let prism = Prism::start(dc_spec_path(), PrismOptions::default().path_prefix("/rest"));
    println!("prism startup (dc spec): {:?}", prism.startup_time());
    let dc = Client::builder(prism.url())
        .credentials(Credentials::bearer("not-a-secret"))
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("build DC client");

    let cov = Coverage::new("dc", &spec);
    run_all(&dc, &cov).await;
    assert!(
        cov.unknown_keys().is_empty(),
        "keys not in the spec: {:?}",
        cov.unknown_keys()
    );

    // An invalid call: Prism rejects a body field of the wrong type; the client surfaces the
    // core's error with the status.
    let err = dc
        .raw()
        .post::<_, serde_json::Value>("api/latest/projects", &serde_json::json!({ "key": 5 }))
        .await
        .expect_err("Prism must reject a numeric project key");
    match &err {
        Error::Api { status, .. } => assert!(
            status.as_u16() == 400 || status.as_u16() == 422,
            "unexpected status {status}: {err}"
        ),
        other => panic!("expected Error::Api for a validation failure, got {other:?}"),
    }

    // Ledger entries nobody calls yet (information for the DC authors).
    let ledger = bitbucket_dc::ledger::all();
    let failures = cov.failures();
    let not_called: Vec<String> = ledger
        .iter()
        .map(|e| format!("{} {}", e.method, e.path))
        .filter(|k| cov.outcome(k) != Some(Outcome::Passed))
        .collect();
    println!(
        "dc ledger: {} operations implemented, {} of them not passing here",
        ledger.len(),
        not_called.len()
    );
    for k in &not_called {
        println!("  not called: {k}");
    }
    // Prints `dc conformance: N/572 operations exercised`, then failures.
    println!("{}", cov.report());
    println!("dc conformance total time: {:?}", began.elapsed());
    let unexpected: Vec<_> = failures
        .iter()
        .filter(|(k, _)| !KNOWN_FAILURES.iter().any(|(kk, _)| kk == k))
        .collect();
    assert!(
        unexpected.is_empty(),
        "{} operations failed (see report above)",
        unexpected.len()
    );
    for (key, why) in KNOWN_FAILURES {
        assert!(
            failures.iter().any(|(k, _)| k == key),
            "{key} now passes: remove it from KNOWN_FAILURES ({why})"
        );
    }
    assert!(cov.passed() > 0);
}
