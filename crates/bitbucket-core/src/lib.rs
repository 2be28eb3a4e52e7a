//! Shared core of the Bitbucket SDK: credentials, the HTTP transport with retries and rate
//! limits, one error type, percent-encoding and paginated `Stream`s.
//!
//! It knows no endpoint: `bitbucket-cloud` and `bitbucket-dc` build on it, and most users reach
//! it through the `bitbucket` facade.
//!
//! ```no_run
//! # async fn demo() -> Result<(), bitbucket_core::Error> {
//! use bitbucket_core::{Client, Credentials};
//! let client = Client::builder("https://api.bitbucket.org/2.0")
//!     .credentials(Credentials::api_token("me@example.com", "token"))
//!     .build()?;
//! let me: serde_json::Value = client.raw().get("user").await?;
//! # Ok(()) }
//! ```

pub mod auth;
mod builder_setters;
pub mod byte_stream;
pub mod decode;
pub mod encode;
pub mod error;
mod fail_fast;
pub mod fanout;
pub mod multipart;
pub mod oauth2;
pub mod page;
pub mod pagination;
pub mod rate_limit;
pub mod raw;
pub mod retry;
pub mod task;
#[cfg(feature = "rustls")]
pub mod tls;
pub mod transport;

pub use auth::{BasicKind, Credentials, CredentialsProvider, Secret};
pub use byte_stream::ByteStream;
pub use error::{Error, PaginationFault, ResponseError, Result};
pub use page::{CloudPage, DcPage};
pub use pagination::PageOptions;
pub use rate_limit::{RateLimit, RateLimitState};
pub use retry::RetryPolicy;
pub use transport::{Api, Client, ClientBuilder, ExecOptions, Stats};

/// Re-export of the HTTP client crate the SDK is built on.
pub use reqwest;

/// The `docs/` pages of the repository, compiled as doctests so their examples stay correct.
#[cfg(doctest)]
pub mod docs {
    #[doc = include_str!("../README.md")]
    pub struct Readme;
    #[doc = include_str!("../../../docs/credentials.md")]
    pub struct Credentials;
    #[doc = include_str!("../../../docs/pagination.md")]
    pub struct Pagination;
    #[doc = include_str!("../../../docs/retries-and-rate-limits.md")]
    pub struct Retries;
    #[doc = include_str!("../../../docs/errors.md")]
    pub struct Errors;
}
