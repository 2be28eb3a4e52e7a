//! Models of system administration.

use super::*;

/// Version and build of the server.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ApplicationProperties {
    /// Version (`10.4.0`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Build number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub build_number: Option<String>,
    /// Build date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub build_date: Option<String>,
    /// Product name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
}

/// Network address of a cluster node.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NodeAddress {
    /// Host or IP.
    pub address: String,
    /// Port.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<i64>,
}

/// One node of a cluster.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ClusterNode {
    /// Node id.
    pub id: String,
    /// Node name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<NodeAddress>,
    /// Bitbucket version on the node.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub build_version: Option<String>,
    /// Whether this node answered the request.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local: Option<bool>,
}

/// The cluster as seen from the node that answered.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ClusterInformation {
    /// The answering node.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local_node: Option<ClusterNode>,
    /// All nodes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub nodes: Vec<ClusterNode>,
    /// Whether clustering is running.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub running: Option<bool>,
}

/// Current user count against the license.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LicenseStatus {
    /// Licensed users now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_number_of_users: Option<i64>,
    /// Server id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server_id: Option<String>,
}

/// The installed license (the encoded key itself is a secret and is not kept here).
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct License {
    /// Server id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server_id: Option<String>,
    /// Support entitlement number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub support_entitlement_number: Option<String>,
    /// Maximum licensed users.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum_number_of_users: Option<i64>,
    /// Whether the user count is unlimited.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unlimited_number_of_users: Option<bool>,
    /// Days until the license expires.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number_of_days_before_expiry: Option<i64>,
    /// Days until maintenance expires.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number_of_days_before_maintenance_expiry: Option<i64>,
    /// Creation time.
    #[serde_with(skip_apply)]
    #[serde(
        with = "crate::timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub creation_date: Option<DateTime<Utc>>,
    /// Purchase time.
    #[serde_with(skip_apply)]
    #[serde(
        with = "crate::timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub purchase_date: Option<DateTime<Utc>>,
    /// Expiry time (none for perpetual licenses).
    #[serde_with(skip_apply)]
    #[serde(
        with = "crate::timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub expiry_date: Option<DateTime<Utc>>,
    /// End of maintenance.
    #[serde_with(skip_apply)]
    #[serde(
        with = "crate::timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub maintenance_expiry_date: Option<DateTime<Utc>>,
    /// End of the grace period.
    #[serde_with(skip_apply)]
    #[serde(
        with = "crate::timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub grace_period_end_date: Option<DateTime<Utc>>,
    /// Usage.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<LicenseStatus>,
}

string_enum! {
    /// Who sees the announcement banner.
    pub enum BannerAudience {
        /// Logged-in users only.
        Authenticated = "AUTHENTICATED",
        /// Everyone.
        All = "ALL",
    }
}

/// The announcement banner (also its update body: only the fields set are sent).
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Banner {
    /// Message (Markdown).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Whether it shows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Who sees it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audience: Option<BannerAudience>,
}

/// The global default branch for new repositories.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DefaultBranch {
    /// Full ref name (`refs/heads/main`).
    pub id: String,
    /// Short name (`main`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_id: Option<String>,
}

/// Mail server configuration (also the update body: only the fields set are sent; the
/// password is write-only and `Debug` redacts it).
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MailConfiguration {
    /// SMTP host.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hostname: Option<String>,
    /// Port.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<i64>,
    /// `SMTP` or `SMTPS`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    /// `BASIC` or `OAUTH2`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth_type: Option<String>,
    /// User name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// Password (write-only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// Sender address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sender_address: Option<String>,
    /// Use STARTTLS when offered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_start_tls: Option<bool>,
    /// Require STARTTLS.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub require_start_tls: Option<bool>,
    /// OAuth 2 provider (with `OAUTH2`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oauth2_provider_id: Option<String>,
    /// OAuth 2 token id (with `OAUTH2`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_id: Option<String>,
}

impl std::fmt::Debug for MailConfiguration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailConfiguration")
            .field("hostname", &self.hostname)
            .field("port", &self.port)
            .field("protocol", &self.protocol)
            .field("auth_type", &self.auth_type)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .field("sender_address", &self.sender_address)
            .field("use_start_tls", &self.use_start_tls)
            .field("require_start_tls", &self.require_start_tls)
            .finish_non_exhaustive()
    }
}

/// Token-bucket parameters of the rate limiter.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TokenBucket {
    /// Bucket size (burst).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capacity: Option<i64>,
    /// Tokens added per second.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fill_rate: Option<i64>,
}

/// Global rate-limit settings (also the update body).
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RateLimitSettings {
    /// Whether rate limiting is on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Default bucket for every user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_settings: Option<TokenBucket>,
}

/// Rate-limit settings of one user.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UserRateLimit {
    /// The user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<User>,
    /// Custom bucket (none: the default applies).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settings: Option<TokenBucket>,
    /// Whether the user is exempt.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub whitelisted: Option<bool>,
}

/// Body of a rate-limit update for one or several users: only the fields set are sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UserRateLimitInput {
    /// Users (bulk update only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usernames: Option<Vec<String>>,
    /// Custom bucket.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settings: Option<TokenBucket>,
    /// Whether the users are exempt.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub whitelisted: Option<bool>,
}

/// How often a user was rate limited.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RejectCounter {
    /// The user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<User>,
    /// Rejected requests.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reject_count: Option<i64>,
    /// Latest rejection.
    #[serde_with(skip_apply)]
    #[serde(
        with = "crate::timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_reject_time: Option<DateTime<Utc>>,
}

/// A logger's level.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LogLevel {
    /// Level (`INFO`, `DEBUG`, ...).
    pub log_level: String,
}

/// Debug logging and profiling switches (also the update body).
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LoggingSettings {
    /// Debug logging.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub debug_logging_enabled: Option<bool>,
    /// Profiling.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profiling_enabled: Option<bool>,
}

/// Policy for one SSH key algorithm.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct KeyTypeRestriction {
    /// Algorithm (`RSA`, `ED25519`, ...).
    pub algorithm: String,
    /// Whether keys of this type are accepted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed: Option<bool>,
    /// Minimum key length.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_key_length: Option<i64>,
}

/// Instance-wide SSH key policy (also the update body).
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SshKeyPolicy {
    /// Per-algorithm rules.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub key_type_restrictions: Vec<KeyTypeRestriction>,
    /// Maximum key lifetime in days.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_expiry_days: Option<i64>,
}

/// A Git mesh node (also the registration and update body).
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MeshNode {
    /// Id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// RPC URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rpc_url: Option<String>,
    /// RPC id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rpc_id: Option<String>,
    /// Availability zone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability_zone: Option<String>,
    /// `AVAILABLE`, `DRAINING`, `OFFLINE`, ...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Whether it is offline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offline: Option<bool>,
    /// Last contact.
    #[serde_with(skip_apply)]
    #[serde(
        with = "crate::timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_seen_date: Option<DateTime<Utc>>,
}

/// The registered mesh nodes (accepts one object, an array or a page).
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(transparent)]
pub struct MeshNodes(
    /// The nodes.
    #[serde_with(skip_apply)]
    #[serde(deserialize_with = "crate::common::one_or_many::deserialize")]
    pub Vec<MeshNode>,
);
