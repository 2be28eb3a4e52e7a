//! Hand-written calls beyond the spec: streamed downloads through redirects, multipart
//! uploads, the asynchronous merge.

mod common;

use std::time::Duration;

use bitbucket_cloud::core::task::TaskFault;
use bitbucket_cloud::extra::UploadFile;
use bitbucket_cloud::prelude::*;
use bitbucket_cloud::types::{PullrequestMergeParameters, PullrequestMergeParametersMergeStrategy};
use bitbucket_cloud::{Client, Error, RetryPolicy};
use common::{answer_json, client};
use futures::TryStreamExt;
use httpmock::prelude::*;
use serde_json::json;

#[tokio::test]
async fn download_follows_the_redirect_and_streams_the_body() {
    let server = MockServer::start_async().await;
    let target = server.url("/storage/blob-123");
    let redirect = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/2.0/repositories/acme/web/downloads/build%20v1.zip")
                .header("authorization", "Bearer tok");
            then.status(302).header("location", target.as_str());
        })
        .await;
    let blob = server
        .mock_async(|when, then| {
            when.method(GET).path("/storage/blob-123");
            then.status(200).body(vec![7u8; 100_000]);
        })
        .await;
    let stream = client(&server)
        .get_download()
        .workspace("acme")
        .repo_slug("web")
        .filename("build v1.zip")
        .stream_bytes()
        .await
        .unwrap();
    let chunks: Vec<_> = stream.try_collect().await.unwrap();
    let total: usize = chunks.iter().map(|c| c.len()).sum();
    assert_eq!(total, 100_000);
    assert!(chunks.iter().all(|c| c.iter().all(|b| *b == 7)));
    redirect.assert_calls_async(1).await;
    blob.assert_calls_async(1).await;
}

#[tokio::test]
async fn download_of_a_missing_file_is_not_found() {
    let server = MockServer::start_async().await;
    answer_json(
        &server,
        GET,
        "/2.0/repositories/acme/web/downloads/nope",
        404,
        json!({"type": "error", "error": {"message": "No such file"}}),
    )
    .await;
    let cloud = client(&server);
    let download = cloud
        .get_download()
        .workspace("acme")
        .repo_slug("web")
        .filename("nope");
    let err = match download.stream_bytes().await {
        Err(e) => e,
        Ok(_) => panic!("expected an error"),
    };
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
}

#[tokio::test]
async fn upload_download_sends_multipart_files() {
    let server = MockServer::start_async().await;
    let upload = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/2.0/repositories/acme/web/downloads")
                .header("authorization", "Bearer tok")
                .header_includes("content-type", "multipart/form-data")
                .body_includes("name=\"files\"; filename=\"notes.txt\"\r\nContent-Type: application/octet-stream")
                .body_includes("hello artifact");
            then.status(201);
        })
        .await;
    client(&server)
        .upload_download_files()
        .workspace("acme")
        .repo_slug("web")
        .file(UploadFile::new("notes.txt", "hello artifact"))
        .await
        .unwrap();
    upload.assert_calls_async(1).await;
}

#[tokio::test]
async fn issue_attachments_upload_sends_typed_file_parts() {
    let server = MockServer::start_async().await;
    let upload = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/2.0/repositories/acme/web/issues/7/attachments")
                .header("authorization", "Bearer tok")
                .header_includes("content-type", "multipart/form-data")
                .body_includes("name=\"files\"; filename=\"log.txt\"\r\nContent-Type: text/plain")
                .body_includes("name=\"files\"; filename=\"dump.bin\"\r\nContent-Type: application/octet-stream")
                .body_includes("boom");
            then.status(201);
        })
        .await;
    client(&server)
        .upload_issue_attachment_files()
        .workspace("acme")
        .repo_slug("web")
        .issue_id("7")
        .file(UploadFile::new("log.txt", "boom").content_type("text/plain"))
        .file(UploadFile::new("dump.bin", &b"\x00\x01"[..]))
        .send()
        .await
        .unwrap();
    upload.assert_calls_async(1).await;
}

