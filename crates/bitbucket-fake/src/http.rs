//! Request gate (latency, rate limits, faults, authentication), error bodies and paging.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::extract::{Request, State as AxState};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use serde_json::{Value, json};
use tokio::time::Instant;

use crate::model::State;
use crate::rng::{hash, hash_str, unit};

/// Body sent with a Cloud 429.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RateLimitBody {
    /// `text/plain` body (the default; Bitbucket Cloud often answers this way).
    #[default]
    Text,
    /// A Cloud JSON error body.
    Json,
}

/// Which API a request path belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Api {
    Dc,
    Cloud,
    Other,
}

impl Api {
    fn of(path: &str) -> Api {
        if path.starts_with("/rest/oauth2/") {
            // The token and authorize endpoints authenticate the client themselves.
            Api::Other
        } else if path == "/rest" || path.starts_with("/rest/") {
            Api::Dc
        } else if path == "/2.0" || path.starts_with("/2.0/") {
            Api::Cloud
        } else {
            Api::Other
        }
    }
}

/// Who a request authenticated as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Identity {
    Admin,
    /// A DC user, by index in `State::dc_users`.
    DcUser(usize),
}

/// How a Bearer request authenticated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Via {
    /// Bearer with an HTTP access token (the admin token or a user's token).
    AccessToken,
    /// Bearer with an OAuth 2 access token.
    OAuth,
}

/// Failed Basic logins per user name, and the threshold after which Data Center demands a
/// CAPTCHA (answered with `X-Authentication-Denied-Reason`).
#[derive(Debug, Default)]
pub(crate) struct Lockout {
    pub after: Option<u32>,
    pub failures: HashMap<String, u32>,
}

/// Seeded fault injection settings.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FaultConfig {
    pub rate: f64,
    pub seed: u64,
    pub max_per_request: u32,
}

/// Knobs that can change while the server runs.
#[derive(Debug, Default)]
pub(crate) struct Knobs {
    pub latency: Duration,
    pub cloud_limit: Option<(u64, Duration)>,
    pub window_start: Option<Instant>,
    pub window_count: u64,
    pub rate_limit_body: RateLimitBody,
    pub cloud_burst: u64,
    pub dc_burst: u64,
    pub dc_retry_after: u64,
    pub faults: Option<FaultConfig>,
    /// Seed for unstable Cloud page order, when on.
    pub unstable_pages: Option<u64>,
    /// Cloud pages served while unstable order was on.
    pub page_requests: u64,
    /// Per request key (method + path + query): (times seen, times faulted).
    pub fault_seen: HashMap<u64, (u32, u32)>,
}

/// Request counters.
#[derive(Debug, Default)]
pub(crate) struct Counters {
    pub requests: AtomicU64,
    pub dc_requests: AtomicU64,
    pub cloud_requests: AtomicU64,
    pub rate_limited: AtomicU64,
    pub faults: AtomicU64,
    pub unauthorized: AtomicU64,
}

/// State shared by every handler.
pub(crate) struct Shared {
    pub state: Mutex<State>,
    pub knobs: Mutex<Knobs>,
    pub counters: Counters,
    pub base_url: String,
    pub admin_user: String,
    pub admin_password: String,
    pub admin_token: String,
    pub webhooks: crate::webhooks::Webhooks,
    pub oauth: crate::oauth::OAuth,
    pub lockout: Mutex<Lockout>,
}

