//! [`OAuth2`]: a credentials provider that fetches, caches and refreshes access tokens.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use async_trait::async_trait;

use super::{TokenEndpoint, TokenSet};
use crate::auth::{Credentials, CredentialsProvider, Secret};
use crate::error::Error;

/// Called with every token set obtained, so a rotated refresh token can be stored.
pub type TokenHook = Arc<dyn Fn(&TokenSet) + Send + Sync>;

/// How new tokens are obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Grant {
    ClientCredentials,
    RefreshToken,
}

struct Current {
    token: Secret,
    refresh_at: Option<Instant>,
    expires_at: Option<Instant>,
}

/// OAuth 2 access tokens as a [`CredentialsProvider`]: the token is fetched on first use,
/// refreshed shortly before `expires_in` runs out and once after a 401, and many requests
/// arriving at expiry share one token request (the others wait for it).
///
/// ```no_run
/// # async fn demo() -> Result<(), bitbucket_core::Error> {
/// use std::sync::Arc;
/// use bitbucket_core::Client;
/// use bitbucket_core::oauth2::{OAuth2, TokenEndpoint};
/// let oauth = OAuth2::client_credentials(TokenEndpoint::cloud("key", "secret"));
/// let client = Client::builder("https://api.bitbucket.org/2.0")
///     .credentials_provider(Arc::new(oauth))
///     .build()?;
/// # Ok(()) }
/// ```
pub struct OAuth2 {
    endpoint: TokenEndpoint,
    grant: Grant,
    refresh_token: Mutex<Option<Secret>>,
    current: Mutex<Option<Current>>,
    flight: tokio::sync::Mutex<()>,
    hook: Option<TokenHook>,
    margin: Duration,
    token_requests: AtomicU64,
}

