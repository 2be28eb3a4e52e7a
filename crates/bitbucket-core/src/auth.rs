//! Credentials: which token goes in which header, and a redacting [`Secret`].
//!
//! Bitbucket accepts several schemes and the right one depends on the token a user holds:
//!
//! | You hold | Constructor | Header |
//! |---|---|---|
//! | Atlassian API token (Cloud) | [`Credentials::api_token`] | `Basic` email:token |
//! | Cloud repository/project/workspace access token, OAuth 2 access token | [`Credentials::bearer`] | `Bearer` |
//! | OAuth 2 client (Cloud consumer, Data Center incoming link) | [`crate::oauth2::OAuth2`] as a provider | `Bearer`, refreshed |
//! | Data Center user + password | [`Credentials::basic`] | `Basic` |
//! | Data Center HTTP access token | [`Credentials::bearer`] (or [`Credentials::basic`] with the user name) | `Bearer` |
//! | Cloud `api_key` scheme | [`Credentials::api_key`] | `Authorization` verbatim |
//!
//! Cloud app passwords stopped working on 2026-07-28; [`Credentials::app_password`] is kept
//! only so old code compiles and gets a 401 hint that says so.
//!
//! ```
//! use bitbucket_core::Credentials;
//! let creds = Credentials::api_token("me@example.com", "canary-secret");
//! assert_eq!(creds.scheme(), "Basic");
//! assert!(!format!("{creds:?}").contains("canary-secret"));
//! ```

use std::fmt;

use async_trait::async_trait;
use base64::Engine as _;
use reqwest::header::{AUTHORIZATION, HeaderName, HeaderValue};

use crate::error::Error;
use crate::transport::Api;

/// A secret string whose `Debug` and `Display` print a redaction instead of the value.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// Returns the secret itself; call only where the value must be sent.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

/// What a request authenticates with. Pick the constructor named after the token you hold.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Credentials {
    /// No credentials: public resources only.
    #[default]
    Anonymous,
    /// HTTP Basic: a user name (or account email) and a password or token.
    Basic {
        /// User name, or the Atlassian account email for API tokens.
        username: String,
        /// Password, app password or token.
        password: Secret,
        /// Which kind of secret this is, used in error hints.
        kind: BasicKind,
    },
    /// `Authorization: Bearer <token>`.
    Bearer {
        /// The token.
        token: Secret,
    },
    /// A secret sent verbatim in a named header (the Cloud spec's `api_key` scheme).
    ApiKey {
        /// Header name; `Authorization` for Bitbucket Cloud.
        header: HeaderName,
        /// The header value, sent as is.
        value: Secret,
    },
}

/// The kind of secret inside [`Credentials::Basic`], kept for clearer 401 hints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BasicKind {
    /// A user's password (Data Center) or Cloud app password.
    Password,
    /// A Cloud app password (deprecated by Atlassian in favour of API tokens).
    AppPassword,
    /// An Atlassian API token used with the account email.
    ApiToken,
    /// A Data Center HTTP access token used with the user name.
    AccessToken,
}

impl Credentials {
    /// No credentials.
    pub fn anonymous() -> Self {
        Self::Anonymous
    }

    /// Basic auth with a user name and password (Data Center).
    pub fn basic(username: impl Into<String>, password: impl Into<Secret>) -> Self {
        Self::Basic {
            username: username.into(),
            password: password.into(),
            kind: BasicKind::Password,
        }
    }

