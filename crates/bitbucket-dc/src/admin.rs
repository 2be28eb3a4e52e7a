//! Administration of users, groups and global permissions (`/api/latest/admin/...`).
//!
//! ```no_run
//! # async fn demo(dc: bitbucket_dc::Client) -> bitbucket_dc::Result<()> {
//! use bitbucket_dc::{GlobalPermission, futures::TryStreamExt};
//! let admin = dc.admin();
//! let jos: Vec<_> = admin.users().list().filter("jo").stream().try_collect().await?;
//! admin.users().create("jdoe", "Jane Doe", "jane@example.com").notify(false).send().await?;
//! admin.users().add_to_groups("jdoe", ["developers"]).send().await?;
//! admin.permissions().users().grant(["jdoe"], GlobalPermission::ProjectCreate).send().await?;
//! # let _ = jos; Ok(()) }
//! ```

use bitbucket_core::Secret;
use serde::{Deserialize, Serialize};

use crate::Client;
use crate::common::{DetailedUser, Group, PermittedGroup, PermittedUser, User};
use crate::enums::GlobalPermission;
use crate::ledger::endpoints;
use crate::params::{body_params, query_params};
use crate::request::{Parts, request_builder};

endpoints! {
    area: Admin;
    USERS_LIST = Get "/api/latest/admin/users";
    USERS_CREATE = Post "/api/latest/admin/users";
    USERS_UPDATE = Put "/api/latest/admin/users";
    USERS_DELETE = Delete "/api/latest/admin/users";
    USERS_ADD_GROUP = Post "/api/latest/admin/users/add-group";
    USERS_ADD_GROUPS = Post "/api/latest/admin/users/add-groups";
    USERS_REMOVE_GROUP = Post "/api/latest/admin/users/remove-group";
    USERS_CAPTCHA = Delete "/api/latest/admin/users/captcha";
    USERS_CREDENTIALS = Put "/api/latest/admin/users/credentials";
    USERS_ERASABLE = Get "/api/latest/admin/users/erasure";
    USERS_ERASE = Post "/api/latest/admin/users/erasure";
    USERS_GROUPS = Get "/api/latest/admin/users/more-members";
    USERS_OTHER_GROUPS = Get "/api/latest/admin/users/more-non-members";
    USERS_RENAME = Post "/api/latest/admin/users/rename";
    GROUPS_LIST = Get "/api/latest/admin/groups";
    GROUPS_CREATE = Post "/api/latest/admin/groups";
    GROUPS_DELETE = Delete "/api/latest/admin/groups";
    GROUPS_ADD_USER = Post "/api/latest/admin/groups/add-user";
    GROUPS_ADD_USERS = Post "/api/latest/admin/groups/add-users";
    GROUPS_REMOVE_USER = Post "/api/latest/admin/groups/remove-user";
    GROUPS_MEMBERS = Get "/api/latest/admin/groups/more-members";
    GROUPS_NON_MEMBERS = Get "/api/latest/admin/groups/more-non-members";
    PERM_USERS_LIST = Get "/api/latest/admin/permissions/users";
    PERM_USERS_SET = Put "/api/latest/admin/permissions/users";
    PERM_USERS_REVOKE = Delete "/api/latest/admin/permissions/users";
    PERM_USERS_NONE = Get "/api/latest/admin/permissions/users/none";
    PERM_GROUPS_LIST = Get "/api/latest/admin/permissions/groups";
    PERM_GROUPS_SET = Put "/api/latest/admin/permissions/groups";
    PERM_GROUPS_REVOKE = Delete "/api/latest/admin/permissions/groups";
    PERM_GROUPS_NONE = Get "/api/latest/admin/permissions/groups/none";
    USER_DIRECTORIES = Get "/api/latest/admin/user-directories";
}

// ---------------------------------------------------------------- models

/// Body of a user update by an administrator: only the fields set are sent.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UserUpdate {
    /// Login name of the user to update (identifies the user).
    pub name: Option<String>,
    /// New display name.
    pub display_name: Option<String>,
    /// New e-mail address.
    pub email: Option<String>,
}

/// Body of a user rename.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UserRename {
    /// Current login name.
    pub name: Option<String>,
    /// New login name.
    pub new_name: Option<String>,
}

