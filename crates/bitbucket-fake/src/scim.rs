//! Atlassian SCIM 2.0 user provisioning for one directory: the users of every Cloud
//! workspace, paged with `startIndex`/`count`, filtered on `userName` or `externalId`,
//! deactivated with PATCH and removed with DELETE.
//!
//! Shapes follow Atlassian's user-provisioning reference and RFC 7644: list responses carry
//! `schemas`, `totalResults`, `startIndex`, `itemsPerPage` and `Resources`; errors carry
//! `schemas` (the `Error` URN), `status` as a string, `detail` and, where one applies,
//! `scimType`. Requests need `Authorization: Bearer <key>`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};

use crate::http::lock;
use crate::model::State as Model;

/// Default SCIM directory id.
pub const DEFAULT_SCIM_DIRECTORY: &str = "fake-directory";
/// Default SCIM API key, accepted as `Bearer`.
pub const DEFAULT_SCIM_KEY: &str = "scim-key";

const USER_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
const ATLASSIAN_EXT: &str = "urn:scim:schemas:extension:atlassian-external:1.0";
const LIST_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
const ERROR_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:Error";
/// Largest `count` a page honours (Atlassian's default page size).
const MAX_COUNT: usize = 100;

/// A user of the fake SCIM directory, as [`Server::scim_users`](crate::Server::scim_users)
/// returns it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScimUser {
    /// The directory's id for the user.
    pub id: String,
    /// Login name: the email, except for every fourth member (`member0004.acme`).
    pub user_name: String,
    /// The one (primary, work) email: `member0001.acme@example.com`.
    pub email: String,
    /// The identity provider's id: `ext-member0001.acme`.
    pub external_id: String,
    /// Same as the Cloud member's display name.
    pub display_name: String,
    /// Whether the account is active.
    pub active: bool,
    /// The linked Atlassian account id: the Cloud member's account id.
    pub account_id: String,
}

/// The directory: its id, key and users (deleted users are gone from the list).
#[derive(Debug)]
pub(crate) struct Directory {
    pub id: String,
    pub key: String,
    pub users: Mutex<Vec<ScimUser>>,
    created: Mutex<u64>,
}

impl Directory {
    /// One SCIM user per member of each seeded workspace, in workspace then member order.
    pub(crate) fn seed(id: String, key: String, model: &Model) -> Directory {
        let mut users = Vec::new();
        for (w, ws) in model.workspaces.iter().enumerate() {
            for (m, member) in ws.members.iter().enumerate() {
                let login = format!("{}.{}", member.nickname, ws.slug);
                let email = format!("{login}@example.com");
                users.push(ScimUser {
                    id: format!("{:08x}-0000-4000-b000-{:012x}", w + 1, m + 1),
                    user_name: if (m + 1) % 4 == 0 {
                        login.clone()
                    } else {
                        email.clone()
                    },
                    email,
                    external_id: format!("ext-{login}"),
                    display_name: member.display_name.clone(),
                    active: true,
                    account_id: member.account_id.clone(),
                });
            }
        }
        Directory {
            id,
            key,
            users: Mutex::new(users),
            created: Mutex::new(0),
        }
    }
}

/// The SCIM routes, under `/scim/directory/{dir}`.
pub(crate) fn router<S>(dir: Arc<Directory>) -> Router<S> {
    Router::new()
        .route(
            "/scim/directory/{dir}/Users",
            get(list_users).post(create_user),
        )
        .route(
            "/scim/directory/{dir}/Users/{id}",
            get(get_user).patch(patch_user).delete(delete_user),
        )
        .route(
            "/scim/directory/{dir}/ServiceProviderConfig",
            get(service_provider_config),
        )
        .with_state(dir)
}

type Dir = State<Arc<Directory>>;

/// A SCIM error response.
fn error(status: StatusCode, scim_type: Option<&str>, detail: &str) -> Response {
    let mut body = json!({
        "schemas": [ERROR_SCHEMA],
        "status": status.as_u16().to_string(),
        "detail": detail,
    });
    if let Some(t) = scim_type {
        body["scimType"] = json!(t);
    }
    scim_json(status, body)
}

fn scim_json(status: StatusCode, body: Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/scim+json")],
        body.to_string(),
    )
        .into_response()
}

