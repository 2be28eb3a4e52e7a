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

pub(crate) fn serde_rename(attrs: &[Attribute]) -> Option<String> {
    for a in attrs {
        if a.path().is_ident("serde") {
            let mut out = None;
            let _ = a.parse_nested_meta(|m| {
                if m.path.is_ident("rename") {
                    let lit: syn::LitStr = m.value()?.parse()?;
                    out = Some(lit.value());
                }
                Ok(())
            });
            if out.is_some() {
                return out;
            }
        }
    }
    None
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
