//! Smart mirroring.

mod common;

use bitbucket_dc::mirroring::{MirrorCredentials, MirrorSettings, MirrorType, RequestState};
use common::*;
use httpmock::prelude::*;
use serde_json::json;

#[tokio::test]
async fn upstream_manages_mirrors() {
    let (server, dc) = setup().await;
    let m = dc.mirroring();
    let reqs = hit_stream(
        &server,
        Expect::new(GET, "/rest/mirroring/latest/requests")
            .query("state=PENDING&start=0")
            .respond(page(
                json!([{"id": 5, "mirrorName": "eu", "mirrorType": "FARM",
                                   "state": "PENDING"}]),
                0,
                None,
            )),
        m.requests().list().state(RequestState::Pending).stream(),
    )
    .await;
    assert_eq!(reqs[0].mirror_type, Some(MirrorType::Farm));
    let accepted = server
        .mock_async(|when, then| {
            when.method(POST)
                .is_true(exact("/rest/mirroring/latest/requests/5/accept", None))
                .header("content-length", "0");
            then.status(200)
                .json_body(json!({"id": "B1", "name": "eu", "enabled": true,
                                              "lastSeenDate": "2024-01-02T03:04:05Z"}));
        })
        .await;
    let mirror = m.requests().accept(5).send().await.unwrap();
    accepted.assert_async().await;
    assert!(mirror.last_seen_date.is_some());
    hit_ok(
        &server,
        Expect::no_content(DELETE, "/rest/mirroring/latest/mirrorServers/B1"),
        m.servers().remove("B1").send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::new(POST, "/rest/mirroring/latest/authenticate")
            .body(json!({"credentials": {"username": "jdoe", "password": "pw-1"}, "repositoryId": 3}))
            .respond(json!({"name": "jdoe", "slug": "jdoe", "effectivePermissions": {"REPO_READ": true}})),
        m.authenticate(MirrorCredentials::Password {
            username: "jdoe".into(),
            password: "pw-1".into(),
        })
        .repository_id(3)
        .send(),
    )
    .await;
    assert!(!format!("{:?}", MirrorCredentials::Token("tok-secret".into())).contains("tok-secret"));
    hit_ok(
        &server,
        Expect::no_content(
            POST,
            "/rest/mirroring/latest/account/settings/preferred-mirror",
        )
        .body(json!("B1")),
        m.set_preferred_mirror("B1").send(),
    )
    .await;
}

#[tokio::test]
async fn mirror_side_and_support() {
    let (server, dc) = setup().await;
    let side = dc.mirroring().mirror();
    let p = hit_ok(
        &server,
        Expect::new(GET, "/rest/mirroring/latest/progress")
            .respond(json!({"discovering": false, "syncedRepos": 7, "totalRepos": 9})),
        side.progress().send(),
    )
    .await;
    assert_eq!(p.synced_repos, Some(7));
    hit_ok(
        &server,
        Expect::new(PUT, "/rest/mirroring/latest/syncSettings")
            .body(json!({"mode": "SELECTED_PROJECTS", "projectIds": ["1", "2"]}))
            .respond(json!({"mode": "SELECTED_PROJECTS", "projectIds": ["1", "2"]})),
        side.set_settings(MirrorSettings {
            mode: Some("SELECTED_PROJECTS".into()),
            project_ids: vec!["1".into(), "2".into()],
        })
        .send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::new(POST, "/rest/mirroring/latest/syncSettings/projects")
            .body(json!(["3"]))
            .respond(json!(["1", "2", "3"])),
        side.add_projects(["3"]).send(),
    )
    .await;
    let status = hit_ok(
        &server,
        Expect::new(
            GET,
            "/rest/mirroring/latest/supportInfo/projects/PRJ/repos/x%20y/repoSyncStatus",
        )
        .respond(json!({"externalRepoId": "42", "failedSyncCount": 0,
                        "lastSyncDate": "2024-01-02T03:04:05Z"})),
        dc.project("PRJ")
            .repo("x y")
            .mirror_support()
            .sync_status()
            .send(),
    )
    .await;
    assert!(status.last_sync_date.is_some());
}
