//! Secret scanning: detection rules (global, project, repository), allowlist rules (project,
//! repository) and repositories exempt from scanning.
//!
//! ```no_run
//! # async fn demo(dc: bitbucket_dc::Client) -> bitbucket_dc::Result<()> {
//! use bitbucket_dc::futures::TryStreamExt;
//! dc.secret_scanning().rules().create("internal-token").line_regex("itk_[0-9a-f]{32}").send().await?;
//! dc.project("PRJ").repo("web").secret_scanning().allowlist()
//!     .create("fixtures").path_regex("^tests/fixtures/").send().await?;
//! let exempt: Vec<_> = dc.secret_scanning().exempt_repos().stream().try_collect().await?;
//! # let _ = exempt; Ok(()) }
//! ```

use serde::{Deserialize, Serialize};

use crate::Client;
use crate::branch_permissions::Scope;
use crate::enums::string_enum;
use crate::ledger::{Endpoint, endpoints};
use crate::params::{body_params, query_params};
use crate::projects::{ProjectHandle, RepoHandle};
use crate::repos::Repository;
use crate::request::{Parts, request_builder};
use crate::scope::{self, Scoped};

endpoints! {
    area: Security;
    G_RULES = Get "/api/latest/secret-scanning/rules";
    G_RULE_CREATE = Post "/api/latest/secret-scanning/rules";
    G_RULE_GET = Get "/api/latest/secret-scanning/rules/{id}";
    G_RULE_EDIT = Put "/api/latest/secret-scanning/rules/{id}";
    G_RULE_DELETE = Delete "/api/latest/secret-scanning/rules/{id}";
    G_EXEMPT = Get "/api/latest/secret-scanning/exempt";
    G_EXEMPT_ADD = Post "/api/latest/secret-scanning/exempt";
    P_RULES = Get "/api/latest/projects/{projectKey}/secret-scanning/rules";
    P_RULE_CREATE = Post "/api/latest/projects/{projectKey}/secret-scanning/rules";
    P_RULE_GET = Get "/api/latest/projects/{projectKey}/secret-scanning/rules/{id}";
    P_RULE_EDIT = Put "/api/latest/projects/{projectKey}/secret-scanning/rules/{id}";
    P_RULE_DELETE = Delete "/api/latest/projects/{projectKey}/secret-scanning/rules/{id}";
    P_ALLOW = Get "/api/latest/projects/{projectKey}/secret-scanning/allowlist";
    P_ALLOW_CREATE = Post "/api/latest/projects/{projectKey}/secret-scanning/allowlist";
    P_ALLOW_GET = Get "/api/latest/projects/{projectKey}/secret-scanning/allowlist/{id}";
    P_ALLOW_EDIT = Put "/api/latest/projects/{projectKey}/secret-scanning/allowlist/{id}";
    P_ALLOW_DELETE = Delete "/api/latest/projects/{projectKey}/secret-scanning/allowlist/{id}";
    P_EXEMPT = Get "/api/latest/projects/{projectKey}/secret-scanning/exempt";
    P_EXEMPT_ADD = Post "/api/latest/projects/{projectKey}/secret-scanning/exempt";
    R_RULES = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/secret-scanning/rules";
    R_RULE_CREATE = Post "/api/latest/projects/{projectKey}/repos/{repositorySlug}/secret-scanning/rules";
    R_RULE_GET = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/secret-scanning/rules/{id}";
    R_RULE_EDIT = Put "/api/latest/projects/{projectKey}/repos/{repositorySlug}/secret-scanning/rules/{id}";
    R_RULE_DELETE = Delete "/api/latest/projects/{projectKey}/repos/{repositorySlug}/secret-scanning/rules/{id}";
    R_ALLOW = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/secret-scanning/allowlist";
    R_ALLOW_CREATE = Post "/api/latest/projects/{projectKey}/repos/{repositorySlug}/secret-scanning/allowlist";
    R_ALLOW_GET = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/secret-scanning/allowlist/{id}";
    R_ALLOW_EDIT = Put "/api/latest/projects/{projectKey}/repos/{repositorySlug}/secret-scanning/allowlist/{id}";
    R_ALLOW_DELETE = Delete "/api/latest/projects/{projectKey}/repos/{repositorySlug}/secret-scanning/allowlist/{id}";
    R_EXEMPT_GET = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/secret-scanning/exempt";
    R_EXEMPT_ADD = Put "/api/latest/projects/{projectKey}/repos/{repositorySlug}/secret-scanning/exempt";
    R_EXEMPT_DELETE = Delete "/api/latest/projects/{projectKey}/repos/{repositorySlug}/secret-scanning/exempt";
}

