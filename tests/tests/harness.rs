//! Self-test of the harness: Prism starts on the project's Data Center spec, validates
//! requests, and the spec sampler builds requests Prism accepts for every operation.

use std::time::Instant;

use futures::StreamExt;

use bitbucket_conformance::{
    Coverage, Outcome, Prism, PrismOptions, dc_spec_path, load_spec, prism_limitation,
    request_violations, send_raw,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prism_validates_and_sampler_builds_valid_requests() {
    let began = Instant::now();
    let spec = load_spec(dc_spec_path());
    assert_eq!(spec.operations().len(), 572, "DC spec operation count");
    let prism = Prism::start(dc_spec_path(), PrismOptions::default());
    println!("prism startup (dc spec): {:?}", prism.startup_time());
    bitbucket_core::tls::ensure_crypto_provider();
    let http = reqwest::Client::new();
    let base = prism.url();

    // A good request passes validation and gets the spec's example.
    let op = spec
        .operation("GET", "/api/latest/projects")
        .expect("GET /api/latest/projects in DC spec");
    let good = spec.sample_request(&op, &[("limit", serde_json::json!(2))]);
    let (status, violations, body) = send_raw(&http, &base, &good, None).await.unwrap();
    assert_eq!(status, 200, "good request: {body}");
    assert!(request_violations(violations.as_deref()).is_empty());
    let page: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(page.get("values").is_some_and(|v| v.is_array()), "{body}");

    // A bad query parameter type is rejected with the violation reported.
    let bad = spec.sample_request(&op, &[("limit", serde_json::json!("abc"))]);
    let (status, violations, _) = send_raw(&http, &base, &bad, None).await.unwrap();
    assert!(status == 400 || status == 422, "bad query got {status}");
    let v = request_violations(violations.as_deref());
    assert!(v.iter().any(|m| m.contains("limit")), "violations: {v:?}");

    // A body with a wrong property type is rejected too.
    let create = spec.operation("POST", "/api/latest/projects").unwrap();
    let mut bad_body = spec.sample_request(&create, &[]);
    bad_body.body = Some(("application/json".into(), serde_json::json!({"key": 5})));
    let (status, _, _) = send_raw(&http, &base, &bad_body, None).await.unwrap();
    assert!(status == 400 || status == 422, "bad body got {status}");

    // Every operation: the sampled request passes Prism's request validation.
    let coverage = Coverage::new("dc raw", &spec);
    // A few requests in flight at once: Prism answers one at a time, but overlapping the
    // round trips roughly halves the wall time.
    let raw_began = Instant::now();
    let ops = spec.operations();
    let outcomes: Vec<(String, Outcome)> = futures::stream::iter(ops.iter())
        .map(|op| {
            let (http, base, spec) = (&http, &base, &spec);
            async move {
                let json_body = op.request_body.as_ref().map(|b| b.json().is_some());
                if json_body == Some(false) {
                    return (op.key(), Outcome::Skipped("non-JSON request body".into()));
                }
                let req = spec.sample_request(op, &[]);
                let outcome = match send_raw(http, base, &req, None).await {
                    Ok((status, violations, body)) => {
                        let v = request_violations(violations.as_deref());
                        if status.is_success() || status.is_redirection() {
                            Outcome::Passed
                        } else if let Some(why) = prism_limitation(status.as_u16(), &body) {
                            Outcome::Skipped(why)
                        } else {
                            Outcome::Failed(format!(
                                "{status} {v:?} {}",
                                &body[..body.len().min(600)]
                            ))
                        }
                    }
                    Err(e) => Outcome::Failed(e.to_string()),
                };
                (op.key(), outcome)
            }
        })
        .buffer_unordered(4)
        .collect()
        .await;
    for (key, outcome) in outcomes {
        coverage.record(key, outcome);
    }
    println!(
        "{} sampled requests in {:?}",
        ops.len(),
        raw_began.elapsed()
    );
    println!("{}", coverage.report());
    assert!(
        coverage.failures().is_empty(),
        "sampled requests rejected by Prism: {:?}",
        coverage.failures()
    );
    assert!(
        coverage.passed() >= 550,
        "only {} operations passed",
        coverage.passed()
    );

    prism.assert_running();

    // Dropping the handle stops Prism.
    let port = prism.port();
    drop(prism);
    assert!(std::net::TcpStream::connect(("127.0.0.1", port)).is_err());
    println!("harness test total: {:?}", began.elapsed());
}