    /// Basic auth with a Cloud user name and app password. Bitbucket Cloud answers 401 to every
    /// app password since 2026-07-28; use [`Credentials::api_token`].
    #[deprecated(
        note = "Bitbucket Cloud app passwords stopped working on 2026-07-28; use \
                Credentials::api_token with the Atlassian account email"
    )]
    pub fn app_password(username: impl Into<String>, app_password: impl Into<Secret>) -> Self {
        Self::Basic {
            username: username.into(),
            password: app_password.into(),
            kind: BasicKind::AppPassword,
        }
    }

    /// Basic auth with an Atlassian account email and API token (Cloud).
    pub fn api_token(email: impl Into<String>, token: impl Into<Secret>) -> Self {
        Self::Basic {
            username: email.into(),
            password: token.into(),
            kind: BasicKind::ApiToken,
        }
    }

    /// Basic auth with a Data Center user name and HTTP access token.
    pub fn basic_access_token(username: impl Into<String>, token: impl Into<Secret>) -> Self {
        Self::Basic {
            username: username.into(),
            password: token.into(),
            kind: BasicKind::AccessToken,
        }
    }

    /// Bearer token: OAuth 2 access token, Cloud repository/project/workspace access token,
    /// or Data Center HTTP access token.
    pub fn bearer(token: impl Into<Secret>) -> Self {
        Self::Bearer {
            token: token.into(),
        }
    }

    /// The Cloud `api_key` scheme: the value is sent verbatim in `Authorization`.
    pub fn api_key(value: impl Into<Secret>) -> Self {
        Self::ApiKey {
            header: AUTHORIZATION,
            value: value.into(),
        }
    }

    /// A secret sent verbatim in a custom header.
    pub fn api_key_in_header(header: HeaderName, value: impl Into<Secret>) -> Self {
        Self::ApiKey {
            header,
            value: value.into(),
        }
    }

    /// The scheme name used in errors and logs: `Basic`, `Bearer`, `ApiKey` or `none`.
    pub fn scheme(&self) -> &'static str {
        match self {
            Self::Anonymous => "none",
            Self::Basic { .. } => "Basic",
            Self::Bearer { .. } => "Bearer",
            Self::ApiKey { .. } => "ApiKey",
        }
    }

    /// The header to attach, marked sensitive; `None` for anonymous access.
    pub fn header(&self) -> Result<Option<(HeaderName, HeaderValue)>, Error> {
        let (name, value) = match self {
            Self::Anonymous => return Ok(None),
            Self::Basic {
                username, password, ..
            } => {
                let raw = format!("{username}:{}", password.expose());
                let encoded = base64::engine::general_purpose::STANDARD.encode(raw);
                (AUTHORIZATION, format!("Basic {encoded}"))
            }
            Self::Bearer { token } => (AUTHORIZATION, format!("Bearer {}", token.expose())),
            Self::ApiKey { header, value } => (header.clone(), value.expose().to_owned()),
        };
        let mut value = HeaderValue::from_str(&value).map_err(|_| Error::InvalidInput {
            message: format!(
                "{} credentials contain characters not allowed in an HTTP header",
                self.scheme()
            ),
        })?;
        value.set_sensitive(true);
        Ok(Some((name, value)))
    }

    /// A hint on which scheme fits which token, shown with 401 errors, for a client whose API
    /// is unknown (it names both Cloud and Data Center tokens). See [`Credentials::hint_for`].
    pub fn hint(&self) -> String {
        self.hint_for(None)
    }

    /// The 401 hint for a client of `api`: it names only that API's tokens, so a Data Center
    /// hint never suggests Cloud workspace tokens and a Cloud hint never suggests Data Center
    /// HTTP access tokens.
    pub fn hint_for(&self, api: Option<Api>) -> String {
        match (self, api) {
            (Self::Anonymous, Some(Api::Cloud)) => "no credentials were sent. Send an Atlassian \
                API token with the account email (Credentials::api_token), or an OAuth or \
                repository, project or workspace access token (Credentials::bearer)."
                .to_owned(),
            (Self::Anonymous, Some(Api::DataCenter)) => "no credentials were sent. A browser may \
                work because it rides an SSO session cookie; scripts need an HTTP access token \
                (Credentials::bearer) or a user name and password (Credentials::basic)."
                .to_owned(),
            (Self::Anonymous, None) => "no credentials were sent. A browser may work because it \
                rides an SSO session cookie; scripts need a token (Credentials::bearer or \
                Credentials::api_token)."
                .to_owned(),
            (Self::Basic { kind, .. }, Some(Api::Cloud)) => {
                let what = match kind {
                    BasicKind::ApiToken => {
                        "an Atlassian API token goes with the account email, not the username"
                    }
                    BasicKind::AppPassword => APP_PASSWORD_GONE,
                    BasicKind::Password | BasicKind::AccessToken => {
                        "Bitbucket Cloud takes no account password here; send an Atlassian API \
                         token with the account email (Credentials::api_token)"
                    }
                };
                format!(
                    "Basic auth was sent: {what}. Repository, project and workspace access tokens \
                     and OAuth tokens go with Credentials::bearer."
                )
            }
            (Self::Basic { kind, .. }, Some(Api::DataCenter)) => {
                let what = match kind {
                    BasicKind::Password => {
                        "a password goes with the user name; SSO-only accounts need an HTTP \
                         access token instead"
                    }
                    BasicKind::AccessToken => {
                        "an HTTP access token goes with the name of the user who owns it"
                    }
                    BasicKind::ApiToken | BasicKind::AppPassword => {
                        "Atlassian API tokens and app passwords belong to Bitbucket Cloud; Data \
                         Center takes a user name with a password or an HTTP access token"
                    }
                };
                format!(
                    "Basic auth was sent: {what}. An HTTP access token can also be sent alone \
                     with Credentials::bearer."
                )
            }
            (Self::Basic { kind, .. }, None) => {
                let what = match kind {
                    BasicKind::ApiToken => {
                        "an Atlassian API token goes with the account email, not the username"
                    }
                    BasicKind::AppPassword => APP_PASSWORD_GONE,
                    BasicKind::AccessToken => {
                        "a Data Center HTTP access token goes with the owning user's name, or \
                         alone as Bearer"
                    }
                    BasicKind::Password => {
                        "a password goes with the user name; SSO-only accounts need a token \
                         instead"
                    }
                };
                format!(
                    "Basic auth was sent: {what}. Access tokens and OAuth tokens go with \
                     Credentials::bearer."
                )
            }
            (Self::Bearer { .. }, Some(Api::Cloud)) => "Bearer was sent: it fits OAuth access \
                tokens and repository, project or workspace access tokens; check the token has \
                not expired or been revoked (OAuth access tokens live about two hours; \
                oauth2::OAuth2 refreshes them). Atlassian API tokens need Basic with the account \
                email (Credentials::api_token)."
                .to_owned(),
            (Self::Bearer { .. }, Some(Api::DataCenter)) => "Bearer was sent: it fits HTTP \
                access tokens (personal, project or repository); check the token has not \
                expired or been revoked. A user's password needs Basic (Credentials::basic)."
                .to_owned(),
            (Self::Bearer { .. }, None) => "Bearer was sent: it fits OAuth access tokens, Cloud \
                repository, project and workspace access tokens, and Data Center HTTP access \
                tokens. Atlassian API tokens need Basic with the account email \
                (Credentials::api_token)."
                .to_owned(),
            (Self::ApiKey { header, .. }, _) => format!(
                "a key was sent verbatim in `{header}`; check that the server accepts this scheme."
            ),
        }
    }
}

