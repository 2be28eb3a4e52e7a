//! The server handle and its builder.

use std::collections::HashMap;
use std::fmt;
use std::net::{Ipv4Addr, SocketAddr};
use std::ops::RangeInclusive;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::http::{Counters, FaultConfig, Knobs, RateLimitBody, Shared, lock};
use crate::model::{
    CLOUD_PERMISSIONS, CloudMember, CloudPermission, CloudProject, CloudRepo, DcProject, DcToken,
    DcUser, PermissionTarget, SeedSpec, State, WorkspaceSpec,
};
use crate::model::{DEFAULT_NOW_MS, TokenExpiry};

/// Request counters, as returned by [`Server::stats`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Every request received, whatever its outcome.
    pub requests: u64,
    /// Requests under `/rest/...` (Data Center).
    pub dc_requests: u64,
    /// Requests under `/2.0/...` (Cloud).
    pub cloud_requests: u64,
    /// 429 responses served (budget, bursts).
    pub rate_limited: u64,
    /// Injected 500/503 responses served.
    pub faults: u64,
    /// 401 responses served.
    pub unauthorized: u64,
}

/// Configures and starts a [`Server`]. Obtain one with [`Server::builder`], [`Server::dc`]
/// or [`Server::cloud`].
#[derive(Clone)]
pub struct ServerBuilder {
    seed: SeedSpec,
    port: u16,
    admin_user: String,
    admin_password: String,
    admin_token: String,
    latency: Duration,
    cloud_limit: Option<(u64, Duration)>,
    rate_limit_body: RateLimitBody,
    cloud_burst: u64,
    dc_burst: u64,
    dc_retry_after: u64,
    faults: Option<(f64, u64)>,
    max_faults_per_request: u32,
    unstable_pages: Option<u64>,
    pub(crate) scim: (String, String),
    oauth_clients: Vec<(String, String)>,
    oauth_lifetime: Duration,
    captcha_after: Option<u32>,
}

impl fmt::Debug for ServerBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServerBuilder")
            .field("seed", &self.seed)
            .field("port", &self.port)
            .field("admin_user", &self.admin_user)
            .field("latency", &self.latency)
            .field("cloud_limit", &self.cloud_limit)
            .field("faults", &self.faults)
            .finish_non_exhaustive()
    }
}

/// Default admin user name.
pub const DEFAULT_ADMIN_USER: &str = "admin";
/// Default admin password.
pub const DEFAULT_ADMIN_PASSWORD: &str = "admin-password";
/// Default admin bearer token.
pub const DEFAULT_ADMIN_TOKEN: &str = "admin-token";

impl Default for ServerBuilder {
    fn default() -> Self {
        ServerBuilder {
            seed: SeedSpec {
                seed: 42,
                now_ms: Some(DEFAULT_NOW_MS),
                token_expiry: TokenExpiry::Days,
                dc_users: 0,
                named_users: Vec::new(),
                tokens_per_user: 0..=3,
                workspaces: Vec::new(),
                dc_projects: Vec::new(),
                cloud_downloads: Vec::new(),
            },
            port: 0,
            admin_user: DEFAULT_ADMIN_USER.into(),
            admin_password: DEFAULT_ADMIN_PASSWORD.into(),
            admin_token: DEFAULT_ADMIN_TOKEN.into(),
            latency: Duration::ZERO,
            cloud_limit: None,
            rate_limit_body: RateLimitBody::Text,
            cloud_burst: 0,
            dc_burst: 0,
            dc_retry_after: 0,
            faults: None,
            max_faults_per_request: 3,
            unstable_pages: None,
            scim: (
                crate::scim::DEFAULT_SCIM_DIRECTORY.into(),
                crate::scim::DEFAULT_SCIM_KEY.into(),
            ),
            oauth_clients: Vec::new(),
            oauth_lifetime: crate::oauth::DEFAULT_LIFETIME,
            captcha_after: None,
        }
    }
}

