//! Users and groups as any authenticated user sees them.
//!
//! `dc.users()` covers the collection (search, the current user's details and password),
//! `dc.user(slug)` one user (profile, settings, avatar), `dc.groups()` group names.
//!
//! ```no_run
//! # async fn demo(dc: bitbucket_dc::Client) -> bitbucket_dc::Result<()> {
//! use bitbucket_dc::{Permission, futures::TryStreamExt};
//! let admins: Vec<_> = dc
//!     .users()
//!     .list()
//!     .permission_on_project(Permission::ProjectAdmin, "PRJ")
//!     .stream()
//!     .try_collect()
//!     .await?;
//! let jdoe = dc.user("john.doe").get().send().await?;
//! let settings = dc.user("john.doe").settings().send().await?;
//! # let _ = (admins, jdoe, settings); Ok(()) }
//! ```

use bitbucket_core::Secret;
use bitbucket_core::multipart::UploadFile;
use bytes::Bytes;
use serde::Serialize;

use crate::Client;
use crate::common::{NamedLink, User};
use crate::enums::Permission;
use crate::ledger::endpoints;
use crate::params::{body_params, query_params};
use crate::request::{Parts, Payload, request_builder};
use crate::scope::Scope;

endpoints! {
    area: UsersAndGroups;
    LIST = Get "/api/latest/users";
    UPDATE_ME = Put "/api/latest/users";
    PASSWORD_ME = Put "/api/latest/users/credentials";
    GET = Get "/api/latest/users/{userSlug}";
    AVATAR_DELETE = Delete "/api/latest/users/{userSlug}/avatar.png";
    AVATAR_UPLOAD = Post "/api/latest/users/{userSlug}/avatar.png";
    SETTINGS_GET = Get "/api/latest/users/{userSlug}/settings";
    SETTINGS_UPDATE = Post "/api/latest/users/{userSlug}/settings";
    GROUPS = Get "/api/latest/groups";
}

/// A user's settings: a free-form map of keys to JSON values.
pub type UserSettings = serde_json::Map<String, serde_json::Value>;

/// Body of an update of the current user's details.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CurrentUserUpdate {
    /// Login name (identifies the user being updated; the current user).
    pub name: Option<String>,
    /// New display name.
    pub display_name: Option<String>,
    /// New e-mail address.
    pub email: Option<String>,
    /// Current password, when the server requires it to change the e-mail.
    #[serde(with = "crate::common::secret_opt")]
    pub password: Option<Secret>,
}

/// Body of a password change by the current user (`Debug` redacts the passwords).
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PasswordChange {
    /// Current password.
    #[serde(with = "crate::common::secret_opt")]
    pub old_password: Option<Secret>,
    /// New password.
    #[serde(with = "crate::common::secret_opt")]
    pub password: Option<Secret>,
    /// New password again.
    #[serde(with = "crate::common::secret_opt")]
    pub password_confirm: Option<Secret>,
}

/// Entry point for user search and the current user's account.
#[derive(Debug, Clone)]
pub struct Users {
    client: bitbucket_core::Client,
}

/// One user, by slug.
#[derive(Debug, Clone)]
pub struct UserHandle {
    pub(crate) client: bitbucket_core::Client,
    pub(crate) slug: String,
}

/// Group names visible to the current user.
#[derive(Debug, Clone)]
pub struct Groups {
    client: bitbucket_core::Client,
}

impl Client {
    /// User search and the current user's account.
    pub fn users(&self) -> Users {
        Users {
            client: self.core().clone(),
        }
    }

    /// One user, by slug.
    pub fn user(&self, user_slug: impl Into<String>) -> UserHandle {
        UserHandle {
            client: self.core().clone(),
            slug: user_slug.into(),
        }
    }

    /// Group names.
    pub fn groups(&self) -> Groups {
        Groups {
            client: self.core().clone(),
        }
    }
}

impl Users {
    /// Lists users (paged), optionally filtered by name, group or permission.
    pub fn list(&self) -> ListUsers {
        ListUsers::new(Parts::new(&self.client, LIST))
    }

    /// Updates the current user's display name or e-mail (only the fields set are sent).
    pub fn update_current(&self) -> UpdateCurrentUser {
        UpdateCurrentUser::new(
            Parts::new(&self.client, UPDATE_ME),
            CurrentUserUpdate::default(),
        )
    }

    /// Changes the current user's password.
    pub fn change_password(
        &self,
        old_password: impl Into<Secret>,
        new_password: impl Into<Secret>,
    ) -> ChangePassword {
        let new_password = new_password.into();
        ChangePassword::new(
            Parts::new(&self.client, PASSWORD_ME),
            PasswordChange {
                old_password: Some(old_password.into()),
                password_confirm: Some(new_password.clone()),
                password: Some(new_password),
            },
        )
    }
}

