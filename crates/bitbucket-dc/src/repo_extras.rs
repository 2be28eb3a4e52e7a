//! Repository extras: commit comments and reactions, deployments, watching, attachments,
//! README/LICENSE/CONTRIBUTING, last-modified information, ref-change activity and retrying a
//! failed creation.
//!
//! ```no_run
//! # async fn demo(dc: bitbucket_dc::Client) -> bitbucket_dc::Result<()> {
//! use bitbucket_dc::repo_extras::{DeploymentEnvironment, DeploymentState};
//! let web = dc.repo("PRJ", "web");
//! web.commit_comments("a1b2c3").create("Why this constant?").send().await?;
//! web.deployments("a1b2c3")
//!     .record("deploy-42", 42, DeploymentState::Successful, DeploymentEnvironment::new("prod", "Production"))
//!     .url("https://ci.example.com/deploy/42")
//!     .send().await?;
//! let readme = web.readme().markup(true).send().await?.text().await;
//! # let _ = readme; Ok(()) }
//! ```

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::branches::MinimalRef;
use crate::common::User;
use crate::enums::string_enum;
use crate::ledger::{Endpoint, endpoints};
use crate::params::{body_params, query_params};
use crate::projects::RepoHandle;
use crate::pull_requests::{Comment, CommentAnchor, CommentInput, CommentParent, Reaction};
use crate::repos::Repository;
use crate::request::{Parts, Payload, request_builder};

endpoints! {
    area: Other;
    COMMENTS = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/commits/{commitId}/comments";
    COMMENT_CREATE = Post "/api/latest/projects/{projectKey}/repos/{repositorySlug}/commits/{commitId}/comments";
    COMMENT_GET = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/commits/{commitId}/comments/{commentId}";
    COMMENT_UPDATE = Put "/api/latest/projects/{projectKey}/repos/{repositorySlug}/commits/{commitId}/comments/{commentId}";
    COMMENT_DELETE = Delete "/api/latest/projects/{projectKey}/repos/{repositorySlug}/commits/{commitId}/comments/{commentId}";
    REACT = Put "/comment-likes/latest/projects/{projectKey}/repos/{repositorySlug}/commits/{commitId}/comments/{commentId}/reactions/{emoticon}";
    UNREACT = Delete "/comment-likes/latest/projects/{projectKey}/repos/{repositorySlug}/commits/{commitId}/comments/{commentId}/reactions/{emoticon}";
    COMMIT_WATCH = Post "/api/latest/projects/{projectKey}/repos/{repositorySlug}/commits/{commitId}/watch";
    COMMIT_UNWATCH = Delete "/api/latest/projects/{projectKey}/repos/{repositorySlug}/commits/{commitId}/watch";
    DEPLOYMENT_GET = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/commits/{commitId}/deployments";
    DEPLOYMENT_SET = Post "/api/latest/projects/{projectKey}/repos/{repositorySlug}/commits/{commitId}/deployments";
    DEPLOYMENT_DELETE = Delete "/api/latest/projects/{projectKey}/repos/{repositorySlug}/commits/{commitId}/deployments";
    REPO_WATCH = Post "/api/latest/projects/{projectKey}/repos/{repositorySlug}/watch";
    REPO_UNWATCH = Delete "/api/latest/projects/{projectKey}/repos/{repositorySlug}/watch";
    ATTACHMENT_GET = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/attachments/{attachmentId}";
    ATTACHMENT_DELETE = Delete "/api/latest/projects/{projectKey}/repos/{repositorySlug}/attachments/{attachmentId}";
    ATTACHMENT_META_GET = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/attachments/{attachmentId}/metadata";
    ATTACHMENT_META_SET = Put "/api/latest/projects/{projectKey}/repos/{repositorySlug}/attachments/{attachmentId}/metadata";
    ATTACHMENT_META_DELETE = Delete "/api/latest/projects/{projectKey}/repos/{repositorySlug}/attachments/{attachmentId}/metadata";
    README = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/readme";
    LICENSE = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/license";
    CONTRIBUTING = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/contributing";
    LAST_MODIFIED = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/last-modified";
    LAST_MODIFIED_PATH = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/last-modified/{path}";
    REF_CHANGES = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/ref-change-activities";
    REF_CHANGE_BRANCHES = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/ref-change-activities/branches";
    RECREATE = Post "/api/latest/projects/{projectKey}/repos/{repositorySlug}/recreate";
}

