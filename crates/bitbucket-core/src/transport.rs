//! The client every request goes through: base URL, credentials, retries, limiter, tracing.
//!
//! ```no_run
//! # async fn demo() -> Result<(), bitbucket_core::Error> {
//! use bitbucket_core::{Client, Credentials, RetryPolicy};
//! let client = Client::builder("https://bitbucket.example.com/rest")
//!     .credentials(Credentials::bearer("token"))
//!     .retry_policy(RetryPolicy::default().max_attempts(4))
//!     .rate_limit_per_hour(1_000)
//!     .build()?;
//! let props: serde_json::Value = client.raw().get("api/latest/application-properties").await?;
//! # Ok(()) }
//! ```

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::{Method, Request, Response, StatusCode};
use serde::de::DeserializeOwned;
use tracing::Instrument as _;
use url::Url;

use crate::auth::{Credentials, CredentialsProvider, DC_ADMIN_BEARER_HINT, is_dc_admin_path};
use crate::error::{DENIED_REASON_HEADER, Error};
use crate::fail_fast::{Snapshot, Tripwire, local_error, provider_failure};
use crate::rate_limit::{Limiter, RateLimit, RateLimitState};
use crate::raw::Raw;
use crate::retry::{RetryPolicy, Sleeper, TokioSleeper};

/// The user agent sent unless overridden.
pub const DEFAULT_USER_AGENT: &str = concat!("bitbucket-rs/", env!("CARGO_PKG_VERSION"));

/// Which Bitbucket API a client talks to. Set by the Cloud and Data Center builders; it decides
/// the API prefix of the base URL, the prefix raw paths may start with, and the 401 hints.
///
/// The base-URL rule: the server root and the API root are both accepted. A base URL whose path
/// does not already end in the API prefix gets it appended, so for Cloud
/// `https://api.bitbucket.org` and `https://api.bitbucket.org/2.0` give the same client, and for
/// Data Center `https://host/bitbucket` and `https://host/bitbucket/rest/` do.
/// [`ClientBuilder::api_root`] opts out for servers that serve the API without its prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Api {
    /// Bitbucket Cloud REST 2.0 (prefix `2.0`).
    Cloud,
    /// Bitbucket Data Center / Server REST (prefix `rest`).
    DataCenter,
}

impl Api {
    /// The path segment the API lives under: `2.0` (Cloud) or `rest` (Data Center).
    pub fn prefix(self) -> &'static str {
        match self {
            Self::Cloud => "2.0",
            Self::DataCenter => "rest",
        }
    }

    /// The product name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            Self::Cloud => "Bitbucket Cloud",
            Self::DataCenter => "Bitbucket Data Center",
        }
    }

    /// What to pass as base URL, for error messages.
    fn base_url_advice(api: Option<Self>) -> &'static str {
        match api {
            Some(Self::Cloud) => {
                "pass the API host, `https://api.bitbucket.org` (with or without `/2.0`)"
            }
            Some(Self::DataCenter) => {
                "pass the server URL with its context path, e.g. `https://bitbucket.example.com` \
                 or `https://host/bitbucket` (with or without `/rest`)"
            }
            None => {
                "pass the API root, e.g. `https://api.bitbucket.org/2.0` or \
                 `https://bitbucket.example.com/rest`"
            }
        }
    }

    /// Drops a leading API prefix (and `/`) from a relative path: for Cloud `/2.0/user`,
    /// `2.0/user` and `user` all give `user`.
    pub fn strip_prefix(api: Option<Self>, path: &str) -> &str {
        let rel = path.trim_start_matches('/');
        let Some(api) = api else { return rel };
        match rel.strip_prefix(api.prefix()) {
            Some("") => "",
            Some(rest) if rest.starts_with('/') => rest.trim_start_matches('/'),
            Some(rest) if rest.starts_with('?') => rest,
            _ => rel,
        }
    }
}

