//! Default tasks: tasks added to every new pull request whose branches match, per project or
//! repository.
//!
//! ```no_run
//! # async fn demo(dc: bitbucket_dc::Client) -> bitbucket_dc::Result<()> {
//! use bitbucket_dc::branch_permissions::RefMatcher;
//! dc.project("PRJ").default_tasks()
//!     .add("Update the changelog")
//!     .target(RefMatcher::branch("main"))
//!     .send().await?;
//! # Ok(()) }
//! ```

use serde::{Deserialize, Serialize};

use crate::branch_permissions::RefMatcher;
use crate::ledger::endpoints;
use crate::params::{body_params, query_params};
use crate::projects::{ProjectHandle, RepoHandle};
use crate::request::{Parts, request_builder};
use crate::scope::{Scope, Scoped};

endpoints! {
    area: Settings;
    PROJECT_LIST = Get "/default-tasks/latest/projects/{projectKey}/tasks";
    PROJECT_ADD = Post "/default-tasks/latest/projects/{projectKey}/tasks";
    PROJECT_DELETE_ALL = Delete "/default-tasks/latest/projects/{projectKey}/tasks";
    PROJECT_UPDATE = Put "/default-tasks/latest/projects/{projectKey}/tasks/{taskId}";
    PROJECT_DELETE = Delete "/default-tasks/latest/projects/{projectKey}/tasks/{taskId}";
    REPO_LIST = Get "/default-tasks/latest/projects/{projectKey}/repos/{repositorySlug}/tasks";
    REPO_ADD = Post "/default-tasks/latest/projects/{projectKey}/repos/{repositorySlug}/tasks";
    REPO_DELETE_ALL = Delete "/default-tasks/latest/projects/{projectKey}/repos/{repositorySlug}/tasks";
    REPO_UPDATE = Put "/default-tasks/latest/projects/{projectKey}/repos/{repositorySlug}/tasks/{taskId}";
    REPO_DELETE = Delete "/default-tasks/latest/projects/{projectKey}/repos/{repositorySlug}/tasks/{taskId}";
}

const LIST: Scoped = Scoped::project_repo(PROJECT_LIST, REPO_LIST);
const ADD: Scoped = Scoped::project_repo(PROJECT_ADD, REPO_ADD);
const UPDATE: Scoped = Scoped::project_repo(PROJECT_UPDATE, REPO_UPDATE);
const DELETE: Scoped = Scoped::project_repo(PROJECT_DELETE, REPO_DELETE);
const DELETE_ALL: Scoped = Scoped::project_repo(PROJECT_DELETE_ALL, REPO_DELETE_ALL);

/// A default task.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DefaultTask {
    /// Id.
    pub id: i64,
    /// Text (Markdown).
    pub description: String,
    /// Rendered HTML, when asked for with `markup`.
    pub html: Option<String>,
    /// Source branches it applies to.
    #[serde(rename = "sourceMatcher")]
    pub source_matcher: Option<RefMatcher>,
    /// Target branches it applies to.
    #[serde(rename = "targetMatcher")]
    pub target_matcher: Option<RefMatcher>,
}

/// Body of default-task creation and update: only the fields set are sent.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DefaultTaskInput {
    /// Text (Markdown).
    pub description: String,
    /// Source branches (default: any).
    pub source_matcher: Option<RefMatcher>,
    /// Target branches (default: any).
    pub target_matcher: Option<RefMatcher>,
}

/// Default tasks of a project or repository.
#[derive(Debug, Clone)]
pub struct DefaultTasks {
    client: bitbucket_core::Client,
    scope: Scope,
}

impl ProjectHandle {
    /// Default pull-request tasks of this project.
    pub fn default_tasks(&self) -> DefaultTasks {
        DefaultTasks {
            client: self.client.clone(),
            scope: self.scope(),
        }
    }
}

impl RepoHandle {
    /// Default pull-request tasks of this repository.
    pub fn default_tasks(&self) -> DefaultTasks {
        DefaultTasks {
            client: self.client.clone(),
            scope: self.scope(),
        }
    }
}

impl DefaultTasks {
    fn parts(&self, op: Scoped) -> Parts {
        self.scope.parts(&self.client, op)
    }

    /// Lists default tasks (paged).
    pub fn list(&self) -> ListDefaultTasks {
        ListDefaultTasks::new(self.parts(LIST))
    }

    /// Adds a default task (for any branches unless matchers are set).
    pub fn add(&self, description: impl Into<String>) -> SetDefaultTask {
        SetDefaultTask::new(
            self.parts(ADD),
            DefaultTaskInput {
                description: description.into(),
                ..DefaultTaskInput::default()
            },
        )
    }

    /// Replaces a default task.
    pub fn update(&self, task_id: i64, description: impl Into<String>) -> SetDefaultTask {
        SetDefaultTask::new(
            self.parts(UPDATE).param("taskId", task_id.to_string()),
            DefaultTaskInput {
                description: description.into(),
                ..DefaultTaskInput::default()
            },
        )
    }

    /// Deletes a default task.
    pub fn delete(&self, task_id: i64) -> DeleteDefaultTasks {
        DeleteDefaultTasks::new(self.parts(DELETE).param("taskId", task_id.to_string()))
    }

    /// Deletes every default task here.
    pub fn delete_all(&self) -> DeleteDefaultTasks {
        DeleteDefaultTasks::new(self.parts(DELETE_ALL))
    }
}

request_builder! {
    /// Lists default tasks.
    ListDefaultTasks => paged DefaultTask;
}

query_params!(ListDefaultTasks {
    /// Also render descriptions as HTML.
    markup("markup"): bool;
});

request_builder! {
    /// Adds or replaces a default task.
    SetDefaultTask { body: DefaultTaskInput } => json DefaultTask;
}

body_params!(SetDefaultTask {
    /// Source branches.
    source(source_matcher): RefMatcher;
    /// Target branches.
    target(target_matcher): RefMatcher;
});

request_builder! {
    /// Deletes default tasks.
    DeleteDefaultTasks => empty;
}
