//! Area 6: pull requests — listing and search, create, update, decline, reopen, merge with
//! merge checks, approvals, participants and reviewers, activities, comments and tasks
//! (blocker comments), changes, commits, diffs, auto-merge, reviews, reactions and rebase.
//!
//! Merge a pull request when its checks pass:
//!
//! ```no_run
//! # async fn demo(dc: bitbucket_dc::Client) -> bitbucket_dc::Result<()> {
//! let pr = dc.repo("PRJ", "web").pull_request(42);
//! let current = pr.get().send().await?;
//! let status = pr.merge_status().send().await?;
//! if status.passes() {
//!     let merged = pr.merge(current.version).message("Merged by the release bot").send().await?;
//!     println!("now {:?}", merged.state);
//! } else {
//!     for veto in &status.vetoes {
//!         println!("blocked: {}", veto.summary_message.as_deref().unwrap_or("?"));
//!     }
//! }
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use chrono::{DateTime, Utc};

use crate::Client;
use crate::branches::RefType;
use crate::commits::{Change, Commit, DiffResult, Path};
use crate::common::{Links, User};
use crate::enums::string_enum;
use crate::ledger::{Endpoint, endpoints};
use crate::params::{body_params, byte_stream, query_params};
use crate::projects::RepoHandle;
use crate::repos::Repository;
use crate::request::{Parts, request_builder};

endpoints! {
    area: PullRequests;
    DASHBOARD = Get "/api/latest/dashboard/pull-requests";
    INBOX = Get "/api/latest/inbox/pull-requests";
    INBOX_COUNT = Get "/api/latest/inbox/pull-requests/count";
    BY_COMMIT = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/commits/{commitId}/pull-requests";
    PARTICIPANTS_SEARCH = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/participants";
    LIST = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests";
    CREATE = Post "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests";
    GET = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}";
    UPDATE = Put "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}";
    DELETE = Delete "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}";
    RAW_DIFF = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}.diff";
    PATCH = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}.patch";
    ACTIVITIES = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/activities";
    APPROVE = Post "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/approve";
    UNAPPROVE = Delete "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/approve";
    AUTO_MERGE_GET = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/auto-merge";
    AUTO_MERGE_SET = Post "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/auto-merge";
    AUTO_MERGE_CANCEL = Delete "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/auto-merge";
    BLOCKERS_LIST = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/blocker-comments";
    BLOCKERS_CREATE = Post "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/blocker-comments";
    BLOCKERS_GET = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/blocker-comments/{commentId}";
    BLOCKERS_UPDATE = Put "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/blocker-comments/{commentId}";
    BLOCKERS_DELETE = Delete "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/blocker-comments/{commentId}";
    CHANGES = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/changes";
    COMMENTS_LIST = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/comments";
    COMMENTS_CREATE = Post "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/comments";
    COMMENTS_GET = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/comments/{commentId}";
    COMMENTS_UPDATE = Put "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/comments/{commentId}";
    COMMENTS_DELETE = Delete "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/comments/{commentId}";
    APPLY_SUGGESTION = Post "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/comments/{commentId}/apply-suggestion";
    MESSAGE_SUGGESTION = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/commit-message-suggestion";
    COMMITS = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/commits";
    DECLINE = Post "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/decline";
    DIFF_STATS = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/diff-stats-summary/{path}";
    DIFF = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/diff/{path}";
    MERGE_STATUS = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/merge";
    MERGE = Post "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/merge";
    MERGE_BASE = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/merge-base";
    PARTICIPANTS_LIST = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/participants";
    PARTICIPANTS_ADD = Post "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/participants";
    PARTICIPANTS_REMOVE = Delete "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/participants";
    PARTICIPANT_STATUS = Put "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/participants/{userSlug}";
    PARTICIPANT_REMOVE = Delete "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/participants/{userSlug}";
    REOPEN = Post "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/reopen";
    REVIEW_GET = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/review";
    REVIEW_FINISH = Put "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/review";
    REVIEW_DISCARD = Delete "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/review";
    WATCH = Post "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/watch";
    UNWATCH = Delete "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/watch";
    REACT = Put "/comment-likes/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/comments/{commentId}/reactions/{emoticon}";
    UNREACT = Delete "/comment-likes/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/comments/{commentId}/reactions/{emoticon}";
    REBASE_CHECK = Get "/git/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/rebase";
    REBASE = Post "/git/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/rebase";
}

// ---------------------------------------------------------------- enums

string_enum! {
    /// State of a pull request.
    pub enum PullRequestState {
        /// Open for review.
        Open = "OPEN",
        /// Declined (may be reopened).
        Declined = "DECLINED",
        /// Merged.
        Merged = "MERGED",
        /// Any state (listing filter only).
        All = "ALL",
    }
}

string_enum! {
    /// Role of a participant.
    #[derive(Default)]
    pub enum ParticipantRole {
        /// Opened the pull request.
        Author = "AUTHOR",
        /// Asked to review.
        #[default]
        Reviewer = "REVIEWER",
        /// Took part without being asked.
        Participant = "PARTICIPANT",
        /// Created it on someone's behalf.
        Creator = "CREATOR",
    }
}

string_enum! {
    /// Review status of a participant.
    pub enum ParticipantStatus {
        /// No verdict yet.
        Unapproved = "UNAPPROVED",
        /// Changes requested.
        NeedsWork = "NEEDS_WORK",
        /// Approved.
        Approved = "APPROVED",
    }
}

string_enum! {
    /// Severity of a comment: blocker comments are tasks.
    pub enum CommentSeverity {
        /// A regular comment.
        Normal = "NORMAL",
        /// A task that blocks merging until resolved.
        Blocker = "BLOCKER",
    }
}

string_enum! {
    /// State of a comment or task.
    pub enum CommentState {
        /// Open.
        Open = "OPEN",
        /// Part of a pending review, visible only to its author.
        Pending = "PENDING",
        /// Resolved.
        Resolved = "RESOLVED",
    }
}

string_enum! {
    /// What an activity records.
    pub enum ActivityAction {
        /// Approved.
        Approved = "APPROVED",
        /// Auto-merge cancelled.
        AutoMergeCancelled = "AUTO_MERGE_CANCELLED",
        /// Auto-merge requested.
        AutoMergeRequested = "AUTO_MERGE_REQUESTED",
        /// Commented.
        Commented = "COMMENTED",
        /// Declined.
        Declined = "DECLINED",
        /// Deleted.
        Deleted = "DELETED",
        /// Merged.
        Merged = "MERGED",
        /// Opened.
        Opened = "OPENED",
        /// Reopened.
        Reopened = "REOPENED",
        /// Source or target moved.
        Rescoped = "RESCOPED",
        /// Commented as part of a review.
        ReviewCommented = "REVIEW_COMMENTED",
        /// Review discarded.
        ReviewDiscarded = "REVIEW_DISCARDED",
        /// Review finished.
        ReviewFinished = "REVIEW_FINISHED",
        /// Reviewed (needs work).
        Reviewed = "REVIEWED",
        /// Approval withdrawn.
        Unapproved = "UNAPPROVED",
        /// Title, description or reviewers changed.
        Updated = "UPDATED",
        /// Added to the merge queue.
        MergeQueueAdded = "MERGE_QUEUE_ADDED",
        /// Removed from the merge queue.
        MergeQueueEjected = "MERGE_QUEUE_EJECTED",
    }
}

