//! Cloud conformance: drives the generated `bitbucket-cloud` client against the Prism mock
//! server serving the project's Cloud spec (`openapi/bitbucket-cloud.json`) with request
//! validation. Every operation the call table covers must pass validation and decode; a few
//! writes are checked by name; an invalid call must come back as `bitbucket_core::Error`.

#[path = "cloud_conformance/calls.rs"]
mod calls;

use std::time::Instant;

use bitbucket_cloud::prelude::*;
use bitbucket_conformance::{
    Coverage, Outcome, Prism, PrismOptions, cloud_spec_path, codegen, describe_error, load_spec,
    prism_limitation, repo_root, request_violations, send_raw,
};
use bitbucket_core::{Credentials, Error, RetryPolicy};

/// Decodes a sample JSON body into the generated request type.
pub(crate) fn from_json<T: serde::de::DeserializeOwned>(v: serde_json::Value) -> Result<T, String> {
    serde_json::from_value(v)
        .map_err(|e| format!("sample body does not fit the generated type: {e}"))
}

/// Operations expected to fail for a known reason outside this test (`METHOD path`, reason).
/// The test fails when one of them starts passing, so the list stays honest.
const KNOWN_FAILURES: &[(&str, &str)] = &[];

/// Writes the issue names explicitly: they must pass validation.
const REQUIRED_WRITES: [&str; 4] = [
    "PUT /repositories/{workspace}/{repo_slug}/permissions-config/users/{selected_user_id}",
    "DELETE /repositories/{workspace}/{repo_slug}/permissions-config/users/{selected_user_id}",
    "POST /repositories/{workspace}/{repo_slug}/pullrequests",
    "POST /repositories/{workspace}/{repo_slug}/hooks",
];

/// Drains a byte stream, returning how many bytes it carried.
async fn drain(
    stream: bitbucket_core::Result<bitbucket_cloud::ByteStream>,
) -> Result<usize, String> {
    use futures::TryStreamExt;
    let mut stream = stream.map_err(|e| describe_error(&e))?;
    let mut n = 0;
    while let Some(chunk) = stream.try_next().await.map_err(|e| describe_error(&e))? {
        n += chunk.len();
    }
    Ok(n)
}

