//! SSH keys of users, GPG keys, project and repository access keys, SSH settings.
//!
//! ```no_run
//! # async fn demo(dc: bitbucket_dc::Client) -> bitbucket_dc::Result<()> {
//! use bitbucket_dc::{Permission, futures::TryStreamExt};
//! let mine: Vec<_> = dc.ssh_keys().list().stream().try_collect().await?;
//! let jdoes: Vec<_> = dc.ssh_keys().list().user("jdoe").stream().try_collect().await?;
//! dc.ssh_keys().add("ssh-ed25519 AAAAC3... ci@example").label("ci").send().await?;
//! dc.project("PRJ")
//!     .repo("web")
//!     .access_keys()
//!     .add("ssh-ed25519 AAAAC3... deploy@example", Permission::RepoRead)
//!     .send()
//!     .await?;
//! dc.gpg_keys().add("-----BEGIN PGP PUBLIC KEY BLOCK-----...").send().await?;
//! # let _ = (mine, jdoes); Ok(()) }
//! ```

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Client;
use crate::common::Project;
use crate::enums::Permission;
use crate::ledger::endpoints;
use crate::params::{body_params, query_params};
use crate::projects::{ProjectHandle, RepoHandle};
use crate::pull_requests::RepoSpec;
use crate::repos::{ProjectKeyRef, Repository};
use crate::request::{Parts, request_builder};
use crate::scope::Scoped;

endpoints! {
    area: KeysAndRestrictions;
    SSH_LIST = Get "/ssh/latest/keys";
    SSH_ADD = Post "/ssh/latest/keys";
    SSH_DELETE_ALL = Delete "/ssh/latest/keys";
    SSH_GET = Get "/ssh/latest/keys/{keyId}";
    SSH_DELETE = Delete "/ssh/latest/keys/{keyId}";
    SSH_SETTINGS = Get "/ssh/latest/settings";
    GPG_LIST = Get "/gpg/latest/keys";
    GPG_ADD = Post "/gpg/latest/keys";
    GPG_DELETE_ALL = Delete "/gpg/latest/keys";
    GPG_DELETE = Delete "/gpg/latest/keys/{fingerprintOrId}";
    PROJECT_LIST = Get "/keys/latest/projects/{projectKey}/ssh";
    PROJECT_ADD = Post "/keys/latest/projects/{projectKey}/ssh";
    PROJECT_GET = Get "/keys/latest/projects/{projectKey}/ssh/{keyId}";
    PROJECT_REVOKE = Delete "/keys/latest/projects/{projectKey}/ssh/{keyId}";
    PROJECT_PERMISSION = Put "/keys/latest/projects/{projectKey}/ssh/{keyId}/permission/{permission}";
    REPO_LIST = Get "/keys/latest/projects/{projectKey}/repos/{repositorySlug}/ssh";
    REPO_ADD = Post "/keys/latest/projects/{projectKey}/repos/{repositorySlug}/ssh";
    REPO_GET = Get "/keys/latest/projects/{projectKey}/repos/{repositorySlug}/ssh/{keyId}";
    REPO_REVOKE = Delete "/keys/latest/projects/{projectKey}/repos/{repositorySlug}/ssh/{keyId}";
    REPO_PERMISSION = Put "/keys/latest/projects/{projectKey}/repos/{repositorySlug}/ssh/{keyId}/permission/{permission}";
    KEY_REVOKE_MANY = Delete "/keys/latest/ssh/{keyId}";
    KEY_PROJECTS = Get "/keys/latest/ssh/{keyId}/projects";
    KEY_REPOS = Get "/keys/latest/ssh/{keyId}/repos";
}

const LIST: Scoped = Scoped::project_repo(PROJECT_LIST, REPO_LIST);
const ADD: Scoped = Scoped::project_repo(PROJECT_ADD, REPO_ADD);
const GET: Scoped = Scoped::project_repo(PROJECT_GET, REPO_GET);
const REVOKE: Scoped = Scoped::project_repo(PROJECT_REVOKE, REPO_REVOKE);
const PERMISSION: Scoped = Scoped::project_repo(PROJECT_PERMISSION, REPO_PERMISSION);

// ---------------------------------------------------------------- models

