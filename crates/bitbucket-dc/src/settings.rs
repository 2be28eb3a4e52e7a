//! Project and repository settings: repository hooks, auto-decline, auto-merge, change of
//! pull-request author, pull-request merge settings, reviewer groups, hook scripts and
//! project settings restrictions. Project and repository scopes share one shape.
//!
//! ```no_run
//! # async fn demo(dc: bitbucket_dc::Client) -> bitbucket_dc::Result<()> {
//! use bitbucket_dc::futures::TryStreamExt;
//! let repo = dc.project("PRJ").repo("web");
//! let hooks: Vec<_> = repo.settings().hooks().list().stream().try_collect().await?;
//! repo.settings().hooks().enable("com.example:my-hook").send().await?;
//! dc.project("PRJ").settings().auto_decline().set().enabled(true).inactivity_weeks(4).send().await?;
//! # let _ = hooks; Ok(()) }
//! ```

use bytes::Bytes;
use serde::{Deserialize, Serialize};
use chrono::{DateTime, Utc};

use crate::Client;
use crate::branch_permissions::Scope;
use crate::common::{Project, User};
use crate::default_reviewers::ReviewerGroup;
use crate::enums::string_enum;
use crate::ledger::{Endpoint, endpoints};
use crate::projects::{ProjectHandle, RepoHandle};
use crate::request::{FormValue, Parts, Payload, request_builder};
use crate::scope::Scoped;

endpoints! {
    area Settings {
        PROJECT_HOOKS = Get "/api/latest/projects/{projectKey}/settings/hooks";
        PROJECT_HOOK = Get "/api/latest/projects/{projectKey}/settings/hooks/{hookKey}";
        PROJECT_HOOK_ENABLE = Put "/api/latest/projects/{projectKey}/settings/hooks/{hookKey}/enabled";
        PROJECT_HOOK_DISABLE = Delete "/api/latest/projects/{projectKey}/settings/hooks/{hookKey}/enabled";
        PROJECT_HOOK_SETTINGS = Get "/api/latest/projects/{projectKey}/settings/hooks/{hookKey}/settings";
        PROJECT_HOOK_SET_SETTINGS = Put "/api/latest/projects/{projectKey}/settings/hooks/{hookKey}/settings";
        PROJECT_AUTO_DECLINE_GET = Get "/api/latest/projects/{projectKey}/settings/auto-decline";
        PROJECT_AUTO_DECLINE_SET = Put "/api/latest/projects/{projectKey}/settings/auto-decline";
        PROJECT_AUTO_DECLINE_DELETE = Delete "/api/latest/projects/{projectKey}/settings/auto-decline";
        PROJECT_AUTO_MERGE_GET = Get "/api/latest/projects/{projectKey}/settings/auto-merge";
        PROJECT_AUTO_MERGE_SET = Put "/api/latest/projects/{projectKey}/settings/auto-merge";
        PROJECT_AUTO_MERGE_DELETE = Delete "/api/latest/projects/{projectKey}/settings/auto-merge";
        PROJECT_CHANGE_AUTHOR_GET = Get "/api/latest/projects/{projectKey}/settings/change-author";
        PROJECT_CHANGE_AUTHOR_SET = Put "/api/latest/projects/{projectKey}/settings/change-author";
        PROJECT_CHANGE_AUTHOR_DELETE = Delete "/api/latest/projects/{projectKey}/settings/change-author";
        PROJECT_PR_SETTINGS_GET = Get "/api/latest/projects/{projectKey}/settings/pull-requests/{scmId}";
        PROJECT_PR_SETTINGS_SET = Post "/api/latest/projects/{projectKey}/settings/pull-requests/{scmId}";
        PROJECT_REVIEWER_GROUPS = Get "/api/latest/projects/{projectKey}/settings/reviewer-groups";
        PROJECT_REVIEWER_GROUP_CREATE = Post "/api/latest/projects/{projectKey}/settings/reviewer-groups";
        PROJECT_REVIEWER_GROUP_GET = Get "/api/latest/projects/{projectKey}/settings/reviewer-groups/{id}";
        PROJECT_REVIEWER_GROUP_UPDATE = Put "/api/latest/projects/{projectKey}/settings/reviewer-groups/{id}";
        PROJECT_REVIEWER_GROUP_DELETE = Delete "/api/latest/projects/{projectKey}/settings/reviewer-groups/{id}";
        PROJECT_HOOK_SCRIPTS = Get "/api/latest/projects/{projectKey}/hook-scripts";
        PROJECT_HOOK_SCRIPT_SET = Put "/api/latest/projects/{projectKey}/hook-scripts/{scriptId}";
        PROJECT_HOOK_SCRIPT_REMOVE = Delete "/api/latest/projects/{projectKey}/hook-scripts/{scriptId}";
        PROJECT_RESTRICTION_GET = Get "/api/latest/projects/{projectKey}/settings-restriction";
        PROJECT_RESTRICTION_CREATE = Post "/api/latest/projects/{projectKey}/settings-restriction";
        PROJECT_RESTRICTION_DELETE = Delete "/api/latest/projects/{projectKey}/settings-restriction";
        PROJECT_RESTRICTION_ALL = Get "/api/latest/projects/{projectKey}/settings-restriction/all";
        REPO_HOOKS = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/settings/hooks";
        REPO_HOOK = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/settings/hooks/{hookKey}";
        REPO_HOOK_DELETE = Delete "/api/latest/projects/{projectKey}/repos/{repositorySlug}/settings/hooks/{hookKey}";
        REPO_HOOK_ENABLE = Put "/api/latest/projects/{projectKey}/repos/{repositorySlug}/settings/hooks/{hookKey}/enabled";
        REPO_HOOK_DISABLE = Delete "/api/latest/projects/{projectKey}/repos/{repositorySlug}/settings/hooks/{hookKey}/enabled";
        REPO_HOOK_SETTINGS = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/settings/hooks/{hookKey}/settings";
        REPO_HOOK_SET_SETTINGS = Put "/api/latest/projects/{projectKey}/repos/{repositorySlug}/settings/hooks/{hookKey}/settings";
        REPO_AUTO_DECLINE_GET = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/settings/auto-decline";
        REPO_AUTO_DECLINE_SET = Put "/api/latest/projects/{projectKey}/repos/{repositorySlug}/settings/auto-decline";
        REPO_AUTO_DECLINE_DELETE = Delete "/api/latest/projects/{projectKey}/repos/{repositorySlug}/settings/auto-decline";
        REPO_AUTO_MERGE_GET = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/settings/auto-merge";
        REPO_AUTO_MERGE_SET = Put "/api/latest/projects/{projectKey}/repos/{repositorySlug}/settings/auto-merge";
        REPO_AUTO_MERGE_DELETE = Delete "/api/latest/projects/{projectKey}/repos/{repositorySlug}/settings/auto-merge";
        REPO_CHANGE_AUTHOR_GET = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/settings/change-author";
        REPO_CHANGE_AUTHOR_SET = Put "/api/latest/projects/{projectKey}/repos/{repositorySlug}/settings/change-author";
        REPO_CHANGE_AUTHOR_DELETE = Delete "/api/latest/projects/{projectKey}/repos/{repositorySlug}/settings/change-author";
        REPO_PR_SETTINGS_GET = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/settings/pull-requests";
        REPO_PR_SETTINGS_SET = Post "/api/latest/projects/{projectKey}/repos/{repositorySlug}/settings/pull-requests";
        REPO_REVIEWER_GROUPS = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/settings/reviewer-groups";
        REPO_REVIEWER_GROUP_CREATE = Post "/api/latest/projects/{projectKey}/repos/{repositorySlug}/settings/reviewer-groups";
        REPO_REVIEWER_GROUP_GET = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/settings/reviewer-groups/{id}";
        REPO_REVIEWER_GROUP_UPDATE = Put "/api/latest/projects/{projectKey}/repos/{repositorySlug}/settings/reviewer-groups/{id}";
        REPO_REVIEWER_GROUP_DELETE = Delete "/api/latest/projects/{projectKey}/repos/{repositorySlug}/settings/reviewer-groups/{id}";
        REPO_REVIEWER_GROUP_USERS = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/settings/reviewer-groups/{id}/users";
        REPO_HOOK_SCRIPTS = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/hook-scripts";
        REPO_HOOK_SCRIPT_SET = Put "/api/latest/projects/{projectKey}/repos/{repositorySlug}/hook-scripts/{scriptId}";
        REPO_HOOK_SCRIPT_REMOVE = Delete "/api/latest/projects/{projectKey}/repos/{repositorySlug}/hook-scripts/{scriptId}";
        GLOBAL_SCRIPT_CREATE = Post "/api/latest/hook-scripts";
        GLOBAL_SCRIPT_GET = Get "/api/latest/hook-scripts/{scriptId}";
        GLOBAL_SCRIPT_UPDATE = Put "/api/latest/hook-scripts/{scriptId}";
        GLOBAL_SCRIPT_DELETE = Delete "/api/latest/hook-scripts/{scriptId}";
        GLOBAL_SCRIPT_CONTENT = Get "/api/latest/hook-scripts/{scriptId}/content";
        GLOBAL_HOOK_AVATAR = Get "/api/latest/hooks/{hookKey}/avatar";
    }
}

