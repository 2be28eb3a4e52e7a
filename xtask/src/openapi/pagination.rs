//! Paginated Cloud listings: their query parameters and envelope schemas.

use super::PassCtx;
use super::spec::for_each_op;
use anyhow::{Context, Result};
use serde_json::{Map, Value, json};
use std::collections::BTreeSet;

/// Declares `page`/`pagelen` on every operation whose success body is a `paginated_*` envelope
/// (the spec declares them on a handful only), and `q`/`sort` on the listings in
/// [`FILTERABLE`] (Bitbucket's filter-and-sort query language, documented in prose only).
pub(super) fn declare_pagination_params(spec: &mut Value, _: &PassCtx) -> Result<usize> {
    let paginated = paginated_schema_names(spec);
    let mut n = 0;
    for_each_op(spec, |_, _, op| {
        let Some(schema) = success_schema_ref(op) else {
            return Ok(());
        };
        if !paginated.contains(&schema) {
            return Ok(());
        }
        let filterable = op
            .get("operationId")
            .and_then(Value::as_str)
            .is_some_and(|id| FILTERABLE.contains(&id));
        let params = op
            .entry("parameters")
            .or_insert_with(|| Value::Array(vec![]))
            .as_array_mut()
            .context("parameters is not an array")?;
        let have: BTreeSet<String> = params
            .iter()
            .filter_map(|p| p.get("name").and_then(Value::as_str).map(str::to_string))
            .collect();
        for (name, schema) in [
            (
                "page",
                json!({ "type": "integer", "format": "int32", "minimum": 1 }),
            ),
            (
                "pagelen",
                json!({ "type": "integer", "format": "int32", "minimum": 1, "maximum": 100 }),
            ),
            ("q", json!({ "type": "string" })),
            ("sort", json!({ "type": "string" })),
        ] {
            let wanted = matches!(name, "page" | "pagelen") || filterable;
            if wanted && !have.contains(name) {
                params.push(
                    json!({ "name": name, "in": "query", "required": false, "schema": schema }),
                );
                n += 1;
            }
        }
        Ok(())
    })?;
    Ok(n)
}

/// Listings that accept Bitbucket's `q` filter and `sort` parameters without declaring them.
const FILTERABLE: &[&str] = &[
    "list_pull_requests",
    "list_issues",
    "list_projects",
    "list_pull_request_comments",
    "list_workspace_pull_requests_for_user",
    "list_workspace_members",
];

/// Names of `paginated_*` component schemas.
pub(crate) fn paginated_schema_names(spec: &Value) -> BTreeSet<String> {
    spec.pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|m| {
            m.keys()
                .filter(|k| k.starts_with("paginated_"))
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

/// The component name of the JSON body of the operation's 200 response, if it is a `$ref`.
pub(crate) fn success_schema_ref(op: &Map<String, Value>) -> Option<String> {
    let r = op
        .get("responses")?
        .get("200")?
        .get("content")?
        .get("application/json")?;
    let reference = r.get("schema")?.get("$ref")?.as_str()?;
    reference
        .strip_prefix("#/components/schemas/")
        .map(str::to_string)
}
