//! Resources that exist once per project and once per repository (webhooks, settings, access
//! keys, branch permissions, default reviewers, default tasks).

use crate::ledger::Endpoint;
use crate::request::Parts;

/// Starts a request on the endpoint matching the scope, given as `[project, repository]`: the
/// project endpoint when `repo_slug` is `None`, the repository one otherwise.
pub(crate) fn project_or_repo(
    client: &bitbucket_core::Client,
    [project, repo]: [Endpoint; 2],
    project_key: &str,
    repo_slug: Option<&str>,
) -> Parts {
    match repo_slug {
        None => Parts::new(client, project).param("projectKey", project_key),
        Some(slug) => Parts::new(client, repo)
            .param("projectKey", project_key)
            .param("repositorySlug", slug),
    }
}
