//! The Data Center client and its builder.

use bitbucket_core::{Api, Credentials, Result};

/// A Bitbucket Data Center client: cheap to clone, safe to share across tasks.
///
/// Every call goes through the shared core (credentials, retries, limiter, tracing, errors).
/// Handles and handlers (`dc.admin()`, `dc.user(slug)`, `dc.project(key)`, ...) return request
/// builders; resources of a project or repository hang off its handle
/// (`dc.project(key).repo(slug).access_tokens()`).
#[derive(Debug, Clone)]
pub struct Client {
    core: bitbucket_core::Client,
}

/// Builder for [`Client`]; wraps the core builder with the Data Center base-URL rules.
#[derive(Debug)]
#[must_use = "call .build() to get a client"]
pub struct ClientBuilder {
    core: bitbucket_core::ClientBuilder,
}

impl Client {
    /// Starts a builder for the server URL, with its context path if any.
    ///
    /// The base-URL rule (the same as Cloud's): pass the server root or the REST root.
    /// `https://bitbucket.example.com` and `https://host/bitbucket` gain `/rest`; a URL whose
    /// path already ends in `/rest` (with or without a trailing `/`) is kept. A URL that is not
    /// http(s) or cannot be parsed fails at [`ClientBuilder::build`] with an error saying what
    /// to pass.
    pub fn builder(base_url: impl AsRef<str>) -> ClientBuilder {
        ClientBuilder {
            core: bitbucket_core::Client::builder(base_url).api(Api::DataCenter),
        }
    }

    /// Starts a builder whose URL is the REST root itself (paths such as `api/latest/users`
    /// are joined to it directly): for mock servers and gateways that serve the API without
    /// the `/rest` prefix.
    pub fn builder_with_rest_root(rest_root: impl AsRef<str>) -> ClientBuilder {
        ClientBuilder {
            core: bitbucket_core::Client::builder(rest_root.as_ref())
                .api(Api::DataCenter)
                .api_root(rest_root),
        }
    }

    /// Wraps an existing core client whose base URL is the REST root (build it with
    /// `.api(Api::DataCenter)` for Data Center 401 hints and `/rest`-prefixed raw paths).
    pub fn from_core(core: bitbucket_core::Client) -> Self {
        Client { core }
    }

    /// The core client underneath: the transport, for anything the typed API does not cover.
    pub fn core(&self) -> &bitbucket_core::Client {
        &self.core
    }

    /// The REST root every endpoint path is joined to (ends with `/`).
    pub fn rest_root(&self) -> &url::Url {
        self.core.base_url()
    }

    /// The latest rate-limit state reported by the server.
    pub fn rate_limit_state(&self) -> bitbucket_core::RateLimitState {
        self.core.rate_limit_state()
    }

    /// Requests and retries sent so far by this client and its clones.
    pub fn stats(&self) -> bitbucket_core::Stats {
        self.core.stats()
    }

    /// The raw escape hatch for paths without a typed builder, with the same credentials,
    /// retries and errors. Paths are relative to the REST root (`api/latest/...`); a leading
    /// `/rest` as written in Atlassian's documentation is accepted and dropped. Paths are sent
    /// as given: encode user input with [`bitbucket_core::encode`].
    pub fn raw(&self) -> bitbucket_core::raw::Raw<'_> {
        self.core.raw()
    }
}

impl ClientBuilder {
    /// Credentials sent with every request to the server's origin (an HTTP access token is
    /// `Credentials::bearer(token)`).
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.core = self.core.credentials(credentials);
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<Client> {
        Ok(Client {
            core: self.core.build()?,
        })
    }
}

bitbucket_core::forward_builder_settings!(ClientBuilder, core);
