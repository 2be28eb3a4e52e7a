//! Bitbucket Cloud REST 2.0 handlers: members, repositories, projects and explicit
//! user permissions on repositories and projects.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::WebhookApi;
use crate::http::{Shared, cloud_error, cloud_json, cloud_page, encode_segment, iso8601, lock};
use crate::model::{CLOUD_PERMISSIONS, CloudMember, CloudProject, CloudRepo, Workspace};
use crate::rng::{hash_str, mix};

type Query_ = Query<HashMap<String, String>>;

const LANGUAGES: [&str; 6] = ["rust", "java", "python", "go", "typescript", "kotlin"];

fn href(url: String) -> Value {
    json!({ "href": url })
}

fn user_json(base: &str, m: &CloudMember) -> Value {
    let enc = encode_segment(&m.uuid);
    json!({
        "type": "user",
        "account_id": m.account_id,
        "display_name": m.display_name,
        "nickname": m.nickname,
        "uuid": m.uuid,
        "links": {
            "self": href(format!("{base}/2.0/users/{enc}")),
            "avatar": href(format!("{base}/avatars/{enc}.png")),
            "html": href(format!("{base}/{enc}/")),
        },
    })
}

fn workspace_json(base: &str, ws: &Workspace) -> Value {
    json!({
        "type": "workspace",
        "slug": ws.slug,
        "name": ws.slug,
        "uuid": ws.uuid,
        "links": {
            "self": href(format!("{base}/2.0/workspaces/{}", encode_segment(&ws.slug))),
            "html": href(format!("{base}/{}/", encode_segment(&ws.slug))),
            "avatar": href(format!("{base}/workspaces/{}/avatar", encode_segment(&ws.slug))),
        },
    })
}

fn project_summary(base: &str, ws: &Workspace, p: &CloudProject) -> Value {
    let w = encode_segment(&ws.slug);
    let k = encode_segment(&p.key);
    json!({
        "type": "project",
        "key": p.key,
        "uuid": p.uuid,
        "name": p.name,
        "links": {
            "self": href(format!("{base}/2.0/workspaces/{w}/projects/{k}")),
            "html": href(format!("{base}/{w}/workspace/projects/{k}")),
            "avatar": href(format!("{base}/{w}/workspace/projects/{k}/avatar")),
        },
    })
}

/// Sets the seeded `created_on` (within a year after the workspace's origin) and `updated_on`
/// (within 100 days after that) of a repository or project; `h` is the hash of its uuid.
fn seeded_times(v: &mut Value, ws: &Workspace, h: u64) {
    let created = ws.origin_ms + (h % 31_536_000_000) as i64;
    v["created_on"] = json!(iso8601(created));
    v["updated_on"] = json!(iso8601(created + (mix(h) % 8_640_000_000) as i64));
}

/// Sets the `owner` (the workspace as a team) and the `workspace` of a repository or project.
fn owned_by(v: &mut Value, base: &str, ws: &Workspace) {
    v["owner"] =
        json!({"type": "team", "username": ws.slug, "display_name": ws.slug, "uuid": ws.uuid});
    v["workspace"] = workspace_json(base, ws);
}

fn project_json(base: &str, ws: &Workspace, p: &CloudProject) -> Value {
    let mut v = project_summary(base, ws, p);
    v["description"] = json!(format!("Seeded project {}", p.name));
    v["is_private"] = json!(true);
    v["has_publicly_visible_repos"] = json!(false);
    seeded_times(&mut v, ws, hash_str(&p.uuid));
    owned_by(&mut v, base, ws);
    v["links"]["repositories"] = href(format!(
        "{base}/2.0/repositories/{}?q=project.key%3D%22{}%22",
        encode_segment(&ws.slug),
        encode_segment(&p.key)
    ));
    v
}

