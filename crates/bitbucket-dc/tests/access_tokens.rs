//! Area 1: HTTP access tokens.

mod common;

use bitbucket_dc::chrono::Datelike as _;
use bitbucket_dc::{Error, Permission, futures::TryStreamExt};
use common::*;
use httpmock::prelude::*;
use serde_json::json;

fn token_json(id: &str) -> serde_json::Value {
    json!({"id": id, "name": format!("tok-{id}"), "createdDate": 1_700_000_000_000_i64,
           "permissions": ["REPO_READ", "PROJECT_WRITE"], "expiryDays": 90, "newField": true})
}

#[tokio::test]
async fn user_tokens_stream_through_three_pages() {
    let (server, dc) = setup().await;
    let p = "/rest/access-tokens/latest/users/john.doe";
    let m0 = server
        .mock_async(|when, then| {
            when.method(GET).is_true(exact(p, Some("start=0&limit=2")));
            then.status(200)
                .json_body(page(json!([token_json("1"), token_json("2")]), 0, Some(2)));
        })
        .await;
    let m1 = server
        .mock_async(|when, then| {
            when.method(GET).is_true(exact(p, Some("start=2&limit=2")));
            then.status(200)
                .json_body(page(json!([token_json("3"), token_json("4")]), 2, Some(4)));
        })
        .await;
    let m2 = server
        .mock_async(|when, then| {
            when.method(GET).is_true(exact(p, Some("start=4&limit=2")));
            then.status(200)
                .json_body(page(json!([token_json("5")]), 4, None));
        })
        .await;
    let tokens: Vec<_> = dc
        .user("john.doe")
        .access_tokens()
        .list()
        .page_size(2)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<_> = tokens.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["1", "2", "3", "4", "5"]);
    assert_eq!(
        tokens[0].permissions,
        [Permission::RepoRead, Permission::ProjectWrite]
    );
    assert_eq!(tokens[0].created_date.map(|t| t.year()), Some(2023));
    assert_eq!(tokens[0].expiry_days, Some(90));
    m0.assert_async().await;
    m1.assert_async().await;
    m2.assert_async().await;
}

#[tokio::test]
async fn pages_and_item_cap() {
    let (server, dc) = setup().await;
    let p = "/rest/access-tokens/latest/projects/PRJ";
    server
        .mock_async(|when, then| {
            when.method(GET).is_true(exact(p, Some("start=0&limit=3")));
            then.status(200).json_body(page(
                json!([token_json("1"), token_json("2"), token_json("3")]),
                0,
                Some(3),
            ));
        })
        .await;
    let pages: Vec<_> = dc
        .project("PRJ")
        .access_tokens()
        .list()
        .page_size(10)
        .max_items(3)
        .pages()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), 1, "no request once the cap is reached");
    assert_eq!(pages[0].values.len(), 3);
}

#[tokio::test]
async fn create_sends_only_set_fields_and_keeps_secret() {
    let (server, dc) = setup().await;
    let m = server
        .mock_async(|when, then| {
            when.method(PUT)
                .is_true(exact(
                    "/rest/access-tokens/latest/projects/PRJ/repos/x%20y",
                    None,
                ))
                .json_body(json!({"name": "ci", "permissions": ["REPO_READ"], "expiryDays": 30}));
            then.status(200)
                .json_body(json!({"id": "9", "name": "ci", "token": "s3cr3t-value"}));
        })
        .await;
    let created = dc
        .project("PRJ")
        .repo("x y")
        .access_tokens()
        .create("ci", [Permission::RepoRead])
        .expiry_days(30)
        .send()
        .await
        .unwrap();
    m.assert_async().await;
    assert_eq!(created.token.id, "9");
    assert_eq!(created.secret.expose(), "s3cr3t-value");
    assert!(!format!("{created:?}").contains("s3cr3t"));
}

#[tokio::test]
async fn get_update_delete_for_each_owner() {
    let (server, dc) = setup().await;
    let get = server
        .mock_async(|when, then| {
            when.method(GET)
                .is_true(exact("/rest/access-tokens/latest/users/a%40b.com/77", None));
            then.status(200).json_body(token_json("77"));
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            when.method(POST)
                .is_true(exact("/rest/access-tokens/latest/projects/PRJ/77", None))
                .json_body(json!({"name": "renamed"}));
            then.status(200).json_body(token_json("77"));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method(DELETE).is_true(exact(
                "/rest/access-tokens/latest/projects/PRJ/repos/web/77",
                None,
            ));
            then.status(204);
        })
        .await;
    let t = dc
        .user("a@b.com")
        .access_tokens()
        .get("77")
        .send()
        .await
        .unwrap();
    assert_eq!(t.id, "77");
    let t = dc
        .project("PRJ")
        .access_tokens()
        .update("77")
        .name("renamed")
        .send()
        .await
        .unwrap();
    assert_eq!(t.name.as_deref(), Some("tok-77"));
    dc.project("PRJ")
        .repo("web")
        .access_tokens()
        .delete("77")
        .send()
        .await
        .unwrap();
    get.assert_async().await;
    update.assert_async().await;
    delete.assert_async().await;
}

#[tokio::test]
async fn built_requests_without_sending() {
    let (_server, dc) = setup().await;
    let req = dc
        .user("x y")
        .access_tokens()
        .update("1")
        .permissions([Permission::RepoWrite])
        .build_request()
        .unwrap();
    assert_built(
        &req,
        "POST",
        "/rest/access-tokens/latest/users/x%20y/1",
        Some(json!({"permissions": ["REPO_WRITE"]})),
    );
    let req = dc
        .user("john.doe")
        .access_tokens()
        .list()
        .build_request()
        .unwrap();
    assert_built(
        &req,
        "GET",
        "/rest/access-tokens/latest/users/john.doe",
        None,
    );
    let req = dc
        .user("john.doe")
        .access_tokens()
        .list()
        .start(40)
        .page_size(20)
        .build_request()
        .unwrap();
    assert_eq!(req.url().query(), Some("start=40&limit=20"));
    let req = dc
        .project("PRJ")
        .access_tokens()
        .list()
        .page_size(50)
        .max_items(7)
        .build_request()
        .unwrap();
    assert_eq!(req.url().query(), Some("limit=7"), "capped by max_items");
    assert!(matches!(
        dc.user("..").access_tokens().list().build_request(),
        Err(Error::InvalidInput { .. })
    ));
}

#[tokio::test]
async fn unknown_user_is_not_found_with_server_message() {
    let (server, dc) = setup().await;
    server
        .mock_async(|when, then| {
            when.method(GET).is_true(exact(
                "/rest/access-tokens/latest/users/ghost",
                Some("start=0"),
            ));
            then.status(404).json_body(dc_error(
                "User ghost does not exist.",
                "com.atlassian.bitbucket.user.NoSuchUserException",
            ));
        })
        .await;
    let err = dc
        .user("ghost")
        .access_tokens()
        .list()
        .stream()
        .try_collect::<Vec<_>>()
        .await
        .unwrap_err();
    match err {
        Error::NotFound { message, .. } => assert_eq!(message, "User ghost does not exist."),
        other => panic!("expected NotFound, got {other:?}"),
    }
}
