//! The generated Cloud client against httpmock servers: streams, errors, tolerant decoding,
//! path encoding. Everything goes through `bitbucket-core` (auth, errors, paginator).

mod common;

use bitbucket_cloud::prelude::*;
use bitbucket_cloud::types::{
    RepositoryForkPolicy, RepositoryPermissionUpdate, RepositoryPermissionUpdatePermission,
    RepositoryScm,
};
use bitbucket_cloud::{Client, Credentials, Error};
use common::{answer_json, client};
use futures::TryStreamExt;
use httpmock::prelude::*;
use serde_json::json;

fn member(name: &str) -> serde_json::Value {
    json!({
        "type": "workspace_membership",
        "user": {"type": "user", "display_name": name, "uuid": format!("{{{name}}}")},
        "workspace": {"type": "workspace", "slug": "acme"}
    })
}

#[tokio::test]
async fn workspace_members_stream_follows_absolute_next_with_auth_on_every_page() {
    let server = MockServer::start_async().await;
    let page2 = server.url("/2.0/workspaces/acme/members?page=2&pagelen=2");
    let page3 = server.url("/2.0/workspaces/acme/members?page=3&pagelen=2");
    let m1 = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/2.0/workspaces/acme/members")
                .query_param_missing("page")
                .query_param("pagelen", "2")
                .header("authorization", "Bearer tok");
            then.status(200).json_body(json!({
                "values": [member("ann"), member("bob")],
                "pagelen": 2, "size": 5, "page": 1, "next": page2
            }));
        })
        .await;
    let m2 = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/2.0/workspaces/acme/members")
                .query_param("page", "2")
                .header("authorization", "Bearer tok");
            then.status(200).json_body(json!({
                "values": [member("cid"), member("dee")],
                "pagelen": 2, "size": 5, "page": 2, "next": page3
            }));
        })
        .await;
    let m3 = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/2.0/workspaces/acme/members")
                .query_param("page", "3")
                .header("authorization", "Bearer tok");
            then.status(200).json_body(json!({
                "values": [member("eve")], "pagelen": 2, "size": 5, "page": 3
            }));
        })
        .await;

    let cloud = client(&server);
    let members: Vec<_> = cloud
        .list_workspace_members()
        .workspace("acme")
        .page_size(2)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let names: Vec<_> = members
        .iter()
        .map(|m| {
            m.user
                .as_ref()
                .and_then(|u| u.display_name.clone())
                .unwrap()
        })
        .collect();
    assert_eq!(names, ["ann", "bob", "cid", "dee", "eve"]);
    m1.assert_calls_async(1).await;
    m2.assert_calls_async(1).await;
    m3.assert_calls_async(1).await;
}

#[tokio::test]
async fn item_cap_stops_requesting_pages() {
    let server = MockServer::start_async().await;
    let page2 = server.url("/2.0/workspaces/acme/members?page=2");
    let m1 = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/2.0/workspaces/acme/members")
                .query_param_missing("page");
            then.status(200).json_body(json!({
                "values": [member("ann"), member("bob")], "next": page2
            }));
        })
        .await;
    let m2 = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/2.0/workspaces/acme/members")
                .query_param("page", "2");
            then.status(200)
                .json_body(json!({"values": [member("cid")]}));
        })
        .await;
    let pages: Vec<_> = client(&server)
        .list_workspace_members()
        .workspace("acme")
        .max_items(2)
        .pages()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), 1);
    assert_eq!(pages[0].values.len(), 2);
    m1.assert_calls_async(1).await;
    m2.assert_calls_async(0).await;
}

#[tokio::test]
async fn forbidden_with_required_scopes_is_the_core_error() {
    let server = MockServer::start_async().await;
    answer_json(
        &server,
        PUT,
        "/2.0/repositories/acme/web/permissions-config/users/u1",
        403,
        json!({
            "type": "error",
            "error": {
                "message": "Your credentials lack one or more required privilege scopes.",
                "detail": {"granted": ["repository"], "required": ["repository:admin"]}
            }
        }),
    )
    .await;
    let err = client(&server)
        .update_repository_user_permission()
        .workspace("acme")
        .repo_slug("web")
        .selected_user_id("u1")
        .body(RepositoryPermissionUpdate {
            permission: Some(RepositoryPermissionUpdatePermission::Write),
        })
        .send()
        .await
        .unwrap_err();
    match err {
        Error::Forbidden {
            required_scopes,
            message,
            ..
        } => {
            assert_eq!(required_scopes, ["repository:admin"]);
            assert!(message.contains("required privilege scopes"), "{message}");
        }
        other => panic!("expected Forbidden, got {other:?}"),
    }
}

