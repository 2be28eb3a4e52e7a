//! Models shared by several areas: users, groups, projects, links, permission grants.
//!
//! All models ignore unknown fields and default missing ones, so newer servers and partial
//! responses decode. Response models also serialize (timestamps as epoch milliseconds).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::enums::{Permission, ProjectType, UserType};

/// One hyperlink of a `links` object.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Link {
    /// Target URL.
    pub href: String,
    /// Link name (e.g. `http` or `ssh` for clone links).
    pub name: Option<String>,
}

/// The `links` object of users, projects and repositories.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Links {
    /// Browser URLs of the resource.
    #[serde(rename = "self", skip_serializing_if = "Vec::is_empty")]
    pub self_: Vec<Link>,
    /// Clone URLs (repositories only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub clone: Vec<Link>,
}

impl Links {
    /// Whether it holds no link at all.
    pub fn is_empty(&self) -> bool {
        self.self_.is_empty() && self.clone.is_empty()
    }

    /// The first browser URL, if any.
    pub fn self_href(&self) -> Option<&str> {
        self.self_.first().map(|l| l.href.as_str())
    }
}

/// A user account as most endpoints return it.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct User {
    /// Numeric id.
    pub id: Option<i64>,
    /// Login name.
    pub name: String,
    /// URL-safe identifier used in paths (`/users/{userSlug}`).
    pub slug: String,
    /// Display name.
    pub display_name: Option<String>,
    /// E-mail address (hidden from some callers).
    pub email_address: Option<String>,
    /// Whether the account is active.
    pub active: Option<bool>,
    /// Person or service account.
    #[serde(rename = "type")]
    pub user_type: Option<UserType>,
    /// Avatar URL, when requested.
    pub avatar_url: Option<String>,
    /// Links.
    pub links: Links,
}

/// A user account with the details administrators see.
///
/// Decoded in one pass, without the buffering `flatten` costs (admin user pages are large);
/// encoded with the user fields inline.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DetailedUser {
    /// The common user fields.
    #[serde(flatten)]
    pub user: User,
    /// Directory holding the account.
    pub directory_name: Option<String>,
    /// Whether the account may be deleted.
    pub deletable: Option<bool>,
    /// Whether name and e-mail can be changed.
    pub mutable_details: Option<bool>,
    /// Whether group membership can be changed.
    pub mutable_groups: Option<bool>,
    /// When the account was created.
    #[serde(with = "crate::timestamp::option")]
    pub created_timestamp: Option<DateTime<Utc>>,
    /// Last successful authentication.
    #[serde(with = "crate::timestamp::option")]
    pub last_authentication_timestamp: Option<DateTime<Utc>>,
}

/// The wire form of [`DetailedUser`]: the fields of [`User`] and its own, side by side.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct DetailedUserWire {
    id: Option<i64>,
    name: String,
    slug: String,
    display_name: Option<String>,
    email_address: Option<String>,
    active: Option<bool>,
    #[serde(rename = "type")]
    user_type: Option<UserType>,
    avatar_url: Option<String>,
    links: Links,
    directory_name: Option<String>,
    deletable: Option<bool>,
    mutable_details: Option<bool>,
    mutable_groups: Option<bool>,
    #[serde(with = "crate::timestamp::option")]
    created_timestamp: Option<DateTime<Utc>>,
    #[serde(with = "crate::timestamp::option")]
    last_authentication_timestamp: Option<DateTime<Utc>>,
}

impl<'de> Deserialize<'de> for DetailedUser {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let w = DetailedUserWire::deserialize(d)?;
        Ok(DetailedUser {
            user: User {
                id: w.id,
                name: w.name,
                slug: w.slug,
                display_name: w.display_name,
                email_address: w.email_address,
                active: w.active,
                user_type: w.user_type,
                avatar_url: w.avatar_url,
                links: w.links,
            },
            directory_name: w.directory_name,
            deletable: w.deletable,
            mutable_details: w.mutable_details,
            mutable_groups: w.mutable_groups,
            created_timestamp: w.created_timestamp,
            last_authentication_timestamp: w.last_authentication_timestamp,
        })
    }
}

impl std::ops::Deref for DetailedUser {
    type Target = User;
    fn deref(&self) -> &User {
        &self.user
    }
}

/// A group as administrators see it.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Group {
    /// Group name.
    pub name: String,
    /// Whether the group may be deleted.
    pub deletable: Option<bool>,
}

