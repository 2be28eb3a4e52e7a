//! The `workspace` and `repo_slug` path parameters the hand-written builders share, checked as
//! the generated builders check theirs.

use bitbucket_core::encode::segment;
use bitbucket_core::{Error, Result};

/// A required path parameter: unset until its setter is called.
pub(super) fn required<'v>(value: &'v Option<String>, op: &str, name: &str) -> Result<&'v str> {
    value.as_deref().ok_or_else(|| Error::InvalidInput {
        message: format!("{op}: required parameter `{name}` is not set (call .{name}(...))"),
    })
}

/// The repository a builder targets.
#[derive(Debug, Clone, Default)]
pub(super) struct RepoTarget {
    pub(super) workspace: Option<String>,
    pub(super) repo_slug: Option<String>,
}

impl RepoTarget {
    /// `repositories/{workspace}/{repo_slug}`, each segment percent-encoded.
    pub(super) fn path(&self, op: &str) -> Result<String> {
        Ok(format!(
            "repositories/{}/{}",
            segment(required(&self.workspace, op, "workspace")?)?,
            segment(required(&self.repo_slug, op, "repo_slug")?)?
        ))
    }
}

/// Adds the `workspace` and `repo_slug` setters to builders with a `target: RepoTarget` field,
/// and `.await` doing what `send()` does.
macro_rules! repo_setters {
    ($($builder:ident => $output:ty),+ $(,)?) => {
        $(
            impl $builder<'_> {
                /// Sets `workspace` (slug or UUID in braces).
                pub fn workspace(mut self, value: impl Into<String>) -> Self {
                    self.target.workspace = Some(value.into());
                    self
                }

                /// Sets `repo_slug` (slug or UUID in braces).
                pub fn repo_slug(mut self, value: impl Into<String>) -> Self {
                    self.target.repo_slug = Some(value.into());
                    self
                }
            }

            impl<'a> ::std::future::IntoFuture for $builder<'a> {
                type Output = ::bitbucket_core::Result<$output>;
                type IntoFuture = ::futures::future::BoxFuture<'a, Self::Output>;
                fn into_future(self) -> Self::IntoFuture {
                    ::std::boxed::Box::pin(self.send())
                }
            }
        )+
    };
}
pub(super) use repo_setters;
