//! The SCIM client against the fake's directory: paging, email look-up, deactivation,
//! deletion and SCIM errors, checked against the fake's own state.

use bitbucket_core::{Error, RetryPolicy};
use bitbucket_fake::Server;
use bitbucket_scim::{Client, Filter, User};
use futures::TryStreamExt;

async fn server() -> Server {
    Server::builder()
        .cloud_workspace("acme", 23, 4)
        .cloud_workspace("other", 5, 2)
        .scim_directory("dir-7", "key-7")
        .start()
        .await
        .unwrap()
}

fn client(server: &Server, key: &str) -> Client {
    Client::builder(server.scim_directory())
        .base_url(server.url())
        .api_key(key)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap()
}

#[tokio::test]
async fn pages_every_user_and_links_them_to_cloud_members() {
    let server = server().await;
    let c = client(&server, "key-7");
    let pages: Vec<_> = c
        .users()
        .list()
        .page_size(10)
        .pages()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), 3, "28 users, 10 a page");
    assert_eq!(c.stats().requests, 3);
    let users: Vec<User> = pages.into_iter().flat_map(|p| p.resources).collect();
    let mut expected: Vec<String> = ["acme", "other"]
        .iter()
        .flat_map(|ws| server.cloud_members(ws).unwrap())
        .map(|m| m.account_id)
        .collect();
    let mut got: Vec<String> = users
        .iter()
        .map(|u| u.account_id().unwrap().to_owned())
        .collect();
    expected.sort();
    got.sort();
    assert_eq!(got, expected);
}

#[tokio::test]
async fn finds_by_email_whether_or_not_it_is_the_user_name() {
    let server = server().await;
    let c = client(&server, "key-7");
    for fake in server.scim_users() {
        let found = c.users().find_by_email(&fake.email).await.unwrap();
        assert_eq!(
            found.as_ref().and_then(User::account_id),
            Some(fake.account_id.as_str()),
            "{}",
            fake.email
        );
    }
    assert!(
        c.users()
            .find_by_email("nobody@example.com")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn deactivates_then_deletes_and_the_fake_agrees() {
    let server = server().await;
    let c = client(&server, "key-7");
    let target = server.scim_users()[2].clone();
    assert!(target.active);
    let after = c.users().deactivate(&target.id).await.unwrap().unwrap();
    assert_eq!(after.active, Some(false));
    let now = server.scim_user_for_account(&target.account_id).unwrap();
    assert!(!now.active);
    // Everyone else is untouched.
    assert_eq!(server.scim_users().iter().filter(|u| !u.active).count(), 1);
    c.users().delete(&target.id).await.unwrap();
    assert!(server.scim_user_for_account(&target.account_id).is_none());
    let e = c.users().get(&target.id).await.unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
}

#[tokio::test]
async fn scim_errors_from_the_fake_are_typed() {
    let server = server().await;
    let c = client(&server, "key-7");
    let e = c
        .users()
        .list()
        .filter(Filter::eq("emails.value", "a@example.com"))
        .send()
        .await
        .unwrap_err();
    assert_eq!(e.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(
        e.response().and_then(|r| r.scim_type.as_deref()),
        Some("invalidFilter")
    );
    let existing = server.scim_users()[0].clone();
    let e = c
        .users()
        .create(&User::new(&existing.user_name, &existing.email, "Dup"))
        .await
        .unwrap_err();
    assert_eq!(
        e.response().and_then(|r| r.scim_type.as_deref()),
        Some("uniqueness")
    );
    let wrong = client(&server, "not-the-key");
    let e = wrong.users().list().send().await.unwrap_err();
    assert!(matches!(e, Error::Unauthorized { .. }), "{e:?}");
    assert!(!format!("{e} {e:?}").contains("not-the-key"));
}

#[tokio::test]
async fn an_email_that_is_the_user_name_costs_one_request_otherwise_a_scan() {
    let server = Server::builder()
        .cloud_workspace("acme", 250, 1)
        .scim_directory("dir-7", "key-7")
        .start()
        .await
        .unwrap();
    let c = client(&server, "key-7");
    let users = server.scim_users();
    assert_eq!(users[0].user_name, users[0].email);
    c.users().find_by_email(&users[0].email).await.unwrap();
    assert_eq!(c.stats().requests, 1);
    // Every fourth user's login is not the email: one filtered request, then pages of 100
    // until the match (user 240 is on page 3).
    let late = &users[239];
    assert_ne!(late.user_name, late.email);
    let found = c.users().find_by_email(&late.email).await.unwrap();
    assert_eq!(found.and_then(|u| u.id), Some(late.id.clone()));
    assert_eq!(c.stats().requests, 1 + 1 + 3);
}