/// Body of a password change by an administrator (`Debug` redacts the passwords).
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AdminPasswordUpdate {
    /// Login name of the user.
    pub name: Option<String>,
    /// New password.
    #[serde(with = "crate::common::secret_opt")]
    pub password: Option<Secret>,
    /// The new password again.
    #[serde(with = "crate::common::secret_opt")]
    pub password_confirm: Option<Secret>,
}

/// Body adding one user to several groups.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct UserAndGroups {
    /// Login name of the user.
    pub user: Option<String>,
    /// Group names.
    pub groups: Vec<String>,
}

/// Body adding several users to one group.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct GroupAndUsers {
    /// Group name.
    pub group: Option<String>,
    /// Login names.
    pub users: Vec<String>,
}

/// Body of the single-membership operations: `context` is the user (or group) acted on,
/// `itemName` the group (or user) added or removed.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MembershipChange {
    /// The user (for `add-group`/`remove-group`) or group (for `add-user`/`remove-user`).
    pub context: Option<String>,
    /// The group or user added or removed.
    pub item_name: Option<String>,
}

/// Result of erasing a user's personal data.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ErasedUser {
    /// The anonymised name that replaced the user's name.
    pub new_identifier: String,
}

/// A user directory (internal, LDAP, Crowd, ...).
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UserDirectory {
    /// Directory name.
    pub name: String,
    /// Directory kind.
    #[serde(rename = "type")]
    pub directory_type: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Whether it is active.
    pub active: Option<bool>,
}

/// The list of user directories (accepts one object, an array or a page).
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct UserDirectories(
    /// The directories.
    #[serde(deserialize_with = "crate::common::one_or_many::deserialize")]
    pub Vec<UserDirectory>,
);

// ---------------------------------------------------------------- handlers

/// Entry point of the admin area.
#[derive(Debug, Clone)]
pub struct Admin {
    client: bitbucket_core::Client,
}

/// User administration.
#[derive(Debug, Clone)]
pub struct AdminUsers {
    client: bitbucket_core::Client,
}

/// Group administration.
#[derive(Debug, Clone)]
pub struct AdminGroups {
    client: bitbucket_core::Client,
}

/// Global permissions.
#[derive(Debug, Clone)]
pub struct GlobalPermissions {
    client: bitbucket_core::Client,
}

/// Global permissions of users.
#[derive(Debug, Clone)]
pub struct GlobalUserPermissions {
    client: bitbucket_core::Client,
}

/// Global permissions of groups.
#[derive(Debug, Clone)]
pub struct GlobalGroupPermissions {
    client: bitbucket_core::Client,
}

impl Client {
    /// User, group and global-permission administration.
    pub fn admin(&self) -> Admin {
        Admin {
            client: self.core().clone(),
        }
    }
}

impl Admin {
    /// Users.
    pub fn users(&self) -> AdminUsers {
        AdminUsers {
            client: self.client.clone(),
        }
    }

    /// Groups.
    pub fn groups(&self) -> AdminGroups {
        AdminGroups {
            client: self.client.clone(),
        }
    }

    /// Global permissions.
    pub fn permissions(&self) -> GlobalPermissions {
        GlobalPermissions {
            client: self.client.clone(),
        }
    }

    /// The configured user directories.
    pub fn user_directories(&self) -> ListUserDirectories {
        ListUserDirectories::new(Parts::new(&self.client, USER_DIRECTORIES))
    }
}

fn with_query(mut parts: Parts, pairs: &[(&str, &str)]) -> Parts {
    for (k, v) in pairs {
        parts.query(*k, v);
    }
    parts
}

impl AdminUsers {
    /// Lists users (paged; narrow with `filter`).
    pub fn list(&self) -> ListAdminUsers {
        ListAdminUsers::new(Parts::new(&self.client, USERS_LIST))
    }

    /// Creates a user.
    pub fn create(
        &self,
        name: impl Into<String>,
        display_name: impl Into<String>,
        email_address: impl Into<String>,
    ) -> CreateUser {
        let (name, display, email) = (name.into(), display_name.into(), email_address.into());
        CreateUser::new(with_query(
            Parts::new(&self.client, USERS_CREATE),
            &[
                ("name", &name),
                ("displayName", &display),
                ("emailAddress", &email),
            ],
        ))
    }

