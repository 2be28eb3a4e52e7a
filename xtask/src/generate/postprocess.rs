//! Token-tree rewrites applied to progenitor's output: tolerant enums, builders (`send()` with
//! the core's error, `build_request()`, paging, `IntoFuture`), operation docs, then the docs and
//! allowances passes.

use super::OpMeta;
use super::syntax::{
    doc_attr, generic_arg, is_json_type, is_plain_string_enum, last_ident, pascal, qualify_types,
    serde_rename,
};
use super::visitors::{
    AddDocs, Allowances, CoreJsonAnswers, EncodePaths, FallbackArm, MaxItemsField, NullTolerant,
    SkipNoneBoxes, SplitDocs, Timestamps,
};
use anyhow::{Context, Result, bail};
use quote::{format_ident, quote};
use std::collections::{BTreeMap, BTreeSet};
use syn::visit_mut::VisitMut;
use syn::{Fields, File, ImplItem, Item, ItemImpl, Type, parse_quote};

/// Token-tree rewrites applied to progenitor's output.
pub(super) struct PostProcess {
    ops: BTreeMap<String, OpMeta>,
    /// Builder struct name (PascalCase) -> operation id.
    by_struct: BTreeMap<String, String>,
    /// `Paginated*` type name -> item type.
    page_items: BTreeMap<String, Type>,
    pub(super) enums: usize,
    pub(super) sends: usize,
    /// JSON answers read through the core (`wiring::json_response`).
    pub(super) json_answers: usize,
    pub(super) values: usize,
    pub(super) streams: usize,
    pub(super) segments: usize,
    pub(super) multi_segments: usize,
    pub(super) deprecations: usize,
    pub(super) docs: usize,
    pub(super) dupes: usize,
    pub(super) boxed_none: usize,
    pub(super) timestamps: usize,
    /// Non-`Option` fields that read `null` as empty or default.
    pub(super) null_tolerant: usize,
    pub(super) boxed_large: usize,
    /// Builder error messages rewritten in the project's words (see [`crate::messages`]).
    pub(super) messages: usize,
    /// Schema facts for model field docs (see [`crate::docs_facts`]).
    pub(super) field_facts: crate::docs_facts::SchemaFacts,
    pub(super) field_docs: usize,
    /// Models whose typify builder was dropped; operation builders' body types made plain.
    pub(super) model_builders: usize,
    pub(super) plain_bodies: usize,
}

impl PostProcess {
    pub(super) fn new(ops: BTreeMap<String, OpMeta>) -> Self {
        let by_struct = ops.keys().map(|id| (pascal(id), id.clone())).collect();
        Self {
            ops,
            by_struct,
            page_items: BTreeMap::new(),
            enums: 0,
            sends: 0,
            json_answers: 0,
            values: 0,
            streams: 0,
            segments: 0,
            multi_segments: 0,
            deprecations: 0,
            docs: 0,
            dupes: 0,
            boxed_none: 0,
            timestamps: 0,
            null_tolerant: 0,
            boxed_large: 0,
            messages: 0,
            field_facts: Default::default(),
            field_docs: 0,
            model_builders: 0,
            plain_bodies: 0,
        }
    }

