//! A fake Bitbucket Cloud and Data Center server for tests, demos and benchmarks.
//!
//! [`Server`] runs in-process on `127.0.0.1` (axum on the current tokio runtime) and
//! emulates the endpoints the SDK's examples use, with seeded, deterministic data, real
//! pagination, credential checks and stateful writes. Knobs add per-request latency, Cloud
//! rate limiting (429 without `Retry-After`), 429 bursts and seeded 5xx faults.
//!
//! The crate shares no code or types with the SDK: it is an independent reading of the
//! API, so tests against it check the SDK rather than the SDK against itself.
//!
//! # Endpoints
//!
//! Data Center (`{v}` is `latest` or `1.0`; pages use `start`/`limit`, limit capped at 1000):
//! - `GET /rest/api/{v}/application-properties`
//! - `GET /rest/api/{v}/admin/users` (admin only; `filter`)
//! - `GET /rest/api/{v}/users` (`filter`), `GET /rest/api/{v}/users/{slug}`
//! - `GET|PUT /rest/access-tokens/{v}/users/{slug}`
//! - `GET|DELETE /rest/access-tokens/{v}/users/{slug}/{tokenId}`
//! - `GET /rest/api/{v}/projects`, `GET /rest/api/{v}/projects/{key}`
//! - `GET /rest/api/{v}/projects/{key}/repos`, `GET /rest/api/{v}/projects/{key}/repos/{slug}`
//!
//! Cloud (pages use `page`/`pagelen`, pagelen capped at 100, absolute `next` links):
//! - `GET /2.0/user` (the admin account)
//! - `GET /2.0/workspaces/{ws}/members`, `GET /2.0/workspaces/{ws}/members/{member}`
//! - `GET /2.0/repositories/{ws}`, `GET /2.0/repositories/{ws}/{repo}`,
//!   `GET /2.0/workspaces/{ws}/projects`
//! - `GET /2.0/repositories/{ws}/{repo}/downloads/{file}` (302 to `/storage/...`, which
//!   needs no credentials; files come from [`ServerBuilder::cloud_download`])
//! - `GET /2.0/repositories/{ws}/{repo}/permissions-config/users`
//! - `GET|PUT|DELETE /2.0/repositories/{ws}/{repo}/permissions-config/users/{user}`
//! - `GET /2.0/workspaces/{ws}/projects/{key}/permissions-config/users`
//! - `GET|PUT|DELETE /2.0/workspaces/{ws}/projects/{key}/permissions-config/users/{user}`
//!
//! Atlassian SCIM user provisioning (`/scim/directory/{dir}`, Bearer
//! [`ServerBuilder::scim_directory`]'s key; SCIM error bodies with `status`, `detail`,
//! `scimType`):
//! - `GET|POST /scim/directory/{dir}/Users` (`startIndex`/`count` paging, 1-based, at most 100
//!   a page; `filter` of `userName eq "..."` (case-insensitive) or `externalId eq "..."`, other
//!   filters get 400 `invalidFilter`, as Atlassian documents)
//! - `GET|PATCH|DELETE /scim/directory/{dir}/Users/{id}` (PATCH sets `active`)
//! - `GET /scim/directory/{dir}/ServiceProviderConfig`
//!
//! # Seeded data
//!
//! Everything derives from [`ServerBuilder::seed`] (default 42); the same seed gives the
//! same data, byte for byte apart from links, which carry the server's address.
//! - DC users `user0001`..`userNNNN` (name = slug, display name `User 0001`, e-mail
//!   `user0001@example.com`, id = number; zero-padded to at least 4 digits), then any
//!   [`ServerBuilder::dc_named_user`] with name = slug = the given string. About 2% are
//!   inactive and 1 in 8 never logged in.
//! - Each DC user has a seeded number of tokens from [`ServerBuilder::tokens_per_user`]:
//!   ids are 12-digit strings `100000000000 + user_id * 1000 + k` (so sorting ids as text
//!   sorts them numerically), names such as `ci-deploy 1` or `deploy, staging 2`,
//!   `lastAuthenticated` absent for about 1 in 4, no expiry for about 1 in 3 (the others
//!   live 30, 90, 180 or 365 days). Answers say when a token expires with `expiryDays`,
//!   `expiryDate` or both ([`ServerBuilder::token_expiry`]; [`DcToken::expiry_date`] is the
//!   instant). Tokens created through `PUT` get ids from `900000000000` up.
//! - Dates sit in the 665 days before the server's clock ([`ServerBuilder::now_ms`], default
//!   [`DEFAULT_NOW_MS`] so the data never changes; [`ServerBuilder::system_clock`] makes them
//!   relative to today, so some tokens expire within the next 30 days).
//! - DC projects from [`ServerBuilder::dc_project`]: repositories `repo-0001`..., ids
//!   unique across projects, about 1 in 5 public ([`DcProject`], [`Server::dc_projects`]).
//! - Cloud workspaces: members `Member 0001` (nickname `member0001`, account id
//!   `557058:{ws:08x}-0000-4000-8000-{n:012x}`, uuid `{{ws:08x}-0000-4000-a000-{n:012x}}`
//!   where `ws` is the workspace's position, from 1), repositories `repo-0001`..., projects
//!   `P001`... with repositories spread round-robin, and explicit user permissions drawn
//!   per repository and project ([`WorkspaceSpec`]).
//! - The SCIM directory: one user per member of each workspace, linked by account id
//!   ([`ScimUser`]): email `member0001.acme@example.com`, user name the email except for every
//!   fourth member (`member0004.acme`), external id `ext-member0001.acme`, all active.
//!
//! [`Server::dc_users`], [`Server::dc_user_tokens`], [`Server::cloud_members`],
//! [`Server::cloud_repos`], [`Server::cloud_projects`] and [`Server::cloud_permissions`]
//! return the current state for assertions.
//!
//! # Webhooks
//!
//! [`Server::webhooks`] registers receiver URLs (with an optional secret) and POSTs signed
//! events to them for the fake's own writes, plus any body given to [`Webhooks::send`]; see
//! [`Webhooks`] for headers and event keys.
//!
//! # Credentials
//!
//! Both APIs accept Basic with [`Server::admin_credentials`], Basic with the admin user
//! and [`Server::admin_token`], and `Bearer` with the admin token. Data Center also
//! accepts each user's own token secrets ([`DcToken::secret`]) as `Bearer` or as Basic
//! password with the user's name. Anything else gets 401 with the API's error body and a
//! `WWW-Authenticate` header.
//!
//! As on a real Data Center, HTTP access tokens sent as `Bearer` (the admin token included)
//! are refused with 401 on administrative endpoints (`/rest/api/{v}/admin/...` and other
//! users' `/rest/access-tokens/...`): use Basic with the admin password or an OAuth token.
//! [`ServerBuilder::captcha_after`] locks a user behind a CAPTCHA after repeated failed Basic
//! logins (401 with `X-Authentication-Denied-Reason`).
//!
//! OAuth 2 ([`ServerBuilder::oauth_client`]): Cloud's `POST /site/oauth2/access_token`
//! (client credentials, authorization code, refresh) and Data Center's
//! `POST /rest/oauth2/latest/token` (authorization code with optional PKCE, refresh), with
//! `GET .../authorize` endpoints that consent at once and redirect with a code. Access tokens
//! live [`ServerBuilder::oauth_token_lifetime`] and get 401 once expired; each refresh rotates
//! the refresh token; [`Server::oauth_stats`] counts token requests.
//!
//! # Example
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let server = bitbucket_fake::Server::builder()
//!     .dc_users(30)
//!     .cloud_workspace("acme", 5, 12)
//!     .start()
//!     .await?;
//! let (user, password) = server.admin_credentials();
//! # let _ = rustls::crypto::ring::default_provider().install_default();
//! let http = reqwest::Client::new();
//!
//! let page: serde_json::Value = http
//!     .get(format!("{}/rest/api/latest/admin/users?limit=25", server.url()))
//!     .basic_auth(&user, Some(&password))
//!     .send()
//!     .await?
//!     .json()
//!     .await?;
//! assert_eq!(page["values"][0]["slug"], "user0001");
//! assert_eq!(page["nextPageStart"], 25);
//!
//! let repos: serde_json::Value = http
//!     .get(format!("{}/2.0/repositories/acme?pagelen=10", server.url()))
//!     .bearer_auth(server.admin_token())
//!     .send()
//!     .await?
//!     .json()
//!     .await?;
//! assert_eq!(repos["size"], 12);
//! assert_eq!(repos["next"], format!("{}/2.0/repositories/acme?pagelen=10&page=2", server.url()));
//! assert_eq!(server.request_count(), 2);
//! # Ok(())
//! # }
//! ```

// Handlers return `Result<_, Response>` to short-circuit with an error reply; the reply is
// built once per request, so boxing it would buy nothing.
#![allow(clippy::result_large_err)]

mod cloud;
mod dc;
mod dc_repos;
mod http;
mod model;
mod oauth;
mod rng;
mod routes;
mod scim;
mod server;
mod webhooks;

pub use http::RateLimitBody;
pub use model::{
    CloudMember, CloudPermission, CloudProject, CloudRepo, DcProject, DcRepo, DcToken, DcUser,
    PermissionTarget, WorkspaceSpec,
};
pub use model::{DEFAULT_NOW_MS, TokenExpiry};
pub use oauth::OAuthStats;
pub use scim::{DEFAULT_SCIM_DIRECTORY, DEFAULT_SCIM_KEY, ScimUser};
pub use server::{
    DEFAULT_ADMIN_PASSWORD, DEFAULT_ADMIN_TOKEN, DEFAULT_ADMIN_USER, Server, ServerBuilder, Stats,
};
pub use webhooks::{WebhookApi, WebhookDelivery, Webhooks};