    /// Updates a user's display name or e-mail (only the fields set are sent).
    pub fn update(&self, name: impl Into<String>) -> UpdateUser {
        UpdateUser::new(
            Parts::new(&self.client, USERS_UPDATE),
            UserUpdate {
                name: Some(name.into()),
                ..UserUpdate::default()
            },
        )
    }

    /// Renames a user.
    pub fn rename(&self, name: impl Into<String>, new_name: impl Into<String>) -> RenameUser {
        RenameUser::new(
            Parts::new(&self.client, USERS_RENAME),
            UserRename {
                name: Some(name.into()),
                new_name: Some(new_name.into()),
            },
        )
    }

    /// Deletes a user; the answer is the deleted user.
    pub fn delete(&self, name: impl Into<String>) -> DeleteUser {
        DeleteUser::new(with_query(
            Parts::new(&self.client, USERS_DELETE),
            &[("name", &name.into())],
        ))
    }

    /// Sets a user's password.
    pub fn set_password(
        &self,
        name: impl Into<String>,
        password: impl Into<Secret>,
    ) -> SetUserPassword {
        let password = password.into();
        SetUserPassword::new(
            Parts::new(&self.client, USERS_CREDENTIALS),
            AdminPasswordUpdate {
                name: Some(name.into()),
                password_confirm: Some(password.clone()),
                password: Some(password),
            },
        )
    }

    /// Clears the CAPTCHA challenge a user must pass after failed logins.
    pub fn clear_captcha(&self, name: impl Into<String>) -> ClearCaptcha {
        ClearCaptcha::new(with_query(
            Parts::new(&self.client, USERS_CAPTCHA),
            &[("name", &name.into())],
        ))
    }

    /// Checks that a user can be erased (success means yes; a 409 explains why not).
    pub fn validate_erasable(&self, name: impl Into<String>) -> ValidateErasable {
        ValidateErasable::new(with_query(
            Parts::new(&self.client, USERS_ERASABLE),
            &[("name", &name.into())],
        ))
    }

    /// Erases a deleted user's personal data.
    pub fn erase(&self, name: impl Into<String>) -> EraseUser {
        EraseUser::new(with_query(
            Parts::new(&self.client, USERS_ERASE),
            &[("name", &name.into())],
        ))
    }

    /// Groups the user belongs to (paged).
    pub fn groups(&self, name: impl Into<String>) -> ListUserGroups {
        ListUserGroups::new(with_query(
            Parts::new(&self.client, USERS_GROUPS),
            &[("context", &name.into())],
        ))
    }

    /// Groups the user does not belong to (paged).
    pub fn other_groups(&self, name: impl Into<String>) -> ListUserGroups {
        ListUserGroups::new(with_query(
            Parts::new(&self.client, USERS_OTHER_GROUPS),
            &[("context", &name.into())],
        ))
    }

    /// Adds the user to groups.
    pub fn add_to_groups<I, S>(&self, name: impl Into<String>, groups: I) -> AddUserToGroups
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        AddUserToGroups::new(
            Parts::new(&self.client, USERS_ADD_GROUPS),
            UserAndGroups {
                user: Some(name.into()),
                groups: groups.into_iter().map(Into::into).collect(),
            },
        )
    }

    /// Adds the user to one group (older form of [`AdminUsers::add_to_groups`]).
    pub fn add_to_group(
        &self,
        name: impl Into<String>,
        group: impl Into<String>,
    ) -> ChangeMembership {
        ChangeMembership::new(
            Parts::new(&self.client, USERS_ADD_GROUP),
            MembershipChange {
                context: Some(name.into()),
                item_name: Some(group.into()),
            },
        )
    }

    /// Removes the user from a group.
    pub fn remove_from_group(
        &self,
        name: impl Into<String>,
        group: impl Into<String>,
    ) -> ChangeMembership {
        ChangeMembership::new(
            Parts::new(&self.client, USERS_REMOVE_GROUP),
            MembershipChange {
                context: Some(name.into()),
                item_name: Some(group.into()),
            },
        )
    }
}

