//! Smart mirroring. The upstream server manages mirrors (`servers()`, `requests()`,
//! `repo_mirrors()`, the caller's preferred mirror); a mirror reports its own state
//! (`mirror()`, `support()`): point a client at the mirror's URL for those.
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
use serde::{Deserialize, Serialize};
use chrono::{DateTime, Utc};

use crate::Client;
use crate::common::{NamedLink, Project, User};
use crate::enums::string_enum;
use crate::ledger::{Endpoint, endpoints};
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

// ---------------------------------------------------------------- models

string_enum! {
    /// Single-node mirror or mirror farm.
    pub enum MirrorType {
        /// One node.
        Single = "SINGLE",
        /// Several nodes.
        Farm = "FARM",
    }
}

string_enum! {
    /// State of a mirroring request.
    pub enum RequestState {
        /// Waiting for an administrator.
        Pending = "PENDING",
        /// Accepted.
        Accepted = "ACCEPTED",
        /// Rejected.
        Rejected = "REJECTED",
    }
}

/// A mirror as the upstream sees it.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MirrorServer {
    /// Id.
    pub id: String,
    /// Name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Base URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    /// Whether it is enabled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Single or farm.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mirror_type: Option<MirrorType>,
    /// Version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product_version: Option<String>,
    /// Last contact.
    #[serde_with(skip_apply)]
    #[serde(
        with = "crate::timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_seen_date: Option<DateTime<Utc>>,
}

/// A request by a mirror to join (also the registration body).
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MirroringRequest {
    /// Id.
    pub id: i64,
    /// Mirror id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mirror_id: Option<String>,
    /// Mirror name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mirror_name: Option<String>,
    /// Mirror base URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mirror_base_url: Option<String>,
    /// Single or farm.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mirror_type: Option<MirrorType>,
    /// Version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product_version: Option<String>,
    /// State.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<RequestState>,
}

/// A mirror of one repository with links to it.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RepositoryMirror {
    /// The mirror.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mirror_server: Option<MirrorServer>,
    /// Links (e.g. `self` to the mirrored repository on the mirror).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub links: Option<serde_json::Value>,
}

/// A repository with the hashes a mirror uses to detect changes.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EnrichedRepository {
    /// The repository.
    #[serde_with(skip_apply)]
    #[serde(flatten)]
    pub repository: Repository,
    /// Content and metadata hashes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub properties: Option<serde_json::Value>,
}

/// A repository as served by a mirror.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MirroredRepository {
    /// Upstream repository id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repository_id: Option<String>,
    /// Mirror name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mirror_name: Option<String>,
    /// Whether it can be cloned from the mirror.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub available: Option<bool>,
    /// `AVAILABLE`, `INITIALIZING`, `NOT_MIRRORED`, ...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Clone URLs on the mirror.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub clone_urls: Vec<NamedLink>,
    /// Push URLs (upstream).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub push_urls: Vec<NamedLink>,
    /// Last update.
    #[serde_with(skip_apply)]
    #[serde(
        with = "crate::timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_updated: Option<DateTime<Utc>>,
}

/// Synchronisation progress of a mirror.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SyncProgress {
    /// Still discovering repositories.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discovering: Option<bool>,
    /// Repositories synced.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub synced_repos: Option<i64>,
    /// Repositories to sync.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_repos: Option<i64>,
}

/// What a mirror mirrors (also the update body).
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MirrorSettings {
    /// `ALL_PROJECTS` or `SELECTED_PROJECTS`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    /// Selected project ids.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub project_ids: Vec<String>,
}

/// The upstream server as a mirror sees it.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct UpstreamServer {
    /// Id.
    pub id: String,
    /// Base URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    /// `INSTALLED`, `PENDING`, ...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
}

/// Rolling-upgrade state of a mirror farm.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RollingUpgradeState {
    /// Whether a rolling upgrade is in progress.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rolling_upgrade_enabled: Option<bool>,
    /// Version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// Whether analytics may be collected.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AnalyticsSettings {
    /// Whether collection is allowed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub can_collect_analytics: Option<bool>,
    /// Server time (epoch ms).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server_time: Option<i64>,
    /// Support entitlement number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub support_entitlement_number: Option<String>,
}

