//! Cloud endpoints of the fake, exercised with plain reqwest.

mod support;

use std::collections::HashSet;

use bitbucket_fake::{PermissionTarget, Server, WorkspaceSpec};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn send(
    server: &Server,
    method: reqwest::Method,
    url: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let url = if url.starts_with("http") {
        url.to_string()
    } else {
        format!("{}{url}", server.url())
    };
    let mut req = support::http()
        .request(method, url)
        .bearer_auth(server.admin_token());
    if let Some(b) = body {
        req = req.json(&b);
    }
    let resp = req.send().await.expect("request");
    let status = resp.status();
    (status, resp.json().await.unwrap_or(Value::Null))
}

async fn get(server: &Server, url: &str) -> (StatusCode, Value) {
    send(server, reqwest::Method::GET, url, None).await
}

/// Follows `next` links from `first`, returning every item and the number of pages.
async fn walk(server: &Server, first: &str) -> (Vec<Value>, usize) {
    walk_with_slack(server, first, 0).await
}

/// Like [`walk`], allowing pages to hold `slack` items more than `pagelen`.
async fn walk_with_slack(server: &Server, first: &str, slack: usize) -> (Vec<Value>, usize) {
    let mut items = Vec::new();
    let mut url = first.to_string();
    let mut pages = 0;
    loop {
        let (status, page) = get(server, &url).await;
        assert_eq!(status, StatusCode::OK, "{url}: {page}");
        pages += 1;
        let values = page["values"].as_array().expect("values");
        assert!(values.len() <= page["pagelen"].as_u64().expect("pagelen") as usize + slack);
        assert_eq!(page["page"], pages);
        items.extend(values.iter().cloned());
        match page.get("next").and_then(Value::as_str) {
            Some(next) => {
                assert!(
                    next.starts_with(&format!("{}/2.0/", server.url())),
                    "next must be absolute: {next}"
                );
                url = next.to_string();
            }
            None => break,
        }
    }
    (items, pages)
}

