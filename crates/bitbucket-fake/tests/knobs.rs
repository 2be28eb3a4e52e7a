//! Latency, rate limiting, 429 bursts and seeded faults.

mod support;

use std::time::{Duration, Instant};

use bitbucket_fake::{RateLimitBody, Server};
use reqwest::StatusCode;

async fn status(server: &Server, path: &str) -> reqwest::Response {
    support::http()
        .get(format!("{}{path}", server.url()))
        .bearer_auth(server.admin_token())
        .send()
        .await
        .expect("request")
}

#[tokio::test]
async fn cloud_budget_answers_429_without_retry_after() {
    let server = Server::cloud()
        .dc_users(3)
        .cloud_rate_limit(5, Duration::from_secs(3600))
        .start()
        .await
        .expect("start");
    for _ in 0..5 {
        let resp = status(&server, "/2.0/workspaces/acme/members").await;
        assert_eq!(resp.status(), StatusCode::OK);
        assert_eq!(resp.headers()["x-ratelimit-limit"], "5");
    }
    let resp = status(&server, "/2.0/workspaces/acme/members").await;
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(resp.headers().get("retry-after").is_none());
    assert!(
        resp.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .starts_with("text/plain")
    );
    assert!(!resp.text().await.expect("body").is_empty());
    // DC is not subject to the Cloud budget.
    assert_eq!(
        status(&server, "/rest/api/latest/users").await.status(),
        StatusCode::OK
    );
    assert_eq!(server.rate_limited_count(), 1);
    server.reset_rate_limit_window();
    assert_eq!(
        status(&server, "/2.0/repositories/acme").await.status(),
        StatusCode::OK
    );

    server.set_cloud_rate_limit(Some((0, Duration::from_secs(60))));
    let resp = status(&server, "/2.0/repositories/acme").await;
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    server.set_cloud_rate_limit(None);
    assert_eq!(
        status(&server, "/2.0/repositories/acme").await.status(),
        StatusCode::OK
    );
    let stats = server.stats();
    assert_eq!(
        (
            stats.requests,
            stats.cloud_requests,
            stats.dc_requests,
            stats.rate_limited
        ),
        (10, 9, 1, 2)
    );
    server.reset_counters();
    assert_eq!(server.stats(), bitbucket_fake::Stats::default());
}