impl UserHandle {
    fn parts(&self, ep: crate::ledger::Endpoint) -> Parts {
        Scope::User(self.slug.clone()).start(&self.client, ep)
    }

    /// The user's slug.
    pub fn slug(&self) -> &str {
        &self.slug
    }

    /// The user's profile.
    pub fn get(&self) -> GetUser {
        GetUser::new(self.parts(GET))
    }

    /// The user's settings.
    pub fn settings(&self) -> GetUserSettings {
        GetUserSettings::new(self.parts(SETTINGS_GET))
    }

    /// Updates settings: keys given are set, others are left alone.
    pub fn update_settings(&self, settings: UserSettings) -> UpdateUserSettings {
        UpdateUserSettings::new(self.parts(SETTINGS_UPDATE), settings)
    }

    /// Uploads an avatar image (PNG, JPEG or GIF bytes).
    pub fn upload_avatar(
        &self,
        image: impl Into<Bytes>,
        content_type: impl Into<String>,
    ) -> UploadUserAvatar {
        let mut parts = self.parts(AVATAR_UPLOAD);
        parts.header("x-atlassian-token", "no-check");
        let file = UploadFile::new("avatar", image).content_type(content_type);
        parts.payload(Payload::file("avatar", file));
        UploadUserAvatar::new(parts)
    }

    /// Deletes the uploaded avatar; the answer links the default avatar.
    pub fn delete_avatar(&self) -> DeleteUserAvatar {
        DeleteUserAvatar::new(self.parts(AVATAR_DELETE))
    }
}

impl Groups {
    /// Lists group names (paged; narrow with `filter`).
    pub fn list(&self) -> ListGroupNames {
        ListGroupNames::new(Parts::new(&self.client, GROUPS))
    }
}

request_builder! {
    /// Lists users visible to the current user.
    ListUsers => paged User;
}

query_params!(ListUsers {
    /// Only users whose name, slug or e-mail contains this text.
    filter("filter"): String;
    /// Only members of this group.
    group("group"): String;
    /// Only users holding this global permission (or better).
    permission("permission"): (impl Into<Permission>);
});

impl ListUsers {
    /// Only users holding this permission on a project (adds a numbered `permission.N` filter;
    /// several filters must all match).
    pub fn permission_on_project(
        mut self,
        permission: impl Into<Permission>,
        project_key: impl Into<String>,
    ) -> Self {
        let n = self.bump();
        self.parts
            .query(format!("permission.{n}"), permission.into());
        self.parts
            .query(format!("permission.{n}.projectKey"), project_key.into());
        self
    }

    /// Only users holding this permission on a repository (a numbered `permission.N` filter).
    pub fn permission_on_repo(
        mut self,
        permission: impl Into<Permission>,
        project_key: impl Into<String>,
        repo_slug: impl Into<String>,
    ) -> Self {
        let n = self.bump();
        self = self.permission_on_project(permission, project_key);
        self.parts
            .query(format!("permission.{n}.repositorySlug"), repo_slug.into());
        self
    }

    /// Only users holding this global permission, as a numbered `permission.N` filter.
    pub fn permission_global(mut self, permission: impl Into<Permission>) -> Self {
        let n = self.bump();
        self.parts
            .query(format!("permission.{n}"), permission.into());
        self
    }

    /// The number of the next `permission.N` filter (one more than those already set).
    fn bump(&self) -> usize {
        self.parts.numbered_queries("permission") + 1
    }
}

request_builder! {
    /// Updates the current user.
    UpdateCurrentUser { body: CurrentUserUpdate } => json User;
}

body_params!(UpdateCurrentUser {
    /// New display name.
    display_name: String;
    /// New e-mail address.
    email: String;
});

request_builder! {
    /// Changes the current user's password.
    ChangePassword { body: PasswordChange } => empty;

    /// Gets a user.
    GetUser => json User;

    /// Gets a user's settings.
    GetUserSettings => json UserSettings;

    /// Updates a user's settings.
    UpdateUserSettings { body: UserSettings } => empty;
}

impl UpdateUserSettings {
    /// Sets one setting.
    pub fn set(mut self, key: impl Into<String>, value: impl Into<serde_json::Value>) -> Self {
        self.body.insert(key.into(), value.into());
        self
    }
}

request_builder! {
    /// Uploads a user avatar.
    UploadUserAvatar => empty;

    /// Deletes a user avatar.
    DeleteUserAvatar => json NamedLink;

    /// Lists group names.
    ListGroupNames => paged String;
}

query_params!(ListGroupNames {
    /// Only groups whose name contains this text.
    filter("filter"): String;
});
