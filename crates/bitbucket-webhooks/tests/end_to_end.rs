//! End to end: the fake Bitbucket POSTs signed events for its own writes to an axum receiver
//! using the extractor; correctly signed deliveries are accepted, unsigned or wrongly signed
//! ones get 401.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{FromRef, State};
use axum::routing::post;
use bitbucket_fake::{Server, WebhookApi};
use bitbucket_webhooks::axum::Webhook;
use bitbucket_webhooks::{Verifier, WebhookEvent, cloud, dc};

const SECRET: &str = "canary-receiver-secret-91c2";

/// What the receiver saw: event key, delivery id, raw body.
type Seen = Arc<Mutex<Vec<(String, Option<String>, Vec<u8>)>>>;

#[derive(Clone)]
struct App {
    verifier: Verifier,
    seen: Seen,
}

impl FromRef<App> for Verifier {
    fn from_ref(app: &App) -> Verifier {
        app.verifier.clone()
    }
}

async fn dc_hook(State(app): State<App>, hook: Webhook<dc::Event>) -> &'static str {
    record(&app.seen, hook.event.key(), hook.request_id, &hook.body);
    "ok"
}

async fn cloud_hook(State(app): State<App>, hook: Webhook<cloud::Event>) -> &'static str {
    record(&app.seen, hook.event.key(), hook.request_id, &hook.body);
    "ok"
}

/// A plain HTTP client for the test's own requests (rustls needs a process-wide provider).
fn http() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

fn record(seen: &Seen, key: &str, id: Option<String>, body: &[u8]) {
    seen.lock()
        .unwrap()
        .push((key.to_owned(), id, body.to_vec()));
}

