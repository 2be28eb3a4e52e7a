//! Build statuses (per repository commit and the older global form), build
//! capabilities, build statistics and required-builds merge checks.
//!
//! ```no_run
//! # async fn demo(dc: bitbucket_dc::Client) -> bitbucket_dc::Result<()> {
//! use bitbucket_dc::builds::BuildState;
//! use bitbucket_dc::branch_permissions::RefMatcher;
//! let repo = dc.repo("PRJ", "web");
//! let commit = "8d51122def5632836d1cb1026e879069e10a1e13";
//! repo.builds(commit)
//!     .set("ci-main", BuildState::Successful, "https://ci.example.com/run/1")
//!     .name("CI")
//!     .send()
//!     .await?;
//! let stats = dc.build_status().stats(commit).send().await?;
//! repo.required_builds().create(["ci-main"], RefMatcher::branch("main")).send().await?;
//! # let _ = stats; Ok(()) }
//! ```

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Client;
use crate::branch_permissions::RefMatcher;
use crate::enums::string_enum;
use crate::ledger::endpoints;
use crate::params::{body_params, query_params};
use crate::projects::RepoHandle;
use crate::request::{Parts, request_builder};

endpoints! {
    area: Builds;
    CAPABILITIES = Get "/api/latest/build/capabilities";
    COMMIT_GET = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/commits/{commitId}/builds";
    COMMIT_SET = Post "/api/latest/projects/{projectKey}/repos/{repositorySlug}/commits/{commitId}/builds";
    COMMIT_DELETE = Delete "/api/latest/projects/{projectKey}/repos/{repositorySlug}/commits/{commitId}/builds";
    STATS_MANY = Post "/build-status/latest/commits/stats";
    STATS = Get "/build-status/latest/commits/stats/{commitId}";
    LEGACY_LIST = Get "/build-status/latest/commits/{commitId}";
    LEGACY_ADD = Post "/build-status/latest/commits/{commitId}";
    REQUIRED_CREATE = Post "/required-builds/latest/projects/{projectKey}/repos/{repositorySlug}/condition";
    REQUIRED_UPDATE = Put "/required-builds/latest/projects/{projectKey}/repos/{repositorySlug}/condition/{id}";
    REQUIRED_DELETE = Delete "/required-builds/latest/projects/{projectKey}/repos/{repositorySlug}/condition/{id}";
    REQUIRED_LIST = Get "/required-builds/latest/projects/{projectKey}/repos/{repositorySlug}/conditions";
}

// ---------------------------------------------------------------- models

string_enum! {
    /// State of a build.
    #[derive(Default)]
    pub enum BuildState {
        /// Passed.
        Successful = "SUCCESSFUL",
        /// Failed.
        Failed = "FAILED",
        /// Running.
        #[default]
        InProgress = "INPROGRESS",
        /// Cancelled.
        Cancelled = "CANCELLED",
        /// The server reports it does not know.
        NotKnown = "UNKNOWN",
    }
}

/// Test counts of a build.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TestResults {
    /// Passed tests.
    pub successful: i64,
    /// Failed tests.
    pub failed: i64,
    /// Skipped tests.
    pub skipped: i64,
}

/// A build status reported for a commit.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct BuildStatus {
    /// Key identifying the build plan (unique per commit).
    pub key: String,
    /// State.
    pub state: Option<BuildState>,
    /// Link to the build.
    pub url: Option<String>,
    /// Display name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Build number.
    pub build_number: Option<String>,
    /// Parent plan key (required-builds checks match on it).
    pub parent: Option<String>,
    /// Ref that was built.
    #[serde(rename = "ref")]
    pub ref_name: Option<String>,
    /// Duration in milliseconds.
    pub duration: Option<i64>,
    /// Project of the repository.
    pub project_key: Option<String>,
    /// Repository slug.
    pub repository_slug: Option<String>,
    /// Test counts.
    pub test_results: Option<TestResults>,
    /// When it was first reported.
    #[serde(with = "crate::timestamp::option")]
    pub created_date: Option<DateTime<Utc>>,
    /// When it was last reported, as the per-commit endpoints send it; read
    /// [`updated_at`](Self::updated_at), which also covers `date_added`.
    #[serde(with = "crate::timestamp::option")]
    pub updated_date: Option<DateTime<Utc>>,
    /// The same instant under the name the global build-status endpoint sends (`dateAdded`).
    #[serde(with = "crate::timestamp::option")]
    pub date_added: Option<DateTime<Utc>>,
}

impl BuildStatus {
    /// When the status was last reported, from `updatedDate` or else `dateAdded`.
    pub fn updated_at(&self) -> Option<DateTime<Utc>> {
        self.updated_date.or(self.date_added)
    }
}