#[tokio::test]
async fn unknown_fields_unknown_enum_values_and_missing_type_decode() {
    let server = MockServer::start_async().await;
    answer_json(
        &server,
        GET,
        "/2.0/repositories/acme/web",
        200,
        json!({
            // no "type"
            "full_name": "acme/web",
            "fork_policy": "forks_only_on_tuesdays",
            "scm": "git",
            "is_private": true,
            "links": {"self": {"href": "https://example.invalid"}, "brand_new_link": {"href": "x"}},
            "field_added_next_year": {"nested": [1, 2, 3]}
        }),
    )
    .await;
    let repo = client(&server)
        .get_repository()
        .workspace("acme")
        .repo_slug("web")
        .send()
        .await
        .unwrap();
    assert_eq!(repo.full_name.as_deref(), Some("acme/web"));
    assert_eq!(
        repo.fork_policy,
        Some(RepositoryForkPolicy::Unknown(
            "forks_only_on_tuesdays".into()
        ))
    );
    assert_eq!(repo.scm, Some(RepositoryScm::Git));
    assert_eq!(repo.is_private, Some(true));
    let policy = repo.fork_policy.unwrap();
    assert_eq!(policy.to_string(), "forks_only_on_tuesdays");
    assert_eq!(RepositoryForkPolicy::NoForks.as_str(), "no_forks");
}

#[tokio::test]
async fn commit_hash_outside_the_spec_pattern_decodes() {
    // The spec says a hash matches `[0-9a-f]{7,}?`; a value that does not (a mock's
    // placeholder, an abbreviated or upper-case hash) must not fail the response.
    let server = MockServer::start_async().await;
    answer_json(
        &server,
        GET,
        "/2.0/repositories/acme/web/commit/HEAD",
        200,
        json!({
            "type": "commit",
            "hash": "not-a-hex-hash",
            "parents": [{"type": "commit", "hash": "ABC"}]
        }),
    )
    .await;
    let commit = client(&server)
        .get_commit()
        .workspace("acme")
        .repo_slug("web")
        .commit("HEAD")
        .send()
        .await
        .unwrap();
    assert_eq!(commit.hash.as_deref(), Some("not-a-hex-hash"));
    assert_eq!(commit.parents.len(), 1);
    assert_eq!(commit.parents[0].hash.as_deref(), Some("ABC"));
}

#[tokio::test]
async fn braced_uuids_are_encoded_and_file_paths_keep_slashes() {
    let server = MockServer::start_async().await;
    let repo = answer_json(
        &server,
        GET,
        "/2.0/repositories/%7Bd301aafa-d676-4ee0-88be-962be7417567%7D/web",
        200,
        json!({"name": "web"}),
    )
    .await;
    let src = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/2.0/repositories/acme/web/src/main/dir/sub%20dir/file.txt");
            then.status(200)
                .header("content-type", "text/plain")
                .body("hello");
        })
        .await;
    let cloud = client(&server);
    let r = cloud
        .get_repository()
        .workspace("{d301aafa-d676-4ee0-88be-962be7417567}")
        .repo_slug("web")
        .send()
        .await
        .unwrap();
    assert_eq!(r.name.as_deref(), Some("web"));
    repo.assert_calls_async(1).await;

    let body = cloud
        .get_source()
        .workspace("acme")
        .repo_slug("web")
        .commit("main")
        .path("dir/sub dir/file.txt")
        .send()
        .await;
    // `src` answers JSON for directories and raw bytes for files; the spec types it as JSON,
    // so a file body surfaces as a typed error while the request itself was right.
    assert!(body.is_err());
    src.assert_calls_async(1).await;
}

#[tokio::test]
async fn dot_segments_are_refused_before_sending() {
    let server = MockServer::start_async().await;
    let any = server
        .mock_async(|when, then| {
            when.any_request();
            then.status(200).json_body(json!({}));
        })
        .await;
    let err = client(&server)
        .get_repository()
        .workspace("..")
        .repo_slug("web")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    any.assert_calls_async(0).await;
}

