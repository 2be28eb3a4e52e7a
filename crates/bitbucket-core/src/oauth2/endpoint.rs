//! The token endpoint: where it is, how the client authenticates, and the three grants.

use std::fmt;
use std::sync::OnceLock;
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::{ACCEPT, CONTENT_TYPE};
use serde_json::Value;
use url::Url;

use crate::auth::Secret;
use crate::error::Error;

/// Bitbucket Cloud's token endpoint (Atlassian's "OAuth 2.0" page for Bitbucket Cloud).
pub const CLOUD_TOKEN_URL: &str = "https://bitbucket.org/site/oauth2/access_token";
/// Bitbucket Cloud's authorization endpoint.
pub const CLOUD_AUTHORIZE_URL: &str = "https://bitbucket.org/site/oauth2/authorize";
/// The token endpoint of a Data Center server, relative to its root (context path included).
pub const DC_TOKEN_PATH: &str = "rest/oauth2/latest/token";
/// The authorization endpoint of a Data Center server, relative to its root.
pub const DC_AUTHORIZE_PATH: &str = "rest/oauth2/latest/authorize";

/// How the client proves its identity to the token endpoint (RFC 6749 section 2.3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClientAuth {
    /// HTTP Basic with `client_id:client_secret` (what Bitbucket Cloud documents).
    Basic,
    /// `client_id` and `client_secret` as form fields (what Data Center documents).
    Body,
}

/// A token response: the access token and what came with it. Tokens are [`Secret`]s.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TokenSet {
    /// The access token, sent as `Bearer`.
    pub access_token: Secret,
    /// The refresh token, when the grant issues one; a new one replaces the previous one.
    pub refresh_token: Option<Secret>,
    /// Lifetime of the access token from when it was issued (`expires_in`).
    pub expires_in: Option<Duration>,
    /// Granted scopes (`scope`, or Cloud's `scopes`), space separated.
    pub scope: Option<String>,
}

impl TokenSet {
    /// A token set from its parts (for tokens restored from storage).
    pub fn new(access_token: impl Into<Secret>, refresh_token: Option<Secret>) -> Self {
        Self {
            access_token: access_token.into(),
            refresh_token,
            expires_in: None,
            scope: None,
        }
    }

    /// Sets the lifetime of the access token.
    pub fn with_expires_in(mut self, expires_in: Duration) -> Self {
        self.expires_in = Some(expires_in);
        self
    }

    /// Reads a token endpoint's JSON answer without echoing its values on failure.
    fn parse(body: &[u8]) -> Result<Self, Error> {
        let invalid = || Error::oauth(Some(StatusCode::OK), "invalid_token_response", None);
        let v: Value = serde_json::from_slice(body).map_err(|_| invalid())?;
        let text = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
        let access = text("access_token")
            .filter(|t| !t.is_empty())
            .ok_or_else(invalid)?;
        let expires_in = match v.get("expires_in") {
            Some(Value::Number(n)) => n.as_f64(),
            Some(Value::String(s)) => s.parse::<f64>().ok(),
            _ => None,
        }
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map(Duration::from_secs_f64);
        Ok(Self {
            access_token: Secret::new(access),
            refresh_token: text("refresh_token").map(Secret::new),
            expires_in,
            scope: text("scope").or_else(|| text("scopes")),
        })
    }
}

/// An OAuth 2 client of one authorization server: token and authorize URLs, client id and
/// secret. [`TokenEndpoint::cloud`] and [`TokenEndpoint::data_center`] fill in Bitbucket's URLs
/// and client-authentication style; [`TokenEndpoint::token_url`] overrides the token URL (a
/// proxy, a test server).
#[derive(Clone)]
pub struct TokenEndpoint {
    pub(crate) token_url: Url,
    pub(crate) authorize_url: Url,
    pub(crate) client_id: String,
    client_secret: Option<Secret>,
    auth: ClientAuth,
    pub(crate) pkce: bool,
    http: Option<reqwest::Client>,
}

impl fmt::Debug for TokenEndpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenEndpoint")
            .field("token_url", &self.token_url.as_str())
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("auth", &self.auth)
            .finish_non_exhaustive()
    }
}

fn parse_url(what: &str, url: &str) -> Result<Url, Error> {
    let parsed = Url::parse(url).map_err(|e| Error::Config {
        message: format!("invalid OAuth 2 {what} URL {url:?}: {e}"),
        source: None,
    })?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host().is_none() {
        return Err(Error::Config {
            message: format!("OAuth 2 {what} URL {url:?} is not an http(s) URL with a host"),
            source: None,
        });
    }
    Ok(parsed)
}

impl TokenEndpoint {
    /// An OAuth consumer of Bitbucket Cloud (key and secret from the workspace's OAuth
    /// consumers page); the client authenticates with Basic.
    pub fn cloud(client_id: impl Into<String>, client_secret: impl Into<Secret>) -> Self {
        Self {
            token_url: Url::parse(CLOUD_TOKEN_URL).expect("constant URL"),
            authorize_url: Url::parse(CLOUD_AUTHORIZE_URL).expect("constant URL"),
            client_id: client_id.into(),
            client_secret: Some(client_secret.into()),
            auth: ClientAuth::Basic,
            pkce: false,
            http: None,
        }
    }