// ---------------------------------------------------------------- models

/// A participant of a pull request.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Participant {
    /// The user.
    pub user: User,
    /// Author, reviewer or participant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<ParticipantRole>,
    /// Whether they approved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approved: Option<bool>,
    /// Review status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<ParticipantStatus>,
    /// Last commit they reviewed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_reviewed_commit: Option<String>,
}

/// A source or target ref of a pull request.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PullRequestRef {
    /// Full ref name (`refs/heads/feature`).
    pub id: String,
    /// Short name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_id: Option<String>,
    /// Commit the ref points at.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest_commit: Option<String>,
    /// Branch or tag.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub ref_type: Option<RefType>,
    /// Repository of the ref (differs from the target's for pull requests from forks).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repository: Option<Repository>,
}

/// A pull request.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PullRequest {
    /// Id, unique within the target repository.
    pub id: i64,
    /// Version for optimistic locking: pass it to update, merge, decline, reopen and delete.
    pub version: i64,
    /// Title.
    pub title: String,
    /// Description (Markdown).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// State.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<PullRequestState>,
    /// Whether it is open.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub open: Option<bool>,
    /// Whether it is closed (merged or declined).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closed: Option<bool>,
    /// Whether it is a draft.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub draft: Option<bool>,
    /// Whether it is locked by an ongoing operation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locked: Option<bool>,
    /// When it was opened.
    #[serde_with(skip_apply)]
    #[serde(
        with = "crate::timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_date: Option<DateTime<Utc>>,
    /// Last update.
    #[serde_with(skip_apply)]
    #[serde(
        with = "crate::timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_date: Option<DateTime<Utc>>,
    /// When it was merged or declined.
    #[serde_with(skip_apply)]
    #[serde(
        with = "crate::timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub closed_date: Option<DateTime<Utc>>,
    /// Source ref.
    pub from_ref: PullRequestRef,
    /// Target ref.
    pub to_ref: PullRequestRef,
    /// Author.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<Participant>,
    /// Creator, when it differs from the author.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creator: Option<Participant>,
    /// Reviewers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reviewers: Vec<Participant>,
    /// Other participants.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<Participant>,
    /// Plugin-provided properties (comment and task counts, merge results), kept as JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub properties: Option<serde_json::Value>,
    /// Links.
    pub links: Links,
}

/// Where a comment is anchored in a diff.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CommentAnchor {
    /// File path (as a string when sending; the server answers with a path object or string).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<AnchorPath>,
    /// Previous path of a moved file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub src_path: Option<AnchorPath>,
    /// Line number (omit for a file comment).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<i64>,
    /// `ADDED`, `REMOVED` or `CONTEXT`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line_type: Option<crate::commits::SegmentType>,
    /// `FROM` (source side) or `TO` (destination side).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_type: Option<String>,
    /// `EFFECTIVE`, `COMMIT` or `RANGE`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diff_type: Option<String>,
    /// Source commit of the anchored diff.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_hash: Option<String>,
    /// Destination commit of the anchored diff.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_hash: Option<String>,
    /// Span of a multi-line comment, kept as JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub multiline_span: Option<serde_json::Value>,
    /// Whether the anchored line no longer exists in the diff (server-side only).
    /// Source: <https://github.com/danger/danger-js/blob/9bf089acde61ffae4178737eeca2bfc858221900/source/platforms/_tests/fixtures/bitbucket_server_activities.json>.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub orphaned: Option<bool>,
}

/// A path in a comment anchor: the server sends either a string or a path object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AnchorPath {
    /// A plain path string.
    Text(String),
    /// A path object.
    Parts(Path),
}

impl Default for AnchorPath {
    fn default() -> Self {
        AnchorPath::Text(String::new())
    }
}

/// A comment or task (blocker comment) on a pull request.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Comment {
    /// Id.
    pub id: i64,
    /// Version for optimistic locking: pass it to update and delete.
    pub version: i64,
    /// Text (Markdown).
    pub text: String,
    /// Author.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<User>,
    /// When it was written.
    #[serde_with(skip_apply)]
    #[serde(
        with = "crate::timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_date: Option<DateTime<Utc>>,
    /// Last edit.
    #[serde_with(skip_apply)]
    #[serde(
        with = "crate::timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_date: Option<DateTime<Utc>>,
    /// Normal comment or blocker (task).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<CommentSeverity>,
    /// Open, pending or resolved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<CommentState>,
    /// Replies.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<Comment>,
    /// Anchor in the diff, for inline comments.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchor: Option<CommentAnchor>,
    /// Whether the anchor still applies to the current diff.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchored: Option<bool>,
    /// Whether it is a reply.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply: Option<bool>,
    /// Whether it belongs to an unpublished review.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pending: Option<bool>,
    /// Whether its thread is resolved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thread_resolved: Option<bool>,
    /// When the thread was resolved.
    #[serde_with(skip_apply)]
    #[serde(
        with = "crate::timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub thread_resolved_date: Option<DateTime<Utc>>,
    /// Who resolved the thread.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thread_resolver: Option<User>,
    /// When the task was resolved.
    #[serde_with(skip_apply)]
    #[serde(
        with = "crate::timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub resolved_date: Option<DateTime<Utc>>,
    /// Who resolved the task.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolver: Option<User>,
    /// Rendered HTML, when requested.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
    /// Extra properties (reactions, repository id), kept as JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub properties: Option<serde_json::Value>,
    /// Tasks attached to the comment, as older servers send them (kept as JSON).
    /// Source: <https://github.com/sourcegraph/sourcegraph-public-snapshot/blob/6cb176c77774d0bbd331d716f8d55acef83f904a/internal/extsvc/bitbucketserver/testdata/vcr/PullRequestActivities.yaml>.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<serde_json::Value>,
    /// What the caller may do with the comment.
    /// Source: <https://github.com/cdancy/bitbucket-rest/blob/ea7fc7f99b5a0a7df487ddfeffd6eeeab279bd2d/src/test/resources/comments.json>.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permitted_operations: Option<PermittedOperations>,
}