// ---------------------------------------------------------------- models

string_enum! {
    /// State of a deployment.
    pub enum DeploymentState {
        /// Queued.
        Pending = "PENDING",
        /// Running.
        InProgress = "IN_PROGRESS",
        /// Cancelled.
        Cancelled = "CANCELLED",
        /// Failed.
        Failed = "FAILED",
        /// Rolled back.
        RolledBack = "ROLLED_BACK",
        /// Done.
        Successful = "SUCCESSFUL",
        /// State not known to the CI server.
        Undetermined = "UNKNOWN",
    }
}

/// Where a deployment went.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DeploymentEnvironment {
    /// Stable key.
    pub key: String,
    /// Display name.
    pub display_name: String,
    /// Kind (`PRODUCTION`, `STAGING`, `TESTING`, `DEVELOPMENT`).
    #[serde(rename = "type")]
    pub environment_type: Option<String>,
    /// Link to the environment.
    pub url: Option<String>,
}

impl DeploymentEnvironment {
    /// An environment with a key and a display name.
    pub fn new(key: impl Into<String>, display_name: impl Into<String>) -> Self {
        DeploymentEnvironment {
            key: key.into(),
            display_name: display_name.into(),
            environment_type: None,
            url: None,
        }
    }
}

/// A commit reference in a deployment.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CommitRef {
    /// Full hash.
    pub id: String,
    /// Short hash.
    pub display_id: Option<String>,
}

/// A deployment of a commit.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Deployment {
    /// Key of the deployment job.
    pub key: String,
    /// Run number.
    pub deployment_sequence_number: Option<i64>,
    /// Display name.
    pub display_name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// State.
    pub state: Option<DeploymentState>,
    /// Environment.
    pub environment: Option<DeploymentEnvironment>,
    /// Link to the deployment.
    pub url: Option<String>,
    /// Previously deployed commit.
    pub from_commit: Option<CommitRef>,
    /// Deployed commit.
    pub to_commit: Option<CommitRef>,
    /// Last update.
    #[serde(with = "crate::timestamp::option")]
    pub last_updated: Option<DateTime<Utc>>,
}

/// Body recording a deployment.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentInput {
    /// Key of the deployment job.
    pub key: String,
    /// Run number.
    pub deployment_sequence_number: i64,
    /// Display name.
    pub display_name: String,
    /// Description.
    pub description: String,
    /// State.
    pub state: DeploymentState,
    /// Environment.
    pub environment: DeploymentEnvironment,
    /// Link to the deployment.
    pub url: String,
    /// Time of the state change.
    #[serde(with = "crate::timestamp::option")]
    pub last_updated: Option<DateTime<Utc>>,
}

/// Metadata of an attachment.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AttachmentMetadata {
    /// Attachment id.
    pub id: i64,
    /// Link to the attachment.
    pub url: Option<String>,
    /// Metadata (a JSON document as a string).
    pub metadata: Option<String>,
}

/// A change of one ref in a push.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RefChange {
    /// The ref.
    #[serde(rename = "ref")]
    pub ref_: Option<MinimalRef>,
    /// Full ref name.
    pub ref_id: Option<String>,
    /// Hash before.
    pub from_hash: Option<String>,
    /// Hash after.
    pub to_hash: Option<String>,
    /// `ADD`, `DELETE` or `UPDATE`.
    #[serde(rename = "type")]
    pub change_type: Option<String>,
    /// Whether an update was forced (`FORCED`, `NOT_FORCED`, ...).
    pub updated_type: Option<String>,
}

/// A push, merge or other ref change recorded for a repository.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RefChangeActivity {
    /// Id.
    pub id: i64,
    /// What changed.
    pub ref_change: Option<RefChange>,
    /// What caused it (`push`, `pull-request-merge`, ...).
    pub trigger: Option<String>,
    /// Who.
    pub user: Option<User>,
    /// When.
    #[serde(with = "crate::timestamp::option")]
    pub created_date: Option<DateTime<Utc>>,
}

// ---------------------------------------------------------------- handlers

