//! Project and repository permissions of users and groups.
//!
//! The two scopes share one shape, typed by the permission kind:
//!
//! ```no_run
//! # async fn demo(dc: bitbucket_dc::Client) -> bitbucket_dc::Result<()> {
//! use bitbucket_dc::{ProjectPermission, RepoPermission, futures::TryStreamExt};
//! dc.project("PRJ").repo("web").permissions().users().grant("jdoe", RepoPermission::Write).send().await?;
//! dc.project("PRJ").permissions().groups().grant("devs", ProjectPermission::Read).send().await?;
//! let who: Vec<_> = dc.project("PRJ").permissions().users().list().stream().try_collect().await?;
//! # let _ = who; Ok(()) }
//! ```

use std::marker::PhantomData;

use crate::common::{Group, Permitted, PermittedGroup, PermittedUser, User};
use crate::enums::{Permission, ProjectPermission, RepoPermission};
use crate::ledger::endpoints;
use crate::params::query_params;
use crate::projects::{ProjectHandle, RepoHandle};
use crate::request::{Parts, request_builder};
use crate::scope::{Scope, Scoped};

endpoints! {
    area Projects {
        PROJECT_REVOKE_ALL = Delete "/api/latest/projects/{projectKey}/permissions";
        PROJECT_USERS_LIST = Get "/api/latest/projects/{projectKey}/permissions/users";
        PROJECT_USERS_SET = Put "/api/latest/projects/{projectKey}/permissions/users";
        PROJECT_USERS_REVOKE = Delete "/api/latest/projects/{projectKey}/permissions/users";
        PROJECT_USERS_NONE = Get "/api/latest/projects/{projectKey}/permissions/users/none";
        PROJECT_GROUPS_LIST = Get "/api/latest/projects/{projectKey}/permissions/groups";
        PROJECT_GROUPS_SET = Put "/api/latest/projects/{projectKey}/permissions/groups";
        PROJECT_GROUPS_REVOKE = Delete "/api/latest/projects/{projectKey}/permissions/groups";
        PROJECT_GROUPS_NONE = Get "/api/latest/projects/{projectKey}/permissions/groups/none";
        PROJECT_SEARCH = Get "/api/latest/projects/{projectKey}/permissions/search";
        PROJECT_DEFAULT_GET = Get "/api/latest/projects/{projectKey}/permissions/{permission}/all";
        PROJECT_DEFAULT_SET = Post "/api/latest/projects/{projectKey}/permissions/{permission}/all";
    }
    area Repositories {
        REPO_REVOKE_ALL = Delete "/api/latest/projects/{projectKey}/repos/{repositorySlug}/permissions";
        REPO_USERS_LIST = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/permissions/users";
        REPO_USERS_SET = Put "/api/latest/projects/{projectKey}/repos/{repositorySlug}/permissions/users";
        REPO_USERS_REVOKE = Delete "/api/latest/projects/{projectKey}/repos/{repositorySlug}/permissions/users";
        REPO_USERS_NONE = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/permissions/users/none";
        REPO_GROUPS_LIST = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/permissions/groups";
        REPO_GROUPS_SET = Put "/api/latest/projects/{projectKey}/repos/{repositorySlug}/permissions/groups";
        REPO_GROUPS_REVOKE = Delete "/api/latest/projects/{projectKey}/repos/{repositorySlug}/permissions/groups";
        REPO_GROUPS_NONE = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/permissions/groups/none";
        REPO_SEARCH = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/permissions/search";
    }
}

