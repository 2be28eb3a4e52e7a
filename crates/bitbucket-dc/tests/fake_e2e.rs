//! End to end against `bitbucket-fake`, an independent in-process server that shares no code
//! with the SDK: the guide's "every user with their HTTP access tokens" job, token lifecycle,
//! encoded slugs, errors and retries.

use std::collections::BTreeMap;

use bitbucket_dc::{Client, Credentials, Error, Permission, RetryPolicy, futures::TryStreamExt};
use bitbucket_fake::Server;

mod common;

#[tokio::test]
async fn every_user_with_their_tokens() {
    let server = Server::dc()
        .dc_users(120)
        .dc_named_user("jane.doe@example.com")
        .dc_named_user("john smith")
        .tokens_per_user(0..=3)
        .start()
        .await
        .expect("fake server");
    let dc = common::fake_client(&server);

    let mut tokens_per_user = BTreeMap::new();
    let mut users = dc.admin().users().list().page_size(50).stream();
    while let Some(user) = users.try_next().await.expect("users page") {
        let tokens: Vec<_> = common::user_tokens(&dc, &user.slug).await;
        tokens_per_user.insert(user.slug.clone(), tokens.len());
    }
    assert_eq!(
        tokens_per_user.len(),
        122,
        "every seeded user, across pages"
    );
    assert!(tokens_per_user.contains_key("jane.doe@example.com"));
    assert!(tokens_per_user.contains_key("john smith"));
    assert!(tokens_per_user.values().all(|n| *n <= 3));
    assert!(tokens_per_user.values().any(|n| *n > 0));
}

#[tokio::test]
async fn token_lifecycle_for_slugs_that_need_encoding() {
    let server = Server::dc()
        .dc_users(0)
        .dc_named_user("jane.doe@example.com")
        .dc_named_user("john smith")
        .tokens_per_user(0..=0)
        .start()
        .await
        .expect("fake server");
    let dc = common::fake_client(&server);
    for slug in ["jane.doe@example.com", "john smith"] {
        let user = dc.user(slug).get().await.expect("user by encoded slug");
        assert_eq!(user.slug, slug);
        let created = dc
            .user(slug)
            .access_tokens()
            .create("ci", [Permission::RepoRead])
            .send()
            .await
            .expect("create");
        assert!(!created.secret.expose().is_empty());
        assert!(!format!("{created:?}").contains(created.secret.expose()));
        let listed: Vec<_> = common::user_tokens(&dc, slug).await;
        assert_eq!(listed.len(), 1);
        dc.user(slug)
            .access_tokens()
            .delete(&created.token.id)
            .send()
            .await
            .expect("delete");
        let err = dc
            .user(slug)
            .access_tokens()
            .get(&created.token.id)
            .send()
            .await
            .expect_err("deleted token is gone");
        assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
    }
}

#[tokio::test]
async fn unknown_user_and_bad_credentials() {
    let server = Server::dc().dc_users(1).start().await.expect("fake server");
    let dc = common::fake_client(&server);
    let err = dc.user("nobody").get().await.expect_err("unknown slug");
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
    assert!(err.message().is_some_and(|m| !m.is_empty()));

    let anonymous = Client::builder(server.url())
        .credentials(Credentials::bearer("wrong-token"))
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("client");
    let err = anonymous
        .admin()
        .users()
        .list()
        .send()
        .await
        .expect_err("wrong token");
    assert!(matches!(err, Error::Unauthorized { .. }), "{err:?}");
    assert!(!format!("{err:?}").contains("wrong-token"));
}