/// Comments on one commit.
#[derive(Debug, Clone)]
pub struct CommitComments {
    repo: RepoHandle,
    commit: String,
}

/// Deployments of one commit.
#[derive(Debug, Clone)]
pub struct Deployments {
    repo: RepoHandle,
    commit: String,
}

impl RepoHandle {
    fn commit_parts(&self, ep: Endpoint, commit: &str) -> Parts {
        self.scope()
            .start(&self.client, ep)
            .param("commitId", commit)
    }

    fn extra_parts(&self, ep: Endpoint) -> Parts {
        self.scope().start(&self.client, ep)
    }

    /// Comments on a commit.
    pub fn commit_comments(&self, commit_id: impl Into<String>) -> CommitComments {
        CommitComments {
            repo: self.clone(),
            commit: commit_id.into(),
        }
    }

    /// Deployments of a commit.
    pub fn deployments(&self, commit_id: impl Into<String>) -> Deployments {
        Deployments {
            repo: self.clone(),
            commit: commit_id.into(),
        }
    }

    /// Watches a commit (notifications about its comments).
    pub fn watch_commit(&self, commit_id: impl Into<String>) -> RepoAction {
        let mut parts = self.commit_parts(COMMIT_WATCH, &commit_id.into());
        parts.payload(Payload::Empty);
        RepoAction::new(parts)
    }

    /// Stops watching a commit.
    pub fn unwatch_commit(&self, commit_id: impl Into<String>) -> RepoAction {
        RepoAction::new(self.commit_parts(COMMIT_UNWATCH, &commit_id.into()))
    }

    /// Watches the repository.
    pub fn watch(&self) -> RepoAction {
        let mut parts = self.extra_parts(REPO_WATCH);
        parts.payload(Payload::Json(serde_json::json!({})));
        RepoAction::new(parts)
    }

    /// Stops watching the repository.
    pub fn unwatch(&self) -> RepoAction {
        RepoAction::new(self.extra_parts(REPO_UNWATCH))
    }

    /// Downloads an attachment (body unread).
    pub fn attachment(&self, attachment_id: impl Into<String>) -> GetAttachment {
        let mut parts = self
            .extra_parts(ATTACHMENT_GET)
            .param("attachmentId", attachment_id);
        parts.accept("*/*");
        GetAttachment::new(parts)
    }

    /// Deletes an attachment.
    pub fn delete_attachment(&self, attachment_id: impl Into<String>) -> RepoAction {
        RepoAction::new(
            self.extra_parts(ATTACHMENT_DELETE)
                .param("attachmentId", attachment_id),
        )
    }

    /// Metadata of an attachment.
    pub fn attachment_metadata(&self, attachment_id: impl Into<String>) -> GetAttachmentMetadata {
        GetAttachmentMetadata::new(
            self.extra_parts(ATTACHMENT_META_GET)
                .param("attachmentId", attachment_id),
        )
    }

    /// Stores metadata (a JSON document as a string) for an attachment.
    pub fn set_attachment_metadata(
        &self,
        attachment_id: impl Into<String>,
        metadata: impl Into<String>,
    ) -> SetAttachmentMetadata {
        SetAttachmentMetadata::new(
            self.extra_parts(ATTACHMENT_META_SET)
                .param("attachmentId", attachment_id),
            metadata.into(),
        )
    }

    /// Deletes an attachment's metadata.
    pub fn delete_attachment_metadata(&self, attachment_id: impl Into<String>) -> RepoAction {
        RepoAction::new(
            self.extra_parts(ATTACHMENT_META_DELETE)
                .param("attachmentId", attachment_id),
        )
    }

    fn document(&self, ep: Endpoint) -> RepoDocument {
        let mut parts = self.extra_parts(ep);
        parts.accept("*/*");
        RepoDocument::new(parts)
    }

    /// The README, raw or rendered (body unread).
    pub fn readme(&self) -> RepoDocument {
        self.document(README)
    }

    /// The LICENSE file, raw or rendered (body unread).
    pub fn license(&self) -> RepoDocument {
        self.document(LICENSE)
    }

    /// The CONTRIBUTING file, raw or rendered (body unread).
    pub fn contributing(&self) -> RepoDocument {
        self.document(CONTRIBUTING)
    }

