//! `workspace-access`: every member of a Cloud workspace and every explicit repository user
//! permission.
//!
//! Members and repositories are listed page by page; each repository's explicit user
//! permissions are fetched with bounded concurrency. Members, repositories and permissions all
//! go through the typed Cloud API (`bitbucket::cloud`). Meant to run under Bitbucket Cloud's
//! 1,000 requests/hour: build the client with a client-side budget
//! ([`bitbucket::cloud::ClientBuilder::rate_limit_per_hour`]) and a retry policy that waits out 429s
//! ([`patient_retry_policy`]).

use std::collections::BTreeMap;
use std::io::Write;
use std::time::{Duration, Instant};

use bitbucket::cloud::prelude::*;
use bitbucket::cloud::{Client as CloudClient, types};
use bitbucket::core::fanout::fan_out;
use bitbucket::{Error, RetryPolicy};
use futures::{StreamExt as _, TryStreamExt as _};
use indicatif::ProgressBar;
use serde::Serialize;

use crate::common::{Format, JobError, credentials_refused, push_failures, write_table};

/// The CSV header, exactly.
pub const CSV_HEADER: [&str; 4] = ["account_id", "display_name", "repository", "permission"];

/// One output row: a member with one explicit repository permission, or a member without any
/// (repository and permission empty).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct AccessRow {
    /// Atlassian account id.
    pub account_id: String,
    /// Display name.
    pub display_name: String,
    /// Repository slug (empty on a member's row without explicit permissions).
    pub repository: String,
    /// `read`, `write` or `admin` (empty with the repository).
    pub permission: String,
}

/// A repository whose permissions could not be read after retries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepoFailure {
    /// Repository slug.
    pub repository: String,
    /// What went wrong.
    pub error: String,
}

/// The outcome of a workspace scan.
#[derive(Debug, Clone, Default)]
pub struct AccessReport {
    /// Rows sorted by account id, then repository.
    pub rows: Vec<AccessRow>,
    /// Members listed.
    pub members: u64,
    /// Repositories listed.
    pub repositories: u64,
    /// Explicit repository permissions found.
    pub permissions: u64,
    /// Repositories whose permissions could not be read.
    pub failures: Vec<RepoFailure>,
    /// HTTP requests sent, retries included.
    pub requests: u64,
    /// Of those, retries (429 and 5xx).
    pub retries: u64,
    /// Time spent waiting on the client-side limiter.
    pub limiter_wait: Duration,
    /// Wall time.
    pub elapsed: Duration,
}

/// The parts of a Cloud user the jobs use.
pub(crate) struct Account {
    pub(crate) account_id: Option<String>,
    pub(crate) uuid: Option<String>,
    pub(crate) display_name: Option<String>,
}

impl Account {
    pub(crate) fn id(&self) -> String {
        self.account_id
            .clone()
            .or_else(|| self.uuid.clone())
            .unwrap_or_default()
    }
}

impl From<types::User> for Account {
    fn from(user: types::User) -> Self {
        Account {
            account_id: user.account_id,
            uuid: user.uuid,
            display_name: user.display_name,
        }
    }
}

/// A retry policy that outlasts Cloud's rate-limit window: 10 attempts, backoff from 2 s up to
/// 5 minutes a wait, 30 minutes in total.
pub fn patient_retry_policy() -> RetryPolicy {
    RetryPolicy::default()
        .max_attempts(10)
        .base_delay(Duration::from_secs(2))
        .max_delay(Duration::from_secs(300))
        .max_total_delay(Duration::from_secs(1_800))
}

/// Lists the workspace's repository slugs with the typed Cloud API
/// (`list_workspace_repositories`), 100 a page, de-duplicated.
pub(crate) fn repositories(
    cloud: &CloudClient,
    workspace: &str,
) -> futures::stream::BoxStream<'static, Result<String, Error>> {
    let slugs = cloud
        .list_workspace_repositories()
        .workspace(workspace)
        .page_size(100)
        .stream()
        .map_ok(|r: types::Repository| repo_slug(&r))
        .boxed();
    unique_by(slugs, String::clone)
}

/// A repository's slug; for a listing without `slug`, the part of `full_name`
/// (`workspace/slug`) after the `/`, else its `{uuid}`, which Cloud paths accept too.
fn repo_slug(r: &types::Repository) -> String {
    r.slug
        .clone()
        .or_else(|| {
            r.full_name
                .as_deref()
                .and_then(|f| f.split_once('/'))
                .map(|(_, slug)| slug.to_owned())
        })
        .or_else(|| r.uuid.clone())
        .unwrap_or_default()
}

/// Drops items whose key was already seen: Cloud page order is not stable, and an item can
/// appear on two pages.
pub(crate) fn unique_by<T, K, F>(
    items: futures::stream::BoxStream<'static, Result<T, Error>>,
    key: F,
) -> futures::stream::BoxStream<'static, Result<T, Error>>
where
    T: Send + 'static,
    K: std::hash::Hash + Eq + Send + 'static,
    F: Fn(&T) -> K + Send + Sync + 'static,
{
    let mut seen = std::collections::HashSet::new();
    items
        .try_filter(move |item| std::future::ready(seen.insert(key(item))))
        .boxed()
}

