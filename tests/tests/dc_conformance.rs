//! Data Center conformance: drives `bitbucket-dc` against the Prism mock server serving the
//! project's DC spec (`openapi/bitbucket-dc.json`) with request validation. Every implemented
//! operation is called once with valid input; it must pass Prism's validation and decode.
//!
//! To cover a new endpoint, append one line to `run_all`:
//! `call!(cov, dc.<handler>()...<builder>);` — the key comes from the builder's own
//! `endpoint()`, so it always names the ledger entry that was exercised.

use std::time::Instant;

use bitbucket_conformance::{Coverage, Outcome, Prism, PrismOptions, dc_spec_path, load_spec};
use bitbucket_dc::{Client, Credentials, Error, Permission, RetryPolicy};

/// Sends one request builder and records the outcome under its ledger endpoint.
macro_rules! call {
    ($cov:expr, $builder:expr) => {{
        let builder = $builder;
        let ep = builder.endpoint();
        let key = format!("{} {}", ep.method, ep.path);
        let result = builder.send().await;
        $cov.check(key, &result);
    }};
}

/// Operations expected to fail for a known reason outside this test (`METHOD path`, reason).
/// The test fails when one of them starts passing, so the list stays honest.
const KNOWN_FAILURES: &[(&str, &str)] = &[
    ("GET /access-tokens/latest/users/{userSlug}", NEGATIVE_START),
    (
        "GET /access-tokens/latest/projects/{projectKey}",
        NEGATIVE_START,
    ),
    (
        "GET /access-tokens/latest/projects/{projectKey}/repos/{repositorySlug}",
        NEGATIVE_START,
    ),
    // Areas 2-4 (engineer A).
    ("GET /api/latest/admin/users", NEGATIVE_START),
    ("GET /api/latest/admin/users/more-members", NEGATIVE_START),
    ("GET /api/latest/admin/users/more-non-members", NEGATIVE_START),
    ("GET /api/latest/admin/groups", NEGATIVE_START),
    ("GET /api/latest/admin/groups/more-members", NEGATIVE_START),
    ("GET /api/latest/admin/groups/more-non-members", NEGATIVE_START),
    ("GET /api/latest/admin/permissions/users", NEGATIVE_START),
    ("GET /api/latest/admin/permissions/users/none", NEGATIVE_START),
    ("GET /api/latest/admin/permissions/groups", NEGATIVE_START),
    ("GET /api/latest/admin/permissions/groups/none", NEGATIVE_START),
    ("GET /api/latest/groups", NEGATIVE_START),
    ("GET /api/latest/projects", NEGATIVE_START),
    ("GET /api/latest/projects/{projectKey}/permissions/users", NEGATIVE_START),
    ("GET /api/latest/projects/{projectKey}/permissions/users/none", NEGATIVE_START),
    ("GET /api/latest/projects/{projectKey}/permissions/groups", NEGATIVE_START),
    ("GET /api/latest/projects/{projectKey}/permissions/groups/none", NEGATIVE_START),
    ("GET /api/latest/projects/{projectKey}/repos/{repositorySlug}/permissions/users", NEGATIVE_START),
    ("GET /api/latest/projects/{projectKey}/repos/{repositorySlug}/permissions/users/none", NEGATIVE_START),
    ("GET /api/latest/projects/{projectKey}/repos/{repositorySlug}/permissions/groups", NEGATIVE_START),
    ("GET /api/latest/projects/{projectKey}/repos/{repositorySlug}/permissions/groups/none", NEGATIVE_START),
    ("GET /api/latest/projects/{projectKey}/webhooks", NO_PAGE_SCHEMA),
    ("GET /api/latest/projects/{projectKey}/repos/{repositorySlug}/webhooks", NO_PAGE_SCHEMA),
    ("GET /api/latest/projects/{projectKey}/repos/{repositorySlug}/webhooks/search", NO_PAGE_SCHEMA),
    ("GET /api/latest/projects/{projectKey}/avatar.png", PRISM_PNG),
];

const NO_PAGE_SCHEMA: &str = "the spec declares no schema for this page (real servers send a DC page); Prism answers `null`";
const PRISM_PNG: &str = "Prism 5.14 cannot serialize the spec's image/png example (500 'Cannot find serializer')";
const NEGATIVE_START: &str = "core DcPage.start is u64; Prism's static page has start -2147483648 (spec int32): core must accept a negative start";

