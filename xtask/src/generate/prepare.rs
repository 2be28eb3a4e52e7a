//! The SDK's adjustments to the spec, applied in memory before progenitor runs (see the
//! `generate` module docs for the list).

use anyhow::Result;
use serde_json::Value;

/// What [`prepare_for_progenitor`] changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Prepared {
    pub(super) errors: usize,
    pub(super) required: usize,
    pub(super) constraints: usize,
    pub(super) multipart: usize,
    pub(super) observed: usize,
    pub(super) hierarchies: crate::polymorphism::Flattened,
    pub(super) links: usize,
}

/// SDK-side adjustments applied in memory before progenitor runs (see the module docs).
pub(super) fn prepare_for_progenitor(
    spec: &mut Value,
    observed: &[crate::observed::ObservedField],
) -> Result<Prepared> {
    let mut errors = 0;
    let mut multipart = 0;
    crate::openapi::for_each_op(spec, |_, _, op| {
        // Multipart forms are sent by the hand-written helpers in `extra.rs`.
        let multipart_only = op
            .get("requestBody")
            .and_then(|b| b.get("content"))
            .and_then(Value::as_object)
            .is_some_and(|c| !c.is_empty() && c.keys().all(|k| k == "multipart/form-data"));
        if multipart_only {
            op.remove("requestBody");
            multipart += 1;
        }
        // One trait per operation: with several tags the method would exist in several
        // extension traits and be ambiguous once the prelude is imported. The first tag wins.
        if let Some(tags) = op.get_mut("tags").and_then(Value::as_array_mut) {
            tags.truncate(1);
        }
        if let Some(rs) = op.get_mut("responses").and_then(Value::as_object_mut) {
            let before = rs.len();
            rs.retain(|code, _| code.starts_with('2'));
            errors += before - rs.len();
        }
        Ok(())
    })?;
    fn drop_required(v: &mut Value, n: &mut usize) {
        match v {
            Value::Object(m) => {
                if m.get("required").is_some_and(Value::is_array) {
                    m.remove("required");
                    *n += 1;
                }
                // `uniqueItems` would turn lists into sets: page order and duplicates are kept.
                m.remove("uniqueItems");
                m.values_mut().for_each(|x| drop_required(x, n));
            }
            Value::Array(a) => a.iter_mut().for_each(|x| drop_required(x, n)),
            _ => {}
        }
    }
    let mut required = 0;
    if let Some(c) = spec.pointer_mut("/components/schemas") {
        drop_required(c, &mut required);
    }
    if let Some(c) = spec.pointer_mut("/components/requestBodies") {
        drop_required(c, &mut required);
    }
    // String constraints become validating newtypes (a commit `hash` that must be hex, a
    // secret of at most 128 characters) and would fail a whole response on a value the
    // server is free to send: strings stay plain `String`s. Only keywords with a scalar value
    // are dropped, so properties *named* `pattern` are kept.
    fn drop_string_constraints(v: &mut Value, n: &mut usize) {
        match v {
            Value::Object(m) => {
                for key in ["pattern", "minLength", "maxLength"] {
                    if m.get(key).is_some_and(|x| x.is_string() || x.is_number()) {
                        m.remove(key);
                        *n += 1;
                    }
                }
                m.values_mut().for_each(|x| drop_string_constraints(x, n));
            }
            Value::Array(a) => a.iter_mut().for_each(|x| drop_string_constraints(x, n)),
            _ => {}
        }
    }
    let mut constraints = 0;
    drop_string_constraints(spec, &mut constraints);
    // Numeric bounds on model fields become unsigned or `NonZero` types, and a `0` or a negative
    // value the server sends would fail the whole response: model numbers stay signed. Bounds on
    // operation parameters (what callers send) are kept.
    fn drop_numeric_bounds(v: &mut Value, n: &mut usize) {
        match v {
            Value::Object(m) => {
                for key in ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"] {
                    if m.get(key).is_some_and(|x| x.is_number() || x.is_boolean()) {
                        m.remove(key);
                        *n += 1;
                    }
                }
                m.values_mut().for_each(|x| drop_numeric_bounds(x, n));
            }
            Value::Array(a) => a.iter_mut().for_each(|x| drop_numeric_bounds(x, n)),
            _ => {}
        }
    }
    if let Some(schemas) = spec.pointer_mut("/components/schemas") {
        drop_numeric_bounds(schemas, &mut constraints);
    }
    let observed = crate::observed::apply(spec, observed)?;
    let hierarchies = crate::polymorphism::flatten(spec)?;
    let links = share_links(spec);
    Ok(Prepared {
        errors,
        required,
        constraints,
        multipart,
        observed,
        hierarchies,
        links,
    })
}

