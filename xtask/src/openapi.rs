//! `cargo xtask openapi import <file> --kind cloud|dc`
//!
//! Derives the project's facts-only spec from Atlassian's published OpenAPI file. The
//! transformation is a list of named passes; each pass reports how many places it changed,
//! so the same command can be re-run on the next spec release and the log shows what moved.

use anyhow::{Context, Result, bail};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub(crate) const HTTP_METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "patch", "head", "options", "trace",
];

/// Which API a spec describes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Cloud,
    Dc,
}

impl Kind {
    fn output(self) -> &'static str {
        match self {
            Kind::Cloud => "openapi/bitbucket-cloud.json",
            Kind::Dc => "openapi/bitbucket-dc.json",
        }
    }
}

/// A named, re-runnable normalization step. Returns the number of places changed.
struct Pass {
    name: &'static str,
    run: fn(&mut Value, &PassCtx) -> Result<usize>,
}

/// A [`Pass`] named after its function.
macro_rules! pass {
    ($run:ident) => {
        Pass {
            name: stringify!($run),
            run: $run,
        }
    };
}

/// Inputs some passes need besides the spec.
struct PassCtx {
    /// Curated `METHOD path -> name` table (Cloud only).
    names: BTreeMap<(String, String), String>,
}

pub fn cmd_import(args: &[&str]) -> Result<()> {
    let mut file = None;
    let mut kind = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match *a {
            "--kind" => {
                kind = match it.next().copied() {
                    Some("cloud") => Some(Kind::Cloud),
                    Some("dc") => Some(Kind::Dc),
                    other => bail!("--kind must be cloud or dc, got {other:?}"),
                }
            }
            f if !f.starts_with("--") && file.is_none() => file = Some(f.to_string()),
            other => bail!("unexpected argument {other:?}"),
        }
    }
    let file = file.context("missing <file>")?;
    let kind = kind.context("missing --kind cloud|dc")?;
    let root = crate::workspace_root();
    let text = std::fs::read_to_string(&file).with_context(|| format!("reading {file}"))?;
    let mut spec: Value = serde_json::from_str(&text).with_context(|| format!("parsing {file}"))?;
    let ctx = PassCtx {
        names: if kind == Kind::Cloud {
            load_names(&root.join("openapi/cloud-operation-names.txt"))?
        } else {
            BTreeMap::new()
        },
    };
    println!("importing {file} as {kind:?}");
    let passes = match kind {
        Kind::Cloud => cloud_passes(),
        Kind::Dc => dc_passes(),
    };
    for pass in passes {
        let n = (pass.run)(&mut spec, &ctx).with_context(|| format!("pass {}", pass.name))?;
        println!("  pass {:<34} {n:>5} changes", pass.name);
    }
    let out = root.join(kind.output());
    let mut s = serde_json::to_string_pretty(&spec)?;
    s.push('\n');
    std::fs::write(&out, s).with_context(|| format!("writing {}", out.display()))?;
    println!("wrote {}", out.display());
    Ok(())
}

fn common_passes() -> Vec<Pass> {
    vec![
        pass!(strip_prose),
        pass!(strip_top_level_narrative),
        pass!(strip_prose_examples),
    ]
}

fn dc_passes() -> Vec<Pass> {
    let mut v = common_passes();
    v.push(pass!(dedupe_operation_ids));
    v
}

fn cloud_passes() -> Vec<Pass> {
    let mut v = common_passes();
    v.extend([
        pass!(name_operations),
        pass!(no_content_has_no_body),
        pass!(status_555_to_extension),
        pass!(bodyless_second_success_to_extension),
        pass!(redirect_only_to_binary),
        pass!(drop_redirect_alongside_success),
        pass!(default_only_to_success),
        pass!(undeclared_json_bodies),
        pass!(bodyless_get_200_to_binary),
        pass!(undeclared_request_bodies),
        pass!(declare_multipart_bodies),
        pass!(mixed_error_bodies),
        pass!(remove_additional_properties_false),
        pass!(rename_dotted_schemas),
        pass!(inline_title_collisions),
        pass!(declare_pagination_params),
    ]);
    v
}

// ---------------------------------------------------------------------------------------------
// helpers

