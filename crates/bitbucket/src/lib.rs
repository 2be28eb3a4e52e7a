//! Rust SDK for Bitbucket Cloud REST 2.0 and Bitbucket Data Center REST.
//!
//! This is the crate to depend on. It re-exports the shared core (credentials, errors, retry
//! policy, paginators) at the top level, the Cloud client as [`cloud`] (feature `cloud`) and the
//! Data Center client as [`dc`] (feature `dc`); both features are on by default.
//!
//! ```no_run
//! # async fn demo() -> Result<(), bitbucket::Error> {
//! use bitbucket::Credentials;
//!
//! // Data Center, with an HTTP access token sent as Bearer.
//! let dc = bitbucket::dc::Client::builder("https://bitbucket.example.com")
//!     .credentials(Credentials::bearer("token"))
//!     .build()?;
//!
//! // Cloud, with an Atlassian API token sent as Basic with the account email.
//! let cloud = bitbucket::cloud::Client::builder()
//!     .credentials(Credentials::api_token("me@example.com", "token"))
//!     .build()?;
//! # let _ = (dc, cloud); Ok(()) }
//! ```

pub use bitbucket_core::*;

/// Bitbucket Cloud REST 2.0 client, generated from the OpenAPI spec (feature `cloud`).
#[cfg(feature = "cloud")]
pub use bitbucket_cloud as cloud;

/// Bitbucket Data Center client, hand-written and typed (feature `dc`).
#[cfg(feature = "dc")]
pub use bitbucket_dc as dc;
