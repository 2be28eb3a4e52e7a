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
    /// The extension traits (one per tag) that offer the method.
    pub traits: Vec<String>,
}

/// Reads `mod.rs` (method -> builder) and `builder.rs` (builder fields, body type) of the
/// generated Cloud client. Returns method name -> builder info.
pub fn read_generated(dir: &Path) -> Result<BTreeMap<String, BuilderInfo>, String> {
    let read = |f: &str| {
        std::fs::read_to_string(dir.join(f)).map_err(|e| format!("{}: {e}", dir.join(f).display()))
    };
    let module = read("mod.rs")?;
    let builder = read("builder.rs")?;

    // rustfmt wraps long types over several lines: parse the text with whitespace removed.
    let compact_builder: String = builder.chars().filter(|c| !c.is_whitespace()).collect();
    let mut builders: BTreeMap<String, BuilderInfo> = BTreeMap::new();
    for chunk in compact_builder.split("pubstruct").skip(1) {
        let name: String = chunk
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let mut info = BuilderInfo {
            name: name.clone(),
            ..Default::default()
        };
        if let Some(open) = chunk.find('{') {
            let fields = balanced(&chunk[open + 1..], '{', '}');
            for field in split_top_level(fields) {
                if let Some((f, ty)) = field.split_once(':')
                    && f != "client"
                    && !f.is_empty()
                {
                    info.fields.insert(f.to_string(), ty.to_string());
                }
            }
        }
        const BODY: &str = "pubfnbody<V>(mutself,value:V)->SelfwhereV:std::convert::TryInto<";
        if let Some(pos) = chunk.find(BODY) {
            info.body_type = Some(balanced(&chunk[pos + BODY.len()..], '<', '>').to_string());
        }
        info.has_send = chunk.contains("pubasyncfnsend(");
        builders.insert(name, info);
    }
    // rustfmt wraps long signatures: match on the text with whitespace removed. Methods are
    // declared in one `pub trait ClientXExt` per tag (an operation with two tags is in both).
    let compact: String = module.chars().filter(|c| !c.is_whitespace()).collect();
    let mut methods: BTreeMap<String, BuilderInfo> = BTreeMap::new();
    for (i, chunk) in compact.split("pubtrait").enumerate() {
        let trait_name: Option<String> = (i > 0).then(|| {
            chunk
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect()
        });
        // Only the trait declaration (up to its closing `}` before the impl) names methods
        // once; the impl repeats them, which is harmless.
        for piece in chunk.split("fn").skip(1) {
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
            let Some(info) = builders.get(&b) else {
                continue;
            };
            let entry = methods.entry(name).or_insert_with(|| info.clone());
            if let Some(t) = &trait_name
                && t.starts_with("Client")
                && !entry.traits.contains(t)
            {
                entry.traits.push(t.clone());
            }
        }
    }
    Ok(methods)
}

/// The text up to the bracket closing an already opened `open` (nesting respected).
fn balanced(text: &str, open: char, close: char) -> &str {
    let mut depth = 1usize;
    for (i, c) in text.char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return &text[..i];
            }
        }
    }
    text
}

/// Splits on commas outside `<...>`, `(...)` and `[...]`.
fn split_top_level(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '<' | '(' | '[' => depth += 1,
            '>' | ')' | ']' => depth -= 1,
            ',' if depth == 0 => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
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
        .and_then(|t| {
            t.strip_suffix(",String>")
                .or_else(|| t.strip_suffix(", String>"))
        })
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
         ",
    );
    let mut count = 0;
    // One statement (or skip record) per operation, emitted in small functions below.
    let mut stmts: Vec<String> = Vec::new();
    for op in spec.operations() {
        let mut out = String::new();
        emit_op(spec, &methods, &op, &mut out, &mut count);
        stmts.push(out);
    }
    // Small functions: a debug build of one async fn with hundreds of awaits overflows the
    // stack (every temporary gets its own slot).
    let chunks: Vec<&[String]> = stmts.chunks(8).collect();
    let _ = writeln!(
        out,
        "/// Calls every operation once and records each outcome in `cov`.\n\
         pub async fn run_all(c: &Client, cov: &Coverage) {{"
    );
    for i in 0..chunks.len() {
        let _ = writeln!(out, "    Box::pin(part_{i}(c, cov)).await;");
    }
    let _ = writeln!(out, "}}\n");
    for (i, chunk) in chunks.iter().enumerate() {
        let _ = writeln!(
            out,
            "#[allow(deprecated, unused_variables)]\nasync fn part_{i}(c: &Client, cov: &Coverage) {{"
        );
        for st in *chunk {
            out.push_str(st);
        }
        let _ = writeln!(out, "}}\n");
    }
    let _ = writeln!(
        out,
        "/// Number of operations `run_all` calls.\npub const CALLS: usize = {count};"
    );
    Ok(out)
}

