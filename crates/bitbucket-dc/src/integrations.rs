//! Integrations and maintenance: Jira links and development-info backfill, code-search
//! indexing, fork synchronisation, repository archive/delete policies, Markdown preview,
//! pull-request suggestions and deployment capabilities.
//!
//! What concerns one project or repository hangs off its handle
//! (`dc.project(key).jira()`, `dc.project(key).repo(slug).jira()`, `...repo(slug).indexing()`,
//! `...repo(slug).sync_status()`); server-wide operations hang off [`Client`] (`dc.jira()`,
//! `dc.indexing()`, `dc.repository_policies()`, ...).
//!
//! ```no_run
//! # async fn demo(dc: bitbucket_dc::Client) -> bitbucket_dc::Result<()> {
//! use bitbucket_dc::futures::TryStreamExt;
//! let web = dc.project("PRJ").repo("web");
//! let issues = web.jira().pull_request_issues(42).send().await?;
//! let commits: Vec<_> = dc.jira().issue_commits("WEB-7").stream().try_collect().await?;
//! let html = dc.markup_preview("**bold**").send().await?.html;
//! let state = web.indexing().details().send().await?;
//! # let _ = (issues, commits, html, state); Ok(()) }
//! ```

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Client;
use crate::enums::{Permission, string_enum};
use crate::ledger::endpoints;
use crate::projects::{ProjectHandle, RepoHandle};
use crate::repos::Repository;
use crate::request::{Parts, request_builder};
use crate::scope::Scope;
use crate::secret_scanning::RepositorySelector;

endpoints! {
    area: Other;
    JIRA_COMMENT_ISSUE = Post "/jira/latest/comments/{commentId}/issues";
    JIRA_ISSUE_COMMITS = Get "/jira/latest/issues/{issueKey}/commits";
    JIRA_ENTITY_LINK = Get "/jira/latest/projects/{projectKey}/primary-enhanced-entitylink";
    JIRA_PR_ISSUES = Get "/jira/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/issues";
    BACKFILL_START = Post "/jira-dev/latest/devinfo-backfill";
    BACKFILL_STOP = Delete "/jira-dev/latest/devinfo-backfill";
    BACKFILL_REPORT = Get "/jira-dev/latest/devinfo-backfill/report";
    BACKFILL_STATUS = Get "/jira-dev/latest/devinfo-backfill/status";
    INDEX_DETAILS = Get "/indexing/latest/projects/{projectKey}/repos/{repositorySlug}";
    INDEX_QUEUE = Get "/indexing/latest/projects/{projectKey}/repos/{repositorySlug}/indexing-queue-details";
    INDEX_QUEUED = Get "/indexing/latest/projects/{projectKey}/repos/{repositorySlug}/indexing-queued-status";
    INDEX_REINDEX = Post "/indexing/latest/reindex";
    INDEX_RESTART = Post "/indexing/latest/restart";
    INDEX_BROKEN = Get "/indexing/latest/support-info/broken-index-status-repos";
    INDEX_THREADS_SNAPSHOT = Get "/indexing/latest/support-info/indexing-thread-snapshot";
    INDEX_THREADS_SET = Put "/indexing/latest/threads";
    SYNC_STATUS = Get "/sync/latest/projects/{projectKey}/repos/{repositorySlug}";
    SYNC_ENABLE = Post "/sync/latest/projects/{projectKey}/repos/{repositorySlug}";
    SYNC_NOW = Post "/sync/latest/projects/{projectKey}/repos/{repositorySlug}/synchronize";
    POLICY_ARCHIVE_GET = Get "/policies/latest/admin/repos/archive";
    POLICY_ARCHIVE_SET = Put "/policies/latest/admin/repos/archive";
    POLICY_DELETE_GET = Get "/policies/latest/admin/repos/delete";
    POLICY_DELETE_SET = Put "/policies/latest/admin/repos/delete";
    MARKUP_PREVIEW = Post "/api/latest/markup/preview";
    PR_SUGGESTIONS = Get "/api/latest/dashboard/pull-request-suggestions";
    DEPLOYMENT_CAPABILITIES = Get "/api/latest/deployment/capabilities";
}

// ---------------------------------------------------------------- models

/// A Jira issue linked to a pull request.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct JiraIssue {
    /// Issue key (`WEB-7`).
    pub key: String,
    /// Link to the issue.
    pub url: Option<String>,
}

