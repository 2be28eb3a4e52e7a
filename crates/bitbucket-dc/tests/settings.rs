//! Project and repository settings, hooks and hook scripts.

mod common;

use bitbucket_dc::settings::{HookType, PullRequestSettings, RestrictionAction, RestrictionState};
use common::*;
use httpmock::prelude::*;
use serde_json::json;

fn hook_json(key: &str, enabled: bool) -> serde_json::Value {
    json!({"details": {"key": key, "name": "Hook", "type": "PRE_RECEIVE",
                       "supportedScopes": ["PROJECT", "REPOSITORY"]},
           "enabled": enabled, "configured": true,
           "scope": {"type": "REPOSITORY", "resourceId": 1}})
}

#[tokio::test]
async fn repository_hooks_in_both_scopes() {
    let (server, dc) = setup().await;
    let repo_hooks = dc.project("PRJ").repo("x y").settings().hooks();
    let list = hit_stream(
        &server,
        Expect::new(
            GET,
            "/rest/api/latest/projects/PRJ/repos/x%20y/settings/hooks",
        )
        .query("type=PRE_RECEIVE&start=0")
        .respond(page(json!([hook_json("com.ex:h", false)]), 0, None)),
        repo_hooks.list().hook_type(HookType::PreReceive).stream(),
    )
    .await;
    assert_eq!(
        list[0].details.as_ref().and_then(|d| d.hook_type.clone()),
        Some(HookType::PreReceive)
    );

    let enable = server
        .mock_async(|when, then| {
            when.method(PUT)
                .is_true(exact(
                    "/rest/api/latest/projects/PRJ/settings/hooks/com.ex%3Ah/enabled",
                    None,
                ))
                .header("content-length", "0");
            then.status(200).json_body(hook_json("com.ex:h", true));
        })
        .await;
    let h = dc
        .project("PRJ")
        .settings()
        .hooks()
        .enable("com.ex:h")
        .send()
        .await
        .unwrap();
    enable.assert_async().await;
    assert_eq!(h.enabled, Some(true));

    hit_ok(
        &server,
        Expect::new(
            DELETE,
            "/rest/api/latest/projects/PRJ/repos/x%20y/settings/hooks/com.ex%3Ah/enabled",
        )
        .respond(hook_json("com.ex:h", false)),
        repo_hooks.disable("com.ex:h").send(),
    )
    .await;
    let settings = hit_ok(
        &server,
        Expect::new(
            PUT,
            "/rest/api/latest/projects/PRJ/repos/x%20y/settings/hooks/com.ex%3Ah/settings",
        )
        .body(json!({"maxSize": 10}))
        .respond(json!({"maxSize": 10})),
        repo_hooks
            .set_settings("com.ex:h", Default::default())
            .set("maxSize", 10)
            .send(),
    )
    .await;
    assert_eq!(settings.unwrap()["maxSize"], 10);
    let none = hit_ok(
        &server,
        Expect::no_content(
            GET,
            "/rest/api/latest/projects/PRJ/settings/hooks/com.ex%3Ah/settings",
        ),
        dc.project("PRJ")
            .settings()
            .hooks()
            .settings("com.ex:h")
            .send(),
    )
    .await;
    assert!(none.is_none());
    hit_ok(
        &server,
        Expect::no_content(
            DELETE,
            "/rest/api/latest/projects/PRJ/repos/web/settings/hooks/com.ex%3Ah",
        ),
        dc.project("PRJ").repo("web").delete_hook("com.ex:h").send(),
    )
    .await;
}

