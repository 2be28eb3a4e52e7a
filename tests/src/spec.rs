//! Reading an OpenAPI 3.0 document: operations, parameters and schema-driven sample values.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use crate::HarnessError;

/// HTTP methods an OpenAPI path item may hold, in the order operations are listed.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Reads and parses a JSON file.
pub fn read_json(path: &Path) -> Result<Value, HarnessError> {
    let bytes = std::fs::read(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            HarnessError::SpecMissing(path.to_path_buf())
        } else {
            HarnessError::Io(e)
        }
    })?;
    serde_json::from_slice(&bytes)
        .map_err(|e| HarnessError::Spec(format!("{}: {e}", path.display())))
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Location {
    /// A `{name}` segment of the path.
    Path,
    /// A query-string parameter.
    Query,
    /// A request header.
    Header,
    /// A cookie.
    Cookie,
}

/// One parameter of an operation (path-level and operation-level merged, `$ref`s resolved).
#[derive(Debug, Clone)]
pub struct Parameter {
    /// Parameter name as written in the spec.
    pub name: String,
    /// Where the parameter goes.
    pub location: Location,
    /// Whether the spec marks it required (path parameters always are).
    pub required: bool,
    /// Its schema (from `schema`, or the first media type of `content`); `{}` when absent.
    pub schema: Value,
}

/// The request body of an operation.
#[derive(Debug, Clone)]
pub struct RequestBody {
    /// Whether a body is required.
    pub required: bool,
    /// Declared media types with their schemas, in spec order.
    pub content: Vec<(String, Value)>,
}

impl RequestBody {
    /// The first JSON-ish media type (`application/json...`, `*/*`) and its schema.
    pub fn json(&self) -> Option<(&str, &Value)> {
        self.content
            .iter()
            .find(|(ct, _)| ct.contains("json") || ct == "*/*")
            .map(|(ct, s)| (ct.as_str(), s))
    }
}

/// One operation (`METHOD path`) of the spec.
#[derive(Debug, Clone)]
pub struct Operation {
    /// Upper-case HTTP method.
    pub method: String,
    /// The path template exactly as the spec's `paths` key.
    pub path: String,
    /// The `operationId`, if any.
    pub operation_id: Option<String>,
    /// Parameters, path-level first, operation-level overriding by (name, location).
    pub parameters: Vec<Parameter>,
    /// The request body, if declared.
    pub request_body: Option<RequestBody>,
    /// Whether the spec marks the operation deprecated.
    pub deprecated: bool,
    /// Declared response status keys (`"200"`, `"default"`, ...).
    pub responses: Vec<String>,
    /// Tags, in spec order.
    pub tags: Vec<String>,
}

impl Operation {
    /// `"METHOD /path"`, the key used in coverage reports.
    pub fn key(&self) -> String {
        format!("{} {}", self.method, self.path)
    }

    /// Parameters at `location`.
    pub fn params_in(&self, location: Location) -> impl Iterator<Item = &Parameter> {
        self.parameters
            .iter()
            .filter(move |p| p.location == location)
    }
}

/// A sample request built from the spec: everything needed to call one operation.
#[derive(Debug, Clone)]
pub struct SampleRequest {
    /// Upper-case HTTP method.
    pub method: String,
    /// The path with every `{param}` filled (percent-encoded) and no query.
    pub path: String,
    /// Query pairs (required parameters only unless asked otherwise).
    pub query: Vec<(String, String)>,
    /// Header pairs.
    pub headers: Vec<(String, String)>,
    /// Content type and JSON body, when the operation takes a JSON body.
    pub body: Option<(String, Value)>,
}

impl SampleRequest {
    /// `path?query` relative to a server root.
    pub fn path_and_query(&self) -> String {
        if self.query.is_empty() {
            return self.path.clone();
        }
        let q: Vec<String> = self
            .query
            .iter()
            .map(|(k, v)| format!("{}={}", encode_query(k), encode_query(v)))
            .collect();
        format!("{}?{}", self.path, q.join("&"))
    }
}

