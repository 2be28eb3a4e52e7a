//! System administration.

mod common;

use bitbucket_dc::system::{BannerAudience, MailConfiguration, SshKeyPolicy};
use common::*;
use httpmock::prelude::*;
use serde_json::json;

#[tokio::test]
async fn properties_cluster_license() {
    let (server, dc) = setup().await;
    let sys = dc.system();
    let p = hit_ok(
        &server,
        Expect::new(GET, "/rest/api/latest/application-properties").respond(
            json!({"version": "10.4.0", "buildNumber": "10004000", "displayName": "Bitbucket"}),
        ),
        sys.application_properties().send(),
    )
    .await;
    assert_eq!(p.version.as_deref(), Some("10.4.0"));
    let c = hit_ok(
        &server,
        Expect::new(GET, "/rest/api/latest/admin/cluster").respond(json!({
            "running": true,
            "localNode": {"id": "n1", "address": {"address": "10.0.0.1", "port": 5701}, "local": true},
            "nodes": [{"id": "n1"}, {"id": "n2"}]})),
        sys.cluster().send(),
    )
    .await;
    assert_eq!(c.nodes.len(), 2);
    let lic = hit_ok(
        &server,
        Expect::new(POST, "/rest/api/latest/admin/license")
            .body(json!({"license": "AAAB-secret-key"}))
            .respond(
                json!({"maximumNumberOfUsers": 500, "expiryDate": 1_800_000_000_000_i64,
                            "status": {"currentNumberOfUsers": 120}}),
            ),
        sys.set_license("AAAB-secret-key").send(),
    )
    .await;
    assert_eq!(lic.maximum_number_of_users, Some(500));
    assert!(lic.expiry_date.is_some());
    assert!(!format!("{:?}", sys.set_license("AAAB-secret-key")).contains("secret-key"));
}

#[tokio::test]
async fn banner_default_branch_mail() {
    let (server, dc) = setup().await;
    let sys = dc.system();
    let none = hit_ok(
        &server,
        Expect::no_content(GET, "/rest/api/latest/admin/banner"),
        sys.banner().get().send(),
    )
    .await;
    assert!(none.is_none());
    hit_ok(
        &server,
        Expect::no_content(PUT, "/rest/api/latest/admin/banner")
            .body(json!({"message": "Maintenance", "enabled": true, "audience": "AUTHENTICATED"})),
        sys.banner()
            .set("Maintenance")
            .audience(BannerAudience::Authenticated)
            .send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(PUT, "/rest/api/latest/admin/default-branch")
            .body(json!({"id": "main"})),
        sys.set_default_branch("main").send(),
    )
    .await;
    let b = hit_ok(
        &server,
        Expect::new(GET, "/rest/api/latest/admin/default-branch")
            .respond(json!({"id": "refs/heads/main", "displayId": "main"})),
        sys.default_branch().send(),
    )
    .await;
    assert_eq!(b.unwrap().display_id.as_deref(), Some("main"));
    let cfg = MailConfiguration {
        hostname: Some("smtp.example.com".into()),
        port: Some(587),
        password: Some("mail-pw-9".into()),
        ..Default::default()
    };
    assert!(!format!("{cfg:?}").contains("mail-pw-9"));
    hit_ok(
        &server,
        Expect::new(PUT, "/rest/api/latest/admin/mail-server")
            .body(json!({"hostname": "smtp.example.com", "port": 587, "password": "mail-pw-9"}))
            .respond(json!({"hostname": "smtp.example.com", "port": 587})),
        sys.mail_server().set(cfg).send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::new(PUT, "/rest/api/latest/admin/mail-server/sender-address")
            .body(json!("noreply@example.com"))
            .respond(json!("noreply@example.com")),
        sys.mail_server()
            .set_sender_address("noreply@example.com")
            .send(),
    )
    .await;
}

