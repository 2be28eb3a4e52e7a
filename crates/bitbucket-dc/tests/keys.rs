//! Area 8: SSH and GPG keys, access keys, branch permissions and default reviewers.

mod common;

use bitbucket_dc::branch_permissions::{MatcherKind, RefMatcher, RestrictionType};
use bitbucket_dc::chrono::Datelike as _;
use bitbucket_dc::{Error, Permission};
use common::*;
use httpmock::prelude::*;
use serde_json::json;

fn ssh_key(id: i64) -> serde_json::Value {
    json!({"id": id, "text": "ssh-ed25519 AAAA x@y", "label": "x@y", "algorithmType": "ED25519",
           "bitLength": 256, "createdDate": "2024-01-02T03:04:05Z", "lastAuthenticated": "1630041546434",
           "fingerprint": "SHA256:abc"})
}

#[tokio::test]
async fn user_ssh_keys() {
    let (server, dc) = setup().await;
    let keys = hit_stream(
        &server,
        Expect::new(GET, "/rest/ssh/latest/keys")
            .query("user=a%40b.com&start=0")
            .respond(page(json!([ssh_key(1), ssh_key(2)]), 0, None)),
        dc.ssh_keys().list().user("a@b.com").stream(),
    )
    .await;
    assert_eq!(keys[0].created_date.map(|t| t.year()), Some(2024));
    assert_eq!(keys[0].last_authenticated.map(|t| t.year()), Some(2021));
    hit_ok(
        &server,
        Expect::new(POST, "/rest/ssh/latest/keys")
            .query("user=john.doe")
            .body(json!({"text": "ssh-ed25519 AAAA ci", "label": "ci", "expiryDays": 90}))
            .status(201)
            .respond(ssh_key(3)),
        dc.ssh_keys()
            .add("ssh-ed25519 AAAA ci")
            .label("ci")
            .expiry_days(90u32)
            .user("john.doe")
            .send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(DELETE, "/rest/ssh/latest/keys").query("user=x+y"),
        dc.ssh_keys().delete_all("x y").send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::new(GET, "/rest/ssh/latest/keys/3").respond(ssh_key(3)),
        dc.ssh_keys().get(3).send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(DELETE, "/rest/ssh/latest/keys/3"),
        dc.ssh_keys().delete(3).send(),
    )
    .await;
    let settings = hit_ok(
        &server,
        Expect::new(GET, "/rest/ssh/latest/settings").respond(json!({
            "enabled": true, "port": 7999, "accessKeysEnabled": true,
            "fingerprint": {"algorithm": "SHA256", "value": "abc"}})),
        dc.ssh_keys().settings().send(),
    )
    .await;
    assert_eq!(settings.port, Some(7999));

    answer_error(
        &server,
        GET,
        "/rest/ssh/latest/keys/99",
        404,
        "No SSH key with id 99 exists",
        "x",
    )
    .await;
    let err = dc.ssh_keys().get(99).send().await.unwrap_err();
    assert!(
        matches!(err, Error::NotFound { ref message, .. } if message == "No SSH key with id 99 exists")
    );
}

#[tokio::test]
async fn gpg_keys() {
    let (server, dc) = setup().await;
    let list = hit_stream(
        &server,
        Expect::new(GET, "/rest/gpg/latest/keys")
            .query("user=john.doe&start=0")
            .respond(page(json!([{"id": "ABCD", "fingerprint": "F00", "expiryDate": 1_900_000_000_000_i64,
                                  "subKeys": [{"fingerprint": "S1", "expiryDate": "2030-01-01T00:00:00Z"}]}]), 0, None)),
        dc.gpg_keys().list().user("john.doe").stream(),
    )
    .await;
    assert_eq!(
        list[0].sub_keys[0].expiry_date.map(|t| t.year()),
        Some(2030)
    );
    hit_ok(
        &server,
        Expect::new(POST, "/rest/gpg/latest/keys")
            .body(json!({"text": "-----BEGIN PGP PUBLIC KEY BLOCK-----"}))
            .respond(json!({"id": "ABCD"})),
        dc.gpg_keys()
            .add("-----BEGIN PGP PUBLIC KEY BLOCK-----")
            .send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(DELETE, "/rest/gpg/latest/keys/F00%2F1"),
        dc.gpg_keys().delete("F00/1").send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(DELETE, "/rest/gpg/latest/keys").query("user=john.doe"),
        dc.gpg_keys().delete_all("john.doe").send(),
    )
    .await;
}