fn encode_query(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A parsed OpenAPI document.
#[derive(Debug, Clone)]
pub struct Spec {
    doc: Value,
    path: PathBuf,
    /// Sample values used for parameters (and body properties) with these names, before
    /// falling back to the schema. Values must satisfy the schema.
    pub name_samples: BTreeMap<String, Value>,
}

impl Spec {
    /// Loads a spec file.
    pub fn load(path: impl AsRef<Path>) -> Result<Spec, HarnessError> {
        let path = path.as_ref();
        let doc = read_json(path)?;
        if doc.get("paths").and_then(Value::as_object).is_none() {
            return Err(HarnessError::Spec(format!(
                "{}: no `paths` object",
                path.display()
            )));
        }
        Ok(Spec {
            doc,
            path: path.to_path_buf(),
            name_samples: default_name_samples(),
        })
    }

    /// The file this spec was read from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The whole document.
    pub fn doc(&self) -> &Value {
        &self.doc
    }

    /// Follows `$ref` (local `#/...` pointers only) until a non-reference value.
    pub fn resolve<'a>(&'a self, mut v: &'a Value) -> &'a Value {
        for _ in 0..32 {
            let Some(r) = v.get("$ref").and_then(Value::as_str) else {
                return v;
            };
            let Some(ptr) = r.strip_prefix('#') else {
                return v;
            };
            match self.doc.pointer(ptr) {
                Some(t) => v = t,
                None => return v,
            }
        }
        v
    }

    /// Every operation, in `paths` order then method order.
    pub fn operations(&self) -> Vec<Operation> {
        let mut ops = Vec::new();
        let Some(paths) = self.doc.get("paths").and_then(Value::as_object) else {
            return ops;
        };
        for (path, item) in paths {
            let item = self.resolve(item);
            let shared = self.parameters(item.get("parameters"));
            for m in METHODS {
                let Some(op) = item.get(m) else { continue };
                let mut params = shared.clone();
                for p in self.parameters(op.get("parameters")) {
                    params.retain(|q| !(q.name == p.name && q.location == p.location));
                    params.push(p);
                }
                let request_body = op.get("requestBody").map(|b| {
                    let b = self.resolve(b);
                    RequestBody {
                        required: b.get("required").and_then(Value::as_bool).unwrap_or(false),
                        content: b
                            .get("content")
                            .and_then(Value::as_object)
                            .map(|c| {
                                c.iter()
                                    .map(|(ct, mt)| {
                                        (ct.clone(), mt.get("schema").cloned().unwrap_or(json!({})))
                                    })
                                    .collect()
                            })
                            .unwrap_or_default(),
                    }
                });
                ops.push(Operation {
                    method: m.to_ascii_uppercase(),
                    path: path.clone(),
                    operation_id: op
                        .get("operationId")
                        .and_then(Value::as_str)
                        .map(String::from),
                    parameters: params,
                    request_body,
                    deprecated: op
                        .get("deprecated")
                        .and_then(Value::as_bool)
                        .unwrap_or(false),
                    responses: op
                        .get("responses")
                        .and_then(Value::as_object)
                        .map(|r| r.keys().cloned().collect())
                        .unwrap_or_default(),
                    tags: op
                        .get("tags")
                        .and_then(Value::as_array)
                        .map(|t| {
                            t.iter()
                                .filter_map(Value::as_str)
                                .map(String::from)
                                .collect()
                        })
                        .unwrap_or_default(),
                });
            }
        }
        ops
    }

    /// Finds one operation by method (any case) and exact path template.
    pub fn operation(&self, method: &str, path: &str) -> Option<Operation> {
        self.operations()
            .into_iter()
            .find(|o| o.method.eq_ignore_ascii_case(method) && o.path == path)
    }

    fn parameters(&self, list: Option<&Value>) -> Vec<Parameter> {
        let Some(list) = list.and_then(Value::as_array) else {
            return Vec::new();
        };
        list.iter()
            .filter_map(|p| {
                let p = self.resolve(p);
                let name = p.get("name")?.as_str()?.to_string();
                let location = match p.get("in")?.as_str()? {
                    "path" => Location::Path,
                    "query" => Location::Query,
                    "header" => Location::Header,
                    "cookie" => Location::Cookie,
                    _ => return None,
                };
                let schema = p
                    .get("schema")
                    .cloned()
                    .or_else(|| {
                        p.get("content")
                            .and_then(Value::as_object)
                            .and_then(|c| c.values().next())
                            .and_then(|mt| mt.get("schema").cloned())
                    })
                    .unwrap_or(json!({}));
                Some(Parameter {
                    required: location == Location::Path
                        || p.get("required").and_then(Value::as_bool).unwrap_or(false),
                    name,
                    location,
                    schema,
                })
            })
            .collect()
    }

    /// A sample value for one parameter: the per-name sample when it fits the schema, else
    /// one derived from the schema.
    pub fn sample_param(&self, p: &Parameter) -> Value {
        let schema = self.resolve(&p.schema);
        if let Some(v) = self.name_samples.get(&p.name)
            && self.fits(schema, v)
        {
            return v.clone();
        }
        self.sample(schema)
    }

    /// Whether `v` has the JSON type (and enum membership) `schema` asks for. Shallow check
    /// used to decide whether a per-name sample may be used.
    fn fits(&self, schema: &Value, v: &Value) -> bool {
        let schema = self.resolve(schema);
        if let Some(e) = schema.get("enum").and_then(Value::as_array) {
            return e.contains(v);
        }
        match schema.get("type").and_then(Value::as_str) {
            Some("string") => v.is_string(),
            Some("integer") => v.is_i64() || v.is_u64(),
            Some("number") => v.is_number(),
            Some("boolean") => v.is_boolean(),
            Some("array") => v.is_array(),
            Some("object") => v.is_object(),
            _ => true,
        }
    }

    /// A JSON value valid against `schema`: enums take their first value, objects only their
    /// required properties, arrays their minimum length (at least one item for required
    /// arrays of scalars is not forced).
    pub fn sample(&self, schema: &Value) -> Value {
        // A body declared with an empty schema (anything goes) is most plausibly an object.
        let resolved = self.resolve(schema);
        if resolved
            .as_object()
            .is_some_and(|o| o.keys().all(|k| k == "description" || k == "title"))
        {
            return json!({});
        }
        self.sample_depth(schema, 0, None)
    }

    fn sample_depth(&self, schema: &Value, depth: usize, name: Option<&str>) -> Value {
        let schema = self.resolve(schema);
        if depth > 12 {
            return Value::Null;
        }
        if let Some(name) = name
            && let Some(v) = self.name_samples.get(name)
            && self.fits(schema, v)
        {
            return v.clone();
        }
        if let Some(e) = schema.get("enum").and_then(Value::as_array)
            && let Some(first) = e.iter().find(|v| !v.is_null())
        {
            return first.clone();
        }
        if let Some(c) = schema.get("const") {
            return c.clone();
        }
        if schema.get("allOf").is_some() {
            // Merge the parts first: a property may be required by one part (a base object
            // with a `type` discriminator) and constrained by another (an enum).
            let merged = self.merge_all_of(schema, 0);
            return self.sample_depth(&merged, depth + 1, name);
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(first) = schema
                .get(key)
                .and_then(Value::as_array)
                .and_then(|a| a.first())
            {
                return self.sample_depth(first, depth + 1, name);
            }
        }
        let ty = schema.get("type").and_then(Value::as_str).or_else(|| {
            if schema.get("properties").is_some() {
                Some("object")
            } else if schema.get("items").is_some() {
                Some("array")
            } else {
                None
            }
        });
        match ty {
            Some("string") => Value::String(sample_string(schema)),
            Some("integer") => {
                let min = schema.get("minimum").and_then(Value::as_i64);
                let max = schema.get("maximum").and_then(Value::as_i64);
                json!(pick_number(min, max))
            }
            Some("number") => {
                let min = schema.get("minimum").and_then(Value::as_i64);
                let max = schema.get("maximum").and_then(Value::as_i64);
                json!(pick_number(min, max))
            }
            Some("boolean") => json!(true),
            Some("array") => {
                let n = schema.get("minItems").and_then(Value::as_u64).unwrap_or(0);
                let items = schema.get("items").cloned().unwrap_or(json!({}));
                Value::Array(
                    (0..n.max(1))
                        .map(|_| self.sample_depth(&items, depth + 1, None))
                        .filter(|v| !v.is_null())
                        .take(n.max(1) as usize)
                        .collect(),
                )
            }
            Some("object") => {
                let mut out = Map::new();
                let required: Vec<&str> = schema
                    .get("required")
                    .and_then(Value::as_array)
                    .map(|r| r.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                if let Some(props) = schema.get("properties").and_then(Value::as_object) {
                    for (k, s) in props {
                        if !required.contains(&k.as_str()) {
                            continue;
                        }
                        let v = self.sample_depth(s, depth + 1, Some(k));
                        if !v.is_null() {
                            out.insert(k.clone(), v);
                        }
                    }
                }
                Value::Object(out)
            }
            _ => json!("sample"),
        }
    }

    /// Flattens `allOf` into one object schema: properties united (a property constrained by
    /// an enum wins over a plain one), `required` united. Non-object parts are ignored unless
    /// nothing else is there.
    fn merge_all_of(&self, schema: &Value, depth: usize) -> Value {
        let schema = self.resolve(schema);
        let Some(parts) = schema.get("allOf").and_then(Value::as_array) else {
            return schema.clone();
        };
        if depth > 8 {
            return json!({});
        }
        let mut props = Map::new();
        let mut required: Vec<Value> = Vec::new();
        let mut last_other = None;
        let add = |part: &Value, props: &mut Map<String, Value>, required: &mut Vec<Value>| {
            if let Some(p) = part.get("properties").and_then(Value::as_object) {
                for (k, v) in p {
                    let has_enum = |v: &Value| self.resolve(v).get("enum").is_some();
                    match props.get(k) {
                        Some(old) if has_enum(old) && !has_enum(v) => {}
                        _ => {
                            props.insert(k.clone(), v.clone());
                        }
                    }
                }
            }
            if let Some(r) = part.get("required").and_then(Value::as_array) {
                for x in r {
                    if !required.contains(x) {
                        required.push(x.clone());
                    }
                }
            }
        };
        // The schema's own properties next to `allOf` count too.
        add(schema, &mut props, &mut required);
        for part in parts {
            let part = self.merge_all_of(part, depth + 1);
            if part.get("properties").is_some() || part.get("required").is_some() {
                add(&part, &mut props, &mut required);
            } else {
                last_other = Some(part);
            }
        }
        if props.is_empty() && required.is_empty() {
            return last_other.unwrap_or(json!({}));
        }
        json!({"type": "object", "properties": props, "required": required})
    }

    /// Builds a request for `op` with required parameters filled with sample values.
    /// `overrides` replaces the sample for the named parameters (and adds optional ones).
    pub fn sample_request(&self, op: &Operation, overrides: &[(&str, Value)]) -> SampleRequest {
        let value_for = |p: &Parameter| -> Option<Value> {
            if let Some((_, v)) = overrides.iter().find(|(n, _)| *n == p.name) {
                return Some(v.clone());
            }
            p.required.then(|| self.sample_param(p))
        };
        let mut path = op.path.clone();
        for p in op.params_in(Location::Path) {
            let v = value_for(p).unwrap_or(Value::Null);
            let text = scalar_text(&v);
            // `{path}`-style multi-segment parameters keep their `/`.
            let encoded = if p.name == "path" {
                text.split('/')
                    .map(encode_query)
                    .collect::<Vec<_>>()
                    .join("/")
            } else {
                encode_query(&text)
            };
            path = path.replace(&format!("{{{}}}", p.name), &encoded);
        }
        let mut query = Vec::new();
        for p in op.params_in(Location::Query) {
            match value_for(p) {
                Some(Value::Array(items)) => {
                    for i in items {
                        query.push((p.name.clone(), scalar_text(&i)));
                    }
                }
                Some(v) => query.push((p.name.clone(), scalar_text(&v))),
                None => {}
            }
        }
        let headers = op
            .params_in(Location::Header)
            .filter_map(|p| value_for(p).map(|v| (p.name.clone(), scalar_text(&v))))
            .collect();
        let body = op.request_body.as_ref().and_then(|b| {
            b.json()
                .map(|(ct, schema)| (ct.to_string(), self.sample(schema)))
        });
        SampleRequest {
            method: op.method.clone(),
            path,
            query,
            headers,
            body,
        }
    }
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn pick_number(min: Option<i64>, max: Option<i64>) -> i64 {
    let mut n = 1;
    if let Some(min) = min {
        n = n.max(min);
    }
    if let Some(max) = max {
        n = n.min(max);
    }
    n
}

fn sample_string(schema: &Value) -> String {
    // A pattern cannot be satisfied generically: trust the spec's example.
    if schema.get("pattern").is_some_and(|p| p != ".*")
        && let Some(ex) = schema.get("example").and_then(Value::as_str)
    {
        return ex.to_string();
    }
    let s = match schema.get("format").and_then(Value::as_str) {
        Some("uuid") => "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b".to_string(),
        Some("date-time") => "2024-01-02T03:04:05Z".to_string(),
        Some("date") => "2024-01-02".to_string(),
        Some("email") => "jdoe@example.com".to_string(),
        Some("uri") | Some("url") => "https://example.com/x".to_string(),
        Some("hostname") => "example.com".to_string(),
        Some("ipv4") => "192.0.2.1".to_string(),
        Some("byte") => "c2FtcGxl".to_string(),
        _ => "sample".to_string(),
    };
    let min = schema.get("minLength").and_then(Value::as_u64).unwrap_or(0) as usize;
    let max = schema
        .get("maxLength")
        .and_then(Value::as_u64)
        .map(|m| m as usize);
    let mut s = s;
    while s.len() < min {
        s.push('x');
    }
    if let Some(max) = max {
        s.truncate(max);
    }
    s
}

/// Friendly sample values for common parameter names of both APIs.
fn default_name_samples() -> BTreeMap<String, Value> {
    [
        // Cloud
        ("workspace", json!("acme")),
        ("repo_slug", json!("web")),
        ("project_key", json!("PRJ")),
        ("selected_user", json!("jdoe")),
        ("selected_user_id", json!("jdoe")),
        ("username", json!("jdoe")),
        ("group_slug", json!("developers")),
        ("commit", json!("f2a1b3c4d5e6")),
        ("node", json!("f2a1b3c4d5e6")),
        ("spec", json!("main..feature")),
        // Prism does not match `/` inside a path parameter: keep file paths one segment.
        ("path", json!("README.md")),
        ("name", json!("main")),
        ("branch", json!("main")),
        ("revision", json!("f2a1b3c4d5e6")),
        ("uid", json!("hook-1")),
        ("key", json!("build-1")),
        ("filename", json!("artifact.zip")),
        ("encoded_id", json!("abc")),
        ("target_user", json!("jdoe")),
        // Data Center
        ("projectKey", json!("PRJ")),
        ("repositorySlug", json!("web")),
        ("userSlug", json!("jdoe")),
        ("userslug", json!("jdoe")),
        ("commitId", json!("f2a1b3c4d5e6")),
        ("tokenId", json!("123456789012")),
        ("keyId", json!("1")),
        ("webhookId", json!("1")),
        ("group", json!("developers")),
        ("user", json!("jdoe")),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(doc: Value) -> Spec {
        Spec {
            doc,
            path: PathBuf::from("inline.json"),
            name_samples: default_name_samples(),
        }
    }

    #[test]
    fn all_of_merges_required_base_with_enum_part() {
        let s = spec(json!({
            "paths": {},
            "components": {"schemas": {
                "object": {"type": "object", "required": ["type"],
                           "properties": {"type": {"type": "string"}}},
                "selector": {"allOf": [
                    {"$ref": "#/components/schemas/object"},
                    {"type": "object", "properties": {"type": {"type": "string", "enum": ["branches", "tags"]}}}
                ]}
            }}
        }));
        let v = s.sample(&json!({"$ref": "#/components/schemas/selector"}));
        assert_eq!(v, json!({"type": "branches"}));
    }

    #[test]
    fn samples_respect_formats_bounds_and_patterns() {
        let s = spec(json!({"paths": {}}));
        assert_eq!(
            s.sample(&json!({"type": "integer", "minimum": 5})),
            json!(5)
        );
        assert_eq!(
            s.sample(&json!({"type": "string", "format": "date-time"})),
            json!("2024-01-02T03:04:05Z")
        );
        assert_eq!(
            s.sample(&json!({"type": "string", "pattern": "LOW|HIGH", "example": "HIGH"})),
            json!("HIGH")
        );
        assert_eq!(
            s.sample(&json!({"type": "string", "minLength": 8})),
            json!("samplexx")
        );
    }

    #[test]
    fn sample_request_fills_path_query_and_body() {
        let s = spec(json!({"paths": {"/r/{workspace}/{id}": {
            "parameters": [{"name": "workspace", "in": "path", "required": true, "schema": {"type": "string"}}],
            "post": {
                "parameters": [
                    {"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}},
                    {"name": "q", "in": "query", "required": true, "schema": {"type": "string", "enum": ["a b"]}},
                    {"name": "opt", "in": "query", "schema": {"type": "string"}}
                ],
                "requestBody": {"content": {"application/json": {"schema":
                    {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}, "x": {"type": "string"}}}}}},
                "responses": {"200": {"description": ""}}
            }
        }}}));
        let ops = s.operations();
        assert_eq!(ops.len(), 1);
        let req = s.sample_request(&ops[0], &[]);
        assert_eq!(req.path_and_query(), "/r/acme/1?q=a%20b");
        assert_eq!(
            req.body,
            Some(("application/json".into(), json!({"name": "main"})))
        );
    }
}
