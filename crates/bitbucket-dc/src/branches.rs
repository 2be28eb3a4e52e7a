//! Branches, the default branch and tags of a repository.
//!
//! ```no_run
//! # async fn demo(dc: bitbucket_dc::Client) -> bitbucket_dc::Result<()> {
//! use bitbucket_dc::futures::TryStreamExt;
//! let repo = dc.repo("PRJ", "web");
//! let features: Vec<_> = repo.branches().list().filter_text("feature/").stream().try_collect().await?;
//! repo.branches().create("release/1.0", "main").send().await?;
//! repo.branches().delete("feature/old").send().await?;
//! let default = repo.branches().default_branch().send().await?;
//! repo.tags().create_git("v1.0", "main").message("First release").send().await?;
//! # let _ = (features, default); Ok(()) }
//! ```

use serde::{Deserialize, Serialize};

use crate::enums::string_enum;
use crate::ledger::endpoints;
use crate::params::{body_params, query_params};
use crate::projects::RepoHandle;
use crate::request::request_builder;

endpoints! {
    area: Repositories;
    LIST = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/branches";
    CREATE = Post "/api/latest/projects/{projectKey}/repos/{repositorySlug}/branches";
    LEGACY_DEFAULT_GET = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/branches/default";
    LEGACY_DEFAULT_SET = Put "/api/latest/projects/{projectKey}/repos/{repositorySlug}/branches/default";
    DEFAULT_GET = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/default-branch";
    DEFAULT_SET = Put "/api/latest/projects/{projectKey}/repos/{repositorySlug}/default-branch";
    UTILS_CREATE = Post "/branch-utils/latest/projects/{projectKey}/repos/{repositorySlug}/branches";
    UTILS_DELETE = Delete "/branch-utils/latest/projects/{projectKey}/repos/{repositorySlug}/branches";
    UTILS_BY_COMMIT = Get "/branch-utils/latest/projects/{projectKey}/repos/{repositorySlug}/branches/info/{commitId}";
    TAGS_LIST = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/tags";
    TAGS_CREATE = Post "/api/latest/projects/{projectKey}/repos/{repositorySlug}/tags";
    TAGS_GET = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/tags/{name}";
    GIT_TAGS_CREATE = Post "/git/latest/projects/{projectKey}/repos/{repositorySlug}/tags";
    GIT_TAGS_DELETE = Delete "/git/latest/projects/{projectKey}/repos/{repositorySlug}/tags/{name}";
}

// ---------------------------------------------------------------- models

string_enum! {
    /// Kind of git reference.
    pub enum RefType {
        /// A branch.
        Branch = "BRANCH",
        /// A tag.
        Tag = "TAG",
    }
}

/// A branch.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Branch {
    /// Full ref name (`refs/heads/main`).
    pub id: String,
    /// Short name (`main`).
    pub display_id: String,
    /// Kind of ref (`BRANCH`).
    #[serde(rename = "type")]
    pub ref_type: Option<RefType>,
    /// Commit the branch points at, when sent as `latestCommit`; read
    /// [`commit_id`](Self::commit_id), which also covers the older `latestChangeset`.
    pub latest_commit: Option<String>,
    /// The same commit under its older name `latestChangeset` (some servers send only this).
    pub latest_changeset: Option<String>,
    /// Whether it is the repository's default branch. Servers send `isDefault` (written back
    /// under that name); the spec's `default` is read too, alone or next to it.
    /// Source: <https://github.com/cdancy/bitbucket-rest/blob/2c642c0736768649bd7fb0b6ed1f93b02d6d8f22/src/test/resources/branch-list.json>,
    /// <https://github.com/jenkinsci/bitbucket-branch-source-plugin/blob/ee5da2beeaf3b7efbb57c453f82b6ca9f4c64890/src/test/resources/com/cloudbees/jenkins/plugins/bitbucket/server/payload/1.0-projects-amuniz-repos-test-repos-branches_start_0_limit_200_filterText_master.json>.
    pub is_default: Option<bool>,
    /// Plugin-provided details (`details=true`), kept as JSON.
    pub metadata: Option<serde_json::Value>,
}

/// The wire form of [`Branch`]: the server's `isDefault` and the spec's `default` side by side.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct BranchWire {
    id: String,
    display_id: String,
    #[serde(rename = "type")]
    ref_type: Option<RefType>,
    latest_commit: Option<String>,
    latest_changeset: Option<String>,
    is_default: Option<bool>,
    default: Option<bool>,
    metadata: Option<serde_json::Value>,
}

impl<'de> Deserialize<'de> for Branch {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let w = BranchWire::deserialize(d)?;
        Ok(Branch {
            id: w.id,
            display_id: w.display_id,
            ref_type: w.ref_type,
            latest_commit: w.latest_commit,
            latest_changeset: w.latest_changeset,
            is_default: w.is_default.or(w.default),
            metadata: w.metadata,
        })
    }
}

/// A ref's commit: `latestCommit`, or else the older `latestChangeset`.
fn commit_id<'a>(latest: &'a Option<String>, changeset: &'a Option<String>) -> Option<&'a str> {
    latest.as_deref().or(changeset.as_deref())
}

