//! Project tooling. Run as `cargo xtask <command>`.
//!
//! Commands:
//! - `openapi import <file> --kind cloud|dc`: derive the project's facts-only spec from Atlassian's file.
//! - `generate [--check]`: generate the Cloud client code with progenitor.
//! - `coverage`: print Cloud and Data Center coverage numbers.
//! - `dc-operations [--check]`: write `docs/dc-operations.md`, every DC operation with its call chain.
//! - `ci [--skip-install]`: the whole test command (what the README and `.ci/run` run).
//! - `build-cost [--octocrab] [--release]`: what depending on the SDK costs a user's build.

mod boxing;
mod build_cost;
mod ci;
mod coverage;
mod dc_coverage;
mod dc_operations;
mod docs_facts;
mod generate;
mod messages;
mod observed;
mod openapi;
mod polymorphism;

use anyhow::{Result, bail};
use std::path::PathBuf;

fn main() {
    if let Err(e) = run() {
        eprintln!("xtask: error: {e:#}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["openapi", "import", rest @ ..] => openapi::cmd_import(rest),
        ["generate", rest @ ..] => generate::cmd_generate(rest),
        ["coverage", rest @ ..] => coverage::cmd_coverage(rest),
        ["dc-operations", rest @ ..] => dc_operations::cmd_dc_operations(rest),
        ["ci", rest @ ..] => ci::cmd_ci(rest),
        ["build-cost", rest @ ..] => build_cost::cmd_build_cost(rest),
        ["help"] | ["--help"] | [] => {
            println!("{}", USAGE);
            Ok(())
        }
        other => bail!("unknown command {other:?}\n{USAGE}"),
    }
}

const USAGE: &str = "usage: cargo xtask <command>
  openapi import <file> --kind cloud|dc   derive openapi/bitbucket-{cloud,dc}.json
  generate [--check]                      generate crates/bitbucket-cloud/src/generated
  coverage                                print coverage of the Cloud and Data Center APIs
  dc-operations [--check]                 write docs/dc-operations.md (every DC operation and its call chain)
  ci [--skip-install]                     the whole test command: npm install of Prism, fmt, clippy, docs, generate --check, tests
  build-cost [--octocrab] [--release]     clean builds of a tiny app against the SDK: wall, CPU, peak memory";

/// The workspace root (parent of the xtask crate).
pub fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}
