//! Building a Cloud client from the core's builder.

use bitbucket_core::{Api, Credentials, Result};

use crate::generated::Client;

/// The public Bitbucket Cloud API root.
pub const DEFAULT_BASE_URL: &str = "https://api.bitbucket.org/2.0";

/// Configures a [`Client`]; every setting is the core's (see [`bitbucket_core::ClientBuilder`]).
///
/// The base-URL rule (the same as Data Center's): pass the API host or the API root.
/// `https://api.bitbucket.org` gains `/2.0`; a URL whose path already ends in `/2.0` (with or
/// without a trailing `/`) is kept. A URL that is not http(s) or cannot be parsed fails at
/// [`ClientBuilder::build`] with an error saying what to pass. Raw calls ([`Client::raw`])
/// accept paths with or without the leading `/2.0`.
#[derive(Debug)]
#[must_use]
pub struct ClientBuilder {
    inner: bitbucket_core::ClientBuilder,
}

impl ClientBuilder {
    /// Another server, e.g. a gateway or a local fake: `http://127.0.0.1:8080` and
    /// `http://127.0.0.1:8080/2.0` both send requests to `http://127.0.0.1:8080/2.0/...`.
    pub fn base_url(mut self, base_url: impl AsRef<str>) -> Self {
        self.inner = self.inner.base_url(base_url);
        self
    }

    /// The API root used as given, without adding `/2.0`: for mock servers that serve the
    /// API at another path (Prism answers `/repositories/...` at its root).
    pub fn api_root(mut self, url: impl AsRef<str>) -> Self {
        self.inner = self.inner.api_root(url);
        self
    }

    /// Credentials sent with every request to the API's origin (an Atlassian API token is
    /// `Credentials::api_token(email, token)`).
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.inner = self.inner.credentials(credentials);
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<Client> {
        Ok(Client::from_core(self.inner.build()?))
    }
}

bitbucket_core::forward_builder_settings!(ClientBuilder, inner);

impl Client {
    /// A builder with the public API root [`DEFAULT_BASE_URL`].
    pub fn builder() -> ClientBuilder {
        ClientBuilder {
            inner: bitbucket_core::Client::builder(DEFAULT_BASE_URL).api(Api::Cloud),
        }
    }

    /// Wraps an already configured core client (its base URL is the API root; build it with
    /// `.api(Api::Cloud)` for Cloud 401 hints and `/2.0`-prefixed raw paths).
    pub fn from_core(core: bitbucket_core::Client) -> Self {
        let base = core.base_url().as_str().trim_end_matches('/').to_owned();
        let http = core.http().clone();
        Client::new_with_client(&base, http, core)
    }

    /// The core client underneath: the transport, for anything the typed API does not cover.
    pub fn core(&self) -> &bitbucket_core::Client {
        &self.inner
    }

    /// The raw escape hatch for paths without a typed builder, with the same credentials,
    /// retries and errors. Paths are relative to the API root (`user`); a leading `/2.0` as
    /// written in Atlassian's documentation is accepted and dropped. Paths are sent as given:
    /// encode user input with [`bitbucket_core::encode`].
    pub fn raw(&self) -> bitbucket_core::raw::Raw<'_> {
        self.inner.raw()
    }

    /// The latest rate-limit state reported by the server.
    pub fn rate_limit_state(&self) -> bitbucket_core::RateLimitState {
        self.inner.rate_limit_state()
    }

    /// Requests and retries sent so far by this client and its clones.
    pub fn stats(&self) -> bitbucket_core::Stats {
        self.inner.stats()
    }
}
