//! Models keep what real servers send: explicit `null`s, real-server names beside the spec's,
//! older servers' shapes, fields the spec leaves out, and `send_value()` for everything else.

mod common;

use bitbucket_dc::Error;
use bitbucket_dc::branch_permissions::RefRestriction;
use bitbucket_dc::branches::Branch;
use bitbucket_dc::commits::CommitPage;
use bitbucket_dc::default_reviewers::ReviewerCondition;
use bitbucket_dc::pull_requests::{Comment, PullRequest};
use bitbucket_dc::settings::{MergeThreshold, PullRequestSettings};
use common::*;
use httpmock::prelude::*;
use serde_json::json;

/// A pull request whose refs carry `repository.name: null`, as recorded from a real server
/// (shape of cdancy/bitbucket-rest's `pull-request.json` fixture).
fn pull_request_with_null_repo_name() -> serde_json::Value {
    json!({
        "id": 101, "version": 1, "title": "Talking Nerdy", "state": "OPEN",
        "open": true, "closed": false, "createdDate": 1359075920, "locked": false,
        "fromRef": {
            "id": "refs/heads/feature-ABC-123",
            "repository": {"slug": "my-repo", "name": null, "project": {"key": "PRJ"}},
            "latestCommit": "930228bb501e07c2653771858320873d94518e33"
        },
        "toRef": {
            "id": "refs/heads/master",
            "repository": {"slug": "my-repo", "name": null, "project": {"key": "PRJ"}}
        },
        "author": {"user": user_json("tom"), "role": "AUTHOR", "approved": true},
        "reviewers": [],
        "participants": null,
        "links": {"self": [{"href": "http://link/to/pullrequest"}]}
    })
}

#[tokio::test]
async fn pull_request_with_null_repository_name_decodes() {
    let (server, dc) = setup().await;
    let pr = hit_ok(
        &server,
        Expect::new(
            GET,
            "/rest/api/latest/projects/PRJ/repos/my-repo/pull-requests/101",
        )
        .respond(pull_request_with_null_repo_name()),
        dc.repo("PRJ", "my-repo").pull_request(101).get().send(),
    )
    .await;
    let from = pr.from_ref.repository.as_ref().expect("fromRef.repository");
    assert_eq!(from.slug, "my-repo");
    assert_eq!(from.name, "");
    assert_eq!(from.project.as_ref().map(|p| p.key.as_str()), Some("PRJ"));
    assert_eq!(
        pr.from_ref.latest_commit.as_deref(),
        Some("930228bb501e07c2653771858320873d94518e33")
    );
    assert!(pr.participants.is_empty());
    assert_eq!(pr.author.map(|a| a.user.slug), Some("tom".to_owned()));
}

#[test]
fn a_page_with_nulls_in_any_item_still_decodes() {
    let body = json!({
        "values": [pull_request_with_null_repo_name(),
                   {"id": null, "version": null, "title": null, "fromRef": null, "toRef": null,
                    "links": null, "reviewers": null}],
        "size": 2, "isLastPage": true, "start": 0, "limit": null
    });
    let page: bitbucket_dc::Page<PullRequest> = serde_json::from_value(body).unwrap();
    assert_eq!(page.values.len(), 2);
    assert_eq!(page.values[1].title, "");
    assert_eq!(page.values[1].from_ref.id, "");
    assert_eq!(page.limit, None);
    let empty: bitbucket_dc::Page<PullRequest> =
        serde_json::from_value(json!({"values": null, "isLastPage": true})).unwrap();
    assert!(empty.values.is_empty());
}

#[test]
fn branch_reads_is_default_and_the_spec_name_and_writes_is_default() {
    // Real servers (cdancy/bitbucket-rest and jenkinsci/bitbucket-branch-source-plugin
    // fixtures) send `isDefault`.
    let real: Branch = serde_json::from_value(json!({
        "id": "refs/heads/master", "displayId": "master", "type": "BRANCH",
        "latestCommit": "8d51122def5632836d1cb1026e879069e10a1e13", "isDefault": true
    }))
    .unwrap();
    assert_eq!(real.is_default, Some(true));
    // The spec's `default` is still read.
    let spec: Branch =
        serde_json::from_value(json!({"id": "refs/heads/dev", "default": false})).unwrap();
    assert_eq!(spec.is_default, Some(false));
    // Both names at once (some servers): the server's name wins.
    let both: Branch = serde_json::from_value(
        json!({"id": "refs/heads/main", "isDefault": true, "default": true}),
    )
    .unwrap();
    assert_eq!(both.is_default, Some(true));
    let written = serde_json::to_value(&real).unwrap();
    assert_eq!(written["isDefault"], json!(true));
    assert!(written.get("default").is_none());
}

