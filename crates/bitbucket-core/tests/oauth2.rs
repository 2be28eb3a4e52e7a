//! OAuth 2 against the fake's token endpoints: refresh before expiry with one token request
//! per expiry, refresh after a 401, rotation through the hook, typed token errors, authorize
//! URL and code exchange for Cloud and Data Center.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use bitbucket_core::oauth2::{
    CLOUD_TOKEN_URL, ClientAuth, OAuth2, TokenEndpoint, TokenSet, pkce_challenge,
};
use bitbucket_core::{Api, Client, Error, RetryPolicy, Secret};
use bitbucket_fake::Server;
use futures::StreamExt as _;
use serde_json::Value;

const ID: &str = "consumer-key";
const SECRET: &str = "consumer-secret";

async fn fake(lifetime: Duration) -> Server {
    Server::builder()
        .cloud_workspace("acme", 3, 3)
        .dc_users(5)
        .oauth_client(ID, SECRET)
        .oauth_token_lifetime(lifetime)
        .start()
        .await
        .unwrap()
}

fn cloud_endpoint(server: &Server) -> TokenEndpoint {
    TokenEndpoint::cloud(ID, SECRET)
        .token_url(&format!("{}/site/oauth2/access_token", server.url()))
        .unwrap()
        .authorize_endpoint(&format!("{}/site/oauth2/authorize", server.url()))
        .unwrap()
}

fn client(server: &Server, api: Api, provider: Arc<OAuth2>) -> Client {
    Client::builder(server.url())
        .api(api)
        .credentials_provider(provider)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap()
}