/// Body of reporting a build status: only the fields set are sent.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BuildStatusInput {
    /// Key identifying the build plan.
    pub key: String,
    /// State.
    pub state: BuildState,
    /// Link to the build.
    pub url: String,
    /// Display name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Build number.
    pub build_number: Option<String>,
    /// Parent plan key.
    pub parent: Option<String>,
    /// Ref that was built (`refs/heads/main`).
    #[serde(rename = "ref")]
    pub ref_name: Option<String>,
    /// Duration in milliseconds.
    pub duration: Option<i64>,
    /// When the build last changed (epoch milliseconds).
    pub last_updated: Option<i64>,
    /// Test counts.
    pub test_results: Option<TestResults>,
}

/// Counts of build states for a commit.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct BuildStats {
    /// Successful builds.
    pub successful: i64,
    /// Failed builds.
    pub failed: i64,
    /// Running builds.
    pub in_progress: i64,
    /// Cancelled builds.
    pub cancelled: i64,
    /// Builds in an unknown state.
    pub unknown: i64,
    /// The only build, when `includeUnique` was asked and there is exactly one.
    pub result: Option<serde_json::Value>,
}

/// What the server's build integration supports.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct BuildCapabilities {
    /// Supported build-status features.
    pub build_status: Vec<String>,
}

/// A required-builds merge check.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RequiredBuildCondition {
    /// Id.
    pub id: i64,
    /// Build parent keys that must succeed.
    pub build_parent_keys: Vec<String>,
    /// Target branches the check applies to.
    pub ref_matcher: Option<RefMatcher>,
    /// Target branches exempt from the check.
    pub exempt_ref_matcher: Option<RefMatcher>,
    /// Whether it applies to pull requests.
    pub required_for_pull_request: Option<bool>,
    /// Whether it applies to the merge queue.
    pub required_for_merge_queue: Option<bool>,
}

/// Body of creating or updating a required-builds check: only the fields set are sent.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequiredBuildInput {
    /// Build parent keys that must succeed.
    pub build_parent_keys: Vec<String>,
    /// Target branches the check applies to.
    pub ref_matcher: RefMatcher,
    /// Target branches exempt from the check.
    pub exempt_ref_matcher: Option<RefMatcher>,
    /// Whether it applies to pull requests.
    pub required_for_pull_request: Option<bool>,
    /// Whether it applies to the merge queue.
    pub required_for_merge_queue: Option<bool>,
}

// ---------------------------------------------------------------- handles

/// The global build-status API (commit-keyed, not repository-bound).
#[derive(Debug, Clone)]
pub struct BuildStatusApi {
    client: bitbucket_core::Client,
}

/// Build statuses of one commit in one repository.
#[derive(Debug, Clone)]
pub struct CommitBuilds {
    repo: RepoHandle,
    commit_id: String,
}

/// Required-builds merge checks of one repository.
#[derive(Debug, Clone)]
pub struct RequiredBuilds {
    repo: RepoHandle,
}

impl Client {
    /// The global build-status API: statuses and statistics by commit.
    pub fn build_status(&self) -> BuildStatusApi {
        BuildStatusApi {
            client: self.core().clone(),
        }
    }

    /// What the server's build integration supports.
    pub fn build_capabilities(&self) -> GetBuildCapabilities {
        GetBuildCapabilities::new(Parts::new(self.core(), CAPABILITIES))
    }
}

fn status_body(key: String, state: BuildState, url: String) -> BuildStatusInput {
    BuildStatusInput {
        key,
        state,
        url,
        ..BuildStatusInput::default()
    }
}

impl BuildStatusApi {
    /// Statuses reported for a commit, in any repository (paged).
    pub fn list(&self, commit_id: impl Into<String>) -> ListBuildStatuses {
        ListBuildStatuses::new(Parts::new(&self.client, LEGACY_LIST).param("commitId", commit_id))
    }

    /// Reports a status for a commit (global form).
    pub fn add(
        &self,
        commit_id: impl Into<String>,
        key: impl Into<String>,
        state: BuildState,
        url: impl Into<String>,
    ) -> SetBuildStatus {
        SetBuildStatus::new(
            Parts::new(&self.client, LEGACY_ADD).param("commitId", commit_id),
            status_body(key.into(), state, url.into()),
        )
    }

    /// Counts of build states for a commit.
    pub fn stats(&self, commit_id: impl Into<String>) -> GetBuildStats {
        GetBuildStats::new(Parts::new(&self.client, STATS).param("commitId", commit_id))
    }

    /// Counts of build states for several commits, keyed by commit id.
    pub fn stats_many<I, S>(&self, commit_ids: I) -> GetManyBuildStats
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        GetManyBuildStats::new(
            Parts::new(&self.client, STATS_MANY),
            commit_ids.into_iter().map(Into::into).collect(),
        )
    }
}

impl RepoHandle {
    /// Build statuses of one commit of this repository.
    pub fn builds(&self, commit_id: impl Into<String>) -> CommitBuilds {
        CommitBuilds {
            repo: self.clone(),
            commit_id: commit_id.into(),
        }
    }

