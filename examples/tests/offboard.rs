//! offboard-user against the fake Cloud: dry run, apply, idempotence, failure midway.

mod support;

use std::collections::BTreeSet;

use bitbucket_examples::offboard::{Outcome, Plan, Removal, TargetKind, apply, plan};
use bitbucket_fake::{CloudPermission, PermissionTarget, Server};
use indicatif::ProgressBar;
use support::{cloud_builder, fast_retry};

fn workspace() -> bitbucket_fake::ServerBuilder {
    Server::builder()
        .seed(31)
        .cloud_workspace_with("acme", {
            let mut spec = bitbucket_fake::WorkspaceSpec::new(6, 140);
            spec.projects = 3;
            spec.repo_permissions = 1..=4;
            spec.project_permissions = 1..=3;
            spec
        })
        .cloud_workspace("other", 6, 10)
}

fn held_by(server: &Server, ws: &str, account: &str) -> BTreeSet<Removal> {
    server
        .cloud_permissions(ws)
        .unwrap()
        .into_iter()
        .filter(|p| p.account_id == account)
        .map(|p| match p.target {
            PermissionTarget::Repository(t) => Removal {
                kind: TargetKind::Repository,
                target: t,
                permission: p.permission,
            },
            PermissionTarget::Project(t) => Removal {
                kind: TargetKind::Project,
                target: t,
                permission: p.permission,
            },
        })
        .collect()
}

/// The member holding the most explicit permissions in `ws`.
fn busiest(server: &Server, ws: &str) -> String {
    let perms: Vec<CloudPermission> = server.cloud_permissions(ws).unwrap();
    let mut ids: Vec<String> = perms.iter().map(|p| p.account_id.clone()).collect();
    ids.sort();
    ids.dedup();
    ids.into_iter()
        .max_by_key(|id| perms.iter().filter(|p| &p.account_id == id).count())
        .unwrap()
}

async fn plan_for(server: &Server, user: &str) -> Plan {
    let client = cloud_builder(server, fast_retry()).build().unwrap();
    plan(&client, "acme", user, 4, &ProgressBar::hidden())
        .await
        .expect("plan")
}

#[tokio::test]
async fn dry_run_changes_nothing_apply_removes_exactly_the_plan_and_a_rerun_plans_nothing() {
    let server = workspace().start().await.unwrap();
    let user = busiest(&server, "acme");
    // Make sure the person also holds a project permission (and one in another workspace).
    assert!(server.grant_cloud_permission(
        "acme",
        &PermissionTarget::Project("P002".into()),
        &user,
        "admin"
    ));
    let other_member = server.cloud_members("other").unwrap()[0].account_id.clone();
    assert!(server.grant_cloud_permission(
        "other",
        &PermissionTarget::Repository("repo-0001".into()),
        &other_member,
        "write"
    ));
    let before_all = server.cloud_permissions("acme").unwrap();
    let other_before = server.cloud_permissions("other").unwrap();
    let held = held_by(&server, "acme", &user);
    assert!(held.len() >= 3, "seed gives a busy user: {held:?}");
    assert!(held.iter().any(|r| r.kind == TargetKind::Project));

    // Dry run: the plan is exactly what the person holds, and nothing changes.
    let p = plan_for(&server, &user).await;
    assert_eq!(p.removals.iter().cloned().collect::<BTreeSet<_>>(), held);
    assert_eq!(p.removals.len(), held.len());
    assert_eq!(p.repositories_checked, 140);
    assert_eq!(p.projects_checked, 3);
    assert_eq!(
        p.display_name.as_deref().map(|n| n.starts_with("Member ")),
        Some(true)
    );
    assert_eq!(server.cloud_permissions("acme").unwrap(), before_all);

    // Apply: exactly the planned permissions are gone, everything else stays.
    let client = cloud_builder(&server, fast_retry()).build().unwrap();
    let report = apply(&client, &p, &ProgressBar::hidden()).await;
    assert!(report.complete());
    assert_eq!(report.count(|o| *o == Outcome::Removed), held.len());
    let after: Vec<CloudPermission> = server.cloud_permissions("acme").unwrap();
    let expected: Vec<CloudPermission> = before_all
        .iter()
        .filter(|q| q.account_id != user)
        .cloned()
        .collect();
    assert_eq!(after, expected);
    assert_eq!(server.cloud_permissions("other").unwrap(), other_before);

    // Second run: nothing to do; applying the old plan again changes nothing and is not an error.
    let again = plan_for(&server, &user).await;
    assert!(again.removals.is_empty(), "{:?}", again.removals);
    let replay = apply(&client, &p, &ProgressBar::hidden()).await;
    assert!(replay.complete());
    assert_eq!(replay.count(|o| *o == Outcome::AlreadyGone), held.len());
    assert_eq!(server.cloud_permissions("acme").unwrap(), expected);
}

#[tokio::test]
async fn plan_accepts_uuid_and_unknown_people() {
    let server = workspace().start().await.unwrap();
    let user = busiest(&server, "acme");
    let member = server
        .cloud_members("acme")
        .unwrap()
        .into_iter()
        .find(|m| m.account_id == user)
        .unwrap();
    let by_uuid = plan_for(&server, &member.uuid).await;
    assert_eq!(by_uuid.user_id, user);
    assert_eq!(
        by_uuid.removals.len(),
        held_by(&server, "acme", &user).len()
    );
    let nobody = plan_for(&server, "557058:not-a-member").await;
    assert!(nobody.removals.is_empty());
    assert_eq!(nobody.display_name, None);
}

/// Faults with retries off make a removal fail midway: the report tells removed, failed and
/// not attempted apart, the fake agrees, and a clean re-run plans exactly what is left.
#[tokio::test]
async fn failure_midway_leaves_an_exact_report() {
    let mut checked = false;
    for seed in 1..40 {
        let server = workspace().start().await.unwrap();
        let user = busiest(&server, "acme");
        let p = plan_for(&server, &user).await;
        server.set_fault_rate(0.4, seed);
        let client = cloud_builder(&server, bitbucket::RetryPolicy::disabled())
            .build()
            .unwrap();
        let report = apply(&client, &p, &ProgressBar::hidden()).await;
        server.set_fault_rate(0.0, 0);
        let removed: Vec<&Removal> = report
            .items
            .iter()
            .filter(|(_, o)| *o == Outcome::Removed)
            .map(|(r, _)| r)
            .collect();
        let failed = report
            .items
            .iter()
            .position(|(_, o)| matches!(o, Outcome::Failed(_)));
        let Some(failed) = failed else { continue };
        if removed.is_empty() {
            continue;
        }
        assert!(!report.complete());
        // Everything before the failure was removed, everything after was not tried.
        assert!(
            report.items[..failed]
                .iter()
                .all(|(_, o)| *o == Outcome::Removed)
        );
        assert!(
            report.items[failed + 1..]
                .iter()
                .all(|(_, o)| *o == Outcome::NotAttempted)
        );
        if let (_, Outcome::Failed(msg)) = &report.items[failed] {
            assert!(msg.contains("50"), "{msg}");
        }
        let left = held_by(&server, "acme", &user);
        let not_removed: BTreeSet<Removal> = report.items[failed..]
            .iter()
            .map(|(r, _)| r.clone())
            .collect();
        assert_eq!(left, not_removed);
        let rerun = plan_for(&server, &user).await;
        assert_eq!(
            rerun.removals.into_iter().collect::<BTreeSet<_>>(),
            not_removed
        );
        checked = true;
        break;
    }
    assert!(checked, "no seed failed midway");
}
