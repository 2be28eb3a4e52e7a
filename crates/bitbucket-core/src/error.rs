//! The one error type of the SDK.
//!
//! Every failure keeps what a user needs to act on it: the HTTP status, Bitbucket's message and
//! detail, the request id, the raw response ([`ResponseError`]) and the source error.
//!
//! ```
//! use bitbucket_core::Error;
//! # fn handle(result: Result<(), Error>) {
//! match result {
//!     Err(Error::Unauthorized { scheme, hint, .. }) => eprintln!("401 with {scheme}: {hint}"),
//!     Err(Error::NotFound { message, .. }) => eprintln!("not found: {message}"),
//!     Err(e) if e.is_retryable() => eprintln!("still failing after retries: {e}"),
//!     Err(e) => eprintln!("{e}"),
//!     Ok(()) => {}
//! }
//! # }
//! ```

use std::time::Duration;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde_json::Value;

/// Shorthand for results with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong when calling Bitbucket.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request could not be sent or the response not received (DNS, TLS, timeout, reset).
    #[error("transport error: {source}")]
    Transport {
        /// The underlying client error.
        #[source]
        source: reqwest::Error,
    },

    /// The body was JSON-like but did not match the expected type, or was malformed or truncated.
    #[error(
        "could not decode the response (status {status}) at `{path}`: {message}; body starts with: {excerpt:?}"
    )]
    Decode {
        /// HTTP status of the response.
        status: StatusCode,
        /// JSON path of the failure, e.g. `values[3].user.slug`.
        path: String,
        /// What serde reported.
        message: String,
        /// The first bytes of the body.
        excerpt: String,
        /// The serde error.
        #[source]
        source: serde_json::Error,
    },

    /// JSON was expected but the server sent HTML or another content type.
    #[error("expected JSON but got `{content_type}` (status {status}){}; body starts with: {excerpt:?}",
        if *.login_page { ": probably an SSO or proxy login page, so the credentials were not accepted by the gateway" } else { "" })]
    UnexpectedContent {
        /// HTTP status of the response.
        status: StatusCode,
        /// The `Content-Type` received (empty when absent).
        content_type: String,
        /// Whether the body looks like an HTML (login) page.
        login_page: bool,
        /// The first bytes of the body.
        excerpt: String,
    },

    /// 401: the credentials were missing, wrong, or of the wrong scheme.
    #[error("401 Unauthorized (sent {scheme}): {}. Hint: {hint}", sentence(.message))]
    Unauthorized {
        /// The scheme sent (`Basic`, `Bearer`, `ApiKey`, `none`); never the secret.
        scheme: String,
        /// Which scheme fits which token.
        hint: String,
        /// Bitbucket's message.
        message: String,
        /// The response.
        response: Box<ResponseError>,
    },

    /// The server refused to check the credentials at all: Data Center sends
    /// `X-Authentication-Denied-Reason` (with status 401 or 403) once repeated failed logins
    /// put the account behind a CAPTCHA.
    #[error("{} authentication denied ({reason}): {hint}", .response.status.as_u16())]
    AuthenticationDenied {
        /// The reason code the header carries, e.g. `CAPTCHA_CHALLENGE`.
        reason: String,
        /// The `login-url` the header carries: where a person logs in to clear the CAPTCHA.
        login_url: Option<String>,
        /// What to do about it.
        hint: String,
        /// The response.
        response: Box<ResponseError>,
    },

    /// The OAuth 2 token endpoint refused a token request, with the RFC 6749 (section 5.2)
    /// error code, or the token response could not be used.
    #[error("OAuth 2 token request failed ({code}){}. Hint: {hint}",
        .description.as_deref().map(|d| format!(": {}", sentence(d))).unwrap_or_default())]
    OAuth {
        /// The token endpoint's HTTP status, when it answered.
        status: Option<StatusCode>,
        /// The RFC 6749 `error` code (`invalid_grant`, `invalid_client`, ...); `http_<status>`
        /// when the body carried none, `invalid_token_response` when a success lacked a token.
        code: String,
        /// The server's `error_description`, when sent.
        description: Option<String>,
        /// What the code usually means for Bitbucket and what to do.
        hint: String,
    },

    /// 403: authenticated but not allowed; Cloud lists the required OAuth scopes when they are missing.
    #[error("403 Forbidden: {}", scopes_suffix(.message, .required_scopes))]
    Forbidden {
        /// Bitbucket's message.
        message: String,
        /// Scopes the operation requires, when the server says so.
        required_scopes: Vec<String>,
        /// The response.
        response: Box<ResponseError>,
    },

    /// 404: the resource does not exist, or is hidden from these credentials.
    #[error("404 Not Found: {message}")]
    NotFound {
        /// Bitbucket's message.
        message: String,
        /// The response.
        response: Box<ResponseError>,
    },

    /// 410: the endpoint was removed by Atlassian.
    #[error("410 Gone (endpoint removed): {message}")]
    Gone {
        /// Bitbucket's message.
        message: String,
        /// The response.
        response: Box<ResponseError>,
    },

    /// 429 still returned after the retry policy gave up.
    #[error("429 Too Many Requests after {attempts} attempt(s): {message}")]
    RateLimited {
        /// Bitbucket's message (Cloud sends plain text at times).
        message: String,
        /// The server's `Retry-After`, if any.
        retry_after: Option<Duration>,
        /// How many attempts were made.
        attempts: u32,
        /// The response.
        response: Box<ResponseError>,
    },

    /// Any other non-success status (400, 409, 5xx after retries, ...).
    #[error("{status}: {message}")]
    Api {
        /// HTTP status.
        status: StatusCode,
        /// Bitbucket's message.
        message: String,
        /// The response.
        response: Box<ResponseError>,
    },

    /// A paginated listing misbehaved: repeated `next`, stuck `nextPageStart`, foreign host.
    #[error("pagination stopped: {0}")]
    Pagination(PaginationFault),

    /// A server task the SDK waited on did not end in success (a Cloud merge that ends
    /// `FAILED`, or is still pending when the polls allowed are used up).
    #[error("{task}: {fault}")]
    Task {
        /// What was awaited, e.g. `pull request merge`.
        task: String,
        /// How it ended.
        fault: crate::task::TaskFault,
    },

    /// An argument cannot be sent (empty or dot path segment, invalid header, bad URL).
    #[error("invalid input: {message}")]
    InvalidInput {
        /// What is wrong.
        message: String,
    },

    /// The client could not be built (bad base URL, certificate, proxy).
    #[error("client configuration: {message}")]
    Config {
        /// What is wrong.
        message: String,
        /// The underlying error, if any.
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
}