/// Checks the directory id and the Bearer key.
fn check(dir: &Directory, id: &str, headers: &HeaderMap) -> Result<(), Response> {
    let sent = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, key)| key.trim());
    if sent != Some(dir.key.as_str()) {
        let mut r = error(
            StatusCode::UNAUTHORIZED,
            None,
            "The API key is missing, invalid or expired.",
        );
        r.headers_mut()
            .insert(header::WWW_AUTHENTICATE, "Bearer".parse().expect("static"));
        return Err(r);
    }
    if id != dir.id {
        return Err(error(StatusCode::NOT_FOUND, None, "Directory not found."));
    }
    Ok(())
}

fn user_json(base: &str, dir: &str, u: &ScimUser) -> Value {
    json!({
        "schemas": [USER_SCHEMA, ATLASSIAN_EXT],
        "id": u.id,
        "externalId": u.external_id,
        "userName": u.user_name,
        "displayName": u.display_name,
        "emails": [{"value": u.email, "type": "work", "primary": true}],
        "active": u.active,
        "groups": [],
        ATLASSIAN_EXT: {"atlassianAccountId": u.account_id},
        "meta": {
            "resourceType": "User",
            "location": format!("{base}/scim/directory/{dir}/Users/{}", u.id),
        },
    })
}

/// Parses `attr eq "value"`; only `userName` (case-insensitive) and `externalId` are served,
/// as Atlassian documents.
fn parse_filter(filter: &str) -> Result<(bool, String), Response> {
    let invalid = |detail: &str| error(StatusCode::BAD_REQUEST, Some("invalidFilter"), detail);
    let mut parts = filter.trim().splitn(3, ' ');
    let (Some(attr), Some(op), Some(value)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(invalid(
            "Filter must be of the form: attribute eq \"value\".",
        ));
    };
    if !op.eq_ignore_ascii_case("eq") {
        return Err(invalid("Only the eq operator is supported."));
    }
    let Ok(Value::String(value)) = serde_json::from_str::<Value>(value.trim()) else {
        return Err(invalid("The filter value must be a quoted string."));
    };
    if attr.eq_ignore_ascii_case("userName") {
        Ok((true, value))
    } else if attr.eq_ignore_ascii_case("externalId") {
        Ok((false, value))
    } else {
        Err(invalid(
            "Filtering is supported on userName and externalId only.",
        ))
    }
}

fn number(q: &HashMap<String, String>, name: &str) -> Result<Option<i64>, Response> {
    match q.get(name).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v.parse().map(Some).map_err(|_| {
            error(
                StatusCode::BAD_REQUEST,
                Some("invalidValue"),
                &format!("'{v}' is not a valid value for '{name}'."),
            )
        }),
    }
}

async fn list_users(
    State(dir): Dir,
    Path(id): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    if let Err(r) = check(&dir, &id, &headers) {
        return r;
    }
    let filter = match q.get("filter").map(|f| parse_filter(f)).transpose() {
        Ok(f) => f,
        Err(r) => return r,
    };
    let (start, count) = match (number(&q, "startIndex"), number(&q, "count")) {
        (Ok(s), Ok(c)) => (s.unwrap_or(1).max(1) as usize, c),
        (Err(r), _) | (_, Err(r)) => return r,
    };
    let count = count.map_or(MAX_COUNT, |c| c.clamp(0, MAX_COUNT as i64) as usize);
    let base = base_url(&headers);
    let users = lock(&dir.users);
    let matching: Vec<&ScimUser> = users
        .iter()
        .filter(|u| match &filter {
            None => true,
            Some((true, v)) => u.user_name.eq_ignore_ascii_case(v),
            Some((false, v)) => u.external_id == *v,
        })
        .collect();
    let page: Vec<Value> = matching
        .iter()
        .skip(start - 1)
        .take(count)
        .map(|u| user_json(&base, &dir.id, u))
        .collect();
    scim_json(
        StatusCode::OK,
        json!({
            "schemas": [LIST_SCHEMA],
            "totalResults": matching.len(),
            "startIndex": start,
            "itemsPerPage": page.len(),
            "Resources": page,
        }),
    )
}

fn base_url(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    format!("http://{host}")
}