/// Scans a workspace. Fails when the member or repository listing fails or the credentials are
/// refused; repositories whose permissions cannot be read otherwise are collected in
/// [`AccessReport::failures`].
pub async fn scan(
    client: &CloudClient,
    workspace: &str,
    concurrency: usize,
    progress: &ProgressBar,
) -> Result<AccessReport, Error> {
    let started = Instant::now();
    let before = client.stats();
    let mut report = AccessReport::default();

    let cloud = client.clone();
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    let mut members = cloud
        .list_workspace_members()
        .workspace(workspace)
        .page_size(100)
        .stream();
    while let Some(m) = members.try_next().await? {
        let user = Account::from(*m.user.unwrap_or_default());
        // A member repeated on the next page (unstable page order) is counted once.
        names.insert(user.id(), user.display_name.unwrap_or_default());
    }
    report.members = names.len() as u64;
    progress.set_message(format!("{} members; reading repositories", report.members));

    let ws = workspace.to_owned();
    let perm_cloud = cloud.clone();
    let mut results = fan_out(
        repositories(&cloud, workspace),
        concurrency,
        false,
        move |slug: String| {
            let cloud = perm_cloud.clone();
            let ws = ws.clone();
            async move {
                let perms = repo_permissions(&cloud, &ws, &slug).await;
                Ok((slug, perms))
            }
        },
    );
    let mut with_permissions: std::collections::HashSet<String> = Default::default();
    while let Some(next) = results.next().await {
        let (repo, perms) = next?;
        report.repositories += 1;
        match perms {
            Ok(perms) => {
                for (user, permission) in perms {
                    let id = user.id();
                    let display = names
                        .get(&id)
                        .cloned()
                        .or(user.display_name)
                        .unwrap_or_default();
                    with_permissions.insert(id.clone());
                    report.permissions += 1;
                    report.rows.push(AccessRow {
                        account_id: id,
                        display_name: display,
                        repository: repo.clone(),
                        permission,
                    });
                }
            }
            // Refused credentials fail every later call too: stop at the first.
            Err(e) if credentials_refused(&e) => return Err(e),
            Err(e) => report.failures.push(RepoFailure {
                repository: repo,
                error: e.to_string(),
            }),
        }
        progress.set_message(format!(
            "{} members, {} repositories, {} permissions",
            report.members, report.repositories, report.permissions
        ));
    }
    for (id, name) in names {
        if !with_permissions.contains(&id) {
            report.rows.push(AccessRow {
                account_id: id,
                display_name: name,
                repository: String::new(),
                permission: String::new(),
            });
        }
    }
    report.rows.sort();
    report
        .failures
        .sort_by(|a, b| a.repository.cmp(&b.repository));
    let after = client.stats();
    report.requests = after.requests - before.requests;
    report.retries = after.retries - before.retries;
    report.limiter_wait = after.limiter_wait.saturating_sub(before.limiter_wait);
    report.elapsed = started.elapsed();
    Ok(report)
}

/// One repository's explicit user permissions, typed (`list_repository_user_permissions`),
/// as (account, permission) pairs de-duplicated by account.
async fn repo_permissions(
    cloud: &CloudClient,
    workspace: &str,
    repo: &str,
) -> Result<Vec<(Account, String)>, Error> {
    let perms = cloud
        .list_repository_user_permissions()
        .workspace(workspace)
        .repo_slug(repo)
        .page_size(100)
        .stream()
        .map_ok(|p: types::RepositoryUserPermission| {
            let account = Account::from(*p.user.unwrap_or_default());
            let permission = p.permission.map(|p| p.to_string()).unwrap_or_default();
            (account, permission)
        })
        .boxed();
    unique_by(perms, |(a, _)| a.id()).try_collect().await
}

/// Writes the rows as CSV (header first) or JSON.
pub fn write_rows(rows: &[AccessRow], format: Format, out: &mut dyn Write) -> Result<(), JobError> {
    write_table(rows, &CSV_HEADER, format, out, |w, r| {
        w.write_record([&r.account_id, &r.display_name, &r.repository, &r.permission])
    })
}

/// The summary printed on stderr.
pub fn summary(report: &AccessReport) -> String {
    let mut s = format!(
        "members: {}\nrepositories: {}\nexplicit repository permissions: {}\nrequests: {}\nretries: {}\nlimiter wait: {}\nelapsed: {}\n",
        report.members,
        report.repositories,
        report.permissions,
        report.requests,
        report.retries,
        crate::common::secs(report.limiter_wait),
        crate::common::secs(report.elapsed),
    );
    push_failures(
        &mut s,
        &format!(
            "FAILED: permissions of {} repositories could not be read:",
            report.failures.len()
        ),
        report.failures.iter().map(|f| (&f.repository, &f.error)),
    );
    s
}
