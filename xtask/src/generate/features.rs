//! Cargo features per operation group: one feature per API tag (the progenitor extension trait
//! `ClientRepositoriesExt` is feature `repositories`), `all` enabling every group.
//!
//! A group's feature gates its extension trait, the trait's `impl` for the client, its prelude
//! re-export and its operations' builders; the models stay ungated because groups share them.
//! The feature lists in the Cloud crate's and the facade's manifests are written here too, so a
//! new tag in the spec cannot leave a manifest behind (`generate --check` compares them).

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use syn::{File, Item, parse_quote};

use super::syntax::pascal;

/// The feature of an extension trait's name (`ClientBranchRestrictionsExt` ->
/// `branch-restrictions`), or `None` for other items.
fn feature_of_trait(name: &str) -> Option<String> {
    let group = name.strip_prefix("Client")?.strip_suffix("Ext")?;
    if group.is_empty() {
        return None;
    }
    let mut out = String::new();
    for (i, c) in group.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
    }
    Some(out)
}

fn cfg(feature: &str) -> [syn::Attribute; 2] {
    [
        parse_quote!(#[cfg(feature = #feature)]),
        parse_quote!(#[cfg_attr(docsrs, doc(cfg(feature = #feature)))]),
    ]
}

/// Gates every group's items; returns the features (sorted) with how many operations each has.
pub(super) fn gate(file: &mut File) -> Result<BTreeMap<String, usize>> {
    // Builder struct name -> feature, from each trait's methods.
    let mut by_builder = BTreeMap::new();
    let mut features = BTreeMap::new();
    for item in &file.items {
        if let Item::Trait(t) = item
            && let Some(feature) = feature_of_trait(&t.ident.to_string())
        {
            let mut ops = 0;
            for ti in &t.items {
                if let syn::TraitItem::Fn(f) = ti {
                    by_builder.insert(pascal(&f.sig.ident.to_string()), feature.clone());
                    ops += 1;
                }
            }
            features.insert(feature, ops);
        }
    }
    let trait_feature = |path: &syn::Path| {
        path.segments
            .last()
            .and_then(|s| feature_of_trait(&s.ident.to_string()))
    };
    for item in file.items.iter_mut() {
        match item {
            Item::Trait(t) => {
                if let Some(f) = feature_of_trait(&t.ident.to_string()) {
                    t.attrs.extend(cfg(&f));
                }
            }
            Item::Impl(imp) => {
                if let Some(f) = imp.trait_.as_ref().and_then(|(_, p, _)| trait_feature(p)) {
                    imp.attrs.extend(cfg(&f));
                }
            }
            Item::Mod(m) if m.ident == "prelude" => {
                let (_, items) = m.content.as_mut().context("inline prelude")?;
                for item in items.iter_mut() {
                    if let Item::Use(u) = item {
                        let text = quote::quote!(#u).to_string();
                        let name = text.rsplit("::").next().unwrap_or("").trim_end_matches(';');
                        if let Some(f) = feature_of_trait(name.trim()) {
                            u.attrs.extend(cfg(&f));
                        }
                    }
                }
            }
            Item::Mod(m) if m.ident == "builder" => {
                let (_, items) = m.content.as_mut().context("inline builder module")?;
                for item in items.iter_mut() {
                    let (name, attrs) = match item {
                        Item::Struct(s) => (s.ident.to_string(), &mut s.attrs),
                        Item::Impl(imp) => match &*imp.self_ty {
                            syn::Type::Path(tp) => match tp.path.segments.last() {
                                Some(s) => (s.ident.to_string(), &mut imp.attrs),
                                None => continue,
                            },
                            _ => continue,
                        },
                        // `awaitable!(Builder, Output);`
                        Item::Macro(m) => match m.mac.tokens.clone().into_iter().next() {
                            Some(proc_macro2::TokenTree::Ident(i)) => (i.to_string(), &mut m.attrs),
                            _ => continue,
                        },
                        _ => continue,
                    };
                    if let Some(f) = by_builder.get(&name) {
                        attrs.push(parse_quote!(#[cfg(feature = #f)]));
                    }
                }
            }
            _ => {}
        }
    }
    Ok(features)
}

const BEGIN: &str = "# Operation groups, one per API tag (written by `cargo xtask generate`).\n";
const END: &str = "# End of operation groups.\n";

/// `manifest` with the text between the group markers replaced by `block`.
fn splice(manifest: &str, block: &str) -> Result<String> {
    let start = manifest.find(BEGIN).context("no operation-group marker")? + BEGIN.len();
    let end = manifest[start..].find(END).context("no end marker")? + start;
    Ok(format!("{}{block}{}", &manifest[..start], &manifest[end..]))
}

/// The Cloud crate's manifest with its group features.
pub(super) fn cloud_manifest(manifest: &str, features: &BTreeMap<String, usize>) -> Result<String> {
    let names: Vec<String> = features.keys().map(|f| format!("\"{f}\"")).collect();
    let mut block = format!("all = [{}]\n", names.join(", "));
    for (f, ops) in features {
        block.push_str(&format!("# {ops} operations.\n{f} = []\n"));
    }
    splice(manifest, &block)
}

/// The facade's manifest: `cloud-client` is `bitbucket::cloud` with its models and no group,
/// `cloud` adds every group, `cloud-<group>` one group.
pub(super) fn facade_manifest(
    manifest: &str,
    features: &BTreeMap<String, usize>,
) -> Result<String> {
    let mut block = String::from(concat!(
        "cloud-client = [\"dep:bitbucket-cloud\"]\n",
        "cloud = [\"cloud-client\", \"bitbucket-cloud/all\"]\n",
    ));
    for f in features.keys() {
        block.push_str(&format!(
            "cloud-{f} = [\"cloud-client\", \"bitbucket-cloud/{f}\"]\n"
        ));
    }
    splice(manifest, &block)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trait_names_become_kebab_features() {
        assert_eq!(
            feature_of_trait("ClientBranchRestrictionsExt").as_deref(),
            Some("branch-restrictions")
        );
        assert_eq!(feature_of_trait("ClientSshExt").as_deref(), Some("ssh"));
        assert_eq!(feature_of_trait("ClientInfo"), None);
        assert_eq!(feature_of_trait("ClientExt"), None);
    }

    #[test]
    fn manifests_are_spliced_between_markers() {
        let features = BTreeMap::from([("refs".to_owned(), 9), ("ssh".to_owned(), 5)]);
        let manifest = format!("[features]\nrustls = []\n{BEGIN}old = []\n{END}\n[deps]\n");
        let cloud = cloud_manifest(&manifest, &features).unwrap();
        assert!(cloud.contains("all = [\"refs\", \"ssh\"]\n# 9 operations.\nrefs = []\n"));
        assert!(!cloud.contains("old = []"));
        assert!(cloud.ends_with(&format!("{END}\n[deps]\n")));
        let facade = facade_manifest(&manifest, &features).unwrap();
        assert!(facade.contains("cloud-ssh = [\"cloud-client\", \"bitbucket-cloud/ssh\"]\n"));
        assert!(facade.contains("cloud-client = [\"dep:bitbucket-cloud\"]\n"));
        assert!(splice("no markers", "").is_err());
    }

    #[test]
    fn a_group_gates_its_trait_impl_prelude_and_builders() {
        let mut file: File = parse_quote! {
            pub trait ClientSshExt { fn list_keys(&self) -> builder::ListKeys<'_>; }
            impl ClientSshExt for Client { fn list_keys(&self) -> builder::ListKeys<'_> { todo!() } }
            impl ClientInfo<()> for Client {}
            pub mod builder {
                pub struct ListKeys<'a> { client: &'a Client }
                impl<'a> ListKeys<'a> {}
                crate::wiring::awaitable!(ListKeys, ());
                pub struct Shared;
            }
            pub mod prelude { pub use super::Client; pub use super::ClientSshExt; }
        };
        let features = gate(&mut file).unwrap();
        assert_eq!(features, BTreeMap::from([("ssh".to_owned(), 1)]));
        let text = prettyplease::unparse(&file);
        assert_eq!(
            text.matches("#[cfg(feature = \"ssh\")]").count(),
            6,
            "{text}"
        );
        assert!(text.contains("impl ClientInfo<()> for Client {}"), "{text}");
        assert!(text.contains("    pub struct Shared;"), "{text}");
    }
}