/// Opens an authorize URL on the fake (which consents at once) and returns the redirect's
/// `code` and `state`.
async fn consent(url: &url::Url) -> (String, String) {
    bitbucket_core::tls::ensure_crypto_provider();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let resp = http.get(url.clone()).send().await.unwrap();
    assert_eq!(resp.status(), 302);
    let location = resp.headers()["location"].to_str().unwrap();
    let back = url::Url::parse(location).unwrap();
    assert!(location.starts_with("https://app.example.com/callback?"));
    let get = |k: &str| {
        back.query_pairs()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.into_owned())
            .unwrap()
    };
    (get("code"), get("state"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_requests_over_several_expiries_need_one_token_each() {
    let lifetime = Duration::from_secs(2);
    let server = fake(lifetime).await;
    let oauth = Arc::new(OAuth2::client_credentials(cloud_endpoint(&server)));
    let c = client(&server, Api::Cloud, oauth.clone());
    // 32 workers share 1,000 requests; each pauses before its next one so the run spans
    // several token lifetimes. The pause is on the client side, so it never eats into the
    // refresh margin.
    let results: Vec<Result<Value, Error>> = futures::stream::iter(0..1_000)
        .map(|_| {
            let c = c.clone();
            async move {
                tokio::time::sleep(Duration::from_millis(180)).await;
                c.raw().get::<Value>("user").await
            }
        })
        .buffer_unordered(32)
        .collect()
        .await;
    let failures = results.iter().filter(|r| r.is_err()).count();
    let stats = server.oauth_stats();
    // An expiry is a token replaced once it reached its refresh point, at least half its
    // lifetime after the previous one; a duplicate request at the same expiry would follow
    // its twin within milliseconds and not count.
    let expiries = stats
        .issued_at
        .windows(2)
        .filter(|w| w[1] - w[0] >= lifetime / 2)
        .count() as u64;
    eprintln!(
        "requests={} failures={failures} expiries={expiries} token_requests={} \
         expired_rejections={}",
        results.len(),
        stats.token_requests,
        stats.expired_rejections
    );
    assert_eq!(failures, 0, "{:?}", results.iter().find(|r| r.is_err()));
    assert!(
        expiries >= 2,
        "the run should span several expiries: {stats:?}"
    );
    assert_eq!(stats.token_requests, expiries + 1, "{stats:?}");
    assert_eq!(oauth.token_requests(), stats.token_requests);
}

#[tokio::test]
async fn an_expired_token_is_refreshed_once_after_the_401() {
    let server = fake(Duration::from_secs(3600)).await;
    let oauth = Arc::new(OAuth2::client_credentials(cloud_endpoint(&server)));
    let c = client(&server, Api::Cloud, oauth.clone());
    let _: Value = c.raw().get("user").await.unwrap();
    server.expire_oauth_tokens();
    let me: Value = c.raw().get("user").await.unwrap();
    assert_eq!(me["type"], "user");
    let stats = server.oauth_stats();
    assert_eq!(stats.expired_rejections, 1);
    assert_eq!(stats.token_requests, 2);
    assert_eq!(c.stats().requests, 3, "first call, the 401, the retry");
}

#[tokio::test]
async fn dc_code_flow_with_pkce_then_rotation_through_the_hook() {
    let server = fake(Duration::from_secs(3600)).await;
    let endpoint = TokenEndpoint::data_center(server.url(), ID, SECRET).unwrap();
    assert_eq!(
        endpoint.token_endpoint_url().as_str(),
        format!("{}/rest/oauth2/latest/token", server.url())
    );
    let redirect = "https://app.example.com/callback";
    let request = endpoint.authorize(Some(redirect), &["REPO_READ", "PUBLIC_REPOS"]);
    let q: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    let verifier = request.pkce_verifier.clone().expect("DC uses PKCE");
    assert!(
        request
            .url
            .as_str()
            .starts_with(&format!("{}/rest/oauth2/latest/authorize?", server.url()))
    );
    for (k, v) in [
        ("response_type", "code"),
        ("client_id", ID),
        ("redirect_uri", redirect),
        ("scope", "REPO_READ PUBLIC_REPOS"),
        ("code_challenge_method", "S256"),
    ] {
        assert!(q.contains(&(k.into(), v.into())), "{k} in {q:?}");
    }
    assert!(q.contains(&("code_challenge".into(), pkce_challenge(verifier.expose()))));
    let (code, state) = consent(&request.url).await;
    assert_eq!(state, request.state);

    // A wrong verifier is refused with the RFC code; the right one gets tokens.
    let wrong = endpoint
        .exchange_code(
            &code,
            Some(redirect),
            Some(&Secret::new("not-the-verifier")),
        )
        .await
        .unwrap_err();
    assert!(matches!(&wrong, Error::OAuth { code, .. } if code == "invalid_grant"));
    let (code, _) = consent(&endpoint.authorize(Some(redirect), &[]).url).await;
    let again = endpoint.authorize(Some(redirect), &[]);
    let (code2, _) = consent(&again.url).await;
    assert!(
        endpoint
            .exchange_code(&code, Some(redirect), None)
            .await
            .is_err()
    );
    let tokens = endpoint
        .exchange_code(&code2, Some(redirect), again.pkce_verifier.as_ref())
        .await
        .unwrap();
    let first_refresh = tokens.refresh_token.clone().unwrap();

    let stored: Arc<Mutex<Vec<TokenSet>>> = Arc::default();
    let sink = stored.clone();
    let oauth = Arc::new(
        OAuth2::from_tokens(endpoint.clone(), tokens)
            .on_token(move |t| sink.lock().unwrap().push(t.clone())),
    );
    let c = client(&server, Api::DataCenter, oauth.clone());
    // OAuth tokens pass on administrative endpoints, where HTTP access tokens do not.
    let _: Value = c.raw().get("api/latest/admin/users").await.unwrap();
    assert!(
        stored.lock().unwrap().is_empty(),
        "the exchanged token is used first"
    );
    server.expire_oauth_tokens();
    let _: Value = c.raw().get("api/latest/admin/users").await.unwrap();
    let rotated = stored.lock().unwrap()[0].refresh_token.clone().unwrap();
    assert_ne!(rotated, first_refresh, "the refresh token rotates");
    // The old refresh token is spent: a typed invalid_grant.
    match endpoint.refresh(&first_refresh).await.unwrap_err() {
        Error::OAuth {
            code,
            description,
            status,
            ..
        } => {
            assert_eq!(code, "invalid_grant");
            assert_eq!(description.as_deref(), Some("Invalid refresh_token"));
            assert_eq!(status.map(|s| s.as_u16()), Some(400));
        }
        other => panic!("{other:?}"),
    }
    // The stored (rotated) one still works.
    assert!(endpoint.refresh(&rotated).await.is_ok());
}

#[tokio::test]
async fn cloud_code_flow_and_constants() {
    assert_eq!(
        TokenEndpoint::cloud(ID, SECRET)
            .token_endpoint_url()
            .as_str(),
        CLOUD_TOKEN_URL
    );
    let dc = TokenEndpoint::data_center("https://h.example/bitbucket/rest", ID, SECRET).unwrap();
    assert_eq!(
        dc.token_endpoint_url().as_str(),
        "https://h.example/bitbucket/rest/oauth2/latest/token"
    );
    let server = fake(Duration::from_secs(3600)).await;
    let endpoint = cloud_endpoint(&server);
    let request = endpoint.authorize(Some("https://app.example.com/callback"), &[]);
    assert!(request.pkce_verifier.is_none());
    assert!(!request.url.as_str().contains("code_challenge"));
    let (code, state) = consent(&request.url).await;
    assert_eq!(state, request.state);
    let tokens = endpoint
        .exchange_code(&code, Some("https://app.example.com/callback"), None)
        .await
        .unwrap();
    assert_eq!(tokens.expires_in, Some(Duration::from_secs(3600)));
    let c = client(
        &server,
        Api::Cloud,
        Arc::new(OAuth2::from_tokens(endpoint, tokens)),
    );
    let me: Value = c.raw().get("user").await.unwrap();
    assert_eq!(me["type"], "user");
    assert_eq!(server.oauth_stats().token_requests, 1);
}

#[tokio::test]
async fn token_endpoint_refusals_are_typed_and_reach_callers() {
    let server = fake(Duration::from_secs(3600)).await;
    // Data Center has no client-credentials grant.
    let dc = TokenEndpoint::data_center(server.url(), ID, SECRET).unwrap();
    match dc.client_credentials().await.unwrap_err() {
        Error::OAuth { code, .. } => assert_eq!(code, "unsupported_grant_type"),
        other => panic!("{other:?}"),
    }
    // A wrong secret, sent either way, is invalid_client.
    for auth in [ClientAuth::Basic, ClientAuth::Body] {
        let bad = TokenEndpoint::cloud(ID, "wrong")
            .client_auth(auth)
            .token_url(&format!("{}/site/oauth2/access_token", server.url()))
            .unwrap();
        match bad.client_credentials().await.unwrap_err() {
            Error::OAuth { code, hint, .. } => {
                assert_eq!(code, "invalid_client");
                assert!(hint.contains("client id or secret"), "{hint}");
            }
            other => panic!("{other:?}"),
        }
    }
    // A request whose provider cannot get a token fails with that error, unsent.
    let oauth = Arc::new(OAuth2::from_refresh_token(dc, "revoked-refresh-token"));
    let c = client(&server, Api::DataCenter, oauth);
    let before = server.request_count();
    match c.raw().get::<Value>("api/latest/users").await.unwrap_err() {
        Error::OAuth { code, .. } => assert_eq!(code, "invalid_grant"),
        other => panic!("{other:?}"),
    }
    assert_eq!(server.request_count(), before + 1, "only the token request");
}