#[tokio::test]
async fn branch_listing_from_a_real_server_reads_is_default() {
    let (server, dc) = setup().await;
    let page = hit_ok(
        &server,
        Expect::new(GET, "/rest/api/latest/projects/PRJ/repos/web/branches").respond(page(
            json!([
                {"id": "refs/heads/master", "displayId": "master", "isDefault": true},
                {"id": "refs/heads/hello", "displayId": "hello", "isDefault": false,
                 "latestChangeset": "e73efd28360ed2ec94804d582c591d2d3ba6bcc4"}
            ]),
            0,
            None,
        )),
        dc.repo("PRJ", "web").branches().list().send(),
    )
    .await;
    let flags: Vec<_> = page.values.iter().map(|b| b.is_default).collect();
    assert_eq!(flags, [Some(true), Some(false)]);
}

#[test]
fn pre_7_integer_pull_request_settings_decode() {
    // Shape of cdancy/bitbucket-rest's `pull-request-settings.json` fixture.
    let old: PullRequestSettings = serde_json::from_value(json!({
        "mergeConfig": {"defaultStrategy": {"id": "no-ff", "enabled": true}, "type": "REPOSITORY"},
        "requiredAllApprovers": false,
        "requiredAllTasksComplete": true,
        "requiredApprovers": 2,
        "requiredSuccessfulBuilds": 0,
        "unapproveOnUpdate": true
    }))
    .unwrap();
    let approvers = old.required_approvers.as_ref().expect("requiredApprovers");
    assert_eq!(approvers.enabled, Some(true));
    assert_eq!(approvers.count_value(), Some(2));
    let builds = old
        .required_successful_builds
        .as_ref()
        .expect("requiredSuccessfulBuilds");
    assert_eq!(builds.enabled, Some(false));
    assert_eq!(builds.count_value(), Some(0));
    assert_eq!(old.required_all_tasks_complete, Some(true));
    assert_eq!(old.unapprove_on_update, Some(true));
    // Written back as the object.
    let written = serde_json::to_value(&old).unwrap();
    assert_eq!(
        written["requiredApprovers"],
        json!({"enabled": true, "count": 2})
    );
}

#[test]
fn object_shaped_pull_request_settings_decode() {
    let new: PullRequestSettings = serde_json::from_value(json!({
        "requiredApprovers": {"enabled": true, "count": "2"},
        "requiredSuccessfulBuilds": {"enabled": false, "count": 1},
        "requiredAllApprovers": null
    }))
    .unwrap();
    let approvers = new.required_approvers.as_ref().unwrap();
    assert_eq!(approvers.enabled, Some(true));
    assert_eq!(approvers.count_value(), Some(2));
    assert_eq!(
        new.required_successful_builds
            .as_ref()
            .unwrap()
            .count_value(),
        Some(1)
    );
    assert_eq!(new.required_all_approvers, None);
    assert_eq!(
        serde_json::to_value(&new).unwrap()["requiredApprovers"],
        json!({"enabled": true, "count": "2"})
    );
    // A threshold of `null` and a missing one are both "not sent".
    let none: PullRequestSettings =
        serde_json::from_value(json!({"requiredApprovers": null})).unwrap();
    assert!(none.required_approvers.is_none());
    // Something that is neither a number nor an object still fails: only known shapes pass.
    assert!(serde_json::from_value::<MergeThreshold>(json!("two")).is_err());
}

#[test]
fn update_body_of_pull_request_settings_is_unchanged() {
    let body = PullRequestSettings {
        required_approvers: Some(MergeThreshold {
            enabled: Some(true),
            count: Some(json!(2)),
        }),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({"requiredApprovers": {"enabled": true, "count": 2}})
    );
}

#[test]
fn matcher_active_decodes_in_restrictions_and_reviewer_conditions() {
    // cdancy/bitbucket-rest `branch-permission-list.json`.
    let r: RefRestriction = serde_json::from_value(json!({
        "id": 839, "type": "fast-forward-only", "groups": ["GROUPS1"], "users": [],
        "matcher": {"active": true, "displayId": "Development", "id": "development",
                    "type": {"id": "MODEL_BRANCH", "name": "Branching model branch"}}
    }))
    .unwrap();
    assert_eq!(r.matcher.and_then(|m| m.active), Some(true));
    // cdancy/bitbucket-rest `default-reviwers-list.json`.
    let c: ReviewerCondition = serde_json::from_value(json!({
        "id": 3, "scope": {"type": "REPOSITORY", "resourceId": 10},
        "sourceRefMatcher": {"active": true, "id": "ANY_REF_MATCHER_ID",
                             "type": {"id": "ANY_REF", "name": "Any branch"}},
        "targetRefMatcher": {"active": false, "id": "HOTFIX", "displayId": "Hotfix",
                             "type": {"id": "MODEL_CATEGORY", "name": "Branching model category"}},
        "requiredApprovals": 1
    }))
    .unwrap();
    assert_eq!(c.source_ref_matcher.and_then(|m| m.active), Some(true));
    assert_eq!(c.target_ref_matcher.and_then(|m| m.active), Some(false));
    // Matchers built for a request body do not send it.
    let sent =
        serde_json::to_value(bitbucket_dc::branch_permissions::RefMatcher::branch("main")).unwrap();
    assert!(sent.get("active").is_none(), "{sent}");
}

