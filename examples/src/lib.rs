//! Shared code of the example jobs built on the Bitbucket SDK.
//!
//! Each binary in `src/bin/` is a thin command-line wrapper around a module here, so the same
//! logic runs in the binaries, in the end-to-end tests (against `bitbucket-fake`) and in the
//! benchmarks:
//!
//! - [`token_audit`]: every Data Center user and their HTTP access tokens, as CSV or JSON;
//! - [`workspace_access`]: every member of a Cloud workspace and every explicit repository
//!   user permission;
//! - [`offboard`]: plan and remove one person's explicit repository and project permissions
//!   across a Cloud workspace;
//! - [`offboard_account`]: resolve that person's email through Atlassian SCIM and deactivate
//!   the account.

pub mod common;
pub mod offboard;
pub mod offboard_account;
pub mod token_audit;
pub mod workspace_access;

pub use common::{Connection, JobError};

// The cookbook and the fake's README are compiled and run as doctests of this crate, which
// depends on both the SDK and `bitbucket-fake`.
#[cfg(doctest)]
#[doc = include_str!("../../docs/cookbook.md")]
struct Cookbook;

#[cfg(doctest)]
#[doc = include_str!("../../crates/bitbucket-fake/README.md")]
struct FakeReadme;

#[cfg(doctest)]
#[doc = include_str!("../../docs/offboarding.md")]
struct Offboarding;