/// Locks a mutex, recovering the data if a holder panicked.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Shared {
    /// A fresh per-response seed when unstable page order is on.
    fn page_noise(&self) -> Option<u64> {
        let mut k = lock(&self.knobs);
        let seed = k.unstable_pages?;
        k.page_requests += 1;
        Some(hash(seed, &[k.page_requests]))
    }

    /// Answers a 429 when a burst is pending or the Cloud budget is spent.
    fn throttle(&self, api: Api) -> Option<Response> {
        let mut k = lock(&self.knobs);
        match api {
            Api::Dc if k.dc_burst > 0 => {
                k.dc_burst -= 1;
                let mut r = dc_error(
                    StatusCode::TOO_MANY_REQUESTS,
                    "com.atlassian.bitbucket.throttle.ThrottledException",
                    "Too many requests; retry later.",
                );
                if let Ok(v) = HeaderValue::from_str(&k.dc_retry_after.to_string()) {
                    r.headers_mut().insert(header::RETRY_AFTER, v);
                }
                Some(r)
            }
            Api::Cloud => {
                if k.cloud_burst > 0 {
                    k.cloud_burst -= 1;
                    return Some(cloud_429(k.rate_limit_body));
                }
                let (budget, window) = k.cloud_limit?;
                let now = Instant::now();
                match k.window_start {
                    Some(start) if now.duration_since(start) < window => {}
                    _ => {
                        k.window_start = Some(now);
                        k.window_count = 0;
                    }
                }
                if k.window_count >= budget {
                    return Some(cloud_429(k.rate_limit_body));
                }
                k.window_count += 1;
                None
            }
            _ => None,
        }
    }

    /// Answers a seeded 500/503 for a fraction of requests.
    fn fault(&self, api: Api, req: &Request) -> Option<Response> {
        if api == Api::Other {
            return None;
        }
        let mut k = lock(&self.knobs);
        let cfg = k.faults?;
        let target = req.uri().path_and_query().map_or("", |p| p.as_str());
        let key = hash(
            cfg.seed,
            &[hash_str(req.method().as_str()), hash_str(target)],
        );
        let entry = k.fault_seen.entry(key).or_insert((0, 0));
        let draw = hash(cfg.seed, &[key, u64::from(entry.0)]);
        entry.0 += 1;
        if entry.1 >= cfg.max_per_request || unit(draw) >= cfg.rate {
            return None;
        }
        entry.1 += 1;
        let status = if draw & 1 == 0 {
            StatusCode::SERVICE_UNAVAILABLE
        } else {
            StatusCode::INTERNAL_SERVER_ERROR
        };
        Some(match api {
            Api::Dc => dc_error(
                status,
                "com.atlassian.bitbucket.ServiceException",
                "Injected fault: the server is temporarily unable to answer.",
            ),
            _ => cloud_error(
                status,
                "Injected fault: the server is temporarily unable to answer.",
            ),
        })
    }

    /// Checks the Authorization header for the API and path.
    fn authenticate(
        &self,
        api: Api,
        path: &str,
        headers: &HeaderMap,
    ) -> Result<Identity, Response> {
        let Some(value) = headers.get(header::AUTHORIZATION) else {
            return Err(unauthorized(api, false));
        };
        let value = value.to_str().unwrap_or("");
        let (scheme, rest) = value.split_once(' ').unwrap_or((value, ""));
        let rest = rest.trim();
        let found = if scheme.eq_ignore_ascii_case("basic") {
            let decoded = base64::engine::general_purpose::STANDARD
                .decode(rest)
                .ok()
                .and_then(|b| String::from_utf8(b).ok());
            match decoded.as_deref().and_then(|d| d.split_once(':')) {
                Some((user, secret)) => {
                    return self.basic_login(api, user, secret);
                }
                None => None,
            }
        } else if scheme.eq_ignore_ascii_case("bearer") {
            match self.oauth.check(rest) {
                crate::oauth::Bearer::Valid => Some((Identity::Admin, Via::OAuth)),
                crate::oauth::Bearer::Expired => return Err(expired(api)),
                crate::oauth::Bearer::Unknown => self
                    .check_bearer(api, rest)
                    .map(|who| (who, Via::AccessToken)),
            }
        } else {
            None
        };
        match found {
            Some((who, via)) if self.refuses_token(api, path, who, via) => {
                Err(unauthorized(api, false))
            }
            Some((who, _)) => Ok(who),
            None => Err(unauthorized(api, true)),
        }
    }

    /// A Basic login, counting failures per user name towards the CAPTCHA lockout (Data
    /// Center only); a locked user is refused before the password is checked.
    fn basic_login(&self, api: Api, user: &str, secret: &str) -> Result<Identity, Response> {
        let mut lockout = lock(&self.lockout);
        let limit = lockout.after.filter(|_| api == Api::Dc);
        if let Some(limit) = limit
            && lockout.failures.get(user).copied().unwrap_or(0) >= limit
        {
            return Err(captcha(&self.base_url));
        }
        match self.check_basic(api, user, secret) {
            Some(who) => {
                lockout.failures.remove(user);
                Ok(who)
            }
            None => {
                if limit.is_some() {
                    *lockout.failures.entry(user.to_owned()).or_insert(0) += 1;
                }
                Err(unauthorized(api, true))
            }
        }
    }

    /// Data Center refuses HTTP access tokens (as Bearer) on administrative endpoints: user
    /// management, other users' access tokens and settings. The admin's token is refused there
    /// with 401; only Basic with the admin password or an OAuth 2 token gets through. (A plain
    /// user's token reaches the handler, which answers 403 as before.)
    fn refuses_token(&self, api: Api, path: &str, who: Identity, via: Via) -> bool {
        if api != Api::Dc || via != Via::AccessToken {
            return false;
        }
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        who == Identity::Admin
            && matches!(
                segments.as_slice(),
                ["rest", "api", _, "admin", ..] | ["rest", "access-tokens", _, "users", ..]
            )
    }

    fn check_basic(&self, api: Api, user: &str, secret: &str) -> Option<Identity> {
        if user == self.admin_user && (secret == self.admin_password || secret == self.admin_token)
        {
            return Some(Identity::Admin);
        }
        match self.check_bearer(api, secret)? {
            Identity::DcUser(i) => {
                let state = lock(&self.state);
                let u = &state.dc_users[i].user;
                (u.name == user || u.slug == user).then_some(Identity::DcUser(i))
            }
            Identity::Admin => None,
        }
    }

    fn check_bearer(&self, api: Api, token: &str) -> Option<Identity> {
        if token == self.admin_token {
            return Some(Identity::Admin);
        }
        if api != Api::Dc {
            return None;
        }
        let state = lock(&self.state);
        state
            .token_secrets
            .get(token)
            .map(|(i, _)| Identity::DcUser(*i))
    }
}