const AUTO_MERGE_GET: Scoped = Scoped::project_repo(PROJECT_AUTO_MERGE_GET, REPO_AUTO_MERGE_GET);
const AUTO_MERGE_SET: Scoped = Scoped::project_repo(PROJECT_AUTO_MERGE_SET, REPO_AUTO_MERGE_SET);
const AUTO_MERGE_DELETE: Scoped = Scoped::project_repo(PROJECT_AUTO_MERGE_DELETE, REPO_AUTO_MERGE_DELETE);
const CHANGE_AUTHOR_GET: Scoped = Scoped::project_repo(PROJECT_CHANGE_AUTHOR_GET, REPO_CHANGE_AUTHOR_GET);
const CHANGE_AUTHOR_SET: Scoped = Scoped::project_repo(PROJECT_CHANGE_AUTHOR_SET, REPO_CHANGE_AUTHOR_SET);
const CHANGE_AUTHOR_DELETE: Scoped = Scoped::project_repo(PROJECT_CHANGE_AUTHOR_DELETE, REPO_CHANGE_AUTHOR_DELETE);
const HOOKS: Scoped = Scoped::project_repo(PROJECT_HOOKS, REPO_HOOKS);
const HOOK: Scoped = Scoped::project_repo(PROJECT_HOOK, REPO_HOOK);
const HOOK_ENABLE: Scoped = Scoped::project_repo(PROJECT_HOOK_ENABLE, REPO_HOOK_ENABLE);
const HOOK_DISABLE: Scoped = Scoped::project_repo(PROJECT_HOOK_DISABLE, REPO_HOOK_DISABLE);
const HOOK_SETTINGS: Scoped = Scoped::project_repo(PROJECT_HOOK_SETTINGS, REPO_HOOK_SETTINGS);
const HOOK_SET_SETTINGS: Scoped = Scoped::project_repo(PROJECT_HOOK_SET_SETTINGS, REPO_HOOK_SET_SETTINGS);
const AUTO_DECLINE_GET: Scoped = Scoped::project_repo(PROJECT_AUTO_DECLINE_GET, REPO_AUTO_DECLINE_GET);
const AUTO_DECLINE_SET: Scoped = Scoped::project_repo(PROJECT_AUTO_DECLINE_SET, REPO_AUTO_DECLINE_SET);
const AUTO_DECLINE_DELETE: Scoped = Scoped::project_repo(PROJECT_AUTO_DECLINE_DELETE, REPO_AUTO_DECLINE_DELETE);
const PR_SETTINGS_GET: Scoped = Scoped::project_repo(PROJECT_PR_SETTINGS_GET, REPO_PR_SETTINGS_GET);
const PR_SETTINGS_SET: Scoped = Scoped::project_repo(PROJECT_PR_SETTINGS_SET, REPO_PR_SETTINGS_SET);
const REVIEWER_GROUPS: Scoped = Scoped::project_repo(PROJECT_REVIEWER_GROUPS, REPO_REVIEWER_GROUPS);
const REVIEWER_GROUP_CREATE: Scoped = Scoped::project_repo(PROJECT_REVIEWER_GROUP_CREATE, REPO_REVIEWER_GROUP_CREATE);
const REVIEWER_GROUP_GET: Scoped = Scoped::project_repo(PROJECT_REVIEWER_GROUP_GET, REPO_REVIEWER_GROUP_GET);
const REVIEWER_GROUP_UPDATE: Scoped = Scoped::project_repo(PROJECT_REVIEWER_GROUP_UPDATE, REPO_REVIEWER_GROUP_UPDATE);
const REVIEWER_GROUP_DELETE: Scoped = Scoped::project_repo(PROJECT_REVIEWER_GROUP_DELETE, REPO_REVIEWER_GROUP_DELETE);
const HOOK_SCRIPTS: Scoped = Scoped::project_repo(PROJECT_HOOK_SCRIPTS, REPO_HOOK_SCRIPTS);
const HOOK_SCRIPT_SET: Scoped = Scoped::project_repo(PROJECT_HOOK_SCRIPT_SET, REPO_HOOK_SCRIPT_SET);
const HOOK_SCRIPT_REMOVE: Scoped = Scoped::project_repo(PROJECT_HOOK_SCRIPT_REMOVE, REPO_HOOK_SCRIPT_REMOVE);

