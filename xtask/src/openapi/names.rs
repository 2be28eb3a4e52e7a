//! Operation names: the curated Cloud table and unique Data Center ids.

use super::PassCtx;
use super::spec::for_each_op;
use anyhow::{Context, Result, bail};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Makes operationIds unique: a repeated id gets a suffix derived from the path's API area
/// (`/tsv/latest/status` -> `getStatus_tsv`). The first occurrence keeps its id.
pub(super) fn dedupe_operation_ids(spec: &mut Value, _: &PassCtx) -> Result<usize> {
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

/// Reads `openapi/cloud-operation-names.txt`: `METHOD /path -> snake_case_name`, `#` comments.
pub(super) fn load_names(file: &Path) -> Result<BTreeMap<(String, String), String>> {
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
pub(super) fn name_operations(spec: &mut Value, ctx: &PassCtx) -> Result<usize> {
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