/// What the caller may do with a comment.
/// Source: <https://github.com/cdancy/bitbucket-rest/blob/ea7fc7f99b5a0a7df487ddfeffd6eeeab279bd2d/src/test/resources/comments.json>.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PermittedOperations {
    /// Whether the caller may edit it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub editable: Option<bool>,
    /// Whether the caller may delete it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deletable: Option<bool>,
    /// Whether the caller may change its state (resolve, reopen).
    /// Source: <https://github.com/sourcegraph/sourcegraph-public-snapshot/blob/3b79470e49eb3c3c4bb03070c631f44c6e60eea8/internal/extsvc/bitbucketserver/testdata/vcr/CreatePullRequestComment-success.yaml>.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transitionable: Option<bool>,
}

/// One event of a pull request's timeline.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Activity {
    /// Id.
    pub id: i64,
    /// When it happened.
    #[serde_with(skip_apply)]
    #[serde(
        with = "crate::timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_date: Option<DateTime<Utc>>,
    /// Who did it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<User>,
    /// What happened.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<ActivityAction>,
    /// The comment, for comment activities.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<Comment>,
    /// `ADDED`, `EDITED`, `REPLIED` or `DELETED`, for comment activities.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment_action: Option<String>,
    /// Anchor of an inline comment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment_anchor: Option<CommentAnchor>,
    /// Reviewers added, for update activities.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub added_reviewers: Vec<User>,
    /// Reviewers removed, for update activities.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub removed_reviewers: Vec<User>,
    /// Source commit after a rescope.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_hash: Option<String>,
    /// Source commit before a rescope.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_from_hash: Option<String>,
    /// Merge commit, for merge activities.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commit: Option<Commit>,
    /// Target commit after a rescope. Source: <https://github.com/danger/danger-js/blob/9bf089acde61ffae4178737eeca2bfc858221900/source/platforms/_tests/fixtures/bitbucket_server_activities.json>.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_hash: Option<String>,
    /// Target commit before a rescope. Source: <https://github.com/danger/danger-js/blob/9bf089acde61ffae4178737eeca2bfc858221900/source/platforms/_tests/fixtures/bitbucket_server_activities.json>.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_to_hash: Option<String>,
    /// The diff of the anchored file, for inline comment activities. Source: <https://github.com/danger/danger-js/blob/9bf089acde61ffae4178737eeca2bfc858221900/source/platforms/_tests/fixtures/bitbucket_server_activities.json>.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diff: Option<crate::commits::Diff>,
    /// Commits a rescope added. Source: <https://github.com/danger/danger-js/blob/9bf089acde61ffae4178737eeca2bfc858221900/source/platforms/_tests/fixtures/bitbucket_server_activities.json>.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub added: Option<RescopedCommits>,
    /// Commits a rescope removed. Source: <https://github.com/danger/danger-js/blob/9bf089acde61ffae4178737eeca2bfc858221900/source/platforms/_tests/fixtures/bitbucket_server_activities.json>.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub removed: Option<RescopedCommits>,
}

/// Commits a rescope added to or removed from a pull request.
/// Source: <https://github.com/danger/danger-js/blob/9bf089acde61ffae4178737eeca2bfc858221900/source/platforms/_tests/fixtures/bitbucket_server_activities.json>.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RescopedCommits {
    /// The commits (the server may send only the first few).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub commits: Vec<Commit>,
    /// How many there are in all.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<i64>,
}

/// A reason a merge (or rebase) is refused.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Veto {
    /// Short reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary_message: Option<String>,
    /// Longer explanation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detailed_message: Option<String>,
}

/// Whether a pull request can be merged now (merge checks).
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Mergeability {
    /// Whether every merge check passes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub can_merge: Option<bool>,
    /// Whether the branches conflict.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conflicted: Option<bool>,
    /// `CLEAN`, `CONFLICTED` or `UNKNOWN`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// Failed merge checks.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub vetoes: Vec<Veto>,
}

impl Mergeability {
    /// Whether the merge checks pass: `canMerge` when sent, otherwise no vetoes and no conflict.
    pub fn passes(&self) -> bool {
        self.can_merge
            .unwrap_or(self.vetoes.is_empty() && self.conflicted != Some(true))
    }
}

/// The merge checks that refused a merge, read from the error a refused merge returns (a 409
/// whose `errors[]` entries carry `vetoes`). Empty for any other error.
pub fn merge_vetoes(err: &crate::Error) -> Vec<Veto> {
    #[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
    #[derive(Deserialize)]
    struct Body {
        #[serde(default)]
        errors: Vec<Entry>,
    }
    #[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
    #[derive(Deserialize)]
    struct Entry {
        #[serde(default)]
        vetoes: Vec<Veto>,
    }
    err.response()
        .and_then(|r| serde_json::from_slice::<Body>(&r.body).ok())
        .map(|b| b.errors.into_iter().flat_map(|e| e.vetoes).collect())
        .unwrap_or_default()
}

/// Whether a pull request can be rebased now.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Rebaseability {
    /// Whether a rebase is possible.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub can_rebase: Option<bool>,
    /// Whether the caller may rebase.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub can_write: Option<bool>,
    /// Reasons a rebase is refused.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub vetoes: Vec<Veto>,
}

/// Outcome of a rebase.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RebaseResult {
    /// How the source ref moved, kept as JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ref_change: Option<serde_json::Value>,
}

/// A pending auto-merge request.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AutoMergeRequest {
    /// Source commit it applies to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_hash: Option<String>,
    /// Target ref.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_ref_id: Option<String>,
    /// Merge strategy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strategy_id: Option<String>,
    /// Commit message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Whether the message subject is generated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_subject: Option<bool>,
    /// When it was requested.
    #[serde_with(skip_apply)]
    #[serde(
        with = "crate::timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_date: Option<DateTime<Utc>>,
}

/// Outcome of an auto-merge attempt.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AutoMergeResult {
    /// `MERGED`, `VETOED`, `STALE`, `CANCELLED`, ...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_merge_processing_status: Option<String>,
    /// The pull request after the attempt.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pull_request: Option<PullRequest>,
}

/// A suggested merge commit message.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CommitMessageSuggestion {
    /// Subject line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

/// A reaction of a user to a comment.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Reaction {
    /// Who reacted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<User>,
    /// The emoticon, kept as JSON (`{"shortcut": "thumbsup", ...}`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub emoticon: Option<serde_json::Value>,
    /// The comment reacted to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<Comment>,
}

// ---------------------------------------------------------------- request bodies

/// A ref in a request body: ref name plus repository (by slug and project key).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RefSpec {
    /// Ref name (`refs/heads/feature` or `feature`).
    pub id: String,
    /// Repository of the ref; `None` means the target repository.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repository: Option<RepoSpec>,
}

/// A repository in a request body.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RepoSpec {
    /// Repository slug.
    pub slug: String,
    /// Owning project.
    pub project: crate::repos::ProjectKeyRef,
}

/// A user named in a request body.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct UserSpec {
    /// User name.
    pub name: String,
}