/// The issue created from a comment.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CommentJiraIssue {
    /// The comment.
    pub comment_id: i64,
    /// The new issue.
    pub issue_key: String,
}

/// The Jira project linked to a Bitbucket project.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct EntityLink {
    /// Application link.
    pub application_link_id: Option<String>,
    /// Jira project id.
    pub project_id: Option<i64>,
    /// Jira project key.
    pub project_key: Option<String>,
    /// Jira project name.
    pub project_name: Option<String>,
    /// Link to the Jira project.
    pub display_url: Option<String>,
}

/// Body of a development-information backfill.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackfillRequest {
    /// Jira sites.
    pub jira_site_ids: Vec<i64>,
    /// Repositories.
    pub repositories: Vec<RepositorySelector>,
    /// From (epoch ms).
    #[serde(with = "crate::timestamp::option")]
    pub from_date: Option<DateTime<Utc>>,
    /// To (epoch ms).
    #[serde(with = "crate::timestamp::option")]
    pub to_date: Option<DateTime<Utc>>,
}

string_enum! {
    /// Indexing state of a repository.
    pub enum IndexStatus {
        /// Up to date.
        Indexed = "INDEXED",
        /// Being indexed.
        Indexing = "INDEXING",
        /// Failed.
        Broken = "BROKEN",
        /// Not known.
        Undetermined = "UNKNOWN",
    }
}

/// Code-search indexing state of a repository.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct IndexingDetails {
    /// Project key.
    pub project_key: Option<String>,
    /// Repository slug.
    pub repository_slug: Option<String>,
    /// State.
    pub status: Option<IndexStatus>,
    /// Last indexed commit.
    pub last_indexed_commit_id: Option<String>,
    /// When it was indexed.
    #[serde(with = "crate::timestamp::option")]
    pub last_indexed_timestamp: Option<DateTime<Utc>>,
    /// Error of the last attempt.
    pub indexing_error: Option<String>,
}

/// Whether a repository waits in the indexing queue, and since when.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct IndexingQueueDetails {
    /// Whether it is queued.
    pub queued: Option<bool>,
    /// Node holding the queue.
    pub node_id: Option<String>,
    /// When it was queued.
    #[serde(with = "crate::timestamp::option")]
    pub queued_at: Option<DateTime<Utc>>,
    /// When this answer was captured.
    #[serde(with = "crate::timestamp::option")]
    pub captured_at: Option<DateTime<Utc>>,
}

/// A repository whose index is broken.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BrokenIndex {
    /// The repository.
    pub repository: Option<Repository>,
    /// Its indexing state.
    pub details: Option<IndexingDetails>,
}

/// Body restarting the indexing worker.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IndexingRestart {
    /// Let running work finish first.
    pub graceful_shutdown: Option<bool>,
    /// Answer only once restarted.
    pub wait_for_restart: Option<bool>,
}

/// Body setting the number of indexing threads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IndexingThreads {
    /// Desired thread count.
    pub desired_count: u32,
}

/// Which permission is needed to archive or delete repositories (also the update body).
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepositoryPolicy {
    /// `SYS_ADMIN`, `ADMIN`, `PROJECT_ADMIN` or `REPO_ADMIN`.
    pub permission: Permission,
}

/// Rendered Markdown.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Markup {
    /// HTML.
    pub html: String,
}

/// Body of a fork synchronisation action.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncAction {
    /// Ref to act on.
    pub ref_id: String,
    /// `DISCARD`, `MERGE` or `REBASE`.
    pub action: String,
    /// Extra context (e.g. a commit message for merges).
    pub context: Option<serde_json::Value>,
}

/// Body enabling or disabling fork synchronisation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SyncEnabled {
    /// On or off.
    pub enabled: bool,
}

// ---------------------------------------------------------------- handlers

/// Server-wide Jira integration: issue commits, issues from comments, development-info
/// backfill.
#[derive(Debug, Clone)]
pub struct Jira {
    client: bitbucket_core::Client,
}

/// Jira integration of one project.
#[derive(Debug, Clone)]
pub struct ProjectJira {
    client: bitbucket_core::Client,
    scope: Scope,
}

/// Jira integration of one repository.
#[derive(Debug, Clone)]
pub struct RepoJira {
    client: bitbucket_core::Client,
    scope: Scope,
}