// ---------------------------------------------------------------- models

string_enum! {
    /// When a repository hook runs.
    pub enum HookType {
        /// Before a push is accepted.
        PreReceive = "PRE_RECEIVE",
        /// After a push.
        PostReceive = "POST_RECEIVE",
        /// Before a pull request is merged.
        PrePullRequestMerge = "PRE_PULL_REQUEST_MERGE",
    }
}

/// What a repository hook is.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct HookDetails {
    /// Plugin module key (used in paths).
    pub key: String,
    /// Display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Plugin version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// When it runs.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub hook_type: Option<HookType>,
    /// Scopes it can be configured at (`GLOBAL`, `PROJECT`, `REPOSITORY`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub supported_scopes: Vec<String>,
    /// Key of its configuration form, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config_form_key: Option<String>,
}

/// A repository hook and its state in one scope.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RepositoryHook {
    /// What the hook is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<HookDetails>,
    /// Whether it is enabled here.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Whether it has settings here.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub configured: Option<bool>,
    /// Where its state comes from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
}

/// Free-form settings of a hook.
pub type HookSettings = serde_json::Map<String, serde_json::Value>;

/// Automatic decline of inactive pull requests.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AutoDeclineSettings {
    /// Whether it is on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Weeks of inactivity before declining.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inactivity_weeks: Option<i64>,
    /// Where the settings come from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
}

/// Body of an auto-decline update: only the fields set are sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AutoDeclineInput {
    /// Whether it is on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Weeks of inactivity before declining.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inactivity_weeks: Option<u32>,
}

string_enum! {
    /// Whether lower scopes may change a setting.
    pub enum RestrictionState {
        /// Not restricted.
        None = "NONE",
        /// Restricted and locked.
        RestrictedUnmodifiable = "RESTRICTED_UNMODIFIABLE",
        /// Restricted but changeable.
        RestrictedModifiable = "RESTRICTED_MODIFIABLE",
    }
}

string_enum! {
    /// Change to the restriction when a project updates a setting.
    pub enum RestrictionAction {
        /// Restrict repositories to the project's value.
        Create = "CREATE",
        /// Lift the restriction.
        Delete = "DELETE",
        /// Leave it as is.
        None = "NONE",
    }
}

/// An on/off setting that a project can impose on its repositories (auto-merge,
/// change of pull-request author).
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RestrictedSetting {
    /// Whether it is on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Whether lower scopes may change it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restriction_state: Option<RestrictionState>,
    /// Where the setting comes from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
}

/// Body of an update of a [`RestrictedSetting`]: only the fields set are sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RestrictedSettingInput {
    /// Whether it is on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Restriction change (project scope only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restriction_action: Option<RestrictionAction>,
}

/// A merge strategy (`no-ff`, `squash`, ...).
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MergeStrategy {
    /// Id (`no-ff`, `ff`, `ff-only`, `rebase-no-ff`, `rebase-ff-only`, `squash`, `squash-ff-only`).
    pub id: String,
    /// Display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether it may be used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// The git flag it maps to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flag: Option<String>,
}

