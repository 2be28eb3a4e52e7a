//! Cloud passes over component schemas: open objects, names, inline title collisions.

use super::PassCtx;
use anyhow::Result;
use serde_json::{Map, Value};

/// `additionalProperties: false` would make the generated types reject fields Bitbucket adds
/// (and already sends, e.g. `links.self`). Removed everywhere.
pub(super) fn remove_additional_properties_false(spec: &mut Value, _: &PassCtx) -> Result<usize> {
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

pub(super) fn rename_dotted_schemas(spec: &mut Value, _: &PassCtx) -> Result<usize> {
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
pub(super) fn inline_title_collisions(spec: &mut Value, _: &PassCtx) -> Result<usize> {
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