/// Server-wide code-search indexing: reindexing, the worker, broken indexes.
#[derive(Debug, Clone)]
pub struct Indexing {
    client: bitbucket_core::Client,
}

/// Code-search indexing state of one repository.
#[derive(Debug, Clone)]
pub struct RepoIndexing {
    client: bitbucket_core::Client,
    scope: Scope,
}

/// Repository archive and delete policies.
#[derive(Debug, Clone)]
pub struct RepositoryPolicies {
    client: bitbucket_core::Client,
}

impl Client {
    /// Server-wide Jira integration.
    pub fn jira(&self) -> Jira {
        Jira {
            client: self.core().clone(),
        }
    }

    /// Server-wide code-search indexing.
    pub fn indexing(&self) -> Indexing {
        Indexing {
            client: self.core().clone(),
        }
    }

    /// Who may archive or delete repositories.
    pub fn repository_policies(&self) -> RepositoryPolicies {
        RepositoryPolicies {
            client: self.core().clone(),
        }
    }

    /// Renders Markdown to HTML as the server would.
    pub fn markup_preview(&self, markdown: impl Into<String>) -> MarkupPreview {
        MarkupPreview::new(Parts::new(self.core(), MARKUP_PREVIEW), markdown.into())
    }

    /// Branches the caller pushed recently that could become pull requests (one page).
    pub fn pull_request_suggestions(&self) -> PullRequestSuggestions {
        PullRequestSuggestions::new(Parts::new(self.core(), PR_SUGGESTIONS))
    }

    /// Deployment features the server supports (JSON).
    pub fn deployment_capabilities(&self) -> IntegrationJson {
        IntegrationJson::new(Parts::new(self.core(), DEPLOYMENT_CAPABILITIES))
    }
}

impl ProjectHandle {
    /// Jira integration of the project.
    pub fn jira(&self) -> ProjectJira {
        ProjectJira {
            client: self.client.clone(),
            scope: self.scope(),
        }
    }
}

impl RepoHandle {
    /// Jira integration of the repository.
    pub fn jira(&self) -> RepoJira {
        RepoJira {
            client: self.client.clone(),
            scope: self.scope(),
        }
    }

    /// Code-search indexing state of the repository.
    pub fn indexing(&self) -> RepoIndexing {
        RepoIndexing {
            client: self.client.clone(),
            scope: self.scope(),
        }
    }
}

impl ProjectJira {
    /// The Jira project linked to this project.
    pub fn project_link(&self) -> GetEntityLink {
        GetEntityLink::new(self.scope.start(&self.client, JIRA_ENTITY_LINK))
    }
}

impl RepoJira {
    /// Jira issues referenced by a pull request of this repository.
    pub fn pull_request_issues(&self, pull_request_id: i64) -> ListJiraIssues {
        ListJiraIssues::new(
            self.scope
                .start(&self.client, JIRA_PR_ISSUES)
                .param("pullRequestId", pull_request_id.to_string()),
        )
    }
}

impl Jira {
    /// Commits (changesets) that mention an issue (paged, JSON items).
    pub fn issue_commits(&self, issue_key: impl Into<String>) -> ListIssueCommits {
        ListIssueCommits::new(
            Parts::new(&self.client, JIRA_ISSUE_COMMITS).param("issueKey", issue_key),
        )
    }

    /// Creates a Jira issue from a comment; the body is the issue's JSON fields as a string.
    pub fn create_issue_from_comment(
        &self,
        comment_id: i64,
        issue_fields_json: impl Into<String>,
    ) -> CreateIssueFromComment {
        CreateIssueFromComment::new(
            Parts::new(&self.client, JIRA_COMMENT_ISSUE).param("commentId", comment_id.to_string()),
            issue_fields_json.into(),
        )
    }

    /// Starts sending development information of repositories to Jira sites.
    pub fn start_backfill(&self, request: BackfillRequest) -> StartBackfill {
        StartBackfill::new(Parts::new(&self.client, BACKFILL_START), request)
    }

    /// Stops a running backfill.
    pub fn stop_backfill(&self) -> IntegrationEmpty {
        IntegrationEmpty::new(Parts::new(&self.client, BACKFILL_STOP))
    }

    /// Errors of the last backfill (JSON).
    pub fn backfill_report(&self) -> IntegrationJson {
        IntegrationJson::new(Parts::new(&self.client, BACKFILL_REPORT))
    }

