//! Cloud's `type`-discriminated hierarchies, flattened into structs that keep every subtype's
//! fields.
//!
//! The spec models polymorphism as `allOf: [{$ref: base}, {own properties}]` under a root
//! `object` whose `type` property names the concrete subtype (`user`, `team`,
//! `pipeline_state_completed`, ...). A field is typed as the base (`Pullrequest.author` is an
//! `account`), so a generator that follows the types literally drops everything the subtype
//! adds: the author's `account_id`, a pipeline state's `result`, a source entry's `size`.
//!
//! The SDK chooses **merged structs**: a base schema gets the union of the properties of all its
//! descendants, so `pr.author.account_id` and `pipeline.state.result.name` are plain optional
//! fields. Compared with serde-tagged enums this keeps decoding a single pass over the input
//! (internally tagged enums buffer every object first), keeps field access the same whichever
//! subtype the server sent, and needs no `Unknown` arm for subtypes added later: their `type`
//! string is still there. Rules, applied in memory before progenitor (the spec on disk keeps
//! the hierarchy):
//! - every schema of the form `allOf: [{$ref: parent}, parts...]` becomes one plain object
//!   schema: its ancestors' properties, then its own (the more specific declaration wins);
//! - every base then also receives the properties of all its descendants; when two
//!   declarations of one property differ, string enums are united (`name` of a pipeline state
//!   is `PENDING`, `IN_PROGRESS` or `COMPLETED`) and references to schemas of one hierarchy
//!   resolve to their common ancestor (`account.links` stays `account_links`, which itself has
//!   gained `html`, `repositories`, ...), and inline objects are united property by property;
//! - the root `object` gains nothing (it would hold every field of the API); the one property
//!   typed as bare `object` (a webhook's `subject`) becomes a free-form JSON object.

use anyhow::{Context, Result, bail};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, BTreeSet};

const ROOT: &str = "object";
const SCHEMA_PREFIX: &str = "#/components/schemas/";

/// What [`flatten`] changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Flattened {
    /// Schemas rewritten from `allOf` to one object.
    pub schemas: usize,
    /// Properties a base gained from its descendants.
    pub inherited: usize,
    /// Properties typed as the bare root, made free-form.
    pub free_form: usize,
}

/// Flattens every `allOf` hierarchy of `spec` (see the module docs).
pub fn flatten(spec: &mut Value) -> Result<Flattened> {
    let schemas = spec
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
        .context("spec has no components.schemas")?;
    let mut parent: BTreeMap<String, String> = BTreeMap::new();
    let mut declared: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    for (name, schema) in schemas.iter() {
        let (p, props) = split(name, schema)?;
        if let Some(p) = p {
            parent.insert(name.clone(), p);
        }
        declared.insert(name.clone(), props);
    }
    let ancestors = |name: &str| -> Vec<String> {
        let mut out = Vec::new();
        let mut cur = name.to_owned();
        while let Some(p) = parent.get(&cur) {
            out.push(p.clone());
            cur = p.clone();
        }
        out
    };
    let mut stats = Flattened::default();
    let mut merged: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    for name in declared.keys() {
        // Own chain: root first, the schema itself last (the more specific wins).
        let mut props = Map::new();
        let mut chain = ancestors(name);
        chain.reverse();
        chain.push(name.clone());
        for s in &chain {
            for (k, v) in &declared[s] {
                props.insert(k.clone(), v.clone());
            }
        }
        merged.insert(name.clone(), props);
    }
    // Descendants' properties flow up to every base except the root.
    for (name, _) in parent.iter() {
        let own = &declared[name];
        for base in ancestors(name).into_iter().filter(|b| b != ROOT) {
            let target = merged.get_mut(&base).context("ancestor")?;
            for (k, v) in own {
                match target.get(k) {
                    None => {
                        target.insert(k.clone(), v.clone());
                        stats.inherited += 1;
                    }
                    Some(existing) if existing == v => {}
                    Some(existing) => {
                        let united = unite(existing, v, &ancestors, &declared)
                            .with_context(|| format!("{base}.{k} (from {name})"))?;
                        target.insert(k.clone(), united);
                    }
                }
            }
        }
    }
    let bases: BTreeSet<&String> = parent.values().collect();
    for (name, schema) in schemas.iter_mut() {
        if !parent.contains_key(name) && !bases.contains(name) {
            continue;
        }
        let Value::Object(m) = schema else { continue };
        m.remove("allOf");
        m.remove("discriminator");
        m.insert("type".into(), json!("object"));
        let props = merged.remove(name).context("merged")?;
        m.insert("properties".into(), Value::Object(props));
        m.insert("additionalProperties".into(), json!(true));
        m.remove("required");
        stats.schemas += 1;
    }
    let root_ref = json!({ "$ref": format!("{SCHEMA_PREFIX}{ROOT}") });
    for (name, schema) in schemas.iter_mut() {
        if name == ROOT {
            continue;
        }
        if let Some(props) = schema.get_mut("properties").and_then(Value::as_object_mut) {
            for v in props.values_mut() {
                if *v == root_ref {
                    *v = json!({ "type": "object", "additionalProperties": true });
                    stats.free_form += 1;
                }
            }
        }
    }
    Ok(stats)
}

