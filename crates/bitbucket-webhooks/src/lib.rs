//! Bitbucket webhooks for Cloud and Data Center: signature verification and typed events.
//!
//! - [`Verifier`] checks the `X-Hub-Signature: sha256=<hex>` header both products send when a
//!   webhook has a secret, with typed [`VerifyError`]s for each way a delivery can be wrong.
//! - [`cloud::Event`] and [`dc::Event`] decode a body by its `X-Event-Key`; payload entities
//!   are the SDK's own API models, and keys not modelled become `Unknown { key, body }`.
//! - [`receive`] does both in one call; with the `axum` feature, [`axum::Webhook`] is an
//!   extractor that does the same and answers 401 when the signature is wrong.
//!
//! ```
//! use bitbucket_webhooks::{Verifier, WebhookEvent, dc, receive};
//! let verifier = Verifier::new("s3cret");
//! let body = br#"{"eventKey": "repo:modified", "new": {"slug": "renamed", "name": "renamed"}}"#;
//! let signature = verifier.sign(body);
//! let event: dc::Event = receive(&verifier, Some("repo:modified"), Some(&signature), body)?;
//! assert_eq!(event.key(), "repo:modified");
//! # Ok::<(), bitbucket_webhooks::ReceiveError>(())
//! ```

#[cfg(feature = "axum")]
pub mod axum;
pub mod cloud;
pub mod dc;
mod event;
mod receive;
mod verify;

pub use event::{ParseError, WebhookEvent};
pub use receive::{EVENT_KEY_HEADER, REQUEST_ID_HEADERS, ReceiveError, receive};
pub use verify::{
    DEFAULT_MAX_BODY_BYTES, SIGNATURE_HEADER, SIGNATURE_PREFIX, Verifier, VerifyError,
};
