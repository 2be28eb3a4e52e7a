//! Commits, changes, comparisons and JSON diffs of a repository.
//!
//! ```no_run
//! # async fn demo(dc: bitbucket_dc::Client) -> bitbucket_dc::Result<()> {
//! use bitbucket_dc::futures::TryStreamExt;
//! let repo = dc.repo("PRJ", "web");
//! let recent: Vec<_> = repo.commits().list().until("main").max_items(20).stream().try_collect().await?;
//! let changes: Vec<_> = repo.commits().changes(&recent[0].id).stream().try_collect().await?;
//! let ahead: Vec<_> = repo.compare("feature/x", "main").commits().stream().try_collect().await?;
//! let diff = repo.commits().diff(&recent[0].id, "src/main file.rs").context_lines(3).send().await?;
//! # let _ = (changes, ahead, diff); Ok(()) }
//! ```

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::enums::string_enum;
use crate::ledger::endpoints;
use crate::params::query_params;
use crate::projects::RepoHandle;
use crate::request::{Parts, request_builder};

endpoints! {
    area: Repositories;
    LIST = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/commits";
    GET = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/commits/{commitId}";
    CHANGES = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/commits/{commitId}/changes";
    DIFF_STATS = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/commits/{commitId}/diff-stats-summary/{path}";
    DIFF = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/commits/{commitId}/diff/{path}";
    MERGE_BASE = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/commits/{commitId}/merge-base";
    REPO_CHANGES = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/changes";
    COMPARE_CHANGES = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/compare/changes";
    COMPARE_COMMITS = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/compare/commits";
    COMPARE_DIFF_STATS = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/compare/diff-stats-summary{path}";
    COMPARE_DIFF = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/compare/diff{path}";
}

// ---------------------------------------------------------------- models

/// Author or committer of a commit as git records it.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Person {
    /// Name.
    pub name: String,
    /// E-mail address.
    pub email_address: Option<String>,
    /// Avatar URL, when requested.
    pub avatar_url: Option<String>,
    /// Bitbucket user slug, when the identity maps to an account.
    pub slug: Option<String>,
    /// Display name, when the identity maps to an account.
    pub display_name: Option<String>,
    /// Account id, when the identity maps to an account.
    /// Source: <https://github.com/kmdrn7/go-scm/blob/ea845bbfbe5c8d78e1aca7eb6f5f0351f045424a/scm/driver/stash/testdata/commits.json>.
    pub id: Option<i64>,
    /// Whether the account is active, when the identity maps to one.
    /// Source: <https://github.com/kmdrn7/go-scm/blob/ea845bbfbe5c8d78e1aca7eb6f5f0351f045424a/scm/driver/stash/testdata/commits.json>.
    pub active: Option<bool>,
    /// Person or service account, when the identity maps to an account.
    /// Source: <https://github.com/kmdrn7/go-scm/blob/ea845bbfbe5c8d78e1aca7eb6f5f0351f045424a/scm/driver/stash/testdata/commits.json>.
    #[serde(rename = "type")]
    pub user_type: Option<crate::enums::UserType>,
    /// Links of the account, when the identity maps to one.
    /// Source: <https://github.com/danger/danger-js/blob/9bf089acde61ffae4178737eeca2bfc858221900/source/platforms/_tests/fixtures/bitbucket_server_activities.json>.
    #[serde(skip_serializing_if = "crate::common::Links::is_empty")]
    pub links: crate::common::Links,
}

/// A parent commit. Servers send the id pair alone or, in commit listings, the whole parent
/// (message, author, timestamps and its own parents; seen in
/// <https://github.com/jeromepochat/bitbucket-branch-source-plugin/blob/f133e9c86a94b32509e61c44c18c62736f62db6a/src/test/resources/com/cloudbees/jenkins/plugins/bitbucket/server/payload/1.0-projects-amuniz-repos-test-repos-commits_since_174561d625c9623b60d8aba09b7f08ddc9df45cd_until_feature_2Fdiffstat_start_0_limit_200.json>),
/// so it is a [`Commit`] whose other fields are simply absent.
pub type MinimalCommit = Commit;

