//! Request builders of pull requests.

use super::*;

request_builder! {
    /// Lists pull requests (paged).
    ListPullRequests => paged PullRequest;

    /// Lists a repository's pull requests (paged).
    ListRepoPullRequests => paged PullRequest;
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
    DashboardPullRequests => paged PullRequest;
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
    InboxPullRequests => paged PullRequest;
}

query_params!(InboxPullRequests {
    /// `AUTHOR` or `REVIEWER` (default).
    role("role"): ParticipantRole;
});

request_builder! {
    /// Counts the caller's inbox (untyped JSON).
    InboxCount => json serde_json::Value;

    /// Searches users taking part in pull requests (paged).
    SearchParticipants => paged User;
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
    CreatePullRequest { body: PullRequestInput } => json PullRequest;
}

impl CreatePullRequest {
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

body_params!(CreatePullRequest {
    /// Description.
    description: String;
    /// Opens it as a draft.
    draft: bool;
});

request_builder! {
    /// Gets a pull request.
    GetPullRequest => json PullRequest;
}

query_params!(GetPullRequest {
    /// Include properties (comment and task counts).
    with_properties("withProperties"): bool;
});

request_builder! {
    /// Updates a pull request.
    UpdatePullRequest { body: PullRequestInput } => json PullRequest;
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
    DeletePullRequest { body: VersionBody } => empty;

    /// Declines a pull request.
    DeclinePullRequest { body: DeclineInput } => json PullRequest;
}

body_params!(DeclinePullRequest {
    /// Comment to add while declining.
    comment: String;
});

request_builder! {
    /// Reopens a pull request.
    ReopenPullRequest { body: VersionBody } => json PullRequest;

    /// Runs the merge checks.
    GetMergeStatus => json Mergeability;

    /// Merges a pull request.
    MergePullRequest { body: MergeInput } => json PullRequest;
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
    SetApproval => json Participant;

    /// A pull request action without an answer body.
    PullRequestAction => empty;

    /// Lists participants (paged).
    ListParticipants => paged Participant;

    /// Adds a participant.
    AddParticipant { body: AddParticipantInput } => json Participant;

    /// Sets a participant's status.
    SetParticipantStatus { body: ParticipantStatusInput } => json Participant;
}

body_params!(SetParticipantStatus {
    /// Commit reviewed.
    last_reviewed_commit: String;
});

query_params!(SetParticipantStatus {
    /// Sends the pull request version the status applies to.
    version("version"): i64;
});

request_builder! {
    /// Lists activities (paged).
    ListActivities => paged Activity;
}

query_params!(ListActivities {
    /// Start after this activity id (with `from_type`).
    from_id("fromId"): i64;
    /// `COMMENT` or `ACTIVITY`.
    from_type("fromType"): String;
});

request_builder! {
    /// Lists comments or tasks (paged).
    ListComments => paged Comment;
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
    CreateComment { body: CommentInput } => json Comment;
}

impl CreateComment {
    /// Makes it a reply to another comment.
    pub fn reply_to(mut self, parent_id: i64) -> Self {
        self.body.parent = Some(CommentParent { id: parent_id });
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

    /// Creates it as part of a pending review.
    pub fn pending(mut self) -> Self {
        self.body.state = Some(CommentState::Pending);
        self
    }
}

body_params!(CreateComment {
    /// Anchors it in the diff (inline comment).
    anchor: CommentAnchor;
    /// Makes it a task (`Blocker`) or a plain comment (`Normal`).
    severity: CommentSeverity;
});

request_builder! {
    /// Gets a comment or task.
    GetComment => json Comment;

    /// Edits a comment or task.
    UpdateComment { body: CommentInput } => json Comment;
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
    ApplySuggestion { body: ApplySuggestionInput } => empty;
}

body_params!(ApplySuggestion {
    /// Commit message.
    commit_message: String;
});

request_builder! {
    /// Lists changes of a pull request (paged).
    ListPullRequestChanges => paged Change;
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
    ListPullRequestCommits => paged Commit as crate::commits::CommitPage;
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
    GetPullRequestDiff => json DiffResult;
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
    GetPullRequestDiffStats => json serde_json::Value;
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
    PullRequestRawDiff => response;
}

query_params!(PullRequestRawDiff {
    /// Context lines around changes.
    context_lines("contextLines"): u32;
    /// `ignore-all` to ignore whitespace.
    whitespace("whitespace"): String;
});

request_builder! {
    /// Downloads a pull request as a patch.
    PullRequestPatch => response;
}

byte_stream!(PullRequestRawDiff, PullRequestPatch);

request_builder! {
    /// Gets the merge base of a pull request.
    GetPullRequestMergeBase => json Option<Commit>;

    /// Gets the pending auto-merge request (`None` when there is none).
    GetAutoMerge => json Option<AutoMergeRequest>;

    /// Requests an auto-merge.
    RequestAutoMerge => json AutoMergeResult;

    /// Gets a suggested commit message.
    GetCommitMessageSuggestion => json CommitMessageSuggestion;

    /// Lists pending review comments (paged).
    ListReviewComments => paged Comment;

    /// Finishes a review.
    FinishReview { body: FinishReviewInput } => json serde_json::Value;
}

body_params!(FinishReview {
    /// Summary comment.
    comment_text: String;
    /// Verdict.
    participant_status: ParticipantStatus;
    /// Commit reviewed.
    last_reviewed_commit: String;
});

query_params!(FinishReview {
    /// Sends the pull request version the review applies to.
    version("version"): i64;
});

request_builder! {
    /// Checks whether a rebase is possible.
    GetRebaseStatus => json Rebaseability;

    /// Rebases a pull request.
    RebasePullRequest { body: VersionBody } => json RebaseResult;

    /// Reacts to a comment.
    React => json Reaction;
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
