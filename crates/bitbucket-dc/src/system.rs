//! System administration: application properties, license, cluster, announcement banner,
//! global default branch, mail server, global merge strategies, rate limits, logging, SSH key
//! policy and Git mesh nodes.
//!
//! ```no_run
//! # async fn demo(dc: bitbucket_dc::Client) -> bitbucket_dc::Result<()> {
//! let sys = dc.system();
//! let props = sys.application_properties().send().await?;
//! println!("Bitbucket {}", props.version.unwrap_or_default());
//! sys.banner().set("Maintenance tonight 22:00 UTC").send().await?;
//! sys.rate_limits().user("ci-bot").set().whitelisted(true).send().await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};
use chrono::{DateTime, Utc};

use crate::Client;
use crate::common::User;
use crate::enums::string_enum;
use crate::ledger::{Endpoint, endpoints};
use crate::request::{Parts, Payload, request_builder};
use crate::scope::Scope;
use crate::settings::{MergeConfig, PullRequestSettings};

endpoints! {
    area: System;
    APP_PROPERTIES = Get "/api/latest/application-properties";
    CLUSTER = Get "/api/latest/admin/cluster";
    LICENSE_GET = Get "/api/latest/admin/license";
    LICENSE_SET = Post "/api/latest/admin/license";
    BANNER_GET = Get "/api/latest/admin/banner";
    BANNER_SET = Put "/api/latest/admin/banner";
    BANNER_DELETE = Delete "/api/latest/admin/banner";
    DEFAULT_BRANCH_GET = Get "/api/latest/admin/default-branch";
    DEFAULT_BRANCH_SET = Put "/api/latest/admin/default-branch";
    DEFAULT_BRANCH_CLEAR = Delete "/api/latest/admin/default-branch";
    MAIL_GET = Get "/api/latest/admin/mail-server";
    MAIL_SET = Put "/api/latest/admin/mail-server";
    MAIL_DELETE = Delete "/api/latest/admin/mail-server";
    SENDER_GET = Get "/api/latest/admin/mail-server/sender-address";
    SENDER_SET = Put "/api/latest/admin/mail-server/sender-address";
    SENDER_CLEAR = Delete "/api/latest/admin/mail-server/sender-address";
    MERGE_GET = Get "/api/latest/admin/pull-requests/{scmId}";
    MERGE_SET = Post "/api/latest/admin/pull-requests/{scmId}";
    RATE_HISTORY = Get "/api/latest/admin/rate-limit/history";
    RATE_SETTINGS_GET = Get "/api/latest/admin/rate-limit/settings";
    RATE_SETTINGS_SET = Put "/api/latest/admin/rate-limit/settings";
    RATE_USERS = Get "/api/latest/admin/rate-limit/settings/users";
    RATE_USERS_SET = Post "/api/latest/admin/rate-limit/settings/users";
    RATE_USER_GET = Get "/api/latest/admin/rate-limit/settings/users/{userSlug}";
    RATE_USER_SET = Put "/api/latest/admin/rate-limit/settings/users/{userSlug}";
    RATE_USER_DELETE = Delete "/api/latest/admin/rate-limit/settings/users/{userSlug}";
    LOG_LEVEL_GET = Get "/api/latest/logs/logger/{loggerName}";
    LOG_LEVEL_SET = Put "/api/latest/logs/logger/{loggerName}/{levelName}";
    ROOT_LEVEL_GET = Get "/api/latest/logs/rootLogger";
    ROOT_LEVEL_SET = Put "/api/latest/logs/rootLogger/{levelName}";
    LOG_SETTINGS_GET = Get "/api/latest/logs/settings";
    LOG_SETTINGS_SET = Put "/api/latest/logs/settings";
    SSH_SETTINGS_GET = Get "/admin";
    SSH_SETTINGS_SET = Put "/admin";
    SSH_KEY_TYPES = Get "/admin/supported-key-types";
    MESH_NODES = Get "/api/latest/admin/git/mesh/nodes";
    MESH_REGISTER = Post "/api/latest/admin/git/mesh/nodes";
    MESH_NODE_GET = Get "/api/latest/admin/git/mesh/nodes/{id}";
    MESH_NODE_UPDATE = Put "/api/latest/admin/git/mesh/nodes/{id}";
    MESH_NODE_DELETE = Delete "/api/latest/admin/git/mesh/nodes/{id}";
    MESH_CONNECTIVITY = Get "/api/latest/admin/git/mesh/diagnostics/connectivity";
    MESH_CONTROL_PLANE_KEY = Get "/api/latest/admin/git/mesh/config/control-plane.pem";
    MESH_SUPPORT_ZIPS = Get "/api/latest/admin/git/mesh/support-zips";
    MESH_SUPPORT_ZIP = Get "/api/latest/admin/git/mesh/support-zips/{id}";
}

