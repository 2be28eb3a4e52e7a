//! Repositories — CRUD, forks, related repositories and labels.
//!
//! Branches and tags live in [`crate::branches`], commits, changes and diffs in
//! [`crate::commits`], file content and archives in [`crate::content`], permissions in
//! [`crate::permissions`] and webhooks in [`crate::webhooks`]. All of them hang off the same
//! repository handle, [`RepoHandle`] (`dc.repo("PRJ", "web")` or `dc.project("PRJ").repo("web")`).
//!
//! ```no_run
//! # async fn demo(dc: bitbucket_dc::Client) -> bitbucket_dc::Result<()> {
//! use bitbucket_dc::{RepoPermission, futures::TryStreamExt};
//! let created = dc.project("PRJ").repos().create("web").default_branch("main").send().await?;
//! let repo = dc.repo("PRJ", &created.slug);
//! repo.permissions().users().grant("jdoe", RepoPermission::Write).send().await?;
//! let forks: Vec<_> = repo.forks().stream().try_collect().await?;
//! repo.labels().add("team-web").send().await?;
//! # let _ = forks; Ok(()) }
//! ```

use serde::{Deserialize, Serialize};

use crate::Client;
use crate::common::{Links, Project};
use crate::enums::{RepoPermission, string_enum};
use crate::ledger::{Endpoint, endpoints};
use crate::params::{body_params, query_params};
use crate::projects::{ProjectHandle, RepoHandle};
use crate::request::{Parts, request_builder};

endpoints! {
    area: Repositories;
    SEARCH = Get "/api/latest/repos";
    RECENT = Get "/api/latest/profile/recent/repos";
    PROJECT_LIST = Get "/api/latest/projects/{projectKey}/repos";
    PROJECT_CREATE = Post "/api/latest/projects/{projectKey}/repos";
    GET = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}";
    FORK = Post "/api/latest/projects/{projectKey}/repos/{repositorySlug}";
    UPDATE = Put "/api/latest/projects/{projectKey}/repos/{repositorySlug}";
    DELETE = Delete "/api/latest/projects/{projectKey}/repos/{repositorySlug}";
    FORKS = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/forks";
    RELATED = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/related";
    LABELS_LIST = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/labels";
    LABELS_ADD = Post "/api/latest/projects/{projectKey}/repos/{repositorySlug}/labels";
    LABELS_REMOVE = Delete "/api/latest/projects/{projectKey}/repos/{repositorySlug}/labels/{labelName}";
    ALL_LABELS = Get "/api/latest/labels";
    LABEL_GET = Get "/api/latest/labels/{labelName}";
    LABEL_LABELED = Get "/api/latest/labels/{labelName}/labeled";
}

// ---------------------------------------------------------------- models

string_enum! {
    /// Lifecycle state of a repository.
    pub enum RepositoryState {
        /// Ready for use.
        Available = "AVAILABLE",
        /// Still being created.
        Initialising = "INITIALISING",
        /// Creation failed.
        InitialisationFailed = "INITIALISATION_FAILED",
        /// Temporarily unavailable.
        Offline = "OFFLINE",
    }
}

/// A repository.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Repository {
    /// Numeric id.
    pub id: Option<i64>,
    /// URL-safe identifier used in paths.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Version control system (`git`).
    pub scm_id: Option<String>,
    /// Lifecycle state.
    pub state: Option<RepositoryState>,
    /// Human-readable state detail.
    pub status_message: Option<String>,
    /// Whether it may be forked.
    pub forkable: Option<bool>,
    /// Whether anonymous users may read it.
    pub public: Option<bool>,
    /// Whether it is archived (read-only).
    pub archived: Option<bool>,
    /// Name of the default branch, when the server includes it.
    pub default_branch: Option<String>,
    /// Identifier shared by a repository and its forks.
    pub hierarchy_id: Option<String>,
    /// Storage partition.
    pub partition: Option<i64>,
    /// Scope marker the server adds (e.g. `REPOSITORY`).
    pub scope: Option<String>,
    /// Owning project.
    pub project: Option<Project>,
    /// The repository this one was forked from.
    pub origin: Option<Box<Repository>>,
    /// Browser and clone links.
    pub links: Links,
}

impl Repository {
    /// The clone URL with this name (`http` or `ssh`).
    pub fn clone_url(&self, name: &str) -> Option<&str> {
        self.links
            .clone
            .iter()
            .find(|l| l.name.as_deref() == Some(name))
            .map(|l| l.href.as_str())
    }
}

/// A reference to a project by key, as request bodies carry it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ProjectKeyRef {
    /// Project key.
    pub key: String,
}

/// Body of repository creation, update and fork: only the fields set are sent.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RepositoryRequest {
    /// Name (the slug is derived from it).
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Version control system (`git`).
    pub scm_id: Option<String>,
    /// Default branch name.
    pub default_branch: Option<String>,
    /// Whether forks are allowed.
    pub forkable: Option<bool>,
    /// Whether anonymous users may read it.
    pub public: Option<bool>,
    /// Archive or unarchive.
    pub archived: Option<bool>,
    /// Target project (move on update, destination on fork).
    pub project: Option<ProjectKeyRef>,
}