const RULES: Scoped = Scoped::global_project_repo(G_RULES, P_RULES, R_RULES);
const RULE_CREATE: Scoped =
    Scoped::global_project_repo(G_RULE_CREATE, P_RULE_CREATE, R_RULE_CREATE);
const RULE_GET: Scoped = Scoped::global_project_repo(G_RULE_GET, P_RULE_GET, R_RULE_GET);
const RULE_EDIT: Scoped = Scoped::global_project_repo(G_RULE_EDIT, P_RULE_EDIT, R_RULE_EDIT);
const RULE_DELETE: Scoped =
    Scoped::global_project_repo(G_RULE_DELETE, P_RULE_DELETE, R_RULE_DELETE);
const ALLOW: Scoped = Scoped::project_repo(P_ALLOW, R_ALLOW);
const ALLOW_CREATE: Scoped = Scoped::project_repo(P_ALLOW_CREATE, R_ALLOW_CREATE);
const ALLOW_GET: Scoped = Scoped::project_repo(P_ALLOW_GET, R_ALLOW_GET);
const ALLOW_EDIT: Scoped = Scoped::project_repo(P_ALLOW_EDIT, R_ALLOW_EDIT);
const ALLOW_DELETE: Scoped = Scoped::project_repo(P_ALLOW_DELETE, R_ALLOW_DELETE);

// ---------------------------------------------------------------- models

/// A detection or allowlist rule: a name and regular expressions on lines and paths.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SecretRule {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Regular expression on the line content.
    pub line_regex: Option<String>,
    /// Regular expression on the file path.
    pub path_regex: Option<String>,
    /// Where the rule is defined (detection rules only).
    pub scope: Option<Scope>,
}

/// Body of rule creation and update: only the fields set are sent.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SecretRuleInput {
    /// Name.
    pub name: Option<String>,
    /// Regular expression on the line content.
    pub line_regex: Option<String>,
    /// Regular expression on the file path.
    pub path_regex: Option<String>,
}

/// A repository named by project key and slug.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RepositorySelector {
    /// Project key.
    pub project_key: String,
    /// Repository slug.
    pub slug: String,
}

string_enum! {
    /// Sort order of rule and repository listings.
    pub enum NameOrder {
        /// By name, ascending.
        Asc = "NAME_ASC",
        /// By name, descending.
        Desc = "NAME_DESC",
    }
}

// ---------------------------------------------------------------- handlers

/// Instance-wide secret scanning.
#[derive(Debug, Clone)]
pub struct GlobalSecretScanning {
    client: bitbucket_core::Client,
}

/// Secret scanning of a project.
#[derive(Debug, Clone)]
pub struct ProjectSecretScanning {
    client: bitbucket_core::Client,
    key: String,
}

/// Secret scanning of a repository.
#[derive(Debug, Clone)]
pub struct RepoSecretScanning {
    client: bitbucket_core::Client,
    key: String,
    slug: String,
}

/// Detection rules of a scope.
#[derive(Debug, Clone)]
pub struct SecretRules {
    client: bitbucket_core::Client,
    scope: scope::Scope,
}

/// Allowlist rules (findings to ignore) of a project or repository.
#[derive(Debug, Clone)]
pub struct Allowlist {
    client: bitbucket_core::Client,
    scope: scope::Scope,
}