/// Template of merge commit messages.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CommitMessageTemplate {
    /// Title line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

/// Merge configuration of a scope.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MergeConfig {
    /// Default strategy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_strategy: Option<MergeStrategy>,
    /// Allowed strategies.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub strategies: Vec<MergeStrategy>,
    /// Commit message template.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commit_message_template: Option<CommitMessageTemplate>,
    /// Number of commit summaries in merge messages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commit_summaries: Option<i64>,
    /// Where the configuration comes from (`DEFAULT`, `PROJECT`, `REPOSITORY`).
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub config_type: Option<String>,
}

/// A merge check with a threshold (required approvers, required builds).
///
/// Servers since 7.0 send an object (`{"enabled": true, "count": 2}`). Older servers send the
/// count alone (`2`, with `0` for "off"); it decodes as `enabled: Some(count > 0)` and the
/// count. Source of the older shape: <https://github.com/cdancy/bitbucket-rest/blob/9257b8c070ad6a387df95154afcec77f7801aff2/src/test/resources/pull-request-settings.json>.
/// Written back, it is always the object (what servers since 7.0 take).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MergeThreshold {
    /// Whether the check is on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Required count (sent by servers as a string or a number).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<serde_json::Value>,
}

impl MergeThreshold {
    /// The count as a number, whether the server sent a number or a numeric string.
    pub fn count_value(&self) -> Option<i64> {
        match self.count.as_ref()? {
            serde_json::Value::Number(n) => n.as_i64(),
            serde_json::Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }
}

/// The object shape of [`MergeThreshold`].
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Default, Deserialize)]
#[serde(default)]
pub(crate) struct MergeThresholdObject {
    enabled: Option<bool>,
    count: Option<serde_json::Value>,
}

impl<'de> Deserialize<'de> for MergeThreshold {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{self, MapAccess, Visitor};

        struct Shape;

        impl<'de> Visitor<'de> for Shape {
            type Value = MergeThreshold;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a count or an object with `enabled` and `count`")
            }

            fn visit_u64<E: de::Error>(self, n: u64) -> Result<MergeThreshold, E> {
                Ok(MergeThreshold {
                    enabled: Some(n > 0),
                    count: Some(n.into()),
                })
            }

            fn visit_i64<E: de::Error>(self, n: i64) -> Result<MergeThreshold, E> {
                Ok(MergeThreshold {
                    enabled: Some(n > 0),
                    count: Some(n.into()),
                })
            }

            fn visit_unit<E: de::Error>(self) -> Result<MergeThreshold, E> {
                Ok(MergeThreshold::default())
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<MergeThreshold, A::Error> {
                let o =
                    MergeThresholdObject::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(MergeThreshold {
                    enabled: o.enabled,
                    count: o.count,
                })
            }
        }

        d.deserialize_any(Shape)
    }
}

/// Pull-request settings of a project or repository (also the update body: unset fields are
/// not sent).
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PullRequestSettings {
    /// Merge configuration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merge_config: Option<MergeConfig>,
    /// Every reviewer must approve (repository scope).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required_all_approvers: Option<bool>,
    /// Every task must be resolved (repository scope).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required_all_tasks_complete: Option<bool>,
    /// Minimum approvals (repository scope).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required_approvers: Option<MergeThreshold>,
    /// Minimum successful builds (repository scope).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required_successful_builds: Option<MergeThreshold>,
    /// Whether approvals are withdrawn when new commits are pushed (older servers send it).
    /// Source: <https://github.com/cdancy/bitbucket-rest/blob/9257b8c070ad6a387df95154afcec77f7801aff2/src/test/resources/pull-request-settings.json>.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unapprove_on_update: Option<bool>,
}

/// A user named in a write body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UserName {
    /// Login name.
    pub name: String,
}

/// Body of reviewer-group creation and update: only the fields set are sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewerGroupInput {
    /// Name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Members (replaces the list).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub users: Option<Vec<UserName>>,
}

/// A hook script uploaded by an administrator.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct HookScript {
    /// Id.
    pub id: i64,
    /// Name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Plugin that registered it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plugin_key: Option<String>,
    /// `PRE` or `POST`.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub script_type: Option<String>,
    /// Content version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<i64>,
    /// Creation time.
    #[serde_with(skip_apply)]
    #[serde(
        with = "crate::timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_date: Option<DateTime<Utc>>,
    /// Last update.
    #[serde_with(skip_apply)]
    #[serde(
        with = "crate::timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_date: Option<DateTime<Utc>>,
}

/// A hook script enabled in a project or repository, with its triggers.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct HookScriptConfig {
    /// The script.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub script: Option<HookScript>,
    /// Where it is configured.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
    /// Trigger ids (`push`, `pull-request-merge`, ...).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub trigger_ids: Vec<String>,
}

/// Body of a hook-script configuration.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HookScriptTriggers {
    /// Trigger ids.
    pub trigger_ids: Vec<String>,
}

/// A setting a project locks for its repositories.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SettingsRestriction {
    /// Plugin namespace.
    pub namespace: String,
    /// Feature key.
    pub feature_key: String,
    /// Component key, when the feature has several.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub component_key: Option<String>,
    /// Whether repositories have been updated (`PROCESSED`, `IN_PROGRESS`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub processed_state: Option<String>,
    /// The project.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<Project>,
}

/// Body of a settings restriction.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SettingsRestrictionInput {
    /// Plugin namespace.
    pub namespace: String,
    /// Feature key.
    pub feature_key: String,
    /// Component key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub component_key: Option<String>,
}