/// A repository label.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Label {
    /// Label name.
    pub name: String,
}

/// Something carrying a label (today: repositories).
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Labelable {
    /// Kind of labeled object (`REPOSITORY`).
    pub labelable_type: Option<String>,
    /// The repository fields, when it is one.
    #[serde(flatten)]
    pub repository: Repository,
}

// ---------------------------------------------------------------- handles

/// Repository listings that are not bound to one repository.
#[derive(Debug, Clone)]
pub struct Repos {
    client: bitbucket_core::Client,
}

/// Repositories of one project: list and create.
#[derive(Debug, Clone)]
pub struct ProjectRepos {
    client: bitbucket_core::Client,
    project_key: String,
}

/// Labels across the instance.
#[derive(Debug, Clone)]
pub struct Labels {
    client: bitbucket_core::Client,
}

impl Client {
    /// Repository listings: search, recently accessed, per project.
    pub fn repos(&self) -> Repos {
        Repos {
            client: self.core().clone(),
        }
    }

    /// One repository; the same handle as
    /// `dc.project(key).repo(slug)`.
    pub fn repo(&self, project_key: impl Into<String>, repo_slug: impl Into<String>) -> RepoHandle {
        self.project(project_key).repo(repo_slug)
    }

    /// Labels across the instance.
    pub fn labels(&self) -> Labels {
        Labels {
            client: self.core().clone(),
        }
    }
}

impl Repos {
    /// Searches every repository visible to the caller (paged; filters narrow it).
    pub fn search(&self) -> SearchRepositories {
        SearchRepositories::new(Parts::new(&self.client, SEARCH))
    }

    /// Repositories the caller opened recently (paged).
    pub fn recent(&self) -> RecentRepositories {
        RecentRepositories::new(Parts::new(&self.client, RECENT))
    }
}

impl ProjectHandle {
    /// Repositories of this project: list and create.
    pub fn repos(&self) -> ProjectRepos {
        ProjectRepos {
            client: self.client.clone(),
            project_key: self.key.clone(),
        }
    }
}

impl ProjectRepos {
    fn parts(&self, ep: Endpoint) -> Parts {
        crate::scope::Scope::Project(self.project_key.clone()).start(&self.client, ep)
    }

    /// Lists the project's repositories (paged).
    pub fn list(&self) -> ListRepositories {
        ListRepositories::new(self.parts(PROJECT_LIST))
    }

    /// Creates a repository in the project.
    pub fn create(&self, name: impl Into<String>) -> CreateRepository {
        CreateRepository::new(
            self.parts(PROJECT_CREATE),
            RepositoryRequest {
                name: Some(name.into()),
                scm_id: Some("git".to_owned()),
                ..RepositoryRequest::default()
            },
        )
    }
}

impl RepoHandle {
    /// Starts a request with `projectKey` and `repositorySlug` filled.
    pub(crate) fn parts_for(&self, ep: Endpoint) -> Parts {
        self.scope().start(&self.client, ep)
    }

    /// Gets the repository.
    pub fn get(&self) -> GetRepository {
        GetRepository::new(self.parts_for(GET))
    }

    /// Updates the repository (rename, move, description, ...); only the fields set are sent.
    pub fn update(&self) -> UpdateRepository {
        UpdateRepository::new(self.parts_for(UPDATE), RepositoryRequest::default())
    }

    /// Schedules the repository for deletion.
    pub fn delete(&self) -> DeleteRepository {
        DeleteRepository::new(self.parts_for(DELETE))
    }

    /// Forks the repository (by default into the caller's personal project).
    pub fn fork(&self) -> ForkRepository {
        ForkRepository::new(self.parts_for(FORK), RepositoryRequest::default())
    }

    /// Forks of this repository the caller can see (paged).
    pub fn forks(&self) -> ListRepositories {
        ListRepositories::new(self.parts_for(FORKS))
    }

    /// Repositories of the same fork hierarchy (paged).
    pub fn related(&self) -> ListRelatedRepositories {
        ListRelatedRepositories::new(self.parts_for(RELATED))
    }

    /// Labels of this repository.
    pub fn labels(&self) -> RepoLabels {
        RepoLabels { repo: self.clone() }
    }
}

impl Labels {
    /// Every label (paged).
    pub fn list(&self) -> ListLabels {
        ListLabels::new(Parts::new(&self.client, ALL_LABELS))
    }

    /// One label by name.
    pub fn get(&self, name: impl Into<String>) -> GetLabel {
        GetLabel::new(Parts::new(&self.client, LABEL_GET).param("labelName", name))
    }

    /// Objects carrying a label (paged).
    pub fn labeled(&self, name: impl Into<String>) -> ListLabeled {
        ListLabeled::new(Parts::new(&self.client, LABEL_LABELED).param("labelName", name))
    }
}

/// Labels of one repository.
#[derive(Debug, Clone)]
pub struct RepoLabels {
    repo: RepoHandle,
}

impl RepoLabels {
    /// The repository's labels (paged).
    pub fn list(&self) -> ListLabels {
        ListLabels::new(self.repo.parts_for(LABELS_LIST))
    }

