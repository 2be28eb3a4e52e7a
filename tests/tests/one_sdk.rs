//! Cloud and Data Center side by side through the `bitbucket` facade, driven with the same
//! words: paging with `page_size`/`max_items`, `raw()`, `build_request()`, awaiting a builder,
//! `rate_limit_state()`, `stats()`, timestamps as `bitbucket::chrono` types and streamed
//! downloads. Listings, single resources and the Cloud download run against `bitbucket-fake`;
//! the Data Center file download, which the fake does not serve, against httpmock.

use std::time::Duration;

use bitbucket::chrono::{DateTime, Utc};
use bitbucket::cloud::prelude::*;
use bitbucket::{ByteStream, Credentials, RetryPolicy};
use futures::TryStreamExt;
use httpmock::prelude::*;
use serde_json::Value;

fn fast_retry() -> RetryPolicy {
    RetryPolicy::default()
        .max_attempts(4)
        .base_delay(Duration::from_millis(1))
        .max_delay(Duration::from_millis(5))
        .jitter(false)
}

async fn drain(stream: ByteStream) -> Vec<u8> {
    let chunks: Vec<_> = stream.try_collect().await.expect("body");
    chunks.concat()
}

#[tokio::test]
async fn cloud_and_data_center_answer_the_same_calls() {
    let artifact: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    let server = bitbucket_fake::Server::builder()
        .cloud_workspace("acme", 3, 30)
        .cloud_download("acme", "repo-0001", "build.zip", artifact.clone())
        .dc_users(30)
        .tokens_per_user(1..=1)
        .dc_project("PRJ", 2)
        .start()
        .await
        .expect("fake");
    let token = server.admin_token().to_owned();
    let cloud = bitbucket::cloud::Client::builder()
        .base_url(server.url())
        .credentials(Credentials::bearer(token))
        .retry_policy(fast_retry())
        .build()
        .expect("cloud client");
    // Data Center refuses HTTP access tokens on admin endpoints: the admin logs in with Basic.
    let (admin, password) = server.admin_credentials();
    let dc = bitbucket::dc::Client::builder(server.url())
        .credentials(Credentials::basic(admin, password))
        .retry_policy(fast_retry())
        .build()
        .expect("dc client");

    // Paging: 25 items in pages of 10 is three requests on each side.
    let repos: Vec<_> = cloud
        .list_workspace_repositories()
        .workspace("acme")
        .page_size(10)
        .max_items(25)
        .stream()
        .try_collect()
        .await
        .expect("cloud listing");
    let users: Vec<_> = dc
        .admin()
        .users()
        .list()
        .page_size(10)
        .max_items(25)
        .stream()
        .try_collect()
        .await
        .expect("dc listing");
    assert_eq!((repos.len(), users.len()), (25, 25));
    assert_eq!(cloud.stats().requests, 3);
    assert_eq!(dc.stats().requests, 3);

    // Whole pages: the first page of each holds what `page_size` asked for.
    let cloud_page = cloud
        .list_workspace_repositories()
        .workspace("acme")
        .page_size(7)
        .pages()
        .try_next()
        .await
        .expect("cloud page")
        .expect("one page");
    let dc_page = dc
        .admin()
        .users()
        .list()
        .page_size(7)
        .pages()
        .try_next()
        .await
        .expect("dc page")
        .expect("one page");
    assert_eq!((cloud_page.values.len(), dc_page.values.len()), (7, 7));

    // Awaiting a builder sends it.
    let repo = cloud
        .get_repository()
        .workspace("acme")
        .repo_slug("repo-0001")
        .await
        .expect("cloud repository");
    let project = dc.project("PRJ").get().await.expect("dc project");
    assert_eq!(repo.slug.as_deref(), Some("repo-0001"));
    assert_eq!(project.key, "PRJ");

    // Timestamps are chrono types on both sides.
    let created: DateTime<Utc> = repo.created_on.expect("created_on");
    let slug = users[0].slug.clone();
    let tokens: Vec<_> = dc
        .user(&slug)
        .access_tokens()
        .list()
        .stream()
        .try_collect()
        .await
        .expect("tokens");
    let issued: DateTime<Utc> = tokens[0].created_date.expect("createdDate");
    assert!(created.timestamp() > 1_000_000_000, "{created}");
    assert!(issued.timestamp() > 1_000_000_000, "{issued}");

    // Requests built without sending carry the encoded URL and no credentials.
    let cloud_req = cloud
        .get_repository()
        .workspace("acme")
        .repo_slug("repo 1")
        .build_request()
        .expect("cloud request");
    let dc_req = dc.project("PRJ").get().build_request().expect("dc request");
    assert_eq!(
        cloud_req.url().as_str(),
        format!("{}/2.0/repositories/acme/repo%201", server.url())
    );
    assert_eq!(
        dc_req.url().as_str(),
        format!("{}/rest/api/latest/projects/PRJ", server.url())
    );
    assert!(cloud_req.headers().get("authorization").is_none());
    assert!(dc_req.headers().get("authorization").is_none());

    // The raw escape hatch, with or without the API prefix.
    let me: Value = cloud.raw().get("/2.0/user").await.expect("cloud raw");
    let page: Value = dc
        .raw()
        .get_with_query("/rest/api/latest/admin/users", &[("limit", "2")])
        .await
        .expect("dc raw");
    assert!(me["display_name"].is_string(), "{me}");
    assert_eq!(page["values"].as_array().map(Vec::len), Some(2));

    // A 429 on each side: retried, and reported in rate_limit_state() and stats().
    server.inject_cloud_429s(1);
    server.inject_dc_429s(1);
    let before = (cloud.stats(), dc.stats());
    cloud
        .raw()
        .get::<Value>("user")
        .await
        .expect("cloud after 429");
    dc.project("PRJ").get().await.expect("dc after 429");
    assert_eq!(cloud.rate_limit_state().throttled_count, 1);
    assert_eq!(dc.rate_limit_state().throttled_count, 1);
    assert_eq!(cloud.stats().retries - before.0.retries, 1);
    assert_eq!(dc.stats().retries - before.1.retries, 1);

    // Streamed downloads: the same `stream_bytes()` on both.
    let cloud_file = cloud
        .get_download()
        .workspace("acme")
        .repo_slug("repo-0001")
        .filename("build.zip")
        .stream_bytes()
        .await
        .expect("cloud download");
    assert_eq!(drain(cloud_file).await, artifact);

    let mock = MockServer::start_async().await;
    let raw = mock
        .mock_async(|when, then| {
            when.method(GET)
                .path("/rest/api/latest/projects/PRJ/repos/web/raw/docs/read%20me.md")
                .query_param("at", "main");
            then.status(200).body(vec![9u8; 50_000]);
        })
        .await;
    let dc_mock = bitbucket::dc::Client::builder(mock.base_url())
        .credentials(Credentials::bearer("t"))
        .build()
        .expect("dc client for the mock");
    let dc_file = dc_mock
        .repo("PRJ", "web")
        .raw("docs/read me.md")
        .at("main")
        .stream_bytes()
        .await
        .expect("dc download");
    assert_eq!(drain(dc_file).await, vec![9u8; 50_000]);
    raw.assert_calls_async(1).await;
}