/// Builds a [`Client`].
#[must_use]
pub struct ClientBuilder {
    base_url: String,
    api: Option<Api>,
    base_is_api_root: bool,
    credentials: Arc<dyn CredentialsProvider>,
    invalid_credentials: Option<Error>,
    retry: RetryPolicy,
    timeout: Option<Duration>,
    connect_timeout: Duration,
    user_agent: String,
    proxy: Option<reqwest::Proxy>,
    no_proxy: bool,
    root_certs: Vec<Vec<u8>>,
    rate_limit: Option<RateLimit>,
    sleeper: Arc<dyn Sleeper>,
    http: Option<reqwest::Client>,
    fail_fast: bool,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("api", &self.api)
            .field("credentials", &self.credentials)
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .field("rate_limit", &self.rate_limit)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    fn new(base_url: &str) -> Self {
        Self {
            base_url: base_url.to_owned(),
            api: None,
            base_is_api_root: false,
            credentials: Arc::new(Credentials::Anonymous),
            invalid_credentials: None,
            retry: RetryPolicy::default(),
            timeout: Some(Duration::from_secs(60)),
            connect_timeout: Duration::from_secs(10),
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            proxy: None,
            no_proxy: false,
            root_certs: Vec::new(),
            rate_limit: None,
            sleeper: Arc::new(TokioSleeper),
            http: None,
            fail_fast: true,
        }
    }

    /// Replaces the base URL (the API prefix is added when missing once [`Self::api`] is set).
    pub fn base_url(mut self, base_url: impl AsRef<str>) -> Self {
        self.base_url = base_url.as_ref().to_owned();
        self.base_is_api_root = false;
        self
    }

    /// The API this client talks to: the base URL gains the API prefix when missing, raw paths
    /// may start with it, and 401 hints name only this API's tokens. Without it the base URL is
    /// used as given.
    pub fn api(mut self, api: Api) -> Self {
        self.api = Some(api);
        self
    }

    /// Uses `url` as the API root as given, never adding the API prefix: for mock servers and
    /// gateways that serve the API at another path (Prism serving Cloud paths at `/`).
    pub fn api_root(mut self, url: impl AsRef<str>) -> Self {
        self.base_url = url.as_ref().to_owned();
        self.base_is_api_root = true;
        self
    }