/// The hand-written calls beyond the spec (streamed downloads, multipart uploads, async
/// merge), recorded under the operation they send.
async fn run_extras(
    c: &bitbucket_cloud::Client,
    spec: &bitbucket_conformance::Spec,
    cov: &Coverage,
) -> usize {
    use bitbucket_cloud::extra;
    // The multipart uploads are sent when the project spec declares their form (Prism
    // rejects any body for an operation that declares none, 400/415).
    let body_declared = |path: &str| {
        spec.operation("POST", path)
            .is_some_and(|op| op.request_body.is_some())
    };
    let r = "/repositories/{workspace}/{repo_slug}";
    let mut n = 0;
    let mut rec = |key: String, result: Result<(), String>| {
        n += 1;
        match result {
            Ok(()) => cov.record(key, Outcome::Passed),
            Err(e) => cov.record(key, Outcome::Failed(format!("hand-written call: {e}"))),
        }
    };
    let ok = |r: Result<usize, String>| r.map(|_| ());
    rec(
        format!("GET {r}/diff/{{spec}}"),
        ok(drain(
            c.get_diff()
                .workspace("acme")
                .repo_slug("web")
                .spec("main..feature")
                .stream_bytes()
                .await,
        )
        .await),
    );
    rec(
        format!("GET {r}/patch/{{spec}}"),
        ok(drain(
            c.get_patch()
                .workspace("acme")
                .repo_slug("web")
                .spec("main..feature")
                .stream_bytes()
                .await,
        )
        .await),
    );
    rec(
        format!("GET {r}/pullrequests/{{pull_request_id}}/diff"),
        ok(drain(
            c.get_pull_request_diff()
                .workspace("acme")
                .repo_slug("web")
                .pull_request_id(1)
                .stream_bytes()
                .await,
        )
        .await),
    );
    rec(
        format!("GET {r}/pullrequests/{{pull_request_id}}/patch"),
        ok(drain(
            c.get_pull_request_patch()
                .workspace("acme")
                .repo_slug("web")
                .pull_request_id(1)
                .stream_bytes()
                .await,
        )
        .await),
    );
    rec(
        format!("GET {r}/pipelines/{{pipeline_uuid}}/steps/{{step_uuid}}/log"),
        ok(drain(
            c.get_pipeline_step_log()
                .workspace("acme")
                .repo_slug("web")
                .pipeline_uuid("{p-1}")
                .step_uuid("{s-1}")
                .stream_bytes()
                .await,
        )
        .await),
    );
    // Prism cannot match `/` inside a path parameter: a one-segment file path here.
    rec(
        format!("GET {r}/src/{{commit}}/{{path}}"),
        ok(drain(
            c.get_file_contents()
                .workspace("acme")
                .repo_slug("web")
                .commit("f2a1b3c4d5e6")
                .path("README.md")
                .stream_bytes()
                .await,
        )
        .await),
    );
    rec(
        format!("GET {r}/downloads/{{filename}}"),
        ok(drain(
            c.get_download()
                .workspace("acme")
                .repo_slug("web")
                .filename("artifact.zip")
                .stream_bytes()
                .await,
        )
        .await),
    );
    if body_declared(&format!("{r}/downloads")) {
        rec(
            format!("POST {r}/downloads"),
            c.upload_download_files()
                .workspace("acme")
                .repo_slug("web")
                .file(extra::UploadFile::new("artifact.zip", &b"PK\x03\x04"[..]))
                .await
                .map_err(|e| describe_error(&e)),
        );
        // Prism validates the form: without the required `files` part the upload is refused.
        let missing = c
            .commit_files()
            .workspace("acme")
            .repo_slug("web")
            .message("x")
            .await;
        assert!(missing.is_ok(), "commit without files: {missing:?}");
        let empty = c
            .upload_download_files()
            .workspace("acme")
            .repo_slug("web")
            .await;
        assert!(
            matches!(&empty, Err(Error::Api { status, .. }) if status.as_u16() == 422 || status.as_u16() == 400),
            "an upload without files must fail Prism's validation, got {empty:?}"
        );
    } else {
        println!("not sent: POST {r}/downloads (multipart): the spec declares no request body");
    }
    if body_declared(&format!("{r}/src")) {
        rec(
            format!("POST {r}/src"),
            c.commit_files()
                .workspace("acme")
                .repo_slug("web")
                .message("conformance commit")
                .branch("main")
                .file("docs/README.md", &b"hello"[..])
                .await
                .map(|_| ())
                .map_err(|e| describe_error(&e)),
        );
    } else {
        println!("not sent: POST {r}/src (multipart): the spec declares no request body");
    }
    if body_declared(&format!("{r}/issues/{{issue_id}}/attachments")) {
        rec(
            format!("POST {r}/issues/{{issue_id}}/attachments"),
            c.upload_issue_attachment_files()
                .workspace("acme")
                .repo_slug("web")
                .issue_id("1")
                .file(extra::UploadFile::new("log.txt", &b"boom"[..]).content_type("text/plain"))
                .await
                .map_err(|e| describe_error(&e)),
        );
    } else {
        println!(
            "not sent: POST {r}/issues/{{issue_id}}/attachments (multipart): the spec declares no request body"
        );
    }
    let params: bitbucket_cloud::types::PullrequestMergeParameters = serde_json::from_value(
        serde_json::json!({"type": "pullrequest_merge_parameters", "merge_strategy": "squash"}),
    )
    .expect("merge parameters");
    rec(
        format!("POST {r}/pullrequests/{{pull_request_id}}/merge"),
        c.merge_pull_request_and_wait()
            .workspace("acme")
            .repo_slug("web")
            .pull_request_id(1)
            .parameters(params)
            .poll_interval(std::time::Duration::from_millis(1))
            .max_polls(2)
            .await
            .map(|_| ())
            .map_err(|e| describe_error(&e)),
    );
    n
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cloud_sdk_conforms_to_spec() {
    let began = Instant::now();
    let spec = load_spec(cloud_spec_path());
    assert_eq!(spec.operations().len(), 331, "Cloud spec operation count");

    // The committed call table matches the spec and the generated client.
    let generated = repo_root().join("crates/bitbucket-cloud/src/generated");
    let expected = codegen::cloud_call_table(&spec, &generated).expect("generate call table");
    let expected = codegen::rustfmt(&expected).expect("format call table");
    assert!(
        codegen::same_code(&expected, include_str!("cloud_conformance/calls.rs")),
        "tests/tests/cloud_conformance/calls.rs is stale: run \
         `cargo run -p bitbucket-conformance --bin gen-cloud-calls`"
    );

    // Prism's static answers must conform to the spec they come from. One place where they
    // do not (Prism reports it in `sl-violations`): it puts a `null` item in the recursive
    // `parents` array of a commit. (Its made-up `"string"` for patterned commit hashes needs
    // no workaround: the models do not validate patterns.)
    // Served under `/2.0` so the client's normal base-URL handling (the host gains `/2.0`) is
    // exercised, as the Data Center run does with `/rest`.
    let prism = Prism::start(
        cloud_spec_path(),
        PrismOptions::default().path_prefix("/2.0").example_at(
            "/components/schemas/base_commit/allOf/1/properties/parents",
            serde_json::json!([]),
        ),
    );
    println!("prism startup (cloud spec): {:?}", prism.startup_time());

    let client = bitbucket_cloud::Client::builder()
        .base_url(prism.url())
        .credentials(Credentials::api_token(
            "conformance@example.com",
            "not-a-secret",
        ))
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("build Cloud client");

    // Baseline: the spec sampler's raw requests pass validation for GET operations.
    bitbucket_core::tls::ensure_crypto_provider();
    let http = reqwest::Client::new();
    let api_root = format!("{}/2.0", prism.url());
    let raw = Coverage::new("cloud raw GET", &spec);
    for op in spec.operations().into_iter().filter(|o| o.method == "GET") {
        let req = spec.sample_request(&op, &[]);
        match send_raw(&http, &api_root, &req, Some("Bearer conformance")).await {
            Ok((status, _, _)) if status.is_success() || status.is_redirection() => {
                raw.record(op.key(), Outcome::Passed)
            }
            Ok((status, v, body)) => match prism_limitation(status.as_u16(), &body) {
                Some(why) => raw.record(op.key(), Outcome::Skipped(why)),
                None => raw.record(
                    op.key(),
                    Outcome::Failed(format!("{status} {:?}", request_violations(v.as_deref()))),
                ),
            },
            Err(e) => raw.record(op.key(), Outcome::Failed(e.to_string())),
        }
    }
    println!("{}", raw.report());
    assert!(
        raw.failures().is_empty(),
        "sampled raw GET requests rejected: {:?}",
        raw.failures()
    );

    // The SDK: one call per operation from the generated table.
    let sdk_began = Instant::now();
    let cov = Coverage::new("cloud", &spec);
    calls::run_all(&client, &cov).await;
    let extras = run_extras(&client, &spec, &cov).await;
    println!("hand-written extra calls: {extras}");
    prism.assert_running();

    // Streams: Prism's static page carries `next: "http://example.com"`. The paginator yields
    // the first page's items and then refuses to follow a link to another origin (it would
    // carry the credentials there).
    {
        use futures::StreamExt;
        let items: Vec<_> = client
            .list_workspace_members()
            .workspace("acme")
            .stream()
            .collect()
            .await;
        assert!(
            matches!(items.first(), Some(Ok(_))),
            "first item: {:?}",
            items.first()
        );
        assert!(
            matches!(items.last(), Some(Err(Error::Pagination(_)))),
            "a foreign-origin next link must stop the stream with Error::Pagination, got {:?}",
            items.last()
        );
    }
    println!("sdk calls: {} in {:?}", calls::CALLS, sdk_began.elapsed());
    assert!(cov.unknown_keys().is_empty(), "{:?}", cov.unknown_keys());

    // An invalid call: an enum value the spec does not list is rejected by Prism and comes
    // back as the core's error with the status.
    let err = client
        .list_pull_requests()
        .workspace("acme")
        .repo_slug("web")
        .state("NOT_A_STATE")
        .send()
        .await
        .expect_err("Prism must reject an unknown state");
    match &err {
        Error::Api { status, .. } => assert!(
            status.as_u16() == 400 || status.as_u16() == 422,
            "unexpected status {status}: {err}"
        ),
        other => panic!("expected Error::Api for a validation failure, got {other:?}"),
    }

    println!("{}", cov.report());
    for key in REQUIRED_WRITES {
        assert_eq!(
            cov.outcome(key),
            Some(Outcome::Passed),
            "required write {key} did not pass"
        );
    }
    println!("cloud conformance total time: {:?}", began.elapsed());
    let failures = cov.failures();
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
}
