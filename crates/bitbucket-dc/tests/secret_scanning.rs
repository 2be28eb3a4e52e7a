//! Secret scanning rules, allowlists and exemptions.

mod common;

use bitbucket_dc::secret_scanning::NameOrder;
use common::*;
use httpmock::prelude::*;
use serde_json::json;

#[tokio::test]
async fn rules_in_each_scope() {
    let (server, dc) = setup().await;
    let r = hit_ok(
        &server,
        Expect::new(POST, "/rest/api/latest/secret-scanning/rules")
            .body(json!({"name": "itk", "lineRegex": "itk_[0-9a-f]{32}"}))
            .respond(
                json!({"id": 3, "name": "itk", "lineRegex": "itk_[0-9a-f]{32}",
                            "scope": {"type": "GLOBAL"}}),
            ),
        dc.secret_scanning()
            .rules()
            .create("itk")
            .line_regex("itk_[0-9a-f]{32}")
            .send(),
    )
    .await;
    assert_eq!(r.id, 3);
    hit_stream(
        &server,
        Expect::new(GET, "/rest/api/latest/projects/PRJ/secret-scanning/rules")
            .query("filter=itk&order=NAME_DESC&start=0")
            .respond(page(json!([{"id": 3, "name": "itk"}]), 0, None)),
        dc.project("PRJ")
            .secret_scanning()
            .rules()
            .list()
            .filter("itk")
            .order(NameOrder::Desc)
            .stream(),
    )
    .await;
    hit_ok(
        &server,
        Expect::new(
            PUT,
            "/rest/api/latest/projects/PRJ/repos/x%20y/secret-scanning/rules/3",
        )
        .body(json!({"pathRegex": "^src/"}))
        .respond(json!({"id": 3, "name": "itk", "pathRegex": "^src/"})),
        dc.project("PRJ")
            .repo("x y")
            .secret_scanning()
            .rules()
            .update(3)
            .path_regex("^src/")
            .send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(DELETE, "/rest/api/latest/secret-scanning/rules/3"),
        dc.secret_scanning().rules().delete(3).send(),
    )
    .await;
}

#[tokio::test]
async fn allowlists_and_exemptions() {
    let (server, dc) = setup().await;
    hit_ok(
        &server,
        Expect::new(
            POST,
            "/rest/api/latest/projects/PRJ/repos/web/secret-scanning/allowlist",
        )
        .body(json!({"name": "fixtures", "pathRegex": "^tests/fixtures/"}))
        .respond(json!({"id": 9, "name": "fixtures"})),
        dc.project("PRJ")
            .repo("web")
            .secret_scanning()
            .allowlist()
            .create("fixtures")
            .path_regex("^tests/fixtures/")
            .send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::new(
            GET,
            "/rest/api/latest/projects/PRJ/secret-scanning/allowlist/9",
        )
        .respond(json!({"id": 9, "name": "fixtures"})),
        dc.project("PRJ")
            .secret_scanning()
            .allowlist()
            .get(9)
            .send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(POST, "/rest/api/latest/projects/PRJ/secret-scanning/exempt").body(
            json!([{"projectKey": "PRJ", "slug": "web"}, {"projectKey": "PRJ", "slug": "docs"}]),
        ),
        dc.project("PRJ")
            .secret_scanning()
            .exempt([("PRJ", "web"), ("PRJ", "docs")])
            .send(),
    )
    .await;
    let repos = hit_stream(
        &server,
        Expect::new(GET, "/rest/api/latest/secret-scanning/exempt")
            .query("order=NAME_ASC&start=0")
            .respond(page(
                json!([{"slug": "web", "name": "web", "project": {"key": "PRJ"}}]),
                0,
                None,
            )),
        dc.secret_scanning()
            .exempt_repos()
            .order(NameOrder::Asc)
            .stream(),
    )
    .await;
    assert_eq!(repos[0].slug, "web");
    hit_ok(
        &server,
        Expect::no_content(
            DELETE,
            "/rest/api/latest/projects/PRJ/repos/web/secret-scanning/exempt",
        ),
        dc.project("PRJ")
            .repo("web")
            .secret_scanning()
            .remove_exemption()
            .send(),
    )
    .await;
}
