//! The resources of Atlassian's SCIM user-provisioning API: users, groups and PATCH requests.
//!
//! Sources for every field: the user and group attributes of RFC 7643 (§4.1, §4.2, §3.1 `meta`),
//! Atlassian's user-provisioning reference
//! (<https://developer.atlassian.com/cloud/admin/user-provisioning/rest/api-group-users/>, its
//! OpenAPI document `swagger.v3.json`), and the models other clients keep of it: jira.js
//! `src/userProvisioning/models/*.ts` (`ScimUser`, `ScimUserEmail`, `ScimGroup`, ...) and
//! go-atlassian `pkg/infra/models/admin_scim_user.go`. Every field is optional when reading,
//! and unset fields are left out when writing.

use serde::{Deserialize, Serialize};

/// Defines SCIM attribute types whose fields are all optional: each field is read when present
/// (missing: `None`) and left out when unset, and field names go camelCase on the wire
/// (one-word names are unchanged). A field's own `#[serde(...)]`, such as a rename, still applies.
macro_rules! optional_fields {
    ($(
        $(#[$meta:meta])*
        pub struct $name:ident {
            $($(#[$field_meta:meta])* pub $field:ident: Option<$ty:ty>,)*
        }
    )*) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub struct $name {
            $(
                $(#[$field_meta])*
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub $field: Option<$ty>,
            )*
        }
    )*};
}

/// Defines types that reference another SCIM resource: a group as listed on a user, a member
/// as listed on a group. Their sub-attributes (`value`, `display`, `$ref` and `type`, RFC 7643
/// §2.4 and §4) are all optional: read when present, left out when unset. Each type gets its
/// own docs.
macro_rules! resource_refs {
    ($($(#[doc = $doc:literal])* $name:ident {
        value: $value:literal,
        display: $display:literal,
        reference: $reference:literal,
        kind: $kind:literal $(,)?
    })*) => {
        optional_fields! {$(
            $(#[doc = $doc])*
            pub struct $name {
                #[doc = $value]
                pub value: Option<String>,
                #[doc = $display]
                pub display: Option<String>,
                #[doc = $reference]
                #[serde(rename = "$ref")]
                pub reference: Option<String>,
                #[doc = $kind]
                #[serde(rename = "type")]
                pub kind: Option<String>,
            }
        )*}
    };
}

/// Schema URN of a SCIM user (RFC 7643 §8.7.1).
pub const USER_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
/// Schema URN of a SCIM group (RFC 7643 §8.7.1).
pub const GROUP_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:Group";
/// Schema URN of a PATCH request body (RFC 7644 §3.5.2).
pub const PATCH_OP_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
/// Key of the enterprise user extension (RFC 7643 §4.3; Atlassian's user schema lists it).
pub const ENTERPRISE_USER_EXTENSION: &str =
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
/// Key of Atlassian's extension carrying the Atlassian account id (jira.js
/// `ExternalAtlassianScimExtension`; go-atlassian reads it under a `1.1` suffix, accepted too).
pub const ATLASSIAN_EXTENSION: &str = "urn:scim:schemas:extension:atlassian-external:1.0";

/// A user of a SCIM directory.
///
/// Create and replace bodies are users too: set `user_name`, `emails` (one marked primary) and
/// `display_name`, which Atlassian requires; [`User::new`] fills them and the user schema.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    /// Schema URNs the body uses.
    #[serde(
        default,
        deserialize_with = "bitbucket_core::decode::nulls::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub schemas: Vec<String>,
    /// The directory's id for the user (read-only; set by Atlassian).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The identity provider's own id for the user (case-sensitive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// Unique login name, usually the email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_name: Option<String>,
    /// Parts of the person's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Name>,
    /// Name shown in Atlassian products.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Nickname.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nick_name: Option<String>,
    /// Job title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Preferred language tag (e.g. `en-US`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_language: Option<String>,
    /// Department (Atlassian top-level attribute).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// Organization (Atlassian top-level attribute).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// IANA time zone (e.g. `Europe/Paris`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// Email addresses.
    #[serde(
        default,
        deserialize_with = "bitbucket_core::decode::nulls::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub emails: Vec<Email>,
    /// Phone numbers.
    #[serde(
        default,
        deserialize_with = "bitbucket_core::decode::nulls::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub phone_numbers: Vec<PhoneNumber>,
    /// Whether the account is active; `false` means deactivated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    /// Groups the user belongs to (read-only here; change them through the group).
    #[serde(
        default,
        deserialize_with = "bitbucket_core::decode::nulls::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub groups: Vec<GroupRef>,
    /// Resource metadata (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Meta>,
    /// The enterprise extension.
    #[serde(
        rename = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
        alias = "urn:ietf:params:scim:schemas:extension:enterprise:2.1:User",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub enterprise: Option<EnterpriseUser>,
    /// Atlassian's extension: the Atlassian account linked to this directory user.
    #[serde(
        rename = "urn:scim:schemas:extension:atlassian-external:1.0",
        alias = "urn:scim:schemas:extension:atlassian-external:1.1",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub atlassian: Option<AtlassianExtension>,
}

impl User {
    /// A user to create: user name, one primary work email and a display name, with the user
    /// schema set.
    pub fn new(
        user_name: impl Into<String>,
        email: impl Into<String>,
        display_name: impl Into<String>,
    ) -> Self {
        User {
            schemas: vec![USER_SCHEMA.to_owned()],
            user_name: Some(user_name.into()),
            emails: vec![Email {
                value: Some(email.into()),
                kind: Some("work".to_owned()),
                primary: Some(true),
            }],
            display_name: Some(display_name.into()),
            ..User::default()
        }
    }

    /// The Atlassian account id linked to this directory user, when Atlassian reports one.
    pub fn account_id(&self) -> Option<&str> {
        self.atlassian
            .as_ref()
            .and_then(|a| a.atlassian_account_id.as_deref())
            .filter(|id| !id.is_empty())
    }

    /// The primary email, or the first one when none is marked primary.
    pub fn primary_email(&self) -> Option<&str> {
        self.emails
            .iter()
            .find(|e| e.primary == Some(true))
            .or_else(|| self.emails.first())
            .and_then(|e| e.value.as_deref())
    }

    /// Whether `email` is one of the user's addresses or the user name (ASCII case-insensitive,
    /// as email domains are).
    pub fn has_email(&self, email: &str) -> bool {
        let same = |v: &str| v.eq_ignore_ascii_case(email.trim());
        self.user_name.as_deref().is_some_and(same)
            || self
                .emails
                .iter()
                .any(|e| e.value.as_deref().is_some_and(same))
    }
}

optional_fields! {
    /// One email address of a user.
    pub struct Email {
        /// The address.
        pub value: Option<String>,
        /// Its kind, such as `work`.
        #[serde(rename = "type")]
        pub kind: Option<String>,
        /// Whether this is the primary address.
        pub primary: Option<bool>,
    }

    /// One phone number of a user.
    pub struct PhoneNumber {
        /// The number.
        pub value: Option<String>,
        /// Its kind, such as `work`.
        #[serde(rename = "type")]
        pub kind: Option<String>,
        /// Whether this is the primary number.
        pub primary: Option<bool>,
    }

    /// The parts of a user's name.
    pub struct Name {
        /// The full name as displayed.
        pub formatted: Option<String>,
        /// Family name.
        pub family_name: Option<String>,
        /// Given name.
        pub given_name: Option<String>,
        /// Middle name(s).
        pub middle_name: Option<String>,
        /// Prefix such as `Dr.`.
        pub honorific_prefix: Option<String>,
        /// Suffix such as `Jr.`.
        pub honorific_suffix: Option<String>,
    }
}

resource_refs! {
    /// A group a user belongs to, as listed on the user.
    GroupRef {
        value: "The group's id.",
        display: "The group's display name.",
        reference: "URI of the group resource.",
        kind: "Membership kind, such as `direct`.",
    }
    /// One member of a group.
    GroupMember {
        value: "The member user's id.",
        display: "The member's display name.",
        reference: "URI of the member resource.",
        kind: "Member kind, such as `User`.",
    }
}

optional_fields! {
    /// Resource metadata set by the server.
    pub struct Meta {
        /// `User` or `Group`.
        pub resource_type: Option<String>,
        /// When the resource was added (ISO 8601).
        pub created: Option<String>,
        /// When it last changed (ISO 8601).
        pub last_modified: Option<String>,
        /// The resource's URI.
        pub location: Option<String>,
    }

    /// The enterprise user extension as Atlassian keeps it.
    pub struct EnterpriseUser {
        /// Organization.
        pub organization: Option<String>,
        /// Department.
        pub department: Option<String>,
    }

    /// Atlassian's extension on a SCIM user.
    pub struct AtlassianExtension {
        /// The Atlassian account id (the id Bitbucket Cloud's permission APIs take).
        pub atlassian_account_id: Option<String>,
    }
}

/// A group of a SCIM directory.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    /// Schema URNs the body uses.
    #[serde(
        default,
        deserialize_with = "bitbucket_core::decode::nulls::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub schemas: Vec<String>,
    /// The directory's id for the group (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The identity provider's id for the group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// The group name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Members.
    #[serde(
        default,
        deserialize_with = "bitbucket_core::decode::nulls::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub members: Vec<GroupMember>,
    /// Resource metadata (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Meta>,
}

/// A PATCH request body (RFC 7644 §3.5.2).
///
/// The operations go under `Operations` as RFC 7644 spells it; Atlassian's reference writes
/// `operations`, and SCIM attribute names are case-insensitive (RFC 7643 §2.1). Both spellings
/// are read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PatchRequest {
    /// Always the PatchOp schema URN.
    pub schemas: Vec<String>,
    /// The operations, applied in order.
    #[serde(rename = "Operations", alias = "operations")]
    pub operations: Vec<PatchOperation>,
}

