//! `cargo xtask coverage`
//!
//! Cloud: reads the project's spec and the generated code and prints how many operations are
//! callable (a builder with `send()`), how many paginated operations have streams, and which
//! operations are only partly typed (and why), per tag. Then the Data Center report
//! ([`crate::dc_coverage`]).

use crate::generate::{OpMeta, load_ops, pascal};
use anyhow::{Context, Result};
use std::collections::{BTreeMap, BTreeSet};
use syn::{ImplItem, Item, Type};

const BUILDER: &str = "crates/bitbucket-cloud/src/generated/builder.rs";

/// Hand-written calls in `bitbucket-cloud` that cover what the spec leaves untyped.
const HAND_WRITTEN: &[(&str, &str)] = &[
    (
        "upload_download",
        "Client::upload_download_files (multipart)",
    ),
    (
        "upload_issue_attachments",
        "Client::upload_issue_attachment_files (multipart)",
    ),
    ("create_source_commit", "Client::commit_files (multipart)"),
    (
        "merge_pull_request",
        "Client::merge_pull_request_and_wait (202 + polling)",
    ),
    ("get_download", "GetDownload::stream_bytes (streamed)"),
    ("get_diff", "GetDiff::stream_bytes (streamed)"),
    ("get_patch", "GetPatch::stream_bytes (streamed)"),
    (
        "get_pull_request_diff",
        "GetPullRequestDiff::stream_bytes (streamed)",
    ),
    (
        "get_pull_request_patch",
        "GetPullRequestPatch::stream_bytes (streamed)",
    ),
    (
        "get_pipeline_step_log",
        "GetPipelineStepLog::stream_bytes (streamed)",
    ),
    ("get_source", "Client::get_file_contents (streamed)"),
];

pub fn cmd_coverage(args: &[&str]) -> Result<()> {
    if !args.is_empty() {
        anyhow::bail!("coverage takes no arguments");
    }
    let root = crate::workspace_root();
    let (spec, ops) = load_ops(&root)?;
    let builder_src = std::fs::read_to_string(root.join(BUILDER))
        .with_context(|| format!("reading {BUILDER}; run `cargo xtask generate`"))?;
    let file: syn::File = syn::parse_file(&builder_src).context("parsing generated builder.rs")?;
    let mut has_send = BTreeSet::new();
    let mut has_stream = BTreeSet::new();
    let mut success_type: BTreeMap<String, String> = BTreeMap::new();
    for item in &file.items {
        let Item::Impl(imp) = item else { continue };
        let Type::Path(tp) = &*imp.self_ty else {
            continue;
        };
        let Some(name) = tp.path.segments.last().map(|s| s.ident.to_string()) else {
            continue;
        };
        for ii in &imp.items {
            if let ImplItem::Fn(f) = ii {
                match f.sig.ident.to_string().as_str() {
                    "send" if matches!(f.vis, syn::Visibility::Public(_)) => {
                        has_send.insert(name.clone());
                        let ret = &f.sig.output;
                        success_type.insert(name.clone(), quote::quote!(#ret).to_string());
                    }
                    "stream" => {
                        has_stream.insert(name.clone());
                    }
                    _ => {}
                }
            }
        }
    }
    let hand: BTreeMap<&str, &str> = HAND_WRITTEN.iter().copied().collect();

    #[derive(Default)]
    struct Row {
        ops: usize,
        callable: usize,
        paginated: usize,
        streamed: usize,
        partial: usize,
    }
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    let mut partial: Vec<(String, &OpMeta, String)> = Vec::new();
    let (mut callable, mut paginated, mut streamed) = (0, 0, 0);
    for op in &ops {
        let tag = op.tags.first().cloned().unwrap_or_else(|| "(none)".into());
        let row = rows.entry(tag.clone()).or_default();
        let st = pascal(&op.id);
        row.ops += 1;
        if has_send.contains(&st) {
            row.callable += 1;
            callable += 1;
        }
        if op.paginated {
            row.paginated += 1;
            paginated += 1;
            if has_stream.contains(&st) {
                row.streamed += 1;
                streamed += 1;
            }
        }
        let mut reasons = Vec::new();
        let ty = success_type.get(&st).cloned().unwrap_or_default();
        if ty.contains("ByteStream") {
            reasons.push(
                "success body is bytes (text/binary content, or a redirect to it)".to_string(),
            );
        } else if op.untyped_body {
            reasons.push("success body untyped in the spec (serde_json::Value)".to_string());
        }
        if let Some(note) = &op.body_note {
            reasons.push(note.clone());
        }
        let ext = spec
            .pointer(&format!(
                "/paths/{}/{}/x-bitbucket-async-statuses",
                op.path.replace('~', "~0").replace('/', "~1"),
                op.method.to_ascii_lowercase()
            ))
            .is_some();
        if ext {
            reasons.push("202 (asynchronous) answer not typed".to_string());
        }
        if !reasons.is_empty() {
            row.partial += 1;
            let mut why = reasons.join("; ");
            if let Some(h) = hand.get(op.id.as_str()) {
                why.push_str(&format!(" -> covered by {h}"));
            }
            partial.push((tag, op, why));
        }
    }

    println!("Bitbucket Cloud (openapi/bitbucket-cloud.json)");
    println!(
        "  operations callable:              {callable}/{}",
        ops.len()
    );
    println!("  paginated operations with streams: {streamed}/{paginated}");
    println!("  partly typed operations:           {}", partial.len());
    println!();
    println!(
        "  {:<22} {:>5} {:>9} {:>10} {:>9} {:>8}",
        "tag", "ops", "callable", "paginated", "streamed", "partial"
    );
    for (tag, r) in &rows {
        println!(
            "  {:<22} {:>5} {:>9} {:>10} {:>9} {:>8}",
            tag, r.ops, r.callable, r.paginated, r.streamed, r.partial
        );
    }
    println!();
    println!("  partly typed (reason):");
    for (tag, op, why) in &partial {
        println!("    [{tag}] {} ({} {}): {why}", op.id, op.method, op.path);
    }

    println!();
    crate::dc_coverage::report(&root)?;
    Ok(())
}
