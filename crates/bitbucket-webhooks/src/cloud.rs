//! Bitbucket Cloud events.
//!
//! Entities inside a payload are the SDK's Cloud API models (`bitbucket_cloud::types`), so
//! a pull request from a webhook is the same [`Pullrequest`] a REST call returns. Every field
//! is optional and unknown fields are ignored, as in the API models.
//!
//! Payload shapes follow Atlassian's Cloud "Event payloads" page
//! (<https://support.atlassian.com/bitbucket-cloud/docs/event-payloads/>) and the recorded
//! bodies under `tests/payloads/cloud/`, each of which names its public source.
//!
//! ```
//! use bitbucket_webhooks::{WebhookEvent, cloud::Event};
//! let event = Event::parse("repo:fork", br#"{"fork": {"full_name": "me/copy"}}"#).unwrap();
//! let Event::RepoFork(fork) = &event else { panic!() };
//! assert_eq!(fork.fork.as_ref().unwrap().full_name.as_deref(), Some("me/copy"));
//! assert_eq!(event.key(), "repo:fork");
//! ```

use std::collections::BTreeMap;

use bitbucket_cloud::types::{
    Account, Commit, CommitComment, Commitstatus, Issue, IssueComment, Pullrequest,
    PullrequestComment, Ref, Repository,
};
use serde::{Deserialize, Serialize};

use crate::event::events;

events! {
    /// A Bitbucket Cloud event, chosen by the `X-Event-Key` header.
    pub enum Event {
        /// `repo:push`: refs were pushed, created or deleted.
        "repo:push" => RepoPush(PushEvent),
        /// `repo:fork`: the repository was forked.
        "repo:fork" => RepoFork(ForkEvent),
        /// `repo:updated`: repository settings changed.
        "repo:updated" => RepoUpdated(RepoUpdatedEvent),
        /// `repo:commit_comment_created`: a commit was commented.
        "repo:commit_comment_created" => CommitCommentCreated(CommitCommentEvent),
        /// `repo:commit_status_created`: a build status was reported.
        "repo:commit_status_created" => CommitStatusCreated(CommitStatusEvent),
        /// `repo:commit_status_updated`: a build status changed.
        "repo:commit_status_updated" => CommitStatusUpdated(CommitStatusEvent),
        /// `issue:created`.
        "issue:created" => IssueCreated(IssueEvent),
        /// `issue:updated`: fields changed, possibly with a comment.
        "issue:updated" => IssueUpdated(IssueEvent),
        /// `issue:comment_created`.
        "issue:comment_created" => IssueCommentCreated(IssueEvent),
        /// `pullrequest:created`.
        "pullrequest:created" => PullRequestCreated(PullRequestEvent),
        /// `pullrequest:updated`.
        "pullrequest:updated" => PullRequestUpdated(PullRequestEvent),
        /// `pullrequest:approved`.
        "pullrequest:approved" => PullRequestApproved(PullRequestEvent),
        /// `pullrequest:unapproved`.
        "pullrequest:unapproved" => PullRequestUnapproved(PullRequestEvent),
        /// `pullrequest:changes_request_created`.
        "pullrequest:changes_request_created" => PullRequestChangesRequestCreated(PullRequestEvent),
        /// `pullrequest:changes_request_removed`.
        "pullrequest:changes_request_removed" => PullRequestChangesRequestRemoved(PullRequestEvent),
        /// `pullrequest:fulfilled`: merged.
        "pullrequest:fulfilled" => PullRequestFulfilled(PullRequestEvent),
        /// `pullrequest:rejected`: declined.
        "pullrequest:rejected" => PullRequestRejected(PullRequestEvent),
        /// `pullrequest:comment_created`.
        "pullrequest:comment_created" => PullRequestCommentCreated(PullRequestEvent),
        /// `pullrequest:comment_updated`.
        "pullrequest:comment_updated" => PullRequestCommentUpdated(PullRequestEvent),
        /// `pullrequest:comment_deleted`.
        "pullrequest:comment_deleted" => PullRequestCommentDeleted(PullRequestEvent),
    }
}