/// Starts a receiver with `/dc` and `/cloud` routes; returns its address and what it saw.
async fn receiver(verifier: Verifier) -> (SocketAddr, Seen) {
    let seen = Seen::default();
    let app = Router::new()
        .route("/dc", post(dc_hook))
        .route("/cloud", post(cloud_hook))
        .with_state(App {
            verifier,
            seen: seen.clone(),
        });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (addr, seen)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dc_token_creation_is_delivered_signed_and_only_the_signed_copy_is_accepted() {
    let (addr, seen) = receiver(Verifier::new(SECRET)).await;
    let server = Server::builder().dc_users(3).start().await.unwrap();
    let url = format!("http://{addr}/dc");
    server.webhooks().register(&url, Some(SECRET));
    server
        .webhooks()
        .register(&url, Some("not-the-receiver-secret"));
    server.webhooks().register(&url, None);
    let debug = format!("{:?} {:?}", server.webhooks(), Verifier::new(SECRET));
    assert!(!debug.contains(SECRET), "{debug}");

    let (user, password) = server.admin_credentials();
    let created: serde_json::Value = http()
        .put(format!(
            "{}/rest/access-tokens/latest/users/user0001",
            server.url()
        ))
        .basic_auth(&user, Some(&password))
        .json(&serde_json::json!({"name": "ci-deploy", "permissions": ["REPO_READ"]}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token_secret = created["token"].as_str().unwrap().to_owned();

    let deliveries = server.webhooks().wait_for(3).await;
    assert_eq!(deliveries.len(), 3);
    let receiver_verifier = Verifier::new(SECRET);
    // `Some(true)`: signed with the receiver's secret; `Some(false)`: signed with another;
    // `None`: unsigned.
    let status_for = |signed_right: Option<bool>| {
        deliveries
            .iter()
            .find(|d| {
                let right =
                    d.signature.as_deref() == Some(receiver_verifier.sign(&d.body).as_str());
                match signed_right {
                    None => d.signature.is_none(),
                    Some(want) => d.signature.is_some() && right == want,
                }
            })
            .and_then(|d| d.status)
    };
    assert_eq!(status_for(Some(true)), Some(200));
    assert_eq!(status_for(Some(false)), Some(401));
    assert_eq!(status_for(None), Some(401));

    let seen = seen.lock().unwrap();
    assert_eq!(
        seen.len(),
        1,
        "only the correctly signed delivery gets through"
    );
    let (key, request_id, body) = &seen[0];
    assert_eq!(key, "fake:token_created");
    let sent = deliveries.iter().find(|d| d.status == Some(200)).unwrap();
    assert_eq!(request_id.as_deref(), Some(sent.request_id.as_str()));
    let body: serde_json::Value = serde_json::from_slice(body).unwrap();
    assert_eq!(body["name"], "ci-deploy");
    assert_eq!(body["id"], created["id"]);
    // The token's secret is in the REST answer but never in the webhook.
    for d in &deliveries {
        assert!(!String::from_utf8_lossy(&d.body).contains(&token_secret));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cloud_permission_writes_are_delivered() {
    let (addr, seen) = receiver(Verifier::new(SECRET)).await;
    let server = Server::builder()
        .cloud_workspace("acme", 4, 3)
        .start()
        .await
        .unwrap();
    server
        .webhooks()
        .register(format!("http://{addr}/cloud"), Some(SECRET));
    let member = server.cloud_members("acme").unwrap()[1].account_id.clone();
    let repo = server.cloud_repos("acme").unwrap()[0].slug.clone();
    let url = format!(
        "{}/2.0/repositories/acme/{repo}/permissions-config/users/{member}",
        server.url()
    );
    let http = http();
    let put = http
        .put(&url)
        .bearer_auth(server.admin_token())
        .json(&serde_json::json!({"permission": "write"}))
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), 200);
    server.webhooks().wait_for(1).await;
    let delete = http
        .delete(&url)
        .bearer_auth(server.admin_token())
        .send()
        .await
        .unwrap();
    assert_eq!(delete.status(), 204);

    let deliveries = server.webhooks().wait_for(2).await;
    assert!(deliveries.iter().all(|d| d.status == Some(200)));
    let seen = seen.lock().unwrap();
    let keys: Vec<&str> = seen.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(keys, ["fake:permission_updated", "fake:permission_deleted"]);
    for (_, request_id, body) in seen.iter() {
        assert!(request_id.is_some());
        let body: serde_json::Value = serde_json::from_slice(body).unwrap();
        assert_eq!(body["permission"], "write");
        assert_eq!(body["user"]["account_id"], member.as_str());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recorded_payload_sent_through_the_fake_arrives_typed() {
    let (addr, seen) = receiver(Verifier::new(SECRET)).await;
    let server = Server::builder().start().await.unwrap();
    server
        .webhooks()
        .register(format!("http://{addr}/dc"), Some(SECRET));
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/payloads/dc/pr-declined-go-playground.json"
    );
    let recorded: serde_json::Value =
        serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
    assert_eq!(
        server
            .webhooks()
            .send(WebhookApi::Dc, "pr:declined", &recorded["body"]),
        1
    );
    let deliveries = server.webhooks().wait_for(1).await;
    assert_eq!(deliveries[0].status, Some(200));

    let seen = seen.lock().unwrap();
    let event = dc::Event::parse(&seen[0].0, &seen[0].2).unwrap();
    let dc::Event::PullRequestDeclined(e) = event else {
        panic!("{event:?}")
    };
    let pr = e.pull_request.unwrap();
    assert_eq!(
        pr.id,
        recorded["body"]["pullRequest"]["id"].as_i64().unwrap()
    );
    assert_eq!(
        pr.title,
        recorded["body"]["pullRequest"]["title"].as_str().unwrap()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_extractor_answers_each_refusal_with_its_status() {
    let verifier = Verifier::new(SECRET).max_body_bytes(64);
    let (addr, seen) = receiver(verifier.clone()).await;
    let http = http();
    let post = |body: &'static [u8], key: Option<&str>, sig: Option<String>| {
        let mut req = http.post(format!("http://{addr}/dc")).body(body);
        if let Some(k) = key {
            req = req.header("X-Event-Key", k);
        }
        if let Some(s) = sig {
            req = req.header("X-Hub-Signature", s);
        }
        req.send()
    };
    let ping: &[u8] = br#"{"test":true}"#;
    let big: &[u8] = &[b' '; 100];

    let ok = post(ping, Some("diagnostics:ping"), Some(verifier.sign(ping)));
    assert_eq!(ok.await.unwrap().status(), 200);
    let sha1 = post(ping, Some("diagnostics:ping"), Some("sha1=00".into()));
    assert_eq!(sha1.await.unwrap().status(), 401);
    let no_key = post(ping, None, Some(verifier.sign(ping)));
    assert_eq!(no_key.await.unwrap().status(), 400);
    let too_big = post(big, Some("diagnostics:ping"), Some(verifier.sign(big)));
    assert_eq!(too_big.await.unwrap().status(), 413);
    let not_json: &[u8] = b"nope";
    let bad = post(not_json, Some("pr:opened"), Some(verifier.sign(not_json)));
    let bad = bad.await.unwrap();
    assert_eq!(bad.status(), 400);
    assert!(!bad.text().await.unwrap().contains(SECRET));

    assert_eq!(seen.lock().unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_receiver_does_not_fail_the_write() {
    let server = Server::builder().dc_users(1).start().await.unwrap();
    // Nothing listens on port 9 of the loopback address; a bad URL fails before connecting.
    server
        .webhooks()
        .register("http://127.0.0.1:9/hook", Some(SECRET));
    server.webhooks().register("not a url", None);
    let (user, password) = server.admin_credentials();
    let status = http()
        .put(format!(
            "{}/rest/access-tokens/latest/users/user0001",
            server.url()
        ))
        .basic_auth(&user, Some(&password))
        .json(&serde_json::json!({"name": "t", "permissions": ["REPO_READ"]}))
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 200);
    let deliveries = server.webhooks().wait_for(2).await;
    assert!(
        deliveries.iter().all(|d| d.status.is_none()),
        "{deliveries:?}"
    );
    assert!(
        deliveries
            .iter()
            .all(|d| d.event_key == "fake:token_created")
    );
}