/// A commit.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Commit {
    /// Full hash.
    pub id: String,
    /// Abbreviated hash.
    pub display_id: String,
    /// Commit message.
    pub message: Option<String>,
    /// Author.
    pub author: Option<Person>,
    /// When it was authored.
    #[serde(with = "crate::timestamp::option")]
    pub author_timestamp: Option<DateTime<Utc>>,
    /// Committer.
    pub committer: Option<Person>,
    /// When it was committed.
    #[serde(with = "crate::timestamp::option")]
    pub committer_timestamp: Option<DateTime<Utc>>,
    /// Parent commits.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parents: Vec<MinimalCommit>,
    /// Plugin-provided properties (e.g. Jira keys, build summaries), kept as JSON.
    pub properties: Option<serde_json::Value>,
}

/// One page of a commit listing.
///
/// The same envelope as [`Page`](crate::Page), plus the counts servers add when the listing is
/// asked `with_counts(true)`. Source of the counts: <https://github.com/cdancy/bitbucket-rest/blob/feb70bf3fdfcdca23b82360e6fa9e441360e923c/src/test/resources/pull-request-commits.json>.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CommitPage {
    /// The commits.
    pub values: Vec<Commit>,
    /// Commits on this page.
    pub size: Option<i64>,
    /// The page size the server applied.
    pub limit: Option<i64>,
    /// Whether this is the last page.
    pub is_last_page: Option<bool>,
    /// Index of the first commit of this page.
    pub start: Option<i64>,
    /// Where the next page starts, when there is one.
    pub next_page_start: Option<i64>,
    /// Distinct authors over the whole listing (only with counts).
    pub author_count: Option<i64>,
    /// Commits in the whole listing (only with counts).
    pub total_count: Option<i64>,
}

/// A file path split into its parts.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Path {
    /// The path's segments.
    pub components: Vec<String>,
    /// Parent directory.
    pub parent: Option<String>,
    /// Last segment.
    pub name: Option<String>,
    /// File extension.
    pub extension: Option<String>,
    /// The whole path, when the server sends it.
    #[serde(rename = "toString")]
    pub full: Option<String>,
}

impl std::fmt::Display for Path {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.full {
            Some(s) => f.write_str(s),
            None => f.write_str(&self.components.join("/")),
        }
    }
}

string_enum! {
    /// What a change did to a path.
    pub enum ChangeType {
        /// Added.
        Add = "ADD",
        /// Copied.
        Copy = "COPY",
        /// Deleted.
        Delete = "DELETE",
        /// Modified.
        Modify = "MODIFY",
        /// Moved or renamed.
        Move = "MOVE",
    }
}

string_enum! {
    /// Kind of tree entry.
    pub enum NodeType {
        /// A directory.
        Directory = "DIRECTORY",
        /// A file.
        File = "FILE",
        /// A git submodule.
        Submodule = "SUBMODULE",
    }
}

/// One side of a merge conflict.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ConflictChange {
    /// Path after the change.
    pub path: Option<Path>,
    /// Path before the change (moves, copies).
    pub src_path: Option<Path>,
    /// What the change did.
    #[serde(rename = "type")]
    pub change_type: Option<ChangeType>,
}

/// A merge conflict on a changed path.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Conflict {
    /// Our side.
    pub our_change: Option<ConflictChange>,
    /// Their side.
    pub their_change: Option<ConflictChange>,
}

/// A change to one path.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Change {
    /// Path after the change.
    pub path: Path,
    /// Path before the change (moves, copies).
    pub src_path: Option<Path>,
    /// What the change did.
    #[serde(rename = "type")]
    pub change_type: Option<ChangeType>,
    /// Kind of entry.
    pub node_type: Option<NodeType>,
    /// Blob id after the change.
    pub content_id: Option<String>,
    /// Blob id before the change.
    pub from_content_id: Option<String>,
    /// Executable bit after the change.
    pub executable: Option<bool>,
    /// Executable bit before the change.
    pub src_executable: Option<bool>,
    /// Similarity of a move or copy, in percent.
    pub percent_unchanged: Option<i64>,
    /// Merge conflict, if any.
    pub conflict: Option<Conflict>,
    /// Extra properties (e.g. comment counts), kept as JSON.
    pub properties: Option<serde_json::Value>,
    /// Links (the file at this change in the browser). Source: <https://github.com/cdancy/bitbucket-rest/blob/47dfdd08cd06867bd63626b34d393e0523a98eb2/src/test/resources/pull-request-changes.json>.
    #[serde(skip_serializing_if = "crate::common::Links::is_empty")]
    pub links: crate::common::Links,
}

string_enum! {
    /// Kind of diff segment.
    pub enum SegmentType {
        /// Lines added.
        Added = "ADDED",
        /// Unchanged lines around changes.
        Context = "CONTEXT",
        /// Lines removed.
        Removed = "REMOVED",
    }
}

