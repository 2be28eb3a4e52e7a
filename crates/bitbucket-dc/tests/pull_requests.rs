//! Area 6: pull requests.

mod common;

use bitbucket_dc::pull_requests::{
    ActivityAction, CommentSeverity, CommentState, ParticipantRole, ParticipantStatus,
    PullRequestState,
};
use bitbucket_dc::{Error, futures::TryStreamExt};
use common::*;
use httpmock::prelude::*;
use serde_json::json;

const PR: &str = "/rest/api/latest/projects/PRJ/repos/web/pull-requests/42";

fn pr_json(id: i64, version: i64, state: &str) -> serde_json::Value {
    json!({"id": id, "version": version, "title": "T", "state": state, "open": state == "OPEN",
           "createdDate": 1_700_000_000_000_i64,
           "fromRef": {"id": "refs/heads/f", "displayId": "f", "latestCommit": "abc",
                       "repository": {"slug": "web", "name": "web", "project": {"key": "PRJ"}}},
           "toRef": {"id": "refs/heads/main", "displayId": "main"},
           "author": {"user": user_json("john.doe"), "role": "AUTHOR", "approved": false, "status": "UNAPPROVED"},
           "reviewers": [{"user": user_json("a@b.com"), "role": "REVIEWER", "approved": true, "status": "APPROVED"}],
           "links": {"self": [{"href": "https://h/pr/42"}]}})
}

fn comment_json(id: i64, severity: &str) -> serde_json::Value {
    json!({"id": id, "version": 1, "text": "t", "severity": severity, "state": "OPEN",
           "author": user_json("john.doe"), "createdDate": 1_700_000_000_000_i64})
}

#[tokio::test]
async fn list_create_get_update_delete() {
    let (server, dc) = setup().await;
    let web = dc.repo("PRJ", "web");
    let list = hit_stream(
        &server,
        Expect::new(GET, "/rest/api/latest/projects/PRJ/repos/web/pull-requests")
            .query("state=ALL&direction=OUTGOING&at=refs%2Fheads%2Ff&filterText=fix+bug&draft=false&start=0")
            .respond(page(json!([pr_json(42, 0, "OPEN"), pr_json(41, 3, "MERGED")]), 0, None)),
        web.pull_requests()
            .list()
            .state(PullRequestState::All)
            .direction("OUTGOING")
            .at("refs/heads/f")
            .filter_text("fix bug")
            .draft(false)
            .stream(),
    )
    .await;
    assert_eq!(list[1].state, Some(PullRequestState::Merged));
    assert_eq!(
        list[0].reviewers[0].status,
        Some(ParticipantStatus::Approved)
    );
    assert_eq!(list[0].author.as_ref().unwrap().user.slug, "john.doe");

    hit_ok(
        &server,
        Expect::new(POST, "/rest/api/latest/projects/PRJ/repos/web/pull-requests")
            .body(json!({
                "title": "Fix", "description": "d", "draft": true,
                "fromRef": {"id": "refs/heads/f", "repository": {"slug": "web-fork", "project": {"key": "~JDOE"}}},
                "toRef": {"id": "refs/heads/main", "repository": {"slug": "web", "project": {"key": "PRJ"}}},
                "reviewers": [{"user": {"name": "john.doe"}}, {"user": {"name": "a@b.com"}}]
            }))
            .status(201)
            .respond(pr_json(42, 0, "OPEN")),
        web.pull_requests()
            .create("Fix", "refs/heads/f", "refs/heads/main")
            .description("d")
            .draft(true)
            .from_repo("~JDOE", "web-fork")
            .reviewers(["john.doe", "a@b.com"])
            .send(),
    )
    .await;

    let got = hit_ok(
        &server,
        Expect::new(GET, PR).respond(pr_json(42, 2, "OPEN")),
        web.pull_request(42).get().send(),
    )
    .await;
    assert_eq!(got.version, 2);

    hit_ok(
        &server,
        Expect::new(PUT, PR)
            .body(
                json!({"version": 2, "title": "New", "reviewers": [{"user": {"name": "x y"}}],
                         "toRef": {"id": "refs/heads/develop"}}),
            )
            .respond(pr_json(42, 3, "OPEN")),
        web.pull_request(42)
            .update(2)
            .title("New")
            .reviewers(["x y"])
            .to_ref("refs/heads/develop")
            .send(),
    )
    .await;

    hit_ok(
        &server,
        Expect::no_content(DELETE, PR).body(json!({"version": 3})),
        web.pull_request(42).delete(3).send(),
    )
    .await;
}

