//! Models of smart mirroring.

use super::*;

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
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MirrorServer {
    /// Id.
    pub id: String,
    /// Name.
    pub name: Option<String>,
    /// Base URL.
    pub base_url: Option<String>,
    /// Whether it is enabled.
    pub enabled: Option<bool>,
    /// Single or farm.
    pub mirror_type: Option<MirrorType>,
    /// Version.
    pub product_version: Option<String>,
    /// Last contact.
    #[serde(with = "crate::timestamp::option")]
    pub last_seen_date: Option<DateTime<Utc>>,
}

/// A request by a mirror to join (also the registration body).
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MirroringRequest {
    /// Id.
    pub id: i64,
    /// Mirror id.
    pub mirror_id: Option<String>,
    /// Mirror name.
    pub mirror_name: Option<String>,
    /// Mirror base URL.
    pub mirror_base_url: Option<String>,
    /// Single or farm.
    pub mirror_type: Option<MirrorType>,
    /// Version.
    pub product_version: Option<String>,
    /// State.
    pub state: Option<RequestState>,
}

/// A mirror of one repository with links to it.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RepositoryMirror {
    /// The mirror.
    pub mirror_server: Option<MirrorServer>,
    /// Links (e.g. `self` to the mirrored repository on the mirror).
    pub links: Option<serde_json::Value>,
}

/// A repository with the hashes a mirror uses to detect changes.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EnrichedRepository {
    /// The repository.
    #[serde(flatten)]
    pub repository: Repository,
    /// Content and metadata hashes.
    pub properties: Option<serde_json::Value>,
}

/// A repository as served by a mirror.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MirroredRepository {
    /// Upstream repository id.
    pub repository_id: Option<String>,
    /// Mirror name.
    pub mirror_name: Option<String>,
    /// Whether it can be cloned from the mirror.
    pub available: Option<bool>,
    /// `AVAILABLE`, `INITIALIZING`, `NOT_MIRRORED`, ...
    pub status: Option<String>,
    /// Clone URLs on the mirror.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub clone_urls: Vec<NamedLink>,
    /// Push URLs (upstream).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub push_urls: Vec<NamedLink>,
    /// Last update.
    #[serde(with = "crate::timestamp::option")]
    pub last_updated: Option<DateTime<Utc>>,
}

/// Synchronisation progress of a mirror.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SyncProgress {
    /// Still discovering repositories.
    pub discovering: Option<bool>,
    /// Repositories synced.
    pub synced_repos: Option<i64>,
    /// Repositories to sync.
    pub total_repos: Option<i64>,
}

/// What a mirror mirrors (also the update body).
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MirrorSettings {
    /// `ALL_PROJECTS` or `SELECTED_PROJECTS`.
    pub mode: Option<String>,
    /// Selected project ids.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub project_ids: Vec<String>,
}

/// The upstream server as a mirror sees it.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct UpstreamServer {
    /// Id.
    pub id: String,
    /// Base URL.
    pub base_url: Option<String>,
    /// `INSTALLED`, `PENDING`, ...
    pub state: Option<String>,
}

/// Rolling-upgrade state of a mirror farm.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RollingUpgradeState {
    /// Whether a rolling upgrade is in progress.
    pub rolling_upgrade_enabled: Option<bool>,
    /// Version.
    pub version: Option<String>,
}

/// Whether analytics may be collected.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AnalyticsSettings {
    /// Whether collection is allowed.
    pub can_collect_analytics: Option<bool>,
    /// Server time (epoch ms).
    pub server_time: Option<i64>,
    /// Support entitlement number.
    pub support_entitlement_number: Option<String>,
}

/// A repository whose synchronisation is late.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
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
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LockOwner {
    /// Upstream repository id.
    pub external_repository_id: Option<String>,
    /// Node.
    pub node_id: Option<String>,
    /// Thread.
    pub thread_name: Option<String>,
    /// Request.
    pub request_id: Option<String>,
    /// When the lock was taken.
    #[serde(with = "crate::timestamp::option")]
    pub lock_acquire_time: Option<DateTime<Utc>>,
}

/// Synchronisation state of one repository on a mirror.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RepoSyncStatus {
    /// Upstream repository id.
    pub external_repo_id: Option<String>,
    /// Local repository id.
    pub local_repo_id: Option<i64>,
    /// Local project id.
    pub local_project_id: Option<i64>,
    /// Upstream server id.
    pub upstream_id: Option<String>,
    /// Failed attempts since the last success.
    pub failed_sync_count: Option<i64>,
    /// Content and metadata hashes.
    pub hashes: Option<serde_json::Value>,
    /// First synchronisation.
    #[serde(with = "crate::timestamp::option")]
    pub initial_sync_date: Option<DateTime<Utc>>,
    /// Latest synchronisation.
    #[serde(with = "crate::timestamp::option")]
    pub last_sync_date: Option<DateTime<Utc>>,
}

/// A user with effective permissions, as returned to a mirror authenticating a user.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct UserWithPermissions {
    /// The user.
    #[serde(flatten)]
    pub user: User,
    /// Effective permissions.
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
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthenticationRequest {
    /// The credentials.
    pub credentials: MirrorCredentials,
    /// Repository the access is for.
    pub repository_id: Option<i64>,
}

/// Body of a mirror upgrade notice.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MirrorUpgrade {
    /// New base URL.
    pub base_url: Option<String>,
    /// New version.
    pub product_version: Option<String>,
}

/// Body of a repository synchronisation event sent by a mirror.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MirrorEvent {
    /// `SYNCHRONIZED` or `SYNCHRONIZATION_FAILED`.
    #[serde(rename = "type")]
    pub event_type: String,
    /// Upstream repository id.
    pub upstream_repo_id: String,
    /// Mirror repository id.
    pub mirror_repo_id: Option<i64>,
}