    /// Adds a label.
    pub fn add(&self, name: impl Into<String>) -> AddLabel {
        AddLabel::new(self.repo.parts_for(LABELS_ADD), Label { name: name.into() })
    }

    /// Removes a label.
    pub fn remove(&self, name: impl Into<String>) -> RemoveLabel {
        RemoveLabel::new(self.repo.parts_for(LABELS_REMOVE).param("labelName", name))
    }
}

// ---------------------------------------------------------------- builders

request_builder! {
    /// Searches repositories across projects (paged).
    SearchRepositories => paged Repository;
}

query_params!(SearchRepositories {
    /// Only repositories whose name contains this text.
    name("name"): String;
    /// Only repositories of projects whose name contains this text.
    project_name("projectname"): String;
    /// Only repositories of this project.
    project_key("projectkey"): String;
    /// `public` or `private`.
    visibility("visibility"): String;
    /// Only repositories where the caller holds at least this permission.
    permission("permission"): RepoPermission;
    /// Only repositories in this state.
    state("state"): RepositoryState;
    /// `ACTIVE`, `ARCHIVED` or `ALL`.
    archived("archived"): String;
});

request_builder! {
    /// Repositories the caller opened recently (paged).
    RecentRepositories => paged Repository;
}

query_params!(RecentRepositories {
    /// Only repositories where the caller holds at least this permission.
    permission("permission"): RepoPermission;
});

request_builder! {
    /// Lists repositories (paged).
    ListRepositories => paged Repository;

    /// Lists repositories related by forking (paged).
    ListRelatedRepositories => paged Repository;
}

query_params!(ListRelatedRepositories {
    /// Only repositories where the caller holds at least this permission.
    permission("permission"): RepoPermission;
});

request_builder! {
    /// Creates a repository.
    CreateRepository { body: RepositoryRequest } => json Repository;
}

body_params!(CreateRepository {
    /// Description.
    description: String;
    /// Default branch name.
    default_branch: String;
    /// Whether forks are allowed.
    forkable: bool;
    /// Whether anonymous users may read it.
    public: bool;
    /// Version control system (default `git`).
    scm_id: String;
});

request_builder! {
    /// Gets a repository.
    GetRepository => json Repository;

    /// Updates a repository.
    UpdateRepository { body: RepositoryRequest } => json Repository;
}

body_params!(UpdateRepository {
    /// New name (changes the slug).
    name: String;
    /// New description.
    description: String;
    /// New default branch.
    default_branch: String;
    /// Whether forks are allowed.
    forkable: bool;
    /// Whether anonymous users may read it.
    public: bool;
    /// Archive (`true`) or unarchive (`false`).
    archived: bool;
});

impl UpdateRepository {
    /// Moves the repository to another project.
    pub fn move_to_project(mut self, project_key: impl Into<String>) -> Self {
        self.body.project = Some(ProjectKeyRef {
            key: project_key.into(),
        });
        self
    }
}

request_builder! {
    /// Forks a repository.
    ForkRepository { body: RepositoryRequest } => json Repository;
}

body_params!(ForkRepository {
    /// Name of the fork.
    name: String;
    /// Default branch of the fork.
    default_branch: String;
});

impl ForkRepository {
    /// Project that receives the fork (default: the caller's personal project).
    pub fn project(mut self, project_key: impl Into<String>) -> Self {
        self.body.project = Some(ProjectKeyRef {
            key: project_key.into(),
        });
        self
    }
}

request_builder! {
    /// Schedules a repository for deletion.
    DeleteRepository => empty;

    /// Lists labels (paged).
    ListLabels => paged Label;
}

query_params!(ListLabels {
    /// Only labels starting with this text (instance-wide listing).
    prefix("prefix"): String;
});

request_builder! {
    /// Gets one label.
    GetLabel => json Label;

    /// Lists objects carrying a label (paged).
    ListLabeled => paged Labelable;
}

query_params!(ListLabeled {
    /// Only objects of this kind (`REPOSITORY`).
    labelable_type("type"): String;
});

request_builder! {
    /// Adds a label to a repository.
    AddLabel { body: Label } => json Label;

    /// Removes a label from a repository.
    RemoveLabel => empty;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repository_decodes_tolerantly() {
        let r: Repository = serde_json::from_str(
            r#"{"slug":"web","name":"Web","id":3,"state":"MIGRATING","forkable":true,
                "project":{"key":"PRJ","id":1,"type":"NORMAL"},
                "origin":{"slug":"up","name":"Up"},
                "links":{"clone":[{"href":"ssh://git@h/prj/web.git","name":"ssh"}]},
                "brandNew":[1,2]}"#,
        )
        .unwrap();
        assert_eq!(r.state, Some(RepositoryState::Unknown("MIGRATING".into())));
        assert_eq!(r.project.as_ref().map(|p| p.key.as_str()), Some("PRJ"));
        assert_eq!(r.origin.as_ref().map(|o| o.slug.as_str()), Some("up"));
        assert_eq!(r.clone_url("ssh"), Some("ssh://git@h/prj/web.git"));
        assert_eq!(r.clone_url("http"), None);
    }
}
