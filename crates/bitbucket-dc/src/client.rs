//! The Data Center client and its builder.

use std::sync::Arc;
use std::time::Duration;

use bitbucket_core::{Api, Credentials, RateLimit, Result, RetryPolicy};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// A Bitbucket Data Center client: cheap to clone, safe to share across tasks.
///
/// Every call goes through the shared core (credentials, retries, limiter, tracing, errors).
/// Area handlers (`dc.access_tokens()`, `dc.admin()`, `dc.project(key)`, ...) return request
/// builders.
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

    /// The underlying core client (transport, rate-limit state, stats).
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

    /// The raw escape hatch for endpoints without a typed builder.
    ///
    /// Paths are relative to the REST root (`/api/latest/application-properties`); a leading
    /// `/rest/` as written in Atlassian's documentation is accepted and dropped, as Cloud's raw
    /// calls drop `/2.0/`. Paths are sent as given: encode user input with
    /// [`bitbucket_core::encode`].
    pub fn raw(&self) -> Raw<'_> {
        Raw { client: self }
    }
}

impl ClientBuilder {
    /// Credentials sent with every request to the server's origin (an HTTP access token is
    /// `Credentials::bearer(token)`).
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.core = self.core.credentials(credentials);
        self
    }

    /// Credentials resolved per request (rotation, vaults).
    pub fn credentials_provider(
        mut self,
        provider: Arc<dyn bitbucket_core::CredentialsProvider>,
    ) -> Self {
        self.core = self.core.credentials_provider(provider);
        self
    }

    /// Retry policy for 429, 5xx and transport failures.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.core = self.core.retry_policy(policy);
        self
    }

    /// Total timeout per attempt.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.core = self.core.timeout(timeout);
        self
    }

    /// No total timeout (long downloads).
    pub fn no_timeout(mut self) -> Self {
        self.core = self.core.no_timeout();
        self
    }

    /// Connection timeout.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.core = self.core.connect_timeout(timeout);
        self
    }

    /// `User-Agent` header.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.core = self.core.user_agent(user_agent);
        self
    }

    /// HTTP(S) proxy.
    pub fn proxy(mut self, proxy: reqwest::Proxy) -> Self {
        self.core = self.core.proxy(proxy);
        self
    }

    /// Ignore proxy environment variables.
    pub fn no_proxy(mut self) -> Self {
        self.core = self.core.no_proxy();
        self
    }

    /// Trust an extra root certificate (PEM), e.g. a corporate CA.
    pub fn add_root_certificate(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.core = self.core.add_root_certificate(pem);
        self
    }

    /// Client-side request budget.
    pub fn rate_limit(mut self, limit: RateLimit) -> Self {
        self.core = self.core.rate_limit(limit);
        self
    }

    /// Client-side budget of `requests` per hour.
    pub fn rate_limit_per_hour(mut self, requests: u32) -> Self {
        self.core = self.core.rate_limit_per_hour(requests);
        self
    }

    /// Applies any other core builder option.
    pub fn with_core(
        mut self,
        f: impl FnOnce(bitbucket_core::ClientBuilder) -> bitbucket_core::ClientBuilder,
    ) -> Self {
        self.core = f(self.core);
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<Client> {
        Ok(Client {
            core: self.core.build()?,
        })
    }
}

/// Raw JSON calls relative to the REST root (see [`Client::raw`]).
#[derive(Debug, Clone, Copy)]
pub struct Raw<'a> {
    client: &'a Client,
}

impl Raw<'_> {
    /// GET and decode JSON.
    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T> {
        self.client.core.raw().get(path).await
    }

    /// GET with query parameters and decode JSON.
    pub async fn get_with_query<T: DeserializeOwned, Q: Serialize + ?Sized>(
        &self,
        path: &str,
        query: &Q,
    ) -> Result<T> {
        self.client.core.raw().get_with_query(path, query).await
    }

    /// POST a JSON body and decode JSON.
    pub async fn post<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T> {
        self.client.core.raw().post(path, body).await
    }

    /// PUT a JSON body and decode JSON.
    pub async fn put<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T> {
        self.client.core.raw().put(path, body).await
    }

    /// DELETE, discarding any body.
    pub async fn delete(&self, path: &str) -> Result<()> {
        self.client.core.raw().delete(path).await
    }
}