/// A repository whose synchronisation is late.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DelayedSyncRepository {
    /// Project key.
    pub project_key: String,
    /// Repository slug.
    pub repository_slug: String,
    /// Repository id.
    pub repository_id: String,
}

/// Which node holds a repository's lock on a mirror.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LockOwner {
    /// Upstream repository id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_repository_id: Option<String>,
    /// Node.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node_id: Option<String>,
    /// Thread.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thread_name: Option<String>,
    /// Request.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// When the lock was taken.
    #[serde_with(skip_apply)]
    #[serde(
        with = "crate::timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub lock_acquire_time: Option<DateTime<Utc>>,
}

/// Synchronisation state of one repository on a mirror.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RepoSyncStatus {
    /// Upstream repository id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_repo_id: Option<String>,
    /// Local repository id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local_repo_id: Option<i64>,
    /// Local project id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local_project_id: Option<i64>,
    /// Upstream server id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upstream_id: Option<String>,
    /// Failed attempts since the last success.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failed_sync_count: Option<i64>,
    /// Content and metadata hashes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hashes: Option<serde_json::Value>,
    /// First synchronisation.
    #[serde_with(skip_apply)]
    #[serde(
        with = "crate::timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub initial_sync_date: Option<DateTime<Utc>>,
    /// Latest synchronisation.
    #[serde_with(skip_apply)]
    #[serde(
        with = "crate::timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_sync_date: Option<DateTime<Utc>>,
}

/// A user with effective permissions, as returned to a mirror authenticating a user.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct UserWithPermissions {
    /// The user.
    #[serde_with(skip_apply)]
    #[serde(flatten)]
    pub user: User,
    /// Effective permissions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_permissions: Option<serde_json::Value>,
}

/// Credentials a mirror forwards to the upstream (`Debug` redacts secrets).
#[derive(Debug, Clone, PartialEq)]
pub enum MirrorCredentials {
    /// User name and password.
    Password {
        /// User name.
        username: String,
        /// Password.
        password: Secret,
    },
    /// A bearer token.
    Token(Secret),
    /// An SSH public key of a user.
    Ssh {
        /// User name.
        username: String,
        /// Public key.
        public_key: String,
        /// Key algorithm.
        algorithm: Option<String>,
    },
}

impl Serialize for MirrorCredentials {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        match self {
            MirrorCredentials::Password { username, password } => {
                m.serialize_entry("username", username)?;
                m.serialize_entry("password", password.expose())?;
            }
            MirrorCredentials::Token(t) => m.serialize_entry("token", t.expose())?,
            MirrorCredentials::Ssh {
                username,
                public_key,
                algorithm,
            } => {
                m.serialize_entry("username", username)?;
                m.serialize_entry("publicKey", public_key)?;
                if let Some(a) = algorithm {
                    m.serialize_entry("algorithm", a)?;
                }
            }
        }
        m.end()
    }
}

/// Body of a mirror's authentication request.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthenticationRequest {
    /// The credentials.
    pub credentials: MirrorCredentials,
    /// Repository the access is for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repository_id: Option<i64>,
}

/// Body of a mirror upgrade notice.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MirrorUpgrade {
    /// New base URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
    /// New version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product_version: Option<String>,
}

/// Body of a repository synchronisation event sent by a mirror.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MirrorEvent {
    /// `SYNCHRONIZED` or `SYNCHRONIZATION_FAILED`.
    #[serde(rename = "type")]
    pub event_type: String,
    /// Upstream repository id.
    pub upstream_repo_id: String,
    /// Mirror repository id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mirror_repo_id: Option<i64>,
}

// ---------------------------------------------------------------- handlers

/// Entry point of smart mirroring.
#[derive(Debug, Clone)]
pub struct Mirroring {
    client: bitbucket_core::Client,
}

/// Mirrors registered with the upstream.
#[derive(Debug, Clone)]
pub struct MirrorServers {
    client: bitbucket_core::Client,
}

/// Requests of mirrors to join.
#[derive(Debug, Clone)]
pub struct MirroringRequests {
    client: bitbucket_core::Client,
}

