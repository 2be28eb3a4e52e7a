//! Models of project and repository settings.

use super::*;

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
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct HookDetails {
    /// Plugin module key (used in paths).
    pub key: String,
    /// Display name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Plugin version.
    pub version: Option<String>,
    /// When it runs.
    #[serde(rename = "type")]
    pub hook_type: Option<HookType>,
    /// Scopes it can be configured at (`GLOBAL`, `PROJECT`, `REPOSITORY`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub supported_scopes: Vec<String>,
    /// Key of its configuration form, if any.
    pub config_form_key: Option<String>,
}

/// A repository hook and its state in one scope.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RepositoryHook {
    /// What the hook is.
    pub details: Option<HookDetails>,
    /// Whether it is enabled here.
    pub enabled: Option<bool>,
    /// Whether it has settings here.
    pub configured: Option<bool>,
    /// Where its state comes from.
    pub scope: Option<Scope>,
}

/// Free-form settings of a hook.
pub type HookSettings = serde_json::Map<String, serde_json::Value>;

/// Automatic decline of inactive pull requests.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AutoDeclineSettings {
    /// Whether it is on.
    pub enabled: Option<bool>,
    /// Weeks of inactivity before declining.
    pub inactivity_weeks: Option<i64>,
    /// Where the settings come from.
    pub scope: Option<Scope>,
}

/// Body of an auto-decline update: only the fields set are sent.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AutoDeclineInput {
    /// Whether it is on.
    pub enabled: Option<bool>,
    /// Weeks of inactivity before declining.
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
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RestrictedSetting {
    /// Whether it is on.
    pub enabled: Option<bool>,
    /// Whether lower scopes may change it.
    pub restriction_state: Option<RestrictionState>,
    /// Where the setting comes from.
    pub scope: Option<Scope>,
}

/// Body of an update of a [`RestrictedSetting`]: only the fields set are sent.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RestrictedSettingInput {
    /// Whether it is on.
    pub enabled: Option<bool>,
    /// Restriction change (project scope only).
    pub restriction_action: Option<RestrictionAction>,
}

/// A merge strategy (`no-ff`, `squash`, ...).
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MergeStrategy {
    /// Id (`no-ff`, `ff`, `ff-only`, `rebase-no-ff`, `rebase-ff-only`, `squash`, `squash-ff-only`).
    pub id: String,
    /// Display name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Whether it may be used.
    pub enabled: Option<bool>,
    /// The git flag it maps to.
    pub flag: Option<String>,
}

/// Template of merge commit messages.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CommitMessageTemplate {
    /// Title line.
    pub title: Option<String>,
    /// Body.
    pub body: Option<String>,
}

/// Merge configuration of a scope.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MergeConfig {
    /// Default strategy.
    pub default_strategy: Option<MergeStrategy>,
    /// Allowed strategies.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub strategies: Vec<MergeStrategy>,
    /// Commit message template.
    pub commit_message_template: Option<CommitMessageTemplate>,
    /// Number of commit summaries in merge messages.
    pub commit_summaries: Option<i64>,
    /// Where the configuration comes from (`DEFAULT`, `PROJECT`, `REPOSITORY`).
    #[serde(rename = "type")]
    pub config_type: Option<String>,
}

/// A merge check with a threshold (required approvers, required builds).
///
/// Servers since 7.0 send an object (`{"enabled": true, "count": 2}`). Older servers send the
/// count alone (`2`, with `0` for "off"); it decodes as `enabled: Some(count > 0)` and the
/// count. Source of the older shape: <https://github.com/cdancy/bitbucket-rest/blob/9257b8c070ad6a387df95154afcec77f7801aff2/src/test/resources/pull-request-settings.json>.
/// Written back, it is always the object (what servers since 7.0 take).
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MergeThreshold {
    /// Whether the check is on.
    pub enabled: Option<bool>,
    /// Required count (sent by servers as a string or a number).
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
#[macro_rules_attribute::apply(crate::tolerant::model!)]
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
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PullRequestSettings {
    /// Merge configuration.
    pub merge_config: Option<MergeConfig>,
    /// Every reviewer must approve (repository scope).
    pub required_all_approvers: Option<bool>,
    /// Every task must be resolved (repository scope).
    pub required_all_tasks_complete: Option<bool>,
    /// Minimum approvals (repository scope).
    pub required_approvers: Option<MergeThreshold>,
    /// Minimum successful builds (repository scope).
    pub required_successful_builds: Option<MergeThreshold>,
    /// Whether approvals are withdrawn when new commits are pushed (older servers send it).
    /// Source: <https://github.com/cdancy/bitbucket-rest/blob/9257b8c070ad6a387df95154afcec77f7801aff2/src/test/resources/pull-request-settings.json>.
    pub unapprove_on_update: Option<bool>,
}

/// A user named in a write body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UserName {
    /// Login name.
    pub name: String,
}

/// Body of reviewer-group creation and update: only the fields set are sent.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewerGroupInput {
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Members (replaces the list).
    pub users: Option<Vec<UserName>>,
}

/// A hook script uploaded by an administrator.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct HookScript {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Plugin that registered it.
    pub plugin_key: Option<String>,
    /// `PRE` or `POST`.
    #[serde(rename = "type")]
    pub script_type: Option<String>,
    /// Content version.
    pub version: Option<i64>,
    /// Creation time.
    #[serde(with = "crate::timestamp::option")]
    pub created_date: Option<DateTime<Utc>>,
    /// Last update.
    #[serde(with = "crate::timestamp::option")]
    pub updated_date: Option<DateTime<Utc>>,
}

/// A hook script enabled in a project or repository, with its triggers.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct HookScriptConfig {
    /// The script.
    pub script: Option<HookScript>,
    /// Where it is configured.
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
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SettingsRestriction {
    /// Plugin namespace.
    pub namespace: String,
    /// Feature key.
    pub feature_key: String,
    /// Component key, when the feature has several.
    pub component_key: Option<String>,
    /// Whether repositories have been updated (`PROCESSED`, `IN_PROGRESS`, ...).
    pub processed_state: Option<String>,
    /// The project.
    pub project: Option<Project>,
}

/// Body of a settings restriction.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SettingsRestrictionInput {
    /// Plugin namespace.
    pub namespace: String,
    /// Feature key.
    pub feature_key: String,
    /// Component key.
    pub component_key: Option<String>,
}