/// The 401 hint for Cloud app passwords.
const APP_PASSWORD_GONE: &str = "Bitbucket Cloud app passwords stopped working on 2026-07-28; \
    create an Atlassian API token and send it with the account email (Credentials::api_token)";

/// The 401 hint for a Bearer token on a Data Center administrative path.
pub const DC_ADMIN_BEARER_HINT: &str = "Bearer was sent to an administrative endpoint: Data \
    Center does not accept HTTP access tokens for user management, other users' tokens or \
    settings, whatever their permission. Use Basic with an administrator's user name and \
    password (Credentials::basic), or an OAuth 2 token from an incoming application link \
    (Data Center 7.21 or later, oauth2::OAuth2).";

/// Whether a Data Center request path (under `/rest`) is one where HTTP access tokens are
/// refused: `api/*/admin/...`, `api/*/logs/...`, `api/*/migration/...`, and the access-token
/// resources of a user (which only that user's own token may read).
pub fn is_dc_admin_path(path: &str) -> bool {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let Some(rest) = segments.iter().position(|s| *s == "rest") else {
        return false;
    };
    match &segments[rest + 1..] {
        ["api", _, area, ..] => matches!(*area, "admin" | "logs" | "migration"),
        ["access-tokens", _, "users", _, ..] => true,
        _ => false,
    }
}

