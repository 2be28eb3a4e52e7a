//! Verifying and decoding a delivery in one step, independent of any web framework.

use crate::{ParseError, Verifier, VerifyError, WebhookEvent};

/// The header naming the event (`repo:push`, `pr:opened`, ...).
pub const EVENT_KEY_HEADER: &str = "X-Event-Key";

/// Headers carrying a delivery's id: `X-Request-UUID` (Cloud) and `X-Request-Id` (Data Center).
pub const REQUEST_ID_HEADERS: [&str; 2] = ["X-Request-UUID", "X-Request-Id"];

/// Why a delivery was refused.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReceiveError {
    /// The signature is missing or wrong, or the body is too large.
    #[error(transparent)]
    Verify(#[from] VerifyError),
    /// The request has no `X-Event-Key` header.
    #[error("the request carries no {EVENT_KEY_HEADER} header")]
    MissingEventKey,
    /// The body does not decode as the announced event.
    #[error(transparent)]
    Parse(#[from] ParseError),
}

/// Verifies a delivery's signature, then decodes its body as the event its key names.
///
/// `event_key` and `signature` are the values of `X-Event-Key` and `X-Hub-Signature`
/// (`None` when absent). Nothing is decoded unless the signature matches.
pub fn receive<E: WebhookEvent>(
    verifier: &Verifier,
    event_key: Option<&str>,
    signature: Option<&str>,
    body: &[u8],
) -> Result<E, ReceiveError> {
    verifier.verify(signature, body)?;
    let key = event_key.ok_or(ReceiveError::MissingEventKey)?;
    Ok(E::parse(key, body)?)
}
