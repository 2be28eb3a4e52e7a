//! Cloud and Data Center paginators against httpmock servers.

use bitbucket_core::pagination::{
    PageOptions, cloud_items, cloud_items_prefetch, cloud_pages, dc_items, dc_pages,
};
use bitbucket_core::{Client, Credentials, Error, PaginationFault};
use futures::{StreamExt, TryStreamExt};
use httpmock::prelude::*;
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Debug, Deserialize, PartialEq)]
struct Item {
    id: u32,
}

fn ids(items: &[Item]) -> Vec<u32> {
    items.iter().map(|i| i.id).collect()
}

fn client(server: &MockServer, prefix: &str) -> Client {
    Client::builder(server.url(prefix))
        .credentials(Credentials::bearer("tok"))
        .build()
        .unwrap()
}

/// A GET request for `path` (relative to the client's base URL), built but not sent.
fn get(c: &Client, path: &str) -> reqwest::Request {
    c.request(reqwest::Method::GET, path)
        .unwrap()
        .build()
        .unwrap()
}

/// A GET request for `path` with the given query pairs, built but not sent.
fn get_with(c: &Client, path: &str, query: &[(&str, &str)]) -> reqwest::Request {
    c.request(reqwest::Method::GET, path)
        .unwrap()
        .query(query)
        .build()
        .unwrap()
}

/// Answers every request to `path` (whatever its query) with `body` and status 200.
async fn always_answer(server: &MockServer, path: &str, body: Value) {
    server
        .mock_async(|when, then| {
            when.path(path);
            then.status(200).json_body(body);
        })
        .await;
}

#[tokio::test]
async fn cloud_follows_absolute_next_across_three_pages_with_auth() {
    let server = MockServer::start_async().await;
    let mut mocks = Vec::new();
    for (page, values, next) in [
        (1, json!([{"id":1},{"id":2}]), Some(2)),
        (2, json!([{"id":3},{"id":4}]), Some(3)),
        (3, json!([]), None),
    ] {
        let mut body = json!({"values": values, "page": page, "pagelen": 2, "size": 4});
        if let Some(n) = next {
            body["next"] = json!(server.url(format!("/2.0/things?pagelen=2&page={n}")));
        }
        mocks.push(
            server
                .mock_async(|when, then| {
                    let w = when
                        .method(GET)
                        .path("/2.0/things")
                        .query_param("pagelen", "2")
                        .header("authorization", "Bearer tok");
                    if page == 1 {
                        w.query_param_missing("page");
                    } else {
                        w.query_param("page", page.to_string());
                    }
                    then.status(200).json_body(body);
                })
                .await,
        );
    }
    let c = client(&server, "/2.0");
    let req = get(&c, "things");
    let pages: Vec<_> = cloud_pages::<Item>(c.clone(), req, PageOptions::new().page_size(2))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), 3);
    assert!(pages[2].values.is_empty());
    let all: Vec<Item> = pages.into_iter().flat_map(|p| p.values).collect();
    assert_eq!(ids(&all), [1, 2, 3, 4]);
    for m in &mocks {
        m.assert_calls_async(1).await;
    }
}

#[tokio::test]
async fn cloud_item_cap_stops_requests_early() {
    let server = MockServer::start_async().await;
    let p1 = server
        .mock_async(|when, then| {
            when.path("/2.0/things").query_param_missing("page");
            then.status(200).json_body(json!({
                "values": [{"id":1},{"id":2},{"id":3}],
                "next": server.url("/2.0/things?page=2"),
            }));
        })
        .await;
    let p2 = server
        .mock_async(|when, then| {
            when.path("/2.0/things").query_param("page", "2");
            then.status(200)
                .json_body(json!({"values": [{"id":4}], "next": server.url("/2.0/things?page=3")}));
        })
        .await;
    let c = client(&server, "/2.0");
    let req = get(&c, "things");
    let items: Vec<Item> = cloud_items(c.clone(), req, PageOptions::new().max_items(2))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&items), [1, 2]);
    p1.assert_calls_async(1).await;
    p2.assert_calls_async(0).await;

    // Dropping a stream after the first item sends nothing more.
    let req = get(&c, "things");
    let mut s = cloud_items::<Item>(c.clone(), req, PageOptions::new());
    assert_eq!(s.next().await.unwrap().unwrap().id, 1);
    drop(s);
    p2.assert_calls_async(0).await;
}

