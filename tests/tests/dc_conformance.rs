//! Data Center conformance: drives `bitbucket-dc` against the Prism mock server serving the
//! project's DC spec (`openapi/bitbucket-dc.json`) with request validation. Every implemented
//! operation is called once with valid input; it must pass Prism's validation and decode.
//!
//! To cover a new endpoint, append one line to `run_all`:
//! `call!(cov, dc.<handler>()...<builder>);` — the key comes from the builder's own
//! `endpoint()`, so it always names the ledger entry that was exercised.

use std::time::Instant;

use bitbucket_conformance::{Coverage, Outcome, Prism, PrismOptions, dc_spec_path, load_spec};
use bitbucket_dc::{Client, Credentials, Error, Permission, RetryPolicy};

/// Records one request builder's call chain under its ledger endpoint; when the run sends (the
/// Prism test), sends it and records the outcome too.
macro_rules! call {
    ($cov:expr, $builder:expr) => {{
        let builder = $builder;
        let ep = builder.endpoint();
        if let Some(cov) = $cov.record(ep, stringify!($builder)) {
            let result = builder.send().await;
            cov.check_sdk(format!("{} {}", ep.method, ep.path), &result);
        }
    }};
}

/// `let name = value;` that also lets the operations page show `value`'s chain where a
/// `call!` line uses `name`: `bind!(cov, web = dc.repo("PRJ", "web"));`.
macro_rules! bind {
    ($cov:expr, $name:ident = $value:expr) => {
        let $name = $value;
        $cov.bind(stringify!($name), stringify!($value));
    };
}

/// The handles a `for` loop runs the same `call!` lines on, each with its chain:
/// `for (s, chain) in handles![a, b] { cov.bind("s", chain); ... }`.
macro_rules! handles {
    ($($value:expr),+ $(,)?) => {
        [$(($value, stringify!($value))),+]
    };
}

#[path = "dc_conformance/operations.rs"]
mod operations;
#[path = "dc_conformance/settings_system.rs"]
mod settings_system;

use operations::Calls;

/// Operations expected to fail for a known reason outside this test (`METHOD path`, reason).
/// The test fails when one of them starts passing, so the list stays honest.
const KNOWN_FAILURES: &[(&str, &str)] = &[
    // Administration, users and groups, projects.
    (
        "GET /api/latest/projects/{projectKey}/webhooks",
        NO_PAGE_SCHEMA,
    ),
    (
        "GET /api/latest/projects/{projectKey}/repos/{repositorySlug}/webhooks",
        NO_PAGE_SCHEMA,
    ),
    (
        "GET /api/latest/projects/{projectKey}/repos/{repositorySlug}/webhooks/search",
        NO_PAGE_SCHEMA,
    ),
    (
        "GET /api/latest/projects/{projectKey}/avatar.png",
        PRISM_PNG,
    ),
    // Repositories, pull requests, builds, keys and restrictions.
    (
        "GET /api/latest/projects/{projectKey}/repos/{repositorySlug}/compare/diff{path}",
        GLUED_PATH,
    ),
    (
        "GET /api/latest/projects/{projectKey}/repos/{repositorySlug}/compare/diff-stats-summary{path}",
        GLUED_PATH,
    ),
    (
        "GET /api/latest/projects/{projectKey}/repos/{repositorySlug}/browse",
        NO_BODY_SCHEMA,
    ),
    (
        "GET /api/latest/projects/{projectKey}/repos/{repositorySlug}/browse/{path}",
        NO_BODY_SCHEMA,
    ),
    ("GET /api/latest/inbox/pull-requests", NO_PAGE_SCHEMA),
    ("GET /keys/latest/ssh/{keyId}/projects", NO_PAGE_SCHEMA),
    ("GET /keys/latest/ssh/{keyId}/repos", NO_PAGE_SCHEMA),
    (
        "GET /api/latest/projects/{projectKey}/repos/{repositorySlug}/archive",
        PRISM_BINARY,
    ),
    (
        "PUT /comment-likes/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/comments/{commentId}/reactions/{emoticon}",
        PRISM_TOO_COMPLEX,
    ),
    (
        "POST /api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests",
        READ_FIELDS_REQUIRED,
    ),
    (
        "POST /api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}/participants",
        READ_FIELDS_REQUIRED,
    ),
];

