//! Retries and rate limits, on an injected clock (no real sleeping).

mod common;

use std::sync::Arc;
use std::time::Duration;

use bitbucket_core::retry::RecordingSleeper;
use bitbucket_core::{Client, Error, ExecOptions, RetryPolicy};
use common::{Scripted, response};
use reqwest::Method;

fn client(url: &str, policy: RetryPolicy, sleeper: &RecordingSleeper) -> Client {
    Client::builder(url)
        .retry_policy(policy)
        .sleeper(Arc::new(sleeper.clone()))
        .build()
        .unwrap()
}

#[tokio::test]
async fn status_429_without_retry_after_backs_off_growing_and_capped() {
    let plain = [("content-type", "text/plain")];
    let server = Scripted::start(vec![
        response(429, &plain, "Rate limit exceeded"),
        response(429, &plain, "Rate limit exceeded"),
        response(429, &plain, "Rate limit exceeded"),
        response(429, &plain, "Rate limit exceeded"),
        response(
            200,
            &[("content-type", "application/json")],
            r#"{"ok":true}"#,
        ),
    ])
    .await;
    let sleeper = RecordingSleeper::new();
    let policy = RetryPolicy::default()
        .max_attempts(5)
        .jitter(false)
        .base_delay(Duration::from_secs(1))
        .max_delay(Duration::from_secs(3));
    let c = client(&server.url, policy, &sleeper);
    let v: serde_json::Value = c.raw().get("x").await.unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(server.count(), 5);
    let secs: Vec<u64> = sleeper.waits().iter().map(Duration::as_secs).collect();
    assert_eq!(secs, [1, 2, 3, 3], "doubling, capped at max_delay");
    assert_eq!(c.stats().retries, 4);
    assert_eq!(c.rate_limit_state().throttled_count, 4);
}

#[tokio::test]
async fn jittered_backoff_stays_within_bounds() {
    let server = Scripted::start(vec![
        response(429, &[], ""),
        response(429, &[], ""),
        response(200, &[], "{}"),
    ])
    .await;
    let sleeper = RecordingSleeper::new();
    let c = client(
        &server.url,
        RetryPolicy::default().base_delay(Duration::from_millis(400)),
        &sleeper,
    );
    let _: serde_json::Value = c.raw().get("x").await.unwrap();
    let w = sleeper.waits();
    assert_eq!(w.len(), 2);
    assert!(w[0] >= Duration::from_millis(200) && w[0] <= Duration::from_millis(400));
    assert!(w[1] >= Duration::from_millis(400) && w[1] <= Duration::from_millis(800));
}

#[tokio::test]
async fn status_429_with_retry_after_waits_that_long() {
    let server = Scripted::start(vec![
        response(429, &[("retry-after", "17")], "{}"),
        response(200, &[], "[]"),
    ])
    .await;
    let sleeper = RecordingSleeper::new();
    let c = client(&server.url, RetryPolicy::default(), &sleeper);
    let _: Vec<u8> = c.raw().get("x").await.unwrap();
    assert_eq!(sleeper.waits(), [Duration::from_secs(17)]);
}