// ---------------------------------------------------------------- handlers

/// Settings of one project or repository.
#[derive(Debug, Clone)]
pub struct Settings {
    client: bitbucket_core::Client,
    scope: crate::scope::Scope,
}

impl Settings {
    /// Starts a request on `op`'s endpoint for this scope.
    fn parts(&self, op: Scoped) -> Parts {
        self.scope.parts(&self.client, op)
    }

    fn sub(&self) -> Settings {
        self.clone()
    }

    /// Repository hooks.
    pub fn hooks(&self) -> Hooks {
        Hooks { s: self.sub() }
    }

    /// Automatic decline of inactive pull requests.
    pub fn auto_decline(&self) -> AutoDecline {
        AutoDecline { s: self.sub() }
    }

    /// Auto-merge when checks pass.
    pub fn auto_merge(&self) -> Restricted {
        Restricted {
            s: self.sub(),
            ops: AUTO_MERGE,
        }
    }

    /// Whether pull-request authors may be changed.
    pub fn change_author(&self) -> Restricted {
        Restricted {
            s: self.sub(),
            ops: CHANGE_AUTHOR,
        }
    }

    /// Pull-request merge settings (projects: of the `git` SCM unless `scm_id` says otherwise).
    pub fn pull_requests(&self) -> PullRequestSettingsApi {
        PullRequestSettingsApi { s: self.sub() }
    }

    /// Reviewer groups.
    pub fn reviewer_groups(&self) -> ReviewerGroups {
        ReviewerGroups { s: self.sub() }
    }
}

/// Repository hooks of a scope.
#[derive(Debug, Clone)]
pub struct Hooks {
    s: Settings,
}

impl Hooks {
    fn by_key(&self, op: Scoped, key: impl Into<String>) -> Parts {
        self.s.parts(op).param("hookKey", key)
    }

    /// Lists hooks (paged).
    pub fn list(&self) -> ListHooks {
        ListHooks::new(self.s.parts(HOOKS))
    }

    /// Gets one hook.
    pub fn get(&self, hook_key: impl Into<String>) -> GetHook {
        GetHook::new(self.by_key(HOOK, hook_key))
    }

    /// Enables a hook here.
    pub fn enable(&self, hook_key: impl Into<String>) -> EnableHook {
        let mut parts = self.by_key(HOOK_ENABLE, hook_key);
        parts.payload(Payload::Empty);
        EnableHook::new(parts)
    }

    /// Disables a hook here.
    pub fn disable(&self, hook_key: impl Into<String>) -> DisableHook {
        DisableHook::new(self.by_key(
            HOOK_DISABLE,
            hook_key,
        ))
    }

    /// The hook's settings here.
    pub fn settings(&self, hook_key: impl Into<String>) -> GetHookSettings {
        GetHookSettings::new(self.by_key(
            HOOK_SETTINGS,
            hook_key,
        ))
    }

    /// Replaces the hook's settings here (and enables it).
    pub fn set_settings(
        &self,
        hook_key: impl Into<String>,
        settings: HookSettings,
    ) -> SetHookSettings {
        SetHookSettings::new(
            self.by_key(
                HOOK_SET_SETTINGS,
                hook_key,
            ),
            settings,
        )
    }
}

impl RepoHandle {
    /// Settings of this repository.
    pub fn settings(&self) -> Settings {
        Settings {
            client: self.client.clone(),
            scope: self.scope(),
        }
    }

    /// Hook scripts enabled in this repository.
    pub fn hook_scripts(&self) -> HookScriptConfigs {
        HookScriptConfigs { s: self.settings() }
    }

    /// Removes a hook's repository-level state, so the project's applies again.
    pub fn delete_hook(&self, hook_key: impl Into<String>) -> DeleteHook {
        DeleteHook::new(
            self.settings()
                .parts(Scoped::repo(REPO_HOOK_DELETE))
                .param("hookKey", hook_key),
        )
    }

    /// Members of a repository reviewer group (the group may be inherited).
    pub fn reviewer_group_users(&self, id: i64) -> ReviewerGroupUsers {
        ReviewerGroupUsers::new(
            self.settings()
                .parts(Scoped::repo(REPO_REVIEWER_GROUP_USERS))
                .param("id", id.to_string()),
        )
    }
}

impl ProjectHandle {
    /// Settings of this project.
    pub fn settings(&self) -> Settings {
        Settings {
            client: self.client.clone(),
            scope: self.scope(),
        }
    }

    /// Hook scripts enabled in this project.
    pub fn hook_scripts(&self) -> HookScriptConfigs {
        HookScriptConfigs { s: self.settings() }
    }

    /// Settings this project locks for its repositories.
    pub fn settings_restrictions(&self) -> SettingsRestrictions {
        SettingsRestrictions {
            client: self.client.clone(),
            key: self.key.clone(),
        }
    }
}

/// Auto-decline settings of a scope.
#[derive(Debug, Clone)]
pub struct AutoDecline {
    s: Settings,
}

impl AutoDecline {
    /// Current settings.
    pub fn get(&self) -> GetAutoDecline {
        GetAutoDecline::new(
            self.s
                .parts(AUTO_DECLINE_GET),
        )
    }

    /// Sets them (only the fields set are sent).
    pub fn set(&self) -> SetAutoDecline {
        SetAutoDecline::new(
            self.s
                .parts(AUTO_DECLINE_SET),
            AutoDeclineInput::default(),
        )
    }

    /// Removes them here, so the inherited ones apply.
    pub fn delete(&self) -> DeleteSetting {
        DeleteSetting::new(self.s.parts(AUTO_DECLINE_DELETE))
    }
}