/// A message without its closing full stop, so a sentence can follow without doubling it.
fn sentence(message: &str) -> &str {
    message.trim_end().trim_end_matches('.')
}

fn scopes_suffix(message: &str, scopes: &[String]) -> String {
    if scopes.is_empty() {
        message.to_owned()
    } else {
        format!(
            "{} (required scopes: {}).",
            sentence(message),
            scopes.join(", ")
        )
    }
}

/// Why a paginated listing was stopped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PaginationFault {
    /// The server returned a `next` link already followed.
    #[error("`next` link repeats an earlier page: {0}")]
    RepeatedNext(String),
    /// `next` points at another scheme, host or port than the client's base URL.
    #[error("`next` link points to another origin: {0}")]
    ForeignOrigin(String),
    /// `next` is not a valid URL.
    #[error("`next` link is not a valid URL: {0}")]
    InvalidNext(String),
    /// `nextPageStart` did not move past the current `start`.
    #[error("`nextPageStart` {next:?} does not advance past start {start}")]
    StuckStart {
        /// The page's start.
        start: u64,
        /// The `nextPageStart` the server sent.
        next: Option<i64>,
    },
    /// A SCIM page came back empty although `totalResults` says items remain from its index.
    #[error("SCIM page at startIndex {start_index} is empty but totalResults is {total_results}")]
    StuckIndex {
        /// The 1-based index asked for.
        start_index: u64,
        /// The `totalResults` the server sent.
        total_results: u64,
    },
    /// A SCIM page answered another `startIndex` than the one asked for (the server ignores
    /// paging, so following it would repeat items).
    #[error("SCIM page answered startIndex {returned} when {requested} was asked for")]
    StartIndexMismatch {
        /// The index asked for.
        requested: u64,
        /// The index the server reported.
        returned: u64,
    },
}

