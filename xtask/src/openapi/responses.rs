//! Cloud passes over responses: success codes, bodies the spec leaves out, error bodies.

use super::PassCtx;
use super::spec::{
    binary_content, count_changes, has_content, is_error, is_redirect, is_success, listed,
    push_extension, responses,
};
use anyhow::Result;
use serde_json::{Map, Value, json};

/// A `204` never carries a body; some operations declare one anyway.
pub(super) fn no_content_has_no_body(spec: &mut Value, _: &PassCtx) -> Result<usize> {
    count_changes(spec, |_, op| {
        let r = responses(op)?.get_mut("204")?.as_object_mut()?;
        Some(usize::from(r.remove("content").is_some()))
    })
}

/// Status `555` (a Bitbucket-specific timeout) is not a status generators and mock tools accept;
/// it moves to `x-bitbucket-extra-statuses` so the fact is kept.
pub(super) fn status_555_to_extension(spec: &mut Value, _: &PassCtx) -> Result<usize> {
    count_changes(spec, |_, op| {
        responses(op)?.shift_remove("555")?;
        push_extension(op, "x-bitbucket-extra-statuses", json!(555));
        Some(1)
    })
}

/// When an operation has a success response with a body and another success response without
/// one (the pull request merge: 200 with the pull request, 202 while merging asynchronously),
/// the body-less one moves to `x-bitbucket-async-statuses`; the SDK handles it by hand.
pub(super) fn bodyless_second_success_to_extension(spec: &mut Value, _: &PassCtx) -> Result<usize> {
    count_changes(spec, |_, op| {
        let rs = responses(op)?;
        let with_body = rs.iter().any(|(c, r)| is_success(c) && has_content(r));
        if !with_body {
            return None;
        }
        let bodyless: Vec<String> = rs
            .iter()
            .filter(|(c, r)| is_success(c) && !has_content(r) && c.as_str() != "204")
            .map(|(c, _)| c.clone())
            .collect();
        for c in &bodyless {
            rs.shift_remove(c);
        }
        for c in &bodyless {
            let code: u16 = c.parse().unwrap_or(0);
            push_extension(op, "x-bitbucket-async-statuses", json!(code));
        }
        Some(bodyless.len())
    })
}

/// Operations that answer only with a redirect (downloads, diffs, attachments): the HTTP client
/// follows the redirect, so the caller sees a `200` with the content. The redirect status is kept
/// in `x-bitbucket-redirect`.
pub(super) fn redirect_only_to_binary(spec: &mut Value, _: &PassCtx) -> Result<usize> {
    count_changes(spec, |_, op| {
        if responses(op)?.keys().any(|c| is_success(c)) || redirects_to_extension(op) == 0 {
            return None;
        }
        let rs = responses(op)?;
        rs.insert(
            "200".into(),
            json!({ "description": "", "content": binary_content() }),
        );
        rs.sort_keys();
        Some(1)
    })
}

/// Redirect and not-modified statuses next to a real success response (pipeline step logs) are
/// followed or handled by the HTTP client; they move to `x-bitbucket-redirect`.
pub(super) fn drop_redirect_alongside_success(spec: &mut Value, _: &PassCtx) -> Result<usize> {
    count_changes(spec, |_, op| Some(redirects_to_extension(op)))
}

/// Moves an operation's redirect statuses out of its responses into `x-bitbucket-redirect`;
/// returns how many moved (none: the operation is left as it was).
fn redirects_to_extension(op: &mut Map<String, Value>) -> usize {
    let Some(rs) = responses(op) else {
        return 0;
    };
    let redirects: Vec<String> = rs.keys().filter(|c| is_redirect(c)).cloned().collect();
    if redirects.is_empty() {
        return 0;
    }
    for c in &redirects {
        rs.shift_remove(c);
    }
    let codes: Vec<Value> = redirects
        .iter()
        .map(|c| json!(c.parse::<u16>().unwrap_or(0)))
        .collect();
    op.insert("x-bitbucket-redirect".into(), Value::Array(codes));
    redirects.len()
}

/// Operations whose only response is `default` (an error body) get a success response: `204`
/// for DELETE, otherwise `200` with an untyped JSON body (marked `x-bitbucket-untyped-body`).
pub(super) fn default_only_to_success(spec: &mut Value, _: &PassCtx) -> Result<usize> {
    count_changes(spec, |method, op| {
        let rs = responses(op)?;
        if rs.keys().any(|c| c != "default") {
            return None;
        }
        if method == "delete" {
            rs.insert("204".into(), json!({ "description": "" }));
        } else {
            rs.insert(
                "200".into(),
                json!({ "description": "", "content": { "application/json": { "schema": {} } } }),
            );
            op.insert("x-bitbucket-untyped-body".into(), Value::Bool(true));
        }
        if let Some(rs) = responses(op) {
            rs.sort_keys();
        }
        Some(1)
    })
}

