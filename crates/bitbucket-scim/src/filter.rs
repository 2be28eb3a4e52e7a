//! SCIM filter expressions (RFC 7644 §3.4.2.2), built so a value can never break out of its
//! quotes.
//!
//! Atlassian documents one form for listings: a single exact match (`eq`) on `userName` or
//! `externalId` for users, and on `displayName` for groups.
//!
//! ```
//! use bitbucket_scim::Filter;
//! let f = Filter::user_name("jo \"the boss\"@example.com");
//! assert_eq!(f.to_string(), r#"userName eq "jo \"the boss\"@example.com""#);
//! assert!(Filter::eq("bad attr", "x").check().is_err());
//! ```

use std::fmt;

use bitbucket_core::{Error, Result};

/// A filter for a SCIM listing: `attribute eq "value"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    attribute: String,
    value: String,
}

impl Filter {
    /// An exact match of `attribute` (a SCIM attribute path such as `userName` or
    /// `emails.value`) against `value`.
    pub fn eq(attribute: impl Into<String>, value: impl Into<String>) -> Self {
        Filter {
            attribute: attribute.into(),
            value: value.into(),
        }
    }

    /// `userName eq "value"`: the documented way to find a user by login (usually the email).
    pub fn user_name(value: impl Into<String>) -> Self {
        Filter::eq("userName", value)
    }

    /// `externalId eq "value"`: the identity provider's id.
    pub fn external_id(value: impl Into<String>) -> Self {
        Filter::eq("externalId", value)
    }

    /// `displayName eq "value"`: a group by name.
    pub fn display_name(value: impl Into<String>) -> Self {
        Filter::eq("displayName", value)
    }

    /// Checks the attribute path: letters, digits, `_`, `-`, `$`, `:` and `.` only, starting
    /// with a letter (RFC 7644 `attrPath`, with URN prefixes); anything else is
    /// [`Error::InvalidInput`].
    pub fn check(&self) -> Result<()> {
        let a = &self.attribute;
        let ok = a.starts_with(|c: char| c.is_ascii_alphabetic())
            && a.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '$' | ':' | '.'));
        if ok {
            Ok(())
        } else {
            Err(Error::InvalidInput {
                message: format!("{a:?} is not a SCIM attribute path"),
            })
        }
    }
}

impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A JSON string literal is exactly the SCIM compValue string form.
        let quoted = serde_json::Value::String(self.value.clone()).to_string();
        write!(f, "{} eq {quoted}", self.attribute)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_escapes_values() {
        assert_eq!(
            Filter::external_id("a\\b\"c").to_string(),
            r#"externalId eq "a\\b\"c""#
        );
        assert!(Filter::eq("emails.value", "x").check().is_ok());
        assert!(Filter::eq("userName or 1", "x").check().is_err());
        assert!(Filter::eq("", "x").check().is_err());
    }
}
