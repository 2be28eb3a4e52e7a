//! `offboard-user`: find and remove one person's explicit repository and project permissions
//! across a Cloud workspace.
//!
//! [`plan`] reads only: for every repository and project it asks whether the person holds an
//! explicit permission there (typed Cloud API: `get_repository_user_permission`,
//! `get_project_user_permission`, and `get_workspace_member` for the member look-up).
//! [`apply`] removes the planned permissions one by one and stops at the first failure, so its
//! [`ApplyReport`] says exactly what was removed, what failed and what was not tried. A
//! permission that is already gone counts as done, so running again is safe and, once
//! everything is removed, plans nothing.

use std::fmt;

use bitbucket::Error;
use bitbucket::cloud::prelude::*;
use bitbucket::cloud::{Client as CloudClient, types};
use bitbucket::core::fanout::fan_out;
use bitbucket::core::reqwest::StatusCode;
use futures::{StreamExt as _, TryStreamExt as _};
use indicatif::ProgressBar;
use serde::Serialize;

use crate::workspace_access::{Account, repositories, unique_by};

/// What a permission applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TargetKind {
    /// A repository (by slug).
    Repository,
    /// A project (by key).
    Project,
}

impl fmt::Display for TargetKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TargetKind::Repository => "repository",
            TargetKind::Project => "project",
        })
    }
}

/// One explicit permission to remove.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Removal {
    /// Repository or project.
    pub kind: TargetKind,
    /// Repository slug or project key.
    pub target: String,
    /// The permission held (`read`, `write`, `admin`).
    pub permission: String,
}

/// What [`plan`] found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Plan {
    /// Workspace slug.
    pub workspace: String,
    /// The id used in API paths (the account id when the member was found).
    pub user_id: String,
    /// Display name, when the person is still a member.
    pub display_name: Option<String>,
    /// Repositories checked.
    pub repositories_checked: u64,
    /// Projects checked.
    pub projects_checked: u64,
    /// Permissions to remove: repositories first, then projects, each sorted.
    pub removals: Vec<Removal>,
}

/// The outcome of one planned removal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", content = "error", rename_all = "snake_case")]
pub enum Outcome {
    /// Deleted by this run.
    Removed,
    /// Already gone when this run tried (removed elsewhere or by an earlier run).
    AlreadyGone,
    /// The delete failed after retries; the permission may still be in place.
    Failed(String),
    /// Not tried because an earlier removal failed.
    NotAttempted,
}

/// What [`apply`] did, item by item, in plan order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApplyReport {
    /// Workspace slug.
    pub workspace: String,
    /// The person.
    pub user_id: String,
    /// Every planned removal and its outcome.
    pub items: Vec<(Removal, Outcome)>,
}

impl ApplyReport {
    /// Whether every planned permission is now gone.
    pub fn complete(&self) -> bool {
        self.items
            .iter()
            .all(|(_, o)| matches!(o, Outcome::Removed | Outcome::AlreadyGone))
    }

    /// How many items ended with `outcome`'s variant.
    pub fn count(&self, pred: impl Fn(&Outcome) -> bool) -> usize {
        self.items.iter().filter(|(_, o)| pred(o)).count()
    }
}

fn is_not_found(e: &Error) -> bool {
    e.status() == Some(StatusCode::NOT_FOUND)
}

