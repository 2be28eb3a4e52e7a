//! Writes `tests/tests/cloud_conformance/calls.rs` from the project's Cloud spec and the
//! generated `bitbucket-cloud` builders.

use std::process::Command;

fn main() {
    let root = bitbucket_conformance::repo_root();
    let spec = match bitbucket_conformance::Spec::load(bitbucket_conformance::cloud_spec_path()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("gen-cloud-calls: {e}");
            std::process::exit(1);
        }
    };
    let generated = root.join("crates/bitbucket-cloud/src/generated");
    let code = match bitbucket_conformance::codegen::cloud_call_table(&spec, &generated) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("gen-cloud-calls: {e}");
            std::process::exit(1);
        }
    };
    let out = root.join("tests/tests/cloud_conformance/calls.rs");
    if let Err(e) = std::fs::create_dir_all(out.parent().unwrap_or(&root))
        .and_then(|()| std::fs::write(&out, code))
    {
        eprintln!("gen-cloud-calls: writing {}: {e}", out.display());
        std::process::exit(1);
    }
    // Formatting is cosmetic (the staleness check ignores whitespace).
    let _ = Command::new("rustfmt")
        .arg("--edition")
        .arg("2024")
        .arg(&out)
        .status();
    println!("wrote {}", out.display());
}
