//! What every test file of the fake shares.

/// Installs *ring* as rustls' crypto provider: in a workspace build reqwest comes without a
/// provider of its own (the SDK crates choose theirs), so plain clients need one set.
pub fn install_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// A plain HTTP client for talking to the fake.
pub fn http() -> reqwest::Client {
    install_provider();
    reqwest::Client::new()
}
