//! Handlers of project and repository settings.

use super::*;

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
        DisableHook::new(self.by_key(HOOK_DISABLE, hook_key))
    }

    /// The hook's settings here.
    pub fn settings(&self, hook_key: impl Into<String>) -> GetHookSettings {
        GetHookSettings::new(self.by_key(HOOK_SETTINGS, hook_key))
    }

    /// Replaces the hook's settings here (and enables it).
    pub fn set_settings(
        &self,
        hook_key: impl Into<String>,
        settings: HookSettings,
    ) -> SetHookSettings {
        SetHookSettings::new(self.by_key(HOOK_SET_SETTINGS, hook_key), settings)
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
        GetAutoDecline::new(self.s.parts(AUTO_DECLINE_GET))
    }

    /// Sets them (only the fields set are sent).
    pub fn set(&self) -> SetAutoDecline {
        SetAutoDecline::new(self.s.parts(AUTO_DECLINE_SET), AutoDeclineInput::default())
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
        GetPullRequestSettings::new(self.s.parts(PR_SETTINGS_GET).param("scmId", "git"))
    }

    /// Updates them (only the fields set in the body are sent).
    pub fn update(&self, settings: PullRequestSettings) -> UpdatePullRequestSettings {
        UpdatePullRequestSettings::new(
            self.s.parts(PR_SETTINGS_SET).param("scmId", "git"),
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
        ListReviewerGroups::new(self.s.parts(REVIEWER_GROUPS))
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
        GetReviewerGroup::new(self.by_id(REVIEWER_GROUP_GET, id))
    }

    /// Updates a group (only the fields set are sent).
    pub fn update(&self, id: i64) -> UpdateReviewerGroup {
        UpdateReviewerGroup::new(
            self.by_id(REVIEWER_GROUP_UPDATE, id),
            ReviewerGroupInput::default(),
        )
    }

    /// Deletes a group.
    pub fn delete(&self, id: i64) -> DeleteSetting {
        DeleteSetting::new(self.by_id(REVIEWER_GROUP_DELETE, id))
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
        ListHookScriptConfigs::new(self.s.parts(HOOK_SCRIPTS))
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
    /// A request on the project's restrictions.
    fn start(&self, ep: Endpoint) -> Parts {
        crate::scope::Scope::Project(self.key.clone()).start(&self.client, ep)
    }

    /// A request about one feature: `namespace` and `featureKey` go in the query.
    fn parts(
        &self,
        ep: Endpoint,
        namespace: impl Into<String>,
        feature_key: impl Into<String>,
    ) -> Parts {
        let mut parts = self.start(ep);
        parts.query("namespace", namespace.into());
        parts.query("featureKey", feature_key.into());
        parts
    }

    /// Gets one restriction.
    pub fn get(
        &self,
        namespace: impl Into<String>,
        feature_key: impl Into<String>,
    ) -> GetSettingsRestriction {
        GetSettingsRestriction::new(self.parts(PROJECT_RESTRICTION_GET, namespace, feature_key))
    }

    /// Lists restrictions of a feature across components (paged).
    pub fn all(
        &self,
        namespace: impl Into<String>,
        feature_key: impl Into<String>,
    ) -> ListSettingsRestrictions {
        ListSettingsRestrictions::new(self.parts(PROJECT_RESTRICTION_ALL, namespace, feature_key))
    }

    /// Creates a restriction.
    pub fn create(
        &self,
        namespace: impl Into<String>,
        feature_key: impl Into<String>,
    ) -> CreateSettingsRestriction {
        CreateSettingsRestriction::new(
            self.start(PROJECT_RESTRICTION_CREATE),
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
            namespace,
            feature_key,
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
    let mut form = Multipart::new();
    for (field, value) in [
        ("name", name),
        ("description", description),
        ("type", script_type),
    ] {
        if let Some(v) = value {
            form = form.text(field, v);
        }
    }
    Payload::Form(form.file("content", UploadFile::new("script", content)))
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
