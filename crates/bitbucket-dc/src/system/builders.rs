//! Request builders of system administration.

use super::*;

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
    GetApplicationProperties => json ApplicationProperties;

    /// Gets cluster information.
    GetCluster => json ClusterInformation;

    /// Gets the license.
    GetLicense => json License;

    /// Installs a license.
    SetLicense { body: LicenseInput } => json License;

    /// A system call with no answer body.
    SystemEmpty => empty;

    /// A system call answered with free-form JSON.
    GetSystemJson => json serde_json::Value;

    /// A system download (body unread).
    SystemDownload => response;

    /// Gets the banner.
    GetBanner => json Option<Banner>;

    /// Sets the banner.
    SetBanner { body: Banner } => empty;
}

body_params!(SetBanner {
    /// Who sees it.
    audience: BannerAudience;
    /// Whether it shows.
    enabled: bool;
});

request_builder! {
    /// Gets the global default branch.
    GetDefaultBranch => json Option<DefaultBranch>;

    /// Sets the global default branch.
    SetDefaultBranch { body: DefaultBranchInput } => empty;

    /// Gets the mail configuration.
    GetMailConfiguration => json MailConfiguration;

    /// Sets the mail configuration.
    SetMailConfiguration { body: MailConfiguration } => json MailConfiguration;

    /// Sets the sender address.
    SetSenderAddress { body: String } => json Option<serde_json::Value>;

    /// Gets global merge strategies.
    GetGlobalMergeConfig => json MergeConfig;

    /// Sets global merge strategies.
    SetGlobalMergeConfig { body: PullRequestSettings } => json MergeConfig;

    /// Gets rate-limit settings.
    GetRateLimitSettings => json RateLimitSettings;

    /// Sets rate-limit settings.
    SetRateLimitSettings { body: RateLimitSettings } => json RateLimitSettings;

    /// Lists rate-limited users.
    ListRejectCounters => paged RejectCounter;
}

query_params!(ListRejectCounters {
    /// `NEWEST` or `FREQUENCY`.
    order("order"): String;
});

request_builder! {
    /// Lists users with custom rate limits.
    ListUserRateLimits => paged UserRateLimit;
}

query_params!(ListUserRateLimits {
    /// Only users whose name contains this text.
    filter("filter"): String;
});

request_builder! {
    /// Gets a user's rate limit.
    GetUserRateLimit => json UserRateLimit;

    /// Sets rate limits of one or several users.
    SetUserRateLimit { body: UserRateLimitInput } => json UserRateLimit;
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
}

body_params!(SetUserRateLimit {
    /// Exempt from rate limiting.
    whitelisted: bool;
});

request_builder! {
    /// Gets a log level.
    GetLogLevel => json LogLevel;

    /// Gets logging switches.
    GetLoggingSettings => json LoggingSettings;

    /// Sets logging switches.
    SetLoggingSettings { body: LoggingSettings } => json LoggingSettings;

    /// Gets the SSH key policy.
    GetSshKeyPolicy => json SshKeyPolicy;

    /// Sets the SSH key policy.
    SetSshKeyPolicy { body: SshKeyPolicy } => empty;

    /// Lists mesh nodes.
    ListMeshNodes => json MeshNodes;

    /// Gets a mesh node.
    GetMeshNode => json MeshNode;

    /// Registers or updates a mesh node.
    SetMeshNode { body: MeshNode } => json MeshNode;

    /// Deletes a mesh node.
    DeleteMeshNode => empty;
}

query_params!(DeleteMeshNode {
    /// Delete even if the node still hosts replicas.
    force("force"): bool;
});