#[tokio::test]
async fn members_page_with_absolute_next_links() {
    let server = Server::builder()
        .cloud_workspace("acme", 23, 5)
        .start()
        .await
        .expect("start");
    let (status, first) = get(&server, "/2.0/workspaces/acme/members").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(first["size"], 23);
    assert_eq!(first["pagelen"], 10);
    assert_eq!(
        first["next"],
        format!("{}/2.0/workspaces/acme/members?page=2", server.url())
    );
    assert!(first.get("previous").is_none());
    let m = &first["values"][0];
    assert_eq!(m["type"], "workspace_membership");
    assert_eq!(m["user"]["type"], "user");
    assert_eq!(m["user"]["display_name"], "Member 0001");
    assert_eq!(m["workspace"]["slug"], "acme");

    let (members, pages) = walk(&server, "/2.0/workspaces/acme/members?pagelen=5").await;
    assert_eq!(pages, 5);
    let ids: Vec<&str> = members
        .iter()
        .filter_map(|m| m["user"]["account_id"].as_str())
        .collect();
    let expected: Vec<String> = server
        .cloud_members("acme")
        .expect("ws")
        .into_iter()
        .map(|m| m.account_id)
        .collect();
    assert_eq!(ids, expected);

    let (_, last) = get(&server, "/2.0/workspaces/acme/members?pagelen=5&page=5").await;
    assert_eq!(last["values"].as_array().map(Vec::len), Some(3));
    assert_eq!(
        last["previous"],
        format!(
            "{}/2.0/workspaces/acme/members?pagelen=5&page=4",
            server.url()
        )
    );
    let (_, beyond) = get(&server, "/2.0/workspaces/acme/members?page=9").await;
    assert_eq!(beyond["values"], json!([]));
    assert!(beyond.get("next").is_none());
    let (status, _) = get(&server, "/2.0/workspaces/acme/members?page=0").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // Single member by account id and by {uuid}.
    let member = &server.cloud_members("acme").expect("ws")[4];
    let (status, one) = get(
        &server,
        &format!("/2.0/workspaces/acme/members/{}", member.account_id),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(one["user"]["uuid"], member.uuid);
    let uuid = member.uuid.replace('{', "%7B").replace('}', "%7D");
    let (status, _) = get(&server, &format!("/2.0/workspaces/acme/members/{uuid}")).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn ten_thousand_repositories_page_by_hundred() {
    let server = Server::builder()
        .cloud_workspace("big", 3, 10_000)
        .start()
        .await
        .expect("start");
    let (status, first) = get(&server, "/2.0/repositories/big?pagelen=100").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(first["size"], 10_000);
    assert_eq!(first["values"].as_array().map(Vec::len), Some(100));
    let r = &first["values"][0];
    assert_eq!(r["slug"], "repo-00001");
    assert_eq!(r["full_name"], "big/repo-00001");
    assert_eq!(r["type"], "repository");
    assert!(r["project"]["key"].is_string());
    assert!(
        r["created_on"]
            .as_str()
            .is_some_and(|d| d.ends_with("+00:00"))
    );
    // Jump straight to the last page through the same query shape a `next` link has.
    let (_, last) = get(&server, "/2.0/repositories/big?pagelen=100&page=100").await;
    assert_eq!(last["values"][99]["slug"], "repo-10000");
    assert!(last.get("next").is_none());
    assert_eq!(
        last["previous"],
        format!("{}/2.0/repositories/big?pagelen=100&page=99", server.url())
    );
    let (_, page) = get(&server, "/2.0/repositories/big?pagelen=1000").await;
    assert_eq!(page["pagelen"], 100);
    let (status, projects) = get(&server, "/2.0/workspaces/big/projects?pagelen=100").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(projects["size"], 200);
    assert_eq!(projects["values"][0]["type"], "project");
    let (projects, pages) = walk(&server, "/2.0/workspaces/big/projects?pagelen=100").await;
    assert_eq!((projects.len(), pages), (200, 2));
}

#[tokio::test]
async fn repository_permissions_list_get_delete_put() {
    let spec = WorkspaceSpec {
        repo_permissions: 2..=3,
        ..WorkspaceSpec::new(8, 4)
    };
    let server = Server::builder()
        .cloud_workspace_with("acme", spec)
        .start()
        .await
        .expect("start");
    let before = server.cloud_permissions("acme").expect("ws");
    let target = PermissionTarget::Repository("repo-0002".into());
    let seeded: Vec<_> = before
        .iter()
        .filter(|p| p.target == target)
        .cloned()
        .collect();
    assert!(seeded.len() >= 2);

    let base = "/2.0/repositories/acme/repo-0002/permissions-config/users";
    let (items, _) = walk(&server, &format!("{base}?pagelen=1")).await;
    assert_eq!(items.len(), seeded.len());
    for (item, want) in items.iter().zip(&seeded) {
        assert_eq!(item["type"], "repository_user_permission");
        assert_eq!(item["user"]["account_id"], want.account_id);
        assert_eq!(item["permission"], want.permission);
        assert_eq!(item["repository"]["full_name"], "acme/repo-0002");
        assert!(
            item["links"]["self"]["href"]
                .as_str()
                .is_some_and(|h| h.ends_with(&want.account_id))
        );
    }

    let victim = &seeded[0].account_id;
    let url = format!("{base}/{victim}");
    let (status, got) = get(&server, &url).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(got["permission"], seeded[0].permission);
    let (status, _) = send(&server, reqwest::Method::DELETE, &url, None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = get(&server, &url).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["type"], "error");
    assert!(body["error"]["message"].is_string());
    let (status, _) = send(&server, reqwest::Method::DELETE, &url, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let after = server.cloud_permissions("acme").expect("ws");
    assert_eq!(after.len(), before.len() - 1);
    assert!(
        !after
            .iter()
            .any(|p| p.target == target && &p.account_id == victim)
    );

    // PUT by {uuid} grants again; a bad permission is refused.
    let uuid = server
        .cloud_members("acme")
        .expect("ws")
        .into_iter()
        .find(|m| &m.account_id == victim)
        .expect("member")
        .uuid;
    let by_uuid = format!("{base}/{}", uuid.replace('{', "%7B").replace('}', "%7D"));
    let (status, put) = send(
        &server,
        reqwest::Method::PUT,
        &by_uuid,
        Some(json!({"permission": "write"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(put["permission"], "write");
    assert!(
        server
            .cloud_permissions("acme")
            .expect("ws")
            .iter()
            .any(|p| p.target == target && &p.account_id == victim && p.permission == "write")
    );
    let (status, _) = send(
        &server,
        reqwest::Method::PUT,
        &by_uuid,
        Some(json!({"permission": "owner"})),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = send(
        &server,
        reqwest::Method::PUT,
        &format!("{base}/557058:nobody"),
        Some(json!({"permission": "read"})),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn project_permissions_are_stateful_too() {
    let spec = WorkspaceSpec {
        project_permissions: 1..=1,
        ..WorkspaceSpec::new(5, 10)
    };
    let server = Server::builder()
        .cloud_workspace_with("acme", spec)
        .start()
        .await
        .expect("start");
    let grant = server
        .cloud_permissions("acme")
        .expect("ws")
        .into_iter()
        .find(|p| p.target == PermissionTarget::Project("P001".into()))
        .expect("seeded project permission");
    let base = "/2.0/workspaces/acme/projects/P001/permissions-config/users";
    let (status, page) = get(&server, base).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["size"], 1);
    assert_eq!(page["values"][0]["type"], "project_user_permission");
    assert_eq!(page["values"][0]["project"]["key"], "P001");
    let url = format!("{base}/{}", grant.account_id);
    let (status, _) = send(&server, reqwest::Method::DELETE, &url, None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = get(&server, &url).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, page) = get(&server, base).await;
    assert_eq!(page["size"], 0);
    assert!(server.grant_cloud_permission(
        "acme",
        &PermissionTarget::Project("P001".into()),
        &grant.account_id,
        "admin"
    ));
    let (status, got) = get(&server, &url).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(got["permission"], "admin");
    let (status, _) = get(
        &server,
        "/2.0/workspaces/acme/projects/NOPE/permissions-config/users",
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn cloud_errors_use_cloud_bodies() {
    let server = Server::cloud().start().await.expect("start");
    let http = support::http();
    let url = format!("{}/2.0/repositories/acme", server.url());
    for req in [
        http.get(&url),
        http.get(&url).bearer_auth("wrong"),
        http.get(&url).basic_auth("admin", Some("nope")),
    ] {
        let resp = req.send().await.expect("get");
        assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
        assert!(
            resp.headers()["www-authenticate"]
                .to_str()
                .expect("ascii")
                .starts_with("Basic realm=")
        );
        let body: Value = resp.json().await.expect("json");
        assert_eq!(body["type"], "error");
        assert!(body["error"]["message"].is_string());
    }
    let (user, password) = server.admin_credentials();
    let resp = http
        .get(&url)
        .basic_auth(user, Some(password))
        .send()
        .await
        .expect("get");
    assert_eq!(resp.status(), StatusCode::OK);
    let (status, body) = get(&server, "/2.0/repositories/nowhere").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        body,
        json!({"type": "error", "error": {"message": "No workspace with identifier 'nowhere'."}})
    );
    let (status, body) = get(&server, "/2.0/snippets").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["type"], "error");
    // DC tokens are not Cloud credentials.
    assert_eq!(server.stats().unauthorized, 3);
}

#[tokio::test]
async fn unstable_pages_repeat_and_shuffle_but_lose_nothing() {
    let server = Server::builder()
        .cloud_workspace("acme", 2, 95)
        .cloud_unstable_pages(3)
        .start()
        .await
        .expect("start");
    let (repos, pages) = walk_with_slack(&server, "/2.0/repositories/acme?pagelen=10", 1).await;
    assert_eq!(pages, 10);
    let names: Vec<&str> = repos
        .iter()
        .filter_map(|r| r["full_name"].as_str())
        .collect();
    let unique: HashSet<&str> = names.iter().copied().collect();
    assert_eq!(unique.len(), 95, "every repository is listed");
    assert_eq!(
        names.len(),
        95 + 9,
        "each page after the first repeats one item"
    );
    let sorted = {
        let mut n = names[..10].to_vec();
        n.sort_unstable();
        n
    };
    assert_ne!(names[..10].to_vec(), sorted, "first page is shuffled");

    server.set_cloud_unstable_pages(None);
    let (repos, _) = walk(&server, "/2.0/repositories/acme?pagelen=10").await;
    assert_eq!(repos.len(), 95);
    assert_eq!(repos[0]["slug"], "repo-0001");
}

#[tokio::test]
async fn current_user_and_dc_properties_answer() {
    let server = Server::builder().start().await.expect("start");
    let (status, me) = get(&server, "/2.0/user").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["type"], "user");
    assert_eq!(me["nickname"], "admin");
    let (status, props) = get(&server, "/rest/api/latest/application-properties").await;
    assert_eq!(status, StatusCode::OK);
    assert!(props["version"].is_string());
}