    /// Required-builds merge checks.
    pub fn required_builds(&self) -> RequiredBuilds {
        RequiredBuilds { repo: self.clone() }
    }
}

impl CommitBuilds {
    fn parts(&self, ep: crate::ledger::Endpoint) -> Parts {
        self.repo
            .parts_for(ep)
            .param("commitId", self.commit_id.as_str())
    }

    /// The status reported under a key.
    pub fn get(&self, key: impl Into<String>) -> GetCommitBuild {
        let mut parts = self.parts(COMMIT_GET);
        parts.query("key", key.into());
        GetCommitBuild::new(parts)
    }

    /// Reports (or replaces) the status under a key.
    pub fn set(
        &self,
        key: impl Into<String>,
        state: BuildState,
        url: impl Into<String>,
    ) -> SetBuildStatus {
        SetBuildStatus::new(
            self.parts(COMMIT_SET),
            status_body(key.into(), state, url.into()),
        )
    }

    /// Deletes the status reported under a key.
    pub fn delete(&self, key: impl Into<String>) -> DeleteCommitBuild {
        let mut parts = self.parts(COMMIT_DELETE);
        parts.query("key", key.into());
        DeleteCommitBuild::new(parts)
    }
}

impl RequiredBuilds {
    /// Lists the checks (paged).
    pub fn list(&self) -> ListRequiredBuilds {
        ListRequiredBuilds::new(self.repo.parts_for(REQUIRED_LIST))
    }

    /// Requires builds with these parent keys to pass on matching target branches.
    pub fn create<I, S>(&self, build_parent_keys: I, target: RefMatcher) -> SaveRequiredBuild
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        SaveRequiredBuild::new(
            self.repo.parts_for(REQUIRED_CREATE),
            RequiredBuildInput {
                build_parent_keys: build_parent_keys.into_iter().map(Into::into).collect(),
                ref_matcher: target,
                ..RequiredBuildInput::default()
            },
        )
    }

    /// Replaces a check.
    pub fn update<I, S>(
        &self,
        id: i64,
        build_parent_keys: I,
        target: RefMatcher,
    ) -> SaveRequiredBuild
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        SaveRequiredBuild::new(
            self.repo
                .parts_for(REQUIRED_UPDATE)
                .param("id", id.to_string()),
            RequiredBuildInput {
                build_parent_keys: build_parent_keys.into_iter().map(Into::into).collect(),
                ref_matcher: target,
                ..RequiredBuildInput::default()
            },
        )
    }

    /// Deletes a check.
    pub fn delete(&self, id: i64) -> DeleteRequiredBuild {
        DeleteRequiredBuild::new(
            self.repo
                .parts_for(REQUIRED_DELETE)
                .param("id", id.to_string()),
        )
    }
}

// ---------------------------------------------------------------- builders

request_builder! {
    /// Gets build capabilities.
    GetBuildCapabilities => json BuildCapabilities;

    /// Lists build statuses of a commit (paged).
    ListBuildStatuses => paged BuildStatus;
}

query_params!(ListBuildStatuses {
    /// `NEWEST`, `OLDEST`, `STATUS` (failed first).
    order_by("orderBy"): String;
});

request_builder! {
    /// Reports a build status.
    SetBuildStatus { body: BuildStatusInput } => empty;
}

body_params!(SetBuildStatus {
    /// Display name.
    name: String;
    /// Description.
    description: String;
    /// Build number.
    build_number: String;
    /// Parent plan key.
    parent: String;
    /// Ref that was built (`refs/heads/main`).
    ref_name: String;
    /// Duration in milliseconds.
    duration: i64;
    /// When the build last changed (epoch milliseconds).
    last_updated: i64;
    /// Test counts.
    test_results: TestResults;
});

request_builder! {
    /// Gets build statistics of a commit.
    GetBuildStats => json BuildStats;
}

query_params!(GetBuildStats {
    /// Include the build itself when there is exactly one.
    include_unique("includeUnique"): bool;
});

request_builder! {
    /// Gets build statistics of several commits.
    GetManyBuildStats { body: Vec<String> } => json BTreeMap<String, BuildStats>;

    /// Gets the build status under a key.
    GetCommitBuild => json BuildStatus;

    /// Deletes the build status under a key.
    DeleteCommitBuild => empty;

    /// Lists required-builds checks (paged).
    ListRequiredBuilds => paged RequiredBuildCondition;

    /// Creates or replaces a required-builds check.
    SaveRequiredBuild { body: RequiredBuildInput } => json RequiredBuildCondition;
}

body_params!(SaveRequiredBuild {
    /// Target branches exempt from the check.
    exempt_ref_matcher: RefMatcher;
    /// Whether it applies to pull requests.
    required_for_pull_request: bool;
    /// Whether it applies to the merge queue.
    required_for_merge_queue: bool;
});

request_builder! {
    /// Deletes a required-builds check.
    DeleteRequiredBuild => empty;
}