#[tokio::test]
async fn rate_limits() {
    let (server, dc) = setup().await;
    let rl = dc.system().rate_limits();
    let h = hit_stream(
        &server,
        Expect::new(GET, "/rest/api/latest/admin/rate-limit/history")
            .query("order=FREQUENCY&start=0")
            .respond(page(
                json!([{"user": user_json("ci-bot"), "rejectCount": 12,
                        "lastRejectTime": 1_700_000_000_000_i64}]),
                0,
                None,
            )),
        rl.history().order("FREQUENCY").stream(),
    )
    .await;
    assert_eq!(h[0].reject_count, Some(12));
    hit_ok(
        &server,
        Expect::new(POST, "/rest/api/latest/admin/rate-limit/settings/users")
            .body(json!({"usernames": ["a@b.com", "ci-bot"], "settings": {"capacity": 100, "fillRate": 10}}))
            .respond(json!({"user": user_json("ci-bot"), "settings": {"capacity": 100, "fillRate": 10}})),
        rl.set_users(["a@b.com", "ci-bot"]).bucket(100, 10).send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::new(
            PUT,
            "/rest/api/latest/admin/rate-limit/settings/users/a%40b.com",
        )
        .body(json!({"whitelisted": true}))
        .respond(json!({"whitelisted": true})),
        rl.user("a@b.com").set().whitelisted(true).send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(
            DELETE,
            "/rest/api/latest/admin/rate-limit/settings/users/x%20y",
        ),
        rl.user("x y").delete().send(),
    )
    .await;
}

#[tokio::test]
async fn logging_ssh_policy_mesh() {
    let (server, dc) = setup().await;
    let sys = dc.system();
    let set = server
        .mock_async(|when, then| {
            when.method(PUT)
                .is_true(exact(
                    "/rest/api/latest/logs/logger/com.atlassian.bitbucket/DEBUG",
                    None,
                ))
                .header("content-length", "0");
            then.status(204);
        })
        .await;
    sys.logging()
        .set_level("com.atlassian.bitbucket", "DEBUG")
        .send()
        .await
        .unwrap();
    set.assert_async().await;
    let lvl = hit_ok(
        &server,
        Expect::new(GET, "/rest/api/latest/logs/rootLogger").respond(json!({"logLevel": "WARN"})),
        sys.logging().root_level().send(),
    )
    .await;
    assert_eq!(lvl.log_level, "WARN");
    hit_ok(
        &server,
        Expect::new(PUT, "/rest/api/latest/logs/settings")
            .body(json!({"debugLoggingEnabled": true, "profilingEnabled": false}))
            .respond(json!({"debugLoggingEnabled": true, "profilingEnabled": false})),
        sys.logging().set_settings(true, false).send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(PUT, "/rest/admin").body(json!({"maxExpiryDays": 365})),
        sys.set_ssh_key_policy(SshKeyPolicy {
            max_expiry_days: Some(365),
            ..Default::default()
        })
        .send(),
    )
    .await;
    let nodes = hit_ok(
        &server,
        Expect::new(GET, "/rest/api/latest/admin/git/mesh/nodes")
            .respond(json!([{"id": "1", "name": "mesh-1", "state": "AVAILABLE"}, {"id": "2"}])),
        sys.mesh().nodes().send(),
    )
    .await;
    assert_eq!(nodes.0.len(), 2);
    hit_ok(
        &server,
        Expect::no_content(DELETE, "/rest/api/latest/admin/git/mesh/nodes/2").query("force=true"),
        sys.mesh().delete(2).force(true).send(),
    )
    .await;
    answer_bytes(
        &server,
        "/rest/api/latest/admin/git/mesh/config/control-plane.pem",
        None,
        "text/plain",
        "-----BEGIN PUBLIC KEY-----\n",
    )
    .await;
    let pem = sys.mesh().control_plane_key().send().await.unwrap();
    assert!(pem.text().await.unwrap().starts_with("-----BEGIN"));
}