/// The gate every request passes: counting, latency, 429s, faults, then authentication.
pub(crate) async fn gate(
    AxState(shared): AxState<Arc<Shared>>,
    mut req: Request,
    next: Next,
) -> Response {
    let api = Api::of(req.uri().path());
    let c = &shared.counters;
    c.requests.fetch_add(1, Ordering::Relaxed);
    match api {
        Api::Dc => c.dc_requests.fetch_add(1, Ordering::Relaxed),
        Api::Cloud => c.cloud_requests.fetch_add(1, Ordering::Relaxed),
        Api::Other => 0,
    };
    let latency = lock(&shared.knobs).latency;
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    if let Some(resp) = shared.throttle(api) {
        c.rate_limited.fetch_add(1, Ordering::Relaxed);
        return resp;
    }
    if let Some(resp) = shared.fault(api, &req) {
        c.faults.fetch_add(1, Ordering::Relaxed);
        return resp;
    }
    if api == Api::Other {
        return next.run(req).await;
    }
    match shared.authenticate(api, req.uri().path(), req.headers()) {
        Ok(identity) => {
            req.extensions_mut().insert(identity);
            let mut resp = next.run(req).await;
            if api == Api::Cloud {
                shared.add_rate_limit_headers(&mut resp);
            }
            resp
        }
        Err(resp) => {
            c.unauthorized.fetch_add(1, Ordering::Relaxed);
            resp
        }
    }
}