/// `repo:push`: who pushed where, and the ref changes.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PushEvent {
    /// Who pushed.
    pub actor: Option<Account>,
    /// The repository pushed to.
    pub repository: Option<Repository>,
    /// The ref changes.
    pub push: Option<Push>,
}

/// The `push` object of `repo:push`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Push {
    /// One entry per ref that changed.
    #[serde(deserialize_with = "bitbucket_core::decode::nulls::list")]
    pub changes: Vec<RefChange>,
}

/// One ref's change in a push.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RefChange {
    /// The ref after the push (`None` when deleted); a branch or a tag.
    pub new: Option<Ref>,
    /// The ref before the push (`None` when created).
    pub old: Option<Ref>,
    /// Whether the ref was created.
    pub created: Option<bool>,
    /// Whether the ref was deleted.
    pub closed: Option<bool>,
    /// Whether the push was forced.
    pub forced: Option<bool>,
    /// Whether `commits` was cut short.
    pub truncated: Option<bool>,
    /// The commits pushed, newest first (at most a handful).
    #[serde(deserialize_with = "bitbucket_core::decode::nulls::list")]
    pub commits: Vec<Commit>,
    /// Links to the commits and the diff, kept as JSON.
    pub links: Option<serde_json::Value>,
}

/// `repo:fork`: the original repository and the new fork.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ForkEvent {
    /// Who forked.
    pub actor: Option<Account>,
    /// The repository forked from.
    pub repository: Option<Repository>,
    /// The new fork.
    pub fork: Option<Repository>,
}

/// An old and a new value of a changed field.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Change {
    /// The value before.
    pub old: serde_json::Value,
    /// The value after.
    pub new: serde_json::Value,
}

/// `repo:updated`: the repository and the fields that changed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RepoUpdatedEvent {
    /// Who changed it.
    pub actor: Option<Account>,
    /// The repository after the change.
    pub repository: Option<Repository>,
    /// Changed fields by name (`name`, `website`, `full_name`, ...).
    #[serde(deserialize_with = "bitbucket_core::decode::nulls::or_default")]
    pub changes: BTreeMap<String, Change>,
}

/// `repo:commit_comment_created`: a comment on a commit.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CommitCommentEvent {
    /// Who commented.
    pub actor: Option<Account>,
    /// The repository.
    pub repository: Option<Repository>,
    /// The comment.
    pub comment: Option<CommitComment>,
    /// The commit commented on.
    pub commit: Option<Commit>,
}

/// `repo:commit_status_created` and `repo:commit_status_updated`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CommitStatusEvent {
    /// Who reported the status.
    pub actor: Option<Account>,
    /// The repository.
    pub repository: Option<Repository>,
    /// The build status.
    pub commit_status: Option<Commitstatus>,
}

/// `issue:*` events: the issue, and for updates and comments the comment and changes.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IssueEvent {
    /// Who acted.
    pub actor: Option<Account>,
    /// The repository.
    pub repository: Option<Repository>,
    /// The issue.
    pub issue: Option<Issue>,
    /// The comment (`issue:comment_created`, and `issue:updated` when one was left).
    pub comment: Option<IssueComment>,
    /// Changed fields by name (`issue:updated`: `status`, `title`, ...).
    #[serde(deserialize_with = "bitbucket_core::decode::nulls::or_default")]
    pub changes: BTreeMap<String, Change>,
}

/// When and by whom a pull request was approved or had changes requested.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Review {
    /// When (RFC 3339).
    pub date: Option<String>,
    /// The reviewer.
    pub user: Option<Account>,
}

/// `pullrequest:*` events: the pull request, plus the approval, change request or comment
/// the event is about.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PullRequestEvent {
    /// Who acted.
    pub actor: Option<Account>,
    /// The target repository.
    pub repository: Option<Repository>,
    /// The pull request.
    pub pullrequest: Option<Pullrequest>,
    /// The approval (`pullrequest:approved`, `pullrequest:unapproved`).
    pub approval: Option<Review>,
    /// The change request (`pullrequest:changes_request_*`).
    pub changes_request: Option<Review>,
    /// The comment (`pullrequest:comment_*`).
    pub comment: Option<PullrequestComment>,
}