impl AdminGroups {
    /// Lists groups (paged; narrow with `filter`).
    pub fn list(&self) -> ListAdminGroups {
        ListAdminGroups::new(Parts::new(&self.client, GROUPS_LIST))
    }

    /// Creates a group.
    pub fn create(&self, name: impl Into<String>) -> CreateGroup {
        CreateGroup::new(with_query(
            Parts::new(&self.client, GROUPS_CREATE),
            &[("name", &name.into())],
        ))
    }

    /// Deletes a group; the answer is the deleted group.
    pub fn delete(&self, name: impl Into<String>) -> DeleteGroup {
        DeleteGroup::new(with_query(
            Parts::new(&self.client, GROUPS_DELETE),
            &[("name", &name.into())],
        ))
    }

    /// Members of a group (paged).
    pub fn members(&self, group: impl Into<String>) -> ListGroupMembers {
        ListGroupMembers::new(with_query(
            Parts::new(&self.client, GROUPS_MEMBERS),
            &[("context", &group.into())],
        ))
    }

    /// Users who are not members of a group (paged).
    pub fn non_members(&self, group: impl Into<String>) -> ListGroupMembers {
        ListGroupMembers::new(with_query(
            Parts::new(&self.client, GROUPS_NON_MEMBERS),
            &[("context", &group.into())],
        ))
    }

    /// Adds users to a group.
    pub fn add_users<I, S>(&self, group: impl Into<String>, users: I) -> AddUsersToGroup
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        AddUsersToGroup::new(
            Parts::new(&self.client, GROUPS_ADD_USERS),
            GroupAndUsers {
                group: Some(group.into()),
                users: users.into_iter().map(Into::into).collect(),
            },
        )
    }

    /// Adds one user to a group (older form of [`AdminGroups::add_users`]).
    pub fn add_user(&self, group: impl Into<String>, user: impl Into<String>) -> ChangeMembership {
        ChangeMembership::new(
            Parts::new(&self.client, GROUPS_ADD_USER),
            MembershipChange {
                context: Some(group.into()),
                item_name: Some(user.into()),
            },
        )
    }

    /// Removes a user from a group.
    pub fn remove_user(
        &self,
        group: impl Into<String>,
        user: impl Into<String>,
    ) -> ChangeMembership {
        ChangeMembership::new(
            Parts::new(&self.client, GROUPS_REMOVE_USER),
            MembershipChange {
                context: Some(group.into()),
                item_name: Some(user.into()),
            },
        )
    }
}

impl GlobalPermissions {
    /// Permissions granted to users.
    pub fn users(&self) -> GlobalUserPermissions {
        GlobalUserPermissions {
            client: self.client.clone(),
        }
    }

    /// Permissions granted to groups.
    pub fn groups(&self) -> GlobalGroupPermissions {
        GlobalGroupPermissions {
            client: self.client.clone(),
        }
    }
}

fn grant_parts<I, S>(
    client: &bitbucket_core::Client,
    ep: crate::ledger::Endpoint,
    names: I,
    permission: GlobalPermission,
) -> Parts
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    let mut parts = Parts::new(client, ep);
    for n in names {
        parts.query("name", n.into());
    }
    parts.query("permission", permission);
    parts
}

impl GlobalUserPermissions {
    /// Users with a global permission (paged).
    pub fn list(&self) -> ListGlobalUserPermissions {
        ListGlobalUserPermissions::new(Parts::new(&self.client, PERM_USERS_LIST))
    }

    /// Users without any global permission (paged).
    pub fn without(&self) -> ListUsersWithoutPermission {
        ListUsersWithoutPermission::new(Parts::new(&self.client, PERM_USERS_NONE))
    }

    /// Grants a permission to users (replacing what they had).
    pub fn grant<I, S>(&self, names: I, permission: GlobalPermission) -> SetGlobalPermission
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        SetGlobalPermission::new(grant_parts(&self.client, PERM_USERS_SET, names, permission))
    }

    /// Revokes every global permission of a user.
    pub fn revoke(&self, name: impl Into<String>) -> RevokeGlobalPermission {
        RevokeGlobalPermission::new(with_query(
            Parts::new(&self.client, PERM_USERS_REVOKE),
            &[("name", &name.into())],
        ))
    }
}