/// A reviewer in a request body.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ReviewerSpec {
    /// The reviewer.
    pub user: UserSpec,
}

/// Body of pull request creation and update: only the fields set are sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PullRequestInput {
    /// Version being updated (update only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
    /// Title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Draft or ready for review.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub draft: Option<bool>,
    /// Source ref (creation).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_ref: Option<RefSpec>,
    /// Target ref.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_ref: Option<RefSpec>,
    /// Reviewers (replaces the list on update).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reviewers: Option<Vec<ReviewerSpec>>,
}

/// Body carrying only a version (delete, reopen, rebase).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct VersionBody {
    /// Version of the pull request.
    pub version: i64,
}

/// Body of a decline.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DeclineInput {
    /// Version of the pull request.
    pub version: i64,
    /// Comment to add while declining.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// Body of a merge: only the fields set are sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MergeInput {
    /// Version of the pull request.
    pub version: i64,
    /// Commit message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Merge strategy (`no-ff`, `squash`, `rebase-no-ff`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strategy_id: Option<String>,
    /// Merge automatically once the checks pass instead of now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_merge: Option<bool>,
    /// Subject line for auto-merges.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_subject: Option<String>,
    /// Merge directly even when a merge queue is on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bypass_merge_queue: Option<bool>,
}

/// Body of comment creation and update: only the fields set are sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CommentInput {
    /// Version being updated (update only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
    /// Text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Parent comment, for replies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<CommentParent>,
    /// Anchor, for inline comments.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchor: Option<CommentAnchor>,
    /// Normal comment or blocker (task).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<CommentSeverity>,
    /// Open or resolved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<CommentState>,
    /// Resolve or reopen the thread.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thread_resolved: Option<bool>,
}

/// The comment a reply answers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CommentParent {
    /// Id of the parent comment.
    pub id: i64,
}

/// Body of applying a code suggestion.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplySuggestionInput {
    /// Version of the comment.
    pub comment_version: i64,
    /// Version of the pull request.
    pub pull_request_version: i64,
    /// Which suggestion of the comment (0-based).
    pub suggestion_index: i64,
    /// Commit message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commit_message: Option<String>,
}

/// Body of adding a participant.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AddParticipantInput {
    /// The user.
    pub user: UserSpec,
    /// Their role.
    pub role: ParticipantRole,
}

/// Body of a participant status change.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantStatusInput {
    /// New status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<ParticipantStatus>,
    /// Commit reviewed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_reviewed_commit: Option<String>,
}

/// Body of finishing a review.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FinishReviewInput {
    /// Summary comment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment_text: Option<String>,
    /// Verdict (`APPROVED`, `NEEDS_WORK`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub participant_status: Option<ParticipantStatus>,
    /// Commit reviewed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_reviewed_commit: Option<String>,
}

// ---------------------------------------------------------------- handles

/// Pull requests of one repository.
#[derive(Debug, Clone)]
pub struct PullRequests {
    repo: RepoHandle,
}

/// One pull request.
#[derive(Debug, Clone)]
pub struct PullRequestHandle {
    repo: RepoHandle,
    id: i64,
}

/// Participants of one pull request.
#[derive(Debug, Clone)]
pub struct Participants {
    pr: PullRequestHandle,
}

/// Comments (or tasks) of one pull request.
#[derive(Debug, Clone)]
pub struct Comments {
    pr: PullRequestHandle,
    blocker: bool,
}

/// Pull requests across repositories: the caller's dashboard and inbox.
#[derive(Debug, Clone)]
pub struct MyPullRequests {
    client: bitbucket_core::Client,
}

impl Client {
    /// The caller's pull requests across repositories (dashboard and inbox).
    pub fn my_pull_requests(&self) -> MyPullRequests {
        MyPullRequests {
            client: self.core().clone(),
        }
    }
}

impl MyPullRequests {
    /// Pull requests the caller is involved in (paged; filter by role, state, ...).
    pub fn dashboard(&self) -> DashboardPullRequests {
        DashboardPullRequests::new(Parts::new(&self.client, DASHBOARD))
    }

    /// Pull requests waiting for the caller (paged).
    pub fn inbox(&self) -> InboxPullRequests {
        InboxPullRequests::new(Parts::new(&self.client, INBOX))
    }

    /// Number of pull requests in the caller's inbox (untyped JSON such as `{"count": 3}`).
    pub fn inbox_count(&self) -> InboxCount {
        InboxCount::new(Parts::new(&self.client, INBOX_COUNT))
    }
}

fn repo_ref(repo: &RepoHandle, id: String) -> RefSpec {
    RefSpec {
        id,
        repository: Some(RepoSpec {
            slug: repo.slug.clone(),
            project: crate::repos::ProjectKeyRef {
                key: repo.project_key.clone(),
            },
        }),
    }
}

impl RepoHandle {
    /// Pull requests of this repository: list, create, search participants.
    pub fn pull_requests(&self) -> PullRequests {
        PullRequests { repo: self.clone() }
    }

    /// One pull request, by id.
    pub fn pull_request(&self, id: i64) -> PullRequestHandle {
        PullRequestHandle {
            repo: self.clone(),
            id,
        }
    }
}

impl crate::commits::Commits {
    /// Pull requests containing a commit (paged).
    pub fn pull_requests(&self, commit_id: impl Into<String>) -> ListPullRequests {
        ListPullRequests::new(self.repo.parts_for(BY_COMMIT).param("commitId", commit_id))
    }
}

impl PullRequests {
    /// Lists pull requests (paged; open ones unless a state is set).
    pub fn list(&self) -> ListRepoPullRequests {
        ListRepoPullRequests::new(self.repo.parts_for(LIST))
    }

    /// Opens a pull request from a branch of this repository into another one; use
    /// `from_repo` on the builder for a branch of a fork.
    pub fn create(
        &self,
        title: impl Into<String>,
        from_ref: impl Into<String>,
        to_ref: impl Into<String>,
    ) -> CreatePullRequest {
        CreatePullRequest::new(
            self.repo.parts_for(CREATE),
            PullRequestInput {
                title: Some(title.into()),
                from_ref: Some(repo_ref(&self.repo, from_ref.into())),
                to_ref: Some(repo_ref(&self.repo, to_ref.into())),
                ..PullRequestInput::default()
            },
        )
    }

    /// Users taking part in this repository's pull requests (paged).
    pub fn participants(&self) -> SearchParticipants {
        SearchParticipants::new(self.repo.parts_for(PARTICIPANTS_SEARCH))
    }
}

impl PullRequestHandle {
    /// The pull request id.
    pub fn id(&self) -> i64 {
        self.id
    }

    fn parts(&self, ep: Endpoint) -> Parts {
        self.repo
            .parts_for(ep)
            .param("pullRequestId", self.id.to_string())
    }

