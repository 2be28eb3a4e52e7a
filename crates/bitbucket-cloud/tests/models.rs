//! Generated models: serialization shape and tolerant decoding without a server.

use bitbucket_cloud::types::{Repository, RepositoryForkPolicy};

#[test]
fn unset_recursive_parent_is_not_serialized_as_null() {
    let repo = Repository {
        full_name: Some("acme/web".into()),
        ..Default::default()
    };
    let v = serde_json::to_value(&repo).unwrap();
    assert_eq!(v["full_name"], "acme/web");
    assert!(v.get("parent").is_none(), "{v}");

    let child = Repository {
        parent: Some(Box::new(repo)),
        ..Default::default()
    };
    let v = serde_json::to_value(&child).unwrap();
    assert_eq!(v["parent"]["full_name"], "acme/web");
}

#[test]
fn enums_round_trip_known_and_unknown_values() {
    for wire in ["no_forks", "a_future_policy"] {
        let p: RepositoryForkPolicy = serde_json::from_value(serde_json::json!(wire)).unwrap();
        assert_eq!(p.as_str(), wire);
        assert_eq!(serde_json::to_value(&p).unwrap(), wire);
        assert_eq!(wire.parse::<RepositoryForkPolicy>().unwrap(), p);
    }
    assert!(matches!(
        "no_forks".parse::<RepositoryForkPolicy>().unwrap(),
        RepositoryForkPolicy::NoForks
    ));
}

#[test]
fn empty_object_decodes_into_any_model() {
    let repo: Repository = serde_json::from_str("{}").unwrap();
    assert!(repo.full_name.is_none());
    assert!(repo.parent.is_none() && repo.mainbranch.is_none());
}

#[test]
fn members_carry_account_ids_and_repositories_their_slug() {
    let m: bitbucket_cloud::types::WorkspaceMembership = serde_json::from_value(serde_json::json!({
        "type": "workspace_membership",
        "user": {"type": "user", "display_name": "Jo", "account_id": "5f00:abc", "nickname": "jo"},
        "workspace": {"type": "workspace", "slug": "acme"}
    }))
    .unwrap();
    let user = m.user.expect("user");
    assert_eq!(user.account_id.as_deref(), Some("5f00:abc"));
    assert_eq!(user.nickname.as_deref(), Some("jo"));

    let r: Repository = serde_json::from_value(serde_json::json!({
        "type": "repository", "full_name": "acme/Web App", "slug": "web-app"
    }))
    .unwrap();
    assert_eq!(r.slug.as_deref(), Some("web-app"));
}

#[test]
fn numbers_outside_the_spec_bounds_decode() {
    // The spec bounds these at minimum 1; a server sending 0 or -1 must not fail the response.
    let inline: bitbucket_cloud::types::CommentInline =
        serde_json::from_value(serde_json::json!({"path": "src/lib.rs", "from": 0, "to": -1}))
            .unwrap();
    assert_eq!(inline.from, Some(0));
    assert_eq!(inline.to, Some(-1));
}

#[test]
fn null_lists_maps_and_items_decode_instead_of_failing() {
    let pr: bitbucket_cloud::types::Pullrequest = serde_json::from_value(serde_json::json!({
        "type": "pullrequest", "id": 7,
        "reviewers": [null, {"type": "user", "account_id": "5f00:rev"}],
        "participants": null
    }))
    .unwrap();
    let ids: Vec<_> = pr
        .reviewers
        .iter()
        .map(|a| a.account_id.as_deref())
        .collect();
    assert_eq!(ids, [Some("5f00:rev")]);
    assert!(pr.participants.is_empty());

    let hook: bitbucket_cloud::types::WebhookSubscription =
        serde_json::from_value(serde_json::json!({"events": null, "subject": null})).unwrap();
    assert!(hook.events.is_empty() && hook.subject.is_empty());

    let page: bitbucket_cloud::types::PaginatedRepositories =
        serde_json::from_value(serde_json::json!({"values": [null, {"slug": "web"}, null]}))
            .unwrap();
    assert_eq!(page.values.len(), 1);
    // Only `null` is forgiven: a list of the wrong type still fails.
    assert!(
        serde_json::from_value::<bitbucket_cloud::types::Pullrequest>(
            serde_json::json!({"reviewers": "ann"})
        )
        .is_err()
    );
}