#[tokio::test]
async fn bursts_answer_429_then_recover() {
    let server = Server::cloud()
        .dc_users(2)
        .cloud_429_burst(2)
        .rate_limit_body(RateLimitBody::Json)
        .dc_retry_after(1)
        .start()
        .await
        .expect("start");
    for _ in 0..2 {
        let resp = status(&server, "/2.0/repositories/acme").await;
        assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(resp.headers().get("retry-after").is_none());
        let body: serde_json::Value = resp.json().await.expect("json body");
        assert_eq!(body["type"], "error");
    }
    assert_eq!(
        status(&server, "/2.0/repositories/acme").await.status(),
        StatusCode::OK
    );

    server.inject_dc_429s(1);
    let resp = status(&server, "/rest/api/latest/users").await;
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(resp.headers()["retry-after"], "1");
    assert_eq!(
        status(&server, "/rest/api/latest/users").await.status(),
        StatusCode::OK
    );
    server.inject_cloud_429s(1);
    assert_eq!(
        status(&server, "/2.0/repositories/acme").await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(server.rate_limited_count(), 4);
}

/// Statuses of a fixed sequence of requests (each path requested twice).
async fn fault_pattern(seed: u64) -> (Vec<u16>, u64) {
    let server = Server::builder()
        .dc_users(60)
        .fault_rate(0.3, seed)
        .start()
        .await
        .expect("start");
    let mut statuses = Vec::new();
    for round in 0..2 {
        for i in 1..=60 {
            let resp = status(&server, &format!("/rest/api/latest/users/user{i:04}")).await;
            let s = resp.status().as_u16();
            assert!(matches!(s, 200 | 500 | 503), "round {round}: {s}");
            statuses.push(s);
        }
    }
    (statuses, server.fault_count())
}

#[tokio::test]
async fn faults_are_seeded_and_deterministic() {
    let (a, faults_a) = fault_pattern(7).await;
    let (b, faults_b) = fault_pattern(7).await;
    let (c, _) = fault_pattern(8).await;
    assert_eq!(a, b);
    assert_eq!(faults_a, faults_b);
    assert_ne!(a, c);
    let faulted = a.iter().filter(|s| **s != 200).count() as u64;
    assert_eq!(faulted, faults_a);
    // About 30% of 120 requests; the bounds are loose but exclude 0% and 100%.
    assert!((15..=60).contains(&faulted), "{faulted}");
}

#[tokio::test]
async fn faults_are_capped_per_request_and_change_nothing() {
    let server = Server::builder()
        .dc_users(3)
        .tokens_per_user(2..=2)
        .fault_rate(1.0, 1)
        .max_faults_per_request(2)
        .start()
        .await
        .expect("start");
    let token = server.dc_user_tokens("user0001").expect("user")[0]
        .id
        .clone();
    let http = support::http();
    // The admin's HTTP access token is refused on other users' tokens: Basic with the password.
    let (admin, password) = server.admin_credentials();
    let url = format!(
        "{}/rest/access-tokens/latest/users/user0001/{token}",
        server.url()
    );
    let mut seen = Vec::new();
    for _ in 0..3 {
        let resp = http
            .delete(&url)
            .basic_auth(&admin, Some(&password))
            .send()
            .await
            .expect("delete");
        seen.push(resp.status().as_u16());
        if resp.status().is_server_error() {
            // A faulted write must not have happened.
            assert_eq!(server.dc_user_tokens("user0001").expect("user").len(), 2);
            let body: serde_json::Value = resp.json().await.expect("json");
            assert!(body["errors"][0]["message"].is_string());
        }
    }
    assert!(seen[..2].iter().all(|s| *s == 500 || *s == 503), "{seen:?}");
    assert_eq!(seen[2], 204);
    assert_eq!(server.dc_user_tokens("user0001").expect("user").len(), 1);
    assert_eq!(server.fault_count(), 2);
    server.set_fault_rate(0.0, 1);
    assert_eq!(
        status(&server, "/rest/api/latest/users").await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn latency_is_added_per_request() {
    // A tiny delay, measured only as a lower bound (never an upper one).
    let server = Server::builder()
        .dc_users(1)
        .latency_ms(20)
        .start()
        .await
        .expect("start");
    let started = Instant::now();
    for _ in 0..3 {
        assert_eq!(
            status(&server, "/rest/api/latest/users").await.status(),
            StatusCode::OK
        );
    }
    assert!(
        started.elapsed() >= Duration::from_millis(60),
        "{:?}",
        started.elapsed()
    );
    server.set_latency(Duration::ZERO);
    assert_eq!(
        status(&server, "/rest/api/latest/users").await.status(),
        StatusCode::OK
    );
}

/// A fake with 40 DC users and a Cloud workspace `acme`, all generated from `seed`.
async fn seeded(seed: u64) -> Server {
    Server::builder()
        .seed(seed)
        .dc_users(40)
        .cloud_workspace("acme", 10, 30)
        .start()
        .await
        .expect("start")
}

#[tokio::test]
async fn same_seed_same_data() {
    let a = seeded(9).await;
    let b = seeded(9).await;
    let c = seeded(10).await;
    assert_eq!(a.dc_users(), b.dc_users());
    assert_eq!(a.dc_user_tokens("user0007"), b.dc_user_tokens("user0007"));
    assert_eq!(a.cloud_permissions("acme"), b.cloud_permissions("acme"));
    assert_ne!(a.cloud_permissions("acme"), c.cloud_permissions("acme"));
    let body = |s: &Server| {
        let url = format!("{}/rest/access-tokens/latest/users/user0007", s.url());
        let ((admin, password), base) = (s.admin_credentials(), s.url().to_string());
        async move {
            let text = support::http()
                .get(url)
                .basic_auth(admin, Some(password))
                .send()
                .await
                .expect("get")
                .text()
                .await
                .expect("text");
            // Links carry each server's own address; the rest must match byte for byte.
            text.replace(&base, "BASE")
        }
    };
    assert_eq!(body(&a).await, body(&b).await);
    b.shutdown().await;
}
