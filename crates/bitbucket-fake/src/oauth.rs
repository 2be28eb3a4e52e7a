//! OAuth 2 authorization servers of both APIs: registered clients, authorization codes,
//! access tokens with a lifetime, and refresh tokens that rotate on every use.
//!
//! Cloud (`/site/oauth2/authorize`, `/site/oauth2/access_token`) grants client credentials,
//! authorization codes and refreshes; Data Center (`/rest/oauth2/latest/authorize`,
//! `/rest/oauth2/latest/token`) grants authorization codes (with PKCE when the authorize
//! request carried a challenge) and refreshes, and answers `unsupported_grant_type` to client
//! credentials. Every token acts as the admin account (who "consented").

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Query, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use serde_json::{Value, json};
use sha2::{Digest as _, Sha256};
use tokio::time::Instant;

use crate::http::{Shared, encode_segment, lock};
use crate::rng::hash_str;

/// Default access-token lifetime: two hours, as on Bitbucket Cloud.
pub(crate) const DEFAULT_LIFETIME: Duration = Duration::from_secs(7200);

/// Counters of the token endpoints, as returned by [`crate::Server::oauth_stats`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct OAuthStats {
    /// Requests to either token endpoint, whatever their outcome.
    pub token_requests: u64,
    /// Access tokens issued.
    pub tokens_issued: u64,
    /// API requests refused because their OAuth access token had expired.
    pub expired_rejections: u64,
    /// When each access token was issued, as time since the server started.
    pub issued_at: Vec<Duration>,
}

/// Which authorization server a request reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Flavor {
    Cloud,
    Dc,
}

struct Code {
    client: String,
    redirect_uri: Option<String>,
    challenge: Option<String>,
}

/// What a bearer token turned out to be.
pub(crate) enum Bearer {
    /// A live OAuth access token.
    Valid,
    /// An OAuth access token past its lifetime.
    Expired,
    /// Not an OAuth token.
    Unknown,
}

/// Registered clients and the tokens they hold.
pub(crate) struct OAuth {
    state: Mutex<Tokens>,
    token_requests: AtomicU64,
}

struct Tokens {
    clients: HashMap<String, String>,
    lifetime: Duration,
    started: Instant,
    seq: u64,
    codes: HashMap<String, Code>,
    access: HashMap<String, Instant>,
    refresh: HashMap<String, String>,
    issued_at: Vec<Duration>,
    expired_rejections: u64,
}

impl OAuth {
    /// A server with these clients (id, secret) and access-token lifetime.
    pub(crate) fn new(clients: &[(String, String)], lifetime: Duration) -> Self {
        Self {
            state: Mutex::new(Tokens {
                clients: clients.iter().cloned().collect(),
                lifetime,
                started: Instant::now(),
                seq: 0,
                codes: HashMap::new(),
                access: HashMap::new(),
                refresh: HashMap::new(),
                issued_at: Vec::new(),
                expired_rejections: 0,
            }),
            token_requests: AtomicU64::new(0),
        }
    }

    /// Classifies a bearer token, counting expired ones.
    pub(crate) fn check(&self, token: &str) -> Bearer {
        let mut s = lock(&self.state);
        match s.access.get(token) {
            None => Bearer::Unknown,
            Some(exp) if Instant::now() < *exp => Bearer::Valid,
            Some(_) => {
                s.expired_rejections += 1;
                Bearer::Expired
            }
        }
    }

    /// Current counters.
    pub(crate) fn stats(&self) -> OAuthStats {
        let s = lock(&self.state);
        OAuthStats {
            token_requests: self.token_requests.load(Ordering::Relaxed),
            tokens_issued: s.issued_at.len() as u64,
            expired_rejections: s.expired_rejections,
            issued_at: s.issued_at.clone(),
        }
    }

    /// Changes the lifetime of tokens issued from now on.
    pub(crate) fn set_lifetime(&self, lifetime: Duration) {
        lock(&self.state).lifetime = lifetime;
    }

    /// Expires every access token issued so far.
    pub(crate) fn expire_all(&self) {
        let now = Instant::now();
        for exp in lock(&self.state).access.values_mut() {
            *exp = now;
        }
    }
}

impl Tokens {
    fn next(&mut self, kind: &str) -> String {
        self.seq += 1;
        let h = hash_str(&format!("{kind}{}", self.seq));
        format!("fake-{kind}-{:06}-{h:016x}", self.seq)
    }

    /// Issues an access token and a refresh token for `client`.
    fn issue(&mut self, client: &str, flavor: Flavor) -> Response {
        let access = self.next("at");
        let refresh = self.next("rt");
        let now = Instant::now();
        self.access.insert(access.clone(), now + self.lifetime);
        self.refresh.insert(refresh.clone(), client.to_owned());
        self.issued_at.push(now.duration_since(self.started));
        let scope_key = if flavor == Flavor::Cloud {
            "scopes"
        } else {
            "scope"
        };
        let mut body = json!({
            "access_token": access,
            "token_type": "bearer",
            "expires_in": self.lifetime.as_secs(),
            "refresh_token": refresh,
        });
        body[scope_key] = json!(if flavor == Flavor::Cloud {
            "account repository"
        } else {
            "REPO_ADMIN"
        });
        json_response(StatusCode::OK, &body)
    }
}

