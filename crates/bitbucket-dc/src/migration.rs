//! Data migration between instances (export and import jobs) and migration of repositories to
//! Git mesh.
//!
//! ```no_run
//! # async fn demo(dc: bitbucket_dc::Client) -> bitbucket_dc::Result<()> {
//! use bitbucket_dc::futures::TryStreamExt;
//! let m = dc.migration();
//! let job = m.export([("PRJ", "web"), ("PRJ", "*")]).send().await?;
//! let job = m.export_job(job.id).send().await?;
//! let warnings: Vec<_> = m.export_messages(job.id).severity("WARN").stream().try_collect().await?;
//! # let _ = warnings; Ok(()) }
//! ```

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Client;
use crate::common::User;
use crate::enums::string_enum;
use crate::ledger::{Endpoint, endpoints};
use crate::params::{body_params, query_params};
use crate::repos::Repository;
use crate::request::{Parts, Payload, request_builder};
use crate::secret_scanning::RepositorySelector;

endpoints! {
    area: System;
    EXPORT = Post "/api/latest/migration/exports";
    EXPORT_PREVIEW = Post "/api/latest/migration/exports/preview";
    EXPORT_JOB = Get "/api/latest/migration/exports/{jobId}";
    EXPORT_CANCEL = Post "/api/latest/migration/exports/{jobId}/cancel";
    EXPORT_MESSAGES = Get "/api/latest/migration/exports/{jobId}/messages";
    IMPORT = Post "/api/latest/migration/imports";
    IMPORT_JOB = Get "/api/latest/migration/imports/{jobId}";
    IMPORT_CANCEL = Post "/api/latest/migration/imports/{jobId}/cancel";
    IMPORT_MESSAGES = Get "/api/latest/migration/imports/{jobId}/messages";
    MESH_START = Post "/api/latest/migration/mesh";
    MESH_PREVIEW = Post "/api/latest/migration/mesh/preview";
    MESH_REPOS = Get "/api/latest/migration/mesh/repos";
    MESH_SUMMARIES = Get "/api/latest/migration/mesh/summaries";
    MESH_ACTIVE = Get "/api/latest/migration/mesh/summary";
    MESH_JOB = Get "/api/latest/migration/mesh/{jobId}";
    MESH_CANCEL = Post "/api/latest/migration/mesh/{jobId}/cancel";
    MESH_MESSAGES = Get "/api/latest/migration/mesh/{jobId}/messages";
    MESH_JOB_SUMMARY = Get "/api/latest/migration/mesh/{jobId}/summary";
}

// ---------------------------------------------------------------- models

string_enum! {
    /// State of a background job.
    pub enum JobState {
        /// Being set up.
        Initialising = "INITIALISING",
        /// Ready to run.
        Ready = "READY",
        /// Running.
        Running = "RUNNING",
        /// Finishing.
        Finalising = "FINALISING",
        /// Done.
        Completed = "COMPLETED",
        /// Failed.
        Failed = "FAILED",
        /// Being canceled.
        Canceling = "CANCELING",
        /// Canceled.
        Canceled = "CANCELED",
        /// Ran out of time.
        TimedOut = "TIMED_OUT",
        /// Aborted by a node failure.
        Aborted = "ABORTED",
    }
}

/// Progress of a job.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct JobProgress {
    /// Percentage done.
    pub percentage: Option<i64>,
    /// Current step.
    pub message: Option<String>,
}

/// A background job (export, import, mesh migration).
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Job {
    /// Id.
    pub id: i64,
    /// Kind of job.
    #[serde(rename = "type")]
    pub job_type: Option<String>,
    /// State.
    pub state: Option<JobState>,
    /// Progress.
    pub progress: Option<JobProgress>,
    /// Who started it.
    pub initiator: Option<User>,
    /// Node running it.
    pub node_id: Option<String>,
    /// Start time.
    #[serde(with = "crate::timestamp::option")]
    pub start_date: Option<DateTime<Utc>>,
    /// Last update.
    #[serde(with = "crate::timestamp::option")]
    pub updated_date: Option<DateTime<Utc>>,
    /// End time.
    #[serde(with = "crate::timestamp::option")]
    pub end_date: Option<DateTime<Utc>>,
}

/// A message logged by a job.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct JobMessage {
    /// Id.
    pub id: String,
    /// `INFO`, `WARN` or `ERROR`.
    pub severity: Option<String>,
    /// What it is about (e.g. a repository).
    pub subject: Option<String>,
    /// Text.
    pub text: Option<String>,
    /// When it was logged.
    #[serde(with = "crate::timestamp::option")]
    pub created_date: Option<DateTime<Utc>>,
}