/// One call per implemented operation. Append here as endpoints are implemented.
async fn run_all(dc: &Client, cov: &Coverage) {
    // 1. Access tokens
    call!(cov, dc.access_tokens().user("jdoe").list());
    call!(cov, dc.access_tokens().project("PRJ").list());
    call!(cov, dc.access_tokens().repo("PRJ", "web").list());
    call!(cov, dc.access_tokens().user("jdoe").get("123456789012"));
    call!(cov, dc.access_tokens().project("PRJ").get("123456789012"));
    call!(
        cov,
        dc.access_tokens().repo("PRJ", "web").get("123456789012")
    );
    call!(
        cov,
        dc.access_tokens()
            .user("jdoe")
            .create("ci", [Permission::RepoRead])
            .expiry_days(30)
    );
    call!(
        cov,
        dc.access_tokens()
            .project("PRJ")
            .create("ci", [Permission::ProjectRead])
    );
    call!(
        cov,
        dc.access_tokens()
            .repo("PRJ", "web")
            .create("ci", [Permission::RepoWrite])
    );
    // The spec requires `permissions` on every update.
    call!(
        cov,
        dc.access_tokens()
            .user("jdoe")
            .update("123456789012")
            .name("renamed")
            .permissions([Permission::RepoRead])
    );
    call!(
        cov,
        dc.access_tokens()
            .project("PRJ")
            .update("123456789012")
            .permissions([Permission::ProjectAdmin])
    );
    call!(
        cov,
        dc.access_tokens()
            .repo("PRJ", "web")
            .update("123456789012")
            .name("renamed")
            .permissions([Permission::RepoWrite])
    );
    call!(cov, dc.access_tokens().user("jdoe").delete("123456789012"));
    call!(
        cov,
        dc.access_tokens().project("PRJ").delete("123456789012")
    );
    call!(
        cov,
        dc.access_tokens().repo("PRJ", "web").delete("123456789012")
    );
}