impl Shared {
    /// Adds `X-RateLimit-*` headers when a Cloud budget is configured.
    fn add_rate_limit_headers(&self, resp: &mut Response) {
        let k = lock(&self.knobs);
        let Some((budget, _)) = k.cloud_limit else {
            return;
        };
        let h = resp.headers_mut();
        h.insert("x-ratelimit-limit", HeaderValue::from(budget));
        h.insert("x-ratelimit-resource", HeaderValue::from_static("api"));
        let near = k.window_count.saturating_mul(20) >= budget.saturating_mul(19);
        h.insert(
            "x-ratelimit-nearlimit",
            HeaderValue::from_static(if near { "true" } else { "false" }),
        );
    }
}

fn cloud_429(body: RateLimitBody) -> Response {
    match body {
        RateLimitBody::Text => (
            StatusCode::TOO_MANY_REQUESTS,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "Rate limit for this resource has been exceeded",
        )
            .into_response(),
        RateLimitBody::Json => cloud_error(
            StatusCode::TOO_MANY_REQUESTS,
            "Rate limit for this resource has been exceeded",
        ),
    }
}

fn unauthorized(api: Api, wrong: bool) -> Response {
    let mut resp = match api {
        Api::Dc if wrong => dc_error(
            StatusCode::UNAUTHORIZED,
            "com.atlassian.bitbucket.auth.IncorrectPasswordAuthenticationException",
            "Authentication failed. Please check your credentials and try again.",
        ),
        Api::Dc => dc_error(
            StatusCode::UNAUTHORIZED,
            "com.atlassian.bitbucket.AuthorisationException",
            "You are not permitted to access this resource",
        ),
        _ => cloud_error_detail(
            StatusCode::UNAUTHORIZED,
            if wrong {
                "Invalid credentials"
            } else {
                "Authentication required"
            },
            "Send Basic credentials (user and password or API token) or a Bearer access token.",
        ),
    };
    let realm = if api == Api::Dc {
        "Basic realm=\"Atlassian Bitbucket\""
    } else {
        "Basic realm=\"Bitbucket.org HTTP\""
    };
    resp.headers_mut()
        .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static(realm));
    resp
}

/// 401 for an OAuth access token past its lifetime.
fn expired(api: Api) -> Response {
    match api {
        Api::Dc => dc_error(
            StatusCode::UNAUTHORIZED,
            "com.atlassian.bitbucket.auth.ExpiredAuthenticationException",
            "The access token has expired.",
        ),
        _ => cloud_error(StatusCode::UNAUTHORIZED, "Access token expired."),
    }
}

/// 401 for a user locked behind a CAPTCHA after too many failed logins.
fn captcha(base_url: &str) -> Response {
    let mut resp = dc_error(
        StatusCode::UNAUTHORIZED,
        "com.atlassian.bitbucket.auth.CaptchaRequiredAuthenticationException",
        "CAPTCHA required. Your Bitbucket account has been locked. To unlock it, log in \
         using the web UI.",
    );
    let reason = format!("CAPTCHA_CHALLENGE; login-url={base_url}/login");
    if let Ok(v) = HeaderValue::from_str(&reason) {
        resp.headers_mut()
            .insert("x-authentication-denied-reason", v);
    }
    resp
}

/// A JSON response with DC's content type.
pub(crate) fn dc_json(status: StatusCode, body: Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json;charset=UTF-8")],
        body.to_string(),
    )
        .into_response()
}