/// The parent named by a leading `allOf` `$ref`, and the properties the schema declares itself.
fn split(name: &str, schema: &Value) -> Result<(Option<String>, Map<String, Value>)> {
    let mut props = Map::new();
    let Some(all) = schema.get("allOf").and_then(Value::as_array) else {
        if let Some(p) = schema.get("properties").and_then(Value::as_object) {
            props = p.clone();
        }
        return Ok((None, props));
    };
    let mut parent = None;
    for part in all {
        if let Some(r) = part.get("$ref").and_then(Value::as_str) {
            if parent.is_some() {
                bail!("{name}: allOf with more than one $ref");
            }
            parent = Some(
                r.strip_prefix(SCHEMA_PREFIX)
                    .with_context(|| format!("{name}: foreign $ref {r}"))?
                    .to_owned(),
            );
        } else if let Some(p) = part.get("properties").and_then(Value::as_object) {
            props.extend(p.clone());
        }
    }
    Ok((parent, props))
}

/// One declaration for a property that two schemas of a hierarchy declare differently.
fn unite(
    a: &Value,
    b: &Value,
    ancestors: &dyn Fn(&str) -> Vec<String>,
    declared: &BTreeMap<String, Map<String, Value>>,
) -> Result<Value> {
    let enum_of = |v: &Value| -> Option<Vec<Value>> {
        (v.get("type").and_then(Value::as_str) == Some("string"))
            .then(|| v.get("enum").and_then(Value::as_array).cloned())
            .flatten()
    };
    if let (Some(x), Some(y)) = (enum_of(a), enum_of(b)) {
        let mut values = x;
        for v in y {
            if !values.contains(&v) {
                values.push(v);
            }
        }
        let mut out = a.clone();
        out["enum"] = Value::Array(values);
        return Ok(out);
    }
    let ref_of = |v: &Value| {
        v.get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix(SCHEMA_PREFIX))
            .map(str::to_owned)
    };
    if let (Some(x), Some(y)) = (ref_of(a), ref_of(b)) {
        let mut line_x: Vec<String> = vec![x.clone()];
        line_x.extend(ancestors(&x));
        let mut line_y: BTreeSet<String> = ancestors(&y).into_iter().collect();
        line_y.insert(y.clone());
        if let Some(common) = line_x.iter().find(|s| line_y.contains(*s) && *s != ROOT) {
            return Ok(json!({ "$ref": format!("{SCHEMA_PREFIX}{common}") }));
        }
    }
    // A reference and an inline object of the referenced shape (a `link` written out).
    for (r, inline) in [(a, b), (b, a)] {
        if let (Some(name), Some(props)) = (
            ref_of(r),
            inline.get("properties").and_then(Value::as_object),
        ) && declared
            .get(&name)
            .is_some_and(|d| props.keys().all(|k| d.contains_key(k)))
        {
            return Ok(r.clone());
        }
    }
    // Two inline objects: one object with the properties of both.
    if let (Some(x), Some(y)) = (
        a.get("properties").and_then(Value::as_object),
        b.get("properties").and_then(Value::as_object),
    ) {
        let mut props = x.clone();
        for (k, v) in y {
            let united = match props.get(k) {
                None => v.clone(),
                Some(existing) if existing == v => continue,
                Some(existing) => unite(existing, v, ancestors, declared)?,
            };
            props.insert(k.clone(), united);
        }
        let mut out = a.clone();
        out["properties"] = Value::Object(props);
        return Ok(out);
    }
    bail!("no common declaration for {a} and {b}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> Value {
        json!({ "components": { "schemas": {
            "object": { "type": "object", "discriminator": { "propertyName": "type" },
                        "properties": { "type": { "type": "string" } }, "required": ["type"] },
            "links": { "type": "object", "properties": { "avatar": { "type": "string" } } },
            "user_links": { "allOf": [ { "$ref": "#/components/schemas/links" },
                { "properties": { "html": { "type": "string" } } } ] },
            "account": { "allOf": [ { "$ref": "#/components/schemas/object" },
                { "properties": { "uuid": { "type": "string" },
                                  "links": { "$ref": "#/components/schemas/links" } } } ] },
            "user": { "allOf": [ { "$ref": "#/components/schemas/account" },
                { "properties": { "account_id": { "type": "string" },
                                  "links": { "$ref": "#/components/schemas/user_links" } } } ] },
            "state": { "allOf": [ { "$ref": "#/components/schemas/object" }, { "properties": {} } ] },
            "state_pending": { "allOf": [ { "$ref": "#/components/schemas/state" },
                { "properties": { "name": { "type": "string", "enum": ["PENDING"] } } } ] },
            "state_done": { "allOf": [ { "$ref": "#/components/schemas/state" },
                { "properties": { "name": { "type": "string", "enum": ["COMPLETED"] },
                                  "result": { "type": "string" } } } ] },
            "hook": { "type": "object", "properties": {
                "subject": { "$ref": "#/components/schemas/object" } } }
        } } })
    }

    fn props(spec: &Value, name: &str) -> Map<String, Value> {
        spec["components"]["schemas"][name]["properties"]
            .as_object()
            .cloned()
            .unwrap()
    }

    #[test]
    fn bases_carry_every_subtype_field() {
        let mut s = spec();
        let stats = flatten(&mut s).unwrap();
        let account = props(&s, "account");
        assert_eq!(
            account.keys().collect::<Vec<_>>(),
            ["type", "uuid", "links", "account_id"]
        );
        // References within one hierarchy resolve to the common ancestor, which gained `html`.
        assert_eq!(account["links"]["$ref"], "#/components/schemas/links");
        assert!(props(&s, "links").contains_key("html"));
        // The subtype keeps its own, more specific declaration.
        assert_eq!(
            props(&s, "user")["links"]["$ref"],
            "#/components/schemas/user_links"
        );
        let state = props(&s, "state");
        assert_eq!(state["name"]["enum"], json!(["COMPLETED", "PENDING"]));
        assert!(state.contains_key("result"));
        assert_eq!(props(&s, "object").keys().collect::<Vec<_>>(), ["type"]);
        assert!(s["components"]["schemas"]["user"].get("allOf").is_none());
        assert_eq!(props(&s, "hook")["subject"]["type"], "object");
        assert_eq!(stats.free_form, 1);
        // Flattening twice changes nothing more.
        let once = s.clone();
        flatten(&mut s).unwrap();
        assert_eq!(s, once);
    }

    #[test]
    fn unrelated_declarations_are_refused() {
        let mut s = spec();
        s["components"]["schemas"]["state_done"]["allOf"][1]["properties"]["name"] =
            json!({ "type": "integer" });
        let err = flatten(&mut s).unwrap_err();
        assert!(format!("{err:#}").contains("state.name"), "{err:#}");
    }
}
