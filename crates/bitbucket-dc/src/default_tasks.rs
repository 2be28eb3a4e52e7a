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
use crate::ledger::{Endpoint, endpoints};
use crate::projects::{ProjectHandle, RepoHandle};
use crate::request::{Parts, request_builder};

endpoints! {
    area: Settings;
    P_LIST = Get "/default-tasks/latest/projects/{projectKey}/tasks";
    P_ADD = Post "/default-tasks/latest/projects/{projectKey}/tasks";
    P_DELETE_ALL = Delete "/default-tasks/latest/projects/{projectKey}/tasks";
    P_UPDATE = Put "/default-tasks/latest/projects/{projectKey}/tasks/{taskId}";
    P_DELETE = Delete "/default-tasks/latest/projects/{projectKey}/tasks/{taskId}";
    R_LIST = Get "/default-tasks/latest/projects/{projectKey}/repos/{repositorySlug}/tasks";
    R_ADD = Post "/default-tasks/latest/projects/{projectKey}/repos/{repositorySlug}/tasks";
    R_DELETE_ALL = Delete "/default-tasks/latest/projects/{projectKey}/repos/{repositorySlug}/tasks";
    R_UPDATE = Put "/default-tasks/latest/projects/{projectKey}/repos/{repositorySlug}/tasks/{taskId}";
    R_DELETE = Delete "/default-tasks/latest/projects/{projectKey}/repos/{repositorySlug}/tasks/{taskId}";
}

/// A default task.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DefaultTask {
    /// Id.
    pub id: i64,
    /// Text (Markdown).
    pub description: String,
    /// Rendered HTML, when asked for with `markup`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
    /// Source branches it applies to.
    #[serde(rename = "sourceMatcher", skip_serializing_if = "Option::is_none")]
    pub source_matcher: Option<RefMatcher>,
    /// Target branches it applies to.
    #[serde(rename = "targetMatcher", skip_serializing_if = "Option::is_none")]
    pub target_matcher: Option<RefMatcher>,
}

/// Body of default-task creation and update: only the fields set are sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DefaultTaskInput {
    /// Text (Markdown).
    pub description: String,
    /// Source branches (default: any).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_matcher: Option<RefMatcher>,
    /// Target branches (default: any).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_matcher: Option<RefMatcher>,
}

#[derive(Debug, Clone)]
enum Target {
    Project(String),
    Repo(String, String),
}

/// Default tasks of a project or repository.
#[derive(Debug, Clone)]
pub struct DefaultTasks {
    client: bitbucket_core::Client,
    target: Target,
}

impl ProjectHandle {
    /// Default pull-request tasks of this project.
    pub fn default_tasks(&self) -> DefaultTasks {
        DefaultTasks {
            client: self.client.clone(),
            target: Target::Project(self.key.clone()),
        }
    }
}

impl RepoHandle {
    /// Default pull-request tasks of this repository.
    pub fn default_tasks(&self) -> DefaultTasks {
        DefaultTasks {
            client: self.client.clone(),
            target: Target::Repo(self.project_key.clone(), self.slug.clone()),
        }
    }
}

impl DefaultTasks {
    fn parts(&self, eps: [Endpoint; 2]) -> Parts {
        let (key, slug) = match &self.target {
            Target::Project(key) => (key, None),
            Target::Repo(key, slug) => (key, Some(slug.as_str())),
        };
        crate::scope::project_or_repo(&self.client, eps, key, slug)
    }

    /// Lists default tasks (paged).
    pub fn list(&self) -> ListDefaultTasks {
        ListDefaultTasks::new(self.parts([P_LIST, R_LIST]))
    }

    /// Adds a default task (for any branches unless matchers are set).
    pub fn add(&self, description: impl Into<String>) -> SetDefaultTask {
        SetDefaultTask::new(
            self.parts([P_ADD, R_ADD]),
            DefaultTaskInput {
                description: description.into(),
                ..DefaultTaskInput::default()
            },
        )
    }

    /// Replaces a default task.
    pub fn update(&self, task_id: i64, description: impl Into<String>) -> SetDefaultTask {
        SetDefaultTask::new(
            self.parts([P_UPDATE, R_UPDATE])
                .param("taskId", task_id.to_string()),
            DefaultTaskInput {
                description: description.into(),
                ..DefaultTaskInput::default()
            },
        )
    }

    /// Deletes a default task.
    pub fn delete(&self, task_id: i64) -> DeleteDefaultTasks {
        DeleteDefaultTasks::new(
            self.parts([P_DELETE, R_DELETE])
                .param("taskId", task_id.to_string()),
        )
    }

    /// Deletes every default task here.
    pub fn delete_all(&self) -> DeleteDefaultTasks {
        DeleteDefaultTasks::new(self.parts([P_DELETE_ALL, R_DELETE_ALL]))
    }
}

request_builder! {
    /// Lists default tasks.
    ListDefaultTasks => paged DefaultTask
}

impl ListDefaultTasks {
    /// Also render descriptions as HTML.
    pub fn markup(mut self, yes: bool) -> Self {
        self.parts.set_query("markup", yes);
        self
    }
}

request_builder! {
    /// Adds or replaces a default task.
    SetDefaultTask { body: DefaultTaskInput } => json DefaultTask
}

impl SetDefaultTask {
    /// Source branches.
    pub fn source(mut self, matcher: RefMatcher) -> Self {
        self.body.source_matcher = Some(matcher);
        self
    }

    /// Target branches.
    pub fn target(mut self, matcher: RefMatcher) -> Self {
        self.body.target_matcher = Some(matcher);
        self
    }
}

request_builder! {
    /// Deletes default tasks.
    DeleteDefaultTasks => empty
}
