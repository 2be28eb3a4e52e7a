//! Repository extras and integrations.

mod common;

use bitbucket_dc::repo_extras::{DeploymentEnvironment, DeploymentState};
use bitbucket_dc::{Permission, chrono::DateTime};
use common::*;
use httpmock::prelude::*;
use serde_json::json;

#[tokio::test]
async fn commit_comments_and_reactions() {
    let (server, dc) = setup().await;
    let c = dc.repo("PRJ", "x y").commit_comments("a1b2c3");
    hit_ok(
        &server,
        Expect::new(
            POST,
            "/rest/api/latest/projects/PRJ/repos/x%20y/commits/a1b2c3/comments",
        )
        .query("since=000111")
        .body(json!({"text": "Why?", "parent": {"id": 4}}))
        .status(201)
        .respond(json!({"id": 5, "version": 0, "text": "Why?"})),
        c.create("Why?").reply_to(4).since("000111").send(),
    )
    .await;
    hit_stream(
        &server,
        Expect::new(
            GET,
            "/rest/api/latest/projects/PRJ/repos/x%20y/commits/a1b2c3/comments",
        )
        .query("path=src%2Fmain.rs&start=0")
        .respond(page(json!([{"id": 5, "text": "Why?"}]), 0, None)),
        c.list().path("src/main.rs").stream(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(
            DELETE,
            "/rest/api/latest/projects/PRJ/repos/x%20y/commits/a1b2c3/comments/5",
        )
        .query("version=1"),
        c.delete(5, 1).send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::new(
            PUT,
            "/rest/comment-likes/latest/projects/PRJ/repos/x%20y/commits/a1b2c3/comments/5/reactions/thumbsup",
        )
        .respond(json!({"emoticon": {"shortcut": "thumbsup"}, "user": user_json("jdoe")})),
        c.react(5, "thumbsup").send(),
    )
    .await;
}

#[tokio::test]
async fn deployments_watch_documents() {
    let (server, dc) = setup().await;
    let web = dc.repo("PRJ", "web");
    let at = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    let d = hit_ok(
        &server,
        Expect::new(
            POST,
            "/rest/api/latest/projects/PRJ/repos/web/commits/a1b2c3/deployments",
        )
        .body(
            json!({"key": "deploy", "deploymentSequenceNumber": 42, "displayName": "Deploy",
                         "description": "", "state": "SUCCESSFUL",
                         "environment": {"key": "prod", "displayName": "Production"},
                         "url": "https://ci/42", "lastUpdated": 1_700_000_000_000_i64}),
        )
        .respond(
            json!({"key": "deploy", "state": "SUCCESSFUL", "deploymentSequenceNumber": 42,
                            "toCommit": {"id": "a1b2c3"}}),
        ),
        web.deployments("a1b2c3")
            .record(
                "deploy",
                42,
                DeploymentState::Successful,
                DeploymentEnvironment::new("prod", "Production"),
            )
            .display_name("Deploy")
            .url("https://ci/42")
            .last_updated(at)
            .send(),
    )
    .await;
    assert_eq!(d.state, Some(DeploymentState::Successful));
    hit_ok(
        &server,
        Expect::new(
            GET,
            "/rest/api/latest/projects/PRJ/repos/web/commits/a1b2c3/deployments",
        )
        .query("key=deploy&environmentKey=prod&deploymentSequenceNumber=42")
        .respond(json!({"key": "deploy", "state": "ROLLED_BACK"})),
        web.deployments("a1b2c3").get("deploy", "prod", 42).send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(POST, "/rest/api/latest/projects/PRJ/repos/web/watch").body(json!({})),
        web.watch().send(),
    )
    .await;
    answer_bytes(
        &server,
        "/rest/api/latest/projects/PRJ/repos/web/readme",
        Some("at=main&markup=true"),
        "text/html",
        "<h1>Web</h1>",
    )
    .await;
    let html = web
        .readme()
        .at("main")
        .markup(true)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(html, "<h1>Web</h1>");
    hit_ok(
        &server,
        Expect::new(
            GET,
            "/rest/api/latest/projects/PRJ/repos/web/last-modified/src/app%20dir",
        )
        .query("at=main")
        .respond(json!({"files": {"main.rs": {"id": "a1"}}})),
        web.last_modified_in("src/app dir").at("main").send(),
    )
    .await;
}

#[tokio::test]
async fn integrations() {
    let (server, dc) = setup().await;
    let issues = hit_ok(
        &server,
        Expect::new(
            GET,
            "/rest/jira/latest/projects/PRJ/repos/web/pull-requests/42/issues",
        )
        .respond(json!([{"key": "WEB-7", "url": "https://jira/browse/WEB-7"}])),
        dc.project("PRJ")
            .repo("web")
            .jira()
            .pull_request_issues(42)
            .send(),
    )
    .await;
    assert_eq!(issues[0].key, "WEB-7");
    let md = hit_ok(
        &server,
        Expect::new(POST, "/rest/api/latest/markup/preview")
            .query("hardwrap=true")
            .body(json!("**bold**"))
            .respond(json!({"html": "<p><strong>bold</strong></p>"})),
        dc.markup_preview("**bold**").hardwrap(true).send(),
    )
    .await;
    assert!(md.html.contains("strong"));
    hit_ok(
        &server,
        Expect::no_content(POST, "/rest/indexing/latest/reindex")
            .body(json!([{"projectKey": "PRJ", "slug": "web"}])),
        dc.indexing().reindex([("PRJ", "web")]).send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::new(PUT, "/rest/policies/latest/admin/repos/delete")
            .body(json!({"permission": "SYS_ADMIN"}))
            .respond(json!({"permission": "SYS_ADMIN"})),
        dc.repository_policies()
            .set_delete(Permission::SysAdmin)
            .send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(POST, "/rest/sync/latest/projects/PRJ/repos/web/synchronize")
            .body(json!({"refId": "refs/heads/main", "action": "MERGE"})),
        dc.repo("PRJ", "web")
            .synchronize("refs/heads/main", "MERGE")
            .send(),
    )
    .await;
}
