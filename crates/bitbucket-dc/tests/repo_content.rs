//! Repository commits, changes, comparisons, diffs, and streamed and browsed content.

mod common;

use bitbucket_dc::chrono::Datelike as _;
use bitbucket_dc::commits::ChangeType;
use bitbucket_dc::{Error, futures::TryStreamExt};
use common::*;
use httpmock::prelude::*;
use serde_json::json;

fn commit(id: &str) -> serde_json::Value {
    json!({"id": id, "displayId": &id[..4], "message": "m", "authorTimestamp": 1_700_000_000_000_i64,
           "author": {"name": "jdoe", "emailAddress": "j@example.com"}, "parents": [{"id": "p0"}]})
}

#[tokio::test]
async fn commits_stream_through_three_pages() {
    let (server, dc) = setup().await;
    let p = "/rest/api/latest/projects/PRJ/repos/web/commits";
    let mut mocks = Vec::new();
    for (start, next, ids) in [
        (0, Some(2), vec!["c000", "c001"]),
        (2, Some(4), vec!["c002", "c003"]),
        (4, None, vec!["c004"]),
    ] {
        let q: &'static str =
            Box::leak(format!("until=main&start={start}&limit=2").into_boxed_str());
        let values: Vec<_> = ids.iter().map(|i| commit(i)).collect();
        mocks.push(
            server
                .mock_async(move |when, then| {
                    when.method(GET).is_true(exact(p, Some(q)));
                    then.status(200).json_body(page(json!(values), start, next));
                })
                .await,
        );
    }
    let commits: Vec<_> = dc
        .repo("PRJ", "web")
        .commits()
        .list()
        .until("main")
        .page_size(2)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<_> = commits.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["c000", "c001", "c002", "c003", "c004"]);
    assert_eq!(commits[0].author_timestamp.map(|t| t.year()), Some(2023));
    for m in mocks {
        m.assert_async().await;
    }
}

#[tokio::test]
async fn commit_details_changes_compare_and_diffs() {
    let (server, dc) = setup().await;
    let web = dc.repo("PRJ", "web");
    hit_ok(
        &server,
        Expect::new(GET, "/rest/api/latest/projects/PRJ/repos/web/commits/abc")
            .query("path=src%2Fa+b.rs")
            .respond(commit("abcdef")),
        web.commits().get("abc").path("src/a b.rs").send(),
    )
    .await;

    let changes = hit_stream(
        &server,
        Expect::new(
            GET,
            "/rest/api/latest/projects/PRJ/repos/web/commits/abc/changes",
        )
        .query("withComments=false&start=0")
        .respond(page(
            json!([{"path": {"components": ["src", "a.rs"], "toString": "src/a.rs"},
                        "type": "MOVE", "srcPath": {"components": ["a.rs"]}, "nodeType": "FILE"}]),
            0,
            None,
        )),
        web.commits().changes("abc").with_comments(false).stream(),
    )
    .await;
    assert_eq!(changes[0].change_type, Some(ChangeType::Move));
    assert_eq!(changes[0].path.to_string(), "src/a.rs");

    // File paths keep their `/`; spaces and other reserved characters are encoded.
    let diff = hit_ok(
        &server,
        Expect::new(
            GET,
            "/rest/api/latest/projects/PRJ/repos/web/commits/abc/diff/src/my%20dir/a%23b.rs",
        )
        .query("contextLines=3&whitespace=ignore-all")
        .respond(json!({"fromHash": "p", "toHash": "abc", "diffs": [
            {"destination": {"components": ["src", "my dir", "a#b.rs"]},
             "hunks": [{"sourceLine": 1, "segments": [{"type": "REMOVED", "lines": [{"source": 1, "line": "x"}]}]}]}
        ]})),
        web.commits()
            .diff("abc", "src/my dir/a#b.rs")
            .context_lines(3)
            .whitespace("ignore-all")
            .send(),
    )
    .await;
    assert_eq!(diff.diffs[0].hunks[0].source_line, Some(1));

    let base = hit_ok(
        &server,
        Expect::no_content(
            GET,
            "/rest/api/latest/projects/PRJ/repos/web/commits/abc/merge-base",
        )
        .query("otherCommitId=def"),
        web.commits().merge_base("abc", "def").send(),
    )
    .await;
    assert!(base.is_none());

    hit_stream(
        &server,
        Expect::new(
            GET,
            "/rest/api/latest/projects/PRJ/repos/web/compare/commits",
        )
        .query("from=feature%2Fx&to=main&fromRepo=FORK%2Fweb&start=0")
        .respond(page(json!([commit("1234")]), 0, None)),
        web.compare("feature/x", "main")
            .commits()
            .from_repo("FORK/web")
            .stream(),
    )
    .await;

    hit_ok(
        &server,
        Expect::new(
            GET,
            "/rest/api/latest/projects/PRJ/repos/web/compare/diff/docs/read%20me.md",
        )
        .query("from=a&to=b")
        .respond(json!({"binary": false, "hunks": []})),
        web.compare("a", "b").diff("docs/read me.md").send(),
    )
    .await;

    hit_stream(
        &server,
        Expect::new(GET, "/rest/api/latest/projects/PRJ/repos/web/changes")
            .query("since=a&until=b&start=0")
            .respond(page(json!([]), 0, None)),
        web.changes().since("a").until("b").stream(),
    )
    .await;
}