    /// Fixed credentials for every request to the base URL's origin.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.invalid_credentials = credentials.header().err();
        self.credentials = Arc::new(credentials);
        self
    }

    /// A provider asked before each request (for refreshing tokens).
    pub fn credentials_provider(mut self, provider: Arc<dyn CredentialsProvider>) -> Self {
        self.credentials = provider;
        self
    }

    /// Whether fixed credentials stop being sent after the server refused them (default on).
    ///
    /// After a 401, or a CAPTCHA refusal (`X-Authentication-Denied-Reason`), for fixed
    /// [`Credentials`], every queued and later request is answered with a copy of that refusal
    /// without being sent, so a fan-out with a wrong password sends at most as many requests as
    /// were in flight and cannot lock the account behind a CAPTCHA. A Bearer 401 on a Data
    /// Center administrative path does not count (the token may work elsewhere). Providers
    /// that refresh credentials are never stopped.
    pub fn fail_fast(mut self, yes: bool) -> Self {
        self.fail_fast = yes;
        self
    }

    /// The retry policy (default: [`RetryPolicy::default`]).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Total timeout of one attempt, from connect to the end of the body (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// No total timeout (for long downloads).
    pub fn no_timeout(mut self) -> Self {
        self.timeout = None;
        self
    }

    /// Connect timeout (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The `User-Agent` header (default `bitbucket-rs/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Sends every request through this proxy.
    pub fn proxy(mut self, proxy: reqwest::Proxy) -> Self {
        self.proxy = Some(proxy);
        self
    }

    /// Ignores system proxy settings (`HTTPS_PROXY` and friends).
    pub fn no_proxy(mut self) -> Self {
        self.no_proxy = true;
        self
    }

    /// Trusts an extra root certificate (PEM), e.g. a corporate CA in front of Data Center.
    pub fn add_root_certificate(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.root_certs.push(pem.into());
        self
    }

    /// A client-side request budget shared by all clones of the client.
    pub fn rate_limit(mut self, limit: RateLimit) -> Self {
        self.rate_limit = Some(limit);
        self
    }

    /// Shorthand for [`RateLimit::per_hour`].
    pub fn rate_limit_per_hour(self, requests: u32) -> Self {
        self.rate_limit(RateLimit::per_hour(requests))
    }

    /// The clock used for retry and limiter waits (tests inject a recording one).
    pub fn sleeper(mut self, sleeper: Arc<dyn Sleeper>) -> Self {
        self.sleeper = sleeper;
        self
    }

    /// Uses a preconfigured `reqwest::Client`; timeouts, proxy, certificates and user agent set
    /// on this builder are then ignored.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<Client, Error> {
        if let Some(e) = self.invalid_credentials {
            return Err(e);
        }
        let advice = Api::base_url_advice(self.api);
        let mut base = Url::parse(&self.base_url).map_err(|e| Error::Config {
            message: format!("invalid base URL {:?} ({e}): {advice}", self.base_url),
            source: Some(Box::new(e)),
        })?;
        if !matches!(base.scheme(), "http" | "https") || base.host().is_none() {
            return Err(Error::Config {
                message: format!(
                    "base URL {:?} is not an http(s) URL with a host: {advice}",
                    self.base_url
                ),
                source: None,
            });
        }
        if !base.username().is_empty() || base.password().is_some() {
            return Err(Error::Config {
                message: "put credentials in Credentials, not in the base URL".to_owned(),
                source: None,
            });
        }
        base.set_query(None);
        base.set_fragment(None);
        let mut path = base.path().trim_end_matches('/').to_owned();
        if let Some(api) = self.api.filter(|_| !self.base_is_api_root)
            && path.rsplit('/').next() != Some(api.prefix())
        {
            path = format!("{path}/{}", api.prefix());
        }
        base.set_path(&format!("{path}/"));
        let http = match self.http {
            Some(http) => http,
            None => {
                #[cfg(feature = "rustls")]
                crate::tls::ensure_crypto_provider();
                let mut b = reqwest::Client::builder()
                    .user_agent(self.user_agent)
                    .connect_timeout(self.connect_timeout);
                if let Some(t) = self.timeout {
                    b = b.timeout(t);
                }
                if let Some(p) = self.proxy {
                    b = b.proxy(p);
                }
                if self.no_proxy {
                    b = b.no_proxy();
                }
                #[cfg(not(any(feature = "rustls", feature = "native-tls")))]
                if !self.root_certs.is_empty() {
                    return Err(Error::Config {
                        message: "root certificates need the `rustls` or `native-tls` feature"
                            .to_owned(),
                        source: None,
                    });
                }
                #[cfg(any(feature = "rustls", feature = "native-tls"))]
                for pem in &self.root_certs {
                    let cert = reqwest::Certificate::from_pem(pem).map_err(|e| Error::Config {
                        message: "invalid root certificate".to_owned(),
                        source: Some(Box::new(e)),
                    })?;
                    b = b.add_root_certificate(cert);
                }
                b.build().map_err(|e| Error::Config {
                    message: "could not build the HTTP client".to_owned(),
                    source: Some(Box::new(e)),
                })?
            }
        };
        Ok(Client {
            inner: Arc::new(Inner {
                base,
                api: self.api,
                http,
                credentials: self.credentials,
                retry: self.retry,
                limiter: self.rate_limit.map(Limiter::new),
                sleeper: self.sleeper,
                state: Mutex::new(RateLimitState::default()),
                stats: Counters::default(),
                fail_fast: self.fail_fast,
                tripwire: Tripwire::default(),
            }),
        })
    }
}

/// A Bitbucket HTTP client: cheap to clone, safe to share across tasks.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    base: Url,
    api: Option<Api>,
    http: reqwest::Client,
    credentials: Arc<dyn CredentialsProvider>,
    retry: RetryPolicy,
    limiter: Option<Limiter>,
    sleeper: Arc<dyn Sleeper>,
    state: Mutex<RateLimitState>,
    stats: Counters,
    fail_fast: bool,
    tripwire: Tripwire,
}

#[derive(Default)]
struct Counters {
    requests: AtomicU64,
    retries: AtomicU64,
}

/// Request counts of a client (all clones together).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Stats {
    /// Requests sent, retries included.
    pub requests: u64,
    /// Of those, retries.
    pub retries: u64,
    /// Total time spent waiting on the client-side limiter.
    pub limiter_wait: Duration,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base.as_str())
            .field("credentials", &self.inner.credentials)
            .field("retry", &self.inner.retry)
            .finish_non_exhaustive()
    }
}

