//! Repositories, branches, tags and labels.

mod common;

use bitbucket_dc::branches::{RefType, TagType};
use bitbucket_dc::repos::RepositoryState;
use bitbucket_dc::{Error, RepoPermission};
use common::*;
use httpmock::prelude::*;
use serde_json::json;

const R: &str = "/rest/api/latest/projects/PRJ/repos/web";

fn repo(slug: &str) -> serde_json::Value {
    json!({"slug": slug, "name": slug, "id": 11, "scmId": "git", "state": "AVAILABLE",
           "forkable": true, "public": false, "project": {"key": "PRJ", "id": 1},
           "links": {"clone": [{"href": "https://h/scm/prj/web.git", "name": "http"}]}})
}

#[tokio::test]
async fn repository_crud_fork_and_listings() {
    let (server, dc) = setup().await;
    let created = hit_ok(
        &server,
        Expect::new(POST, "/rest/api/latest/projects/PRJ/repos")
            .body(
                json!({"name": "web", "scmId": "git", "defaultBranch": "main", "forkable": false}),
            )
            .status(201)
            .respond(repo("web")),
        dc.project("PRJ")
            .repos()
            .create("web")
            .default_branch("main")
            .forkable(false)
            .send(),
    )
    .await;
    assert_eq!(created.state, Some(RepositoryState::Available));
    assert_eq!(created.clone_url("http"), Some("https://h/scm/prj/web.git"));

    let got = hit_ok(
        &server,
        Expect::new(GET, R).respond(repo("web")),
        dc.repo("PRJ", "web").get().send(),
    )
    .await;
    assert_eq!(got.project.unwrap().key, "PRJ");

    hit_ok(
        &server,
        Expect::new(PUT, R)
            .body(json!({"name": "web2", "archived": true, "project": {"key": "NEW"}}))
            .respond(repo("web2")),
        dc.repo("PRJ", "web")
            .update()
            .name("web2")
            .archived(true)
            .move_to_project("NEW")
            .send(),
    )
    .await;

    hit_ok(
        &server,
        Expect::new(POST, R)
            .body(json!({"name": "mine", "project": {"key": "~JOHN.DOE"}}))
            .status(201)
            .respond(repo("mine")),
        dc.repo("PRJ", "web")
            .fork()
            .name("mine")
            .project("~JOHN.DOE")
            .send(),
    )
    .await;

    hit_ok(
        &server,
        Expect::new(DELETE, R).status(202),
        dc.repo("PRJ", "web").delete().send(),
    )
    .await;

    let forks = hit_stream(
        &server,
        Expect::new(GET, "/rest/api/latest/projects/PRJ/repos/web/forks")
            .query("start=0")
            .respond(page(json!([repo("f1"), repo("f2")]), 0, None)),
        dc.repo("PRJ", "web").forks().stream(),
    )
    .await;
    assert_eq!(forks.len(), 2);

    hit_ok(
        &server,
        Expect::new(GET, "/rest/api/latest/projects/PRJ/repos/web/related")
            .query("permission=REPO_WRITE&limit=5")
            .respond(page(json!([repo("up")]), 0, None)),
        dc.repo("PRJ", "web")
            .related()
            .permission(RepoPermission::Write)
            .page_size(5)
            .send(),
    )
    .await;

    hit_stream(
        &server,
        Expect::new(GET, "/rest/api/latest/repos")
            .query("name=we&projectkey=PRJ&state=AVAILABLE&archived=ACTIVE&start=0")
            .respond(page(json!([repo("web")]), 0, None)),
        dc.repos()
            .search()
            .name("we")
            .project_key("PRJ")
            .state(RepositoryState::Available)
            .archived("ACTIVE")
            .stream(),
    )
    .await;

    hit_stream(
        &server,
        Expect::new(GET, "/rest/api/latest/profile/recent/repos")
            .query("permission=REPO_READ&start=0")
            .respond(page(json!([]), 0, None)),
        dc.repos()
            .recent()
            .permission(RepoPermission::Read)
            .stream(),
    )
    .await;
}