#[tokio::test]
async fn raw_content_is_streamed_with_encoded_path() {
    let (server, dc) = setup().await;
    let body = "line one\nline two\n".repeat(1000);
    let expected = body.clone();
    let m = server
        .mock_async(move |when, then| {
            when.method(GET)
                .is_true(exact(
                    "/rest/api/latest/projects/PRJ/repos/web/raw/docs/read%20me%20now/notes%3F.md",
                    Some("at=refs%2Fheads%2Fmain"),
                ))
                .header("accept", "*/*");
            then.status(200)
                .header("content-type", "text/plain")
                .body(body);
        })
        .await;
    let mut stream = dc
        .repo("PRJ", "web")
        .raw("/docs/read me now/notes?.md")
        .at("refs/heads/main")
        .stream_bytes()
        .await
        .unwrap();
    let mut got = Vec::new();
    let mut chunks = 0;
    while let Some(chunk) = stream.try_next().await.unwrap() {
        chunks += 1;
        got.extend_from_slice(&chunk);
    }
    assert!(chunks >= 1);
    assert_eq!(String::from_utf8(got).unwrap(), expected);
    m.assert_async().await;
}

#[tokio::test]
async fn archive_raw_diff_and_patch_are_responses() {
    let (server, dc) = setup().await;
    let web = dc.repo("PRJ", "web");
    let m = answer_bytes(
        &server,
        "/rest/api/latest/projects/PRJ/repos/web/archive",
        Some("at=v1&format=tar.gz&prefix=web%2F&path=src&path=docs"),
        "application/x-tar",
        vec![0x1f_u8, 0x8b, 0, 1, 2, 3],
    )
    .await;
    let resp = web
        .archive()
        .at("v1")
        .format("tar.gz")
        .prefix("web/")
        .path("src")
        .path("docs")
        .send()
        .await
        .unwrap();
    assert_eq!(
        resp.bytes().await.unwrap().as_ref(),
        &[0x1f, 0x8b, 0, 1, 2, 3]
    );
    m.assert_async().await;

    let m = server
        .mock_async(|when, then| {
            when.method(GET)
                .is_true(exact(
                    "/rest/api/latest/projects/PRJ/repos/web/diff/src/a.rs",
                    Some("since=a&until=b&contextLines=1"),
                ))
                .header("accept", "text/plain");
            then.status(200).body("diff --git a/src/a.rs b/src/a.rs\n");
        })
        .await;
    let text = web
        .raw_diff("src/a.rs")
        .since("a")
        .until("b")
        .context_lines(1)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.starts_with("diff --git"));
    m.assert_async().await;

    let m = server
        .mock_async(|when, then| {
            when.method(GET).is_true(exact(
                "/rest/api/latest/projects/PRJ/repos/web/diff",
                Some("until=b"),
            ));
            then.status(200).body("");
        })
        .await;
    web.raw_diff("").until("b").send().await.unwrap();
    m.assert_async().await;

    let m = server
        .mock_async(|when, then| {
            when.method(GET).is_true(exact(
                "/rest/api/latest/projects/PRJ/repos/web/patch",
                Some("since=a&until=b&allAncestors=false"),
            ));
            then.status(200).body("From abc Mon Sep 17 00:00:00 2001\n");
        })
        .await;
    web.patch()
        .since("a")
        .until("b")
        .all_ancestors(false)
        .send()
        .await
        .unwrap();
    m.assert_async().await;

    // A failing download surfaces as the core's error, not as a body.
    answer_error(
        &server,
        GET,
        "/rest/api/latest/projects/PRJ/repos/web/raw/gone.txt",
        404,
        "The path \"gone.txt\" does not exist at revision \"main\"",
        "x",
    )
    .await;
    let err = web.raw("gone.txt").stream_bytes().await.err().unwrap();
    assert!(
        matches!(err, Error::NotFound { ref message, .. } if message.contains("gone.txt")),
        "{err:?}"
    );
}

