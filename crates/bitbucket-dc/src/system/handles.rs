//! Handlers of system administration.

use super::*;

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
