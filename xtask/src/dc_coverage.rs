//! Data Center half of `cargo xtask coverage`: the `bitbucket-dc` endpoint registry compared
//! with the project's spec (`openapi/bitbucket-dc.json`), per area.
//!
//! Each endpoint declares its area in the crate; [`classify`] files a spec path under an area
//! from the path alone, so spec operations the crate lacks are reported under the right area,
//! and the test below keeps both in agreement.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::{Context, Result};
use bitbucket_dc::ledger::{Area, Method};

const SPEC: &str = "openapi/bitbucket-dc.json";

/// Every operation of the spec: `(path template, method)`.
pub fn spec_ops(root: &Path) -> Result<BTreeSet<(String, Method)>> {
    let text =
        std::fs::read_to_string(root.join(SPEC)).with_context(|| format!("reading {SPEC}"))?;
    let spec: serde_json::Value = serde_json::from_str(&text).context("parsing the DC spec")?;
    let paths = spec["paths"]
        .as_object()
        .context("the DC spec has no paths")?;
    let mut ops = BTreeSet::new();
    for (path, item) in paths {
        let item = item.as_object().context("a path item is not an object")?;
        for key in item.keys() {
            if let Some(m) = Method::parse(key) {
                ops.insert((path.clone(), m));
            }
        }
    }
    Ok(ops)
}

/// The registry of `bitbucket-dc`: `(path template, method)` of every implemented endpoint.
fn implemented() -> BTreeSet<(String, Method)> {
    bitbucket_dc::endpoints()
        .iter()
        .map(|ep| (ep.path.to_owned(), ep.method))
        .collect()
}

/// Prints implemented operations per area; fails when the registry names an operation the
/// spec lacks.
pub fn report(root: &Path) -> Result<()> {
    let spec = spec_ops(root)?;
    let implemented = implemented();
    let mut per_area: BTreeMap<Area, (usize, usize)> = BTreeMap::new();
    for op in &spec {
        let row = per_area.entry(classify(&op.0)).or_default();
        row.0 += 1;
        if implemented.contains(op) {
            row.1 += 1;
        }
    }
    println!("Bitbucket Data Center ({SPEC})");
    for area in Area::ALL {
        let (ops, done) = per_area.get(&area).copied().unwrap_or_default();
        println!("  {:<48} {done:>3}/{ops:<3}", area.label());
    }
    let done = spec.iter().filter(|op| implemented.contains(*op)).count();
    println!("DC {done}/{} implemented", spec.len());
    for (path, method) in spec.iter().filter(|op| !implemented.contains(*op)) {
        println!("  missing {method} {path}");
    }
    let unknown: Vec<String> = implemented
        .difference(&spec)
        .map(|(p, m)| format!("{m} {p}"))
        .collect();
    if !unknown.is_empty() {
        anyhow::bail!("registry entries missing from the spec: {unknown:#?}");
    }
    Ok(())
}

/// Assigns a spec path template (relative to the REST root) to an area.
pub fn classify(path: &str) -> Area {
    const REPO: &str = "/api/latest/projects/{projectKey}/repos/{repositorySlug}";
    let starts = |prefixes: &[&str]| prefixes.iter().any(|p| path.starts_with(p));
    let under = |base: &str| is_or_under(path, base);

    if starts(&["/access-tokens/"]) {
        return Area::AccessTokens;
    }
    if starts(&[
        "/api/latest/admin/users",
        "/api/latest/admin/groups",
        "/api/latest/admin/permissions",
        "/api/latest/admin/user-directories",
    ]) {
        return Area::Admin;
    }
    if under("/api/latest/users") || path == "/api/latest/groups" {
        return Area::UsersAndGroups;
    }
    let scoped = |tail: &str| {
        path.starts_with("/api/latest/projects/{projectKey}")
            && (path.contains(&format!("{{projectKey}}{tail}"))
                || path.contains(&format!("{{repositorySlug}}{tail}")))
    };
    if starts(&["/mirroring/"]) {
        return Area::Mirroring;
    }
    if starts(&["/authconfig/", "/tsv/", "/basicauth/", "/csp/", "/audit/"]) {
        return Area::AuthConfig;
    }
    if path.contains("/secret-scanning")
        || starts(&[
            "/api/latest/signing/",
            "/api/latest/system-signing/",
            "/secrets/",
        ])
    {
        return Area::Security;
    }
    if scoped("/settings/")
        || scoped("/hook-scripts")
        || scoped("/settings-restriction")
        || under("/api/latest/hook-scripts")
        || starts(&["/api/latest/hooks/", "/default-tasks/"])
    {
        return Area::Settings;
    }
    if starts(&["/api/latest/admin/"])
        || under("/admin")
        || path == "/api/latest/application-properties"
        || under("/api/latest/logs")
        || starts(&["/api/latest/migration/"])
    {
        return Area::System;
    }
    if starts(&[
        "/ssh/",
        "/keys/",
        "/gpg/",
        "/branch-permissions/",
        "/default-reviewers/",
    ]) {
        return Area::KeysAndRestrictions;
    }
    if starts(&["/build-status/", "/required-builds/", "/insights/"])
        || path == "/api/latest/build/capabilities"
        || path.starts_with(&format!("{REPO}/commits/{{commitId}}/builds"))
    {
        return Area::Builds;
    }
    let pr = path.contains("/pull-requests/{pullRequestId}")
        || path == format!("{REPO}/pull-requests")
        || path == format!("{REPO}/participants")
        || path == format!("{REPO}/commits/{{commitId}}/pull-requests")
        || starts(&[
            "/api/latest/inbox/pull-requests",
            "/api/latest/dashboard/pull-requests",
        ]);
    if pr && !starts(&["/jira/"]) {
        return Area::PullRequests;
    }
    if let Some(rest) = path.strip_prefix(REPO) {
        const REPO_PARTS: &[&str] = &[
            "/archive",
            "/branches",
            "/browse",
            "/changes",
            "/commits",
            "/compare/",
            "/default-branch",
            "/diff",
            "/files",
            "/forks",
            "/labels",
            "/patch",
            "/permissions",
            "/raw/",
            "/related",
            "/tags",
            "/webhooks",
        ];
        let commit_extra = ["/comments", "/deployments", "/watch"];
        if rest.is_empty() {
            return Area::Repositories;
        }
        if commit_extra
            .iter()
            .any(|x| rest.starts_with(&format!("/commits/{{commitId}}{x}")))
        {
            return Area::Other;
        }
        if REPO_PARTS.iter().any(|p| rest.starts_with(p)) {
            return Area::Repositories;
        }
        return Area::Other;
    }
    if path == "/api/latest/projects/{projectKey}/repos"
        || path == "/api/latest/repos"
        || under("/api/latest/labels")
        || path == "/api/latest/profile/recent/repos"
        || (starts(&["/branch-utils/", "/git/"]) && !path.contains("/pull-requests/"))
    {
        return Area::Repositories;
    }
    if path == "/api/latest/projects" {
        return Area::Projects;
    }
    if let Some(rest) = path.strip_prefix("/api/latest/projects/{projectKey}")
        && (rest.is_empty()
            || rest == "/avatar.png"
            || is_or_under(rest, "/permissions")
            || is_or_under(rest, "/webhooks"))
    {
        return Area::Projects;
    }
    Area::Other
}

