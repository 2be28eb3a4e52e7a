//! Calls the spec leaves untyped, written by hand on the core's request path (same credentials,
//! retries, limiter and errors as the generated operations):
//!
//! - streamed (not buffered) downloads of content the API answers with bytes or a redirect to
//!   them: download artifacts, diffs, patches, step logs, files under `src`;
//! - multipart uploads: `POST .../downloads`, issue attachments and the `POST .../src` file
//!   commit (every file part carries a `Content-Type`, `application/octet-stream` unless set);
//! - the asynchronous pull request merge: `202 Accepted`, then polling the task status.

use std::time::Duration;

use bitbucket_core::encode::{path as encode_path, segment};
use bitbucket_core::reqwest::{self, Method, StatusCode, header, multipart};
use bitbucket_core::{Error, Result};
use bytes::Bytes;
use futures::stream::{StreamExt, TryStreamExt};
use serde::Deserialize;

use crate::generated::{Client, types};

pub use crate::ByteStream;

/// Sends a GET for `path` (relative to the API root, already encoded) and streams the body of
/// the final response; redirects (to Bitbucket's file storage) are followed, and credentials
/// are only ever sent to the API's own origin.
pub async fn get_stream(client: &Client, path: &str) -> Result<ByteStream> {
    let core = client.core();
    let req = core.request(Method::GET, path)?.build()?;
    let resp = core.send(req).await?;
    Ok(resp.bytes_stream().map_err(Error::from).boxed())
}

fn repo_path(workspace: &str, repo_slug: &str) -> Result<String> {
    Ok(format!(
        "repositories/{}/{}",
        segment(workspace)?,
        segment(repo_slug)?
    ))
}

/// Streams a download artifact (`GET .../downloads/{filename}`, a redirect to the file).
pub async fn download(
    client: &Client,
    workspace: &str,
    repo_slug: &str,
    filename: &str,
) -> Result<ByteStream> {
    let path = format!(
        "{}/downloads/{}",
        repo_path(workspace, repo_slug)?,
        segment(filename)?
    );
    get_stream(client, &path).await
}

/// Streams the diff of a spec such as `main..feature` or a commit hash (`GET .../diff/{spec}`).
pub async fn diff(
    client: &Client,
    workspace: &str,
    repo_slug: &str,
    spec: &str,
) -> Result<ByteStream> {
    let path = format!(
        "{}/diff/{}",
        repo_path(workspace, repo_slug)?,
        segment(spec)?
    );
    get_stream(client, &path).await
}

/// Streams the patch of a spec (`GET .../patch/{spec}`).
pub async fn patch(
    client: &Client,
    workspace: &str,
    repo_slug: &str,
    spec: &str,
) -> Result<ByteStream> {
    let path = format!(
        "{}/patch/{}",
        repo_path(workspace, repo_slug)?,
        segment(spec)?
    );
    get_stream(client, &path).await
}

/// Streams a pull request's diff (`GET .../pullrequests/{id}/diff`, a redirect).
pub async fn pull_request_diff(
    client: &Client,
    workspace: &str,
    repo_slug: &str,
    pull_request_id: u64,
) -> Result<ByteStream> {
    let path = format!(
        "{}/pullrequests/{pull_request_id}/diff",
        repo_path(workspace, repo_slug)?
    );
    get_stream(client, &path).await
}

/// Streams a pull request's patch (`GET .../pullrequests/{id}/patch`, a redirect).
pub async fn pull_request_patch(
    client: &Client,
    workspace: &str,
    repo_slug: &str,
    pull_request_id: u64,
) -> Result<ByteStream> {
    let path = format!(
        "{}/pullrequests/{pull_request_id}/patch",
        repo_path(workspace, repo_slug)?
    );
    get_stream(client, &path).await
}

/// Streams the log of a pipeline step (`GET .../pipelines/{uuid}/steps/{uuid}/log`).
pub async fn pipeline_step_log(
    client: &Client,
    workspace: &str,
    repo_slug: &str,
    pipeline_uuid: &str,
    step_uuid: &str,
) -> Result<ByteStream> {
    let path = format!(
        "{}/pipelines/{}/steps/{}/log",
        repo_path(workspace, repo_slug)?,
        segment(pipeline_uuid)?,
        segment(step_uuid)?
    );
    get_stream(client, &path).await
}