const GLUED_PATH: &str = "the spec glues `{path}` to `diff` in one segment; servers (and the SDK) use `/compare/diff/<path>`, which Prism cannot route";
const NO_BODY_SCHEMA: &str = "the spec declares no response schema; Prism answers an empty body (`null`), which is no browse result";
const PRISM_BINARY: &str = "Prism 5.14 cannot serialize the spec's octet-stream/x-tar archive body (500 'Cannot find serializer')";
const PRISM_TOO_COMPLEX: &str =
    "Prism 5.14 cannot generate the recursive reaction/comment response (500 'Schema too complex')";
const READ_FIELDS_REQUIRED: &str = "the spec marks response-side fields as required in this request body (ref displayId/latestCommit, project name/type, user displayName/slug/type); servers need only ref ids and user names";
const NO_PAGE_SCHEMA: &str =
    "the spec declares no schema for this page (real servers send a DC page); Prism answers `null`";
const PRISM_PNG: &str =
    "Prism 5.14 cannot serialize the spec's image/png example (500 'Cannot find serializer')";

/// One call per implemented operation. Append here as endpoints are implemented.
async fn run_all(dc: &Client, cov: &Calls<'_>) {
    // 1. Access tokens
    call!(cov, dc.user("jdoe").access_tokens().list());
    call!(cov, dc.project("PRJ").access_tokens().list());
    call!(cov, dc.project("PRJ").repo("web").access_tokens().list());
    call!(cov, dc.user("jdoe").access_tokens().get("123456789012"));
    call!(cov, dc.project("PRJ").access_tokens().get("123456789012"));
    call!(
        cov,
        dc.project("PRJ")
            .repo("web")
            .access_tokens()
            .get("123456789012")
    );
    call!(
        cov,
        dc.user("jdoe")
            .access_tokens()
            .create("ci", [Permission::RepoRead])
            .expiry_days(30)
    );
    call!(
        cov,
        dc.project("PRJ")
            .access_tokens()
            .create("ci", [Permission::ProjectRead])
    );
    call!(
        cov,
        dc.project("PRJ")
            .repo("web")
            .access_tokens()
            .create("ci", [Permission::RepoWrite])
    );
    // The spec requires `permissions` on every update.
    call!(
        cov,
        dc.user("jdoe")
            .access_tokens()
            .update("123456789012")
            .name("renamed")
            .permissions([Permission::RepoRead])
    );
    call!(
        cov,
        dc.project("PRJ")
            .access_tokens()
            .update("123456789012")
            .permissions([Permission::ProjectAdmin])
    );
    call!(
        cov,
        dc.project("PRJ")
            .repo("web")
            .access_tokens()
            .update("123456789012")
            .name("renamed")
            .permissions([Permission::RepoWrite])
    );
    call!(cov, dc.user("jdoe").access_tokens().delete("123456789012"));
    call!(
        cov,
        dc.project("PRJ").access_tokens().delete("123456789012")
    );
    call!(
        cov,
        dc.project("PRJ")
            .repo("web")
            .access_tokens()
            .delete("123456789012")
    );
}

