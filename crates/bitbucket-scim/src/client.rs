//! The SCIM client and its builder.

use std::sync::Arc;
use std::time::Duration;

use bitbucket_core::{Credentials, CredentialsProvider, Error, RateLimit, Result, RetryPolicy};
use url::Url;

use crate::users::Users;

/// Where Atlassian serves SCIM directories; the directory id follows.
pub const DEFAULT_BASE_URL: &str = "https://api.atlassian.com";

/// The 401 hint for SCIM: which key the API takes.
const UNAUTHORIZED_HINT: &str = "the user-provisioning API takes the directory's API key \
    (created in Atlassian Administration under the identity provider's user provisioning) as \
    Bearer; keys belong to one directory and expire after a year. Bitbucket tokens, Atlassian \
    API tokens and organization admin API keys are not accepted.";

/// A client for one SCIM directory of Atlassian's user-provisioning API: cheap to clone, safe
/// to share across tasks.
///
/// Every call goes through the shared core (credentials, retries, limiter, tracing, errors).
#[derive(Debug, Clone)]
pub struct Client {
    core: bitbucket_core::Client,
}

/// Builder for [`Client`].
#[derive(Debug)]
#[must_use = "call .build() to get a client"]
pub struct ClientBuilder {
    core: bitbucket_core::ClientBuilder,
    directory_id: String,
    base_url: String,
}

impl Client {
    /// Starts a builder for the directory `directory_id` at `https://api.atlassian.com`.
    pub fn builder(directory_id: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            core: bitbucket_core::Client::builder(DEFAULT_BASE_URL),
            directory_id: directory_id.into(),
            base_url: DEFAULT_BASE_URL.to_owned(),
        }
    }

    /// Wraps a core client whose base URL is the directory root
    /// (`https://api.atlassian.com/scim/directory/{directoryId}/`).
    pub fn from_core(core: bitbucket_core::Client) -> Self {
        Client { core }
    }

    /// The underlying core client (transport, stats).
    pub fn core(&self) -> &bitbucket_core::Client {
        &self.core
    }

    /// The directory root every path is joined to (ends with `/`).
    pub fn directory_root(&self) -> &Url {
        self.core.base_url()
    }

    /// Requests and retries sent so far by this client and its clones.
    pub fn stats(&self) -> bitbucket_core::Stats {
        self.core.stats()
    }

    /// The raw escape hatch: paths are relative to the directory root (`Users`, `Groups/{id}`).
    pub fn raw(&self) -> bitbucket_core::raw::Raw<'_> {
        self.core.raw()
    }

    /// Users of the directory: list, find, create, replace, patch, deactivate, delete.
    pub fn users(&self) -> Users {
        Users::new(self.clone())
    }

    /// Groups of the directory: list and get.
    pub fn groups(&self) -> crate::groups::Groups {
        crate::groups::Groups::new(self.clone())
    }

    /// Discovery documents: service provider configuration and schemas.
    pub fn discovery(&self) -> crate::discovery::Discovery {
        crate::discovery::Discovery::new(self.clone())
    }
}

impl ClientBuilder {
    /// The host serving SCIM directories (default `https://api.atlassian.com`); a test server
    /// or the fake's root. A URL already ending in `/scim/directory/{directoryId}` is kept.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// The directory's API key, sent as `Bearer` (never shown in `Debug`, logs or errors).
    pub fn api_key(mut self, key: impl Into<bitbucket_core::Secret>) -> Self {
        self.core = self.core.credentials(Credentials::bearer(key));
        self
    }

    /// Other credentials (the API key is [`Self::api_key`]).
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.core = self.core.credentials(credentials);
        self
    }

    /// A provider asked before each request.
    pub fn credentials_provider(mut self, provider: Arc<dyn CredentialsProvider>) -> Self {
        self.core = self.core.credentials_provider(provider);
        self
    }

    /// The retry policy (default: the core's).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.core = self.core.retry_policy(policy);
        self
    }

    /// A client-side request budget shared by all clones.
    pub fn rate_limit(mut self, limit: RateLimit) -> Self {
        self.core = self.core.rate_limit(limit);
        self
    }

    /// Total timeout of one attempt (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.core = self.core.timeout(timeout);
        self
    }

    /// Uses a preconfigured `reqwest::Client`.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.core = self.core.http_client(client);
        self
    }

    /// Builds the client; an empty directory id or a base URL that is not http(s) is
    /// [`Error::Config`].
    pub fn build(self) -> Result<Client> {
        if self.directory_id.trim().is_empty() {
            return Err(Error::Config {
                message: "a SCIM directory id is required (the id after `/scim/directory/` in \
                          the directory's base URL)"
                    .to_owned(),
                source: None,
            });
        }
        let id = bitbucket_core::encode::segment(&self.directory_id)?;
        let suffix = format!("scim/directory/{id}");
        let base = self.base_url.trim_end_matches('/');
        let root = if base.ends_with(&format!("/{suffix}")) {
            base.to_owned()
        } else {
            format!("{base}/{suffix}")
        };
        let core = self.core.base_url(root).build()?;
        Ok(Client { core })
    }
}

/// Gives a 401 from the SCIM API the hint that fits its keys.
pub(crate) fn with_hint(e: Error) -> Error {
    match e {
        Error::Unauthorized {
            scheme,
            message,
            response,
            ..
        } => Error::Unauthorized {
            scheme,
            hint: UNAUTHORIZED_HINT.to_owned(),
            message,
            response,
        },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directory_root_follows_the_base_url_rule() {
        let c = Client::builder("d 1").api_key("k").build().unwrap();
        assert_eq!(
            c.directory_root().as_str(),
            "https://api.atlassian.com/scim/directory/d%201/"
        );
        let c = Client::builder("abc")
            .base_url("http://127.0.0.1:9/scim/directory/abc/")
            .build()
            .unwrap();
        assert_eq!(
            c.directory_root().as_str(),
            "http://127.0.0.1:9/scim/directory/abc/"
        );
        assert!(matches!(
            Client::builder(" ").build(),
            Err(Error::Config { .. })
        ));
        assert!(matches!(
            Client::builder("..").build(),
            Err(Error::InvalidInput { .. })
        ));
        assert!(matches!(
            Client::builder("x").base_url("ftp://h").build(),
            Err(Error::Config { .. })
        ));
    }
}
