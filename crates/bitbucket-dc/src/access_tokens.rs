//! HTTP access tokens of users, projects and repositories, reached from the owner's handle:
//! `dc.user(slug).access_tokens()`, `dc.project(key).access_tokens()` and
//! `dc.project(key).repo(slug).access_tokens()` offer the same operations.
//!
//! This module is the reference for the crate's pattern: an `endpoints!` ledger block, one
//! scoped handler hanging off the user, project and repository handles, request builders
//! declared with `request_builder!`, and tolerant models.
//!
//! ```no_run
//! # async fn demo(dc: bitbucket_dc::Client) -> bitbucket_dc::Result<()> {
//! use bitbucket_dc::{Permission, futures::TryStreamExt};
//! let tokens: Vec<_> = dc.user("jdoe").access_tokens().list().stream().try_collect().await?;
//! let created = dc
//!     .project("PRJ")
//!     .repo("web")
//!     .access_tokens()
//!     .create("ci", [Permission::RepoRead])
//!     .expiry_days(90)
//!     .send()
//!     .await?;
//! println!("{} tokens; new one {} = {}", tokens.len(), created.token.id, created.secret.expose());
//! # Ok(()) }
//! ```

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::common::User;
use crate::enums::Permission;
use crate::ledger::endpoints;
use crate::projects::{ProjectHandle, RepoHandle};
use crate::request::{Parts, request_builder};
use crate::scope::{Scope, Scoped};
use crate::users::UserHandle;

endpoints! {
    area: AccessTokens;
    USER_LIST = Get "/access-tokens/latest/users/{userSlug}";
    USER_CREATE = Put "/access-tokens/latest/users/{userSlug}";
    USER_GET = Get "/access-tokens/latest/users/{userSlug}/{tokenId}";
    USER_UPDATE = Post "/access-tokens/latest/users/{userSlug}/{tokenId}";
    USER_DELETE = Delete "/access-tokens/latest/users/{userSlug}/{tokenId}";
    PROJECT_LIST = Get "/access-tokens/latest/projects/{projectKey}";
    PROJECT_CREATE = Put "/access-tokens/latest/projects/{projectKey}";
    PROJECT_GET = Get "/access-tokens/latest/projects/{projectKey}/{tokenId}";
    PROJECT_UPDATE = Post "/access-tokens/latest/projects/{projectKey}/{tokenId}";
    PROJECT_DELETE = Delete "/access-tokens/latest/projects/{projectKey}/{tokenId}";
    REPO_LIST = Get "/access-tokens/latest/projects/{projectKey}/repos/{repositorySlug}";
    REPO_CREATE = Put "/access-tokens/latest/projects/{projectKey}/repos/{repositorySlug}";
    REPO_GET = Get "/access-tokens/latest/projects/{projectKey}/repos/{repositorySlug}/{tokenId}";
    REPO_UPDATE = Post "/access-tokens/latest/projects/{projectKey}/repos/{repositorySlug}/{tokenId}";
    REPO_DELETE = Delete "/access-tokens/latest/projects/{projectKey}/repos/{repositorySlug}/{tokenId}";
}

const LIST: Scoped = Scoped::user_project_repo(USER_LIST, PROJECT_LIST, REPO_LIST);
const GET: Scoped = Scoped::user_project_repo(USER_GET, PROJECT_GET, REPO_GET);
const CREATE: Scoped = Scoped::user_project_repo(USER_CREATE, PROJECT_CREATE, REPO_CREATE);
const UPDATE: Scoped = Scoped::user_project_repo(USER_UPDATE, PROJECT_UPDATE, REPO_UPDATE);
const DELETE: Scoped = Scoped::user_project_repo(USER_DELETE, PROJECT_DELETE, REPO_DELETE);