#[test]
fn comment_permitted_operations_decode() {
    // cdancy/bitbucket-rest `comments.json`.
    let c: Comment = serde_json::from_value(json!({
        "id": 1, "version": 1, "text": "A measured reply.",
        "comments": [{"id": 2, "version": 1, "text": "An insightful comment.",
                      "permittedOperations": {"editable": false, "deletable": true}}],
        "tasks": [],
        "permittedOperations": {"editable": true, "deletable": true}
    }))
    .unwrap();
    let ops = c.permitted_operations.expect("permittedOperations");
    assert_eq!((ops.editable, ops.deletable), (Some(true), Some(true)));
    let reply = c.comments[0].permitted_operations.as_ref().unwrap();
    assert_eq!(reply.editable, Some(false));
}

#[tokio::test]
async fn commit_pages_with_counts_keep_author_and_total_counts() {
    let (server, dc) = setup().await;
    let mut body = page(
        json!([{"id": "def0123abcdef4567abcdef8987abcdef6543abc", "displayId": "def0123abcd",
                "author": {"name": "charlie", "emailAddress": "charlie@example.com"},
                "authorTimestamp": 1469663809545u64, "message": "More work on feature 1"}]),
        0,
        None,
    );
    body["authorCount"] = json!(1);
    body["totalCount"] = json!(7);
    let commits: CommitPage = hit_ok(
        &server,
        Expect::new(
            GET,
            "/rest/api/latest/projects/PRJ/repos/web/pull-requests/42/commits",
        )
        .query("withCounts=true")
        .respond(body.clone()),
        dc.repo("PRJ", "web")
            .pull_request(42)
            .commits()
            .with_counts(true)
            .send(),
    )
    .await;
    assert_eq!(commits.author_count, Some(1));
    assert_eq!(commits.total_count, Some(7));
    assert_eq!(commits.values[0].display_id, "def0123abcd");
    assert_eq!(commits.is_last_page, Some(true));
    let repo_commits = hit_ok(
        &server,
        Expect::new(GET, "/rest/api/latest/projects/PRJ/repos/web/commits")
            .query("withCounts=true")
            .respond(body),
        dc.repo("PRJ", "web")
            .commits()
            .list()
            .with_counts(true)
            .send(),
    )
    .await;
    assert_eq!(repo_commits.total_count, Some(7));
    // Without counts they are absent.
    let plain: CommitPage =
        serde_json::from_value(page(json!([]), 0, None)).expect("page without counts");
    assert_eq!((plain.author_count, plain.total_count), (None, None));
    assert!(plain.values.is_empty());
}

#[tokio::test]
async fn send_value_hands_back_fields_no_model_knows() {
    let (server, dc) = setup().await;
    let mut body = pull_request_with_null_repo_name();
    body["someFutureField"] = json!({"nested": [1, 2, 3]});
    let value = hit_ok(
        &server,
        Expect::new(
            GET,
            "/rest/api/latest/projects/PRJ/repos/my-repo/pull-requests/101",
        )
        .respond(body),
        dc.repo("PRJ", "my-repo")
            .pull_request(101)
            .get()
            .send_value(),
    )
    .await;
    assert_eq!(value["someFutureField"]["nested"][2], json!(3));
    assert_eq!(value["fromRef"]["repository"]["name"], json!(null));

    // A paged listing: one page's JSON, `limit` and `start` still sent.
    let mut listing = page(
        json!([{"id": "refs/heads/main", "isDefault": true}]),
        5,
        Some(6),
    );
    listing["somePageExtra"] = json!("kept");
    let one_page = hit_ok(
        &server,
        Expect::new(GET, "/rest/api/latest/projects/PRJ/repos/web/branches")
            .query("start=5&limit=1")
            .respond(listing),
        dc.repo("PRJ", "web")
            .branches()
            .list()
            .start(5)
            .page_size(1)
            .send_value(),
    )
    .await;
    assert_eq!(one_page["somePageExtra"], json!("kept"));
    assert_eq!(one_page["nextPageStart"], json!(6));
    assert_eq!(one_page["values"][0]["isDefault"], json!(true));
}

#[tokio::test]
async fn send_value_maps_error_statuses_to_the_same_errors() {
    let (server, dc) = setup().await;
    let err = hit(
        &server,
        Expect::new(
            GET,
            "/rest/api/latest/projects/PRJ/repos/web/pull-requests/7",
        )
        .status(404)
        .respond(dc_error(
            "Pull request 7 does not exist in PRJ/web.",
            "com.atlassian.bitbucket.pull.NoSuchPullRequestException",
        )),
        dc.repo("PRJ", "web").pull_request(7).get().send_value(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(err, Error::NotFound { ref message, .. } if message == "Pull request 7 does not exist in PRJ/web."),
        "{err:?}"
    );
    let err = hit(
        &server,
        Expect::new(GET, "/rest/api/latest/projects/PRJ/repos/web/branches")
            .status(404)
            .respond(dc_error(
                "Repository PRJ/web does not exist.",
                "NoSuchRepositoryException",
            )),
        dc.repo("PRJ", "web").branches().list().send_value(),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
}
