//! Data Center REST handlers: users, admin users and HTTP access tokens.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::http::{Identity, Shared, dc_error, dc_json, dc_page, encode_segment, lock};
use crate::model::{DcToken, DcUser, DcUserRec, State as Data, TokenExpiry};

const NO_SUCH_USER: &str = "com.atlassian.bitbucket.user.NoSuchUserException";
const NO_SUCH_TOKEN: &str = "com.atlassian.bitbucket.NoSuchEntityException";
const FORBIDDEN: &str = "com.atlassian.bitbucket.AuthorisationException";
const INVALID: &str = "com.atlassian.bitbucket.validation.ArgumentValidationException";

type Query_ = Query<HashMap<String, String>>;

/// Rejects version segments other than `latest` and `1.0`.
pub(crate) fn check_version(v: &str) -> Result<(), Response> {
    if v == "latest" || v == "1.0" {
        Ok(())
    } else {
        Err(dc_error(
            StatusCode::NOT_FOUND,
            "com.atlassian.bitbucket.rest.NotFoundException",
            &format!("Unknown REST API version '{v}'; use 'latest' or '1.0'."),
        ))
    }
}

fn no_such_user(slug: &str) -> Response {
    dc_error(
        StatusCode::NOT_FOUND,
        NO_SUCH_USER,
        &format!("User {slug} does not exist."),
    )
}

fn forbidden() -> Response {
    dc_error(
        StatusCode::FORBIDDEN,
        FORBIDDEN,
        "You are not permitted to access this resource",
    )
}

fn user_json(base: &str, u: &DcUser) -> Value {
    json!({
        "name": u.name,
        "emailAddress": u.email,
        "active": u.active,
        "displayName": u.display_name,
        "id": u.id,
        "slug": u.slug,
        "type": "NORMAL",
        "links": {"self": [{"href": format!("{base}/users/{}", encode_segment(&u.slug))}]},
    })
}

fn detailed_user_json(base: &str, u: &DcUser) -> Value {
    let mut v = user_json(base, u);
    v["directoryName"] = json!("Bitbucket Internal Directory");
    v["deletable"] = json!(true);
    v["mutableDetails"] = json!(true);
    v["mutableGroups"] = json!(true);
    v["createdTimestamp"] = json!(u.created_timestamp);
    if let Some(t) = u.last_authentication_timestamp {
        v["lastAuthenticationTimestamp"] = json!(t);
    }
    v
}

/// A token as the API returns it; `expiry` picks which expiry fields are sent.
fn token_json(base: &str, t: &DcToken, owner: &DcUser, expiry: TokenExpiry) -> Value {
    let mut v = json!({
        "id": t.id,
        "createdDate": t.created_date,
        "name": t.name,
        "permissions": t.permissions,
        "user": user_json(base, owner),
    });
    if let Some(l) = t.last_authenticated {
        v["lastAuthenticated"] = json!(l);
    }
    if let Some(e) = t.expiry_days
        && expiry != TokenExpiry::Date
    {
        v["expiryDays"] = json!(e);
    }
    if let Some(at) = t.expiry_date()
        && expiry != TokenExpiry::Days
    {
        v["expiryDate"] = json!(at);
    }
    v
}

fn matches_filter(u: &DcUser, filter: Option<&String>) -> bool {
    match filter.map(|f| f.to_lowercase()) {
        None => true,
        Some(f) if f.is_empty() => true,
        Some(f) => [&u.name, &u.display_name, &u.email, &u.slug]
            .iter()
            .any(|s| s.to_lowercase().contains(&f)),
    }
}

fn list_users(shared: &Shared, q: &HashMap<String, String>, detailed: bool) -> Response {
    let state = lock(&shared.state);
    let hits: Vec<&DcUser> = state
        .dc_users
        .iter()
        .map(|r| &r.user)
        .filter(|u| matches_filter(u, q.get("filter")))
        .collect();
    let base = &shared.base_url;
    dc_page(q, hits.len(), |i| {
        if detailed {
            detailed_user_json(base, hits[i])
        } else {
            user_json(base, hits[i])
        }
    })
}

/// `GET /rest/api/{v}/application-properties`: version information.
pub(crate) async fn application_properties(Path(v): Path<String>) -> Response {
    if let Err(r) = check_version(&v) {
        return r;
    }
    dc_json(
        StatusCode::OK,
        json!({
            "version": "10.4.0",
            "buildNumber": "10004000",
            "buildDate": "1735689600000",
            "displayName": "Bitbucket (fake)",
        }),
    )
}

/// `GET /rest/api/{v}/admin/users`: every user with admin details (admin only).
pub(crate) async fn admin_users(
    State(shared): State<Arc<Shared>>,
    Extension(who): Extension<Identity>,
    Path(v): Path<String>,
    Query(q): Query_,
) -> Response {
    if let Err(r) = check_version(&v) {
        return r;
    }
    if who != Identity::Admin {
        return forbidden();
    }
    list_users(&shared, &q, true)
}

/// `GET /rest/api/{v}/users`: every user.
pub(crate) async fn users(
    State(shared): State<Arc<Shared>>,
    Path(v): Path<String>,
    Query(q): Query_,
) -> Response {
    if let Err(r) = check_version(&v) {
        return r;
    }
    list_users(&shared, &q, false)
}

