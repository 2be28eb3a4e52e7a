//! Branch permissions (ref restrictions) of projects and repositories, and the ref
//! matcher shared with default reviewers and required builds.
//!
//! ```no_run
//! # async fn demo(dc: bitbucket_dc::Client) -> bitbucket_dc::Result<()> {
//! use bitbucket_dc::branch_permissions::{RefMatcher, RestrictionType};
//! use bitbucket_dc::futures::TryStreamExt;
//! let perms = dc.project("PRJ").repo("web").branch_permissions();
//! perms
//!     .create(RestrictionType::PullRequestOnly, RefMatcher::branch("main"))
//!     .groups(["release-managers"])
//!     .send()
//!     .await?;
//! let all: Vec<_> = perms.list().stream().try_collect().await?;
//! # let _ = all; Ok(()) }
//! ```

use serde::{Deserialize, Serialize};

use crate::common::User;
use crate::enums::string_enum;
use crate::keys::AccessKey;
use crate::ledger::endpoints;
use crate::params::query_params;
use crate::projects::{ProjectHandle, RepoHandle};
use crate::request::{Parts, request_builder};
use crate::scope::Scoped;

endpoints! {
    area: KeysAndRestrictions;
    PROJECT_LIST = Get "/branch-permissions/latest/projects/{projectKey}/restrictions";
    PROJECT_CREATE = Post "/branch-permissions/latest/projects/{projectKey}/restrictions";
    PROJECT_GET = Get "/branch-permissions/latest/projects/{projectKey}/restrictions/{id}";
    PROJECT_DELETE = Delete "/branch-permissions/latest/projects/{projectKey}/restrictions/{id}";
    REPO_LIST = Get "/branch-permissions/latest/projects/{projectKey}/repos/{repositorySlug}/restrictions";
    REPO_CREATE = Post "/branch-permissions/latest/projects/{projectKey}/repos/{repositorySlug}/restrictions";
    REPO_GET = Get "/branch-permissions/latest/projects/{projectKey}/repos/{repositorySlug}/restrictions/{id}";
    REPO_DELETE = Delete "/branch-permissions/latest/projects/{projectKey}/repos/{repositorySlug}/restrictions/{id}";
}

const LIST: Scoped = Scoped::project_repo(PROJECT_LIST, REPO_LIST);
const CREATE: Scoped = Scoped::project_repo(PROJECT_CREATE, REPO_CREATE);
const GET: Scoped = Scoped::project_repo(PROJECT_GET, REPO_GET);
const DELETE: Scoped = Scoped::project_repo(PROJECT_DELETE, REPO_DELETE);

// ---------------------------------------------------------------- ref matcher

string_enum! {
    /// How a ref matcher selects refs.
    pub enum MatcherKind {
        /// Every ref.
        AnyRef = "ANY_REF",
        /// One branch by name.
        Branch = "BRANCH",
        /// Refs matching a wildcard pattern.
        Pattern = "PATTERN",
        /// A branching-model category (`FEATURE`, `BUGFIX`, `HOTFIX`, `RELEASE`).
        ModelCategory = "MODEL_CATEGORY",
        /// A branching-model branch (`development`, `production`).
        ModelBranch = "MODEL_BRANCH",
    }
}

/// Kind of a ref matcher with its display name.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatcherType {
    /// The kind (an empty `Unknown` when the server sends none).
    #[serde(default)]
    pub id: MatcherKind,
    /// Display name (`Branch`, `Pattern`, ...).
    #[serde(default)]
    pub name: String,
}

impl Default for MatcherType {
    fn default() -> Self {
        MatcherType {
            id: MatcherKind::AnyRef,
            name: "Any ref".to_owned(),
        }
    }
}

/// Selects the refs a restriction, default-reviewer condition or required build applies to.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RefMatcher {
    /// What to match: a ref name, a pattern, a model category or branch id.
    pub id: String,
    /// Display form.
    pub display_id: Option<String>,
    /// How to match.
    #[serde(rename = "type")]
    pub matcher_type: MatcherType,
    /// Whether the matcher is in effect (servers send it; request bodies leave it out unless
    /// set). Source: <https://github.com/cdancy/bitbucket-rest/blob/62af03e204700ccf83add0048da8ad19a599bccd/src/test/resources/branch-permission-list.json>,
    /// <https://github.com/cdancy/bitbucket-rest/blob/4c6a003cab1d3ab7462af21cce87d070affdae8b/src/test/resources/default-reviwers-list.json>.
    pub active: Option<bool>,
}