#[tokio::test]
async fn decline_reopen_and_stale_version_conflict() {
    let (server, dc) = setup().await;
    let pr = dc.repo("PRJ", "web").pull_request(42);
    let declined = hit_ok(
        &server,
        Expect::new(POST, format!("{PR}/decline"))
            .query("version=3")
            .body(json!({"version": 3, "comment": "not needed"}))
            .respond(pr_json(42, 4, "DECLINED")),
        pr.decline(3).comment("not needed").send(),
    )
    .await;
    assert_eq!(declined.state, Some(PullRequestState::Declined));

    hit_ok(
        &server,
        Expect::new(POST, format!("{PR}/reopen"))
            .query("version=4")
            .body(json!({"version": 4}))
            .respond(pr_json(42, 5, "OPEN")),
        pr.reopen(4).send(),
    )
    .await;

    answer_error(
        &server,
        POST,
        "/rest/api/latest/projects/PRJ/repos/web/pull-requests/42/reopen",
        409,
        "You are attempting to modify a pull request based on out-of-date information.",
        "com.atlassian.bitbucket.pull.PullRequestOutOfDateException",
    )
    .await;
    let err = pr.reopen(1).send().await.unwrap_err();
    match &err {
        Error::Api {
            status, message, ..
        } => {
            assert_eq!(status.as_u16(), 409);
            assert!(message.contains("out-of-date"), "{message}");
        }
        other => panic!("expected a 409 Api error, got {other:?}"),
    }
}

#[tokio::test]
async fn merge_when_checks_pass() {
    let (server, dc) = setup().await;
    let pr = dc.repo("PRJ", "web").pull_request(42);
    let vetoed = hit_ok(
        &server,
        Expect::new(GET, format!("{PR}/merge")).respond(
            json!({"canMerge": false, "conflicted": false, "outcome": "CLEAN",
                            "vetoes": [{"summaryMessage": "Not enough approvals",
                                        "detailedMessage": "Needs 2"}]}),
        ),
        pr.merge_status().send(),
    )
    .await;
    assert!(!vetoed.passes());
    assert_eq!(
        vetoed.vetoes[0].summary_message.as_deref(),
        Some("Not enough approvals")
    );

    let ok = hit_ok(
        &server,
        Expect::new(GET, format!("{PR}/merge")).respond(
            json!({"canMerge": true, "conflicted": false, "outcome": "CLEAN", "vetoes": []}),
        ),
        pr.merge_status().send(),
    )
    .await;
    assert!(ok.passes());

    let merged = hit_ok(
        &server,
        Expect::new(POST, format!("{PR}/merge"))
            .query("version=7")
            .body(json!({"version": 7, "message": "Release", "strategyId": "squash"}))
            .respond(pr_json(42, 8, "MERGED")),
        pr.merge(7).message("Release").strategy_id("squash").send(),
    )
    .await;
    assert_eq!(merged.state, Some(PullRequestState::Merged));

    // A merge check failing at merge time is a 409 with the veto in the message.
    server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/rest/api/latest/projects/PRJ/repos/web/pull-requests/42/merge");
            then.status(409).json_body(json!({"errors": [{
                "context": null, "exceptionName": "com.atlassian.bitbucket.pull.PullRequestMergeVetoedException",
                "message": "Merging the pull request has been vetoed.",
                "vetoes": [{"summaryMessage": "Builds failing", "detailedMessage": "ci-main failed"}]}]}));
        })
        .await;
    let err = pr.merge(8).send().await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(409));
    assert_eq!(
        err.message(),
        Some("Merging the pull request has been vetoed.")
    );

    hit_ok(
        &server,
        Expect::new(POST, format!("{PR}/auto-merge")).respond(
            json!({"autoMergeProcessingStatus": "VETOED", "pullRequest": pr_json(42, 8, "OPEN")}),
        ),
        pr.request_auto_merge().send(),
    )
    .await;
    let none = hit_ok(
        &server,
        Expect::no_content(GET, format!("{PR}/auto-merge")),
        pr.auto_merge().send(),
    )
    .await;
    assert!(none.is_none());
}