impl Branch {
    /// The commit the branch points at, from `latestCommit` or else `latestChangeset`.
    pub fn commit_id(&self) -> Option<&str> {
        commit_id(&self.latest_commit, &self.latest_changeset)
    }
}

/// A tag.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Tag {
    /// Full ref name (`refs/tags/v1`).
    pub id: String,
    /// Short name (`v1`).
    pub display_id: String,
    /// Kind of ref (`TAG`).
    #[serde(rename = "type")]
    pub ref_type: Option<RefType>,
    /// Commit the tag points at, when sent as `latestCommit`; read
    /// [`commit_id`](Self::commit_id), which also covers the older `latestChangeset`.
    pub latest_commit: Option<String>,
    /// The same commit under its older name `latestChangeset` (some servers send only this).
    pub latest_changeset: Option<String>,
    /// Hash of the tag object (annotated tags).
    pub hash: Option<String>,
}

impl Tag {
    /// The commit the tag points at, from `latestCommit` or else `latestChangeset`.
    pub fn commit_id(&self) -> Option<&str> {
        commit_id(&self.latest_commit, &self.latest_changeset)
    }
}

/// A ref with only its names and kind.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MinimalRef {
    /// Full ref name.
    pub id: String,
    /// Short name.
    pub display_id: String,
    /// Kind of ref.
    #[serde(rename = "type")]
    pub ref_type: Option<RefType>,
}

/// Body naming a ref (setting the default branch).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RefId {
    /// Ref name (`refs/heads/main` or `main`).
    pub id: String,
}

/// Body of branch and tag creation: only the fields set are sent.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateRefRequest {
    /// Name of the new ref.
    pub name: String,
    /// Commit or ref to start from.
    pub start_point: String,
    /// Message (annotated tags; reflog message for branches).
    pub message: Option<String>,
}

string_enum! {
    /// Kind of tag to create.
    pub enum TagType {
        /// An annotated tag (has a message).
        Annotated = "ANNOTATED",
        /// A lightweight tag.
        Lightweight = "LIGHTWEIGHT",
    }
}

/// Body of tag creation through the git endpoint: only the fields set are sent.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GitTagRequest {
    /// Tag name.
    pub name: String,
    /// Commit or ref to tag.
    pub start_point: String,
    /// Tag message.
    pub message: Option<String>,
    /// Annotated or lightweight.
    #[serde(rename = "type")]
    pub tag_type: Option<TagType>,
    /// Replace an existing tag of the same name.
    pub force: Option<bool>,
}

/// Body of branch deletion: only the fields set are sent.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeleteBranchRequest {
    /// Branch name.
    pub name: String,
    /// Delete only if the branch still points at this commit.
    pub end_point: Option<String>,
    /// Check without deleting.
    pub dry_run: Option<bool>,
}

// ---------------------------------------------------------------- handles

/// Branches of one repository.
#[derive(Debug, Clone)]
pub struct Branches {
    repo: RepoHandle,
}

/// Tags of one repository.
#[derive(Debug, Clone)]
pub struct Tags {
    repo: RepoHandle,
}

impl RepoHandle {
    /// Branches, the default branch, branch creation and deletion.
    pub fn branches(&self) -> Branches {
        Branches { repo: self.clone() }
    }

    /// Tags.
    pub fn tags(&self) -> Tags {
        Tags { repo: self.clone() }
    }
}

fn ref_body(name: String, start_point: String) -> CreateRefRequest {
    CreateRefRequest {
        name,
        start_point,
        message: None,
    }
}

impl Branches {
    /// Lists branches (paged).
    pub fn list(&self) -> ListBranches {
        ListBranches::new(self.repo.parts_for(LIST))
    }

    /// Creates a branch from a commit or ref (`/api` endpoint; accepts a message).
    pub fn create(&self, name: impl Into<String>, start_point: impl Into<String>) -> CreateBranch {
        CreateBranch::new(
            self.repo.parts_for(CREATE),
            ref_body(name.into(), start_point.into()),
        )
    }

    /// Creates a branch through the branch-utils endpoint.
    pub fn create_with_utils(
        &self,
        name: impl Into<String>,
        start_point: impl Into<String>,
    ) -> CreateBranchWithUtils {
        CreateBranchWithUtils::new(
            self.repo.parts_for(UTILS_CREATE),
            ref_body(name.into(), start_point.into()),
        )
    }

    /// Deletes a branch (branch-utils endpoint).
    pub fn delete(&self, name: impl Into<String>) -> DeleteBranch {
        DeleteBranch::new(
            self.repo.parts_for(UTILS_DELETE),
            DeleteBranchRequest {
                name: name.into(),
                ..DeleteBranchRequest::default()
            },
        )
    }

    /// Branches containing a commit (paged).
    pub fn containing(&self, commit_id: impl Into<String>) -> ListRefsByCommit {
        ListRefsByCommit::new(
            self.repo
                .parts_for(UTILS_BY_COMMIT)
                .param("commitId", commit_id),
        )
    }