/// An HTTP access token (without its secret value).
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AccessToken {
    /// Token id (used in paths).
    pub id: String,
    /// Name given at creation.
    pub name: Option<String>,
    /// Permissions the token grants (e.g. `REPO_READ`, `PROJECT_ADMIN`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub permissions: Vec<Permission>,
    /// When it was created.
    #[serde(with = "crate::timestamp::option")]
    pub created_date: Option<DateTime<Utc>>,
    /// Expiry instant, when the server sends `expiryDate`. Many servers send only
    /// `expiry_days`, so `None` here does not mean "never": read [`expires_at`](Self::expires_at).
    #[serde(with = "crate::timestamp::option")]
    pub expiry_date: Option<DateTime<Utc>>,
    /// Lifetime in days chosen at creation, counted from `created_date`, when the server sends
    /// `expiryDays`. `None` alone does not mean "never" (the server may send `expiry_date`
    /// instead): read [`expires_at`](Self::expires_at).
    pub expiry_days: Option<u32>,
    /// Last time it was used.
    #[serde(with = "crate::timestamp::option")]
    pub last_authenticated: Option<DateTime<Utc>>,
    /// The user the token acts as (a service user for project and repository tokens).
    pub user: Option<User>,
}

impl AccessToken {
    /// When the token stops working, whichever way the server says it: `expiryDate` if sent,
    /// else `created_date` plus `expiryDays` days. `None` means the token never expires (or,
    /// rarely, that the server sent `expiryDays` without a `createdDate` to count from).
    pub fn expires_at(&self) -> Option<DateTime<Utc>> {
        self.expiry_date.or_else(|| {
            let days = chrono::TimeDelta::try_days(i64::from(self.expiry_days?))?;
            self.created_date?.checked_add_signed(days)
        })
    }

    /// Whether the token expires at or before `now + within`; tokens already expired count,
    /// tokens that never expire do not.
    pub fn expires_within(&self, now: DateTime<Utc>, within: chrono::TimeDelta) -> bool {
        self.expires_at().is_some_and(|at| at <= now + within)
    }
}

/// A newly created token: its details plus the secret, shown only once.
///
/// `Debug` redacts the secret.
#[derive(Debug, Clone, PartialEq)]
pub struct CreatedAccessToken {
    /// The token's details.
    pub token: AccessToken,
    /// The secret value to use as `Credentials::bearer(...)`.
    pub secret: bitbucket_core::Secret,
}

impl<'de> Deserialize<'de> for CreatedAccessToken {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[macro_rules_attribute::apply(crate::tolerant::model!)]
        #[derive(Deserialize)]
        struct Wire {
            #[serde(flatten)]
            details: AccessToken,
            #[serde(default)]
            token: Option<String>,
        }
        let w = Wire::deserialize(d)?;
        Ok(CreatedAccessToken {
            token: w.details,
            secret: bitbucket_core::Secret::new(w.token.unwrap_or_default()),
        })
    }
}

/// Body of token creation and update: only the fields set are sent.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessTokenRequest {
    /// Token name.
    pub name: Option<String>,
    /// Permissions to grant (creation requires at least one).
    pub permissions: Option<Vec<Permission>>,
    /// Days until expiry.
    pub expiry_days: Option<u32>,
}

/// HTTP access tokens of one user, project or repository: `dc.user(slug).access_tokens()`,
/// `dc.project(key).access_tokens()`, `dc.project(key).repo(slug).access_tokens()`.
#[derive(Debug, Clone)]
pub struct AccessTokens {
    client: bitbucket_core::Client,
    scope: Scope,
}

impl UserHandle {
    /// The user's personal HTTP access tokens.
    pub fn access_tokens(&self) -> AccessTokens {
        AccessTokens {
            client: self.client.clone(),
            scope: Scope::User(self.slug.clone()),
        }
    }
}

impl ProjectHandle {
    /// HTTP access tokens of the project.
    pub fn access_tokens(&self) -> AccessTokens {
        AccessTokens {
            client: self.client.clone(),
            scope: self.scope(),
        }
    }
}

impl RepoHandle {
    /// HTTP access tokens of the repository.
    pub fn access_tokens(&self) -> AccessTokens {
        AccessTokens {
            client: self.client.clone(),
            scope: self.scope(),
        }
    }
}

impl AccessTokens {
    /// Starts a request on `op`'s endpoint for this scope.
    fn parts(&self, op: Scoped) -> Parts {
        self.scope.parts(&self.client, op)
    }

    /// Lists the tokens.
    pub fn list(&self) -> ListAccessTokens {
        ListAccessTokens::new(self.parts(LIST))
    }