#[tokio::test]
async fn html_login_page_is_unexpected_content() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/2.0/user");
            then.status(200)
                .header("content-type", "text/html")
                .body("<html><body>Log in</body></html>");
        })
        .await;
    let err = client(&server).get_current_user().send().await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::UnexpectedContent {
                login_page: true,
                ..
            }
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn byte_bodies_stream_with_core_errors() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/2.0/repositories/acme/web/diff/main..feature%2Fx");
            then.status(200)
                .header("content-type", "text/plain")
                .body("diff --git a/x b/x\n");
        })
        .await;
    let stream = client(&server)
        .get_diff()
        .workspace("acme")
        .repo_slug("web")
        .spec("main..feature/x")
        .send()
        .await
        .unwrap();
    let chunks: Vec<bytes::Bytes> = stream.try_collect().await.unwrap();
    assert_eq!(chunks.concat(), b"diff --git a/x b/x\n");
}

#[tokio::test]
async fn activity_listing_without_a_declared_schema_streams_untyped_values() {
    let server = MockServer::start_async().await;
    let next = server.url("/2.0/repositories/acme/web/pullrequests/3/activity?ctx=abc");
    server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/2.0/repositories/acme/web/pullrequests/3/activity")
                .query_param_missing("ctx");
            then.status(200).json_body(json!({
                "values": [{"approval": {"user": {"display_name": "ann"}}}],
                "pagelen": 1, "next": next
            }));
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/2.0/repositories/acme/web/pullrequests/3/activity")
                .query_param("ctx", "abc");
            then.status(200).json_body(json!({
                "values": [{"update": {"state": "OPEN"}}], "pagelen": 1
            }));
        })
        .await;
    let items: Vec<serde_json::Value> = client(&server)
        .list_pull_request_activity()
        .workspace("acme")
        .repo_slug("web")
        .pull_request_id(3)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[1]["update"]["state"], "OPEN");
}

#[tokio::test]
async fn webhook_create_sends_the_json_body_the_spec_leaves_out() {
    let server = MockServer::start_async().await;
    let hook = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/2.0/repositories/acme/web/hooks")
                .header("authorization", "Bearer tok")
                .json_body(json!({
                    "description": "ci", "url": "https://ci.example/hook",
                    "active": true, "secret": "s3cret", "events": ["repo:push"]
                }));
            then.status(201).json_body(json!({
                "uuid": "{a1}", "url": "https://ci.example/hook", "events": ["repo:push"],
                "secret_set": true
            }));
        })
        .await;
    let created = client(&server)
        .create_repository_webhook()
        .workspace("acme")
        .repo_slug("web")
        .body(json!({
            "description": "ci", "url": "https://ci.example/hook",
            "active": true, "secret": "s3cret", "events": ["repo:push"]
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(created.uuid.as_deref(), Some("{a1}"));
    hook.assert_calls_async(1).await;
}

#[tokio::test]
async fn send_value_hands_out_fields_no_model_knows_with_the_same_errors() {
    let server = MockServer::start_async().await;
    let ok = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/2.0/repositories/acme/web")
                .header("authorization", "Bearer tok");
            then.status(200).json_body(json!({
                "type": "repository", "full_name": "acme/web",
                "a_field_from_next_year": {"nested": [1, 2]}
            }));
        })
        .await;
    let missing = answer_json(
        &server,
        GET,
        "/2.0/repositories/acme/gone",
        404,
        json!({"type": "error", "error": {"message": "Repository not found"}}),
    )
    .await;
    let cloud = client(&server);
    let v = cloud
        .get_repository()
        .workspace("acme")
        .repo_slug("web")
        .send_value()
        .await
        .unwrap();
    assert_eq!(v["a_field_from_next_year"]["nested"][1], 2);
    assert_eq!(v["full_name"], "acme/web");
    let err = cloud
        .get_repository()
        .workspace("acme")
        .repo_slug("gone")
        .send_value()
        .await
        .unwrap_err();
    match err {
        Error::NotFound { message, .. } => assert_eq!(message, "Repository not found"),
        other => panic!("{other:?}"),
    }
    ok.assert_async().await;
    missing.assert_async().await;
}

#[test]
fn build_request_is_public_exact_and_carries_no_credentials() {
    let cloud = Client::builder()
        .base_url("https://api.bitbucket.org")
        .credentials(Credentials::bearer("secret-canary"))
        .build()
        .unwrap();
    let req = cloud
        .list_pull_requests()
        .workspace("{d301aafa-0000}")
        .repo_slug("web")
        .page_size(50)
        .build_request()
        .unwrap();
    assert_eq!(req.method(), reqwest::Method::GET);
    assert_eq!(
        req.url().as_str(),
        "https://api.bitbucket.org/2.0/repositories/%7Bd301aafa-0000%7D/web/pullrequests?pagelen=50"
    );
    assert!(req.headers().get("authorization").is_none());
    let err = cloud
        .get_repository()
        .repo_slug("web")
        .build_request()
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
}
