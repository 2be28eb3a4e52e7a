//! Users of a directory: `GET|POST /Users`, `GET|PUT|PATCH|DELETE /Users/{id}`.
//!
//! Deactivating (`active = false`) stops the account in every Atlassian product of the
//! organization and can be undone by activating it again; deleting removes the directory record
//! (and deactivates a managed account) and is undone only by provisioning the user anew.
//!
//! ```no_run
//! # async fn demo(scim: bitbucket_scim::Client) -> bitbucket_core::Result<()> {
//! use bitbucket_scim::Filter;
//! use futures::TryStreamExt;
//! let jo = scim.users().find_by_email("jo@example.com").await?;
//! if let Some(id) = jo.as_ref().and_then(|u| u.id.clone()) {
//!     scim.users().deactivate(&id).await?;
//! }
//! let inactive: Vec<_> = scim
//!     .users()
//!     .list()
//!     .page_size(100)
//!     .stream()
//!     .try_filter(|u| std::future::ready(u.active == Some(false)))
//!     .try_collect()
//!     .await?;
//! # let _ = inactive; Ok(()) }
//! ```

use futures::TryStreamExt;
use reqwest::Method;

use crate::Client;
use crate::filter::Filter;
use crate::models::{PatchRequest, User};
use crate::request::{Parts, scim_builder};

/// Entry point for a directory's users.
#[derive(Debug, Clone)]
pub struct Users {
    client: Client,
}

scim_builder! {
    /// Lists users (paged), optionally filtered.
    ListUsers => paged User
}
scim_builder! {
    /// Gets one user by the directory's id.
    GetUser => json User
}
scim_builder! {
    /// Creates a user; an existing user name is a 409 with `scimType` `uniqueness`.
    CreateUser => json User
}
scim_builder! {
    /// Replaces a user's attributes; attributes left out are cleared.
    ReplaceUser => json User
}
scim_builder! {
    /// Changes some attributes of a user. Answers the user when the server sends it back
    /// (RFC 7644 also allows an empty 204).
    PatchUser => json Option<User>
}
scim_builder! {
    /// Deletes a user's directory record.
    DeleteUser => empty
}

impl Users {
    pub(crate) fn new(client: Client) -> Self {
        Users { client }
    }

    /// Lists the users (`GET /Users`).
    pub fn list(&self) -> ListUsers {
        ListUsers::new(Parts::new(&self.client, Method::GET, &["Users"]))
    }

    /// One user by the directory's id (`GET /Users/{id}`).
    pub fn get(&self, id: &str) -> GetUser {
        GetUser::new(Parts::new(&self.client, Method::GET, &["Users", id]))
    }

    /// Creates a user (`POST /Users`).
    pub fn create(&self, user: &User) -> CreateUser {
        CreateUser::new(Parts::new(&self.client, Method::POST, &["Users"])).with_body(user)
    }

    /// Replaces a user (`PUT /Users/{id}`).
    pub fn replace(&self, id: &str, user: &User) -> ReplaceUser {
        ReplaceUser::new(Parts::new(&self.client, Method::PUT, &["Users", id])).with_body(user)
    }

    /// Applies PATCH operations to a user (`PATCH /Users/{id}`).
    pub fn patch(&self, id: &str, patch: &PatchRequest) -> PatchUser {
        PatchUser::new(Parts::new(&self.client, Method::PATCH, &["Users", id])).with_body(patch)
    }

    /// Deactivates a user: a PATCH replacing `active` with `false`. The account stops working
    /// in every Atlassian product of the organization, not only Bitbucket.
    pub fn deactivate(&self, id: &str) -> PatchUser {
        self.patch(id, &PatchRequest::replace("active", false.into()))
    }

    /// Activates a deactivated user again.
    pub fn activate(&self, id: &str) -> PatchUser {
        self.patch(id, &PatchRequest::replace("active", true.into()))
    }

    /// Deletes a user's directory record (`DELETE /Users/{id}`).
    pub fn delete(&self, id: &str) -> DeleteUser {
        DeleteUser::new(Parts::new(&self.client, Method::DELETE, &["Users", id]))
    }

    /// Finds the user with this email address.
    ///
    /// Atlassian filters users only on `userName` and `externalId`, so this asks
    /// `userName eq "<email>"` first (identity providers usually make the email the user name)
    /// and, when nothing matches, pages through the directory comparing every user's emails
    /// (ASCII case-insensitive).
    pub async fn find_by_email(&self, email: &str) -> bitbucket_core::Result<Option<User>> {
        let email = email.trim();
        if email.is_empty() {
            return Err(bitbucket_core::Error::InvalidInput {
                message: "an email address is required".to_owned(),
            });
        }
        let by_name = self
            .list()
            .filter(Filter::user_name(email))
            .page_size(10)
            .stream()
            .try_filter(|u| std::future::ready(u.has_email(email)));
        futures::pin_mut!(by_name);
        if let Some(user) = by_name.try_next().await? {
            return Ok(Some(user));
        }
        let all = self
            .list()
            .page_size(100)
            .stream()
            .try_filter(|u| std::future::ready(u.has_email(email)));
        futures::pin_mut!(all);
        all.try_next().await
    }
}

impl ListUsers {
    /// Only users matching the filter (Atlassian supports `userName` and `externalId`
    /// exact matches).
    pub fn filter(mut self, filter: Filter) -> Self {
        match filter.check() {
            Ok(()) => self.parts.set_query("filter", filter.to_string()),
            Err(e) => self.invalid = Some(e.to_string()),
        }
        self
    }
}
