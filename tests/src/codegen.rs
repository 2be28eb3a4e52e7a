//! Generates the Cloud call table (`tests/tests/cloud_conformance/calls.rs`): one call per
//! operation of the project's Cloud spec, through the generated `bitbucket-cloud` builders,
//! with sample values from the spec's schemas.
//!
//! Run `cargo run -p bitbucket-conformance --bin gen-cloud-calls` after the spec or the
//! generated client changes; the conformance test fails when the committed table is stale.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;

use crate::spec::{Location, Spec};

/// What the generated client offers for one operation, read from its builder source.
#[derive(Debug, Default, Clone)]
pub struct BuilderInfo {
    /// Builder struct name.
    pub name: String,
    /// Field name -> field type text (e.g. `Result<::std::string::String, String>`).
    pub fields: BTreeMap<String, String>,
    /// The `types::X` name taken by `.body(...)`, when there is one.
    pub body_type: Option<String>,
    /// Whether the builder has a public `send`.
    pub has_send: bool,
}

/// Reads `mod.rs` (method -> builder) and `builder.rs` (builder fields, body type) of the
/// generated Cloud client. Returns method name -> builder info.
pub fn read_generated(dir: &Path) -> Result<BTreeMap<String, BuilderInfo>, String> {
    let read = |f: &str| {
        std::fs::read_to_string(dir.join(f)).map_err(|e| format!("{}: {e}", dir.join(f).display()))
    };
    let module = read("mod.rs")?;
    let builder = read("builder.rs")?;

    let mut builders: BTreeMap<String, BuilderInfo> = BTreeMap::new();
    let mut current: Option<String> = None;
    let mut in_struct = false;
    let mut pending_body = false;
    for line in builder.lines() {
        let t = line.trim();
        if let Some(rest) = line.strip_prefix("pub struct ") {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            builders.insert(
                name.clone(),
                BuilderInfo {
                    name: name.clone(),
                    ..Default::default()
                },
            );
            current = Some(name);
            in_struct = true;
            continue;
        }
        let Some(cur) = current.as_ref() else {
            continue;
        };
        let Some(info) = builders.get_mut(cur) else {
            continue;
        };
        if in_struct {
            if line.starts_with('}') {
                in_struct = false;
            } else if let Some((field, ty)) = t.split_once(": ")
                && field != "client"
                && line.starts_with("    ")
                && !line.starts_with("     ")
            {
                info.fields
                    .insert(field.to_string(), ty.trim_end_matches(',').to_string());
            }
            continue;
        }
        if t.starts_with("pub fn body<V>") {
            pending_body = true;
            continue;
        }
        if pending_body && let Some(pos) = t.find("TryInto<types::") {
            let rest = &t[pos + "TryInto<types::".len()..];
            let ty: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            info.body_type = Some(ty);
            pending_body = false;
            continue;
        }
        if t.starts_with("pub async fn send(") {
            info.has_send = true;
        }
    }

    // rustfmt wraps long signatures: match on the text with whitespace removed.
    let compact: String = module.chars().filter(|c| !c.is_whitespace()).collect();
    let mut methods = BTreeMap::new();
    for piece in compact.split("fn").skip(1) {
        let name: String = piece
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let rest = &piece[name.len()..];
        let Some(tail) = rest
            .strip_prefix("(&self)->builder::")
            .or_else(|| rest.strip_prefix("(&self,)->builder::"))
        else {
            continue;
        };
        let b: String = tail
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if let Some(info) = builders.get(&b) {
            methods.insert(name, info.clone());
        }
    }
    Ok(methods)
}

/// progenitor's name for a parameter setter: snake case, non-identifier characters as `_`,
/// Rust keywords suffixed with `_`.
pub fn setter_name(param: &str) -> String {
    let mut s = String::new();
    let mut prev_lower = false;
    for c in param.chars() {
        if c.is_ascii_uppercase() {
            if prev_lower {
                s.push('_');
            }
            s.push(c.to_ascii_lowercase());
            prev_lower = false;
        } else if c.is_ascii_alphanumeric() {
            s.push(c);
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        } else {
            s.push('_');
            prev_lower = false;
        }
    }
    match s.as_str() {
        "async" | "type" | "ref" | "self" | "move" | "match" | "fn" | "impl" | "mod" | "use" => {
            format!("{s}_")
        }
        _ => s,
    }
}