    fn versioned(&self, ep: Endpoint, version: i64) -> Parts {
        let mut parts = self.parts(ep);
        parts.query("version", version);
        parts
    }

    /// Gets the pull request.
    pub fn get(&self) -> GetPullRequest {
        GetPullRequest::new(self.parts(GET))
    }

    /// Updates title, description, reviewers, target or draft flag (only the fields set are
    /// sent); `version` is the one last read.
    pub fn update(&self, version: i64) -> UpdatePullRequest {
        UpdatePullRequest::new(
            self.parts(UPDATE),
            PullRequestInput {
                version: Some(version),
                ..PullRequestInput::default()
            },
        )
    }

    /// Deletes the pull request.
    pub fn delete(&self, version: i64) -> DeletePullRequest {
        DeletePullRequest::new(self.parts(DELETE), VersionBody { version })
    }

    /// Declines the pull request.
    pub fn decline(&self, version: i64) -> DeclinePullRequest {
        DeclinePullRequest::new(
            self.versioned(DECLINE, version),
            DeclineInput {
                version,
                comment: None,
            },
        )
    }

    /// Reopens a declined pull request.
    pub fn reopen(&self, version: i64) -> ReopenPullRequest {
        ReopenPullRequest::new(self.versioned(REOPEN, version), VersionBody { version })
    }

    /// Runs the merge checks: whether it can be merged now, and the vetoes if not.
    pub fn merge_status(&self) -> GetMergeStatus {
        GetMergeStatus::new(self.parts(MERGE_STATUS))
    }

    /// Merges the pull request (the server re-runs the merge checks and answers 409 when one
    /// fails).
    pub fn merge(&self, version: i64) -> MergePullRequest {
        MergePullRequest::new(
            self.versioned(MERGE, version),
            MergeInput {
                version,
                ..MergeInput::default()
            },
        )
    }

    /// Approves as the caller.
    pub fn approve(&self) -> SetApproval {
        SetApproval::new(self.parts(APPROVE))
    }

    /// Withdraws the caller's approval.
    pub fn unapprove(&self) -> SetApproval {
        SetApproval::new(self.parts(UNAPPROVE))
    }

    /// Participants and reviewers.
    pub fn participants(&self) -> Participants {
        Participants { pr: self.clone() }
    }

    /// Timeline of events (paged, newest first).
    pub fn activities(&self) -> ListActivities {
        ListActivities::new(self.parts(ACTIVITIES))
    }

    /// Comments.
    pub fn comments(&self) -> Comments {
        Comments {
            pr: self.clone(),
            blocker: false,
        }
    }

    /// Tasks (blocker comments).
    pub fn tasks(&self) -> Comments {
        Comments {
            pr: self.clone(),
            blocker: true,
        }
    }

    /// Paths changed by the pull request (paged).
    pub fn changes(&self) -> ListPullRequestChanges {
        ListPullRequestChanges::new(self.parts(CHANGES))
    }

    /// Commits of the pull request (paged).
    pub fn commits(&self) -> ListPullRequestCommits {
        ListPullRequestCommits::new(self.parts(COMMITS))
    }

    /// JSON diff of one file (the path keeps its `/`).
    pub fn diff(&self, path: impl Into<String>) -> GetPullRequestDiff {
        GetPullRequestDiff::new(self.parts(DIFF).param("path", path))
    }

    /// Diff statistics of one path (untyped JSON).
    pub fn diff_stats_summary(&self, path: impl Into<String>) -> GetPullRequestDiffStats {
        GetPullRequestDiffStats::new(self.parts(DIFF_STATS).param("path", path))
    }

    /// The whole diff as unified text (streamed).
    pub fn raw_diff(&self) -> PullRequestRawDiff {
        let mut parts = self.parts(RAW_DIFF);
        parts.accept("text/plain");
        PullRequestRawDiff::new(parts)
    }

    /// The commits as a `git format-patch` stream.
    pub fn patch(&self) -> PullRequestPatch {
        let mut parts = self.parts(PATCH);
        parts.accept("text/plain");
        PullRequestPatch::new(parts)
    }

    /// Common ancestor of source and target (`None` when there is none).
    pub fn merge_base(&self) -> GetPullRequestMergeBase {
        GetPullRequestMergeBase::new(self.parts(MERGE_BASE))
    }

    /// The pending auto-merge request, if any.
    pub fn auto_merge(&self) -> GetAutoMerge {
        GetAutoMerge::new(self.parts(AUTO_MERGE_GET))
    }

    /// Asks the server to merge as soon as the checks pass (or now, if they already do).
    pub fn request_auto_merge(&self) -> RequestAutoMerge {
        RequestAutoMerge::new(self.parts(AUTO_MERGE_SET))
    }

    /// Cancels a pending auto-merge.
    pub fn cancel_auto_merge(&self) -> PullRequestAction {
        PullRequestAction::new(self.parts(AUTO_MERGE_CANCEL))
    }

    /// Suggested merge commit message.
    pub fn commit_message_suggestion(&self) -> GetCommitMessageSuggestion {
        GetCommitMessageSuggestion::new(self.parts(MESSAGE_SUGGESTION))
    }

    /// The caller's pending review comments (paged).
    pub fn review(&self) -> ListReviewComments {
        ListReviewComments::new(self.parts(REVIEW_GET))
    }

    /// Publishes the caller's pending review, with an optional verdict and summary.
    pub fn finish_review(&self) -> FinishReview {
        FinishReview::new(self.parts(REVIEW_FINISH), FinishReviewInput::default())
    }

    /// Throws away the caller's pending review.
    pub fn discard_review(&self) -> PullRequestAction {
        PullRequestAction::new(self.parts(REVIEW_DISCARD))
    }

    /// Watches the pull request (notifications).
    pub fn watch(&self) -> PullRequestAction {
        PullRequestAction::new(self.parts(WATCH))
    }

    /// Stops watching the pull request.
    pub fn unwatch(&self) -> PullRequestAction {
        PullRequestAction::new(self.parts(UNWATCH))
    }

    /// Whether the source branch can be rebased onto the target.
    pub fn rebase_status(&self) -> GetRebaseStatus {
        GetRebaseStatus::new(self.parts(REBASE_CHECK))
    }

    /// Rebases the source branch onto the target.
    pub fn rebase(&self, version: i64) -> RebasePullRequest {
        RebasePullRequest::new(self.parts(REBASE), VersionBody { version })
    }

    /// Reacts to a comment with an emoticon (`thumbsup`, `heart`, ...).
    pub fn react(&self, comment_id: i64, emoticon: impl Into<String>) -> React {
        React::new(
            self.parts(REACT)
                .param("commentId", comment_id.to_string())
                .param("emoticon", emoticon),
        )
    }

    /// Removes the caller's reaction from a comment.
    pub fn unreact(&self, comment_id: i64, emoticon: impl Into<String>) -> PullRequestAction {
        PullRequestAction::new(
            self.parts(UNREACT)
                .param("commentId", comment_id.to_string())
                .param("emoticon", emoticon),
        )
    }
}

