//! Multipart uploads: download artifacts, issue attachments and commits from files.

use bitbucket_core::Result;
use bitbucket_core::multipart::{Multipart, UploadFile};
use bitbucket_core::reqwest::{Method, Request, header};
use bytes::Bytes;

use super::target::{RepoTarget, repo_setters, required};
use crate::generated::Client;

/// Sends a built multipart request, discarding the answer's body.
async fn send_empty(client: &Client, req: Request) -> Result<()> {
    client.core().send_empty(req).await
}

/// A POST of `files` as the form's `files` parts, the form the download and attachment
/// uploads take.
fn post_files(client: &Client, path: &str, files: &[UploadFile]) -> Result<Request> {
    let form = files
        .iter()
        .fold(Multipart::new(), |f, file| f.file("files", file.clone()));
    post_form(client, path, form)
}

fn post_form(client: &Client, path: &str, form: Multipart) -> Result<Request> {
    Ok(client
        .core()
        .request(Method::POST, path)?
        .multipart(form.into_form()?)
        .build()?)
}

/// Builder for [`Client::upload_download_files`].
#[derive(Debug, Clone)]
#[must_use = "a request builder does nothing until it is sent"]
pub struct UploadDownloadFiles<'a> {
    client: &'a Client,
    target: RepoTarget,
    files: Vec<UploadFile>,
}

impl<'a> UploadDownloadFiles<'a> {
    pub(super) fn new(client: &'a Client) -> Self {
        Self {
            client,
            target: RepoTarget::default(),
            files: Vec::new(),
        }
    }

    /// Adds a file (repeat for several).
    pub fn file(mut self, file: UploadFile) -> Self {
        self.files.push(file);
        self
    }

    /// Builds the HTTP request without sending it (credentials are added when it is sent).
    pub fn build_request(&self) -> Result<Request> {
        let path = format!("{}/downloads", self.target.path("upload_download_files")?);
        post_files(self.client, &path, &self.files)
    }

    /// Uploads the files.
    pub async fn send(self) -> Result<()> {
        send_empty(self.client, self.build_request()?).await
    }
}

/// Builder for [`Client::upload_issue_attachment_files`].
#[derive(Debug, Clone)]
#[must_use = "a request builder does nothing until it is sent"]
pub struct UploadIssueAttachmentFiles<'a> {
    client: &'a Client,
    target: RepoTarget,
    issue_id: Option<String>,
    files: Vec<UploadFile>,
}

impl<'a> UploadIssueAttachmentFiles<'a> {
    pub(super) fn new(client: &'a Client) -> Self {
        Self {
            client,
            target: RepoTarget::default(),
            issue_id: None,
            files: Vec::new(),
        }
    }

    /// Sets `issue_id` (the spec types it as text).
    pub fn issue_id(mut self, value: impl Into<String>) -> Self {
        self.issue_id = Some(value.into());
        self
    }

    /// Adds a file (repeat for several); its name becomes the attachment's name.
    pub fn file(mut self, file: UploadFile) -> Self {
        self.files.push(file);
        self
    }

    /// Builds the HTTP request without sending it (credentials are added when it is sent).
    pub fn build_request(&self) -> Result<Request> {
        const OP: &str = "upload_issue_attachment_files";
        let path = format!(
            "{}/issues/{}/attachments",
            self.target.path(OP)?,
            bitbucket_core::encode::segment(required(&self.issue_id, OP, "issue_id")?)?
        );
        post_files(self.client, &path, &self.files)
    }

    /// Uploads the attachments.
    pub async fn send(self) -> Result<()> {
        send_empty(self.client, self.build_request()?).await
    }
}

/// Builder for [`Client::commit_files`]; `send()` answers the new commit's URL from the
/// `Location` header when the server sends one.
#[derive(Debug, Clone)]
#[must_use = "a request builder does nothing until it is sent"]
pub struct CommitFiles<'a> {
    client: &'a Client,
    target: RepoTarget,
    fields: Vec<(&'static str, String)>,
    files: Vec<(String, Bytes)>,
    delete: Vec<String>,
}

impl<'a> CommitFiles<'a> {
    pub(super) fn new(client: &'a Client) -> Self {
        Self {
            client,
            target: RepoTarget::default(),
            fields: Vec::new(),
            files: Vec::new(),
            delete: Vec::new(),
        }
    }

    fn field(mut self, name: &'static str, value: String) -> Self {
        self.fields.retain(|(n, _)| *n != name);
        self.fields.push((name, value));
        self
    }

    /// Commit message.
    pub fn message(self, message: impl Into<String>) -> Self {
        self.field("message", message.into())
    }

    /// Branch to commit on (created from the main branch when absent).
    pub fn branch(self, branch: impl Into<String>) -> Self {
        self.field("branch", branch.into())
    }

    /// Author as `Name <email>`.
    pub fn author(self, author: impl Into<String>) -> Self {
        self.field("author", author.into())
    }

    /// Parent commit(s).
    pub fn parents(self, parents: impl Into<String>) -> Self {
        self.field("parents", parents.into())
    }

    /// Adds or replaces the file at repository path `path`.
    pub fn file(mut self, path: impl Into<String>, content: impl Into<Bytes>) -> Self {
        self.files.push((path.into(), content.into()));
        self
    }

    /// Deletes the file at repository path `path`.
    pub fn delete(mut self, path: impl Into<String>) -> Self {
        self.delete.push(path.into());
        self
    }

    /// Builds the HTTP request without sending it (credentials are added when it is sent).
    pub fn build_request(&self) -> Result<Request> {
        let path = format!("{}/src", self.target.path("commit_files")?);
        let mut form = Multipart::new();
        for (name, value) in &self.fields {
            form = form.text(*name, value.clone());
        }
        for (file_path, content) in &self.files {
            // The part name is the repository path; the file name is its last segment.
            let file_name = file_path.rsplit('/').next().unwrap_or(file_path);
            form = form.file(
                file_path.clone(),
                UploadFile::new(file_name, content.clone()),
            );
        }
        for deleted in &self.delete {
            form = form.text("files", deleted.clone());
        }
        post_form(self.client, &path, form)
    }

    /// Creates the commit; answers its URL from `Location` when the server sends one.
    pub async fn send(self) -> Result<Option<String>> {
        let req = self.build_request()?;
        let resp = self.client.core().send(req).await?;
        let location = resp
            .headers()
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        resp.bytes().await?;
        Ok(location)
    }
}

repo_setters!(
    UploadDownloadFiles => (),
    UploadIssueAttachmentFiles => (),
    CommitFiles => Option<String>,
);