/// A mirror's own state and settings.
#[derive(Debug, Clone)]
pub struct MirrorSide {
    client: bitbucket_core::Client,
}

/// A mirror's support information.
#[derive(Debug, Clone)]
pub struct MirrorSupport {
    client: bitbucket_core::Client,
}

impl Client {
    /// Smart mirroring.
    pub fn mirroring(&self) -> Mirroring {
        Mirroring {
            client: self.core().clone(),
        }
    }
}

impl Mirroring {
    fn parts(&self, ep: Endpoint) -> Parts {
        Parts::new(&self.client, ep)
    }

    /// Mirrors registered with this upstream.
    pub fn servers(&self) -> MirrorServers {
        MirrorServers {
            client: self.client.clone(),
        }
    }

    /// Requests of mirrors to join.
    pub fn requests(&self) -> MirroringRequests {
        MirroringRequests {
            client: self.client.clone(),
        }
    }

    /// Mirrors of a repository (by upstream repository id).
    pub fn repo_mirrors(&self, repo_id: impl Into<String>) -> ListRepositoryMirrors {
        ListRepositoryMirrors::new(self.parts(REPO_MIRRORS).param("repoId", repo_id))
    }

    /// A repository with its content hash (by id).
    pub fn repo_hash(&self, repo_id: impl Into<String>) -> GetEnrichedRepository {
        GetEnrichedRepository::new(self.parts(REPO_HASH).param("repoId", repo_id))
    }

    /// Content hashes of every repository (JSON).
    pub fn all_hashes(&self) -> MirrorJson {
        MirrorJson::new(self.parts(ALL_HASHES))
    }

    /// A project by id.
    pub fn project(&self, project_id: impl Into<String>) -> GetMirroringProject {
        GetMirroringProject::new(self.parts(PROJECT).param("projectId", project_id))
    }

    /// Repositories of a project by id, with hashes (paged).
    pub fn project_repos(&self, project_id: impl Into<String>) -> ListEnrichedRepositories {
        ListEnrichedRepositories::new(self.parts(PROJECT_REPOS).param("projectId", project_id))
    }

    /// The caller's preferred mirror.
    pub fn preferred_mirror(&self) -> GetPreferredMirror {
        GetPreferredMirror::new(self.parts(PREFERRED_GET))
    }

    /// Sets the caller's preferred mirror.
    pub fn set_preferred_mirror(&self, mirror_id: impl Into<String>) -> SetMirrorString {
        SetMirrorString::new(self.parts(PREFERRED_SET), mirror_id.into())
    }

    /// Clears the caller's preferred mirror.
    pub fn clear_preferred_mirror(&self) -> MirrorEmpty {
        MirrorEmpty::new(self.parts(PREFERRED_DELETE))
    }

    /// Authenticates a user on behalf of a mirror.
    pub fn authenticate(&self, credentials: MirrorCredentials) -> AuthenticateForMirror {
        AuthenticateForMirror::new(
            self.parts(AUTHENTICATE),
            AuthenticationRequest {
                credentials,
                repository_id: None,
            },
        )
    }

    /// The mirror side (call on a client pointed at the mirror).
    pub fn mirror(&self) -> MirrorSide {
        MirrorSide {
            client: self.client.clone(),
        }
    }

    /// Support information of a mirror.
    pub fn support(&self) -> MirrorSupport {
        MirrorSupport {
            client: self.client.clone(),
        }
    }
}

impl MirrorServers {
    fn by_id(&self, ep: Endpoint, id: impl Into<String>) -> Parts {
        Parts::new(&self.client, ep).param("mirrorId", id)
    }

    /// Lists mirrors (paged).
    pub fn list(&self) -> ListMirrorServers {
        ListMirrorServers::new(Parts::new(&self.client, SERVERS))
    }

    /// One mirror.
    pub fn get(&self, mirror_id: impl Into<String>) -> GetMirrorServer {
        GetMirrorServer::new(self.by_id(SERVER_GET, mirror_id))
    }

    /// Records a mirror's new URL or version.
    pub fn upgrade(&self, mirror_id: impl Into<String>, upgrade: MirrorUpgrade) -> UpgradeMirror {
        UpgradeMirror::new(self.by_id(SERVER_UPGRADE, mirror_id), upgrade)
    }

