//! OAuth 2 for Bitbucket Cloud consumers and Data Center incoming application links.
//!
//! - [`TokenEndpoint`] knows the token and authorize URLs and the client's id and secret, and
//!   runs the grants: client credentials (Cloud only), authorization code (with PKCE on Data
//!   Center) and refresh.
//! - [`TokenEndpoint::authorize`] builds the URL a person opens, with `state` and PKCE.
//! - [`OAuth2`] plugs into a client as its [`CredentialsProvider`](crate::CredentialsProvider):
//!   tokens refresh themselves before they expire and after a 401, one token request at a
//!   time, and a hook sees every new token set so a rotated refresh token can be stored.
//! - A refused token request is [`Error::OAuth`](crate::Error::OAuth) with the RFC 6749 code.
//!
//! Client secrets, access and refresh tokens are [`Secret`](crate::Secret)s: never in `Debug`,
//! errors or logs.
//!
//! ```no_run
//! # async fn demo() -> Result<(), bitbucket_core::Error> {
//! use std::sync::Arc;
//! use bitbucket_core::oauth2::{OAuth2, TokenEndpoint};
//! let endpoint = TokenEndpoint::data_center("https://bitbucket.example.com", "id", "secret")?;
//! let request = endpoint.authorize(Some("https://app.example.com/callback"), &["REPO_READ"]);
//! println!("open {}", request.url);
//! // ... the browser comes back to the callback with `code` and `state` ...
//! # let (code, state) = ("c", request.state.clone());
//! assert_eq!(state, request.state);
//! let tokens = endpoint
//!     .exchange_code(code, Some("https://app.example.com/callback"), request.pkce_verifier.as_ref())
//!     .await?;
//! let provider = OAuth2::from_tokens(endpoint, tokens)
//!     .on_token(|t| { /* store t.refresh_token somewhere safe */ let _ = t; });
//! let client = bitbucket_core::Client::builder("https://bitbucket.example.com/rest")
//!     .credentials_provider(Arc::new(provider))
//!     .build()?;
//! # Ok(()) }
//! ```

mod authorize;
mod endpoint;
mod provider;

pub use authorize::{AuthorizeRequest, pkce_challenge};
pub use endpoint::{
    CLOUD_AUTHORIZE_URL, CLOUD_TOKEN_URL, ClientAuth, DC_AUTHORIZE_PATH, DC_TOKEN_PATH,
    TokenEndpoint, TokenSet,
};
pub use provider::{OAuth2, TokenHook};
