//! Data Center endpoints of the fake, exercised with plain reqwest.

mod support;

use bitbucket_fake::Server;
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn server() -> Server {
    Server::builder()
        .dc_users(30)
        .dc_named_user("jane doe@example.com")
        .tokens_per_user(0..=3)
        .start()
        .await
        .expect("start fake")
}

async fn get(server: &Server, path: &str) -> (StatusCode, Value) {
    let (user, password) = server.admin_credentials();
    let req = support::http()
        .get(format!("{}{path}", server.url()))
        .basic_auth(user, Some(password));
    support::status_and_json(req).await
}

#[tokio::test]
async fn admin_users_pages_with_dc_envelope() {
    let server = server().await;
    let mut start = 0;
    let mut slugs = Vec::new();
    let mut pages = 0;
    loop {
        let (status, page) = get(
            &server,
            &format!("/rest/api/latest/admin/users?start={start}&limit=10"),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        pages += 1;
        assert_eq!(page["start"], start);
        assert_eq!(page["limit"], 10);
        let values = page["values"].as_array().expect("values");
        assert_eq!(page["size"], values.len());
        slugs.extend(
            values
                .iter()
                .map(|u| u["slug"].as_str().unwrap_or_default().to_string()),
        );
        if page["isLastPage"] == true {
            assert!(page.get("nextPageStart").is_none());
            break;
        }
        assert_eq!(page["nextPageStart"], start + 10);
        start = page["nextPageStart"].as_u64().expect("nextPageStart");
    }
    assert_eq!(pages, 4);
    assert_eq!(slugs.len(), 31);
    assert_eq!(slugs[0], "user0001");
    assert_eq!(slugs[29], "user0030");
    assert_eq!(slugs[30], "jane doe@example.com");

    let (_, page) = get(&server, "/rest/api/1.0/admin/users?limit=1").await;
    let u = &page["values"][0];
    for field in [
        "name",
        "emailAddress",
        "id",
        "displayName",
        "active",
        "slug",
        "type",
        "createdTimestamp",
    ] {
        assert!(u.get(field).is_some(), "missing {field} in {u}");
    }
    assert_eq!(u["emailAddress"], "user0001@example.com");
    let all = server.dc_users();
    assert!(
        all.iter()
            .any(|u| u.last_authentication_timestamp.is_none())
    );
    let (_, page) = get(&server, "/rest/api/latest/admin/users?limit=100").await;
    let with_login = page["values"]
        .as_array()
        .expect("values")
        .iter()
        .filter(|u| u["lastAuthenticationTimestamp"].is_number())
        .count();
    assert_eq!(
        with_login,
        all.iter()
            .filter(|u| u.last_authentication_timestamp.is_some())
            .count()
    );
}

#[tokio::test]
async fn limit_is_capped_and_filter_applies() {
    let server = Server::builder()
        .dc_users(1_200)
        .tokens_per_user(0..=0)
        .start()
        .await
        .expect("start");
    let (_, page) = get(&server, "/rest/api/latest/admin/users?limit=5000").await;
    assert_eq!(page["limit"], 1000);
    assert_eq!(page["size"], 1000);
    assert_eq!(page["nextPageStart"], 1000);
    let (_, page) = get(&server, "/rest/api/latest/users?filter=USER011").await;
    let slugs: Vec<&str> = page["values"]
        .as_array()
        .expect("values")
        .iter()
        .filter_map(|u| u["slug"].as_str())
        .collect();
    assert_eq!(slugs.len(), 10);
    assert!(slugs.iter().all(|s| s.starts_with("user011")));
    let (status, body) = get(&server, "/rest/api/latest/users?start=-3").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["errors"][0]["message"].is_string());
}

