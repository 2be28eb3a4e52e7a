//! The settings every API client builder forwards to the core builder, written once so the
//! Cloud and Data Center builders offer the same names with the same meaning.

/// Adds the shared settings to an API client builder whose field `$inner` holds a
/// [`ClientBuilder`](crate::ClientBuilder): credentials provider, retry policy, timeouts, user
/// agent, proxy, root certificates, client-side rate limit, and `configure` for the rest.
#[doc(hidden)]
#[macro_export]
macro_rules! forward_builder_settings {
    ($builder:ty, $inner:ident) => {
        impl $builder {
            /// Credentials resolved per request (rotation, vaults).
            pub fn credentials_provider(
                mut self,
                provider: ::std::sync::Arc<dyn $crate::CredentialsProvider>,
            ) -> Self {
                self.$inner = self.$inner.credentials_provider(provider);
                self
            }

            /// Retry policy for 429, 5xx and transport failures.
            pub fn retry_policy(mut self, policy: $crate::RetryPolicy) -> Self {
                self.$inner = self.$inner.retry_policy(policy);
                self
            }

            /// Total timeout per attempt.
            pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
                self.$inner = self.$inner.timeout(timeout);
                self
            }

            /// No total timeout (long downloads).
            pub fn no_timeout(mut self) -> Self {
                self.$inner = self.$inner.no_timeout();
                self
            }

            /// Connection timeout.
            pub fn connect_timeout(mut self, timeout: ::std::time::Duration) -> Self {
                self.$inner = self.$inner.connect_timeout(timeout);
                self
            }

            /// `User-Agent` header.
            pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
                self.$inner = self.$inner.user_agent(user_agent);
                self
            }

            /// HTTP(S) proxy.
            pub fn proxy(mut self, proxy: $crate::reqwest::Proxy) -> Self {
                self.$inner = self.$inner.proxy(proxy);
                self
            }

            /// Ignore proxy environment variables.
            pub fn no_proxy(mut self) -> Self {
                self.$inner = self.$inner.no_proxy();
                self
            }

            /// Trust an extra root certificate (PEM), e.g. a corporate CA.
            pub fn add_root_certificate(mut self, pem: impl Into<Vec<u8>>) -> Self {
                self.$inner = self.$inner.add_root_certificate(pem);
                self
            }

            /// Client-side request budget.
            pub fn rate_limit(mut self, limit: $crate::RateLimit) -> Self {
                self.$inner = self.$inner.rate_limit(limit);
                self
            }

            /// Client-side budget of `requests` per hour (Bitbucket Cloud allows 1,000).
            pub fn rate_limit_per_hour(mut self, requests: u32) -> Self {
                self.$inner = self.$inner.rate_limit_per_hour(requests);
                self
            }

            /// Any other core setting, applied to the core builder underneath.
            pub fn configure(
                mut self,
                f: impl FnOnce($crate::ClientBuilder) -> $crate::ClientBuilder,
            ) -> Self {
                self.$inner = f(self.$inner);
                self
            }
        }
    };
}