#[tokio::test]
async fn approvals_and_participants() {
    let (server, dc) = setup().await;
    let pr = dc.repo("PRJ", "web").pull_request(42);
    let p = json!({"user": user_json("john.doe"), "role": "REVIEWER", "approved": true, "status": "APPROVED"});
    hit_ok(
        &server,
        Expect::new(POST, format!("{PR}/approve")).respond(p.clone()),
        pr.approve().send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::new(DELETE, format!("{PR}/approve")).respond(p.clone()),
        pr.unapprove().send(),
    )
    .await;
    let added = hit_ok(
        &server,
        Expect::new(POST, format!("{PR}/participants"))
            .body(json!({"user": {"name": "a@b.com"}, "role": "REVIEWER"}))
            .respond(p.clone()),
        pr.participants()
            .add("a@b.com", ParticipantRole::Reviewer)
            .send(),
    )
    .await;
    assert_eq!(added.role, Some(ParticipantRole::Reviewer));
    hit_ok(
        &server,
        Expect::new(PUT, format!("{PR}/participants/john.doe"))
            .query("version=3")
            .body(json!({"status": "NEEDS_WORK", "lastReviewedCommit": "abc"}))
            .respond(p.clone()),
        pr.participants()
            .set_status("john.doe", ParticipantStatus::NeedsWork)
            .last_reviewed_commit("abc")
            .version(3)
            .send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(DELETE, format!("{PR}/participants/x%20y")),
        pr.participants().remove_by_slug("x y").send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(DELETE, format!("{PR}/participants")).query("username=a%40b.com"),
        pr.participants().remove("a@b.com").send(),
    )
    .await;
    hit_stream(
        &server,
        Expect::new(GET, format!("{PR}/participants"))
            .query("start=0")
            .respond(page(json!([p]), 0, None)),
        pr.participants().list().stream(),
    )
    .await;
    hit_stream(
        &server,
        Expect::new(GET, "/rest/api/latest/projects/PRJ/repos/web/participants")
            .query("filter=jo&role=AUTHOR&start=0")
            .respond(page(json!([user_json("john.doe")]), 0, None)),
        dc.repo("PRJ", "web")
            .pull_requests()
            .participants()
            .filter("jo")
            .role(ParticipantRole::Author)
            .stream(),
    )
    .await;
}

