//! Cloud passes over request bodies the spec leaves out or cannot express.

use super::PassCtx;
use super::spec::for_each_op;
use anyhow::Result;
use serde_json::{Value, json};

/// POST/PUT operations that declare no request body. The API's behaviour decides: some take a
/// JSON body (typed with an existing schema where one fits, untyped otherwise), some take none,
/// some take a multipart form (marked `x-bitbucket-multipart`; the SDK writes those by hand).
const UNDECLARED_BODIES: &[(&str, RequestBody)] = &[
    ("update_app", RequestBody::Untyped),
    (
        "update_repository_branching_model_settings",
        RequestBody::Schema("branching_model_settings"),
    ),
    (
        "update_project_branching_model_settings",
        RequestBody::Schema("branching_model_settings"),
    ),
    (
        "add_repository_deploy_key",
        RequestBody::Schema("deploy_key"),
    ),
    (
        "update_repository_deploy_key",
        RequestBody::Schema("deploy_key"),
    ),
    (
        "create_project_deploy_key",
        RequestBody::Schema("project_deploy_key"),
    ),
    ("update_issue", RequestBody::Schema("issue")),
    ("create_branch", RequestBody::Schema("branch")),
    (
        "create_repository_runner",
        RequestBody::Schema("pipeline_runner"),
    ),
    (
        "update_repository_runner",
        RequestBody::Schema("pipeline_runner"),
    ),
    (
        "create_workspace_runner",
        RequestBody::Schema("pipeline_runner"),
    ),
    (
        "update_workspace_runner",
        RequestBody::Schema("pipeline_runner"),
    ),
    // Webhook bodies carry a write-only `secret` the subscription schema lacks.
    ("create_repository_webhook", RequestBody::Untyped),
    ("update_repository_webhook", RequestBody::Untyped),
    ("create_workspace_webhook", RequestBody::Untyped),
    ("update_workspace_webhook", RequestBody::Untyped),
    ("update_environment", RequestBody::Untyped),
    ("update_repository_override_settings", RequestBody::Untyped),
    ("update_snippet", RequestBody::Untyped),
    ("update_snippet_revision", RequestBody::Untyped),
    ("approve_commit", RequestBody::None),
    ("approve_pull_request", RequestBody::None),
    ("decline_pull_request", RequestBody::None),
    ("request_pull_request_changes", RequestBody::None),
    ("resolve_pull_request_comment_thread", RequestBody::None),
    ("add_repository_default_reviewer", RequestBody::None),
    ("add_project_default_reviewer", RequestBody::None),
    ("vote_issue", RequestBody::None),
    ("watch_issue", RequestBody::None),
    ("watch_snippet", RequestBody::None),
    ("stop_pipeline", RequestBody::None),
    ("upload_download", RequestBody::Multipart),
    ("create_source_commit", RequestBody::Multipart),
    ("upload_issue_attachments", RequestBody::Multipart),
    ("import_issues", RequestBody::Multipart),
    ("list_commits_filtered", RequestBody::Form),
    ("list_commits_at_revision_filtered", RequestBody::Form),
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
    let mut n = 0;
    for_each_op(spec, |_, _, op| {
        if op.contains_key("requestBody") {
            return Ok(());
        }
        let Some(id) = op.get("operationId").and_then(Value::as_str) else {
            return Ok(());
        };
        let Some((_, body)) = UNDECLARED_BODIES.iter().find(|(name, _)| *name == id) else {
            return Ok(());
        };
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
        n += 1;
        Ok(())
    })?;
    Ok(n)
}

/// Multipart uploads whose form the API documents only in prose get a `multipart/form-data`
/// request body, so request validation (Prism) checks what the hand-written helpers send.
/// The generator leaves these bodies to the helpers (progenitor has no multipart support).
const MULTIPART_BODIES: &[(&str, MultipartForm)] = &[
    ("upload_download", MultipartForm::Files),
    ("create_source_commit", MultipartForm::SourceCommit),
    ("upload_issue_attachments", MultipartForm::Files),
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
    let mut n = 0;
    for_each_op(spec, |_, _, op| {
        if op.contains_key("requestBody") {
            return Ok(());
        }
        let Some(id) = op.get("operationId").and_then(Value::as_str) else {
            return Ok(());
        };
        let Some((_, form)) = MULTIPART_BODIES.iter().find(|(name, _)| *name == id) else {
            return Ok(());
        };
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
        n += 1;
        Ok(())
    })?;
    Ok(n)
}
