//! Large nested models go behind a `Box`.
//!
//! Merged structs (see [`crate::polymorphism`]) nest by value: a pull-request comment holds a
//! pull request, which holds two endpoints, each with a repository, an owner, a project and a
//! workspace. Without indirection such a value weighs tens of kilobytes, and decoding a page of
//! them in a debug build keeps several copies per nesting level on the stack: enough to
//! overflow a 2 MiB thread (tokio's workers, test threads). The generator therefore estimates
//! each model's size and turns `Option<Big>` into `Option<Box<Big>>` for every model above
//! [`THRESHOLD`] bytes. The threshold is low on purpose: decoding moves each value several
//! times (field slot, struct, page vector), so a small struct with its nested models behind
//! pointers decodes faster than a large one holding them inline (a 100-repository page: 1,800
//! bytes a repository inline at 1 KiB, 336 at 96 bytes, and about 25% less decoding time).
//! Field access is unchanged (`pr.source.as_ref()?.repository.as_ref()?.
//! full_name` auto-derefs through the box); building such a value takes `Box::new`.
//!
//! typify breaks recursive cycles with `Box<Option<T>>`, which allocates even when the field is
//! absent (every repository would pay for an empty `parent`, every branch for an empty
//! `repository` and `target`). Those become `Option<Box<T>>` too: one shape for every boxed
//! model, and no allocation for a field the server did not send.

use std::collections::{BTreeMap, BTreeSet};
use syn::visit_mut::VisitMut;
use syn::{Fields, GenericArgument, Item, PathArguments, Type, parse_quote};

/// Models whose estimated size exceeds this many bytes are boxed where they nest.
pub const THRESHOLD: usize = 96;

/// The names of the structs in `items` whose estimated size, after boxing their own large
/// fields, exceeds [`THRESHOLD`].
pub fn large_structs(items: &[Item]) -> BTreeSet<String> {
    let mut fields: BTreeMap<String, Vec<Type>> = BTreeMap::new();
    let mut enums = BTreeSet::new();
    for item in items {
        match item {
            Item::Struct(s) => {
                let tys = match &s.fields {
                    Fields::Named(f) => f.named.iter().map(|f| f.ty.clone()).collect(),
                    Fields::Unnamed(f) => f.unnamed.iter().map(|f| f.ty.clone()).collect(),
                    Fields::Unit => Vec::new(),
                };
                fields.insert(s.ident.to_string(), tys);
            }
            Item::Enum(e) => {
                enums.insert(e.ident.to_string());
            }
            _ => {}
        }
    }
    let mut sizes = Sizes {
        fields: &fields,
        enums: &enums,
        memo: BTreeMap::new(),
    };
    let names: Vec<String> = fields.keys().cloned().collect();
    names
        .into_iter()
        .filter(|n| sizes.of_struct(n) > THRESHOLD)
        .collect()
}

struct Sizes<'a> {
    fields: &'a BTreeMap<String, Vec<Type>>,
    enums: &'a BTreeSet<String>,
    memo: BTreeMap<String, usize>,
}

impl Sizes<'_> {
    fn of_struct(&mut self, name: &str) -> usize {
        if let Some(s) = self.memo.get(name) {
            return *s;
        }
        // Recursion only happens through `Box`, which `of_type` prices without descending.
        self.memo.insert(name.to_owned(), 0);
        let tys = self.fields.get(name).cloned().unwrap_or_default();
        let size = tys.iter().map(|t| self.of_type(t)).sum();
        self.memo.insert(name.to_owned(), size);
        size
    }

    fn of_type(&mut self, ty: &Type) -> usize {
        let Type::Path(p) = ty else { return 24 };
        let Some(last) = p.path.segments.last() else {
            return 24;
        };
        let name = last.ident.to_string();
        match name.as_str() {
            "Box" | "Arc" => 8,
            "Vec" | "String" | "BTreeMap" | "HashMap" | "Map" => 24,
            "Value" => 32,
            "bool" | "u8" | "i8" => 1,
            "i32" | "u32" | "f32" => 4,
            "i64" | "u64" | "f64" | "NonZeroU64" | "NonZeroU32" => 8,
            "DateTime" | "NaiveDate" => 12,
            "Uuid" => 16,
            "Option" => match first_arg(&last.arguments) {
                Some(inner) => {
                    let inner_size = self.of_type(inner);
                    if is_large(self, inner) {
                        8
                    } else {
                        inner_size + 8
                    }
                }
                None => 8,
            },
            _ if self.enums.contains(&name) => 24,
            _ if self.fields.contains_key(&name) => self.of_struct(&name),
            _ => 24,
        }
    }
}