fn repo_summary(base: &str, ws: &Workspace, r: &CloudRepo) -> Value {
    let w = encode_segment(&ws.slug);
    let s = encode_segment(&r.slug);
    json!({
        "type": "repository",
        "full_name": format!("{}/{}", ws.slug, r.slug),
        "name": r.slug,
        "uuid": r.uuid,
        "links": {
            "self": href(format!("{base}/2.0/repositories/{w}/{s}")),
            "html": href(format!("{base}/{w}/{s}")),
            "avatar": href(format!("{base}/{w}/{s}/avatar/32/")),
        },
    })
}

fn repo_json(base: &str, ws: &Workspace, r: &CloudRepo) -> Value {
    let w = encode_segment(&ws.slug);
    let s = encode_segment(&r.slug);
    let api = format!("{base}/2.0/repositories/{w}/{s}");
    let h = hash_str(&r.uuid);
    let mut v = repo_summary(base, ws, r);
    let project = ws
        .project_index
        .get(&r.project_key)
        .map(|p| project_summary(base, ws, &ws.projects[*p]));
    v["slug"] = json!(r.slug);
    v["is_private"] = json!(r.is_private);
    v["scm"] = json!("git");
    v["description"] = json!(format!("Seeded repository {}", r.slug));
    v["language"] = json!(LANGUAGES[(h % 6) as usize]);
    v["size"] = json!(mix(h) % 50_000_000);
    v["has_issues"] = json!(h.is_multiple_of(3));
    v["has_wiki"] = json!(false);
    v["fork_policy"] = json!("no_public_forks");
    seeded_times(&mut v, ws, h);
    v["mainbranch"] = json!({"type": "branch", "name": "main"});
    owned_by(&mut v, base, ws);
    v["project"] = project.unwrap_or(Value::Null);
    let links = &mut v["links"];
    for name in [
        "pullrequests",
        "commits",
        "forks",
        "watchers",
        "downloads",
        "hooks",
    ] {
        links[name] = href(format!("{api}/{name}"));
    }
    links["branches"] = href(format!("{api}/refs/branches"));
    links["tags"] = href(format!("{api}/refs/tags"));
    links["source"] = href(format!("{api}/src"));
    links["clone"] = json!([
        {"name": "https", "href": format!("{base}/{w}/{s}.git")},
        {"name": "ssh", "href": format!("git@127.0.0.1:{w}/{s}.git")},
    ]);
    v
}

fn find_ws<'a>(
    state: &'a crate::model::State,
    id: &str,
) -> Result<(usize, &'a Workspace), Response> {
    state
        .workspace(id)
        .map(|i| (i, &state.workspaces[i]))
        .ok_or_else(|| {
            cloud_error(
                StatusCode::NOT_FOUND,
                &format!("No workspace with identifier '{id}'."),
            )
        })
}

/// `GET /2.0/user`: the authenticated account (always the fake's admin).
pub(crate) async fn current_user(State(shared): State<Arc<Shared>>) -> Response {
    let admin = CloudMember {
        account_id: "557058:00000000-0000-4000-8000-000000000000".into(),
        uuid: "{00000000-0000-4000-a000-000000000000}".into(),
        display_name: "Fake Admin".into(),
        nickname: shared.admin_user.clone(),
    };
    cloud_json(StatusCode::OK, user_json(&shared.base_url, &admin))
}

fn membership_json(base: &str, ws: &Workspace, m: &CloudMember) -> Value {
    json!({
        "type": "workspace_membership",
        "user": user_json(base, m),
        "workspace": workspace_json(base, ws),
        "links": {"self": href(format!(
            "{base}/2.0/workspaces/{}/members/{}",
            encode_segment(&ws.slug),
            encode_segment(&m.account_id)
        ))},
    })
}

/// `GET /2.0/workspaces/{workspace}/members/{member}` (account id or `{uuid}`).
pub(crate) async fn member(
    State(shared): State<Arc<Shared>>,
    Path((ws, member)): Path<(String, String)>,
) -> Response {
    let state = lock(&shared.state);
    let ws = match find_ws(&state, &ws) {
        Ok((_, w)) => w,
        Err(r) => return r,
    };
    match ws.member(&member) {
        Some(i) => cloud_json(
            StatusCode::OK,
            membership_json(&shared.base_url, ws, &ws.members[i]),
        ),
        None => cloud_error(
            StatusCode::NOT_FOUND,
            &format!("{member} is not a member of workspace {}.", ws.slug),
        ),
    }
}