#[tokio::test]
async fn comments_and_tasks() {
    let (server, dc) = setup().await;
    let pr = dc.repo("PRJ", "web").pull_request(42);
    let c = hit_ok(
        &server,
        Expect::new(POST, format!("{PR}/comments"))
            .body(json!({"text": "nit", "parent": {"id": 7},
                         "anchor": {"path": "src/a b.rs", "line": 3, "lineType": "ADDED", "fileType": "TO"}}))
            .status(201)
            .respond(comment_json(8, "NORMAL")),
        pr.comments().create("nit").reply_to(7).on_line("src/a b.rs", 3).send(),
    )
    .await;
    assert_eq!(c.severity, Some(CommentSeverity::Normal));

    hit_stream(
        &server,
        Expect::new(GET, format!("{PR}/comments"))
            .query("path=src%2Fa+b.rs&state=OPEN&start=0")
            .respond(page(json!([comment_json(8, "NORMAL")]), 0, None)),
        pr.comments()
            .list("src/a b.rs")
            .state(CommentState::Open)
            .stream(),
    )
    .await;

    hit_ok(
        &server,
        Expect::new(PUT, format!("{PR}/comments/8"))
            .body(json!({"version": 1, "text": "nit: fixed", "state": "RESOLVED"}))
            .respond(comment_json(8, "NORMAL")),
        pr.comments()
            .update(8, 1)
            .text("nit: fixed")
            .state(CommentState::Resolved)
            .send(),
    )
    .await;

    hit_ok(
        &server,
        Expect::no_content(DELETE, format!("{PR}/comments/8")).query("version=2"),
        pr.comments().delete(8, 2).send(),
    )
    .await;

    // Tasks are blocker comments.
    let task = hit_ok(
        &server,
        Expect::new(POST, format!("{PR}/blocker-comments"))
            .body(json!({"text": "update changelog", "severity": "BLOCKER"}))
            .status(201)
            .respond(comment_json(9, "BLOCKER")),
        pr.tasks().create("update changelog").send(),
    )
    .await;
    assert_eq!(task.severity, Some(CommentSeverity::Blocker));
    hit_stream(
        &server,
        Expect::new(GET, format!("{PR}/blocker-comments"))
            .query("state=OPEN&start=0")
            .respond(page(json!([comment_json(9, "BLOCKER")]), 0, None)),
        pr.tasks().list_all().state(CommentState::Open).stream(),
    )
    .await;
    hit_ok(
        &server,
        Expect::new(GET, format!("{PR}/blocker-comments/9")).respond(comment_json(9, "BLOCKER")),
        pr.tasks().get(9).send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(POST, format!("{PR}/comments/8/apply-suggestion")).body(
            json!({"commentVersion": 1, "pullRequestVersion": 4, "suggestionIndex": 0,
                     "commitMessage": "Apply"}),
        ),
        pr.comments()
            .apply_suggestion(8, 1, 4, 0)
            .commit_message("Apply")
            .send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::new(
            PUT,
            "/rest/comment-likes/latest/projects/PRJ/repos/web/pull-requests/42/comments/8/reactions/thumbsup",
        )
        .respond(json!({"user": user_json("john.doe"), "emoticon": {"shortcut": "thumbsup"}})),
        pr.react(8, "thumbsup").send(),
    )
    .await;
}

