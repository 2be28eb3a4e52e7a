//! The routing table: which handler serves which method and path.

use std::sync::Arc;

use axum::Router;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use crate::http::{Shared, cloud_error, dc_error, gate};
use crate::{cloud, dc, dc_repos, oauth};

/// Every route the fake serves, behind the request gate.
pub(crate) fn router(shared: Arc<Shared>, scim: Arc<crate::scim::Directory>) -> Router {
    Router::new()
        .merge(crate::scim::router(scim))
        .route(
            "/rest/api/{v}/application-properties",
            get(dc::application_properties),
        )
        .route("/rest/api/{v}/admin/users", get(dc::admin_users))
        .route("/rest/api/{v}/projects", get(dc_repos::projects))
        .route("/rest/api/{v}/projects/{key}", get(dc_repos::project))
        .route("/rest/api/{v}/projects/{key}/repos", get(dc_repos::repos))
        .route(
            "/rest/api/{v}/projects/{key}/repos/{slug}",
            get(dc_repos::repo),
        )
        .route("/rest/api/{v}/users", get(dc::users))
        .route("/rest/api/{v}/users/{slug}", get(dc::user))
        .route(
            "/rest/access-tokens/{v}/users/{slug}",
            get(dc::list_tokens).put(dc::create_token),
        )
        .route(
            "/rest/access-tokens/{v}/users/{slug}/{id}",
            get(dc::get_token).delete(dc::delete_token),
        )
        .route("/2.0/user", get(cloud::current_user))
        .route("/2.0/workspaces/{ws}/members", get(cloud::members))
        .route("/2.0/workspaces/{ws}/members/{member}", get(cloud::member))
        .route("/2.0/workspaces/{ws}/projects", get(cloud::projects))
        .route("/2.0/repositories/{ws}", get(cloud::repositories))
        .route("/2.0/repositories/{ws}/{repo}", get(cloud::repository))
        .route(
            "/2.0/repositories/{ws}/{repo}/downloads/{file}",
            get(cloud::download),
        )
        .route("/storage/{ws}/{repo}/{file}", get(cloud::storage))
        .route("/site/oauth2/authorize", get(oauth::authorize))
        .route("/site/oauth2/access_token", post(oauth::cloud_token))
        .route("/rest/oauth2/latest/authorize", get(oauth::authorize))
        .route("/rest/oauth2/latest/token", post(oauth::dc_token))
        .route(
            "/2.0/repositories/{ws}/{repo}/permissions-config/users",
            get(cloud::repo_perms),
        )
        .route(
            "/2.0/repositories/{ws}/{repo}/permissions-config/users/{user}",
            get(cloud::repo_perm_get)
                .put(cloud::repo_perm_put)
                .delete(cloud::repo_perm_delete),
        )
        .route(
            "/2.0/workspaces/{ws}/projects/{key}/permissions-config/users",
            get(cloud::project_perms),
        )
        .route(
            "/2.0/workspaces/{ws}/projects/{key}/permissions-config/users/{user}",
            get(cloud::project_perm_get)
                .put(cloud::project_perm_put)
                .delete(cloud::project_perm_delete),
        )
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(shared.clone(), gate))
        .with_state(shared)
}

async fn not_found(req: Request) -> Response {
    let path = req.uri().path();
    let msg = format!("The fake does not serve {path}");
    if path.starts_with("/rest/") {
        dc_error(
            StatusCode::NOT_FOUND,
            "com.atlassian.bitbucket.rest.NotFoundException",
            &msg,
        )
    } else if path.starts_with("/2.0/") {
        cloud_error(StatusCode::NOT_FOUND, &msg)
    } else {
        (StatusCode::NOT_FOUND, msg).into_response()
    }
}