/// A JSON response with Cloud's content type.
pub(crate) fn cloud_json(status: StatusCode, body: Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

/// A DC error body: `{"errors":[{"context":null,"message":..,"exceptionName":..}]}`.
pub(crate) fn dc_error(status: StatusCode, exception: &str, message: &str) -> Response {
    dc_json(
        status,
        json!({"errors": [{"context": null, "message": message, "exceptionName": exception}]}),
    )
}

/// A Cloud error body: `{"type":"error","error":{"message":..}}`.
pub(crate) fn cloud_error(status: StatusCode, message: &str) -> Response {
    cloud_json(
        status,
        json!({"type": "error", "error": {"message": message}}),
    )
}

/// A Cloud error body with a `detail`.
pub(crate) fn cloud_error_detail(status: StatusCode, message: &str, detail: &str) -> Response {
    cloud_json(
        status,
        json!({"type": "error", "error": {"message": message, "detail": detail}}),
    )
}

/// Percent-encodes one path segment (everything but RFC 3986 unreserved characters and
/// the `:`/`@` that segments may hold as they are).
pub(crate) fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b':' | b'@') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn parse_num(q: &HashMap<String, String>, name: &str) -> Result<Option<i64>, String> {
    match q.get(name) {
        None => Ok(None),
        Some(v) if v.is_empty() => Ok(None),
        Some(v) => v
            .parse::<i64>()
            .map(Some)
            .map_err(|_| format!("'{v}' is not a valid value for '{name}'")),
    }
}

/// Largest `limit` a DC page honours.
pub(crate) const DC_MAX_LIMIT: usize = 1000;
/// Largest `pagelen` a Cloud page honours.
pub(crate) const CLOUD_MAX_PAGELEN: usize = 100;

/// Builds a DC page envelope over `total` items; `item(i)` renders item `i`.
pub(crate) fn dc_page(
    q: &HashMap<String, String>,
    total: usize,
    item: impl Fn(usize) -> Value,
) -> Response {
    let parsed = parse_num(q, "start").and_then(|s| Ok((s, parse_num(q, "limit")?)));
    let (start, limit) = match parsed {
        Ok((s, l)) if s.unwrap_or(0) >= 0 => (s.unwrap_or(0) as usize, l),
        Ok(_) => return dc_bad_request("'start' must not be negative"),
        Err(msg) => return dc_bad_request(&msg),
    };
    let limit = match limit {
        Some(l) if l > 0 => (l as usize).min(DC_MAX_LIMIT),
        _ => 25,
    };
    let end = start.saturating_add(limit).min(total);
    let values: Vec<Value> = (start.min(end)..end).map(item).collect();
    let is_last = end >= total;
    let mut body = json!({
        "size": values.len(),
        "limit": limit,
        "isLastPage": is_last,
        "start": start,
        "values": values,
    });
    if !is_last {
        body["nextPageStart"] = json!(end);
    }
    dc_json(StatusCode::OK, body)
}

fn dc_bad_request(msg: &str) -> Response {
    dc_error(
        StatusCode::BAD_REQUEST,
        "com.atlassian.bitbucket.validation.ArgumentValidationException",
        msg,
    )
}

/// Builds a Cloud page envelope over `total` items with absolute `next`/`previous` links.
///
/// The links keep the request's query string with `page` replaced. With unstable pages
/// on, the page's items come shuffled and, after page 1, also repeat the last item of the
/// previous page (nothing is ever left out).
pub(crate) fn cloud_page(
    shared: &Shared,
    uri: &Uri,
    q: &HashMap<String, String>,
    total: usize,
    item: impl Fn(usize) -> Value,
) -> Response {
    let (page, pagelen) = match (parse_num(q, "page"), parse_num(q, "pagelen")) {
        (Ok(p), Ok(l)) => (p.unwrap_or(1), l.unwrap_or(10)),
        (Err(m), _) | (_, Err(m)) => return cloud_error(StatusCode::BAD_REQUEST, &m),
    };
    if page < 1 {
        return cloud_error(StatusCode::BAD_REQUEST, "Invalid page: pages start at 1");
    }
    if pagelen < 1 {
        return cloud_error(
            StatusCode::BAD_REQUEST,
            "Invalid pagelen: must be at least 1",
        );
    }
    let pagelen = (pagelen as usize).min(CLOUD_MAX_PAGELEN);
    let page = page as usize;
    let start = (page - 1).saturating_mul(pagelen).min(total);
    let end = start.saturating_add(pagelen).min(total);
    let mut indices: Vec<usize> = (start..end).collect();
    if let Some(noise) = shared.page_noise() {
        if start > 0 && start < total {
            indices.push(start - 1);
        }
        for i in (1..indices.len()).rev() {
            let j = (hash(noise, &[i as u64]) % (i as u64 + 1)) as usize;
            indices.swap(i, j);
        }
    }
    let values: Vec<Value> = indices.into_iter().map(item).collect();
    let (base_url, path) = (&shared.base_url, uri.path());
    let link = |p: usize| {
        let mut parts: Vec<String> = uri
            .query()
            .unwrap_or("")
            .split('&')
            .filter(|kv| !kv.is_empty() && kv.split('=').next() != Some("page"))
            .map(str::to_string)
            .collect();
        parts.push(format!("page={p}"));
        format!("{base_url}{path}?{}", parts.join("&"))
    };
    let mut body = json!({
        "size": total,
        "page": page,
        "pagelen": pagelen,
        "values": values,
    });
    if end < total {
        body["next"] = json!(link(page + 1));
    }
    if page > 1 {
        body["previous"] = json!(link((page - 1).min(total.div_ceil(pagelen).max(1))));
    }
    cloud_json(StatusCode::OK, body)
}