// ---------------------------------------------------------------- models

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

// ---------------------------------------------------------------- handlers

/// System administration.
#[derive(Debug, Clone)]
pub struct System {
    client: bitbucket_core::Client,
}

impl Client {
    /// System administration (license, banner, mail, rate limits, logging, mesh, ...).
    pub fn system(&self) -> System {
        System {
            client: self.core().clone(),
        }
    }
}

/// Announcement banner.
#[derive(Debug, Clone)]
pub struct BannerApi {
    client: bitbucket_core::Client,
}

/// Mail server.
#[derive(Debug, Clone)]
pub struct MailServer {
    client: bitbucket_core::Client,
}

/// Rate limits.
#[derive(Debug, Clone)]
pub struct RateLimits {
    client: bitbucket_core::Client,
}

/// Rate limit of one user.
#[derive(Debug, Clone)]
pub struct UserRateLimitApi {
    client: bitbucket_core::Client,
    slug: String,
}

/// Logging.
#[derive(Debug, Clone)]
pub struct Logging {
    client: bitbucket_core::Client,
}

/// Git mesh.
#[derive(Debug, Clone)]
pub struct Mesh {
    client: bitbucket_core::Client,
}

impl System {
    fn parts(&self, ep: Endpoint) -> Parts {
        Parts::new(&self.client, ep)
    }

    /// Version and build.
    pub fn application_properties(&self) -> GetApplicationProperties {
        GetApplicationProperties::new(self.parts(APP_PROPERTIES))
    }

    /// Cluster nodes.
    pub fn cluster(&self) -> GetCluster {
        GetCluster::new(self.parts(CLUSTER))
    }

    /// The installed license.
    pub fn license(&self) -> GetLicense {
        GetLicense::new(self.parts(LICENSE_GET))
    }

    /// Installs a license key.
    pub fn set_license(&self, license_key: impl Into<bitbucket_core::Secret>) -> SetLicense {
        SetLicense::new(
            self.parts(LICENSE_SET),
            LicenseInput {
                license: license_key.into(),
            },
        )
    }

    /// The announcement banner.
    pub fn banner(&self) -> BannerApi {
        BannerApi {
            client: self.client.clone(),
        }
    }

    /// The global default branch of new repositories.
    pub fn default_branch(&self) -> GetDefaultBranch {
        GetDefaultBranch::new(self.parts(DEFAULT_BRANCH_GET))
    }

    /// Sets the global default branch (`main` or `refs/heads/main`).
    pub fn set_default_branch(&self, branch: impl Into<String>) -> SetDefaultBranch {
        SetDefaultBranch::new(
            self.parts(DEFAULT_BRANCH_SET),
            DefaultBranchInput { id: branch.into() },
        )
    }

    /// Clears the global default branch (back to the built-in one).
    pub fn clear_default_branch(&self) -> SystemEmpty {
        SystemEmpty::new(self.parts(DEFAULT_BRANCH_CLEAR))
    }

