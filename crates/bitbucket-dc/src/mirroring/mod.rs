//! Smart mirroring. The upstream server manages mirrors (`servers()`, `requests()`,
//! `repo_mirrors()`, the caller's preferred mirror); a mirror reports its own state
//! (`mirror()`, `support()`, and per repository `dc.project(key).repo(slug).mirror_support()`):
//! point a client at the mirror's URL for those.
//!
//! ```no_run
//! # async fn demo(upstream: bitbucket_dc::Client, mirror: bitbucket_dc::Client) -> bitbucket_dc::Result<()> {
//! use bitbucket_dc::futures::TryStreamExt;
//! use bitbucket_dc::mirroring::RequestState;
//! let pending: Vec<_> = upstream.mirroring().requests().list().state(RequestState::Pending)
//!     .stream().try_collect().await?;
//! for r in &pending {
//!     upstream.mirroring().requests().accept(r.id).send().await?;
//! }
//! let progress = mirror.mirroring().mirror().progress().send().await?;
//! println!("{:?}/{:?} repositories synced", progress.synced_repos, progress.total_repos);
//! # Ok(()) }
//! ```

use bitbucket_core::Secret;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Client;
use crate::common::{NamedLink, Project, User};
use crate::enums::string_enum;
use crate::ledger::{Endpoint, endpoints};
use crate::projects::RepoHandle;
use crate::repos::Repository;
use crate::request::{Parts, Payload, request_builder};
use crate::scope::Scope;
use crate::system::ClusterNode;

endpoints! {
    area: Mirroring;
    SERVERS = Get "/mirroring/latest/mirrorServers";
    SERVER_GET = Get "/mirroring/latest/mirrorServers/{mirrorId}";
    SERVER_UPGRADE = Put "/mirroring/latest/mirrorServers/{mirrorId}";
    SERVER_REMOVE = Delete "/mirroring/latest/mirrorServers/{mirrorId}";
    SERVER_EVENT = Post "/mirroring/latest/mirrorServers/{mirrorId}/events";
    REQUESTS = Get "/mirroring/latest/requests";
    REQUEST_REGISTER = Post "/mirroring/latest/requests";
    REQUEST_GET = Get "/mirroring/latest/requests/{mirroringRequestId}";
    REQUEST_DELETE = Delete "/mirroring/latest/requests/{mirroringRequestId}";
    REQUEST_ACCEPT = Post "/mirroring/latest/requests/{mirroringRequestId}/accept";
    REQUEST_REJECT = Post "/mirroring/latest/requests/{mirroringRequestId}/reject";
    REPO_MIRRORS = Get "/mirroring/latest/repos/{repoId}/mirrors";
    REPO_HASH = Get "/mirroring/latest/repos/{repoId}";
    ALL_HASHES = Get "/mirroring/latest/repos";
    PROJECT = Get "/mirroring/latest/projects/{projectId}";
    PROJECT_REPOS = Get "/mirroring/latest/projects/{projectId}/repos";
    PREFERRED_GET = Get "/mirroring/latest/account/settings/preferred-mirror";
    PREFERRED_SET = Post "/mirroring/latest/account/settings/preferred-mirror";
    PREFERRED_DELETE = Delete "/mirroring/latest/account/settings/preferred-mirror";
    AUTHENTICATE = Post "/mirroring/latest/authenticate";
    ANALYTICS = Get "/mirroring/latest/analyticsSettings";
    FARM_NODES = Get "/mirroring/latest/farmNodes";
    DELAYED_SYNC = Get "/mirroring/latest/mirrorRepos/delayed-sync";
    MIRRORED_REPO = Get "/mirroring/latest/mirrorRepos/{externalRepositoryId}";
    PROGRESS = Get "/mirroring/latest/progress";
    UPSTREAM = Get "/mirroring/latest/upstreamServer";
    SETTINGS_GET = Get "/mirroring/latest/syncSettings";
    SETTINGS_SET = Put "/mirroring/latest/syncSettings";
    MODE_GET = Get "/mirroring/latest/syncSettings/mode";
    MODE_SET = Put "/mirroring/latest/syncSettings/mode";
    PROJECTS_GET = Get "/mirroring/latest/syncSettings/projects";
    PROJECTS_ADD = Post "/mirroring/latest/syncSettings/projects";
    PROJECT_ADD = Post "/mirroring/latest/syncSettings/projects/{projectId}";
    PROJECT_STOP = Delete "/mirroring/latest/syncSettings/projects/{projectId}";
    ZDU_START = Post "/mirroring/latest/zdu/start";
    ZDU_END = Post "/mirroring/latest/zdu/end";
    SUPPORT_LOCK_OWNER = Get "/mirroring/latest/supportInfo/projects/{projectKey}/repos/{repositorySlug}/repo-lock-owner";
    SUPPORT_REPO_STATUS = Get "/mirroring/latest/supportInfo/projects/{projectKey}/repos/{repositorySlug}/repoSyncStatus";
    SUPPORT_QUEUE = Get "/mirroring/latest/supportInfo/refChangesQueue";
    SUPPORT_QUEUE_COUNT = Get "/mirroring/latest/supportInfo/refChangesQueue/count";
    SUPPORT_LOCK_OWNERS = Get "/mirroring/latest/supportInfo/repo-lock-owners";
    SUPPORT_SYNC_STATUS = Get "/mirroring/latest/supportInfo/repoSyncStatus";
}

mod builders;
mod handles;
mod model;

pub use builders::*;
pub use handles::*;
pub use model::*;