/// A restrictable on/off setting of a scope (auto-merge, change-author).
#[derive(Debug, Clone)]
pub struct Restricted {
    s: Settings,
    ops: RestrictedOps,
}

/// The operations of one restrictable setting, in every scope.
#[derive(Debug, Clone, Copy)]
struct RestrictedOps {
    get: Scoped,
    set: Scoped,
    delete: Scoped,
}

const AUTO_MERGE: RestrictedOps = RestrictedOps {
    get: AUTO_MERGE_GET,
    set: AUTO_MERGE_SET,
    delete: AUTO_MERGE_DELETE,
};

const CHANGE_AUTHOR: RestrictedOps = RestrictedOps {
    get: CHANGE_AUTHOR_GET,
    set: CHANGE_AUTHOR_SET,
    delete: CHANGE_AUTHOR_DELETE,
};

impl Restricted {
    /// Current value.
    pub fn get(&self) -> GetRestrictedSetting {
        GetRestrictedSetting::new(self.s.parts(self.ops.get))
    }

    /// Sets it (only the fields set are sent).
    pub fn set(&self, enabled: bool) -> SetRestrictedSetting {
        SetRestrictedSetting::new(
            self.s.parts(self.ops.set),
            RestrictedSettingInput {
                enabled: Some(enabled),
                restriction_action: None,
            },
        )
    }

    /// Removes it here, so the inherited value applies.
    pub fn delete(&self) -> DeleteSetting {
        DeleteSetting::new(self.s.parts(self.ops.delete))
    }
}

/// Pull-request settings of a scope.
#[derive(Debug, Clone)]
pub struct PullRequestSettingsApi {
    s: Settings,
}

impl PullRequestSettingsApi {
    /// Current settings.
    pub fn get(&self) -> GetPullRequestSettings {
        GetPullRequestSettings::new(
            self.s
                .parts(PR_SETTINGS_GET)
                .param("scmId", "git"),
        )
    }

    /// Updates them (only the fields set in the body are sent).
    pub fn update(&self, settings: PullRequestSettings) -> UpdatePullRequestSettings {
        UpdatePullRequestSettings::new(
            self.s
                .parts(PR_SETTINGS_SET)
                .param("scmId", "git"),
            settings,
        )
    }
}

/// Reviewer groups of a scope.
#[derive(Debug, Clone)]
pub struct ReviewerGroups {
    s: Settings,
}

impl ReviewerGroups {
    fn by_id(&self, op: Scoped, id: i64) -> Parts {
        self.s.parts(op).param("id", id.to_string())
    }

    /// Lists groups (paged).
    pub fn list(&self) -> ListReviewerGroups {
        ListReviewerGroups::new(
            self.s
                .parts(REVIEWER_GROUPS),
        )
    }

    /// Creates a group of users.
    pub fn create<I, S>(&self, name: impl Into<String>, users: I) -> CreateReviewerGroup
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        CreateReviewerGroup::new(
            self.s.parts(REVIEWER_GROUP_CREATE),
            ReviewerGroupInput {
                name: Some(name.into()),
                description: None,
                users: Some(
                    users
                        .into_iter()
                        .map(|n| UserName { name: n.into() })
                        .collect(),
                ),
            },
        )
    }

    /// Gets a group.
    pub fn get(&self, id: i64) -> GetReviewerGroup {
        GetReviewerGroup::new(self.by_id(
            REVIEWER_GROUP_GET,
            id,
        ))
    }

    /// Updates a group (only the fields set are sent).
    pub fn update(&self, id: i64) -> UpdateReviewerGroup {
        UpdateReviewerGroup::new(
            self.by_id(
                REVIEWER_GROUP_UPDATE,
                id,
            ),
            ReviewerGroupInput::default(),
        )
    }

    /// Deletes a group.
    pub fn delete(&self, id: i64) -> DeleteSetting {
        DeleteSetting::new(self.by_id(
            REVIEWER_GROUP_DELETE,
            id,
        ))
    }
}

/// Hook scripts configured in a scope.
#[derive(Debug, Clone)]
pub struct HookScriptConfigs {
    s: Settings,
}

impl HookScriptConfigs {
    /// Lists configured scripts (paged).
    pub fn list(&self) -> ListHookScriptConfigs {
        ListHookScriptConfigs::new(
            self.s
                .parts(HOOK_SCRIPTS),
        )
    }

    /// Enables a script here with the given triggers.
    pub fn set<I, S>(&self, script_id: i64, trigger_ids: I) -> SetHookScriptConfig
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        SetHookScriptConfig::new(
            self.s
                .parts(HOOK_SCRIPT_SET)
                .param("scriptId", script_id.to_string()),
            HookScriptTriggers {
                trigger_ids: trigger_ids.into_iter().map(Into::into).collect(),
            },
        )
    }

    /// Disables a script here.
    pub fn remove(&self, script_id: i64) -> DeleteSetting {
        DeleteSetting::new(
            self.s
                .parts(HOOK_SCRIPT_REMOVE)
                .param("scriptId", script_id.to_string()),
        )
    }
}

/// Settings restrictions of a project.
#[derive(Debug, Clone)]
pub struct SettingsRestrictions {
    client: bitbucket_core::Client,
    key: String,
}

impl SettingsRestrictions {
    fn parts(&self, ep: Endpoint, namespace: String, feature_key: String) -> Parts {
        let mut parts = crate::scope::Scope::Project(self.key.clone()).start(&self.client, ep);
        parts.query("namespace", namespace);
        parts.query("featureKey", feature_key);
        parts
    }

