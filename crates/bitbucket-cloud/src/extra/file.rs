//! A file's raw contents at a commit or branch, streamed (`GET .../src/{commit}/{path}`).

use bitbucket_core::encode::{path as encode_path, segment};
use bitbucket_core::reqwest::{Method, Request};
use bitbucket_core::{ByteStream, Result};

use super::target::{RepoTarget, repo_setters, required};
use crate::generated::Client;

/// Builder for [`Client::get_file_contents`]; the file path keeps its `/` separators.
#[derive(Debug, Clone)]
#[must_use = "a request builder does nothing until it is sent"]
pub struct GetFileContents<'a> {
    client: &'a Client,
    target: RepoTarget,
    commit: Option<String>,
    path: Option<String>,
}

impl<'a> GetFileContents<'a> {
    pub(super) fn new(client: &'a Client) -> Self {
        Self {
            client,
            target: RepoTarget::default(),
            commit: None,
            path: None,
        }
    }

    /// Sets `commit` (a hash or branch name).
    pub fn commit(mut self, value: impl Into<String>) -> Self {
        self.commit = Some(value.into());
        self
    }

    /// Sets `path` (the file's repository path, e.g. `docs/README.md`).
    pub fn path(mut self, value: impl Into<String>) -> Self {
        self.path = Some(value.into());
        self
    }

    /// Builds the HTTP request without sending it (credentials are added when it is sent).
    pub fn build_request(&self) -> Result<Request> {
        const OP: &str = "get_file_contents";
        let path = format!(
            "{}/src/{}/{}",
            self.target.path(OP)?,
            segment(required(&self.commit, OP, "commit")?)?,
            encode_path(required(&self.path, OP, "path")?)?
        );
        Ok(self.client.core().request(Method::GET, &path)?.build()?)
    }

    /// Sends the request and returns the body as a stream of chunks (read lazily, never
    /// buffered whole); error statuses become [`bitbucket_core::Error`].
    pub async fn stream_bytes(self) -> Result<ByteStream> {
        let resp = self.client.core().send(self.build_request()?).await?;
        Ok(bitbucket_core::byte_stream::from_response(resp))
    }

    /// The same as [`GetFileContents::stream_bytes`].
    pub async fn send(self) -> Result<ByteStream> {
        self.stream_bytes().await
    }
}

repo_setters!(GetFileContents => ByteStream);
