//! `cargo xtask ci`: the project's whole test command, as the README and `.ci/run` give it.
//!
//! Installs what a fresh machine lacks (the pinned Prism mock server from npm), then runs
//! formatting, clippy, the docs build (also as docs.rs builds it), the facade feature sets, the
//! packaging check, the generated-code freshness check and every test, and
//! stops at the first failure.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail};

fn step(name: &str, root: &Path, program: &str, args: &[&str], env: &[(&str, &str)]) -> Result<()> {
    eprintln!("\n==> {name}: {program} {}", args.join(" "));
    let started = Instant::now();
    let status = Command::new(program)
        .args(args)
        .envs(env.iter().copied())
        .current_dir(root)
        .status()
        .with_context(|| format!("could not start {program}"))?;
    eprintln!(
        "<== {name}: {status} in {:.1}s",
        started.elapsed().as_secs_f64()
    );
    if !status.success() {
        bail!("step `{name}` failed ({status})");
    }
    Ok(())
}

/// The facade's feature sets checked with the defaults off: none, each API and TLS feature
/// alone, one Cloud operation group with Data Center, and every feature together (`cargo check`: each set costs a check of the crates whose
/// features differ, so the list stays short).
const FACADE_FEATURE_SETS: [&str; 7] = [
    "",
    "cloud",
    "dc",
    "rustls",
    "native-tls",
    "cloud-repositories,dc,rustls",
    "cloud,dc,rustls,native-tls,http2,webhooks,webhooks-axum,scim",
];

fn facade_features(root: &Path, cargo: &str) -> Result<()> {
    for list in FACADE_FEATURE_SETS {
        let mut args = vec![
            "check",
            "-p",
            "bitbucket",
            "--no-default-features",
            "--quiet",
        ];
        if !list.is_empty() {
            args.extend(["--features", list]);
        }
        step(
            &format!("facade features [{list}]"),
            root,
            cargo,
            &args,
            // One-off feature sets: no incremental caches (hundreds of MB each for the Cloud crate).
            &[("CARGO_INCREMENTAL", "0")],
        )?;
    }
    Ok(())
}

/// Runs every check; `--skip-install` leaves npm alone.
pub fn cmd_ci(args: &[&str]) -> Result<()> {
    let root = crate::workspace_root();
    let started = Instant::now();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    if !args.contains(&"--skip-install") {
        let prism = root.join("tests/node_modules/.bin/prism");
        if prism.exists() {
            eprintln!("==> prism already installed at {}", prism.display());
        } else {
            step(
                "install prism",
                &root,
                "npm",
                &["ci", "--prefix", "tests", "--no-audit", "--no-fund"],
                &[],
            )?;
        }
    }
    step(
        "format",
        &root,
        &cargo,
        &["fmt", "--all", "--", "--check"],
        &[],
    )?;
    // `cargo fmt` follows `mod` declarations only; the Data Center area modules are declared
    // inside the registry macro, so rustfmt checks each of those files directly.
    let dc_sources = rust_files(&root.join("crates/bitbucket-dc/src"))?;
    let mut args = vec![
        "--check".to_owned(),
        "--edition".to_owned(),
        "2024".to_owned(),
    ];
    args.extend(dc_sources.iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    step(
        "format (modules behind macros)",
        &root,
        "rustfmt",
        &args,
        &[],
    )?;
    step(
        "clippy",
        &root,
        &cargo,
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
        &[],
    )?;
    step(
        "docs",
        &root,
        &cargo,
        &["doc", "--workspace", "--no-deps"],
        &[("RUSTDOCFLAGS", "-D warnings")],
    )?;
    // As docs.rs builds the crates that show feature requirements: every feature, `--cfg docsrs`
    // (which turns on the nightly `doc_cfg`; RUSTC_BOOTSTRAP lets the stable toolchain take it).
    step(
        "docs as on docs.rs",
        &root,
        &cargo,
        &[
            "doc",
            "-p",
            "bitbucket",
            "-p",
            "bitbucket-cloud",
            "--no-deps",
            "--all-features",
        ],
        &[
            ("RUSTDOCFLAGS", "-D warnings --cfg docsrs"),
            ("RUSTC_BOOTSTRAP", "1"),
        ],
    )?;
    facade_features(&root, &cargo)?;
    step(
        "package",
        &root,
        &cargo,
        &[
            "package",
            "--workspace",
            "--exclude",
            "xtask",
            "--exclude",
            "bitbucket-conformance",
            "--exclude",
            "bitbucket-examples",
            "--no-verify",
            "--allow-dirty",
        ],
        &[],
    )?;
    eprintln!("\n==> generated code is fresh: xtask generate --check");
    crate::generate::cmd_generate(&["--check"])?;
    step("tests", &root, &cargo, &["test", "--workspace"], &[])?;
    eprintln!(
        "\nci: all checks passed in {:.0}s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Every `.rs` file below `dir`, sorted.
fn rust_files(dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            files.extend(rust_files(&path)?);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}