    /// An incoming application link of a Data Center server (7.21 or later). `base_url` is
    /// the server root with its context path (`https://host/bitbucket`); the token and
    /// authorize URLs live under `rest/oauth2/latest/`. The client sends its id and secret as
    /// form fields, and authorize URLs carry a PKCE challenge.
    pub fn data_center(
        base_url: &str,
        client_id: impl Into<String>,
        client_secret: impl Into<Secret>,
    ) -> Result<Self, Error> {
        let mut root = parse_url("server", base_url)?;
        let path = root.path().trim_end_matches('/');
        let path = path.strip_suffix("/rest").unwrap_or(path).to_owned();
        root.set_path(&format!("{path}/"));
        root.set_query(None);
        let join = |p: &str| {
            root.join(p).map_err(|e| Error::Config {
                message: format!("cannot build the OAuth 2 URL from {base_url:?}: {e}"),
                source: None,
            })
        };
        Ok(Self {
            token_url: join(DC_TOKEN_PATH)?,
            authorize_url: join(DC_AUTHORIZE_PATH)?,
            client_id: client_id.into(),
            client_secret: Some(client_secret.into()),
            auth: ClientAuth::Body,
            pkce: true,
            http: None,
        })
    }

    /// Replaces the token URL.
    pub fn token_url(mut self, url: &str) -> Result<Self, Error> {
        self.token_url = parse_url("token", url)?;
        Ok(self)
    }

    /// Replaces the authorize URL.
    pub fn authorize_endpoint(mut self, url: &str) -> Result<Self, Error> {
        self.authorize_url = parse_url("authorize", url)?;
        Ok(self)
    }

    /// Chooses how the client authenticates to the token endpoint.
    pub fn client_auth(mut self, auth: ClientAuth) -> Self {
        self.auth = auth;
        self
    }

    /// Whether authorize URLs carry a PKCE challenge (RFC 7636, S256).
    pub fn pkce(mut self, yes: bool) -> Self {
        self.pkce = yes;
        self
    }

    /// Uses this `reqwest::Client` for token requests (proxy, certificates); by default a
    /// plain one shared by all endpoints.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    fn http(&self) -> Result<reqwest::Client, Error> {
        static DEFAULT: OnceLock<reqwest::Client> = OnceLock::new();
        if let Some(http) = &self.http {
            return Ok(http.clone());
        }
        if let Some(http) = DEFAULT.get() {
            return Ok(http.clone());
        }
        #[cfg(feature = "rustls")]
        crate::tls::ensure_crypto_provider();
        let http = reqwest::Client::builder()
            .build()
            .map_err(|e| Error::Config {
                message: "could not build the HTTP client for OAuth 2 token requests".to_owned(),
                source: Some(Box::new(e)),
            })?;
        Ok(DEFAULT.get_or_init(|| http).clone())
    }

    /// The token URL in use.
    pub fn token_endpoint_url(&self) -> &Url {
        &self.token_url
    }

    /// The client id.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The client-credentials grant (RFC 6749 section 4.4): a token for the consumer's owner.
    /// Bitbucket Cloud supports it; Data Center does not.
    pub async fn client_credentials(&self) -> Result<TokenSet, Error> {
        self.request("client_credentials", Vec::new()).await
    }

    /// Exchanges an authorization code (RFC 6749 section 4.1.3), with the redirect URI used
    /// to obtain it and, for PKCE, the verifier from [`super::AuthorizeRequest`].
    pub async fn exchange_code(
        &self,
        code: &str,
        redirect_uri: Option<&str>,
        pkce_verifier: Option<&Secret>,
    ) -> Result<TokenSet, Error> {
        let mut form = vec![("code", code.to_owned())];
        if let Some(r) = redirect_uri {
            form.push(("redirect_uri", r.to_owned()));
        }
        if let Some(v) = pkce_verifier {
            form.push(("code_verifier", v.expose().to_owned()));
        }
        self.request("authorization_code", form).await
    }

    /// Refreshes with a refresh token (RFC 6749 section 6). The answer may carry a new refresh
    /// token that replaces the old one.
    pub async fn refresh(&self, refresh_token: &Secret) -> Result<TokenSet, Error> {
        let form = vec![("refresh_token", refresh_token.expose().to_owned())];
        self.request("refresh_token", form).await
    }

    async fn request(&self, grant: &str, mut form: Vec<(&str, String)>) -> Result<TokenSet, Error> {
        form.insert(0, ("grant_type", grant.to_owned()));
        let mut req = self
            .http()?
            .post(self.token_url.clone())
            .header(ACCEPT, "application/json")
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded");
        match (self.auth, &self.client_secret) {
            (ClientAuth::Basic, secret) => {
                req = req.basic_auth(&self.client_id, secret.as_ref().map(Secret::expose));
            }
            (ClientAuth::Body, secret) => {
                form.push(("client_id", self.client_id.clone()));
                if let Some(s) = secret {
                    form.push(("client_secret", s.expose().to_owned()));
                }
            }
        }
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(form.iter().map(|(k, v)| (*k, v.as_str())))
            .finish();
        tracing::debug!(grant, url = %self.token_url, "OAuth 2 token request");
        let resp = req
            .body(body)
            .send()
            .await
            .map_err(|e| Error::from(e.without_url()))?;
        let status = resp.status();
        let bytes = resp.bytes().await.map_err(Error::from)?;
        tracing::debug!(grant, status = status.as_u16(), "OAuth 2 token response");
        if status.is_success() {
            return TokenSet::parse(&bytes);
        }
        let v: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        let code = v
            .get("error")
            .and_then(Value::as_str)
            .map_or_else(|| format!("http_{}", status.as_u16()), str::to_owned);
        let description = v
            .get("error_description")
            .and_then(Value::as_str)
            .map(str::to_owned);
        Err(Error::oauth(Some(status), code, description))
    }
}