fn find(users: &[ScimUser], id: &str) -> Result<usize, Response> {
    users
        .iter()
        .position(|u| u.id == id)
        .ok_or_else(|| error(StatusCode::NOT_FOUND, None, "Resource not found."))
}

async fn get_user(
    State(dir): Dir,
    Path((d, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    if let Err(r) = check(&dir, &d, &headers) {
        return r;
    }
    let users = lock(&dir.users);
    match find(&users, &id) {
        Ok(i) => scim_json(
            StatusCode::OK,
            user_json(&base_url(&headers), &dir.id, &users[i]),
        ),
        Err(r) => r,
    }
}

/// The JSON body of a write, once the directory and key pass [`check`]; otherwise the answer
/// to send (the check's, or 400 `invalidSyntax` when the body is not JSON).
fn checked_json(
    dir: &Directory,
    id: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Value, Response> {
    check(dir, id, headers)?;
    serde_json::from_slice(body).map_err(|_| {
        error(
            StatusCode::BAD_REQUEST,
            Some("invalidSyntax"),
            "Body is not JSON.",
        )
    })
}

async fn create_user(
    State(dir): Dir,
    Path(d): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let body = match checked_json(&dir, &d, &headers, &body) {
        Ok(body) => body,
        Err(r) => return r,
    };
    let text = |k: &str| body[k].as_str().map(str::to_owned);
    let email = body["emails"]
        .as_array()
        .and_then(|e| e.iter().find_map(|e| e["value"].as_str()))
        .map(str::to_owned);
    let (Some(user_name), Some(email)) = (text("userName"), email) else {
        return error(
            StatusCode::BAD_REQUEST,
            Some("invalidValue"),
            "userName and emails are required.",
        );
    };
    let mut users = lock(&dir.users);
    if users
        .iter()
        .any(|u| u.user_name.eq_ignore_ascii_case(&user_name))
    {
        return error(
            StatusCode::CONFLICT,
            Some("uniqueness"),
            "A user with this userName already exists.",
        );
    }
    let n = {
        let mut c = lock(&dir.created);
        *c += 1;
        *c
    };
    let user = ScimUser {
        id: format!("ffffffff-0000-4000-b000-{n:012x}"),
        external_id: text("externalId").unwrap_or_default(),
        display_name: text("displayName").unwrap_or_else(|| user_name.clone()),
        active: body["active"].as_bool().unwrap_or(true),
        account_id: format!("557058:ffffffff-0000-4000-8000-{n:012x}"),
        user_name,
        email,
    };
    let out = user_json(&base_url(&headers), &dir.id, &user);
    users.push(user);
    scim_json(StatusCode::CREATED, out)
}

/// The `active` value a PATCH sets, if any: `{"op":"replace","path":"active","value":false}`
/// or, without a path, `{"op":"replace","value":{"active":false}}` (both RFC 7644 forms).
fn patched_active(body: &Value) -> Result<Option<bool>, Response> {
    let ops = body
        .get("Operations")
        .or_else(|| body.get("operations"))
        .and_then(Value::as_array)
        .ok_or_else(|| {
            error(
                StatusCode::BAD_REQUEST,
                Some("invalidSyntax"),
                "Operations are required.",
            )
        })?;
    let mut active = None;
    for op in ops {
        let kind = op["op"].as_str().unwrap_or_default();
        if !kind.eq_ignore_ascii_case("replace") && !kind.eq_ignore_ascii_case("add") {
            return Err(error(
                StatusCode::BAD_REQUEST,
                Some("invalidValue"),
                &format!("Unsupported operation '{kind}'."),
            ));
        }
        let value = match op["path"].as_str() {
            Some(p) if p.eq_ignore_ascii_case("active") => &op["value"],
            Some(p) => {
                return Err(error(
                    StatusCode::BAD_REQUEST,
                    Some("invalidPath"),
                    &format!("The fake cannot change '{p}'."),
                ));
            }
            None => &op["value"]["active"],
        };
        active = match value {
            Value::Bool(b) => Some(*b),
            Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
            Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
            _ => {
                return Err(error(
                    StatusCode::BAD_REQUEST,
                    Some("invalidValue"),
                    "active must be true or false.",
                ));
            }
        };
    }
    Ok(active)
}

async fn patch_user(
    State(dir): Dir,
    Path((d, id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let body = match checked_json(&dir, &d, &headers, &body) {
        Ok(body) => body,
        Err(r) => return r,
    };
    let active = match patched_active(&body) {
        Ok(a) => a,
        Err(r) => return r,
    };
    let mut users = lock(&dir.users);
    let i = match find(&users, &id) {
        Ok(i) => i,
        Err(r) => return r,
    };
    if let Some(a) = active {
        users[i].active = a;
    }
    scim_json(
        StatusCode::OK,
        user_json(&base_url(&headers), &dir.id, &users[i]),
    )
}

async fn delete_user(
    State(dir): Dir,
    Path((d, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    if let Err(r) = check(&dir, &d, &headers) {
        return r;
    }
    let mut users = lock(&dir.users);
    match find(&users, &id) {
        Ok(i) => {
            users.remove(i);
            StatusCode::NO_CONTENT.into_response()
        }
        Err(r) => r,
    }
}

async fn service_provider_config(
    State(dir): Dir,
    Path(d): Path<String>,
    headers: HeaderMap,
) -> Response {
    if let Err(r) = check(&dir, &d, &headers) {
        return r;
    }
    scim_json(
        StatusCode::OK,
        json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
            "patch": {"supported": true},
            "bulk": {"supported": false, "maxOperations": 0, "maxPayloadSize": 0},
            "filter": {"supported": true, "maxResults": MAX_COUNT},
            "changePassword": {"supported": false},
            "sort": {"supported": false},
            "etag": {"supported": false},
            "authenticationSchemes": [{"type": "oauthbearertoken", "name": "API key", "primary": true}],
        }),
    )
}

impl crate::ServerBuilder {
    /// The SCIM directory id and the API key it accepts as `Bearer` (default
    /// [`DEFAULT_SCIM_DIRECTORY`](crate::DEFAULT_SCIM_DIRECTORY) and
    /// [`DEFAULT_SCIM_KEY`](crate::DEFAULT_SCIM_KEY)). The directory holds one user per Cloud
    /// workspace member, linked by account id (see the crate docs).
    pub fn scim_directory(
        mut self,
        directory_id: impl Into<String>,
        key: impl Into<String>,
    ) -> Self {
        self.scim = (directory_id.into(), key.into());
        self
    }
}

impl crate::Server {
    /// The SCIM directory id.
    pub fn scim_directory(&self) -> &str {
        &self.scim.id
    }

    /// The SCIM API key the directory accepts as `Bearer`.
    pub fn scim_key(&self) -> &str {
        &self.scim.key
    }

    /// Every remaining user of the SCIM directory, in listing order.
    pub fn scim_users(&self) -> Vec<ScimUser> {
        lock(&self.scim.users).clone()
    }

    /// The SCIM user linked to a Cloud account id, if it was not deleted.
    pub fn scim_user_for_account(&self, account_id: &str) -> Option<ScimUser> {
        lock(&self.scim.users)
            .iter()
            .find(|u| u.account_id == account_id)
            .cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_parse_as_atlassian_documents_them() {
        assert_eq!(
            parse_filter(r#"userName eq "a \"b\"@x.com""#).ok(),
            Some((true, "a \"b\"@x.com".to_owned()))
        );
        assert_eq!(
            parse_filter(r#"externalId EQ "e-1""#).ok(),
            Some((false, "e-1".to_owned()))
        );
        for bad in [
            r#"emails.value eq "a@x.com""#,
            r#"userName co "a""#,
            "userName eq unquoted",
            "userName",
        ] {
            let r = parse_filter(bad).unwrap_err();
            assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{bad}");
        }
    }

    #[test]
    fn patch_reads_both_operation_forms() {
        let path = json!({"Operations": [{"op": "replace", "path": "active", "value": false}]});
        assert_eq!(patched_active(&path).ok(), Some(Some(false)));
        let value = json!({"operations": [{"op": "Replace", "value": {"active": "True"}}]});
        assert_eq!(patched_active(&value).ok(), Some(Some(true)));
        assert!(patched_active(&json!({})).is_err());
        assert!(
            patched_active(&json!({"Operations": [{"op": "remove", "path": "active"}]})).is_err()
        );
    }
}
