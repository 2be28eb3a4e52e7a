//! Pull requests — listing and search, create, update, decline, reopen, merge with
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

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

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

mod bodies;
mod builders;
mod handles;
mod model;

pub use bodies::*;
pub use builders::*;
pub use handles::*;
pub use model::*;