/// One line of a diff.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DiffLine {
    /// Line number in the source file.
    pub source: Option<i64>,
    /// Line number in the destination file.
    pub destination: Option<i64>,
    /// Text of the line.
    pub line: String,
    /// Whether the line was cut short.
    pub truncated: Option<bool>,
    /// Comments anchored on this line.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub comment_ids: Vec<i64>,
    /// Conflict marker (`MARKER`, `OURS`, `THEIRS`).
    pub conflict_marker: Option<String>,
}

/// A run of lines of one kind.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DiffSegment {
    /// Added, removed or context.
    #[serde(rename = "type")]
    pub segment_type: Option<SegmentType>,
    /// The lines.
    pub lines: Vec<DiffLine>,
    /// Whether lines were left out.
    pub truncated: Option<bool>,
}

/// A hunk of a diff.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DiffHunk {
    /// Text after the `@@` header (usually the enclosing function).
    pub context: Option<String>,
    /// First source line.
    pub source_line: Option<i64>,
    /// Number of source lines.
    pub source_span: Option<i64>,
    /// First destination line.
    pub destination_line: Option<i64>,
    /// Number of destination lines.
    pub destination_span: Option<i64>,
    /// The segments.
    pub segments: Vec<DiffSegment>,
    /// Whether segments were left out.
    pub truncated: Option<bool>,
}

/// The diff of one file.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Diff {
    /// Path before (absent for additions).
    pub source: Option<Path>,
    /// Path after (absent for deletions).
    pub destination: Option<Path>,
    /// Hunks.
    pub hunks: Vec<DiffHunk>,
    /// Whether it is a binary file.
    pub binary: Option<bool>,
    /// Whether hunks were left out.
    pub truncated: Option<bool>,
    /// Comments on lines of this diff (pull requests), kept as JSON.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub line_comments: Vec<serde_json::Value>,
    /// Extra properties, kept as JSON.
    pub properties: Option<serde_json::Value>,
}

/// The answer of the JSON diff endpoints.
///
/// Servers wrap per-file diffs in an envelope (`fromHash`, `toHash`, `diffs`); the spec
/// describes a single file diff. Both shapes decode: a bare diff becomes the only entry of
/// `diffs`.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DiffResult {
    /// Source commit.
    pub from_hash: Option<String>,
    /// Destination commit.
    pub to_hash: Option<String>,
    /// Context lines around changes.
    pub context_lines: Option<i64>,
    /// Whitespace handling applied.
    pub whitespace: Option<String>,
    /// Whether files were left out.
    pub truncated: Option<bool>,
    /// Per-file diffs.
    pub diffs: Vec<Diff>,
}

impl<'de> Deserialize<'de> for DiffResult {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[macro_rules_attribute::apply(crate::tolerant::model!)]
        #[derive(Deserialize, Default)]
        #[serde(default, rename_all = "camelCase")]
        struct Envelope {
            from_hash: Option<String>,
            to_hash: Option<String>,
            context_lines: Option<i64>,
            whitespace: Option<String>,
            truncated: Option<bool>,
            diffs: Option<Vec<Diff>>,
        }
        let value = serde_json::Value::deserialize(d)?;
        if value.is_null() {
            return Ok(DiffResult::default());
        }
        let env = Envelope::deserialize(&value).map_err(serde::de::Error::custom)?;
        let diffs = match env.diffs {
            Some(diffs) => diffs,
            None => vec![Diff::deserialize(&value).map_err(serde::de::Error::custom)?],
        };
        Ok(DiffResult {
            from_hash: env.from_hash,
            to_hash: env.to_hash,
            context_lines: env.context_lines,
            whitespace: env.whitespace,
            truncated: env.truncated,
            diffs,
        })
    }
}

// ---------------------------------------------------------------- handles

/// Commits of one repository.
#[derive(Debug, Clone)]
pub struct Commits {
    pub(crate) repo: RepoHandle,
}

/// A comparison of two refs or commits.
#[derive(Debug, Clone)]
pub struct Compare {
    repo: RepoHandle,
    from: String,
    to: String,
}

impl RepoHandle {
    /// Commits: history, single commits, their changes and diffs.
    pub fn commits(&self) -> Commits {
        Commits { repo: self.clone() }
    }

    /// Changes between two commits (set `since`/`until` on the builder; paged).
    pub fn changes(&self) -> ListRepoChanges {
        ListRepoChanges::new(self.parts_for(REPO_CHANGES))
    }