/// Calls `f(method, path, operation)` for every operation.
pub(crate) fn for_each_op(
    spec: &mut Value,
    mut f: impl FnMut(&str, &str, &mut Map<String, Value>) -> Result<()>,
) -> Result<()> {
    let Some(paths) = spec.get_mut("paths").and_then(Value::as_object_mut) else {
        return Ok(());
    };
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for (method, op) in item.iter_mut() {
            if !HTTP_METHODS.contains(&method.as_str()) {
                continue;
            }
            if let Some(op) = op.as_object_mut() {
                f(method, path, op)?;
            }
        }
    }
    Ok(())
}

fn responses(op: &mut Map<String, Value>) -> Option<&mut Map<String, Value>> {
    op.get_mut("responses").and_then(Value::as_object_mut)
}

fn is_success(code: &str) -> bool {
    code.starts_with('2')
}
fn is_redirect(code: &str) -> bool {
    code.starts_with('3')
}
fn is_error(code: &str) -> bool {
    code.starts_with('4') || code.starts_with('5') || code == "default"
}

fn has_content(resp: &Value) -> bool {
    resp.get("content")
        .and_then(Value::as_object)
        .is_some_and(|c| !c.is_empty())
}

fn binary_content() -> Value {
    json!({ "application/octet-stream": { "schema": { "type": "string", "format": "binary" } } })
}

