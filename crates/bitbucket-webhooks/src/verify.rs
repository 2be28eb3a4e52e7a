//! Signature verification: HMAC-SHA256 over the raw body, as both products send it.
//!
//! With a secret set on the webhook, Bitbucket Cloud and Data Center send
//! `X-Hub-Signature: sha256=<hex digest>` computed over the exact body bytes. [`Verifier`]
//! recomputes the digest and compares through the MAC crate's constant-time check.

use std::fmt;

use bitbucket_core::Secret;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The header carrying the body's signature.
pub const SIGNATURE_HEADER: &str = "X-Hub-Signature";

/// The only signature scheme accepted, as the prefix of the header value.
pub const SIGNATURE_PREFIX: &str = "sha256=";

/// Body size refused by default: 10 MiB, above any event either product documents.
pub const DEFAULT_MAX_BODY_BYTES: usize = 10 * 1024 * 1024;

type HmacSha256 = Hmac<Sha256>;

/// Why a delivery's signature was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// The request has no `X-Hub-Signature` header.
    #[error("the request carries no {SIGNATURE_HEADER} header")]
    MissingSignature,
    /// The header is not `sha256=` followed by 64 hexadecimal digits.
    #[error("the {SIGNATURE_HEADER} header is not `sha256=` followed by 64 hex digits")]
    MalformedSignature,
    /// The header names another algorithm (such as `sha1=`).
    #[error("the {SIGNATURE_HEADER} header uses `{algorithm}`, only sha256 is accepted")]
    UnsupportedAlgorithm {
        /// The algorithm name before `=`.
        algorithm: String,
    },
    /// The body is larger than the configured limit.
    #[error("the body has {len} bytes, over the limit of {limit}")]
    BodyTooLarge {
        /// Body length in bytes.
        len: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// The signature does not match the body and secret.
    #[error("the signature does not match the body")]
    Mismatch,
}

/// Checks `X-Hub-Signature` headers against a webhook secret.
///
/// `Debug` never prints the secret.
///
/// ```
/// use bitbucket_webhooks::Verifier;
/// let verifier = Verifier::new("s3cret");
/// let body = br#"{"test":true}"#;
/// let header = verifier.sign(body);
/// assert!(verifier.verify(Some(&header), body).is_ok());
/// assert!(verifier.verify(Some(&header), b"{}").is_err());
/// ```
#[derive(Clone)]
pub struct Verifier {
    secret: Secret,
    max_body_bytes: usize,
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("secret", &self.secret)
            .field("max_body_bytes", &self.max_body_bytes)
            .finish()
    }
}

impl Verifier {
    /// A verifier for the secret set on the webhook, refusing bodies over
    /// [`DEFAULT_MAX_BODY_BYTES`].
    pub fn new(secret: impl Into<Secret>) -> Self {
        Self {
            secret: secret.into(),
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
        }
    }

    /// Sets the largest body accepted, in bytes.
    pub fn max_body_bytes(mut self, limit: usize) -> Self {
        self.max_body_bytes = limit;
        self
    }

    /// The largest body accepted, in bytes.
    pub fn body_limit(&self) -> usize {
        self.max_body_bytes
    }

    /// Checks a body against the value of its `X-Hub-Signature` header (`None` when absent).
    ///
    /// Accepts upper- or lower-case hex digits; compares in constant time.
    pub fn verify(&self, signature: Option<&str>, body: &[u8]) -> Result<(), VerifyError> {
        self.check_len(body.len())?;
        let expected = parse_signature(signature)?;
        let mut mac = self.mac();
        mac.update(body);
        mac.verify_slice(&expected)
            .map_err(|_| VerifyError::Mismatch)
    }

    /// Refuses a length over the limit (useful before reading a body of known length).
    pub fn check_len(&self, len: usize) -> Result<(), VerifyError> {
        if len > self.max_body_bytes {
            return Err(VerifyError::BodyTooLarge {
                len,
                limit: self.max_body_bytes,
            });
        }
        Ok(())
    }

    /// The `X-Hub-Signature` value Bitbucket would send for this body (`sha256=<lower hex>`).
    pub fn sign(&self, body: &[u8]) -> String {
        let mut mac = self.mac();
        mac.update(body);
        format!(
            "{SIGNATURE_PREFIX}{}",
            hex::encode(mac.finalize().into_bytes())
        )
    }

    fn mac(&self) -> HmacSha256 {
        // HMAC takes keys of any length, so this cannot fail.
        HmacSha256::new_from_slice(self.secret.expose().as_bytes())
            .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"))
    }
}

/// Splits `algorithm=hex` and decodes the digest.
fn parse_signature(header: Option<&str>) -> Result<Vec<u8>, VerifyError> {
    let value = header.ok_or(VerifyError::MissingSignature)?.trim();
    let (algorithm, digest) = value
        .split_once('=')
        .ok_or(VerifyError::MalformedSignature)?;
    if !algorithm.eq_ignore_ascii_case("sha256") {
        if !algorithm.is_empty() && algorithm.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(VerifyError::UnsupportedAlgorithm {
                algorithm: algorithm.to_owned(),
            });
        }
        return Err(VerifyError::MalformedSignature);
    }
    if digest.len() != 64 {
        return Err(VerifyError::MalformedSignature);
    }
    hex::decode(digest).map_err(|_| VerifyError::MalformedSignature)
}