/// Options for one [`Client::execute_with`] call.
#[derive(Debug, Clone, Copy, Default)]
#[non_exhaustive]
pub struct ExecOptions {
    /// Retry this request on 5xx and transport errors even if its method is not idempotent.
    pub retry_non_idempotent: bool,
}

impl ExecOptions {
    /// Allows retrying a POST on 5xx and transport errors.
    pub fn retry_non_idempotent(mut self, yes: bool) -> Self {
        self.retry_non_idempotent = yes;
        self
    }
}

impl Client {
    /// Starts a builder for the given base URL (e.g. `https://api.bitbucket.org/2.0` or
    /// `https://bitbucket.example.com/rest`). Used as given unless [`ClientBuilder::api`] is
    /// set, which adds a missing API prefix (see [`Api`]).
    pub fn builder(base_url: impl AsRef<str>) -> ClientBuilder {
        ClientBuilder::new(base_url.as_ref())
    }

    /// The base URL (the API root, prefix included), always ending with `/`.
    pub fn base_url(&self) -> &Url {
        &self.inner.base
    }

    /// The API set with [`ClientBuilder::api`], if any.
    pub fn api(&self) -> Option<Api> {
        self.inner.api
    }

    /// The underlying `reqwest::Client` (no credentials attached by it).
    pub fn http(&self) -> &reqwest::Client {
        &self.inner.http
    }