#[tokio::test]
async fn auto_decline_auto_merge_change_author() {
    let (server, dc) = setup().await;
    let s = dc.project("PRJ").settings();
    let set = hit_ok(
        &server,
        Expect::new(PUT, "/rest/api/latest/projects/PRJ/settings/auto-decline")
            .body(json!({"enabled": true, "inactivityWeeks": 4}))
            .respond(json!({"enabled": true, "inactivityWeeks": 4,
                            "scope": {"type": "PROJECT", "resourceId": 3}})),
        s.auto_decline()
            .set()
            .enabled(true)
            .inactivity_weeks(4)
            .send(),
    )
    .await;
    assert_eq!(set.inactivity_weeks, Some(4));
    hit_ok(
        &server,
        Expect::no_content(
            DELETE,
            "/rest/api/latest/projects/PRJ/settings/auto-decline",
        ),
        s.auto_decline().delete().send(),
    )
    .await;
    let merged = hit_ok(
        &server,
        Expect::new(PUT, "/rest/api/latest/projects/PRJ/settings/auto-merge")
            .body(json!({"enabled": true, "restrictionAction": "CREATE"}))
            .respond(json!({"enabled": true, "restrictionState": "RESTRICTED_MODIFIABLE"})),
        s.auto_merge()
            .set(true)
            .restriction(RestrictionAction::Create)
            .send(),
    )
    .await;
    assert_eq!(
        merged.restriction_state,
        Some(RestrictionState::RestrictedModifiable)
    );
    hit_ok(
        &server,
        Expect::new(
            PUT,
            "/rest/api/latest/projects/PRJ/repos/web/settings/change-author",
        )
        .body(json!({"enabled": false}))
        .respond(json!({"enabled": false, "restrictionState": "NONE"})),
        dc.project("PRJ")
            .repo("web")
            .settings()
            .change_author()
            .set(false)
            .send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::new(
            GET,
            "/rest/api/latest/projects/PRJ/repos/web/settings/auto-merge",
        )
        .respond(json!({"enabled": false, "restrictionState": "SOMETHING_NEW"})),
        dc.project("PRJ")
            .repo("web")
            .settings()
            .auto_merge()
            .get()
            .send(),
    )
    .await;
}

#[tokio::test]
async fn pull_request_settings() {
    let (server, dc) = setup().await;
    let got = hit_ok(
        &server,
        Expect::new(
            GET,
            "/rest/api/latest/projects/PRJ/settings/pull-requests/git",
        )
        .respond(
            json!({"mergeConfig": {"defaultStrategy": {"id": "no-ff", "enabled": true},
                   "strategies": [{"id": "no-ff"}, {"id": "squash"}], "type": "PROJECT"}}),
        ),
        dc.project("PRJ").settings().pull_requests().get().send(),
    )
    .await;
    let mc = got.merge_config.unwrap();
    assert_eq!(mc.strategies.len(), 2);
    assert_eq!(mc.default_strategy.unwrap().id, "no-ff");
    hit_ok(
        &server,
        Expect::new(
            POST,
            "/rest/api/latest/projects/PRJ/repos/web/settings/pull-requests",
        )
        .body(json!({"requiredAllTasksComplete": true}))
        .respond(json!({"requiredAllTasksComplete": true,
                            "requiredApprovers": {"enabled": true, "count": "2"}})),
        dc.project("PRJ")
            .repo("web")
            .settings()
            .pull_requests()
            .update(PullRequestSettings {
                required_all_tasks_complete: Some(true),
                ..Default::default()
            })
            .send(),
    )
    .await;
}

