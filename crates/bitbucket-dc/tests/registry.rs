//! The crate's endpoint registry: every request builder reports the registry entry it fills.
//! (`cargo xtask coverage` and its test compare the registry with the spec.)

use std::collections::HashSet;

use bitbucket_dc::ledger::Area;

const AREAS: [Area; 4] = [
    Area::Repositories,
    Area::PullRequests,
    Area::Builds,
    Area::KeysAndRestrictions,
];

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
        dc.project("P")
            .repo("r")
            .default_reviewers()
            .reviewers()
            .endpoint(),
    ];
    let all: HashSet<_> = bitbucket_dc::endpoints().iter().copied().collect();
    for ep in eps {
        assert!(all.contains(&ep), "{ep} is not in the ledger");
        assert!(AREAS.contains(&ep.area), "{ep} filed under {}", ep.area);
    }
    assert_eq!(
        pr.tasks().create("t").endpoint().path,
        "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/blocker-comments"
    );
}