/// JSON answers the spec leaves undeclared (or declares as `default` only), from the API's
/// observed behaviour. `paginated` entries answer the usual page envelope: they get an existing
/// `paginated_*` schema, or `paginated_values` (untyped items) added by this pass.
const UNDECLARED_JSON: &[(JsonBody, &[&str])] = &[
    (
        JsonBody::Page("paginated_changeset"),
        &["list_pull_request_commits"],
    ),
    (
        JsonBody::Page("paginated_values"),
        &[
            "list_pull_request_activity",
            "list_repository_pull_request_activity",
            "list_downloads",
            "list_current_user_emails",
        ],
    ),
    (
        JsonBody::Untyped,
        &[
            "get_current_user_email",
            "get_pull_request_merge_task_status",
            "get_pipeline_step_test_reports",
            "list_pipeline_step_test_cases",
            "list_pipeline_test_case_reasons",
            "get_pipelines_oidc_configuration",
            "get_pipelines_oidc_keys",
        ],
    ),
];

#[derive(Clone, Copy)]
enum JsonBody {
    Page(&'static str),
    Untyped,
}

pub(super) fn undeclared_json_bodies(spec: &mut Value, _: &PassCtx) -> Result<usize> {
    let mut n = 0;
    if let Some(schemas) = spec
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
        && !schemas.contains_key("paginated_values")
    {
        schemas.insert(
            "paginated_values".into(),
            json!({
                "type": "object",
                "title": "Paginated values",
                "properties": {
                    "size": { "type": "integer", "minimum": 0 },
                    "page": { "type": "integer", "minimum": 1 },
                    "pagelen": { "type": "integer", "minimum": 1 },
                    "next": { "type": "string", "format": "uri" },
                    "previous": { "type": "string", "format": "uri" },
                    "values": { "type": "array", "items": {} }
                }
            }),
        );
        n += 1;
    }
    let listed_ops = count_changes(spec, |_, op| {
        let body = listed(op, UNDECLARED_JSON)?;
        let schema = match body {
            JsonBody::Page(name) => json!({ "$ref": format!("#/components/schemas/{name}") }),
            JsonBody::Untyped => json!({}),
        };
        let r = responses(op)?
            .entry("200")
            .or_insert_with(|| json!({ "description": "" }));
        if let Some(r) = r.as_object_mut() {
            r.insert(
                "content".into(),
                json!({ "application/json": { "schema": schema } }),
            );
        }
        let untyped = matches!(body, JsonBody::Untyped | JsonBody::Page("paginated_values"));
        if untyped {
            op.insert("x-bitbucket-untyped-body".into(), Value::Bool(true));
        } else {
            op.remove("x-bitbucket-untyped-body");
        }
        Some(1)
    })?;
    Ok(n + listed_ops)
}

/// GET operations whose `200` declares no body do return one (diffs, patches, logs as text):
/// they get an untyped binary body so the SDK hands out the bytes.
pub(super) fn bodyless_get_200_to_binary(spec: &mut Value, _: &PassCtx) -> Result<usize> {
    count_changes(spec, |method, op| {
        if method != "get" {
            return None;
        }
        let r = responses(op)?.get_mut("200")?.as_object_mut()?;
        if r.get("content")
            .and_then(Value::as_object)
            .is_some_and(|c| !c.is_empty())
        {
            return None;
        }
        r.insert("content".into(), binary_content());
        op.insert("x-bitbucket-untyped-body".into(), Value::Bool(true));
        Some(1)
    })
}

/// Within one operation, error responses either all carry a body or none do: body-less error
/// responses get the body the operation's other error responses declare (Bitbucket's `error`).
pub(super) fn mixed_error_bodies(spec: &mut Value, _: &PassCtx) -> Result<usize> {
    count_changes(spec, |_, op| {
        let rs = responses(op)?;
        let body = rs
            .iter()
            .find(|(c, r)| is_error(c) && has_content(r))
            .and_then(|(_, r)| r.get("content").cloned())?;
        let mut n = 0;
        for (c, r) in rs.iter_mut() {
            if is_error(c)
                && !has_content(r)
                && let Some(r) = r.as_object_mut()
            {
                r.insert("content".into(), body.clone());
                n += 1;
            }
        }
        Some(n)
    })
}
