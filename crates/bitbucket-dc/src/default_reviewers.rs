//! Default reviewers — conditions that add reviewers to new pull requests, per
//! project or repository.
//!
//! ```no_run
//! # async fn demo(dc: bitbucket_dc::Client) -> bitbucket_dc::Result<()> {
//! use bitbucket_dc::branch_permissions::RefMatcher;
//! let rules = dc.project("PRJ").repo("web").default_reviewers();
//! rules
//!     .create(RefMatcher::any(), RefMatcher::branch("main"))
//!     .reviewers([12, 15])
//!     .required_approvals(1)
//!     .send()
//!     .await?;
//! let who = rules.reviewers().source_repo_id(1).target_repo_id(1)
//!     .source_ref_id("refs/heads/feature").target_ref_id("refs/heads/main").send().await?;
//! # let _ = who; Ok(()) }
//! ```

use serde::{Deserialize, Serialize};

use crate::branch_permissions::{RefMatcher, Scope};
use crate::common::User;
use crate::ledger::endpoints;
use crate::params::{body_params, query_params};
use crate::projects::{ProjectHandle, RepoHandle};
use crate::request::{Parts, request_builder};
use crate::scope::Scoped;

endpoints! {
    area: KeysAndRestrictions;
    PROJECT_CREATE = Post "/default-reviewers/latest/projects/{projectKey}/condition";
    PROJECT_UPDATE = Put "/default-reviewers/latest/projects/{projectKey}/condition/{id}";
    PROJECT_DELETE = Delete "/default-reviewers/latest/projects/{projectKey}/condition/{id}";
    PROJECT_LIST = Get "/default-reviewers/latest/projects/{projectKey}/conditions";
    REPO_CREATE = Post "/default-reviewers/latest/projects/{projectKey}/repos/{repositorySlug}/condition";
    REPO_UPDATE = Put "/default-reviewers/latest/projects/{projectKey}/repos/{repositorySlug}/condition/{id}";
    REPO_DELETE = Delete "/default-reviewers/latest/projects/{projectKey}/repos/{repositorySlug}/condition/{id}";
    REPO_LIST = Get "/default-reviewers/latest/projects/{projectKey}/repos/{repositorySlug}/conditions";
    REPO_REVIEWERS = Get "/default-reviewers/latest/projects/{projectKey}/repos/{repositorySlug}/reviewers";
}

const LIST: Scoped = Scoped::project_repo(PROJECT_LIST, REPO_LIST);
const CREATE: Scoped = Scoped::project_repo(PROJECT_CREATE, REPO_CREATE);
const UPDATE: Scoped = Scoped::project_repo(PROJECT_UPDATE, REPO_UPDATE);
const DELETE: Scoped = Scoped::project_repo(PROJECT_DELETE, REPO_DELETE);

// ---------------------------------------------------------------- models

/// A group of reviewers.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ReviewerGroup {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Members.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub users: Vec<User>,
    /// Where the group is defined.
    pub scope: Option<Scope>,
}

/// A default-reviewer condition.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ReviewerCondition {
    /// Id.
    pub id: i64,
    /// Source branches it applies to.
    pub source_ref_matcher: Option<RefMatcher>,
    /// Target branches it applies to.
    pub target_ref_matcher: Option<RefMatcher>,
    /// Reviewers added.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reviewers: Vec<User>,
    /// Reviewer groups added.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reviewer_groups: Vec<ReviewerGroup>,
    /// Approvals needed from these reviewers.
    pub required_approvals: Option<i64>,
    /// Where the condition is defined.
    pub scope: Option<Scope>,
    /// The repository of a repository-level condition. Source: <https://github.com/cdancy/bitbucket-rest/blob/69c5f8d5faf999f36aaf3a9f2e03d9ff3d1af848/src/test/resources/default-reviwers-create.json>.
    pub repository: Option<crate::repos::Repository>,
}

/// A user or group referenced by id in a request body.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct IdRef {
    /// Id.
    pub id: i64,
}

/// Body of creating or updating a condition: only the fields set are sent.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewerConditionInput {
    /// Source branches it applies to.
    pub source_matcher: Option<RefMatcher>,
    /// Target branches it applies to.
    pub target_matcher: Option<RefMatcher>,
    /// Reviewers, by user id.
    pub reviewers: Option<Vec<IdRef>>,
    /// Reviewer groups, by id.
    pub reviewer_groups: Option<Vec<IdRef>>,
    /// Approvals needed.
    pub required_approvals: Option<i64>,
}

