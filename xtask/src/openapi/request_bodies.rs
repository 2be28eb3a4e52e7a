//! Cloud passes over request bodies the spec leaves out or cannot express.

use super::PassCtx;
use super::spec::{count_changes, listed};
use anyhow::Result;
use serde_json::{Map, Value, json};

/// POST/PUT operations that declare no request body. The API's behaviour decides: some take a
/// JSON body (typed with an existing schema where one fits, untyped otherwise), some take none,
/// some take a multipart form (marked `x-bitbucket-multipart`; the SDK writes those by hand).
const UNDECLARED_BODIES: &[(RequestBody, &[&str])] = &[
    (
        RequestBody::Schema("branching_model_settings"),
        &[
            "update_repository_branching_model_settings",
            "update_project_branching_model_settings",
        ],
    ),
    (
        RequestBody::Schema("deploy_key"),
        &["add_repository_deploy_key", "update_repository_deploy_key"],
    ),
    (
        RequestBody::Schema("project_deploy_key"),
        &["create_project_deploy_key"],
    ),
    (RequestBody::Schema("issue"), &["update_issue"]),
    (RequestBody::Schema("branch"), &["create_branch"]),
    (
        RequestBody::Schema("pipeline_runner"),
        &[
            "create_repository_runner",
            "update_repository_runner",
            "create_workspace_runner",
            "update_workspace_runner",
        ],
    ),
    (
        RequestBody::Untyped,
        &[
            "update_app",
            // Webhook bodies carry a write-only `secret` the subscription schema lacks.
            "create_repository_webhook",
            "update_repository_webhook",
            "create_workspace_webhook",
            "update_workspace_webhook",
            "update_environment",
            "update_repository_override_settings",
            "update_snippet",
            "update_snippet_revision",
        ],
    ),
    (
        RequestBody::None,
        &[
            "approve_commit",
            "approve_pull_request",
            "decline_pull_request",
            "request_pull_request_changes",
            "resolve_pull_request_comment_thread",
            "add_repository_default_reviewer",
            "add_project_default_reviewer",
            "vote_issue",
            "watch_issue",
            "watch_snippet",
            "stop_pipeline",
        ],
    ),
    (
        RequestBody::Multipart,
        &[
            "upload_download",
            "create_source_commit",
            "upload_issue_attachments",
            "import_issues",
        ],
    ),
    (
        RequestBody::Form,
        &["list_commits_filtered", "list_commits_at_revision_filtered"],
    ),
];

#[derive(Clone, Copy)]
enum RequestBody {
    Schema(&'static str),
    Untyped,
    None,
    Multipart,
    Form,
}

pub(super) fn undeclared_request_bodies(spec: &mut Value, _: &PassCtx) -> Result<usize> {
    count_changes(spec, |_, op| {
        let body = listed_without_body(op, UNDECLARED_BODIES)?;
        let json_body = |schema: Value| json!({ "required": true, "content": { "application/json": { "schema": schema } } });
        match body {
            RequestBody::Schema(name) => {
                op.insert(
                    "requestBody".into(),
                    json_body(json!({ "$ref": format!("#/components/schemas/{name}") })),
                );
            }
            RequestBody::Untyped => {
                op.insert("requestBody".into(), json_body(json!({})));
                op.insert("x-bitbucket-untyped-request-body".into(), Value::Bool(true));
            }
            RequestBody::None => {
                op.insert("x-bitbucket-no-body".into(), Value::Bool(true));
            }
            RequestBody::Multipart => {
                op.insert("x-bitbucket-multipart".into(), Value::Bool(true));
            }
            RequestBody::Form => {
                op.insert("x-bitbucket-form-body".into(), Value::Bool(true));
            }
        }
        Some(1)
    })
}

/// Multipart uploads whose form the API documents only in prose get a `multipart/form-data`
/// request body, so request validation (Prism) checks what the hand-written helpers send.
/// The generator leaves these bodies to the helpers (progenitor has no multipart support).
const MULTIPART_BODIES: &[(MultipartForm, &[&str])] = &[
    (
        MultipartForm::Files,
        &["upload_download", "upload_issue_attachments"],
    ),
    (MultipartForm::SourceCommit, &["create_source_commit"]),
];

#[derive(Clone, Copy)]
enum MultipartForm {
    /// One or more file parts named `files`.
    Files,
    /// Text fields (`message`, `branch`, ...), `files` naming paths to delete, and one file
    /// part per repository path (the part name is the path).
    SourceCommit,
}

pub(super) fn declare_multipart_bodies(spec: &mut Value, _: &PassCtx) -> Result<usize> {
    let binary = json!({ "type": "string", "format": "binary" });
    count_changes(spec, |_, op| {
        let form = listed_without_body(op, MULTIPART_BODIES)?;
        let schema = match form {
            MultipartForm::Files => json!({
                "type": "object",
                "properties": { "files": binary },
                "required": ["files"]
            }),
            MultipartForm::SourceCommit => json!({
                "type": "object",
                "properties": {
                    "message": { "type": "string" },
                    "author": { "type": "string" },
                    "parents": { "type": "string" },
                    "branch": { "type": "string" },
                    "files": { "type": "string" }
                },
                "additionalProperties": binary
            }),
        };
        op.insert(
            "requestBody".into(),
            json!({ "required": true, "content": { "multipart/form-data": { "schema": schema } } }),
        );
        op.insert("x-bitbucket-multipart".into(), Value::Bool(true));
        Some(1)
    })
}

/// The `table` entry for an operation that declares no request body, by its `operationId`.
fn listed_without_body<T: Copy>(op: &Map<String, Value>, table: &[(T, &[&str])]) -> Option<T> {
    if op.contains_key("requestBody") {
        return None;
    }
    listed(op, table)
}