impl RefMatcher {
    fn new(kind: MatcherKind, name: &str, id: String, display: Option<String>) -> Self {
        RefMatcher {
            id,
            display_id: display,
            matcher_type: MatcherType {
                id: kind,
                name: name.to_owned(),
            },
            active: None,
        }
    }

    /// One branch (`main` or `refs/heads/main`).
    pub fn branch(name: impl Into<String>) -> Self {
        let name = name.into();
        let short = name.strip_prefix("refs/heads/").unwrap_or(&name).to_owned();
        RefMatcher::new(
            MatcherKind::Branch,
            "Branch",
            format!("refs/heads/{short}"),
            Some(short),
        )
    }

    /// Refs matching a wildcard pattern (`release/*`).
    pub fn pattern(pattern: impl Into<String>) -> Self {
        let p = pattern.into();
        RefMatcher::new(MatcherKind::Pattern, "Pattern", p.clone(), Some(p))
    }

    /// Every ref.
    pub fn any() -> Self {
        RefMatcher::new(
            MatcherKind::AnyRef,
            "Any ref",
            "ANY_REF_MATCHER_ID".to_owned(),
            None,
        )
    }

    /// A branching-model category (`FEATURE`, `BUGFIX`, `HOTFIX`, `RELEASE`).
    pub fn model_category(category: impl Into<String>) -> Self {
        RefMatcher::new(
            MatcherKind::ModelCategory,
            "Branching model category",
            category.into(),
            None,
        )
    }

    /// A branching-model branch (`development` or `production`).
    pub fn model_branch(branch: impl Into<String>) -> Self {
        RefMatcher::new(
            MatcherKind::ModelBranch,
            "Branching model branch",
            branch.into(),
            None,
        )
    }
}

/// Where a restriction or condition is defined.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Scope {
    /// `GLOBAL`, `PROJECT` or `REPOSITORY`.
    #[serde(rename = "type")]
    pub scope_type: Option<String>,
    /// Id of the project or repository.
    pub resource_id: Option<i64>,
}

// ---------------------------------------------------------------- models

string_enum! {
    /// What a branch permission prevents.
    #[derive(Default)]
    pub enum RestrictionType {
        /// No changes at all (except by the exempted).
        #[default]
        ReadOnly = "read-only",
        /// No deletion.
        NoDeletes = "no-deletes",
        /// No rewriting history.
        FastForwardOnly = "fast-forward-only",
        /// Changes only through pull requests.
        PullRequestOnly = "pull-request-only",
        /// No creation of matching refs.
        NoCreates = "no-creates",
    }
}

/// A branch permission.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RefRestriction {
    /// Id.
    pub id: i64,
    /// What it prevents.
    #[serde(rename = "type")]
    pub restriction_type: Option<RestrictionType>,
    /// Refs it applies to.
    pub matcher: Option<RefMatcher>,
    /// Users exempted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub users: Vec<User>,
    /// Groups exempted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<String>,
    /// Access keys exempted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub access_keys: Vec<AccessKey>,
    /// Where it is defined.
    pub scope: Option<Scope>,
}

/// Body of creating a branch permission. The exemption lists are always sent (the server
/// requires them, possibly empty).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RestrictionInput {
    /// What it prevents.
    #[serde(rename = "type")]
    pub restriction_type: RestrictionType,
    /// Refs it applies to.
    pub matcher: RefMatcher,
    /// Slugs of exempted users.
    pub user_slugs: Vec<String>,
    /// Names of exempted groups.
    pub group_names: Vec<String>,
    /// Ids of exempted access keys.
    pub access_key_ids: Vec<i64>,
}

/// What restriction creation answers: one restriction, or several for a bulk request.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CreatedRestrictions(pub Vec<RefRestriction>);

impl<'de> Deserialize<'de> for CreatedRestrictions {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum OneOrMany {
            Many(Vec<RefRestriction>),
            One(Box<RefRestriction>),
        }
        Ok(match Option::<OneOrMany>::deserialize(d)? {
            Some(OneOrMany::Many(v)) => CreatedRestrictions(v),
            Some(OneOrMany::One(r)) => CreatedRestrictions(vec![*r]),
            None => CreatedRestrictions(Vec::new()),
        })
    }
}

// ---------------------------------------------------------------- handles

/// Branch permissions (ref restrictions) of one project or repository.
#[derive(Debug, Clone)]
pub struct BranchPermissions {
    client: bitbucket_core::Client,
    scope: crate::scope::Scope,
}

