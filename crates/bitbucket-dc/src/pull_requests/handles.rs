//! Handlers of pull requests and their comments, participants, tasks and merges.

use super::*;

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