    /// The mail server.
    pub fn mail_server(&self) -> MailServer {
        MailServer {
            client: self.client.clone(),
        }
    }

    /// Global merge strategies of an SCM (`git`).
    pub fn merge_config(&self, scm_id: impl Into<String>) -> GetGlobalMergeConfig {
        GetGlobalMergeConfig::new(self.parts(MERGE_GET).param("scmId", scm_id))
    }

    /// Sets the global merge strategies of an SCM (only the fields set are sent).
    pub fn set_merge_config(
        &self,
        scm_id: impl Into<String>,
        settings: PullRequestSettings,
    ) -> SetGlobalMergeConfig {
        SetGlobalMergeConfig::new(self.parts(MERGE_SET).param("scmId", scm_id), settings)
    }

    /// Rate limits.
    pub fn rate_limits(&self) -> RateLimits {
        RateLimits {
            client: self.client.clone(),
        }
    }

    /// Logging levels and switches.
    pub fn logging(&self) -> Logging {
        Logging {
            client: self.client.clone(),
        }
    }

    /// Instance-wide SSH key policy.
    pub fn ssh_key_policy(&self) -> GetSshKeyPolicy {
        GetSshKeyPolicy::new(self.parts(SSH_SETTINGS_GET))
    }

    /// Replaces the SSH key policy.
    pub fn set_ssh_key_policy(&self, policy: SshKeyPolicy) -> SetSshKeyPolicy {
        SetSshKeyPolicy::new(self.parts(SSH_SETTINGS_SET), policy)
    }

    /// SSH key algorithms and lengths the server supports (JSON).
    pub fn supported_ssh_key_types(&self) -> GetSystemJson {
        GetSystemJson::new(self.parts(SSH_KEY_TYPES))
    }

    /// Git mesh nodes and diagnostics.
    pub fn mesh(&self) -> Mesh {
        Mesh {
            client: self.client.clone(),
        }
    }
}

impl BannerApi {
    /// The banner (`None` when there is none).
    pub fn get(&self) -> GetBanner {
        GetBanner::new(Parts::new(&self.client, BANNER_GET))
    }

    /// Shows a banner (enabled, to everyone unless `audience` says otherwise).
    pub fn set(&self, message: impl Into<String>) -> SetBanner {
        SetBanner::new(
            Parts::new(&self.client, BANNER_SET),
            Banner {
                message: Some(message.into()),
                enabled: Some(true),
                audience: Some(BannerAudience::All),
            },
        )
    }

    /// Removes the banner.
    pub fn delete(&self) -> SystemEmpty {
        SystemEmpty::new(Parts::new(&self.client, BANNER_DELETE))
    }
}

impl MailServer {
    /// The configuration.
    pub fn get(&self) -> GetMailConfiguration {
        GetMailConfiguration::new(Parts::new(&self.client, MAIL_GET))
    }

    /// Replaces the configuration.
    pub fn set(&self, config: MailConfiguration) -> SetMailConfiguration {
        SetMailConfiguration::new(Parts::new(&self.client, MAIL_SET), config)
    }

    /// Removes the configuration.
    pub fn delete(&self) -> SystemEmpty {
        SystemEmpty::new(Parts::new(&self.client, MAIL_DELETE))
    }

    /// The sender address.
    pub fn sender_address(&self) -> GetSystemJson {
        GetSystemJson::new(Parts::new(&self.client, SENDER_GET))
    }

    /// Sets the sender address.
    pub fn set_sender_address(&self, address: impl Into<String>) -> SetSenderAddress {
        SetSenderAddress::new(Parts::new(&self.client, SENDER_SET), address.into())
    }

    /// Clears the sender address.
    pub fn clear_sender_address(&self) -> SystemEmpty {
        SystemEmpty::new(Parts::new(&self.client, SENDER_CLEAR))
    }
}

