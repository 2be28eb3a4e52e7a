//! Area 3: users and groups (non-admin).

mod common;

use bitbucket_dc::{Error, Permission, RepoPermission, UserType};
use common::*;
use httpmock::prelude::*;
use serde_json::json;

#[tokio::test]
async fn list_users_with_filters() {
    let (server, dc) = setup().await;
    let users = hit_stream(
        &server,
        Expect::new(GET, "/rest/api/latest/users")
            .query(
                "filter=jo&group=devs&permission.1=PROJECT_ADMIN&permission.1.projectKey=PRJ\
                 &permission.2=REPO_WRITE&permission.2.projectKey=PRJ&permission.2.repositorySlug=x+y&start=0",
            )
            .respond(page(json!([user_json("john.doe")]), 0, None)),
        dc.users()
            .list()
            .filter("jo")
            .group("devs")
            .permission_on_project(Permission::ProjectAdmin, "PRJ")
            .permission_on_repo(RepoPermission::Write, "PRJ", "x y")
            .stream(),
    )
    .await;
    assert_eq!(users[0].user_type, Some(UserType::Normal));
    let req = dc
        .users()
        .list()
        .permission(Permission::LicensedUser)
        .build_request()
        .unwrap();
    assert_built(
        &req,
        "GET",
        "/rest/api/latest/users?permission=LICENSED_USER",
        None,
    );
}

#[tokio::test]
async fn get_user_encodes_slugs() {
    let (server, dc) = setup().await;
    for (slug, path) in [
        ("john.doe", "/rest/api/latest/users/john.doe"),
        ("a@b.com", "/rest/api/latest/users/a%40b.com"),
        ("x y", "/rest/api/latest/users/x%20y"),
    ] {
        let u = hit_ok(
            &server,
            Expect::new(GET, path).respond(user_json(slug)),
            dc.user(slug).get().send(),
        )
        .await;
        assert_eq!(u.slug, slug);
    }
}

#[tokio::test]
async fn awaiting_a_builder_sends_it() {
    let (server, dc) = setup().await;
    let u = hit_ok(
        &server,
        Expect::new(GET, "/rest/api/latest/users/a%40b.com").respond(user_json("a@b.com")),
        async { dc.user("a@b.com").get().await },
    )
    .await;
    assert_eq!(u.slug, "a@b.com");
    hit_ok(
        &server,
        Expect::no_content(DELETE, "/rest/api/latest/projects/PRJ"),
        async { dc.project("PRJ").delete().await },
    )
    .await;
}

#[tokio::test]
async fn unknown_user_slug_is_not_found_with_message() {
    let (server, dc) = setup().await;
    let err = hit(
        &server,
        Expect::new(GET, "/rest/api/latest/users/nobody")
            .status(404)
            .respond(dc_error(
                "User nobody does not exist",
                "com.atlassian.bitbucket.user.NoSuchUserException",
            )),
        dc.user("nobody").get().send(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&err, Error::NotFound { message, .. } if message == "User nobody does not exist")
    );
    assert_eq!(err.message(), Some("User nobody does not exist"));
}

#[tokio::test]
async fn current_user_update_and_password() {
    let (server, dc) = setup().await;
    hit_ok(
        &server,
        Expect::new(PUT, "/rest/api/latest/users")
            .body(json!({"displayName": "John"}))
            .respond(user_json("john.doe")),
        dc.users().update_current().display_name("John").send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(PUT, "/rest/api/latest/users/credentials")
            .body(json!({"oldPassword": "old", "password": "new", "passwordConfirm": "new"})),
        dc.users().change_password("old", "new").send(),
    )
    .await;
    assert!(!format!("{:?}", dc.users().change_password("old-pw", "new-pw")).contains("-pw"));
}

#[tokio::test]
async fn settings_and_avatar() {
    let (server, dc) = setup().await;
    let settings = hit_ok(
        &server,
        Expect::new(GET, "/rest/api/latest/users/a%40b.com/settings")
            .respond(json!({"theme": "dark", "count": 10, "on": true})),
        dc.user("a@b.com").settings().send(),
    )
    .await;
    assert_eq!(settings["theme"], "dark");
    hit_ok(
        &server,
        Expect::no_content(POST, "/rest/api/latest/users/a%40b.com/settings")
            .body(json!({"theme": "light", "count": 3})),
        dc.user("a@b.com")
            .update_settings(Default::default())
            .set("theme", "light")
            .set("count", 3)
            .send(),
    )
    .await;
    let link = hit_ok(
        &server,
        Expect::new(DELETE, "/rest/api/latest/users/john.doe/avatar.png")
            .respond(json!({"href": "https://h/avatar/default.png"})),
        dc.user("john.doe").delete_avatar().send(),
    )
    .await;
    assert_eq!(link.href, "https://h/avatar/default.png");

    let upload = server
        .mock_async(|when, then| {
            when.method(POST)
                .is_true(exact("/rest/api/latest/users/john.doe/avatar.png", None))
                .header("x-atlassian-token", "no-check")
                .header_includes("content-type", "multipart/form-data")
                .body_includes("name=\"avatar\"")
                .body_includes("PNGDATA");
            then.status(201);
        })
        .await;
    dc.user("john.doe")
        .upload_avatar(&b"PNGDATA"[..], "image/png")
        .send()
        .await
        .unwrap();
    upload.assert_async().await;
}

#[tokio::test]
async fn group_names() {
    let (server, dc) = setup().await;
    let names = hit_stream(
        &server,
        Expect::new(GET, "/rest/api/latest/groups")
            .query("filter=dev&start=0")
            .respond(page(json!(["developers", "devops"]), 0, None)),
        dc.groups().list().filter("dev").stream(),
    )
    .await;
    assert_eq!(names, ["developers", "devops"]);
}
