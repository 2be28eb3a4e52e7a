//! Serde helpers for Data Center timestamps.
//!
//! Data Center sends instants as epoch milliseconds (`1368145580548`). A few schemas in the spec
//! declare RFC 3339 strings instead, some servers send numbers as strings, and some send ISO 8601
//! with a `+0000` offset, so decoding accepts all of them. Encoding always writes epoch milliseconds.
//!
//! Use on `Option<DateTime<Utc>>` fields:
//! `#[serde(default, with = "crate::timestamp::option")]` in a struct that carries
//! the crate's `model!` attribute, which leaves `None` out when serializing.

use chrono::{DateTime, Utc};
use serde::de::{self, Deserializer, Visitor};
use serde::ser::Serializer;
use std::fmt;

/// Converts epoch milliseconds to an instant (`None` when out of range).
pub fn from_millis(ms: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp_millis(ms)
}

/// Converts an instant to epoch milliseconds.
pub fn to_millis(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

/// Parses an RFC 3339 date-time into UTC.
fn parse_rfc3339(v: &str) -> Result<DateTime<Utc>, chrono::ParseError> {
    DateTime::parse_from_rfc3339(v).map(|t| t.with_timezone(&Utc))
}

/// ISO 8601 with an offset written without a colon (`2018-07-05T05:58:45+0000`), as some
/// servers send, rewritten to RFC 3339 (`+00:00`). Source: <https://github.com/drone/go-scm/blob/3805ae0c68ebc4dd205caf7521f69a17e5c9b490/scm/driver/stash/testdata/pr_comment_iso_dates.json>.
fn colon_offset(v: &str) -> Option<String> {
    let at = v.len().checked_sub(5)?;
    if !v.is_char_boundary(at) {
        return None;
    }
    let (head, offset) = v.split_at(at);
    let b = offset.as_bytes();
    let numeric = matches!(b[0], b'+' | b'-') && b[1..].iter().all(u8::is_ascii_digit);
    numeric.then(|| format!("{head}{}:{}", &offset[..3], &offset[3..]))
}

struct TsVisitor;

impl<'de> Visitor<'de> for TsVisitor {
    type Value = Option<DateTime<Utc>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("epoch milliseconds or an RFC 3339 date-time")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(TsVisitor)
    }

    // Numbers outside the representable range (about ±262,000 years), such as the `int64` minimum
    // that placeholder data carries, decode as "no timestamp" rather than failing the model.
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(from_millis(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(i64::try_from(v).ok().and_then(from_millis))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        if !v.is_finite() || v.abs() > 1e17 {
            return Ok(None);
        }
        // Saturating float-to-int conversion of a range-checked value.
        self.visit_i64(v.round() as i64)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        let v = v.trim();
        if v.is_empty() {
            return Ok(None);
        }
        if let Ok(ms) = v.parse::<i64>() {
            return self.visit_i64(ms);
        }
        parse_rfc3339(v)
            .or_else(|e| {
                colon_offset(v)
                    .and_then(|fixed| parse_rfc3339(&fixed).ok())
                    .ok_or(e)
            })
            .map(Some)
            .map_err(|e| E::custom(format!("invalid timestamp {v:?}: {e}")))
    }
}

/// For `Option<DateTime<Utc>>` fields.
pub mod option {
    use super::*;

    /// Writes epoch milliseconds (or `null`).
    pub fn serialize<S: Serializer>(v: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(t) => s.serialize_i64(to_millis(*t)),
            None => s.serialize_none(),
        }
    }

    /// Reads epoch milliseconds, an RFC 3339 string, a numeric string or `null`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        d.deserialize_option(TsVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize, Debug)]
    struct T {
        #[serde(default, with = "option", skip_serializing_if = "Option::is_none")]
        at: Option<DateTime<Utc>>,
    }

    #[test]
    fn decodes_all_forms() {
        let ms: T = serde_json::from_str(r#"{"at":1368145580548}"#).unwrap();
        assert_eq!(to_millis(ms.at.unwrap()), 1_368_145_580_548);
        let s: T = serde_json::from_str(r#"{"at":"2013-05-10T00:26:20.548Z"}"#).unwrap();
        assert_eq!(s.at, ms.at);
        let n: T = serde_json::from_str(r#"{"at":"1368145580548"}"#).unwrap();
        assert_eq!(n.at, ms.at);
        let f: T = serde_json::from_str(r#"{"at":1368145580548.0}"#).unwrap();
        assert_eq!(f.at, ms.at);
        let compact: T = serde_json::from_str(r#"{"at":"2013-05-10T00:26:20.548+0000"}"#).unwrap();
        assert_eq!(compact.at, ms.at);
        let none: T = serde_json::from_str(r#"{"at":null}"#).unwrap();
        assert!(none.at.is_none());
        let missing: T = serde_json::from_str("{}").unwrap();
        assert!(missing.at.is_none());
        assert!(serde_json::from_str::<T>(r#"{"at":"yesterday"}"#).is_err());
        let huge: T = serde_json::from_str(r#"{"at":1e300}"#).unwrap();
        assert!(huge.at.is_none());
        let min: T = serde_json::from_str(r#"{"at":-9007199254740991}"#).unwrap();
        assert!(min.at.is_none());
    }

    #[test]
    fn encodes_millis() {
        let t = T {
            at: from_millis(1_368_145_580_548),
        };
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            r#"{"at":1368145580548}"#
        );
        assert_eq!(serde_json::to_string(&T { at: None }).unwrap(), "{}");
    }
}