impl Default for PatchRequest {
    fn default() -> Self {
        PatchRequest {
            schemas: vec![PATCH_OP_SCHEMA.to_owned()],
            operations: Vec::new(),
        }
    }
}

impl PatchRequest {
    /// A request with one `replace` of `path` by `value`.
    pub fn replace(path: impl Into<String>, value: serde_json::Value) -> Self {
        PatchRequest::default().then(PatchOperation {
            op: "replace".to_owned(),
            path: Some(path.into()),
            value: Some(value),
        })
    }

    /// Adds an operation.
    pub fn then(mut self, op: PatchOperation) -> Self {
        self.operations.push(op);
        self
    }
}

/// One PATCH operation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PatchOperation {
    /// `add`, `remove` or `replace`.
    pub op: String,
    /// The attribute path, such as `active` or `name.familyName`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The new value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<serde_json::Value>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_atlassian_user_with_its_extensions() {
        let u: User = serde_json::from_value(serde_json::json!({
            "schemas": [USER_SCHEMA, ATLASSIAN_EXTENSION],
            "id": "u-1",
            "userName": "Jo@Example.com",
            "emails": [{"value": "jo@example.com", "type": "work", "primary": true}],
            "active": true,
            "urn:scim:schemas:extension:atlassian-external:1.1": {"atlassianAccountId": "557058:abc"},
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "R&D"}
        }))
        .unwrap();
        assert_eq!(u.account_id(), Some("557058:abc"));
        assert_eq!(u.primary_email(), Some("jo@example.com"));
        assert!(u.has_email("JO@example.COM"));
        assert!(!u.has_email("other@example.com"));
        assert_eq!(u.enterprise.unwrap().department.as_deref(), Some("R&D"));
    }

    #[test]
    fn null_lists_and_null_items_decode() {
        let u: User = serde_json::from_value(serde_json::json!({
            "userName": "jo", "emails": [null, {"value": "jo@example.com"}],
            "phoneNumbers": null, "groups": null, "schemas": null
        }))
        .unwrap();
        assert_eq!(u.emails.len(), 1);
        assert!(u.has_email("jo@example.com"));
        assert!(u.phone_numbers.is_empty() && u.groups.is_empty() && u.schemas.is_empty());
        let g: Group = serde_json::from_value(serde_json::json!({"members": null})).unwrap();
        assert!(g.members.is_empty());
    }

    #[test]
    fn writes_only_what_is_set() {
        let body = serde_json::to_value(User::new("jo", "jo@example.com", "Jo")).unwrap();
        assert_eq!(
            body,
            serde_json::json!({
                "schemas": [USER_SCHEMA],
                "userName": "jo",
                "displayName": "Jo",
                "emails": [{"value": "jo@example.com", "type": "work", "primary": true}]
            })
        );
        let patch = serde_json::to_value(PatchRequest::replace("active", false.into())).unwrap();
        assert_eq!(
            patch,
            serde_json::json!({
                "schemas": [PATCH_OP_SCHEMA],
                "Operations": [{"op": "replace", "path": "active", "value": false}]
            })
        );
    }
}