/// One entry of a Data Center error body.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ErrorEntry {
    /// The field or context the message is about.
    pub context: Option<String>,
    /// The message.
    pub message: String,
    /// The Java exception class name.
    pub exception_name: Option<String>,
}

/// The raw side of an error response, kept for inspection.
#[derive(Debug, Clone)]
pub struct ResponseError {
    /// HTTP status.
    pub status: StatusCode,
    /// Request id (`X-Request-Id` on Cloud, `X-AREQUESTID` on Data Center), when sent.
    pub request_id: Option<String>,
    /// Bitbucket's message.
    pub message: String,
    /// Cloud's `error.detail`, when present (a string, or JSON text for structured details).
    pub detail: Option<String>,
    /// Data Center's `errors[]` entries.
    pub entries: Vec<ErrorEntry>,
    /// SCIM's `scimType` keyword (`uniqueness`, `invalidFilter`, `mutability`, ...), when a SCIM
    /// error body (RFC 7644 §3.12) carries one.
    pub scim_type: Option<String>,
    /// Response headers.
    pub headers: HeaderMap,
    /// The raw body (at most 64 KiB).
    pub body: Bytes,
}

const MAX_KEPT_BODY: usize = 64 * 1024;

impl ResponseError {
    /// Parses a non-success response body: Cloud `{"type":"error","error":{...}}`, Data Center
    /// `{"errors":[...]}`, SCIM `{"schemas":[...Error],"status":..,"detail":..,"scimType":..}`
    /// (its `detail` becomes the message), or anything else (plain text, HTML) as an excerpt.
    pub fn parse(status: StatusCode, headers: HeaderMap, body: Bytes) -> (Self, Vec<String>) {
        let request_id = ["x-request-id", "x-arequestid"]
            .iter()
            .find_map(|h| headers.get(*h))
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let mut message = String::new();
        let mut detail = None;
        let mut entries = Vec::new();
        let mut scopes = Vec::new();
        let mut scim_type = None;
        match serde_json::from_slice::<Value>(&body) {
            Ok(v) if v.get("error").is_some_and(Value::is_object) => {
                let e = &v["error"];
                message = e["message"].as_str().unwrap_or_default().to_owned();
                match &e["detail"] {
                    Value::String(s) => detail = Some(s.clone()),
                    Value::Null => {}
                    other => {
                        if let Some(req) = other.get("required").and_then(Value::as_array) {
                            scopes = req
                                .iter()
                                .filter_map(Value::as_str)
                                .map(str::to_owned)
                                .collect();
                        }
                        detail = Some(other.to_string());
                    }
                }
            }
            Ok(v) if v.get("errors").is_some_and(Value::is_array) => {
                for e in v["errors"].as_array().into_iter().flatten() {
                    entries.push(ErrorEntry {
                        context: e["context"].as_str().map(str::to_owned),
                        message: e["message"].as_str().unwrap_or_default().to_owned(),
                        exception_name: e["exceptionName"].as_str().map(str::to_owned),
                    });
                }
                message = entries
                    .iter()
                    .map(|e| e.message.as_str())
                    .collect::<Vec<_>>()
                    .join("; ");
            }
            Ok(v) if is_scim_error(&v) => {
                message = v["detail"].as_str().unwrap_or_default().to_owned();
                scim_type = v["scimType"].as_str().map(str::to_owned);
            }
            Ok(v) => {
                if let Some(m) = v.get("message").and_then(Value::as_str) {
                    message = m.to_owned();
                }
            }
            Err(_) => {}
        }
        if message.is_empty() {
            let text = excerpt(&body, 200);
            message = if text.trim().is_empty() {
                status.canonical_reason().unwrap_or("error").to_owned()
            } else {
                text.trim().to_owned()
            };
        }
        let body = if body.len() > MAX_KEPT_BODY {
            body.slice(..MAX_KEPT_BODY)
        } else {
            body
        };
        (
            Self {
                status,
                request_id,
                message,
                detail,
                entries,
                scim_type,
                headers,
                body,
            },
            scopes,
        )
    }
}

