//! Refused credentials against the fake: fail fast, the CAPTCHA lockout and the Data Center
//! administrative-endpoint hint.

use bitbucket_core::auth::DC_ADMIN_BEARER_HINT;
use bitbucket_core::fanout::fan_out;
use bitbucket_core::{Api, Client, Credentials, Error, RetryPolicy};
use bitbucket_fake::Server;
use futures::{StreamExt as _, stream};
use serde_json::Value;

fn dc_client(server: &Server, creds: Credentials, fail_fast: bool) -> Client {
    Client::builder(server.url())
        .api(Api::DataCenter)
        .credentials(creds)
        .retry_policy(RetryPolicy::disabled())
        .fail_fast(fail_fast)
        .build()
        .unwrap()
}

/// Looks up every user with `concurrency` calls in flight; returns the results.
async fn look_up_all(
    c: &Client,
    slugs: Vec<String>,
    concurrency: usize,
) -> Vec<Result<Value, Error>> {
    let c = c.clone();
    fan_out(
        stream::iter(slugs.into_iter().map(Ok)),
        concurrency,
        false,
        move |slug: String| {
            let c = c.clone();
            async move {
                c.raw()
                    .get::<Value>(&format!("api/latest/users/{slug}"))
                    .await
            }
        },
    )
    .collect()
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_stops_a_fan_out_after_the_requests_in_flight() {
    let server = Server::dc().start().await.unwrap();
    let slugs: Vec<String> = server.dc_users().into_iter().map(|u| u.slug).collect();
    assert_eq!(slugs.len(), 2_000);
    let c = dc_client(&server, Credentials::basic("admin", "wrong-password"), true);
    let concurrency = 32;
    let results = look_up_all(&c, slugs, concurrency).await;
    let sent = server.request_count();
    eprintln!("look-ups=2000 concurrency={concurrency} requests sent={sent}");
    assert!(sent >= 1 && sent <= concurrency as u64, "sent {sent}");
    assert_eq!(c.stats().requests, sent);
    assert_eq!(results.len(), 2_000);
    let first = results[0].as_ref().unwrap_err().to_string();
    for r in &results {
        match r {
            Err(e @ Error::Unauthorized { scheme, .. }) => {
                assert_eq!(scheme, "Basic");
                assert_eq!(e.to_string(), first, "every look-up gets the same error");
            }
            other => panic!("{other:?}"),
        }
    }
    // The refusal sticks for later calls too.
    let later = c.raw().get::<Value>("api/latest/users").await.unwrap_err();
    assert_eq!(later.to_string(), first);
    assert_eq!(server.request_count(), sent);
}

#[tokio::test]
async fn fail_fast_can_be_turned_off() {
    let server = Server::builder().dc_users(100).start().await.unwrap();
    let slugs: Vec<String> = server.dc_users().into_iter().map(|u| u.slug).collect();
    let c = dc_client(
        &server,
        Credentials::basic("admin", "wrong-password"),
        false,
    );
    let results = look_up_all(&c, slugs, 8).await;
    assert!(results.iter().all(Result::is_err));
    assert_eq!(server.request_count(), 100);
}

#[tokio::test]
async fn captcha_lockout_is_its_own_error_with_the_login_url() {
    let server = Server::builder()
        .dc_users(3)
        .captcha_after(3)
        .start()
        .await
        .unwrap();
    let (user, password) = server.admin_credentials();
    let wrong = dc_client(&server, Credentials::basic(&user, "wrong"), false);
    for _ in 0..3 {
        let e = wrong
            .raw()
            .get::<Value>("api/latest/users")
            .await
            .unwrap_err();
        assert!(matches!(e, Error::Unauthorized { .. }), "{e:?}");
    }
    let right = dc_client(&server, Credentials::basic(&user, password.as_str()), true);
    match right
        .raw()
        .get::<Value>("api/latest/users")
        .await
        .unwrap_err()
    {
        e @ Error::AuthenticationDenied { .. } => {
            let text = e.to_string();
            let Error::AuthenticationDenied {
                reason, login_url, ..
            } = e
            else {
                unreachable!()
            };
            assert_eq!(reason, "CAPTCHA_CHALLENGE");
            let login = format!("{}/login", server.url());
            assert_eq!(login_url.as_deref(), Some(login.as_str()));
            assert!(text.contains("CAPTCHA") && text.contains(&login), "{text}");
            assert!(text.contains("browser"), "{text}");
        }
        other => panic!("{other:?}"),
    }
    server.clear_captcha(&user);
    let fresh = dc_client(&server, Credentials::basic(&user, password.as_str()), true);
    let _: Value = fresh.raw().get("api/latest/users").await.unwrap();
}

#[tokio::test]
async fn with_fail_fast_a_wrong_password_never_reaches_the_captcha() {
    let server = Server::builder()
        .dc_users(300)
        .captcha_after(5)
        .start()
        .await
        .unwrap();
    let slugs: Vec<String> = server.dc_users().into_iter().map(|u| u.slug).collect();
    let c = dc_client(&server, Credentials::basic("admin", "wrong"), true);
    let results = look_up_all(&c, slugs, 1).await;
    assert!(
        results
            .iter()
            .all(|r| matches!(r, Err(Error::Unauthorized { .. })))
    );
    assert_eq!(server.failed_logins("admin"), 1);
}

#[tokio::test]
async fn bearer_tokens_on_admin_endpoints_get_the_admin_hint_and_keep_working_elsewhere() {
    let server = Server::builder().dc_users(3).start().await.unwrap();
    let c = dc_client(&server, Credentials::bearer(server.admin_token()), true);
    for path in [
        "api/latest/admin/users",
        "access-tokens/latest/users/user0001",
    ] {
        match c.raw().get::<Value>(path).await.unwrap_err() {
            Error::Unauthorized { hint, .. } => assert_eq!(hint, DC_ADMIN_BEARER_HINT),
            other => panic!("{other:?}"),
        }
    }
    assert!(DC_ADMIN_BEARER_HINT.contains("Basic"));
    assert!(DC_ADMIN_BEARER_HINT.contains("OAuth 2"));
    assert!(DC_ADMIN_BEARER_HINT.contains("7.21"));
    // The token is fine elsewhere, so the client did not stop sending it.
    let _: Value = c.raw().get("api/latest/users").await.unwrap();
    let (user, password) = server.admin_credentials();
    let basic = dc_client(&server, Credentials::basic(user, password), true);
    let _: Value = basic.raw().get("api/latest/admin/users").await.unwrap();
}