/// Turns a 404 (no explicit permission) into `None`.
fn found<T>(result: Result<T, Error>) -> Result<Option<T>, Error> {
    match result {
        Ok(v) => Ok(Some(v)),
        Err(e) if is_not_found(&e) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The explicit permission `user` holds on a repository, if any (typed
/// `get_repository_user_permission`).
async fn repo_permission(
    cloud: &CloudClient,
    workspace: &str,
    repo: &str,
    user: &str,
) -> Result<Option<String>, Error> {
    let held = cloud
        .get_repository_user_permission()
        .workspace(workspace)
        .repo_slug(repo)
        .selected_user_id(user)
        .send()
        .await;
    Ok(found(held)?.map(|p| p.permission.map(|p| p.to_string()).unwrap_or_default()))
}

/// The explicit permission `user` holds on a project, if any (typed
/// `get_project_user_permission`).
async fn project_permission(
    cloud: &CloudClient,
    workspace: &str,
    key: &str,
    user: &str,
) -> Result<Option<String>, Error> {
    let held = cloud
        .get_project_user_permission()
        .workspace(workspace)
        .project_key(key)
        .selected_user_id(user)
        .send()
        .await;
    Ok(found(held)?.map(|p| p.permission.map(|p| p.to_string()).unwrap_or_default()))
}

/// Finds every explicit repository and project permission `user` (account id or `{uuid}`)
/// holds in `workspace`. Sends only GETs.
pub async fn plan(
    client: &CloudClient,
    workspace: &str,
    user: &str,
    concurrency: usize,
    progress: &ProgressBar,
) -> Result<Plan, Error> {
    let cloud = client.clone();
    let member = cloud
        .get_workspace_member()
        .workspace(workspace)
        .member(user)
        .send()
        .await;
    let (user_id, display_name) = match member {
        Ok(m) => {
            let m = Account::from(*m.user.unwrap_or_default());
            (
                m.account_id.unwrap_or_else(|| user.to_owned()),
                m.display_name,
            )
        }
        // Already removed from the workspace: explicit permissions may remain.
        Err(e) if is_not_found(&e) => (user.to_owned(), None),
        Err(e) => return Err(e),
    };

    let mut plan = Plan {
        workspace: workspace.to_owned(),
        user_id: user_id.clone(),
        display_name,
        repositories_checked: 0,
        projects_checked: 0,
        removals: Vec::new(),
    };

    progress.set_message("checking repositories");
    let (c, ws, uid) = (cloud.clone(), workspace.to_owned(), user_id.clone());
    let mut repos = fan_out(
        repositories(&cloud, workspace),
        concurrency,
        false,
        move |slug: String| {
            let (c, ws, uid) = (c.clone(), ws.clone(), uid.clone());
            async move {
                let held = repo_permission(&c, &ws, &slug, &uid).await?;
                Ok((slug, held))
            }
        },
    );
    while let Some((slug, perm)) = repos.try_next().await? {
        plan.repositories_checked += 1;
        if let Some(permission) = perm {
            plan.removals.push(Removal {
                kind: TargetKind::Repository,
                target: slug,
                permission,
            });
        }
    }

    progress.set_message("checking projects");
    let projects = cloud
        .list_projects()
        .workspace(workspace)
        .page_size(100)
        .stream()
        .map_ok(|p: types::Project| p.key.unwrap_or_default())
        .boxed();
    let (c, ws, uid) = (cloud.clone(), workspace.to_owned(), user_id.clone());
    let mut projects = fan_out(
        unique_by(projects, String::clone),
        concurrency,
        false,
        move |key: String| {
            let (c, ws, uid) = (c.clone(), ws.clone(), uid.clone());
            async move {
                let held = project_permission(&c, &ws, &key, &uid).await?;
                Ok((key, held))
            }
        },
    );
    while let Some((key, perm)) = projects.try_next().await? {
        plan.projects_checked += 1;
        if let Some(permission) = perm {
            plan.removals.push(Removal {
                kind: TargetKind::Project,
                target: key,
                permission,
            });
        }
    }
    plan.removals.sort();
    Ok(plan)
}

/// Removes the planned permissions in order, stopping at the first failure.
pub async fn apply(client: &CloudClient, plan: &Plan, progress: &ProgressBar) -> ApplyReport {
    let cloud = client.clone();
    let mut items = Vec::with_capacity(plan.removals.len());
    let mut failed = false;
    for (i, r) in plan.removals.iter().enumerate() {
        if failed {
            items.push((r.clone(), Outcome::NotAttempted));
            continue;
        }
        progress.set_message(format!(
            "removing {}/{}: {} {}",
            i + 1,
            plan.removals.len(),
            r.kind,
            r.target
        ));
        let result = match r.kind {
            TargetKind::Repository => {
                cloud
                    .delete_repository_user_permission()
                    .workspace(&plan.workspace)
                    .repo_slug(&r.target)
                    .selected_user_id(&plan.user_id)
                    .send()
                    .await
            }
            TargetKind::Project => {
                cloud
                    .delete_project_user_permission()
                    .workspace(&plan.workspace)
                    .project_key(&r.target)
                    .selected_user_id(&plan.user_id)
                    .send()
                    .await
            }
        };
        let outcome = match result {
            Ok(()) => Outcome::Removed,
            Err(e) if is_not_found(&e) => Outcome::AlreadyGone,
            Err(e) => {
                failed = true;
                Outcome::Failed(e.to_string())
            }
        };
        items.push((r.clone(), outcome));
    }
    ApplyReport {
        workspace: plan.workspace.clone(),
        user_id: plan.user_id.clone(),
        items,
    }
}

/// The plan as text for stdout.
pub fn render_plan(plan: &Plan) -> String {
    let who = match &plan.display_name {
        Some(name) => format!("{name} ({})", plan.user_id),
        None => format!("{} (not a member of the workspace)", plan.user_id),
    };
    let mut s = format!(
        "Plan for {who} in workspace {}: {} explicit permission(s) to remove ({} repositories and {} projects checked)\n",
        plan.workspace,
        plan.removals.len(),
        plan.repositories_checked,
        plan.projects_checked
    );
    for r in &plan.removals {
        s.push_str(&format!(
            "  remove {:<10} {:<30} {}\n",
            r.kind, r.target, r.permission
        ));
    }
    s
}

/// The apply report as text.
pub fn render_report(report: &ApplyReport) -> String {
    let mut s = String::new();
    for (r, o) in &report.items {
        let (label, detail) = match o {
            Outcome::Removed => ("removed", String::new()),
            Outcome::AlreadyGone => ("already gone", String::new()),
            Outcome::Failed(e) => ("FAILED", format!(": {e}")),
            Outcome::NotAttempted => ("not attempted", String::new()),
        };
        s.push_str(&format!(
            "  {label:<13} {:<10} {:<30} {}{detail}\n",
            r.kind, r.target, r.permission
        ));
    }
    s.push_str(&format!(
        "removed: {}, already gone: {}, failed: {}, not attempted: {}\n",
        report.count(|o| *o == Outcome::Removed),
        report.count(|o| *o == Outcome::AlreadyGone),
        report.count(|o| matches!(o, Outcome::Failed(_))),
        report.count(|o| *o == Outcome::NotAttempted),
    ));
    s
}