const REVOKE_ALL: Scoped = Scoped::project_repo(PROJECT_REVOKE_ALL, REPO_REVOKE_ALL);
const SEARCH: Scoped = Scoped::project_repo(PROJECT_SEARCH, REPO_SEARCH);
const USERS_LIST: Scoped = Scoped::project_repo(PROJECT_USERS_LIST, REPO_USERS_LIST);
const USERS_SET: Scoped = Scoped::project_repo(PROJECT_USERS_SET, REPO_USERS_SET);
const USERS_REVOKE: Scoped = Scoped::project_repo(PROJECT_USERS_REVOKE, REPO_USERS_REVOKE);
const USERS_NONE: Scoped = Scoped::project_repo(PROJECT_USERS_NONE, REPO_USERS_NONE);
const GROUPS_LIST: Scoped = Scoped::project_repo(PROJECT_GROUPS_LIST, REPO_GROUPS_LIST);
const GROUPS_SET: Scoped = Scoped::project_repo(PROJECT_GROUPS_SET, REPO_GROUPS_SET);
const GROUPS_REVOKE: Scoped = Scoped::project_repo(PROJECT_GROUPS_REVOKE, REPO_GROUPS_REVOKE);
const GROUPS_NONE: Scoped = Scoped::project_repo(PROJECT_GROUPS_NONE, REPO_GROUPS_NONE);

/// Permissions on a project (`P` = [`ProjectPermission`]) or repository ([`RepoPermission`]).
#[derive(Debug, Clone)]
pub struct Permissions<P> {
    client: bitbucket_core::Client,
    scope: Scope,
    kind: PhantomData<fn() -> P>,
}

/// Users' permissions in one scope.
#[derive(Debug, Clone)]
pub struct UserPermissions<P> {
    inner: Permissions<P>,
}

/// Groups' permissions in one scope.
#[derive(Debug, Clone)]
pub struct GroupPermissions<P> {
    inner: Permissions<P>,
}

impl ProjectHandle {
    /// Permissions on this project.
    pub fn permissions(&self) -> Permissions<ProjectPermission> {
        Permissions {
            client: self.client.clone(),
            scope: self.scope(),
            kind: PhantomData,
        }
    }
}

impl RepoHandle {
    /// Permissions on this repository.
    pub fn permissions(&self) -> Permissions<RepoPermission> {
        Permissions {
            client: self.client.clone(),
            scope: self.scope(),
            kind: PhantomData,
        }
    }
}

impl<P: Into<Permission>> Permissions<P> {
    /// Users' permissions.
    pub fn users(&self) -> UserPermissions<P> {
        UserPermissions {
            inner: self.clone_inner(),
        }
    }

    /// Groups' permissions.
    pub fn groups(&self) -> GroupPermissions<P> {
        GroupPermissions {
            inner: self.clone_inner(),
        }
    }

    fn clone_inner(&self) -> Permissions<P> {
        Permissions {
            client: self.client.clone(),
            scope: self.scope.clone(),
            kind: PhantomData,
        }
    }

    fn parts(&self, op: Scoped) -> Parts {
        self.scope.parts(&self.client, op)
    }

    /// Revokes every permission of a user and/or a group in one call (set them on the builder).
    pub fn revoke_all(&self) -> RevokeAllPermissions {
        RevokeAllPermissions::new(self.parts(REVOKE_ALL))
    }

    /// Searches users and groups holding permissions (the server's answer is returned as JSON).
    pub fn search(&self) -> SearchPermissions {
        SearchPermissions::new(self.parts(SEARCH))
    }
}

impl Permissions<ProjectPermission> {
    /// Whether every licensed user has this permission on the project by default.
    pub fn default_permission(&self, permission: ProjectPermission) -> GetDefaultPermission {
        GetDefaultPermission::new(
            self.parts(Scoped::project(PROJECT_DEFAULT_GET))
                .param("permission", permission.as_str()),
        )
    }

    /// Grants (`allow = true`) or removes a default permission for every licensed user.
    pub fn set_default_permission(
        &self,
        permission: ProjectPermission,
        allow: bool,
    ) -> SetDefaultPermission {
        let mut parts = self
            .parts(Scoped::project(PROJECT_DEFAULT_SET))
            .param("permission", permission.as_str());
        parts.query("allow", allow);
        SetDefaultPermission::new(parts)
    }
}

fn named(mut parts: Parts, name: String) -> Parts {
    parts.query("name", name);
    parts
}

