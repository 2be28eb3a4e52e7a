//! Answers without sending: the kept 401 of fixed credentials that were refused, and the
//! local answer when a credentials provider cannot produce credentials.
//!
//! Once fixed credentials got a 401 (or a CAPTCHA refusal), every later request with them
//! would fail the same way, and on Data Center each failed Basic login counts towards the
//! CAPTCHA lockout. The client keeps the first refusal and hands a copy to every queued and
//! later request instead of sending it.

use std::sync::OnceLock;

use bytes::Bytes;
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue};
use reqwest::{Response, StatusCode};
use serde_json::{Value, json};

use crate::error::Error;

/// Header marking a response made by the client itself, not received from a server.
const LOCAL_MARKER: &str = "x-bitbucket-rs-local";

/// The status, headers and body of a response, to hand out again.
#[derive(Debug, Clone)]
pub(crate) struct Snapshot {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl Snapshot {
    /// Reads a response whole.
    pub(crate) async fn read(resp: Response) -> Result<Self, reqwest::Error> {
        let status = resp.status();
        let headers = resp.headers().clone();
        let body = resp.bytes().await?;
        Ok(Self {
            status,
            headers,
            body,
        })
    }

    /// A fresh `Response` with the same status, headers and body.
    pub(crate) fn response(&self) -> Response {
        let mut resp = http::Response::new(self.body.clone());
        *resp.status_mut() = self.status;
        *resp.headers_mut() = self.headers.clone();
        Response::from(resp)
    }
}

/// The first refusal of fixed credentials, once there was one.
#[derive(Debug, Default)]
pub(crate) struct Tripwire {
    first: OnceLock<Snapshot>,
}

impl Tripwire {
    /// The kept refusal, if the credentials were refused.
    pub(crate) fn tripped(&self) -> Option<Response> {
        self.first.get().map(Snapshot::response)
    }

    /// Keeps `snapshot` unless an earlier refusal is already kept.
    pub(crate) fn trip(&self, snapshot: Snapshot) {
        let _ = self.first.set(snapshot);
    }
}

/// A local 401 standing for a credentials provider's failure, read back by
/// [`local_error`] so callers get the provider's typed error.
pub(crate) fn provider_failure(error: &Error) -> Response {
    let body = match error {
        Error::OAuth {
            status,
            code,
            description,
            ..
        } => json!({
            "kind": "oauth",
            "status": status.map(|s| s.as_u16()),
            "code": code,
            "description": description,
        }),
        other => json!({"kind": "provider", "message": other.to_string()}),
    };
    let mut headers = HeaderMap::new();
    headers.insert(LOCAL_MARKER, HeaderValue::from_static("credentials"));
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    Snapshot {
        status: StatusCode::UNAUTHORIZED,
        headers,
        body: Bytes::from(body.to_string()),
    }
    .response()
}

/// The error a local answer from [`provider_failure`] stands for; `None` for server answers.
pub(crate) fn local_error(headers: &HeaderMap, body: &[u8]) -> Option<Error> {
    headers.get(LOCAL_MARKER)?;
    let v: Value = serde_json::from_slice(body).ok()?;
    let text = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
    Some(match v.get("kind").and_then(Value::as_str) {
        Some("oauth") => Error::oauth(
            v.get("status")
                .and_then(Value::as_u64)
                .and_then(|s| StatusCode::from_u16(u16::try_from(s).ok()?).ok()),
            text("code").unwrap_or_default(),
            text("description"),
        ),
        _ => Error::Config {
            message: format!(
                "the credentials provider failed: {}",
                text("message").unwrap_or_default()
            ),
            source: None,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn provider_failure_reads_back_as_the_oauth_error() {
        let e = Error::oauth(
            Some(StatusCode::BAD_REQUEST),
            "invalid_grant",
            Some("expired".into()),
        );
        let resp = provider_failure(&e);
        let snap = Snapshot::read(resp).await.unwrap();
        match local_error(&snap.headers, &snap.body) {
            Some(Error::OAuth {
                status,
                code,
                description,
                ..
            }) => {
                assert_eq!(status, Some(StatusCode::BAD_REQUEST));
                assert_eq!(code, "invalid_grant");
                assert_eq!(description.as_deref(), Some("expired"));
            }
            other => panic!("{other:?}"),
        }
        assert!(local_error(&HeaderMap::new(), b"{}").is_none());
    }

    #[tokio::test]
    async fn tripwire_keeps_the_first_refusal() {
        let wire = Tripwire::default();
        assert!(wire.tripped().is_none());
        for body in ["first", "second"] {
            wire.trip(Snapshot {
                status: StatusCode::UNAUTHORIZED,
                headers: HeaderMap::new(),
                body: Bytes::from(body),
            });
        }
        let again = wire.tripped().unwrap();
        assert_eq!(again.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(again.bytes().await.unwrap(), "first");
    }
}
