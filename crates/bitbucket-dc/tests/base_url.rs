//! The base-URL rule: the server URL (with or without a context path) and the REST root give the
//! same client; raw paths with or without `/rest` hit the same URL; a bad URL fails at build; the
//! 401 hint speaks of Data Center tokens only.

use bitbucket_dc::{Client, Credentials, Error, RetryPolicy};
use httpmock::prelude::*;
use serde_json::{Value, json};

fn client(base: &str) -> Client {
    Client::builder(base)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("client")
}

#[tokio::test]
async fn server_url_and_rest_root_hit_the_same_url() {
    let server = MockServer::start_async().await;
    let user = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/bitbucket/rest/api/latest/users/jdoe");
            then.status(200)
                .json_body(json!({"name": "jdoe", "slug": "jdoe", "id": 1}));
        })
        .await;
    let bases = [
        server.url("/bitbucket"),
        server.url("/bitbucket/"),
        server.url("/bitbucket/rest"),
        server.url("/bitbucket/rest/"),
    ];
    for base in &bases {
        let dc = client(base);
        assert_eq!(
            dc.rest_root().as_str(),
            server.url("/bitbucket/rest/"),
            "{base}"
        );
        let me = dc.user("jdoe").get().send().await.expect(base);
        assert_eq!(me.slug, "jdoe");
    }
    user.assert_calls_async(bases.len()).await;
}

#[tokio::test]
async fn raw_paths_with_and_without_rest_hit_the_same_url() {
    let server = MockServer::start_async().await;
    let props = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/rest/api/latest/application-properties");
            then.status(200).json_body(json!({"version": "8.19.0"}));
        })
        .await;
    let paths = [
        "api/latest/application-properties",
        "/api/latest/application-properties",
        "rest/api/latest/application-properties",
        "/rest/api/latest/application-properties",
    ];
    for base in [server.base_url(), server.url("/rest")] {
        let dc = client(&base);
        for path in paths {
            let v: Value = dc.raw().get(path).await.expect(path);
            assert_eq!(v["version"], "8.19.0");
            // The core's raw calls follow the same rule.
            let v: Value = dc.core().raw().get(path).await.expect(path);
            assert_eq!(v["version"], "8.19.0");
        }
        assert_eq!(dc.stats().requests, 8);
    }
    props.assert_calls_async(16).await;
}

#[tokio::test]
async fn rest_root_as_given_for_servers_without_the_prefix() {
    let server = MockServer::start_async().await;
    let props = server
        .mock_async(|when, then| {
            when.method(GET).path("/api/latest/application-properties");
            then.status(200).json_body(json!({"version": "8.19.0"}));
        })
        .await;
    let dc = Client::builder_with_rest_root(server.base_url())
        .build()
        .unwrap();
    let v: Value = dc
        .raw()
        .get("/rest/api/latest/application-properties")
        .await
        .unwrap();
    assert_eq!(v["version"], "8.19.0");
    props.assert_async().await;
}

#[test]
fn a_base_url_that_is_not_http_fails_at_build() {
    for base in [
        "bitbucket.example.com",
        "ssh://git@bitbucket.example.com:7999",
    ] {
        let err = Client::builder(base).build().unwrap_err();
        assert!(matches!(err, Error::Config { .. }), "{err:?}");
        let text = err.to_string();
        assert!(
            text.contains(
                "pass the server URL with its context path, e.g. `https://bitbucket.example.com` \
                 or `https://host/bitbucket` (with or without `/rest`)"
            ),
            "{text}"
        );
    }
}

#[tokio::test]
async fn unauthorized_hint_names_data_center_tokens_only() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.any_request();
            then.status(401).json_body(json!({"errors": [{
                "context": null,
                "message": "Authentication failed. Please check your credentials and try again.",
                "exceptionName": "com.atlassian.bitbucket.auth.IncorrectPasswordAuthenticationException"
            }]}));
        })
        .await;
    let dc = Client::builder(server.base_url())
        .credentials(Credentials::bearer("expired"))
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    let err = dc.user("jdoe").get().send().await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "401 Unauthorized (sent Bearer): Authentication failed. Please check your credentials \
         and try again. Hint: Bearer was sent: it fits HTTP access tokens (personal, project or \
         repository); check the token has not expired or been revoked. A user's password needs \
         Basic (Credentials::basic)."
    );
    for creds in [
        Credentials::anonymous(),
        Credentials::basic("jdoe", "pw"),
        Credentials::basic_access_token("jdoe", "tok"),
        Credentials::api_token("me@example.com", "tok"),
    ] {
        let dc = Client::builder(server.base_url())
            .credentials(creds.clone())
            .retry_policy(RetryPolicy::disabled())
            .build()
            .unwrap();
        match dc.user("jdoe").get().send().await.unwrap_err() {
            Error::Unauthorized { hint, .. } => {
                assert!(!hint.contains("workspace"), "{creds:?}: {hint}");
                assert!(!hint.contains("OAuth"), "{creds:?}: {hint}");
            }
            other => panic!("{other:?}"),
        }
    }
}
