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

use bitbucket_core::multipart::{Multipart, UploadFile};
use bytes::Bytes;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Client;
use crate::branch_permissions::Scope;
use crate::common::{Project, User};
use crate::default_reviewers::ReviewerGroup;
use crate::enums::string_enum;
use crate::ledger::{Endpoint, endpoints};
use crate::params::{body_params, query_params};
use crate::projects::{ProjectHandle, RepoHandle};
use crate::request::{Parts, Payload, request_builder};
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
const AUTO_MERGE_DELETE: Scoped =
    Scoped::project_repo(PROJECT_AUTO_MERGE_DELETE, REPO_AUTO_MERGE_DELETE);
const CHANGE_AUTHOR_GET: Scoped =
    Scoped::project_repo(PROJECT_CHANGE_AUTHOR_GET, REPO_CHANGE_AUTHOR_GET);
const CHANGE_AUTHOR_SET: Scoped =
    Scoped::project_repo(PROJECT_CHANGE_AUTHOR_SET, REPO_CHANGE_AUTHOR_SET);
const CHANGE_AUTHOR_DELETE: Scoped =
    Scoped::project_repo(PROJECT_CHANGE_AUTHOR_DELETE, REPO_CHANGE_AUTHOR_DELETE);
const HOOKS: Scoped = Scoped::project_repo(PROJECT_HOOKS, REPO_HOOKS);
const HOOK: Scoped = Scoped::project_repo(PROJECT_HOOK, REPO_HOOK);
const HOOK_ENABLE: Scoped = Scoped::project_repo(PROJECT_HOOK_ENABLE, REPO_HOOK_ENABLE);
const HOOK_DISABLE: Scoped = Scoped::project_repo(PROJECT_HOOK_DISABLE, REPO_HOOK_DISABLE);
const HOOK_SETTINGS: Scoped = Scoped::project_repo(PROJECT_HOOK_SETTINGS, REPO_HOOK_SETTINGS);
const HOOK_SET_SETTINGS: Scoped =
    Scoped::project_repo(PROJECT_HOOK_SET_SETTINGS, REPO_HOOK_SET_SETTINGS);
const AUTO_DECLINE_GET: Scoped =
    Scoped::project_repo(PROJECT_AUTO_DECLINE_GET, REPO_AUTO_DECLINE_GET);
const AUTO_DECLINE_SET: Scoped =
    Scoped::project_repo(PROJECT_AUTO_DECLINE_SET, REPO_AUTO_DECLINE_SET);
const AUTO_DECLINE_DELETE: Scoped =
    Scoped::project_repo(PROJECT_AUTO_DECLINE_DELETE, REPO_AUTO_DECLINE_DELETE);
const PR_SETTINGS_GET: Scoped = Scoped::project_repo(PROJECT_PR_SETTINGS_GET, REPO_PR_SETTINGS_GET);
const PR_SETTINGS_SET: Scoped = Scoped::project_repo(PROJECT_PR_SETTINGS_SET, REPO_PR_SETTINGS_SET);
const REVIEWER_GROUPS: Scoped = Scoped::project_repo(PROJECT_REVIEWER_GROUPS, REPO_REVIEWER_GROUPS);
const REVIEWER_GROUP_CREATE: Scoped =
    Scoped::project_repo(PROJECT_REVIEWER_GROUP_CREATE, REPO_REVIEWER_GROUP_CREATE);
const REVIEWER_GROUP_GET: Scoped =
    Scoped::project_repo(PROJECT_REVIEWER_GROUP_GET, REPO_REVIEWER_GROUP_GET);
const REVIEWER_GROUP_UPDATE: Scoped =
    Scoped::project_repo(PROJECT_REVIEWER_GROUP_UPDATE, REPO_REVIEWER_GROUP_UPDATE);
const REVIEWER_GROUP_DELETE: Scoped =
    Scoped::project_repo(PROJECT_REVIEWER_GROUP_DELETE, REPO_REVIEWER_GROUP_DELETE);
const HOOK_SCRIPTS: Scoped = Scoped::project_repo(PROJECT_HOOK_SCRIPTS, REPO_HOOK_SCRIPTS);
const HOOK_SCRIPT_SET: Scoped = Scoped::project_repo(PROJECT_HOOK_SCRIPT_SET, REPO_HOOK_SCRIPT_SET);
const HOOK_SCRIPT_REMOVE: Scoped =
    Scoped::project_repo(PROJECT_HOOK_SCRIPT_REMOVE, REPO_HOOK_SCRIPT_REMOVE);

mod builders;
mod handles;
mod model;

pub use builders::*;
pub use handles::*;
pub use model::*;