    /// Removes a mirror.
    pub fn remove(&self, mirror_id: impl Into<String>) -> MirrorEmpty {
        MirrorEmpty::new(self.by_id(SERVER_REMOVE, mirror_id))
    }

    /// Publishes a repository synchronisation event from a mirror.
    pub fn publish_event(
        &self,
        mirror_id: impl Into<String>,
        event: MirrorEvent,
    ) -> PublishMirrorEvent {
        PublishMirrorEvent::new(self.by_id(SERVER_EVENT, mirror_id), event)
    }
}

impl MirroringRequests {
    fn by_id(&self, ep: Endpoint, id: i64) -> Parts {
        Parts::new(&self.client, ep).param("mirroringRequestId", id.to_string())
    }

    /// Lists requests (paged).
    pub fn list(&self) -> ListMirroringRequests {
        ListMirroringRequests::new(Parts::new(&self.client, REQUESTS))
    }

    /// Registers a request (sent by a mirror).
    pub fn register(&self, request: MirroringRequest) -> RegisterMirroringRequest {
        RegisterMirroringRequest::new(Parts::new(&self.client, REQUEST_REGISTER), request)
    }

    /// One request.
    pub fn get(&self, id: i64) -> GetMirroringRequest {
        GetMirroringRequest::new(self.by_id(REQUEST_GET, id))
    }

    /// Deletes a request.
    pub fn delete(&self, id: i64) -> MirrorEmpty {
        MirrorEmpty::new(self.by_id(REQUEST_DELETE, id))
    }

    /// Accepts a request; the answer is the new mirror.
    pub fn accept(&self, id: i64) -> GetMirrorServer {
        let mut parts = self.by_id(REQUEST_ACCEPT, id);
        parts.payload(Payload::Empty);
        GetMirrorServer::new(parts)
    }

    /// Rejects a request.
    pub fn reject(&self, id: i64) -> GetMirrorServer {
        let mut parts = self.by_id(REQUEST_REJECT, id);
        parts.payload(Payload::Empty);
        GetMirrorServer::new(parts)
    }
}

impl MirrorSide {
    fn parts(&self, ep: Endpoint) -> Parts {
        Parts::new(&self.client, ep)
    }

    fn post_empty(&self, ep: Endpoint) -> Parts {
        let mut parts = self.parts(ep);
        parts.payload(Payload::Empty);
        parts
    }

    /// Synchronisation progress.
    pub fn progress(&self) -> GetSyncProgress {
        GetSyncProgress::new(self.parts(PROGRESS))
    }

    /// The upstream server.
    pub fn upstream(&self) -> GetUpstreamServer {
        GetUpstreamServer::new(self.parts(UPSTREAM))
    }

    /// Nodes of the mirror farm.
    pub fn farm_nodes(&self) -> ListFarmNodes {
        ListFarmNodes::new(self.parts(FARM_NODES))
    }

    /// Analytics settings.
    pub fn analytics_settings(&self) -> GetAnalyticsSettings {
        GetAnalyticsSettings::new(self.parts(ANALYTICS))
    }

    /// A mirrored repository by upstream id.
    pub fn repository(&self, external_id: impl Into<String>) -> GetMirroredRepository {
        GetMirroredRepository::new(
            self.parts(MIRRORED_REPO)
                .param("externalRepositoryId", external_id),
        )
    }

    /// Repositories whose synchronisation is late.
    pub fn delayed_sync(&self) -> ListDelayedSync {
        ListDelayedSync::new(self.parts(DELAYED_SYNC))
    }

    /// What the mirror mirrors.
    pub fn settings(&self) -> GetMirrorSettings {
        GetMirrorSettings::new(self.parts(SETTINGS_GET))
    }

    /// Replaces what the mirror mirrors.
    pub fn set_settings(&self, settings: MirrorSettings) -> SetMirrorSettings {
        SetMirrorSettings::new(self.parts(SETTINGS_SET), settings)
    }

    /// The mirroring mode (JSON string).
    pub fn mode(&self) -> MirrorJson {
        MirrorJson::new(self.parts(MODE_GET))
    }

