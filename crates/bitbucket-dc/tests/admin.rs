//! Area 2: admin users, groups and global permissions.

mod common;

use bitbucket_dc::{Error, GlobalPermission, Permission};
use common::*;
use httpmock::prelude::*;
use serde_json::json;

fn detailed(slug: &str) -> serde_json::Value {
    let mut u = user_json(slug);
    u["directoryName"] = json!("Bitbucket Internal Directory");
    u["deletable"] = json!(true);
    u["lastAuthenticationTimestamp"] = json!(1_700_000_000_000_i64);
    u
}

#[tokio::test]
async fn users_list_create_update_rename_delete() {
    let (server, dc) = setup().await;
    let users = dc.admin().users();

    let list = hit_stream(
        &server,
        Expect::new(GET, "/rest/api/latest/admin/users")
            .query("filter=jo&start=0&limit=50")
            .respond(page(
                json!([detailed("john.doe"), detailed("joan")]),
                0,
                None,
            )),
        users.list().filter("jo").page_size(50).stream(),
    )
    .await;
    assert_eq!(list[0].slug, "john.doe");
    assert_eq!(
        list[0].directory_name.as_deref(),
        Some("Bitbucket Internal Directory")
    );
    assert!(list[0].last_authentication_timestamp.is_some());

    hit_ok(
        &server,
        Expect::no_content(POST, "/rest/api/latest/admin/users")
            .query("name=x+y&displayName=X+Y&emailAddress=a%40b.com&notify=false&password=pw%26d"),
        users
            .create("x y", "X Y", "a@b.com")
            .notify(false)
            .password("pw&d")
            .send(),
    )
    .await;

    let updated = hit_ok(
        &server,
        Expect::new(PUT, "/rest/api/latest/admin/users")
            .body(json!({"name": "john.doe", "email": "new@example.com"}))
            .respond(detailed("john.doe")),
        users.update("john.doe").email("new@example.com").send(),
    )
    .await;
    assert_eq!(updated.name, "john.doe");

    hit_ok(
        &server,
        Expect::new(POST, "/rest/api/latest/admin/users/rename")
            .body(json!({"name": "john.doe", "newName": "jdoe"}))
            .respond(detailed("jdoe")),
        users.rename("john.doe", "jdoe").send(),
    )
    .await;

    let deleted = hit_ok(
        &server,
        Expect::new(DELETE, "/rest/api/latest/admin/users")
            .query("name=a%40b.com")
            .respond(detailed("a@b.com")),
        users.delete("a@b.com").send(),
    )
    .await;
    assert_eq!(deleted.slug, "a@b.com");
}

#[tokio::test]
async fn users_credentials_captcha_erasure() {
    let (server, dc) = setup().await;
    let users = dc.admin().users();
    let req = users
        .set_password("jdoe", "s3cret!")
        .build_request()
        .unwrap();
    assert!(!format!("{:?}", users.set_password("jdoe", "s3cret!")).contains("s3cret"));
    assert_built(
        &req,
        "PUT",
        "/rest/api/latest/admin/users/credentials",
        Some(json!({"name": "jdoe", "password": "s3cret!", "passwordConfirm": "s3cret!"})),
    );
    hit_ok(
        &server,
        Expect::no_content(PUT, "/rest/api/latest/admin/users/credentials")
            .body(json!({"name": "jdoe", "password": "p", "passwordConfirm": "p"})),
        users.set_password("jdoe", "p").send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(DELETE, "/rest/api/latest/admin/users/captcha").query("name=jdoe"),
        users.clear_captcha("jdoe").send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(GET, "/rest/api/latest/admin/users/erasure").query("name=jdoe"),
        users.validate_erasable("jdoe").send(),
    )
    .await;
    let erased = hit_ok(
        &server,
        Expect::new(POST, "/rest/api/latest/admin/users/erasure")
            .query("name=jdoe")
            .respond(json!({"newIdentifier": "user-5f3a"})),
        users.erase("jdoe").send(),
    )
    .await;
    assert_eq!(erased.new_identifier, "user-5f3a");
}

