//! Bitbucket SDK facade.
pub use bitbucket_core::*;