#[tokio::test]
async fn cloud_repeated_next_is_an_error() {
    let server = MockServer::start_async().await;
    let body = json!({"values": [{"id":1}], "next": server.url("/2.0/loop?page=2")});
    always_answer(&server, "/2.0/loop", body).await;
    let c = client(&server, "/2.0");
    let req = get(&c, "loop");
    let result: Result<Vec<Item>, Error> = cloud_items(c.clone(), req, PageOptions::new())
        .try_collect()
        .await;
    assert!(matches!(
        result,
        Err(Error::Pagination(PaginationFault::RepeatedNext(_)))
    ));
}

#[tokio::test]
async fn cloud_prefetch_yields_same_items_deduplicated() {
    let server = MockServer::start_async().await;
    // 3 pages of 2; page 3 repeats id 4 (unstable order) and adds 5.
    let pages = [
        json!([{"id":1},{"id":2}]),
        json!([{"id":3},{"id":4}]),
        json!([{"id":4},{"id":5}]),
    ];
    for (i, values) in pages.iter().enumerate() {
        let n = i + 1;
        let mut body = json!({"values": values, "page": n, "pagelen": 2, "size": 6});
        if n < 3 {
            body["next"] = json!(server.url(format!("/2.0/r?pagelen=2&page={}", n + 1)));
        }
        server
            .mock_async(|when, then| {
                let w = when.path("/2.0/r").query_param("pagelen", "2");
                if n == 1 {
                    w.query_param_missing("page");
                } else {
                    w.query_param("page", n.to_string());
                }
                then.status(200).json_body(body);
            })
            .await;
    }
    let c = client(&server, "/2.0");
    let req = get(&c, "r");
    let fast: Vec<Item> = cloud_items_prefetch(
        c.clone(),
        req,
        PageOptions::new().page_size(2),
        4,
        |i: &Item| i.id,
    )
    .try_collect()
    .await
    .unwrap();
    assert_eq!(ids(&fast), [1, 2, 3, 4, 5]);
}

#[tokio::test]
async fn dc_pages_through_next_page_start_until_last_page() {
    let server = MockServer::start_async().await;
    let mut mocks = Vec::new();
    for (start, values, last, next) in [
        (0, json!([{"id":1},{"id":2}]), false, Some(2)),
        (2, json!([{"id":3},{"id":4}]), false, Some(4)),
        (4, json!([]), true, None),
    ] {
        let mut body =
            json!({"values": values, "size": 2, "limit": 2, "start": start, "isLastPage": last});
        if let Some(n) = next {
            body["nextPageStart"] = json!(n);
        }
        mocks.push(
            server
                .mock_async(|when, then| {
                    when.method(GET)
                        .path("/rest/api/latest/admin/users")
                        .query_param("filter", "jo")
                        .query_param("start", start.to_string())
                        .query_param("limit", "2")
                        .header("authorization", "Bearer tok");
                    then.status(200).json_body(body);
                })
                .await,
        );
    }
    let c = client(&server, "/rest");
    let req = get_with(&c, "api/latest/admin/users", &[("filter", "jo")]);
    let pages: Vec<_> = dc_pages::<Item>(c.clone(), req, PageOptions::new().page_size(2))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), 3);
    assert_eq!(pages[2].is_last_page, Some(true));
    for m in &mocks {
        m.assert_calls_async(1).await;
    }
    // With a cap of 3 the last page is never requested and the limit shrinks to what is left.
    let req = get_with(&c, "api/latest/admin/users", &[("filter", "jo")]);
    let capped = server
        .mock_async(|when, then| {
            when.path("/rest/api/latest/admin/users")
                .query_param("start", "2")
                .query_param("limit", "1");
            then.status(200).json_body(
                json!({"values": [{"id":3}], "size": 1, "limit": 1, "start": 2, "isLastPage": false, "nextPageStart": 3}),
            );
        })
        .await;
    let items: Vec<Item> = dc_items(c.clone(), req, PageOptions::new().page_size(2).max_items(3))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&items), [1, 2, 3]);
    capped.assert_calls_async(1).await;
    mocks[2].assert_calls_async(1).await;
}