impl GlobalGroupPermissions {
    /// Groups with a global permission (paged).
    pub fn list(&self) -> ListGlobalGroupPermissions {
        ListGlobalGroupPermissions::new(Parts::new(&self.client, PERM_GROUPS_LIST))
    }

    /// Groups without any global permission (paged).
    pub fn without(&self) -> ListAdminGroups {
        ListAdminGroups::new(Parts::new(&self.client, PERM_GROUPS_NONE))
    }

    /// Grants a permission to groups (replacing what they had).
    pub fn grant<I, S>(&self, names: I, permission: GlobalPermission) -> SetGlobalPermission
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        SetGlobalPermission::new(grant_parts(
            &self.client,
            PERM_GROUPS_SET,
            names,
            permission,
        ))
    }

    /// Revokes every global permission of a group.
    pub fn revoke(&self, name: impl Into<String>) -> RevokeGlobalPermission {
        RevokeGlobalPermission::new(with_query(
            Parts::new(&self.client, PERM_GROUPS_REVOKE),
            &[("name", &name.into())],
        ))
    }
}

// ---------------------------------------------------------------- builders

request_builder! {
    /// Lists users with administrator details.
    ListAdminUsers => paged DetailedUser;

    /// Creates a user (parameters travel in the query string).
    CreateUser => empty;
}

impl CreateUser {
    /// Initial password (omit to let the user set one through an e-mailed link).
    pub fn password(mut self, password: impl Into<Secret>) -> Self {
        self.parts.query_secret("password", password.into());
        self
    }
}

query_params!(CreateUser {
    /// Whether to add the user to the default group.
    add_to_default_group("addToDefaultGroup"): bool;
    /// Whether to e-mail the user.
    notify("notify"): bool;
});

request_builder! {
    /// Updates a user's details.
    UpdateUser { body: UserUpdate } => json DetailedUser;
}

body_params!(UpdateUser {
    /// New display name.
    display_name: String;
    /// New e-mail address.
    email: String;
});

request_builder! {
    /// Renames a user.
    RenameUser { body: UserRename } => json DetailedUser;

    /// Deletes a user.
    DeleteUser => json DetailedUser;

    /// Sets a user's password.
    SetUserPassword { body: AdminPasswordUpdate } => empty;

    /// Clears a user's CAPTCHA challenge.
    ClearCaptcha => empty;

    /// Checks whether a user can be erased.
    ValidateErasable => empty;

    /// Erases a user's personal data.
    EraseUser => json ErasedUser;

    /// Lists groups a user is (or is not) a member of.
    ListUserGroups => paged Group;

    /// Adds a user to groups.
    AddUserToGroups { body: UserAndGroups } => empty;

    /// Adds a users to a group.
    AddUsersToGroup { body: GroupAndUsers } => empty;

    /// Adds or removes one user/group membership.
    ChangeMembership { body: MembershipChange } => empty;

    /// Lists groups.
    ListAdminGroups => paged Group;

    /// Creates a group.
    CreateGroup => json Group;

    /// Deletes a group.
    DeleteGroup => json Group;

    /// Lists members (or non-members) of a group.
    ListGroupMembers => paged DetailedUser;

    /// Lists users and their global permission.
    ListGlobalUserPermissions => paged PermittedUser;

    /// Lists users without a global permission.
    ListUsersWithoutPermission => paged User;

    /// Lists groups and their global permission.
    ListGlobalGroupPermissions => paged PermittedGroup;

    /// Grants a global permission.
    SetGlobalPermission => empty;

    /// Revokes global permissions.
    RevokeGlobalPermission => empty;

    /// Lists user directories.
    ListUserDirectories => json UserDirectories;
}

query_params!(ListUserDirectories {
    /// Include inactive directories.
    include_inactive("includeInactive"): bool;
});

query_params!(
    ListAdminUsers,
    ListUserGroups,
    ListAdminGroups,
    ListGroupMembers,
    ListGlobalUserPermissions,
    ListUsersWithoutPermission,
    ListGlobalGroupPermissions {
        /// Only entries whose name contains this text.
        filter("filter"): String;
    }
);