impl ServerBuilder {
    /// Seed for all generated data (default 42). Same seed, same data.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed.seed = seed;
        self
    }

    /// Port to bind on 127.0.0.1 (default 0: any free port).
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Admin user name and password accepted by both APIs (default `admin` / `admin-password`).
    pub fn admin_credentials(
        mut self,
        user: impl Into<String>,
        password: impl Into<String>,
    ) -> Self {
        self.admin_user = user.into();
        self.admin_password = password.into();
        self
    }

    /// Admin token accepted as `Bearer` by both APIs, and as Basic password for the admin
    /// user (default `admin-token`).
    pub fn admin_token(mut self, token: impl Into<String>) -> Self {
        self.admin_token = token.into();
        self
    }

    /// The server's clock at start, in epoch milliseconds (default [`DEFAULT_NOW_MS`],
    /// 2025-10-27, so the same seed gives the same data on every run). Seeded dates fall in
    /// the 665 days before it (users and Cloud repositories created within its first year,
    /// tokens up to 200 days after their user), and tokens created through `PUT` are dated by
    /// it (it moves forward with real time once started).
    pub fn now_ms(mut self, now_ms: i64) -> Self {
        self.seed.now_ms = Some(now_ms);
        self
    }

    /// Uses the system clock at start as "now" (see [`now_ms`](Self::now_ms)), so seeded
    /// dates sit relative to today: some tokens expire within days of it. The data then
    /// depends on the day the server starts; assert against [`Server::now_ms`] and the state
    /// accessors rather than fixed dates.
    pub fn system_clock(mut self) -> Self {
        self.seed.now_ms = None;
        self
    }

    /// Which fields DC token answers carry to say when a token expires (default
    /// [`TokenExpiry::Days`]: `expiryDays` only). Tokens that never expire carry neither.
    pub fn token_expiry(mut self, expiry: TokenExpiry) -> Self {
        self.seed.token_expiry = expiry;
        self
    }

    /// Number of seeded Data Center users: slugs `user0001`, `user0002`, ... (zero-padded to
    /// at least four digits, more when the count needs them).
    pub fn dc_users(mut self, count: usize) -> Self {
        self.seed.dc_users = count;
        self
    }

    /// Adds a DC user whose name and slug are exactly `name` (e.g. `"jane.doe@example.com"`
    /// or `"john smith"`), after the numbered users; its tokens follow
    /// [`tokens_per_user`](Self::tokens_per_user).
    pub fn dc_named_user(mut self, name: impl Into<String>) -> Self {
        self.seed.named_users.push(name.into());
        self
    }

    /// How many tokens each DC user gets: drawn per user from the range with the seed
    /// (default `0..=3`; at most 999). Use `n..=n` for an exact count.
    pub fn tokens_per_user(mut self, range: RangeInclusive<usize>) -> Self {
        self.seed.tokens_per_user = range;
        self
    }

    /// Adds a Cloud workspace with `members` members and `repos` repositories, shaped as
    /// [`WorkspaceSpec::new`] describes. A second call with the same slug replaces the first.
    pub fn cloud_workspace(self, slug: impl Into<String>, members: usize, repos: usize) -> Self {
        self.cloud_workspace_with(slug, WorkspaceSpec::new(members, repos))
    }

    /// Adds a Cloud workspace with full control over its shape.
    pub fn cloud_workspace_with(mut self, slug: impl Into<String>, spec: WorkspaceSpec) -> Self {
        let slug = slug.into();
        self.seed.workspaces.retain(|(s, _)| *s != slug);
        self.seed.workspaces.push((slug, spec));
        self
    }

    /// Adds a Data Center project `key` with `repos` repositories `repo-0001`...; about one
    /// in five is public. A second call with the same key replaces the first.
    pub fn dc_project(mut self, key: impl Into<String>, repos: usize) -> Self {
        let key = key.into();
        self.seed.dc_projects.retain(|(k, _)| *k != key);
        self.seed.dc_projects.push((key, repos));
        self
    }

    /// Adds a file to a Cloud repository's downloads. `GET
    /// /2.0/repositories/{ws}/{repo}/downloads/{file}` answers with a redirect to an
    /// unauthenticated storage URL on the same server, as Bitbucket does.
    pub fn cloud_download(
        mut self,
        workspace: impl Into<String>,
        repo: impl Into<String>,
        file: impl Into<String>,
        content: impl Into<Vec<u8>>,
    ) -> Self {
        self.seed.cloud_downloads.push((
            workspace.into(),
            repo.into(),
            file.into(),
            content.into(),
        ));
        self
    }

    /// Delay added to every request before it is answered (default none).
    pub fn latency(mut self, latency: Duration) -> Self {
        self.latency = latency;
        self
    }

    /// Same as [`latency`](Self::latency), in milliseconds.
    pub fn latency_ms(self, ms: u64) -> Self {
        self.latency(Duration::from_millis(ms))
    }

    /// Cloud request budget: once `budget` Cloud requests were admitted in the current
    /// window, further Cloud requests get 429 (no `Retry-After`) until `window` has passed
    /// since the window's first request. Rejected requests do not count.
    pub fn cloud_rate_limit(mut self, budget: u64, window: Duration) -> Self {
        self.cloud_limit = Some((budget, window));
        self
    }

    /// Body of Cloud 429 responses (default [`RateLimitBody::Text`]).
    pub fn rate_limit_body(mut self, body: RateLimitBody) -> Self {
        self.rate_limit_body = body;
        self
    }

    /// Answers the first `n` Cloud requests with 429 (no `Retry-After`).
    pub fn cloud_429_burst(mut self, n: u64) -> Self {
        self.cloud_burst = n;
        self
    }

    /// Answers the first `n` DC requests with 429 and a `Retry-After` header
    /// (see [`dc_retry_after`](Self::dc_retry_after)).
    pub fn dc_429_burst(mut self, n: u64) -> Self {
        self.dc_burst = n;
        self
    }

    /// Seconds sent in `Retry-After` on DC 429s (default 0).
    pub fn dc_retry_after(mut self, secs: u64) -> Self {
        self.dc_retry_after = secs;
        self
    }

    /// Answers a seeded fraction `rate` (0.0 to 1.0) of API requests with 503 or 500 before
    /// they reach a handler (so a faulted write changes nothing).
    ///
    /// The decision for a request depends only on the seed, its method, path and query and
    /// how many times that same request was seen before, so results do not depend on
    /// request interleaving. A given request is faulted at most
    /// [`max_faults_per_request`](Self::max_faults_per_request) times.
    pub fn fault_rate(mut self, rate: f64, seed: u64) -> Self {
        self.faults = Some((rate, seed));
        self
    }

    /// Cap on how many times one request (method + path + query) is faulted (default 3),
    /// so a client that retries enough always gets through.
    pub fn max_faults_per_request(mut self, n: u32) -> Self {
        self.max_faults_per_request = n;
        self
    }

    /// Makes Cloud page order unstable, as on the real service: each page's items come in a
    /// seeded shuffled order and every page after the first also repeats the last item of
    /// the previous page, so clients must de-duplicate by id. No item is ever left out.
    pub fn cloud_unstable_pages(mut self, seed: u64) -> Self {
        self.unstable_pages = Some(seed);
        self
    }

    /// Registers an OAuth 2 client (Cloud consumer key and secret, or the client id and secret
    /// of a Data Center incoming link) with both token endpoints.
    pub fn oauth_client(mut self, id: impl Into<String>, secret: impl Into<String>) -> Self {
        self.oauth_clients.push((id.into(), secret.into()));
        self
    }

    /// Lifetime of OAuth access tokens, in whole seconds on the wire (default two hours).
    /// A request with an expired token gets 401.
    pub fn oauth_token_lifetime(mut self, lifetime: Duration) -> Self {
        self.oauth_lifetime = lifetime;
        self
    }

    /// After `failures` failed Basic logins for one user name, Data Center answers every
    /// further Basic login of that user (right password or not) with 401 and
    /// `X-Authentication-Denied-Reason: CAPTCHA_CHALLENGE; login-url={url}/login`, as a real
    /// server does until someone logs in through the browser. Off by default.
    pub fn captcha_after(mut self, failures: u32) -> Self {
        self.captcha_after = Some(failures);
        self
    }

    /// Binds 127.0.0.1, seeds the data and starts serving on the current tokio runtime.
    pub async fn start(self) -> std::io::Result<Server> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, self.port)).await?;
        let addr = listener.local_addr()?;
        let url = format!("http://{addr}");
        let shared = Arc::new(Shared {
            state: Mutex::new(State::seed(&self.seed)),
            knobs: Mutex::new(Knobs {
                latency: self.latency,
                cloud_limit: self.cloud_limit,
                window_start: None,
                window_count: 0,
                rate_limit_body: self.rate_limit_body,
                cloud_burst: self.cloud_burst,
                dc_burst: self.dc_burst,
                dc_retry_after: self.dc_retry_after,
                faults: self
                    .faults
                    .map(|(rate, seed)| fault_config(rate, seed, self.max_faults_per_request)),
                fault_seen: HashMap::new(),
                unstable_pages: self.unstable_pages,
                page_requests: 0,
            }),
            counters: Counters::default(),
            base_url: url.clone(),
            admin_user: self.admin_user,
            admin_password: self.admin_password,
            admin_token: self.admin_token,
            webhooks: Default::default(),
            oauth: crate::oauth::OAuth::new(&self.oauth_clients, self.oauth_lifetime),
            lockout: Mutex::new(crate::http::Lockout {
                after: self.captcha_after,
                failures: HashMap::new(),
            }),
        });
        let scim = Arc::new(crate::scim::Directory::seed(
            self.scim.0,
            self.scim.1,
            &lock(&shared.state),
        ));
        let app = crate::routes::router(shared.clone(), scim.clone());
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
        });
        Ok(Server {
            shared,
            scim,
            addr,
            url,
            max_faults_per_request: self.max_faults_per_request,
            shutdown: Some(tx),
            task: Some(task),
        })
    }
}