// ---------------------------------------------------------------- handles

/// Default-reviewer conditions of one project or repository.
#[derive(Debug, Clone)]
pub struct DefaultReviewers {
    client: bitbucket_core::Client,
    scope: crate::scope::Scope,
}

impl ProjectHandle {
    /// Default-reviewer conditions of this project.
    pub fn default_reviewers(&self) -> DefaultReviewers {
        DefaultReviewers {
            client: self.client.clone(),
            scope: self.scope(),
        }
    }
}

impl RepoHandle {
    /// Default-reviewer conditions of this repository.
    pub fn default_reviewers(&self) -> DefaultReviewers {
        DefaultReviewers {
            client: self.client.clone(),
            scope: self.scope(),
        }
    }
}

impl DefaultReviewers {
    /// Starts a request on `op`'s endpoint for this scope.
    fn parts(&self, op: Scoped) -> Parts {
        self.scope.parts(&self.client, op)
    }

    /// Lists the conditions (one list, not paged).
    pub fn list(&self) -> ListReviewerConditions {
        ListReviewerConditions::new(self.parts(LIST))
    }

    /// Creates a condition for pull requests from `source` into `target`.
    pub fn create(&self, source: RefMatcher, target: RefMatcher) -> SaveReviewerCondition {
        SaveReviewerCondition::new(
            self.parts(CREATE),
            ReviewerConditionInput {
                source_matcher: Some(source),
                target_matcher: Some(target),
                ..ReviewerConditionInput::default()
            },
        )
    }

    /// Updates a condition (only the fields set are sent).
    pub fn update(&self, id: i64) -> SaveReviewerCondition {
        SaveReviewerCondition::new(
            self.parts(UPDATE).param("id", id.to_string()),
            ReviewerConditionInput::default(),
        )
    }

    /// Deletes a condition.
    pub fn delete(&self, id: i64) -> DeleteReviewerCondition {
        DeleteReviewerCondition::new(self.parts(DELETE).param("id", id.to_string()))
    }

    /// The reviewers a pull request between two refs would get (repositories only; set the
    /// source and target on the builder).
    pub fn reviewers(&self) -> GetDefaultReviewers {
        GetDefaultReviewers::new(self.parts(Scoped::repo(REPO_REVIEWERS)))
    }
}

// ---------------------------------------------------------------- builders

request_builder! {
    /// Lists default-reviewer conditions.
    ListReviewerConditions => json Vec<ReviewerCondition>;

    /// Creates or updates a default-reviewer condition.
    SaveReviewerCondition { body: ReviewerConditionInput } => json ReviewerCondition;
}

body_params!(SaveReviewerCondition {
    /// Approvals needed from these reviewers.
    required_approvals: i64;
    /// Source branches it applies to.
    source_matcher: RefMatcher;
    /// Target branches it applies to.
    target_matcher: RefMatcher;
});

impl SaveReviewerCondition {
    /// Reviewers, by user id (replaces the list).
    pub fn reviewers(mut self, user_ids: impl IntoIterator<Item = i64>) -> Self {
        self.body.reviewers = Some(user_ids.into_iter().map(|id| IdRef { id }).collect());
        self
    }

    /// Reviewer groups, by id (replaces the list).
    pub fn reviewer_groups(mut self, group_ids: impl IntoIterator<Item = i64>) -> Self {
        self.body.reviewer_groups = Some(group_ids.into_iter().map(|id| IdRef { id }).collect());
        self
    }
}

request_builder! {
    /// Deletes a default-reviewer condition.
    DeleteReviewerCondition => empty;

    /// Gets the default reviewers for a pull request between two refs.
    GetDefaultReviewers => json Vec<User>;
}

query_params!(GetDefaultReviewers {
    /// Id of the source repository.
    source_repo_id("sourceRepoId"): i64;
    /// Id of the target repository.
    target_repo_id("targetRepoId"): i64;
    /// Source ref (`refs/heads/feature`).
    source_ref_id("sourceRefId"): String;
    /// Target ref (`refs/heads/main`).
    target_ref_id("targetRefId"): String;
});