#[tokio::test]
async fn slugs_and_keys_are_encoded() {
    let (server, dc) = setup().await;
    for (key, slug, path) in [
        (
            "PRJ",
            "john.doe",
            "/rest/api/latest/projects/PRJ/repos/john.doe",
        ),
        (
            "~a@b.com",
            "x y",
            "/rest/api/latest/projects/~a%40b.com/repos/x%20y",
        ),
        (
            "P/Q",
            "r?s#t",
            "/rest/api/latest/projects/P%2FQ/repos/r%3Fs%23t",
        ),
    ] {
        hit_ok(
            &server,
            Expect::new(GET, path).respond(repo("x")),
            dc.repo(key, slug).get().send(),
        )
        .await;
    }
    let err = dc.repo("PRJ", "..").get().send().await.unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
}

#[tokio::test]
async fn missing_repository_maps_to_not_found_with_message() {
    let (server, dc) = setup().await;
    answer_error(
        &server,
        GET,
        "/rest/api/latest/projects/PRJ/repos/nope",
        404,
        "Repository PRJ/nope does not exist.",
        "com.atlassian.bitbucket.repository.NoSuchRepositoryException",
    )
    .await;
    let err = dc.repo("PRJ", "nope").get().send().await.unwrap_err();
    match err {
        Error::NotFound { message, .. } => {
            assert_eq!(message, "Repository PRJ/nope does not exist.")
        }
        other => panic!("expected NotFound, got {other:?}"),
    }
}

#[tokio::test]
async fn branches_and_default_branch() {
    let (server, dc) = setup().await;
    let web = dc.repo("PRJ", "web");
    let branches = hit_stream(
        &server,
        Expect::new(GET, "/rest/api/latest/projects/PRJ/repos/web/branches")
            .query("filterText=feature%2F&orderBy=MODIFICATION&details=true&start=0")
            .respond(page(
                json!([{"id": "refs/heads/feature/a", "displayId": "feature/a", "type": "BRANCH",
                        "latestCommit": "abc", "isDefault": false, "default": false}]),
                0,
                None,
            )),
        web.branches()
            .list()
            .filter_text("feature/")
            .order_by("MODIFICATION")
            .details(true)
            .stream(),
    )
    .await;
    assert_eq!(branches[0].ref_type, Some(RefType::Branch));
    assert_eq!(branches[0].is_default, Some(false));

    hit_ok(
        &server,
        Expect::new(POST, "/rest/api/latest/projects/PRJ/repos/web/branches")
            .body(json!({"name": "release/1", "startPoint": "main", "message": "cut"}))
            .respond(json!({"id": "refs/heads/release/1", "displayId": "release/1"})),
        web.branches()
            .create("release/1", "main")
            .message("cut")
            .send(),
    )
    .await;

    hit_ok(
        &server,
        Expect::new(
            POST,
            "/rest/branch-utils/latest/projects/PRJ/repos/web/branches",
        )
        .body(json!({"name": "hotfix", "startPoint": "abc123"}))
        .status(201)
        .respond(json!({"id": "refs/heads/hotfix", "displayId": "hotfix"})),
        web.branches().create_with_utils("hotfix", "abc123").send(),
    )
    .await;

    hit_ok(
        &server,
        Expect::no_content(
            DELETE,
            "/rest/branch-utils/latest/projects/PRJ/repos/web/branches",
        )
        .body(json!({"name": "feature/old", "dryRun": true})),
        web.branches().delete("feature/old").dry_run(true).send(),
    )
    .await;

    let default = hit_ok(
        &server,
        Expect::new(
            GET,
            "/rest/api/latest/projects/PRJ/repos/web/default-branch",
        )
        .respond(json!({"id": "refs/heads/main", "displayId": "main", "type": "BRANCH"})),
        web.branches().default_branch().send(),
    )
    .await;
    assert_eq!(default.unwrap().display_id, "main");

    // An empty repository has no default branch: 204 without a body.
    let none = hit_ok(
        &server,
        Expect::no_content(
            GET,
            "/rest/api/latest/projects/PRJ/repos/web/branches/default",
        ),
        web.branches().default_branch_legacy().send(),
    )
    .await;
    assert!(none.is_none());

    hit_ok(
        &server,
        Expect::no_content(
            PUT,
            "/rest/api/latest/projects/PRJ/repos/web/default-branch",
        )
        .body(json!({"id": "refs/heads/main"})),
        web.branches().set_default_branch("refs/heads/main").send(),
    )
    .await;

    hit_stream(
        &server,
        Expect::new(
            GET,
            "/rest/branch-utils/latest/projects/PRJ/repos/web/branches/info/abc123",
        )
        .query("start=0")
        .respond(page(
            json!([{"id": "refs/heads/main", "displayId": "main"}]),
            0,
            None,
        )),
        web.branches().containing("abc123").stream(),
    )
    .await;
}

