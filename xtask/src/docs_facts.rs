//! One-line docs for generated model fields, built from facts only (the spec's prose was
//! stripped on import on purpose).
//!
//! The facts come from two places:
//! - the generated Rust field type: date-time, integer, list of ..., map of ..., a model (linked),
//!   an enum (its wire values listed from the enum item of the same module);
//! - the prepared spec, looked up by the struct name typify derives from a component schema
//!   (`pullrequest` -> `Pullrequest`, its inline `links` object -> `PullrequestLinks`, list
//!   items -> `...Item`): `format` (`uri`, ...), `readOnly`, `deprecated`, `nullable`;
//! - the serde `rename`: the property name as sent on the wire when it differs from the field.
//!
//! A doc reads like ``Date-time (RFC 3339); read-only.``, ``One of `OPEN`, `MERGED`, ...
//! ([`PullrequestState`]).`` or ``Integer; as observed in real responses (...). Sent as
//! `maxTime`.``: never the placeholder ``The `x` field.``.

use heck::ToPascalCase;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use syn::{Fields, Item, Type};

/// Schema facts of one property.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PropFacts {
    pub format: Option<String>,
    /// `format` of the items of a list.
    pub item_format: Option<String>,
    pub read_only: bool,
    pub deprecated: bool,
    pub nullable: bool,
    /// Listed in `openapi/cloud-observed-fields.json`: sent by real servers, missing from the
    /// published spec or typed differently there.
    pub observed: bool,
}

/// Struct name (as typify names it) -> wire property name -> facts.
pub type SchemaFacts = BTreeMap<String, BTreeMap<String, PropFacts>>;

/// Collects [`SchemaFacts`] from the prepared spec's component schemas.
pub fn schema_facts(spec: &Value) -> SchemaFacts {
    let mut out = SchemaFacts::new();
    let Some(schemas) = spec
        .pointer("/components/schemas")
        .and_then(Value::as_object)
    else {
        return out;
    };
    for (name, schema) in schemas {
        collect(spec, name, schema, &mut out, 0);
    }
    out
}

fn resolve<'a>(spec: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => r
            .strip_prefix('#')
            .and_then(|p| spec.pointer(p))
            .unwrap_or(schema),
        None => schema,
    }
}

/// The properties of an object schema, `allOf` parts included.
fn properties<'a>(spec: &'a Value, schema: &'a Value, depth: usize) -> Vec<(&'a str, &'a Value)> {
    let mut out = Vec::new();
    if depth > 8 {
        return out;
    }
    if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
        for part in parts {
            out.extend(properties(spec, resolve(spec, part), depth + 1));
        }
    }
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        out.extend(props.iter().map(|(k, v)| (k.as_str(), v)));
    }
    out
}

fn flag(v: &Value, key: &str) -> bool {
    v.get(key) == Some(&Value::Bool(true))
}

fn collect(spec: &Value, raw_name: &str, schema: &Value, out: &mut SchemaFacts, depth: usize) {
    if depth > 12 {
        return;
    }
    let props = properties(spec, schema, 0);
    if props.is_empty() {
        return;
    }
    let entry: BTreeMap<String, PropFacts> = props
        .iter()
        .map(|(wire, p)| {
            let items = p.get("items");
            let facts = PropFacts {
                format: p.get("format").and_then(Value::as_str).map(str::to_string),
                item_format: items
                    .and_then(|i| i.get("format"))
                    .and_then(Value::as_str)
                    .map(str::to_string),
                read_only: flag(p, "readOnly"),
                deprecated: flag(p, "deprecated"),
                nullable: flag(p, "nullable"),
                observed: false,
            };
            (wire.to_string(), facts)
        })
        .collect();
    out.entry(raw_name.to_pascal_case())
        .or_default()
        .extend(entry);
    // Inline objects become structs named after their parent and property.
    for (wire, p) in props {
        if p.get("$ref").is_some() {
            continue;
        }
        let child = format!("{raw_name}_{wire}");
        if p.get("properties").is_some() || p.get("allOf").is_some() {
            collect(spec, &child, p, out, depth + 1);
        }
        if let Some(items) = p.get("items")
            && items.get("$ref").is_none()
            && (items.get("properties").is_some() || items.get("allOf").is_some())
        {
            collect(spec, &format!("{child}_item"), items, out, depth + 1);
        }
    }
}

