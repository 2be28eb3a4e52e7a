//! Operations the spec leaves untyped, written by hand in the style of the generated ones
//! (a method on [`Client`] returns a builder; path parameters are setters;
//! `build_request()`, `send()` and `.await`), on the core's request path (same credentials,
//! retries, limiter and errors):
//!
//! - `stream_bytes()` on every operation whose answer is bytes (download artifacts, diffs,
//!   patches, step logs) and on [`Client::get_file_contents`](crate::Client::get_file_contents):
//!   the body as a [`ByteStream`](crate::ByteStream),
//!   redirects to Bitbucket's file storage followed;
//! - multipart uploads: [`Client::upload_download_files`](crate::Client::upload_download_files),
//!   [`Client::upload_issue_attachment_files`](crate::Client::upload_issue_attachment_files)
//!   and [`Client::commit_files`](crate::Client::commit_files);
//! - the asynchronous pull request merge:
//!   [`Client::merge_pull_request_and_wait`](crate::Client::merge_pull_request_and_wait) polls
//!   the task status on the client's sleeper.
//!
//! ```no_run
//! # async fn demo(cloud: bitbucket_cloud::Client) -> bitbucket_cloud::Result<()> {
//! use bitbucket_cloud::extra::UploadFile;
//! use bitbucket_cloud::prelude::*;
//! use futures::TryStreamExt;
//!
//! let mut artifact = cloud.get_download().workspace("acme").repo_slug("web")
//!     .filename("build.zip").stream_bytes().await?;
//! while let Some(chunk) = artifact.try_next().await? {
//!     println!("{} bytes", chunk.len());
//! }
//! cloud.upload_download_files().workspace("acme").repo_slug("web")
//!     .file(UploadFile::new("notes.txt", "hello")).await?;
//! let merged = cloud.merge_pull_request_and_wait().workspace("acme").repo_slug("web")
//!     .pull_request_id(7).await?;
//! # let _ = merged; Ok(()) }
//! ```

mod file;
mod merge;
mod target;
mod upload;

pub use bitbucket_core::multipart::UploadFile;
pub use file::GetFileContents;
pub use merge::MergePullRequestAndWait;
pub use upload::{CommitFiles, UploadDownloadFiles, UploadIssueAttachmentFiles};

use crate::generated::Client;

impl Client {
    /// Streams a file's raw contents at a commit or branch (`GET .../src/{commit}/{path}`).
    pub fn get_file_contents(&self) -> GetFileContents<'_> {
        GetFileContents::new(self)
    }

    /// Uploads files as download artifacts (`POST .../downloads`, multipart field `files`).
    pub fn upload_download_files(&self) -> UploadDownloadFiles<'_> {
        UploadDownloadFiles::new(self)
    }

    /// Attaches files to an issue (`POST .../issues/{issue_id}/attachments`, multipart field
    /// `files`; each file's name becomes the attachment's name).
    pub fn upload_issue_attachment_files(&self) -> UploadIssueAttachmentFiles<'_> {
        UploadIssueAttachmentFiles::new(self)
    }

    /// Creates a commit from files (`POST .../src`, multipart): files to add or replace by
    /// repository path, paths to delete, message, branch, author, parents.
    pub fn commit_files(&self) -> CommitFiles<'_> {
        CommitFiles::new(self)
    }

    /// Merges a pull request and, when Bitbucket answers `202 Accepted`, polls the task status
    /// until the merge is done (`POST .../pullrequests/{id}/merge?async=true`).
    pub fn merge_pull_request_and_wait(&self) -> MergePullRequestAndWait<'_> {
        MergePullRequestAndWait::new(self)
    }
}
