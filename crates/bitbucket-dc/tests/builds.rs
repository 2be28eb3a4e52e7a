//! Area 7: build statuses, required builds and Code Insights.

mod common;

use bitbucket_dc::Error;
use bitbucket_dc::branch_permissions::RefMatcher;
use bitbucket_dc::builds::{BuildState, TestResults};
use bitbucket_dc::insights::{Annotation, ReportData};
use common::*;
use httpmock::prelude::*;
use serde_json::json;

const C: &str = "8d51122def5632836d1cb1026e879069e10a1e13";

#[tokio::test]
async fn commit_build_statuses() {
    let (server, dc) = setup().await;
    let builds = dc.repo("PRJ", "web").builds(C);
    let path = "/rest/api/latest/projects/PRJ/repos/web/commits/8d51122def5632836d1cb1026e879069e10a1e13/builds";
    hit_ok(
        &server,
        Expect::no_content(POST, path).body(
            json!({"key": "ci main", "state": "SUCCESSFUL", "url": "https://ci/1",
                         "name": "CI", "ref": "refs/heads/main", "duration": 1200,
                         "testResults": {"successful": 10, "failed": 1, "skipped": 0}}),
        ),
        builds
            .set("ci main", BuildState::Successful, "https://ci/1")
            .name("CI")
            .ref_name("refs/heads/main")
            .duration(1200)
            .test_results(TestResults {
                successful: 10,
                failed: 1,
                skipped: 0,
            })
            .send(),
    )
    .await;
    let got = hit_ok(
        &server,
        Expect::new(GET, path).query("key=ci+main").respond(json!({
            "key": "ci main", "state": "FAILED", "url": "https://ci/1", "createdDate": 1_700_000_000_000_i64,
            "testResults": {"successful": 10, "failed": 1, "skipped": 0}})),
        builds.get("ci main").send(),
    )
    .await;
    assert_eq!(got.state, Some(BuildState::Failed));
    assert_eq!(got.test_results.unwrap().failed, 1);
    hit_ok(
        &server,
        Expect::no_content(DELETE, path).query("key=ci+main"),
        builds.delete("ci main").send(),
    )
    .await;

    answer_error(
        &server,
        GET,
        path,
        404,
        "No build status with key 'nope'",
        "x",
    )
    .await;
    let err = builds.get("nope").send().await.unwrap_err();
    assert!(
        matches!(err, Error::NotFound { ref message, .. } if message == "No build status with key 'nope'")
    );
}

#[tokio::test]
async fn global_build_status_and_stats() {
    let (server, dc) = setup().await;
    let list = hit_stream(
        &server,
        Expect::new(
            GET,
            "/rest/build-status/latest/commits/8d51122def5632836d1cb1026e879069e10a1e13",
        )
        .query("orderBy=NEWEST&start=0")
        .respond(page(
            json!([{"key": "k", "state": "INPROGRESS", "dateAdded": 1_700_000_000_000_i64},
                                 {"key": "j", "state": "QUEUED"}]),
            0,
            None,
        )),
        dc.build_status().list(C).order_by("NEWEST").stream(),
    )
    .await;
    assert_eq!(list[0].state, Some(BuildState::InProgress));
    assert_eq!(list[1].state, Some(BuildState::Unknown("QUEUED".into())));
    assert!(list[0].date_added.is_some());
    hit_ok(
        &server,
        Expect::no_content(
            POST,
            "/rest/build-status/latest/commits/8d51122def5632836d1cb1026e879069e10a1e13",
        )
        .body(json!({"key": "k", "state": "UNKNOWN", "url": "https://ci/2"})),
        dc.build_status()
            .add(C, "k", BuildState::NotKnown, "https://ci/2")
            .send(),
    )
    .await;
    let stats = hit_ok(
        &server,
        Expect::new(
            GET,
            "/rest/build-status/latest/commits/stats/8d51122def5632836d1cb1026e879069e10a1e13",
        )
        .query("includeUnique=true")
        .respond(
            json!({"successful": 2, "failed": 1, "inProgress": 0, "cancelled": 0, "unknown": 0}),
        ),
        dc.build_status().stats(C).include_unique(true).send(),
    )
    .await;
    assert_eq!((stats.successful, stats.failed), (2, 1));
    let many = hit_ok(
        &server,
        Expect::new(POST, "/rest/build-status/latest/commits/stats")
            .body(json!(["a1", "b2"]))
            .respond(json!({"a1": {"successful": 1}, "b2": {"failed": 3}})),
        dc.build_status().stats_many(["a1", "b2"]).send(),
    )
    .await;
    assert_eq!(many["b2"].failed, 3);
    hit_ok(
        &server,
        Expect::new(GET, "/rest/api/latest/build/capabilities")
            .respond(json!({"buildStatus": ["TEST_RESULTS", "DURATION"]})),
        dc.build_capabilities().send(),
    )
    .await;
}

