//! Bitbucket Data Center events.
//!
//! Entities inside a payload are the SDK's Data Center models (`bitbucket_dc`), so a pull
//! request from a webhook is the same [`PullRequest`] a REST call returns, with the same
//! tolerance for nulls and unknown fields. Every payload also carries `eventKey`, `date` and
//! `actor`, gathered in [`Common`].
//!
//! Payload shapes follow Atlassian's Data Center "Event payload" page
//! (<https://confluence.atlassian.com/bitbucketserver/event-payload-938025882.html>) and the
//! recorded bodies under `tests/payloads/dc/`, each of which names its public source.
//!
//! ```
//! use bitbucket_webhooks::{WebhookEvent, dc::Event};
//! let body = br#"{"eventKey": "pr:deleted", "actor": {"name": "jo", "slug": "jo"},
//!                "pullRequest": {"id": 7, "version": 2, "title": "WIP"}}"#;
//! let Event::PullRequestDeleted(e) = Event::parse("pr:deleted", body).unwrap() else { panic!() };
//! assert_eq!(e.pull_request.unwrap().id, 7);
//! assert_eq!(e.common.actor.unwrap().slug, "jo");
//! ```

use bitbucket_dc::User;
use bitbucket_dc::pull_requests::{
    Comment, Participant, ParticipantStatus, PullRequest, PullRequestRef,
};
use bitbucket_dc::repo_extras::RefChange;
use bitbucket_dc::repos::Repository;
use serde::{Deserialize, Serialize};

use crate::event::events;

events! {
    /// A Bitbucket Data Center event, chosen by the `X-Event-Key` header.
    pub enum Event {
        /// `repo:refs_changed`: a push created, updated or deleted refs.
        "repo:refs_changed" => RepoRefsChanged(RefsChangedEvent),
        /// `repo:modified`: the repository was renamed or moved.
        "repo:modified" => RepoModified(RepoModifiedEvent),
        /// `repo:forked`: a fork was created (the payload's repository is the fork).
        "repo:forked" => RepoForked(RepoEvent),
        /// `repo:comment:added`: a commit was commented.
        "repo:comment:added" => RepoCommentAdded(CommitCommentEvent),
        /// `repo:comment:edited`.
        "repo:comment:edited" => RepoCommentEdited(CommitCommentEvent),
        /// `repo:comment:deleted`.
        "repo:comment:deleted" => RepoCommentDeleted(CommitCommentEvent),
        /// `pr:opened`.
        "pr:opened" => PullRequestOpened(PullRequestEvent),
        /// `pr:from_ref_updated`: the source branch moved.
        "pr:from_ref_updated" => PullRequestFromRefUpdated(PullRequestEvent),
        /// `pr:modified`: title, description or target changed.
        "pr:modified" => PullRequestModified(PullRequestEvent),
        /// `pr:reviewer:updated`: reviewers added or removed.
        "pr:reviewer:updated" => PullRequestReviewersUpdated(PullRequestEvent),
        /// `pr:reviewer:approved`.
        "pr:reviewer:approved" => PullRequestApproved(PullRequestEvent),
        /// `pr:reviewer:unapproved`.
        "pr:reviewer:unapproved" => PullRequestUnapproved(PullRequestEvent),
        /// `pr:reviewer:needs_work`.
        "pr:reviewer:needs_work" => PullRequestNeedsWork(PullRequestEvent),
        /// `pr:merged`.
        "pr:merged" => PullRequestMerged(PullRequestEvent),
        /// `pr:declined`.
        "pr:declined" => PullRequestDeclined(PullRequestEvent),
        /// `pr:deleted`.
        "pr:deleted" => PullRequestDeleted(PullRequestEvent),
        /// `pr:comment:added`.
        "pr:comment:added" => PullRequestCommentAdded(PullRequestEvent),
        /// `pr:comment:edited`.
        "pr:comment:edited" => PullRequestCommentEdited(PullRequestEvent),
        /// `pr:comment:deleted`.
        "pr:comment:deleted" => PullRequestCommentDeleted(PullRequestEvent),
        /// `diagnostics:ping`: the "Test connection" button.
        "diagnostics:ping" => Ping(PingEvent),
    }
}

