//! An axum extractor that verifies and decodes a delivery in one step (feature `axum`).
//!
//! The handler's state must yield a [`Verifier`] through [`FromRef`] (a `Verifier` as the
//! whole state works). A wrong, missing or foreign-algorithm signature is answered with 401
//! before the body is decoded; a body over the verifier's limit with 413; a missing event
//! key, an unreadable body or a payload that does not decode with 400.
//!
//! ```no_run
//! use axum::{Router, routing::post};
//! use bitbucket_webhooks::{Verifier, WebhookEvent, axum::Webhook, cloud};
//!
//! async fn hook(hook: Webhook<cloud::Event>) -> &'static str {
//!     println!("{}", hook.event.key());
//!     "ok"
//! }
//!
//! let app: Router = Router::new()
//!     .route("/hooks/bitbucket", post(hook))
//!     .with_state(Verifier::new("s3cret"));
//! ```

use axum::extract::{FromRef, FromRequest, Request};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use http_body_util::{BodyExt, LengthLimitError, Limited};

use crate::{
    EVENT_KEY_HEADER, REQUEST_ID_HEADERS, ReceiveError, SIGNATURE_HEADER, Verifier, VerifyError,
    WebhookEvent, receive,
};

/// A verified delivery: the decoded event, its delivery id and the raw body.
#[derive(Debug, Clone)]
pub struct Webhook<E> {
    /// The decoded event.
    pub event: E,
    /// The delivery id (`X-Request-UUID` on Cloud, `X-Request-Id` on Data Center), if sent.
    pub request_id: Option<String>,
    /// The body exactly as received (the bytes the signature covers).
    pub body: Bytes,
}

/// Why the extractor refused a request; answers with the matching status and a short reason.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookRejection {
    /// Signature, event key or payload problems.
    #[error(transparent)]
    Refused(#[from] ReceiveError),
    /// The body could not be read.
    #[error("the request body could not be read")]
    UnreadableBody,
}

impl WebhookRejection {
    /// The status this rejection answers with.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::Refused(ReceiveError::Verify(VerifyError::BodyTooLarge { .. })) => {
                StatusCode::PAYLOAD_TOO_LARGE
            }
            Self::Refused(ReceiveError::Verify(_)) => StatusCode::UNAUTHORIZED,
            Self::Refused(_) | Self::UnreadableBody => StatusCode::BAD_REQUEST,
        }
    }
}

impl IntoResponse for WebhookRejection {
    fn into_response(self) -> Response {
        (self.status(), self.to_string()).into_response()
    }
}

impl<S, E> FromRequest<S> for Webhook<E>
where
    S: Send + Sync,
    E: WebhookEvent,
    Verifier: FromRef<S>,
{
    type Rejection = WebhookRejection;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let verifier = Verifier::from_ref(state);
        let (parts, body) = req.into_parts();
        let limit = verifier.body_limit();
        if let Some(len) = header(&parts.headers, "content-length").and_then(|v| v.parse().ok()) {
            verifier.check_len(len).map_err(ReceiveError::from)?;
        }
        let body = match Limited::new(body, limit).collect().await {
            Ok(collected) => collected.to_bytes(),
            Err(e) if e.is::<LengthLimitError>() => {
                let too_large = VerifyError::BodyTooLarge {
                    len: limit.saturating_add(1),
                    limit,
                };
                return Err(ReceiveError::from(too_large).into());
            }
            Err(_) => return Err(WebhookRejection::UnreadableBody),
        };
        let event = receive(
            &verifier,
            header(&parts.headers, EVENT_KEY_HEADER),
            header(&parts.headers, SIGNATURE_HEADER),
            &body,
        )?;
        let request_id = REQUEST_ID_HEADERS
            .iter()
            .find_map(|name| header(&parts.headers, name))
            .map(str::to_owned);
        Ok(Self {
            event,
            request_id,
            body,
        })
    }
}

/// A header's value as text, if present and printable.
fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}