/// Formats epoch milliseconds as ISO-8601 UTC with microseconds, as Cloud does
/// (`2024-03-05T12:34:56.789000+00:00`).
pub(crate) fn iso8601(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let millis = ms.rem_euclid(1000);
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{millis:03}000+00:00",
        sod / 3600,
        sod / 60 % 60,
        sod % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_dates_and_segments() {
        assert_eq!(iso8601(0), "1970-01-01T00:00:00.000000+00:00");
        assert_eq!(
            iso8601(1_704_067_200_000),
            "2024-01-01T00:00:00.000000+00:00"
        );
        assert_eq!(
            iso8601(1_709_641_234_567),
            "2024-03-05T12:20:34.567000+00:00"
        );
        assert_eq!(encode_segment("{a b}@x.y/z:1"), "%7Ba%20b%7D@x.y%2Fz:1");
    }

    #[tokio::test(start_paused = true)]
    async fn cloud_window_resets_after_it_elapses() {
        let spec = crate::model::SeedSpec {
            seed: 1,
            now_ms: Some(crate::model::DEFAULT_NOW_MS),
            token_expiry: crate::model::TokenExpiry::Days,
            dc_users: 0,
            named_users: Vec::new(),
            tokens_per_user: 0..=0,
            workspaces: Vec::new(),
            dc_projects: Vec::new(),
            cloud_downloads: Vec::new(),
        };
        let shared = Shared {
            state: Mutex::new(State::seed(&spec)),
            knobs: Mutex::new(Knobs {
                cloud_limit: Some((2, Duration::from_secs(60))),
                ..Knobs::default()
            }),
            counters: Counters::default(),
            base_url: String::new(),
            admin_user: "a".into(),
            admin_password: "p".into(),
            admin_token: "t".into(),
            webhooks: Default::default(),
            oauth: crate::oauth::OAuth::new(&[], crate::oauth::DEFAULT_LIFETIME),
            lockout: Mutex::new(Lockout::default()),
        };
        assert!(shared.throttle(Api::Cloud).is_none());
        tokio::time::advance(Duration::from_secs(30)).await;
        assert!(shared.throttle(Api::Cloud).is_none());
        assert!(shared.throttle(Api::Dc).is_none());
        let limited = shared.throttle(Api::Cloud).expect("budget spent");
        assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(limited.headers().get(header::RETRY_AFTER).is_none());
        tokio::time::advance(Duration::from_secs(29)).await;
        assert!(shared.throttle(Api::Cloud).is_some());
        tokio::time::advance(Duration::from_secs(2)).await;
        assert!(shared.throttle(Api::Cloud).is_none());
    }

    #[test]
    fn classifies_paths() {
        assert_eq!(Api::of("/rest/api/latest/users"), Api::Dc);
        assert_eq!(Api::of("/2.0/repositories/acme"), Api::Cloud);
        assert_eq!(Api::of("/restful"), Api::Other);
    }
}
