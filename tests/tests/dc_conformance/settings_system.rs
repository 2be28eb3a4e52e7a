//! Conformance calls for project/repository settings and system administration (engineer A).

use bitbucket_conformance::Coverage;
use bitbucket_dc::Client;
use bitbucket_dc::settings::{HookType, PullRequestSettings, RestrictionAction};
use bitbucket_dc::system::{
    LoggingSettings, MailConfiguration, MeshNode, RateLimitSettings, SshKeyPolicy,
};

/// One call per settings and system operation.
pub async fn run(dc: &Client, cov: &Coverage) {
    // Settings of a project and of a repository.
    for (label, s) in [
        ("project", dc.project("PRJ").settings()),
        ("repo", dc.project("PRJ").repo("web").settings()),
    ] {
        let _ = label;
        call!(cov, s.hooks().list().hook_type(HookType::PreReceive));
        call!(cov, s.hooks().get("com.example:hook"));
        call!(cov, s.hooks().enable("com.example:hook"));
        call!(cov, s.hooks().disable("com.example:hook"));
        call!(cov, s.hooks().settings("com.example:hook"));
        call!(
            cov,
            s.hooks()
                .set_settings("com.example:hook", Default::default())
                .set("stringValue", "x")
        );
        call!(cov, s.auto_decline().get());
        call!(
            cov,
            s.auto_decline().set().enabled(true).inactivity_weeks(4)
        );
        call!(cov, s.auto_decline().delete());
        call!(cov, s.auto_merge().get());
        call!(cov, s.auto_merge().delete());
        call!(cov, s.change_author().get());
        call!(cov, s.change_author().delete());
        call!(cov, s.pull_requests().get());
        call!(
            cov,
            s.pull_requests().update(PullRequestSettings::default())
        );
        call!(cov, s.reviewer_groups().list());
        call!(
            cov,
            s.reviewer_groups()
                .create("leads", ["jdoe"])
                .description("Leads")
        );
        call!(cov, s.reviewer_groups().get(1));
        call!(cov, s.reviewer_groups().update(1).name("leads2"));
        call!(cov, s.reviewer_groups().delete(1));
    }
    let p = dc.project("PRJ").settings();
    call!(
        cov,
        p.auto_merge()
            .set(true)
            .restriction(RestrictionAction::Create)
    );
    call!(
        cov,
        p.change_author()
            .set(false)
            .restriction(RestrictionAction::None)
    );
    let r = dc.project("PRJ").repo("web").settings();
    call!(cov, r.auto_merge().set(true));
    call!(cov, r.change_author().set(true));
    call!(
        cov,
        dc.project("PRJ")
            .repo("web")
            .delete_hook("com.example:hook")
    );
    call!(cov, dc.project("PRJ").repo("web").reviewer_group_users(1));
    for hs in [
        dc.project("PRJ").hook_scripts(),
        dc.project("PRJ").repo("web").hook_scripts(),
    ] {
        call!(cov, hs.list());
        call!(cov, hs.set(1, ["push"]));
        call!(cov, hs.remove(1));
    }
    let sr = dc.project("PRJ").settings_restrictions();
    call!(cov, sr.get("com.example", "feature").component_key("c"));
    call!(cov, sr.all("com.example", "feature"));
    call!(cov, sr.create("com.example", "feature").component_key("c"));
    call!(cov, sr.delete("com.example", "feature"));
    call!(
        cov,
        dc.hook_scripts()
            .create("lint", "PRE", &b"#!/bin/sh\n"[..])
            .description("d")
    );
    call!(cov, dc.hook_scripts().get(1));
    call!(cov, dc.hook_scripts().update(1, &b"#!/bin/sh\n"[..]));
    call!(cov, dc.hook_scripts().delete(1));
    call!(cov, dc.hook_scripts().content(1));
    call!(cov, dc.hook_avatar("com.example:hook").version("1"));

    // System administration.
    let sys = dc.system();
    call!(cov, sys.application_properties());
    call!(cov, sys.cluster());
    call!(cov, sys.license());
    call!(cov, sys.set_license("AAAB-license"));
    call!(cov, sys.banner().get());
    call!(cov, sys.banner().set("Maintenance"));
    call!(cov, sys.banner().delete());
    call!(cov, sys.default_branch());
    call!(cov, sys.set_default_branch("main"));
    call!(cov, sys.clear_default_branch());
    let mail = sys.mail_server();
    call!(cov, mail.get());
    call!(
        cov,
        mail.set(MailConfiguration {
            hostname: Some("smtp.example.com".into()),
            port: Some(587),
            ..Default::default()
        })
    );
    call!(cov, mail.delete());
    call!(cov, mail.sender_address());
    call!(cov, mail.set_sender_address("noreply@example.com"));
    call!(cov, mail.clear_sender_address());
    call!(cov, sys.merge_config("git"));
    call!(
        cov,
        sys.set_merge_config("git", PullRequestSettings::default())
    );
    let rl = sys.rate_limits();
    call!(cov, rl.settings());
    call!(
        cov,
        rl.set_settings(RateLimitSettings {
            enabled: Some(true),
            ..Default::default()
        })
    );
    call!(cov, rl.history().order("NEWEST"));
    call!(cov, rl.users().filter("ci"));
    call!(cov, rl.set_users(["ci-bot"]).bucket(100, 10));
    call!(cov, rl.user("ci-bot").get());
    call!(cov, rl.user("ci-bot").set().whitelisted(true));
    call!(cov, rl.user("ci-bot").delete());
    let log = sys.logging();
    call!(cov, log.level("com.atlassian.bitbucket"));
    call!(cov, log.set_level("com.atlassian.bitbucket", "DEBUG"));
    call!(cov, log.root_level());
    call!(cov, log.set_root_level("WARN"));
    call!(cov, log.settings());
    call!(
        cov,
        log.set_settings(LoggingSettings {
            debug_logging_enabled: Some(false),
            ..Default::default()
        })
    );
    call!(cov, sys.ssh_key_policy());
    call!(
        cov,
        sys.set_ssh_key_policy(SshKeyPolicy {
            max_expiry_days: Some(365),
            ..Default::default()
        })
    );
    call!(cov, sys.supported_ssh_key_types());
    let mesh = sys.mesh();
    call!(cov, mesh.nodes());
    call!(
        cov,
        mesh.register("mesh-1", "https://mesh-1.example.com:7777")
    );
    call!(cov, mesh.node("1"));
    call!(
        cov,
        mesh.update(
            "1",
            MeshNode {
                name: Some("mesh-1b".into()),
                ..Default::default()
            }
        )
    );
    call!(cov, mesh.delete(1).force(false));
    call!(cov, mesh.connectivity());
    call!(cov, mesh.control_plane_key());
    call!(cov, mesh.support_zips());
    call!(cov, mesh.support_zip("1"));
}