/// An SSH public key.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SshKey {
    /// Id.
    pub id: Option<i64>,
    /// The public key (`ssh-ed25519 AAAA... comment`).
    pub text: String,
    /// Label (defaults to the key's comment).
    pub label: Option<String>,
    /// Fingerprint.
    pub fingerprint: Option<String>,
    /// Algorithm (`RSA`, `ED25519`, ...).
    pub algorithm_type: Option<String>,
    /// Key size in bits.
    pub bit_length: Option<i64>,
    /// Lifetime in days chosen at creation, counted from `created_date`; `None` means no
    /// expiry. [`expires_at`](Self::expires_at) gives the instant.
    pub expiry_days: Option<i64>,
    /// When it was added.
    #[serde(with = "crate::timestamp::option")]
    pub created_date: Option<DateTime<Utc>>,
    /// Last use.
    #[serde(with = "crate::timestamp::option")]
    pub last_authenticated: Option<DateTime<Utc>>,
    /// Weakness warning (e.g. an unsafe RSA modulus).
    pub warning: Option<String>,
}

impl SshKey {
    /// When the key expires: `created_date` plus `expiry_days` days; `None` when the key never
    /// expires (or has no creation date to count from).
    pub fn expires_at(&self) -> Option<DateTime<Utc>> {
        let secs = self.expiry_days?.checked_mul(86_400)?;
        self.created_date?
            .checked_add_signed(chrono::TimeDelta::try_seconds(secs)?)
    }
}

/// An SSH key with access to a project or repository.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AccessKey {
    /// The key.
    pub key: SshKey,
    /// Permission it grants (`PROJECT_READ`, `REPO_WRITE`, ...).
    pub permission: Option<Permission>,
    /// Project it applies to (project keys).
    pub project: Option<Project>,
    /// Repository it applies to (repository keys).
    pub repository: Option<Repository>,
}

/// A key fingerprint with its algorithm.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Fingerprint {
    /// Hash algorithm.
    pub algorithm: String,
    /// Fingerprint value.
    pub value: String,
}

/// The server's SSH settings.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SshSettings {
    /// Whether SSH access is on.
    pub enabled: Option<bool>,
    /// Whether access keys are allowed.
    pub access_keys_enabled: Option<bool>,
    /// SSH base URL.
    pub base_url: Option<String>,
    /// SSH port.
    pub port: Option<u16>,
    /// Host key fingerprint.
    pub fingerprint: Option<Fingerprint>,
}

/// A GPG sub-key.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct GpgSubKey {
    /// Fingerprint.
    pub fingerprint: String,
    /// Expiry.
    #[serde(with = "crate::timestamp::option")]
    pub expiry_date: Option<DateTime<Utc>>,
}

/// A GPG public key used to verify signed commits.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct GpgKey {
    /// Id.
    pub id: Option<String>,
    /// Fingerprint.
    pub fingerprint: Option<String>,
    /// E-mail address of the key.
    pub email_address: Option<String>,
    /// Expiry.
    #[serde(with = "crate::timestamp::option")]
    pub expiry_date: Option<DateTime<Utc>>,
    /// Armored public key.
    pub text: Option<String>,
    /// Sub-keys.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sub_keys: Vec<GpgSubKey>,
}

/// Body of adding an SSH key: only the fields set are sent.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SshKeyInput {
    /// The public key.
    pub text: String,
    /// Label.
    pub label: Option<String>,
    /// Days until expiry.
    pub expiry_days: Option<u32>,
}

/// Body of adding an access key.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AccessKeyInput {
    /// The key.
    pub key: SshKeyInput,
    /// Permission to grant.
    pub permission: String,
}

/// Body of adding a GPG key.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct GpgKeyInput {
    /// Armored public key.
    pub text: String,
}

/// Body of revoking an access key from a project and/or a repository at once.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RevokeAccessInput {
    /// The project to revoke from.
    pub projects: Option<ProjectKeyRef>,
    /// The repository to revoke from.
    pub repositories: Option<RepoSpec>,
}

// ---------------------------------------------------------------- handles

/// SSH keys of users.
#[derive(Debug, Clone)]
pub struct SshKeys {
    client: bitbucket_core::Client,
}

/// GPG keys of users.
#[derive(Debug, Clone)]
pub struct GpgKeys {
    client: bitbucket_core::Client,
}

/// Access keys of one project or repository: SSH keys granting access to it.
#[derive(Debug, Clone)]
pub struct AccessKeys {
    client: bitbucket_core::Client,
    scope: crate::scope::Scope,
}

/// One SSH key across the projects and repositories it can access.
#[derive(Debug, Clone)]
pub struct AccessKeyUsage {
    client: bitbucket_core::Client,
    key_id: String,
}

impl Client {
    /// SSH keys of users (the caller's by default).
    pub fn ssh_keys(&self) -> SshKeys {
        SshKeys {
            client: self.core().clone(),
        }
    }

