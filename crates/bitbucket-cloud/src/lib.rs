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

#![cfg_attr(docsrs, feature(doc_cfg))]

mod client;
pub mod extra;
#[expect(
    clippy::redundant_field_names,
    clippy::result_large_err,
    clippy::derivable_impls,
    clippy::unnecessary_fallible_conversions,
    reason = "the style of progenitor's and typify's output: `client: client` literals, \
              progenitor's error type returned before a request exists, `Default` impls written \
              out, and setters converting through `TryInto` whatever the parameter's type"
)]
// With only some operation groups enabled, imports, helpers and the style expectations above
// serve groups that are compiled out; which ones depends on the set, so they are allowed there.
#[cfg_attr(
    not(feature = "all"),
    allow(unused_imports, dead_code, unfulfilled_lint_expectations)
)]
mod generated;
mod timestamp;
#[cfg_attr(not(feature = "all"), allow(dead_code, unused_macros, unused_imports))]
mod wiring;

/// Re-export of the `futures` crate the streams are built with (`TryStreamExt` and friends).
pub use futures;

/// Re-export of `bitbucket-core`: the transport, encoders, paginators and raw calls.
pub use bitbucket_core as core;
/// Re-export of `chrono` (timestamps are `chrono::DateTime<chrono::Utc>`).
pub use chrono;

pub use bitbucket_core::{
    ByteStream, CloudPage as Page, Credentials, Error, PageOptions, Result, RetryPolicy, Secret,
};
pub use client::{ClientBuilder, DEFAULT_BASE_URL};
pub use generated::{Client, builder, prelude, types};

/// The crate README's example, compiled as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct Readme;

/// The examples of `docs/cloud.md`, compiled (and the runnable ones run) as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../../docs/cloud.md")]
struct CloudGuide;