    /// Last commit that touched each file of the root (or of `path` with
    /// [`RepoHandle::last_modified_in`]); JSON with `files` and `latestCommit`.
    pub fn last_modified(&self) -> GetLastModified {
        GetLastModified::new(self.extra_parts(LAST_MODIFIED))
    }

    /// Last commit that touched each file under a directory (the path keeps its `/`).
    pub fn last_modified_in(&self, path: impl Into<String>) -> GetLastModified {
        GetLastModified::new(self.extra_parts(LAST_MODIFIED_PATH).param("path", path))
    }

    /// Ref changes (pushes, merges) of the repository (paged).
    pub fn ref_change_activities(&self) -> ListRefChangeActivities {
        ListRefChangeActivities::new(self.extra_parts(REF_CHANGES))
    }

    /// Branches that have ref-change activity (paged).
    pub fn ref_change_branches(&self) -> ListRefChangeBranches {
        ListRefChangeBranches::new(self.extra_parts(REF_CHANGE_BRANCHES))
    }

    /// Retries the creation of a repository whose initialisation failed.
    pub fn recreate(&self) -> RecreateRepository {
        let mut parts = self.extra_parts(RECREATE);
        parts.payload(Payload::Empty);
        RecreateRepository::new(parts)
    }
}

impl CommitComments {
    fn parts(&self, ep: Endpoint) -> Parts {
        self.repo.commit_parts(ep, &self.commit)
    }

    fn by_id(&self, ep: Endpoint, id: i64) -> Parts {
        self.parts(ep).param("commentId", id.to_string())
    }

    /// Lists comments (paged; `path` narrows to one file).
    pub fn list(&self) -> ListCommitComments {
        ListCommitComments::new(self.parts(COMMENTS))
    }

    /// Adds a comment.
    pub fn create(&self, text: impl Into<String>) -> CreateCommitComment {
        CreateCommitComment::new(
            self.parts(COMMENT_CREATE),
            CommentInput {
                text: Some(text.into()),
                ..CommentInput::default()
            },
        )
    }

    /// Gets a comment.
    pub fn get(&self, comment_id: i64) -> GetCommitComment {
        GetCommitComment::new(self.by_id(COMMENT_GET, comment_id))
    }

    /// Edits a comment (the version must match the server's).
    pub fn update(
        &self,
        comment_id: i64,
        version: i64,
        text: impl Into<String>,
    ) -> UpdateCommitComment {
        UpdateCommitComment::new(
            self.by_id(COMMENT_UPDATE, comment_id),
            CommentInput {
                version: Some(version),
                text: Some(text.into()),
                ..CommentInput::default()
            },
        )
    }

    /// Deletes a comment at a version.
    pub fn delete(&self, comment_id: i64, version: i64) -> RepoAction {
        let mut parts = self.by_id(COMMENT_DELETE, comment_id);
        parts.set_query("version", version);
        RepoAction::new(parts)
    }

    /// Reacts to a comment with an emoticon (`thumbsup`, `heart`, ...).
    pub fn react(&self, comment_id: i64, emoticon: impl Into<String>) -> ReactToCommitComment {
        let mut parts = self.by_id(REACT, comment_id).param("emoticon", emoticon);
        parts.payload(Payload::Empty);
        ReactToCommitComment::new(parts)
    }

    /// Removes the caller's reaction.
    pub fn unreact(&self, comment_id: i64, emoticon: impl Into<String>) -> RepoAction {
        RepoAction::new(self.by_id(UNREACT, comment_id).param("emoticon", emoticon))
    }
}

impl Deployments {
    fn parts(&self, ep: Endpoint, key: &str, environment: &str, sequence: i64) -> Parts {
        let mut parts = self.repo.commit_parts(ep, &self.commit);
        parts.set_query("key", key);
        parts.set_query("environmentKey", environment);
        parts.set_query("deploymentSequenceNumber", sequence);
        parts
    }

    /// Gets a deployment by job key, environment key and run number.
    pub fn get(
        &self,
        key: impl Into<String>,
        environment_key: impl Into<String>,
        sequence_number: i64,
    ) -> GetDeployment {
        GetDeployment::new(self.parts(
            DEPLOYMENT_GET,
            &key.into(),
            &environment_key.into(),
            sequence_number,
        ))
    }