#[tokio::test]
async fn invalid_part_content_type_or_quoted_path_is_an_input_error_before_sending() {
    let server = MockServer::start_async().await;
    let any = server
        .mock_async(|_, then| {
            then.status(201);
        })
        .await;
    let err = client(&server)
        .upload_download_files()
        .workspace("acme")
        .repo_slug("web")
        .file(UploadFile::new("a.txt", "x").content_type("not a media type"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    let err = client(&server)
        .commit_files()
        .workspace("acme")
        .repo_slug("web")
        .message("m")
        .file("bad\"name.txt", "x")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    any.assert_calls_async(0).await;
}

#[tokio::test]
async fn commit_files_posts_fields_and_files_and_returns_location() {
    let server = MockServer::start_async().await;
    let commit = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/2.0/repositories/acme/web/src")
                .body_includes("name=\"message\"")
                .body_includes("add readme")
                .body_includes("name=\"branch\"")
                .body_includes("name=\"docs/README.md\"; filename=\"README.md\"\r\nContent-Type: application/octet-stream")
                .body_includes("# Hello")
                .body_includes("old.txt");
            then.status(201).header(
                "location",
                "https://api.bitbucket.org/2.0/repositories/acme/web/commit/abc123",
            );
        })
        .await;
    let location = client(&server)
        .commit_files()
        .workspace("acme")
        .repo_slug("web")
        .message("add readme")
        .branch("main")
        .file("docs/README.md", "# Hello")
        .delete("old.txt")
        .await
        .unwrap();
    assert_eq!(
        location.as_deref(),
        Some("https://api.bitbucket.org/2.0/repositories/acme/web/commit/abc123")
    );
    commit.assert_calls_async(1).await;
}

fn merge_params() -> PullrequestMergeParameters {
    PullrequestMergeParameters {
        close_source_branch: Some(true),
        merge_strategy: PullrequestMergeParametersMergeStrategy::Squash,
        message: None,
        type_: None,
    }
}

#[tokio::test]
async fn async_merge_polls_the_task_until_success() {
    let server = MockServer::start_async().await;
    let task_path = "/2.0/repositories/acme/web/pullrequests/7/merge/task-status/t1";
    let merge = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/2.0/repositories/acme/web/pullrequests/7/merge")
                .query_param("async", "true")
                .json_body_includes(r#"{"merge_strategy":"squash"}"#);
            then.status(202).header("location", server.url(task_path));
        })
        .await;
    // The task answers PENDING until the test swaps the mock for a SUCCESS answer.
    let pending = answer_json(
        &server,
        GET,
        task_path,
        200,
        json!({"task_status": "PENDING"}),
    )
    .await;
    let cloud = client(&server);
    let params = merge_params();
    let handle = tokio::spawn(async move {
        cloud
            .merge_pull_request_and_wait()
            .workspace("acme")
            .repo_slug("web")
            .pull_request_id(7)
            .parameters(params)
            .poll_interval(Duration::from_millis(1))
            .max_polls(50)
            .await
    });
    // Let at least one pending poll happen, then switch the task to success.
    while pending.calls_async().await < 1 {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    pending.delete_async().await;
    answer_json(
        &server,
        GET,
        task_path,
        200,
        json!({
            "task_status": "SUCCESS",
            "merge_result": {"id": 7, "state": "MERGED", "title": "Feature"}
        }),
    )
    .await;
    let pr = handle.await.unwrap().unwrap();
    assert_eq!(pr.id, Some(7));
    assert_eq!(pr.title.as_deref(), Some("Feature"));
    merge.assert_calls_async(1).await;
}

#[tokio::test]
async fn synchronous_merge_returns_the_pull_request() {
    let server = MockServer::start_async().await;
    answer_json(
        &server,
        POST,
        "/2.0/repositories/acme/web/pullrequests/8/merge",
        200,
        json!({"id": 8, "state": "MERGED"}),
    )
    .await;
    let pr = client(&server)
        .merge_pull_request_and_wait()
        .workspace("acme")
        .repo_slug("web")
        .pull_request_id(8)
        .parameters(merge_params())
        .await
        .unwrap();
    assert_eq!(pr.id, Some(8));
}