/// Admin, users and groups, projects with their permissions and
/// webhooks, plus the repository scope of permissions and webhooks.
async fn run_areas_2_to_4(dc: &Client, cov: &Calls<'_>) {
    use bitbucket_dc::{GlobalPermission, ProjectPermission, RepoPermission};
    // 2. Admin: users
    bind!(cov, users = dc.admin().users());
    call!(cov, users.list().filter("jo"));
    call!(
        cov,
        users
            .create("jdoe", "Jane Doe", "jane@example.com")
            .password("pw")
            .notify(false)
            .add_to_default_group(true)
    );
    call!(
        cov,
        users
            .update("jdoe")
            .display_name("Jane")
            .email("jane@example.com")
    );
    call!(cov, users.rename("jdoe", "jane.doe"));
    call!(cov, users.delete("jdoe"));
    call!(cov, users.set_password("jdoe", "new-password"));
    call!(cov, users.clear_captcha("jdoe"));
    call!(cov, users.validate_erasable("jdoe"));
    call!(cov, users.erase("jdoe"));
    call!(cov, users.groups("jdoe").filter("dev"));
    call!(cov, users.other_groups("jdoe"));
    call!(cov, users.add_to_groups("jdoe", ["developers"]));
    call!(cov, users.add_to_group("jdoe", "developers"));
    call!(cov, users.remove_from_group("jdoe", "developers"));
    // 2. Admin: groups
    bind!(cov, groups = dc.admin().groups());
    call!(cov, groups.list().filter("dev"));
    call!(cov, groups.create("developers"));
    call!(cov, groups.delete("developers"));
    call!(cov, groups.members("developers"));
    call!(cov, groups.non_members("developers"));
    call!(cov, groups.add_users("developers", ["jdoe"]));
    call!(cov, groups.add_user("developers", "jdoe"));
    call!(cov, groups.remove_user("developers", "jdoe"));
    // 2. Admin: global permissions, directories
    bind!(cov, perms = dc.admin().permissions());
    call!(cov, perms.users().list());
    call!(cov, perms.users().without());
    call!(
        cov,
        perms
            .users()
            .grant(["jdoe"], GlobalPermission::ProjectCreate)
    );
    call!(cov, perms.users().revoke("jdoe"));
    call!(cov, perms.groups().list());
    call!(cov, perms.groups().without());
    call!(
        cov,
        perms
            .groups()
            .grant(["developers"], GlobalPermission::LicensedUser)
    );
    call!(cov, perms.groups().revoke("developers"));
    call!(cov, dc.admin().user_directories().include_inactive(true));
    // 3. Users and groups
    call!(cov, dc.users().list().filter("jo"));
    call!(cov, dc.users().update_current().display_name("Jane"));
    call!(
        cov,
        dc.users().change_password("old-password", "new-password")
    );
    call!(cov, dc.user("jdoe").get());
    call!(cov, dc.user("jdoe").settings());
    call!(
        cov,
        dc.user("jdoe")
            .update_settings(Default::default())
            .set("theme", "dark")
    );
    call!(
        cov,
        dc.user("jdoe").upload_avatar(&b"\x89PNG"[..], "image/png")
    );
    call!(cov, dc.user("jdoe").delete_avatar());
    call!(cov, dc.groups().list().filter("dev"));
    // 4. Projects
    call!(cov, dc.projects().list().name("Proj"));
    call!(cov, dc.projects().create("PRJ", "Project").description("d"));
    call!(cov, dc.project("PRJ").get());
    call!(cov, dc.project("PRJ").update().description("d2"));
    call!(cov, dc.project("PRJ").delete());
    call!(cov, dc.project("PRJ").avatar().size(64));
    call!(
        cov,
        dc.project("PRJ")
            .upload_avatar(&b"\x89PNG"[..], "image/png")
    );
    bind!(cov, pp = dc.project("PRJ").permissions());
    call!(cov, pp.users().list().filter("jo"));
    call!(cov, pp.users().grant("jdoe", ProjectPermission::Write));
    call!(cov, pp.users().revoke("jdoe"));
    call!(cov, pp.users().without());
    call!(cov, pp.groups().list());
    call!(
        cov,
        pp.groups().grant("developers", ProjectPermission::Read)
    );
    call!(cov, pp.groups().revoke("developers"));
    call!(cov, pp.groups().without());
    call!(cov, pp.revoke_all().user("jdoe"));
    call!(cov, pp.search().filter_text("jo"));
    call!(cov, pp.default_permission(ProjectPermission::Read));
    call!(
        cov,
        pp.set_default_permission(ProjectPermission::Read, true)
    );
    bind!(cov, ph = dc.project("PRJ").webhooks());
    call!(cov, ph.list().event("repo:refs_changed"));
    call!(
        cov,
        ph.create("ci", "https://ci.example.com/hook", ["repo:refs_changed"])
    );
    call!(cov, ph.test().url("https://ci.example.com/hook"));
    call!(cov, ph.get(1));
    call!(cov, ph.update(1).active(false));
    call!(cov, ph.delete(1));
    call!(cov, ph.latest_invocation(1));
    call!(cov, ph.statistics(1));
    call!(cov, ph.statistics_summary(1));
    // 5. Repository permissions and webhooks (shared shapes)
    bind!(cov, rp = dc.project("PRJ").repo("web").permissions());
    call!(cov, rp.users().list());
    call!(cov, rp.users().grant("jdoe", RepoPermission::Write));
    call!(cov, rp.users().revoke("jdoe"));
    call!(cov, rp.users().without());
    call!(cov, rp.groups().list());
    call!(cov, rp.groups().grant("developers", RepoPermission::Read));
    call!(cov, rp.groups().revoke("developers"));
    call!(cov, rp.groups().without());
    call!(cov, rp.revoke_all().group("developers"));
    call!(cov, rp.search());
    bind!(cov, rh = dc.project("PRJ").repo("web").webhooks());
    call!(cov, rh.list());
    call!(
        cov,
        rh.create("ci", "https://ci.example.com/hook", ["pr:opened"])
    );
    call!(cov, dc.project("PRJ").repo("web").search_webhooks());
    call!(cov, rh.test().url("https://ci.example.com/hook"));
    call!(cov, rh.get(1));
    call!(cov, rh.update(1).name("ci2"));
    call!(cov, rh.delete(1));
    call!(cov, rh.latest_invocation(1));
    call!(cov, rh.statistics(1));
    call!(cov, rh.statistics_summary(1));
}

