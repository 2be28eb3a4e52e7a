//! Writes `tests/tests/cloud_conformance/calls.rs` from the project's Cloud spec and the
//! generated `bitbucket-cloud` builders.

use bitbucket_conformance::{Spec, cloud_spec_path, codegen, repo_root};

fn run() -> Result<std::path::PathBuf, String> {
    let root = repo_root();
    let spec = Spec::load(cloud_spec_path()).map_err(|e| e.to_string())?;
    let generated = root.join("crates/bitbucket-cloud/src/generated");
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