impl Client {
    /// Instance-wide secret scanning rules and exemptions.
    pub fn secret_scanning(&self) -> GlobalSecretScanning {
        GlobalSecretScanning {
            client: self.core().clone(),
        }
    }
}

impl ProjectHandle {
    /// Secret scanning of this project.
    pub fn secret_scanning(&self) -> ProjectSecretScanning {
        ProjectSecretScanning {
            client: self.client.clone(),
            key: self.key.clone(),
        }
    }
}

impl RepoHandle {
    /// Secret scanning of this repository.
    pub fn secret_scanning(&self) -> RepoSecretScanning {
        RepoSecretScanning {
            client: self.client.clone(),
            key: self.project_key.clone(),
            slug: self.slug.clone(),
        }
    }
}

fn selectors<I, K, S>(repos: I) -> Vec<RepositorySelector>
where
    I: IntoIterator<Item = (K, S)>,
    K: Into<String>,
    S: Into<String>,
{
    repos
        .into_iter()
        .map(|(k, s)| RepositorySelector {
            project_key: k.into(),
            slug: s.into(),
        })
        .collect()
}

impl GlobalSecretScanning {
    /// Global detection rules.
    pub fn rules(&self) -> SecretRules {
        SecretRules::new(&self.client, scope::Scope::Global)
    }

    /// Repositories exempt from scanning (paged).
    pub fn exempt_repos(&self) -> ListExemptRepositories {
        ListExemptRepositories::new(Parts::new(&self.client, G_EXEMPT))
    }

    /// Exempts repositories, given as `(project key, slug)` pairs.
    pub fn exempt<I, K, S>(&self, repos: I) -> ExemptRepositories
    where
        I: IntoIterator<Item = (K, S)>,
        K: Into<String>,
        S: Into<String>,
    {
        ExemptRepositories::new(Parts::new(&self.client, G_EXEMPT_ADD), selectors(repos))
    }
}

impl ProjectSecretScanning {
    fn scope(&self) -> scope::Scope {
        scope::Scope::Project(self.key.clone())
    }

    /// Detection rules of the project.
    pub fn rules(&self) -> SecretRules {
        SecretRules::new(&self.client, self.scope())
    }

    /// Allowlist rules of the project.
    pub fn allowlist(&self) -> Allowlist {
        Allowlist::new(&self.client, self.scope())
    }

    /// Repositories of the project exempt from scanning (paged).
    pub fn exempt_repos(&self) -> ListExemptRepositories {
        ListExemptRepositories::new(self.scope().start(&self.client, P_EXEMPT))
    }

    /// Exempts repositories of the project, given as `(project key, slug)` pairs.
    pub fn exempt<I, K, S>(&self, repos: I) -> ExemptRepositories
    where
        I: IntoIterator<Item = (K, S)>,
        K: Into<String>,
        S: Into<String>,
    {
        ExemptRepositories::new(
            self.scope().start(&self.client, P_EXEMPT_ADD),
            selectors(repos),
        )
    }
}

impl RepoSecretScanning {
    fn scope(&self) -> scope::Scope {
        scope::Scope::Repository(self.key.clone(), self.slug.clone())
    }

    fn parts(&self, ep: Endpoint) -> Parts {
        self.scope().start(&self.client, ep)
    }

    /// Detection rules of the repository.
    pub fn rules(&self) -> SecretRules {
        SecretRules::new(&self.client, self.scope())
    }

    /// Allowlist rules of the repository.
    pub fn allowlist(&self) -> Allowlist {
        Allowlist::new(&self.client, self.scope())
    }

    /// Whether the repository is exempt (the server's JSON answer).
    pub fn is_exempt(&self) -> GetExemption {
        GetExemption::new(self.parts(R_EXEMPT_GET))
    }

    /// Exempts the repository (older API; prefer the project's `exempt`).
    pub fn exempt(&self) -> ChangeExemption {
        let mut parts = self.parts(R_EXEMPT_ADD);
        parts.payload(crate::request::Payload::Empty);
        ChangeExemption::new(parts)
    }