impl Participants {
    /// Lists participants (paged).
    pub fn list(&self) -> ListParticipants {
        ListParticipants::new(self.pr.parts(PARTICIPANTS_LIST))
    }

    /// Adds a user with a role (usually [`ParticipantRole::Reviewer`]).
    pub fn add(&self, user_name: impl Into<String>, role: ParticipantRole) -> AddParticipant {
        AddParticipant::new(
            self.pr.parts(PARTICIPANTS_ADD),
            AddParticipantInput {
                user: UserSpec {
                    name: user_name.into(),
                },
                role,
            },
        )
    }

    /// Removes a participant by user name (query-parameter form).
    pub fn remove(&self, user_name: impl Into<String>) -> PullRequestAction {
        let mut parts = self.pr.parts(PARTICIPANTS_REMOVE);
        parts.query("username", user_name.into());
        PullRequestAction::new(parts)
    }

    /// Removes a participant by user slug (path form).
    pub fn remove_by_slug(&self, user_slug: impl Into<String>) -> PullRequestAction {
        PullRequestAction::new(
            self.pr
                .parts(PARTICIPANT_REMOVE)
                .param("userSlug", user_slug),
        )
    }

    /// Sets a participant's review status (approve, needs work, unapprove).
    pub fn set_status(
        &self,
        user_slug: impl Into<String>,
        status: ParticipantStatus,
    ) -> SetParticipantStatus {
        SetParticipantStatus::new(
            self.pr
                .parts(PARTICIPANT_STATUS)
                .param("userSlug", user_slug),
            ParticipantStatusInput {
                status: Some(status),
                last_reviewed_commit: None,
            },
        )
    }
}

impl Comments {
    fn ep(&self, normal: Endpoint, blocker: Endpoint) -> Endpoint {
        if self.blocker { blocker } else { normal }
    }

    /// Lists comments on a file (`path` is required by the server) or, for tasks, every task
    /// (paged; `path` is then sent as a filter).
    pub fn list(&self, path: impl Into<String>) -> ListComments {
        let mut parts = self.pr.parts(self.ep(COMMENTS_LIST, BLOCKERS_LIST));
        let path = path.into();
        if !self.blocker || !path.is_empty() {
            parts.query("path", path);
        }
        ListComments::new(parts)
    }

    /// Lists every task (tasks only; paged).
    pub fn list_all(&self) -> ListComments {
        ListComments::new(self.pr.parts(self.ep(COMMENTS_LIST, BLOCKERS_LIST)))
    }

    /// Adds a comment (or task) with this text.
    pub fn create(&self, text: impl Into<String>) -> CreateComment {
        CreateComment::new(
            self.pr.parts(self.ep(COMMENTS_CREATE, BLOCKERS_CREATE)),
            CommentInput {
                text: Some(text.into()),
                severity: self.blocker.then_some(CommentSeverity::Blocker),
                ..CommentInput::default()
            },
        )
    }

    /// Gets one comment (or task).
    pub fn get(&self, comment_id: i64) -> GetComment {
        GetComment::new(
            self.pr
                .parts(self.ep(COMMENTS_GET, BLOCKERS_GET))
                .param("commentId", comment_id.to_string()),
        )
    }

    /// Edits a comment (or task): text, state, severity; `version` is the comment's.
    pub fn update(&self, comment_id: i64, version: i64) -> UpdateComment {
        UpdateComment::new(
            self.pr
                .parts(self.ep(COMMENTS_UPDATE, BLOCKERS_UPDATE))
                .param("commentId", comment_id.to_string()),
            CommentInput {
                version: Some(version),
                ..CommentInput::default()
            },
        )
    }

    /// Deletes a comment (or task); `version` is the comment's.
    pub fn delete(&self, comment_id: i64, version: i64) -> PullRequestAction {
        let mut parts = self
            .pr
            .parts(self.ep(COMMENTS_DELETE, BLOCKERS_DELETE))
            .param("commentId", comment_id.to_string());
        parts.query("version", version);
        PullRequestAction::new(parts)
    }

    /// Commits a code suggestion contained in a comment.
    pub fn apply_suggestion(
        &self,
        comment_id: i64,
        comment_version: i64,
        pull_request_version: i64,
        suggestion_index: i64,
    ) -> ApplySuggestion {
        ApplySuggestion::new(
            self.pr
                .parts(APPLY_SUGGESTION)
                .param("commentId", comment_id.to_string()),
            ApplySuggestionInput {
                comment_version,
                pull_request_version,
                suggestion_index,
                commit_message: None,
            },
        )
    }
}

// ---------------------------------------------------------------- builders

request_builder! {
    /// Lists pull requests (paged).
    ListPullRequests => paged PullRequest
}

request_builder! {
    /// Lists a repository's pull requests (paged).
    ListRepoPullRequests => paged PullRequest
}

query_params!(ListRepoPullRequests {
    /// `OPEN` (default), `DECLINED`, `MERGED` or `ALL`.
    state("state"): PullRequestState;
    /// `INCOMING` (target is `at`) or `OUTGOING` (source is `at`).
    direction("direction"): String;
    /// Only pull requests to (or from) this ref.
    at("at"): String;
    /// `NEWEST` or `OLDEST`.
    order("order"): String;
    /// Only pull requests whose title or description contains this text.
    filter_text("filterText"): String;
    /// Only drafts (`true`) or only non-drafts (`false`).
    draft("draft"): bool;
    /// Include attributes (participants' states).
    with_attributes("withAttributes"): bool;
    /// Include properties (comment and task counts).
    with_properties("withProperties"): bool;
});

request_builder! {
    /// Lists the caller's pull requests (paged).
    DashboardPullRequests => paged PullRequest
}

query_params!(DashboardPullRequests {
    /// `OPEN`, `DECLINED` or `MERGED`.
    state("state"): PullRequestState;
    /// `AUTHOR`, `REVIEWER` or `PARTICIPANT`.
    role("role"): ParticipantRole;
    /// Only where the caller's status is this (comma-separated list allowed).
    participant_status("participantStatus"): String;
    /// `NEWEST`, `OLDEST`, `PARTICIPANT_STATUS` or `CLOSED_DATE`.
    order("order"): String;
    /// Only pull requests closed after this instant (epoch milliseconds).
    closed_since("closedSince"): i64;
    /// Another user's dashboard (administrators).
    user("user"): String;
});

request_builder! {
    /// Lists the caller's inbox (paged).
    InboxPullRequests => paged PullRequest
}

query_params!(InboxPullRequests {
    /// `AUTHOR` or `REVIEWER` (default).
    role("role"): ParticipantRole;
});

request_builder! {
    /// Counts the caller's inbox (untyped JSON).
    InboxCount => json serde_json::Value
}