    /// Gets one restriction.
    pub fn get(
        &self,
        namespace: impl Into<String>,
        feature_key: impl Into<String>,
    ) -> GetSettingsRestriction {
        GetSettingsRestriction::new(self.parts(
            PROJECT_RESTRICTION_GET,
            namespace.into(),
            feature_key.into(),
        ))
    }

    /// Lists restrictions of a feature across components (paged).
    pub fn all(
        &self,
        namespace: impl Into<String>,
        feature_key: impl Into<String>,
    ) -> ListSettingsRestrictions {
        ListSettingsRestrictions::new(self.parts(
            PROJECT_RESTRICTION_ALL,
            namespace.into(),
            feature_key.into(),
        ))
    }

    /// Creates a restriction.
    pub fn create(
        &self,
        namespace: impl Into<String>,
        feature_key: impl Into<String>,
    ) -> CreateSettingsRestriction {
        CreateSettingsRestriction::new(
            crate::scope::Scope::Project(self.key.clone())
                .start(&self.client, PROJECT_RESTRICTION_CREATE),
            SettingsRestrictionInput {
                namespace: namespace.into(),
                feature_key: feature_key.into(),
                component_key: None,
            },
        )
    }

    /// Deletes a restriction.
    pub fn delete(
        &self,
        namespace: impl Into<String>,
        feature_key: impl Into<String>,
    ) -> DeleteSettingsRestriction {
        DeleteSettingsRestriction::new(self.parts(
            PROJECT_RESTRICTION_DELETE,
            namespace.into(),
            feature_key.into(),
        ))
    }
}

/// Hook scripts of the instance (administrators).
#[derive(Debug, Clone)]
pub struct HookScripts {
    client: bitbucket_core::Client,
}

impl Client {
    /// Hook scripts of the instance.
    pub fn hook_scripts(&self) -> HookScripts {
        HookScripts {
            client: self.core().clone(),
        }
    }

    /// The avatar image of a repository hook (body unread).
    pub fn hook_avatar(&self, hook_key: impl Into<String>) -> GetHookAvatar {
        let mut parts = Parts::new(self.core(), GLOBAL_HOOK_AVATAR).param("hookKey", hook_key);
        parts.accept("image/*, application/json");
        GetHookAvatar::new(parts)
    }
}

fn script_form(
    name: Option<String>,
    description: Option<String>,
    script_type: Option<String>,
    content: Bytes,
) -> Payload {
    let mut fields = Vec::new();
    if let Some(n) = name {
        fields.push(("name", FormValue::Text(n)));
    }
    if let Some(d) = description {
        fields.push(("description", FormValue::Text(d)));
    }
    if let Some(t) = script_type {
        fields.push(("type", FormValue::Text(t)));
    }
    fields.push((
        "content",
        FormValue::File {
            file_name: "script".to_owned(),
            content_type: "application/octet-stream".to_owned(),
            bytes: content,
        },
    ));
    Payload::Form(fields)
}

impl HookScripts {
    fn by_id(&self, ep: Endpoint, id: i64) -> Parts {
        Parts::new(&self.client, ep).param("scriptId", id.to_string())
    }

    /// Uploads a new script (`script_type` is `PRE` or `POST`).
    pub fn create(
        &self,
        name: impl Into<String>,
        script_type: impl Into<String>,
        content: impl Into<Bytes>,
    ) -> UploadHookScript {
        let mut parts = Parts::new(&self.client, GLOBAL_SCRIPT_CREATE);
        parts.payload(script_form(
            Some(name.into()),
            None,
            Some(script_type.into()),
            content.into(),
        ));
        UploadHookScript::new(parts)
    }

    /// Gets a script's details.
    pub fn get(&self, id: i64) -> GetHookScript {
        GetHookScript::new(self.by_id(GLOBAL_SCRIPT_GET, id))
    }

    /// Replaces a script's content.
    pub fn update(&self, id: i64, content: impl Into<Bytes>) -> UploadHookScript {
        let mut parts = self.by_id(GLOBAL_SCRIPT_UPDATE, id);
        parts.payload(script_form(None, None, None, content.into()));
        UploadHookScript::new(parts)
    }

    /// Deletes a script.
    pub fn delete(&self, id: i64) -> DeleteSetting {
        DeleteSetting::new(self.by_id(GLOBAL_SCRIPT_DELETE, id))
    }

    /// Downloads a script's content (body unread).
    pub fn content(&self, id: i64) -> GetHookScriptContent {
        let mut parts = self.by_id(GLOBAL_SCRIPT_CONTENT, id);
        parts.accept("application/octet-stream, text/plain");
        GetHookScriptContent::new(parts)
    }
}

// ---------------------------------------------------------------- builders

request_builder! {
    /// Lists repository hooks.
    ListHooks => paged RepositoryHook
}

impl ListHooks {
    /// Only hooks of this kind.
    pub fn hook_type(mut self, kind: HookType) -> Self {
        self.parts.set_query("type", kind);
        self
    }
}

request_builder! {
    /// Gets a repository hook.
    GetHook => json RepositoryHook
}

request_builder! {
    /// Enables a repository hook.
    EnableHook => json RepositoryHook
}

request_builder! {
    /// Disables a repository hook.
    DisableHook => json RepositoryHook
}

request_builder! {
    /// Removes a hook's repository-level state.
    DeleteHook => empty
}

request_builder! {
    /// Gets a hook's settings.
    GetHookSettings => json Option<HookSettings>
}

request_builder! {
    /// Replaces a hook's settings.
    SetHookSettings { body: HookSettings } => json Option<HookSettings>
}