#[tokio::test]
async fn dc_item_cap_without_page_size_asks_for_what_is_left() {
    let server = MockServer::start_async().await;
    let first = server
        .mock_async(|when, then| {
            when.path("/rest/api/latest/users")
                .query_param("start", "0")
                .query_param("limit", "5");
            then.status(200).json_body(
                json!({"values": [{"id":1},{"id":2}], "start": 0, "isLastPage": false, "nextPageStart": 2}),
            );
        })
        .await;
    let second = server
        .mock_async(|when, then| {
            when.path("/rest/api/latest/users")
                .query_param("start", "2")
                .query_param("limit", "3");
            then.status(200)
                .json_body(json!({"values": [{"id":3}], "start": 2, "isLastPage": true}));
        })
        .await;
    let c = client(&server, "/rest");
    let req = get(&c, "api/latest/users");
    let items: Vec<Item> = dc_items(c.clone(), req, PageOptions::new().max_items(5))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&items), [1, 2, 3]);
    first.assert_calls_async(1).await;
    second.assert_calls_async(1).await;
}

#[tokio::test]
async fn dc_stuck_next_page_start_is_an_error() {
    let server = MockServer::start_async().await;
    let body = json!({"values": [{"id":1}], "start": 0, "isLastPage": false, "nextPageStart": 0});
    always_answer(&server, "/rest/api/latest/users", body).await;
    let c = client(&server, "/rest");
    let req = get(&c, "api/latest/users");
    let mut s = dc_items::<Item>(c.clone(), req, PageOptions::new());
    assert_eq!(s.try_next().await.unwrap().unwrap().id, 1);
    let err = s.try_next().await.unwrap_err();
    assert!(matches!(
        err,
        Error::Pagination(PaginationFault::StuckStart {
            start: 0,
            next: Some(0)
        })
    ));
    assert!(s.next().await.is_none(), "the stream ends after the fault");
}

#[tokio::test]
async fn dc_negative_next_page_start_on_a_non_last_page_is_an_error() {
    let server = MockServer::start_async().await;
    let body = json!({"values": [], "isLastPage": false, "nextPageStart": -2147483648i64});
    always_answer(&server, "/rest/api/latest/users", body).await;
    let c = client(&server, "/rest");
    let req = get(&c, "api/latest/users");
    let r: Result<Vec<Item>, _> = dc_items(c.clone(), req, PageOptions::new())
        .try_collect()
        .await;
    assert!(matches!(
        r,
        Err(Error::Pagination(PaginationFault::StuckStart { .. }))
    ));
}

#[test]
fn dc_page_with_null_values_or_fields_decodes_as_empty() {
    let page: bitbucket_core::DcPage<serde_json::Value> =
        serde_json::from_str(r#"{"values": null, "size": null, "isLastPage": true, "start": 0}"#)
            .unwrap();
    assert!(page.values.is_empty());
    assert_eq!(page.size, None);
    assert_eq!(page.is_last_page, Some(true));
    let missing: bitbucket_core::DcPage<u8> = serde_json::from_str("{}").unwrap();
    assert!(missing.values.is_empty());
}