fn push_extension(op: &mut Map<String, Value>, key: &str, value: Value) {
    match op.get_mut(key).and_then(Value::as_array_mut) {
        Some(a) => a.push(value),
        None => {
            op.insert(key.to_string(), Value::Array(vec![value]));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// common passes

/// Removes every prose `description` (string-valued `description` keywords; a schema property
/// that happens to be *named* `description` holds an object and is kept), plus other prose-only
/// keywords (`termsOfService`, `externalDocs`).
fn strip_prose(spec: &mut Value, _: &PassCtx) -> Result<usize> {
    // `is_response`: the object is an OpenAPI Response, whose `description` is required; it is
    // kept as an empty string so the spec stays valid.
    fn walk(v: &mut Value, n: &mut usize, is_response: bool) {
        match v {
            Value::Object(m) => {
                for key in ["description", "termsOfService"] {
                    if m.get(key).is_some_and(|d| d.is_string() && d != "") {
                        if is_response && key == "description" {
                            m.insert(key.into(), Value::String(String::new()));
                        } else {
                            m.remove(key);
                        }
                        *n += 1;
                    }
                }
                if m.get("externalDocs").is_some_and(Value::is_object) {
                    m.remove("externalDocs");
                    *n += 1;
                }
                for (k, x) in m.iter_mut() {
                    if k == "responses"
                        && let Value::Object(rs) = x
                    {
                        rs.values_mut().for_each(|r| walk(r, n, true));
                    } else {
                        walk(x, n, false);
                    }
                }
            }
            Value::Array(a) => a.iter_mut().for_each(|x| walk(x, n, false)),
            _ => {}
        }
    }
    let mut n = 0;
    walk(spec, &mut n, false);
    Ok(n)
}

/// Drops the top-level `x-atlassian-narrative` (a long prose document).
fn strip_top_level_narrative(spec: &mut Value, _: &PassCtx) -> Result<usize> {
    let mut n = 0;
    if let Some(m) = spec.as_object_mut() {
        for key in ["x-atlassian-narrative", "x-revision"] {
            if m.remove(key).is_some() {
                n += 1;
            }
        }
    }
    Ok(n)
}

/// Example values stay (Prism's static mode answers with them) but prose inside them goes:
/// example-level `summary`, and string examples that read like sentences (newlines or long text).
fn strip_prose_examples(spec: &mut Value, _: &PassCtx) -> Result<usize> {
    fn prose(s: &str) -> bool {
        s.contains('\n') || s.len() > 80
    }
    fn walk(v: &mut Value, n: &mut usize) {
        match v {
            Value::Object(m) => {
                if m.get("example").and_then(Value::as_str).is_some_and(prose) {
                    m.remove("example");
                    *n += 1;
                }
                if let Some(Value::Object(examples)) = m.get_mut("examples") {
                    for ex in examples.values_mut() {
                        if let Some(ex) = ex.as_object_mut()
                            && ex.remove("summary").is_some()
                        {
                            *n += 1;
                        }
                    }
                }
                for x in m.values_mut() {
                    walk(x, n);
                }
            }
            Value::Array(a) => a.iter_mut().for_each(|x| walk(x, n)),
            _ => {}
        }
    }
    let mut n = 0;
    walk(spec, &mut n);
    Ok(n)
}

// ---------------------------------------------------------------------------------------------
// DC passes

/// Makes operationIds unique: a repeated id gets a suffix derived from the path's API area
/// (`/tsv/latest/status` -> `getStatus_tsv`). The first occurrence keeps its id.
fn dedupe_operation_ids(spec: &mut Value, _: &PassCtx) -> Result<usize> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut all: BTreeSet<String> = BTreeSet::new();
    for_each_op(spec, |_, _, op| {
        if let Some(id) = op.get("operationId").and_then(Value::as_str) {
            *seen.entry(id.to_string()).or_default() += 1;
            all.insert(id.to_string());
        }
        Ok(())
    })?;
    let dups: BTreeSet<String> = seen
        .into_iter()
        .filter(|(_, c)| *c > 1)
        .map(|(k, _)| k)
        .collect();
    let mut first: BTreeSet<String> = BTreeSet::new();
    let mut n = 0;
    for_each_op(spec, |_, path, op| {
        let Some(id) = op
            .get("operationId")
            .and_then(Value::as_str)
            .map(str::to_string)
        else {
            return Ok(());
        };
        if !dups.contains(&id) {
            return Ok(());
        }
        if first.insert(id.clone()) {
            return Ok(());
        }
        let area = path
            .trim_start_matches('/')
            .split('/')
            .next()
            .unwrap_or("api");
        let mut new = format!("{id}_{}", area.replace('-', "_"));
        let mut i = 2;
        while all.contains(&new) {
            new = format!("{id}_{}_{i}", area.replace('-', "_"));
            i += 1;
        }
        all.insert(new.clone());
        op.insert("operationId".into(), Value::String(new));
        n += 1;
        Ok(())
    })?;
    Ok(n)
}

// ---------------------------------------------------------------------------------------------
// Cloud passes

/// Reads `openapi/cloud-operation-names.txt`: `METHOD /path -> snake_case_name`, `#` comments.
fn load_names(file: &Path) -> Result<BTreeMap<(String, String), String>> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let mut out = BTreeMap::new();
    let mut used = BTreeSet::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (lhs, name) = line
            .split_once("->")
            .with_context(|| format!("line {}: expected `METHOD /path -> name`", i + 1))?;
        let (method, path) = lhs
            .trim()
            .split_once(' ')
            .with_context(|| format!("line {}: expected `METHOD /path`", i + 1))?;
        let name = name.trim().to_string();
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            || name.starts_with(|c: char| c.is_ascii_digit())
        {
            bail!("line {}: `{name}` is not a snake_case name", i + 1);
        }
        if !used.insert(name.clone()) {
            bail!("line {}: name `{name}` used twice", i + 1);
        }
        let key = (method.trim().to_ascii_lowercase(), path.trim().to_string());
        if out.insert(key, name).is_some() {
            bail!("line {}: operation listed twice", i + 1);
        }
    }
    Ok(out)
}

/// Sets every operationId from the curated table. Fails on any operation without a name and on
/// table entries that match no operation (so the table stays in step with the spec).
fn name_operations(spec: &mut Value, ctx: &PassCtx) -> Result<usize> {
    let mut missing = Vec::new();
    let mut matched = BTreeSet::new();
    let mut n = 0;
    for_each_op(spec, |method, path, op| {
        let key = (method.to_string(), path.to_string());
        match ctx.names.get(&key) {
            Some(name) => {
                matched.insert(key);
                if op.get("operationId").and_then(Value::as_str) != Some(name) {
                    op.insert("operationId".into(), Value::String(name.clone()));
                    n += 1;
                }
            }
            None => missing.push(format!("{} {path}", method.to_ascii_uppercase())),
        }
        Ok(())
    })?;
    let stale: Vec<String> = ctx
        .names
        .keys()
        .filter(|k| !matched.contains(*k))
        .map(|(m, p)| format!("{} {p}", m.to_ascii_uppercase()))
        .collect();
    if !missing.is_empty() {
        bail!(
            "{} operation(s) have no name in openapi/cloud-operation-names.txt; add them:\n  {}",
            missing.len(),
            missing.join(" -> ?\n  ") + " -> ?"
        );
    }
    if !stale.is_empty() {
        bail!(
            "names for operations not in the spec:\n  {}",
            stale.join("\n  ")
        );
    }
    Ok(n)
}