    /// GPG keys of users (the caller's by default).
    pub fn gpg_keys(&self) -> GpgKeys {
        GpgKeys {
            client: self.core().clone(),
        }
    }

    /// One SSH key: where it grants access, and revocation from several places.
    pub fn access_key(&self, key_id: i64) -> AccessKeyUsage {
        AccessKeyUsage {
            client: self.core().clone(),
            key_id: key_id.to_string(),
        }
    }
}

impl ProjectHandle {
    /// Access keys of this project.
    pub fn access_keys(&self) -> AccessKeys {
        AccessKeys {
            client: self.client.clone(),
            scope: self.scope(),
        }
    }
}

impl RepoHandle {
    /// Access keys of this repository.
    pub fn access_keys(&self) -> AccessKeys {
        AccessKeys {
            client: self.client.clone(),
            scope: self.scope(),
        }
    }
}

impl SshKeys {
    /// Lists SSH keys (paged; the caller's unless a user is set).
    pub fn list(&self) -> ListSshKeys {
        ListSshKeys::new(Parts::new(&self.client, SSH_LIST))
    }

    /// Adds an SSH key (to the caller unless a user is set).
    pub fn add(&self, text: impl Into<String>) -> AddSshKey {
        AddSshKey::new(
            Parts::new(&self.client, SSH_ADD),
            SshKeyInput {
                text: text.into(),
                ..SshKeyInput::default()
            },
        )
    }

    /// Deletes every SSH key of a user (by name).
    pub fn delete_all(&self, user: impl Into<String>) -> DeleteKeys {
        let mut parts = Parts::new(&self.client, SSH_DELETE_ALL);
        parts.query("user", user.into());
        DeleteKeys::new(parts)
    }

    /// Gets one SSH key.
    pub fn get(&self, key_id: i64) -> GetSshKey {
        GetSshKey::new(Parts::new(&self.client, SSH_GET).param("keyId", key_id.to_string()))
    }

    /// Deletes one SSH key.
    pub fn delete(&self, key_id: i64) -> DeleteKeys {
        DeleteKeys::new(Parts::new(&self.client, SSH_DELETE).param("keyId", key_id.to_string()))
    }

    /// The server's SSH settings.
    pub fn settings(&self) -> GetSshSettings {
        GetSshSettings::new(Parts::new(&self.client, SSH_SETTINGS))
    }
}

impl GpgKeys {
    /// Lists GPG keys (paged; the caller's unless a user is set).
    pub fn list(&self) -> ListGpgKeys {
        ListGpgKeys::new(Parts::new(&self.client, GPG_LIST))
    }

    /// Adds a GPG key (to the caller unless a user is set).
    pub fn add(&self, armored_key: impl Into<String>) -> AddGpgKey {
        AddGpgKey::new(
            Parts::new(&self.client, GPG_ADD),
            GpgKeyInput {
                text: armored_key.into(),
            },
        )
    }

    /// Deletes every GPG key of a user (by name).
    pub fn delete_all(&self, user: impl Into<String>) -> DeleteKeys {
        let mut parts = Parts::new(&self.client, GPG_DELETE_ALL);
        parts.query("user", user.into());
        DeleteKeys::new(parts)
    }

    /// Deletes one GPG key by fingerprint or id.
    pub fn delete(&self, fingerprint_or_id: impl Into<String>) -> DeleteKeys {
        DeleteKeys::new(
            Parts::new(&self.client, GPG_DELETE).param("fingerprintOrId", fingerprint_or_id),
        )
    }
}

impl AccessKeys {
    /// Starts a request on `op`'s endpoint for this scope.
    fn parts(&self, op: Scoped) -> Parts {
        self.scope.parts(&self.client, op)
    }

    /// Lists access keys (paged).
    pub fn list(&self) -> ListAccessKeys {
        ListAccessKeys::new(self.parts(LIST))
    }

    /// Adds an SSH key with a permission (`PROJECT_READ`/`PROJECT_WRITE` or
    /// `REPO_READ`/`REPO_WRITE`).
    pub fn add(&self, text: impl Into<String>, permission: impl Into<Permission>) -> AddAccessKey {
        AddAccessKey::new(
            self.parts(ADD),
            AccessKeyInput {
                key: SshKeyInput {
                    text: text.into(),
                    ..SshKeyInput::default()
                },
                permission: permission.into().to_string(),
            },
        )
    }

    /// Gets one access key.
    pub fn get(&self, key_id: i64) -> GetAccessKey {
        GetAccessKey::new(self.parts(GET).param("keyId", key_id.to_string()))
    }