impl SetHookSettings {
    /// Sets one setting.
    pub fn set(mut self, key: impl Into<String>, value: impl Into<serde_json::Value>) -> Self {
        self.body.insert(key.into(), value.into());
        self
    }
}

request_builder! {
    /// Gets auto-decline settings.
    GetAutoDecline => json AutoDeclineSettings
}

request_builder! {
    /// Sets auto-decline settings.
    SetAutoDecline { body: AutoDeclineInput } => json AutoDeclineSettings
}

impl SetAutoDecline {
    /// Whether it is on.
    pub fn enabled(mut self, yes: bool) -> Self {
        self.body.enabled = Some(yes);
        self
    }

    /// Weeks of inactivity before declining.
    pub fn inactivity_weeks(mut self, weeks: u32) -> Self {
        self.body.inactivity_weeks = Some(weeks);
        self
    }
}

request_builder! {
    /// Removes a setting so the inherited one applies.
    DeleteSetting => empty
}

request_builder! {
    /// Gets a restrictable setting.
    GetRestrictedSetting => json RestrictedSetting
}

request_builder! {
    /// Sets a restrictable setting.
    SetRestrictedSetting { body: RestrictedSettingInput } => json RestrictedSetting
}

impl SetRestrictedSetting {
    /// How the project's restriction on its repositories changes (project scope only).
    pub fn restriction(mut self, action: RestrictionAction) -> Self {
        self.body.restriction_action = Some(action);
        self
    }
}

request_builder! {
    /// Gets pull-request settings.
    GetPullRequestSettings => json PullRequestSettings
}

request_builder! {
    /// Updates pull-request settings.
    UpdatePullRequestSettings { body: PullRequestSettings } => json PullRequestSettings
}

macro_rules! scm_setter {
    ($($name:ident),+) => {
        $(
            impl $name {
                /// SCM of the settings (project scope; default `git`).
                pub fn scm_id(mut self, scm: impl Into<String>) -> Self {
                    self.parts = self.parts.param("scmId", scm);
                    self
                }
            }
        )+
    };
}

scm_setter!(GetPullRequestSettings, UpdatePullRequestSettings);

request_builder! {
    /// Lists reviewer groups.
    ListReviewerGroups => paged ReviewerGroup
}

request_builder! {
    /// Creates a reviewer group.
    CreateReviewerGroup { body: ReviewerGroupInput } => json ReviewerGroup
}

request_builder! {
    /// Gets a reviewer group.
    GetReviewerGroup => json ReviewerGroup
}

request_builder! {
    /// Updates a reviewer group.
    UpdateReviewerGroup { body: ReviewerGroupInput } => json ReviewerGroup
}

macro_rules! reviewer_group_setters {
    ($($name:ident),+) => {
        $(
            impl $name {
                /// Description.
                pub fn description(mut self, description: impl Into<String>) -> Self {
                    self.body.description = Some(description.into());
                    self
                }
            }
        )+
    };
}

reviewer_group_setters!(CreateReviewerGroup, UpdateReviewerGroup);

impl UpdateReviewerGroup {
    /// New name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.body.name = Some(name.into());
        self
    }

    /// New member list (replaces the old one).
    pub fn users<I, S>(mut self, users: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.body.users = Some(
            users
                .into_iter()
                .map(|n| UserName { name: n.into() })
                .collect(),
        );
        self
    }
}

request_builder! {
    /// Lists the members of a reviewer group.
    ReviewerGroupUsers => json Vec<User>
}

request_builder! {
    /// Lists hook scripts configured in a scope.
    ListHookScriptConfigs => paged HookScriptConfig
}

request_builder! {
    /// Enables a hook script in a scope.
    SetHookScriptConfig { body: HookScriptTriggers } => json HookScriptConfig
}

request_builder! {
    /// Gets a settings restriction.
    GetSettingsRestriction => json SettingsRestriction
}

impl GetSettingsRestriction {
    /// Component key.
    pub fn component_key(mut self, key: impl Into<String>) -> Self {
        self.parts.set_query("componentKey", key.into());
        self
    }
}

request_builder! {
    /// Lists settings restrictions.
    ListSettingsRestrictions => paged SettingsRestriction
}

request_builder! {
    /// Creates a settings restriction.
    CreateSettingsRestriction { body: SettingsRestrictionInput } => json SettingsRestriction
}

impl CreateSettingsRestriction {
    /// Component key.
    pub fn component_key(mut self, key: impl Into<String>) -> Self {
        self.body.component_key = Some(key.into());
        self
    }
}

request_builder! {
    /// Deletes a settings restriction.
    DeleteSettingsRestriction => empty
}

impl DeleteSettingsRestriction {
    /// Component key.
    pub fn component_key(mut self, key: impl Into<String>) -> Self {
        self.parts.set_query("componentKey", key.into());
        self
    }
}

request_builder! {
    /// Uploads a hook script (multipart).
    UploadHookScript => json HookScript
}

impl UploadHookScript {
    /// Description of the script.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.parts.form_text("description", description.into());
        self
    }

    /// New name (on update).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.parts.form_text("name", name.into());
        self
    }
}

request_builder! {
    /// Gets a hook script.
    GetHookScript => json HookScript
}

request_builder! {
    /// Downloads a hook script's content.
    GetHookScriptContent => response
}

request_builder! {
    /// Downloads a hook's avatar.
    GetHookAvatar => response
}

impl GetHookAvatar {
    /// Plugin version (cache buster).
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.parts.set_query("version", version.into());
        self
    }
}