request_builder! {
    /// Searches users taking part in pull requests (paged).
    SearchParticipants => paged User
}

query_params!(SearchParticipants {
    /// Only users whose name contains this text.
    filter("filter"): String;
    /// `AUTHOR`, `REVIEWER` or `PARTICIPANT`.
    role("role"): ParticipantRole;
    /// `INCOMING` or `OUTGOING`.
    direction("direction"): String;
});

request_builder! {
    /// Opens a pull request.
    CreatePullRequest { body: PullRequestInput } => json PullRequest
}

impl CreatePullRequest {
    /// Description.
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.body.description = Some(text.into());
        self
    }

    /// Opens it as a draft.
    pub fn draft(mut self, draft: bool) -> Self {
        self.body.draft = Some(draft);
        self
    }

    /// Adds reviewers by user name.
    pub fn reviewers<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.body
            .reviewers
            .get_or_insert_with(Vec::new)
            .extend(names.into_iter().map(|n| ReviewerSpec {
                user: UserSpec { name: n.into() },
            }));
        self
    }

    /// Takes the source branch from another repository (a fork).
    pub fn from_repo(
        mut self,
        project_key: impl Into<String>,
        repo_slug: impl Into<String>,
    ) -> Self {
        if let Some(from) = self.body.from_ref.as_mut() {
            from.repository = Some(RepoSpec {
                slug: repo_slug.into(),
                project: crate::repos::ProjectKeyRef {
                    key: project_key.into(),
                },
            });
        }
        self
    }
}

request_builder! {
    /// Gets a pull request.
    GetPullRequest => json PullRequest
}

query_params!(GetPullRequest {
    /// Include properties (comment and task counts).
    with_properties("withProperties"): bool;
});

request_builder! {
    /// Updates a pull request.
    UpdatePullRequest { body: PullRequestInput } => json PullRequest
}

body_params!(UpdatePullRequest {
    /// New title.
    title: String;
    /// New description.
    description: String;
    /// Draft or ready for review.
    draft: bool;
});

impl UpdatePullRequest {
    /// Replaces the reviewers by these user names.
    pub fn reviewers<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.body.reviewers = Some(
            names
                .into_iter()
                .map(|n| ReviewerSpec {
                    user: UserSpec { name: n.into() },
                })
                .collect(),
        );
        self
    }

    /// Retargets the pull request to another branch of the same repository.
    pub fn to_ref(mut self, ref_id: impl Into<String>) -> Self {
        self.body.to_ref = Some(RefSpec {
            id: ref_id.into(),
            repository: None,
        });
        self
    }
}

request_builder! {
    /// Deletes a pull request.
    DeletePullRequest { body: VersionBody } => empty
}

request_builder! {
    /// Declines a pull request.
    DeclinePullRequest { body: DeclineInput } => json PullRequest
}

body_params!(DeclinePullRequest {
    /// Comment to add while declining.
    comment: String;
});

request_builder! {
    /// Reopens a pull request.
    ReopenPullRequest { body: VersionBody } => json PullRequest
}

request_builder! {
    /// Runs the merge checks.
    GetMergeStatus => json Mergeability
}

request_builder! {
    /// Merges a pull request.
    MergePullRequest { body: MergeInput } => json PullRequest
}

body_params!(MergePullRequest {
    /// Commit message.
    message: String;
    /// Merge strategy (`no-ff`, `squash`, ...).
    strategy_id: String;
    /// Merge automatically once the checks pass.
    auto_merge: bool;
    /// Subject line for auto-merges.
    auto_subject: String;
    /// Merge directly even when a merge queue is on.
    bypass_merge_queue: bool;
});

request_builder! {
    /// Approves or unapproves.
    SetApproval => json Participant
}

request_builder! {
    /// A pull request action without an answer body.
    PullRequestAction => empty
}

request_builder! {
    /// Lists participants (paged).
    ListParticipants => paged Participant
}

request_builder! {
    /// Adds a participant.
    AddParticipant { body: AddParticipantInput } => json Participant
}

request_builder! {
    /// Sets a participant's status.
    SetParticipantStatus { body: ParticipantStatusInput } => json Participant
}

body_params!(SetParticipantStatus {
    /// Commit reviewed.
    last_reviewed_commit: String;
});

impl SetParticipantStatus {
    /// Sends the pull request version the status applies to.
    pub fn version(mut self, version: i64) -> Self {
        self.parts.set_query("version", version);
        self
    }
}

request_builder! {
    /// Lists activities (paged).
    ListActivities => paged Activity
}

query_params!(ListActivities {
    /// Start after this activity id (with `from_type`).
    from_id("fromId"): i64;
    /// `COMMENT` or `ACTIVITY`.
    from_type("fromType"): String;
});

request_builder! {
    /// Lists comments or tasks (paged).
    ListComments => paged Comment
}

query_params!(ListComments {
    /// Only comments anchored on the diff from this commit.
    from_hash("fromHash"): String;
    /// Only comments anchored on the diff to this commit.
    to_hash("toHash"): String;
    /// `ACTIVE`, `ORPHANED` or `ALL`.
    anchor_state("anchorState"): String;
    /// `EFFECTIVE`, `RANGE` or `COMMIT`.
    diff_type("diffType"): String;
    /// `OPEN`, `PENDING` or `RESOLVED`.
    state("state"): CommentState;
    /// Only count them (tasks).
    count("count"): bool;
});

request_builder! {
    /// Adds a comment or task.
    CreateComment { body: CommentInput } => json Comment
}

impl CreateComment {
    /// Makes it a reply to another comment.
    pub fn reply_to(mut self, parent_id: i64) -> Self {
        self.body.parent = Some(CommentParent { id: parent_id });
        self
    }

    /// Anchors it in the diff (inline comment).
    pub fn anchor(mut self, anchor: CommentAnchor) -> Self {
        self.body.anchor = Some(anchor);
        self
    }

    /// Anchors it on a line of a file in the diff (destination side).
    pub fn on_line(mut self, path: impl Into<String>, line: i64) -> Self {
        self.body.anchor = Some(CommentAnchor {
            path: Some(AnchorPath::Text(path.into())),
            line: Some(line),
            line_type: Some(crate::commits::SegmentType::Added),
            file_type: Some("TO".to_owned()),
            ..CommentAnchor::default()
        });
        self
    }

    /// Makes it a task (`Blocker`) or a plain comment (`Normal`).
    pub fn severity(mut self, severity: CommentSeverity) -> Self {
        self.body.severity = Some(severity);
        self
    }

    /// Creates it as part of a pending review.
    pub fn pending(mut self) -> Self {
        self.body.state = Some(CommentState::Pending);
        self
    }
}

request_builder! {
    /// Gets a comment or task.
    GetComment => json Comment
}

request_builder! {
    /// Edits a comment or task.
    UpdateComment { body: CommentInput } => json Comment
}

