//! `cargo xtask openapi import <file> --kind cloud|dc`
//!
//! Derives the project's facts-only spec from Atlassian's published OpenAPI file. The
//! transformation is a list of named passes; each pass reports how many places it changed,
//! so the same command can be re-run on the next spec release and the log shows what moved.

mod names;
mod pagination;
mod prose;
mod request_bodies;
mod responses;
mod schemas;
mod spec;
#[cfg(test)]
mod tests;

use anyhow::{Context, Result, bail};
use names::{dedupe_operation_ids, load_names, name_operations};
use pagination::declare_pagination_params;
use prose::{strip_prose, strip_prose_examples, strip_top_level_narrative};
use request_bodies::{declare_multipart_bodies, undeclared_request_bodies};
use responses::{
    bodyless_get_200_to_binary, bodyless_second_success_to_extension, default_only_to_success,
    drop_redirect_alongside_success, mixed_error_bodies, no_content_has_no_body,
    redirect_only_to_binary, status_555_to_extension, undeclared_json_bodies,
};
use schemas::{inline_title_collisions, remove_additional_properties_false, rename_dotted_schemas};
use serde_json::Value;
use std::collections::BTreeMap;

pub(crate) use pagination::{paginated_schema_names, success_schema_ref};
pub(crate) use spec::{HTTP_METHODS, for_each_op};

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
