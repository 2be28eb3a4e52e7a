//! Every ledger entry (method + path template) exists in the project's DC spec, and its
//! declared area matches the spec-side classification.

use std::collections::HashSet;

use bitbucket_dc::ledger::{self, Area, Method};

fn spec_ops() -> HashSet<(Method, String)> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../openapi/bitbucket-dc.json"
    );
    let text = std::fs::read_to_string(path).expect("openapi/bitbucket-dc.json is readable");
    let spec: serde_json::Value = serde_json::from_str(&text).expect("spec is JSON");
    let mut ops = HashSet::new();
    for (p, item) in spec["paths"].as_object().expect("paths") {
        for (m, _) in item.as_object().expect("path item") {
            if let Some(method) = Method::parse(m) {
                ops.insert((method, p.clone()));
            }
        }
    }
    ops
}

#[test]
fn every_ledger_entry_is_in_the_spec() {
    let spec = spec_ops();
    assert_eq!(spec.len(), 572, "the DC 10.4 spec has 572 operations");
    let all = ledger::all();
    assert!(!all.is_empty());
    let missing: Vec<String> = all
        .iter()
        .filter(|ep| !spec.contains(&(ep.method, ep.path.to_owned())))
        .map(|ep| ep.to_string())
        .collect();
    assert!(missing.is_empty(), "not in the spec: {missing:#?}");
}

#[test]
fn ledger_has_no_duplicates_and_areas_match() {
    let mut seen = HashSet::new();
    for ep in ledger::all() {
        assert!(seen.insert((ep.method, ep.path)), "declared twice: {ep}");
        assert_eq!(Area::classify(ep.path), ep.area, "area of {ep}");
    }
}

#[test]
fn areas_one_to_four_are_complete() {
    let implemented: HashSet<(Method, String)> = ledger::all()
        .iter()
        .map(|ep| (ep.method, ep.path.to_owned()))
        .collect();
    let mut missing: Vec<String> = spec_ops()
        .into_iter()
        .filter(|(_, p)| matches!(Area::classify(p), Area::AccessTokens))
        .filter(|op| !implemented.contains(op))
        .map(|(m, p)| format!("{m} {p}"))
        .collect();
    missing.sort();
    assert!(missing.is_empty(), "areas 1-4 miss: {missing:#?}");
}

#[test]
fn every_spec_operation_is_implemented() {
    let implemented: HashSet<(Method, String)> = ledger::all()
        .iter()
        .map(|ep| (ep.method, ep.path.to_owned()))
        .collect();
    let mut missing: Vec<String> = spec_ops()
        .into_iter()
        .filter(|op| !implemented.contains(op))
        .map(|(m, p)| format!("{m} {p}"))
        .collect();
    missing.sort();
    assert!(missing.is_empty(), "not implemented: {missing:#?}");
    assert_eq!(implemented.len(), 572);
}