fn is_large(sizes: &mut Sizes<'_>, ty: &Type) -> bool {
    struct_name(ty)
        .is_some_and(|n| sizes.fields.contains_key(&n) && sizes.of_struct(&n) > THRESHOLD)
}

fn first_arg(args: &PathArguments) -> Option<&Type> {
    match args {
        PathArguments::AngleBracketed(a) => a.args.iter().find_map(|g| match g {
            GenericArgument::Type(t) => Some(t),
            _ => None,
        }),
        _ => None,
    }
}

fn struct_name(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

/// Rewrites `Option<Big>` into `Option<Box<Big>>` wherever it appears (fields, the model
/// builders' fields and setters) and typify's `Box<Option<T>>` into `Option<Box<T>>`, leaving
/// other types already behind a `Box` alone.
pub struct BoxLarge {
    /// Models to box.
    pub large: BTreeSet<String>,
    /// Places rewritten.
    pub boxed: usize,
}

impl VisitMut for BoxLarge {
    fn visit_type_mut(&mut self, ty: &mut Type) {
        let Type::Path(p) = ty else {
            return syn::visit_mut::visit_type_mut(self, ty);
        };
        let Some(last) = p.path.segments.last_mut() else {
            return;
        };
        if last.ident == "Box" {
            if let Some(Type::Path(inner)) = first_arg(&last.arguments)
                && let Some(opt) = inner.path.segments.last()
                && opt.ident == "Option"
                && let Some(model) = first_arg(&opt.arguments)
            {
                let model = model.clone();
                *ty = parse_quote!(::std::option::Option<::std::boxed::Box<#model>>);
                self.boxed += 1;
            }
            return;
        }
        if last.ident == "Option"
            && let PathArguments::AngleBracketed(a) = &mut last.arguments
            && let Some(GenericArgument::Type(inner)) = a.args.first_mut()
            && struct_name(inner).is_some_and(|n| self.large.contains(&n))
        {
            let boxed: Type = parse_quote!(::std::boxed::Box<#inner>);
            *inner = boxed;
            self.boxed += 1;
            return;
        }
        syn::visit_mut::visit_type_mut(self, ty);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn large_models_are_boxed_where_they_nest_and_small_ones_stay_inline() {
        let file: syn::File = parse_quote! {
            pub struct Small { a: Option<String> }
            pub struct Big { x0: Option<Small>, x1: Option<Small>,
                x2: Option<Small>, x3: Option<Small>, x4: Option<Small>, x5: Option<Small>,
                x6: Option<Small>, x7: Option<Small>, x8: Option<Small>, x9: Option<Small>,
                xa: Option<Small>, xb: Option<Small>, xc: Option<Small>, xd: Option<Small>,
                xe: Option<Small>, xf: Option<Small>, xg: Option<Small>, xh: Option<Small> }
            pub struct Holder { big: Option<Big>, small: Option<Small>,
                recursive: Box<Option<Big>>, many: Vec<Big> }
        };
        let large = large_structs(&file.items);
        assert_eq!(large.iter().collect::<Vec<_>>(), ["Big"]);
        let mut holder = file.items[2].clone();
        let mut b = BoxLarge { large, boxed: 0 };
        b.visit_item_mut(&mut holder);
        assert_eq!(b.boxed, 2);
        let text = quote!(#holder).to_string().replace(' ', "");
        assert!(
            text.contains("big:Option<::std::boxed::Box<Big>>"),
            "{text}"
        );
        assert!(text.contains("small:Option<Small>"), "{text}");
        assert!(
            text.contains("recursive:::std::option::Option<::std::boxed::Box<Big>>"),
            "{text}"
        );
        assert!(text.contains("many:Vec<Big>"), "{text}");
    }
}
