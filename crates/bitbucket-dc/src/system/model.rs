//! Models of system administration.

use super::*;

/// Version and build of the server.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ApplicationProperties {
    /// Version (`10.4.0`).
    pub version: Option<String>,
    /// Build number.
    pub build_number: Option<String>,
    /// Build date.
    pub build_date: Option<String>,
    /// Product name.
    pub display_name: Option<String>,
}

/// Network address of a cluster node.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NodeAddress {
    /// Host or IP.
    pub address: String,
    /// Port.
    pub port: Option<i64>,
}

/// One node of a cluster.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ClusterNode {
    /// Node id.
    pub id: String,
    /// Node name.
    pub name: Option<String>,
    /// Address.
    pub address: Option<NodeAddress>,
    /// Bitbucket version on the node.
    pub build_version: Option<String>,
    /// Whether this node answered the request.
    pub local: Option<bool>,
}

/// The cluster as seen from the node that answered.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ClusterInformation {
    /// The answering node.
    pub local_node: Option<ClusterNode>,
    /// All nodes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub nodes: Vec<ClusterNode>,
    /// Whether clustering is running.
    pub running: Option<bool>,
}

/// Current user count against the license.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LicenseStatus {
    /// Licensed users now.
    pub current_number_of_users: Option<i64>,
    /// Server id.
    pub server_id: Option<String>,
}

/// The installed license (the encoded key itself is a secret and is not kept here).
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct License {
    /// Server id.
    pub server_id: Option<String>,
    /// Support entitlement number.
    pub support_entitlement_number: Option<String>,
    /// Maximum licensed users.
    pub maximum_number_of_users: Option<i64>,
    /// Whether the user count is unlimited.
    pub unlimited_number_of_users: Option<bool>,
    /// Days until the license expires.
    pub number_of_days_before_expiry: Option<i64>,
    /// Days until maintenance expires.
    pub number_of_days_before_maintenance_expiry: Option<i64>,
    /// Creation time.
    #[serde(with = "crate::timestamp::option")]
    pub creation_date: Option<DateTime<Utc>>,
    /// Purchase time.
    #[serde(with = "crate::timestamp::option")]
    pub purchase_date: Option<DateTime<Utc>>,
    /// Expiry time (none for perpetual licenses).
    #[serde(with = "crate::timestamp::option")]
    pub expiry_date: Option<DateTime<Utc>>,
    /// End of maintenance.
    #[serde(with = "crate::timestamp::option")]
    pub maintenance_expiry_date: Option<DateTime<Utc>>,
    /// End of the grace period.
    #[serde(with = "crate::timestamp::option")]
    pub grace_period_end_date: Option<DateTime<Utc>>,
    /// Usage.
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
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Banner {
    /// Message (Markdown).
    pub message: Option<String>,
    /// Whether it shows.
    pub enabled: Option<bool>,
    /// Who sees it.
    pub audience: Option<BannerAudience>,
}

/// The global default branch for new repositories.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DefaultBranch {
    /// Full ref name (`refs/heads/main`).
    pub id: String,
    /// Short name (`main`).
    pub display_id: Option<String>,
}

/// Mail server configuration (also the update body: only the fields set are sent; the
/// password is write-only and `Debug` redacts it).
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MailConfiguration {
    /// SMTP host.
    pub hostname: Option<String>,
    /// Port.
    pub port: Option<i64>,
    /// `SMTP` or `SMTPS`.
    pub protocol: Option<String>,
    /// `BASIC` or `OAUTH2`.
    pub auth_type: Option<String>,
    /// User name.
    pub username: Option<String>,
    /// Password (write-only).
    pub password: Option<String>,
    /// Sender address.
    pub sender_address: Option<String>,
    /// Use STARTTLS when offered.
    pub use_start_tls: Option<bool>,
    /// Require STARTTLS.
    pub require_start_tls: Option<bool>,
    /// OAuth 2 provider (with `OAUTH2`).
    pub oauth2_provider_id: Option<String>,
    /// OAuth 2 token id (with `OAUTH2`).
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
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TokenBucket {
    /// Bucket size (burst).
    pub capacity: Option<i64>,
    /// Tokens added per second.
    pub fill_rate: Option<i64>,
}

/// Global rate-limit settings (also the update body).
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RateLimitSettings {
    /// Whether rate limiting is on.
    pub enabled: Option<bool>,
    /// Default bucket for every user.
    pub default_settings: Option<TokenBucket>,
}

/// Rate-limit settings of one user.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UserRateLimit {
    /// The user.
    pub user: Option<User>,
    /// Custom bucket (none: the default applies).
    pub settings: Option<TokenBucket>,
    /// Whether the user is exempt.
    pub whitelisted: Option<bool>,
}

/// Body of a rate-limit update for one or several users: only the fields set are sent.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UserRateLimitInput {
    /// Users (bulk update only).
    pub usernames: Option<Vec<String>>,
    /// Custom bucket.
    pub settings: Option<TokenBucket>,
    /// Whether the users are exempt.
    pub whitelisted: Option<bool>,
}

/// How often a user was rate limited.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RejectCounter {
    /// The user.
    pub user: Option<User>,
    /// Rejected requests.
    pub reject_count: Option<i64>,
    /// Latest rejection.
    #[serde(with = "crate::timestamp::option")]
    pub last_reject_time: Option<DateTime<Utc>>,
}

/// A logger's level.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LogLevel {
    /// Level (`INFO`, `DEBUG`, ...).
    pub log_level: String,
}

/// Debug logging and profiling switches (also the update body).
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LoggingSettings {
    /// Debug logging.
    pub debug_logging_enabled: Option<bool>,
    /// Profiling.
    pub profiling_enabled: Option<bool>,
}

/// Policy for one SSH key algorithm.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct KeyTypeRestriction {
    /// Algorithm (`RSA`, `ED25519`, ...).
    pub algorithm: String,
    /// Whether keys of this type are accepted.
    pub allowed: Option<bool>,
    /// Minimum key length.
    pub min_key_length: Option<i64>,
}

/// Instance-wide SSH key policy (also the update body).
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SshKeyPolicy {
    /// Per-algorithm rules.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub key_type_restrictions: Vec<KeyTypeRestriction>,
    /// Maximum key lifetime in days.
    pub max_expiry_days: Option<i64>,
}

/// A Git mesh node (also the registration and update body).
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MeshNode {
    /// Id.
    pub id: Option<String>,
    /// Name.
    pub name: Option<String>,
    /// RPC URL.
    pub rpc_url: Option<String>,
    /// RPC id.
    pub rpc_id: Option<String>,
    /// Availability zone.
    pub availability_zone: Option<String>,
    /// `AVAILABLE`, `DRAINING`, `OFFLINE`, ...
    pub state: Option<String>,
    /// Whether it is offline.
    pub offline: Option<bool>,
    /// Last contact.
    #[serde(with = "crate::timestamp::option")]
    pub last_seen_date: Option<DateTime<Utc>>,
}

/// The registered mesh nodes (accepts one object, an array or a page).
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(transparent)]
pub struct MeshNodes(
    /// The nodes.
    #[serde(deserialize_with = "crate::common::one_or_many::deserialize")]
    pub Vec<MeshNode>,
);
