//! `offboard-user --email` end to end against the fake (Cloud permissions + SCIM directory):
//! the dry run changes nothing, `--apply --deactivate` removes the planned permissions and
//! deactivates the account, a second run plans nothing, and the SCIM key never shows.

mod support;

use std::process::{Command, Output};

use bitbucket_fake::{PermissionTarget, Server};
use serde_json::Value;
use support::{clean_command, output, text};

const KEY: &str = "scim-key-CANARY-e2e-41";

fn bin() -> Command {
    clean_command(
        env!("CARGO_BIN_EXE_offboard-user"),
        &[
            "BITBUCKET_SCIM_KEY",
            "BITBUCKET_SCIM_DIRECTORY",
            "BITBUCKET_SCIM_URL",
        ],
    )
}

async fn server() -> Server {
    Server::builder()
        .seed(5)
        .cloud_workspace("acme", 8, 30)
        .scim_directory("dir-e2e", KEY)
        .start()
        .await
        .unwrap()
}

/// The member holding the most explicit permissions, and their SCIM email.
fn busiest(server: &Server) -> (String, String) {
    let perms = server.cloud_permissions("acme").unwrap();
    let account = server
        .cloud_members("acme")
        .unwrap()
        .into_iter()
        .map(|m| m.account_id)
        .max_by_key(|id| perms.iter().filter(|p| &p.account_id == id).count())
        .unwrap();
    let email = server.scim_user_for_account(&account).unwrap().email;
    (account, email)
}

fn held(server: &Server, account: &str) -> usize {
    server
        .cloud_permissions("acme")
        .unwrap()
        .iter()
        .filter(|p| p.account_id == account)
        .count()
}

fn command(server: &Server, email: &str, extra: &[&str]) -> Command {
    let mut cmd = bin();
    cmd.env("BITBUCKET_URL", server.url())
        .env("BITBUCKET_TOKEN", server.admin_token())
        .env("BITBUCKET_SCIM_KEY", KEY)
        .args(["--workspace", "acme", "--email", email])
        .args(["--scim-directory", server.scim_directory()])
        .args(["--scim-url", server.url()])
        .args(extra);
    cmd
}

fn assert_no_key(out: &Output, report: Option<&std::path::Path>) {
    let mut all = text(&out.stdout) + &text(&out.stderr);
    if let Some(p) = report {
        all += &std::fs::read_to_string(p).unwrap();
    }
    assert!(!all.contains(KEY) && !all.contains("CANARY"), "{all}");
}

#[tokio::test(flavor = "multi_thread")]
async fn email_dry_run_then_apply_with_deactivate_then_nothing_left() {
    let server = server().await;
    let (account, email) = busiest(&server);
    // One project permission too, so both kinds are in the plan.
    assert!(server.grant_cloud_permission(
        "acme",
        &PermissionTarget::Project("P001".into()),
        &account,
        "admin"
    ));
    let before = server.cloud_permissions("acme").unwrap();
    let count = held(&server, &account);
    assert!(count >= 2, "{count}");
    let dir = std::env::temp_dir().join(format!("offboard-email-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();

    // Dry run: the plan names the account, says deactivation is organisation-wide, changes
    // nothing.
    let plan_file = dir.join("plan.json");
    let mut cmd = command(
        &server,
        &email.to_uppercase(),
        &["--deactivate", "--report"],
    );
    cmd.arg(&plan_file);
    let out = output(cmd).await;
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        stdout.contains(&format!("Atlassian account {account}")),
        "{stdout}"
    );
    assert!(stdout.contains("ORGANISATION-WIDE"), "{stdout}");
    assert!(
        stdout.contains(&format!("{count} explicit permission(s) to remove")),
        "{stdout}"
    );
    assert!(stdout.contains("Dry run: nothing was changed"), "{stdout}");
    assert_eq!(server.cloud_permissions("acme").unwrap(), before);
    assert!(server.scim_user_for_account(&account).unwrap().active);
    let plan: Value = serde_json::from_slice(&std::fs::read(&plan_file).unwrap()).unwrap();
    assert_eq!(plan["account"]["account_id"], account.as_str());
    assert_eq!(plan["plan"]["removals"].as_array().unwrap().len(), count);
    assert_no_key(&out, Some(&plan_file));

    // Apply with --deactivate: the permissions go, the account is deactivated, the report
    // lists every step.
    let report_file = dir.join("report.json");
    let mut cmd = command(&server, &email, &["--deactivate", "--apply", "--report"]);
    cmd.arg(&report_file);
    let out = output(cmd).await;
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(held(&server, &account), 0);
    let expected: Vec<_> = before
        .iter()
        .filter(|p| p.account_id != account)
        .cloned()
        .collect();
    assert_eq!(server.cloud_permissions("acme").unwrap(), expected);
    assert!(!server.scim_user_for_account(&account).unwrap().active);
    assert_eq!(
        server.scim_users().iter().filter(|u| !u.active).count(),
        1,
        "only this account"
    );
    assert_eq!(stdout.matches("  removed ").count(), count, "{stdout}");
    assert!(stdout.contains("deactivated"), "{stdout}");
    assert!(
        stdout.contains(&format!("removed: {count}, already gone: 0, failed: 0")),
        "{stdout}"
    );
    let report: Value = serde_json::from_slice(&std::fs::read(&report_file).unwrap()).unwrap();
    assert_eq!(report["deactivation"]["outcome"], "deactivated");
    let items = report["permissions"]["items"].as_array().unwrap();
    assert_eq!(items.len(), count);
    assert!(
        items.iter().all(|i| i[1]["outcome"] == "removed"),
        "{items:?}"
    );
    assert_no_key(&out, Some(&report_file));

    // Second run: nothing to remove, the account is already inactive.
    let out = output(command(&server, &email, &["--deactivate", "--apply"])).await;
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        stdout.contains("0 explicit permission(s) to remove"),
        "{stdout}"
    );
    assert!(stdout.contains("already inactive"), "{stdout}");
    assert!(!stdout.contains("  removed "), "{stdout}");
    assert_no_key(&out, None);
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_email_and_wrong_key_fail_cleanly_without_the_key() {
    let server = server().await;
    let before = server.cloud_permissions("acme").unwrap();
    let out = output(command(&server, "nobody@example.com", &["--apply"])).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no user of the SCIM directory"));
    assert_no_key(&out, None);

    let (_, email) = busiest(&server);
    let mut cmd = command(&server, &email, &["--apply"]);
    cmd.env("BITBUCKET_SCIM_KEY", "wrong-CANARY-key");
    let out = output(cmd).await;
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("401"), "{stderr}");
    assert!(stderr.contains("directory's API key"), "{stderr}");
    assert!(!stderr.contains("wrong-CANARY-key"), "{stderr}");
    assert_eq!(server.cloud_permissions("acme").unwrap(), before);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_account_id_still_works_without_scim() {
    let server = server().await;
    let (account, _) = busiest(&server);
    let count = held(&server, &account);
    let mut cmd = bin();
    cmd.env("BITBUCKET_URL", server.url())
        .env("BITBUCKET_TOKEN", server.admin_token())
        .args(["--workspace", "acme", "--user", &account, "--apply"]);
    let out = output(cmd).await;
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!stdout.contains("SCIM"), "{stdout}");
    assert_eq!(stdout.matches("  removed ").count(), count, "{stdout}");
    assert_eq!(held(&server, &account), 0);
    assert!(server.scim_user_for_account(&account).unwrap().active);
}
