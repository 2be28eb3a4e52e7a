//! Authentication configuration: identity providers (SAML, OIDC, Crowd), SSO settings,
//! just-in-time provisioned users, login options, basic-auth restrictions, content security
//! policy, audit notices, and two-step verification (TOTP).
//!
//! Secrets that travel in these bodies (IdP client secrets, passwords, TOTP codes, recovery
//! codes, enrollment secrets) are `Secret`s: redacted in `Debug`.
//!
//! ```no_run
//! # async fn demo(dc: bitbucket_dc::Client) -> bitbucket_dc::Result<()> {
//! let idps = dc.auth_config().idps().send().await?;
//! for idp in &idps.results {
//!     println!("{:?} {:?} enabled={:?}", idp.id, idp.name, idp.enabled);
//! }
//! let status = dc.two_step().status().send().await?;
//! # let _ = status; Ok(()) }
//! ```

use bitbucket_core::Secret;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Client;
use crate::enums::string_enum;
use crate::ledger::{Endpoint, endpoints};
use crate::params::{body_params, query_params};
use crate::request::{Parts, Payload, request_builder};

endpoints! {
    area: AuthConfig;
    IDPS = Get "/authconfig/latest/idps";
    IDP_ADD = Post "/authconfig/latest/idps";
    IDP_GET = Get "/authconfig/latest/idps/{id}";
    IDP_REMOVE = Delete "/authconfig/latest/idps/{id}";
    IDP_UPDATE = Patch "/authconfig/latest/idps/{id}";
    JIT_USERS = Get "/authconfig/latest/jit-users";
    LOGIN_OPTIONS = Get "/authconfig/latest/login-options";
    SAML_CERT = Get "/authconfig/latest/saml/certificate";
    SAML_CERT_RESET = Post "/authconfig/latest/saml/certificate/reset";
    SSO = Get "/authconfig/latest/sso";
    SSO_UPDATE = Patch "/authconfig/latest/sso";
    BASIC_AUTH_GET = Get "/basicauth/latest/config";
    BASIC_AUTH_SET = Put "/basicauth/latest/config";
    CSP_SET = Put "/csp/latest/settings";
    AUDIT_DISMISS = Delete "/audit/latest/notification-settings/retention-config-review";
    TSV_AUTHENTICATE = Post "/tsv/latest/authenticate";
    TSV_CAPTCHA = Get "/tsv/latest/authenticate/captcha";
    TSV_AUTH_RECOVERY = Post "/tsv/latest/authenticate/recovery-code";
    TSV_AUTH_TOTP = Post "/tsv/latest/authenticate/totp-code";
    TSV_ELEVATION = Get "/tsv/latest/elevate-permissions";
    TSV_ELEVATE_PASSWORD = Post "/tsv/latest/elevate-permissions/password";
    TSV_ELEVATE_RECOVERY = Post "/tsv/latest/elevate-permissions/recovery-code";
    TSV_ELEVATE_TOTP = Post "/tsv/latest/elevate-permissions/totp";
    TSV_SSO_STATUS = Get "/tsv/latest/sso-management-status";
    TSV_STATUS = Get "/tsv/latest/status";
    TSV_COMPLETE_ENFORCED = Post "/tsv/latest/totp/complete-enforced-enrollment";
    TSV_COMPLETE_UPDATE = Post "/tsv/latest/totp/complete-enrollment-update";
    TSV_COMPLETE_VOLUNTARY = Post "/tsv/latest/totp/complete-voluntary-enrollment";
    TSV_ROTATE_RECOVERY = Post "/tsv/latest/totp/recovery-code/rotate";
    TSV_START_ENFORCED = Post "/tsv/latest/totp/start-enforced-enrollment";
    TSV_START_UPDATE = Post "/tsv/latest/totp/start-enrollment-update";
    TSV_START_VOLUNTARY = Post "/tsv/latest/totp/start-voluntary-enrollment";
    TSV_UNENROLL = Delete "/tsv/latest/totp/unenroll";
    TSV_UNENROLL_USER = Delete "/tsv/latest/totp/unenroll/user/{userName}";
}

mod builders;
mod handles;
mod model;

pub use builders::*;
pub use handles::*;
pub use model::*;