#[tokio::test]
async fn merge_task_on_a_foreign_origin_is_refused() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/2.0/repositories/acme/web/pullrequests/9/merge");
            then.status(202)
                .header("location", "https://evil.example/task");
        })
        .await;
    let err = client(&server)
        .merge_pull_request_and_wait()
        .workspace("acme")
        .repo_slug("web")
        .pull_request_id(9)
        .parameters(merge_params())
        .await
        .unwrap_err();
    assert!(
        matches!(
            &err,
            Error::Task { fault: TaskFault::Unfollowable(m), .. } if m.contains("origin")
        ),
        "{err:?}"
    );
}

fn merge_answering(server: &MockServer, id: u32, status: &'static str) {
    let task_path = format!("/2.0/repositories/acme/web/pullrequests/{id}/merge/task-status/t");
    server.mock(|when, then| {
        when.method(POST).path(format!(
            "/2.0/repositories/acme/web/pullrequests/{id}/merge"
        ));
        then.status(202).header("location", server.url(&task_path));
    });
    server.mock(|when, then| {
        when.method(GET).path(task_path.clone());
        then.status(200).json_body(json!({ "task_status": status }));
    });
}

fn recording_client(
    server: &MockServer,
    sleeper: &bitbucket_cloud::core::retry::RecordingSleeper,
) -> Client {
    let sleeper = std::sync::Arc::new(sleeper.clone());
    Client::builder()
        .base_url(server.url("/2.0"))
        .retry_policy(RetryPolicy::disabled())
        .configure(|core| core.sleeper(sleeper))
        .build()
        .unwrap()
}

#[tokio::test]
async fn merge_that_ends_failed_is_a_task_error_not_invalid_input() {
    let server = MockServer::start_async().await;
    merge_answering(&server, 10, "FAILED");
    let err = client(&server)
        .merge_pull_request_and_wait()
        .workspace("acme")
        .repo_slug("web")
        .pull_request_id(10)
        .poll_interval(Duration::from_millis(1))
        .await
        .unwrap_err();
    assert!(
        matches!(
            &err,
            Error::Task { task, fault: TaskFault::Failed { status } }
                if task == "pull request merge" && status == "FAILED"
        ),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "pull request merge: ended with status FAILED"
    );
}

#[tokio::test]
async fn merge_polls_on_the_clients_sleeper_and_gives_up_after_max_polls() {
    let server = MockServer::start_async().await;
    merge_answering(&server, 11, "PENDING");
    let sleeper = bitbucket_cloud::core::retry::RecordingSleeper::new();
    let err = recording_client(&server, &sleeper)
        .merge_pull_request_and_wait()
        .workspace("acme")
        .repo_slug("web")
        .pull_request_id(11)
        .poll_interval(Duration::from_secs(30))
        .max_polls(3)
        .await
        .unwrap_err();
    assert!(
        matches!(
            &err,
            Error::Task {
                fault: TaskFault::StillPending { polls: 3 },
                ..
            }
        ),
        "{err:?}"
    );
    // Three polls of 30 s each, recorded instead of waited.
    assert_eq!(sleeper.waits(), vec![Duration::from_secs(30); 3]);
}

#[tokio::test]
async fn missing_path_parameters_are_input_errors_before_sending() {
    let server = MockServer::start_async().await;
    let any = server
        .mock_async(|_, then| {
            then.status(200);
        })
        .await;
    let cloud = client(&server);
    let err = cloud
        .merge_pull_request_and_wait()
        .workspace("acme")
        .repo_slug("web")
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { message } if message.contains("`pull_request_id` is not set")),
        "{err:?}"
    );
    let err = cloud
        .commit_files()
        .workspace("acme")
        .message("m")
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { message } if message.contains("`repo_slug` is not set")),
        "{err:?}"
    );
    any.assert_calls_async(0).await;
}

#[tokio::test]
async fn file_contents_keep_their_slashes_and_stream() {
    let server = MockServer::start_async().await;
    let file = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/2.0/repositories/acme/web/src/main/docs/read%20me.md");
            then.status(200).body("# Read me\n");
        })
        .await;
    let cloud = client(&server);
    let builder = cloud
        .get_file_contents()
        .workspace("acme")
        .repo_slug("web")
        .commit("main")
        .path("docs/read me.md");
    let req = builder.build_request().unwrap();
    assert!(req.headers().get("authorization").is_none());
    let body: Vec<_> = builder
        .stream_bytes()
        .await
        .unwrap()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(body.concat(), b"# Read me\n");
    file.assert_calls_async(1).await;
}