    /// The retry policy in force.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry
    }

    /// Joins an already-encoded path (and query) to the base URL. A leading `/` is relative to
    /// the base too: base `https://h/rest/` and `/api/latest/x` give `https://h/rest/api/latest/x`.
    pub fn url(&self, path: &str) -> Result<Url, Error> {
        let rel = path.trim_start_matches('/');
        let url = self.inner.base.join(rel).map_err(|e| Error::InvalidInput {
            message: format!("cannot join {path:?} to the base URL: {e}"),
        })?;
        if !self.same_origin(&url) {
            return Err(Error::InvalidInput {
                message: format!("path {path:?} leaves the base URL's origin"),
            });
        }
        Ok(url)
    }

    /// Whether `url` has the base URL's scheme, host and port (only then are credentials sent).
    pub fn same_origin(&self, url: &Url) -> bool {
        url.origin() == self.inner.base.origin()
    }

    /// A request builder for `method` and a path relative to the base URL.
    pub fn request(&self, method: Method, path: &str) -> Result<reqwest::RequestBuilder, Error> {
        Ok(self.inner.http.request(method, self.url(path)?))
    }

    /// Waits `duration` on the client's [`Sleeper`] (the clock retries and the limiter use), so
    /// polling loops built on the client can be run without real waits in tests.
    pub async fn sleep(&self, duration: Duration) {
        self.inner.sleeper.sleep(duration).await;
    }

    /// The raw escape hatch: typed JSON calls on paths the typed APIs do not cover.
    pub fn raw(&self) -> Raw<'_> {
        Raw::new(self)
    }

    /// The latest rate-limit state reported by the server.
    pub fn rate_limit_state(&self) -> RateLimitState {
        self.inner
            .state
            .lock()
            .map(|s| s.clone())
            .unwrap_or_default()
    }

    /// Requests and retries sent so far by this client and its clones.
    pub fn stats(&self) -> Stats {
        Stats {
            requests: self.inner.stats.requests.load(Ordering::Relaxed),
            retries: self.inner.stats.retries.load(Ordering::Relaxed),
            limiter_wait: self
                .inner
                .limiter
                .as_ref()
                .map(Limiter::total_waited)
                .unwrap_or_default(),
        }
    }

    /// The credentials scheme the client sends (`Basic`, `Bearer`, `ApiKey`, `none`).
    pub async fn scheme(&self) -> &'static str {
        match self.inner.credentials.credentials().await {
            Ok(c) => c.scheme(),
            Err(_) => "none",
        }
    }

    /// Sends a request through the one path: limiter, credentials (same origin only), retries,
    /// rate-limit recording and tracing. Returns the final response whatever its status.
    pub async fn execute(&self, request: Request) -> Result<Response, reqwest::Error> {
        self.execute_with(request, ExecOptions::default()).await
    }

    /// [`Client::execute`] with per-request options.
    pub async fn execute_with(
        &self,
        request: Request,
        options: ExecOptions,
    ) -> Result<Response, reqwest::Error> {
        let inner = &self.inner;
        let method = request.method().clone();
        let may_retry_errors =
            options.retry_non_idempotent || inner.retry.may_retry_method(&method);
        let path = request.url().path().to_owned();
        let attach = self.same_origin(request.url());
        let fixed = attach && inner.fail_fast && inner.credentials.is_fixed();
        let mut waited = Duration::ZERO;
        let mut attempt: u32 = 0;
        let mut refreshed = false;
        let mut pending = request;
        // A retry with refreshed credentials is allowed even when the policy allows no retry.
        let mut fresh_credentials;
        loop {
            attempt += 1;
            let last_chance = attempt >= inner.retry.attempts();
            // Keep a copy for the next attempt when the body allows it (streams do not).
            let spare = pending.try_clone();
            let mut req = pending;
            if let Some(refused) = self.refused(fixed) {
                return Ok(refused);
            }
            if let Some(limiter) = &inner.limiter {
                limiter.acquire(inner.sleeper.as_ref()).await;
            }
            if let Some(refused) = self.refused(fixed) {
                return Ok(refused);
            }
            let mut sent = Credentials::Anonymous;
            fresh_credentials = false;
            if attach {
                let creds = inner.credentials.credentials().await;
                match creds.and_then(|c| c.header().map(|h| (c, h))) {
                    Ok((c, Some((name, value)))) => {
                        req.headers_mut().insert(name, value);
                        sent = c;
                    }
                    Ok((_, None)) => {}
                    Err(e) => {
                        tracing::warn!("no credentials, request not sent: {e}");
                        return Ok(provider_failure(&e));
                    }
                }
            }
            inner.stats.requests.fetch_add(1, Ordering::Relaxed);
            if attempt > 1 {
                inner.stats.retries.fetch_add(1, Ordering::Relaxed);
            }
            let span = tracing::debug_span!(
                "bitbucket.request",
                method = %method,
                path = %path,
                attempt,
                status = tracing::field::Empty,
                duration_ms = tracing::field::Empty,
                request_id = tracing::field::Empty,
            );
            let started = Instant::now();
            let result = inner.http.execute(req).instrument(span.clone()).await;
            span.record("duration_ms", started.elapsed().as_millis() as u64);
            let delay = match &result {
                Ok(resp) => {
                    let status = resp.status();
                    span.record("status", status.as_u16());
                    if let Some(id) = ["x-request-id", "x-arequestid"]
                        .iter()
                        .find_map(|h| resp.headers().get(*h))
                        .and_then(|v| v.to_str().ok())
                    {
                        span.record("request_id", id);
                    }
                    if let Ok(mut s) = inner.state.lock() {
                        s.record(status.as_u16(), resp.headers());
                    }
                    if status == StatusCode::UNAUTHORIZED && attach && !refreshed {
                        refreshed = true;
                        if inner.credentials.refresh_after_rejection(&sent).await {
                            fresh_credentials = true;
                            Some(Duration::ZERO)
                        } else {
                            None
                        }
                    } else {
                        inner.retry.delay_for_status(
                            may_retry_errors,
                            status,
                            resp.headers(),
                            attempt - 1,
                        )
                    }
                }
                Err(e) => {
                    span.record("status", 0u16);
                    let transient = crate::retry::is_transient_transport_error(e);
                    (transient && may_retry_errors).then(|| inner.retry.backoff(attempt - 1))
                }
            };
            match (delay, spare) {
                (Some(d), Some(next))
                    if (fresh_credentials || !last_chance)
                        && waited + d <= inner.retry.total_delay_cap() =>
                {
                    tracing::debug!(parent: &span, delay_ms = d.as_millis() as u64, "retrying");
                    drop(result);
                    waited += d;
                    if !d.is_zero() {
                        inner.sleeper.sleep(d).await;
                    }
                    pending = next;
                }
                _ => return self.keep_refusal(result, fixed, &sent, &path).await,
            }
        }
    }

    /// Keeps a refusal of fixed credentials (a 401, or any status with
    /// `X-Authentication-Denied-Reason`) so later requests are answered with it unsent.
    async fn keep_refusal(
        &self,
        result: Result<Response, reqwest::Error>,
        fixed: bool,
        sent: &Credentials,
        path: &str,
    ) -> Result<Response, reqwest::Error> {
        let resp = match result {
            Ok(resp) if fixed => resp,
            other => return other,
        };
        let denied = resp.headers().contains_key(DENIED_REASON_HEADER);
        let unauthorized =
            resp.status() == StatusCode::UNAUTHORIZED && !self.admin_bearer(sent, path);
        if !denied && !unauthorized {
            return Ok(resp);
        }
        let snapshot = Snapshot::read(resp).await?;
        let first = snapshot.response();
        tracing::warn!(
            path,
            "{} credentials refused; later requests with them are answered without being sent",
            sent.scheme()
        );
        self.inner.tripwire.trip(snapshot);
        Ok(first)
    }

    /// The kept refusal of fixed credentials, when they were refused.
    fn refused(&self, fixed: bool) -> Option<Response> {
        fixed.then(|| self.inner.tripwire.tripped()).flatten()
    }

    /// Whether `sent` is a Bearer token on a Data Center administrative path, where Data
    /// Center refuses HTTP access tokens whatever their permission.
    fn admin_bearer(&self, sent: &Credentials, path: &str) -> bool {
        self.inner.api == Some(Api::DataCenter)
            && self.inner.credentials.is_fixed()
            && matches!(sent, Credentials::Bearer { .. })
            && is_dc_admin_path(path)
    }

    /// Executes and maps a non-success status to [`Error`].
    pub async fn send(&self, request: Request) -> Result<Response, Error> {
        self.send_with(request, ExecOptions::default()).await
    }

    /// [`Client::send`] with per-request options.
    pub async fn send_with(
        &self,
        request: Request,
        options: ExecOptions,
    ) -> Result<Response, Error> {
        let resp = self.execute_with(request, options).await?;
        if resp.status().is_success() {
            Ok(resp)
        } else {
            Err(self.error_from_response(resp).await)
        }
    }

    /// Builds the [`Error`] for a non-success response (reads its body).
    pub async fn error_from_response(&self, resp: Response) -> Error {
        let status = resp.status();
        let path = resp.url().path().to_owned();
        let headers = resp.headers().clone();
        let body = resp.bytes().await.unwrap_or_default();
        if let Some(e) = local_error(&headers, &body) {
            return e;
        }
        let creds = self
            .inner
            .credentials
            .credentials()
            .await
            .unwrap_or_default();
        let hint = if self.admin_bearer(&creds, &path) {
            DC_ADMIN_BEARER_HINT.to_owned()
        } else {
            creds.hint_for(self.inner.api)
        };
        Error::from_parts(
            status,
            headers,
            body,
            creds.scheme(),
            &hint,
            if status == StatusCode::TOO_MANY_REQUESTS {
                self.inner.retry.attempts()
            } else {
                1
            },
        )
    }

    /// Sends and decodes a JSON body into `T`.
    pub async fn send_json<T: DeserializeOwned>(&self, request: Request) -> Result<T, Error> {
        let (status, headers, body) = self.send_for_body(request).await?;
        crate::decode::json(status, &headers, &body)
    }

    /// Sends and reads a successful response's status, headers and body (the part of
    /// [`send_json`](Self::send_json) that does not depend on the model).
    async fn send_for_body(
        &self,
        request: Request,
    ) -> Result<(StatusCode, HeaderMap, Bytes), Error> {
        read_body(self.send(request).await?).await
    }

    /// Sends and discards the body of a successful response.
    pub async fn send_empty(&self, request: Request) -> Result<(), Error> {
        let resp = self.send(request).await?;
        resp.bytes().await?;
        Ok(())
    }
}

/// Reads a successful response's body and decodes it as JSON into `T`.
pub async fn decode_response<T: DeserializeOwned>(resp: Response) -> Result<T, Error> {
    let (status, headers, body) = read_body(resp).await?;
    crate::decode::json(status, &headers, &body)
}

/// A response's status, headers and whole body.
async fn read_body(resp: Response) -> Result<(StatusCode, HeaderMap, Bytes), Error> {
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = resp.bytes().await?;
    Ok((status, headers, body))
}