#[tokio::test]
async fn tags() {
    let (server, dc) = setup().await;
    let web = dc.repo("PRJ", "web");
    hit_ok(
        &server,
        Expect::new(POST, "/rest/git/latest/projects/PRJ/repos/web/tags")
            .body(json!({"name": "v1", "startPoint": "main", "message": "one",
                         "type": "ANNOTATED", "force": true}))
            .status(201)
            .respond(json!({"id": "refs/tags/v1", "displayId": "v1", "type": "TAG", "hash": "h"})),
        web.tags()
            .create_git("v1", "main")
            .message("one")
            .tag_type(TagType::Annotated)
            .force(true)
            .send(),
    )
    .await;
    let tag = hit_ok(
        &server,
        Expect::new(
            GET,
            "/rest/api/latest/projects/PRJ/repos/web/tags/release%2F1.0",
        )
        .respond(json!({"id": "refs/tags/release/1.0", "displayId": "release/1.0", "type": "TAG"})),
        web.tags().get("release/1.0").send(),
    )
    .await;
    assert_eq!(tag.ref_type, Some(RefType::Tag));
    hit_ok(
        &server,
        Expect::no_content(DELETE, "/rest/git/latest/projects/PRJ/repos/web/tags/v1"),
        web.tags().delete("v1").send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::new(POST, "/rest/api/latest/projects/PRJ/repos/web/tags")
            .body(json!({"name": "v2", "startPoint": "abc"}))
            .respond(json!({"id": "refs/tags/v2", "displayId": "v2"})),
        web.tags().create("v2", "abc").send(),
    )
    .await;
}

#[tokio::test]
async fn labels() {
    let (server, dc) = setup().await;
    let web = dc.repo("PRJ", "web");
    hit_ok(
        &server,
        Expect::new(POST, "/rest/api/latest/projects/PRJ/repos/web/labels")
            .body(json!({"name": "team web"}))
            .respond(json!({"name": "team web"})),
        web.labels().add("team web").send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(
            DELETE,
            "/rest/api/latest/projects/PRJ/repos/web/labels/team%20web",
        ),
        web.labels().remove("team web").send(),
    )
    .await;
    let labels = hit_stream(
        &server,
        Expect::new(GET, "/rest/api/latest/labels")
            .query("prefix=te&start=0")
            .respond(page(json!([{"name": "team web"}]), 0, None)),
        dc.labels().list().prefix("te").stream(),
    )
    .await;
    assert_eq!(labels[0].name, "team web");
    let labeled = hit_stream(
        &server,
        Expect::new(GET, "/rest/api/latest/labels/team%20web/labeled")
            .query("type=REPOSITORY&start=0")
            .respond(page(
                json!([{"labelableType": "REPOSITORY", "slug": "web", "name": "web"}]),
                0,
                None,
            )),
        dc.labels()
            .labeled("team web")
            .labelable_type("REPOSITORY")
            .stream(),
    )
    .await;
    assert_eq!(labeled[0].repository.slug, "web");
}

#[test]
fn built_requests_match_the_ledger() {
    let dc = bitbucket_dc::Client::builder("https://h.example/ctx")
        .build()
        .unwrap();
    let b = dc
        .repo("PRJ", "web")
        .branches()
        .delete("f")
        .end_point("abc");
    assert_eq!(
        b.endpoint().path,
        "/branch-utils/latest/projects/{projectKey}/repos/{repositorySlug}/branches"
    );
    assert_built(
        &b.build_request().unwrap(),
        "DELETE",
        "/ctx/rest/branch-utils/latest/projects/PRJ/repos/web/branches",
        Some(json!({"name": "f", "endPoint": "abc"})),
    );
}