    /// State of the backfill per repository (JSON).
    pub fn backfill_status(&self) -> IntegrationJson {
        IntegrationJson::new(Parts::new(&self.client, BACKFILL_STATUS))
    }
}

impl RepoIndexing {
    /// Indexing state of the repository.
    pub fn details(&self) -> GetIndexingDetails {
        GetIndexingDetails::new(self.scope.start(&self.client, INDEX_DETAILS))
    }

    /// Indexing queue details of the repository.
    pub fn queue_details(&self) -> GetIndexingQueue {
        GetIndexingQueue::new(self.scope.start(&self.client, INDEX_QUEUE))
    }

    /// Whether the repository is queued for indexing.
    pub fn queued(&self) -> GetIndexingQueue {
        GetIndexingQueue::new(self.scope.start(&self.client, INDEX_QUEUED))
    }
}

impl Indexing {
    /// Queues repositories for reindexing, given as `(project key, slug)` pairs.
    pub fn reindex<I, K, S>(&self, repos: I) -> Reindex
    where
        I: IntoIterator<Item = (K, S)>,
        K: Into<String>,
        S: Into<String>,
    {
        Reindex::new(
            Parts::new(&self.client, INDEX_REINDEX),
            repos
                .into_iter()
                .map(|(k, s)| RepositorySelector {
                    project_key: k.into(),
                    slug: s.into(),
                })
                .collect(),
        )
    }

    /// Restarts the indexing worker.
    pub fn restart(&self, request: IndexingRestart) -> RestartIndexing {
        RestartIndexing::new(Parts::new(&self.client, INDEX_RESTART), request)
    }

    /// Repositories whose index is broken (paged).
    pub fn broken(&self) -> ListBrokenIndexes {
        ListBrokenIndexes::new(Parts::new(&self.client, INDEX_BROKEN))
    }

    /// A snapshot of the indexing threads (JSON).
    pub fn thread_snapshot(&self) -> IntegrationJson {
        IntegrationJson::new(Parts::new(&self.client, INDEX_THREADS_SNAPSHOT))
    }

    /// Sets the number of indexing threads.
    pub fn set_threads(&self, count: u32) -> SetIndexingThreads {
        SetIndexingThreads::new(
            Parts::new(&self.client, INDEX_THREADS_SET),
            IndexingThreads {
                desired_count: count,
            },
        )
    }
}

impl RepositoryPolicies {
    /// Permission needed to archive repositories.
    pub fn archive(&self) -> GetRepositoryPolicy {
        GetRepositoryPolicy::new(Parts::new(&self.client, POLICY_ARCHIVE_GET))
    }

    /// Sets the permission needed to archive repositories.
    pub fn set_archive(&self, permission: Permission) -> SetRepositoryPolicy {
        SetRepositoryPolicy::new(
            Parts::new(&self.client, POLICY_ARCHIVE_SET),
            RepositoryPolicy { permission },
        )
    }

    /// Permission needed to delete repositories.
    pub fn delete(&self) -> GetRepositoryPolicy {
        GetRepositoryPolicy::new(Parts::new(&self.client, POLICY_DELETE_GET))
    }

    /// Sets the permission needed to delete repositories.
    pub fn set_delete(&self, permission: Permission) -> SetRepositoryPolicy {
        SetRepositoryPolicy::new(
            Parts::new(&self.client, POLICY_DELETE_SET),
            RepositoryPolicy { permission },
        )
    }
}

impl RepoHandle {
    /// Fork synchronisation state (JSON: ahead, diverged and orphaned refs).
    pub fn sync_status(&self) -> GetSyncStatus {
        GetSyncStatus::new(self.scope().start(&self.client, SYNC_STATUS))
    }

    /// Turns fork synchronisation on or off.
    pub fn set_sync(&self, enabled: bool) -> SetSync {
        SetSync::new(
            self.scope().start(&self.client, SYNC_ENABLE),
            SyncEnabled { enabled },
        )
    }

    /// Resolves a diverged ref of a fork (`DISCARD`, `MERGE` or `REBASE`).
    pub fn synchronize(&self, ref_id: impl Into<String>, action: impl Into<String>) -> Synchronize {
        Synchronize::new(
            self.scope().start(&self.client, SYNC_NOW),
            SyncAction {
                ref_id: ref_id.into(),
                action: action.into(),
                context: None,
            },
        )
    }
}