/// Marks the fields of the curated observed list (`schema` is a component or a dotted path to
/// an inline object below one: `pullrequest.links`).
pub fn mark_observed(facts: &mut SchemaFacts, observed: &[crate::observed::ObservedField]) {
    for f in observed {
        let name = f.schema.replace('.', "_").to_pascal_case();
        facts
            .entry(name)
            .or_default()
            .entry(f.property.clone())
            .or_default()
            .observed = true;
    }
}

/// What the generated `types` module declares: enums with their wire values, and the names of
/// every type (to link them).
#[derive(Debug, Default)]
pub struct TypeIndex {
    enums: BTreeMap<String, Vec<String>>,
    names: BTreeSet<String>,
    structs: BTreeSet<String>,
}

impl TypeIndex {
    pub fn new(items: &[Item]) -> Self {
        let mut index = TypeIndex::default();
        for item in items {
            match item {
                Item::Struct(s) => {
                    index.names.insert(s.ident.to_string());
                    if matches!(s.fields, Fields::Named(_)) {
                        index.structs.insert(s.ident.to_string());
                    }
                }
                Item::Type(t) => {
                    index.names.insert(t.ident.to_string());
                }
                Item::Enum(e) => {
                    index.names.insert(e.ident.to_string());
                    let unit = e
                        .variants
                        .iter()
                        .filter(|v| !is_untagged(&v.attrs))
                        .all(|v| matches!(v.fields, Fields::Unit));
                    if unit {
                        let values = e
                            .variants
                            .iter()
                            .filter(|v| !is_untagged(&v.attrs))
                            .map(|v| {
                                crate::generate::serde_rename(&v.attrs)
                                    .unwrap_or_else(|| v.ident.to_string())
                            })
                            .collect();
                        index.enums.insert(e.ident.to_string(), values);
                    }
                }
                _ => {}
            }
        }
        index
    }
}

