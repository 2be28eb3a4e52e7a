//! Field decoders that survive an explicit `null`, for `#[serde(deserialize_with = ...)]`.
//!
//! Servers of both APIs send `null` where a schema promises a value, and plain serde then fails
//! the whole object (and with it a whole page). The models of both APIs, and the page types,
//! read such fields through these functions:
//!
//! - [`or_default`]: a `null` field is the type's default (`""`, `0`, `false`, an empty map);
//! - [`list`]: a `null` list is empty, and `null` items are left out;
//! - [`option_list`]: the same for an optional list, where `null` is `None`.
//!
//! A value of the wrong type still fails: only `null` is forgiven.
//!
//! ```
//! #[derive(serde::Deserialize)]
//! struct Pr {
//!     #[serde(default, deserialize_with = "bitbucket_core::decode::nulls::list")]
//!     reviewers: Vec<String>,
//!     #[serde(default, deserialize_with = "bitbucket_core::decode::nulls::or_default")]
//!     title: String,
//! }
//! let pr: Pr = serde_json::from_str(r#"{"reviewers": ["ann", null, "bo"], "title": null}"#).unwrap();
//! assert_eq!((pr.reviewers.len(), pr.title.as_str()), (2, ""));
//! ```

use std::fmt;
use std::marker::PhantomData;

use serde::de::{SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// Reads a field, turning an explicit `null` into the type's default.
pub fn or_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// Reads a list: `null` is an empty list, and `null` items are left out.
pub fn list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(option_list(d)?.unwrap_or_default())
}

/// Reads an optional list: `null` is `None`, and `null` items are left out.
pub fn option_list<'de, D, T>(d: D) -> Result<Option<Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Items<T>>::deserialize(d)?.map(|items| items.0))
}

/// A list read item by item, `null` items left out.
struct Items<T>(Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Items<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_seq(ItemsVisitor(PhantomData))
    }
}

struct ItemsVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ItemsVisitor<T> {
    type Value = Items<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Items<T>, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Option<T>>()? {
            items.extend(item);
        }
        Ok(Items(items))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[derive(Deserialize, Debug, Default, PartialEq)]
    #[serde(default)]
    struct M {
        #[serde(deserialize_with = "or_default")]
        s: String,
        #[serde(deserialize_with = "or_default")]
        m: BTreeMap<String, u8>,
        #[serde(deserialize_with = "list")]
        v: Vec<M>,
        #[serde(deserialize_with = "option_list")]
        o: Option<Vec<u8>>,
    }

    fn m(json: &str) -> Result<M, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn null_fields_read_as_default_or_none() {
        assert_eq!(
            m(r#"{"s":null,"m":null,"v":null,"o":null}"#).unwrap(),
            M::default()
        );
        assert_eq!(m("{}").unwrap(), M::default());
    }

    #[test]
    fn null_items_are_left_out_and_the_rest_kept() {
        let got = m(r#"{"v":[null,{"s":"a"},null,{"s":"b"}],"o":[1,null,2]}"#).unwrap();
        let names: Vec<&str> = got.v.iter().map(|x| x.s.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
        assert_eq!(got.o, Some(vec![1, 2]));
        assert_eq!(m(r#"{"o":[]}"#).unwrap().o, Some(vec![]));
    }

    #[test]
    fn wrong_types_still_fail() {
        for bad in [
            r#"{"s":5}"#,
            r#"{"v":{}}"#,
            r#"{"v":[5]}"#,
            r#"{"o":"x"}"#,
            r#"{"m":[]}"#,
        ] {
            assert!(m(bad).is_err(), "{bad}");
        }
    }
}
