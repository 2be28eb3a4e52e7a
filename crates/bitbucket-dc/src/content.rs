//! File content: browse, file listings, raw files, archives, raw diffs and patches,
//! and committing an edited file.
//!
//! Raw files, archives, diffs and patches are streamed: `send()` returns the successful
//! `reqwest::Response` with its body unread and `stream_bytes()` a stream of chunks, so large
//! downloads are never held in memory. File paths keep their `/` and every piece is
//! percent-encoded (`docs/read me.md` becomes `docs/read%20me.md`).
//!
//! ```no_run
//! # async fn demo(dc: bitbucket_dc::Client) -> bitbucket_dc::Result<()> {
//! use bitbucket_dc::futures::TryStreamExt;
//! let repo = dc.repo("PRJ", "web");
//! let mut chunks = repo.raw("docs/read me.md").at("main").stream_bytes().await?;
//! while let Some(chunk) = chunks.try_next().await? {
//!     print!("{}", String::from_utf8_lossy(&chunk));
//! }
//! let zip = repo.archive().at("v1.0").format("zip").send().await?;
//! println!("archive of {:?} bytes", zip.content_length());
//! let files: Vec<_> = repo.files("src").stream().try_collect().await?;
//! repo.edit_file("src/lib.rs", "fn main() {}\n", "Simplify").branch("main").send().await?;
//! # let _ = files; Ok(()) }
//! ```

use bytes::Bytes;
use serde::{Deserialize, Serialize};

use crate::commits::{Commit, Path};
use crate::ledger::{Endpoint, endpoints};
use crate::params::{byte_stream, query_params};
use crate::projects::RepoHandle;
use crate::repo_extras::RepoDocument;
use crate::request::{Parts, Payload, request_builder};

endpoints! {
    area: Repositories;
    BROWSE_ROOT = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/browse";
    BROWSE = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/browse/{path}";
    EDIT = Put "/api/latest/projects/{projectKey}/repos/{repositorySlug}/browse/{path}";
    FILES_ROOT = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/files";
    FILES = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/files/{path}";
    RAW = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/raw/{path}";
    ARCHIVE = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/archive";
    RAW_DIFF_ROOT = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/diff";
    RAW_DIFF = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/diff/{path}";
    PATCH = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/patch";
}

// ---------------------------------------------------------------- models

/// One entry of a directory listing.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TreeEntry {
    /// Path relative to the listed directory.
    pub path: Path,
    /// Blob or tree id.
    pub content_id: Option<String>,
    /// `FILE`, `DIRECTORY` or `SUBMODULE`.
    #[serde(rename = "type")]
    pub node_type: Option<crate::commits::NodeType>,
    /// File size in bytes.
    pub size: Option<u64>,
}

/// A page of directory entries.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TreePage {
    /// Entries.
    pub values: Vec<TreeEntry>,
    /// Entries on this page.
    pub size: Option<u64>,
    /// Index of the first entry.
    pub start: Option<i64>,
    /// Whether this is the last page.
    pub is_last_page: Option<bool>,
    /// Where the next page starts.
    pub next_page_start: Option<i64>,
}

/// One line of a file.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SourceLine {
    /// Text of the line.
    pub text: String,
}

/// What browsing a path returns: a directory's children or a page of a file's lines.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Browse {
    /// The browsed path (directories).
    pub path: Option<Path>,
    /// The commit or ref browsed.
    pub revision: Option<String>,
    /// Directory entries (directories).
    pub children: Option<TreePage>,
    /// File lines (files).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<SourceLine>,
    /// Index of the first line.
    pub start: Option<i64>,
    /// Lines on this page.
    pub size: Option<u64>,
    /// Whether this is the last page of lines.
    pub is_last_page: Option<bool>,
    /// The page size the server applied to the lines.
    /// Source: <https://github.com/cdancy/bitbucket-rest/blob/8f262b12943fa50eab27b58a8d4bb8a11863c66c/src/test/resources/line-page-with-blame.json>.
    pub limit: Option<i64>,
    /// Where the next page of lines starts.
    pub next_page_start: Option<i64>,
    /// Kind of the path (`type=true`): `FILE` or `DIRECTORY`.
    #[serde(rename = "type")]
    pub node_type: Option<crate::commits::NodeType>,
    /// Blame information (`blame=true`), kept as JSON.
    pub blame: Option<serde_json::Value>,
}