impl fmt::Debug for OAuth2 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuth2")
            .field("endpoint", &self.endpoint)
            .field("grant", &self.grant)
            .field("token_requests", &self.token_requests())
            .finish_non_exhaustive()
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl OAuth2 {
    fn new(endpoint: TokenEndpoint, grant: Grant, refresh: Option<Secret>) -> Self {
        Self {
            endpoint,
            grant,
            refresh_token: Mutex::new(refresh),
            current: Mutex::new(None),
            flight: tokio::sync::Mutex::new(()),
            hook: None,
            margin: Duration::from_secs(60),
            token_requests: AtomicU64::new(0),
        }
    }

    /// Tokens from the client-credentials grant (Bitbucket Cloud consumers): each new token
    /// is requested with the client id and secret.
    pub fn client_credentials(endpoint: TokenEndpoint) -> Self {
        Self::new(endpoint, Grant::ClientCredentials, None)
    }

    /// Tokens from a stored refresh token (after an authorization-code flow); each refresh
    /// may rotate it, and the hook from [`OAuth2::on_token`] sees the new one.
    pub fn from_refresh_token(endpoint: TokenEndpoint, refresh_token: impl Into<Secret>) -> Self {
        Self::new(endpoint, Grant::RefreshToken, Some(refresh_token.into()))
    }

    /// Starts from a token set just obtained (e.g. by [`TokenEndpoint::exchange_code`]): its
    /// access token is used until it expires, then its refresh token.
    pub fn from_tokens(endpoint: TokenEndpoint, tokens: TokenSet) -> Self {
        let this = Self::new(endpoint, Grant::RefreshToken, tokens.refresh_token.clone());
        *lock(&this.current) = Some(this.current_from(&tokens));
        this
    }

    /// Calls `hook` with every token set obtained from now on, to persist the (possibly
    /// rotated) refresh token. It runs while other requests wait for the token, so keep it short.
    pub fn on_token(mut self, hook: impl Fn(&TokenSet) + Send + Sync + 'static) -> Self {
        self.hook = Some(Arc::new(hook));
        self
    }

    /// How long before expiry a token is replaced (default 60 s, at most a fifth of the
    /// token's lifetime so short-lived tokens are still used most of their life).
    pub fn refresh_margin(mut self, margin: Duration) -> Self {
        self.margin = margin;
        self
    }

    /// The token endpoint.
    pub fn endpoint(&self) -> &TokenEndpoint {
        &self.endpoint
    }

    /// Token requests sent so far (first token, refreshes and retries after a 401).
    pub fn token_requests(&self) -> u64 {
        self.token_requests.load(Ordering::Relaxed)
    }

    /// The current access token, fetching or refreshing it when due.
    pub async fn access_token(&self) -> Result<Secret, Error> {
        if let Some(t) = self.usable(false) {
            return Ok(t);
        }
        let _flight = self.flight.lock().await;
        if let Some(t) = self.usable(false) {
            return Ok(t);
        }
        match self.fetch().await {
            Ok(t) => Ok(t),
            Err(e) => match self.usable(true) {
                // Refreshing early failed but the old token still works: use it.
                Some(t) => {
                    tracing::warn!("OAuth 2 refresh failed, using the current token: {e}");
                    Ok(t)
                }
                None => Err(e),
            },
        }
    }

    /// The cached token if it is not due for refresh (or, with `until_expiry`, not expired).
    fn usable(&self, until_expiry: bool) -> Option<Secret> {
        let now = Instant::now();
        let current = lock(&self.current);
        let c = current.as_ref()?;
        let deadline = if until_expiry {
            c.expires_at
        } else {
            c.refresh_at
        };
        deadline.is_none_or(|d| now < d).then(|| c.token.clone())
    }

    fn current_from(&self, tokens: &TokenSet) -> Current {
        let now = Instant::now();
        let (refresh_at, expires_at) = match tokens.expires_in {
            Some(life) => {
                let margin = self.margin.min(life / 5);
                (Some(now + life - margin), Some(now + life))
            }
            None => (None, None),
        };
        Current {
            token: tokens.access_token.clone(),
            refresh_at,
            expires_at,
        }
    }

    /// One token request; the caller holds the flight lock.
    async fn fetch(&self) -> Result<Secret, Error> {
        self.token_requests.fetch_add(1, Ordering::Relaxed);
        let tokens = match self.grant {
            Grant::ClientCredentials => self.endpoint.client_credentials().await?,
            Grant::RefreshToken => {
                let refresh = lock(&self.refresh_token).clone().ok_or_else(|| {
                    Error::oauth(
                        None,
                        "invalid_grant",
                        Some("no refresh token: authorize the application again".to_owned()),
                    )
                })?;
                self.endpoint.refresh(&refresh).await?
            }
        };
        if let Some(rotated) = &tokens.refresh_token {
            *lock(&self.refresh_token) = Some(rotated.clone());
        }
        *lock(&self.current) = Some(self.current_from(&tokens));
        if let Some(hook) = &self.hook {
            hook(&tokens);
        }
        Ok(tokens.access_token)
    }
}

#[async_trait]
impl CredentialsProvider for OAuth2 {
    async fn credentials(&self) -> Result<Credentials, Error> {
        self.access_token().await.map(Credentials::bearer)
    }

    async fn refresh_after_unauthorized(&self) -> bool {
        let _flight = self.flight.lock().await;
        self.fetch().await.is_ok()
    }

    /// Refreshes unless a concurrent request already replaced the rejected token.
    async fn refresh_after_rejection(&self, rejected: &Credentials) -> bool {
        let _flight = self.flight.lock().await;
        let current = lock(&self.current).as_ref().map(|c| c.token.clone());
        if let (Credentials::Bearer { token }, Some(current)) = (rejected, current)
            && *token != current
        {
            return true;
        }
        match self.fetch().await {
            Ok(_) => true,
            Err(e) => {
                tracing::warn!("OAuth 2 refresh after a 401 failed: {e}");
                false
            }
        }
    }
}
