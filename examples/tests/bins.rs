//! The binaries end to end: `--demo`, flags and environment, exit codes.

mod support;

use std::process::Command;

use bitbucket_fake::Server;
use support::{clean_command, dc_fake, output, text};

fn bin(name: &str) -> Command {
    let path = match name {
        "token-audit" => env!("CARGO_BIN_EXE_token-audit"),
        "workspace-access" => env!("CARGO_BIN_EXE_workspace-access"),
        "offboard-user" => env!("CARGO_BIN_EXE_offboard-user"),
        other => panic!("unknown binary {other}"),
    };
    clean_command(path, &[])
}

#[tokio::test(flavor = "multi_thread")]
async fn token_audit_demo_prints_csv_and_summary() {
    let mut cmd = bin("token-audit");
    cmd.arg("--demo");
    let out = output(cmd).await;
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(out.status.success(), "{stderr}");
    let mut lines = stdout.lines();
    assert_eq!(
        lines.next(),
        Some("user_slug,token_id,token_name,created,last_authenticated,expiry_days,permissions")
    );
    let rows: Vec<&str> = lines.collect();
    assert!(rows.len() > 2_000, "{} rows", rows.len());
    assert!(rows.windows(2).all(|w| w[0] <= w[1]), "sorted");
    assert!(stderr.contains("users scanned: 2000"), "{stderr}");
    assert!(
        stderr.contains(&format!("tokens: {}", rows.len())),
        "{stderr}"
    );
    assert!(stderr.contains("requests: 2002"), "{stderr}");
    for key in ["users with tokens: ", "retries: 0", "elapsed: "] {
        assert!(stderr.contains(key), "{key} in {stderr}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn token_audit_reads_environment_and_writes_json_to_a_file() {
    let server = dc_fake(9, 30).await;
    let (user, password) = server.admin_credentials();
    let dir = std::env::temp_dir().join(format!("token-audit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("tokens.json");
    let mut cmd = bin("token-audit");
    cmd.env("BITBUCKET_URL", server.url())
        .env("BITBUCKET_USERNAME", &user)
        .env("BITBUCKET_PASSWORD", &password)
        .args(["--format", "json", "--concurrency", "3", "--output"])
        .arg(&file);
    let out = output(cmd).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(v.as_array().unwrap().len(), server.dc_token_count());
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test(flavor = "multi_thread")]
async fn token_audit_bad_password_fails_without_leaking_it() {
    let server = Server::builder().dc_users(3).start().await.unwrap();
    let mut cmd = bin("token-audit");
    cmd.args(["--base-url", server.url(), "--username", "admin"])
        .args(["--password", "canary-wrong-secret"]);
    let out = output(cmd).await;
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("401"), "{stderr}");
    assert!(!stderr.contains("canary-wrong-secret"));
}

/// With retries off and faults on, some users' look-ups fail: they are named on stderr, their
/// rows are absent, and the exit code is 1.
#[tokio::test(flavor = "multi_thread")]
async fn token_audit_names_failed_users_and_exits_non_zero() {
    let server = dc_fake(5, 40).await;
    let (user, password) = server.admin_credentials();
    let slugs: Vec<String> = server.dc_users().into_iter().map(|u| u.slug).collect();
    let mut checked = false;
    for seed in 1..40 {
        server.set_fault_rate(0.3, seed);
        let mut cmd = bin("token-audit");
        cmd.args([
            "--base-url",
            server.url(),
            "--username",
            &user,
            "--password",
            &password,
        ])
        .args(["--max-attempts", "1"]);
        let out = output(cmd).await;
        if out.status.code() == Some(2) {
            continue; // the listing itself was faulted for this seed
        }
        let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains("FAILED: token look-up failed for"),
            "{stderr}"
        );
        let named: Vec<&str> = stderr
            .lines()
            .filter_map(|l| l.strip_prefix("  "))
            .filter_map(|l| l.split(':').next())
            .collect();
        assert!(!named.is_empty());
        for slug in &named {
            assert!(slugs.iter().any(|s| s == slug), "{slug} is a user");
            assert!(!stdout.lines().any(|l| l.starts_with(&format!("{slug},"))));
        }
        checked = true;
        break;
    }
    assert!(checked, "no seed let the listing through");
}

#[tokio::test(flavor = "multi_thread")]
async fn workspace_access_demo_survives_429s() {
    let mut cmd = bin("workspace-access");
    cmd.arg("--demo");
    let out = output(cmd).await;
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(out.status.success(), "{stderr}");
    assert_eq!(
        stdout.lines().next(),
        Some("account_id,display_name,repository,permission")
    );
    assert!(stderr.contains("members: 50"), "{stderr}");
    assert!(stderr.contains("repositories: 200"), "{stderr}");
    assert!(stderr.contains("retries: 5"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn offboard_demo_dry_run_and_apply() {
    let mut cmd = bin("offboard-user");
    cmd.arg("--demo");
    let out = output(cmd).await;
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        stdout.contains("explicit permission(s) to remove"),
        "{stdout}"
    );
    assert!(stdout.contains("  remove "), "{stdout}");
    assert!(stdout.contains("Dry run: nothing was changed"), "{stdout}");

    let mut cmd = bin("offboard-user");
    cmd.args(["--demo", "--apply"]);
    let out = output(cmd).await;
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(stdout.contains("  removed "), "{stdout}");
    assert!(stdout.contains("failed: 0, not attempted: 0"), "{stdout}");
    assert!(
        stdout.contains("demo: planning again finds 0 permission(s) left"),
        "{stdout}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn offboard_against_a_server_is_a_dry_run_unless_applied() {
    let server = Server::cloud().start().await.unwrap();
    let before = server.cloud_permissions("acme").unwrap();
    let user = before[0].account_id.clone();
    let report = std::env::temp_dir().join(format!("offboard-{}.json", std::process::id()));
    let run = |apply: bool| {
        let mut cmd = bin("offboard-user");
        cmd.env("BITBUCKET_URL", format!("{}/2.0", server.url()))
            .env("BITBUCKET_TOKEN", server.admin_token())
            .args(["--workspace", "acme", "--user", &user])
            .args(["--max-requests-per-hour", "0", "--report"])
            .arg(&report);
        if apply {
            cmd.arg("--apply");
        }
        cmd
    };
    let out = output(run(false)).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(server.cloud_permissions("acme").unwrap(), before);
    let plan: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    let planned = plan["removals"].as_array().unwrap().len();
    let held = before.iter().filter(|p| p.account_id == user).count();
    assert_eq!(planned, held);

    let out = output(run(true)).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    let after = server.cloud_permissions("acme").unwrap();
    assert_eq!(after.len(), before.len() - held);
    assert!(after.iter().all(|p| p.account_id != user));
    let applied: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(applied["items"].as_array().unwrap().len(), held);

    let out = output(run(false)).await;
    assert!(text(&out.stdout).contains(": 0 explicit permission(s) to remove"));
    std::fs::remove_file(&report).ok();
}