/// A source of credentials asked before every request, so tokens can be refreshed
/// (for example OAuth 2) without rebuilding the client.
#[async_trait]
pub trait CredentialsProvider: Send + Sync + fmt::Debug {
    /// The credentials to use for the next request.
    async fn credentials(&self) -> Result<Credentials, Error>;

    /// Called after a 401; return `true` if fresh credentials are now available and the
    /// request should be tried once more.
    async fn refresh_after_unauthorized(&self) -> bool {
        false
    }

    /// Called after a 401 with the credentials that request carried, so a provider can tell
    /// a token already replaced by a concurrent refresh from the current one. The default
    /// calls [`CredentialsProvider::refresh_after_unauthorized`].
    async fn refresh_after_rejection(&self, rejected: &Credentials) -> bool {
        let _ = rejected;
        self.refresh_after_unauthorized().await
    }

    /// Whether these credentials never change: after a 401 the client then stops sending
    /// them (see `ClientBuilder::fail_fast`). `false` unless overridden.
    fn is_fixed(&self) -> bool {
        false
    }
}

#[async_trait]
impl CredentialsProvider for Credentials {
    async fn credentials(&self) -> Result<Credentials, Error> {
        Ok(self.clone())
    }

    /// Fixed credentials, except anonymous access (a 401 there only means the resource is
    /// not public).
    fn is_fixed(&self) -> bool {
        !matches!(self, Self::Anonymous)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_header_is_base64_and_sensitive() {
        let (name, value) = Credentials::basic("jdoe", "pw").header().unwrap().unwrap();
        assert_eq!(name, AUTHORIZATION);
        assert_eq!(value.to_str().unwrap(), "Basic amRvZTpwdw==");
        assert!(value.is_sensitive());
    }

    #[test]
    fn bearer_and_api_key_headers() {
        let (_, v) = Credentials::bearer("tok").header().unwrap().unwrap();
        assert_eq!(v.to_str().unwrap(), "Bearer tok");
        let (n, v) = Credentials::api_key("k1").header().unwrap().unwrap();
        assert_eq!(n, AUTHORIZATION);
        assert_eq!(v.to_str().unwrap(), "k1");
        assert!(Credentials::anonymous().header().unwrap().is_none());
    }

    #[test]
    fn header_rejects_newlines_without_echoing_secret() {
        let err = Credentials::bearer("bad\nCANARY").header().unwrap_err();
        assert!(!err.to_string().contains("CANARY"));
    }

    #[test]
    fn admin_paths_are_recognised() {
        for p in [
            "/rest/api/latest/admin/users",
            "/bitbucket/rest/api/1.0/admin/groups/more-members",
            "/rest/access-tokens/latest/users/jdoe",
            "/rest/api/latest/logs/logger/root",
        ] {
            assert!(is_dc_admin_path(p), "{p}");
        }
        for p in [
            "/rest/api/latest/users",
            "/rest/api/latest/projects/admin/repos",
            "/2.0/workspaces/admin",
            "/rest",
        ] {
            assert!(!is_dc_admin_path(p), "{p}");
        }
    }

    #[test]
    fn debug_redacts() {
        for c in [
            Credentials::basic("u", "CANARY-1"),
            Credentials::bearer("CANARY-1"),
            Credentials::api_key("CANARY-1"),
        ] {
            assert!(!format!("{c:?}").contains("CANARY"));
        }
        assert_eq!(Secret::new("CANARY").to_string(), "<redacted>");
    }
}