#[tokio::test]
async fn retry_after_beyond_total_cap_gives_rate_limited_error() {
    let server = Scripted::start(vec![response(
        429,
        &[("retry-after", "3600"), ("content-type", "text/plain")],
        "Too many requests, slow down",
    )])
    .await;
    let sleeper = RecordingSleeper::new();
    let c = client(&server.url, RetryPolicy::default(), &sleeper);
    let err = c.raw().get::<serde_json::Value>("x").await.unwrap_err();
    match &err {
        Error::RateLimited {
            message,
            retry_after,
            ..
        } => {
            assert_eq!(message, "Too many requests, slow down");
            assert_eq!(*retry_after, Some(Duration::from_secs(3600)));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(err.status().map(|s| s.as_u16()), Some(429));
    assert!(sleeper.waits().is_empty());
}

#[tokio::test]
async fn retries_exhausted_on_429_is_rate_limited_error() {
    let server = Scripted::start(vec![
        response(429, &[("content-type", "text/plain")], "slow down"),
        response(429, &[("content-type", "text/plain")], "slow down"),
    ])
    .await;
    let sleeper = RecordingSleeper::new();
    let c = client(
        &server.url,
        RetryPolicy::default().max_attempts(2),
        &sleeper,
    );
    let err = c.raw().get::<serde_json::Value>("x").await.unwrap_err();
    assert!(
        matches!(err, Error::RateLimited { attempts: 2, ref message, .. } if message == "slow down")
    );
    assert!(err.is_retryable());
}

#[tokio::test]
async fn status_503_on_post_not_retried_unless_opted_in() {
    let server = Scripted::start(vec![
        response(503, &[], "down"),
        response(503, &[], "down"),
        response(201, &[], r#"{"id":1}"#),
    ])
    .await;
    let sleeper = RecordingSleeper::new();
    let c = client(&server.url, RetryPolicy::default(), &sleeper);
    let err = c
        .raw()
        .post::<_, serde_json::Value>("x", &serde_json::json!({}))
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(server.count(), 1, "POST must not be retried by default");

    // Opted in per request: the second 503 is retried, then 201.
    let req = c
        .request(Method::POST, "x")
        .unwrap()
        .json(&serde_json::json!({}))
        .build()
        .unwrap();
    let resp = c
        .send_with(req, ExecOptions::default().retry_non_idempotent(true))
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 201);
    assert_eq!(server.count(), 3);
}

#[tokio::test]
async fn status_503_on_get_is_retried_and_disabled_policy_sends_once() {
    let server = Scripted::start(vec![response(503, &[], ""), response(200, &[], "{}")]).await;
    let sleeper = RecordingSleeper::new();
    let c = client(&server.url, RetryPolicy::default(), &sleeper);
    let _: serde_json::Value = c.raw().get("x").await.unwrap();
    assert_eq!(server.count(), 2);

    let server = Scripted::start(vec![response(503, &[], ""), response(200, &[], "{}")]).await;
    let c = client(&server.url, RetryPolicy::disabled(), &sleeper);
    assert!(c.raw().get::<serde_json::Value>("x").await.is_err());
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn connection_refused_is_retried_then_transport_error() {
    // Bind and drop to get a closed port.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let sleeper = RecordingSleeper::new();
    let c = client(
        &format!("http://127.0.0.1:{port}"),
        RetryPolicy::default().max_attempts(3),
        &sleeper,
    );
    let err = c.raw().get::<serde_json::Value>("x").await.unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert!(err.is_retryable());
    assert_eq!(sleeper.waits().len(), 2);
}

#[tokio::test]
async fn rate_limit_headers_are_exposed() {
    let server = Scripted::start(vec![response(
        200,
        &[
            ("x-ratelimit-limit", "1000"),
            ("x-ratelimit-resource", "api-repo"),
            ("x-ratelimit-nearlimit", "false"),
        ],
        "{}",
    )])
    .await;
    let c = client(
        &server.url,
        RetryPolicy::default(),
        &RecordingSleeper::new(),
    );
    let _: serde_json::Value = c.raw().get("x").await.unwrap();
    let s = c.rate_limit_state();
    assert_eq!(s.limit, Some(1000));
    assert_eq!(s.resource.as_deref(), Some("api-repo"));
    assert_eq!(s.near_limit, Some(false));
}

#[tokio::test]
async fn client_side_limiter_delays_requests_past_the_burst() {
    let server = Scripted::start((0..4).map(|_| response(200, &[], "{}")).collect()).await;
    let sleeper = RecordingSleeper::new();
    let c = Client::builder(&server.url)
        .sleeper(Arc::new(sleeper.clone()))
        .rate_limit(bitbucket_core::RateLimit::new(2_000, Duration::from_secs(1)).with_burst(1))
        .build()
        .unwrap();
    for _ in 0..4 {
        let _: serde_json::Value = c.raw().get("x").await.unwrap();
    }
    assert!(
        !sleeper.waits().is_empty(),
        "requests beyond the burst must wait on the limiter"
    );
    assert!(c.stats().limiter_wait > Duration::ZERO);
}
