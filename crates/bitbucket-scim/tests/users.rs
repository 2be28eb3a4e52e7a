//! The SCIM client against httpmock: paging, the email look-up, PATCH active=false, DELETE,
//! SCIM error bodies and the API key staying out of Debug and errors (the trace-log canary is
//! `key_canary.rs`, alone in its binary so no parallel test shares its log subscriber).

use bitbucket_core::{Error, PaginationFault, RetryPolicy};
use bitbucket_scim::{Client, Filter, User};
use futures::TryStreamExt;
use httpmock::prelude::*;
use serde_json::{Value, json};

const KEY: &str = "scim-key-CANARY-7f3e";

fn client(server: &MockServer) -> Client {
    Client::builder("dir-1")
        .base_url(server.base_url())
        .api_key(KEY)
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap()
}

fn user(n: u64) -> Value {
    json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "id": format!("u-{n}"),
        "userName": format!("person{n}@example.com"),
        "emails": [{"value": format!("person{n}@example.com"), "type": "work", "primary": true}],
        "displayName": format!("Person {n}"),
        "active": true,
        "urn:scim:schemas:extension:atlassian-external:1.0": {"atlassianAccountId": format!("557058:{n}")}
    })
}

fn list(total: u64, start: u64, ns: &[u64]) -> Value {
    json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
        "totalResults": total,
        "startIndex": start,
        "itemsPerPage": ns.len(),
        "Resources": ns.iter().map(|n| user(*n)).collect::<Vec<_>>()
    })
}

fn scim_error(status: u16, scim_type: Option<&str>, detail: &str) -> Value {
    let mut v = json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
        "status": status.to_string(),
        "detail": detail
    });
    if let Some(t) = scim_type {
        v["scimType"] = json!(t);
    }
    v
}

#[tokio::test]
async fn lists_users_over_three_pages_with_the_key_as_bearer() {
    let server = MockServer::start_async().await;
    let mut mocks = Vec::new();
    for (start, ns) in [(1, vec![1, 2]), (3, vec![3, 4]), (5, vec![5])] {
        let body = list(5, start, &ns);
        mocks.push(
            server
                .mock_async(move |when, then| {
                    when.method(GET)
                        .path("/scim/directory/dir-1/Users")
                        .query_param("startIndex", start.to_string())
                        .query_param("count", "2")
                        .header("authorization", format!("Bearer {KEY}"));
                    then.status(200)
                        .header("content-type", "application/scim+json")
                        .json_body(body);
                })
                .await,
        );
    }
    let c = client(&server);
    let users: Vec<User> = c
        .users()
        .list()
        .page_size(2)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<&str> = users.iter().filter_map(|u| u.account_id()).collect();
    assert_eq!(
        ids,
        ["557058:1", "557058:2", "557058:3", "557058:4", "557058:5"]
    );
    for m in &mocks {
        m.assert_calls_async(1).await;
    }
}

#[tokio::test]
async fn finds_a_user_by_email_through_the_user_name_filter() {
    let server = MockServer::start_async().await;
    let m = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/scim/directory/dir-1/Users")
                .query_param("filter", r#"userName eq "Person7@Example.com""#);
            then.status(200).json_body(list(1, 1, &[7]));
        })
        .await;
    let c = client(&server);
    let found = c
        .users()
        .find_by_email(" Person7@Example.com ")
        .await
        .unwrap()
        .expect("found");
    assert_eq!(found.account_id(), Some("557058:7"));
    m.assert_calls_async(1).await;
}

