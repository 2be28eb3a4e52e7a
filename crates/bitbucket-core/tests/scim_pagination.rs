//! The SCIM paginator (`startIndex`/`count`/`totalResults`) against httpmock servers.

use bitbucket_core::pagination::{PageOptions, ScimPage, scim_items, scim_pages};
use bitbucket_core::{Client, Credentials, Error, PaginationFault};
use futures::TryStreamExt;
use httpmock::prelude::*;
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Debug, Deserialize, PartialEq)]
struct Item {
    id: u64,
}

fn client(server: &MockServer) -> Client {
    Client::builder(server.url("/scim/directory/d1"))
        .credentials(Credentials::bearer("tok"))
        .build()
        .unwrap()
}

fn list_body(total: u64, start: u64, ids: &[u64]) -> Value {
    json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
        "totalResults": total,
        "startIndex": start,
        "itemsPerPage": ids.len(),
        "Resources": ids.iter().map(|i| json!({"id": i})).collect::<Vec<_>>(),
    })
}

fn users_request(c: &Client, path: &str) -> reqwest::Request {
    c.request(reqwest::Method::GET, path)
        .unwrap()
        .build()
        .unwrap()
}

/// Mocks `GET /scim/directory/d1/Users?startIndex=s&count=c` answering `ids`.
async fn page<'a>(
    server: &'a MockServer,
    start: u64,
    count: Option<u64>,
    body: Value,
) -> httpmock::Mock<'a> {
    server
        .mock_async(|when, then| {
            let w = when
                .method(GET)
                .path("/scim/directory/d1/Users")
                .query_param("startIndex", start.to_string())
                .query_param("filter", "active eq true")
                .header("authorization", "Bearer tok");
            match count {
                Some(c) => w.query_param("count", c.to_string()),
                None => w.query_param_missing("count"),
            };
            then.status(200)
                .header("content-type", "application/scim+json")
                .json_body(body);
        })
        .await
}

#[tokio::test]
async fn pages_by_start_index_until_total_results_across_three_pages() {
    let server = MockServer::start_async().await;
    let mocks = vec![
        page(&server, 1, Some(2), list_body(5, 1, &[1, 2])).await,
        page(&server, 3, Some(2), list_body(5, 3, &[3, 4])).await,
        page(&server, 5, Some(2), list_body(5, 5, &[5])).await,
    ];
    let c = client(&server);
    let req = users_request(&c, "Users?filter=active%20eq%20true");
    let pages: Vec<ScimPage<Item>> = scim_pages(c.clone(), req, PageOptions::new().page_size(2))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), 3);
    let ids: Vec<u64> = pages
        .iter()
        .flat_map(|p| p.resources.iter().map(|i| i.id))
        .collect();
    assert_eq!(ids, [1, 2, 3, 4, 5]);
    assert_eq!(pages[2].start_index, Some(5));
    for m in &mocks {
        m.assert_calls_async(1).await;
    }
}

#[tokio::test]
async fn a_server_capping_count_is_followed_from_what_arrived() {
    let server = MockServer::start_async().await;
    // Asked for 10 a page; the server sends 3 at most.
    let mocks = vec![
        page(&server, 1, Some(10), list_body(7, 1, &[1, 2, 3])).await,
        page(&server, 4, Some(10), list_body(7, 4, &[4, 5, 6])).await,
        page(&server, 7, Some(10), list_body(7, 7, &[7])).await,
    ];
    let c = client(&server);
    let req = users_request(&c, "Users?filter=active%20eq%20true");
    let items: Vec<Item> = scim_items(c.clone(), req, PageOptions::new().page_size(10))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items.len(), 7);
    assert_eq!(items.last(), Some(&Item { id: 7 }));
    for m in &mocks {
        m.assert_calls_async(1).await;
    }
}

#[tokio::test]
async fn item_cap_shrinks_count_and_stops_requests_early() {
    let server = MockServer::start_async().await;
    let first = page(&server, 1, Some(4), list_body(100, 1, &[1, 2, 3, 4])).await;
    let second = page(&server, 5, Some(2), list_body(100, 5, &[5, 6])).await;
    let c = client(&server);
    let req = users_request(&c, "Users?filter=active%20eq%20true");
    let items: Vec<Item> = scim_items(c.clone(), req, PageOptions::new().page_size(4).max_items(6))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items.len(), 6);
    first.assert_calls_async(1).await;
    second.assert_calls_async(1).await;
    assert_eq!(c.stats().requests, 2);
}

#[tokio::test]
async fn an_empty_page_before_total_results_is_a_typed_fault() {
    let server = MockServer::start_async().await;
    page(&server, 1, Some(2), list_body(6, 1, &[1, 2])).await;
    page(&server, 3, Some(2), list_body(6, 3, &[])).await;
    let c = client(&server);
    let req = users_request(&c, "Users?filter=active%20eq%20true");
    let mut s = scim_items::<Item>(c.clone(), req, PageOptions::new().page_size(2));
    assert_eq!(s.try_next().await.unwrap(), Some(Item { id: 1 }));
    assert_eq!(s.try_next().await.unwrap(), Some(Item { id: 2 }));
    let err = s.try_next().await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Pagination(PaginationFault::StuckIndex {
                start_index: 3,
                total_results: 6
            })
        ),
        "{err:?}"
    );
    assert_eq!(s.try_next().await.unwrap(), None);
    assert_eq!(c.stats().requests, 2);
}

#[tokio::test]
async fn a_server_ignoring_start_index_is_a_typed_fault_not_a_loop() {
    let server = MockServer::start_async().await;
    page(&server, 1, Some(2), list_body(6, 1, &[1, 2])).await;
    // Asked for index 3, answers page 1 again.
    page(&server, 3, Some(2), list_body(6, 1, &[1, 2])).await;
    let c = client(&server);
    let req = users_request(&c, "Users?filter=active%20eq%20true");
    let result: Result<Vec<Item>, Error> =
        scim_items(c.clone(), req, PageOptions::new().page_size(2))
            .try_collect()
            .await;
    assert!(
        matches!(
            result,
            Err(Error::Pagination(PaginationFault::StartIndexMismatch {
                requested: 3,
                returned: 1
            }))
        ),
        "{result:?}"
    );
}

#[tokio::test]
async fn without_total_results_a_short_page_ends_the_listing() {
    let server = MockServer::start_async().await;
    let body = |ids: &[u64]| json!({"Resources": ids.iter().map(|i| json!({"id": i})).collect::<Vec<_>>()});
    let a = page(&server, 1, Some(3), body(&[1, 2, 3])).await;
    let b = page(&server, 4, Some(3), body(&[4])).await;
    let c = client(&server);
    let req = users_request(&c, "Users?filter=active%20eq%20true");
    let items: Vec<Item> = scim_items(c.clone(), req, PageOptions::new().page_size(3))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items.len(), 4);
    a.assert_calls_async(1).await;
    b.assert_calls_async(1).await;
}

#[tokio::test]
async fn a_start_index_in_the_template_is_where_paging_begins() {
    let server = MockServer::start_async().await;
    let m = page(&server, 4, None, list_body(5, 4, &[4, 5])).await;
    let c = client(&server);
    let req = users_request(&c, "Users?filter=active%20eq%20true&startIndex=4");
    let items: Vec<Item> = scim_items(c.clone(), req, PageOptions::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items, [Item { id: 4 }, Item { id: 5 }]);
    m.assert_calls_async(1).await;
}