    /// Sets the mirroring mode (`ALL_PROJECTS` or `SELECTED_PROJECTS`).
    pub fn set_mode(&self, mode: impl Into<String>) -> SetMirrorString {
        SetMirrorString::new(self.parts(MODE_SET), mode.into())
    }

    /// Mirrored projects (JSON).
    pub fn projects(&self) -> MirrorJson {
        MirrorJson::new(self.parts(PROJECTS_GET))
    }

    /// Starts mirroring projects (by upstream id).
    pub fn add_projects<I, S>(&self, project_ids: I) -> AddMirroredProjects
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        AddMirroredProjects::new(
            self.parts(PROJECTS_ADD),
            project_ids.into_iter().map(Into::into).collect(),
        )
    }

    /// Starts mirroring one project (by upstream id).
    pub fn add_project(&self, project_id: impl Into<String>) -> MirrorJson {
        let mut parts = self.parts(PROJECT_ADD).param("projectId", project_id);
        parts.payload(Payload::Empty);
        MirrorJson::new(parts)
    }

    /// Stops mirroring a project.
    pub fn stop_project(&self, project_id: impl Into<String>) -> MirrorEmpty {
        MirrorEmpty::new(self.parts(PROJECT_STOP).param("projectId", project_id))
    }

    /// Starts a rolling upgrade of the farm.
    pub fn start_rolling_upgrade(&self) -> RollingUpgrade {
        RollingUpgrade::new(self.post_empty(ZDU_START))
    }

    /// Ends a rolling upgrade of the farm.
    pub fn end_rolling_upgrade(&self) -> RollingUpgrade {
        RollingUpgrade::new(self.post_empty(ZDU_END))
    }
}

impl MirrorSupport {
    fn repo(&self, ep: Endpoint, key: impl Into<String>, slug: impl Into<String>) -> Parts {
        Scope::Repository(key.into(), slug.into()).start(&self.client, ep)
    }

    /// Lock owner of a repository.
    pub fn lock_owner(
        &self,
        project_key: impl Into<String>,
        slug: impl Into<String>,
    ) -> GetLockOwner {
        GetLockOwner::new(self.repo(SUPPORT_LOCK_OWNER, project_key, slug))
    }

    /// Lock owners of every locked repository.
    pub fn lock_owners(&self) -> ListLockOwners {
        ListLockOwners::new(Parts::new(&self.client, SUPPORT_LOCK_OWNERS))
    }

    /// Synchronisation status of a repository.
    pub fn repo_sync_status(
        &self,
        project_key: impl Into<String>,
        slug: impl Into<String>,
    ) -> GetRepoSyncStatus {
        GetRepoSyncStatus::new(self.repo(SUPPORT_REPO_STATUS, project_key, slug))
    }

    /// Synchronisation status of every repository (paged).
    pub fn sync_statuses(&self) -> ListRepoSyncStatus {
        ListRepoSyncStatus::new(Parts::new(&self.client, SUPPORT_SYNC_STATUS))
    }

    /// Queued ref changes (JSON).
    pub fn ref_changes_queue(&self) -> MirrorJson {
        MirrorJson::new(Parts::new(&self.client, SUPPORT_QUEUE))
    }

    /// Number of queued ref changes (JSON).
    pub fn ref_changes_queue_count(&self) -> MirrorJson {
        MirrorJson::new(Parts::new(&self.client, SUPPORT_QUEUE_COUNT))
    }
}

// ---------------------------------------------------------------- builders

request_builder! {
    /// A mirroring call answered with free-form JSON (or nothing).
    MirrorJson => json Option<serde_json::Value>
}

request_builder! {
    /// A mirroring call without an answer body.
    MirrorEmpty => empty
}

request_builder! {
    /// Sends a JSON string.
    SetMirrorString { body: String } => json Option<serde_json::Value>
}

request_builder! {
    /// Lists mirrors.
    ListMirrorServers => paged MirrorServer
}

request_builder! {
    /// Gets a mirror.
    GetMirrorServer => json MirrorServer
}

request_builder! {
    /// Records a mirror upgrade.
    UpgradeMirror { body: MirrorUpgrade } => json MirrorServer
}

request_builder! {
    /// Publishes a mirror event.
    PublishMirrorEvent { body: MirrorEvent } => empty
}

