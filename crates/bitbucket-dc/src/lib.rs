//! A typed, hand-written client for the Bitbucket Data Center REST API (10.x).
//!
//! Built on `bitbucket-core`: the same builder, credentials, retries, limiter, tracing and
//! error type as the Cloud client.
//!
//! # Shape
//! One pattern everywhere: [`Client`] hands out area handlers, handlers hand out request
//! builders, and every builder can
//! - `build_request()`: the `reqwest::Request` it would send, without sending it;
//! - `send()`: send and decode (awaiting a non-paged builder directly does the same);
//! - for paged lists: `stream()` (items), `pages()`, `page_size(n)`, `max_items(n)`, `start(n)`.
//!
//! ```no_run
//! # async fn demo() -> bitbucket_dc::Result<()> {
//! use bitbucket_dc::{Client, Credentials, RepoPermission, futures::TryStreamExt};
//! let dc = Client::builder("https://bitbucket.example.com")
//!     .credentials(Credentials::bearer("http-access-token"))
//!     .build()?;
//! let tokens: Vec<_> = dc.user("jdoe").access_tokens().list().stream().try_collect().await?;
//! println!("{} tokens", tokens.len());
//! # let _ = RepoPermission::Write;
//! # Ok(()) }
//! ```
//!
//! # Base URL
//! [`Client::builder`] takes the server URL (`https://host` or `https://host/context`) and sends
//! requests to `{base}/rest/...`; a URL that already ends in `/rest` is used as is.
//! [`Client::builder_with_rest_root`] takes the REST root itself (mock servers).
//!
//! # Coverage
//! Every implemented operation is declared once, with its method and spec path, in the module
//! that implements it; [`endpoints`] lists them all and `cargo xtask coverage` compares them
//! with the spec.

mod client;
pub mod common;
pub mod enums;
pub mod ledger;
#[cfg(test)]
mod model_sweep;
mod params;
pub mod request;
mod scope;
pub mod timestamp;
mod tolerant;

ledger::endpoint_modules! {
    pub mod access_tokens;
    pub mod admin;
    pub mod auth_config;
    pub mod branch_permissions;
    pub mod branches;
    pub mod builds;
    pub mod commits;
    pub mod content;
    pub mod default_reviewers;
    pub mod default_tasks;
    pub mod insights;
    pub mod integrations;
    pub mod keys;
    pub mod migration;
    pub mod mirroring;
    pub mod permissions;
    pub mod projects;
    pub mod pull_requests;
    pub mod repo_extras;
    pub mod repos;
    pub mod secret_scanning;
    pub mod settings;
    pub mod signing;
    pub mod system;
    pub mod users;
    pub mod webhooks;
}

/// Every operation this crate implements (method, spec path template, area), each once.
pub fn endpoints() -> &'static [ledger::Endpoint] {
    ENDPOINTS
}

/// The Data Center guide (`docs/data-center.md`), compiled so its examples stay correct.
#[doc = include_str!("../../../docs/data-center.md")]
pub mod guide {}

pub use bitbucket_core::{
    ByteStream, Credentials, DcPage as Page, Error, PageOptions, Result, RetryPolicy, Secret,
    encode,
};
pub use client::{Client, ClientBuilder};
pub use common::{
    DetailedUser, Group, Link, Links, NamedLink, Permitted, PermittedGroup, PermittedUser, Project,
    User,
};
pub use enums::{
    GlobalPermission, Permission, ProjectPermission, ProjectType, RepoPermission, UserType,
};

/// Re-export of `bitbucket-core`.
pub use bitbucket_core as core;
/// Re-export of `chrono` (timestamps are `chrono::DateTime<chrono::Utc>`).
pub use chrono;
/// Re-export of `futures` (for `TryStreamExt` on listings).
pub use futures;
