//! Decoding that survives an explicit `null`, and serializing that leaves `None` out.
//!
//! Real Data Center servers send `null` where the spec promises a value (seen: the `name` of the
//! repository inside a pull request's `fromRef`). With plain serde a `null` in a `String` field
//! fails the whole object, and with it the whole page. So every model carries [`model!`] as an
//! attribute (through `macro_rules_attribute::apply`), which walks the struct's fields and reads
//! them through the core's `null`-tolerant decoders (`bitbucket_core::decode::nulls`):
//! - a `Vec<T>` field reads `null` as an empty list and leaves `null` items out (`nulls::list`);
//!   an `Option<Vec<T>>` field does the same with `null` as `None` (`nulls::option_list`);
//! - any other field that is not an `Option` reads `null` as `T::default()` (`""`, `false`, `0`,
//!   an empty nested model, or an unknown enum value) (`nulls::or_default`);
//! - any other `Option` field keeps serde's own decoding (serde already reads `null` as `None`);
//! - every `Option` field is left out when serializing while it is `None`, so request bodies
//!   carry only what was set;
//! - a field whose first attribute after its docs is `#[serde(flatten)]` is left as written.
//!
//! ```ignore
//! /// A model.
//! #[macro_rules_attribute::apply(crate::tolerant::model!)]
//! #[derive(Debug, Clone, Default, Serialize, Deserialize)]
//! #[serde(default, rename_all = "camelCase")]
//! pub struct Model { /* ... */ }
//! ```
//!
//! The attribute comes before `derive`, so serde sees the fields with their attributes; as an
//! attribute rather than a block, the model stays an ordinary item that rustfmt formats. Tuple
//! structs pass through unchanged. Fields match by how their type is written: `Option<...>` and
//! `Vec<...>` spelled so. Leaving plain `Option` fields without a `deserialize_with` matters for
//! build time: serde writes a wrapper type and `Deserialize` impl for every field that has one.
//!
//! The crate's `model_sweep` tests find every model in the sources, check that it carries
//! `model!`, and decode a body in which each field is `null` (and one with each field `null`
//! alone). The cost at run time is one extra look at the next byte per non-`Option` field and
//! per list item.

/// Declares a model (a struct) whose non-`Option` fields decode an explicit `null` as their
/// default and whose `Option` fields are left out of its JSON while `None`; see the
/// [module docs](self).
macro_rules! model {
    // All fields walked: the struct with its rewritten fields.
    (@walk [$($head:tt)*] [$($done:tt)*]) => {
        $($head)* { $($done)* }
    };
    // A flattened field keeps its own decoding.
    (@walk $head:tt [$($done:tt)*]
        $(#[doc = $doc:expr])* #[serde(flatten)] $(#[$attr:meta])* $vis:vis $name:ident : $ty:ty
        $(, $($rest:tt)*)?
    ) => {
        $crate::tolerant::model!(@walk $head
            [$($done)* $(#[doc = $doc])* #[serde(flatten)] $(#[$attr])* $vis $name: $ty,]
            $($($rest)*)?);
    };
    // An optional list: `null` is `None`, `null` items are left out.
    (@walk $head:tt [$($done:tt)*]
        $(#[$attr:meta])* $vis:vis $name:ident : Option<Vec<$ty:ty>>
        $(, $($rest:tt)*)?
    ) => {
        $crate::tolerant::model!(@walk $head
            [$($done)* $(#[$attr])* #[serde(
                deserialize_with = "bitbucket_core::decode::nulls::option_list",
                skip_serializing_if = "Option::is_none"
            )]
                $vis $name: Option<Vec<$ty>>,]
            $($($rest)*)?);
    };
    // An `Option` field: `null` is already `None`; `None` is left out when serializing.
    (@walk $head:tt [$($done:tt)*]
        $(#[$attr:meta])* $vis:vis $name:ident : Option<$ty:ty>
        $(, $($rest:tt)*)?
    ) => {
        $crate::tolerant::model!(@walk $head
            [$($done)* $(#[$attr])* #[serde(skip_serializing_if = "Option::is_none")]
                $vis $name: Option<$ty>,]
            $($($rest)*)?);
    };
    // A list: `null` is an empty list, `null` items are left out.
    (@walk $head:tt [$($done:tt)*]
        $(#[$attr:meta])* $vis:vis $name:ident : Vec<$ty:ty>
        $(, $($rest:tt)*)?
    ) => {
        $crate::tolerant::model!(@walk $head
            [$($done)* $(#[$attr])* #[serde(deserialize_with = "bitbucket_core::decode::nulls::list")]
                $vis $name: Vec<$ty>,]
            $($($rest)*)?);
    };
    // Any other field: `null` becomes the type's default.
    (@walk $head:tt [$($done:tt)*]
        $(#[$attr:meta])* $vis:vis $name:ident : $ty:ty
        $(, $($rest:tt)*)?
    ) => {
        $crate::tolerant::model!(@walk $head
            [$($done)* $(#[$attr])* #[serde(deserialize_with = "bitbucket_core::decode::nulls::or_default")]
                $vis $name: $ty,]
            $($($rest)*)?);
    };
    // A struct with named fields: walk them.
    (
        $(#[$attr:meta])*
        $vis:vis struct $name:ident $(<$($generic:ident),* $(,)?>)? { $($fields:tt)* }
    ) => {
        $crate::tolerant::model!(@walk
            [$(#[$attr])* $vis struct $name $(<$($generic),*>)?]
            []
            $($fields)*);
    };
    // Anything else (a tuple struct) stays as written.
    ($item:item) => {
        $item
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
            ov: Option<Vec<i64>>,
            e: crate::enums::Permission,
        }
        let m: M = serde_json::from_str(
            r#"{"s":null,"n":null,"b":null,"v":null,"o":null,"ov":null,"e":null}"#,
        )
        .unwrap();
        assert_eq!(m, M::default());
        let m: M = serde_json::from_str(r#"{"v":[null,"a",null],"ov":[null,2]}"#).unwrap();
        assert_eq!((m.v, m.ov), (vec!["a".to_owned()], Some(vec![2])));
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