fn is_untagged(attrs: &[syn::Attribute]) -> bool {
    attrs
        .iter()
        .any(|a| a.path().is_ident("serde") && quote::quote!(#a).to_string().contains("untagged"))
}

fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match ty {
        Type::Path(tp) => tp.path.segments.last(),
        _ => None,
    }
}

fn type_args(seg: &syn::PathSegment) -> Vec<&Type> {
    match &seg.arguments {
        syn::PathArguments::AngleBracketed(a) => a
            .args
            .iter()
            .filter_map(|g| match g {
                syn::GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// `Option<T>` and `Box<T>` peeled.
fn peel(mut ty: &Type) -> &Type {
    loop {
        match last_segment(ty) {
            Some(seg) if seg.ident == "Option" || seg.ident == "Box" => {
                match type_args(seg).first() {
                    Some(inner) => ty = inner,
                    None => return ty,
                }
            }
            _ => return ty,
        }
    }
}

fn format_words(format: &str) -> Option<&'static str> {
    Some(match format {
        "uri" => "URI",
        "date-time" => "Date-time (RFC 3339)",
        "date" => "Date (YYYY-MM-DD)",
        "email" => "Email address",
        "uuid" => "UUID",
        "int32" => "32-bit integer",
        "int64" => "64-bit integer",
        _ => return None,
    })
}

/// Words for a type, as a noun phrase (`plural` for list items).
fn describe(ty: &Type, format: Option<&str>, index: &TypeIndex, plural: bool) -> String {
    let ty = peel(ty);
    let Some(seg) = last_segment(ty) else {
        return "Value".into();
    };
    let name = seg.ident.to_string();
    let args = type_args(seg);
    let s = |one: &str, many: &str| if plural { many } else { one }.to_string();
    match name.as_str() {
        "String" => match format.and_then(format_words) {
            Some(w) if plural => format!("{w}s"),
            Some(w) => w.to_string(),
            None => s("Text", "texts"),
        },
        "DateTime" => s("Date-time (RFC 3339)", "date-times (RFC 3339)"),
        "NaiveDate" => s("Date (YYYY-MM-DD)", "dates (YYYY-MM-DD)"),
        "Uuid" => s("UUID", "UUIDs"),
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "isize" | "usize" => {
            s("Integer", "integers")
        }
        "NonZeroU32" | "NonZeroU64" => s("Positive integer", "positive integers"),
        "f32" | "f64" => s("Number", "numbers"),
        "bool" => s("Boolean", "booleans"),
        "Value" => s("Any JSON value", "JSON values"),
        "Map" if !args.is_empty() || ty_text(ty).contains("serde_json") => {
            s("JSON object", "JSON objects")
        }
        "Vec" => match args.first() {
            Some(inner) => format!(
                "{} of {}",
                s("List", "lists"),
                describe(inner, None, index, true)
            ),
            None => s("List", "lists"),
        },
        "HashMap" | "BTreeMap" | "Map" => match args.get(1) {
            Some(value) => format!(
                "{} from keys to {}",
                s("Map", "maps"),
                describe(value, None, index, true)
            ),
            None => s("Map", "maps"),
        },
        _ => {
            if let Some(values) = index.enums.get(&name) {
                let listed: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
                if plural {
                    format!("{} values ([`{name}`])", listed.join(", "))
                } else {
                    format!("One of {} ([`{name}`])", listed.join(", "))
                }
            } else if index.structs.contains(&name) {
                format!("[`{name}`] {}", if plural { "objects" } else { "object" })
            } else if index.names.contains(&name) {
                format!("[`{name}`]")
            } else {
                format!("`{name}`")
            }
        }
    }
}

fn ty_text(ty: &Type) -> String {
    quote::quote!(#ty).to_string()
}

/// The one-line doc of a model field.
pub fn field_doc(
    rust_name: &str,
    wire: &str,
    ty: &Type,
    facts: Option<&PropFacts>,
    index: &TypeIndex,
) -> String {
    let peeled = peel(ty);
    let is_list = last_segment(peeled).is_some_and(|s| s.ident == "Vec");
    let format = facts.and_then(|f| {
        if is_list {
            f.item_format.as_deref()
        } else {
            f.format.as_deref()
        }
    });
    let mut parts = vec![describe(ty, format, index, false)];
    if let Some(f) = facts {
        if f.read_only {
            parts.push("read-only".into());
        }
        if f.nullable {
            parts.push("may be `null`".into());
        }
        if f.deprecated {
            parts.push("deprecated".into());
        }
        if f.observed {
            parts.push(
                "as observed in real responses (the published spec omits or mistypes it)".into(),
            );
        }
    }
    let mut doc = format!("{}.", parts.join("; "));
    // `type_` for `type` is Rust's keyword escape, not a different name.
    if wire != rust_name.trim_end_matches('_') {
        doc.push_str(&format!(" Sent as `{wire}`."));
    }
    doc
}

/// Adds a doc to every public named field of the structs in `items` that has none. Returns how
/// many fields were documented.
pub fn document_fields(items: &mut [Item], facts: &SchemaFacts) -> usize {
    let index = TypeIndex::new(items);
    let mut added = 0;
    for item in items.iter_mut() {
        let Item::Struct(s) = item else { continue };
        let props = facts.get(&s.ident.to_string());
        let Fields::Named(fields) = &mut s.fields else {
            continue;
        };
        for field in fields.named.iter_mut() {
            if !matches!(field.vis, syn::Visibility::Public(_))
                || field.attrs.iter().any(|a| a.path().is_ident("doc"))
            {
                continue;
            }
            let Some(ident) = &field.ident else { continue };
            let rust_name = ident.to_string();
            let wire =
                crate::generate::serde_rename(&field.attrs).unwrap_or_else(|| rust_name.clone());
            let doc = field_doc(
                &rust_name,
                &wire,
                &field.ty,
                props.and_then(|p| p.get(&wire)),
                &index,
            );
            let text = format!(" {doc}");
            field.attrs.insert(0, syn::parse_quote!(#[doc = #text]));
            added += 1;
        }
    }
    added
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use syn::parse_quote;

    #[test]
    fn facts_follow_typify_names_for_components_inline_objects_and_items() {
        let spec = json!({"components": {"schemas": {
            "pullrequest": {"type": "object", "properties": {
                "created_on": {"type": "string", "format": "date-time", "readOnly": true},
                "links": {"type": "object", "properties": {
                    "self": {"type": "object", "properties": {
                        "href": {"type": "string", "format": "uri"}
                    }}
                }},
                "urls": {"type": "array", "items": {"type": "string", "format": "uri"}},
                "tasks": {"type": "array", "items": {"type": "object", "properties": {
                    "old": {"type": "string", "deprecated": true, "nullable": true}
                }}}
            }}
        }}});
        let facts = schema_facts(&spec);
        assert!(facts["Pullrequest"]["created_on"].read_only);
        assert_eq!(
            facts["PullrequestLinksSelf"]["href"].format.as_deref(),
            Some("uri")
        );
        assert_eq!(
            facts["Pullrequest"]["urls"].item_format.as_deref(),
            Some("uri")
        );
        let old = &facts["PullrequestTasksItem"]["old"];
        assert!(old.deprecated && old.nullable);
    }

    #[test]
    fn field_docs_state_type_format_enum_values_flags_and_wire_name() {
        let mut items: Vec<Item> = vec![
            parse_quote! {
                pub struct Pullrequest {
                    pub created_on: ::std::option::Option<::chrono::DateTime<::chrono::offset::Utc>>,
                    pub state: ::std::option::Option<PullrequestState>,
                    pub reviewers: ::std::vec::Vec<Account>,
                    pub author: ::std::option::Option<::std::boxed::Box<Account>>,
                    #[serde(rename = "expiryDays")]
                    pub expiry_days: ::std::option::Option<i64>,
                    #[serde(rename = "type")]
                    pub type_: ::std::option::Option<::std::string::String>,
                    pub href: ::std::option::Option<::std::string::String>,
                    pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
                    pub tags: ::std::vec::Vec<::std::string::String>,
                    pub kinds: ::std::vec::Vec<PullrequestState>,
                    /// Kept.
                    pub documented: bool,
                    private: bool,
                }
            },
            parse_quote! {
                pub enum PullrequestState {
                    #[serde(rename = "OPEN")]
                    Open,
                    #[serde(rename = "MERGED")]
                    Merged,
                    #[serde(untagged)]
                    Unknown(::std::string::String),
                }
            },
            parse_quote! { pub struct Account { pub id: i64 } },
        ];
        let mut facts = SchemaFacts::new();
        let props = facts.entry("Pullrequest".into()).or_default();
        props.insert(
            "created_on".into(),
            PropFacts {
                format: Some("date-time".into()),
                read_only: true,
                ..Default::default()
            },
        );
        props.insert(
            "href".into(),
            PropFacts {
                format: Some("uri".into()),
                deprecated: true,
                ..Default::default()
            },
        );
        mark_observed(
            &mut facts,
            &[crate::observed::ObservedField {
                schema: "pullrequest".into(),
                property: "expiryDays".into(),
                ty: json!({"type": "integer"}),
                source: "https://example.com".into(),
                evidence: None,
            }],
        );
        assert_eq!(document_fields(&mut items, &facts), 11);
        let Item::Struct(s) = &items[0] else { panic!() };
        let docs: Vec<String> = s
            .fields
            .iter()
            .map(|f| {
                f.attrs
                    .iter()
                    .filter_map(|a| match &a.meta {
                        syn::Meta::NameValue(nv) => match &nv.value {
                            syn::Expr::Lit(syn::ExprLit {
                                lit: syn::Lit::Str(s),
                                ..
                            }) => Some(s.value()),
                            _ => None,
                        },
                        _ => None,
                    })
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect();
        assert_eq!(
            docs,
            [
                " Date-time (RFC 3339); read-only.",
                " One of `OPEN`, `MERGED` ([`PullrequestState`]).",
                " List of [`Account`] objects.",
                " [`Account`] object.",
                " Integer; as observed in real responses (the published spec omits or mistypes it). Sent as `expiryDays`.",
                " Text.",
                " URI; deprecated.",
                " JSON object.",
                " List of texts.",
                " List of `OPEN`, `MERGED` values ([`PullrequestState`]).",
                " Kept.",
                "",
            ]
        );
    }
}
