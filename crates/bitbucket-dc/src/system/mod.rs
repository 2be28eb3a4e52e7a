//! System administration: application properties, license, cluster, announcement banner,
//! global default branch, mail server, global merge strategies, rate limits, logging, SSH key
//! policy and Git mesh nodes.
//!
//! ```no_run
//! # async fn demo(dc: bitbucket_dc::Client) -> bitbucket_dc::Result<()> {
//! let sys = dc.system();
//! let props = sys.application_properties().send().await?;
//! println!("Bitbucket {}", props.version.unwrap_or_default());
//! sys.banner().set("Maintenance tonight 22:00 UTC").send().await?;
//! sys.rate_limits().user("ci-bot").set().whitelisted(true).send().await?;
//! # Ok(()) }
//! ```

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Client;
use crate::common::User;
use crate::enums::string_enum;
use crate::ledger::{Endpoint, endpoints};
use crate::params::{body_params, query_params};
use crate::request::{Parts, Payload, request_builder};
use crate::scope::Scope;
use crate::settings::{MergeConfig, PullRequestSettings};

endpoints! {
    area: System;
    APP_PROPERTIES = Get "/api/latest/application-properties";
    CLUSTER = Get "/api/latest/admin/cluster";
    LICENSE_GET = Get "/api/latest/admin/license";
    LICENSE_SET = Post "/api/latest/admin/license";
    BANNER_GET = Get "/api/latest/admin/banner";
    BANNER_SET = Put "/api/latest/admin/banner";
    BANNER_DELETE = Delete "/api/latest/admin/banner";
    DEFAULT_BRANCH_GET = Get "/api/latest/admin/default-branch";
    DEFAULT_BRANCH_SET = Put "/api/latest/admin/default-branch";
    DEFAULT_BRANCH_CLEAR = Delete "/api/latest/admin/default-branch";
    MAIL_GET = Get "/api/latest/admin/mail-server";
    MAIL_SET = Put "/api/latest/admin/mail-server";
    MAIL_DELETE = Delete "/api/latest/admin/mail-server";
    SENDER_GET = Get "/api/latest/admin/mail-server/sender-address";
    SENDER_SET = Put "/api/latest/admin/mail-server/sender-address";
    SENDER_CLEAR = Delete "/api/latest/admin/mail-server/sender-address";
    MERGE_GET = Get "/api/latest/admin/pull-requests/{scmId}";
    MERGE_SET = Post "/api/latest/admin/pull-requests/{scmId}";
    RATE_HISTORY = Get "/api/latest/admin/rate-limit/history";
    RATE_SETTINGS_GET = Get "/api/latest/admin/rate-limit/settings";
    RATE_SETTINGS_SET = Put "/api/latest/admin/rate-limit/settings";
    RATE_USERS = Get "/api/latest/admin/rate-limit/settings/users";
    RATE_USERS_SET = Post "/api/latest/admin/rate-limit/settings/users";
    RATE_USER_GET = Get "/api/latest/admin/rate-limit/settings/users/{userSlug}";
    RATE_USER_SET = Put "/api/latest/admin/rate-limit/settings/users/{userSlug}";
    RATE_USER_DELETE = Delete "/api/latest/admin/rate-limit/settings/users/{userSlug}";
    LOG_LEVEL_GET = Get "/api/latest/logs/logger/{loggerName}";
    LOG_LEVEL_SET = Put "/api/latest/logs/logger/{loggerName}/{levelName}";
    ROOT_LEVEL_GET = Get "/api/latest/logs/rootLogger";
    ROOT_LEVEL_SET = Put "/api/latest/logs/rootLogger/{levelName}";
    LOG_SETTINGS_GET = Get "/api/latest/logs/settings";
    LOG_SETTINGS_SET = Put "/api/latest/logs/settings";
    SSH_SETTINGS_GET = Get "/admin";
    SSH_SETTINGS_SET = Put "/admin";
    SSH_KEY_TYPES = Get "/admin/supported-key-types";
    MESH_NODES = Get "/api/latest/admin/git/mesh/nodes";
    MESH_REGISTER = Post "/api/latest/admin/git/mesh/nodes";
    MESH_NODE_GET = Get "/api/latest/admin/git/mesh/nodes/{id}";
    MESH_NODE_UPDATE = Put "/api/latest/admin/git/mesh/nodes/{id}";
    MESH_NODE_DELETE = Delete "/api/latest/admin/git/mesh/nodes/{id}";
    MESH_CONNECTIVITY = Get "/api/latest/admin/git/mesh/diagnostics/connectivity";
    MESH_CONTROL_PLANE_KEY = Get "/api/latest/admin/git/mesh/config/control-plane.pem";
    MESH_SUPPORT_ZIPS = Get "/api/latest/admin/git/mesh/support-zips";
    MESH_SUPPORT_ZIP = Get "/api/latest/admin/git/mesh/support-zips/{id}";
}

mod builders;
mod handles;
mod model;

pub use builders::*;
pub use handles::*;
pub use model::*;
