//! Handlers of smart mirroring.

use super::*;

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

/// A mirror's support information about all its repositories.
#[derive(Debug, Clone)]
pub struct MirrorSupport {
    client: bitbucket_core::Client,
}

/// A mirror's support information about one repository.
#[derive(Debug, Clone)]
pub struct RepoMirrorSupport {
    client: bitbucket_core::Client,
    scope: Scope,
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

    /// Support information of a mirror about all its repositories; per repository, see
    /// [`RepoHandle::mirror_support`].
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

impl RepoHandle {
    /// A mirror's support information about this repository (call on a client pointed at
    /// the mirror).
    pub fn mirror_support(&self) -> RepoMirrorSupport {
        RepoMirrorSupport {
            client: self.client.clone(),
            scope: self.scope(),
        }
    }
}

impl RepoMirrorSupport {
    /// Owner of the repository's lock.
    pub fn lock_owner(&self) -> GetLockOwner {
        GetLockOwner::new(self.scope.start(&self.client, SUPPORT_LOCK_OWNER))
    }

    /// Synchronisation status of the repository.
    pub fn sync_status(&self) -> GetRepoSyncStatus {
        GetRepoSyncStatus::new(self.scope.start(&self.client, SUPPORT_REPO_STATUS))
    }
}

impl MirrorSupport {
    /// Lock owners of every locked repository.
    pub fn lock_owners(&self) -> ListLockOwners {
        ListLockOwners::new(Parts::new(&self.client, SUPPORT_LOCK_OWNERS))
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
