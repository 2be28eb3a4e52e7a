//! Bitbucket Cloud REST 2.0: every operation of the API, generated from the OpenAPI spec with
//! progenitor and wired to `bitbucket-core` for credentials, retries, rate limits, tracing and
//! errors.
//!
//! ```no_run
//! # async fn demo() -> bitbucket_cloud::Result<()> {
//! use bitbucket_cloud::prelude::*;
//! use bitbucket_cloud::Credentials;
//! use futures::TryStreamExt;
//!
//! let cloud = bitbucket_cloud::Client::builder()
//!     .credentials(Credentials::api_token("me@example.com", "token"))
//!     .build()?;
//! let members: Vec<_> = cloud
//!     .list_workspace_members()
//!     .workspace("acme")
//!     .stream()
//!     .try_collect()
//!     .await?;
//! # Ok(()) }
//! ```

mod client;
pub mod extra;
#[allow(
    missing_docs,
    clippy::all,
    unused_imports,
    unused_comparisons,
    dead_code
)]
mod generated;
mod wiring;

/// Re-export of the `futures` crate the streams are built with (`TryStreamExt` and friends).
pub use futures;

pub use bitbucket_core::{CloudPage, Credentials, Error, PageOptions, Result, RetryPolicy};
pub use client::{ClientBuilder, DEFAULT_BASE_URL};
pub use generated::{Client, builder, prelude, types};

/// A response body delivered chunk by chunk as it arrives (downloads, diffs, logs).
pub type ByteStream = futures::stream::BoxStream<'static, Result<bytes::Bytes>>;

/// The examples of `docs/cloud.md`, compiled (and the runnable ones run) as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../../docs/cloud.md")]
struct CloudGuide;