#[tokio::test]
async fn unknown_user_gets_dc_404_body() {
    let server = server().await;
    let (status, body) = get(&server, "/rest/api/latest/users/nobody").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        body,
        json!({"errors": [{
            "context": null,
            "message": "User nobody does not exist.",
            "exceptionName": "com.atlassian.bitbucket.user.NoSuchUserException"
        }]})
    );
    let (status, body) = get(&server, "/rest/access-tokens/latest/users/nobody").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        body["errors"][0]["exceptionName"],
        "com.atlassian.bitbucket.user.NoSuchUserException"
    );
    let (status, _) = get(&server, "/rest/api/2.0/users/user0001").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn slugs_are_matched_after_percent_decoding() {
    let server = server().await;
    let (status, user) = get(&server, "/rest/api/latest/users/jane%20doe%40example.com").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(user["slug"], "jane doe@example.com");
    assert_eq!(user["emailAddress"], "jane doe@example.com");
    let (status, page) = get(
        &server,
        "/rest/access-tokens/1.0/users/jane%20doe%40example.com",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let expected = server
        .dc_user_tokens("jane doe@example.com")
        .expect("user")
        .len();
    assert_eq!(page["values"].as_array().expect("values").len(), expected);
}

#[tokio::test]
async fn tokens_match_seeded_state_and_delete_is_stateful() {
    let server = server().await;
    let users = server.dc_users();
    let (slug, tokens) = users
        .iter()
        .find_map(|u| {
            server
                .dc_user_tokens(&u.slug)
                .filter(|t| t.len() >= 2)
                .map(|t| (u.slug.clone(), t))
        })
        .expect("a user with two tokens");
    assert!(
        users
            .iter()
            .any(|u| server.dc_user_tokens(&u.slug).is_some_and(|t| t.is_empty()))
    );

    let (status, page) = get(
        &server,
        &format!("/rest/access-tokens/latest/users/{slug}?limit=1"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["isLastPage"], false);
    assert_eq!(page["nextPageStart"], 1);
    let first = &page["values"][0];
    assert_eq!(first["id"], tokens[0].id);
    assert_eq!(first["name"], tokens[0].name);
    assert_eq!(first["createdDate"], tokens[0].created_date);
    assert_eq!(first["permissions"], json!(tokens[0].permissions));
    assert_eq!(first["user"]["slug"], slug);
    assert_eq!(
        first.get("expiryDays").and_then(Value::as_u64),
        tokens[0].expiry_days.map(u64::from)
    );
    assert_eq!(
        first.get("lastAuthenticated").and_then(Value::as_i64),
        tokens[0].last_authenticated
    );

    let http = support::http();
    let (user, password) = server.admin_credentials();
    let url = format!(
        "{}/rest/access-tokens/latest/users/{slug}/{}",
        server.url(),
        tokens[0].id
    );
    let resp = http
        .delete(&url)
        .basic_auth(&user, Some(&password))
        .send()
        .await
        .expect("delete");
    assert_eq!(resp.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        support::status_of(http.get(&url).basic_auth(&user, Some(&password))).await,
        StatusCode::NOT_FOUND
    );
    let resp = http
        .delete(&url)
        .basic_auth(&user, Some(&password))
        .send()
        .await
        .expect("delete again");
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    let left = server.dc_user_tokens(&slug).expect("user");
    assert_eq!(left.len(), tokens.len() - 1);
    assert!(left.iter().all(|t| t.id != tokens[0].id));
    // The deleted token's secret no longer authenticates.
    assert_eq!(
        support::status_of(
            http.get(format!("{}/rest/api/latest/users/{slug}", server.url()))
                .bearer_auth(&tokens[0].secret)
        )
        .await,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn created_token_appears_and_authenticates() {
    let server = server().await;
    let http = support::http();
    let url = format!("{}/rest/access-tokens/latest/users/user0003", server.url());
    // The admin's HTTP access token is refused on other users' tokens: Basic with the password.
    let (admin, password) = server.admin_credentials();
    let before = server.dc_user_tokens("user0003").expect("user").len();
    let resp = http
        .put(&url)
        .basic_auth(&admin, Some(&password))
        .json(&json!({"name": "new one", "permissions": ["PROJECT_READ", "REPO_WRITE"], "expiryDays": 30}))
        .send()
        .await
        .expect("put");
    assert_eq!(resp.status(), StatusCode::OK);
    let created: Value = resp.json().await.expect("json");
    let secret = created["token"].as_str().expect("token secret").to_string();
    assert_eq!(created["expiryDays"], 30);
    let tokens = server.dc_user_tokens("user0003").expect("user");
    assert_eq!(tokens.len(), before + 1);
    assert!(
        tokens
            .iter()
            .any(|t| t.id == created["id"] && t.name == "new one")
    );

    // The owner's new token works as Bearer and as Basic password, for the owner's own tokens.
    assert_eq!(
        support::status_of(http.get(&url).bearer_auth(&secret)).await,
        StatusCode::OK
    );
    assert_eq!(
        support::status_of(http.get(&url).basic_auth("user0003", Some(&secret))).await,
        StatusCode::OK
    );
    // ...but not for someone else's tokens, nor for the admin listing.
    let other = format!("{}/rest/access-tokens/latest/users/user0004", server.url());
    assert_eq!(
        support::status_of(http.get(&other).bearer_auth(&secret)).await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        support::status_of(
            http.get(format!("{}/rest/api/latest/admin/users", server.url()))
                .bearer_auth(&secret)
        )
        .await,
        StatusCode::FORBIDDEN
    );
    // Basic with another user's name and this secret fails.
    assert_eq!(
        support::status_of(http.get(&url).basic_auth("user0004", Some(&secret))).await,
        StatusCode::UNAUTHORIZED
    );

    let resp = http
        .put(&url)
        .basic_auth(&admin, Some(&password))
        .json(&json!({"name": "bad", "permissions": ["EVERYTHING"]}))
        .send()
        .await
        .expect("put");
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn missing_or_wrong_credentials_get_401_with_dc_body() {
    let server = server().await;
    let http = support::http();
    let url = format!("{}/rest/api/latest/admin/users", server.url());
    let resp = http.get(&url).send().await.expect("get");
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    assert!(
        resp.headers()["www-authenticate"]
            .to_str()
            .expect("ascii")
            .starts_with("Basic")
    );
    let body: Value = resp.json().await.expect("json");
    assert_eq!(
        body["errors"][0]["exceptionName"],
        "com.atlassian.bitbucket.AuthorisationException"
    );
    assert_eq!(body["errors"][0]["context"], Value::Null);

    for resp in [
        http.get(&url)
            .basic_auth("admin", Some("wrong"))
            .send()
            .await
            .expect("get"),
        http.get(&url)
            .bearer_auth("not-a-token")
            .send()
            .await
            .expect("get"),
        http.get(&url)
            .header("authorization", "Basic %%%")
            .send()
            .await
            .expect("get"),
    ] {
        assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
        assert!(resp.headers().contains_key("www-authenticate"));
        let body: Value = resp.json().await.expect("json");
        assert!(
            body["errors"][0]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
    }
    assert_eq!(server.stats().unauthorized, 4);
    assert_eq!(
        support::status_of(
            http.get(&url)
                .basic_auth("admin", Some(server.admin_token()))
        )
        .await,
        StatusCode::OK
    );
}