#[tokio::test]
async fn activities_changes_commits_and_diffs() {
    let (server, dc) = setup().await;
    let pr = dc.repo("PRJ", "web").pull_request(42);
    let acts = hit_stream(
        &server,
        Expect::new(GET, format!("{PR}/activities"))
            .query("start=0")
            .respond(page(
                json!([{"id": 1, "action": "COMMENTED", "commentAction": "ADDED",
                        "comment": comment_json(8, "NORMAL"), "user": user_json("john.doe"),
                        "createdDate": 1_700_000_000_000_i64},
                       {"id": 2, "action": "TELEPORTED"}]),
                0,
                None,
            )),
        pr.activities().stream(),
    )
    .await;
    assert_eq!(acts[0].action, Some(ActivityAction::Commented));
    assert_eq!(
        acts[1].action,
        Some(ActivityAction::Unknown("TELEPORTED".into()))
    );

    hit_stream(
        &server,
        Expect::new(GET, format!("{PR}/changes"))
            .query("changeScope=UNREVIEWED&start=0")
            .respond(page(
                json!([{"path": {"components": ["a.rs"]}, "type": "ADD"}]),
                0,
                None,
            )),
        pr.changes().change_scope("UNREVIEWED").stream(),
    )
    .await;
    hit_stream(
        &server,
        Expect::new(GET, format!("{PR}/commits"))
            .query("withCounts=true&start=0")
            .respond(page(json!([{"id": "abc", "displayId": "abc"}]), 0, None)),
        pr.commits().with_counts(true).stream(),
    )
    .await;
    hit_ok(
        &server,
        Expect::new(GET, format!("{PR}/diff/src/dir%20x/a.rs"))
            .query("contextLines=2&withComments=false")
            .respond(json!({"diffs": [{"hunks": []}]})),
        pr.diff("src/dir x/a.rs")
            .context_lines(2)
            .with_comments(false)
            .send(),
    )
    .await;
    let m = server
        .mock_async(|when, then| {
            when.method(GET).is_true(exact(
                "/rest/api/latest/projects/PRJ/repos/web/pull-requests/42.diff",
                Some("contextLines=5"),
            ));
            then.status(200).body("diff --git a/x b/x\n");
        })
        .await;
    let mut s = pr.raw_diff().context_lines(5).stream_bytes().await.unwrap();
    let first = s.try_next().await.unwrap().unwrap();
    assert!(first.starts_with(b"diff --git"));
    m.assert_async().await;
}

#[tokio::test]
async fn dashboard_inbox_review_watch_and_rebase() {
    let (server, dc) = setup().await;
    hit_stream(
        &server,
        Expect::new(GET, "/rest/api/latest/dashboard/pull-requests")
            .query("state=OPEN&role=REVIEWER&participantStatus=UNAPPROVED&start=0")
            .respond(page(json!([pr_json(1, 0, "OPEN")]), 0, None)),
        dc.my_pull_requests()
            .dashboard()
            .state(PullRequestState::Open)
            .role(ParticipantRole::Reviewer)
            .participant_status("UNAPPROVED")
            .stream(),
    )
    .await;
    let count = hit_ok(
        &server,
        Expect::new(GET, "/rest/api/latest/inbox/pull-requests/count").respond(json!({"count": 3})),
        dc.my_pull_requests().inbox_count().send(),
    )
    .await;
    assert_eq!(count["count"], 3);
    hit_stream(
        &server,
        Expect::new(
            GET,
            "/rest/api/latest/projects/PRJ/repos/web/commits/abc/pull-requests",
        )
        .query("start=0")
        .respond(page(json!([pr_json(1, 0, "MERGED")]), 0, None)),
        dc.repo("PRJ", "web")
            .commits()
            .pull_requests("abc")
            .stream(),
    )
    .await;
    let pr = dc.repo("PRJ", "web").pull_request(42);
    hit_ok(
        &server,
        Expect::new(PUT, format!("{PR}/review"))
            .query("version=4")
            .body(json!({"commentText": "LGTM", "participantStatus": "APPROVED"}))
            .respond(json!({})),
        pr.finish_review()
            .comment_text("LGTM")
            .participant_status(ParticipantStatus::Approved)
            .version(4)
            .send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(POST, format!("{PR}/watch")),
        pr.watch().send(),
    )
    .await;
    let check = hit_ok(
        &server,
        Expect::new(
            GET,
            "/rest/git/latest/projects/PRJ/repos/web/pull-requests/42/rebase",
        )
        .respond(json!({"canRebase": false, "canWrite": true,
                            "vetoes": [{"summaryMessage": "Conflicts"}]})),
        pr.rebase_status().send(),
    )
    .await;
    assert_eq!(check.can_rebase, Some(false));
    hit_ok(
        &server,
        Expect::new(
            POST,
            "/rest/git/latest/projects/PRJ/repos/web/pull-requests/42/rebase",
        )
        .body(json!({"version": 4}))
        .respond(json!({"refChange": {"fromHash": "a", "toHash": "b"}})),
        pr.rebase(4).send(),
    )
    .await;
}