    /// Compares `from` (e.g. a feature branch) with `to` (e.g. `main`).
    pub fn compare(&self, from: impl Into<String>, to: impl Into<String>) -> Compare {
        Compare {
            repo: self.clone(),
            from: from.into(),
            to: to.into(),
        }
    }
}

impl Commits {
    /// Commit history, newest first (paged).
    pub fn list(&self) -> ListCommits {
        ListCommits::new(self.repo.parts_for(LIST))
    }

    /// One commit.
    pub fn get(&self, commit_id: impl Into<String>) -> GetCommit {
        GetCommit::new(self.repo.parts_for(GET).param("commitId", commit_id))
    }

    /// Paths a commit changed (paged).
    pub fn changes(&self, commit_id: impl Into<String>) -> ListCommitChanges {
        ListCommitChanges::new(self.repo.parts_for(CHANGES).param("commitId", commit_id))
    }

    /// JSON diff of one file in a commit (the path keeps its `/`).
    pub fn diff(&self, commit_id: impl Into<String>, path: impl Into<String>) -> GetCommitDiff {
        GetCommitDiff::new(
            self.repo
                .parts_for(DIFF)
                .param("commitId", commit_id)
                .param("path", path),
        )
    }

    /// Summary of the diff statistics of one path in a commit (untyped JSON).
    pub fn diff_stats_summary(
        &self,
        commit_id: impl Into<String>,
        path: impl Into<String>,
    ) -> GetCommitDiffStats {
        GetCommitDiffStats::new(
            self.repo
                .parts_for(DIFF_STATS)
                .param("commitId", commit_id)
                .param("path", path),
        )
    }

    /// Best common ancestor of two commits (`None` when they share none).
    pub fn merge_base(
        &self,
        commit_id: impl Into<String>,
        other_commit_id: impl Into<String>,
    ) -> GetMergeBase {
        let mut parts = self.repo.parts_for(MERGE_BASE).param("commitId", commit_id);
        parts.query("otherCommitId", other_commit_id.into());
        GetMergeBase::new(parts)
    }
}

impl Compare {
    fn parts(&self, ep: crate::ledger::Endpoint) -> Parts {
        let mut parts = self.repo.parts_for(ep);
        parts.query("from", self.from.as_str());
        parts.query("to", self.to.as_str());
        parts
    }

    /// Paths that differ (paged).
    pub fn changes(&self) -> CompareChanges {
        CompareChanges::new(self.parts(COMPARE_CHANGES))
    }

    /// Commits reachable from `from` but not from `to` (paged).
    pub fn commits(&self) -> CompareCommits {
        CompareCommits::new(self.parts(COMPARE_COMMITS))
    }

    /// JSON diff of one path between the two (the path keeps its `/`).
    pub fn diff(&self, path: impl Into<String>) -> CompareDiff {
        CompareDiff::new(self.parts(COMPARE_DIFF).param("path", path))
    }

    /// Diff statistics of one path between the two.
    pub fn diff_stats_summary(&self, path: impl Into<String>) -> CompareDiffStats {
        CompareDiffStats::new(self.parts(COMPARE_DIFF_STATS).param("path", path))
    }
}

// ---------------------------------------------------------------- builders

request_builder! {
    /// Lists commits (paged); `send()` gives a [`CommitPage`], which carries the counts asked
    /// for with `with_counts(true)`.
    ListCommits => paged Commit as CommitPage;
}

query_params!(ListCommits {
    /// Only commits touching this path.
    path("path"): String;
    /// Exclude commits reachable from this commit or ref.
    since("since"): String;
    /// Start from this commit or ref (default: the default branch).
    until("until"): String;
    /// `include`, `exclude` or `only` merge commits.
    merges("merges"): String;
    /// Follow renames of `path`.
    follow_renames("followRenames"): bool;
    /// Return an empty page instead of an error when `until` does not exist.
    ignore_missing("ignoreMissing"): bool;
    /// Include the total count of matching commits.
    with_counts("withCounts"): bool;
    /// Avatar size in pixels for authors.
    avatar_size("avatarSize"): u32;
    /// `http` or `https` avatar URLs.
    avatar_scheme("avatarScheme"): String;
});

request_builder! {
    /// Gets a commit.
    GetCommit => json Commit;
}

query_params!(GetCommit {
    /// Require the commit to touch this path.
    path("path"): String;
});

request_builder! {
    /// Lists changes of a commit (paged).
    ListCommitChanges => paged Change;
}