    pub(super) fn run(&mut self, file: &mut File) -> Result<()> {
        // Pass 1: types.
        for item in file.items.iter_mut() {
            if let Item::Mod(m) = item
                && m.ident == "types"
                && let Some((_, items)) = m.content.as_mut()
            {
                self.dupes += dedupe_items(items);
                self.collect_page_items(items);
                self.tolerant_enums(items)?;
                let mut large = crate::boxing::BoxLarge {
                    large: crate::boxing::large_structs(items),
                    boxed: 0,
                };
                for item in items.iter_mut() {
                    large.visit_item_mut(item);
                }
                self.boxed_large = large.boxed;
                let mut boxed = SkipNoneBoxes { fixed: 0 };
                for item in items.iter_mut() {
                    boxed.visit_item_mut(item);
                }
                self.boxed_none = boxed.fixed;
                let mut instants = Timestamps { fields: 0 };
                for item in items.iter_mut() {
                    instants.visit_item_mut(item);
                }
                self.timestamps = instants.fields;
                let mut nulls = NullTolerant { fields: 0 };
                for item in items.iter_mut() {
                    nulls.visit_item_mut(item);
                }
                self.null_tolerant = nulls.fields;
                self.field_docs = crate::docs_facts::document_fields(items, &self.field_facts);
                self.model_builders = super::model_builders::drop_model_builders(items);
            }
        }
        // Pass 2: builders and client traits.
        for item in file.items.iter_mut() {
            match item {
                Item::Mod(m) if m.ident == "builder" => {
                    let mut plain = super::model_builders::PlainBodies { bodies: 0 };
                    plain.visit_item_mod_mut(m);
                    self.plain_bodies = plain.bodies;
                    if let Some((_, items)) = m.content.as_mut() {
                        self.builders(items)?;
                    }
                }
                Item::Trait(t) => {
                    for ti in t.items.iter_mut() {
                        if let syn::TraitItem::Fn(f) = ti {
                            let id = f.sig.ident.to_string();
                            if let Some(op) = self.ops.get(&id) {
                                f.attrs.push(doc_attr(""));
                                f.attrs.push(doc_attr(&op_doc(op)));
                                if op.deprecated {
                                    f.attrs.push(parse_quote!(#[deprecated(note = "deprecated by Bitbucket in the API specification")]));
                                    self.deprecations += 1;
                                }
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        // Pass 3: docs on every public item that has none.
        let mut docs = AddDocs { added: 0 };
        docs.visit_file_mut(file);
        self.docs = docs.added;
        // Multi-line doc strings would print as `/** */` blocks, which rustfmt re-indents on
        // every run; one `///` line per attribute keeps the output stable under `cargo fmt`.
        SplitDocs.visit_file_mut(file);
        Allowances.visit_file_mut(file);
        prune_imports(file);
        Ok(())
    }

    fn collect_page_items(&mut self, items: &[Item]) {
        for item in items {
            if let Item::Struct(s) = item
                && s.ident.to_string().starts_with("Paginated")
                && let Fields::Named(fields) = &s.fields
            {
                for f in &fields.named {
                    if f.ident.as_ref().is_some_and(|i| i == "values")
                        && let Some(inner) = generic_arg(&f.ty, "Vec")
                    {
                        let inner = qualify_types(inner);
                        self.page_items.insert(s.ident.to_string(), inner);
                    }
                }
            }
        }
    }

    /// Closed string enums get an `Unknown(String)` variant that catches values Bitbucket adds
    /// later; `Display`/`FromStr` handle it and `Copy` is dropped (the variant owns a String).
    fn tolerant_enums(&mut self, items: &mut Vec<Item>) -> Result<()> {
        let mut names = BTreeSet::new();
        for item in items.iter_mut() {
            if let Item::Enum(e) = item
                && is_plain_string_enum(e)
            {
                let fallback = if e.variants.iter().any(|v| v.ident == "Unknown") {
                    format_ident!("UnknownValue")
                } else {
                    format_ident!("Unknown")
                };
                e.variants.push(parse_quote! {
                    /// A value this version of the SDK does not know (Bitbucket added it later).
                    #[serde(untagged)]
                    #fallback(::std::string::String)
                });
                for attr in e.attrs.iter_mut() {
                    if attr.path().is_ident("derive") {
                        let list: syn::punctuated::Punctuated<syn::Path, syn::Token![,]> =
                            attr.parse_args_with(syn::punctuated::Punctuated::parse_terminated)?;
                        let kept: Vec<&syn::Path> =
                            list.iter().filter(|p| !p.is_ident("Copy")).collect();
                        *attr = parse_quote!(#[derive(#(#kept),*)]);
                    }
                }
                names.insert((e.ident.to_string(), fallback));
                self.enums += 1;
            }
        }
        for item in items.iter_mut() {
            let Item::Impl(imp) = item else { continue };
            let Type::Path(tp) = &*imp.self_ty else {
                continue;
            };
            let Some(last) = tp.path.segments.last() else {
                continue;
            };
            let self_name = last.ident.to_string();
            let Some((_, fallback)) = names.iter().find(|(n, _)| *n == self_name) else {
                continue;
            };
            let trait_name = imp
                .trait_
                .as_ref()
                .and_then(|(_, p, _)| p.segments.last())
                .map(|s| s.ident.to_string());
            match trait_name.as_deref() {
                Some("Display") => {
                    let fallback = fallback.clone();
                    for ii in imp.items.iter_mut() {
                        if let ImplItem::Fn(f) = ii {
                            f.block = parse_quote!({
                                match self {
                                    Self::#fallback(v) => f.write_str(v),
                                    other => f.write_str(other.as_known_str()),
                                }
                            });
                        }
                    }
                }
                Some("FromStr") => {
                    let fallback = fallback.clone();
                    let mut visitor = FallbackArm { fallback };
                    visitor.visit_item_impl_mut(imp);
                }
                _ => {}
            }
        }
        // `as_known_str` for Display: built from the serde renames.
        let mut extra = Vec::new();
        for item in items.iter() {
            if let Item::Enum(e) = item
                && let Some((_, fallback)) = names.iter().find(|(n, _)| e.ident == n.as_str())
            {
                let ident = &e.ident;
                let arms = e.variants.iter().filter(|v| v.ident != *fallback).map(|v| {
                    let vi = &v.ident;
                    let wire = serde_rename(&v.attrs).unwrap_or_else(|| vi.to_string());
                    quote!(Self::#vi => #wire,)
                });
                extra.push(parse_quote! {
                    impl #ident {
                        /// The value as sent on the wire.
                        pub fn as_str(&self) -> &str {
                            match self {
                                Self::#fallback(v) => v.as_str(),
                                other => other.as_known_str(),
                            }
                        }
                        fn as_known_str(&self) -> &'static str {
                            match self {
                                #(#arms)*
                                Self::#fallback(_) => "",
                            }
                        }
                    }
                });
            }
        }
        items.extend(extra);
        Ok(())
    }

    /// Builder impls: `send` becomes `send_raw` (progenitor's, hooks included) behind a `send`
    /// that returns the core's error; paginated operations get `stream`/`pages`.
    fn builders(&mut self, items: &mut Vec<Item>) -> Result<()> {
        let mut client_fields: BTreeMap<String, syn::Ident> = BTreeMap::new();
        let mut paged = BTreeSet::new();
        let mut awaitable = Vec::new();
        for item in items.iter() {
            if let Item::Struct(s) = item
                && let Fields::Named(f) = &s.fields
            {
                for field in &f.named {
                    if let Type::Reference(r) = &field.ty
                        && quote!(#r).to_string().ends_with("Client")
                        && let Some(id) = &field.ident
                    {
                        client_fields.insert(s.ident.to_string(), id.clone());
                    }
                }
            }
        }
        for (at, item) in items.iter_mut().enumerate() {
            let Item::Impl(imp) = item else { continue };
            if imp.trait_.is_some() {
                continue;
            }
            let Type::Path(tp) = &*imp.self_ty else {
                continue;
            };
            let Some(last) = tp.path.segments.last() else {
                continue;
            };
            let struct_name = last.ident.to_string();
            let Some(op_id) = self.by_struct.get(&struct_name).cloned() else {
                continue;
            };
            let op = self.ops.get(&op_id).cloned().context("op")?;
            let client = client_fields
                .get(&struct_name)
                .cloned()
                .with_context(|| format!("no client field in {struct_name}"))?;
            self.messages += crate::messages::rewrite_operation_builder(imp, &op_id);
            match self.builder_impl(imp, &op, &client)? {
                Some(future) => awaitable.push((at + 1, future)),
                None => {
                    paged.insert(struct_name);
                }
            }
        }
        for item in items.iter_mut() {
            if let Item::Struct(s) = item
                && paged.contains(&s.ident.to_string())
                && let Fields::Named(f) = &mut s.fields
            {
                f.named.push(parse_quote!(max_items: Option<usize>));
            }
        }
        // Each `IntoFuture` right after its builder's impl (from the end, so indices hold).
        for (at, future) in awaitable.into_iter().rev() {
            items.insert(at, future);
        }
        Ok(())
    }

    /// Rewrites one builder impl; returns its `IntoFuture` impl unless it is paginated.
    fn builder_impl(
        &mut self,
        imp: &mut ItemImpl,
        op: &OpMeta,
        client: &syn::Ident,
    ) -> Result<Option<Item>> {
        let Some(pos) = imp
            .items
            .iter()
            .position(|ii| matches!(ii, ImplItem::Fn(f) if f.sig.ident == "send"))
        else {
            bail!("{}: no send()", op.id);
        };
        let ImplItem::Fn(send) = &mut imp.items[pos] else {
            unreachable!()
        };
        // Success type: Result<ResponseValue<T>, Error<E>>.
        let syn::ReturnType::Type(_, ret) = &send.sig.output else {
            bail!("send returns nothing")
        };
        let rv = generic_arg(ret, "Result").context("send: Result")?;
        let success = generic_arg(&rv, "ResponseValue").context("send: ResponseValue")?;

        // Path parameters through the core's encoders.
        let mut enc = EncodePaths {
            segments: 0,
            multi: 0,
        };
        enc.visit_block_mut(&mut send.block);
        self.segments += enc.segments;
        self.multi_segments += enc.multi;
        let mut answers = CoreJsonAnswers { count: 0 };
        answers.visit_block_mut(&mut send.block);
        self.json_answers += answers.count;

        send.sig.ident = format_ident!("send_raw");
        send.vis = parse_quote!(pub(crate));
        send.attrs.retain(|a| !a.path().is_ident("doc"));
        send.attrs.push(doc_attr(
            " Progenitor's send: hooks (the core's transport) and status dispatch.",
        ));

        let stmts = &send.block.stmts;
        let info_at = stmts
            .iter()
            .position(|s| matches!(s, syn::Stmt::Local(l) if quote!(#l).to_string().starts_with("let info")))
            .context("send: no `let info`")?;
        let request_ident = stmts[..info_at]
            .iter()
            .rev()
            .find_map(|s| match s {
                syn::Stmt::Local(l) => match &l.pat {
                    syn::Pat::Ident(pi) if pi.ident.to_string().starts_with("request") => {
                        Some(pi.ident.clone())
                    }
                    _ => None,
                },
                _ => None,
            })
            .context("send: no request binding")?;
        // The statements up to the request move into `try_request`; `send_raw` calls it and
        // keeps the hooks and the status dispatch.
        let mut build_stmts: Vec<syn::Stmt> = send.block.stmts.drain(..info_at).collect();
        build_stmts.push(syn::Stmt::Expr(parse_quote!(Ok(#request_ident)), None));
        let call: Vec<syn::Stmt> = parse_quote! {
            let client = self.#client;
            let mut #request_ident = self.try_request()?;
        };
        send.block.stmts.splice(0..0, call);
        // `try_request` hands the request out unchanged: its binding needs no `mut`.
        for stmt in build_stmts.iter_mut() {
            if let syn::Stmt::Local(l) = stmt
                && let syn::Pat::Ident(pi) = &mut l.pat
                && pi.ident == request_ident
            {
                pi.mutability = None;
                l.attrs.clear();
            }
        }
        let try_fn: ImplItem = parse_quote! {
            /// The HTTP request with progenitor's error type (sent by `send_raw`, paged by the
            /// streams).
            pub(crate) fn try_request(self) -> Result<reqwest::Request, Error<()>> {
                #(#build_stmts)*
            }
        };
        let build_fn: ImplItem = parse_quote! {
            /// Builds the HTTP request without sending it: method, URL with encoded path and
            /// query, headers and body. Credentials are not attached; the client adds them when
            /// it sends. A missing required parameter is [`bitbucket_core::Error::InvalidInput`].
            pub fn build_request(self) -> ::bitbucket_core::Result<reqwest::Request> {
                self.try_request().map_err(crate::wiring::build_error)
            }
        };

        let is_bytes = last_ident(&success).as_deref() == Some("ByteStream");
        let finish = if is_bytes {
            quote!(crate::wiring::finish_bytes)
        } else {
            quote!(crate::wiring::finish)
        };
        // Bodies handed out as bytes use the crate's stream type (core errors), not progenitor's.
        let public_success: Type = if is_bytes {
            parse_quote!(crate::ByteStream)
        } else {
            success.clone()
        };
        let method = &op.method;
        let path = &op.path;
        let send_doc =
            format!(" Sends `{method} {path}`; failures come back as [`bitbucket_core::Error`].");
        let send_fn: ImplItem = parse_quote! {
            #[doc = #send_doc]
            pub async fn send(self) -> ::bitbucket_core::Result<#public_success> {
                let client = self.#client;
                #finish(client, self.send_raw().await).await
            }
        };
        imp.items.push(send_fn);
        if is_json_type(&success) {
            let value_doc = format!(
                " Sends `{method} {path}` like [`Self::send`] and returns the JSON body undecoded, \
                 fields no model knows included."
            );
            imp.items.push(parse_quote! {
                #[doc = #value_doc]
                pub async fn send_value(self) -> ::bitbucket_core::Result<::serde_json::Value> {
                    let client = self.#client;
                    crate::wiring::send_value(client, self.try_request()).await
                }
            });
            self.values += 1;
        }
        if is_bytes {
            imp.items.push(parse_quote! {
                /// Sends the request and returns the body as a stream of chunks (read lazily,
                /// never buffered whole); the name Data Center's byte builders use.
                pub async fn stream_bytes(self) -> ::bitbucket_core::Result<crate::ByteStream> {
                    self.send().await
                }
            });
        }
        imp.items.push(try_fn);
        imp.items.push(build_fn);
        self.sends += 1;

        // Streams for paginated envelopes; every other builder can be awaited.
        let success_name = last_ident(&success);
        if let Some(item) = success_name
            .as_ref()
            .and_then(|n| self.page_items.get(n))
            .cloned()
        {
            paging(imp, op, client, &item)?;
            self.streams += 1;
            Ok(None)
        } else if op.paginated {
            bail!(
                "{}: paginated but no item type found for {:?}",
                op.id,
                success_name
            );
        } else {
            Ok(Some(into_future(imp, &public_success)?))
        }
    }
}

/// The paging vocabulary shared with Data Center on a paginated builder: `page_size` (sent as
/// the server's `pagelen`), `max_items`, `stream()` and `pages()`.
fn paging(imp: &mut ItemImpl, op: &OpMeta, client: &syn::Ident, item: &Type) -> Result<()> {
    let setter = imp
        .items
        .iter_mut()
        .find_map(|ii| match ii {
            ImplItem::Fn(f) if f.sig.ident == "pagelen" => Some(f),
            _ => None,
        })
        .with_context(|| format!("{}: paginated without a `pagelen` parameter", op.id))?;
    setter.sig.ident = format_ident!("page_size");
    setter.sig.generics = Default::default();
    let receiver = setter
        .sig
        .inputs
        .first()
        .cloned()
        .context("pagelen: self")?;
    setter.sig.inputs = [receiver, parse_quote!(value: u32)].into_iter().collect();
    setter.attrs = vec![
        doc_attr(" Items per page asked from the server, sent as `pagelen` by `send()`,"),
        doc_attr(" `build_request()` and every page of the streams."),
    ];
    for ii in imp.items.iter_mut() {
        let ImplItem::Fn(f) = ii else { continue };
        if f.sig.ident == "new" {
            MaxItemsField.visit_block_mut(&mut f.block);
        } else if f.sig.ident == "try_request" {
            // The request ignores the item cap: only the streams read it.
            if let Some(syn::Stmt::Local(l)) = f.block.stmts.first_mut()
                && let syn::Pat::Struct(ps) = &mut l.pat
            {
                ps.rest = Some(syn::PatRest {
                    attrs: Vec::new(),
                    dot2_token: Default::default(),
                });
            } else {
                bail!(
                    "{}: try_request does not start with `let Self {{ .. }}`",
                    op.id
                );
            }
        }
    }
    imp.items.extend::<[ImplItem; 3]>([
        parse_quote! {
            /// Stops the streams after this many items in total; no page is requested once they
            /// are in hand.
            pub fn max_items(mut self, max: usize) -> Self {
                self.max_items = Some(max);
                self
            }
        },
        parse_quote! {
            /// Every item of the listing as a `Stream`, following the absolute `next` links.
            pub fn stream(self) -> ::futures::stream::BoxStream<'static, ::bitbucket_core::Result<#item>> {
                let options = crate::wiring::item_cap(self.max_items);
                let client = self.#client;
                crate::wiring::items(client, self.try_request(), options)
            }
        },
        parse_quote! {
            /// The listing page by page as a `Stream`.
            pub fn pages(self) -> ::futures::stream::BoxStream<'static, ::bitbucket_core::Result<::bitbucket_core::CloudPage<#item>>> {
                let options = crate::wiring::item_cap(self.max_items);
                let client = self.#client;
                crate::wiring::pages(client, self.try_request(), options)
            }
        },
    ]);
    Ok(())
}

/// `impl IntoFuture` for a builder that is not paginated (awaiting it sends it), through the
/// crate's `awaitable!` macro.
fn into_future(imp: &ItemImpl, output: &Type) -> Result<Item> {
    let Type::Path(tp) = &*imp.self_ty else {
        bail!("builder impl of an unnamed type");
    };
    let name = &tp.path.segments.last().context("builder name")?.ident;
    Ok(parse_quote!(crate::wiring::awaitable!(#name, #output);))
}

/// Traits progenitor imports that the code uses only through a method.
const TRAIT_METHODS: &[(&str, &str)] = &[("RequestBuilderExt", "form_urlencoded")];

/// Drops the names of private `use {..}` groups (top level and `builder`) that the rewritten
/// code no longer mentions: `encode_path` gave way to the core's encoders.
fn prune_imports(file: &mut File) {
    let is_use = |item: &Item| matches!(item, Item::Use(_));
    let mut text = String::new();
    for item in file.items.iter().filter(|i| !is_use(i)) {
        if let Item::Mod(m) = item
            && let Some((_, inner)) = &m.content
        {
            for inner in inner.iter().filter(|i| !is_use(i)) {
                text.push_str(&quote!(#inner).to_string());
            }
        } else {
            text.push_str(&quote!(#item).to_string());
        }
    }
    let words: BTreeSet<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .collect();
    let used = |name: &str| {
        words.contains(name)
            || TRAIT_METHODS
                .iter()
                .any(|(t, m)| *t == name && words.contains(m))
    };
    let prune = |items: &mut Vec<Item>| {
        for item in items.iter_mut() {
            if let Item::Use(u) = item
                && matches!(u.vis, syn::Visibility::Inherited)
                && let syn::UseTree::Path(p) = &mut u.tree
                && let syn::UseTree::Group(g) = &mut *p.tree
            {
                g.items = std::mem::take(&mut g.items)
                    .into_iter()
                    .filter(|t| !matches!(t, syn::UseTree::Name(n) if !used(&n.ident.to_string())))
                    .collect();
            }
        }
    };
    prune(&mut file.items);
    for item in file.items.iter_mut() {
        if let Item::Mod(m) = item
            && m.ident == "builder"
            && let Some((_, inner)) = m.content.as_mut()
        {
            prune(inner);
        }
    }
}

/// typify emits some types twice (a component reached through an `allOf` and directly):
/// identical items are dropped, in nested modules too. Returns how many.
fn dedupe_items(items: &mut Vec<Item>) -> usize {
    let mut seen = BTreeSet::new();
    let before = items.len();
    let mut nested = 0;
    items.retain_mut(|item| {
        if let Item::Mod(m) = item
            && let Some((_, inner)) = m.content.as_mut()
        {
            nested += dedupe_items(inner);
            return true;
        }
        seen.insert(quote!(#item).to_string())
    });
    before - items.len() + nested
}

/// The doc lines added to each operation method.
fn op_doc(op: &OpMeta) -> String {
    // progenitor's part of the doc already names the method and path.
    let mut s = if op.scopes.is_empty() {
        " OAuth scopes: none declared.".to_string()
    } else {
        let scopes: Vec<String> = op.scopes.iter().map(|x| format!("`{x}`")).collect();
        format!(" OAuth scopes: {}.", scopes.join(", "))
    };
    if op.paginated {
        s.push_str(
            "\n\n Paginated: `.page_size(n)` and `.max_items(n)`, then `.stream()` for items or \
             `.pages()` for pages; `.send()` fetches one page.",
        );
    } else {
        s.push_str("\n\n Await the builder (or call `.send()`) to send it.");
    }
    if op.deprecated {
        s.push_str("\n\n Deprecated by Bitbucket.");
    }
    s
}
