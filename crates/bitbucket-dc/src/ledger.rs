//! The vocabulary of the endpoint ledger: [`Method`], [`Area`], [`Endpoint`] and the
//! crate-internal `endpoints!` macro.
//!
//! Each module declares its endpoints with `endpoints!`: an HTTP method, the path template
//! exactly as the Data Center 10.4 spec writes it (relative to the REST root, e.g.
//! `/api/latest/users/{userSlug}`), and the [`Area`] it belongs to. Request builders fill that
//! same template, so what the ledger claims and what the code sends cannot drift apart.
//!
//! This module depends on no other module of the crate. The crate root declares the modules
//! that implement endpoints and assembles their tables into [`crate::endpoints`];
//! `cargo xtask coverage` compares that registry with the project's spec.

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

/// The feature areas used to report coverage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Area {
    /// User, project and repository HTTP access tokens.
    AccessTokens,
    /// Administration of users, groups and global permissions.
    Admin,
    /// Users and groups as seen by any user (lookup, settings, avatars).
    UsersAndGroups,
    /// Projects: CRUD, avatar, permissions, webhooks.
    Projects,
    /// Repositories: CRUD, forks, permissions, webhooks, refs, commits, diffs, content, labels.
    Repositories,
    /// Pull requests and everything hanging off them.
    PullRequests,
    /// Build status, required builds, Code Insights.
    Builds,
    /// SSH and GPG keys, branch permissions, default reviewers.
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
            Area::AccessTokens => "access tokens",
            Area::Admin => "admin users/groups/permissions",
            Area::UsersAndGroups => "users and groups",
            Area::Projects => "projects",
            Area::Repositories => "repositories",
            Area::PullRequests => "pull requests",
            Area::Builds => "builds and insights",
            Area::KeysAndRestrictions => "keys, branch permissions, default reviewers",
            Area::Settings => "project/repository settings and hooks",
            Area::System => "system administration, migration",
            Area::Security => "secret scanning, signing",
            Area::Mirroring => "smart mirroring",
            Area::AuthConfig => "authentication configuration, 2SV",
            Area::Other => "other",
        }
    }
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
/// One block per module. A module whose endpoints fall in several areas gives one braced
/// group per area instead (`area Projects { ... } area Repositories { ... }`).
///
/// ```ignore
/// endpoints! {
///     area: AccessTokens;
///     USER_LIST = Get "/access-tokens/latest/users/{userSlug}";
/// }
/// ```
macro_rules! endpoints {
    (area: $area:ident; $( $name:ident = $method:ident $path:literal; )+) => {
        $crate::ledger::endpoints! { area $area { $( $name = $method $path; )+ } }
    };
    ($( area $area:ident { $( $name:ident = $method:ident $path:literal; )+ } )+) => {
        $($(
            pub(crate) const $name: $crate::ledger::Endpoint = $crate::ledger::Endpoint::new(
                $crate::ledger::Method::$method,
                $path,
                $crate::ledger::Area::$area,
            );
        )+)+
        /// Every endpoint this module implements.
        pub(crate) const ENDPOINTS: &[$crate::ledger::Endpoint] = &[ $($( $name ),+),+ ];
    };
}
pub(crate) use endpoints;

/// Declares the modules that implement endpoints and assembles their `ENDPOINTS` tables into
/// one registry, `ENDPOINTS`, so a module is registered by being declared.
macro_rules! endpoint_modules {
    ($( $(#[$m:meta])* $vis:vis mod $name:ident; )+) => {
        $( $(#[$m])* $vis mod $name; )+

        /// Every endpoint the crate implements, module by module.
        const ENDPOINTS: &[$crate::ledger::Endpoint] = &$crate::ledger::concat::<
            { 0 $( + $name::ENDPOINTS.len() )+ },
        >(&[ $( $name::ENDPOINTS ),+ ]);
    };
}
pub(crate) use endpoint_modules;

/// Joins endpoint tables into one array of length `N` (the sum of their lengths).
pub(crate) const fn concat<const N: usize>(tables: &[&[Endpoint]]) -> [Endpoint; N] {
    let mut out = [Endpoint::new(Method::Get, "", Area::Other); N];
    let (mut t, mut n) = (0, 0);
    while t < tables.len() {
        let mut i = 0;
        while i < tables[t].len() {
            out[n] = tables[t][i];
            n += 1;
            i += 1;
        }
        t += 1;
    }
    assert!(n == N, "the tables hold a different number of endpoints");
    out
}