/// Repositories, pull requests, builds and insights, keys and
/// restrictions.
async fn run_areas_5_to_8(dc: &Client, cov: &Calls<'_>) {
    use bitbucket_dc::branch_permissions::{RefMatcher, RestrictionType};
    use bitbucket_dc::builds::BuildState;
    use bitbucket_dc::insights::{Annotation, ReportData};
    use bitbucket_dc::pull_requests::{ParticipantRole, ParticipantStatus, PullRequestState};
    use bitbucket_dc::{Permission, RepoPermission};
    bind!(cov, web = dc.repo("PRJ", "web"));
    bind!(cov, c = "8d51122def5632836d1cb1026e879069e10a1e13");

    // 5. Repositories. File paths are single segments here: Prism matches `{path}` against one
    // segment only (the SDK keeps the `/` of multi-segment paths, see the httpmock tests).
    call!(
        cov,
        dc.repos()
            .search()
            .name("web")
            .permission(RepoPermission::Read)
    );
    call!(cov, dc.repos().recent().permission(RepoPermission::Read));
    call!(cov, dc.project("PRJ").repos().list());
    call!(
        cov,
        dc.project("PRJ")
            .repos()
            .create("web")
            .default_branch("main")
    );
    call!(cov, web.get());
    call!(cov, web.update().name("web2").default_branch("main"));
    call!(cov, web.fork().name("mine").project("~JDOE"));
    call!(cov, web.delete());
    call!(cov, web.forks());
    call!(cov, web.related().permission(RepoPermission::Read));
    call!(cov, web.labels().list());
    call!(cov, web.labels().add("frontend"));
    call!(cov, web.labels().remove("frontend"));
    call!(cov, dc.labels().list().prefix("fr"));
    call!(cov, dc.labels().get("frontend"));
    call!(
        cov,
        dc.labels().labeled("frontend").labelable_type("REPOSITORY")
    );
    call!(
        cov,
        web.branches().list().filter_text("feature").details(true)
    );
    call!(
        cov,
        web.branches().create("release/1", "main").message("cut")
    );
    call!(cov, web.branches().create_with_utils("hotfix", "main"));
    call!(cov, web.branches().delete("hotfix").dry_run(true));
    call!(cov, web.branches().containing(c));
    call!(cov, web.branches().default_branch());
    call!(cov, web.branches().set_default_branch("refs/heads/main"));
    call!(cov, web.branches().default_branch_legacy());
    call!(
        cov,
        web.branches().set_default_branch_legacy("refs/heads/main")
    );
    call!(cov, web.tags().list().filter_text("v"));
    call!(cov, web.tags().get("v1"));
    call!(cov, web.tags().create("v1", "main").message("one"));
    call!(cov, web.tags().create_git("v2", "main").message("two"));
    call!(cov, web.tags().delete("v2"));
    call!(cov, web.commits().list().until("main").path("src"));
    call!(cov, web.commits().get(c));
    call!(cov, web.commits().changes(c));
    call!(cov, web.commits().diff(c, "README.md").context_lines(3));
    call!(cov, web.commits().diff_stats_summary(c, "README.md"));
    call!(cov, web.commits().merge_base(c, "main"));
    call!(cov, web.changes().since("a").until("b"));
    call!(cov, web.compare("feature", "main").changes());
    call!(cov, web.compare("feature", "main").commits());
    call!(cov, web.compare("feature", "main").diff("README.md"));
    call!(
        cov,
        web.compare("feature", "main")
            .diff_stats_summary("README.md")
    );
    call!(cov, web.browse(""));
    call!(cov, web.browse("src").at("main"));
    call!(cov, web.files(""));
    call!(cov, web.files("src").at("main"));
    call!(cov, web.raw("README.md").at("main"));
    call!(cov, web.archive().format("zip"));
    call!(cov, web.raw_diff("").until("main"));
    call!(cov, web.raw_diff("README.md").until("main"));
    call!(cov, web.patch().until("main"));
    call!(
        cov,
        web.edit_file("README.md", "fn main() {}\n", "edit")
            .branch("main")
    );

    // 6. Pull requests
    bind!(cov, prs = web.pull_requests());
    bind!(cov, pr = web.pull_request(42));
    call!(
        cov,
        dc.my_pull_requests()
            .dashboard()
            .state(PullRequestState::Open)
    );
    call!(cov, dc.my_pull_requests().inbox());
    call!(cov, dc.my_pull_requests().inbox_count());
    call!(cov, web.commits().pull_requests(c));
    call!(cov, prs.participants().filter("jo"));
    call!(cov, prs.list().state(PullRequestState::Open));
    call!(
        cov,
        prs.create("Fix", "refs/heads/f", "refs/heads/main")
            .description("d")
            .reviewers(["jdoe"])
    );
    call!(cov, pr.get());
    call!(cov, pr.update(1).title("New"));
    call!(cov, pr.delete(1));
    call!(cov, pr.raw_diff());
    call!(cov, pr.patch());
    call!(cov, pr.activities());
    call!(cov, pr.approve());
    call!(cov, pr.unapprove());
    call!(cov, pr.auto_merge());
    call!(cov, pr.request_auto_merge());
    call!(cov, pr.cancel_auto_merge());
    call!(cov, pr.tasks().list_all());
    call!(cov, pr.tasks().create("update the changelog"));
    call!(cov, pr.tasks().get(7));
    call!(cov, pr.tasks().update(7, 1).text("done"));
    call!(cov, pr.tasks().delete(7, 1));
    call!(cov, pr.changes());
    call!(cov, pr.comments().list("README.md"));
    call!(cov, pr.comments().create("nice"));
    call!(cov, pr.comments().get(8));
    call!(cov, pr.comments().update(8, 1).text("nicer"));
    call!(cov, pr.comments().delete(8, 1));
    call!(cov, pr.comments().apply_suggestion(8, 1, 1, 0));
    call!(cov, pr.commit_message_suggestion());
    call!(cov, pr.commits());
    call!(cov, pr.decline(1).comment("no"));
    call!(cov, pr.diff_stats_summary("README.md"));
    call!(cov, pr.diff("README.md"));
    call!(cov, pr.merge_status());
    call!(cov, pr.merge(1).message("merge"));
    call!(cov, pr.merge_base());
    call!(cov, pr.participants().list());
    call!(
        cov,
        pr.participants().add("jdoe", ParticipantRole::Reviewer)
    );
    call!(cov, pr.participants().remove("jdoe"));
    call!(
        cov,
        pr.participants()
            .set_status("jdoe", ParticipantStatus::Approved)
    );
    call!(cov, pr.participants().remove_by_slug("jdoe"));
    call!(cov, pr.reopen(1));
    call!(cov, pr.review());
    call!(
        cov,
        pr.finish_review()
            .participant_status(ParticipantStatus::Approved)
    );
    call!(cov, pr.discard_review());
    call!(cov, pr.watch());
    call!(cov, pr.unwatch());
    call!(cov, pr.react(8, "thumbsup"));
    call!(cov, pr.unreact(8, "thumbsup"));
    call!(cov, pr.rebase_status());
    call!(cov, pr.rebase(1));

    // 7. Builds and Code Insights
    call!(cov, dc.build_capabilities());
    call!(cov, web.builds(c).get("ci"));
    call!(
        cov,
        web.builds(c)
            .set("ci", BuildState::Successful, "https://ci.example.com/1")
    );
    call!(cov, web.builds(c).delete("ci"));
    call!(cov, dc.build_status().stats_many([c]));
    call!(cov, dc.build_status().stats(c).include_unique(true));
    call!(cov, dc.build_status().list(c));
    call!(
        cov,
        dc.build_status()
            .add(c, "ci", BuildState::Failed, "https://ci.example.com/2")
    );
    bind!(cov, ins = web.insights(c));
    call!(cov, ins.annotations().severity("HIGH"));
    call!(cov, ins.reports());
    call!(cov, ins.report("lint").get());
    call!(
        cov,
        ins.report("lint")
            .set(
                "Lint",
                [ReportData::link(
                    "Details",
                    "CI run",
                    "https://ci.example.com/1"
                )]
            )
            .result("PASS")
    );
    call!(cov, ins.report("lint").delete());
    call!(cov, ins.report("lint").annotations());
    call!(
        cov,
        ins.report("lint")
            .add_annotations([Annotation::new("unused", "LOW").path("src/lib.rs").line(1)])
    );
    call!(
        cov,
        ins.report("lint").delete_annotations().external_id("e1")
    );
    call!(
        cov,
        ins.report("lint")
            .set_annotation("e1", Annotation::new("unused", "LOW"))
    );
    bind!(cov, rb = web.required_builds());
    call!(cov, rb.create(["ci"], RefMatcher::branch("main")));
    call!(cov, rb.update(1, ["ci"], RefMatcher::branch("main")));
    call!(cov, rb.delete(1));
    call!(cov, rb.list());

    // 8. Keys, branch permissions, default reviewers
    bind!(
        cov,
        rbp = dc.project("PRJ").repo("web").branch_permissions()
    );
    bind!(cov, pbp = dc.project("PRJ").branch_permissions());
    call!(cov, rbp.list());
    call!(
        cov,
        rbp.create(RestrictionType::PullRequestOnly, RefMatcher::branch("main"))
    );
    call!(cov, rbp.get(1));
    call!(cov, rbp.delete(1));
    call!(cov, pbp.list());
    call!(
        cov,
        pbp.create(RestrictionType::NoDeletes, RefMatcher::pattern("release/*"))
            .groups(["rm"])
    );
    call!(cov, pbp.get(1));
    call!(cov, pbp.delete(1));
    bind!(cov, pdr = dc.project("PRJ").default_reviewers());
    bind!(cov, rdr = dc.project("PRJ").repo("web").default_reviewers());
    call!(
        cov,
        pdr.create(RefMatcher::any(), RefMatcher::branch("main"))
            .reviewers([1])
            .required_approvals(1)
    );
    call!(cov, pdr.update(1).required_approvals(2));
    call!(cov, pdr.delete(1));
    call!(cov, pdr.list());
    call!(
        cov,
        rdr.create(RefMatcher::any(), RefMatcher::branch("main"))
            .required_approvals(1)
    );
    call!(cov, rdr.update(1).required_approvals(2));
    call!(cov, rdr.delete(1));
    call!(cov, rdr.list());
    call!(
        cov,
        rdr.reviewers()
            .source_repo_id(1)
            .target_repo_id(1)
            .source_ref_id("refs/heads/f")
            .target_ref_id("refs/heads/main")
    );
    call!(cov, dc.gpg_keys().list());
    call!(
        cov,
        dc.gpg_keys().add("-----BEGIN PGP PUBLIC KEY BLOCK-----")
    );
    call!(cov, dc.gpg_keys().delete_all("jdoe"));
    call!(cov, dc.gpg_keys().delete("F00"));
    bind!(cov, rak = dc.project("PRJ").repo("web").access_keys());
    bind!(cov, pak = dc.project("PRJ").access_keys());
    call!(cov, rak.list());
    call!(
        cov,
        rak.add("ssh-ed25519 AAAA deploy", Permission::RepoRead)
    );
    call!(cov, rak.get(1));
    call!(cov, rak.revoke(1));
    call!(cov, rak.set_permission(1, Permission::RepoWrite));
    call!(cov, pak.list());
    call!(
        cov,
        pak.add("ssh-ed25519 AAAA deploy", Permission::ProjectRead)
    );
    call!(cov, pak.get(1));
    call!(cov, pak.revoke(1));
    call!(cov, pak.set_permission(1, Permission::ProjectWrite));
    call!(cov, dc.access_key(1).revoke().project("PRJ"));
    call!(cov, dc.access_key(1).projects());
    call!(cov, dc.access_key(1).repos());
    call!(cov, dc.ssh_keys().list());
    call!(cov, dc.ssh_keys().add("ssh-ed25519 AAAA me").label("me"));
    call!(cov, dc.ssh_keys().delete_all("jdoe"));
    call!(cov, dc.ssh_keys().get(1));
    call!(cov, dc.ssh_keys().delete(1));
    call!(cov, dc.ssh_keys().settings());
}