    /// The default branch (`None` when the repository is empty).
    pub fn default_branch(&self) -> GetDefaultBranch {
        GetDefaultBranch::new(self.repo.parts_for(DEFAULT_GET))
    }

    /// Sets the default branch (`refs/heads/main` or `main`).
    pub fn set_default_branch(&self, ref_id: impl Into<String>) -> SetDefaultBranch {
        SetDefaultBranch::new(
            self.repo.parts_for(DEFAULT_SET),
            RefId { id: ref_id.into() },
        )
    }

    /// The default branch through the older `branches/default` endpoint.
    pub fn default_branch_legacy(&self) -> GetDefaultBranchLegacy {
        GetDefaultBranchLegacy::new(self.repo.parts_for(LEGACY_DEFAULT_GET))
    }

    /// Sets the default branch through the older `branches/default` endpoint.
    pub fn set_default_branch_legacy(&self, ref_id: impl Into<String>) -> SetDefaultBranch {
        SetDefaultBranch::new(
            self.repo.parts_for(LEGACY_DEFAULT_SET),
            RefId { id: ref_id.into() },
        )
    }
}

impl Tags {
    /// Lists tags (paged).
    pub fn list(&self) -> ListTags {
        ListTags::new(self.repo.parts_for(TAGS_LIST))
    }

    /// Gets a tag by name.
    pub fn get(&self, name: impl Into<String>) -> GetTag {
        GetTag::new(self.repo.parts_for(TAGS_GET).param("name", name))
    }

    /// Creates a tag (`/api` endpoint; a message makes it annotated).
    pub fn create(&self, name: impl Into<String>, start_point: impl Into<String>) -> CreateTag {
        CreateTag::new(
            self.repo.parts_for(TAGS_CREATE),
            ref_body(name.into(), start_point.into()),
        )
    }

    /// Creates a tag through the git endpoint (kind and force can be chosen).
    pub fn create_git(
        &self,
        name: impl Into<String>,
        start_point: impl Into<String>,
    ) -> CreateGitTag {
        CreateGitTag::new(
            self.repo.parts_for(GIT_TAGS_CREATE),
            GitTagRequest {
                name: name.into(),
                start_point: start_point.into(),
                ..GitTagRequest::default()
            },
        )
    }

    /// Deletes a tag (git endpoint).
    pub fn delete(&self, name: impl Into<String>) -> DeleteTag {
        DeleteTag::new(self.repo.parts_for(GIT_TAGS_DELETE).param("name", name))
    }
}

// ---------------------------------------------------------------- builders

request_builder! {
    /// Lists branches (paged).
    ListBranches => paged Branch;
}

query_params!(ListBranches {
    /// Only branches whose name contains this text.
    filter_text("filterText"): String;
    /// `ALPHABETICAL` or `MODIFICATION`.
    order_by("orderBy"): String;
    /// Include plugin metadata per branch.
    details("details"): bool;
    /// Only branches reachable from this ref.
    base("base"): String;
    /// Rank exact matches of the filter first.
    boost_matches("boostMatches"): bool;
    /// Context id used by some plugins.
    context("context"): String;
});

request_builder! {
    /// Creates a branch.
    CreateBranch { body: CreateRefRequest } => json Branch;
}

body_params!(CreateBranch {
    /// Message recorded with the new branch.
    message: String;
});

request_builder! {
    /// Creates a branch through branch-utils.
    CreateBranchWithUtils { body: CreateRefRequest } => json Branch;

    /// Deletes a branch.
    DeleteBranch { body: DeleteBranchRequest } => empty;
}

body_params!(DeleteBranch {
    /// Delete only if the branch still points at this commit.
    end_point: String;
    /// Check without deleting.
    dry_run: bool;
});

request_builder! {
    /// Lists refs containing a commit (paged).
    ListRefsByCommit => paged MinimalRef;

    /// Gets the default branch (`None` when none is set).
    GetDefaultBranch => json Option<MinimalRef>;

    /// Gets the default branch through the older endpoint (`None` when none is set).
    GetDefaultBranchLegacy => json Option<Branch>;

    /// Sets the default branch.
    SetDefaultBranch { body: RefId } => empty;

    /// Lists tags (paged).
    ListTags => paged Tag;
}

query_params!(ListTags {
    /// Only tags whose name contains this text.
    filter_text("filterText"): String;
    /// `ALPHABETICAL` or `MODIFICATION`.
    order_by("orderBy"): String;
});

request_builder! {
    /// Gets a tag.
    GetTag => json Tag;

    /// Creates a tag.
    CreateTag { body: CreateRefRequest } => json Tag;
}

body_params!(CreateTag {
    /// Tag message (makes it annotated).
    message: String;
});

request_builder! {
    /// Creates a tag through the git endpoint.
    CreateGitTag { body: GitTagRequest } => json Tag;
}

body_params!(CreateGitTag {
    /// Tag message.
    message: String;
    /// Annotated or lightweight.
    tag_type: TagType;
    /// Replace an existing tag of the same name.
    force: bool;
});

request_builder! {
    /// Deletes a tag.
    DeleteTag => empty;
}
