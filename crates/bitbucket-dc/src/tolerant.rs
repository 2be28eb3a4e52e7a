//! Decoding that survives an explicit `null`.
//!
//! Real Data Center servers send `null` where the spec promises a value (seen: the `name` of the
//! repository inside a pull request's `fromRef`). With plain serde a `null` in a `String` field
//! fails the whole object, and with it the whole page. So every field of every model is read by
//! [`de`]: it reads the value as `Option<T>` and turns `null` into `T::default()` (`None` for
//! `Option` fields, `""`, `false`, `0`, an empty list, an empty nested model, or an unknown enum
//! value).
//!
//! The decoder is put on each field by one attribute on the model, placed before its `derive`:
//!
//! ```ignore
//! #[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
//! #[derive(Debug, Clone, Default, Serialize, Deserialize)]
//! #[serde(default, rename_all = "camelCase")]
//! pub struct Model { /* ... */ }
//! ```
//!
//! Fields that already have their own decoder (timestamps, secrets) or are flattened carry
//! `#[serde_with(skip_apply)]`; their decoders accept `null` on their own. The crate's
//! `model_sweep` tests find every model in the sources, check that it carries the attribute, and
//! decode a body in which each field is `null`.
//!
//! The cost is one extra look at the next byte per field: no buffering.

use serde::{Deserialize, Deserializer};

/// Reads a field, turning an explicit `null` into the type's default.
pub(crate) fn de<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    #[test]
    fn null_becomes_the_default() {
        #[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
        #[derive(serde::Deserialize, Default, Debug, PartialEq)]
        #[serde(default)]
        struct M {
            s: String,
            n: i64,
            b: bool,
            v: Vec<String>,
            o: Option<String>,
            e: crate::enums::Permission,
        }
        let m: M =
            serde_json::from_str(r#"{"s":null,"n":null,"b":null,"v":null,"o":null,"e":null}"#)
                .unwrap();
        assert_eq!(m, M::default());
        let m: M =
            serde_json::from_str(r#"{"s":"x","n":3,"b":true,"v":["a"],"o":"y","e":"REPO_READ"}"#)
                .unwrap();
        assert_eq!(
            (m.s.as_str(), m.n, m.b, m.v.len(), m.o.as_deref()),
            ("x", 3, true, 1, Some("y"))
        );
        assert_eq!(m.e, crate::enums::Permission::RepoRead);
        // A wrong type still fails: only `null` is forgiven.
        assert!(serde_json::from_str::<M>(r#"{"n":"three"}"#).is_err());
    }
}
