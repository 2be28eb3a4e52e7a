//! Request builders of smart mirroring.

use super::*;

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