#[tokio::test]
async fn required_builds() {
    let (server, dc) = setup().await;
    let rb = dc.repo("PRJ", "web").required_builds();
    let cond = json!({"id": 5, "buildParentKeys": ["ci"], "refMatcher": {"id": "refs/heads/main",
                      "displayId": "main", "type": {"id": "BRANCH", "name": "Branch"}}});
    hit_ok(
        &server,
        Expect::new(
            POST,
            "/rest/required-builds/latest/projects/PRJ/repos/web/condition",
        )
        .body(
            json!({"buildParentKeys": ["ci"], "refMatcher": {"id": "refs/heads/main",
                         "displayId": "main", "type": {"id": "BRANCH", "name": "Branch"}},
                         "exemptRefMatcher": {"id": "release/*", "displayId": "release/*",
                         "type": {"id": "PATTERN", "name": "Pattern"}}}),
        )
        .respond(cond.clone()),
        rb.create(["ci"], RefMatcher::branch("main"))
            .exempt_ref_matcher(RefMatcher::pattern("release/*"))
            .send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::new(
            PUT,
            "/rest/required-builds/latest/projects/PRJ/repos/web/condition/5",
        )
        .body(
            json!({"buildParentKeys": ["ci", "lint"], "refMatcher": {"id": "ANY_REF_MATCHER_ID",
                         "type": {"id": "ANY_REF", "name": "Any ref"}}}),
        )
        .respond(cond.clone()),
        rb.update(5, ["ci", "lint"], RefMatcher::any()).send(),
    )
    .await;
    let all = hit_stream(
        &server,
        Expect::new(
            GET,
            "/rest/required-builds/latest/projects/PRJ/repos/web/conditions",
        )
        .query("start=0")
        .respond(page(json!([cond]), 0, None)),
        rb.list().stream(),
    )
    .await;
    assert_eq!(all[0].build_parent_keys, ["ci"]);
    hit_ok(
        &server,
        Expect::no_content(
            DELETE,
            "/rest/required-builds/latest/projects/PRJ/repos/web/condition/5",
        ),
        rb.delete(5).send(),
    )
    .await;
}

#[tokio::test]
async fn insights_reports_and_annotations() {
    let (server, dc) = setup().await;
    let base = "/rest/insights/latest/projects/PRJ/repos/web/commits/8d51122def5632836d1cb1026e879069e10a1e13";
    let report_path: &'static str = Box::leak(format!("{base}/reports/my%20lint").into_boxed_str());
    let ins = dc.repo("PRJ", "web").insights(C);
    let report = hit_ok(
        &server,
        Expect::new(PUT, report_path)
            .body(json!({"title": "Lint", "data": [{"title": "Warnings", "type": "NUMBER", "value": 3}],
                         "result": "FAIL", "reporter": "clippy"}))
            .respond(json!({"key": "my lint", "title": "Lint", "result": "FAIL", "createdDate": 1_700_000_000_000_i64,
                            "data": [{"title": "Warnings", "type": "NUMBER", "value": 3}]})),
        ins.report("my lint")
            .set("Lint", [ReportData::number("Warnings", 3)])
            .result("FAIL")
            .reporter("clippy")
            .send(),
    )
    .await;
    assert_eq!(report.data[0].value, json!(3));
    assert!(report.created_date.is_some());

    let ann_path: &'static str = Box::leak(format!("{report_path}/annotations").into_boxed_str());
    hit_ok(
        &server,
        Expect::no_content(POST, ann_path).body(
            json!({"annotations": [{"message": "unused", "severity": "LOW", "path": "src/a b.rs",
                                          "line": 4, "type": "CODE_SMELL", "externalId": "e1"}]}),
        ),
        ins.report("my lint")
            .add_annotations([Annotation::new("unused", "LOW")
                .path("src/a b.rs")
                .line(4)
                .kind("CODE_SMELL")
                .external_id("e1")])
            .send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(DELETE, ann_path).query("externalId=e1&externalId=e2"),
        ins.report("my lint")
            .delete_annotations()
            .external_id("e1")
            .external_id("e2")
            .send(),
    )
    .await;
    let one: &'static str = Box::leak(format!("{ann_path}/e%2F1").into_boxed_str());
    hit_ok(
        &server,
        Expect::no_content(PUT, one).body(json!({"message": "m", "severity": "HIGH"})),
        ins.report("my lint")
            .set_annotation("e/1", Annotation::new("m", "HIGH"))
            .send(),
    )
    .await;
    let commit_ann: &'static str = Box::leak(format!("{base}/annotations").into_boxed_str());
    let anns = hit_ok(
        &server,
        Expect::new(GET, commit_ann)
            .query("key=my+lint&severity=HIGH")
            .respond(json!({"annotations": [{"message": "m", "severity": "HIGH", "reportKey": "my lint"}],
                            "totalCount": 1})),
        ins.annotations().report_key("my lint").severity("HIGH").send(),
    )
    .await;
    assert_eq!(anns.annotations[0].report_key.as_deref(), Some("my lint"));
    let reports: &'static str = Box::leak(format!("{base}/reports").into_boxed_str());
    hit_stream(
        &server,
        Expect::new(GET, reports).query("start=0").respond(page(
            json!([{"key": "k", "title": "t"}]),
            0,
            None,
        )),
        ins.reports().stream(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(DELETE, report_path),
        ins.report("my lint").delete().send(),
    )
    .await;
}
