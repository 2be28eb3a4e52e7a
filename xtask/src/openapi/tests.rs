//! The import passes on small specs.

use super::*;
use serde_json::json;

fn ctx(names: &[(&str, &str, &str)]) -> PassCtx {
    PassCtx {
        names: names
            .iter()
            .map(|(m, p, n)| ((m.to_string(), p.to_string()), n.to_string()))
            .collect(),
    }
}

#[test]
fn strip_prose_keeps_properties_named_description_and_response_descriptions_empty() {
    let mut spec = json!({
        "info": {"description": "long text", "title": "T"},
        "paths": {"/a": {"get": {
            "description": "prose", "summary": "Get a",
            "responses": {"200": {"description": "OK prose"}}
        }}},
        "components": {"schemas": {"x": {
            "description": "prose",
            "properties": {"description": {"type": "string", "description": "prose"}}
        }}}
    });
    let n = strip_prose(&mut spec, &ctx(&[])).unwrap();
    assert_eq!(n, 5);
    assert!(spec.pointer("/info/description").is_none());
    assert_eq!(
        spec.pointer("/paths/~1a/get/summary"),
        Some(&json!("Get a"))
    );
    assert_eq!(
        spec.pointer("/paths/~1a/get/responses/200/description"),
        Some(&json!(""))
    );
    assert_eq!(
        spec.pointer("/components/schemas/x/properties/description"),
        Some(&json!({"type": "string"}))
    );
    // Re-running changes nothing.
    assert_eq!(strip_prose(&mut spec, &ctx(&[])).unwrap(), 0);
}

#[test]
fn naming_fails_on_unnamed_and_stale_operations() {
    let spec = json!({"paths": {"/a": {"get": {}, "post": {}}}});
    let err = name_operations(&mut spec.clone(), &ctx(&[("get", "/a", "get_a")])).unwrap_err();
    assert!(err.to_string().contains("POST /a -> ?"), "{err}");
    let err = name_operations(
        &mut spec.clone(),
        &ctx(&[
            ("get", "/a", "get_a"),
            ("post", "/a", "create_a"),
            ("get", "/b", "get_b"),
        ]),
    )
    .unwrap_err();
    assert!(err.to_string().contains("GET /b"), "{err}");
    let mut ok = spec.clone();
    let n = name_operations(
        &mut ok,
        &ctx(&[("get", "/a", "get_a"), ("post", "/a", "create_a")]),
    )
    .unwrap();
    assert_eq!(n, 2);
    assert_eq!(
        ok.pointer("/paths/~1a/post/operationId"),
        Some(&json!("create_a"))
    );
}

#[test]
fn names_table_rejects_bad_and_duplicate_names() {
    let dir = std::env::temp_dir().join(format!("xtask-names-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("names.txt");
    std::fs::write(&f, "GET /a -> GetA\n").unwrap();
    assert!(load_names(&f).is_err());
    std::fs::write(&f, "GET /a -> get_a\nPOST /a -> get_a\n").unwrap();
    assert!(load_names(&f).is_err());
    std::fs::write(&f, "# comment\n\nGET /a -> get_a\n").unwrap();
    assert_eq!(load_names(&f).unwrap().len(), 1);
}

#[test]
fn dc_duplicate_operation_ids_get_area_suffixes() {
    let mut spec = json!({"paths": {
        "/api/latest/x": {"get": {"operationId": "getStatus"}},
        "/tsv/latest/status": {"get": {"operationId": "getStatus"}},
        "/sync/latest/y": {"get": {"operationId": "getStatus"}}
    }});
    assert_eq!(dedupe_operation_ids(&mut spec, &ctx(&[])).unwrap(), 2);
    assert_eq!(
        spec.pointer("/paths/~1api~1latest~1x/get/operationId"),
        Some(&json!("getStatus"))
    );
    assert_eq!(
        spec.pointer("/paths/~1tsv~1latest~1status/get/operationId"),
        Some(&json!("getStatus_tsv"))
    );
    assert_eq!(dedupe_operation_ids(&mut spec, &ctx(&[])).unwrap(), 0);
}

#[test]
fn multipart_uploads_get_a_form_body() {
    let mut spec = json!({"paths": {
        "/dl": {"post": {"operationId": "upload_download", "responses": {}}},
        "/src": {"post": {"operationId": "create_source_commit", "responses": {}}},
        "/other": {"post": {"operationId": "import_issues", "responses": {}}}
    }});
    assert_eq!(declare_multipart_bodies(&mut spec, &ctx(&[])).unwrap(), 2);
    let dl = spec.pointer("/paths/~1dl/post").unwrap();
    let form = &dl["requestBody"]["content"]["multipart/form-data"]["schema"];
    assert_eq!(form["properties"]["files"]["format"], "binary");
    assert_eq!(dl["x-bitbucket-multipart"], json!(true));
    let src = spec.pointer("/paths/~1src/post/requestBody/content/multipart~1form-data/schema");
    assert_eq!(src.unwrap()["additionalProperties"]["format"], "binary");
    assert!(spec.pointer("/paths/~1other/post/requestBody").is_none());
    // Re-running changes nothing.
    assert_eq!(declare_multipart_bodies(&mut spec, &ctx(&[])).unwrap(), 0);
}

#[test]
fn response_fixes_for_the_generator() {
    let mut spec = json!({"paths": {
        "/merge": {"post": {"responses": {
            "200": {"description": "", "content": {"application/json": {"schema": {}}}},
            "202": {"description": ""},
            "409": {"description": ""},
            "555": {"description": "", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/error"}}}},
            "400": {"description": "", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/error"}}}}
        }}},
        "/dl": {"get": {"responses": {"302": {"description": ""}}}}
    }});
    let c = ctx(&[]);
    assert_eq!(status_555_to_extension(&mut spec, &c).unwrap(), 1);
    assert_eq!(
        bodyless_second_success_to_extension(&mut spec, &c).unwrap(),
        1
    );
    assert_eq!(redirect_only_to_binary(&mut spec, &c).unwrap(), 1);
    assert_eq!(mixed_error_bodies(&mut spec, &c).unwrap(), 1);
    let merge = spec.pointer("/paths/~1merge/post").unwrap();
    assert_eq!(merge["x-bitbucket-extra-statuses"], json!([555]));
    assert_eq!(merge["x-bitbucket-async-statuses"], json!([202]));
    assert!(merge["responses"].get("202").is_none());
    assert!(merge["responses"]["409"].get("content").is_some());
    let dl = spec.pointer("/paths/~1dl/get").unwrap();
    assert_eq!(dl["x-bitbucket-redirect"], json!([302]));
    assert_eq!(
        dl["responses"]["200"]["content"]["application/octet-stream"]["schema"]["format"],
        "binary"
    );
}

#[test]
fn pagination_parameters_are_declared_once() {
    let mut spec = json!({
        "paths": {"/w/{workspace}/members": {"get": {
            "operationId": "list_workspace_members",
            "parameters": [{"name": "page", "in": "query"}],
            "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/paginated_members"}}}}}
        }}},
        "components": {"schemas": {"paginated_members": {}}}
    });
    assert_eq!(declare_pagination_params(&mut spec, &ctx(&[])).unwrap(), 3);
    let names: Vec<&str> = spec
        .pointer("/paths/~1w~1{workspace}~1members/get/parameters")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["page", "pagelen", "q", "sort"]);
    assert_eq!(declare_pagination_params(&mut spec, &ctx(&[])).unwrap(), 0);
}
