//! Decoding of Cloud's `date-time` fields.
//!
//! Cloud writes instants in RFC 3339 (`2024-04-08T09:04:43.621000+00:00`). chrono's own serde
//! decoder accepts a relaxed form of it through a general format parser, several times slower
//! than its strict RFC 3339 reader. The generated models decode with the strict reader first and
//! fall back to the relaxed one, so every value chrono accepted still decodes, at the strict
//! reader's speed in the common case. Encoding is chrono's (RFC 3339).

use chrono::{DateTime, Utc};
use serde::de::{self, Deserializer, Visitor};
use std::fmt;

/// Decodes an optional `date-time` field: `null` is `None`, a string is parsed as RFC 3339
/// (strict first, then chrono's relaxed form), anything else is a type error.
pub(crate) fn option<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
    d.deserialize_option(OptionVisitor)
}

/// Parses one instant the way [`option`] does.
fn parse<E: de::Error>(v: &str) -> Result<DateTime<Utc>, E> {
    match DateTime::parse_from_rfc3339(v) {
        Ok(t) => Ok(t.to_utc()),
        Err(_) => v.parse().map_err(E::custom),
    }
}

struct OptionVisitor;

impl<'de> Visitor<'de> for OptionVisitor {
    type Value = Option<DateTime<Utc>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an RFC 3339 date-time or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        parse(v).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Holder {
        #[serde(default, deserialize_with = "option")]
        at: Option<DateTime<Utc>>,
    }

    fn at(json: &str) -> Result<Option<DateTime<Utc>>, serde_json::Error> {
        serde_json::from_str::<Holder>(json).map(|h| h.at)
    }

    fn chrono_reads(v: &str) -> Option<DateTime<Utc>> {
        serde_json::from_value(serde_json::Value::String(v.to_owned())).ok()
    }

    #[test]
    fn reads_what_chrono_reads() {
        for v in [
            "2024-04-08T09:04:43.621000+00:00",
            "2024-04-08T09:04:43Z",
            "2024-04-08T11:04:43.5+02:00",
            "2013-11-08T13:27:51.583193-05:00",
            "2024-04-08 09:04:43Z",
            "2024-04-08T09:04:43.123456789Z",
        ] {
            let expected = chrono_reads(v).expect(v);
            assert_eq!(
                at(&format!(r#"{{"at":"{v}"}}"#)).unwrap(),
                Some(expected),
                "{v}"
            );
        }
        assert_eq!(
            at(r#"{"at":"2024-04-08T11:04:43.5+02:00"}"#)
                .unwrap()
                .unwrap()
                .to_rfc3339(),
            "2024-04-08T09:04:43.500+00:00"
        );
    }

    #[test]
    fn null_and_missing_are_none() {
        assert_eq!(at(r#"{"at":null}"#).unwrap(), None);
        assert_eq!(at("{}").unwrap(), None);
    }

    #[test]
    fn rejects_what_chrono_rejects() {
        for bad in [
            r#"{"at":"yesterday"}"#,
            r#"{"at":"2024-13-01T00:00:00Z"}"#,
            r#"{"at":12}"#,
        ] {
            assert!(at(bad).is_err(), "{bad}");
        }
        assert!(chrono_reads("yesterday").is_none());
    }
}
