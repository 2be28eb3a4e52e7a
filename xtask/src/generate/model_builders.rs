//! Models without typify's per-model builders.
//!
//! typify emits, for every model, a `types::builder::*` twin (a struct of `Result` fields with a
//! setter per field and conversions both ways) and progenitor's body parameters go through it.
//! That twin was about two thirds of `types.rs` and a third of the crate's compile time, while
//! every model already derives `Default` and has public fields: a body is a struct literal
//! (`Model { name: Some(..), ..Default::default() }`). This pass drops the twins and makes the
//! operation builders hold the model itself.

use syn::visit_mut::VisitMut;
use syn::{Expr, ImplItem, Item};

/// Removes `mod builder` and each model's `fn builder()` from the `types` module; returns how
/// many models had a builder.
pub(super) fn drop_model_builders(items: &mut Vec<Item>) -> usize {
    let is_builder_fn = |item: &Item| {
        matches!(item, Item::Impl(imp) if imp.trait_.is_none()
            && imp.items.len() == 1
            && matches!(&imp.items[0], ImplItem::Fn(f) if f.sig.ident == "builder"))
    };
    let models = items.iter().filter(|i| is_builder_fn(i)).count();
    items.retain(|item| {
        !is_builder_fn(item) && !matches!(item, Item::Mod(m) if m.ident == "builder")
    });
    models
}

/// In the operation builders: `types::builder::X` becomes `types::X`, and the conversions
/// between the two (`.map(From::from)`, `.and_then(|v| X::try_from(v)..)`) go away.
pub(super) struct PlainBodies {
    pub(super) bodies: usize,
}

impl VisitMut for PlainBodies {
    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        let names: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        if let Some(i) = names
            .windows(2)
            .position(|w| w[0] == "types" && w[1] == "builder")
        {
            let kept = path
                .segments
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i + 1)
                .map(|(_, s)| s.clone())
                .collect();
            path.segments = kept;
            self.bodies += 1;
        }
        syn::visit_mut::visit_path_mut(self, path);
    }

    fn visit_expr_mut(&mut self, expr: &mut Expr) {
        syn::visit_mut::visit_expr_mut(self, expr);
        let Expr::MethodCall(call) = expr else {
            return;
        };
        let [arg] = call.args.iter().collect::<Vec<_>>()[..] else {
            return;
        };
        let identity = match (call.method.to_string().as_str(), arg) {
            ("map", Expr::Path(p)) => quote::quote!(#p).to_string() == "From :: from",
            ("and_then", Expr::Closure(c)) => {
                let body = &c.body;
                quote::quote!(#body).to_string().contains("try_from")
            }
            _ => false,
        };
        if identity {
            let receiver = (*call.receiver).clone();
            *expr = receiver;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;
    use syn::parse_quote;

    #[test]
    fn models_lose_their_builders_and_bodies_hold_the_model() {
        let mut types: Vec<Item> = vec![
            parse_quote!(
                pub struct Repository {
                    pub name: Option<String>,
                }
            ),
            parse_quote!(
                impl Repository {
                    pub fn builder() -> builder::Repository {
                        Default::default()
                    }
                }
            ),
            parse_quote!(
                impl Repository {
                    pub fn other(&self) {}
                }
            ),
            parse_quote!(
                pub mod builder {}
            ),
        ];
        assert_eq!(drop_model_builders(&mut types), 1);
        assert_eq!(types.len(), 2);

        let mut imp: syn::ItemImpl = parse_quote! {
            impl Op {
                pub fn body<V>(mut self, value: V) -> Self where V: TryInto<types::Repository> {
                    self.body = value.try_into().map(From::from).map_err(|e| format!("{e}"));
                    self
                }
                pub fn body_map<F>(mut self, f: F) -> Self
                where F: FnOnce(types::builder::Repository) -> types::builder::Repository {
                    self.body = self.body.map(f);
                    self
                }
                fn try_request(self) {
                    let body = body
                        .and_then(|v| types::Repository::try_from(v).map_err(|e| format!("{e}")))
                        .map_err(Error::InvalidRequest)?;
                }
            }
        };
        let mut v = PlainBodies { bodies: 0 };
        v.visit_item_impl_mut(&mut imp);
        let text = quote!(#imp).to_string();
        assert_eq!(v.bodies, 2, "{text}");
        assert!(!text.contains("builder ::"), "{text}");
        assert!(!text.contains("From :: from"), "{text}");
        assert!(!text.contains("try_from"), "{text}");
        assert!(text.contains("self . body . map (f)"), "{text}");
        assert!(text.contains("let body = body . map_err"), "{text}");
    }
}
