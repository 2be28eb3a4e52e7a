//! Data Center REST handlers for projects and repositories (read-only).

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};

use crate::dc::check_version;
use crate::http::{Shared, dc_error, dc_json, dc_page, encode_segment, lock};
use crate::model::{DcProject, DcRepo, State as Data};

type Query_ = Query<HashMap<String, String>>;

fn project_json(base: &str, p: &DcProject) -> Value {
    json!({
        "key": p.key,
        "id": p.id,
        "name": p.name,
        "description": format!("Seeded project {}", p.key),
        "public": false,
        "type": "NORMAL",
        "links": {"self": [{"href": format!("{base}/projects/{}", encode_segment(&p.key))}]},
    })
}

fn repo_json(base: &str, p: &DcProject, r: &DcRepo) -> Value {
    let (k, s) = (encode_segment(&p.key), encode_segment(&r.slug));
    let host = base.trim_start_matches("http://");
    json!({
        "slug": r.slug,
        "id": r.id,
        "name": r.name,
        "hierarchyId": format!("{:020x}", r.id),
        "scmId": "git",
        "state": "AVAILABLE",
        "statusMessage": "Available",
        "forkable": true,
        "public": r.public,
        "archived": false,
        "project": project_json(base, p),
        "links": {
            "clone": [
                {"href": format!("{base}/scm/{}/{s}.git", k.to_lowercase()), "name": "http"},
                {"href": format!("ssh://git@{host}/{}/{s}.git", k.to_lowercase()), "name": "ssh"},
            ],
            "self": [{"href": format!("{base}/projects/{k}/repos/{s}/browse")}],
        },
    })
}

fn find_project<'a>(state: &'a Data, v: &str, key: &str) -> Result<&'a DcProject, Response> {
    check_version(v)?;
    state
        .dc_project(key)
        .map(|i| &state.dc_projects[i])
        .ok_or_else(|| {
            dc_error(
                StatusCode::NOT_FOUND,
                "com.atlassian.bitbucket.project.NoSuchProjectException",
                &format!("Project {key} does not exist."),
            )
        })
}

/// `GET /rest/api/{v}/projects`: every project.
pub(crate) async fn projects(
    State(shared): State<Arc<Shared>>,
    Path(v): Path<String>,
    Query(q): Query_,
) -> Response {
    if let Err(r) = check_version(&v) {
        return r;
    }
    let state = lock(&shared.state);
    dc_page(&q, state.dc_projects.len(), |i| {
        project_json(&shared.base_url, &state.dc_projects[i])
    })
}

/// `GET /rest/api/{v}/projects/{key}`.
pub(crate) async fn project(
    State(shared): State<Arc<Shared>>,
    Path((v, key)): Path<(String, String)>,
) -> Response {
    let state = lock(&shared.state);
    match find_project(&state, &v, &key) {
        Ok(p) => dc_json(StatusCode::OK, project_json(&shared.base_url, p)),
        Err(r) => r,
    }
}

/// `GET /rest/api/{v}/projects/{key}/repos`: a page of the project's repositories.
pub(crate) async fn repos(
    State(shared): State<Arc<Shared>>,
    Path((v, key)): Path<(String, String)>,
    Query(q): Query_,
) -> Response {
    let state = lock(&shared.state);
    let p = match find_project(&state, &v, &key) {
        Ok(p) => p,
        Err(r) => return r,
    };
    dc_page(&q, p.repos.len(), |i| {
        repo_json(&shared.base_url, p, &p.repos[i])
    })
}

/// `GET /rest/api/{v}/projects/{key}/repos/{slug}`.
pub(crate) async fn repo(
    State(shared): State<Arc<Shared>>,
    Path((v, key, slug)): Path<(String, String, String)>,
) -> Response {
    let state = lock(&shared.state);
    let p = match find_project(&state, &v, &key) {
        Ok(p) => p,
        Err(r) => return r,
    };
    match p.repos.iter().find(|r| r.slug == slug) {
        Some(r) => dc_json(StatusCode::OK, repo_json(&shared.base_url, p, r)),
        None => dc_error(
            StatusCode::NOT_FOUND,
            "com.atlassian.bitbucket.repository.NoSuchRepositoryException",
            &format!("Repository {}/{slug} does not exist.", p.key),
        ),
    }
}
