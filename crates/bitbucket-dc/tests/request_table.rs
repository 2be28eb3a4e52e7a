//! Every operation of areas 1-4 builds exactly the expected request (method, encoded path and
//! query), checked without a server; the table must name every ledger entry of those areas.

use std::collections::HashSet;

use bitbucket_dc::ledger::{Area, Method};
use bitbucket_dc::{Client, GlobalPermission, Permission, ProjectPermission, RepoPermission};

fn path_and_query(req: &reqwest::Request) -> String {
    match req.url().query() {
        Some(q) => format!("{}?{}", req.url().path(), q),
        None => req.url().path().to_owned(),
    }
}

macro_rules! case {
    ($seen:ident, $builder:expr, $method:literal, $expected:literal) => {{
        let builder = $builder;
        let ep = builder.endpoint();
        let req = builder.build_request().expect("request builds");
        assert_eq!(req.method().as_str(), $method, "{ep}");
        assert_eq!(path_and_query(&req), $expected, "{ep}");
        assert_eq!(ep.method.as_str(), $method, "{ep}");
        $seen.insert((ep.method, ep.path));
    }};
}

#[test]
fn areas_one_to_four_build_the_documented_requests() {
    let dc = Client::builder("http://127.0.0.1:9/bitbucket")
        .build()
        .expect("client");
    let mut seen: HashSet<(Method, &'static str)> = HashSet::new();

    // 1. Access tokens
    case!(
        seen,
        dc.user("a@b.com").access_tokens().list(),
        "GET",
        "/bitbucket/rest/access-tokens/latest/users/a%40b.com"
    );
    case!(
        seen,
        dc.user("x y")
            .access_tokens()
            .create("ci", [Permission::RepoRead]),
        "PUT",
        "/bitbucket/rest/access-tokens/latest/users/x%20y"
    );
    case!(
        seen,
        dc.user("john.doe").access_tokens().get("7"),
        "GET",
        "/bitbucket/rest/access-tokens/latest/users/john.doe/7"
    );
    case!(
        seen,
        dc.user("john.doe").access_tokens().update("7"),
        "POST",
        "/bitbucket/rest/access-tokens/latest/users/john.doe/7"
    );
    case!(
        seen,
        dc.user("john.doe").access_tokens().delete("7"),
        "DELETE",
        "/bitbucket/rest/access-tokens/latest/users/john.doe/7"
    );
    case!(
        seen,
        dc.project("PRJ").access_tokens().list(),
        "GET",
        "/bitbucket/rest/access-tokens/latest/projects/PRJ"
    );
    case!(
        seen,
        dc.project("PRJ")
            .access_tokens()
            .create("ci", [Permission::ProjectRead]),
        "PUT",
        "/bitbucket/rest/access-tokens/latest/projects/PRJ"
    );
    case!(
        seen,
        dc.project("PRJ").access_tokens().get("7"),
        "GET",
        "/bitbucket/rest/access-tokens/latest/projects/PRJ/7"
    );
    case!(
        seen,
        dc.project("PRJ").access_tokens().update("7"),
        "POST",
        "/bitbucket/rest/access-tokens/latest/projects/PRJ/7"
    );
    case!(
        seen,
        dc.project("PRJ").access_tokens().delete("7"),
        "DELETE",
        "/bitbucket/rest/access-tokens/latest/projects/PRJ/7"
    );
    case!(
        seen,
        dc.project("PRJ").repo("x y").access_tokens().list(),
        "GET",
        "/bitbucket/rest/access-tokens/latest/projects/PRJ/repos/x%20y"
    );
    case!(
        seen,
        dc.project("PRJ")
            .repo("web")
            .access_tokens()
            .create("ci", [Permission::RepoWrite]),
        "PUT",
        "/bitbucket/rest/access-tokens/latest/projects/PRJ/repos/web"
    );
    case!(
        seen,
        dc.project("PRJ").repo("web").access_tokens().get("7"),
        "GET",
        "/bitbucket/rest/access-tokens/latest/projects/PRJ/repos/web/7"
    );
    case!(
        seen,
        dc.project("PRJ").repo("web").access_tokens().update("7"),
        "POST",
        "/bitbucket/rest/access-tokens/latest/projects/PRJ/repos/web/7"
    );
    case!(
        seen,
        dc.project("PRJ").repo("web").access_tokens().delete("7"),
        "DELETE",
        "/bitbucket/rest/access-tokens/latest/projects/PRJ/repos/web/7"
    );

    // 2. Admin
    let u = dc.admin().users();
    case!(
        seen,
        u.list().filter("jo"),
        "GET",
        "/bitbucket/rest/api/latest/admin/users?filter=jo"
    );
    case!(
        seen,
        u.create("x y", "X", "a@b.com"),
        "POST",
        "/bitbucket/rest/api/latest/admin/users?name=x+y&displayName=X&emailAddress=a%40b.com"
    );
    case!(
        seen,
        u.update("john.doe"),
        "PUT",
        "/bitbucket/rest/api/latest/admin/users"
    );
    case!(
        seen,
        u.delete("a@b.com"),
        "DELETE",
        "/bitbucket/rest/api/latest/admin/users?name=a%40b.com"
    );
    case!(
        seen,
        u.rename("a", "b"),
        "POST",
        "/bitbucket/rest/api/latest/admin/users/rename"
    );
    case!(
        seen,
        u.set_password("a", "p"),
        "PUT",
        "/bitbucket/rest/api/latest/admin/users/credentials"
    );
    case!(
        seen,
        u.clear_captcha("a"),
        "DELETE",
        "/bitbucket/rest/api/latest/admin/users/captcha?name=a"
    );
    case!(
        seen,
        u.validate_erasable("a"),
        "GET",
        "/bitbucket/rest/api/latest/admin/users/erasure?name=a"
    );
    case!(
        seen,
        u.erase("a"),
        "POST",
        "/bitbucket/rest/api/latest/admin/users/erasure?name=a"
    );
    case!(
        seen,
        u.groups("a"),
        "GET",
        "/bitbucket/rest/api/latest/admin/users/more-members?context=a"
    );
    case!(
        seen,
        u.other_groups("a"),
        "GET",
        "/bitbucket/rest/api/latest/admin/users/more-non-members?context=a"
    );
    case!(
        seen,
        u.add_to_groups("a", ["g"]),
        "POST",
        "/bitbucket/rest/api/latest/admin/users/add-groups"
    );
    case!(
        seen,
        u.add_to_group("a", "g"),
        "POST",
        "/bitbucket/rest/api/latest/admin/users/add-group"
    );
    case!(
        seen,
        u.remove_from_group("a", "g"),
        "POST",
        "/bitbucket/rest/api/latest/admin/users/remove-group"
    );
    let g = dc.admin().groups();
    case!(
        seen,
        g.list(),
        "GET",
        "/bitbucket/rest/api/latest/admin/groups"
    );
    case!(
        seen,
        g.create("g 1"),
        "POST",
        "/bitbucket/rest/api/latest/admin/groups?name=g+1"
    );
    case!(
        seen,
        g.delete("g"),
        "DELETE",
        "/bitbucket/rest/api/latest/admin/groups?name=g"
    );
    case!(
        seen,
        g.members("g"),
        "GET",
        "/bitbucket/rest/api/latest/admin/groups/more-members?context=g"
    );
    case!(
        seen,
        g.non_members("g"),
        "GET",
        "/bitbucket/rest/api/latest/admin/groups/more-non-members?context=g"
    );
    case!(
        seen,
        g.add_users("g", ["a"]),
        "POST",
        "/bitbucket/rest/api/latest/admin/groups/add-users"
    );
    case!(
        seen,
        g.add_user("g", "a"),
        "POST",
        "/bitbucket/rest/api/latest/admin/groups/add-user"
    );
    case!(
        seen,
        g.remove_user("g", "a"),
        "POST",
        "/bitbucket/rest/api/latest/admin/groups/remove-user"
    );
    let p = dc.admin().permissions();
    case!(
        seen,
        p.users().list(),
        "GET",
        "/bitbucket/rest/api/latest/admin/permissions/users"
    );
    case!(
        seen,
        p.users().without(),
        "GET",
        "/bitbucket/rest/api/latest/admin/permissions/users/none"
    );
    case!(
        seen,
        p.users().grant(["a", "b"], GlobalPermission::Admin),
        "PUT",
        "/bitbucket/rest/api/latest/admin/permissions/users?name=a&name=b&permission=ADMIN"
    );
    case!(
        seen,
        p.users().revoke("a"),
        "DELETE",
        "/bitbucket/rest/api/latest/admin/permissions/users?name=a"
    );
    case!(
        seen,
        p.groups().list(),
        "GET",
        "/bitbucket/rest/api/latest/admin/permissions/groups"
    );
    case!(
        seen,
        p.groups().without(),
        "GET",
        "/bitbucket/rest/api/latest/admin/permissions/groups/none"
    );
    case!(
        seen,
        p.groups().grant(["g"], GlobalPermission::SysAdmin),
        "PUT",
        "/bitbucket/rest/api/latest/admin/permissions/groups?name=g&permission=SYS_ADMIN"
    );
    case!(
        seen,
        p.groups().revoke("g"),
        "DELETE",
        "/bitbucket/rest/api/latest/admin/permissions/groups?name=g"
    );
    case!(
        seen,
        dc.admin().user_directories(),
        "GET",
        "/bitbucket/rest/api/latest/admin/user-directories"
    );

    // 3. Users and groups
    case!(
        seen,
        dc.users().list().group("g"),
        "GET",
        "/bitbucket/rest/api/latest/users?group=g"
    );
    case!(
        seen,
        dc.users().update_current(),
        "PUT",
        "/bitbucket/rest/api/latest/users"
    );
    case!(
        seen,
        dc.users().change_password("o", "n"),
        "PUT",
        "/bitbucket/rest/api/latest/users/credentials"
    );
    case!(
        seen,
        dc.user("x y").get(),
        "GET",
        "/bitbucket/rest/api/latest/users/x%20y"
    );
    case!(
        seen,
        dc.user("a@b.com").settings(),
        "GET",
        "/bitbucket/rest/api/latest/users/a%40b.com/settings"
    );
    case!(
        seen,
        dc.user("john.doe").update_settings(Default::default()),
        "POST",
        "/bitbucket/rest/api/latest/users/john.doe/settings"
    );
    case!(
        seen,
        dc.user("john.doe").upload_avatar(vec![1u8], "image/png"),
        "POST",
        "/bitbucket/rest/api/latest/users/john.doe/avatar.png"
    );
    case!(
        seen,
        dc.user("john.doe").delete_avatar(),
        "DELETE",
        "/bitbucket/rest/api/latest/users/john.doe/avatar.png"
    );
    case!(
        seen,
        dc.groups().list(),
        "GET",
        "/bitbucket/rest/api/latest/groups"
    );

    // 4. Projects, permissions, webhooks
    case!(
        seen,
        dc.projects().list(),
        "GET",
        "/bitbucket/rest/api/latest/projects"
    );
    case!(
        seen,
        dc.projects().create("PRJ", "P"),
        "POST",
        "/bitbucket/rest/api/latest/projects"
    );
    case!(
        seen,
        dc.project("~john.doe").get(),
        "GET",
        "/bitbucket/rest/api/latest/projects/~john.doe"
    );
    case!(
        seen,
        dc.project("PRJ").update(),
        "PUT",
        "/bitbucket/rest/api/latest/projects/PRJ"
    );
    case!(
        seen,
        dc.project("PRJ").delete(),
        "DELETE",
        "/bitbucket/rest/api/latest/projects/PRJ"
    );
    case!(
        seen,
        dc.project("PRJ").avatar().size(48),
        "GET",
        "/bitbucket/rest/api/latest/projects/PRJ/avatar.png?s=48"
    );
    case!(
        seen,
        dc.project("PRJ").upload_avatar(vec![1u8], "image/png"),
        "POST",
        "/bitbucket/rest/api/latest/projects/PRJ/avatar.png"
    );
    let pp = dc.project("PRJ").permissions();
    case!(
        seen,
        pp.revoke_all().user("a"),
        "DELETE",
        "/bitbucket/rest/api/latest/projects/PRJ/permissions?user=a"
    );
    case!(
        seen,
        pp.users().list(),
        "GET",
        "/bitbucket/rest/api/latest/projects/PRJ/permissions/users"
    );
    case!(
        seen,
        pp.users().grant("a", ProjectPermission::Write),
        "PUT",
        "/bitbucket/rest/api/latest/projects/PRJ/permissions/users?name=a&permission=PROJECT_WRITE"
    );
    case!(
        seen,
        pp.users().revoke("a"),
        "DELETE",
        "/bitbucket/rest/api/latest/projects/PRJ/permissions/users?name=a"
    );
    case!(
        seen,
        pp.users().without(),
        "GET",
        "/bitbucket/rest/api/latest/projects/PRJ/permissions/users/none"
    );
    case!(
        seen,
        pp.groups().list(),
        "GET",
        "/bitbucket/rest/api/latest/projects/PRJ/permissions/groups"
    );
    case!(
        seen,
        pp.groups().grant("g", ProjectPermission::Admin),
        "PUT",
        "/bitbucket/rest/api/latest/projects/PRJ/permissions/groups?name=g&permission=PROJECT_ADMIN"
    );
    case!(
        seen,
        pp.groups().revoke("g"),
        "DELETE",
        "/bitbucket/rest/api/latest/projects/PRJ/permissions/groups?name=g"
    );
    case!(
        seen,
        pp.groups().without(),
        "GET",
        "/bitbucket/rest/api/latest/projects/PRJ/permissions/groups/none"
    );
    case!(
        seen,
        pp.search(),
        "GET",
        "/bitbucket/rest/api/latest/projects/PRJ/permissions/search"
    );
    case!(
        seen,
        pp.default_permission(ProjectPermission::Read),
        "GET",
        "/bitbucket/rest/api/latest/projects/PRJ/permissions/PROJECT_READ/all"
    );
    case!(
        seen,
        pp.set_default_permission(ProjectPermission::Write, true),
        "POST",
        "/bitbucket/rest/api/latest/projects/PRJ/permissions/PROJECT_WRITE/all?allow=true"
    );
    let ph = dc.project("PRJ").webhooks();
    case!(
        seen,
        ph.list(),
        "GET",
        "/bitbucket/rest/api/latest/projects/PRJ/webhooks"
    );
    case!(
        seen,
        ph.create("n", "u", ["e"]),
        "POST",
        "/bitbucket/rest/api/latest/projects/PRJ/webhooks"
    );
    case!(
        seen,
        ph.test().url("https://x/y"),
        "POST",
        "/bitbucket/rest/api/latest/projects/PRJ/webhooks/test?url=https%3A%2F%2Fx%2Fy"
    );
    case!(
        seen,
        ph.get(3),
        "GET",
        "/bitbucket/rest/api/latest/projects/PRJ/webhooks/3"
    );
    case!(
        seen,
        ph.update(3),
        "PUT",
        "/bitbucket/rest/api/latest/projects/PRJ/webhooks/3"
    );
    case!(
        seen,
        ph.delete(3),
        "DELETE",
        "/bitbucket/rest/api/latest/projects/PRJ/webhooks/3"
    );
    case!(
        seen,
        ph.latest_invocation(3),
        "GET",
        "/bitbucket/rest/api/latest/projects/PRJ/webhooks/3/latest"
    );
    case!(
        seen,
        ph.statistics(3),
        "GET",
        "/bitbucket/rest/api/latest/projects/PRJ/webhooks/3/statistics"
    );
    case!(
        seen,
        ph.statistics_summary(3),
        "GET",
        "/bitbucket/rest/api/latest/projects/PRJ/webhooks/3/statistics/summary"
    );

    // Repository scope of the shared permission and webhook shapes.
    let rp = dc.project("PRJ").repo("x y").permissions();
    case!(
        seen,
        rp.users().grant("a", RepoPermission::Admin),
        "PUT",
        "/bitbucket/rest/api/latest/projects/PRJ/repos/x%20y/permissions/users?name=a&permission=REPO_ADMIN"
    );
    case!(
        seen,
        rp.groups().without(),
        "GET",
        "/bitbucket/rest/api/latest/projects/PRJ/repos/x%20y/permissions/groups/none"
    );
    let rh = dc.project("PRJ").repo("web").webhooks();
    case!(
        seen,
        rh.statistics_summary(3),
        "GET",
        "/bitbucket/rest/api/latest/projects/PRJ/repos/web/webhooks/3/statistics/summary"
    );

    let missing: Vec<String> = bitbucket_dc::endpoints()
        .iter()
        .filter(|ep| {
            matches!(
                ep.area,
                Area::AccessTokens | Area::Admin | Area::UsersAndGroups | Area::Projects
            )
        })
        .filter(|ep| !seen.contains(&(ep.method, ep.path)))
        .map(|ep| ep.to_string())
        .collect();
    assert!(missing.is_empty(), "no table row for: {missing:#?}");
}
