//! The rustls crypto provider.
//!
//! With the `rustls` feature the SDK builds reqwest without a bundled crypto provider and uses
//! *ring*, which compiles in a fraction of the time of reqwest's default (aws-lc-rs, built from
//! C with a large build script). An application that installed its own process-wide provider
//! keeps it: ring is installed only when none is set.
//!
//! reqwest then has no provider of its own, for every client in the process: an application
//! that builds its own `reqwest::Client` before any SDK client (and enables no reqwest TLS
//! feature itself) calls [`ensure_crypto_provider`] first, or installs a provider of its choice.

/// Installs *ring* as rustls' process-wide crypto provider unless one is set already.
pub fn ensure_crypto_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Losing a race to another installer is fine: any installed provider will do.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_provider_is_installed_and_an_existing_one_is_kept() {
        super::ensure_crypto_provider();
        let first = rustls::crypto::CryptoProvider::get_default().expect("installed");
        super::ensure_crypto_provider();
        let second = rustls::crypto::CryptoProvider::get_default().expect("still installed");
        assert!(std::sync::Arc::ptr_eq(first, second));
    }
}