#[tokio::test]
async fn access_keys() {
    let (server, dc) = setup().await;
    let ak = json!({"key": ssh_key(7), "permission": "REPO_READ",
                    "repository": {"slug": "web", "name": "web"}});
    hit_ok(
        &server,
        Expect::new(POST, "/rest/keys/latest/projects/PRJ/repos/web/ssh")
            .body(
                json!({"key": {"text": "ssh-ed25519 AAAA deploy", "label": "deploy"},
                         "permission": "REPO_READ"}),
            )
            .status(201)
            .respond(ak.clone()),
        dc.project("PRJ")
            .repo("web")
            .access_keys()
            .add("ssh-ed25519 AAAA deploy", Permission::RepoRead)
            .label("deploy")
            .send(),
    )
    .await;
    let keys = hit_stream(
        &server,
        Expect::new(GET, "/rest/keys/latest/projects/~john.doe/ssh")
            .query("filter=dep&permission=PROJECT_READ&start=0")
            .respond(page(json!([ak.clone()]), 0, None)),
        dc.project("~john.doe")
            .access_keys()
            .list()
            .filter("dep")
            .permission(Permission::ProjectRead)
            .stream(),
    )
    .await;
    assert_eq!(keys[0].permission, Some(Permission::RepoRead));
    hit_ok(
        &server,
        Expect::new(
            PUT,
            "/rest/keys/latest/projects/PRJ/ssh/7/permission/PROJECT_WRITE",
        )
        .respond(ak.clone()),
        dc.project("PRJ")
            .access_keys()
            .set_permission(7, Permission::ProjectWrite)
            .send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(DELETE, "/rest/keys/latest/projects/PRJ/repos/web/ssh/7"),
        dc.project("PRJ").repo("web").access_keys().revoke(7).send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(DELETE, "/rest/keys/latest/ssh/7")
            .body(json!({"projects": {"key": "PRJ"},
                         "repositories": {"slug": "web", "project": {"key": "PRJ"}}})),
        dc.access_key(7)
            .revoke()
            .project("PRJ")
            .repo("PRJ", "web")
            .send(),
    )
    .await;
    hit_stream(
        &server,
        Expect::new(GET, "/rest/keys/latest/ssh/7/repos")
            .query("withRestrictions=true&start=0")
            .respond(page(json!([ak]), 0, None)),
        dc.access_key(7).repos().with_restrictions(true).stream(),
    )
    .await;
}

#[tokio::test]
async fn branch_permissions_bulk_create_uses_bulk_content_type() {
    let (server, dc) = setup().await;
    let restriction = json!({"id": 3, "type": "pull-request-only",
        "matcher": {"id": "refs/heads/main", "displayId": "main", "type": {"id": "BRANCH", "name": "Branch"}},
        "users": [user_json("john.doe")], "groups": ["rm"], "scope": {"type": "REPOSITORY", "resourceId": 11}});
    let body = json!([
        {"type": "pull-request-only", "matcher": {"id": "refs/heads/main", "displayId": "main",
          "type": {"id": "BRANCH", "name": "Branch"}}, "userSlugs": ["john.doe"], "groupNames": [],
          "accessKeyIds": []},
        {"type": "no-deletes", "matcher": {"id": "release/*", "displayId": "release/*",
          "type": {"id": "PATTERN", "name": "Pattern"}}, "userSlugs": [], "groupNames": ["rm"],
          "accessKeyIds": [4]}
    ]);
    let m = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/rest/branch-permissions/latest/projects/PRJ/repos/web/restrictions")
                .header("content-type", "application/vnd.atl.bitbucket.bulk+json")
                .json_body(body);
            then.status(200)
                .json_body(json!([restriction.clone(), restriction.clone()]));
        })
        .await;
    let created = dc
        .project("PRJ")
        .repo("web")
        .branch_permissions()
        .create(RestrictionType::PullRequestOnly, RefMatcher::branch("main"))
        .users(["john.doe"])
        .and(RestrictionType::NoDeletes, RefMatcher::pattern("release/*"))
        .groups(["rm"])
        .access_keys([4])
        .send()
        .await
        .unwrap();
    m.assert_async().await;
    assert_eq!(created.0.len(), 2);
    assert_eq!(created.0[0].users[0].slug, "john.doe");

    hit_stream(
        &server,
        Expect::new(
            GET,
            "/rest/branch-permissions/latest/projects/PRJ/restrictions",
        )
        .query("type=read-only&matcherType=PATTERN&start=0")
        .respond(page(json!([restriction]), 0, None)),
        dc.project("PRJ")
            .branch_permissions()
            .list()
            .restriction_type(RestrictionType::ReadOnly)
            .matcher_type(MatcherKind::Pattern)
            .stream(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(
            DELETE,
            "/rest/branch-permissions/latest/projects/PRJ/restrictions/3",
        ),
        dc.project("PRJ").branch_permissions().delete(3).send(),
    )
    .await;
    answer_error(
        &server,
        GET,
        "/rest/branch-permissions/latest/projects/PRJ/repos/web/restrictions/404",
        404,
        "Restriction 404 does not exist",
        "x",
    )
    .await;
    let err = dc
        .project("PRJ")
        .repo("web")
        .branch_permissions()
        .get(404)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.message(), Some("Restriction 404 does not exist"));
}

