//! The exact text of errors the generated builders raise before any request is sent: they name
//! the operation and the parameter in plain words, never a Rust type path.

use bitbucket_cloud::prelude::*;
use bitbucket_cloud::{Client, Credentials, Error, RetryPolicy};

fn client() -> Client {
    // Nothing is sent: the errors are raised while the request is built.
    Client::builder()
        .base_url("http://127.0.0.1:9/2.0")
        .credentials(Credentials::bearer("tok"))
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap()
}

fn message(result: Result<impl std::fmt::Debug, Error>) -> String {
    match result {
        Err(Error::InvalidInput { message }) => message,
        other => panic!("expected Error::InvalidInput, got {other:?}"),
    }
}

#[tokio::test]
async fn missing_required_parameter_names_operation_and_setter() {
    let cloud = client();
    let err = cloud.get_repository().repo_slug("x").send().await;
    assert_eq!(
        message(err),
        "get_repository: required parameter `workspace` is not set (call .workspace(...))"
    );
}

#[tokio::test]
async fn zero_page_length_is_a_plain_words_conversion_error() {
    let cloud = client();
    let err = cloud
        .list_workspace_repositories()
        .workspace("acme")
        .page_size(0)
        .send()
        .await;
    assert_eq!(
        message(err),
        "list_workspace_repositories: `pagelen` must be a non-zero integer: \
         out of range integral type conversion attempted"
    );
}

#[tokio::test]
async fn the_same_text_reaches_streams() {
    use bitbucket_cloud::futures::StreamExt;
    let cloud = client();
    let mut items = cloud.list_workspace_repositories().stream();
    let first = items.next().await.expect("one error item");
    assert_eq!(
        message(first),
        "list_workspace_repositories: required parameter `workspace` is not set (call .workspace(...))"
    );
}
