//! Lists the members of a workspace, then the first page of its repositories.
//!
//! ```text
//! BB_EMAIL=me@example.com BB_API_TOKEN=... BB_WORKSPACE=acme \
//!     cargo run -p bitbucket-cloud --example cloud_members
//! ```
//! `BB_BASE_URL` points the client at another server (a mock, for instance).

use bitbucket_cloud::prelude::*;
use bitbucket_cloud::{Client, Credentials};
use futures::TryStreamExt;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let email = std::env::var("BB_EMAIL")?;
    let token = std::env::var("BB_API_TOKEN")?;
    let workspace = std::env::var("BB_WORKSPACE")?;
    let mut builder = Client::builder().credentials(Credentials::api_token(email, token));
    if let Ok(url) = std::env::var("BB_BASE_URL") {
        builder = builder.base_url(url);
    }
    let cloud = builder.build()?;

    let mut members = cloud
        .list_workspace_members()
        .workspace(workspace.as_str())
        .page_size(100)
        .stream();
    while let Some(m) = members.try_next().await? {
        let user = m.user.unwrap_or_default();
        println!(
            "{}\t{}",
            user.display_name.unwrap_or_default(),
            user.uuid.unwrap_or_default()
        );
    }

    let page = cloud
        .list_workspace_repositories()
        .workspace(workspace.as_str())
        .page_size(10)
        .send()
        .await?;
    for repo in page.values {
        println!("{}", repo.full_name.unwrap_or_default());
    }
    Ok(())
}
