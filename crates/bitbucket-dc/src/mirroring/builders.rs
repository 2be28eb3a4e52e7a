//! Request builders of smart mirroring.

use super::*;

request_builder! {
    /// A mirroring call answered with free-form JSON (or nothing).
    MirrorJson => json Option<serde_json::Value>;

    /// A mirroring call without an answer body.
    MirrorEmpty => empty;

    /// Sends a JSON string.
    SetMirrorString { body: String } => json Option<serde_json::Value>;

    /// Lists mirrors.
    ListMirrorServers => paged MirrorServer;

    /// Gets a mirror.
    GetMirrorServer => json MirrorServer;

    /// Records a mirror upgrade.
    UpgradeMirror { body: MirrorUpgrade } => json MirrorServer;

    /// Publishes a mirror event.
    PublishMirrorEvent { body: MirrorEvent } => empty;

    /// Lists mirroring requests.
    ListMirroringRequests => paged MirroringRequest;
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
    RegisterMirroringRequest { body: MirroringRequest } => json MirroringRequest;

    /// Gets a mirroring request.
    GetMirroringRequest => json MirroringRequest;

    /// Lists a repository's mirrors (JSON: one object, an array or a page, per server).
    ListRepositoryMirrors => json serde_json::Value;
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
    GetEnrichedRepository => json EnrichedRepository;
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
    ListEnrichedRepositories => paged EnrichedRepository;
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
    GetMirroringProject => json Project;

    /// Gets the preferred mirror.
    GetPreferredMirror => json Option<MirrorServer>;

    /// Authenticates a user for a mirror.
    AuthenticateForMirror { body: AuthenticationRequest } => json UserWithPermissions;
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
    GetSyncProgress => json SyncProgress;

    /// Gets the upstream server.
    GetUpstreamServer => json UpstreamServer;

    /// Lists farm nodes.
    ListFarmNodes => json Vec<ClusterNode>;

    /// Gets analytics settings.
    GetAnalyticsSettings => json AnalyticsSettings;

    /// Gets a mirrored repository.
    GetMirroredRepository => json MirroredRepository;

    /// Lists repositories with delayed sync.
    ListDelayedSync => json Vec<DelayedSyncRepository>;
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
    GetMirrorSettings => json MirrorSettings;

    /// Sets mirror settings.
    SetMirrorSettings { body: MirrorSettings } => json MirrorSettings;

    /// Starts mirroring projects.
    AddMirroredProjects { body: Vec<String> } => json Option<serde_json::Value>;

    /// Starts or ends a rolling upgrade.
    RollingUpgrade => json RollingUpgradeState;

    /// Gets a repository's lock owner.
    GetLockOwner => json Option<LockOwner>;

    /// Lists lock owners.
    ListLockOwners => json Vec<LockOwner>;

    /// Gets a repository's sync status.
    GetRepoSyncStatus => json RepoSyncStatus;

    /// Lists sync statuses.
    ListRepoSyncStatus => paged RepoSyncStatus;
}
