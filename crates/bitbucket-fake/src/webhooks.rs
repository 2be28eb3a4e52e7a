//! Webhook delivery: the fake POSTs signed events to registered URLs, so receivers can be
//! tested end to end.
//!
//! Each delivery carries the headers both products send: `X-Event-Key`, `X-Hub-Signature:
//! sha256=<hex>` (HMAC-SHA256 of the body under the webhook's secret, left out when the
//! webhook has none) and a delivery id (`X-Request-UUID` for Cloud events, `X-Request-Id` for
//! Data Center ones), with `Content-Type: application/json`.
//!
//! The fake sends events for its own writes, under keys of its own (real servers send no
//! event for these writes, so receivers see keys they do not model): `fake:permission_updated`
//! and `fake:permission_deleted` after a Cloud explicit-permission `PUT`/`DELETE` (body: the
//! permission as the REST answer shows it), and `fake:token_created` after a Data Center
//! access-token `PUT` (body: the token as listed, without its secret). [`Webhooks::send`]
//! delivers any other body, such as a recorded real payload.
//!
//! Deliveries run on spawned tasks and never hold up the request that caused them;
//! [`Webhooks::wait_for`] waits until a number of them have finished.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::http::Request;
use hmac::{Hmac, Mac};
use http_body_util::Full;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;
use sha2::Sha256;
use tokio::sync::watch;

use crate::http::{Shared, lock};

/// Which product an event imitates; decides the delivery-id header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WebhookApi {
    /// Bitbucket Cloud (`X-Request-UUID`).
    Cloud,
    /// Bitbucket Data Center (`X-Request-Id`).
    Dc,
}

impl WebhookApi {
    fn request_id_header(self) -> &'static str {
        match self {
            Self::Cloud => "X-Request-UUID",
            Self::Dc => "X-Request-Id",
        }
    }
}

/// One finished delivery attempt, as the fake sent it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookDelivery {
    /// Where it was posted.
    pub url: String,
    /// The `X-Event-Key` header.
    pub event_key: String,
    /// The delivery id header's value.
    pub request_id: String,
    /// The `X-Hub-Signature` header, when the webhook has a secret.
    pub signature: Option<String>,
    /// The body posted.
    pub body: Vec<u8>,
    /// The receiver's status code, or `None` when the request failed (bad URL, refused
    /// connection; only `http://` URLs are supported).
    pub status: Option<u16>,
}

struct Subscription {
    url: String,
    secret: Option<String>,
}

/// The fake's webhook registry and delivery log; reach it with `Server::webhooks`.
pub struct Webhooks {
    subscriptions: Mutex<Vec<Subscription>>,
    deliveries: Arc<Mutex<Vec<WebhookDelivery>>>,
    finished: watch::Sender<usize>,
    next_id: AtomicU64,
    client: Client<HttpConnector, Full<Bytes>>,
}

impl std::fmt::Debug for Webhooks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let urls: Vec<String> = lock(&self.subscriptions)
            .iter()
            .map(|s| s.url.clone())
            .collect();
        f.debug_struct("Webhooks")
            .field("urls", &urls)
            .finish_non_exhaustive()
    }
}

impl Default for Webhooks {
    fn default() -> Self {
        Self {
            subscriptions: Mutex::new(Vec::new()),
            deliveries: Arc::default(),
            finished: watch::Sender::new(0),
            next_id: AtomicU64::new(1),
            client: Client::builder(TokioExecutor::new()).build_http(),
        }
    }
}

impl Webhooks {
    /// Registers a receiver URL; events are signed when `secret` is given.
    pub fn register(&self, url: impl Into<String>, secret: Option<&str>) {
        lock(&self.subscriptions).push(Subscription {
            url: url.into(),
            secret: secret.map(str::to_owned),
        });
    }

    /// Posts `body` as event `event_key` to every registered URL (on spawned tasks).
    ///
    /// Returns how many deliveries were started: none outside a tokio runtime.
    pub fn send(&self, api: WebhookApi, event_key: &str, body: &Value) -> usize {
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return 0;
        };
        let bytes = body.to_string().into_bytes();
        let subs = lock(&self.subscriptions);
        for sub in subs.iter() {
            let n = self.next_id.fetch_add(1, Ordering::Relaxed);
            let delivery = WebhookDelivery {
                url: sub.url.clone(),
                event_key: event_key.to_owned(),
                request_id: format!("00000000-0000-4000-8000-{n:012x}"),
                signature: sub.secret.as_deref().map(|s| sign(s, &bytes)),
                body: bytes.clone(),
                status: None,
            };
            let client = self.client.clone();
            let finished = self.finished.clone();
            let log = Arc::clone(&self.deliveries);
            runtime.spawn(async move {
                let mut req = Request::post(&delivery.url)
                    .header("Content-Type", "application/json")
                    .header("X-Event-Key", &delivery.event_key)
                    .header(api.request_id_header(), &delivery.request_id);
                if let Some(sig) = &delivery.signature {
                    req = req.header("X-Hub-Signature", sig);
                }
                let body = Full::new(Bytes::from(delivery.body.clone()));
                let status = match req.body(body) {
                    Ok(req) => client.request(req).await.ok().map(|r| r.status().as_u16()),
                    Err(_) => None,
                };
                lock(&log).push(WebhookDelivery { status, ..delivery });
                finished.send_modify(|n| *n += 1);
            });
        }
        subs.len()
    }

    /// Finished deliveries, oldest first.
    pub fn deliveries(&self) -> Vec<WebhookDelivery> {
        lock(&self.deliveries).clone()
    }

    /// Waits until at least `count` deliveries have finished and returns them all.
    pub async fn wait_for(&self, count: usize) -> Vec<WebhookDelivery> {
        let mut rx = self.finished.subscribe();
        // The sender lives as long as `self`, so waiting cannot fail while borrowed.
        let _ = rx.wait_for(|n| *n >= count).await;
        self.deliveries()
    }
}

/// Sends an event caused by one of the fake's own writes.
pub(crate) fn emit(shared: &Shared, api: WebhookApi, event_key: &str, body: &Value) {
    shared.webhooks.send(api, event_key, body);
}

/// The `X-Hub-Signature` value for `body` under `secret`.
fn sign(secret: &str, body: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
    mac.update(body);
    let digest = mac.finalize().into_bytes();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256={hex}")
}
