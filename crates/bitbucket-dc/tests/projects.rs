//! Area 4: projects, their permissions and webhooks (plus the repository scope of both).

mod common;

use bitbucket_dc::{Error, Permission, ProjectPermission, ProjectType, RepoPermission};
use common::*;
use httpmock::prelude::*;
use serde_json::json;

fn project(key: &str) -> serde_json::Value {
    json!({"key": key, "id": 3, "name": "Project", "description": "d", "public": false,
           "type": "NORMAL", "links": {"self": [{"href": "https://h/projects/PRJ"}]}})
}

fn hook(id: i64) -> serde_json::Value {
    json!({"id": id, "name": "ci", "url": "https://ci/hook", "active": true,
           "events": ["repo:refs_changed"], "createdDate": 1_700_000_000_000_i64,
           "updatedDate": 1_700_000_100_000_i64, "configuration": {"secret": "x"},
           "scope": {"id": "3", "type": "project"}})
}

#[tokio::test]
async fn project_crud() {
    let (server, dc) = setup().await;
    let list = hit_stream(
        &server,
        Expect::new(GET, "/rest/api/latest/projects")
            .query("name=Pro&permission=PROJECT_ADMIN&start=0")
            .respond(page(json!([project("PRJ")]), 0, None)),
        dc.projects()
            .list()
            .name("Pro")
            .permission(ProjectPermission::Admin)
            .stream(),
    )
    .await;
    assert_eq!(list[0].project_type, Some(ProjectType::Normal));
    assert_eq!(list[0].links.self_href(), Some("https://h/projects/PRJ"));

    hit_ok(
        &server,
        Expect::new(POST, "/rest/api/latest/projects")
            .body(json!({"key": "PRJ", "name": "Project", "description": "Our code"}))
            .status(201)
            .respond(project("PRJ")),
        dc.projects()
            .create("PRJ", "Project")
            .description("Our code")
            .send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::new(GET, "/rest/api/latest/projects/~john.doe").respond(project("~john.doe")),
        dc.project("~john.doe").get().send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::new(PUT, "/rest/api/latest/projects/PRJ")
            .body(json!({"key": "NEW", "public": true}))
            .respond(project("NEW")),
        dc.project("PRJ").update().key("NEW").public(true).send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(DELETE, "/rest/api/latest/projects/x%20y"),
        dc.project("x y").delete().send(),
    )
    .await;
}

#[tokio::test]
async fn duplicate_project_is_a_conflict() {
    let (server, dc) = setup().await;
    let err = hit(
        &server,
        Expect::new(POST, "/rest/api/latest/projects")
            .body(json!({"key": "PRJ", "name": "Project"}))
            .status(409)
            .respond(dc_error(
                "Project key PRJ is already in use.",
                "com.atlassian.bitbucket.project.DuplicateProjectKeyException",
            )),
        dc.projects().create("PRJ", "Project").send(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&err, Error::Api { status, message, .. }
            if status.as_u16() == 409 && message == "Project key PRJ is already in use."),
        "{err:?}"
    );
}

#[tokio::test]
async fn project_avatar_download_and_upload() {
    let (server, dc) = setup().await;
    answer_bytes(
        &server,
        "/rest/api/latest/projects/PRJ/avatar.png",
        Some("s=64"),
        "image/png",
        b"\x89PNG..",
    )
    .await;
    let resp = dc.project("PRJ").avatar().size(64).send().await.unwrap();
    assert_eq!(&resp.bytes().await.unwrap()[..], b"\x89PNG..");
    let up = server
        .mock_async(|when, then| {
            when.method(POST)
                .is_true(exact("/rest/api/latest/projects/PRJ/avatar.png", None))
                .header("x-atlassian-token", "no-check")
                .body_includes("name=\"avatar\"");
            then.status(201);
        })
        .await;
    dc.project("PRJ")
        .upload_avatar(vec![1u8, 2, 3], "image/png")
        .send()
        .await
        .unwrap();
    up.assert_async().await;
}

