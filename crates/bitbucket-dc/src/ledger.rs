//! The endpoint ledger: every operation this crate implements, declared once.
//!
//! Each area module declares its endpoints with the crate-internal `endpoints!` macro: an HTTP
//! method, the path template exactly as the Data Center 10.4 spec writes it (relative to the
//! REST root, e.g. `/api/latest/users/{userSlug}`), and the [`Area`] it belongs to. Request
//! builders fill that same template, so what the ledger claims and what the code sends cannot
//! drift apart. [`all`] lists every declared endpoint; a test checks each one against the
//! project's `openapi/bitbucket-dc.json`, and the `coverage` example compares the ledger to
//! the spec per area.

use std::fmt;

/// HTTP methods used by the Data Center REST API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `DELETE`
    Delete,
    /// `PATCH`
    Patch,
}

impl Method {
    /// The method name in upper case, as HTTP writes it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
            Method::Patch => "PATCH",
        }
    }

    /// Parses an OpenAPI operation key (`get`, `post`, ...) or an HTTP method name.
    pub fn parse(name: &str) -> Option<Method> {
        match name.to_ascii_uppercase().as_str() {
            "GET" => Some(Method::Get),
            "POST" => Some(Method::Post),
            "PUT" => Some(Method::Put),
            "DELETE" => Some(Method::Delete),
            "PATCH" => Some(Method::Patch),
            _ => None,
        }
    }

    /// The matching `reqwest` method.
    pub fn to_reqwest(self) -> reqwest::Method {
        match self {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Delete => reqwest::Method::DELETE,
            Method::Patch => reqwest::Method::PATCH,
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The feature areas used to report coverage (the numbering follows the project's DC issue).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Area {
    /// 1. User, project and repository HTTP access tokens.
    AccessTokens,
    /// 2. Administration of users, groups and global permissions.
    Admin,
    /// 3. Users and groups as seen by any user (lookup, settings, avatars).
    UsersAndGroups,
    /// 4. Projects: CRUD, avatar, permissions, webhooks.
    Projects,
    /// 5. Repositories: CRUD, forks, permissions, webhooks, refs, commits, diffs, content, labels.
    Repositories,
    /// 6. Pull requests and everything hanging off them.
    PullRequests,
    /// 7. Build status, required builds, Code Insights.
    Builds,
    /// 8. SSH and GPG keys, branch permissions, default reviewers.
    KeysAndRestrictions,
    /// Project and repository settings: hooks, hook scripts, merge and auto-decline settings,
    /// reviewer groups, settings restrictions.
    Settings,
    /// System administration: license, mail server, banner, rate limits, logging, cluster,
    /// application properties, global settings.
    System,
    /// Secret scanning, commit signing certificates, secrets key rotation.
    Security,
    /// Smart mirroring (upstream and mirror side).
    Mirroring,
    /// Authentication configuration: identity providers, SSO, two-step verification, basic
    /// auth, content security policy, audit settings.
    AuthConfig,
    /// Everything else (Jira, indexing, repository extras, ...).
    Other,
}

impl Area {
    /// All areas, in report order.
    pub const ALL: [Area; 14] = [
        Area::AccessTokens,
        Area::Admin,
        Area::UsersAndGroups,
        Area::Projects,
        Area::Repositories,
        Area::PullRequests,
        Area::Builds,
        Area::KeysAndRestrictions,
        Area::Settings,
        Area::System,
        Area::Security,
        Area::Mirroring,
        Area::AuthConfig,
        Area::Other,
    ];

    /// A short label for reports.
    pub const fn label(self) -> &'static str {
        match self {
            Area::AccessTokens => "1 access tokens",
            Area::Admin => "2 admin users/groups/permissions",
            Area::UsersAndGroups => "3 users and groups",
            Area::Projects => "4 projects",
            Area::Repositories => "5 repositories",
            Area::PullRequests => "6 pull requests",
            Area::Builds => "7 builds and insights",
            Area::KeysAndRestrictions => "8 keys, branch permissions, default reviewers",
            Area::Settings => "+ project/repository settings and hooks",
            Area::System => "+ system administration, migration",
            Area::Security => "+ secret scanning, signing",
            Area::Mirroring => "+ smart mirroring",
            Area::AuthConfig => "+ authentication configuration, 2SV",
            Area::Other => "other",
        }
    }

    /// Assigns a spec path template (relative to the REST root) to an area.
    ///
    /// This is the single rule used both for the coverage report and for checking that each
    /// ledger entry is filed under the right area.
    pub fn classify(path: &str) -> Area {
        const REPO: &str = "/api/latest/projects/{projectKey}/repos/{repositorySlug}";
        let starts = |prefixes: &[&str]| prefixes.iter().any(|p| path.starts_with(p));
        let is_or_under = |base: &str| {
            path == base
                || path
                    .strip_prefix(base)
                    .is_some_and(|rest| rest.starts_with('/'))
        };

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
        if is_or_under("/api/latest/users") || path == "/api/latest/groups" {
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
            || is_or_under("/api/latest/hook-scripts")
            || starts(&["/api/latest/hooks/", "/default-tasks/"])
        {
            return Area::Settings;
        }
        if starts(&["/api/latest/admin/"])
            || is_or_under("/admin")
            || path == "/api/latest/application-properties"
            || is_or_under("/api/latest/logs")
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
            if rest.starts_with("/commits/{commitId}/")
                && commit_extra
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
            || is_or_under("/api/latest/labels")
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
                || is_or_under_rest(rest, "/permissions")
                || is_or_under_rest(rest, "/webhooks"))
        {
            return Area::Projects;
        }
        Area::Other
    }
}

fn is_or_under_rest(rest: &str, base: &str) -> bool {
    rest == base
        || rest
            .strip_prefix(base)
            .is_some_and(|tail| tail.starts_with('/'))
}

impl fmt::Display for Area {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One implemented operation: method, spec path template and area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Endpoint {
    /// HTTP method.
    pub method: Method,
    /// Path template exactly as in the spec, relative to the REST root.
    pub path: &'static str,
    /// Area the operation is reported under.
    pub area: Area,
}

impl Endpoint {
    /// Declares an endpoint.
    pub const fn new(method: Method, path: &'static str, area: Area) -> Self {
        Endpoint { method, path, area }
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.path)
    }
}

/// Declares the endpoints of one module as `pub(crate)` constants plus an `ENDPOINTS` list.
///
/// ```ignore
/// endpoints! {
///     area: AccessTokens;
///     USER_LIST = Get "/access-tokens/latest/users/{userSlug}";
/// }
/// ```
macro_rules! endpoints {
    (area: $area:ident; $( $name:ident = $method:ident $path:literal; )+ ) => {
        $(
            pub(crate) const $name: $crate::ledger::Endpoint = $crate::ledger::Endpoint::new(
                $crate::ledger::Method::$method,
                $path,
                $crate::ledger::Area::$area,
            );
        )+
        /// Every endpoint this module implements.
        pub(crate) const ENDPOINTS: &[$crate::ledger::Endpoint] = &[ $( $name ),+ ];
    };
}
pub(crate) use endpoints;

/// Every endpoint this crate implements, across all areas.
pub fn all() -> Vec<Endpoint> {
    let lists: &[&[Endpoint]] = &[
        crate::access_tokens::ENDPOINTS,
        crate::admin::ENDPOINTS,
        crate::users::ENDPOINTS,
        crate::projects::ENDPOINTS,
        crate::permissions::project_eps::ENDPOINTS,
        crate::permissions::repo_eps::ENDPOINTS,
        crate::webhooks::project_eps::ENDPOINTS,
        crate::webhooks::repo_eps::ENDPOINTS,
        crate::settings::project_eps::ENDPOINTS,
        crate::settings::repo_eps::ENDPOINTS,
        crate::settings::global_eps::ENDPOINTS,
        crate::system::ENDPOINTS,
        crate::secret_scanning::ENDPOINTS,
        crate::default_tasks::ENDPOINTS,
        crate::signing::ENDPOINTS,
        crate::migration::ENDPOINTS,
        crate::mirroring::ENDPOINTS,
        crate::auth_config::ENDPOINTS,
        crate::repo_extras::ENDPOINTS,
        crate::integrations::ENDPOINTS,
        crate::repos::ENDPOINTS,
        crate::branches::ENDPOINTS,
        crate::commits::ENDPOINTS,
        crate::content::ENDPOINTS,
        crate::pull_requests::ENDPOINTS,
        crate::builds::ENDPOINTS,
        crate::insights::ENDPOINTS,
        crate::keys::ENDPOINTS,
        crate::branch_permissions::ENDPOINTS,
        crate::default_reviewers::ENDPOINTS,
    ];
    lists.iter().flat_map(|l| l.iter().copied()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
            assert_eq!(Area::classify(p), a, "{p}");
        }
        assert_eq!(Area::classify(r), Area::Repositories);
        assert_eq!(
            Area::classify(&format!("{r}/raw/{{path}}")),
            Area::Repositories
        );
        assert_eq!(
            Area::classify(&format!("{r}/commits/{{commitId}}/builds")),
            Area::Builds
        );
        assert_eq!(
            Area::classify(&format!("{r}/commits/{{commitId}}/comments")),
            Area::Other
        );
        assert_eq!(
            Area::classify(&format!("{r}/pull-requests/{{pullRequestId}}.diff")),
            Area::PullRequests
        );
        assert_eq!(
            Area::classify(&format!("{r}/settings/pull-requests")),
            Area::Settings
        );
        assert_eq!(
            Area::classify(&format!("{r}/hook-scripts/{{scriptId}}")),
            Area::Settings
        );
    }

    #[test]
    fn ledger_entries_are_unique_and_filed_under_their_area() {
        let all = all();
        let mut seen = std::collections::HashSet::new();
        for ep in &all {
            assert!(seen.insert((ep.method, ep.path)), "declared twice: {ep}");
            assert_eq!(Area::classify(ep.path), ep.area, "area of {ep}");
        }
    }
}