fn fault_config(rate: f64, seed: u64, max_per_request: u32) -> FaultConfig {
    let rate = if rate.is_nan() {
        0.0
    } else {
        rate.clamp(0.0, 1.0)
    };
    FaultConfig {
        rate,
        seed,
        max_per_request,
    }
}

/// A running fake Bitbucket on 127.0.0.1. Dropping it stops the server.
pub struct Server {
    shared: Arc<Shared>,
    pub(crate) scim: Arc<crate::scim::Directory>,
    addr: SocketAddr,
    url: String,
    max_faults_per_request: u32,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl fmt::Debug for Server {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Server")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

impl Server {
    /// An empty builder: no users, no workspaces, no latency, faults or limits.
    pub fn builder() -> ServerBuilder {
        ServerBuilder::default()
    }

    /// Data Center preset: 2,000 users (`user0001`..`user2000`) with 0 to 3 tokens each.
    pub fn dc() -> ServerBuilder {
        Self::builder().dc_users(2_000)
    }

    /// Cloud preset: workspace `acme` with 50 members and 200 repositories in 4 projects.
    pub fn cloud() -> ServerBuilder {
        Self::builder().cloud_workspace("acme", 50, 200)
    }

    /// Base URL, `http://127.0.0.1:PORT` (no trailing slash). Cloud lives under
    /// `{url}/2.0/...`, Data Center under `{url}/rest/...`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The bound socket address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Admin user name and password (Basic), accepted by both APIs.
    pub fn admin_credentials(&self) -> (String, String) {
        (
            self.shared.admin_user.clone(),
            self.shared.admin_password.clone(),
        )
    }

    /// Admin bearer token, accepted by both APIs (also as Basic password for the admin user).
    pub fn admin_token(&self) -> &str {
        &self.shared.admin_token
    }

    /// Webhook registry and delivery log: register receivers, read or await deliveries.
    pub fn webhooks(&self) -> &crate::Webhooks {
        &self.shared.webhooks
    }

    /// Current counters.
    pub fn stats(&self) -> Stats {
        let c = &self.shared.counters;
        let get = |a: &std::sync::atomic::AtomicU64| a.load(Ordering::Relaxed);
        Stats {
            requests: get(&c.requests),
            dc_requests: get(&c.dc_requests),
            cloud_requests: get(&c.cloud_requests),
            rate_limited: get(&c.rate_limited),
            faults: get(&c.faults),
            unauthorized: get(&c.unauthorized),
        }
    }

    /// Total requests received since start or the last [`reset_counters`](Self::reset_counters).
    pub fn request_count(&self) -> u64 {
        self.stats().requests
    }

    /// 429 responses served.
    pub fn rate_limited_count(&self) -> u64 {
        self.stats().rate_limited
    }

    /// Injected 5xx responses served.
    pub fn fault_count(&self) -> u64 {
        self.stats().faults
    }

    /// Sets every counter back to zero.
    pub fn reset_counters(&self) {
        let c = &self.shared.counters;
        for a in [
            &c.requests,
            &c.dc_requests,
            &c.cloud_requests,
            &c.rate_limited,
            &c.faults,
            &c.unauthorized,
        ] {
            a.store(0, Ordering::Relaxed);
        }
    }

    /// Counters of the OAuth token endpoints: requests, tokens issued (with their times) and
    /// API requests refused for an expired token.
    pub fn oauth_stats(&self) -> crate::OAuthStats {
        self.shared.oauth.stats()
    }

    /// Changes the lifetime of OAuth access tokens issued from now on.
    pub fn set_oauth_token_lifetime(&self, lifetime: Duration) {
        self.shared.oauth.set_lifetime(lifetime);
    }

    /// Expires every OAuth access token issued so far (refresh tokens stay valid).
    pub fn expire_oauth_tokens(&self) {
        self.shared.oauth.expire_all();
    }

    /// Failed Basic logins counted towards the CAPTCHA lockout for `user`.
    pub fn failed_logins(&self, user: &str) -> u32 {
        lock(&self.shared.lockout)
            .failures
            .get(user)
            .copied()
            .unwrap_or(0)
    }

    /// Clears `user`'s CAPTCHA lockout, as a browser login with a solved CAPTCHA does.
    pub fn clear_captcha(&self, user: &str) {
        lock(&self.shared.lockout).failures.remove(user);
    }

    /// Changes the per-request latency.
    pub fn set_latency(&self, latency: Duration) {
        lock(&self.shared.knobs).latency = latency;
    }

    /// Answers the next `n` Cloud requests with 429 (adds to any pending burst).
    pub fn inject_cloud_429s(&self, n: u64) {
        lock(&self.shared.knobs).cloud_burst += n;
    }

    /// Answers the next `n` DC requests with 429 (adds to any pending burst).
    pub fn inject_dc_429s(&self, n: u64) {
        lock(&self.shared.knobs).dc_burst += n;
    }

    /// Sets or removes the Cloud request budget (see [`ServerBuilder::cloud_rate_limit`]) and
    /// starts a fresh window.
    pub fn set_cloud_rate_limit(&self, limit: Option<(u64, Duration)>) {
        let mut k = lock(&self.shared.knobs);
        k.cloud_limit = limit;
        k.window_start = None;
        k.window_count = 0;
    }

    /// Starts a fresh Cloud rate-limit window now, as if the window had elapsed.
    pub fn reset_rate_limit_window(&self) {
        let mut k = lock(&self.shared.knobs);
        k.window_start = None;
        k.window_count = 0;
    }

    /// Sets the fault rate and seed (see [`ServerBuilder::fault_rate`]) and forgets which
    /// requests were already seen; a rate of 0 turns faults off.
    pub fn set_fault_rate(&self, rate: f64, seed: u64) {
        let mut k = lock(&self.shared.knobs);
        k.faults = Some(fault_config(rate, seed, self.max_faults_per_request));
        k.fault_seen.clear();
    }

    /// Turns unstable Cloud page order on (with a seed) or off; see
    /// [`ServerBuilder::cloud_unstable_pages`].
    pub fn set_cloud_unstable_pages(&self, seed: Option<u64>) {
        let mut k = lock(&self.shared.knobs);
        k.unstable_pages = seed;
        k.page_requests = 0;
    }

    /// The server's current time in epoch milliseconds: the start clock
    /// ([`ServerBuilder::now_ms`]) plus the real time elapsed since start.
    pub fn now_ms(&self) -> i64 {
        lock(&self.shared.state).now_ms()
    }

    /// Changes which expiry fields DC token answers carry (see
    /// [`ServerBuilder::token_expiry`]).
    pub fn set_token_expiry(&self, expiry: TokenExpiry) {
        lock(&self.shared.state).token_expiry = expiry;
    }

    /// All DC users, in listing order.
    pub fn dc_users(&self) -> Vec<DcUser> {
        lock(&self.shared.state)
            .dc_users
            .iter()
            .map(|r| r.user.clone())
            .collect()
    }

    /// The current tokens of a DC user (sorted by id), or `None` for an unknown slug.
    pub fn dc_user_tokens(&self, slug: &str) -> Option<Vec<DcToken>> {
        let state = lock(&self.shared.state);
        state
            .dc_user(slug)
            .map(|i| state.dc_users[i].tokens.clone())
    }

    /// Number of DC tokens across all users.
    pub fn dc_token_count(&self) -> usize {
        lock(&self.shared.state)
            .dc_users
            .iter()
            .map(|r| r.tokens.len())
            .sum()
    }

    /// All seeded DC projects with their repositories.
    pub fn dc_projects(&self) -> Vec<DcProject> {
        lock(&self.shared.state).dc_projects.clone()
    }

    fn with_ws<T>(&self, ws: &str, f: impl FnOnce(&crate::model::Workspace) -> T) -> Option<T> {
        let state = lock(&self.shared.state);
        state.workspace(ws).map(|i| f(&state.workspaces[i]))
    }

    /// Members of a Cloud workspace, or `None` for an unknown workspace.
    pub fn cloud_members(&self, workspace: &str) -> Option<Vec<CloudMember>> {
        self.with_ws(workspace, |w| w.members.clone())
    }

    /// Repositories of a Cloud workspace.
    pub fn cloud_repos(&self, workspace: &str) -> Option<Vec<CloudRepo>> {
        self.with_ws(workspace, |w| w.repos.clone())
    }

    /// Projects of a Cloud workspace.
    pub fn cloud_projects(&self, workspace: &str) -> Option<Vec<CloudProject>> {
        self.with_ws(workspace, |w| w.projects.clone())
    }

    /// Every remaining explicit user permission in a workspace: repositories first (in
    /// repository order), then projects, each in the order the API lists them.
    pub fn cloud_permissions(&self, workspace: &str) -> Option<Vec<CloudPermission>> {
        self.with_ws(workspace, |w| {
            let repo = w.repos.iter().zip(&w.repo_perms).flat_map(|(r, perms)| {
                perms.iter().map(|(m, p)| CloudPermission {
                    target: PermissionTarget::Repository(r.slug.clone()),
                    account_id: w.members[*m].account_id.clone(),
                    permission: p.clone(),
                })
            });
            let project = w
                .projects
                .iter()
                .zip(&w.project_perms)
                .flat_map(|(pr, perms)| {
                    perms.iter().map(|(m, p)| CloudPermission {
                        target: PermissionTarget::Project(pr.key.clone()),
                        account_id: w.members[*m].account_id.clone(),
                        permission: p.clone(),
                    })
                });
            repo.chain(project).collect()
        })
    }

    /// Grants (or changes) an explicit permission directly, for test setup. Returns `false`
    /// if the workspace, target or member is unknown or the permission is not
    /// `read`/`write`/`admin`.
    pub fn grant_cloud_permission(
        &self,
        workspace: &str,
        target: &PermissionTarget,
        account_id: &str,
        permission: &str,
    ) -> bool {
        if !CLOUD_PERMISSIONS.contains(&permission) {
            return false;
        }
        let mut state = lock(&self.shared.state);
        let Some(wi) = state.workspace(workspace) else {
            return false;
        };
        let w = &mut state.workspaces[wi];
        let Some(m) = w.member(account_id) else {
            return false;
        };
        let table = match target {
            PermissionTarget::Repository(slug) => match w.repo_index.get(slug) {
                Some(t) => &mut w.repo_perms[*t],
                None => return false,
            },
            PermissionTarget::Project(key) => match w.project_index.get(key) {
                Some(t) => &mut w.project_perms[*t],
                None => return false,
            },
        };
        match table.iter_mut().find(|p| p.0 == m) {
            Some(p) => p.1 = permission.to_string(),
            None => table.push((m, permission.to_string())),
        }
        true
    }

    /// Stops accepting connections and waits for the server task to end.
    pub async fn shutdown(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}
