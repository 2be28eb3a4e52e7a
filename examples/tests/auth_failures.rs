//! Refused credentials end a job at once with exit code 2 and a message saying what works.

mod support;

use std::process::Command;

use bitbucket_fake::Server;
use support::{clean_command, output};

fn token_audit() -> Command {
    clean_command(
        env!("CARGO_BIN_EXE_token-audit"),
        &[
            "BITBUCKET_OAUTH_CLIENT_ID",
            "BITBUCKET_OAUTH_CLIENT_SECRET",
            "BITBUCKET_OAUTH_REFRESH_TOKEN_FILE",
            "BITBUCKET_OAUTH_TOKEN_URL",
        ],
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bearer_access_token_on_admin_endpoints_exits_2_naming_what_works() {
    let server = Server::dc().start().await.unwrap();
    let mut cmd = token_audit();
    cmd.env("BITBUCKET_URL", server.url())
        .env("BITBUCKET_TOKEN", server.admin_token());
    let out = output(cmd).await;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty(), "no partial output");
    for needle in [
        "401",
        "administrative endpoint",
        "does not accept HTTP access tokens",
        "Credentials::basic",
        "OAuth 2",
        "incoming application link",
        "7.21",
    ] {
        assert!(stderr.contains(needle), "{needle:?} in {stderr}");
    }
    assert!(!stderr.contains(server.admin_token()), "{stderr}");
    assert_eq!(server.stats().requests, 1, "stopped at the first refusal");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_password_stops_at_the_first_refusal() {
    let server = Server::dc().captcha_after(5).start().await.unwrap();
    let (user, _) = server.admin_credentials();
    let mut cmd = token_audit();
    cmd.env("BITBUCKET_URL", server.url())
        .env("BITBUCKET_USERNAME", &user)
        .env("BITBUCKET_PASSWORD", "wrong-CANARY-pw");
    let out = output(cmd).await;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("stopped at the first refused request"),
        "{stderr}"
    );
    assert!(!stderr.contains("CANARY"), "{stderr}");
    assert_eq!(
        server.failed_logins(&user),
        1,
        "one failed login, no CAPTCHA"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn data_center_oauth_from_a_refresh_token_file() {
    let server = Server::dc()
        .dc_users(40)
        .oauth_client("link-id", "link-secret")
        .start()
        .await
        .unwrap();
    // Authorize once (the fake consents at once) and keep the refresh token in a file.
    bitbucket::core::tls::ensure_crypto_provider();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let authorize = format!(
        "{}/rest/oauth2/latest/authorize?response_type=code&client_id=link-id&redirect_uri=https://app.example.com/cb",
        server.url()
    );
    let resp = http.get(authorize).send().await.unwrap();
    let location = resp.headers()["location"].to_str().unwrap().to_owned();
    let code = location.split("code=").nth(1).unwrap().to_owned();
    let tokens: serde_json::Value = http
        .post(format!("{}/rest/oauth2/latest/token", server.url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "grant_type=authorization_code&code={code}&redirect_uri=https://app.example.com/cb\
             &client_id=link-id&client_secret=link-secret"
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let first = tokens["refresh_token"].as_str().unwrap().to_owned();
    let file = std::env::temp_dir().join(format!("refresh-{}.txt", std::process::id()));
    std::fs::write(&file, &first).unwrap();

    let mut cmd = token_audit();
    cmd.env("BITBUCKET_URL", server.url())
        .env("BITBUCKET_OAUTH_CLIENT_ID", "link-id")
        .env("BITBUCKET_OAUTH_CLIENT_SECRET", "link-secret")
        .env("BITBUCKET_OAUTH_REFRESH_TOKEN_FILE", &file);
    let out = output(cmd).await;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("users scanned: 40"), "{stderr}");
    let rotated = std::fs::read_to_string(&file).unwrap();
    std::fs::remove_file(&file).ok();
    assert_ne!(rotated, first, "the rotated refresh token was stored");
    assert!(!stderr.contains(&rotated) && !stderr.contains("link-secret"));
    assert_eq!(
        server.oauth_stats().token_requests,
        2,
        "code exchange + one refresh"
    );
}