impl<P: Into<Permission>> UserPermissions<P> {
    /// Users with a permission here (paged; narrow with `filter`).
    pub fn list(&self) -> ListPermittedUsers {
        ListPermittedUsers::new(self.inner.parts(USERS_LIST))
    }

    /// Grants a permission to a user (add more users with `and`).
    pub fn grant(&self, user: impl Into<String>, permission: P) -> GrantPermission {
        let mut parts = named(self.inner.parts(USERS_SET), user.into());
        parts.query("permission", permission.into());
        GrantPermission::new(parts)
    }

    /// Revokes a user's permissions here.
    pub fn revoke(&self, user: impl Into<String>) -> RevokePermission {
        RevokePermission::new(named(self.inner.parts(USERS_REVOKE), user.into()))
    }

    /// Licensed users without any permission here (paged).
    pub fn without(&self) -> ListUsersWithoutScopePermission {
        ListUsersWithoutScopePermission::new(self.inner.parts(USERS_NONE))
    }
}

impl<P: Into<Permission>> GroupPermissions<P> {
    /// Groups with a permission here (paged; narrow with `filter`).
    pub fn list(&self) -> ListPermittedGroups {
        ListPermittedGroups::new(self.inner.parts(GROUPS_LIST))
    }

    /// Grants a permission to a group (add more groups with `and`).
    pub fn grant(&self, group: impl Into<String>, permission: P) -> GrantPermission {
        let mut parts = named(self.inner.parts(GROUPS_SET), group.into());
        parts.query("permission", permission.into());
        GrantPermission::new(parts)
    }

    /// Revokes a group's permissions here.
    pub fn revoke(&self, group: impl Into<String>) -> RevokePermission {
        RevokePermission::new(named(self.inner.parts(GROUPS_REVOKE), group.into()))
    }

    /// Groups without any permission here (paged).
    pub fn without(&self) -> ListGroupsWithoutScopePermission {
        ListGroupsWithoutScopePermission::new(self.inner.parts(GROUPS_NONE))
    }
}

request_builder! {
    /// Lists users and their permission in a project or repository.
    ListPermittedUsers => paged PermittedUser;

    /// Lists groups and their permission in a project or repository.
    ListPermittedGroups => paged PermittedGroup;

    /// Lists users without permission in a project or repository.
    ListUsersWithoutScopePermission => paged User;

    /// Lists groups without permission in a project or repository.
    ListGroupsWithoutScopePermission => paged Group;

    /// Grants a permission to users or groups.
    GrantPermission => empty;
}

impl GrantPermission {
    /// Grants the same permission to one more user or group.
    pub fn and(mut self, name: impl Into<String>) -> Self {
        self.parts.query("name", name.into());
        self
    }
}

request_builder! {
    /// Revokes the permissions of a user or group.
    RevokePermission => empty;

    /// Revokes all permissions of a user and/or a group.
    RevokeAllPermissions => empty;
}

query_params!(RevokeAllPermissions {
    /// The user whose permissions to revoke.
    user("user"): String;
    /// The group whose permissions to revoke.
    group("group"): String;
});

request_builder! {
    /// Searches permission holders (the answer's shape is not fixed by the spec: JSON value).
    SearchPermissions => json serde_json::Value;
}

query_params!(SearchPermissions {
    /// Only holders of this permission.
    permission("permission"): (impl Into<Permission>);
    /// Only holders whose name contains this text.
    filter_text("filterText"): String;
    /// Only `USER` or `GROUP` holders.
    holder_type("type"): String;
});

request_builder! {
    /// Checks a project's default permission.
    GetDefaultPermission => json Permitted;

    /// Sets a project's default permission.
    SetDefaultPermission => empty;
}

query_params!(
    ListPermittedUsers,
    ListPermittedGroups,
    ListUsersWithoutScopePermission,
    ListGroupsWithoutScopePermission {
        /// Only entries whose name contains this text.
        filter("filter"): String;
    }
);
