//! Rust SDK for Bitbucket Cloud REST 2.0 and Bitbucket Data Center REST.
//!
//! This is the crate to depend on. The Cloud client is [`cloud`] (feature `cloud`), the Data
//! Center client [`dc`] (feature `dc`); both features are on by default. To compile only the
//! Cloud operations you call, turn the defaults off and pick groups instead of `cloud`: one
//! feature per API tag, such as `cloud-repositories`, `cloud-pullrequests`, `cloud-pipelines`
//! or `cloud-workspaces` (the manifest lists them all; the models are always there).
//! TLS comes from `rustls` (default, with *ring*) or `native-tls`; `http2` adds HTTP/2 beside
//! HTTP/1.1.
//!
//! Both clients speak one vocabulary: `page_size`/`max_items`/`stream()`/`pages()` on listings,
//! `build_request()` and `.await` on every builder, `raw()`, `rate_limit_state()` and `stats()`
//! on the client, `configure(f)` on the builder for any other core setting, `stream_bytes()` for
//! downloads.
//!
//! The shared types sit at the top level: [`Credentials`], [`Error`] and [`Result`],
//! [`RetryPolicy`], [`RateLimit`], [`PageOptions`], [`Secret`], [`ByteStream`]. Everything
//! else of the shared core (transport, paginators, encoders, fan-out, the HTTP client crate)
//! is under [`core`]; timestamps are [`chrono`] types and streams [`futures`] streams.
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
#![cfg_attr(docsrs, feature(doc_cfg))]

pub use bitbucket_core::{
    ByteStream, Credentials, CredentialsProvider, Error, PageOptions, RateLimit, RateLimitState,
    Result, RetryPolicy, Secret, Stats,
};

/// The shared core: transport and its builder, paginators, page types, percent-encoding,
/// fan-out, raw calls, multipart bodies, and the HTTP client crate (`core::reqwest`).
pub use bitbucket_core as core;

/// Re-export of `chrono`: every timestamp the SDK decodes is a `chrono::DateTime<chrono::Utc>`.
pub use chrono;

/// Re-export of the stream and future combinators (`futures-util`, which the `futures` crate
/// re-exports): listings are `futures::Stream`s (`TryStreamExt` and friends).
pub use futures;

/// Bitbucket Cloud REST 2.0 client, generated from the OpenAPI spec (feature `cloud`, or
/// `cloud-<group>` for some operation groups).
#[cfg(feature = "cloud-client")]
#[cfg_attr(docsrs, doc(cfg(feature = "cloud-client")))]
pub use bitbucket_cloud as cloud;

/// Bitbucket Data Center client, hand-written and typed (feature `dc`).
#[cfg(feature = "dc")]
#[cfg_attr(docsrs, doc(cfg(feature = "dc")))]
pub use bitbucket_dc as dc;

/// Atlassian SCIM user provisioning: find people by email, deactivate accounts (feature
/// `scim`).
#[cfg(feature = "scim")]
#[cfg_attr(docsrs, doc(cfg(feature = "scim")))]
pub use bitbucket_scim as scim;

/// Webhooks: signature verification, typed Cloud and Data Center events and, with feature
/// `webhooks-axum`, an axum extractor (feature `webhooks`).
#[cfg(feature = "webhooks")]
#[cfg_attr(docsrs, doc(cfg(feature = "webhooks")))]
pub use bitbucket_webhooks as webhooks;

/// The repository README's first calls, compiled as doc tests so they stay correct.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct Readme;

/// The one-SDK guide (`docs/one-sdk.md`), compiled as doc tests so its calls stay correct.
#[cfg(doctest)]
#[doc = include_str!("../../../docs/one-sdk.md")]
struct OneSdk;
