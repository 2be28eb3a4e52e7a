//! One base-URL rule for both APIs: the server root or the API root, the same URLs hit; raw paths
//! with or without the API prefix hit the same URL; 401 hints per API.

use bitbucket_core::{Api, Client, Credentials, Error, RetryPolicy};
use httpmock::prelude::*;
use serde_json::{Value, json};

fn root(api: Api, base: &str) -> String {
    Client::builder(base)
        .api(api)
        .build()
        .unwrap()
        .base_url()
        .to_string()
}

#[test]
fn the_api_prefix_is_added_when_missing_and_kept_when_present() {
    for base in [
        "https://api.bitbucket.org",
        "https://api.bitbucket.org/",
        "https://api.bitbucket.org/2.0",
        "https://api.bitbucket.org/2.0/",
    ] {
        assert_eq!(root(Api::Cloud, base), "https://api.bitbucket.org/2.0/");
    }
    for base in [
        "https://h.example/bitbucket",
        "https://h.example/bitbucket/",
        "https://h.example/bitbucket/rest",
        "https://h.example/bitbucket/rest/",
    ] {
        assert_eq!(
            root(Api::DataCenter, base),
            "https://h.example/bitbucket/rest/"
        );
    }
    assert_eq!(
        root(Api::DataCenter, "https://h.example"),
        "https://h.example/rest/"
    );
    // Only a whole last segment counts as the prefix.
    assert_eq!(
        root(Api::DataCenter, "https://h.example/restricted"),
        "https://h.example/restricted/rest/"
    );
    // Without an API, or with an explicit API root, the URL is used as given.
    let plain = Client::builder("http://127.0.0.1:9").build().unwrap();
    assert_eq!(plain.base_url().as_str(), "http://127.0.0.1:9/");
    let exact = Client::builder("https://api.bitbucket.org")
        .api(Api::Cloud)
        .api_root("http://127.0.0.1:9/mock")
        .build()
        .unwrap();
    assert_eq!(exact.base_url().as_str(), "http://127.0.0.1:9/mock/");
    assert_eq!(exact.api(), Some(Api::Cloud));
}

#[test]
fn a_bad_base_url_fails_at_build_saying_what_to_pass() {
    let cases = [
        (
            Api::Cloud,
            "api.bitbucket.org",
            "`https://api.bitbucket.org`",
        ),
        (
            Api::Cloud,
            "ftp://api.bitbucket.org",
            "`https://api.bitbucket.org`",
        ),
        (
            Api::DataCenter,
            "bitbucket.example.com",
            "`https://host/bitbucket`",
        ),
        (
            Api::DataCenter,
            "file:///tmp/x",
            "(with or without `/rest`)",
        ),
    ];
    for (api, base, says) in cases {
        let err = Client::builder(base).api(api).build().unwrap_err();
        assert!(matches!(err, Error::Config { .. }), "{err:?}");
        let text = err.to_string();
        assert!(text.contains(&format!("{base:?}")), "{text}");
        assert!(text.contains(says), "{text}");
    }
}

#[tokio::test]
async fn server_root_and_api_root_hit_the_same_url() {
    let server = MockServer::start_async().await;
    let cloud = server
        .mock_async(|when, then| {
            when.method(GET).path("/2.0/user");
            then.status(200).json_body(json!({"api": "cloud"}));
        })
        .await;
    let dc = server
        .mock_async(|when, then| {
            when.method(GET).path("/ctx/rest/api/latest/users");
            then.status(200).json_body(json!({"api": "dc"}));
        })
        .await;
    for base in [server.base_url(), server.url("/2.0"), server.url("/2.0/")] {
        let c = Client::builder(&base).api(Api::Cloud).build().unwrap();
        for path in ["user", "/user", "2.0/user", "/2.0/user"] {
            let v: Value = c.raw().get(path).await.unwrap();
            assert_eq!(v["api"], "cloud", "{base} + {path}");
        }
    }
    for base in [
        server.url("/ctx"),
        server.url("/ctx/rest"),
        server.url("/ctx/rest/"),
    ] {
        let c = Client::builder(&base).api(Api::DataCenter).build().unwrap();
        for path in [
            "api/latest/users",
            "/api/latest/users",
            "/rest/api/latest/users",
        ] {
            let v: Value = c.raw().get(path).await.unwrap();
            assert_eq!(v["api"], "dc", "{base} + {path}");
        }
    }
    cloud.assert_calls_async(12).await;
    dc.assert_calls_async(9).await;
}

async fn unauthorized_hint(api: Api, creds: Credentials) -> String {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.any_request();
            then.status(401)
                .json_body(json!({"errors": [{"message": "Authentication failed. Please check your credentials and try again."}]}));
        })
        .await;
    let c = Client::builder(server.base_url())
        .api(api)
        .credentials(creds)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    let err = c.raw().get::<Value>("x").await.unwrap_err();
    let text = err.to_string();
    assert!(!text.contains(".."), "{text}");
    match err {
        Error::Unauthorized { hint, .. } => hint,
        other => panic!("{other:?}"),
    }
}

#[expect(deprecated, reason = "app passwords still get their own 401 hint")]
fn all_credentials() -> [Credentials; 6] {
    [
        Credentials::anonymous(),
        Credentials::basic("jdoe", "pw"),
        Credentials::basic_access_token("jdoe", "tok"),
        Credentials::app_password("jdoe", "pw"),
        Credentials::api_token("me@example.com", "tok"),
        Credentials::bearer("tok"),
    ]
}

#[tokio::test]
async fn data_center_hints_never_suggest_cloud_tokens() {
    for creds in all_credentials() {
        let hint = unauthorized_hint(Api::DataCenter, creds.clone()).await;
        for cloud_only in ["workspace", "OAuth", "api_token", "app_password"] {
            assert!(!hint.contains(cloud_only), "{creds:?}: {hint}");
        }
    }
    assert_eq!(
        unauthorized_hint(Api::DataCenter, Credentials::bearer("tok")).await,
        "Bearer was sent: it fits HTTP access tokens (personal, project or repository); check \
         the token has not expired or been revoked. A user's password needs Basic \
         (Credentials::basic)."
    );
    let anonymous = unauthorized_hint(Api::DataCenter, Credentials::anonymous()).await;
    assert!(anonymous.contains("HTTP access token (Credentials::bearer)"));
}

#[tokio::test]
async fn cloud_hints_never_suggest_data_center_tokens() {
    for creds in all_credentials() {
        let hint = unauthorized_hint(Api::Cloud, creds.clone()).await;
        for dc_only in ["Data Center", "HTTP access token", "SSO"] {
            assert!(!hint.contains(dc_only), "{creds:?}: {hint}");
        }
    }
    let bearer = unauthorized_hint(Api::Cloud, Credentials::bearer("tok")).await;
    assert!(bearer.starts_with("Bearer was sent: it fits OAuth access tokens and repository, project or workspace access tokens"), "{bearer}");
    let token = unauthorized_hint(Api::Cloud, Credentials::api_token("a@b.c", "t")).await;
    assert!(token.contains("an Atlassian API token goes with the account email, not the username"));
}
