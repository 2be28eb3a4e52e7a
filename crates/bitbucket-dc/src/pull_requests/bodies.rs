//! Request bodies of pull-request operations.

use super::*;

/// A ref in a request body: ref name plus repository (by slug and project key).
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RefSpec {
    /// Ref name (`refs/heads/feature` or `feature`).
    pub id: String,
    /// Repository of the ref; `None` means the target repository.
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
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PullRequestInput {
    /// Version being updated (update only).
    pub version: Option<i64>,
    /// Title.
    pub title: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Draft or ready for review.
    pub draft: Option<bool>,
    /// Source ref (creation).
    pub from_ref: Option<RefSpec>,
    /// Target ref.
    pub to_ref: Option<RefSpec>,
    /// Reviewers (replaces the list on update).
    pub reviewers: Option<Vec<ReviewerSpec>>,
}

/// Body carrying only a version (delete, reopen, rebase).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct VersionBody {
    /// Version of the pull request.
    pub version: i64,
}

/// Body of a decline.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DeclineInput {
    /// Version of the pull request.
    pub version: i64,
    /// Comment to add while declining.
    pub comment: Option<String>,
}

/// Body of a merge: only the fields set are sent.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MergeInput {
    /// Version of the pull request.
    pub version: i64,
    /// Commit message.
    pub message: Option<String>,
    /// Merge strategy (`no-ff`, `squash`, `rebase-no-ff`, ...).
    pub strategy_id: Option<String>,
    /// Merge automatically once the checks pass instead of now.
    pub auto_merge: Option<bool>,
    /// Subject line for auto-merges.
    pub auto_subject: Option<String>,
    /// Merge directly even when a merge queue is on.
    pub bypass_merge_queue: Option<bool>,
}

/// Body of comment creation and update: only the fields set are sent.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CommentInput {
    /// Version being updated (update only).
    pub version: Option<i64>,
    /// Text.
    pub text: Option<String>,
    /// Parent comment, for replies.
    pub parent: Option<CommentParent>,
    /// Anchor, for inline comments.
    pub anchor: Option<CommentAnchor>,
    /// Normal comment or blocker (task).
    pub severity: Option<CommentSeverity>,
    /// Open or resolved.
    pub state: Option<CommentState>,
    /// Resolve or reopen the thread.
    pub thread_resolved: Option<bool>,
}

/// The comment a reply answers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CommentParent {
    /// Id of the parent comment.
    pub id: i64,
}

/// Body of applying a code suggestion.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
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
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantStatusInput {
    /// New status.
    pub status: Option<ParticipantStatus>,
    /// Commit reviewed.
    pub last_reviewed_commit: Option<String>,
}

/// Body of finishing a review.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FinishReviewInput {
    /// Summary comment.
    pub comment_text: Option<String>,
    /// Verdict (`APPROVED`, `NEEDS_WORK`, ...).
    pub participant_status: Option<ParticipantStatus>,
    /// Commit reviewed.
    pub last_reviewed_commit: Option<String>,
}