    /// Ends the repository's exemption.
    pub fn remove_exemption(&self) -> ChangeExemption {
        ChangeExemption::new(self.parts(R_EXEMPT_DELETE))
    }
}

/// Gives a rule list its operations: `$one` and `$many` name its rules in the docs, the
/// endpoints come in the order list, create, get, edit, delete.
macro_rules! rule_list {
    ($list:ident, $one:literal, $many:literal, [$all:ident, $create:ident, $get:ident, $edit:ident, $delete:ident]) => {
        impl $list {
            /// The list of `scope`.
            fn new(client: &bitbucket_core::Client, scope: scope::Scope) -> Self {
                $list {
                    client: client.clone(),
                    scope,
                }
            }

            fn parts(&self, op: Scoped) -> Parts {
                self.scope.parts(&self.client, op)
            }

            fn by_id(&self, op: Scoped, id: i64) -> Parts {
                self.parts(op).param("id", id.to_string())
            }

            #[doc = concat!("Lists ", $many, " (paged).")]
            pub fn list(&self) -> ListSecretRules {
                ListSecretRules::new(self.parts($all))
            }

            #[doc = concat!("Creates ", $one, " (set `line_regex` and/or `path_regex`).")]
            pub fn create(&self, name: impl Into<String>) -> SetSecretRule {
                let body = SecretRuleInput {
                    name: Some(name.into()),
                    ..SecretRuleInput::default()
                };
                SetSecretRule::new(self.parts($create), body)
            }

            #[doc = concat!("Gets ", $one, ".")]
            pub fn get(&self, id: i64) -> GetSecretRule {
                GetSecretRule::new(self.by_id($get, id))
            }

            #[doc = concat!("Updates ", $one, " (only the fields set are sent).")]
            pub fn update(&self, id: i64) -> SetSecretRule {
                SetSecretRule::new(self.by_id($edit, id), SecretRuleInput::default())
            }

            #[doc = concat!("Deletes ", $one, ".")]
            pub fn delete(&self, id: i64) -> DeleteSecretRule {
                DeleteSecretRule::new(self.by_id($delete, id))
            }
        }
    };
}

rule_list!(
    SecretRules,
    "a rule",
    "rules",
    [RULES, RULE_CREATE, RULE_GET, RULE_EDIT, RULE_DELETE]
);
// Allowlists exist only for projects and repositories.
rule_list!(
    Allowlist,
    "an allowlist rule",
    "allowlist rules",
    [ALLOW, ALLOW_CREATE, ALLOW_GET, ALLOW_EDIT, ALLOW_DELETE]
);

// ---------------------------------------------------------------- builders

request_builder! {
    /// Lists detection or allowlist rules.
    ListSecretRules => paged SecretRule;
}

query_params!(ListSecretRules {
    /// Only rules whose name contains this text.
    filter("filter"): String;
    /// Sort order.
    order("order"): NameOrder;
});

request_builder! {
    /// Creates or updates a rule.
    SetSecretRule { body: SecretRuleInput } => json SecretRule;
}

body_params!(SetSecretRule {
    /// Name.
    name: String;
    /// Regular expression on line content.
    line_regex: String;
    /// Regular expression on file paths.
    path_regex: String;
});

request_builder! {
    /// Gets a rule.
    GetSecretRule => json SecretRule;

    /// Deletes a rule.
    DeleteSecretRule => empty;

    /// Lists exempt repositories.
    ListExemptRepositories => paged Repository;
}

query_params!(ListExemptRepositories {
    /// Sort order.
    order("order"): NameOrder;
});

request_builder! {
    /// Exempts repositories.
    ExemptRepositories { body: Vec<RepositorySelector> } => empty;

    /// Tells whether a repository is exempt.
    GetExemption => json Option<serde_json::Value>;

    /// Adds or removes a repository's exemption.
    ChangeExemption => empty;
}
