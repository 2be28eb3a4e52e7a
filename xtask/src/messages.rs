//! Error messages of the generated builders in the project's own words.
//!
//! progenitor's operation builders say `"workspace was not initialized"` for a required
//! parameter that was never set and ``"conversion to `:: std :: num :: NonZeroU32` for pagelen
//! failed"`` for a value that did not convert; typify's model builders say `"error converting
//! supplied value for x: ..."`. These rewrites name the operation (or model) and the parameter
//! in plain words and never print a Rust type path:
//!
//! - `get_repository: required parameter `workspace` is not set (call .workspace(...))`
//! - `list_repositories: `pagelen` must be a non-zero integer: <detail>`
//! - `Account: `created_on` could not be converted: <detail>`

use quote::quote;
use syn::visit_mut::VisitMut;
use syn::{Expr, ImplItem, ItemImpl, Type, parse_quote};

/// The message for a required parameter of `op` that was never set.
pub fn required_message(op: &str, param: &str) -> String {
    format!("{op}: required parameter `{param}` is not set (call .{param}(...))")
}

/// What a value given for `param` must be, from the (token-printed) target type.
fn expectation(param: &str, type_text: &str) -> String {
    let compact = type_text.replace(' ', "");
    let last = compact
        .split('<')
        .next()
        .unwrap_or_default()
        .rsplit("::")
        .next()
        .unwrap_or_default();
    match last {
        "NonZeroU8" | "NonZeroU16" | "NonZeroU32" | "NonZeroU64" | "NonZeroUsize" => {
            format!("`{param}` must be a non-zero integer")
        }
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize" => {
            format!("`{param}` must be an integer in range")
        }
        "f32" | "f64" => format!("`{param}` must be a number"),
        "bool" => format!("`{param}` must be `true` or `false`"),
        "String" => format!("`{param}` must be text"),
        "Value" => format!("`{param}` must be a JSON value"),
        "Uuid" => format!("`{param}` must be a UUID"),
        "DateTime" => format!("`{param}` must be a date-time"),
        "Vec" => format!("`{param}` must be a list"),
        _ if param == "body" => "the request body is not valid".to_string(),
        _ => format!("`{param}` is not an accepted value"),
    }
}

/// The message for a value given for `param` of `op` that did not convert to `type_text`;
/// `{e}` is the conversion error's text.
pub fn conversion_message(op: &str, param: &str, type_text: &str) -> String {
    format!("{op}: {}: {{e}}", expectation(param, type_text))
}

/// Splits progenitor's ``conversion to `T` for p failed`` into `(T, p)`.
fn parse_conversion(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("conversion to `")?;
    let (ty, rest) = rest.split_once("` for ")?;
    let param = rest
        .strip_suffix(" failed")
        .or_else(|| rest.strip_suffix(" failed: {}"))?;
    Some((ty, param))
}