/// Summary of a mesh migration.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MeshMigrationSummary {
    /// Job id.
    pub job_id: Option<i64>,
    /// State.
    pub state: Option<String>,
    /// Percentage done.
    pub progress: Option<i64>,
    /// Repositories per queue state.
    pub queue: Option<serde_json::Value>,
    /// Start time.
    #[serde(with = "crate::timestamp::option")]
    pub start_time: Option<DateTime<Utc>>,
    /// End time.
    #[serde(with = "crate::timestamp::option")]
    pub end_time: Option<DateTime<Utc>>,
}

/// A repository in a mesh migration.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MigrationRepository {
    /// The repository.
    pub repository: Option<Repository>,
    /// `QUEUED`, `STAGING`, `MIGRATED`, `FAILED`, ...
    pub migration_state: Option<String>,
}

/// Repositories to export.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RepositoriesRequest {
    /// Selected repositories (`slug` may be `*` for a whole project).
    pub includes: Vec<RepositorySelector>,
}

/// Body of an export (or its preview).
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportRequest {
    /// What to export.
    pub repositories_request: RepositoriesRequest,
    /// Where to write the archive (relative to the export folder).
    pub export_location: Option<String>,
}

/// Body of an import.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportRequest {
    /// Archive to import (relative to the import folder).
    pub archive_path: String,
}

/// Body of a mesh migration (or its preview).
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MeshMigrationRequest {
    /// Migrate every repository.
    pub all: Option<bool>,
    /// Projects to migrate.
    pub project_ids: Vec<i64>,
    /// Repositories to migrate.
    pub repository_ids: Vec<i64>,
}

// ---------------------------------------------------------------- handlers

/// Migration jobs.
#[derive(Debug, Clone)]
pub struct Migration {
    client: bitbucket_core::Client,
}

impl Client {
    /// Export, import and mesh migration jobs.
    pub fn migration(&self) -> Migration {
        Migration {
            client: self.core().clone(),
        }
    }
}

fn export_request<I, K, S>(repos: I) -> ExportRequest
where
    I: IntoIterator<Item = (K, S)>,
    K: Into<String>,
    S: Into<String>,
{
    ExportRequest {
        repositories_request: RepositoriesRequest {
            includes: repos
                .into_iter()
                .map(|(k, s)| RepositorySelector {
                    project_key: k.into(),
                    slug: s.into(),
                })
                .collect(),
        },
        export_location: None,
    }
}

impl Migration {
    fn job(&self, ep: Endpoint, id: i64) -> Parts {
        Parts::new(&self.client, ep).param("jobId", id.to_string())
    }

    fn cancel(&self, ep: Endpoint, id: i64) -> CancelJob {
        let mut parts = self.job(ep, id);
        parts.payload(Payload::Empty);
        CancelJob::new(parts)
    }

    /// Starts an export of repositories, given as `(project key, slug)` pairs (`*` for every
    /// repository of a project).
    pub fn export<I, K, S>(&self, repos: I) -> StartExport
    where
        I: IntoIterator<Item = (K, S)>,
        K: Into<String>,
        S: Into<String>,
    {
        StartExport::new(Parts::new(&self.client, EXPORT), export_request(repos))
    }

    /// Previews what an export would include (JSON).
    pub fn preview_export<I, K, S>(&self, repos: I) -> PreviewExport
    where
        I: IntoIterator<Item = (K, S)>,
        K: Into<String>,
        S: Into<String>,
    {
        PreviewExport::new(
            Parts::new(&self.client, EXPORT_PREVIEW),
            export_request(repos),
        )
    }

    /// An export job.
    pub fn export_job(&self, job_id: i64) -> GetJob {
        GetJob::new(self.job(EXPORT_JOB, job_id))
    }

    /// Cancels an export job.
    pub fn cancel_export(&self, job_id: i64) -> CancelJob {
        self.cancel(EXPORT_CANCEL, job_id)
    }

    /// Messages of an export job (paged).
    pub fn export_messages(&self, job_id: i64) -> ListJobMessages {
        ListJobMessages::new(self.job(EXPORT_MESSAGES, job_id))
    }

    /// Starts an import of an archive.
    pub fn import(&self, archive_path: impl Into<String>) -> StartImport {
        StartImport::new(
            Parts::new(&self.client, IMPORT),
            ImportRequest {
                archive_path: archive_path.into(),
            },
        )
    }