/// `docs/dc-operations.md` is what the call lines above build: every registry endpoint, each
/// with its chain. Nothing is sent. `BLESS=1` (what `cargo xtask dc-operations` sets) rewrites
/// the page instead of comparing.
#[test]
fn dc_operations_page() {
    bitbucket_conformance::run_on_large_stack(|| async {
        let dc = Client::builder("http://127.0.0.1:9")
            .build()
            .expect("build DC client");
        let calls = Calls::building();
        settings_system::run(&dc, &calls).await;
        run_all(&dc, &calls).await;
        run_areas_2_to_4(&dc, &calls).await;
        run_areas_5_to_8(&dc, &calls).await;
        let page = calls.page().unwrap_or_else(|problems| {
            panic!(
                "{} can't cover every endpoint:\n  {}",
                operations::PAGE,
                problems.join("\n  ")
            )
        });
        let path = bitbucket_conformance::repo_root().join(operations::PAGE);
        if std::env::var_os("BLESS").is_some() {
            std::fs::write(&path, &page).expect("write the operations page");
            println!("wrote {}", path.display());
            return;
        }
        let Ok(committed) = std::fs::read_to_string(&path) else {
            panic!(
                "{} is missing; run `{}`",
                operations::PAGE,
                operations::REGENERATE
            );
        };
        if committed != page {
            let first = committed
                .lines()
                .zip(page.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(committed.lines().count().min(page.lines().count()));
            panic!(
                "{} is out of date (first difference at line {}: committed {:?}, generated {:?}); run `{}`",
                operations::PAGE,
                first + 1,
                committed.lines().nth(first).unwrap_or(""),
                page.lines().nth(first).unwrap_or(""),
                operations::REGENERATE,
            );
        }
    });
}

#[test]
fn dc_sdk_conforms_to_spec() {
    bitbucket_conformance::run_on_large_stack(conforms);
}

async fn conforms() {
    let began = Instant::now();
    let spec = load_spec(dc_spec_path());
    // Serve the spec under `/rest` so the client's normal base-URL handling is exercised.
    let prism = Prism::start(dc_spec_path(), PrismOptions::default().path_prefix("/rest"));
    println!("prism startup (dc spec): {:?}", prism.startup_time());
    let dc = Client::builder(prism.url())
        .credentials(Credentials::bearer("not-a-secret"))
        .retry_policy(RetryPolicy::disabled())
        .build()
        .expect("build DC client");

    let cov = Coverage::new("dc", &spec);
    let calls = Calls::sending(&cov);
    settings_system::run(&dc, &calls).await;
    run_all(&dc, &calls).await;
    // A Prism crash (it dies on some multipart bodies) must not read as "connection refused".
    prism.assert_running();
    run_areas_2_to_4(&dc, &calls).await;
    run_areas_5_to_8(&dc, &calls).await;
    assert!(
        cov.unknown_keys().is_empty(),
        "keys not in the spec: {:?}",
        cov.unknown_keys()
    );

    // An invalid call: Prism rejects a body field of the wrong type; the client surfaces the
    // core's error with the status.
    let err = dc
        .raw()
        .post::<_, serde_json::Value>("api/latest/projects", &serde_json::json!({ "key": 5 }))
        .await
        .expect_err("Prism must reject a numeric project key");
    match &err {
        Error::Api { status, .. } => assert!(
            status.as_u16() == 400 || status.as_u16() == 422,
            "unexpected status {status}: {err}"
        ),
        other => panic!("expected Error::Api for a validation failure, got {other:?}"),
    }

    // Ledger entries nobody calls yet (information for the DC authors).
    let ledger = bitbucket_dc::endpoints();
    let failures = cov.failures();
    let not_called: Vec<String> = ledger
        .iter()
        .map(|e| format!("{} {}", e.method, e.path))
        .filter(|k| cov.outcome(k) != Some(Outcome::Passed))
        .collect();
    println!(
        "dc ledger: {} operations implemented, {} of them not passing here",
        ledger.len(),
        not_called.len()
    );
    for k in &not_called {
        println!("  not called: {k}");
    }
    // Prints `dc conformance: N/572 operations exercised`, then failures.
    println!("{}", cov.report());
    println!("dc conformance total time: {:?}", began.elapsed());
    let unexpected: Vec<_> = failures
        .iter()
        .filter(|(k, _)| !KNOWN_FAILURES.iter().any(|(kk, _)| kk == k))
        .collect();
    assert!(
        unexpected.is_empty(),
        "{} operations failed (see report above)",
        unexpected.len()
    );
    for (key, why) in KNOWN_FAILURES {
        assert!(
            failures.iter().any(|(k, _)| k == key),
            "{key} now passes: remove it from KNOWN_FAILURES ({why})"
        );
    }
    assert!(cov.passed() > 0);
}