impl RateLimits {
    /// Global settings.
    pub fn settings(&self) -> GetRateLimitSettings {
        GetRateLimitSettings::new(Parts::new(&self.client, RATE_SETTINGS_GET))
    }

    /// Replaces the global settings.
    pub fn set_settings(&self, settings: RateLimitSettings) -> SetRateLimitSettings {
        SetRateLimitSettings::new(Parts::new(&self.client, RATE_SETTINGS_SET), settings)
    }

    /// Users who were rate limited (paged).
    pub fn history(&self) -> ListRejectCounters {
        ListRejectCounters::new(Parts::new(&self.client, RATE_HISTORY))
    }

    /// Users with custom settings (paged).
    pub fn users(&self) -> ListUserRateLimits {
        ListUserRateLimits::new(Parts::new(&self.client, RATE_USERS))
    }

    /// Sets the same custom settings for several users.
    pub fn set_users<I, S>(&self, usernames: I) -> SetUserRateLimit
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        SetUserRateLimit::new(
            Parts::new(&self.client, RATE_USERS_SET),
            UserRateLimitInput {
                usernames: Some(usernames.into_iter().map(Into::into).collect()),
                ..UserRateLimitInput::default()
            },
        )
    }

    /// Settings of one user.
    pub fn user(&self, user_slug: impl Into<String>) -> UserRateLimitApi {
        UserRateLimitApi {
            client: self.client.clone(),
            slug: user_slug.into(),
        }
    }
}

impl UserRateLimitApi {
    fn parts(&self, ep: Endpoint) -> Parts {
        Scope::User(self.slug.clone()).start(&self.client, ep)
    }

    /// The user's settings.
    pub fn get(&self) -> GetUserRateLimit {
        GetUserRateLimit::new(self.parts(RATE_USER_GET))
    }

    /// Sets custom settings (only the fields set are sent).
    pub fn set(&self) -> SetUserRateLimit {
        SetUserRateLimit::new(self.parts(RATE_USER_SET), UserRateLimitInput::default())
    }

    /// Removes custom settings.
    pub fn delete(&self) -> SystemEmpty {
        SystemEmpty::new(self.parts(RATE_USER_DELETE))
    }
}

impl Logging {
    /// Level of a logger.
    pub fn level(&self, logger: impl Into<String>) -> GetLogLevel {
        GetLogLevel::new(Parts::new(&self.client, LOG_LEVEL_GET).param("loggerName", logger))
    }

    /// Sets the level of a logger.
    pub fn set_level(&self, logger: impl Into<String>, level: impl Into<String>) -> SystemEmpty {
        let mut parts = Parts::new(&self.client, LOG_LEVEL_SET)
            .param("loggerName", logger)
            .param("levelName", level);
        parts.payload(Payload::Empty);
        SystemEmpty::new(parts)
    }

    /// Level of the root logger.
    pub fn root_level(&self) -> GetLogLevel {
        GetLogLevel::new(Parts::new(&self.client, ROOT_LEVEL_GET))
    }

    /// Sets the level of the root logger.
    pub fn set_root_level(&self, level: impl Into<String>) -> SystemEmpty {
        let mut parts = Parts::new(&self.client, ROOT_LEVEL_SET).param("levelName", level);
        parts.payload(Payload::Empty);
        SystemEmpty::new(parts)
    }

    /// Debug logging and profiling switches.
    pub fn settings(&self) -> GetLoggingSettings {
        GetLoggingSettings::new(Parts::new(&self.client, LOG_SETTINGS_GET))
    }

    /// Sets both switches (the server requires both).
    pub fn set_settings(&self, debug_logging: bool, profiling: bool) -> SetLoggingSettings {
        SetLoggingSettings::new(
            Parts::new(&self.client, LOG_SETTINGS_SET),
            LoggingSettings {
                debug_logging_enabled: Some(debug_logging),
                profiling_enabled: Some(profiling),
            },
        )
    }
}