/// Streams a file's raw contents at a commit or branch (`GET .../src/{commit}/{path}`); the
/// file path keeps its `/` separators.
pub async fn file_contents(
    client: &Client,
    workspace: &str,
    repo_slug: &str,
    commit: &str,
    file_path: &str,
) -> Result<ByteStream> {
    let path = format!(
        "{}/src/{}/{}",
        repo_path(workspace, repo_slug)?,
        segment(commit)?,
        encode_path(file_path)?
    );
    get_stream(client, &path).await
}

/// One file of a multipart upload.
#[derive(Debug, Clone)]
pub struct UploadFile {
    /// The file name (for downloads and attachments) or repository path (for `src` commits).
    pub name: String,
    /// The content.
    pub content: Bytes,
    /// The part's media type; [`UploadFile::DEFAULT_CONTENT_TYPE`] unless set.
    pub content_type: String,
}

impl UploadFile {
    /// The media type of a file part when none is set.
    pub const DEFAULT_CONTENT_TYPE: &'static str = "application/octet-stream";

    /// A file named `name` with `content`, sent as `application/octet-stream`.
    pub fn new(name: impl Into<String>, content: impl Into<Bytes>) -> Self {
        Self {
            name: name.into(),
            content: content.into(),
            content_type: Self::DEFAULT_CONTENT_TYPE.to_string(),
        }
    }

    /// Sends the part with media type `content_type` (e.g. `text/plain`).
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = content_type.into();
        self
    }

    /// The multipart part: file name and a `Content-Type` (every file part carries one).
    fn into_part(self, file_name: String) -> Result<multipart::Part> {
        check_header_value("file name", &file_name)?;
        multipart::Part::bytes(self.content.to_vec())
            .file_name(file_name)
            .mime_str(&self.content_type)
            .map_err(|e| Error::InvalidInput {
                message: format!("content type {:?}: {e}", self.content_type),
            })
    }
}

/// Names and file names go into `Content-Disposition` as quoted strings, unencoded (as
/// browsers send them): reqwest's default RFC 2231 form (`name*=utf-8''docs%2FREADME.md`) is
/// not understood as a repository path. Quotes and line breaks cannot be sent that way.
fn check_header_value(what: &str, value: &str) -> Result<()> {
    if value.contains(['"', '\r', '\n']) {
        return Err(Error::InvalidInput {
            message: format!("multipart {what} {value:?} contains a quote or line break"),
        });
    }
    Ok(())
}

/// An empty form whose part names and file names are sent as written.
fn new_form() -> multipart::Form {
    multipart::Form::new().percent_encode_noop()
}

/// A form with every file as a part named `files`.
fn files_form(files: Vec<UploadFile>) -> Result<multipart::Form> {
    let mut form = new_form();
    for f in files {
        let name = f.name.clone();
        form = form.part("files", f.into_part(name)?);
    }
    Ok(form)
}

/// Uploads files as download artifacts (`POST .../downloads`, multipart field `files`).
pub async fn upload_download(
    client: &Client,
    workspace: &str,
    repo_slug: &str,
    files: Vec<UploadFile>,
) -> Result<()> {
    let form = files_form(files)?;
    let core = client.core();
    let path = format!("{}/downloads", repo_path(workspace, repo_slug)?);
    let req = core.request(Method::POST, &path)?.multipart(form).build()?;
    core.send_empty(req).await
}

/// Attaches files to an issue (`POST .../issues/{issue_id}/attachments`, multipart field
/// `files`; each file's name becomes the attachment's name).
pub async fn upload_issue_attachments(
    client: &Client,
    workspace: &str,
    repo_slug: &str,
    issue_id: &str,
    files: Vec<UploadFile>,
) -> Result<()> {
    let form = files_form(files)?;
    let core = client.core();
    let path = format!(
        "{}/issues/{}/attachments",
        repo_path(workspace, repo_slug)?,
        segment(issue_id)?
    );
    let req = core.request(Method::POST, &path)?.multipart(form).build()?;
    core.send_empty(req).await
}

/// What to commit with [`commit_files`] (`POST .../src`).
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct CommitFiles {
    /// Commit message.
    pub message: Option<String>,
    /// Branch to commit on (created from the main branch when absent).
    pub branch: Option<String>,
    /// Author, `Name <email>`.
    pub author: Option<String>,
    /// Parent commit(s).
    pub parents: Option<String>,
    /// Files to add or replace, by repository path.
    pub files: Vec<UploadFile>,
    /// Repository paths to delete.
    pub delete: Vec<String>,
}

