//! A typed client for Atlassian's SCIM 2.0 user-provisioning API
//! (`https://api.atlassian.com/scim/directory/{directoryId}`), on the same core as the Bitbucket
//! clients: credentials, retries, limiter, tracing and one error type.
//!
//! Bitbucket Cloud's REST API cannot find a member by email and cannot deactivate an account;
//! SCIM does both, for organizations with Atlassian Guard. The directory's API key goes in
//! `Bearer` ([`ClientBuilder::api_key`]). Users map to Bitbucket through
//! [`User::account_id`], the Atlassian account id Cloud's permission APIs take.
//!
//! ```no_run
//! # async fn demo() -> bitbucket_core::Result<()> {
//! let scim = bitbucket_scim::Client::builder("my-directory-id")
//!     .api_key(std::env::var("BITBUCKET_SCIM_KEY").unwrap_or_default())
//!     .build()?;
//! if let Some(user) = scim.users().find_by_email("jo@example.com").await? {
//!     println!("{:?} is account {:?}", user.display_name, user.account_id());
//! }
//! # Ok(()) }
//! ```
//!
//! SCIM error bodies (`status`, `detail`, `scimType`) become the core's [`Error`] cases: the
//! message is the `detail`, and `scimType` is kept in `ResponseError::scim_type`.

pub mod client;
pub mod discovery;
pub mod filter;
pub mod groups;
pub mod models;
mod request;
pub mod users;

pub use bitbucket_core::{Error, Result};
pub use client::{Client, ClientBuilder, DEFAULT_BASE_URL};
pub use filter::Filter;
pub use models::{Email, Group, Name, PatchOperation, PatchRequest, User};
pub use request::{ItemStream, PageStream};