/// A file path from a file listing.
///
/// Decodes from a string; a `null` entry (seen from mock servers) becomes an empty path.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct FilePath(pub String);

impl<'de> Deserialize<'de> for FilePath {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(FilePath(
            Option::<String>::deserialize(d)?.unwrap_or_default(),
        ))
    }
}

impl std::ops::Deref for FilePath {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for FilePath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<&str> for FilePath {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<str> for FilePath {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

// ---------------------------------------------------------------- handles

fn is_root(path: &str) -> bool {
    path.trim_matches('/').is_empty()
}

impl RepoHandle {
    /// Browses a directory or file (`""` for the root).
    pub fn browse(&self, path: impl Into<String>) -> BrowsePath {
        BrowsePath::new(self.path_parts(BROWSE_ROOT, BROWSE, path.into()))
    }

    /// Every file path under a directory (`""` for the whole tree; paged).
    pub fn files(&self, path: impl Into<String>) -> ListFiles {
        ListFiles::new(self.path_parts(FILES_ROOT, FILES, path.into()))
    }

    /// Downloads a file's raw content (streamed).
    pub fn raw(&self, path: impl Into<String>) -> RawFile {
        let mut parts = self.parts_for(RAW).param("path", path);
        parts.accept("*/*");
        RawFile::new(parts)
    }

    /// Downloads an archive of the repository (streamed; `zip` unless a format is set).
    pub fn archive(&self) -> Archive {
        let mut parts = self.parts_for(ARCHIVE);
        parts.accept("*/*");
        Archive::new(parts)
    }

    /// The raw unified diff between two commits, for one path or all (`""`; streamed).
    pub fn raw_diff(&self, path: impl Into<String>) -> RawDiff {
        let mut parts = self.path_parts(RAW_DIFF_ROOT, RAW_DIFF, path.into());
        parts.accept("text/plain");
        RawDiff::new(parts)
    }

    /// Commits between two refs as a `git format-patch` stream.
    pub fn patch(&self) -> Patch {
        let mut parts = self.parts_for(PATCH);
        parts.accept("text/plain");
        Patch::new(parts)
    }

    /// Commits new content for a file (creating it if absent) with a commit message.
    pub fn edit_file(
        &self,
        path: impl Into<String>,
        content: impl Into<Bytes>,
        message: impl Into<String>,
    ) -> EditFile {
        let path = path.into();
        let file_name = path
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_owned();
        EditFile {
            parts: self.parts_for(EDIT).param("path", path),
            file_name,
            content: content.into(),
            message: message.into(),
            branch: None,
            source_commit_id: None,
            source_branch: None,
        }
    }

