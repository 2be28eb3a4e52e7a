//! Where a resource lives: the whole server, one user, one project or one repository.
//!
//! Many resources exist once per project and once per repository (webhooks, permissions,
//! settings, access keys, branch permissions, default reviewers, default tasks), some also per
//! user or server-wide (access tokens, secret scanning). Their handlers hold a [`Scope`] and
//! start each request from a [`Scoped`] table that names the operation's endpoint in every
//! scope offering it; [`Scope::parts`] picks the endpoint and binds the scope's placeholders
//! (`userSlug`, `projectKey`, `repositorySlug`).

use crate::ledger::Endpoint;
use crate::request::Parts;

/// Where a resource lives.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Scope {
    /// The whole server.
    Global,
    /// One user, by slug.
    User(String),
    /// One project, by key.
    Project(String),
    /// One repository, by project key and slug.
    Repository(String, String),
}

/// One operation's endpoint in each scope that offers it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scoped {
    global: Option<Endpoint>,
    user: Option<Endpoint>,
    project: Option<Endpoint>,
    repository: Option<Endpoint>,
}

impl Scoped {
    const NONE: Scoped = Scoped {
        global: None,
        user: None,
        project: None,
        repository: None,
    };

    /// An operation offered per project and per repository.
    pub(crate) const fn project_repo(project: Endpoint, repository: Endpoint) -> Self {
        Scoped {
            project: Some(project),
            repository: Some(repository),
            ..Scoped::NONE
        }
    }

    /// An operation offered per project only.
    pub(crate) const fn project(project: Endpoint) -> Self {
        Scoped {
            project: Some(project),
            ..Scoped::NONE
        }
    }

    /// An operation offered per repository only.
    pub(crate) const fn repo(repository: Endpoint) -> Self {
        Scoped {
            repository: Some(repository),
            ..Scoped::NONE
        }
    }

    /// An operation offered per user, per project and per repository.
    pub(crate) const fn user_project_repo(
        user: Endpoint,
        project: Endpoint,
        repository: Endpoint,
    ) -> Self {
        Scoped {
            user: Some(user),
            project: Some(project),
            repository: Some(repository),
            ..Scoped::NONE
        }
    }

    /// An operation offered server-wide, per project and per repository.
    pub(crate) const fn global_project_repo(
        global: Endpoint,
        project: Endpoint,
        repository: Endpoint,
    ) -> Self {
        Scoped {
            global: Some(global),
            project: Some(project),
            repository: Some(repository),
            ..Scoped::NONE
        }
    }

    /// The endpoint for `scope`; when that scope lacks the operation, the repository one (its
    /// placeholders then stay unfilled and building the request fails with `InvalidInput`).
    fn endpoint(&self, scope: &Scope) -> Endpoint {
        let exact = match scope {
            Scope::Global => self.global,
            Scope::User(_) => self.user,
            Scope::Project(_) => self.project,
            Scope::Repository(..) => self.repository,
        };
        let fallback = [self.repository, self.project, self.user, self.global];
        exact
            .or_else(|| fallback.into_iter().flatten().next())
            .unwrap_or(crate::ledger::Endpoint::new(
                crate::ledger::Method::Get,
                "/{unsupported}",
                crate::ledger::Area::Other,
            ))
    }
}

impl Scope {
    /// Starts a request on `op`'s endpoint for this scope, with the scope's placeholders bound.
    pub(crate) fn parts(&self, client: &bitbucket_core::Client, op: Scoped) -> Parts {
        self.bind(Parts::new(client, op.endpoint(self)))
    }

    /// Starts a request on an endpoint of this scope alone, with the scope's placeholders bound.
    pub(crate) fn start(&self, client: &bitbucket_core::Client, ep: Endpoint) -> Parts {
        self.bind(Parts::new(client, ep))
    }

    /// Binds this scope's placeholders.
    fn bind(&self, parts: Parts) -> Parts {
        match self {
            Scope::Global => parts,
            Scope::User(slug) => parts.param("userSlug", slug.as_str()),
            Scope::Project(key) => parts.param("projectKey", key.as_str()),
            Scope::Repository(key, slug) => parts
                .param("projectKey", key.as_str())
                .param("repositorySlug", slug.as_str()),
        }
    }
}
