//! Projects (CRUD and avatar). Permissions live in [`crate::permissions`], webhooks in
//! [`crate::webhooks`]; both hang off [`ProjectHandle`].
//!
//! ```no_run
//! # async fn demo(dc: bitbucket_dc::Client) -> bitbucket_dc::Result<()> {
//! use bitbucket_dc::futures::TryStreamExt;
//! let created = dc.projects().create("PRJ", "Project").description("Our code").send().await?;
//! let all: Vec<_> = dc.projects().list().stream().try_collect().await?;
//! dc.project("PRJ").update().description("Renamed").send().await?;
//! dc.project("PRJ").delete().send().await?;
//! # let _ = (created, all); Ok(()) }
//! ```

use bitbucket_core::multipart::UploadFile;
use bytes::Bytes;
use serde::Serialize;

use crate::Client;
use crate::common::Project;
use crate::enums::ProjectPermission;
use crate::ledger::endpoints;
use crate::params::{body_params, query_params};
use crate::request::{Parts, Payload, request_builder};
use crate::scope::Scope;

endpoints! {
    area: Projects;
    LIST = Get "/api/latest/projects";
    CREATE = Post "/api/latest/projects";
    GET = Get "/api/latest/projects/{projectKey}";
    UPDATE = Put "/api/latest/projects/{projectKey}";
    DELETE = Delete "/api/latest/projects/{projectKey}";
    AVATAR_GET = Get "/api/latest/projects/{projectKey}/avatar.png";
    AVATAR_UPLOAD = Post "/api/latest/projects/{projectKey}/avatar.png";
}

/// Body of project creation and update: only the fields set are sent.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectInput {
    /// Project key (set on update to change the key).
    pub key: Option<String>,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Whether anonymous users may read it.
    pub public: Option<bool>,
    /// Avatar as a data URI (`data:image/png;base64,...`).
    pub avatar: Option<String>,
}

/// Project listing and creation.
#[derive(Debug, Clone)]
pub struct Projects {
    client: bitbucket_core::Client,
}

/// One project, by key.
#[derive(Debug, Clone)]
pub struct ProjectHandle {
    pub(crate) client: bitbucket_core::Client,
    pub(crate) key: String,
}

/// One repository, by project key and slug; its operations are provided by the area modules
/// (permissions, webhooks, repositories, pull requests, ...).
#[derive(Debug, Clone)]
pub struct RepoHandle {
    pub(crate) client: bitbucket_core::Client,
    pub(crate) project_key: String,
    pub(crate) slug: String,
}

impl Client {
    /// Project listing and creation.
    pub fn projects(&self) -> Projects {
        Projects {
            client: self.core().clone(),
        }
    }

    /// One project, by key; `.repo(slug)` leads to a repository.
    pub fn project(&self, project_key: impl Into<String>) -> ProjectHandle {
        ProjectHandle {
            client: self.core().clone(),
            key: project_key.into(),
        }
    }
}

impl Projects {
    /// Lists projects visible to the caller (paged).
    pub fn list(&self) -> ListProjects {
        ListProjects::new(Parts::new(&self.client, LIST))
    }

    /// Creates a project.
    pub fn create(&self, key: impl Into<String>, name: impl Into<String>) -> CreateProject {
        CreateProject::new(
            Parts::new(&self.client, CREATE),
            ProjectInput {
                key: Some(key.into()),
                name: Some(name.into()),
                ..ProjectInput::default()
            },
        )
    }
}

impl ProjectHandle {
    /// The project as a scope.
    pub(crate) fn scope(&self) -> Scope {
        Scope::Project(self.key.clone())
    }

    fn parts(&self, ep: crate::ledger::Endpoint) -> Parts {
        self.scope().start(&self.client, ep)
    }

    /// The project key.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// One repository of this project.
    pub fn repo(&self, repo_slug: impl Into<String>) -> RepoHandle {
        RepoHandle {
            client: self.client.clone(),
            project_key: self.key.clone(),
            slug: repo_slug.into(),
        }
    }

    /// Gets the project.
    pub fn get(&self) -> GetProject {
        GetProject::new(self.parts(GET))
    }

    /// Updates the project (only the fields set are sent).
    pub fn update(&self) -> UpdateProject {
        UpdateProject::new(self.parts(UPDATE), ProjectInput::default())
    }

    /// Deletes the project (it must have no repositories).
    pub fn delete(&self) -> DeleteProject {
        DeleteProject::new(self.parts(DELETE))
    }

    /// Downloads the avatar image (body unread: `bytes()` or `bytes_stream()`).
    pub fn avatar(&self) -> GetProjectAvatar {
        let mut parts = self.parts(AVATAR_GET);
        parts.accept("image/png, image/*");
        GetProjectAvatar::new(parts)
    }

    /// Uploads an avatar image (PNG, JPEG or GIF bytes).
    pub fn upload_avatar(
        &self,
        image: impl Into<Bytes>,
        content_type: impl Into<String>,
    ) -> UploadProjectAvatar {
        let mut parts = self.parts(AVATAR_UPLOAD);
        parts.header("x-atlassian-token", "no-check");
        let file = UploadFile::new("avatar", image).content_type(content_type);
        parts.payload(Payload::file("avatar", file));
        UploadProjectAvatar::new(parts)
    }
}

impl RepoHandle {
    /// The repository as a scope.
    pub(crate) fn scope(&self) -> Scope {
        Scope::Repository(self.project_key.clone(), self.slug.clone())
    }

    /// The project key.
    pub fn project_key(&self) -> &str {
        &self.project_key
    }

    /// The repository slug.
    pub fn slug(&self) -> &str {
        &self.slug
    }
}

request_builder! {
    /// Lists projects.
    ListProjects => paged Project;
}

query_params!(ListProjects {
    /// Only projects whose name contains this text.
    name("name"): String;
    /// Only projects where the caller holds this permission.
    permission("permission"): ProjectPermission;
});

request_builder! {
    /// Creates a project.
    CreateProject { body: ProjectInput } => json Project;

    /// Gets a project.
    GetProject => json Project;

    /// Updates a project.
    UpdateProject { body: ProjectInput } => json Project;
}

body_params!(CreateProject, UpdateProject {
    /// Project name.
    name: String;
    /// Description.
    description: String;
    /// Whether anonymous users may read it.
    public: bool;
    /// Avatar as a data URI (`data:image/png;base64,...`).
    avatar_data_uri(avatar): String;
});

body_params!(UpdateProject {
    /// Changes the project key.
    key: String;
});

request_builder! {
    /// Deletes a project.
    DeleteProject => empty;

    /// Downloads a project avatar.
    GetProjectAvatar => response;
}

query_params!(GetProjectAvatar {
    /// Size in pixels of the returned image.
    size("s"): u32;
});

request_builder! {
    /// Uploads a project avatar.
    UploadProjectAvatar => empty;
}