    /// Revokes an access key here.
    pub fn revoke(&self, key_id: i64) -> DeleteKeys {
        DeleteKeys::new(self.parts(REVOKE).param("keyId", key_id.to_string()))
    }

    /// Changes the permission an access key grants.
    pub fn set_permission(
        &self,
        key_id: i64,
        permission: impl Into<Permission>,
    ) -> SetAccessKeyPermission {
        SetAccessKeyPermission::new(
            self.parts(PERMISSION)
                .param("keyId", key_id.to_string())
                .param("permission", permission.into().to_string()),
        )
    }
}

impl AccessKeyUsage {
    /// Projects the key can access (paged).
    pub fn projects(&self) -> ListAccessKeys {
        ListAccessKeys::new(
            Parts::new(&self.client, KEY_PROJECTS).param("keyId", self.key_id.as_str()),
        )
    }

    /// Repositories the key can access (paged).
    pub fn repos(&self) -> ListKeyRepos {
        ListKeyRepos::new(Parts::new(&self.client, KEY_REPOS).param("keyId", self.key_id.as_str()))
    }

    /// Revokes the key from a project and/or repository in one request.
    pub fn revoke(&self) -> RevokeAccessKey {
        RevokeAccessKey::new(
            Parts::new(&self.client, KEY_REVOKE_MANY).param("keyId", self.key_id.as_str()),
            RevokeAccessInput::default(),
        )
    }
}

// ---------------------------------------------------------------- builders

request_builder! {
    /// Lists SSH keys (paged).
    ListSshKeys => paged SshKey;
}

query_params!(ListSshKeys {
    /// Whose keys (user name; administrators may list anyone's).
    user("user"): String;
    /// Whose keys, by user name (older parameter).
    user_name("userName"): String;
});

request_builder! {
    /// Adds an SSH key.
    AddSshKey { body: SshKeyInput } => json SshKey;
}

body_params!(AddSshKey {
    /// Label.
    label: String;
    /// Days until expiry.
    expiry_days: u32;
});

query_params!(AddSshKey {
    /// Add the key to this user (administrators).
    user("user"): String;
});

request_builder! {
    /// Gets an SSH key.
    GetSshKey => json SshKey;

    /// Deletes keys.
    DeleteKeys => empty;

    /// Gets SSH settings.
    GetSshSettings => json SshSettings;

    /// Lists GPG keys (paged).
    ListGpgKeys => paged GpgKey;
}

query_params!(ListGpgKeys {
    /// Whose keys (user name).
    user("user"): String;
});

request_builder! {
    /// Adds a GPG key.
    AddGpgKey { body: GpgKeyInput } => json GpgKey;
}

query_params!(AddGpgKey {
    /// Add the key to this user (administrators).
    user("user"): String;
});

request_builder! {
    /// Lists access keys (paged).
    ListAccessKeys => paged AccessKey;
}

query_params!(ListAccessKeys {
    /// Only keys whose label contains this text.
    filter("filter"): String;
    /// Only keys granting this permission.
    permission("permission"): Permission;
    /// Only keys granting at least this permission (repositories).
    minimum_permission("minimumPermission"): Permission;
    /// Include keys inherited from the project (repositories).
    effective("effective"): bool;
});

request_builder! {
    /// Lists repositories an SSH key can access (paged).
    ListKeyRepos => paged AccessKey;
}

query_params!(ListKeyRepos {
    /// Include branch-permission exemptions.
    with_restrictions("withRestrictions"): bool;
});

request_builder! {
    /// Adds an access key.
    AddAccessKey { body: AccessKeyInput } => json AccessKey;
}

impl AddAccessKey {
    /// Label of the key.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.body.key.label = Some(label.into());
        self
    }
}

request_builder! {
    /// Gets an access key.
    GetAccessKey => json AccessKey;

    /// Changes an access key's permission.
    SetAccessKeyPermission => json AccessKey;

    /// Revokes an SSH key from a project and/or repository.
    RevokeAccessKey { body: RevokeAccessInput } => empty;
}

impl RevokeAccessKey {
    /// Revoke from this project.
    pub fn project(mut self, project_key: impl Into<String>) -> Self {
        self.body.projects = Some(ProjectKeyRef {
            key: project_key.into(),
        });
        self
    }

    /// Revoke from this repository.
    pub fn repo(mut self, project_key: impl Into<String>, repo_slug: impl Into<String>) -> Self {
        self.body.repositories = Some(RepoSpec {
            slug: repo_slug.into(),
            project: ProjectKeyRef {
                key: project_key.into(),
            },
        });
        self
    }
}