impl Mesh {
    fn by_id(&self, ep: Endpoint, id: impl Into<String>) -> Parts {
        Parts::new(&self.client, ep).param("id", id)
    }

    /// Registered nodes.
    pub fn nodes(&self) -> ListMeshNodes {
        ListMeshNodes::new(Parts::new(&self.client, MESH_NODES))
    }

    /// Registers a node.
    pub fn register(&self, name: impl Into<String>, rpc_url: impl Into<String>) -> SetMeshNode {
        SetMeshNode::new(
            Parts::new(&self.client, MESH_REGISTER),
            MeshNode {
                name: Some(name.into()),
                rpc_url: Some(rpc_url.into()),
                ..MeshNode::default()
            },
        )
    }

    /// One node.
    pub fn node(&self, id: impl Into<String>) -> GetMeshNode {
        GetMeshNode::new(self.by_id(MESH_NODE_GET, id))
    }

    /// Updates a node (only the fields set in the body are sent).
    pub fn update(&self, id: impl Into<String>, node: MeshNode) -> SetMeshNode {
        SetMeshNode::new(self.by_id(MESH_NODE_UPDATE, id), node)
    }

    /// Deletes a node.
    pub fn delete(&self, id: i64) -> DeleteMeshNode {
        DeleteMeshNode::new(self.by_id(MESH_NODE_DELETE, id.to_string()))
    }

    /// Connectivity report between nodes (JSON).
    pub fn connectivity(&self) -> GetSystemJson {
        GetSystemJson::new(Parts::new(&self.client, MESH_CONNECTIVITY))
    }

    /// The control plane's public key (PEM text; body unread).
    pub fn control_plane_key(&self) -> SystemDownload {
        let mut parts = Parts::new(&self.client, MESH_CONTROL_PLANE_KEY);
        parts.accept("text/plain");
        SystemDownload::new(parts)
    }

    /// Support zips of every node (archive; body unread).
    pub fn support_zips(&self) -> SystemDownload {
        let mut parts = Parts::new(&self.client, MESH_SUPPORT_ZIPS);
        parts.accept("application/octet-stream");
        SystemDownload::new(parts)
    }

    /// Support zip of one node (archive; body unread).
    pub fn support_zip(&self, id: impl Into<String>) -> SystemDownload {
        let mut parts = self.by_id(MESH_SUPPORT_ZIP, id);
        parts.accept("application/octet-stream");
        SystemDownload::new(parts)
    }
}

// ---------------------------------------------------------------- builders

/// Body of a license update (`Debug` redacts the key).
#[derive(Debug, Clone, PartialEq)]
pub struct LicenseInput {
    /// The encoded license key.
    pub license: bitbucket_core::Secret,
}

impl Serialize for LicenseInput {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("LicenseInput", 1)?;
        st.serialize_field("license", self.license.expose())?;
        st.end()
    }
}

/// Body of a default-branch update.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DefaultBranchInput {
    /// Branch name or ref.
    pub id: String,
}

request_builder! {
    /// Gets application properties.
    GetApplicationProperties => json ApplicationProperties
}

request_builder! {
    /// Gets cluster information.
    GetCluster => json ClusterInformation
}

request_builder! {
    /// Gets the license.
    GetLicense => json License
}

request_builder! {
    /// Installs a license.
    SetLicense { body: LicenseInput } => json License
}

request_builder! {
    /// A system call with no answer body.
    SystemEmpty => empty
}

request_builder! {
    /// A system call answered with free-form JSON.
    GetSystemJson => json serde_json::Value
}

request_builder! {
    /// A system download (body unread).
    SystemDownload => response
}

request_builder! {
    /// Gets the banner.
    GetBanner => json Option<Banner>
}

request_builder! {
    /// Sets the banner.
    SetBanner { body: Banner } => empty
}

impl SetBanner {
    /// Who sees it.
    pub fn audience(mut self, audience: BannerAudience) -> Self {
        self.body.audience = Some(audience);
        self
    }

