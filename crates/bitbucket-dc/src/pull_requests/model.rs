//! Models of pull requests: enums and what the server answers.

use super::*;

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

/// A participant of a pull request.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Participant {
    /// The user.
    pub user: User,
    /// Author, reviewer or participant.
    pub role: Option<ParticipantRole>,
    /// Whether they approved.
    pub approved: Option<bool>,
    /// Review status.
    pub status: Option<ParticipantStatus>,
    /// Last commit they reviewed.
    pub last_reviewed_commit: Option<String>,
}

/// A source or target ref of a pull request.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PullRequestRef {
    /// Full ref name (`refs/heads/feature`).
    pub id: String,
    /// Short name.
    pub display_id: Option<String>,
    /// Commit the ref points at.
    pub latest_commit: Option<String>,
    /// Branch or tag.
    #[serde(rename = "type")]
    pub ref_type: Option<RefType>,
    /// Repository of the ref (differs from the target's for pull requests from forks).
    pub repository: Option<Repository>,
}

/// A pull request.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
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
    pub description: Option<String>,
    /// State.
    pub state: Option<PullRequestState>,
    /// Whether it is open.
    pub open: Option<bool>,
    /// Whether it is closed (merged or declined).
    pub closed: Option<bool>,
    /// Whether it is a draft.
    pub draft: Option<bool>,
    /// Whether it is locked by an ongoing operation.
    pub locked: Option<bool>,
    /// When it was opened.
    #[serde(with = "crate::timestamp::option")]
    pub created_date: Option<DateTime<Utc>>,
    /// Last update.
    #[serde(with = "crate::timestamp::option")]
    pub updated_date: Option<DateTime<Utc>>,
    /// When it was merged or declined.
    #[serde(with = "crate::timestamp::option")]
    pub closed_date: Option<DateTime<Utc>>,
    /// Source ref.
    pub from_ref: PullRequestRef,
    /// Target ref.
    pub to_ref: PullRequestRef,
    /// Author.
    pub author: Option<Participant>,
    /// Creator, when it differs from the author.
    pub creator: Option<Participant>,
    /// Reviewers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reviewers: Vec<Participant>,
    /// Other participants.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<Participant>,
    /// Plugin-provided properties (comment and task counts, merge results), kept as JSON.
    pub properties: Option<serde_json::Value>,
    /// Links.
    pub links: Links,
}