    /// Gets one token.
    pub fn get(&self, token_id: impl Into<String>) -> GetAccessToken {
        GetAccessToken::new(self.parts(GET).param("tokenId", token_id))
    }

    /// Creates a token with a name and permissions; the answer carries the secret.
    pub fn create(
        &self,
        name: impl Into<String>,
        permissions: impl IntoIterator<Item = Permission>,
    ) -> CreateAccessToken {
        CreateAccessToken::new(
            self.parts(CREATE),
            AccessTokenRequest {
                name: Some(name.into()),
                permissions: Some(permissions.into_iter().collect()),
                expiry_days: None,
            },
        )
    }

    /// Changes a token's name or permissions (only the fields set are sent).
    pub fn update(&self, token_id: impl Into<String>) -> UpdateAccessToken {
        UpdateAccessToken::new(
            self.parts(UPDATE).param("tokenId", token_id),
            AccessTokenRequest::default(),
        )
    }

    /// Revokes a token.
    pub fn delete(&self, token_id: impl Into<String>) -> DeleteAccessToken {
        DeleteAccessToken::new(self.parts(DELETE).param("tokenId", token_id))
    }
}

request_builder! {
    /// Lists access tokens (paged).
    ListAccessTokens => paged AccessToken;

    /// Gets one access token.
    GetAccessToken => json AccessToken;

    /// Creates an access token.
    CreateAccessToken { body: AccessTokenRequest } => json CreatedAccessToken;
}

impl CreateAccessToken {
    /// Days until the token expires.
    pub fn expiry_days(mut self, days: u32) -> Self {
        self.body.expiry_days = Some(days);
        self
    }
}

request_builder! {
    /// Updates an access token.
    UpdateAccessToken { body: AccessTokenRequest } => json AccessToken;
}

impl UpdateAccessToken {
    /// New name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.body.name = Some(name.into());
        self
    }

    /// New permissions (replaces the old set).
    pub fn permissions(mut self, permissions: impl IntoIterator<Item = Permission>) -> Self {
        self.body.permissions = Some(permissions.into_iter().collect());
        self
    }
}

request_builder! {
    /// Revokes an access token.
    DeleteAccessToken => empty;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn created_token_keeps_secret_out_of_debug() {
        let t: CreatedAccessToken = serde_json::from_str(
            r#"{"id":"252973515069","name":"ci","createdDate":1700000000000,
                "permissions":["REPO_READ"],"token":"MDM5s3cr3t"}"#,
        )
        .unwrap();
        assert_eq!(t.secret.expose(), "MDM5s3cr3t");
        assert_eq!(t.token.permissions, vec![Permission::RepoRead]);
        assert!(!format!("{t:?}").contains("MDM5s3cr3t"));
    }

    fn token(json: &str) -> AccessToken {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn expires_at_reads_either_wire_shape() {
        let created = crate::timestamp::from_millis(1_700_000_000_000).unwrap();
        let in_90_days = created + chrono::TimeDelta::days(90);
        let days = token(r#"{"id":"1","createdDate":1700000000000,"expiryDays":90}"#);
        assert_eq!(days.expires_at(), Some(in_90_days));
        let date = token(r#"{"id":"2","createdDate":1700000000000,"expiryDate":1707776000000}"#);
        assert_eq!(date.expires_at(), Some(in_90_days));
        // Both: the explicit date wins over the day count.
        let both = token(
            r#"{"id":"3","createdDate":1700000000000,"expiryDays":30,"expiryDate":1707776000000}"#,
        );
        assert_eq!(both.expires_at(), Some(in_90_days));
        let never = token(r#"{"id":"4","createdDate":1700000000000}"#);
        assert_eq!(never.expires_at(), None);
        let uncountable = token(r#"{"id":"5","expiryDays":30}"#);
        assert_eq!(uncountable.expires_at(), None);

        let month = chrono::TimeDelta::days(30);
        assert!(days.expires_within(in_90_days - month, month));
        assert!(!days.expires_within(in_90_days - month - chrono::TimeDelta::seconds(1), month));
        assert!(
            days.expires_within(in_90_days + month, month),
            "expired counts"
        );
        assert!(!never.expires_within(created, month));
    }
}
