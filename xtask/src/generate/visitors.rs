//! The `syn` visitors the post-processing runs over progenitor's output: tolerant enum
//! fallbacks, path encoders, JSON answers read by the core, skipped unset boxes, timestamp
//! decoders, `null`-tolerant lists and maps, one-line docs, docs on public items, lint
//! allowances, and the item cap field of paged builders.

use super::syntax::{doc_attr, generic_arg, has_doc, is_option_of, serde_items, serde_rename};
use quote::quote;
use syn::visit_mut::VisitMut;
use syn::{Attribute, Fields, ImplItem, ItemEnum, ItemImpl, parse_quote};

/// Rewrites `Err(..)` fallbacks of a `FromStr` impl into the `Unknown` variant.
pub(super) struct FallbackArm {
    pub(super) fallback: syn::Ident,
}

impl VisitMut for FallbackArm {
    fn visit_arm_mut(&mut self, arm: &mut syn::Arm) {
        if matches!(arm.pat, syn::Pat::Wild(_)) {
            let fb = &self.fallback;
            *arm.body = parse_quote!(Ok(Self::#fb(value.to_string())));
        }
        syn::visit_mut::visit_arm_mut(self, arm);
    }
}

/// Progenitor's `ResponseValue::from_response(response)` (a JSON answer) becomes
/// `crate::wiring::json_response(response)`, which parses the body through the core.
pub(super) struct CoreJsonAnswers {
    pub(super) count: usize,
}

impl VisitMut for CoreJsonAnswers {
    fn visit_expr_call_mut(&mut self, call: &mut syn::ExprCall) {
        syn::visit_mut::visit_expr_call_mut(self, call);
        if let syn::Expr::Path(p) = &*call.func {
            let names: Vec<String> = p
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect();
            if names.ends_with(&["ResponseValue".to_owned(), "from_response".to_owned()]) {
                *call.func = parse_quote!(crate::wiring::json_response);
                self.count += 1;
            }
        }
    }
}

/// `encode_path(&x.to_string())` inside `format!` becomes the crate's path helpers (which use
/// the core's encoders); a parameter named `path` is a multi-segment file path and keeps `/`.
pub(super) struct EncodePaths {
    pub(super) segments: usize,
    pub(super) multi: usize,
}

impl VisitMut for EncodePaths {
    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        if !mac.path.is_ident("format") {
            return;
        }
        let Ok(args) = mac.parse_body_with(
            syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated,
        ) else {
            return;
        };
        let mut changed = false;
        let new_args: Vec<syn::Expr> = args
            .into_iter()
            .map(|e| {
                if let syn::Expr::Call(call) = &e
                    && let syn::Expr::Path(p) = &*call.func
                    && p.path.is_ident("encode_path")
                    && let Some(arg) = call.args.first()
                {
                    changed = true;
                    let text = quote!(#arg).to_string();
                    if text.starts_with("& path .") {
                        self.multi += 1;
                        parse_quote!(crate::wiring::encode_file_path(#arg).map_err(Error::InvalidRequest)?)
                    } else {
                        self.segments += 1;
                        parse_quote!(crate::wiring::encode_segment(#arg).map_err(Error::InvalidRequest)?)
                    }
                } else {
                    e
                }
            })
            .collect();
        if changed {
            mac.tokens = quote!(#(#new_args),*);
        }
    }
}

/// typify gives its recursive optional fields (which boxing turns into `Option<Box<T>>`) a bare
/// `#[serde(default)]`, so an unset one would serialize as `null`, which request validation
/// rejects: skip it like any other unset `Option`.
pub(super) struct SkipNoneBoxes {
    pub(super) fixed: usize,
}

impl VisitMut for SkipNoneBoxes {
    fn visit_field_mut(&mut self, field: &mut syn::Field) {
        if is_option_of(&field.ty, "Box")
            && !serde_items(&field.attrs)
                .iter()
                .any(|(k, _)| k == "skip_serializing_if")
        {
            field.attrs.retain(|a| {
                !(a.path().is_ident("serde")
                    && quote!(#a).to_string().replace(' ', "") == "#[serde(default)]")
            });
            field.attrs.push(parse_quote!(
                #[serde(default, skip_serializing_if = "::std::option::Option::is_none")]
            ));
            self.fixed += 1;
        }
    }
}

/// `Option<DateTime<Utc>>` fields decode through `crate::timestamp::option`: chrono's strict
/// RFC 3339 reader first, its relaxed parser only when that fails (same values, a fraction of
/// the time).
pub(super) struct Timestamps {
    pub(super) fields: usize,
}

impl VisitMut for Timestamps {
    fn visit_field_mut(&mut self, field: &mut syn::Field) {
        if is_option_of(&field.ty, "DateTime") {
            field.attrs.push(parse_quote!(
                #[serde(default, deserialize_with = "crate::timestamp::option")]
            ));
            self.fields += 1;
        }
    }
}

/// Fields that are not `Option` decode an explicit `null` instead of failing the whole object:
/// a `Vec` as an empty list with `null` items left out, any other defaulted field (maps, enums)
/// as its default, through the core's `decode::nulls` (the decoders the DC models use too).
/// `Option` fields need nothing: serde reads `null` as `None`.
pub(super) struct NullTolerant {
    pub(super) fields: usize,
}

impl VisitMut for NullTolerant {
    fn visit_field_mut(&mut self, field: &mut syn::Field) {
        let items = serde_items(&field.attrs);
        let has = |key: &str| items.iter().any(|(k, _)| k == key);
        if generic_arg(&field.ty, "Option").is_some()
            || has("deserialize_with")
            || has("with")
            || has("flatten")
        {
            return;
        }
        let decoder = if generic_arg(&field.ty, "Vec").is_some() {
            "::bitbucket_core::decode::nulls::list"
        } else if has("default") {
            "::bitbucket_core::decode::nulls::or_default"
        } else {
            return;
        };
        field
            .attrs
            .push(parse_quote!(#[serde(deserialize_with = #decoder)]));
        self.fields += 1;
    }
}

pub(super) struct SplitDocs;

fn split_docs(attrs: &mut Vec<Attribute>) {
    if !attrs.iter().any(|a| a.path().is_ident("doc")) {
        return;
    }
    let mut out = Vec::with_capacity(attrs.len());
    for a in attrs.drain(..) {
        if let syn::Meta::NameValue(nv) = &a.meta
            && nv.path.is_ident("doc")
            && let syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) = &nv.value
            && s.value().contains('\n')
        {
            for line in s.value().lines() {
                let line = if line.is_empty() || line.starts_with(' ') {
                    line.to_string()
                } else {
                    format!(" {line}")
                };
                out.push(doc_attr(&line));
            }
        } else {
            out.push(a);
        }
    }
    *attrs = out;
}

macro_rules! split_visit {
    ($($method:ident: $ty:ty => $walk:path;)*) => {
        impl VisitMut for SplitDocs {
            $(fn $method(&mut self, node: &mut $ty) {
                split_docs(&mut node.attrs);
                $walk(self, node);
            })*
        }
    };
}

split_visit! {
    visit_item_struct_mut: syn::ItemStruct => syn::visit_mut::visit_item_struct_mut;
    visit_item_enum_mut: syn::ItemEnum => syn::visit_mut::visit_item_enum_mut;
    visit_item_fn_mut: syn::ItemFn => syn::visit_mut::visit_item_fn_mut;
    visit_item_mod_mut: syn::ItemMod => syn::visit_mut::visit_item_mod_mut;
    visit_item_trait_mut: syn::ItemTrait => syn::visit_mut::visit_item_trait_mut;
    visit_item_impl_mut: syn::ItemImpl => syn::visit_mut::visit_item_impl_mut;
    visit_item_type_mut: syn::ItemType => syn::visit_mut::visit_item_type_mut;
    visit_item_const_mut: syn::ItemConst => syn::visit_mut::visit_item_const_mut;
    visit_field_mut: syn::Field => syn::visit_mut::visit_field_mut;
    visit_variant_mut: syn::Variant => syn::visit_mut::visit_variant_mut;
    visit_impl_item_fn_mut: syn::ImplItemFn => syn::visit_mut::visit_impl_item_fn_mut;
    visit_trait_item_fn_mut: syn::TraitItemFn => syn::visit_mut::visit_trait_item_fn_mut;
}

/// Adds a short doc comment to public items progenitor/typify left undocumented (the spec's
/// prose was stripped on import), so the crate passes `missing_docs`.
pub(super) struct AddDocs {
    pub(super) added: usize,
}

fn is_pub(vis: &syn::Visibility) -> bool {
    matches!(vis, syn::Visibility::Public(_))
}

impl AddDocs {
    fn add(&mut self, attrs: &mut Vec<Attribute>, text: String) {
        if !has_doc(attrs) {
            attrs.insert(0, doc_attr(&format!(" {text}")));
            self.added += 1;
        }
    }
}

impl VisitMut for AddDocs {
    fn visit_item_struct_mut(&mut self, s: &mut syn::ItemStruct) {
        if is_pub(&s.vis) {
            self.add(&mut s.attrs, format!("`{}` model.", s.ident));
        }
        if let Fields::Named(f) = &mut s.fields {
            for field in f.named.iter_mut() {
                if is_pub(&field.vis) {
                    let name = serde_rename(&field.attrs)
                        .or_else(|| {
                            field
                                .ident
                                .as_ref()
                                .map(|i| i.to_string().trim_end_matches('_').to_string())
                        })
                        .unwrap_or_default();
                    self.add(&mut field.attrs, format!("The `{name}` field."));
                }
            }
        }
        if let Fields::Unnamed(f) = &mut s.fields {
            for field in f.unnamed.iter_mut() {
                if is_pub(&field.vis) {
                    self.add(&mut field.attrs, "The wrapped value.".to_string());
                }
            }
        }
        syn::visit_mut::visit_item_struct_mut(self, s);
    }
    fn visit_item_enum_mut(&mut self, e: &mut ItemEnum) {
        if is_pub(&e.vis) {
            self.add(&mut e.attrs, format!("`{}` values.", e.ident));
        }
        for v in e.variants.iter_mut() {
            let name = serde_rename(&v.attrs).unwrap_or_else(|| v.ident.to_string());
            self.add(&mut v.attrs, format!("`{name}`."));
        }
        syn::visit_mut::visit_item_enum_mut(self, e);
    }
    fn visit_item_mod_mut(&mut self, m: &mut syn::ItemMod) {
        if is_pub(&m.vis) {
            self.add(&mut m.attrs, format!("Generated `{}` items.", m.ident));
        }
        syn::visit_mut::visit_item_mod_mut(self, m);
    }
    fn visit_item_trait_mut(&mut self, t: &mut syn::ItemTrait) {
        if is_pub(&t.vis) {
            self.add(&mut t.attrs, format!("Operations of `{}`.", t.ident));
        }
        for ti in t.items.iter_mut() {
            if let syn::TraitItem::Fn(f) = ti {
                let name = f.sig.ident.to_string();
                self.add(&mut f.attrs, format!("`{name}` operation."));
            }
        }
        syn::visit_mut::visit_item_trait_mut(self, t);
    }
    fn visit_item_impl_mut(&mut self, imp: &mut ItemImpl) {
        if imp.trait_.is_none() {
            for ii in imp.items.iter_mut() {
                if let ImplItem::Fn(f) = ii
                    && is_pub(&f.vis)
                {
                    let name = f.sig.ident.to_string();
                    let text = if f.sig.inputs.len() == 2 {
                        format!("Sets `{name}`.")
                    } else {
                        format!("`{name}`.")
                    };
                    self.add(&mut f.attrs, text);
                }
            }
        }
        syn::visit_mut::visit_item_impl_mut(self, imp);
    }
    fn visit_item_fn_mut(&mut self, f: &mut syn::ItemFn) {
        if is_pub(&f.vis) {
            let name = f.sig.ident.to_string();
            self.add(&mut f.attrs, format!("`{name}`."));
        }
    }
    fn visit_item_type_mut(&mut self, t: &mut syn::ItemType) {
        if is_pub(&t.vis) {
            self.add(&mut t.attrs, format!("`{}` alias.", t.ident));
        }
    }
    fn visit_item_const_mut(&mut self, c: &mut syn::ItemConst) {
        if is_pub(&c.vis) {
            self.add(&mut c.attrs, format!("`{}`.", c.ident));
        }
    }
}

/// progenitor's lint allowances. The blanket `clippy::all` over `types` and `builder` goes (the
/// crate names the few lints its output trips, with reasons) and so do the `unused_imports`
/// ones (every import they cover is used); the others become `expect`s, so an allowance that is
/// no longer needed fails the build instead of lingering.
pub(super) struct Allowances;

impl VisitMut for Allowances {
    fn visit_attributes_mut(&mut self, attrs: &mut Vec<Attribute>) {
        attrs.retain(|a| {
            let text = quote!(#a).to_string();
            !(a.path().is_ident("allow")
                && (text.contains("clippy :: all") || text.contains("unused_imports")))
        });
        for a in attrs.iter_mut() {
            if let syn::Meta::List(list) = &mut a.meta
                && list.path.is_ident("allow")
            {
                list.path = parse_quote!(expect);
            }
        }
    }
}

/// `max_items: None` in the struct literal of a paginated builder's `new()`.
pub(super) struct MaxItemsField;

impl VisitMut for MaxItemsField {
    fn visit_expr_struct_mut(&mut self, e: &mut syn::ExprStruct) {
        if e.path.is_ident("Self") {
            e.fields.push(parse_quote!(max_items: None));
        }
    }
}