/// `GET /rest/api/{v}/users/{slug}`.
pub(crate) async fn user(
    State(shared): State<Arc<Shared>>,
    Path((v, slug)): Path<(String, String)>,
) -> Response {
    if let Err(r) = check_version(&v) {
        return r;
    }
    let state = lock(&shared.state);
    match state.dc_user(&slug) {
        Some(i) => dc_json(
            StatusCode::OK,
            user_json(&shared.base_url, &state.dc_users[i].user),
        ),
        None => no_such_user(&slug),
    }
}

/// Resolves the token owner and checks the caller may see their tokens.
fn token_owner(state: &Data, who: Identity, slug: &str) -> Result<usize, Response> {
    let i = state.dc_user(slug).ok_or_else(|| no_such_user(slug))?;
    match who {
        Identity::Admin => Ok(i),
        Identity::DcUser(me) if me == i => Ok(i),
        Identity::DcUser(_) => Err(forbidden()),
    }
}

/// The user whose tokens a read addresses, once the version and the caller's access pass.
fn tokens_to_read<'a>(
    state: &'a Data,
    who: Identity,
    v: &str,
    slug: &str,
) -> Result<&'a DcUserRec, Response> {
    check_version(v)?;
    token_owner(state, who, slug).map(|i| &state.dc_users[i])
}

/// `GET /rest/access-tokens/{v}/users/{slug}`: a page of the user's tokens.
pub(crate) async fn list_tokens(
    State(shared): State<Arc<Shared>>,
    Extension(who): Extension<Identity>,
    Path((v, slug)): Path<(String, String)>,
    Query(q): Query_,
) -> Response {
    let state = lock(&shared.state);
    let rec = match tokens_to_read(&state, who, &v, &slug) {
        Ok(rec) => rec,
        Err(r) => return r,
    };
    dc_page(&q, rec.tokens.len(), |t| {
        token_json(
            &shared.base_url,
            &rec.tokens[t],
            &rec.user,
            state.token_expiry,
        )
    })
}

/// `GET /rest/access-tokens/{v}/users/{slug}/{id}`.
pub(crate) async fn get_token(
    State(shared): State<Arc<Shared>>,
    Extension(who): Extension<Identity>,
    Path((v, slug, id)): Path<(String, String, String)>,
) -> Response {
    let state = lock(&shared.state);
    let rec = match tokens_to_read(&state, who, &v, &slug) {
        Ok(rec) => rec,
        Err(r) => return r,
    };
    match rec.tokens.iter().find(|t| t.id == id) {
        Some(t) => dc_json(
            StatusCode::OK,
            token_json(&shared.base_url, t, &rec.user, state.token_expiry),
        ),
        None => no_such_token(&id),
    }
}

fn no_such_token(id: &str) -> Response {
    dc_error(
        StatusCode::NOT_FOUND,
        NO_SUCH_TOKEN,
        &format!("No access token with id {id} exists."),
    )
}

/// `DELETE /rest/access-tokens/{v}/users/{slug}/{id}`: 204, then the token is gone.
pub(crate) async fn delete_token(
    State(shared): State<Arc<Shared>>,
    Extension(who): Extension<Identity>,
    Path((v, slug, id)): Path<(String, String, String)>,
) -> Response {
    if let Err(r) = check_version(&v) {
        return r;
    }
    let mut state = lock(&shared.state);
    let i = match token_owner(&state, who, &slug) {
        Ok(i) => i,
        Err(r) => return r,
    };
    if state.delete_token(i, &id) {
        StatusCode::NO_CONTENT.into_response()
    } else {
        no_such_token(&id)
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct NewToken {
    name: Option<String>,
    #[serde(default)]
    permissions: Vec<String>,
    expiry_days: Option<u32>,
}

const KNOWN_PERMISSIONS: [&str; 6] = [
    "PROJECT_READ",
    "PROJECT_WRITE",
    "PROJECT_ADMIN",
    "REPO_READ",
    "REPO_WRITE",
    "REPO_ADMIN",
];

/// `PUT /rest/access-tokens/{v}/users/{slug}`: creates a token and returns it with its secret.
pub(crate) async fn create_token(
    State(shared): State<Arc<Shared>>,
    Extension(who): Extension<Identity>,
    Path((v, slug)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    if let Err(r) = check_version(&v) {
        return r;
    }
    let req: NewToken = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => {
            return dc_error(
                StatusCode::BAD_REQUEST,
                INVALID,
                &format!("Invalid request body: {e}"),
            );
        }
    };
    let name = match req.name {
        Some(n) if !n.trim().is_empty() => n,
        _ => {
            return dc_error(
                StatusCode::BAD_REQUEST,
                INVALID,
                "A token name is required.",
            );
        }
    };
    if req.permissions.is_empty()
        || req
            .permissions
            .iter()
            .any(|p| !KNOWN_PERMISSIONS.contains(&p.as_str()))
    {
        return dc_error(
            StatusCode::BAD_REQUEST,
            INVALID,
            "Permissions must be a non-empty list of PROJECT_* and REPO_* values.",
        );
    }
    let mut state = lock(&shared.state);
    let i = match token_owner(&state, who, &slug) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let now = state.now_ms();
    let token = state.create_token(i, name, req.permissions, req.expiry_days, now);
    let user = &state.dc_users[i].user;
    let mut body = token_json(&shared.base_url, &token, user, state.token_expiry);
    crate::webhooks::emit(&shared, crate::WebhookApi::Dc, "fake:token_created", &body);
    body["token"] = json!(token.secret);
    dc_json(StatusCode::OK, body)
}
