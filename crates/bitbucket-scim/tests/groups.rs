//! Groups and discovery documents: a filtered group listing against httpmock and the
//! service provider configuration from the fake.

use bitbucket_core::RetryPolicy;
use bitbucket_scim::{Client, Filter};
use futures::TryStreamExt;
use httpmock::prelude::*;
use serde_json::json;

#[tokio::test]
async fn lists_groups_by_display_name_and_gets_one() {
    let server = MockServer::start_async().await;
    let list = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/scim/directory/d/Groups")
                .query_param("filter", r#"displayName eq "site-admins""#)
                .query_param("startIndex", "1");
            then.status(200).json_body(json!({
                "totalResults": 1, "startIndex": 1,
                "Resources": [{"id": "g-1", "displayName": "site-admins",
                               "members": [{"value": "u-1", "display": "Jo", "type": "User"}]}]
            }));
        })
        .await;
    let get = server
        .mock_async(|when, then| {
            when.method(GET).path("/scim/directory/d/Groups/g-1");
            then.status(200)
                .json_body(json!({"id": "g-1", "displayName": "site-admins"}));
        })
        .await;
    let c = Client::builder("d")
        .base_url(server.base_url())
        .api_key("k")
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    let groups: Vec<_> = c
        .groups()
        .list()
        .filter(Filter::display_name("site-admins"))
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].members[0].value.as_deref(), Some("u-1"));
    let one = c.groups().get("g-1").await.unwrap();
    assert_eq!(one.display_name.as_deref(), Some("site-admins"));
    list.assert_calls_async(1).await;
    get.assert_calls_async(1).await;
}

#[tokio::test]
async fn reads_the_service_provider_configuration_from_the_fake() {
    let fake = bitbucket_fake::Server::builder()
        .cloud_workspace("acme", 2, 1)
        .start()
        .await
        .unwrap();
    let c = Client::builder(fake.scim_directory())
        .base_url(fake.url())
        .api_key(fake.scim_key())
        .build()
        .unwrap();
    let config = c.discovery().service_provider_config().await.unwrap();
    assert_eq!(config["patch"]["supported"], true);
    assert_eq!(config["filter"]["maxResults"], 100);
}