/// Areas 2-4 (engineer A): admin, users and groups, projects with their permissions and
/// webhooks, plus the repository scope of permissions and webhooks.
async fn run_areas_2_to_4(dc: &Client, cov: &Coverage) {
    use bitbucket_dc::{GlobalPermission, ProjectPermission, RepoPermission};
    // 2. Admin: users
    let users = dc.admin().users();
    call!(cov, users.list().filter("jo"));
    call!(cov, users.create("jdoe", "Jane Doe", "jane@example.com").password("pw").notify(false).add_to_default_group(true));
    call!(cov, users.update("jdoe").display_name("Jane").email("jane@example.com"));
    call!(cov, users.rename("jdoe", "jane.doe"));
    call!(cov, users.delete("jdoe"));
    call!(cov, users.set_password("jdoe", "new-password"));
    call!(cov, users.clear_captcha("jdoe"));
    call!(cov, users.validate_erasable("jdoe"));
    call!(cov, users.erase("jdoe"));
    call!(cov, users.groups("jdoe").filter("dev"));
    call!(cov, users.other_groups("jdoe"));
    call!(cov, users.add_to_groups("jdoe", ["developers"]));
    call!(cov, users.add_to_group("jdoe", "developers"));
    call!(cov, users.remove_from_group("jdoe", "developers"));
    // 2. Admin: groups
    let groups = dc.admin().groups();
    call!(cov, groups.list().filter("dev"));
    call!(cov, groups.create("developers"));
    call!(cov, groups.delete("developers"));
    call!(cov, groups.members("developers"));
    call!(cov, groups.non_members("developers"));
    call!(cov, groups.add_users("developers", ["jdoe"]));
    call!(cov, groups.add_user("developers", "jdoe"));
    call!(cov, groups.remove_user("developers", "jdoe"));
    // 2. Admin: global permissions, directories
    let perms = dc.admin().permissions();
    call!(cov, perms.users().list());
    call!(cov, perms.users().without());
    call!(cov, perms.users().grant(["jdoe"], GlobalPermission::ProjectCreate));
    call!(cov, perms.users().revoke("jdoe"));
    call!(cov, perms.groups().list());
    call!(cov, perms.groups().without());
    call!(cov, perms.groups().grant(["developers"], GlobalPermission::LicensedUser));
    call!(cov, perms.groups().revoke("developers"));
    call!(cov, dc.admin().user_directories().include_inactive(true));
    // 3. Users and groups
    call!(cov, dc.users().list().filter("jo"));
    call!(cov, dc.users().update_current().display_name("Jane"));
    call!(cov, dc.users().change_password("old-password", "new-password"));
    call!(cov, dc.user("jdoe").get());
    call!(cov, dc.user("jdoe").settings());
    call!(cov, dc.user("jdoe").update_settings(Default::default()).set("theme", "dark"));
    call!(cov, dc.user("jdoe").upload_avatar(&b"\x89PNG"[..], "image/png"));
    call!(cov, dc.user("jdoe").delete_avatar());
    call!(cov, dc.groups().list().filter("dev"));
    // 4. Projects
    call!(cov, dc.projects().list().name("Proj"));
    call!(cov, dc.projects().create("PRJ", "Project").description("d"));
    call!(cov, dc.project("PRJ").get());
    call!(cov, dc.project("PRJ").update().description("d2"));
    call!(cov, dc.project("PRJ").delete());
    call!(cov, dc.project("PRJ").avatar().size(64));
    call!(cov, dc.project("PRJ").upload_avatar(&b"\x89PNG"[..], "image/png"));
    let pp = dc.project("PRJ").permissions();
    call!(cov, pp.users().list().filter("jo"));
    call!(cov, pp.users().grant("jdoe", ProjectPermission::Write));
    call!(cov, pp.users().revoke("jdoe"));
    call!(cov, pp.users().without());
    call!(cov, pp.groups().list());
    call!(cov, pp.groups().grant("developers", ProjectPermission::Read));
    call!(cov, pp.groups().revoke("developers"));
    call!(cov, pp.groups().without());
    call!(cov, pp.revoke_all().user("jdoe"));
    call!(cov, pp.search().filter_text("jo"));
    call!(cov, pp.default_permission(ProjectPermission::Read));
    call!(cov, pp.set_default_permission(ProjectPermission::Read, true));
    let ph = dc.project("PRJ").webhooks();
    call!(cov, ph.list().event("repo:refs_changed"));
    call!(cov, ph.create("ci", "https://ci.example.com/hook", ["repo:refs_changed"]));
    call!(cov, ph.test().url("https://ci.example.com/hook"));
    call!(cov, ph.get(1));
    call!(cov, ph.update(1).active(false));
    call!(cov, ph.delete(1));
    call!(cov, ph.latest_invocation(1));
    call!(cov, ph.statistics(1));
    call!(cov, ph.statistics_summary(1));
    // 5. Repository permissions and webhooks (shared shapes)
    let rp = dc.project("PRJ").repo("web").permissions();
    call!(cov, rp.users().list());
    call!(cov, rp.users().grant("jdoe", RepoPermission::Write));
    call!(cov, rp.users().revoke("jdoe"));
    call!(cov, rp.users().without());
    call!(cov, rp.groups().list());
    call!(cov, rp.groups().grant("developers", RepoPermission::Read));
    call!(cov, rp.groups().revoke("developers"));
    call!(cov, rp.groups().without());
    call!(cov, rp.revoke_all().group("developers"));
    call!(cov, rp.search());
    let rh = dc.project("PRJ").repo("web").webhooks();
    call!(cov, rh.list());
    call!(cov, rh.create("ci", "https://ci.example.com/hook", ["pr:opened"]));
    call!(cov, dc.project("PRJ").repo("web").search_webhooks());
    call!(cov, rh.test().url("https://ci.example.com/hook"));
    call!(cov, rh.get(1));
    call!(cov, rh.update(1).name("ci2"));
    call!(cov, rh.delete(1));
    call!(cov, rh.latest_invocation(1));
    call!(cov, rh.statistics(1));
    call!(cov, rh.statistics_summary(1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dc_sdk_conforms_to_spec() {
    let began = Instant::now();
    let spec = load_spec(dc_spec_path());
    // Serve the spec under `/rest` so the client's normal base-URL handling is exercised.
    let prism = Prism::start(dc_spec_path(), PrismOptions::default().path_prefix("/rest"));
    println!("prism startup (dc spec): {:?}", prism.startup_time());
    let dc = Client::builder(prism.url())
        .credentials(Credentials::bearer("not-a-secret"))
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("build DC client");

    let cov = Coverage::new("dc", &spec);
    run_all(&dc, &cov).await;
    run_areas_2_to_4(&dc, &cov).await;
    assert!(
        cov.unknown_keys().is_empty(),
        "keys not in the spec: {:?}",
        cov.unknown_keys()
    );

    // An invalid call: Prism rejects a body field of the wrong type; the client surfaces the
    // core's error with the status.
    let err = dc
        .raw()
        .post::<_, serde_json::Value>("api/latest/projects", &serde_json::json!({ "key": 5 }))
        .await
        .expect_err("Prism must reject a numeric project key");
    match &err {
        Error::Api { status, .. } => assert!(
            status.as_u16() == 400 || status.as_u16() == 422,
            "unexpected status {status}: {err}"
        ),
        other => panic!("expected Error::Api for a validation failure, got {other:?}"),
    }

    // Ledger entries nobody calls yet (information for the DC authors).
    let ledger = bitbucket_dc::ledger::all();
    let failures = cov.failures();
    let not_called: Vec<String> = ledger
        .iter()
        .map(|e| format!("{} {}", e.method, e.path))
        .filter(|k| cov.outcome(k) != Some(Outcome::Passed))
        .collect();
    println!(
        "dc ledger: {} operations implemented, {} of them not passing here",
        ledger.len(),
        not_called.len()
    );
    for k in &not_called {
        println!("  not called: {k}");
    }
    // Prints `dc conformance: N/572 operations exercised`, then failures.
    println!("{}", cov.report());
    println!("dc conformance total time: {:?}", began.elapsed());
    let unexpected: Vec<_> = failures
        .iter()
        .filter(|(k, _)| !KNOWN_FAILURES.iter().any(|(kk, _)| kk == k))
        .collect();
    assert!(
        unexpected.is_empty(),
        "{} operations failed (see report above)",
        unexpected.len()
    );
    for (key, why) in KNOWN_FAILURES {
        assert!(
            failures.iter().any(|(k, _)| k == key),
            "{key} now passes: remove it from KNOWN_FAILURES ({why})"
        );
    }
    assert!(cov.passed() > 0);
}
