//! Walking a spec: its operations, their responses and extensions.

use anyhow::Result;
use serde_json::{Map, Value, json};

pub(crate) const HTTP_METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "patch", "head", "options", "trace",
];

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

/// Runs `f(method, operation)` on every operation and adds up the changes it reports. `f`
/// answers `None` for an operation it leaves alone, so it can leave early with `?`.
pub(super) fn count_changes(
    spec: &mut Value,
    mut f: impl FnMut(&str, &mut Map<String, Value>) -> Option<usize>,
) -> Result<usize> {
    let mut n = 0;
    for_each_op(spec, |method, _, op| {
        n += f(method, op).unwrap_or(0);
        Ok(())
    })?;
    Ok(n)
}

/// What `table` says about an operation: the value of the first entry whose names include the
/// operation's `operationId`.
pub(super) fn listed<T: Copy>(op: &Map<String, Value>, table: &[(T, &[&str])]) -> Option<T> {
    let id = op.get("operationId").and_then(Value::as_str)?;
    table
        .iter()
        .find(|(_, names)| names.contains(&id))
        .map(|(value, _)| *value)
}

pub(super) fn responses(op: &mut Map<String, Value>) -> Option<&mut Map<String, Value>> {
    op.get_mut("responses").and_then(Value::as_object_mut)
}

pub(super) fn is_success(code: &str) -> bool {
    code.starts_with('2')
}
pub(super) fn is_redirect(code: &str) -> bool {
    code.starts_with('3')
}
pub(super) fn is_error(code: &str) -> bool {
    code.starts_with('4') || code.starts_with('5') || code == "default"
}

pub(super) fn has_content(resp: &Value) -> bool {
    resp.get("content")
        .and_then(Value::as_object)
        .is_some_and(|c| !c.is_empty())
}

pub(super) fn binary_content() -> Value {
    json!({ "application/octet-stream": { "schema": { "type": "string", "format": "binary" } } })
}

pub(super) fn push_extension(op: &mut Map<String, Value>, key: &str, value: Value) {
    match op.get_mut(key).and_then(Value::as_array_mut) {
        Some(a) => a.push(value),
        None => {
            op.insert(key.to_string(), Value::Array(vec![value]));
        }
    }
}