/// Writes the call (or the reason for not calling) of one operation.
fn emit_op(
    spec: &Spec,
    methods: &BTreeMap<String, BuilderInfo>,
    op: &crate::spec::Operation,
    out: &mut String,
    count: &mut usize,
) {
    {
        let key = op.key();
        let skip = |out: &mut String, why: &str| {
            let _ = writeln!(
                out,
                "    cov.record({key:?}, Outcome::Skipped({why:?}.into()));"
            );
        };
        let Some(name) = op.operation_id.as_deref() else {
            skip(out, "operation has no operationId");
            return;
        };
        let Some(info) = methods.get(name) else {
            skip(out, &format!("no generated method `{name}`"));
            return;
        };
        if !info.has_send {
            skip(out, "generated builder has no `send`");
            return;
        }
        // A method offered by two tag traits is ambiguous under `prelude::*`: name the trait.
        let mut chain = match info.traits.as_slice() {
            [_, _, ..] => format!("{}::{name}(c)", info.traits[0]),
            _ => format!("c.{name}()"),
        };
        let mut ok = true;
        for p in &op.parameters {
            if !p.required || p.location == Location::Cookie {
                continue;
            }
            let setter = setter_name(&p.name);
            let Some(ty) = info.fields.get(&setter) else {
                skip(
                    out,
                    &format!("required parameter `{}` has no setter `{setter}`", p.name),
                );
                ok = false;
                break;
            };
            let v = spec.sample_param(p);
            let Some(lit) = literal(&v, ty) else {
                skip(
                    out,
                    &format!("cannot write a literal of `{ty}` for `{}`", p.name),
                );
                ok = false;
                break;
            };
            let _ = write!(chain, ".{setter}({lit})");
        }
        if !ok {
            return;
        }
        let body = op
            .request_body
            .as_ref()
            .and_then(|b| b.json().map(|(_, s)| s.clone()));
        *count += 1;
        match (&info.body_type, body) {
            (Some(ty), Some(schema)) => {
                let sample = spec.sample(&schema);
                let _ = writeln!(
                    out,
                    "    match from_json::<{ty}>(json!({sample})) {{\n        \
                     Ok(b) => cov.check_sdk({key:?}, &Box::pin({chain}.body(b).send()).await),\n        \
                     Err(e) => cov.record({key:?}, Outcome::Failed(e)),\n    }}"
                );
            }
            (Some(_), None) => {
                *count -= 1;
                skip(
                    out,
                    "builder takes a body the spec does not describe as JSON",
                );
            }
            (None, _) => {
                let needs_body = op.request_body.as_ref().is_some_and(|b| b.required);
                if needs_body {
                    *count -= 1;
                    skip(
                        out,
                        "non-JSON request body (multipart/raw): covered by hand-written calls",
                    );
                } else {
                    let _ = writeln!(
                        out,
                        "    cov.check_sdk({key:?}, &Box::pin({chain}.send()).await);"
                    );
                }
            }
        }
    }
}

/// Formats Rust source with `rustfmt` (stdin to stdout), as `cargo fmt` would.
pub fn rustfmt(code: &str) -> Result<String, String> {
    use std::io::Write as _;
    use std::process::{Command, Stdio};
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2024", "--emit", "stdout"])
        .current_dir(crate::repo_root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("running rustfmt: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(code.as_bytes())
            .map_err(|e| format!("writing to rustfmt: {e}"))?;
    }
    let out = child
        .wait_with_output()
        .map_err(|e| format!("rustfmt: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "rustfmt failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("rustfmt output: {e}"))
}

/// Compares two Rust sources ignoring whitespace.
pub fn same_code(a: &str, b: &str) -> bool {
    let strip = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    strip(a) == strip(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setter_names_follow_progenitor() {
        assert_eq!(setter_name("repo_slug"), "repo_slug");
        assert_eq!(setter_name("target.ref_name"), "target_ref_name");
        assert_eq!(setter_name("async"), "async_");
        assert_eq!(setter_name("projectKey"), "project_key");
    }

    #[test]
    fn literals_match_field_types() {
        let s = serde_json::json!("acme");
        assert_eq!(
            literal(&s, "Result<::std::string::String,String>").as_deref(),
            Some("\"acme\"")
        );
        assert_eq!(
            literal(&serde_json::json!("x"), "Result<i64,String>").as_deref(),
            Some("1i64")
        );
        assert_eq!(
            literal(&serde_json::json!(7), "Result<Option<i32>,String>").as_deref(),
            Some("7i32")
        );
        assert_eq!(literal(&s, "Result<SomethingElse,String>"), None);
    }

    #[test]
    fn balanced_and_top_level_split() {
        assert_eq!(balanced("Vec<types::A>>,rest", '<', '>'), "Vec<types::A>");
        assert_eq!(
            split_top_level("a:Result<X,String>,b:Result<Option<Y>,String>"),
            vec!["a:Result<X,String>", "b:Result<Option<Y>,String>"]
        );
    }

    #[test]
    fn whitespace_does_not_matter_when_comparing_code() {
        assert!(same_code("fn a() { b(1, 2) }", "fn a(){\n    b(1,2)\n}"));
        assert!(!same_code("fn a() { b(1) }", "fn a() { b(2) }"));
    }
}