query_params!(ListCommitChanges {
    /// Compare against this parent instead of the first one.
    since("since"): String;
    /// Include comment counts.
    with_comments("withComments"): bool;
});

request_builder! {
    /// Lists changes between two commits (paged).
    ListRepoChanges => paged Change;
}

query_params!(ListRepoChanges {
    /// The older commit.
    since("since"): String;
    /// The newer commit.
    until("until"): String;
});

request_builder! {
    /// Gets the JSON diff of a file in a commit.
    GetCommitDiff => json DiffResult;
}

query_params!(GetCommitDiff {
    /// Compare against this commit instead of the parent.
    since("since"): String;
    /// Previous path of a moved file.
    src_path("srcPath"): String;
    /// Let the server find the previous path.
    auto_src_path("autoSrcPath"): bool;
    /// Context lines around changes.
    context_lines("contextLines"): u32;
    /// `ignore-all` to ignore whitespace.
    whitespace("whitespace"): String;
    /// Only lines containing this text.
    filter("filter"): String;
    /// Include comments.
    with_comments("withComments"): bool;
    /// Avatar size in pixels.
    avatar_size("avatarSize"): u32;
    /// `http` or `https` avatar URLs.
    avatar_scheme("avatarScheme"): String;
});

request_builder! {
    /// Gets diff statistics of a path in a commit (untyped JSON).
    GetCommitDiffStats => json serde_json::Value;
}

query_params!(GetCommitDiffStats {
    /// Compare against this commit instead of the parent.
    since("since"): String;
    /// Previous path of a moved file.
    src_path("srcPath"): String;
    /// Let the server find the previous path.
    auto_src_path("autoSrcPath"): bool;
    /// `ignore-all` to ignore whitespace.
    whitespace("whitespace"): String;
});

request_builder! {
    /// Gets the merge base of two commits (`None` when there is none).
    GetMergeBase => json Option<Commit>;

    /// Lists changed paths between two refs (paged).
    CompareChanges => paged Change;

    /// Lists commits between two refs (paged).
    CompareCommits => paged Commit;

    /// Gets the JSON diff of one path between two refs.
    CompareDiff => json DiffResult;
}

query_params!(CompareDiff {
    /// Context lines around changes.
    context_lines("contextLines"): u32;
    /// Previous path of a moved file.
    src_path("srcPath"): String;
    /// `ignore-all` to ignore whitespace.
    whitespace("whitespace"): String;
});

request_builder! {
    /// Gets diff statistics of a path between two refs.
    CompareDiffStats => json DiffResult;
}

query_params!(CompareDiffStats {
    /// Previous path of a moved file.
    src_path("srcPath"): String;
    /// `ignore-all` to ignore whitespace.
    whitespace("whitespace"): String;
});

macro_rules! from_repo {
    ($($name:ident),+) => {
        $(
            query_params!($name {
                /// Repository (id or `PROJECT/slug`) holding `from`, for comparisons across forks.
                from_repo("fromRepo"): String;
            });
        )+
    };
}
from_repo!(
    CompareChanges,
    CompareCommits,
    CompareDiff,
    CompareDiffStats
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_result_accepts_envelope_and_bare_diff() {
        let env: DiffResult = serde_json::from_str(
            r#"{"fromHash":"a","toHash":"b","contextLines":10,"diffs":[
                {"source":{"components":["a.rs"]},"hunks":[{"segments":[{"type":"ADDED",
                 "lines":[{"destination":1,"line":"x"}]}]}]}]}"#,
        )
        .unwrap();
        assert_eq!(env.diffs.len(), 1);
        assert_eq!(env.to_hash.as_deref(), Some("b"));
        assert_eq!(
            env.diffs[0].hunks[0].segments[0].segment_type,
            Some(SegmentType::Added)
        );
        let bare: DiffResult =
            serde_json::from_str(r#"{"binary":true,"destination":{"components":["b","c"]}}"#)
                .unwrap();
        assert_eq!(bare.diffs.len(), 1);
        assert_eq!(
            bare.diffs[0].destination.as_ref().unwrap().to_string(),
            "b/c"
        );
    }

    #[test]
    fn commit_timestamps_are_times() {
        let c: Commit = serde_json::from_str(
            r#"{"id":"abc","displayId":"ab","authorTimestamp":1548720847608,"parents":[{"id":"p"}]}"#,
        )
        .unwrap();
        assert_eq!(
            c.author_timestamp.map(|t| chrono::Datelike::year(&t)),
            Some(2019)
        );
        assert_eq!(c.parents[0].id, "p");
    }
}
