//! Single-repository reads and downloads, on both APIs.

mod support;

use bitbucket_fake::Server;
use reqwest::StatusCode;
use serde_json::Value;

async fn get(server: &Server, path: &str) -> (StatusCode, Value) {
    let req = support::http()
        .get(format!("{}{path}", server.url()))
        .bearer_auth(server.admin_token());
    support::status_and_json(req).await
}

#[tokio::test]
async fn cloud_single_repository_matches_the_listing() {
    let server = Server::builder()
        .cloud_workspace("acme", 3, 7)
        .start()
        .await
        .unwrap();
    let (status, repo) = get(&server, "/2.0/repositories/acme/repo-0005").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(repo["full_name"], "acme/repo-0005");
    assert_eq!(repo["slug"], "repo-0005");
    let seeded = &server.cloud_repos("acme").unwrap()[4];
    assert_eq!(repo["uuid"], seeded.uuid.as_str());
    assert_eq!(repo["is_private"], seeded.is_private);
    assert_eq!(repo["project"]["key"], seeded.project_key.as_str());

    // The same object as in the listing.
    let (_, page) = get(&server, "/2.0/repositories/acme?pagelen=10").await;
    assert_eq!(page["values"][4], repo);

    // By workspace uuid too, and 404s with Cloud's body.
    let ws_uuid = repo["workspace"]["uuid"].as_str().unwrap().to_string();
    let (status, by_uuid) = get(&server, &format!("/2.0/repositories/{ws_uuid}/repo-0005")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(by_uuid["uuid"], repo["uuid"]);
    let (status, err) = get(&server, "/2.0/repositories/acme/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(err["type"], "error");
    assert_eq!(
        err["error"]["message"],
        "No repository 'nope' in workspace acme."
    );
    let (status, _) = get(&server, "/2.0/repositories/ghost/repo-0001").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn dc_single_repository_on_latest_and_1_0() {
    let server = Server::builder()
        .dc_project("PRJ", 12)
        .dc_project("OPS", 2)
        .start()
        .await
        .unwrap();
    for v in ["latest", "1.0"] {
        let (status, repo) = get(
            &server,
            &format!("/rest/api/{v}/projects/PRJ/repos/repo-0003"),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{v}");
        assert_eq!(repo["slug"], "repo-0003");
        assert_eq!(repo["id"], 3);
        assert_eq!(repo["project"]["key"], "PRJ");
        assert_eq!(repo["scmId"], "git");
        assert_eq!(repo["state"], "AVAILABLE");
    }
    // Ids are unique across projects; keys match case-insensitively.
    let (_, ops) = get(&server, "/rest/api/latest/projects/ops/repos/repo-0002").await;
    assert_eq!(ops["id"], 14);
    assert_eq!(ops["project"]["key"], "OPS");

    let projects = server.dc_projects();
    assert_eq!(projects.len(), 2);
    assert_eq!(projects[0].repos.len(), 12);
    let (_, repo) = get(&server, "/rest/api/latest/projects/PRJ/repos/repo-0007").await;
    assert_eq!(repo["public"], projects[0].repos[6].public);

    let (status, err) = get(&server, "/rest/api/latest/projects/PRJ/repos/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        err["errors"][0]["exceptionName"],
        "com.atlassian.bitbucket.repository.NoSuchRepositoryException"
    );
    let (status, err) = get(&server, "/rest/api/latest/projects/NOPE/repos/repo-0001").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(err["errors"][0]["message"], "Project NOPE does not exist.");
    let (status, _) = get(&server, "/rest/api/2.0/projects/PRJ/repos/repo-0001").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn dc_projects_and_repositories_page() {
    let server = Server::builder()
        .dc_project("PRJ", 30)
        .dc_project("OPS", 1)
        .start()
        .await
        .unwrap();
    let (_, page) = get(&server, "/rest/api/latest/projects/PRJ/repos?limit=25").await;
    assert_eq!(page["size"], 25);
    assert_eq!(page["isLastPage"], false);
    assert_eq!(page["nextPageStart"], 25);
    let (_, page) = get(
        &server,
        "/rest/api/latest/projects/PRJ/repos?start=25&limit=25",
    )
    .await;
    assert_eq!(page["size"], 5);
    assert_eq!(page["isLastPage"], true);
    assert_eq!(page["values"][4]["slug"], "repo-0030");

    let (_, projects) = get(&server, "/rest/api/latest/projects").await;
    let keys: Vec<&str> = projects["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["PRJ", "OPS"]);
    let (status, ops) = get(&server, "/rest/api/1.0/projects/OPS").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ops["name"], "Project OPS");
}

#[tokio::test]
async fn repositories_need_credentials() {
    let server = Server::builder()
        .cloud_workspace("acme", 1, 1)
        .dc_project("PRJ", 1)
        .start()
        .await
        .unwrap();
    let http = support::http();
    for path in [
        "/2.0/repositories/acme/repo-0001",
        "/rest/api/latest/projects/PRJ/repos/repo-0001",
    ] {
        let resp = http
            .get(format!("{}{path}", server.url()))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
}

#[tokio::test]
async fn cloud_download_redirects_to_storage_without_credentials() {
    let content: Vec<u8> = (0..=255u8).cycle().take(100_000).collect();
    let server = Server::builder()
        .cloud_workspace("acme", 1, 2)
        .cloud_download("acme", "repo-0002", "build 1.2.zip", content.clone())
        .start()
        .await
        .unwrap();
    let no_redirects = {
        support::install_provider();
        reqwest::Client::builder()
    }
    .redirect(reqwest::redirect::Policy::none())
    .build()
    .unwrap();
    let url = format!(
        "{}/2.0/repositories/acme/repo-0002/downloads/build%201.2.zip",
        server.url()
    );
    let resp = no_redirects
        .get(&url)
        .bearer_auth(server.admin_token())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::FOUND);
    let location = resp.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(
        location,
        format!("{}/storage/acme/repo-0002/build%201.2.zip", server.url())
    );
    // The storage URL answers without credentials.
    let body = no_redirects.get(&location).send().await.unwrap();
    assert_eq!(body.status(), StatusCode::OK);
    assert_eq!(body.bytes().await.unwrap().as_ref(), content.as_slice());

    // Without credentials the API path itself is refused; an unknown file is a Cloud 404.
    let resp = no_redirects.get(&url).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    let (status, err) = get(&server, "/2.0/repositories/acme/repo-0001/downloads/x.zip").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        err["error"]["message"],
        "No download 'x.zip' in acme/repo-0001."
    );
}