body_params!(UpdateComment {
    /// New text.
    text: String;
    /// Resolve (`Resolved`) or reopen (`Open`).
    state: CommentState;
    /// Turn into a task or back.
    severity: CommentSeverity;
    /// Resolve or reopen the thread.
    thread_resolved: bool;
});

request_builder! {
    /// Applies a code suggestion.
    ApplySuggestion { body: ApplySuggestionInput } => empty
}

body_params!(ApplySuggestion {
    /// Commit message.
    commit_message: String;
});

request_builder! {
    /// Lists changes of a pull request (paged).
    ListPullRequestChanges => paged Change
}

query_params!(ListPullRequestChanges {
    /// `UNREVIEWED`, `RANGE` or `ALL` (default).
    change_scope("changeScope"): String;
    /// Start of a `RANGE`.
    since_id("sinceId"): String;
    /// End of a `RANGE`.
    until_id("untilId"): String;
    /// Include comment counts.
    with_comments("withComments"): bool;
});

request_builder! {
    /// Lists commits of a pull request (paged); `send()` gives a
    /// [`CommitPage`](crate::commits::CommitPage), which carries the counts asked for with
    /// `with_counts(true)`.
    ListPullRequestCommits => paged Commit as crate::commits::CommitPage
}

query_params!(ListPullRequestCommits {
    /// Include the total count.
    with_counts("withCounts"): bool;
    /// Avatar size in pixels.
    avatar_size("avatarSize"): u32;
    /// `http` or `https` avatar URLs.
    avatar_scheme("avatarScheme"): String;
});

request_builder! {
    /// Gets the JSON diff of a file in a pull request.
    GetPullRequestDiff => json DiffResult
}

query_params!(GetPullRequestDiff {
    /// Context lines around changes.
    context_lines("contextLines"): u32;
    /// `EFFECTIVE`, `RANGE` or `COMMIT`.
    diff_type("diffType"): String;
    /// Start of a range.
    since_id("sinceId"): String;
    /// End of a range.
    until_id("untilId"): String;
    /// Previous path of a moved file.
    src_path("srcPath"): String;
    /// `ignore-all` to ignore whitespace.
    whitespace("whitespace"): String;
    /// Include comments.
    with_comments("withComments"): bool;
    /// Avatar size in pixels.
    avatar_size("avatarSize"): u32;
    /// `http` or `https` avatar URLs.
    avatar_scheme("avatarScheme"): String;
});

request_builder! {
    /// Gets diff statistics of a path in a pull request (untyped JSON).
    GetPullRequestDiffStats => json serde_json::Value
}

query_params!(GetPullRequestDiffStats {
    /// Start of a range.
    since_id("sinceId"): String;
    /// End of a range.
    until_id("untilId"): String;
    /// Previous path of a moved file.
    src_path("srcPath"): String;
    /// `ignore-all` to ignore whitespace.
    whitespace("whitespace"): String;
});

request_builder! {
    /// Downloads the unified diff of a pull request.
    PullRequestRawDiff => response
}

query_params!(PullRequestRawDiff {
    /// Context lines around changes.
    context_lines("contextLines"): u32;
    /// `ignore-all` to ignore whitespace.
    whitespace("whitespace"): String;
});

request_builder! {
    /// Downloads a pull request as a patch.
    PullRequestPatch => response
}

byte_stream!(PullRequestRawDiff, PullRequestPatch);

request_builder! {
    /// Gets the merge base of a pull request.
    GetPullRequestMergeBase => json Option<Commit>
}

request_builder! {
    /// Gets the pending auto-merge request (`None` when there is none).
    GetAutoMerge => json Option<AutoMergeRequest>
}

request_builder! {
    /// Requests an auto-merge.
    RequestAutoMerge => json AutoMergeResult
}

request_builder! {
    /// Gets a suggested commit message.
    GetCommitMessageSuggestion => json CommitMessageSuggestion
}

request_builder! {
    /// Lists pending review comments (paged).
    ListReviewComments => paged Comment
}

request_builder! {
    /// Finishes a review.
    FinishReview { body: FinishReviewInput } => json serde_json::Value
}

body_params!(FinishReview {
    /// Summary comment.
    comment_text: String;
    /// Verdict.
    participant_status: ParticipantStatus;
    /// Commit reviewed.
    last_reviewed_commit: String;
});

impl FinishReview {
    /// Sends the pull request version the review applies to.
    pub fn version(mut self, version: i64) -> Self {
        self.parts.set_query("version", version);
        self
    }
}

request_builder! {
    /// Checks whether a rebase is possible.
    GetRebaseStatus => json Rebaseability
}

request_builder! {
    /// Rebases a pull request.
    RebasePullRequest { body: VersionBody } => json RebaseResult
}

request_builder! {
    /// Reacts to a comment.
    React => json Reaction
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pull_request_decodes_with_unknown_state_and_times() {
        let pr: PullRequest = serde_json::from_str(
            r#"{"id":7,"version":3,"title":"T","state":"SUPERSEDED","createdDate":1700000000000,
                "fromRef":{"id":"refs/heads/f","repository":{"slug":"web","name":"web"}},
                "toRef":{"id":"refs/heads/main","type":"BRANCH"},
                "reviewers":[{"user":{"name":"a","slug":"a"},"status":"NEEDS_WORK","role":"REVIEWER"}]}"#,
        )
        .unwrap();
        assert_eq!(
            pr.state,
            Some(PullRequestState::Unknown("SUPERSEDED".into()))
        );
        assert_eq!(pr.reviewers[0].status, Some(ParticipantStatus::NeedsWork));
        assert_eq!(pr.to_ref.ref_type, Some(RefType::Branch));
        assert!(pr.created_date.is_some());
    }

    #[test]
    fn mergeability_passes() {
        let ok: Mergeability =
            serde_json::from_str(r#"{"canMerge":true,"conflicted":false,"vetoes":[]}"#).unwrap();
        assert!(ok.passes());
        let vetoed: Mergeability = serde_json::from_str(
            r#"{"outcome":"CLEAN","vetoes":[{"summaryMessage":"needs 2 approvals"}]}"#,
        )
        .unwrap();
        assert!(!vetoed.passes());
    }

    #[test]
    fn anchor_path_accepts_string_or_object() {
        let c: Comment = serde_json::from_str(
            r#"{"id":1,"version":0,"text":"x","anchor":{"path":"src/a.rs","line":3},
                "comments":[{"id":2,"text":"y","anchor":{"path":{"components":["b"]}}}]}"#,
        )
        .unwrap();
        assert_eq!(
            c.anchor.unwrap().path,
            Some(AnchorPath::Text("src/a.rs".into()))
        );
        assert!(matches!(
            c.comments[0].anchor.as_ref().unwrap().path,
            Some(AnchorPath::Parts(_))
        ));
    }
}