#[tokio::test]
async fn reviewer_groups() {
    let (server, dc) = setup().await;
    let groups = dc.project("PRJ").repo("web").settings().reviewer_groups();
    let g = hit_ok(
        &server,
        Expect::new(
            POST,
            "/rest/api/latest/projects/PRJ/repos/web/settings/reviewer-groups",
        )
        .body(json!({"name": "leads", "description": "Team leads",
                         "users": [{"name": "john.doe"}, {"name": "a@b.com"}]}))
        .status(201)
        .respond(json!({"id": 7, "name": "leads", "users": [user_json("john.doe")]})),
        groups
            .create("leads", ["john.doe", "a@b.com"])
            .description("Team leads")
            .send(),
    )
    .await;
    assert_eq!(g.id, 7);
    hit_ok(
        &server,
        Expect::new(
            PUT,
            "/rest/api/latest/projects/PRJ/repos/web/settings/reviewer-groups/7",
        )
        .body(json!({"users": [{"name": "x y"}]}))
        .respond(json!({"id": 7, "name": "leads"})),
        groups.update(7).users(["x y"]).send(),
    )
    .await;
    let users = hit_ok(
        &server,
        Expect::new(
            GET,
            "/rest/api/latest/projects/PRJ/repos/web/settings/reviewer-groups/7/users",
        )
        .respond(json!([user_json("john.doe")])),
        dc.project("PRJ").repo("web").reviewer_group_users(7).send(),
    )
    .await;
    assert_eq!(users[0].slug, "john.doe");
    hit_stream(
        &server,
        Expect::new(
            GET,
            "/rest/api/latest/projects/PRJ/settings/reviewer-groups",
        )
        .query("start=0")
        .respond(page(json!([{"id": 1, "name": "all"}]), 0, None)),
        dc.project("PRJ")
            .settings()
            .reviewer_groups()
            .list()
            .stream(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(
            DELETE,
            "/rest/api/latest/projects/PRJ/settings/reviewer-groups/1",
        ),
        dc.project("PRJ")
            .settings()
            .reviewer_groups()
            .delete(1)
            .send(),
    )
    .await;
}

#[tokio::test]
async fn hook_scripts_and_restrictions() {
    let (server, dc) = setup().await;
    let cfg = hit_ok(
        &server,
        Expect::new(
            PUT,
            "/rest/api/latest/projects/PRJ/repos/web/hook-scripts/12",
        )
        .body(json!({"triggerIds": ["push", "pull-request-merge"]}))
        .respond(json!({"script": {"id": 12, "name": "lint", "type": "PRE",
                                       "createdDate": 1_700_000_000_000_i64},
                            "triggerIds": ["push", "pull-request-merge"]})),
        dc.project("PRJ")
            .repo("web")
            .hook_scripts()
            .set(12, ["push", "pull-request-merge"])
            .send(),
    )
    .await;
    assert!(cfg.script.unwrap().created_date.is_some());
    hit_ok(
        &server,
        Expect::no_content(DELETE, "/rest/api/latest/projects/PRJ/hook-scripts/12"),
        dc.project("PRJ").hook_scripts().remove(12).send(),
    )
    .await;
    let r = dc.project("PRJ").settings_restrictions();
    hit_ok(
        &server,
        Expect::new(GET, "/rest/api/latest/projects/PRJ/settings-restriction")
            .query("namespace=com.ex&featureKey=merge&componentKey=c1")
            .respond(json!({"namespace": "com.ex", "featureKey": "merge",
                            "componentKey": "c1", "processedState": "PROCESSED"})),
        r.get("com.ex", "merge").component_key("c1").send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::new(POST, "/rest/api/latest/projects/PRJ/settings-restriction")
            .body(json!({"namespace": "com.ex", "featureKey": "merge"}))
            .respond(json!({"namespace": "com.ex", "featureKey": "merge"})),
        r.create("com.ex", "merge").send(),
    )
    .await;
    hit_stream(
        &server,
        Expect::new(
            GET,
            "/rest/api/latest/projects/PRJ/settings-restriction/all",
        )
        .query("namespace=com.ex&featureKey=merge&start=0")
        .respond(page(json!([]), 0, None)),
        r.all("com.ex", "merge").stream(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(DELETE, "/rest/api/latest/projects/PRJ/settings-restriction")
            .query("namespace=com.ex&featureKey=merge"),
        r.delete("com.ex", "merge").send(),
    )
    .await;
}

#[tokio::test]
async fn global_hook_scripts_upload_as_multipart() {
    let (server, dc) = setup().await;
    let up = server
        .mock_async(|when, then| {
            when.method(POST)
                .is_true(exact("/rest/api/latest/hook-scripts", None))
                .header_includes("content-type", "multipart/form-data")
                .body_includes("name=\"name\"")
                .body_includes("lint")
                .body_includes("name=\"type\"")
                .body_includes("name=\"description\"")
                .body_includes("name=\"content\"")
                .body_includes("#!/bin/sh");
            then.status(200)
                .json_body(json!({"id": 5, "name": "lint", "type": "PRE", "version": 1}));
        })
        .await;
    let s = dc
        .hook_scripts()
        .create("lint", "PRE", &b"#!/bin/sh\nexit 0\n"[..])
        .description("Lints")
        .send()
        .await
        .unwrap();
    up.assert_async().await;
    assert_eq!(s.id, 5);
    answer_bytes(
        &server,
        "/rest/api/latest/hook-scripts/5/content",
        None,
        "application/octet-stream",
        "#!/bin/sh\n",
    )
    .await;
    let body = dc.hook_scripts().content(5).send().await.unwrap();
    assert_eq!(body.text().await.unwrap(), "#!/bin/sh\n");
    hit_ok(
        &server,
        Expect::no_content(DELETE, "/rest/api/latest/hook-scripts/5"),
        dc.hook_scripts().delete(5).send(),
    )
    .await;
}
