//! The client secret and every access and refresh token stay out of `Debug`, errors and logs
//! at every level, through token requests, refreshes, 401 retries and refused grants.

mod logs;

use std::sync::{Arc, Mutex};

use bitbucket_core::oauth2::{OAuth2, TokenEndpoint, TokenSet};
use bitbucket_core::{Api, Client, Error, RetryPolicy};
use bitbucket_fake::Server;
use serde_json::Value;

const CLIENT_SECRET: &str = "CANARY-client-secret-5Jq";

#[tokio::test]
async fn secrets_never_reach_debug_errors_or_trace_logs() {
    let logs = logs::Captured::start(tracing_subscriber::fmt::format::FmtSpan::FULL);

    let server = Server::builder()
        .cloud_workspace("acme", 2, 2)
        .oauth_client("key", CLIENT_SECRET)
        .start()
        .await
        .unwrap();
    let endpoint = TokenEndpoint::cloud("key", CLIENT_SECRET)
        .token_url(&format!("{}/site/oauth2/access_token", server.url()))
        .unwrap();
    let seen: Arc<Mutex<Vec<TokenSet>>> = Arc::default();
    let sink = seen.clone();
    let oauth = Arc::new(
        OAuth2::client_credentials(endpoint.clone())
            .on_token(move |t| sink.lock().unwrap().push(t.clone())),
    );
    let client = Client::builder(server.url())
        .api(Api::Cloud)
        .credentials_provider(oauth.clone())
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();

    // A token, a 401 for an expired one and the refresh after it.
    let _: Value = client.raw().get("user").await.unwrap();
    server.expire_oauth_tokens();
    let _: Value = client.raw().get("user").await.unwrap();
    let tokens = seen.lock().unwrap().clone();
    assert_eq!(
        tokens.len(),
        2,
        "the first token and the refresh after the 401"
    );

    // Refused grants: a spent refresh token, a wrong secret, a 401 a refresh cannot fix.
    let spent = tokens[0].refresh_token.clone().unwrap();
    let mut tokens = tokens;
    tokens.push(endpoint.refresh(&spent).await.unwrap());
    let mut errors: Vec<Error> = vec![endpoint.refresh(&spent).await.unwrap_err()];
    let wrong = TokenEndpoint::cloud("key", "CANARY-wrong-secret-8Zt")
        .token_url(&format!("{}/site/oauth2/access_token", server.url()))
        .unwrap();
    errors.push(wrong.client_credentials().await.unwrap_err());
    let stuck = Client::builder(server.url())
        .api(Api::Cloud)
        .credentials_provider(Arc::new(OAuth2::client_credentials(wrong.clone())))
        .build()
        .unwrap();
    errors.push(stuck.raw().get::<Value>("user").await.unwrap_err());
    assert!(matches!(&errors[0], Error::OAuth { code, .. } if code == "invalid_grant"));
    assert!(matches!(&errors[2], Error::OAuth { code, .. } if code == "invalid_client"));

    let mut secrets = vec![
        CLIENT_SECRET.to_owned(),
        "CANARY-wrong-secret-8Zt".to_owned(),
    ];
    for t in &tokens {
        secrets.push(t.access_token.expose().to_owned());
        secrets.push(t.refresh_token.as_ref().unwrap().expose().to_owned());
    }
    let mut texts = vec![
        format!("{oauth:?}"),
        format!("{endpoint:?}"),
        format!("{wrong:?}"),
        format!("{client:?}"),
        format!("{tokens:?}"),
        logs.text(),
    ];
    for e in &errors {
        texts.push(format!("{e:?}"));
        texts.push(e.to_string());
    }
    let log = texts.last().cloned().unwrap_or_default();
    assert!(
        log.contains("OAuth 2 token request"),
        "token requests are traced"
    );
    for secret in &secrets {
        for text in &texts {
            assert!(!text.contains(secret.as_str()), "{secret} leaked in {text}");
        }
    }
}
