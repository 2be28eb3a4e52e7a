//! Decoding that survives an explicit `null`.
//!
//! Real Data Center servers send `null` where the spec promises a value (seen: the `name` of the
//! repository inside a pull request's `fromRef`). With plain serde a `null` in a `String` field
//! fails the whole object, and with it the whole page. So every model carries [`model!`] as an
//! attribute (through `macro_rules_attribute::apply`), which reads each field that is not an `Option` through [`de`]: it reads the value
//! as `Option<T>` and turns `null` into `T::default()` (`""`, `false`, `0`, an empty list, an
//! empty nested model, or an unknown enum value). `Option` fields need nothing: serde already
//! reads `null` there as `None`.
//!
//! ```ignore
//! /// A model.
//! #[macro_rules_attribute::apply(crate::tolerant::model!)]
//! #[derive(Debug, Clone, Default, Serialize, Deserialize)]
//! #[serde(default, rename_all = "camelCase")]
//! pub struct Model { /* ... */ }
//! ```
//!
//! The attribute comes before `derive`, so serde sees the fields with their decoders; as an
//! attribute rather than a block, the model stays an ordinary item that rustfmt formats.
//!
//! The macro puts a `serde_with::apply` attribute on the item whose rules name the field types
//! that get [`de`]: the primitives, lists and maps by their bare names (`String`, `Vec`, `i64`,
//! ... with any generics), and the crate's own types used as plain (not `Option`) fields, as
//! they are spelled there (`Links`, `crate::common::Links`, `User`, `Permission`, ...). The rules
//! match types by how they are written, and `Option<...>` matches none of them, so `Option`
//! fields keep serde's own decoding: serde writes a wrapper type and `Deserialize` impl for every
//! field with a `deserialize_with`, and leaving the several hundred `Option` fields without one
//! cuts about a fifth of the crate's build time.
//!
//! A plain field of a type the rules do not name fails on `null`; the crate's `model_sweep`
//! tests catch it: they find every model in the sources, check that it carries
//! `model!`, and decode a body in which each field is `null` (and one with each field `null`
//! alone). Add the type's name to the list in [`model!`] when that test names it. Fields that
//! already have their own decoder (timestamps, secrets) or are flattened carry
//! `#[serde_with(skip_apply)]`; their decoders accept `null` on their own.
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

/// Declares a model (one struct or enum) whose fields decode an explicit `null` as their
/// default; see the [module docs](self).
macro_rules! model {
    (@rules [$($ty:ty),* $(,)?] $item:item) => {
        #[serde_with::apply($($ty => #[serde(deserialize_with = "crate::tolerant::de")]),*)]
        $item
    };
    ($item:item) => {
        $crate::tolerant::model!(@rules [
            // Primitives, lists, maps and raw JSON.
            String, bool, i32, i64, u32, u64, f64, Vec, BTreeMap, HashMap, serde_json::Value,
            // The crate's own types, as plain fields spell them.
            Links, crate::common::Links, User, Group, Permission, crate::enums::Permission,
            Path, PullRequestRef, SshKey, MatcherKind, MatcherType,
        ] $item);
    };
}
pub(crate) use model;

#[cfg(test)]
mod tests {
    #[test]
    fn null_becomes_the_default() {
        #[macro_rules_attribute::apply(crate::tolerant::model!)]
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