/// A `204` never carries a body; some operations declare one anyway.
fn no_content_has_no_body(spec: &mut Value, _: &PassCtx) -> Result<usize> {
    let mut n = 0;
    for_each_op(spec, |_, _, op| {
        if let Some(r) = responses(op)
            .and_then(|r| r.get_mut("204"))
            .and_then(Value::as_object_mut)
            && r.remove("content").is_some()
        {
            n += 1;
        }
        Ok(())
    })?;
    Ok(n)
}

/// Status `555` (a Bitbucket-specific timeout) is not a status generators and mock tools accept;
/// it moves to `x-bitbucket-extra-statuses` so the fact is kept.
fn status_555_to_extension(spec: &mut Value, _: &PassCtx) -> Result<usize> {
    let mut n = 0;
    for_each_op(spec, |_, _, op| {
        if responses(op).and_then(|r| r.shift_remove("555")).is_some() {
            push_extension(op, "x-bitbucket-extra-statuses", json!(555));
            n += 1;
        }
        Ok(())
    })?;
    Ok(n)
}

/// When an operation has a success response with a body and another success response without
/// one (the pull request merge: 200 with the pull request, 202 while merging asynchronously),
/// the body-less one moves to `x-bitbucket-async-statuses`; the SDK handles it by hand.
fn bodyless_second_success_to_extension(spec: &mut Value, _: &PassCtx) -> Result<usize> {
    let mut n = 0;
    for_each_op(spec, |_, _, op| {
        let Some(rs) = responses(op) else {
            return Ok(());
        };
        let with_body = rs.iter().any(|(c, r)| is_success(c) && has_content(r));
        if !with_body {
            return Ok(());
        }
        let bodyless: Vec<String> = rs
            .iter()
            .filter(|(c, r)| is_success(c) && !has_content(r) && c.as_str() != "204")
            .map(|(c, _)| c.clone())
            .collect();
        for c in &bodyless {
            rs.shift_remove(c);
        }
        for c in bodyless {
            let code: u16 = c.parse().unwrap_or(0);
            push_extension(op, "x-bitbucket-async-statuses", json!(code));
            n += 1;
        }
        Ok(())
    })?;
    Ok(n)
}

/// Operations that answer only with a redirect (downloads, diffs, attachments): the HTTP client
/// follows the redirect, so the caller sees a `200` with the content. The redirect status is kept
/// in `x-bitbucket-redirect`.
fn redirect_only_to_binary(spec: &mut Value, _: &PassCtx) -> Result<usize> {
    let mut n = 0;
    for_each_op(spec, |_, _, op| {
        let Some(rs) = responses(op) else {
            return Ok(());
        };
        if rs.keys().any(|c| is_success(c)) {
            return Ok(());
        }
        let redirects: Vec<String> = rs.keys().filter(|c| is_redirect(c)).cloned().collect();
        if redirects.is_empty() {
            return Ok(());
        }
        for c in &redirects {
            rs.shift_remove(c);
        }
        rs.insert(
            "200".into(),
            json!({ "description": "", "content": binary_content() }),
        );
        rs.sort_keys();
        let codes: Vec<Value> = redirects
            .iter()
            .map(|c| json!(c.parse::<u16>().unwrap_or(0)))
            .collect();
        op.insert("x-bitbucket-redirect".into(), Value::Array(codes));
        n += 1;
        Ok(())
    })?;
    Ok(n)
}

