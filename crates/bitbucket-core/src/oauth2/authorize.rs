//! The authorization-code flow's first step: the URL a person opens, with `state` and PKCE.

use base64::Engine as _;
use sha2::{Digest as _, Sha256};
use url::Url;

use super::TokenEndpoint;
use crate::auth::Secret;

/// Characters a PKCE verifier and a `state` are drawn from (RFC 7636 "unreserved").
const UNRESERVED: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

/// `len` characters of [`UNRESERVED`], uniformly drawn from the OS random source (bytes at or
/// above the largest multiple of the alphabet's size are discarded, so no character is favoured).
fn random_string(len: usize) -> String {
    let limit = (256 / UNRESERVED.len() * UNRESERVED.len()) as u8;
    let mut out = String::with_capacity(len);
    let mut buf = [0u8; 64];
    while out.len() < len {
        getrandom::getrandom(&mut buf).expect("the OS random source is available");
        out.extend(
            buf.iter()
                .filter(|b| **b < limit)
                .map(|b| char::from(UNRESERVED[usize::from(*b) % UNRESERVED.len()]))
                .take(len - out.len()),
        );
    }
    out
}

/// The S256 code challenge of a PKCE verifier: base64url (no padding) of its SHA-256.
pub fn pkce_challenge(verifier: &str) -> String {
    let digest = Sha256::digest(verifier.as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest)
}

/// An authorize URL to send a person to, and what to keep until the redirect comes back.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct AuthorizeRequest {
    /// Open this in the browser.
    pub url: Url,
    /// Compare with the `state` of the redirect before exchanging its code.
    pub state: String,
    /// Pass to [`TokenEndpoint::exchange_code`] when the endpoint uses PKCE.
    pub pkce_verifier: Option<Secret>,
}

impl TokenEndpoint {
    /// Builds the authorize URL (`response_type=code`) with a fresh random `state` and, when
    /// the endpoint uses PKCE (Data Center), a fresh S256 challenge. `scopes` are joined with
    /// spaces; leave them empty for Cloud, whose consumers carry their scopes.
    pub fn authorize(&self, redirect_uri: Option<&str>, scopes: &[&str]) -> AuthorizeRequest {
        let state = random_string(32);
        let verifier = self.pkce.then(|| random_string(64));
        let mut url = self.authorize_url.clone();
        {
            let mut q = url.query_pairs_mut();
            q.append_pair("response_type", "code")
                .append_pair("client_id", &self.client_id);
            if let Some(r) = redirect_uri {
                q.append_pair("redirect_uri", r);
            }
            if !scopes.is_empty() {
                q.append_pair("scope", &scopes.join(" "));
            }
            q.append_pair("state", &state);
            if let Some(v) = &verifier {
                q.append_pair("code_challenge", &pkce_challenge(v))
                    .append_pair("code_challenge_method", "S256");
            }
        }
        AuthorizeRequest {
            url,
            state,
            pkce_verifier: verifier.map(Secret::new),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7636_appendix_b_vector() {
        assert_eq!(
            pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn verifiers_are_long_unreserved_and_fresh() {
        let a = random_string(64);
        assert_eq!(a.len(), 64);
        assert!(a.bytes().all(|b| UNRESERVED.contains(&b)));
        assert_ne!(a, random_string(64));
    }
}
