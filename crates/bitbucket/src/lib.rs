//! Bitbucket SDK facade.
pub use bitbucket_core::*;

/// Bitbucket Data Center client (feature `dc`).
#[cfg(feature = "dc")]
pub use bitbucket_dc as dc;
