//! Prints Data Center coverage: implemented operations per area, computed from the crate's
//! endpoint ledger and the project's spec.
//!
//! `cargo run -p bitbucket-dc --example coverage [-- --missing] [SPEC]`

use std::collections::{BTreeMap, BTreeSet};

use bitbucket_dc::ledger::{self, Area, Method};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut show_missing = false;
    let mut spec_path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../openapi/bitbucket-dc.json"
    )
    .to_owned();
    for arg in std::env::args().skip(1) {
        if arg == "--missing" {
            show_missing = true;
        } else {
            spec_path = arg;
        }
    }
    if let Ok(canonical) = std::fs::canonicalize(&spec_path) {
        spec_path = canonical.display().to_string();
    }
    let spec: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&spec_path)?)?;

    let mut spec_ops: BTreeMap<Area, BTreeSet<(String, Method)>> = BTreeMap::new();
    for (path, item) in spec["paths"].as_object().ok_or("spec has no paths")? {
        for key in item.as_object().ok_or("bad path item")?.keys() {
            if let Some(m) = Method::parse(key) {
                spec_ops
                    .entry(Area::classify(path))
                    .or_default()
                    .insert((path.clone(), m));
            }
        }
    }
    let implemented: BTreeSet<(String, Method)> = ledger::all()
        .iter()
        .map(|ep| (ep.path.to_owned(), ep.method))
        .collect();

    let total: usize = spec_ops.values().map(BTreeSet::len).sum();
    let mut done_total = 0;
    let unknown: Vec<_> = implemented
        .iter()
        .filter(|op| !spec_ops.values().any(|s| s.contains(*op)))
        .collect();
    println!("Bitbucket Data Center coverage (ledger vs {spec_path})");
    for area in Area::ALL {
        let ops = spec_ops.get(&area).cloned().unwrap_or_default();
        let done = ops.iter().filter(|op| implemented.contains(*op)).count();
        done_total += done;
        println!("  {:<48} {:>3}/{:<3}", area.label(), done, ops.len());
        if show_missing {
            for (p, m) in ops.iter().filter(|op| !implemented.contains(*op)) {
                println!("      missing {m} {p}");
            }
        }
    }
    println!("DC {done_total}/{total} implemented");
    if !unknown.is_empty() {
        for (p, m) in &unknown {
            eprintln!("ledger entry not in spec: {m} {p}");
        }
        return Err("ledger has entries missing from the spec".into());
    }
    Ok(())
}