    /// Records (creates or updates) a deployment of the commit.
    pub fn record(
        &self,
        key: impl Into<String>,
        sequence_number: i64,
        state: DeploymentState,
        environment: DeploymentEnvironment,
    ) -> RecordDeployment {
        let key = key.into();
        RecordDeployment::new(
            self.repo.commit_parts(DEPLOYMENT_SET, &self.commit),
            DeploymentInput {
                display_name: key.clone(),
                key,
                deployment_sequence_number: sequence_number,
                description: String::new(),
                state,
                environment,
                url: String::new(),
                last_updated: None,
            },
        )
    }

    /// Deletes a deployment.
    pub fn delete(
        &self,
        key: impl Into<String>,
        environment_key: impl Into<String>,
        sequence_number: i64,
    ) -> RepoAction {
        RepoAction::new(self.parts(
            DEPLOYMENT_DELETE,
            &key.into(),
            &environment_key.into(),
            sequence_number,
        ))
    }
}

// ---------------------------------------------------------------- builders

request_builder! {
    /// A repository action without an answer body.
    RepoAction => empty;

    /// Lists commit comments.
    ListCommitComments => paged Comment;
}

query_params!(ListCommitComments {
    /// Only comments on this file.
    path("path"): String;
    /// Comments as of this earlier commit (for anchors on a range).
    since("since"): String;
});

request_builder! {
    /// Creates a commit comment.
    CreateCommitComment { body: CommentInput } => json Comment;
}

impl CreateCommitComment {
    /// Replies to a comment.
    pub fn reply_to(mut self, parent_id: i64) -> Self {
        self.body.parent = Some(CommentParent { id: parent_id });
        self
    }
}

query_params!(CreateCommitComment {
    /// Diff base, for comments anchored on a range.
    since("since"): String;
});
body_params!(CreateCommitComment {
    /// Anchors the comment to a file or line.
    anchor: CommentAnchor;
});

request_builder! {
    /// Gets a commit comment.
    GetCommitComment => json Comment;

    /// Updates a commit comment.
    UpdateCommitComment { body: CommentInput } => json Comment;

    /// Reacts to a commit comment.
    ReactToCommitComment => json Reaction;

    /// Gets a deployment.
    GetDeployment => json Deployment;

    /// Records a deployment.
    RecordDeployment { body: DeploymentInput } => json Deployment;
}

impl RecordDeployment {
    /// Display name (defaults to the key).
    pub fn display_name(mut self, name: impl Into<String>) -> Self {
        self.body.display_name = name.into();
        self
    }

    /// Description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.body.description = description.into();
        self
    }

    /// Link to the deployment.
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.body.url = url.into();
        self
    }
}

body_params!(RecordDeployment {
    /// Time of the state change.
    last_updated: DateTime<Utc>;
});

request_builder! {
    /// Downloads an attachment.
    GetAttachment => response;
}

impl GetAttachment {
    /// Byte range to fetch (`bytes=0-1023`).
    pub fn range(mut self, range: impl Into<String>) -> Self {
        self.parts.header("range", range);
        self
    }
}

request_builder! {
    /// Gets attachment metadata.
    GetAttachmentMetadata => json AttachmentMetadata;

    /// Sets attachment metadata.
    SetAttachmentMetadata { body: String } => json Option<serde_json::Value>;

    /// Downloads a README, LICENSE or CONTRIBUTING file.
    RepoDocument => response;

    /// Gets last-modified information.
    GetLastModified => json serde_json::Value;
}

query_params!(GetLastModified {
    /// At this commit, branch or tag.
    at("at"): String;
});

request_builder! {
    /// Lists ref-change activities.
    ListRefChangeActivities => paged RefChangeActivity;
}

query_params!(ListRefChangeActivities {
    /// Only changes of this ref.
    ref_id("ref"): String;
});

request_builder! {
    /// Lists branches with ref-change activity.
    ListRefChangeBranches => paged MinimalRef;
}

query_params!(ListRefChangeBranches {
    /// Only branches whose name contains this text.
    filter_text("filterText"): String;
});

request_builder! {
    /// Retries creating a repository.
    RecreateRepository => json Repository;
}