/// Where a comment is anchored in a diff.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CommentAnchor {
    /// File path (as a string when sending; the server answers with a path object or string).
    pub path: Option<AnchorPath>,
    /// Previous path of a moved file.
    pub src_path: Option<AnchorPath>,
    /// Line number (omit for a file comment).
    pub line: Option<i64>,
    /// `ADDED`, `REMOVED` or `CONTEXT`.
    pub line_type: Option<crate::commits::SegmentType>,
    /// `FROM` (source side) or `TO` (destination side).
    pub file_type: Option<String>,
    /// `EFFECTIVE`, `COMMIT` or `RANGE`.
    pub diff_type: Option<String>,
    /// Source commit of the anchored diff.
    pub from_hash: Option<String>,
    /// Destination commit of the anchored diff.
    pub to_hash: Option<String>,
    /// Span of a multi-line comment, kept as JSON.
    pub multiline_span: Option<serde_json::Value>,
    /// Whether the anchored line no longer exists in the diff (server-side only).
    /// Source: <https://github.com/danger/danger-js/blob/9bf089acde61ffae4178737eeca2bfc858221900/source/platforms/_tests/fixtures/bitbucket_server_activities.json>.
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
#[macro_rules_attribute::apply(crate::tolerant::model!)]
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
    pub author: Option<User>,
    /// When it was written.
    #[serde(with = "crate::timestamp::option")]
    pub created_date: Option<DateTime<Utc>>,
    /// Last edit.
    #[serde(with = "crate::timestamp::option")]
    pub updated_date: Option<DateTime<Utc>>,
    /// Normal comment or blocker (task).
    pub severity: Option<CommentSeverity>,
    /// Open, pending or resolved.
    pub state: Option<CommentState>,
    /// Replies.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<Comment>,
    /// Anchor in the diff, for inline comments.
    pub anchor: Option<CommentAnchor>,
    /// Whether the anchor still applies to the current diff.
    pub anchored: Option<bool>,
    /// Whether it is a reply.
    pub reply: Option<bool>,
    /// Whether it belongs to an unpublished review.
    pub pending: Option<bool>,
    /// Whether its thread is resolved.
    pub thread_resolved: Option<bool>,
    /// When the thread was resolved.
    #[serde(with = "crate::timestamp::option")]
    pub thread_resolved_date: Option<DateTime<Utc>>,
    /// Who resolved the thread.
    pub thread_resolver: Option<User>,
    /// When the task was resolved.
    #[serde(with = "crate::timestamp::option")]
    pub resolved_date: Option<DateTime<Utc>>,
    /// Who resolved the task.
    pub resolver: Option<User>,
    /// Rendered HTML, when requested.
    pub html: Option<String>,
    /// Extra properties (reactions, repository id), kept as JSON.
    pub properties: Option<serde_json::Value>,
    /// Tasks attached to the comment, as older servers send them (kept as JSON).
    /// Source: <https://github.com/sourcegraph/sourcegraph-public-snapshot/blob/6cb176c77774d0bbd331d716f8d55acef83f904a/internal/extsvc/bitbucketserver/testdata/vcr/PullRequestActivities.yaml>.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<serde_json::Value>,
    /// What the caller may do with the comment.
    /// Source: <https://github.com/cdancy/bitbucket-rest/blob/ea7fc7f99b5a0a7df487ddfeffd6eeeab279bd2d/src/test/resources/comments.json>.
    pub permitted_operations: Option<PermittedOperations>,
}

/// What the caller may do with a comment.
/// Source: <https://github.com/cdancy/bitbucket-rest/blob/ea7fc7f99b5a0a7df487ddfeffd6eeeab279bd2d/src/test/resources/comments.json>.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PermittedOperations {
    /// Whether the caller may edit it.
    pub editable: Option<bool>,
    /// Whether the caller may delete it.
    pub deletable: Option<bool>,
    /// Whether the caller may change its state (resolve, reopen).
    /// Source: <https://github.com/sourcegraph/sourcegraph-public-snapshot/blob/3b79470e49eb3c3c4bb03070c631f44c6e60eea8/internal/extsvc/bitbucketserver/testdata/vcr/CreatePullRequestComment-success.yaml>.
    pub transitionable: Option<bool>,
}

/// One event of a pull request's timeline.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Activity {
    /// Id.
    pub id: i64,
    /// When it happened.
    #[serde(with = "crate::timestamp::option")]
    pub created_date: Option<DateTime<Utc>>,
    /// Who did it.
    pub user: Option<User>,
    /// What happened.
    pub action: Option<ActivityAction>,
    /// The comment, for comment activities.
    pub comment: Option<Comment>,
    /// `ADDED`, `EDITED`, `REPLIED` or `DELETED`, for comment activities.
    pub comment_action: Option<String>,
    /// Anchor of an inline comment.
    pub comment_anchor: Option<CommentAnchor>,
    /// Reviewers added, for update activities.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub added_reviewers: Vec<User>,
    /// Reviewers removed, for update activities.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub removed_reviewers: Vec<User>,
    /// Source commit after a rescope.
    pub from_hash: Option<String>,
    /// Source commit before a rescope.
    pub previous_from_hash: Option<String>,
    /// Merge commit, for merge activities.
    pub commit: Option<Commit>,
    /// Target commit after a rescope. Source: <https://github.com/danger/danger-js/blob/9bf089acde61ffae4178737eeca2bfc858221900/source/platforms/_tests/fixtures/bitbucket_server_activities.json>.
    pub to_hash: Option<String>,
    /// Target commit before a rescope. Source: <https://github.com/danger/danger-js/blob/9bf089acde61ffae4178737eeca2bfc858221900/source/platforms/_tests/fixtures/bitbucket_server_activities.json>.
    pub previous_to_hash: Option<String>,
    /// The diff of the anchored file, for inline comment activities. Source: <https://github.com/danger/danger-js/blob/9bf089acde61ffae4178737eeca2bfc858221900/source/platforms/_tests/fixtures/bitbucket_server_activities.json>.
    pub diff: Option<crate::commits::Diff>,
    /// Commits a rescope added. Source: <https://github.com/danger/danger-js/blob/9bf089acde61ffae4178737eeca2bfc858221900/source/platforms/_tests/fixtures/bitbucket_server_activities.json>.
    pub added: Option<RescopedCommits>,
    /// Commits a rescope removed. Source: <https://github.com/danger/danger-js/blob/9bf089acde61ffae4178737eeca2bfc858221900/source/platforms/_tests/fixtures/bitbucket_server_activities.json>.
    pub removed: Option<RescopedCommits>,
}

