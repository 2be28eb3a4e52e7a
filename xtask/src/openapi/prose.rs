//! Passes for both APIs that strip the published prose, keeping the facts.

use super::PassCtx;
use anyhow::Result;
use serde_json::Value;

/// Removes every prose `description` (string-valued `description` keywords; a schema property
/// that happens to be *named* `description` holds an object and is kept), plus other prose-only
/// keywords (`termsOfService`, `externalDocs`).
pub(super) fn strip_prose(spec: &mut Value, _: &PassCtx) -> Result<usize> {
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
pub(super) fn strip_top_level_narrative(spec: &mut Value, _: &PassCtx) -> Result<usize> {
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
pub(super) fn strip_prose_examples(spec: &mut Value, _: &PassCtx) -> Result<usize> {
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