fn json_response(status: StatusCode, body: &Value) -> Response {
    let mut resp = (status, body.to_string()).into_response();
    resp.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

/// An RFC 6749 section 5.2 error answer.
fn oauth_error(status: StatusCode, code: &str, description: &str) -> Response {
    json_response(
        status,
        &json!({"error": code, "error_description": description}),
    )
}

/// The client id and secret from Basic, the form body or (Data Center) the query.
fn client_of(
    headers: &HeaderMap,
    form: &HashMap<String, String>,
    query: &HashMap<String, String>,
) -> Option<(String, String)> {
    let basic = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Basic ")
                .or_else(|| v.strip_prefix("basic "))
        })
        .and_then(|b| {
            base64::engine::general_purpose::STANDARD
                .decode(b.trim())
                .ok()
        })
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|d| d.split_once(':').map(|(u, p)| (u.to_owned(), p.to_owned())));
    basic.or_else(|| {
        [form, query]
            .into_iter()
            .find_map(|m| Some((m.get("client_id")?.clone(), m.get("client_secret")?.clone())))
    })
}

async fn token(
    shared: Arc<Shared>,
    flavor: Flavor,
    headers: HeaderMap,
    query: HashMap<String, String>,
    body: String,
) -> Response {
    let oauth = &shared.oauth;
    oauth.token_requests.fetch_add(1, Ordering::Relaxed);
    let Ok(form) = serde_urlencoded::from_str::<HashMap<String, String>>(&body) else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "Malformed form body",
        );
    };
    let param = |k: &str| form.get(k).or_else(|| query.get(k)).cloned();
    let mut s = lock(&oauth.state);
    let client = match client_of(&headers, &form, &query) {
        Some((id, secret)) if s.clients.get(&id) == Some(&secret) => id,
        _ => {
            return oauth_error(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                "Client authentication failed",
            );
        }
    };
    match param("grant_type").as_deref() {
        Some("client_credentials") if flavor == Flavor::Cloud => s.issue(&client, flavor),
        Some("authorization_code") => {
            let code = param("code").unwrap_or_default();
            let Some(c) = s.codes.remove(&code).filter(|c| c.client == client) else {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "Invalid or expired authorization code",
                );
            };
            if c.redirect_uri.is_some() && c.redirect_uri != param("redirect_uri") {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "redirect_uri does not match the authorization request",
                );
            }
            if let Some(challenge) = &c.challenge {
                let verifier = param("code_verifier").unwrap_or_default();
                let digest = Sha256::digest(verifier.as_bytes());
                if base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest) != *challenge {
                    return oauth_error(
                        StatusCode::BAD_REQUEST,
                        "invalid_grant",
                        "PKCE verification failed",
                    );
                }
            }
            s.issue(&client, flavor)
        }
        Some("refresh_token") => {
            let rt = param("refresh_token").unwrap_or_default();
            match s.refresh.remove(&rt) {
                Some(owner) if owner == client => s.issue(&client, flavor),
                _ => oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "Invalid refresh_token",
                ),
            }
        }
        Some(other) => oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            &format!("Unsupported grant type: {other}"),
        ),
        None => oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "Missing grant_type",
        ),
    }
}

/// `POST /site/oauth2/access_token` (Cloud).
pub(crate) async fn cloud_token(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
    body: String,
) -> Response {
    token(shared, Flavor::Cloud, headers, parse_query(q), body).await
}

/// `POST /rest/oauth2/latest/token` (Data Center).
pub(crate) async fn dc_token(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
    body: String,
) -> Response {
    token(shared, Flavor::Dc, headers, parse_query(q), body).await
}

fn parse_query(q: Option<String>) -> HashMap<String, String> {
    q.and_then(|q| serde_urlencoded::from_str(&q).ok())
        .unwrap_or_default()
}

/// `GET .../authorize`: consents at once as the admin and redirects to `redirect_uri` with a
/// one-time code and the `state`.
pub(crate) async fn authorize(
    State(shared): State<Arc<Shared>>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let bad = |m: &str| (StatusCode::BAD_REQUEST, m.to_owned()).into_response();
    if q.get("response_type").map(String::as_str) != Some("code") {
        return bad("response_type must be code");
    }
    let mut s = lock(&shared.oauth.state);
    let Some(client) = q.get("client_id").filter(|c| s.clients.contains_key(*c)) else {
        return bad("unknown client_id");
    };
    let Some(redirect) = q.get("redirect_uri") else {
        return bad("the fake needs a redirect_uri");
    };
    let challenge = match (q.get("code_challenge"), q.get("code_challenge_method")) {
        (Some(c), Some(m)) if m == "S256" => Some(c.clone()),
        (Some(_), _) => return bad("only code_challenge_method=S256 is supported"),
        (None, _) => None,
    };
    let code = s.next("code");
    s.codes.insert(
        code.clone(),
        Code {
            client: client.clone(),
            redirect_uri: Some(redirect.clone()),
            challenge,
        },
    );
    let sep = if redirect.contains('?') { '&' } else { '?' };
    let mut location = format!("{redirect}{sep}code={code}");
    if let Some(state) = q.get("state") {
        location.push_str(&format!("&state={}", encode_segment(state)));
    }
    let mut resp = StatusCode::FOUND.into_response();
    if let Ok(v) = HeaderValue::from_str(&location) {
        resp.headers_mut().insert(header::LOCATION, v);
    }
    resp
}