/// Commits a rescope added to or removed from a pull request.
/// Source: <https://github.com/danger/danger-js/blob/9bf089acde61ffae4178737eeca2bfc858221900/source/platforms/_tests/fixtures/bitbucket_server_activities.json>.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RescopedCommits {
    /// The commits (the server may send only the first few).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub commits: Vec<Commit>,
    /// How many there are in all.
    pub total: Option<i64>,
}

/// A reason a merge (or rebase) is refused.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Veto {
    /// Short reason.
    pub summary_message: Option<String>,
    /// Longer explanation.
    pub detailed_message: Option<String>,
}

/// Whether a pull request can be merged now (merge checks).
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Mergeability {
    /// Whether every merge check passes.
    pub can_merge: Option<bool>,
    /// Whether the branches conflict.
    pub conflicted: Option<bool>,
    /// `CLEAN`, `CONFLICTED` or `UNKNOWN`.
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
    #[macro_rules_attribute::apply(crate::tolerant::model!)]
    #[derive(Deserialize)]
    struct Body {
        #[serde(default)]
        errors: Vec<Entry>,
    }
    #[macro_rules_attribute::apply(crate::tolerant::model!)]
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
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Rebaseability {
    /// Whether a rebase is possible.
    pub can_rebase: Option<bool>,
    /// Whether the caller may rebase.
    pub can_write: Option<bool>,
    /// Reasons a rebase is refused.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub vetoes: Vec<Veto>,
}

/// Outcome of a rebase.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RebaseResult {
    /// How the source ref moved, kept as JSON.
    pub ref_change: Option<serde_json::Value>,
}

/// A pending auto-merge request.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AutoMergeRequest {
    /// Source commit it applies to.
    pub from_hash: Option<String>,
    /// Target ref.
    pub to_ref_id: Option<String>,
    /// Merge strategy.
    pub strategy_id: Option<String>,
    /// Commit message.
    pub message: Option<String>,
    /// Whether the message subject is generated.
    pub auto_subject: Option<bool>,
    /// When it was requested.
    #[serde(with = "crate::timestamp::option")]
    pub created_date: Option<DateTime<Utc>>,
}

/// Outcome of an auto-merge attempt.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AutoMergeResult {
    /// `MERGED`, `VETOED`, `STALE`, `CANCELLED`, ...
    pub auto_merge_processing_status: Option<String>,
    /// The pull request after the attempt.
    pub pull_request: Option<PullRequest>,
}

/// A suggested merge commit message.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CommitMessageSuggestion {
    /// Subject line.
    pub title: Option<String>,
    /// Body.
    pub body: Option<String>,
}

/// A reaction of a user to a comment.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Reaction {
    /// Who reacted.
    pub user: Option<User>,
    /// The emoticon, kept as JSON (`{"shortcut": "thumbsup", ...}`).
    pub emoticon: Option<serde_json::Value>,
    /// The comment reacted to.
    pub comment: Option<Comment>,
}
