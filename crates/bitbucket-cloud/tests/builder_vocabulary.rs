//! The vocabulary every generated builder shares with Data Center's: awaiting a builder sends
//! it, and paged builders take `page_size` and `max_items` before `stream()` or `pages()`.

mod common;

use bitbucket_cloud::Error;
use bitbucket_cloud::prelude::*;
use common::client;
use futures::TryStreamExt;
use httpmock::prelude::*;
use serde_json::json;

#[tokio::test]
async fn awaiting_a_builder_sends_it_like_send() {
    let server = MockServer::start_async().await;
    let found = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/2.0/repositories/acme/web")
                .header("authorization", "Bearer tok");
            then.status(200)
                .json_body(json!({"type": "repository", "slug": "web"}));
        })
        .await;
    let cloud = client(&server);

    let repo = cloud
        .get_repository()
        .workspace("acme")
        .repo_slug("web")
        .await;
    assert_eq!(repo.unwrap().slug.as_deref(), Some("web"));
    found.assert_calls_async(1).await;

    // The same errors as `send()`: nothing is sent without a required parameter.
    let err = cloud.get_repository().repo_slug("web").await.unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { message } if message.contains("`workspace`")),
        "{err:?}"
    );
    found.assert_calls_async(1).await;
}

#[tokio::test]
async fn page_size_is_sent_as_pagelen_and_max_items_stops_the_stream() {
    let server = MockServer::start_async().await;
    let page2 = server.url("/2.0/repositories/acme?page=2&pagelen=2");
    let first = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/2.0/repositories/acme")
                .query_param_missing("page")
                .query_param("pagelen", "2");
            then.status(200).json_body(json!({
                "values": [{"slug": "a"}, {"slug": "b"}], "next": page2
            }));
        })
        .await;
    let second = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/2.0/repositories/acme")
                .query_param("page", "2")
                .query_param("pagelen", "2");
            then.status(200)
                .json_body(json!({"values": [{"slug": "c"}, {"slug": "d"}]}));
        })
        .await;
    let cloud = client(&server);

    let slugs: Vec<_> = cloud
        .list_workspace_repositories()
        .workspace("acme")
        .page_size(2)
        .max_items(3)
        .stream()
        .map_ok(|r| r.slug.unwrap_or_default())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(slugs, ["a", "b", "c"]);
    first.assert_calls_async(1).await;
    second.assert_calls_async(1).await;

    // `send()` fetches one page with the same size; `max_items` only caps the streams.
    let page = cloud
        .list_workspace_repositories()
        .workspace("acme")
        .page_size(2)
        .max_items(1)
        .send()
        .await
        .unwrap();
    assert_eq!(page.values.len(), 2);
    first.assert_calls_async(2).await;
}
