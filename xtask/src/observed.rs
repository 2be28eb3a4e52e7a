//! Model fields real Cloud servers send that the spec omits or types wrongly.
//!
//! The list lives in `openapi/cloud-observed-fields.json`, one entry per field:
//! `{"schema": "repository", "property": "slug", "type": {"type": "string"}, "source": "…",
//! "evidence": "tests/corpus/cloud/….json"}`. `source` is a public address that shows the field
//! in a response (a documented example, a changelog, another client's recorded fixture);
//! `evidence` optionally names the corpus body that carries it, so the fidelity test exercises
//! the fix. The generator applies the list in memory before progenitor runs (the project spec
//! that Prism serves stays as imported): each property is set on the schema's own properties
//! (the last `allOf` part for a subtype), replacing a wrong declaration. An entry without a
//! source is refused.

use anyhow::{Context, Result, bail};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::path::Path;

/// The curated list, relative to the workspace root.
pub const FILE: &str = "openapi/cloud-observed-fields.json";

/// One curated field.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObservedField {
    /// Component schema name (`repository`).
    pub schema: String,
    /// Property name as the server sends it.
    pub property: String,
    /// The property's schema.
    #[serde(rename = "type")]
    pub ty: Value,
    /// Public address showing the field in a real response.
    pub source: String,
    /// Corpus file carrying the field, if any.
    #[serde(default)]
    pub evidence: Option<String>,
}

/// Reads the curated list, refusing entries without a source and duplicates.
pub fn load(file: &Path) -> Result<Vec<ObservedField>> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let fields: Vec<ObservedField> =
        serde_json::from_str(&text).with_context(|| format!("parsing {}", file.display()))?;
    let mut seen = std::collections::BTreeSet::new();
    for f in &fields {
        if !f.source.starts_with("https://") {
            bail!(
                "{}.{}: source must be a public https address",
                f.schema,
                f.property
            );
        }
        if !seen.insert((f.schema.as_str(), f.property.as_str())) {
            bail!("{}.{} is listed twice", f.schema, f.property);
        }
        if let Some(e) = &f.evidence
            && !crate::workspace_root().join(e).is_file()
        {
            bail!("{}.{}: evidence {e} does not exist", f.schema, f.property);
        }
    }
    Ok(fields)
}

/// Applies every entry to `spec`; returns the number of properties added or changed. A schema
/// that does not exist fails, so a renamed schema cannot silently drop a fix. `schema` names a
/// component or an inline object below one (`pullrequest.links`).
pub fn apply(spec: &mut Value, fields: &[ObservedField]) -> Result<usize> {
    let mut n = 0;
    for f in fields {
        let props = owner(spec, &f.schema)
            .with_context(|| format!("`{}` names no object schema", f.schema))?;
        if props.get(&f.property) != Some(&f.ty) {
            props.insert(f.property.clone(), f.ty.clone());
            n += 1;
        }
    }
    Ok(n)
}

/// The properties that `path` names: a component schema (`repository`), then optionally inline
/// objects below it, one property per dot (`pullrequest.links`); arrays are stepped through.
fn owner<'a>(spec: &'a mut Value, path: &str) -> Option<&'a mut Map<String, Value>> {
    let mut parts = path.split('.');
    let component = parts.next()?;
    let mut schema = spec.pointer_mut(&format!("/components/schemas/{component}"))?;
    for part in parts {
        let mut next = own_properties(schema)?.get_mut(part)?;
        while next.get("type").and_then(Value::as_str) == Some("array") {
            next = next.get_mut("items")?;
        }
        if next.get("$ref").is_some() {
            return None;
        }
        schema = next;
    }
    own_properties(schema)
}

/// The properties a schema declares itself: its own, or those of its last non-`$ref` `allOf` part.
fn own_properties(schema: &mut Value) -> Option<&mut Map<String, Value>> {
    let target = match schema.get("allOf") {
        Some(_) => schema
            .get_mut("allOf")?
            .as_array_mut()?
            .iter_mut()
            .rev()
            .find(|p| p.get("$ref").is_none())?,
        None => schema,
    };
    let obj = target.as_object_mut()?;
    obj.entry("properties")
        .or_insert_with(|| Value::Object(Map::new()))
        .as_object_mut()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn field(schema: &str, property: &str, ty: Value) -> ObservedField {
        ObservedField {
            schema: schema.into(),
            property: property.into(),
            ty,
            source: "https://example.org/doc".into(),
            evidence: None,
        }
    }

    #[test]
    fn fields_land_on_the_schemas_own_part_and_reapplying_changes_nothing() {
        let mut spec = json!({"components": {"schemas": {
            "workspace_membership": {"allOf": [{"$ref": "#/components/schemas/object"},
                {"properties": {"user": {"$ref": "#/components/schemas/account"}}}]},
            "treeentry": {"type": "object", "properties": {"path": {"type": "string"},
                "links": {"type": "object", "properties": {}}}}
        }}});
        let fields = [
            field(
                "workspace_membership",
                "user",
                json!({"$ref": "#/components/schemas/user"}),
            ),
            field("treeentry", "size", json!({"type": "integer"})),
            field("treeentry.links", "meta", json!({"type": "string"})),
        ];
        assert_eq!(apply(&mut spec, &fields).unwrap(), 3);
        assert_eq!(
            spec.pointer("/components/schemas/treeentry/properties/links/properties/meta"),
            Some(&json!({"type": "string"}))
        );
        assert_eq!(
            spec.pointer("/components/schemas/workspace_membership/allOf/1/properties/user"),
            Some(&json!({"$ref": "#/components/schemas/user"}))
        );
        assert_eq!(
            spec.pointer("/components/schemas/treeentry/properties/size"),
            Some(&json!({"type": "integer"}))
        );
        assert_eq!(apply(&mut spec, &fields).unwrap(), 0);
        let missing = [field("gone", "x", json!({}))];
        assert!(apply(&mut spec, &missing).is_err());
    }

    #[test]
    fn the_projects_list_loads_and_applies_to_the_project_spec() {
        let root = crate::workspace_root();
        let fields = load(&root.join(FILE)).unwrap();
        let text = std::fs::read_to_string(root.join("openapi/bitbucket-cloud.json")).unwrap();
        let mut spec: Value = serde_json::from_str(&text).unwrap();
        // Every entry names a schema that exists and adds or corrects something.
        assert_eq!(apply(&mut spec, &fields).unwrap(), fields.len());
    }
}