/// A user and the permission they hold.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PermittedUser {
    /// The user.
    pub user: User,
    /// The permission.
    pub permission: Permission,
}

impl Default for PermittedUser {
    fn default() -> Self {
        PermittedUser {
            user: User::default(),
            permission: Permission::Unknown(String::new()),
        }
    }
}

/// A group and the permission it holds.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PermittedGroup {
    /// The group.
    pub group: Group,
    /// The permission.
    pub permission: Permission,
}

impl Default for PermittedGroup {
    fn default() -> Self {
        PermittedGroup {
            group: Group::default(),
            permission: Permission::Unknown(String::new()),
        }
    }
}

/// Answer of "is this permission granted?" checks.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Permitted {
    /// Whether it is granted.
    pub permitted: bool,
}

/// A project.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Project {
    /// Numeric id.
    pub id: Option<i64>,
    /// Project key (`PRJ`, or `~slug` for personal projects).
    pub key: String,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Whether anonymous users may read it.
    pub public: Option<bool>,
    /// Normal or personal.
    #[serde(rename = "type")]
    pub project_type: Option<ProjectType>,
    /// Owner of a personal project.
    pub owner: Option<User>,
    /// Avatar URL, when requested.
    pub avatar_url: Option<String>,
    /// Links.
    pub links: Links,
}

/// A named link (e.g. the avatar URL returned after deleting an avatar).
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NamedLink {
    /// Link name.
    pub name: Option<String>,
    /// Target URL.
    pub href: String,
}

/// Serializes an optional [`bitbucket_core::Secret`] as its plain value (request bodies only).
pub(crate) mod secret_opt {
    use bitbucket_core::Secret;
    use serde::Serializer;

    /// Writes the secret's value, or `null`.
    pub fn serialize<S: Serializer>(v: &Option<Secret>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(secret) => s.serialize_str(secret.expose()),
            None => s.serialize_none(),
        }
    }
}

/// Reads and writes an optional [`bitbucket_core::Secret`] as a plain string (for models that
/// carry secrets both ways, e.g. a one-time recovery code or an IdP client secret).
pub(crate) mod secret_opt_de {
    use bitbucket_core::Secret;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes the secret's value, or `null`.
    pub fn serialize<S: Serializer>(v: &Option<Secret>, s: S) -> Result<S::Ok, S::Error> {
        super::secret_opt::serialize(v, s)
    }

    /// Reads a string (or `null`) into a secret.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Secret>, D::Error> {
        Ok(Option::<String>::deserialize(d)?.map(Secret::new))
    }
}

/// Decodes either one object, an array, or a page (`{"values": [...]}`) into a list (`null`
/// gives an empty list).
pub(crate) mod one_or_many {
    use serde::{Deserialize, Deserializer, de::DeserializeOwned};

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Shape<T> {
        Many(Vec<T>),
        Page { values: Vec<T> },
        One(T),
    }

    /// Reads the list.
    pub fn deserialize<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
    where
        D: Deserializer<'de>,
        T: DeserializeOwned,
    {
        Ok(match Option::<Shape<T>>::deserialize(d)? {
            Some(Shape::Many(v) | Shape::Page { values: v }) => v,
            Some(Shape::One(x)) => vec![x],
            None => Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detailed_user_decodes_with_timestamps_and_unknown_fields() {
        let u: DetailedUser = serde_json::from_str(
            r#"{"name":"jdoe","slug":"jdoe","id":7,"type":"NORMAL","active":true,
                "createdTimestamp":1368145580548,"mutableDetails":true,"newField":{"x":1},
                "links":{"self":[{"href":"https://h/users/jdoe"}]}}"#,
        )
        .unwrap();
        assert_eq!(u.slug, "jdoe");
        assert_eq!(u.user_type, Some(UserType::Normal));
        assert_eq!(
            u.created_timestamp.map(|t| chrono::Datelike::year(&t)),
            Some(2013)
        );
        assert_eq!(u.links.self_href(), Some("https://h/users/jdoe"));
        assert!(u.last_authentication_timestamp.is_none());
    }

    #[test]
    fn permitted_user_keeps_unknown_permission() {
        let p: PermittedUser = serde_json::from_str(
            r#"{"user":{"name":"a","slug":"a"},"permission":"PROJECT_OWNER"}"#,
        )
        .unwrap();
        assert_eq!(p.permission, Permission::Unknown("PROJECT_OWNER".into()));
    }
}
