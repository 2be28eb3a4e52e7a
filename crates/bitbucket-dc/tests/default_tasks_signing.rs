//! Default tasks and commit signing.

mod common;

use bitbucket_dc::branch_permissions::RefMatcher;
use common::*;
use httpmock::prelude::*;
use serde_json::json;

#[tokio::test]
async fn default_tasks() {
    let (server, dc) = setup().await;
    let t = hit_ok(
        &server,
        Expect::new(POST, "/rest/default-tasks/latest/projects/PRJ/tasks")
            .body(json!({"description": "Update the changelog",
                         "targetMatcher": {"id": "refs/heads/main", "displayId": "main",
                                           "type": {"id": "BRANCH", "name": "Branch"}}}))
            .respond(json!({"id": 4, "description": "Update the changelog"})),
        dc.project("PRJ")
            .default_tasks()
            .add("Update the changelog")
            .target(RefMatcher::branch("main"))
            .send(),
    )
    .await;
    assert_eq!(t.id, 4);
    hit_stream(
        &server,
        Expect::new(
            GET,
            "/rest/default-tasks/latest/projects/PRJ/repos/x%20y/tasks",
        )
        .query("markup=true&start=0")
        .respond(page(
            json!([{"id": 4, "description": "d", "html": "<p>d</p>"}]),
            0,
            None,
        )),
        dc.project("PRJ")
            .repo("x y")
            .default_tasks()
            .list()
            .markup(true)
            .stream(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(
            DELETE,
            "/rest/default-tasks/latest/projects/PRJ/repos/web/tasks",
        ),
        dc.project("PRJ")
            .repo("web")
            .default_tasks()
            .delete_all()
            .send(),
    )
    .await;
}

#[tokio::test]
async fn signing() {
    let (server, dc) = setup().await;
    let up = server
        .mock_async(|when, then| {
            when.method(POST)
                .is_true(exact("/rest/api/latest/signing/x509-certificates", None))
                .body_includes("name=\"certificate\"")
                .body_includes("BEGIN CERTIFICATE");
            then.status(201)
                .json_body(json!({"id": 2, "fingerprint": "AB:CD"}));
        })
        .await;
    let c = dc
        .signing()
        .add_certificate(&b"-----BEGIN CERTIFICATE-----\n"[..])
        .send()
        .await
        .unwrap();
    up.assert_async().await;
    assert_eq!(c.fingerprint.as_deref(), Some("AB:CD"));
    hit_ok(
        &server,
        Expect::new(PUT, "/rest/api/latest/signing/x509-certificates/crl/2"),
        dc.signing().refresh_revocations(2).send(),
    )
    .await;
    let s = hit_ok(
        &server,
        Expect::new(POST, "/rest/api/latest/system-signing/configuration")
            .body(json!({"enabled": true}))
            .respond(json!({"enabled": true})),
        dc.signing().set_system_signing(true).send(),
    )
    .await;
    assert!(s.enabled);
    hit_ok(
        &server,
        Expect::new(POST, "/rest/secrets/1.0/keys/rotate"),
        dc.signing().rotate_key().send(),
    )
    .await;
}