    /// Whether it shows.
    pub fn enabled(mut self, yes: bool) -> Self {
        self.body.enabled = Some(yes);
        self
    }
}

request_builder! {
    /// Gets the global default branch.
    GetDefaultBranch => json Option<DefaultBranch>
}

request_builder! {
    /// Sets the global default branch.
    SetDefaultBranch { body: DefaultBranchInput } => empty
}

request_builder! {
    /// Gets the mail configuration.
    GetMailConfiguration => json MailConfiguration
}

request_builder! {
    /// Sets the mail configuration.
    SetMailConfiguration { body: MailConfiguration } => json MailConfiguration
}

request_builder! {
    /// Sets the sender address.
    SetSenderAddress { body: String } => json Option<serde_json::Value>
}

request_builder! {
    /// Gets global merge strategies.
    GetGlobalMergeConfig => json MergeConfig
}

request_builder! {
    /// Sets global merge strategies.
    SetGlobalMergeConfig { body: PullRequestSettings } => json MergeConfig
}

request_builder! {
    /// Gets rate-limit settings.
    GetRateLimitSettings => json RateLimitSettings
}

request_builder! {
    /// Sets rate-limit settings.
    SetRateLimitSettings { body: RateLimitSettings } => json RateLimitSettings
}

request_builder! {
    /// Lists rate-limited users.
    ListRejectCounters => paged RejectCounter
}

impl ListRejectCounters {
    /// `NEWEST` or `FREQUENCY`.
    pub fn order(mut self, order: impl Into<String>) -> Self {
        self.parts.set_query("order", order.into());
        self
    }
}

request_builder! {
    /// Lists users with custom rate limits.
    ListUserRateLimits => paged UserRateLimit
}

impl ListUserRateLimits {
    /// Only users whose name contains this text.
    pub fn filter(mut self, text: impl Into<String>) -> Self {
        self.parts.set_query("filter", text.into());
        self
    }
}

request_builder! {
    /// Gets a user's rate limit.
    GetUserRateLimit => json UserRateLimit
}

request_builder! {
    /// Sets rate limits of one or several users.
    SetUserRateLimit { body: UserRateLimitInput } => json UserRateLimit
}

impl SetUserRateLimit {
    /// Custom bucket.
    pub fn bucket(mut self, capacity: u32, fill_rate: u32) -> Self {
        self.body.settings = Some(TokenBucket {
            capacity: Some(i64::from(capacity)),
            fill_rate: Some(i64::from(fill_rate)),
        });
        self
    }

    /// Exempt from rate limiting.
    pub fn whitelisted(mut self, yes: bool) -> Self {
        self.body.whitelisted = Some(yes);
        self
    }
}

request_builder! {
    /// Gets a log level.
    GetLogLevel => json LogLevel
}

request_builder! {
    /// Gets logging switches.
    GetLoggingSettings => json LoggingSettings
}

request_builder! {
    /// Sets logging switches.
    SetLoggingSettings { body: LoggingSettings } => json LoggingSettings
}

request_builder! {
    /// Gets the SSH key policy.
    GetSshKeyPolicy => json SshKeyPolicy
}

request_builder! {
    /// Sets the SSH key policy.
    SetSshKeyPolicy { body: SshKeyPolicy } => empty
}

request_builder! {
    /// Lists mesh nodes.
    ListMeshNodes => json MeshNodes
}

request_builder! {
    /// Gets a mesh node.
    GetMeshNode => json MeshNode
}

request_builder! {
    /// Registers or updates a mesh node.
    SetMeshNode { body: MeshNode } => json MeshNode
}

request_builder! {
    /// Deletes a mesh node.
    DeleteMeshNode => empty
}

impl DeleteMeshNode {
    /// Delete even if the node still hosts replicas.
    pub fn force(mut self, yes: bool) -> Self {
        self.parts.set_query("force", yes);
        self
    }
}