#[tokio::test]
async fn erasure_conflict_maps_to_api_error_with_message() {
    let (server, dc) = setup().await;
    let err = hit(
        &server,
        Expect::new(GET, "/rest/api/latest/admin/users/erasure")
            .query("name=active.user")
            .status(409)
            .respond(dc_error(
                "The user must be deleted before they can be erased.",
                "com.atlassian.bitbucket.user.UserErasureException",
            )),
        dc.admin().users().validate_erasable("active.user").send(),
    )
    .await
    .unwrap_err();
    match &err {
        Error::Api {
            status, message, ..
        } => {
            assert_eq!(status.as_u16(), 409);
            assert_eq!(
                message,
                "The user must be deleted before they can be erased."
            );
        }
        other => panic!("expected Api 409, got {other:?}"),
    }
    assert_eq!(err.status().map(|s| s.as_u16()), Some(409));
}

#[tokio::test]
async fn user_group_membership() {
    let (server, dc) = setup().await;
    let users = dc.admin().users();
    let groups = hit_stream(
        &server,
        Expect::new(GET, "/rest/api/latest/admin/users/more-members")
            .query("context=x+y&filter=dev&start=0")
            .respond(page(
                json!([{"name": "developers", "deletable": true}]),
                0,
                None,
            )),
        users.groups("x y").filter("dev").stream(),
    )
    .await;
    assert_eq!(groups[0].name, "developers");
    hit_stream(
        &server,
        Expect::new(GET, "/rest/api/latest/admin/users/more-non-members")
            .query("context=jdoe&start=0")
            .respond(page(json!([{"name": "admins"}]), 0, None)),
        users.other_groups("jdoe").stream(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(POST, "/rest/api/latest/admin/users/add-groups")
            .body(json!({"user": "jdoe", "groups": ["a", "b"]})),
        users.add_to_groups("jdoe", ["a", "b"]).send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(POST, "/rest/api/latest/admin/users/add-group")
            .body(json!({"context": "jdoe", "itemName": "a"})),
        users.add_to_group("jdoe", "a").send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(POST, "/rest/api/latest/admin/users/remove-group")
            .body(json!({"context": "jdoe", "itemName": "a"})),
        users.remove_from_group("jdoe", "a").send(),
    )
    .await;
}

#[tokio::test]
async fn groups_crud_and_members() {
    let (server, dc) = setup().await;
    let groups = dc.admin().groups();
    hit_stream(
        &server,
        Expect::new(GET, "/rest/api/latest/admin/groups")
            .query("filter=dev&start=0")
            .respond(page(json!([{"name": "developers"}]), 0, None)),
        groups.list().filter("dev").stream(),
    )
    .await;
    let g = hit_ok(
        &server,
        Expect::new(POST, "/rest/api/latest/admin/groups")
            .query("name=x+y")
            .respond(json!({"name": "x y", "deletable": true})),
        groups.create("x y").send(),
    )
    .await;
    assert_eq!(g.deletable, Some(true));
    hit_ok(
        &server,
        Expect::new(DELETE, "/rest/api/latest/admin/groups")
            .query("name=x+y")
            .respond(json!({"name": "x y"})),
        groups.delete("x y").send(),
    )
    .await;
    let members = hit_stream(
        &server,
        Expect::new(GET, "/rest/api/latest/admin/groups/more-members")
            .query("context=developers&start=0")
            .respond(page(json!([detailed("john.doe")]), 0, None)),
        groups.members("developers").stream(),
    )
    .await;
    assert_eq!(members[0].slug, "john.doe");
    hit_stream(
        &server,
        Expect::new(GET, "/rest/api/latest/admin/groups/more-non-members")
            .query("context=developers&filter=a&start=0")
            .respond(page(json!([]), 0, None)),
        groups.non_members("developers").filter("a").stream(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(POST, "/rest/api/latest/admin/groups/add-users")
            .body(json!({"group": "developers", "users": ["john.doe", "a@b.com"]})),
        groups
            .add_users("developers", ["john.doe", "a@b.com"])
            .send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(POST, "/rest/api/latest/admin/groups/add-user")
            .body(json!({"context": "developers", "itemName": "john.doe"})),
        groups.add_user("developers", "john.doe").send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(POST, "/rest/api/latest/admin/groups/remove-user")
            .body(json!({"context": "developers", "itemName": "john.doe"})),
        groups.remove_user("developers", "john.doe").send(),
    )
    .await;
}

#[tokio::test]
async fn global_permissions() {
    let (server, dc) = setup().await;
    let perms = dc.admin().permissions();
    let list = hit_stream(
        &server,
        Expect::new(GET, "/rest/api/latest/admin/permissions/users")
            .query("filter=jo&start=0")
            .respond(page(
                json!([{"user": user_json("john.doe"), "permission": "SYS_ADMIN"},
                       {"user": user_json("joan"), "permission": "FUTURE_ADMIN"}]),
                0,
                None,
            )),
        perms.users().list().filter("jo").stream(),
    )
    .await;
    assert_eq!(list[0].permission, Permission::SysAdmin);
    assert_eq!(
        list[1].permission,
        Permission::Unknown("FUTURE_ADMIN".into())
    );
    hit_stream(
        &server,
        Expect::new(GET, "/rest/api/latest/admin/permissions/users/none")
            .query("start=0")
            .respond(page(json!([user_json("x y")]), 0, None)),
        perms.users().without().stream(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(PUT, "/rest/api/latest/admin/permissions/users")
            .query("name=john.doe&name=a%40b.com&permission=PROJECT_CREATE"),
        perms
            .users()
            .grant(["john.doe", "a@b.com"], GlobalPermission::ProjectCreate)
            .send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(DELETE, "/rest/api/latest/admin/permissions/users")
            .query("name=john.doe"),
        perms.users().revoke("john.doe").send(),
    )
    .await;
    let groups = hit_stream(
        &server,
        Expect::new(GET, "/rest/api/latest/admin/permissions/groups")
            .query("start=0")
            .respond(page(
                json!([{"group": {"name": "admins"}, "permission": "ADMIN"}]),
                0,
                None,
            )),
        perms.groups().list().stream(),
    )
    .await;
    assert_eq!(groups[0].group.name, "admins");
    assert_eq!(groups[0].permission, Permission::Admin);
    hit_stream(
        &server,
        Expect::new(GET, "/rest/api/latest/admin/permissions/groups/none")
            .query("filter=x&start=0")
            .respond(page(json!([{"name": "x"}]), 0, None)),
        perms.groups().without().filter("x").stream(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(PUT, "/rest/api/latest/admin/permissions/groups")
            .query("name=devs&permission=LICENSED_USER"),
        perms
            .groups()
            .grant(["devs"], GlobalPermission::LicensedUser)
            .send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(DELETE, "/rest/api/latest/admin/permissions/groups").query("name=devs"),
        perms.groups().revoke("devs").send(),
    )
    .await;
}

#[tokio::test]
async fn user_directories_accept_object_or_array() {
    let (server, dc) = setup().await;
    let one = hit_ok(
        &server,
        Expect::new(GET, "/rest/api/latest/admin/user-directories")
            .query("includeInactive=true")
            .respond(json!({"name": "Internal", "type": "INTERNAL", "active": true})),
        dc.admin().user_directories().include_inactive(true).send(),
    )
    .await;
    assert_eq!(one.0.len(), 1);
    let many = hit_ok(
        &server,
        Expect::new(GET, "/rest/api/latest/admin/user-directories")
            .respond(json!([{"name": "Internal"}, {"name": "LDAP", "type": "CONNECTOR"}])),
        dc.admin().user_directories().send(),
    )
    .await;
    assert_eq!(many.0[1].directory_type.as_deref(), Some("CONNECTOR"));
}