impl ProjectHandle {
    /// Branch permissions of this project (they apply to all its repositories).
    pub fn branch_permissions(&self) -> BranchPermissions {
        BranchPermissions {
            client: self.client.clone(),
            scope: self.scope(),
        }
    }
}

impl RepoHandle {
    /// Branch permissions of this repository.
    pub fn branch_permissions(&self) -> BranchPermissions {
        BranchPermissions {
            client: self.client.clone(),
            scope: self.scope(),
        }
    }
}

impl BranchPermissions {
    /// Starts a request on `op`'s endpoint for this scope.
    fn parts(&self, op: Scoped) -> Parts {
        self.scope.parts(&self.client, op)
    }

    /// Lists restrictions (paged).
    pub fn list(&self) -> ListRestrictions {
        ListRestrictions::new(self.parts(LIST))
    }

    /// Creates a restriction; add exemptions on the builder.
    pub fn create(
        &self,
        restriction_type: RestrictionType,
        matcher: RefMatcher,
    ) -> CreateRestrictions {
        let mut parts = self.parts(CREATE);
        parts.header("content-type", "application/vnd.atl.bitbucket.bulk+json");
        CreateRestrictions::new(
            parts,
            vec![RestrictionInput {
                restriction_type,
                matcher,
                ..RestrictionInput::default()
            }],
        )
    }

    /// Gets a restriction.
    pub fn get(&self, id: i64) -> GetRestriction {
        GetRestriction::new(self.parts(GET).param("id", id.to_string()))
    }

    /// Deletes a restriction.
    pub fn delete(&self, id: i64) -> DeleteRestriction {
        DeleteRestriction::new(self.parts(DELETE).param("id", id.to_string()))
    }
}

// ---------------------------------------------------------------- builders

request_builder! {
    /// Lists restrictions (paged).
    ListRestrictions => paged RefRestriction;
}

query_params!(ListRestrictions {
    /// Only restrictions of this kind.
    restriction_type("type"): RestrictionType;
    /// Only restrictions whose matcher is of this kind.
    matcher_type("matcherType"): MatcherKind;
    /// Only restrictions whose matcher has this id.
    matcher_id("matcherId"): String;
});

request_builder! {
    /// Creates restrictions (bulk request of one or more).
    CreateRestrictions { body: Vec<RestrictionInput> } => json CreatedRestrictions;
}

impl CreateRestrictions {
    fn last(&mut self) -> Option<&mut RestrictionInput> {
        self.body.last_mut()
    }

    /// Exempts users (by slug) from the last restriction added.
    pub fn users<I, S>(mut self, slugs: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        if let Some(r) = self.last() {
            r.user_slugs.extend(slugs.into_iter().map(Into::into));
        }
        self
    }

    /// Exempts groups from the last restriction added.
    pub fn groups<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        if let Some(r) = self.last() {
            r.group_names.extend(names.into_iter().map(Into::into));
        }
        self
    }

    /// Exempts access keys (by id) from the last restriction added.
    pub fn access_keys(mut self, ids: impl IntoIterator<Item = i64>) -> Self {
        if let Some(r) = self.last() {
            r.access_key_ids.extend(ids);
        }
        self
    }

    /// Adds another restriction to the same request.
    pub fn and(mut self, restriction_type: RestrictionType, matcher: RefMatcher) -> Self {
        self.body.push(RestrictionInput {
            restriction_type,
            matcher,
            ..RestrictionInput::default()
        });
        self
    }
}

request_builder! {
    /// Gets a restriction.
    GetRestriction => json RefRestriction;

    /// Deletes a restriction.
    DeleteRestriction => empty;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matcher_shapes() {
        let m = serde_json::to_value(RefMatcher::branch("refs/heads/main")).unwrap();
        assert_eq!(
            m,
            serde_json::json!({"id":"refs/heads/main","displayId":"main","type":{"id":"BRANCH","name":"Branch"}})
        );
        let created: CreatedRestrictions =
            serde_json::from_str(r#"{"id":4,"type":"no-deletes"}"#).unwrap();
        assert_eq!(
            created.0[0].restriction_type,
            Some(RestrictionType::NoDeletes)
        );
        let many: CreatedRestrictions =
            serde_json::from_str(r#"[{"id":4},{"id":5,"type":"x"}]"#).unwrap();
        assert_eq!(
            many.0[1].restriction_type,
            Some(RestrictionType::Unknown("x".into()))
        );
    }
}
