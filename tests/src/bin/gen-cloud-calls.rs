//! Writes `tests/tests/cloud_conformance/calls.rs` from the project's Cloud spec and the
//! generated `bitbucket-cloud` builders.
//!
//! Usage: `gen-cloud-calls [--spec FILE] [--generated DIR]` (defaults: the repository's
//! `openapi/bitbucket-cloud.json` and `crates/bitbucket-cloud/src/generated`).

use std::path::PathBuf;

use bitbucket_conformance::{Spec, cloud_spec_path, codegen, repo_root};

fn run() -> Result<PathBuf, String> {
    let root = repo_root();
    let mut spec_path = cloud_spec_path();
    let mut generated = root.join("crates/bitbucket-cloud/src/generated");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let value = || format!("{a} needs a value");
        match a.as_str() {
            "--spec" => spec_path = args.next().ok_or_else(value)?.into(),
            "--generated" => generated = args.next().ok_or_else(value)?.into(),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let spec = Spec::load(&spec_path).map_err(|e| e.to_string())?;
    let code = codegen::cloud_call_table(&spec, &generated)?;
    let code = codegen::rustfmt(&code)?;
    let out = root.join("tests/tests/cloud_conformance/calls.rs");
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(&out, code).map_err(|e| format!("{}: {e}", out.display()))?;
    Ok(out)
}

fn main() {
    match run() {
        Ok(out) => println!("wrote {}", out.display()),
        Err(e) => {
            eprintln!("gen-cloud-calls: {e}");
            std::process::exit(1);
        }
    }
}