// ---------------------------------------------------------------- builders

request_builder! {
    /// An integration call answered with free-form JSON (or nothing).
    IntegrationJson => json Option<serde_json::Value>;

    /// An integration call without an answer body.
    IntegrationEmpty => empty;

    /// Lists Jira issues of a pull request.
    ListJiraIssues => json Vec<JiraIssue>;

    /// Lists changesets mentioning an issue.
    ListIssueCommits => paged serde_json::Value;
}

impl ListIssueCommits {
    /// At most this many changes per changeset.
    pub fn max_changes(mut self, max: u32) -> Self {
        self.parts.set_query("maxChanges", max);
        self
    }
}

request_builder! {
    /// Creates a Jira issue from a comment.
    CreateIssueFromComment { body: String } => json CommentJiraIssue;
}

impl CreateIssueFromComment {
    /// Jira application link to use.
    pub fn application_id(mut self, id: impl Into<String>) -> Self {
        self.parts.set_query("applicationId", id.into());
        self
    }
}

request_builder! {
    /// Gets the linked Jira project.
    GetEntityLink => json Option<EntityLink>;

    /// Starts a backfill.
    StartBackfill { body: BackfillRequest } => json Option<serde_json::Value>;

    /// Gets indexing details.
    GetIndexingDetails => json IndexingDetails;

    /// Gets indexing queue details.
    GetIndexingQueue => json IndexingQueueDetails;

    /// Queues repositories for reindexing.
    Reindex { body: Vec<RepositorySelector> } => empty;

    /// Restarts the indexing worker.
    RestartIndexing { body: IndexingRestart } => json Option<serde_json::Value>;

    /// Lists repositories with broken indexes.
    ListBrokenIndexes => paged BrokenIndex;

    /// Sets the number of indexing threads.
    SetIndexingThreads { body: IndexingThreads } => json Option<serde_json::Value>;

    /// Gets a repository policy.
    GetRepositoryPolicy => json RepositoryPolicy;

    /// Sets a repository policy.
    SetRepositoryPolicy { body: RepositoryPolicy } => json RepositoryPolicy;

    /// Renders Markdown.
    MarkupPreview { body: String } => json Markup;
}

impl MarkupPreview {
    /// Escape HTML in the source.
    pub fn html_escape(mut self, yes: bool) -> Self {
        self.parts.set_query("htmlEscape", yes);
        self
    }

    /// How to render links (`ABSOLUTE`, `RELATIVE`, `CONFIGURED`).
    pub fn url_mode(mut self, mode: impl Into<String>) -> Self {
        self.parts.set_query("urlMode", mode.into());
        self
    }

    /// Add ids to headings.
    pub fn include_heading_id(mut self, yes: bool) -> Self {
        self.parts.set_query("includeHeadingId", yes);
        self
    }

    /// Render single newlines as line breaks.
    pub fn hardwrap(mut self, yes: bool) -> Self {
        self.parts.set_query("hardwrap", yes);
        self
    }
}

request_builder! {
    /// Lists pull-request suggestions (one page, JSON items).
    PullRequestSuggestions => json crate::Page<serde_json::Value>;
}

impl PullRequestSuggestions {
    /// Only branches changed since this long ago (seconds).
    pub fn changes_since(mut self, seconds: u64) -> Self {
        self.parts.set_query("changesSince", seconds);
        self
    }

    /// At most this many suggestions.
    pub fn limit(mut self, limit: u32) -> Self {
        self.parts.set_query("limit", limit);
        self
    }
}

request_builder! {
    /// Gets fork synchronisation state.
    GetSyncStatus => json serde_json::Value;
}

impl GetSyncStatus {
    /// As of this ref.
    pub fn at(mut self, rev: impl Into<String>) -> Self {
        self.parts.set_query("at", rev.into());
        self
    }
}

request_builder! {
    /// Turns fork synchronisation on or off.
    SetSync { body: SyncEnabled } => json Option<serde_json::Value>;

    /// Synchronises a ref of a fork.
    Synchronize { body: SyncAction } => json Option<serde_json::Value>;
}

impl Synchronize {
    /// Extra context (e.g. `{"commitMessage": "..."}` for merges).
    pub fn context(mut self, context: serde_json::Value) -> Self {
        self.body.context = Some(context);
        self
    }
}