/// Fields every Data Center payload carries.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Common {
    /// The event key, repeated from the header.
    pub event_key: Option<String>,
    /// When it happened, as the server wrote it (ISO 8601 with offset).
    pub date: Option<String>,
    /// Who acted.
    pub actor: Option<User>,
}

/// `repo:refs_changed`: the repository and the ref changes of one push.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RefsChangedEvent {
    /// Key, date and actor.
    #[serde(flatten)]
    pub common: Common,
    /// The repository pushed to.
    pub repository: Option<Repository>,
    /// One entry per ref that changed.
    #[serde(deserialize_with = "bitbucket_core::decode::nulls::list")]
    pub changes: Vec<RefChange>,
}

/// `repo:modified`: the repository before and after.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RepoModifiedEvent {
    /// Key, date and actor.
    #[serde(flatten)]
    pub common: Common,
    /// Before.
    pub old: Option<Repository>,
    /// After.
    pub new: Option<Repository>,
}

/// An event about one repository (`repo:forked`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct RepoEvent {
    /// Key, date and actor.
    #[serde(flatten)]
    pub common: Common,
    /// The repository (for `repo:forked`, the fork; its `origin` is the original).
    pub repository: Option<Repository>,
}

/// `repo:comment:*`: a comment on a commit.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CommitCommentEvent {
    /// Key, date and actor.
    #[serde(flatten)]
    pub common: Common,
    /// The comment.
    pub comment: Option<Comment>,
    /// The repository.
    pub repository: Option<Repository>,
    /// The commit hash.
    pub commit: Option<String>,
    /// The id of the comment replied to, for replies.
    pub comment_parent_id: Option<i64>,
    /// The text before an edit (`repo:comment:edited`).
    pub previous_comment: Option<String>,
}

/// `pr:*` events: the pull request, plus what the event changed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PullRequestEvent {
    /// Key, date and actor.
    #[serde(flatten)]
    pub common: Common,
    /// The pull request.
    pub pull_request: Option<PullRequest>,
    /// The reviewer whose status changed (`pr:reviewer:approved|unapproved|needs_work`).
    pub participant: Option<Participant>,
    /// Their status before.
    pub previous_status: Option<ParticipantStatus>,
    /// Reviewers added (`pr:reviewer:updated`).
    #[serde(deserialize_with = "bitbucket_core::decode::nulls::list")]
    pub added_reviewers: Vec<User>,
    /// Reviewers removed (`pr:reviewer:updated`).
    #[serde(deserialize_with = "bitbucket_core::decode::nulls::list")]
    pub removed_reviewers: Vec<User>,
    /// The source branch's commit before the update (`pr:from_ref_updated`).
    pub previous_from_hash: Option<String>,
    /// The title before (`pr:modified`).
    pub previous_title: Option<String>,
    /// The description before (`pr:modified`).
    pub previous_description: Option<String>,
    /// The target branch before (`pr:modified`).
    pub previous_target: Option<PullRequestRef>,
    /// The comment (`pr:comment:*`).
    pub comment: Option<Comment>,
    /// The id of the comment replied to, for replies (`pr:comment:added`).
    pub comment_parent_id: Option<i64>,
    /// The text before an edit (`pr:comment:edited`).
    pub previous_comment: Option<String>,
}

/// `diagnostics:ping`: sent by the webhook form's "Test connection".
///
/// Source: the Jenkins Bitbucket plugin reads `test` from this payload
/// (<https://github.com/jenkinsci/bitbucket-plugin>, `BitbucketHookReceiver`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PingEvent {
    /// `true` for a test delivery.
    pub test: Option<bool>,
}