/// Whether a body is a SCIM error: its `schemas` name the RFC 7644 error message URN.
fn is_scim_error(v: &Value) -> bool {
    v["schemas"]
        .as_array()
        .is_some_and(|s| s.iter().any(|u| u == SCIM_ERROR_URN))
}

/// The schema URN of a SCIM error body (RFC 7644 §3.12).
const SCIM_ERROR_URN: &str = "urn:ietf:params:scim:api:messages:2.0:Error";

/// The first `max` bytes of a body as lossy UTF-8.
pub(crate) fn excerpt(body: &[u8], max: usize) -> String {
    let end = body.len().min(max);
    let mut s = String::from_utf8_lossy(&body[..end]).into_owned();
    if body.len() > max {
        s.push('…');
    }
    s
}

impl Error {
    /// Builds the error for a non-success response from its parts.
    pub fn from_parts(
        status: StatusCode,
        headers: HeaderMap,
        body: Bytes,
        scheme: &str,
        hint: &str,
        attempts: u32,
    ) -> Self {
        let denied = denied_reason(&headers);
        let (resp, scopes) = ResponseError::parse(status, headers, body);
        let message = resp.message.clone();
        let response = Box::new(resp);
        if let Some((reason, login_url)) = denied {
            let hint = denied_hint(&reason, login_url.as_deref());
            return Self::AuthenticationDenied {
                reason,
                login_url,
                hint,
                response,
            };
        }
        match status {
            StatusCode::UNAUTHORIZED => Self::Unauthorized {
                scheme: scheme.to_owned(),
                hint: hint.to_owned(),
                message,
                response,
            },
            StatusCode::FORBIDDEN => Self::Forbidden {
                message,
                required_scopes: scopes,
                response,
            },
            StatusCode::NOT_FOUND => Self::NotFound { message, response },
            StatusCode::GONE => Self::Gone { message, response },
            StatusCode::TOO_MANY_REQUESTS => Self::RateLimited {
                message,
                retry_after: crate::retry::parse_retry_after(&response.headers),
                attempts,
                response,
            },
            _ => Self::Api {
                status,
                message,
                response,
            },
        }
    }

    /// An [`Error::OAuth`] for a token-endpoint answer, with the hint for its code.
    pub fn oauth(
        status: Option<StatusCode>,
        code: impl Into<String>,
        description: Option<String>,
    ) -> Self {
        let code = code.into();
        let hint = oauth_hint(&code).to_owned();
        Self::OAuth {
            status,
            code,
            description,
            hint,
        }
    }

    /// The HTTP status, when the error came from a response.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::OAuth { status, .. } => *status,
            Self::Decode { status, .. } | Self::UnexpectedContent { status, .. } => Some(*status),
            Self::Transport { source } => source.status(),
            _ => self.response().map(|r| r.status),
        }
    }

    /// The raw response of an HTTP error status.
    pub fn response(&self) -> Option<&ResponseError> {
        match self {
            Self::Unauthorized { response, .. }
            | Self::AuthenticationDenied { response, .. }
            | Self::Forbidden { response, .. }
            | Self::NotFound { response, .. }
            | Self::Gone { response, .. }
            | Self::RateLimited { response, .. }
            | Self::Api { response, .. } => Some(response),
            _ => None,
        }
    }

    /// Bitbucket's message, when the error came from a response.
    pub fn message(&self) -> Option<&str> {
        self.response().map(|r| r.message.as_str())
    }

    /// The request id the server sent, for support tickets.
    pub fn request_id(&self) -> Option<&str> {
        self.response().and_then(|r| r.request_id.as_deref())
    }

    /// Whether trying again later may succeed: rate limits, 5xx, timeouts and connection errors.
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Transport { source } => crate::retry::is_transient_transport_error(source),
            Self::RateLimited { .. } => true,
            Self::Api { status, .. } => crate::retry::is_transient_server_error(*status),
            _ => false,
        }
    }
}