impl CommitFiles {
    /// An empty commit description with a message.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: Some(message.into()),
            ..Self::default()
        }
    }

    /// Commit on `branch`.
    pub fn branch(mut self, branch: impl Into<String>) -> Self {
        self.branch = Some(branch.into());
        self
    }

    /// Author as `Name <email>`.
    pub fn author(mut self, author: impl Into<String>) -> Self {
        self.author = Some(author.into());
        self
    }

    /// Parent commit(s).
    pub fn parents(mut self, parents: impl Into<String>) -> Self {
        self.parents = Some(parents.into());
        self
    }

    /// Adds or replaces the file at `path`.
    pub fn file(mut self, path: impl Into<String>, content: impl Into<Bytes>) -> Self {
        self.files.push(UploadFile::new(path, content));
        self
    }

    /// Deletes the file at `path`.
    pub fn delete(mut self, path: impl Into<String>) -> Self {
        self.delete.push(path.into());
        self
    }
}

/// Creates a commit from files (`POST .../src`, multipart). Returns the new commit's URL from
/// the `Location` header when the server sends one.
pub async fn commit_files(
    client: &Client,
    workspace: &str,
    repo_slug: &str,
    commit: CommitFiles,
) -> Result<Option<String>> {
    let mut form = new_form();
    for (key, value) in [
        ("message", commit.message),
        ("branch", commit.branch),
        ("author", commit.author),
        ("parents", commit.parents),
    ] {
        if let Some(v) = value {
            form = form.text(key, v);
        }
    }
    for f in commit.files {
        // The part name is the repository path; the file name is its last segment.
        let path = f.name.clone();
        check_header_value("path", &path)?;
        let file_name = path.rsplit('/').next().unwrap_or(&path).to_string();
        form = form.part(path, f.into_part(file_name)?);
    }
    for path in commit.delete {
        form = form.text("files", path);
    }
    let core = client.core();
    let path = format!("{}/src", repo_path(workspace, repo_slug)?);
    let req = core.request(Method::POST, &path)?.multipart(form).build()?;
    let resp = core.send(req).await?;
    let location = resp
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    resp.bytes().await?;
    Ok(location)
}

/// How [`merge_pull_request_and_wait`] polls an asynchronous merge.
#[derive(Debug, Clone, Copy)]
pub struct MergePolling {
    /// Delay between task-status requests.
    pub interval: Duration,
    /// Give up after this many polls.
    pub max_polls: u32,
}

impl Default for MergePolling {
    fn default() -> Self {
        Self {
            interval: Duration::from_secs(2),
            max_polls: 150,
        }
    }
}

#[derive(Debug, Deserialize)]
struct TaskStatus {
    task_status: Option<String>,
    merge_result: Option<types::Pullrequest>,
}

/// Merges a pull request, waiting for Bitbucket's asynchronous merge when it answers
/// `202 Accepted`: the task-status URL from `Location` is polled until the merge succeeds.
pub async fn merge_pull_request_and_wait(
    client: &Client,
    workspace: &str,
    repo_slug: &str,
    pull_request_id: u64,
    parameters: &types::PullrequestMergeParameters,
    polling: MergePolling,
) -> Result<types::Pullrequest> {
    let core = client.core();
    let path = format!(
        "{}/pullrequests/{pull_request_id}/merge",
        repo_path(workspace, repo_slug)?
    );
    let req = core
        .request(Method::POST, &path)?
        .query(&[("async", "true")])
        .json(parameters)
        .build()?;
    let resp = core.send(req).await?;
    if resp.status() != StatusCode::ACCEPTED {
        return bitbucket_core::transport::decode_response(resp).await;
    }
    let location = resp
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .ok_or_else(|| Error::InvalidInput {
            message: "202 merge answer without a Location header to poll".into(),
        })?;
    let url = core
        .base_url()
        .join(&location)
        .map_err(|e| Error::InvalidInput {
            message: format!("merge task URL {location:?}: {e}"),
        })?;
    if !core.same_origin(&url) {
        return Err(Error::InvalidInput {
            message: format!("merge task URL {url} is not on the API's origin"),
        });
    }
    for _ in 0..polling.max_polls {
        tokio::time::sleep(polling.interval).await;
        let req = reqwest::Request::new(Method::GET, url.clone());
        let status: TaskStatus = core.send_json(req).await?;
        match status.task_status.as_deref() {
            Some("SUCCESS") => {
                return status.merge_result.ok_or_else(|| Error::InvalidInput {
                    message: "merge task succeeded without a merge_result".into(),
                });
            }
            Some("PENDING") | None => continue,
            Some(other) => {
                return Err(Error::InvalidInput {
                    message: format!("merge task ended with status {other}"),
                });
            }
        }
    }
    Err(Error::InvalidInput {
        message: format!("merge still pending after {} polls", polling.max_polls),
    })
}
