//! What every test file of the fake shares.
#![allow(
    dead_code,
    reason = "each test binary includes this module but uses only some of its helpers"
)]

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

/// Sends `req` and returns the response status; panics when the request cannot be sent.
pub async fn status_of(req: reqwest::RequestBuilder) -> reqwest::StatusCode {
    req.send().await.expect("request").status()
}

/// Sends `req` and returns the response status with its JSON body (`Null` when the body is
/// not JSON); panics when the request cannot be sent.
pub async fn status_and_json(
    req: reqwest::RequestBuilder,
) -> (reqwest::StatusCode, serde_json::Value) {
    let resp = req.send().await.expect("request");
    let status = resp.status();
    (status, resp.json().await.unwrap_or(serde_json::Value::Null))
}