/// The header Data Center sends when it refuses to check credentials.
pub const DENIED_REASON_HEADER: &str = "x-authentication-denied-reason";

/// Reads `X-Authentication-Denied-Reason: CAPTCHA_CHALLENGE; login-url=https://...` into the
/// reason and the login URL.
fn denied_reason(headers: &HeaderMap) -> Option<(String, Option<String>)> {
    let value = headers.get(DENIED_REASON_HEADER)?.to_str().ok()?;
    let mut parts = value.split(';').map(str::trim);
    let reason = parts.next().filter(|r| !r.is_empty())?.to_owned();
    let login_url = parts.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("login-url")
            .then(|| v.trim().to_owned())
    });
    Some((reason, login_url))
}

fn denied_hint(reason: &str, login_url: Option<&str>) -> String {
    let place = login_url.unwrap_or("the server's login page");
    if reason.eq_ignore_ascii_case("CAPTCHA_CHALLENGE") {
        format!(
            "repeated failed logins put this account behind a CAPTCHA, so the server no longer \
             checks its password. Log in once through the browser at {place} and solve the \
             CAPTCHA, fix the credentials, then run again; every request with them fails until then"
        )
    } else {
        format!(
            "the server refused to authenticate this account; log in through the browser at \
             {place} to see why"
        )
    }
}

/// What an RFC 6749 token-endpoint error code usually means here.
fn oauth_hint(code: &str) -> &'static str {
    match code {
        "invalid_grant" => {
            "the authorization code or refresh token is expired, revoked or already used (a \
             refresh token is replaced by each refresh); authorize the application again"
        }
        "invalid_client" => {
            "the client id or secret is wrong, or the consumer / incoming application link was \
             deleted"
        }
        "unauthorized_client" | "unsupported_grant_type" => {
            "this client may not use this grant: Bitbucket Cloud consumers support client \
             credentials, authorization code and refresh; Data Center incoming links support \
             authorization code (with PKCE) and refresh"
        }
        "invalid_scope" => "a requested scope is unknown or exceeds what the client was granted",
        "invalid_request" => {
            "the request lacks a parameter or repeats one (redirect URI or PKCE verifier?)"
        }
        "invalid_token_response" => "the token endpoint answered without a usable access token",
        _ => "check the token URL, client id and secret",
    }
}

