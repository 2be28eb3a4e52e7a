//! Migration jobs.

mod common;

use bitbucket_dc::migration::{JobState, MeshMigrationRequest};
use common::*;
use httpmock::prelude::*;
use serde_json::json;

#[tokio::test]
async fn export_import_and_messages() {
    let (server, dc) = setup().await;
    let m = dc.migration();
    let job = hit_ok(
        &server,
        Expect::new(POST, "/rest/api/latest/migration/exports")
            .body(json!({"repositoriesRequest": {"includes": [
                {"projectKey": "PRJ", "slug": "web"}, {"projectKey": "OPS", "slug": "*"}]},
                "exportLocation": "nightly"}))
            .respond(json!({"id": 11, "state": "RUNNING", "type": "com.atlassian.bitbucket.server.bitbucket-dmt:export-job",
                            "progress": {"percentage": 5}, "startDate": 1_700_000_000_000_i64})),
        m.export([("PRJ", "web"), ("OPS", "*")]).location("nightly").send(),
    )
    .await;
    assert_eq!(job.state, Some(JobState::Running));
    let msgs = hit_stream(
        &server,
        Expect::new(GET, "/rest/api/latest/migration/exports/11/messages")
            .query("severity=WARN&start=0")
            .respond(page(
                json!([{"id": "m1", "severity": "WARN", "text": "skipped"}]),
                0,
                None,
            )),
        m.export_messages(11).severity("WARN").stream(),
    )
    .await;
    assert_eq!(msgs[0].text.as_deref(), Some("skipped"));
    let cancel = server
        .mock_async(|when, then| {
            when.method(POST)
                .is_true(exact("/rest/api/latest/migration/imports/12/cancel", None))
                .header("content-length", "0");
            then.status(204);
        })
        .await;
    m.cancel_import(12).send().await.unwrap();
    cancel.assert_async().await;
    hit_ok(
        &server,
        Expect::new(POST, "/rest/api/latest/migration/imports")
            .body(json!({"archivePath": "export-11.tar"}))
            .respond(json!({"id": 13, "state": "SOMETHING_NEW"})),
        m.import("export-11.tar").send(),
    )
    .await;
}

#[tokio::test]
async fn mesh_migration() {
    let (server, dc) = setup().await;
    let m = dc.migration();
    hit_ok(
        &server,
        Expect::new(POST, "/rest/api/latest/migration/mesh")
            .body(json!({"projectIds": [1], "repositoryIds": [5, 6]}))
            .respond(json!({"id": 21})),
        m.start_mesh(MeshMigrationRequest {
            all: None,
            project_ids: vec![1],
            repository_ids: vec![5, 6],
        })
        .send(),
    )
    .await;
    hit_stream(
        &server,
        Expect::new(GET, "/rest/api/latest/migration/mesh/repos")
            .query("migrationId=21&state=FAILED&start=0")
            .respond(page(
                json!([{"migrationState": "FAILED", "repository": {"slug": "web"}}]),
                0,
                None,
            )),
        m.mesh_repos().migration_id(21).state("FAILED").stream(),
    )
    .await;
    let none = hit_ok(
        &server,
        Expect::no_content(GET, "/rest/api/latest/migration/mesh/summary"),
        m.active_mesh_summary().send(),
    )
    .await;
    assert!(none.is_none());
}