    /// An import job.
    pub fn import_job(&self, job_id: i64) -> GetJob {
        GetJob::new(self.job(IMPORT_JOB, job_id))
    }

    /// Cancels an import job.
    pub fn cancel_import(&self, job_id: i64) -> CancelJob {
        self.cancel(IMPORT_CANCEL, job_id)
    }

    /// Messages of an import job (paged).
    pub fn import_messages(&self, job_id: i64) -> ListJobMessages {
        ListJobMessages::new(self.job(IMPORT_MESSAGES, job_id))
    }

    /// Starts migrating repositories to mesh.
    pub fn start_mesh(&self, request: MeshMigrationRequest) -> StartMeshMigration {
        StartMeshMigration::new(Parts::new(&self.client, MESH_START), request)
    }

    /// Previews a mesh migration (JSON).
    pub fn preview_mesh(&self, request: MeshMigrationRequest) -> PreviewMeshMigration {
        PreviewMeshMigration::new(Parts::new(&self.client, MESH_PREVIEW), request)
    }

    /// Repositories of mesh migrations (paged; filters narrow it).
    pub fn mesh_repos(&self) -> ListMigrationRepositories {
        ListMigrationRepositories::new(Parts::new(&self.client, MESH_REPOS))
    }

    /// Summaries of every mesh migration (paged).
    pub fn mesh_summaries(&self) -> ListMeshSummaries {
        ListMeshSummaries::new(Parts::new(&self.client, MESH_SUMMARIES))
    }

    /// Summary of the running mesh migration.
    pub fn active_mesh_summary(&self) -> GetMeshSummary {
        GetMeshSummary::new(Parts::new(&self.client, MESH_ACTIVE))
    }

    /// A mesh migration job (`None` when the server sends no body).
    pub fn mesh_job(&self, job_id: i64) -> GetMeshJob {
        GetMeshJob::new(self.job(MESH_JOB, job_id))
    }

    /// Cancels a mesh migration job.
    pub fn cancel_mesh(&self, job_id: i64) -> CancelJob {
        self.cancel(MESH_CANCEL, job_id)
    }

    /// Messages of a mesh migration job (paged).
    pub fn mesh_messages(&self, job_id: i64) -> ListJobMessages {
        ListJobMessages::new(self.job(MESH_MESSAGES, job_id))
    }

    /// Summary of a mesh migration job.
    pub fn mesh_job_summary(&self, job_id: i64) -> GetMeshSummary {
        GetMeshSummary::new(self.job(MESH_JOB_SUMMARY, job_id))
    }
}

// ---------------------------------------------------------------- builders

request_builder! {
    /// Starts an export.
    StartExport { body: ExportRequest } => json Job;
}

body_params!(StartExport {
    /// Where to write the archive.
    location(export_location): String;
});

request_builder! {
    /// Previews an export.
    PreviewExport { body: ExportRequest } => json serde_json::Value;

    /// Starts an import.
    StartImport { body: ImportRequest } => json Job;

    /// Gets a job.
    GetJob => json Job;

    /// Gets a mesh migration job.
    GetMeshJob => json Option<Job>;

    /// Cancels a job.
    CancelJob => empty;

    /// Lists a job's messages.
    ListJobMessages => paged JobMessage;
}

query_params!(ListJobMessages {
    /// Only messages of this severity (`INFO`, `WARN`, `ERROR`).
    severity("severity"): String;
    /// Only messages about this subject.
    subject("subject"): String;
});

request_builder! {
    /// Starts a mesh migration.
    StartMeshMigration { body: MeshMigrationRequest } => json Job;

    /// Previews a mesh migration.
    PreviewMeshMigration { body: MeshMigrationRequest } => json serde_json::Value;

    /// Lists repositories of mesh migrations.
    ListMigrationRepositories => paged MigrationRepository;
}

query_params!(ListMigrationRepositories {
    /// Only this migration.
    migration_id("migrationId"): i64;
    /// Only this project.
    project_key("projectKey"): String;
    /// Only repositories whose name contains this text.
    name("name"): String;
    /// Only repositories in this migration state.
    state("state"): String;
    /// Only repositories already on (or not on) a remote mesh node.
    remote("remote"): String;
});

request_builder! {
    /// Lists mesh migration summaries.
    ListMeshSummaries => paged MeshMigrationSummary;

    /// Gets a mesh migration summary.
    GetMeshSummary => json Option<MeshMigrationSummary>;
}