#[tokio::test]
async fn project_permissions() {
    let (server, dc) = setup().await;
    let perms = dc.project("PRJ").permissions();
    let users = hit_stream(
        &server,
        Expect::new(GET, "/rest/api/latest/projects/PRJ/permissions/users")
            .query("filter=jo&start=0")
            .respond(page(
                json!([{"user": user_json("john.doe"), "permission": "PROJECT_WRITE"}]),
                0,
                None,
            )),
        perms.users().list().filter("jo").stream(),
    )
    .await;
    assert_eq!(users[0].permission, Permission::ProjectWrite);
    hit_ok(
        &server,
        Expect::no_content(PUT, "/rest/api/latest/projects/PRJ/permissions/users")
            .query("name=a%40b.com&permission=PROJECT_WRITE&name=x+y"),
        perms
            .users()
            .grant("a@b.com", ProjectPermission::Write)
            .and("x y")
            .send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(DELETE, "/rest/api/latest/projects/PRJ/permissions/users")
            .query("name=john.doe"),
        perms.users().revoke("john.doe").send(),
    )
    .await;
    hit_stream(
        &server,
        Expect::new(GET, "/rest/api/latest/projects/PRJ/permissions/users/none")
            .query("start=0")
            .respond(page(json!([user_json("x y")]), 0, None)),
        perms.users().without().stream(),
    )
    .await;
    let groups = hit_stream(
        &server,
        Expect::new(GET, "/rest/api/latest/projects/PRJ/permissions/groups")
            .query("start=0")
            .respond(page(
                json!([{"group": {"name": "devs"}, "permission": "PROJECT_READ"}]),
                0,
                None,
            )),
        perms.groups().list().stream(),
    )
    .await;
    assert_eq!(groups[0].permission, Permission::ProjectRead);
    hit_ok(
        &server,
        Expect::no_content(PUT, "/rest/api/latest/projects/PRJ/permissions/groups")
            .query("name=devs&permission=PROJECT_ADMIN"),
        perms
            .groups()
            .grant("devs", ProjectPermission::Admin)
            .send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(DELETE, "/rest/api/latest/projects/PRJ/permissions/groups")
            .query("name=devs"),
        perms.groups().revoke("devs").send(),
    )
    .await;
    hit_stream(
        &server,
        Expect::new(GET, "/rest/api/latest/projects/PRJ/permissions/groups/none")
            .query("filter=d&start=0")
            .respond(page(json!([{"name": "docs"}]), 0, None)),
        perms.groups().without().filter("d").stream(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(DELETE, "/rest/api/latest/projects/PRJ/permissions")
            .query("user=john.doe&group=devs"),
        perms.revoke_all().user("john.doe").group("devs").send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::new(GET, "/rest/api/latest/projects/PRJ/permissions/search")
            .query("permission=PROJECT_READ&filterText=jo&type=USER")
            .respond(json!({"values": []})),
        perms
            .search()
            .permission(ProjectPermission::Read)
            .filter_text("jo")
            .holder_type("USER")
            .send(),
    )
    .await;
    let permitted = hit_ok(
        &server,
        Expect::new(
            GET,
            "/rest/api/latest/projects/PRJ/permissions/PROJECT_READ/all",
        )
        .respond(json!({"permitted": true})),
        perms.default_permission(ProjectPermission::Read).send(),
    )
    .await;
    assert!(permitted.permitted);
    hit_ok(
        &server,
        Expect::no_content(
            POST,
            "/rest/api/latest/projects/PRJ/permissions/PROJECT_WRITE/all",
        )
        .query("allow=false"),
        perms
            .set_default_permission(ProjectPermission::Write, false)
            .send(),
    )
    .await;
}

#[tokio::test]
async fn repository_permissions_share_the_shape() {
    let (server, dc) = setup().await;
    let perms = dc.project("PRJ").repo("x y").permissions();
    hit_ok(
        &server,
        Expect::no_content(
            PUT,
            "/rest/api/latest/projects/PRJ/repos/x%20y/permissions/users",
        )
        .query("name=john.doe&permission=REPO_WRITE"),
        perms
            .users()
            .grant("john.doe", RepoPermission::Write)
            .send(),
    )
    .await;
    hit_stream(
        &server,
        Expect::new(
            GET,
            "/rest/api/latest/projects/PRJ/repos/x%20y/permissions/groups",
        )
        .query("start=0")
        .respond(page(
            json!([{"group": {"name": "devs"}, "permission": "REPO_READ"}]),
            0,
            None,
        )),
        perms.groups().list().stream(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(
            DELETE,
            "/rest/api/latest/projects/PRJ/repos/x%20y/permissions",
        )
        .query("group=devs"),
        perms.revoke_all().group("devs").send(),
    )
    .await;
}

#[tokio::test]
async fn project_webhooks() {
    let (server, dc) = setup().await;
    let hooks = dc.project("PRJ").webhooks();
    let list = hit_stream(
        &server,
        Expect::new(GET, "/rest/api/latest/projects/PRJ/webhooks")
            .query("event=repo%3Arefs_changed&statistics=true&start=0")
            .respond(page(json!([hook(1)]), 0, None)),
        hooks
            .list()
            .event("repo:refs_changed")
            .statistics(true)
            .stream(),
    )
    .await;
    assert_eq!(list[0].id, Some(1));
    assert!(list[0].updated_date > list[0].created_date);
    hit_ok(
        &server,
        Expect::new(POST, "/rest/api/latest/projects/PRJ/webhooks")
            .body(
                json!({"name": "ci", "url": "https://ci/hook", "events": ["pr:opened"],
                         "configuration": {"secret": "sh"},
                         "credentials": {"username": "u", "password": "p"}}),
            )
            .respond(hook(2)),
        hooks
            .create("ci", "https://ci/hook", ["pr:opened"])
            .secret("sh")
            .credentials("u", "p")
            .send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::new(POST, "/rest/api/latest/projects/PRJ/webhooks/test")
            .query("url=https%3A%2F%2Fci%2Fhook&sslVerificationRequired=true")
            .body(json!({}))
            .respond(json!({"request": {"method": "POST"}, "response": {"statusCode": 200}})),
        hooks
            .test()
            .url("https://ci/hook")
            .ssl_verification_required(true)
            .send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::new(GET, "/rest/api/latest/projects/PRJ/webhooks/2")
            .query("statistics=false")
            .respond(hook(2)),
        hooks.get(2).statistics(false).send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::new(PUT, "/rest/api/latest/projects/PRJ/webhooks/2")
            .body(json!({"active": false}))
            .respond(hook(2)),
        hooks.update(2).active(false).send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(DELETE, "/rest/api/latest/projects/PRJ/webhooks/2"),
        hooks.delete(2).send(),
    )
    .await;
    let inv = hit_ok(
        &server,
        Expect::new(GET, "/rest/api/latest/projects/PRJ/webhooks/2/latest")
            .query("outcome=FAILURE")
            .respond(
                json!({"id": 9, "event": "repo:refs_changed", "duration": 12,
                            "start": 1_700_000_000_000_i64, "finish": 1_700_000_000_012_i64,
                            "result": {"outcome": "FAILURE"}}),
            ),
        hooks.latest_invocation(2).outcome("FAILURE").send(),
    )
    .await
    .expect("an invocation");
    assert_eq!(inv.duration, Some(12));
    let none = hit_ok(
        &server,
        Expect::no_content(GET, "/rest/api/latest/projects/PRJ/webhooks/3/latest"),
        hooks.latest_invocation(3).send(),
    )
    .await;
    assert!(none.is_none());
    hit_ok(
        &server,
        Expect::new(GET, "/rest/api/latest/projects/PRJ/webhooks/2/statistics")
            .query("event=pr%3Aopened")
            .respond(json!({"counts": {"successes": 1}})),
        hooks.statistics(2).event("pr:opened").send(),
    )
    .await;
    let summary = hit_ok(
        &server,
        Expect::no_content(
            GET,
            "/rest/api/latest/projects/PRJ/webhooks/2/statistics/summary",
        ),
        hooks.statistics_summary(2).send(),
    )
    .await;
    assert!(summary.is_none());
}

#[tokio::test]
async fn repository_webhooks_and_search() {
    let (server, dc) = setup().await;
    let repo = dc.project("PRJ").repo("web");
    hit_stream(
        &server,
        Expect::new(
            GET,
            "/rest/api/latest/projects/PRJ/repos/web/webhooks/search",
        )
        .query("scopeType=project&start=0")
        .respond(page(json!([hook(1)]), 0, None)),
        repo.search_webhooks().scope_type("project").stream(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(DELETE, "/rest/api/latest/projects/PRJ/repos/web/webhooks/4"),
        repo.webhooks().delete(4).send(),
    )
    .await;
}

#[tokio::test]
async fn webhook_secrets_stay_out_of_debug() {
    let (_server, dc) = setup().await;
    let b = dc
        .project("PRJ")
        .webhooks()
        .create("ci", "https://ci/hook", ["pr:opened"])
        .secret("topsecret-1")
        .credentials("u", "password-2");
    let shown = format!("{b:?}");
    assert!(
        !shown.contains("topsecret-1") && !shown.contains("password-2"),
        "{shown}"
    );
    let req = b.build_request().unwrap();
    let body: serde_json::Value =
        serde_json::from_slice(req.body().and_then(|b| b.as_bytes()).unwrap()).unwrap();
    assert_eq!(body["configuration"]["secret"], "topsecret-1");
    assert_eq!(body["credentials"]["password"], "password-2");
}