#[tokio::test]
async fn default_reviewers() {
    let (server, dc) = setup().await;
    let cond = json!({"id": 2, "requiredApprovals": 1, "reviewers": [user_json("john.doe")],
        "sourceRefMatcher": {"id": "ANY_REF_MATCHER_ID", "type": {"id": "ANY_REF", "name": "Any ref"}},
        "targetRefMatcher": {"id": "refs/heads/main", "type": {"id": "BRANCH", "name": "Branch"}}});
    hit_ok(
        &server,
        Expect::new(POST, "/rest/default-reviewers/latest/projects/PRJ/repos/web/condition")
            .body(json!({"sourceMatcher": {"id": "ANY_REF_MATCHER_ID", "type": {"id": "ANY_REF", "name": "Any ref"}},
                         "targetMatcher": {"id": "refs/heads/main", "displayId": "main",
                                           "type": {"id": "BRANCH", "name": "Branch"}},
                         "reviewers": [{"id": 12}], "requiredApprovals": 1}))
            .respond(cond.clone()),
        dc.project("PRJ").repo("web").default_reviewers()
            .create(RefMatcher::any(), RefMatcher::branch("main"))
            .reviewers([12])
            .required_approvals(1)
            .send(),
    )
    .await;
    let all = hit_ok(
        &server,
        Expect::new(
            GET,
            "/rest/default-reviewers/latest/projects/PRJ/conditions",
        )
        .respond(json!([cond.clone()])),
        dc.project("PRJ").default_reviewers().list().send(),
    )
    .await;
    assert_eq!(all[0].reviewers[0].slug, "john.doe");
    hit_ok(
        &server,
        Expect::new(
            PUT,
            "/rest/default-reviewers/latest/projects/PRJ/condition/2",
        )
        .body(json!({"requiredApprovals": 2, "reviewerGroups": [{"id": 5}]}))
        .respond(cond.clone()),
        dc.project("PRJ")
            .default_reviewers()
            .update(2)
            .required_approvals(2)
            .reviewer_groups([5])
            .send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(
            DELETE,
            "/rest/default-reviewers/latest/projects/PRJ/repos/web/condition/2",
        ),
        dc.project("PRJ")
            .repo("web")
            .default_reviewers()
            .delete(2)
            .send(),
    )
    .await;
    let who = hit_ok(
        &server,
        Expect::new(GET, "/rest/default-reviewers/latest/projects/PRJ/repos/web/reviewers")
            .query("sourceRepoId=1&targetRepoId=1&sourceRefId=refs%2Fheads%2Ff&targetRefId=refs%2Fheads%2Fmain")
            .respond(json!([user_json("a@b.com")])),
        dc.project("PRJ").repo("web").default_reviewers()
            .reviewers()
            .source_repo_id(1)
            .target_repo_id(1)
            .source_ref_id("refs/heads/f")
            .target_ref_id("refs/heads/main")
            .send(),
    )
    .await;
    assert_eq!(who[0].slug, "a@b.com");
}
