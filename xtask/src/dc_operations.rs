//! `cargo xtask dc-operations [--check]`: writes (or, with `--check`, compares) the Data Center
//! operations page `docs/dc-operations.md`, every DC operation with the call chain that builds it.
//!
//! The page is rendered by the conformance crate's `dc_operations_page` test from its `call!`
//! lines, the one list of DC calls: the test builds every request without sending it and records
//! each builder's endpoint and chain. This command runs that test, with `BLESS=1` to write the
//! page. The comparison also runs with every other test in `cargo xtask ci`.

use std::process::Command;

use anyhow::{Context, Result, bail};

const PAGE: &str = "docs/dc-operations.md";

pub fn cmd_dc_operations(args: &[&str]) -> Result<()> {
    let check = match args {
        [] => false,
        ["--check"] => true,
        other => bail!("unexpected arguments {other:?}; usage: dc-operations [--check]"),
    };
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = Command::new(&cargo);
    command
        .args([
            "test",
            "-p",
            "bitbucket-conformance",
            "--test",
            "dc_conformance",
            "--",
            "--exact",
            "dc_operations_page",
        ])
        .current_dir(crate::workspace_root());
    if !check {
        command.env("BLESS", "1");
    }
    let status = command
        .status()
        .with_context(|| format!("could not start {cargo}"))?;
    if !status.success() {
        bail!("the dc_operations_page test failed ({status})");
    }
    if check {
        println!("{PAGE} is up to date");
    } else {
        println!("wrote {PAGE}");
    }
    Ok(())
}
