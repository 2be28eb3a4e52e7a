//! Areas 5-8 are complete: every spec operation the coverage rule files under repositories,
//! pull requests, builds and insights, or keys and restrictions has a ledger entry, and every
//! request builder of those areas reports the ledger entry it fills.

use std::collections::{BTreeMap, HashSet};

use bitbucket_dc::ledger::{self, Area, Method};

fn spec_ops() -> Vec<(Method, String)> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../openapi/bitbucket-dc.json"
    );
    let text = std::fs::read_to_string(path).expect("openapi/bitbucket-dc.json is readable");
    let spec: serde_json::Value = serde_json::from_str(&text).expect("spec is JSON");
    let mut ops = Vec::new();
    for (p, item) in spec["paths"].as_object().expect("paths") {
        for m in item.as_object().expect("path item").keys() {
            if let Some(method) = Method::parse(m) {
                ops.push((method, p.clone()));
            }
        }
    }
    ops
}

const AREAS: [Area; 4] = [
    Area::Repositories,
    Area::PullRequests,
    Area::Builds,
    Area::KeysAndRestrictions,
];

#[test]
fn areas_five_to_eight_are_complete() {
    let implemented: HashSet<(Method, String)> = ledger::all()
        .iter()
        .map(|ep| (ep.method, ep.path.to_owned()))
        .collect();
    let mut per_area: BTreeMap<Area, (usize, Vec<String>)> = BTreeMap::new();
    for (m, p) in spec_ops() {
        let area = Area::classify(&p);
        if !AREAS.contains(&area) {
            continue;
        }
        let entry = per_area.entry(area).or_default();
        entry.0 += 1;
        if !implemented.contains(&(m, p.clone())) {
            entry.1.push(format!("{m} {p}"));
        }
    }
    let counts: Vec<usize> = AREAS.iter().map(|a| per_area[a].0).collect();
    // The DC 10.4 spec's operation counts for these areas (a changed spec shows up here).
    assert_eq!(counts, [71, 53, 21, 40]);
    let missing: Vec<&String> = per_area.values().flat_map(|(_, m)| m).collect();
    assert!(missing.is_empty(), "areas 5-8 miss: {missing:#?}");
}

#[test]
fn builders_report_their_ledger_entry() {
    let dc = bitbucket_dc::Client::builder("https://h.example")
        .build()
        .unwrap();
    let web = dc.repo("PRJ", "web");
    let pr = web.pull_request(1);
    let eps = [
        web.get().endpoint(),
        web.branches().delete("x").endpoint(),
        web.raw("a/b").endpoint(),
        web.compare("a", "b").diff("x").endpoint(),
        pr.merge_status().endpoint(),
        pr.tasks().create("t").endpoint(),
        web.builds("c")
            .set("k", bitbucket_dc::builds::BuildState::Failed, "u")
            .endpoint(),
        web.insights("c").report("r").get().endpoint(),
        dc.ssh_keys().settings().endpoint(),
        dc.default_reviewers().repo("P", "r").reviewers().endpoint(),
    ];
    let all: HashSet<_> = ledger::all().into_iter().collect();
    for ep in eps {
        assert!(all.contains(&ep), "{ep} is not in the ledger");
        assert!(AREAS.contains(&ep.area), "{ep} filed under {}", ep.area);
    }
    assert_eq!(
        pr.tasks().create("t").endpoint().path,
        "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/blocker-comments"
    );
}
