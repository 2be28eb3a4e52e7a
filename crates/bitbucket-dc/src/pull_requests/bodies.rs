//! Request bodies of pull-request operations.

use super::*;

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