/// Defines handlers that answer a page of one of a workspace's lists: each `$handler` pages
/// the workspace's `$list`, rendering an item with `$json(base_url, workspace, item)`.
macro_rules! workspace_lists {
    ($($(#[doc = $doc:literal])* $handler:ident: $list:ident, $json:ident;)*) => {$(
        $(#[doc = $doc])*
        pub(crate) async fn $handler(
            State(shared): State<Arc<Shared>>,
            Path(ws): Path<String>,
            uri: Uri,
            Query(q): Query_,
        ) -> Response {
            let state = lock(&shared.state);
            let ws = match find_ws(&state, &ws) {
                Ok((_, w)) => w,
                Err(r) => return r,
            };
            let base = &shared.base_url;
            cloud_page(&shared, &uri, &q, ws.$list.len(), |i| {
                $json(base, ws, &ws.$list[i])
            })
        }
    )*};
}

workspace_lists! {
    /// `GET /2.0/workspaces/{workspace}/members`.
    members: members, membership_json;
    /// `GET /2.0/repositories/{workspace}`.
    repositories: repos, repo_json;
    /// `GET /2.0/workspaces/{workspace}/projects`.
    projects: projects, project_json;
}

/// Whether a permission route addresses a repository or a project.
#[derive(Clone, Copy)]
enum Scope {
    Repo,
    Project,
}

/// Resolves workspace and repository/project, returning their indices.
fn target(
    state: &crate::model::State,
    scope: Scope,
    ws: &str,
    key: &str,
) -> Result<(usize, usize), Response> {
    let (wi, w) = find_ws(state, ws)?;
    let found = match scope {
        Scope::Repo => w.repo_index.get(key),
        Scope::Project => w.project_index.get(key),
    };
    let what = match scope {
        Scope::Repo => "repository",
        Scope::Project => "project",
    };
    found.map(|t| (wi, *t)).ok_or_else(|| {
        cloud_error(
            StatusCode::NOT_FOUND,
            &format!("No {what} '{key}' in workspace {}.", w.slug),
        )
    })
}

fn perms_of(w: &Workspace, scope: Scope, t: usize) -> &[(usize, String)] {
    match scope {
        Scope::Repo => &w.repo_perms[t],
        Scope::Project => &w.project_perms[t],
    }
}

fn perm_table(w: &mut Workspace, scope: Scope, t: usize) -> &mut Vec<(usize, String)> {
    match scope {
        Scope::Repo => &mut w.repo_perms[t],
        Scope::Project => &mut w.project_perms[t],
    }
}

fn perm_json(
    base: &str,
    w: &Workspace,
    scope: Scope,
    t: usize,
    member: usize,
    permission: &str,
) -> Value {
    let m = &w.members[member];
    let ws = encode_segment(&w.slug);
    let user = encode_segment(&m.account_id);
    match scope {
        Scope::Repo => {
            let r = &w.repos[t];
            json!({
                "type": "repository_user_permission",
                "permission": permission,
                "user": user_json(base, m),
                "repository": repo_summary(base, w, r),
                "links": {"self": href(format!(
                    "{base}/2.0/repositories/{ws}/{}/permissions-config/users/{user}",
                    encode_segment(&r.slug)
                ))},
            })
        }
        Scope::Project => {
            let p = &w.projects[t];
            json!({
                "type": "project_user_permission",
                "permission": permission,
                "user": user_json(base, m),
                "project": project_summary(base, w, p),
                "links": {"self": href(format!(
                    "{base}/2.0/workspaces/{ws}/projects/{}/permissions-config/users/{user}",
                    encode_segment(&p.key)
                ))},
            })
        }
    }
}

fn list_perms(
    shared: &Shared,
    scope: Scope,
    ws: &str,
    key: &str,
    uri: &Uri,
    q: &HashMap<String, String>,
) -> Response {
    let state = lock(&shared.state);
    let (wi, t) = match target(&state, scope, ws, key) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let w = &state.workspaces[wi];
    let perms = perms_of(w, scope, t);
    let base = &shared.base_url;
    cloud_page(shared, uri, q, perms.len(), |i| {
        perm_json(base, w, scope, t, perms[i].0, &perms[i].1)
    })
}

fn not_explicit(member: &str) -> Response {
    cloud_error(
        StatusCode::NOT_FOUND,
        &format!("{member} has no explicit permission here."),
    )
}

fn get_perm(shared: &Shared, scope: Scope, ws: &str, key: &str, member: &str) -> Response {
    let state = lock(&shared.state);
    let (wi, t) = match target(&state, scope, ws, key) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let Some(m) = state.workspaces[wi].member(member) else {
        return not_explicit(member);
    };
    let found = perms_of(&state.workspaces[wi], scope, t)
        .iter()
        .find(|p| p.0 == m)
        .map(|p| p.1.clone());
    match found {
        Some(p) => cloud_json(
            StatusCode::OK,
            perm_json(&shared.base_url, &state.workspaces[wi], scope, t, m, &p),
        ),
        None => not_explicit(member),
    }
}

fn delete_perm(shared: &Shared, scope: Scope, ws: &str, key: &str, member: &str) -> Response {
    let mut state = lock(&shared.state);
    let (wi, t) = match target(&state, scope, ws, key) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let Some(m) = state.workspaces[wi].member(member) else {
        return not_explicit(member);
    };
    let table = perm_table(&mut state.workspaces[wi], scope, t);
    match table.iter().position(|p| p.0 == m) {
        Some(pos) => {
            let (_, old) = table.remove(pos);
            let gone = perm_json(&shared.base_url, &state.workspaces[wi], scope, t, m, &old);
            crate::webhooks::emit(shared, WebhookApi::Cloud, "fake:permission_deleted", &gone);
            StatusCode::NO_CONTENT.into_response()
        }
        None => not_explicit(member),
    }
}

#[derive(Deserialize)]
struct PermissionBody {
    permission: String,
}

fn put_perm(
    shared: &Shared,
    scope: Scope,
    ws: &str,
    key: &str,
    member: &str,
    body: &[u8],
) -> Response {
    let permission = match serde_json::from_slice::<PermissionBody>(body) {
        Ok(b) if CLOUD_PERMISSIONS.contains(&b.permission.as_str()) => b.permission,
        Ok(b) => {
            return cloud_error(
                StatusCode::BAD_REQUEST,
                &format!(
                    "'{}' is not a valid permission; use read, write or admin.",
                    b.permission
                ),
            );
        }
        Err(e) => {
            return cloud_error(
                StatusCode::BAD_REQUEST,
                &format!("Invalid request body: {e}"),
            );
        }
    };
    let mut state = lock(&shared.state);
    let (wi, t) = match target(&state, scope, ws, key) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let Some(m) = state.workspaces[wi].member(member) else {
        return cloud_error(
            StatusCode::NOT_FOUND,
            &format!("{member} is not a member of workspace {ws}."),
        );
    };
    let table = perm_table(&mut state.workspaces[wi], scope, t);
    match table.iter_mut().find(|p| p.0 == m) {
        Some(p) => p.1 = permission.clone(),
        None => table.push((m, permission.clone())),
    }
    let body = perm_json(
        &shared.base_url,
        &state.workspaces[wi],
        scope,
        t,
        m,
        &permission,
    );
    crate::webhooks::emit(shared, WebhookApi::Cloud, "fake:permission_updated", &body);
    cloud_json(StatusCode::OK, body)
}

type Sh = State<Arc<Shared>>;

/// Defines the explicit-permission handlers of each scope on `$path` (the listing; one user's
/// permission is `$path/{user}`): `$list`, `$put`, and one handler for each body-less method on
/// one user's permission (`$method $name => $op`). The path's middle segment is the repository
/// slug or the project key.
macro_rules! perm_handlers {
    ($(
        $scope:expr, $path:literal: $list:ident, $put:ident,
        $($method:literal $name:ident => $op:ident),*;
    )*) => {$(
        #[doc = concat!("`GET ", $path, "`.")]
        pub(crate) async fn $list(
            State(s): Sh,
            Path((ws, t)): Path<(String, String)>,
            uri: Uri,
            Query(q): Query_,
        ) -> Response {
            list_perms(&s, $scope, &ws, &t, &uri, &q)
        }

        #[doc = concat!("`PUT ", $path, "/{user}`.")]
        pub(crate) async fn $put(
            State(s): Sh,
            Path((ws, t, u)): Path<(String, String, String)>,
            body: Bytes,
        ) -> Response {
            put_perm(&s, $scope, &ws, &t, &u, &body)
        }

        $(
            #[doc = concat!("`", $method, " ", $path, "/{user}`.")]
            pub(crate) async fn $name(
                State(s): Sh,
                Path((ws, t, u)): Path<(String, String, String)>,
            ) -> Response {
                $op(&s, $scope, &ws, &t, &u)
            }
        )*
    )*};
}

perm_handlers! {
    Scope::Repo, ".../repositories/{ws}/{repo}/permissions-config/users":
    repo_perms, repo_perm_put,
    "GET" repo_perm_get => get_perm, "DELETE" repo_perm_delete => delete_perm;

    Scope::Project, ".../workspaces/{ws}/projects/{key}/permissions-config/users":
    project_perms, project_perm_put,
    "GET" project_perm_get => get_perm, "DELETE" project_perm_delete => delete_perm;
}

/// `GET /2.0/repositories/{workspace}/{repo_slug}`: one repository, in full.
pub(crate) async fn repository(
    State(shared): State<Arc<Shared>>,
    Path((ws, repo)): Path<(String, String)>,
) -> Response {
    let state = lock(&shared.state);
    let (wi, t) = match target(&state, Scope::Repo, &ws, &repo) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let w = &state.workspaces[wi];
    cloud_json(StatusCode::OK, repo_json(&shared.base_url, w, &w.repos[t]))
}

/// `GET /2.0/repositories/{workspace}/{repo_slug}/downloads/{file}`: 302 to the storage URL.
pub(crate) async fn download(
    State(shared): State<Arc<Shared>>,
    Path((ws, repo, file)): Path<(String, String, String)>,
) -> Response {
    let state = lock(&shared.state);
    let (wi, t) = match target(&state, Scope::Repo, &ws, &repo) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let w = &state.workspaces[wi];
    let slug = &w.repos[t].slug;
    if !state
        .cloud_downloads
        .contains_key(&(w.slug.clone(), slug.clone(), file.clone()))
    {
        return cloud_error(
            StatusCode::NOT_FOUND,
            &format!("No download '{file}' in {}/{slug}.", w.slug),
        );
    }
    let location = format!(
        "{}/storage/{}/{}/{}",
        shared.base_url,
        encode_segment(&w.slug),
        encode_segment(slug),
        encode_segment(&file)
    );
    (
        StatusCode::FOUND,
        [(axum::http::header::LOCATION, location)],
    )
        .into_response()
}

/// `GET /storage/{ws}/{repo}/{file}`: the bytes of a download (no credentials needed, like
/// a pre-signed storage URL).
pub(crate) async fn storage(
    State(shared): State<Arc<Shared>>,
    Path((ws, repo, file)): Path<(String, String, String)>,
) -> Response {
    let state = lock(&shared.state);
    match state.cloud_downloads.get(&(ws, repo, file)) {
        Some(bytes) => (
            StatusCode::OK,
            [(axum::http::header::CONTENT_TYPE, "application/octet-stream")],
            bytes.clone(),
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "no such file").into_response(),
    }
}