impl From<reqwest::Error> for Error {
    fn from(source: reqwest::Error) -> Self {
        Self::Transport {
            source: source.without_url(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(status: u16, body: &str) -> Error {
        Error::from_parts(
            StatusCode::from_u16(status).unwrap(),
            HeaderMap::new(),
            Bytes::from(body.to_owned()),
            "Bearer",
            "hint",
            1,
        )
    }

    #[test]
    fn cloud_error_body() {
        let e = err(
            404,
            r#"{"type":"error","error":{"message":"Repository not found","detail":"gone"}}"#,
        );
        assert!(matches!(&e, Error::NotFound { message, .. } if message == "Repository not found"));
        assert_eq!(e.response().unwrap().detail.as_deref(), Some("gone"));
        assert_eq!(e.status(), Some(StatusCode::NOT_FOUND));
    }

    #[test]
    fn cloud_scopes() {
        let e = err(
            403,
            r#"{"type":"error","error":{"message":"Your credentials lack one or more required privilege scopes.","detail":{"granted":["account"],"required":["repository:admin"]}}}"#,
        );
        match e {
            ref e @ Error::Forbidden {
                ref required_scopes,
                ..
            } => {
                assert_eq!(required_scopes, &["repository:admin"]);
                assert_eq!(
                    e.to_string(),
                    "403 Forbidden: Your credentials lack one or more required privilege scopes \
                     (required scopes: repository:admin)."
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn dc_error_body() {
        let e = err(
            409,
            r#"{"errors":[{"context":"name","message":"Name taken","exceptionName":"com.x.Dup"},{"context":null,"message":"Second"}]}"#,
        );
        let r = e.response().unwrap();
        assert_eq!(r.entries.len(), 2);
        assert_eq!(r.entries[0].context.as_deref(), Some("name"));
        assert_eq!(e.message(), Some("Name taken; Second"));
        assert!(matches!(e, Error::Api { status, .. } if status == StatusCode::CONFLICT));
    }

    #[test]
    fn unauthorized_text_has_single_full_stops() {
        let e = Error::from_parts(
            StatusCode::UNAUTHORIZED,
            HeaderMap::new(),
            Bytes::from_static(
                br#"{"errors":[{"message":"Authentication failed. Please check your credentials and try again."}]}"#,
            ),
            "Bearer",
            "Bearer was sent.",
            1,
        );
        assert_eq!(
            e.to_string(),
            "401 Unauthorized (sent Bearer): Authentication failed. Please check your \
             credentials and try again. Hint: Bearer was sent."
        );
    }

    #[test]
    fn scim_error_body() {
        let e = err(
            409,
            r#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"409","scimType":"uniqueness","detail":"userName is taken"}"#,
        );
        assert!(matches!(&e, Error::Api { status, message, .. }
            if *status == StatusCode::CONFLICT && message == "userName is taken"));
        assert_eq!(
            e.response().unwrap().scim_type.as_deref(),
            Some("uniqueness")
        );
        let plain = err(404, r#"{"status":"404","detail":"not a SCIM body"}"#);
        assert_eq!(plain.response().unwrap().scim_type, None);
    }

    #[test]
    fn captcha_header_becomes_its_own_case() {
        let mut headers = HeaderMap::new();
        headers.insert(
            DENIED_REASON_HEADER,
            "CAPTCHA_CHALLENGE; login-url=https://bb.example.com/login"
                .parse()
                .unwrap(),
        );
        let e = Error::from_parts(
            StatusCode::UNAUTHORIZED,
            headers,
            Bytes::new(),
            "Basic",
            "h",
            1,
        );
        match &e {
            Error::AuthenticationDenied {
                reason, login_url, ..
            } => {
                assert_eq!(reason, "CAPTCHA_CHALLENGE");
                assert_eq!(login_url.as_deref(), Some("https://bb.example.com/login"));
            }
            other => panic!("{other:?}"),
        }
        let text = e.to_string();
        assert!(text.contains("CAPTCHA"), "{text}");
        assert!(text.contains("https://bb.example.com/login"), "{text}");
        assert_eq!(e.status(), Some(StatusCode::UNAUTHORIZED));
    }

    #[test]
    fn oauth_error_names_code_and_description() {
        let e = Error::oauth(
            Some(StatusCode::BAD_REQUEST),
            "invalid_grant",
            Some("Refresh token expired.".into()),
        );
        assert_eq!(e.status(), Some(StatusCode::BAD_REQUEST));
        let text = e.to_string();
        assert!(
            text.starts_with(
                "OAuth 2 token request failed (invalid_grant): Refresh token expired. Hint:"
            ),
            "{text}"
        );
    }

    #[test]
    fn plain_text_and_retryable() {
        let e = err(429, "Rate limit for this resource has been exceeded");
        assert!(e.is_retryable());
        assert_eq!(
            e.message(),
            Some("Rate limit for this resource has been exceeded")
        );
        assert!(err(503, "").is_retryable());
        assert!(!err(400, "{}").is_retryable());
        assert_eq!(err(502, "").message(), Some("Bad Gateway"));
    }
}
