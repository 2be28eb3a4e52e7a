//! Small syntax helpers shared by the post-processing passes: names, doc attributes and the
//! shapes of progenitor's types.

use quote::quote;
use syn::{Attribute, Fields, ItemEnum, Type, parse_quote};

/// The builder struct name progenitor derives from an operation id.
pub(crate) fn pascal(id: &str) -> String {
    id.split('_')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

pub(super) fn doc_attr(text: &str) -> Attribute {
    parse_quote!(#[doc = #text])
}

pub(super) fn has_doc(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|a| a.path().is_ident("doc"))
}

pub(super) fn is_plain_string_enum(e: &ItemEnum) -> bool {
    !e.variants.is_empty()
        && e.variants.iter().all(|v| matches!(v.fields, Fields::Unit))
        && e.attrs
            .iter()
            .any(|a| a.path().is_ident("derive") && quote!(#a).to_string().contains("Deserialize"))
}

/// The wire name a `#[serde(rename = "...")]` gives an item, if any.
pub(crate) fn serde_rename(attrs: &[Attribute]) -> Option<String> {
    serde_items(attrs)
        .into_iter()
        .find_map(|(key, value)| match value {
            Some(syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            })) if key == "rename" => Some(s.value()),
            _ => None,
        })
}

/// The items of an item's `#[serde(...)]` attributes, in order: each key (`default`, `rename`,
/// `skip_serializing_if`, ...) with its value when it has one.
pub(super) fn serde_items(attrs: &[Attribute]) -> Vec<(String, Option<syn::Expr>)> {
    let mut items = Vec::new();
    for a in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = a.parse_nested_meta(|m| {
            let key = m
                .path
                .get_ident()
                .map(ToString::to_string)
                .unwrap_or_default();
            let value = if m.input.peek(syn::Token![=]) {
                Some(m.value()?.parse::<syn::Expr>()?)
            } else {
                None
            };
            items.push((key, value));
            Ok(())
        });
    }
    items
}

/// `T` from `Name<T, ...>` (last path segment named `name`).
pub(super) fn generic_arg(ty: &Type, name: &str) -> Option<Type> {
    let Type::Path(tp) = ty else { return None };
    let last = tp.path.segments.last()?;
    if last.ident != name {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    args.args.iter().find_map(|a| match a {
        syn::GenericArgument::Type(t) => Some(t.clone()),
        _ => None,
    })
}

/// Whether `ty` is `Option<T>` with `T`'s last path segment named `inner`.
pub(super) fn is_option_of(ty: &Type, inner: &str) -> bool {
    generic_arg(ty, "Option").is_some_and(|t| last_ident(&t).as_deref() == Some(inner))
}

pub(super) fn last_ident(ty: &Type) -> Option<String> {
    let Type::Path(tp) = ty else { return None };
    tp.path.segments.last().map(|s| s.ident.to_string())
}

/// JSON-decoded success types (not `()` nor `ByteStream`).
pub(super) fn is_json_type(ty: &Type) -> bool {
    match ty {
        Type::Tuple(t) => !t.elems.is_empty(),
        _ => last_ident(ty).as_deref() != Some("ByteStream"),
    }
}

/// Qualifies a type named inside `mod types` for use from `mod builder`.
pub(super) fn qualify_types(ty: Type) -> Type {
    if let Type::Path(tp) = &ty
        && tp.qself.is_none()
        && tp.path.leading_colon.is_none()
        && tp.path.segments.len() == 1
    {
        let seg = &tp.path.segments[0];
        if matches!(seg.arguments, syn::PathArguments::None) {
            let id = &seg.ident;
            return parse_quote!(types::#id);
        }
    }
    ty
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_items_list_every_key_and_rename_is_found_anywhere() {
        let field: syn::Field = syn::parse_quote! {
            #[serde(default, skip_serializing_if = "Option::is_none")]
            #[serde(rename = "type")]
            pub type_: Option<String>
        };
        let keys: Vec<String> = serde_items(&field.attrs)
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(keys, ["default", "skip_serializing_if", "rename"]);
        assert_eq!(serde_rename(&field.attrs).as_deref(), Some("type"));
        let plain: syn::Field = syn::parse_quote! { #[doc = "x"] pub name: String };
        assert!(serde_items(&plain.attrs).is_empty() && serde_rename(&plain.attrs).is_none());
    }
}