    fn path_parts(&self, root: Endpoint, with_path: Endpoint, path: String) -> Parts {
        if is_root(&path) {
            self.parts_for(root)
        } else {
            self.parts_for(with_path).param("path", path)
        }
    }
}

// ---------------------------------------------------------------- builders

request_builder! {
    /// Browses a path.
    BrowsePath => json Browse;
}

query_params!(BrowsePath {
    /// Commit or ref to browse (default: the default branch).
    at("at"): String;
    /// Include blame information for files.
    blame("blame"): bool;
    /// With `blame`, leave the file content out.
    no_content("noContent"): bool;
    /// Only report the size of the file.
    size("size"): bool;
    /// Only report the kind of path (`FILE` or `DIRECTORY`).
    only_type("type"): bool;
    /// Index of the first line or entry.
    start("start"): u64;
    /// Number of lines or entries.
    limit("limit"): u32;
});

request_builder! {
    /// Lists file paths (paged).
    ListFiles => paged FilePath;
}

query_params!(ListFiles {
    /// Commit or ref to list (default: the default branch).
    at("at"): String;
});

request_builder! {
    /// Downloads a raw file.
    RawFile => response;
}

// README, LICENSE and CONTRIBUTING documents are raw files with the same rendering options.
query_params!(RawFile, RepoDocument {
    /// Commit or ref to read (default: the default branch).
    at("at"): String;
    /// Render markup (e.g. Markdown) to HTML.
    markup("markup"): bool;
    /// Escape HTML in rendered markup.
    html_escape("htmlEscape"): bool;
    /// Add ids to rendered headings.
    include_heading_id("includeHeadingId"): bool;
    /// Turn newlines into line breaks when rendering.
    hardwrap("hardwrap"): bool;
});

request_builder! {
    /// Downloads an archive.
    Archive => response;
}

query_params!(Archive {
    /// Commit or ref to archive (default: the default branch).
    at("at"): String;
    /// `zip`, `tar`, `tar.gz` or `tgz`.
    format("format"): String;
    /// File name the server suggests in `Content-Disposition`.
    filename("filename"): String;
    /// Directory prefix for every entry.
    prefix("prefix"): String;
});

impl Archive {
    /// Only include this path (repeat for several).
    pub fn path(mut self, path: impl Into<String>) -> Self {
        self.parts.query("path", path.into());
        self
    }
}

request_builder! {
    /// Downloads a raw unified diff.
    RawDiff => response;
}

query_params!(RawDiff {
    /// The older commit.
    since("since"): String;
    /// The newer commit.
    until("until"): String;
    /// Context lines around changes.
    context_lines("contextLines"): u32;
    /// Previous path of a moved file.
    src_path("srcPath"): String;
    /// `ignore-all` to ignore whitespace.
    whitespace("whitespace"): String;
});

request_builder! {
    /// Downloads a patch.
    Patch => response;
}

query_params!(Patch {
    /// The older commit (exclusive).
    since("since"): String;
    /// The newer commit.
    until("until"): String;
    /// Include every ancestor of `until`.
    all_ancestors("allAncestors"): bool;
});

byte_stream!(RawFile, Archive, RawDiff, Patch);

/// Commits new content for a file (`multipart/form-data` upload).
#[derive(Debug, Clone)]
#[must_use = "a request builder does nothing until it is sent"]
pub struct EditFile {
    parts: Parts,
    file_name: String,
    content: Bytes,
    message: String,
    branch: Option<String>,
    source_commit_id: Option<String>,
    source_branch: Option<String>,
}

impl EditFile {
    /// Branch to commit to.
    pub fn branch(mut self, branch: impl Into<String>) -> Self {
        self.branch = Some(branch.into());
        self
    }

    /// Commit the edit was based on (guards against lost updates; omit when creating a file).
    pub fn source_commit_id(mut self, commit: impl Into<String>) -> Self {
        self.source_commit_id = Some(commit.into());
        self
    }

    /// Branch to start from when `branch` does not exist yet.
    pub fn source_branch(mut self, branch: impl Into<String>) -> Self {
        self.source_branch = Some(branch.into());
        self
    }

    /// Adds a query parameter this SDK does not model.
    pub fn query_param(mut self, name: impl Into<String>, value: impl ToString) -> Self {
        self.parts.query(name, value);
        self
    }

    /// The endpoint (method and spec path template) this request calls.
    pub fn endpoint(&self) -> Endpoint {
        self.parts.endpoint
    }

    /// Builds the HTTP request without sending it.
    pub fn build_request(&self) -> crate::Result<reqwest::Request> {
        use bitbucket_core::multipart::{Multipart, UploadFile};
        // Servers (and Prism) expect a content type on the file part.
        let mut form = Multipart::new()
            .file(
                "content",
                UploadFile::new(self.file_name.clone(), self.content.clone()),
            )
            .text("message", self.message.clone());
        for (name, value) in [
            ("branch", &self.branch),
            ("sourceCommitId", &self.source_commit_id),
            ("sourceBranch", &self.source_branch),
        ] {
            if let Some(v) = value {
                form = form.text(name, v.clone());
            }
        }
        self.parts.build_with(Payload::Form(form))
    }

    /// Sends the request; the answer is the new commit.
    pub async fn send(self) -> crate::Result<Commit> {
        self.parts.send_json(self.build_request()).await
    }
}