/// The spec's shared hypermedia link (`{href, name}`).
const LINK: &str = "#/components/schemas/link";

/// Inline objects with exactly the shape of the spec's `link` schema (an `href` URI and a
/// `name`) become references to it, so every link field is one `Link` type instead of a struct
/// per place (`RepositoryLinksAvatar`, `BranchLinksHtml`, ...). Returns how many were replaced.
fn share_links(spec: &mut Value) -> usize {
    let Some(link) = spec.pointer("/components/schemas/link").cloned() else {
        return 0;
    };
    fn walk(v: &mut Value, link: &Value, n: &mut usize) {
        if same_link(v, link) {
            *v = serde_json::json!({ "$ref": LINK });
            *n += 1;
            return;
        }
        match v {
            Value::Object(m) => m.values_mut().for_each(|x| walk(x, link, n)),
            Value::Array(a) => a.iter_mut().for_each(|x| walk(x, link, n)),
            _ => {}
        }
    }
    let mut n = 0;
    if let Some(Value::Object(schemas)) = spec.pointer_mut("/components/schemas") {
        for (name, schema) in schemas.iter_mut() {
            if name != "link" {
                walk(schema, &link, &mut n);
            }
        }
    }
    n
}

/// Whether `v` is a link declared in place: the `type` and `properties` of `link`, and nothing
/// else but a title or description.
fn same_link(v: &Value, link: &Value) -> bool {
    let Some(m) = v.as_object() else {
        return false;
    };
    m.keys()
        .all(|k| matches!(k.as_str(), "type" | "properties" | "title" | "description"))
        && m.get("type") == link.get("type")
        && m.get("properties") == link.get("properties")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn string_constraints_and_multipart_bodies_are_left_out() {
        let mut spec = json!({
            "paths": {"/up": {"post": {
                "requestBody": {"content": {"multipart/form-data": {"schema": {}}}},
                "responses": {"201": {"description": ""}, "400": {"description": ""}}
            }}},
            "components": {"schemas": {"commit": {
                "type": "object",
                "required": ["hash"],
                "properties": {
                    "hash": {"type": "string", "pattern": "[0-9a-f]{7,}?"},
                    "secret": {"type": "string", "minLength": 0, "maxLength": 128},
                    "pattern": {"type": "string"}
                }
            }}}
        });
        let p = prepare_for_progenitor(&mut spec, &[]).unwrap();
        assert_eq!(
            p,
            Prepared {
                errors: 1,
                required: 1,
                constraints: 3,
                multipart: 1,
                observed: 0,
                hierarchies: Default::default(),
                links: 0,
            }
        );
        let props = &spec["components"]["schemas"]["commit"]["properties"];
        assert_eq!(props["hash"], json!({"type": "string"}));
        assert_eq!(props["secret"], json!({"type": "string"}));
        assert_eq!(props["pattern"], json!({"type": "string"}));
        assert!(spec.pointer("/paths/~1up/post/requestBody").is_none());
    }

    #[test]
    fn inline_links_share_the_link_schema() {
        let href = json!({"type": "string", "format": "uri"});
        let inline =
            json!({"type": "object", "properties": {"href": href, "name": {"type": "string"}}});
        let mut spec = json!({"components": {"schemas": {
            "link": {"type": "object", "title": "Link", "properties": {"href": href, "name": {"type": "string"}}},
            "repository": {"type": "object", "properties": {
                "links": {"type": "object", "properties": {
                    "avatar": inline,
                    "clone": {"type": "array", "items": inline},
                    "other": {"type": "object", "properties": {"href": href}},
                    "extended": {"type": "object", "properties": {"href": href, "name": {"type": "string"}}, "additionalProperties": true}
                }}
            }}
        }}});
        assert_eq!(share_links(&mut spec), 2);
        let links =
            &spec["components"]["schemas"]["repository"]["properties"]["links"]["properties"];
        assert_eq!(links["avatar"], json!({"$ref": LINK}));
        assert_eq!(links["clone"]["items"], json!({"$ref": LINK}));
        // Other shapes keep their own schema, and the link schema stays itself.
        assert!(links["other"].get("$ref").is_none());
        assert!(links["extended"].get("$ref").is_none());
        assert_eq!(spec["components"]["schemas"]["link"]["title"], "Link");
    }
}