/// The first string literal of a closure body: `"..".to_string()` or `format!("..", ..)`.
fn body_literal(body: &Expr) -> Option<String> {
    match body {
        Expr::Block(b) => match b.block.stmts.as_slice() {
            [syn::Stmt::Expr(e, None)] => body_literal(e),
            _ => None,
        },
        Expr::MethodCall(m) if m.method == "to_string" => match &*m.receiver {
            Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) => Some(s.value()),
            _ => None,
        },
        Expr::Macro(m) if m.mac.path.is_ident("format") => {
            let args = m
                .mac
                .parse_body_with(
                    syn::punctuated::Punctuated::<Expr, syn::Token![,]>::parse_terminated,
                )
                .ok()?;
            match args.first()? {
                Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value()),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Rewrites the messages of one operation builder's `impl` block. Returns how many changed.
pub fn rewrite_operation_builder(imp: &mut ItemImpl, op: &str) -> usize {
    let mut total = 0;
    for ii in imp.items.iter_mut() {
        let ImplItem::Fn(f) = ii else { continue };
        let mut v = OperationMessages {
            op,
            required: 0,
            conversions: 0,
        };
        v.visit_block_mut(&mut f.block);
        if v.conversions > 0 {
            require_display_error(&mut f.sig.generics);
        }
        total += v.required + v.conversions;
    }
    total
}

/// Setters whose conversion error was discarded (`|_|`) now print it: the error type must be
/// `Display` (it is for every std conversion and typify's `ConversionError`).
fn require_display_error(generics: &mut syn::Generics) {
    let Some(param) = generics.type_params().next().map(|p| p.ident.clone()) else {
        return;
    };
    let where_clause = generics.make_where_clause();
    let text = quote!(#where_clause).to_string();
    if text.contains(":: Error") || text.contains("::Error") {
        return;
    }
    let target = where_clause.predicates.iter().find_map(|p| match p {
        syn::WherePredicate::Type(t) if quote!(#t).to_string().starts_with(&param.to_string()) => {
            t.bounds.iter().find_map(|b| match b {
                syn::TypeParamBound::Trait(tb) => {
                    let last = tb.path.segments.last()?;
                    if last.ident != "TryInto" {
                        return None;
                    }
                    match &last.arguments {
                        syn::PathArguments::AngleBracketed(a) => {
                            a.args.iter().find_map(|g| match g {
                                syn::GenericArgument::Type(t) => Some(t.clone()),
                                _ => None,
                            })
                        }
                        _ => None,
                    }
                }
                _ => None,
            })
        }
        _ => None,
    });
    if let Some(target) = target {
        let target: Type = target;
        where_clause.predicates.push(parse_quote!(
            <#param as std::convert::TryInto<#target>>::Error: std::fmt::Display
        ));
    }
}

struct OperationMessages<'a> {
    op: &'a str,
    required: usize,
    conversions: usize,
}

impl VisitMut for OperationMessages<'_> {
    fn visit_lit_str_mut(&mut self, lit: &mut syn::LitStr) {
        let value = lit.value();
        if let Some(param) = value.strip_suffix(" was not initialized")
            && !param.is_empty()
            && param.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            *lit = syn::LitStr::new(&required_message(self.op, param), lit.span());
            self.required += 1;
        }
    }

    fn visit_expr_method_call_mut(&mut self, call: &mut syn::ExprMethodCall) {
        syn::visit_mut::visit_expr_method_call_mut(self, call);
        if call.method != "map_err" || call.args.len() != 1 {
            return;
        }
        let Some(Expr::Closure(closure)) = call.args.first() else {
            return;
        };
        // Setters: `map_err(|_| "conversion to `T` for p failed".to_string())`.
        if let Some(text) = body_literal(&closure.body)
            && let Some((ty, param)) = parse_conversion(&text)
        {
            let msg = conversion_message(self.op, param, ty);
            call.args[0] = parse_quote!(|e| format!(#msg));
            self.conversions += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(imp: &ItemImpl) -> String {
        prettyplease::unparse(&syn::File {
            shebang: None,
            attrs: vec![],
            items: vec![syn::Item::Impl(imp.clone())],
        })
    }

    #[test]
    fn required_and_conversion_messages_name_the_operation_and_parameter() {
        let mut imp: ItemImpl = parse_quote! {
            impl<'a> ListRepositories<'a> {
                pub fn new(client: &'a super::Client) -> Self {
                    Self {
                        client: client,
                        workspace: Err("workspace was not initialized".to_string()),
                        pagelen: Ok(None),
                    }
                }
                pub fn pagelen<V>(mut self, value: V) -> Self
                where
                    V: std::convert::TryInto<::std::num::NonZeroU32>,
                {
                    self.pagelen = value.try_into().map(Some).map_err(|_| {
                        "conversion to `:: std :: num :: NonZeroU32` for pagelen failed".to_string()
                    });
                    self
                }
                pub fn body<V>(mut self, value: V) -> Self
                where
                    V: std::convert::TryInto<types::Repository>,
                    <V as std::convert::TryInto<types::Repository>>::Error: std::fmt::Display,
                {
                    self.body = value
                        .try_into()
                        .map(From::from)
                        .map_err(|s| format!("conversion to `Repository` for body failed: {}", s));
                    self
                }
            }
        };
        assert_eq!(rewrite_operation_builder(&mut imp, "list_repositories"), 3);
        let out = render(&imp);
        assert!(
            out.contains(
                "\"list_repositories: required parameter `workspace` is not set (call .workspace(...))\""
            ),
            "{out}"
        );
        assert!(
            out.contains(
                "format!(\"list_repositories: `pagelen` must be a non-zero integer: {e}\")"
            ),
            "{out}"
        );
        assert!(
            out.contains(
                "<V as std::convert::TryInto<::std::num::NonZeroU32>>::Error: std::fmt::Display"
            ),
            "{out}"
        );
        assert!(
            out.contains("format!(\"list_repositories: the request body is not valid: {e}\")"),
            "{out}"
        );
        // The body setter already had its `Display` bound: not added twice.
        assert_eq!(
            out.matches("TryInto<types::Repository>>::Error").count(),
            1,
            "{out}"
        );
        assert!(!out.contains("conversion to"), "{out}");
        assert!(!out.contains("was not initialized"), "{out}");
    }

    #[test]
    fn expectations_never_print_type_paths() {
        for (ty, want) in [
            (":: std :: string :: String", "`p` must be text"),
            ("i64", "`p` must be an integer in range"),
            ("bool", "`p` must be `true` or `false`"),
            (":: serde_json :: Value", "`p` must be a JSON value"),
            (":: uuid :: Uuid", "`p` must be a UUID"),
            (
                ":: chrono :: DateTime < :: chrono :: offset :: Utc >",
                "`p` must be a date-time",
            ),
            (
                ":: std :: vec :: Vec < ReportAnnotation >",
                "`p` must be a list",
            ),
            (
                "ListWorkspaceRepositoriesRole",
                "`p` is not an accepted value",
            ),
        ] {
            assert_eq!(expectation("p", ty), want);
        }
        assert_eq!(
            expectation("body", "Repository"),
            "the request body is not valid"
        );
        assert_eq!(
            parse_conversion("conversion to `Repository` for body failed: {}"),
            Some(("Repository", "body"))
        );
    }
}