/// A Rust expression passing `value` to a setter whose field type is `ty`, if possible.
fn literal(value: &Value, ty: &str) -> Option<String> {
    let text = match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    // Fields are `Result<T, String>` or `Result<Option<T>, String>`.
    let ty = ty
        .strip_prefix("Result<")
        .and_then(|t| t.strip_suffix(", String>"))
        .unwrap_or(ty);
    let ty = ty
        .strip_prefix("Option<")
        .and_then(|t| t.strip_suffix('>'))
        .unwrap_or(ty);
    if ty.contains("String") || ty.contains("types::") {
        return Some(format!("{text:?}"));
    }
    for int in ["i64", "i32", "u64", "u32", "f64"] {
        if ty == int || ty.ends_with(&format!("::{int}")) {
            let n = value.as_f64().or_else(|| text.parse().ok()).unwrap_or(1.0);
            return Some(if int == "f64" {
                format!("{n:?}f64")
            } else {
                format!("{}{int}", n as i64)
            });
        }
    }
    if ty.contains("bool") {
        return Some(format!("{}", value.as_bool().unwrap_or(true)));
    }
    if ty.contains("NonZeroU32") || ty.contains("NonZeroU64") {
        let n = value.as_u64().unwrap_or(1).max(1);
        return Some(format!("{n}u32"));
    }
    None
}

/// Generates the call table source for every operation of `spec`.
pub fn cloud_call_table(spec: &Spec, generated_dir: &Path) -> Result<String, String> {
    let methods = read_generated(generated_dir)?;
    let mut out = String::new();
    out.push_str(
        "// @generated by `cargo run -p bitbucket-conformance --bin gen-cloud-calls`; do not edit.\n\
         //! One call per operation of the project's Cloud spec, through the generated builders,\n\
         //! with sample values taken from the spec's schemas.\n\n\
         use bitbucket_cloud::prelude::*;\n\
         use bitbucket_cloud::{Client, types};\n\
         use bitbucket_conformance::{Coverage, Outcome};\n\
         use serde_json::json;\n\n\
         use super::from_json;\n\n\
         /// Calls every operation once and records each outcome in `cov`.\n\
         #[allow(clippy::too_many_lines)]\n\
         pub async fn run_all(c: &Client, cov: &Coverage) {\n",
    );
    let mut count = 0;
    for op in spec.operations() {
        let key = op.key();
        let skip = |out: &mut String, why: &str| {
            let _ = writeln!(
                out,
                "    cov.record({key:?}, Outcome::Skipped({why:?}.into()));"
            );
        };
        let Some(name) = op.operation_id.as_deref() else {
            skip(&mut out, "operation has no operationId");
            continue;
        };
        let Some(info) = methods.get(name) else {
            skip(&mut out, &format!("no generated method `{name}`"));
            continue;
        };
        if !info.has_send {
            skip(&mut out, "generated builder has no `send`");
            continue;
        }
        let mut chain = format!("c.{name}()");
        let mut ok = true;
        for p in &op.parameters {
            if !p.required || p.location == Location::Cookie {
                continue;
            }
            let setter = setter_name(&p.name);
            let Some(ty) = info.fields.get(&setter) else {
                skip(
                    &mut out,
                    &format!("required parameter `{}` has no setter `{setter}`", p.name),
                );
                ok = false;
                break;
            };
            let v = spec.sample_param(p);
            let Some(lit) = literal(&v, ty) else {
                skip(
                    &mut out,
                    &format!("cannot write a literal of `{ty}` for `{}`", p.name),
                );
                ok = false;
                break;
            };
            let _ = write!(chain, ".{setter}({lit})");
        }
        if !ok {
            continue;
        }
        let body = op
            .request_body
            .as_ref()
            .and_then(|b| b.json().map(|(_, s)| s.clone()));
        count += 1;
        match (&info.body_type, body) {
            (Some(ty), Some(schema)) => {
                let sample = spec.sample(&schema);
                let _ = writeln!(
                    out,
                    "    match from_json::<types::{ty}>(json!({sample})) {{\n        \
                     Ok(b) => cov.check({key:?}, &{chain}.body(b).send().await),\n        \
                     Err(e) => cov.record({key:?}, Outcome::Failed(e)),\n    }}"
                );
            }
            (Some(_), None) => {
                count -= 1;
                skip(
                    &mut out,
                    "builder takes a body the spec does not describe as JSON",
                );
            }
            (None, _) => {
                let needs_body = op.request_body.as_ref().is_some_and(|b| b.required);
                if needs_body {
                    count -= 1;
                    skip(
                        &mut out,
                        "non-JSON request body (multipart/raw): covered by hand-written calls",
                    );
                } else {
                    let _ = writeln!(out, "    cov.check({key:?}, &{chain}.send().await);");
                }
            }
        }
    }
    let _ = writeln!(
        out,
        "}}\n\n/// Number of operations `run_all` calls.\npub const CALLS: usize = {count};"
    );
    Ok(out)
}

/// Compares two Rust sources ignoring whitespace (so rustfmt layout does not matter).
pub fn same_code(a: &str, b: &str) -> bool {
    let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    strip(a) == strip(b)
}