/// Redirect and not-modified statuses next to a real success response (pipeline step logs) are
/// followed or handled by the HTTP client; they move to `x-bitbucket-redirect`.
fn drop_redirect_alongside_success(spec: &mut Value, _: &PassCtx) -> Result<usize> {
    let mut n = 0;
    for_each_op(spec, |_, _, op| {
        let Some(rs) = responses(op) else {
            return Ok(());
        };
        let redirects: Vec<String> = rs.keys().filter(|c| is_redirect(c)).cloned().collect();
        if redirects.is_empty() {
            return Ok(());
        }
        for c in &redirects {
            rs.shift_remove(c);
            n += 1;
        }
        let codes: Vec<Value> = redirects
            .iter()
            .map(|c| json!(c.parse::<u16>().unwrap_or(0)))
            .collect();
        op.insert("x-bitbucket-redirect".into(), Value::Array(codes));
        Ok(())
    })?;
    Ok(n)
}

/// Operations whose only response is `default` (an error body) get a success response: `204`
/// for DELETE, otherwise `200` with an untyped JSON body (marked `x-bitbucket-untyped-body`).
fn default_only_to_success(spec: &mut Value, _: &PassCtx) -> Result<usize> {
    let mut n = 0;
    for_each_op(spec, |method, _, op| {
        let Some(rs) = responses(op) else {
            return Ok(());
        };
        if rs.keys().any(|c| c != "default") {
            return Ok(());
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
        n += 1;
        Ok(())
    })?;
    Ok(n)
}

/// JSON answers the spec leaves undeclared (or declares as `default` only), from the API's
/// observed behaviour. `paginated` entries answer the usual page envelope: they get an existing
/// `paginated_*` schema, or `paginated_values` (untyped items) added by this pass.
const UNDECLARED_JSON: &[(&str, JsonBody)] = &[
    (
        "list_pull_request_commits",
        JsonBody::Page("paginated_changeset"),
    ),
    (
        "list_pull_request_activity",
        JsonBody::Page("paginated_values"),
    ),
    (
        "list_repository_pull_request_activity",
        JsonBody::Page("paginated_values"),
    ),
    ("list_downloads", JsonBody::Page("paginated_values")),
    (
        "list_current_user_emails",
        JsonBody::Page("paginated_values"),
    ),
    ("get_current_user_email", JsonBody::Untyped),
    ("get_pull_request_merge_task_status", JsonBody::Untyped),
    ("get_pipeline_step_test_reports", JsonBody::Untyped),
    ("list_pipeline_step_test_cases", JsonBody::Untyped),
    ("list_pipeline_test_case_reasons", JsonBody::Untyped),
    ("get_pipelines_oidc_configuration", JsonBody::Untyped),
    ("get_pipelines_oidc_keys", JsonBody::Untyped),
];

#[derive(Clone, Copy)]
enum JsonBody {
    Page(&'static str),
    Untyped,
}

fn undeclared_json_bodies(spec: &mut Value, _: &PassCtx) -> Result<usize> {
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
    for_each_op(spec, |_, _, op| {
        let Some(id) = op.get("operationId").and_then(Value::as_str) else {
            return Ok(());
        };
        let Some((_, body)) = UNDECLARED_JSON.iter().find(|(name, _)| *name == id) else {
            return Ok(());
        };
        let schema = match body {
            JsonBody::Page(name) => json!({ "$ref": format!("#/components/schemas/{name}") }),
            JsonBody::Untyped => json!({}),
        };
        let Some(rs) = responses(op) else {
            return Ok(());
        };
        let r = rs
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
        n += 1;
        Ok(())
    })?;
    Ok(n)
}

/// GET operations whose `200` declares no body do return one (diffs, patches, logs as text):
/// they get an untyped binary body so the SDK hands out the bytes.
fn bodyless_get_200_to_binary(spec: &mut Value, _: &PassCtx) -> Result<usize> {
    let mut n = 0;
    for_each_op(spec, |method, _, op| {
        if method != "get" {
            return Ok(());
        }
        let Some(r) = responses(op)
            .and_then(|r| r.get_mut("200"))
            .and_then(Value::as_object_mut)
        else {
            return Ok(());
        };
        if r.get("content")
            .and_then(Value::as_object)
            .is_some_and(|c| !c.is_empty())
        {
            return Ok(());
        }
        r.insert("content".into(), binary_content());
        op.insert("x-bitbucket-untyped-body".into(), Value::Bool(true));
        n += 1;
        Ok(())
    })?;
    Ok(n)
}

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

fn undeclared_request_bodies(spec: &mut Value, _: &PassCtx) -> Result<usize> {
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

fn declare_multipart_bodies(spec: &mut Value, _: &PassCtx) -> Result<usize> {
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

/// Within one operation, error responses either all carry a body or none do: body-less error
/// responses get the body the operation's other error responses declare (Bitbucket's `error`).
fn mixed_error_bodies(spec: &mut Value, _: &PassCtx) -> Result<usize> {
    let mut n = 0;
    for_each_op(spec, |_, _, op| {
        let Some(rs) = responses(op) else {
            return Ok(());
        };
        let Some(body) = rs
            .iter()
            .find(|(c, r)| is_error(c) && has_content(r))
            .and_then(|(_, r)| r.get("content").cloned())
        else {
            return Ok(());
        };
        for (c, r) in rs.iter_mut() {
            if is_error(c)
                && !has_content(r)
                && let Some(r) = r.as_object_mut()
            {
                r.insert("content".into(), body.clone());
                n += 1;
            }
        }
        Ok(())
    })?;
    Ok(n)
}

/// `additionalProperties: false` would make the generated types reject fields Bitbucket adds
/// (and already sends, e.g. `links.self`). Removed everywhere.
fn remove_additional_properties_false(spec: &mut Value, _: &PassCtx) -> Result<usize> {
    fn walk(v: &mut Value, n: &mut usize) {
        match v {
            Value::Object(m) => {
                if m.get("additionalProperties") == Some(&Value::Bool(false)) {
                    m.remove("additionalProperties");
                    *n += 1;
                }
                m.values_mut().for_each(|x| walk(x, n));
            }
            Value::Array(a) => a.iter_mut().for_each(|x| walk(x, n)),
            _ => {}
        }
    }
    let mut n = 0;
    walk(spec, &mut n);
    Ok(n)
}

/// Component names that are Python class paths become plain names (they turn into Rust type
/// names such as `BitbucketAppsPermissionsSerializersRepoPermissionUpdateSchema` otherwise).
/// Every `$ref` to them follows.
const SCHEMA_RENAMES: &[(&str, &str)] = &[
    (
        "bitbucket.apps.permissions.serializers.ProjectPermissionUpdateSchema",
        "project_permission_update",
    ),
    (
        "bitbucket.apps.permissions.serializers.RepoPermissionUpdateSchema",
        "repository_permission_update",
    ),
];

fn rename_dotted_schemas(spec: &mut Value, _: &PassCtx) -> Result<usize> {
    let mut n = 0;
    if let Some(schemas) = spec
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        for (old, new) in SCHEMA_RENAMES {
            if let Some(v) = schemas.shift_remove(*old) {
                schemas.insert((*new).to_string(), v);
                n += 1;
            }
        }
    }
    fn walk(v: &mut Value, n: &mut usize) {
        match v {
            Value::Object(m) => {
                if let Some(Value::String(r)) = m.get_mut("$ref") {
                    for (old, new) in SCHEMA_RENAMES {
                        if r.strip_prefix("#/components/schemas/") == Some(*old) {
                            *r = format!("#/components/schemas/{new}");
                            *n += 1;
                        }
                    }
                }
                m.values_mut().for_each(|x| walk(x, n));
            }
            Value::Array(a) => a.iter_mut().for_each(|x| walk(x, n)),
            _ => {}
        }
    }
    walk(spec, &mut n);
    Ok(n)
}

/// Inline (non-component) schemas carry titles such as `Link` that name different shapes; a
/// generator turns each title into a type name and they collide. Titles on inline schemas are
/// removed so types are named from where they sit; component schemas keep theirs.
fn inline_title_collisions(spec: &mut Value, _: &PassCtx) -> Result<usize> {
    fn walk(v: &mut Value, n: &mut usize, top: bool) {
        match v {
            Value::Object(m) => {
                if !top && m.get("title").is_some_and(Value::is_string) && looks_like_schema(m) {
                    m.remove("title");
                    *n += 1;
                }
                for (k, x) in m.iter_mut() {
                    // `properties` maps names to schemas: a property called `title` is kept.
                    if k == "properties" {
                        if let Value::Object(props) = x {
                            props.values_mut().for_each(|p| walk(p, n, false));
                        }
                    } else {
                        walk(x, n, false);
                    }
                }
            }
            Value::Array(a) => a.iter_mut().for_each(|x| walk(x, n, false)),
            _ => {}
        }
    }
    fn looks_like_schema(m: &Map<String, Value>) -> bool {
        [
            "type",
            "properties",
            "allOf",
            "oneOf",
            "anyOf",
            "$ref",
            "items",
            "enum",
        ]
        .iter()
        .any(|k| m.contains_key(*k))
    }
    let mut n = 0;
    if let Some(schemas) = spec
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        for s in schemas.values_mut() {
            walk(s, &mut n, true);
        }
    }
    if let Some(paths) = spec.get_mut("paths") {
        walk(paths, &mut n, false);
    }
    Ok(n)
}

/// Declares `page`/`pagelen` on every operation whose success body is a `paginated_*` envelope
/// (the spec declares them on a handful only), and `q`/`sort` on the listings in
/// [`FILTERABLE`] (Bitbucket's filter-and-sort query language, documented in prose only).
fn declare_pagination_params(spec: &mut Value, _: &PassCtx) -> Result<usize> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(names: &[(&str, &str, &str)]) -> PassCtx {
        PassCtx {
            names: names
                .iter()
                .map(|(m, p, n)| ((m.to_string(), p.to_string()), n.to_string()))
                .collect(),
        }
    }

    #[test]
    fn strip_prose_keeps_properties_named_description_and_response_descriptions_empty() {
        let mut spec = json!({
            "info": {"description": "long text", "title": "T"},
            "paths": {"/a": {"get": {
                "description": "prose", "summary": "Get a",
                "responses": {"200": {"description": "OK prose"}}
            }}},
            "components": {"schemas": {"x": {
                "description": "prose",
                "properties": {"description": {"type": "string", "description": "prose"}}
            }}}
        });
        let n = strip_prose(&mut spec, &ctx(&[])).unwrap();
        assert_eq!(n, 5);
        assert!(spec.pointer("/info/description").is_none());
        assert_eq!(
            spec.pointer("/paths/~1a/get/summary"),
            Some(&json!("Get a"))
        );
        assert_eq!(
            spec.pointer("/paths/~1a/get/responses/200/description"),
            Some(&json!(""))
        );
        assert_eq!(
            spec.pointer("/components/schemas/x/properties/description"),
            Some(&json!({"type": "string"}))
        );
        // Re-running changes nothing.
        assert_eq!(strip_prose(&mut spec, &ctx(&[])).unwrap(), 0);
    }

    #[test]
    fn naming_fails_on_unnamed_and_stale_operations() {
        let spec = json!({"paths": {"/a": {"get": {}, "post": {}}}});
        let err = name_operations(&mut spec.clone(), &ctx(&[("get", "/a", "get_a")])).unwrap_err();
        assert!(err.to_string().contains("POST /a -> ?"), "{err}");
        let err = name_operations(
            &mut spec.clone(),
            &ctx(&[
                ("get", "/a", "get_a"),
                ("post", "/a", "create_a"),
                ("get", "/b", "get_b"),
            ]),
        )
        .unwrap_err();
        assert!(err.to_string().contains("GET /b"), "{err}");
        let mut ok = spec.clone();
        let n = name_operations(
            &mut ok,
            &ctx(&[("get", "/a", "get_a"), ("post", "/a", "create_a")]),
        )
        .unwrap();
        assert_eq!(n, 2);
        assert_eq!(
            ok.pointer("/paths/~1a/post/operationId"),
            Some(&json!("create_a"))
        );
    }

    #[test]
    fn names_table_rejects_bad_and_duplicate_names() {
        let dir = std::env::temp_dir().join(format!("xtask-names-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("names.txt");
        std::fs::write(&f, "GET /a -> GetA\n").unwrap();
        assert!(load_names(&f).is_err());
        std::fs::write(&f, "GET /a -> get_a\nPOST /a -> get_a\n").unwrap();
        assert!(load_names(&f).is_err());
        std::fs::write(&f, "# comment\n\nGET /a -> get_a\n").unwrap();
        assert_eq!(load_names(&f).unwrap().len(), 1);
    }

    #[test]
    fn dc_duplicate_operation_ids_get_area_suffixes() {
        let mut spec = json!({"paths": {
            "/api/latest/x": {"get": {"operationId": "getStatus"}},
            "/tsv/latest/status": {"get": {"operationId": "getStatus"}},
            "/sync/latest/y": {"get": {"operationId": "getStatus"}}
        }});
        assert_eq!(dedupe_operation_ids(&mut spec, &ctx(&[])).unwrap(), 2);
        assert_eq!(
            spec.pointer("/paths/~1api~1latest~1x/get/operationId"),
            Some(&json!("getStatus"))
        );
        assert_eq!(
            spec.pointer("/paths/~1tsv~1latest~1status/get/operationId"),
            Some(&json!("getStatus_tsv"))
        );
        assert_eq!(dedupe_operation_ids(&mut spec, &ctx(&[])).unwrap(), 0);
    }

    #[test]
    fn multipart_uploads_get_a_form_body() {
        let mut spec = json!({"paths": {
            "/dl": {"post": {"operationId": "upload_download", "responses": {}}},
            "/src": {"post": {"operationId": "create_source_commit", "responses": {}}},
            "/other": {"post": {"operationId": "import_issues", "responses": {}}}
        }});
        assert_eq!(declare_multipart_bodies(&mut spec, &ctx(&[])).unwrap(), 2);
        let dl = spec.pointer("/paths/~1dl/post").unwrap();
        let form = &dl["requestBody"]["content"]["multipart/form-data"]["schema"];
        assert_eq!(form["properties"]["files"]["format"], "binary");
        assert_eq!(dl["x-bitbucket-multipart"], json!(true));
        let src = spec.pointer("/paths/~1src/post/requestBody/content/multipart~1form-data/schema");
        assert_eq!(src.unwrap()["additionalProperties"]["format"], "binary");
        assert!(spec.pointer("/paths/~1other/post/requestBody").is_none());
        // Re-running changes nothing.
        assert_eq!(declare_multipart_bodies(&mut spec, &ctx(&[])).unwrap(), 0);
    }

    #[test]
    fn response_fixes_for_the_generator() {
        let mut spec = json!({"paths": {
            "/merge": {"post": {"responses": {
                "200": {"description": "", "content": {"application/json": {"schema": {}}}},
                "202": {"description": ""},
                "409": {"description": ""},
                "555": {"description": "", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/error"}}}},
                "400": {"description": "", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/error"}}}}
            }}},
            "/dl": {"get": {"responses": {"302": {"description": ""}}}}
        }});
        let c = ctx(&[]);
        assert_eq!(status_555_to_extension(&mut spec, &c).unwrap(), 1);
        assert_eq!(
            bodyless_second_success_to_extension(&mut spec, &c).unwrap(),
            1
        );
        assert_eq!(redirect_only_to_binary(&mut spec, &c).unwrap(), 1);
        assert_eq!(mixed_error_bodies(&mut spec, &c).unwrap(), 1);
        let merge = spec.pointer("/paths/~1merge/post").unwrap();
        assert_eq!(merge["x-bitbucket-extra-statuses"], json!([555]));
        assert_eq!(merge["x-bitbucket-async-statuses"], json!([202]));
        assert!(merge["responses"].get("202").is_none());
        assert!(merge["responses"]["409"].get("content").is_some());
        let dl = spec.pointer("/paths/~1dl/get").unwrap();
        assert_eq!(dl["x-bitbucket-redirect"], json!([302]));
        assert_eq!(
            dl["responses"]["200"]["content"]["application/octet-stream"]["schema"]["format"],
            "binary"
        );
    }

    #[test]
    fn pagination_parameters_are_declared_once() {
        let mut spec = json!({
            "paths": {"/w/{workspace}/members": {"get": {
                "operationId": "list_workspace_members",
                "parameters": [{"name": "page", "in": "query"}],
                "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/paginated_members"}}}}}
            }}},
            "components": {"schemas": {"paginated_members": {}}}
        });
        assert_eq!(declare_pagination_params(&mut spec, &ctx(&[])).unwrap(), 3);
        let names: Vec<&str> = spec
            .pointer("/paths/~1w~1{workspace}~1members/get/parameters")
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["page", "pagelen", "q", "sort"]);
        assert_eq!(declare_pagination_params(&mut spec, &ctx(&[])).unwrap(), 0);
    }
}