/// Whether `path` is `base` or lies below it.
fn is_or_under(path: &str, base: &str) -> bool {
    path.strip_prefix(base)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn classifies_paths() {
        let r = "/api/latest/projects/{projectKey}/repos/{repositorySlug}";
        let cases = [
            ("/access-tokens/latest/users/{userSlug}", Area::AccessTokens),
            ("/api/latest/admin/users/rename", Area::Admin),
            ("/api/latest/admin/license", Area::System),
            ("/admin", Area::System),
            ("/api/latest/logs/rootLogger", Area::System),
            ("/api/latest/hook-scripts/{scriptId}", Area::Settings),
            (
                "/api/latest/users/{userSlug}/settings",
                Area::UsersAndGroups,
            ),
            ("/api/latest/groups", Area::UsersAndGroups),
            ("/api/latest/projects", Area::Projects),
            (
                "/api/latest/projects/{projectKey}/webhooks/test",
                Area::Projects,
            ),
            (
                "/api/latest/projects/{projectKey}/settings/hooks",
                Area::Settings,
            ),
            (
                "/api/latest/projects/{projectKey}/repos",
                Area::Repositories,
            ),
            ("/keys/latest/ssh/{keyId}/repos", Area::KeysAndRestrictions),
            (
                "/insights/latest/projects/{projectKey}/repos/{repositorySlug}/commits/{commitId}/reports",
                Area::Builds,
            ),
        ];
        for (p, a) in cases {
            assert_eq!(classify(p), a, "{p}");
        }
        let under_repo = [
            ("", Area::Repositories),
            ("/raw/{path}", Area::Repositories),
            ("/commits/{commitId}/builds", Area::Builds),
            ("/commits/{commitId}/comments", Area::Other),
            ("/pull-requests/{pullRequestId}.diff", Area::PullRequests),
            ("/settings/pull-requests", Area::Settings),
            ("/hook-scripts/{scriptId}", Area::Settings),
        ];
        for (tail, a) in under_repo {
            assert_eq!(classify(&format!("{r}{tail}")), a, "{r}{tail}");
        }
    }

    /// The one reconciliation of the crate's registry with the spec: every spec operation is
    /// implemented exactly once, nothing else is, and each endpoint's declared area is the one
    /// [`classify`] gives its path.
    #[test]
    fn registry_equals_the_spec_and_areas_agree() {
        let spec = spec_ops(&crate::workspace_root()).expect("spec");
        assert_eq!(spec.len(), 572, "the DC 10.4 spec has 572 operations");
        let mut seen = HashSet::new();
        for ep in bitbucket_dc::endpoints() {
            assert!(seen.insert((ep.method, ep.path)), "declared twice: {ep}");
            assert!(
                spec.contains(&(ep.path.to_owned(), ep.method)),
                "not in the spec: {ep}"
            );
            assert_eq!(classify(ep.path), ep.area, "area of {ep}");
        }
        let missing: Vec<String> = spec
            .iter()
            .filter(|(p, m)| !seen.contains(&(*m, p.as_str())))
            .map(|(p, m)| format!("{m} {p}"))
            .collect();
        assert!(missing.is_empty(), "not implemented: {missing:#?}");
        assert_eq!(seen.len(), 572);

        // Operation counts per area (a changed spec or rule shows up here).
        let mut counts: BTreeMap<Area, usize> = BTreeMap::new();
        for (p, _) in &spec {
            *counts.entry(classify(p)).or_default() += 1;
        }
        let some = [
            Area::Repositories,
            Area::PullRequests,
            Area::Builds,
            Area::KeysAndRestrictions,
        ]
        .map(|a| counts[&a]);
        assert_eq!(some, [71, 53, 21, 40]);
    }
}
