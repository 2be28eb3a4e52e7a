//! Request builders of project and repository settings.

use super::*;

request_builder! {
    /// Lists repository hooks.
    ListHooks => paged RepositoryHook;
}

query_params!(ListHooks {
    /// Only hooks of this kind.
    hook_type("type"): HookType;
});

request_builder! {
    /// Gets a repository hook.
    GetHook => json RepositoryHook;

    /// Enables a repository hook.
    EnableHook => json RepositoryHook;

    /// Disables a repository hook.
    DisableHook => json RepositoryHook;

    /// Removes a hook's repository-level state.
    DeleteHook => empty;

    /// Gets a hook's settings.
    GetHookSettings => json Option<HookSettings>;

    /// Replaces a hook's settings.
    SetHookSettings { body: HookSettings } => json Option<HookSettings>;
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
    GetAutoDecline => json AutoDeclineSettings;

    /// Sets auto-decline settings.
    SetAutoDecline { body: AutoDeclineInput } => json AutoDeclineSettings;
}

impl SetAutoDecline {
    /// Weeks of inactivity before declining.
    pub fn inactivity_weeks(mut self, weeks: u32) -> Self {
        self.body.inactivity_weeks = Some(weeks);
        self
    }
}

body_params!(SetAutoDecline {
    /// Whether it is on.
    enabled: bool;
});

request_builder! {
    /// Removes a setting so the inherited one applies.
    DeleteSetting => empty;

    /// Gets a restrictable setting.
    GetRestrictedSetting => json RestrictedSetting;

    /// Sets a restrictable setting.
    SetRestrictedSetting { body: RestrictedSettingInput } => json RestrictedSetting;
}

body_params!(SetRestrictedSetting {
    /// How the project's restriction on its repositories changes (project scope only).
    restriction(restriction_action): RestrictionAction;
});

request_builder! {
    /// Gets pull-request settings.
    GetPullRequestSettings => json PullRequestSettings;

    /// Updates pull-request settings.
    UpdatePullRequestSettings { body: PullRequestSettings } => json PullRequestSettings;
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
    ListReviewerGroups => paged ReviewerGroup;

    /// Creates a reviewer group.
    CreateReviewerGroup { body: ReviewerGroupInput } => json ReviewerGroup;

    /// Gets a reviewer group.
    GetReviewerGroup => json ReviewerGroup;

    /// Updates a reviewer group.
    UpdateReviewerGroup { body: ReviewerGroupInput } => json ReviewerGroup;
}

body_params!(CreateReviewerGroup, UpdateReviewerGroup {
    /// Description.
    description: String;
});

impl UpdateReviewerGroup {
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

body_params!(UpdateReviewerGroup {
    /// New name.
    name: String;
});

request_builder! {
    /// Lists the members of a reviewer group.
    ReviewerGroupUsers => json Vec<User>;

    /// Lists hook scripts configured in a scope.
    ListHookScriptConfigs => paged HookScriptConfig;

    /// Enables a hook script in a scope.
    SetHookScriptConfig { body: HookScriptTriggers } => json HookScriptConfig;

    /// Gets a settings restriction.
    GetSettingsRestriction => json SettingsRestriction;
}

query_params!(GetSettingsRestriction {
    /// Component key.
    component_key("componentKey"): String;
});

request_builder! {
    /// Lists settings restrictions.
    ListSettingsRestrictions => paged SettingsRestriction;

    /// Creates a settings restriction.
    CreateSettingsRestriction { body: SettingsRestrictionInput } => json SettingsRestriction;
}

body_params!(CreateSettingsRestriction {
    /// Component key.
    component_key: String;
});

request_builder! {
    /// Deletes a settings restriction.
    DeleteSettingsRestriction => empty;
}

query_params!(DeleteSettingsRestriction {
    /// Component key.
    component_key("componentKey"): String;
});

request_builder! {
    /// Uploads a hook script (multipart).
    UploadHookScript => json HookScript;
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
    GetHookScript => json HookScript;

    /// Downloads a hook script's content.
    GetHookScriptContent => response;

    /// Downloads a hook's avatar.
    GetHookAvatar => response;
}

query_params!(GetHookAvatar {
    /// Plugin version (cache buster).
    version("version"): String;
});