#[tokio::test]
async fn browse_files_and_edit() {
    let (server, dc) = setup().await;
    let web = dc.repo("PRJ", "web");
    let listing = hit_ok(
        &server,
        Expect::new(GET, "/rest/api/latest/projects/PRJ/repos/web/browse/src/sub%20dir")
            .query("at=main")
            .respond(json!({"path": {"components": ["src", "sub dir"]}, "revision": "main",
                "children": {"size": 1, "start": 0, "isLastPage": true, "values": [
                    {"path": {"components": ["a.rs"], "name": "a.rs"}, "type": "FILE", "size": 12}]}})),
        web.browse("src/sub dir").at("main").send(),
    )
    .await;
    assert_eq!(listing.children.unwrap().values[0].size, Some(12));

    hit_ok(
        &server,
        Expect::new(GET, "/rest/api/latest/projects/PRJ/repos/web/browse")
            .respond(json!({"lines": [{"text": "x"}], "start": 0, "isLastPage": true})),
        web.browse("").send(),
    )
    .await;

    let files = hit_stream(
        &server,
        Expect::new(GET, "/rest/api/latest/projects/PRJ/repos/web/files/src")
            .query("at=main&start=0")
            .respond(page(json!(["src/a.rs", "src/b c.rs"]), 0, None)),
        web.files("src").at("main").stream(),
    )
    .await;
    assert_eq!(files, ["src/a.rs", "src/b c.rs"]);

    let m = server
        .mock_async(|when, then| {
            when.method(PUT)
                .is_true(exact(
                    "/rest/api/latest/projects/PRJ/repos/web/browse/docs/new%20file.md",
                    None,
                ))
                .header_exists("content-type")
                .body_includes("name=\"content\"")
                .body_includes("# Hello")
                .body_includes("name=\"message\"")
                .body_includes("Add docs")
                .body_includes("name=\"branch\"")
                .body_includes("name=\"sourceCommitId\"");
            then.status(200).json_body(commit("newc"));
        })
        .await;
    let c = web
        .edit_file("docs/new file.md", "# Hello\n", "Add docs")
        .branch("main")
        .source_commit_id("abc")
        .send()
        .await
        .unwrap();
    assert_eq!(c.id, "newc");
    m.assert_async().await;
    let req = web.edit_file("x.md", "y", "z").build_request().unwrap();
    let ct = req.headers()["content-type"].to_str().unwrap();
    assert!(ct.starts_with("multipart/form-data; boundary="), "{ct}");
}