#[tokio::test]
async fn falls_back_to_scanning_emails_when_the_user_name_differs() {
    let server = MockServer::start_async().await;
    let by_name = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/scim/directory/dir-1/Users")
                .query_param_exists("filter");
            then.status(200).json_body(list(0, 1, &[]));
        })
        .await;
    let mut other = user(9);
    other["userName"] = json!("p.nine");
    other["emails"] =
        json!([{"value": "old@example.com"}, {"value": "nine@example.com", "primary": true}]);
    let scan = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/scim/directory/dir-1/Users")
                .query_param_missing("filter")
                .query_param("startIndex", "1");
            then.status(200).json_body(json!({
                "totalResults": 2, "startIndex": 1, "Resources": [user(8), other]
            }));
        })
        .await;
    let c = client(&server);
    let found = c.users().find_by_email("nine@example.com").await.unwrap();
    assert_eq!(found.and_then(|u| u.id), Some("u-9".to_owned()));
    let none = c.users().find_by_email("nobody@example.com").await.unwrap();
    assert!(none.is_none());
    by_name.assert_calls_async(2).await;
    scan.assert_calls_async(2).await;
    assert!(matches!(
        c.users().find_by_email("  ").await,
        Err(Error::InvalidInput { .. })
    ));
}

#[tokio::test]
async fn deactivates_with_a_patch_of_active_false_and_deletes() {
    let server = MockServer::start_async().await;
    let patch = server
        .mock_async(|when, then| {
            when.method("PATCH")
                .path("/scim/directory/dir-1/Users/u%201")
                .json_body(json!({
                    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                    "Operations": [{"op": "replace", "path": "active", "value": false}]
                }));
            let mut body = user(1);
            body["active"] = json!(false);
            then.status(200).json_body(body);
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method(DELETE)
                .path("/scim/directory/dir-1/Users/u%201");
            then.status(204);
        })
        .await;
    let c = client(&server);
    let after = c.users().deactivate("u 1").await.unwrap().expect("user");
    assert_eq!(after.active, Some(false));
    c.users().delete("u 1").await.unwrap();
    patch.assert_calls_async(1).await;
    delete.assert_calls_async(1).await;
}

#[tokio::test]
async fn scim_error_bodies_become_typed_errors() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(POST).path("/scim/directory/dir-1/Users");
            then.status(409)
                .header("content-type", "application/scim+json")
                .json_body(scim_error(409, Some("uniqueness"), "User already exists"));
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/scim/directory/dir-1/Users/gone");
            then.status(404)
                .json_body(scim_error(404, None, "Resource not found"));
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/scim/directory/dir-1/Users/x");
            then.status(401)
                .json_body(scim_error(401, None, "Invalid API key"));
        })
        .await;
    let c = client(&server);
    let e = c
        .users()
        .create(&User::new("jo@example.com", "jo@example.com", "Jo"))
        .await
        .unwrap_err();
    assert!(
        matches!(&e, Error::Api { status, message, .. } if status.as_u16() == 409 && message == "User already exists"),
        "{e:?}"
    );
    assert_eq!(
        e.response().and_then(|r| r.scim_type.as_deref()),
        Some("uniqueness")
    );
    let e = c.users().get("gone").await.unwrap_err();
    assert!(matches!(&e, Error::NotFound { message, .. } if message == "Resource not found"));
    let e = c.users().get("x").await.unwrap_err();
    match &e {
        Error::Unauthorized { scheme, hint, .. } => {
            assert_eq!(scheme, "Bearer");
            assert!(hint.contains("directory's API key"), "{hint}");
        }
        other => panic!("{other:?}"),
    }
    assert!(!e.to_string().contains(KEY));
    assert!(!format!("{e:?}").contains(KEY));
}

#[tokio::test]
async fn bad_input_is_a_typed_error_before_any_request() {
    let server = MockServer::start_async().await;
    let c = client(&server);
    let e = c
        .users()
        .list()
        .filter(Filter::eq("userName or 1 eq 1", "x"))
        .send()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::InvalidInput { .. }), "{e:?}");
    let e = c.users().get("..").await.unwrap_err();
    assert!(matches!(e, Error::InvalidInput { .. }), "{e:?}");
    assert_eq!(c.stats().requests, 0);
}

#[tokio::test]
async fn a_directory_ignoring_start_index_stops_with_a_pagination_error() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/scim/directory/dir-1/Users");
            then.status(200).json_body(list(4, 1, &[1, 2]));
        })
        .await;
    let c = client(&server);
    let r: Result<Vec<User>, Error> = c.users().list().page_size(2).stream().try_collect().await;
    assert!(matches!(
        r,
        Err(Error::Pagination(
            PaginationFault::StartIndexMismatch { .. }
        ))
    ));
}