request_builder! {
    /// Lists mirroring requests.
    ListMirroringRequests => paged MirroringRequest
}

impl ListMirroringRequests {
    /// Only requests in this state.
    pub fn state(mut self, state: RequestState) -> Self {
        self.parts.set_query("state", state);
        self
    }
}

request_builder! {
    /// Registers a mirroring request.
    RegisterMirroringRequest { body: MirroringRequest } => json MirroringRequest
}

request_builder! {
    /// Gets a mirroring request.
    GetMirroringRequest => json MirroringRequest
}

request_builder! {
    /// Lists a repository's mirrors (JSON: one object, an array or a page, per server).
    ListRepositoryMirrors => json serde_json::Value
}

impl ListRepositoryMirrors {
    /// Ask for pre-authorised links.
    pub fn pre_authorized(mut self, yes: bool) -> Self {
        self.parts.set_query("preAuthorized", yes);
        self
    }
}

request_builder! {
    /// Gets a repository with hashes.
    GetEnrichedRepository => json EnrichedRepository
}

impl GetEnrichedRepository {
    /// Include the default branch.
    pub fn include_default_branch(mut self, yes: bool) -> Self {
        self.parts.set_query("includeDefaultBranch", yes);
        self
    }
}

request_builder! {
    /// Lists repositories with hashes.
    ListEnrichedRepositories => paged EnrichedRepository
}

impl ListEnrichedRepositories {
    /// Include default branches.
    pub fn include_default_branch(mut self, yes: bool) -> Self {
        self.parts.set_query("includeDefaultBranch", yes);
        self
    }
}

request_builder! {
    /// Gets a project for a mirror.
    GetMirroringProject => json Project
}

request_builder! {
    /// Gets the preferred mirror.
    GetPreferredMirror => json Option<MirrorServer>
}

request_builder! {
    /// Authenticates a user for a mirror.
    AuthenticateForMirror { body: AuthenticationRequest } => json UserWithPermissions
}

impl AuthenticateForMirror {
    /// Repository the access is for.
    pub fn repository_id(mut self, id: i64) -> Self {
        self.body.repository_id = Some(id);
        self
    }
}

request_builder! {
    /// Gets sync progress.
    GetSyncProgress => json SyncProgress
}

request_builder! {
    /// Gets the upstream server.
    GetUpstreamServer => json UpstreamServer
}

request_builder! {
    /// Lists farm nodes.
    ListFarmNodes => json Vec<ClusterNode>
}

request_builder! {
    /// Gets analytics settings.
    GetAnalyticsSettings => json AnalyticsSettings
}

request_builder! {
    /// Gets a mirrored repository.
    GetMirroredRepository => json MirroredRepository
}

request_builder! {
    /// Lists repositories with delayed sync.
    ListDelayedSync => json Vec<DelayedSyncRepository>
}

impl ListDelayedSync {
    /// Minimum delay to report.
    pub fn delay_threshold(mut self, threshold: impl Into<String>) -> Self {
        self.parts.set_query("delayThreshold", threshold.into());
        self
    }

    /// At most this many repositories.
    pub fn limit(mut self, limit: u32) -> Self {
        self.parts.set_query("limit", limit);
        self
    }
}

request_builder! {
    /// Gets mirror settings.
    GetMirrorSettings => json MirrorSettings
}

request_builder! {
    /// Sets mirror settings.
    SetMirrorSettings { body: MirrorSettings } => json MirrorSettings
}

request_builder! {
    /// Starts mirroring projects.
    AddMirroredProjects { body: Vec<String> } => json Option<serde_json::Value>
}

request_builder! {
    /// Starts or ends a rolling upgrade.
    RollingUpgrade => json RollingUpgradeState
}

request_builder! {
    /// Gets a repository's lock owner.
    GetLockOwner => json Option<LockOwner>
}

request_builder! {
    /// Lists lock owners.
    ListLockOwners => json Vec<LockOwner>
}

request_builder! {
    /// Gets a repository's sync status.
    GetRepoSyncStatus => json RepoSyncStatus
}

request_builder! {
    /// Lists sync statuses.
    ListRepoSyncStatus => paged RepoSyncStatus
}
