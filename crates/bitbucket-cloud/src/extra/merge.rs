//! The asynchronous pull request merge: `202 Accepted`, then polling the task status.

use std::time::Duration;

use bitbucket_core::reqwest::{Method, Request, StatusCode, header};
use bitbucket_core::task::TaskFault;
use bitbucket_core::{Error, Result};
use serde::Deserialize;

use super::target::{RepoTarget, repo_setters};
use crate::generated::{Client, types};

const TASK: &str = "pull request merge";

/// Builder for [`Client::merge_pull_request_and_wait`]. A merge that ends in another status
/// than `SUCCESS`, or is still pending after the polls allowed, is [`Error::Task`].
#[derive(Debug, Clone)]
#[must_use = "a request builder does nothing until it is sent"]
pub struct MergePullRequestAndWait<'a> {
    client: &'a Client,
    target: RepoTarget,
    pull_request_id: Option<i64>,
    parameters: types::PullrequestMergeParameters,
    poll_interval: Duration,
    max_polls: u32,
}

#[derive(Debug, Deserialize)]
struct TaskStatus {
    task_status: Option<String>,
    merge_result: Option<types::Pullrequest>,
}

fn unfollowable(message: String) -> Error {
    Error::Task {
        task: TASK.into(),
        fault: TaskFault::Unfollowable(message),
    }
}

impl<'a> MergePullRequestAndWait<'a> {
    pub(super) fn new(client: &'a Client) -> Self {
        Self {
            client,
            target: RepoTarget::default(),
            pull_request_id: None,
            parameters: types::PullrequestMergeParameters::default(),
            poll_interval: Duration::from_secs(2),
            max_polls: 150,
        }
    }

    /// Sets `pull_request_id` (an integer, as the models type it).
    pub fn pull_request_id(mut self, id: i64) -> Self {
        self.pull_request_id = Some(id);
        self
    }

    /// The merge parameters sent as the body (strategy, message, closing the source branch).
    pub fn parameters(mut self, parameters: types::PullrequestMergeParameters) -> Self {
        self.parameters = parameters;
        self
    }

    /// Delay between task-status requests (2 s unless set), waited on the client's sleeper.
    pub fn poll_interval(mut self, interval: Duration) -> Self {
        self.poll_interval = interval;
        self
    }

    /// Gives up after this many task-status requests (150 unless set).
    pub fn max_polls(mut self, polls: u32) -> Self {
        self.max_polls = polls;
        self
    }

    /// Builds the merge request without sending it (credentials are added when it is sent).
    pub fn build_request(&self) -> Result<Request> {
        const OP: &str = "merge_pull_request_and_wait";
        let id = self.pull_request_id.ok_or_else(|| Error::InvalidInput {
            message: format!(
                "{OP}: required parameter `pull_request_id` is not set (call .pull_request_id(...))"
            ),
        })?;
        let path = format!("{}/pullrequests/{id}/merge", self.target.path(OP)?);
        Ok(self
            .client
            .core()
            .request(Method::POST, &path)?
            .query(&[("async", "true")])
            .json(&self.parameters)
            .build()?)
    }

    /// Merges, waiting for the task when the server answers `202 Accepted`; answers the merged
    /// pull request.
    pub async fn send(self) -> Result<types::Pullrequest> {
        let core = self.client.core();
        let resp = core.send(self.build_request()?).await?;
        if resp.status() != StatusCode::ACCEPTED {
            return bitbucket_core::transport::decode_response(resp).await;
        }
        let location = resp
            .headers()
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
            .ok_or_else(|| unfollowable("202 answer without a Location header to poll".into()))?;
        let url = core
            .base_url()
            .join(&location)
            .map_err(|e| unfollowable(format!("task URL {location:?}: {e}")))?;
        if !core.same_origin(&url) {
            return Err(unfollowable(format!(
                "task URL {url} is not on the API's origin"
            )));
        }
        for _ in 0..self.max_polls {
            core.sleep(self.poll_interval).await;
            let status: TaskStatus = core
                .send_json(Request::new(Method::GET, url.clone()))
                .await?;
            match status.task_status.as_deref() {
                Some("SUCCESS") => {
                    return status.merge_result.ok_or_else(|| {
                        unfollowable("task succeeded without a merge_result".into())
                    });
                }
                Some("PENDING") | None => continue,
                Some(other) => {
                    return Err(Error::Task {
                        task: TASK.into(),
                        fault: TaskFault::Failed {
                            status: other.to_owned(),
                        },
                    });
                }
            }
        }
        Err(Error::Task {
            task: TASK.into(),
            fault: TaskFault::StillPending {
                polls: self.max_polls,
            },
        })
    }
}

repo_setters!(MergePullRequestAndWait => types::Pullrequest);
