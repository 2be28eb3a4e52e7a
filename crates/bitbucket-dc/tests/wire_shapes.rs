//! Fields that servers send under two names or in two shapes, read through one accessor.

use bitbucket_dc::branches::{Branch, Tag};
use bitbucket_dc::builds::BuildStatus;
use bitbucket_dc::chrono::{DateTime, Duration, Utc};
use bitbucket_dc::keys::SshKey;
use bitbucket_dc::webhooks::Webhook;

fn at(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap()
}

#[test]
fn branch_and_tag_commit_from_either_name() {
    let new: Branch =
        serde_json::from_str(r#"{"id":"refs/heads/main","latestCommit":"abc"}"#).unwrap();
    let old: Branch =
        serde_json::from_str(r#"{"id":"refs/heads/main","latestChangeset":"abc"}"#).unwrap();
    let both: Branch = serde_json::from_str(
        r#"{"id":"refs/heads/main","latestCommit":"abc","latestChangeset":"old"}"#,
    )
    .unwrap();
    assert_eq!(new.commit_id(), Some("abc"));
    assert_eq!(old.commit_id(), Some("abc"));
    assert_eq!(both.commit_id(), Some("abc"));
    assert_eq!(Branch::default().commit_id(), None);

    let tag: Tag =
        serde_json::from_str(r#"{"id":"refs/tags/v1","latestChangeset":"def"}"#).unwrap();
    assert_eq!(tag.commit_id(), Some("def"));
}

#[test]
fn build_status_updated_from_either_name() {
    let per_commit: BuildStatus =
        serde_json::from_str(r#"{"key":"ci","updatedDate":1700000000000}"#).unwrap();
    let global: BuildStatus =
        serde_json::from_str(r#"{"key":"ci","dateAdded":1700000000000}"#).unwrap();
    assert_eq!(per_commit.updated_at(), Some(at(1_700_000_000_000)));
    assert_eq!(global.updated_at(), Some(at(1_700_000_000_000)));
    assert_eq!(BuildStatus::default().updated_at(), None);
}

#[test]
fn ssh_key_expiry_counted_from_creation() {
    let key: SshKey = serde_json::from_str(
        r#"{"text":"ssh-ed25519 AAAA","createdDate":1700000000000,"expiryDays":30}"#,
    )
    .unwrap();
    assert_eq!(
        key.expires_at(),
        Some(at(1_700_000_000_000) + Duration::days(30))
    );
    let forever: SshKey =
        serde_json::from_str(r#"{"text":"ssh-ed25519 AAAA","createdDate":1700000000000}"#).unwrap();
    assert_eq!(forever.expires_at(), None);
}

#[test]
fn webhook_scope_kind_from_either_place() {
    let new: Webhook =
        serde_json::from_str(r#"{"name":"ci","scope":{"id":"1","type":"repository"}}"#).unwrap();
    let old: Webhook = serde_json::from_str(r#"{"name":"ci","scopeType":"project"}"#).unwrap();
    assert_eq!(new.scope_kind(), Some("repository"));
    assert_eq!(old.scope_kind(), Some("project"));
    assert_eq!(Webhook::default().scope_kind(), None);
}
